//! Meta on short texts and on the sample reports: one reading per case.

use super::*;
use crate::outline::outline;

fn read(text: &str) -> Meta {
    read_with(text, &[])
}

fn read_with(text: &str, page_meta: &[(String, String)]) -> Meta {
    let doc = Document::new(text);
    let page = Page::read(&doc, &mut Vec::new());
    let outline = outline(&doc, &page);
    meta(&doc, &page, &outline, page_meta).0
}

/// What a test expects of a report's metadata; `None` fields are expected absent.
#[derive(Debug, Default, PartialEq)]
struct Expected<'a> {
    jurisdiction: Option<&'a str>,
    level: Option<Level>,
    report_year: Option<i32>,
    signed_date: Option<&'a str>,
    published_date: Option<&'a str>,
    issuer: Option<&'a str>,
}

fn check(text: &str, expected: Expected) {
    let m = read(text);
    let got = Expected {
        jurisdiction: m.jurisdiction.as_deref(),
        level: m.level,
        report_year: m.report_year,
        signed_date: m.signed_date.as_deref(),
        published_date: m.published_date.as_deref(),
        issuer: m.issuer.as_deref(),
    };
    assert_eq!(got, expected, "\n{text}");
}

const WORK: &str = "深入推进法治政府建设,认真履行工作职责,加强行政执法监督,积极处理政府涉法事务。";

#[test]
fn seed_000_zhuzhou_lusong() {
    let text = include_str!("../../../../corpus/000_441107c01ae2d665.txt");
    check(
        text,
        Expected {
            jurisdiction: Some("株洲市芦淞区"),
            level: Some(Level::County),
            report_year: Some(2023),
            signed_date: Some("2024-02-23"),
            published_date: Some("2024-02-28"),
            issuer: Some("株洲市芦淞区人民政府"),
        },
    );
    assert_eq!(read(text).title, None);
}

#[test]
fn seed_001_linzi_published_twice() {
    let text = include_str!("../../../../corpus/001_297f17fcf4cf510c.txt");
    check(
        text,
        Expected {
            jurisdiction: Some("临淄区"),
            level: Some(Level::County),
            report_year: Some(2023),
            signed_date: None,
            published_date: Some("2024-03-04"),
            issuer: Some("临淄区人民政府办公室"),
        },
    );
    let m = read(text);
    assert_eq!(m.title.as_deref(), Some("临淄区2023年法治政府建设年度报告"));
    assert!(m.duplicated_body);
}

#[test]
fn seed_002_xianning() {
    check(
        include_str!("../../../../corpus/002_a2921691a043be3c.txt"),
        Expected {
            jurisdiction: Some("咸宁市"),
            level: Some(Level::City),
            report_year: Some(2023),
            signed_date: Some("2024-02-29"),
            published_date: None,
            issuer: Some("咸宁市人民政府"),
        },
    );
}

#[test]
fn seed_003_jinhu_subdistrict() {
    check(
        include_str!("../../../../corpus/003_48f0b0224c6d3822.txt"),
        Expected {
            jurisdiction: Some("大冶市金湖街道"),
            level: Some(Level::Township),
            report_year: Some(2023),
            signed_date: None,
            published_date: Some("2024-03-26"),
            issuer: Some("大冶市金湖街道办事处"),
        },
    );
}

#[test]
fn seed_004_fuyun_signed_by_its_justice_bureau() {
    check(
        include_str!("../../../../corpus/004_814159cbb8bf712d.txt"),
        Expected {
            jurisdiction: Some("富蕴县"),
            level: Some(Level::County),
            report_year: Some(2024),
            signed_date: Some("2025-02-20"),
            published_date: None,
            issuer: Some("富蕴县司法局"),
        },
    );
}

#[test]
fn names_from_titles() {
    for (title, jurisdiction, level) in [
        ("临淄区2023年法治政府建设年度报告", "临淄区", Level::County),
        (
            "六安市司法局关于2022年法治政府建设情况的报告",
            "六安市司法局",
            Level::Department,
        ),
        ("2020年静海区法治政府建设情况报告", "静海区", Level::County),
        (
            "北京市2022年法治政府建设年度情况报告",
            "北京市",
            Level::Province,
        ),
        (
            "中共铁岭市委、铁岭市人民政府关于2022年法治政府建设情况的报告",
            "铁岭市",
            Level::City,
        ),
        (
            "三都镇2025年法治政府建设年度报告",
            "三都镇",
            Level::Township,
        ),
        (
            "明溪县文体和旅游局2025年度法治政府建设情况报告",
            "明溪县文体和旅游局",
            Level::Department,
        ),
    ] {
        let m = read(&format!("{title}\n2024年,我们{WORK}"));
        assert_eq!(
            (m.jurisdiction.as_deref(), m.level),
            (Some(jurisdiction), Some(level)),
            "{title}"
        );
        assert_eq!(m.title.as_deref(), Some(title));
    }
}

