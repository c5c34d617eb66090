//! `fazhi bench-copy`: the copy detector (`fazhi-copy`) on a synthetic corpus
//! of report-sized texts, for its time, its memory and its recall.
//!
//! The paragraphs of the given reports are recombined, deterministically
//! (SplitMix64 from `--seed`), into `--docs` synthetic reports. Each draws
//! 40–80 paragraphs, each behind a heading of random characters (real reports
//! title and number their sections in their own words) and lightly mutated:
//! about one character in 25 is replaced by two characters of the sources,
//! and every number is redrawn below 10⁸, as one unit's figures differ from
//! another's. Every source paragraph therefore appears, nearly intact, in
//! thousands of reports: the boilerplate case, which must cost little and
//! report next to nothing. The variants are drawn from millions of choices,
//! not tens: among thousands of copies of one paragraph, a one-character typo
//! or a two-digit figure would recur by chance in many pairs of reports, and
//! the same rare variant in the same sentence is, rightly, a copy to the rule.
//!
//! Then `--planted` × `--docs` copies are planted: a block of source
//! paragraphs (300 characters or more) with their characters shuffled, so no
//! other report has it, is inserted verbatim into one report and into another, half the time another
//! year of the same unit (units cover three consecutive reports). A planted
//! copy is recalled when a passage between its two reports covers at least
//! half of the block in each. Passages not explained by a plant are counted
//! too: on this corpus they are false alarms.
//!
//! Time is measured for the two steps separately: fingerprinting
//! ([`Corpus::new`]) and matching ([`Corpus::shared_passages`]). Peak memory
//! is best read from outside, e.g. `/usr/bin/time -v`.

use std::collections::HashMap;
use std::ops::Range;
use std::path::PathBuf;
use std::time::Instant;

use anyhow::{bail, Context};
use fazhi_copy::{Corpus, Document, Options, Relation, SharedPassage};
use fazhi_text::Limits;

/// Shortest source line taken as a paragraph, in characters.
const MIN_PARAGRAPH_CHARS: usize = 20;
/// One character in this many is replaced when a paragraph is drawn.
const MUTATION_EVERY: usize = 25;
/// Numbers are redrawn below this.
const NUMBERS_BELOW: usize = 100_000_000;
/// Shortest planted block, in characters: a few paragraphs' worth.
const MIN_PLANT_CHARS: usize = 300;
/// Reports per synthetic unit (consecutive years).
const REPORTS_PER_UNIT: usize = 3;
const FIRST_YEAR: i32 = 2021;

#[derive(clap::Args)]
pub struct Args {
    /// 提供段落的报告文件或文件夹 (如 corpus/)
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// 合成报告的份数
    #[arg(long, default_value_t = 10_000)]
    docs: usize,
    /// 植入复制的数量占报告份数的比例
    #[arg(long, default_value_t = 0.05)]
    planted: f64,
    /// 随机种子 (相同种子生成相同语料)
    #[arg(long, default_value_t = 1)]
    seed: u64,
}

/// A planted copy: the block's span in each of the two reports.
struct Plant {
    source: (usize, Range<usize>),
    copy: (usize, Range<usize>),
}

/// A block to plant and the two reports it goes into.
struct Planting {
    block: String,
    reports: [usize; 2],
}

/// What the synthetic reports are drawn from.
struct Sources {
    paragraphs: Vec<String>,
    /// The letters of the paragraphs: what mutations and headings draw from.
    alphabet: Vec<char>,
}

pub fn run(args: Args) -> anyhow::Result<()> {
    let paragraphs = read_paragraphs(&args.paths)?;
    let sources = Sources {
        alphabet: alphabet(&paragraphs),
        paragraphs,
    };
    let started = Instant::now();
    let mut random = SplitMix(args.seed);
    let count = (args.planted.clamp(0.0, 1.0) * args.docs as f64).round() as usize;
    let plantings = plan_plantings(count, args.docs, &sources, &mut random);
    let (texts, plants) = write_reports(args.docs, &plantings, &sources, &mut random);
    let unit_names: Vec<String> = (0..texts.len())
        .map(|i| format!("合成单位{}", i / REPORTS_PER_UNIT))
        .collect();
    let docs = documents(&texts, &unit_names);
    let bytes: usize = texts.iter().map(String::len).sum();
    println!(
        "合成报告 {} 份, 共 {:.1} MB (来源段落 {} 段, 植入复制 {} 处), 生成用时 {:.2} 秒",
        docs.len(),
        bytes as f64 / 1e6,
        sources.paragraphs.len(),
        plants.len(),
        started.elapsed().as_secs_f64()
    );

    let started = Instant::now();
    let corpus = Corpus::new(&docs, &Options::default());
    let fingerprinting = started.elapsed().as_secs_f64();
    let started = Instant::now();
    let passages = corpus.shared_passages();
    let matching = started.elapsed().as_secs_f64();
    println!("指纹用时 {fingerprinting:.2} 秒, 匹配用时 {matching:.2} 秒");
    print_outcome(&plants, &passages);
    Ok(())
}

