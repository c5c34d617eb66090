//! Reading one numeral at a known position: Arabic digits (with thousands
//! separators and a decimal point), Chinese numerals by place value or digit
//! by digit, the mixed forms that scale digits by 百/千/万/亿 (`1.5万`), and
//! the 余/多 that may sit inside any of them (`12余万`, `两万余`).
//!
//! This module reads shapes only; whether a numeral counts anything in its
//! context is decided by the scanner in `quantity`.

use std::sync::OnceLock;

use crate::decimal::Decimal;

/// How a numeral itself was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Script {
    /// Digits only: `749`, `96.7`, `47,711`.
    Arabic,
    /// Chinese numeral characters only: `两万余`, `一百零五`, `壹佰贰拾`.
    Chinese,
    /// Digits scaled by a Chinese multiplier: `1.5万`, `3千`, `12余万`.
    Mixed,
}

/// A numeral read from text.
pub(crate) struct Numeral {
    pub value: Decimal,
    pub script: Script,
    pub form: Form,
    /// Written with 余 or 多: "more than" the value.
    pub excess: bool,
    /// Byte offset just past the numeral, its 余/多 included.
    pub end: usize,
}

/// The shape of a numeral, which tells the scanner what it may be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Form {
    /// Digits as written, before any multiplier: `2023` has four integer
    /// digits, `164.22万` three and two.
    Arabic {
        integer_digits: u32,
        fraction_digits: u32,
    },
    /// A Chinese numeral read by place value: `十二`, `两万`, `三点五`.
    Chinese,
    /// Chinese digits read one by one, as years are written: `二〇二三`.
    ChineseDigits,
    /// Led by a multiplier or zero with no digit of its own: `百`, `千万`,
    /// `零`. Valid as a number but in running text usually part of a word
    /// (千家万户, 零距离).
    ChineseBare,
}

/// No numeral could be read; scanning may resume at `end`, past whatever
/// looked like one (a date, a code, a malformed run such as 十四五).
pub(crate) struct Unreadable {
    pub end: usize,
}

/// Arabic runs longer than this are telephone numbers, IDs or codes.
const MAX_INTEGER_DIGITS: u32 = 12;

/// Whether a numeral can begin with `c`.
pub fn can_start(c: char) -> bool {
    // The scanner asks this of every character of a text: one bit per
    // character of the Basic Multilingual Plane answers without a match.
    static STARTERS: OnceLock<Vec<u64>> = OnceLock::new();
    let starters = STARTERS.get_or_init(|| {
        let mut bits = vec![0u64; 0x10000 / 64];
        for code in 0..0x10000u32 {
            let starts = char::from_u32(code)
                .is_some_and(|c| arabic_digit(c).is_some() || chinese_glyph(c).is_some());
            if starts {
                bits[(code / 64) as usize] |= 1 << (code % 64);
            }
        }
        bits
    });
    let code = c as u32;
    code < 0x10000 && starters[(code / 64) as usize] & (1 << (code % 64)) != 0
}

/// Reads a standalone numeral ("一百零五", "1,234.5", "1.5万", "两千",
/// "壹佰贰拾"); the whole string must be the numeral, with no 余/多.
pub fn parse_numeral(s: &str) -> Option<Decimal> {
    let numeral = read(s, 0).ok()?;
    (numeral.end == s.len() && !numeral.excess).then_some(numeral.value)
}

