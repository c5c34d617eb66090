//! The behaviour of `shared_passages` on small corpora built from the
//! paragraphs of the project's sample reports: each case lists the reports
//! and the passages expected, each passage written as
//! `"a→b relation: text of a's span"`.

use std::ops::Range;

use fazhi_copy::{shared_passages, Document, Options, Relation, SharedPassage};

/// The distinct paragraphs of `corpus/*.txt` with at least 60 characters, in
/// file order (one sample report carries its body twice).
fn paragraphs() -> Vec<String> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../corpus");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("the sample corpus")
        .map(|e| e.expect("a corpus entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    let mut found: Vec<String> = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).expect("a UTF-8 sample report");
        for line in text.lines().map(str::trim) {
            if line.chars().count() >= 60 && !found.iter().any(|p| p == line) {
                found.push(line.to_owned());
            }
        }
    }
    found
}

/// A report for a case: its text is the given pieces, one per line.
struct Report {
    text: String,
    unit: Option<&'static str>,
    year: Option<i32>,
}

fn report(pieces: &[&str], unit: Option<&'static str>, year: Option<i32>) -> Report {
    Report {
        text: pieces.join("\n"),
        unit,
        year,
    }
}

fn documents(reports: &[Report]) -> Vec<Document<'_>> {
    reports
        .iter()
        .map(|r| Document {
            text: &r.text,
            body: 0..r.text.chars().count(),
            unit: r.unit,
            year: r.year,
        })
        .collect()
}

fn slice(text: &str, span: &Range<usize>) -> String {
    text.chars()
        .skip(span.start)
        .take(span.end - span.start)
        .collect()
}

fn describe(docs: &[Document], passage: &SharedPassage) -> String {
    let relation = serde_json::to_value(passage.relation).expect("a relation serialises");
    format!(
        "{}→{} {}: {}",
        passage.a,
        passage.b,
        relation.as_str().unwrap_or_default(),
        slice(docs[passage.a].text, &passage.a_span)
    )
}

#[track_caller]
fn check(reports: &[Report], expected: &[String]) -> Vec<SharedPassage> {
    let docs = documents(reports);
    let found = shared_passages(&docs, &Options::default());
    let described: Vec<String> = found.iter().map(|p| describe(&docs, p)).collect();
    assert_eq!(described, expected);
    found
}

/// A paragraph without its list marker (`1.`, `(一)`) and the full stop that
/// ends it: neither is content, so neither is part of a shared passage.
fn inner(paragraph: &str) -> &str {
    let text = paragraph.trim_end_matches(|c: char| !c.is_alphanumeric());
    if let Some(rest) = text.strip_prefix(['(', '（']) {
        return rest
            .split_once([')', '）'])
            .map_or(text, |(_, after)| after);
    }
    let after_digits = text.trim_start_matches(|c: char| c.is_ascii_digit());
    match after_digits.strip_prefix('.') {
        Some(after) if after_digits.len() < text.len() => after,
        _ => text,
    }
}

fn expect(a: usize, b: usize, relation: &str, text: &str) -> String {
    format!("{a}→{b} {relation}: {text}")
}

#[test]
fn a_copied_paragraph_is_found_with_exact_spans() {
    let p = paragraphs();
    let copied = &p[13];
    let reports = [
        report(&[&p[0], copied, &p[5]], Some("芦淞区"), Some(2023)),
        report(
            &[&p[20], &p[26], copied, &p[30]],
            Some("临淄区"),
            Some(2023),
        ),
    ];
    let found = check(&reports, &[expect(0, 1, "other_unit", inner(copied))]);
    let start_in = |pieces: &[&String]| pieces.iter().map(|s| s.chars().count() + 1).sum::<usize>();
    let a_start = start_in(&[&p[0]]);
    let b_start = start_in(&[&p[20], &p[26]]);
    let length = inner(copied).chars().count();
    assert_eq!(found[0].a_span, a_start..a_start + length);
    assert_eq!(found[0].b_span, b_start..b_start + length);
    assert!(found[0].chars > 200 && found[0].chars < length);
    assert_eq!(found[0].rarity, 1.0);
}

#[test]
fn a_formula_many_reports_share_is_not_a_copy() {
    let p = paragraphs();
    let shared = "全面落实行政执法责任制，严格确定不同部门及机构、岗位执法人员执法责任，建立健全常态化责任制落实和追究机制，全面提升行政执法质量和效能";
    let copied = &p[60];
    let mut reports: Vec<Report> = (0..12)
        .map(|i| report(&[&p[2 * i], shared, &p[2 * i + 1]], None, None))
        .collect();
    reports[3].text.push_str(&format!("\n{copied}"));
    reports[7].text.push_str(&format!("\n{copied}"));
    check(&reports, &[expect(3, 7, "unknown", inner(copied))]);
}