#[test]
fn names_from_openings() {
    for (opening, jurisdiction, level) in [
        (
            "2023年,四季青街道在区委区政府的坚强领导下,",
            Some("四季青街道"),
            Some(Level::Township),
        ),
        (
            "2022年,宁夏回族自治区党委和政府全面学习贯彻党的二十大精神,",
            Some("宁夏回族自治区"),
            Some(Level::Province),
        ),
        (
            "2017年,原环境保护部深入学习宣传贯彻党的十九大精神,",
            Some("原环境保护部"),
            Some(Level::National),
        ),
        (
            "2024年,城东区市场监督管理局根据区委全面依法治区委员会的部署,",
            Some("城东区市场监督管理局"),
            Some(Level::Department),
        ),
        (
            "2025年,区民政局在区委区政府的坚强领导下,",
            None,
            Some(Level::Department),
        ),
        (
            "2024年,在市委、市政府的正确领导下,农业农村局认真贯彻上级部署,",
            None,
            Some(Level::Department),
        ),
        (
            "2023年,全省法治政府建设工作坚持以习近平新时代中国特色社会主义思想为指导,",
            None,
            Some(Level::Province),
        ),
        (
            "2024年,我县坚持以习近平新时代中国特色社会主义思想为指导,",
            None,
            Some(Level::County),
        ),
        (
            "根据上级要求,现将铜仁市2024年度法治政府建设情况报告如下:",
            Some("铜仁市"),
            Some(Level::City),
        ),
    ] {
        let m = read(&format!("{opening}{WORK}"));
        assert_eq!(
            (m.jurisdiction.as_deref(), m.level),
            (jurisdiction, level),
            "{opening}"
        );
    }
}

#[test]
fn a_place_named_by_its_own_documents() {
    let text = format!("2022年,我县坚持以习近平法治思想为指导,{WORK}\n制定了《兴国县法治政府建设实施方案(2022—2025年)》,印发《赣州市法治政府建设要点》。");
    let m = read(&text);
    assert_eq!(
        (m.jurisdiction.as_deref(), m.level),
        (Some("兴国县"), Some(Level::County))
    );
}

#[test]
fn a_department_signing_for_its_county() {
    let body =
        format!("今年以来,全县{WORK}\n一、主要举措和成效\n县委、县政府高度重视,全县各部门{WORK}\n");
    let county = read(&format!("{body}富蕴县司法局\n2025年2月20日"));
    assert_eq!(
        (county.jurisdiction.as_deref(), county.level),
        (Some("富蕴县"), Some(Level::County))
    );
    assert_eq!(county.issuer.as_deref(), Some("富蕴县司法局"));
    let own = read(&format!("2024年,我局{WORK}\n一、主要举措和成效\n我局党组高度重视,我局{WORK}\n富蕴县司法局\n2025年2月20日"));
    assert_eq!(
        (own.jurisdiction.as_deref(), own.level),
        (Some("富蕴县司法局"), Some(Level::Department))
    );
}

#[test]
fn the_year_covered_by_order_of_evidence() {
    let year = |text: &str| read(text).report_year;
    // The title wins over the body.
    assert_eq!(
        year(&format!(
            "临淄区2023年法治政府建设年度报告\n2024年,我区{WORK}"
        )),
        Some(2023)
    );
    // The opening.
    assert_eq!(year(&format!("2023年,我区{WORK}")), Some(2023));
    assert_eq!(
        year(&format!(
            "根据要求,现将我县2020年度法治政府建设情况报告如下。\n{WORK}"
        )),
        Some(2020)
    );
    // The plan heading names the year after.
    assert_eq!(
        year(&format!(
            "过去一年,我区{WORK}\n一、工作情况\n{WORK}\n二、2024年工作规划\n{WORK}"
        )),
        Some(2023)
    );
    // A signature early in the year covers the year before…
    assert_eq!(
        year(&format!(
            "今年以来,我县{WORK}\n召开2023年度述法专题工作会议。\n富蕴县司法局\n2025年2月20日"
        )),
        Some(2024)
    );
    // …one late in the year covers its own year.
    assert_eq!(
        year(&format!(
            "今年以来,我镇{WORK}\n下蜀镇人民政府\n2025年12月10日"
        )),
        Some(2025)
    );
    // The posting date, read the same way.
    assert_eq!(
        year(&format!("发布日期:2024-03-04\n今年以来,我区{WORK}")),
        Some(2023)
    );
    // Nothing to go on.
    assert_eq!(year(&format!("今年以来,我区{WORK}")), None);
}