/// Reads the numeral that starts at byte `start` of `text`.
pub(crate) fn read(text: &str, start: usize) -> Result<Numeral, Unreadable> {
    let mut cursor = Cursor { text, pos: start };
    let base = match cursor.peek() {
        Some(c) if arabic_digit(c).is_some() => read_arabic(&mut cursor)?,
        Some(c) if chinese_glyph(c).is_some() => read_chinese(&mut cursor)?,
        _ => return Err(Unreadable { end: start }),
    };
    // 余/多 stands either before the multiplier (12余万) or after it (1.3万余).
    let mut excess = cursor.eat_excess();
    let multiplier = read_multiplier(&mut cursor);
    if multiplier.is_some() && !excess {
        excess = cursor.eat_excess();
    }
    let (value, script) = match multiplier {
        None => (base.value, base.script),
        Some(factor) => {
            let value = base.value.checked_mul(Decimal::new(factor, 0));
            let script = match base.script {
                Script::Arabic => Script::Mixed,
                other => other,
            };
            (value.ok_or(Unreadable { end: cursor.pos })?, script)
        }
    };
    Ok(Numeral {
        value,
        script,
        form: base.form,
        excess,
        end: cursor.pos,
    })
}

/// A numeral before any multiplier or 余/多.
struct Base {
    value: Decimal,
    script: Script,
    form: Form,
}

fn read_arabic(cursor: &mut Cursor) -> Result<Base, Unreadable> {
    let mut digits = Digits::default();
    let first_group = cursor.eat_digits(&mut digits);
    if first_group <= 3 {
        while thousands_group_follows(cursor.rest()) {
            cursor.bump();
            cursor.eat_digits(&mut digits);
        }
    }
    let integer_digits = digits.count;
    let has_fraction = cursor.peek().is_some_and(is_decimal_point)
        && cursor.peek_second().and_then(arabic_digit).is_some();
    if has_fraction {
        cursor.bump();
        cursor.eat_digits(&mut digits);
    }
    let fraction_digits = digits.count - integer_digits;

    let dotted_chain = has_fraction && cursor.digits_follow(&['.']);
    let year_range = !has_fraction
        && integer_digits == 4
        && digits
            .mantissa
            .is_some_and(|year| (1900..2100).contains(&year))
        && cursor.digits_follow(&['-', '/']);
    if dotted_chain || year_range {
        cursor.eat_digit_chain();
        return Err(Unreadable { end: cursor.pos });
    }
    let unreadable = Unreadable { end: cursor.pos };
    if integer_digits > MAX_INTEGER_DIGITS {
        return Err(unreadable);
    }
    let mantissa = digits.mantissa.ok_or(unreadable)?;
    Ok(Base {
        value: Decimal::new(mantissa, fraction_digits),
        script: Script::Arabic,
        form: Form::Arabic {
            integer_digits,
            fraction_digits,
        },
    })
}

/// Whether `rest` opens with a thousands separator: a comma (or the space that
/// statistics releases group digits with), exactly three digits, then no digit
/// (`,711` in `47,711`, ` 757` in `29 757`, but not `,9` nor `,5678`).
fn thousands_group_follows(rest: &str) -> bool {
    let mut chars = rest.chars();
    chars
        .next()
        .is_some_and(|c| THOUSANDS_SEPARATORS.contains(&c))
        && chars
            .by_ref()
            .take(3)
            .filter(|&c| arabic_digit(c).is_some())
            .count()
            == 3
        && chars.next().and_then(arabic_digit).is_none()
}

const THOUSANDS_SEPARATORS: &[char] = &[',', ' ', '\u{2009}', '\u{202F}'];

fn read_chinese(cursor: &mut Cursor) -> Result<Base, Unreadable> {
    let start = cursor.pos;
    while cursor.eat(|c| chinese_glyph(c).is_some()) {}
    let run = &cursor.text[start..cursor.pos];
    let (integer, form) = chinese_integer(run).ok_or(Unreadable { end: cursor.pos })?;
    let mut value = Decimal::new(integer, 0);
    // 三点五: 点 is a decimal point only when a digit follows it.
    if cursor.peek() == Some('点') && cursor.peek_second().and_then(chinese_digit).is_some() {
        cursor.bump();
        let mut digits = Digits::default();
        while let Some(d) = cursor.peek().and_then(chinese_digit) {
            digits.push(d);
            cursor.bump();
        }
        value = digits
            .mantissa
            .and_then(|m| value.checked_add(Decimal::new(m, digits.count)))
            .ok_or(Unreadable { end: cursor.pos })?;
    }
    Ok(Base {
        value,
        script: Script::Chinese,
        form,
    })
}