/// The synthetic reports as the detector sees them: a unit has
/// [`REPORTS_PER_UNIT`] consecutive reports, one a year.
fn documents<'a>(texts: &'a [String], unit_names: &'a [String]) -> Vec<Document<'a>> {
    texts
        .iter()
        .zip(unit_names)
        .enumerate()
        .map(|(i, (text, unit))| Document {
            text,
            body: 0..text.chars().count(),
            unit: Some(unit),
            year: Some(FIRST_YEAR + (i % REPORTS_PER_UNIT) as i32),
        })
        .collect()
}

fn print_outcome(plants: &[Plant], passages: &[SharedPassage]) {
    let (recalled, explained) = score(plants, passages);
    println!(
        "找到共享段落 {} 处: 对应植入复制 {explained} 处, 其他 {} 处",
        passages.len(),
        passages.len() - explained
    );
    let percent = 100.0 * recalled as f64 / plants.len().max(1) as f64;
    println!("植入复制召回率 {percent:.1}% ({recalled}/{})", plants.len());
    let count = |r: Relation| passages.iter().filter(|p| p.relation == r).count();
    println!(
        "按关系: 同一单位往年 {}, 同一单位同年 {}, 其他单位 {}, 未知 {}",
        count(Relation::SameUnitEarlierYear),
        count(Relation::SameUnitSameYear),
        count(Relation::OtherUnit),
        count(Relation::Unknown)
    );
}

/// The distinct lines of the given reports long enough to be paragraphs.
fn read_paragraphs(paths: &[PathBuf]) -> anyhow::Result<Vec<String>> {
    let limits = Limits::default();
    let mut paragraphs: Vec<String> = Vec::new();
    for path in crate::analyze::collect_files(paths)? {
        let source = fazhi_text::read_path(&path, &limits)
            .with_context(|| format!("无法读取 {}", path.display()))?;
        for line in source.text.lines().map(str::trim) {
            let long = line.chars().count() >= MIN_PARAGRAPH_CHARS;
            if long && !paragraphs.iter().any(|p| p == line) {
                paragraphs.push(line.to_owned());
            }
        }
    }
    if paragraphs.is_empty() {
        bail!("给定文件中没有可用作段落的文字 (每段至少 {MIN_PARAGRAPH_CHARS} 字)");
    }
    Ok(paragraphs)
}

/// The letters and digits of the sources: what mutations and headings draw from.
fn alphabet(paragraphs: &[String]) -> Vec<char> {
    let mut chars: Vec<char> = paragraphs
        .iter()
        .flat_map(|p| p.chars())
        .filter(|c| c.is_alphanumeric() && !c.is_ascii_digit())
        .collect();
    chars.sort_unstable();
    chars.dedup();
    chars
}

/// Chooses the blocks to plant and their reports.
fn plan_plantings(
    count: usize,
    reports: usize,
    sources: &Sources,
    random: &mut SplitMix,
) -> Vec<Planting> {
    if reports < 2 {
        return Vec::new();
    }
    (0..count)
        .map(|_| {
            let source = random.below(reports);
            let copy = other_report(source, reports, random);
            Planting {
                block: shuffled_block(sources, random),
                reports: [source, copy],
            }
        })
        .collect()
}

/// The synthetic reports, each written in one go, and where each planted
/// block landed.
fn write_reports(
    reports: usize,
    plantings: &[Planting],
    sources: &Sources,
    random: &mut SplitMix,
) -> (Vec<String>, Vec<Plant>) {
    let mut received: Vec<Vec<usize>> = vec![Vec::new(); reports];
    for (id, planting) in plantings.iter().enumerate() {
        for report in planting.reports {
            received[report].push(id);
        }
    }
    let mut spans: Vec<Vec<(usize, Range<usize>)>> = vec![Vec::new(); plantings.len()];
    let texts = (0..reports)
        .map(|report| {
            let mut writer = Writer::default();
            let paragraphs = 40 + random.below(41);
            let slots: Vec<usize> = received[report]
                .iter()
                .map(|_| random.below(paragraphs + 1))
                .collect();
            for slot in 0..=paragraphs {
                for (&id, _) in received[report]
                    .iter()
                    .zip(&slots)
                    .filter(|(_, &s)| s == slot)
                {
                    let span = writer.line(|text| text.push_str(&plantings[id].block));
                    spans[id].push((report, span));
                }
                if slot < paragraphs {
                    writer.line(|text| push_heading(text, &sources.alphabet, random));
                    let paragraph = &sources.paragraphs[random.below(sources.paragraphs.len())];
                    writer.line(|text| push_mutated(text, paragraph, &sources.alphabet, random));
                }
            }
            writer.text
        })
        .collect();
    let plants = spans
        .into_iter()
        .filter_map(|mut spans| {
            let copy = spans.pop()?;
            let source = spans.pop()?;
            Some(Plant { source, copy })
        })
        .collect();
    (texts, plants)
}

