//! Unit names: splitting "株洲市芦淞区人民政府" into its place (株洲市芦淞区)
//! and its organ (人民政府), and what kind of place or organ that is.
//!
//! Names are read without a gazetteer: a place is a run of segments, each a
//! short name ending in an administrative suffix (省, 市, 区, 县, 镇, 街道…);
//! what follows is the organ. This module knows name shapes only; which name
//! a report belongs to is `meta`'s decision.

use crate::page::scan::{chars, is_han};
use crate::Level;

/// Characters that end a place segment.
const PLACE_SUFFIXES: &[char] = &['省', '市', '州', '盟', '区', '县', '旗', '镇', '乡'];
/// Suffix characters that are part of a name when another suffix follows them
/// ("杭州市", "通州区", "景德镇市"), with the suffixes that may follow.
const SUFFIXES_INSIDE_NAMES: &[(char, &[char])] = &[('州', &['市', '区', '县']), ('镇', &['市'])];
/// Words that start with a suffix character: "镇市场监管所" is 镇 + 市场监管所.
const WORDS_AFTER_PLACES: &[&str] = &["市场", "市民", "市政", "市容", "区域", "区块", "县域"];
/// Two-character place suffixes whose last character is not in `PLACE_SUFFIXES`.
const PLACE_SUFFIXES_2: &[&str] = &["街道", "苏木"];
/// The longest place segment, in characters ("新疆维吾尔自治区", "巴音郭楞蒙古自治州").
const MAX_SEGMENT_CHARS: usize = 10;
/// Words shaped like place segments that are not places.
const NOT_PLACES: &[&str] = &[
    "城市",
    "城乡",
    "都市",
    "超市",
    "门市",
    "上市",
    "省市",
    "市县",
    "县市",
    "区县",
    "县区",
    "市区",
    "社区",
    "园区",
    "景区",
    "辖区",
    "小区",
    "片区",
    "湾区",
    "街区",
    "山区",
    "林区",
    "牧区",
    "矿区",
    "灾区",
    "示范区",
    "全省",
    "全市",
    "全区",
    "全县",
    "全州",
    "全镇",
    "全乡",
    "全旗",
    "我省",
    "我市",
    "我区",
    "我县",
    "我州",
    "我镇",
    "我乡",
    "我旗",
    "本省",
    "本市",
    "本区",
    "本县",
    "本镇",
    "本乡",
    "各省",
    "各市",
    "各区",
    "各县",
    "各乡",
    "各镇",
    "该市",
    "该区",
    "该县",
    "该镇",
];
/// Endings that make a segment-shaped word a common noun ("住房和城乡", "郑州市城市").
const NOT_PLACE_ENDINGS: &[&str] = &["城乡", "城市"];
/// Characters that never occur inside a place or organ name but often right
/// after one ("四季青街道在区委…", "柳城县以习近平…").
const FUNCTION_CHARS: &[char] = &[
    '的', '在', '以', '为', '对', '将', '把', '是', '了', '按', '从', '向', '于', '着', '并',
];
/// Organs that govern a place: a report signed by one of them is the place's report.
const GOVERNMENT_ORGANS: &[&str] = &[
    "人民政府办公室",
    "人民政府办公厅",
    "政府办公室",
    "政府办公厅",
    "人民政府",
    "政府",
    "党委和政府",
    "党委、政府",
    "党委政府",
    "党工委",
    "党委",
    "街道办事处",
    "办事处",
    "街道办",
    "管委会",
    "管理委员会",
];
/// Endings of a department's name (the organ of a department report).
const DEPARTMENT_ENDINGS: &[&str] = &[
    "局",
    "厅",
    "委员会",
    "委",
    "办公室",
    "办",
    "中心",
    "部",
    "署",
    "所",
    "院",
    "队",
    "站",
];
/// The longest organ name, in characters ("人力资源和社会保障局" is 10).
const MAX_ORGAN_CHARS: usize = 14;
/// Municipalities directly under the central government: province level.
const MUNICIPALITIES: &[&str] = &["北京市", "天津市", "上海市", "重庆市"];
/// Abbreviations of suffixes written in titles ("金湖街办" for 金湖街道办事处).
const ABBREVIATIONS: &[(&str, &str)] = &[("街办", "街道办事处"), ("市场监管局", "市场监督管理局")];