/// The value and form of a run of Chinese numeral characters, or `None`
/// when the run is not one numeral (十四五, 三十二五).
fn chinese_integer(run: &str) -> Option<(i128, Form)> {
    let glyphs = || run.chars().filter_map(chinese_glyph);
    let first = glyphs().next()?;
    let placed = glyphs().any(|g| !matches!(g, Glyph::Digit(_) | Glyph::Zero));
    if !placed {
        return digit_by_digit(glyphs());
    }
    let form = match first {
        Glyph::Zero | Glyph::Wan | Glyph::Yi => Form::ChineseBare,
        Glyph::Place(place) if place >= 100 => Form::ChineseBare,
        _ => Form::Chinese,
    };
    Some((place_value(glyphs())?, form))
}

/// A run without place characters: a single digit, or digits spelled out
/// one by one (二〇二三).
fn digit_by_digit(glyphs: impl Iterator<Item = Glyph>) -> Option<(i128, Form)> {
    let mut digits = Digits::default();
    let mut only_zero = true;
    for glyph in glyphs {
        let digit = match glyph {
            Glyph::Digit(d) => d,
            _ => 0,
        };
        only_zero &= digit == 0;
        digits.push(digit);
    }
    let value = digits.mantissa?;
    let form = match digits.count {
        1 if only_zero => Form::ChineseBare,
        1 => Form::Chinese,
        _ => Form::ChineseDigits,
    };
    Some((value, form))
}

/// Reads a Chinese numeral by place value: 一百零五, 三千五百, 两万余's 两万,
/// and the spoken abbreviation 三千五 (3500), 两万五 (25 000).
///
/// The grammar bounds the value (places fall within a group, 万 and 亿 come
/// once each per group), so the sums below cannot overflow an `i128`.
fn place_value(glyphs: impl Iterator<Item = Glyph>) -> Option<i128> {
    const WAN: i128 = 10_000;
    const YI: i128 = 100_000_000;
    let mut above_yi = 0; // everything before the last 亿, already scaled
    let mut wan_group = 0; // the 万 group since then, already scaled
    let mut group = 0; // below 万
    let mut digit: Option<i128> = None;
    let mut ceiling = WAN; // a place must fall below the previous one
    let mut after_zero = false;
    let mut last_place = None;
    let (mut seen_wan, mut seen_yi) = (false, false);
    for (i, glyph) in glyphs.enumerate() {
        match glyph {
            Glyph::Digit(d) => {
                if digit.replace(i128::from(d)).is_some() {
                    return None;
                }
            }
            Glyph::Zero => {
                if digit.is_some() {
                    return None;
                }
                after_zero = true;
            }
            Glyph::Place(place) => {
                if place >= ceiling {
                    return None;
                }
                // 十二 and 一千零十 leave the 一 unwritten.
                let implicit_one = i == 0 || (place == 10 && after_zero);
                let times = match digit.take() {
                    Some(d) => d,
                    None if implicit_one => 1,
                    None => return None,
                };
                group += times * place;
                ceiling = place;
                after_zero = false;
                last_place = Some(place);
            }
            Glyph::Wan | Glyph::Yi => {
                let value = group + digit.take().unwrap_or(0);
                let value = if i == 0 { 1 } else { value };
                if value == 0 && wan_group == 0 {
                    return None;
                }
                if glyph == Glyph::Wan {
                    if seen_wan {
                        return None;
                    }
                    seen_wan = true;
                    wan_group = value * WAN;
                    last_place = Some(WAN);
                } else {
                    if seen_yi {
                        return None;
                    }
                    seen_yi = true;
                    above_yi = (wan_group + value) * YI;
                    wan_group = 0;
                    seen_wan = false;
                    last_place = Some(YI);
                }
                group = 0;
                ceiling = WAN;
                after_zero = false;
            }
        }
    }
    let tail = match (digit, last_place) {
        (None, _) if after_zero => return None,
        (None, _) => 0,
        (Some(d), Some(place)) if place >= 100 && !after_zero => d * place / 10,
        (Some(d), _) => d,
    };
    Some(above_yi + wan_group + group + tail)
}