#[test]
fn listed_formulae_are_not_a_copy_even_among_few_reports() {
    let p = paragraphs();
    let formulae = "坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻党的二十大和二十届二中全会精神，深入学习贯彻习近平法治思想，认真贯彻落实中共中央、国务院印发的《法治政府建设实施纲要（2021－2025年）》";
    let reports: Vec<Report> = (0..3)
        .map(|i| report(&[&p[i], formulae, &p[i + 40]], None, None))
        .collect();
    check(&reports, &[]);
    // The same length of ordinary text is a copy.
    let ordinary = &p[70];
    let reports: Vec<Report> = (0..3)
        .map(|i| report(&[&p[i], ordinary, &p[i + 40]], None, None))
        .collect();
    let copy = inner(ordinary);
    check(
        &reports,
        &[
            expect(0, 1, "unknown", copy),
            expect(0, 2, "unknown", copy),
            expect(1, 2, "unknown", copy),
        ],
    );
}

#[test]
fn punctuation_spaces_width_and_markers_do_not_hide_a_copy() {
    let p = paragraphs();
    let original = p[14].as_str();
    let disguised: String = original
        .chars()
        .map(|c| match c {
            '，' | ',' => ' ',
            '。' => '；',
            '0'..='9' => char::from_u32(c as u32 + 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .collect();
    let head: String = disguised.chars().take(10).collect();
    let tail: String = disguised.chars().skip(10).collect();
    let disguised = format!("（三）{head}\n{tail}");
    let reports = [
        report(&[&p[8], original, &p[9]], Some("芦淞区"), Some(2022)),
        report(&[&p[50], &disguised, &p[51]], Some("芦淞区"), Some(2023)),
    ];
    let found = check(
        &reports,
        &[expect(0, 1, "same_unit_earlier_year", inner(original))],
    );
    let b_text = slice(&reports[1].text, &found[0].b_span);
    let content = disguised.trim_end_matches(|c: char| !c.is_alphanumeric());
    assert_eq!(content.strip_prefix("（三）"), Some(b_text.as_str()));
}

#[test]
fn a_changed_figure_does_not_split_a_passage() {
    let p = paragraphs();
    let original = p[41].as_str();
    assert!(original.contains("67件"));
    let edited = original.replacen("67件", "71件", 1);
    let reports = [
        report(&[&p[1], original, &p[2]], Some("咸宁市"), Some(2023)),
        report(&[&p[3], &edited, &p[4]], Some("咸宁市"), Some(2024)),
    ];
    let found = check(
        &reports,
        &[expect(0, 1, "same_unit_earlier_year", inner(original))],
    );
    let content = |s: &str| s.chars().filter(|c| c.is_alphanumeric()).count();
    assert_eq!(found[0].chars, content(inner(original)) - 2);
}

#[test]
fn the_relation_says_what_a_is_to_b() {
    let p = paragraphs();
    let copied = &p[33];
    let reports = [
        report(&[&p[0], copied], Some("株洲市芦淞区"), Some(2023)),
        report(&[&p[1], copied], Some("株洲市芦淞区"), Some(2022)),
        report(&[&p[2], copied], Some(" 株洲市芦淞区 "), Some(2023)),
        report(&[&p[3], copied], Some("淄博市临淄区"), Some(2023)),
        report(&[&p[4], copied], Some("株洲市芦淞区"), None),
        report(&[&p[5], copied], None, Some(2023)),
    ];
    let docs = documents(&reports);
    let found = shared_passages(&docs, &Options::default());
    let relations: Vec<(usize, usize, Relation)> =
        found.iter().map(|f| (f.a, f.b, f.relation)).collect();
    use Relation::*;
    assert_eq!(
        relations,
        [
            (0, 2, SameUnitSameYear),
            (0, 3, OtherUnit),
            (0, 4, Unknown),
            (0, 5, Unknown),
            (1, 0, SameUnitEarlierYear),
            (1, 2, SameUnitEarlierYear),
            (1, 3, OtherUnit),
            (1, 4, Unknown),
            (1, 5, Unknown),
            (2, 3, OtherUnit),
            (2, 4, Unknown),
            (2, 5, Unknown),
            (3, 4, OtherUnit),
            (3, 5, Unknown),
            (4, 5, Unknown),
        ]
    );
    // Six reports hold it: rare, but less than a passage only two hold.
    assert!(found.iter().all(|f| f.rarity > 0.5 && f.rarity < 1.0));
}

#[test]
fn text_outside_the_body_is_never_reported() {
    let p = paragraphs();
    let chrome = &p[10];
    let copied = &p[11];
    let a = format!("{chrome}\n{}\n{copied}", p[12]);
    let b = format!("{}\n{copied}\n{chrome}", p[15]);
    let body_end_in_b = |cut: usize| b.chars().count() - chrome.chars().count() - cut;
    let docs = |cut: usize| {
        [
            Document {
                text: &a,
                body: chrome.chars().count() + 1..a.chars().count(),
                unit: None,
                year: None,
            },
            Document {
                text: &b,
                body: 0..body_end_in_b(cut),
                unit: None,
                year: None,
            },
        ]
    };
    let found = shared_passages(&docs(0), &Options::default());
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(slice(&a, &found[0].a_span), inner(copied));
    // A body that ends inside the copy cuts the passage there.
    let found = shared_passages(&docs(101), &Options::default());
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].b_span.end, body_end_in_b(101));
    assert!(found[0].b_span.end - found[0].b_span.start < inner(copied).chars().count());
}

#[test]
fn degenerate_corpora() {
    let p = paragraphs();
    let options = Options::default();
    assert!(shared_passages(&[], &options).is_empty());
    let one = report(&[&p[0], &p[0]], None, None);
    assert!(shared_passages(&documents(&[one]), &options).is_empty());
    let blank = [
        report(&[""], None, None),
        report(&["", "，。！", " \n "], None, None),
    ];
    assert!(shared_passages(&documents(&blank), &options).is_empty());
    let twins = [
        report(&[&p[6], &p[7]], None, None),
        report(&[&p[6], &p[7]], None, None),
    ];
    let found = shared_passages(&documents(&twins), &options);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].a_span, found[0].b_span);
    // The list marker `3.` that opens both is not content.
    assert_eq!(found[0].a_span.start, 2);
}