/// A unit name split into place and organ.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Unit<'a> {
    /// "株洲市芦淞区"; empty for a name without a place ("原环境保护部", "区民政局").
    pub place: &'a str,
    /// "人民政府", "司法局"; empty for a bare place.
    pub organ: &'a str,
}

impl<'a> Unit<'a> {
    /// Whether the organ governs the place (or there is no organ).
    pub fn is_government(&self) -> bool {
        self.organ.is_empty() || GOVERNMENT_ORGANS.contains(&self.organ)
    }

    /// Whether the organ is a department of a government.
    pub fn is_department(&self) -> bool {
        !self.is_government()
    }

    /// A name that only makes sense inside its own report: "区民政局", "市应急管理局"
    /// (the place is implied), or no name at all.
    pub fn is_relative(&self) -> bool {
        self.place.is_empty()
            && self
                .organ
                .chars()
                .next()
                .is_none_or(|c| PLACE_SUFFIXES.contains(&c) || "我本全各该".contains(c))
    }

    /// The level of the place, from its last segment's suffix.
    pub fn place_level(&self) -> Option<Level> {
        let segments = segments(self.place);
        let last = *segments.last()?;
        if MUNICIPALITIES.contains(&last) || last.ends_with('省') || last.ends_with("自治区") {
            return Some(Level::Province);
        }
        let level = match last.chars().last()? {
            '州' | '盟' => Level::City,
            '市' => {
                // A city under a city (南通市海安市) is a county-level city.
                let parent_is_city = segments.len() >= 2
                    && segments[segments.len() - 2].ends_with(['市', '州', '盟']);
                if parent_is_city {
                    Level::County
                } else {
                    Level::City
                }
            }
            '区' if last.ends_with("地区") => Level::City,
            '区' | '县' | '旗' => Level::County,
            '镇' | '乡' | '道' | '木' => Level::Township,
            _ => return None,
        };
        Some(level)
    }
}

/// Splits a unit name into place and organ. Never fails: a name that does not
/// parse is all organ.
pub(crate) fn split_unit(name: &str) -> Unit<'_> {
    let name = name.trim();
    let name = name.strip_prefix("中共").unwrap_or(name);
    let mut at = 0;
    while let Some(len) = place_segment(&name[at..]) {
        at += len;
    }
    Unit {
        place: &name[..at],
        organ: &name[at..],
    }
}

/// The place segments of a place name ("株洲市芦淞区" → 株洲市, 芦淞区).
fn segments(place: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(len) = place_segment(&place[at..]) {
        out.push(&place[at..at + len]);
        at += len;
    }
    out
}

/// The length of the place segment at the start of `s`, if one is there.
fn place_segment(s: &str) -> Option<usize> {
    let first = s.chars().next()?;
    if PLACE_SUFFIXES.contains(&first) || FUNCTION_CHARS.contains(&first) || !is_han(first) {
        return None;
    }
    for (i, c) in s.char_indices().take(MAX_SEGMENT_CHARS).skip(1) {
        if !is_han(c) || FUNCTION_CHARS.contains(&c) {
            return None;
        }
        let end = i + c.len_utf8();
        let segment = &s[..end];
        if PLACE_SUFFIXES.contains(&c) || PLACE_SUFFIXES_2.iter().any(|w| segment.ends_with(w)) {
            if let Some(len) = suffix_inside_name(c, &s[end..]) {
                return Some(end + len);
            }
            let not_place = NOT_PLACES.contains(&segment)
                || NOT_PLACE_ENDINGS.iter().any(|w| segment.ends_with(w));
            return (!not_place).then_some(end);
        }
    }
    None
}

/// The length of a suffix that continues a name after the suffix character
/// `c` ("杭州" + "市"), if `rest` starts with one.
fn suffix_inside_name(c: char, rest: &str) -> Option<usize> {
    let (_, followers) = SUFFIXES_INSIDE_NAMES
        .iter()
        .find(|(inner, _)| *inner == c)?;
    let next = rest.chars().next().filter(|n| followers.contains(n))?;
    let starts_word = WORDS_AFTER_PLACES.iter().any(|w| rest.starts_with(w));
    (!starts_word).then_some(next.len_utf8())
}