/// A report being written, line by line, counting its characters.
#[derive(Default)]
struct Writer {
    text: String,
    chars: usize,
}

impl Writer {
    /// Writes one line; returns its character span (without the line break).
    fn line(&mut self, write: impl FnOnce(&mut String)) -> Range<usize> {
        let before = self.text.len();
        write(&mut self.text);
        let start = self.chars;
        self.chars += self.text[before..].chars().count();
        let span = start..self.chars;
        self.text.push('\n');
        self.chars += 1;
        span
    }
}

fn push_heading(text: &mut String, alphabet: &[char], random: &mut SplitMix) {
    let length = 4 + random.below(7);
    for _ in 0..length {
        text.push(alphabet[random.below(alphabet.len())]);
    }
}

fn push_mutated(text: &mut String, paragraph: &str, alphabet: &[char], random: &mut SplitMix) {
    let mut chars = paragraph.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_ascii_digit() {
            while chars.next_if(char::is_ascii_digit).is_some() {}
            text.push_str(&random.below(NUMBERS_BELOW).to_string());
        } else if random.below(MUTATION_EVERY) == 0 {
            for _ in 0..2 {
                text.push(alphabet[random.below(alphabet.len())]);
            }
        } else {
            text.push(c);
        }
    }
}

/// Another report than `source`: half the time one of the same unit.
fn other_report(source: usize, reports: usize, random: &mut SplitMix) -> usize {
    let unit_start = source - source % REPORTS_PER_UNIT;
    let unit_end = (unit_start + REPORTS_PER_UNIT).min(reports);
    let same_unit = random.below(2) == 0 && unit_end - unit_start > 1;
    let (start, length) = if same_unit {
        (unit_start, unit_end - unit_start)
    } else {
        (0, reports)
    };
    // Draws among the others by skipping over `source`.
    let pick = start + random.below(length - 1);
    if pick >= source {
        pick + 1
    } else {
        pick
    }
}

/// A heading and source paragraphs, at least [`MIN_PLANT_CHARS`] characters
/// of them, with their characters shuffled: text nobody else has.
fn shuffled_block(sources: &Sources, random: &mut SplitMix) -> String {
    let mut chars: Vec<char> = Vec::new();
    while chars.len() < MIN_PLANT_CHARS {
        let paragraph = &sources.paragraphs[random.below(sources.paragraphs.len())];
        chars.extend(paragraph.chars());
    }
    for i in (1..chars.len()).rev() {
        chars.swap(i, random.below(i + 1));
    }
    let mut block = String::new();
    push_heading(&mut block, &sources.alphabet, random);
    block.push(' ');
    block.extend(chars);
    block
}

/// Characters of `span` that `passage_span` covers.
fn covered(span: &Range<usize>, passage_span: &Range<usize>) -> usize {
    passage_span
        .end
        .min(span.end)
        .saturating_sub(passage_span.start.max(span.start))
}

/// The passage's spans in the plant's two reports, if it joins them.
fn spans_for<'p>(
    plant: &Plant,
    passage: &'p SharedPassage,
) -> Option<(&'p Range<usize>, &'p Range<usize>)> {
    if (passage.a, passage.b) == (plant.source.0, plant.copy.0) {
        Some((&passage.a_span, &passage.b_span))
    } else if (passage.b, passage.a) == (plant.source.0, plant.copy.0) {
        Some((&passage.b_span, &passage.a_span))
    } else {
        None
    }
}

/// How many plants a passage recalls (covers half the block in both
/// reports), and how many passages a plant explains (overlaps it in both).
fn score(plants: &[Plant], passages: &[SharedPassage]) -> (usize, usize) {
    let pair = |a: usize, b: usize| (a.min(b), a.max(b));
    let mut by_pair: HashMap<(usize, usize), Vec<usize>> = HashMap::new();
    for (id, plant) in plants.iter().enumerate() {
        by_pair
            .entry(pair(plant.source.0, plant.copy.0))
            .or_default()
            .push(id);
    }
    let mut recalled = vec![false; plants.len()];
    let mut explained = 0;
    for passage in passages {
        let mut explains = false;
        for &id in by_pair
            .get(&pair(passage.a, passage.b))
            .into_iter()
            .flatten()
        {
            let plant = &plants[id];
            let Some((in_source, in_copy)) = spans_for(plant, passage) else {
                continue;
            };
            let (source, copy) = (&plant.source.1, &plant.copy.1);
            let (in_source, in_copy) = (covered(source, in_source), covered(copy, in_copy));
            explains |= in_source > 0 && in_copy > 0;
            if in_source >= source.len() / 2 && in_copy >= copy.len() / 2 {
                recalled[id] = true;
            }
        }
        explained += usize::from(explains);
    }
    (recalled.iter().filter(|&&r| r).count(), explained)
}

/// SplitMix64 (Steele, Lea & Flood 2014): small, fast, and the same on every machine.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number below `n` (`n` ≥ 1).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}
