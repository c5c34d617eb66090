//! The behaviour of `quantities` on report sentences, as a table: each case
//! lists the quantities expected as "value unit qualifier".

use fazhi_numerals::{quantities, Qualifier, Quantity, Script};

#[track_caller]
fn check(text: &str, expected: &[&str]) {
    let found: Vec<String> = quantities(text)
        .iter()
        .map(|q| format!("{} {} {}", q.value, q.unit, q.qualifier.as_str()))
        .collect();
    assert_eq!(found, expected, "in {text:?}");
}

fn only(text: &str) -> Quantity {
    let mut found = quantities(text);
    assert_eq!(found.len(), 1, "in {text:?}: {found:?}");
    found.remove(0)
}

#[test]
fn arabic_counts() {
    check("受理行政复议案件749件", &["749 件 exact"]);
    check("0件", &["0 件 exact"]);
    check("8场242人", &["8 场 exact", "242 人 exact"]);
    check("11批15人次", &["11 批 exact", "15 人次 exact"]);
    check("1676家(次)", &["1676 家次 exact"]);
    check("检查1676家（次）", &["1676 家次 exact"]);
    check("出动执法人员3000人(次)", &["3000 人次 exact"]);
    check("办理47,711件", &["47711 件 exact"]);
    check("纠错率约为24%", &["24 % approx"]);
    check("共调解各类民间纠纷29 757件", &["29757 件 exact"]);
    check("共1,234,567人次", &["1234567 人次 exact"]);
    check("分别为8,9件", &["9 件 exact"]);
    check("共1，234件", &["234 件 exact"]);
    check("连续25年", &["25 年 exact"]);
    check("培训40学时", &["40 学时 exact"]);
    check("5部门联合", &["5 部门 exact"]);
    check("提高2.5个百分点", &["2.5 个百分点 exact"]);
    check("建党100周年", &["100 周年 exact"]);
    check("审查规范性文件１２份", &["12 份 exact"]);
    check("7日内办结", &["7 日 exact"]);
    check("3个月", &["3 个月 exact"]);
    check("20个工作日内", &["20 个工作日 exact"]);
    check("打造39堂课程", &["39 堂 exact"]);
    check("增长1.5倍", &["1.5 倍 exact"]);
}

#[test]
fn multipliers() {
    check("1.5万名", &["15000 名 exact"]);
    check("74.96万件", &["749600 件 exact"]);
    check("1.19万人", &["11900 人 exact"]);
    check("3千人", &["3000 人 exact"]);
    check("5百万人次", &["5000000 人次 exact"]);
    check("12余万件", &["120000 件 at_least"]);
    check("1.3万余条", &["13000 条 at_least"]);
    check("15.5万余场次", &["155000 场次 at_least"]);
    check("3千余人", &["3000 人 at_least"]);
    check("共1.5万", &[]);
}

#[test]
fn chinese_numerals() {
    check("两次组织", &["2 次 exact"]);
    check("十二项", &["12 项 exact"]);
    check("一十二项", &["12 项 exact"]);
    check("一百零五件", &["105 件 exact"]);
    check("两千人", &["2000 人 exact"]);
    check("三千五百人", &["3500 人 exact"]);
    check("三千余人", &["3000 人 at_least"]);
    check("两万余人次", &["20000 人次 at_least"]);
    check("三十余万人", &["300000 人 at_least"]);
    check("九十名", &["90 名 exact"]);
    check("十项", &["10 项 exact"]);
    check("壹佰贰拾叁元", &["123 元 exact"]);
    check("近三年", &["3 年 approx"]);
    check("两个100%", &["2 个 exact", "100 % exact"]);
}

#[test]
fn money() {
    check("处罚金额共计164.22万元", &["1642200 元 exact"]);
    check("11.8亿元", &["1180000000 元 exact"]);
    check("1.08亿元", &["108000000 元 exact"]);
    check("3300余万元", &["33000000 元 at_least"]);
    check("5240.84余万元", &["52408400 元 at_least"]);
    check("26.287万元(不包括事故处罚)", &["262870 元 exact"]);
    check("罚款3千元", &["3000 元 exact"]);
    check("罚没5千余元", &["5000 元 at_least"]);
    check("挽回损失10万余元", &["100000 元 at_least"]);
    check("两万元", &["20000 元 exact"]);
    check("500元", &["500 元 exact"]);
    check("节约资金120万元", &["1200000 元 exact"]);
    check("节约120万元", &["1200000 元 exact"]);
}