/// Whether `line` is a unit name standing alone ("株洲市芦淞区人民政府",
/// "中共海南省委 海南省人民政府", "富蕴县司法局"): a signature or the first half
/// of a title.
pub(crate) fn is_unit_name(line: &str) -> bool {
    const MAX_CHARS: usize = 40;
    let line = line.trim();
    if line.is_empty() || chars(line) > MAX_CHARS {
        return false;
    }
    line.split([' ', '、'])
        .filter(|p| !p.is_empty())
        .all(|part| {
            let unit = split_unit(part);
            part.chars().all(is_han)
                && organ_is_valid(unit.organ)
                && !(unit.place.is_empty() && unit.organ.is_empty())
        })
}

/// An organ is empty, a government organ, or a department name.
fn organ_is_valid(organ: &str) -> bool {
    organ.is_empty()
        || GOVERNMENT_ORGANS.contains(&organ)
        || (chars(organ) <= MAX_ORGAN_CHARS
            && !organ.contains(FUNCTION_CHARS)
            && DEPARTMENT_ENDINGS.iter().any(|e| organ.ends_with(e)))
}

/// The unit name at the start of `s` ("城东区市场监督管理局根据…" → 城东区市场监督管理局),
/// for the subject of a report's opening sentence. A joint name ("中共铁岭市委、
/// 铁岭市人民政府关于…") is taken whole.
pub(crate) fn leading_unit(s: &str) -> Option<&str> {
    let mut end = single_unit(s)?;
    while let Some(sep) = s[end..].chars().next().filter(|&c| c == '、' || c == ' ') {
        let next = end + sep.len_utf8();
        match single_unit(&s[next..]) {
            Some(len) => end = next + len,
            None => break,
        }
    }
    Some(&s[..end])
}

/// The length of one unit name at the start of `s`.
fn single_unit(s: &str) -> Option<usize> {
    let start = if s.starts_with("中共") {
        "中共".len()
    } else {
        0
    };
    let at = start + leading_place(&s[start..]).len();
    let end = at + leading_organ(&s[at..]);
    (end > start).then_some(end)
}

/// The place name at the start of `s` ("景德镇市贯彻落实…" → 景德镇市); empty if none.
pub(crate) fn leading_place(s: &str) -> &str {
    let mut at = 0;
    while let Some(len) = place_segment(&s[at..]) {
        at += len;
    }
    &s[..at]
}

/// The length of the organ at the start of `s`: the longest government organ
/// ("办事处", not its first character "办"), else the shortest prefix that
/// ends like a department ("市场监督管理局根据区委…" → 市场监督管理局).
fn leading_organ(s: &str) -> usize {
    let mut government = 0;
    let mut department = 0;
    for (k, (i, c)) in s.char_indices().enumerate().take(MAX_ORGAN_CHARS) {
        if !(is_han(c) || c == '、') || (k > 0 && FUNCTION_CHARS.contains(&c)) {
            break;
        }
        let end = i + c.len_utf8();
        let candidate = &s[..end];
        if GOVERNMENT_ORGANS.contains(&candidate) {
            government = end;
        } else if department == 0 && organ_is_valid(candidate) && !candidate.contains('、') {
            department = end;
        }
    }
    if government > 0 {
        government
    } else {
        department
    }
}