/// A run of 百/千/万/亿 scaling the numeral before it: 万 in `1.5万`, 千万
/// in `3千万`. After the first, each must be larger (万亿, not 亿万).
fn read_multiplier(cursor: &mut Cursor) -> Option<i128> {
    let scale = |glyph| match glyph {
        Glyph::Place(place) if place >= 100 => Some(place),
        Glyph::Wan => Some(10_000),
        Glyph::Yi => Some(100_000_000),
        _ => None,
    };
    let mut product = cursor.eat_map(|c| chinese_glyph(c).and_then(scale))?;
    let mut last = product;
    while let Some(factor) = cursor.eat_map(|c| {
        let glyph = chinese_glyph(c)?;
        let grows = matches!(glyph, Glyph::Wan | Glyph::Yi);
        scale(glyph).filter(|&f| grows && f > last)
    }) {
        // At most 10³ · 10⁴ · 10⁸: no overflow.
        product *= factor;
        last = factor;
    }
    Some(product)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Glyph {
    Digit(u32),
    Zero,
    /// 十, 百, 千: places within a group of four.
    Place(i128),
    Wan,
    Yi,
}

fn chinese_glyph(c: char) -> Option<Glyph> {
    Some(match c {
        '零' | '〇' => Glyph::Zero,
        '一' | '壹' => Glyph::Digit(1),
        '二' | '两' | '兩' | '贰' | '貳' => Glyph::Digit(2),
        '三' | '叁' | '參' => Glyph::Digit(3),
        '四' | '肆' => Glyph::Digit(4),
        '五' | '伍' => Glyph::Digit(5),
        '六' | '陆' | '陸' => Glyph::Digit(6),
        '七' | '柒' => Glyph::Digit(7),
        '八' | '捌' => Glyph::Digit(8),
        '九' | '玖' => Glyph::Digit(9),
        '十' | '拾' => Glyph::Place(10),
        '百' | '佰' => Glyph::Place(100),
        '千' | '仟' => Glyph::Place(1000),
        '万' | '萬' => Glyph::Wan,
        '亿' | '億' => Glyph::Yi,
        _ => return None,
    })
}

/// A Chinese digit as spelled in fractions and years (零 and 〇 are 0).
fn chinese_digit(c: char) -> Option<u32> {
    match chinese_glyph(c)? {
        Glyph::Digit(d) => Some(d),
        Glyph::Zero => Some(0),
        _ => None,
    }
}

/// Half- and full-width digits.
fn arabic_digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

fn is_decimal_point(c: char) -> bool {
    c == '.' || c == '．'
}

/// Digits accumulated into a mantissa, which becomes `None` on overflow.
struct Digits {
    mantissa: Option<i128>,
    count: u32,
}

impl Default for Digits {
    fn default() -> Digits {
        Digits {
            mantissa: Some(0),
            count: 0,
        }
    }
}

impl Digits {
    fn push(&mut self, digit: u32) {
        self.mantissa = self
            .mantissa
            .and_then(|m| m.checked_mul(10))
            .and_then(|m| m.checked_add(i128::from(digit)));
        self.count = self.count.saturating_add(1);
    }
}

/// A position in the text, always on a char boundary.
struct Cursor<'a> {
    text: &'a str,
    pos: usize,
}