#[test]
fn rates() {
    check("96.7%", &["96.7 % exact"]);
    check("通过率为91.67%", &["91.67 % exact"]);
    check("参学率96.7％", &["96.7 % exact"]);
    check("参学率９６．７％", &["96.7 % exact"]);
    check("百分之九十", &["90 % exact"]);
    check("百分之百", &["100 % exact"]);
    check("百分之九十九点五", &["99.5 % exact"]);
    check("百分之95以上", &["95 % at_least"]);
    check("10%-20%", &["10 % exact", "20 % exact"]);
    check("99.5%以上", &["99.5 % at_least"]);
}

#[test]
fn qualifiers() {
    check("100余件", &["100 件 at_least"]);
    check("80余件", &["80 件 at_least"]);
    check("30多项", &["30 项 at_least"]);
    check("2次以上", &["2 次 at_least"]);
    check("超过92%", &["92 % at_least"]);
    check("逾500人", &["500 人 at_least"]);
    check("至少3次", &["3 次 at_least"]);
    check("多于10场", &["10 场 at_least"]);
    check("不少于4次", &["4 次 at_least"]);
    check("近200人", &["200 人 approx"]);
    check("约3000人", &["3000 人 approx"]);
    check("大约50人", &["50 人 approx"]);
    check("将近50人", &["50 人 approx"]);
    check("50人左右", &["50 人 approx"]);
    check("不到5%", &["5 % at_most"]);
    check("不足10人", &["10 人 at_most"]);
    check("少于3次", &["3 次 at_most"]);
    check("不超过3天", &["3 天 at_most"]);
    check("3天以内", &["3 天 at_most"]);
    check("20人以下", &["20 人 at_most"]);
    check("达到100%", &["100 % exact"]);
    check("达150件", &["150 件 exact"]);
    check("最近3年", &["3 年 exact"]);
    check("预约30人", &["30 人 exact"]);
}

#[test]
fn dates_are_not_quantities() {
    check("2023年", &[]);
    check("2023年度", &[]);
    check("2023年2月20日", &[]);
    check("11月", &[]);
    check("9月", &[]);
    check("15日", &[]);
    check("12月4日", &[]);
    check("1月份", &[]);
    check("2024-02-28", &[]);
    check("更新时间:2024-02-28浏览次数", &[]);
    check("自2024.3.1起施行", &[]);
    check("2024/03/04", &[]);
    check("二〇二三年", &[]);
    check("二零二三年", &[]);
    check("2023-2025", &[]);
    check("2021—2025年", &[]);
    check("(2022-2025)", &[]);
    check("2023-2025年", &[]);
    check("3.2023年以来", &[]);
}

#[test]
fn document_numbers_and_ordinals_are_not_quantities() {
    check("株政办发〔2023〕16号", &[]);
    check("阿行办发[2024]4号", &[]);
    check("〔2023〕8号", &[]);
    check("第一", &[]);
    check("第3次", &[]);
    check("第二十三次会议", &[]);
    check("一是", &[]);
    check("二是", &[]);
    check("(三)", &[]);
    check("(1)", &[]);
    check("1.深入学习", &[]);
    check("1、深入学习", &[]);
    check("完成。2.持续推进", &[]);
    check("164.22万元2.持续", &["1642200 元 exact"]);
}

#[test]
fn names_and_codes_are_not_quantities() {
    check("12345热线", &[]);
    check("H5", &[]);
    check("5G基站", &[]);
    check("PM2.5", &[]);
    check("“1050”标准", &[]);
    check("十四五期间", &[]);
    check("十三五时期", &[]);
    check("“八五”普法", &[]);
    check("八五普法", &[]);
    check("“三个一”工作", &[]);
    check("《十四五规划》", &[]);
    check("一件事一次办", &[]);
    check("推行一次性告知", &[]);
    check("一站式服务", &[]);
    check("一把手", &[]);
    check("一体化", &[]);
    check("培养一批法治人才", &[]);
    check("落实三项制度", &[]);
    check("中央八项规定精神", &[]);
    check("五大发展理念", &[]);
    check("四下基层", &[]);
    check("统一部署", &[]);
    check("同一部门", &[]);
    check("适应新一轮机构改革", &[]);
    check("下一年度工作安排", &[]);
    check("唯一一次", &[]);
    check("千家万户", &[]);
    check("一人一档", &[]);
    check("两年一次", &["1 次 exact"]);
    check("零件", &[]);
    check("电话13812345678", &[]);
    check("编号1234567890123件", &[]);
}