#[test]
fn signatures() {
    let signed = |text: &str| read(text).signed_date;
    assert_eq!(
        signed(&format!(
            "2023年,我区{WORK}\n株洲市芦淞区人民政府\n二〇二四年二月二十三日"
        ))
        .as_deref(),
        Some("2024-02-23")
    );
    assert_eq!(
        signed(&format!(
            "2023年,我区{WORK}\n株洲市芦淞区人民政府 2024年2月23日"
        ))
        .as_deref(),
        Some("2024-02-23")
    );
    assert_eq!(
        signed(&format!(
            "2023年,我市{WORK}\n中共海南省委 海南省人民政府\n2024年3月1日"
        ))
        .as_deref(),
        Some("2024-03-01")
    );
    // A date without a unit above it is not a signature.
    assert_eq!(signed(&format!("2023年,我区{WORK}\n2024年2月23日")), None);
    assert_eq!(signed(&format!("2023年,我区{WORK}")), None);
}

#[test]
fn posting_dates_come_from_the_page_not_the_document() {
    let m = read(&format!("索引号: 11370305K21216551K/2024-5438779 文号:\n成文日期: 2024-03-01 发布机构: 临淄区人民政府办公室\n2023年,临淄区{WORK}"));
    assert_eq!(m.published_date, None);
    assert_eq!(m.issuer.as_deref(), Some("临淄区人民政府办公室"));
    let meta = [("PubDate".to_string(), "2024-03-05 09:00".to_string())];
    assert_eq!(
        read_with(&format!("2023年,临淄区{WORK}"), &meta)
            .published_date
            .as_deref(),
        Some("2024-03-05")
    );
}

#[test]
fn issuers_are_names() {
    // A site code in the publisher field is not an issuer.
    let m = read(&format!("发文机构:gyz1\n2023年,我镇{WORK}"));
    assert_eq!(m.issuer, None);
}

#[test]
fn autonomous_regions_speak_of_quanqu() {
    let opening = format!("2023年,全区各级人民政府坚持以习近平法治思想为指导,{WORK}");
    let region = format!("{opening}\n自治区人民政府严格落实法治政府建设情况报告制度。");
    assert_eq!(read(&region).level, Some(Level::Province));
    // Words mended by the reader keep zero-width marks inside them.
    let mended = format!("{opening}\n自治区\u{200B}\u{200B}人民政府严格落实报告制度。");
    assert_eq!(read(&mended).level, Some(Level::Province));
    assert_eq!(read(&opening).level, Some(Level::County));
}

#[test]
fn a_letterhead_is_the_last_resort_for_a_name() {
    let text = format!(
        "  • 00525312X/2021-00008\n  • 郑州市城市管理局\n  • 2021-01-29\n2020年度,我局{WORK}"
    );
    let m = read(&text);
    assert_eq!(
        (m.jurisdiction.as_deref(), m.level),
        (Some("郑州市城市管理局"), Some(Level::Department))
    );
    // A name in the text itself comes first.
    let m = read(&format!("天津市滨海新区生态环境局\n2023年,临淄区{WORK}"));
    assert_eq!(m.jurisdiction.as_deref(), Some("临淄区"));
}

#[test]
fn odd_inputs_are_read_without_failing() {
    for text in [
        "",
        "\r\n\r\n",
        "\u{200B}",
        "一、",
        "(一",
        "第一",
        "1.",
        "一是",
        "一是二是",
        "2023年",
        "2023年,",
        "现将",
        "今年以来",
        "在下,",
        "在在在下,下,",
        "《",
        "《2023年",
        "〈",
        "发布日期:",
        "名称:\n",
        "名称:",
        "中共",
        "、、",
        "关于报告2023年",
        "二〇二四年",
        "株洲市芦淞区人民政府\n2024年2月30日",
        "株洲市芦淞区人民政府 ",
        "年年年年",
        "市市市市市",
        "州市区县镇乡",
        "景德镇市",
        "2023年,在",
        "2023年,我",
        "一、\n(一)\n1.\n(1)\n一是",
        "第一部分\n第二部分",
    ] {
        let doc = Document::new(text);
        let page = Page::read(&doc, &mut Vec::new());
        let outline = outline(&doc, &page);
        let meta = meta(&doc, &page, &outline, &[]).0;
        let _ = crate::parts::parts(&doc, &page, &outline, meta.report_year);
    }
}