#[test]
fn relations_serialise_in_snake_case() {
    let names = [
        Relation::SameUnitEarlierYear,
        Relation::SameUnitSameYear,
        Relation::OtherUnit,
        Relation::Unknown,
    ]
    .map(|r| serde_json::to_string(&r).unwrap_or_default());
    assert_eq!(
        names,
        [
            "\"same_unit_earlier_year\"",
            "\"same_unit_same_year\"",
            "\"other_unit\"",
            "\"unknown\""
        ]
    );
}

/// A small deterministic generator (SplitMix64) for the junk below.
struct Junk(u64);

impl Junk {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    /// Usually `usual`, now and then `absurd`.
    fn odd(&mut self, usual: usize, absurd: usize) -> usize {
        if self.below(8) == 0 {
            absurd
        } else {
            usual
        }
    }

    fn text(&mut self, alphabet: &[char], length: usize) -> String {
        (0..length)
            .map(|_| alphabet[self.below(alphabet.len())])
            .collect()
    }
}

#[test]
fn junk_never_panics_and_spans_stay_in_the_body() {
    let alphabet: Vec<char> =
        "法治政府一二三、（）()1.２３ \n\r\t，。“”①⑴𠀀𠀁😀aAＡ%\u{0}\u{FEFF}\u{200B}〇"
            .chars()
            .collect();
    let mut junk = Junk(7);
    let mut found = 0;
    for round in 0..300 {
        // Junk shared between texts, some of it of few letters (a filler
        // repeating itself), pasted among junk of their own.
        let pool: Vec<String> = (0..3)
            .map(|i| {
                let letters = if i == 0 {
                    &alphabet[..4]
                } else {
                    &alphabet[..]
                };
                let length = 20 + junk.below(200);
                junk.text(letters, length)
            })
            .collect();
        let texts: Vec<String> = (0..junk.below(6))
            .map(|_| {
                (0..junk.below(5))
                    .map(|_| match junk.below(3) {
                        0 => {
                            let length = junk.below(100);
                            junk.text(&alphabet, length)
                        }
                        _ => pool[junk.below(pool.len())].clone(),
                    })
                    .collect()
            })
            .collect();
        let docs: Vec<Document> = texts
            .iter()
            .map(|text| {
                let length = text.chars().count();
                // Usually the whole text, now and then any range at all.
                let (any_start, any_end) = (junk.below(length + 3), junk.below(2 * length + 3));
                let start = junk.odd(0, any_start);
                let end = junk.odd(length, any_end);
                Document {
                    text,
                    body: start..end,
                    unit: [None, Some("甲"), Some("乙")][junk.below(3)],
                    year: [None, Some(2022), Some(2023)][junk.below(3)],
                }
            })
            .collect();
        let options = Options {
            min_chars: junk.odd(20, 0),
            shingle: junk.odd(6, usize::MAX),
            keep_one_in: junk.odd(4, 0),
            common_min_docs: junk.odd(10, usize::MAX),
            common_share: [0.002, 0.5, f64::NAN, -1.0, f64::INFINITY][junk.below(5)],
            min_rarity: [0.0, 0.5, f64::NAN][junk.below(3)],
            max_gap: junk.odd(10, usize::MAX),
        };
        let passages = shared_passages(&docs, &options);
        found += passages.len();
        for passage in passages {
            assert_ne!(passage.a, passage.b, "round {round}");
            for (doc, span) in [(passage.a, &passage.a_span), (passage.b, &passage.b_span)] {
                let body = &docs[doc].body;
                let length = docs[doc].text.chars().count();
                assert!(span.start < span.end, "round {round}: {passage:?}");
                assert!(
                    span.start >= body.start && span.end <= body.end.min(length),
                    "round {round}: {passage:?}"
                );
            }
            assert!(
                (0.0..=1.0).contains(&passage.rarity),
                "round {round}: {passage:?}"
            );
            assert!(
                passage.chars >= options.min_chars,
                "round {round}: {passage:?}"
            );
        }
    }
    // The junk repeats itself enough that the checks above were exercised.
    assert!(found > 100, "{found} passages");
}