#[test]
fn unquoted_text_after_a_closed_quote_counts_again() {
    check("开展“八五”普法宣传三次", &["3 次 exact"]);
    check("“未闭合\n三次", &["3 次 exact"]);
}

#[test]
fn report_sentence() {
    check(
        "全区各单位2023年度习近平法治思想等法治专题学习均达到了2次以上。\
         全区近三年网上学法考法参学率、报考率、通过率均为100%;\
         单位现场述法人数6人,区委全面依法治区委员会2023年第一次会议现场述法人数5人",
        &[
            "2 次 at_least",
            "3 年 approx",
            "100 % exact",
            "6 人 exact",
            "5 人 exact",
        ],
    );
}

#[test]
fn spans_cover_numeral_and_expression() {
    let text = "共计近164.22万元2.持续";
    let q = only(text);
    assert_eq!(&text[q.number_start..q.number_end], "164.22万");
    assert_eq!(&text[q.start..q.end], "近164.22万元");
    assert_eq!(q.script, Script::Mixed);
    assert_eq!(q.qualifier, Qualifier::Approx);

    let text = "参与群众两万余人次以上";
    let q = only(text);
    assert_eq!(&text[q.number_start..q.number_end], "两万余");
    assert_eq!(&text[q.start..q.end], "两万余人次以上");
    assert_eq!(q.script, Script::Chinese);

    let text = "检查1676家(次)";
    let q = only(text);
    assert_eq!(&text[q.number_start..q.number_end], "1676");
    assert_eq!(&text[q.start..q.end], "1676家(次)");
    assert_eq!(q.script, Script::Arabic);

    let text = "超过百分之九十";
    let q = only(text);
    assert_eq!(&text[q.number_start..q.number_end], "九十");
    assert_eq!(&text[q.start..q.end], "超过百分之九十");
}

#[test]
fn values_are_exact_decimals() {
    let q = only("11.8亿元");
    assert_eq!(q.value.to_i64(), Some(1_180_000_000));
    let q = only("91.67%");
    assert_eq!(q.value, "91.67".parse().unwrap());
}

/// Arbitrary text must never panic: strings mixing digits, numeral
/// characters, units, punctuation and multi-byte characters, from a fixed
/// linear congruential generator so that failures reproduce.
#[test]
fn never_panics_on_arbitrary_text() {
    const PIECES: &[&str] = &[
        "0",
        "1",
        "7",
        "9",
        "２",
        ".",
        "．",
        ",",
        "，",
        "-",
        "/",
        "%",
        "％",
        "(",
        ")",
        "（次）",
        "(次)",
        "一",
        "两",
        "十",
        "百",
        "千",
        "万",
        "亿",
        "零",
        "〇",
        "点",
        "余",
        "多",
        "第",
        "年",
        "月",
        "日",
        "件",
        "人次",
        "元",
        "百分之",
        "以上",
        "约",
        "近",
        "不足",
        "“",
        "”",
        "《",
        "》",
        "\n",
        "a",
        "G",
        "é",
        "😀",
        "统",
        "是",
        "、",
        "。",
        "99999999999999999999",
        "1,234",
        "2023",
        "2024-02-",
        "1.2.",
    ];
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = |bound: usize| {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (state >> 33) as usize % bound
    };
    for _ in 0..500 {
        let length = next(40);
        let text: String = (0..length).map(|_| PIECES[next(PIECES.len())]).collect();
        let mut previous_end = 0;
        for q in quantities(&text) {
            assert!(q.start >= previous_end && q.start <= q.number_start);
            assert!(q.number_start < q.number_end && q.number_end <= q.end);
            assert!(text.get(q.start..q.end).is_some(), "{text:?}");
            assert!(text.get(q.number_start..q.number_end).is_some(), "{text:?}");
            previous_end = q.end;
        }
        let _ = fazhi_numerals::parse_numeral(&text);
        let _ = text.parse::<fazhi_numerals::Decimal>();
    }
}