/// Expands abbreviated suffixes ("金湖街办" → "金湖街道办事处").
pub(crate) fn expand_abbreviations(name: &str) -> String {
    let mut out = name.to_string();
    for (short, long) in ABBREVIATIONS {
        if out.ends_with(short) && !out.ends_with(long) {
            out.truncate(out.len() - short.len());
            out.push_str(long);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(name: &str, place: &str, organ: &str, level: Option<Level>) {
        let unit = split_unit(name);
        assert_eq!((unit.place, unit.organ), (place, organ), "{name}");
        assert_eq!(unit.place_level(), level, "{name}");
    }

    #[test]
    fn places_and_organs() {
        use Level::*;
        check(
            "株洲市芦淞区人民政府",
            "株洲市芦淞区",
            "人民政府",
            Some(County),
        );
        check("咸宁市人民政府", "咸宁市", "人民政府", Some(City));
        check("富蕴县司法局", "富蕴县", "司法局", Some(County));
        check(
            "大冶市金湖街道办事处",
            "大冶市金湖街道",
            "办事处",
            Some(Township),
        );
        check(
            "城东区市场监督管理局",
            "城东区",
            "市场监督管理局",
            Some(County),
        );
        check(
            "宛城区人力资源和社会保障局",
            "宛城区",
            "人力资源和社会保障局",
            Some(County),
        );
        check("郑州市城市管理局", "郑州市", "城市管理局", Some(City));
        check("住房和城乡建设局", "", "住房和城乡建设局", None);
        check(
            "新疆维吾尔自治区阿勒泰地区富蕴县",
            "新疆维吾尔自治区阿勒泰地区富蕴县",
            "",
            Some(County),
        );
        check("内蒙古自治区", "内蒙古自治区", "", Some(Province));
        check("北京市", "北京市", "", Some(Province));
        check(
            "重庆市璧山区人民政府",
            "重庆市璧山区",
            "人民政府",
            Some(County),
        );
        check("黔西南州人民政府", "黔西南州", "人民政府", Some(City));
        check("巴音郭楞蒙古自治州", "巴音郭楞蒙古自治州", "", Some(City));
        check(
            "江苏省南通市海安市农业农村局",
            "江苏省南通市海安市",
            "农业农村局",
            Some(County),
        );
        check("赵县人民政府", "赵县", "人民政府", Some(County));
        check(
            "眉山市彭山区公义镇人民政府",
            "眉山市彭山区公义镇",
            "人民政府",
            Some(Township),
        );
        check("中共海南省委", "海南省", "委", Some(Province));
        check(
            "杭州市余杭区五常街道",
            "杭州市余杭区五常街道",
            "",
            Some(Township),
        );
        check("巴州", "巴州", "", Some(City));
        check("景德镇市", "景德镇市", "", Some(City));
        check(
            "巴音郭楞蒙古自治州市场监督管理局",
            "巴音郭楞蒙古自治州",
            "市场监督管理局",
            Some(City),
        );
        check("大河镇市场监管所", "大河镇", "市场监管所", Some(Township));
        check("区民政局", "", "区民政局", None);
        check("市应急管理局", "", "市应急管理局", None);
        check("原环境保护部", "", "原环境保护部", None);
    }

    #[test]
    fn kinds_of_units() {
        assert!(split_unit("富蕴县司法局").is_department());
        assert!(split_unit("临淄区人民政府办公室").is_government());
        assert!(split_unit("区民政局").is_relative());
        assert!(split_unit("全省").is_relative());
        assert!(!split_unit("原环境保护部").is_relative());
    }

    #[test]
    fn unit_name_lines() {
        for line in [
            "株洲市芦淞区人民政府",
            "中共海南省委 海南省人民政府",
            "富蕴县司法局",
            "济源市人民政府",
            "大河乡人民政府",
            "深圳市坪山区法律援助中心",
        ] {
            assert!(is_unit_name(line), "{line}");
        }
        for line in [
            "市司法局 2023年02月17日",
            "工作总结",
            "法治政府建设",
            "2024年2月23日",
            "一、主要举措和成效",
            "政策文件",
            "有效",
        ] {
            assert!(!is_unit_name(line), "{line}");
        }
    }

    #[test]
    fn leading_units_of_openings() {
        for (s, expected) in [
            ("四季青街道在区委区政府的坚强领导下", Some("四季青街道")),
            ("城东区市场监督管理局根据区委", Some("城东区市场监督管理局")),
            (
                "宁夏回族自治区党委和政府全面学习",
                Some("宁夏回族自治区党委和政府"),
            ),
            (
                "柳城县以习近平新时代中国特色社会主义思想为指导",
                Some("柳城县"),
            ),
            ("富蕴县法治政府建设工作以习近平", Some("富蕴县")),
            ("原环境保护部深入学习宣传", Some("原环境保护部")),
            ("泾源县公安局在县委", Some("泾源县公安局")),
            ("黔西南州人民政府坚持", Some("黔西南州人民政府")),
            ("我县坚持以习近平", None),
            ("通州区以习近平", Some("通州区")),
            (
                "中共铁岭市委、铁岭市人民政府关于2022年",
                Some("中共铁岭市委、铁岭市人民政府"),
            ),
            ("大冶市金湖街道办事处", Some("大冶市金湖街道办事处")),
            ("在市委、市政府的正确领导下", None),
        ] {
            assert_eq!(leading_unit(s), expected, "{s}");
        }
    }
}