impl Cursor<'_> {
    fn rest(&self) -> &str {
        self.text.get(self.pos..).unwrap_or("")
    }

    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    fn peek_second(&self) -> Option<char> {
        self.rest().chars().nth(1)
    }

    fn bump(&mut self) {
        if let Some(c) = self.peek() {
            self.pos += c.len_utf8();
        }
    }

    fn eat(&mut self, wanted: impl FnOnce(char) -> bool) -> bool {
        self.eat_map(|c| wanted(c).then_some(())).is_some()
    }

    fn eat_map<T>(&mut self, read: impl FnOnce(char) -> Option<T>) -> Option<T> {
        let c = self.peek()?;
        let value = read(c)?;
        self.pos += c.len_utf8();
        Some(value)
    }

    fn eat_excess(&mut self) -> bool {
        self.eat(|c| c == '余' || c == '多')
    }

    /// Eats Arabic digits into `digits`, returning how many.
    fn eat_digits(&mut self, digits: &mut Digits) -> u32 {
        let mut eaten = 0;
        while let Some(d) = self.eat_map(arabic_digit) {
            digits.push(d);
            eaten += 1;
        }
        eaten
    }

    /// Whether one of `separators` comes next, followed by a digit.
    fn digits_follow(&self, separators: &[char]) -> bool {
        self.peek().is_some_and(|c| separators.contains(&c))
            && self.peek_second().and_then(arabic_digit).is_some()
    }

    /// Eats the rest of a date or code: `.1` of `2024.3.1`, `-02-28` of
    /// `2024-02-28`, `-2025` of `2023-2025`.
    fn eat_digit_chain(&mut self) {
        while self.digits_follow(&['.', '-', '/']) {
            self.bump();
            self.eat_digits(&mut Digits::default());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(s: &str) -> Option<String> {
        parse_numeral(s).map(|d| d.to_string())
    }

    #[test]
    fn reads_chinese_numerals() {
        let cases = [
            ("十", "10"),
            ("十二", "12"),
            ("一十二", "12"),
            ("九十", "90"),
            ("一百零五", "105"),
            ("一千零十", "1010"),
            ("两千", "2000"),
            ("三千五百", "3500"),
            ("三千五", "3500"),
            ("两万五", "25000"),
            ("一百一", "110"),
            ("十万", "100000"),
            ("一万零五百", "10500"),
            ("一万二千三百四十五", "12345"),
            ("一亿二千万", "120000000"),
            ("一万亿", "1000000000000"),
            ("壹佰贰拾叁", "123"),
            ("壹佰贰拾", "120"),
            ("百", "100"),
            ("零", "0"),
            ("二〇二三", "2023"),
            ("三点五", "3.5"),
            ("九十九点五", "99.5"),
            ("三点五万", "35000"),
        ];
        for (text, expected) in cases {
            assert_eq!(value(text).as_deref(), Some(expected), "{text}");
        }
    }

    #[test]
    fn reads_arabic_and_mixed_numerals() {
        let cases = [
            ("749", "749"),
            ("1,234.5", "1234.5"),
            ("47,711", "47711"),
            ("1,234,567", "1234567"),
            ("１２３", "123"),
            ("96．7", "96.7"),
            ("1.5万", "15000"),
            ("3千", "3000"),
            ("1.19万", "11900"),
            ("5百万", "5000000"),
            ("1.2万亿", "1200000000000"),
        ];
        for (text, expected) in cases {
            assert_eq!(value(text).as_deref(), Some(expected), "{text}");
        }
    }

    #[test]
    fn rejects_what_is_not_one_numeral() {
        for text in [
            "",
            "十四五",
            "三十二五",
            "一万二万",
            "一亿亿",
            "一百零",
            "两万余",
            "8,9",
            "1234,567",
            "2024.3.1",
            "2023-2025",
            "1234567890123",
            "1.5万abc",
            "-5",
            "亿万",
        ] {
            assert_eq!(value(text), None, "{text}");
        }
    }
}
