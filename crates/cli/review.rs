//! `fazhi review`: the corpus view for the office that supervises. Every
//! report under the given paths is analysed, compared with the others for
//! copied text, scored with the office's card, ranked, and optionally
//! answered with a 审核意见 letter each.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context};
use fazhi_engine::{Analysis, Severity};
use fazhi_review::{copy_findings, letter, Card, CardConfig, Letter, SharedPassage, Submitted};
use fazhi_text::Limits;
use serde::Serialize;

use crate::analyze::{analyze_all, collect_files, load_card, Analyzed, Report};
use crate::output::{severity_label, shortened};

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Table,
    Csv,
    Json,
}

#[derive(clap::Args)]
pub struct Args {
    /// 报告文件或文件夹 (文件夹会递归读取)
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// 只排名这一报告年度的报告 (其他年度的报告仍用于比对雷同内容)
    #[arg(long)]
    year: Option<i32>,
    /// 输出格式: table (供阅读), csv, json
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
    /// 写入文件 (默认输出到屏幕)
    #[arg(long)]
    out: Option<PathBuf>,
    /// 为每份报告生成一份审核意见, 写入此文件夹
    #[arg(long)]
    letters: Option<PathBuf>,
    /// 评分卡文件 (TOML; 默认使用内置的 config/card.toml)
    #[arg(long)]
    card: Option<PathBuf>,
    /// 单个文件的大小上限 (MB)
    #[arg(long, default_value_t = 50)]
    max_size_mb: u64,
}

/// A report in the ranking.
struct Ranked<'a> {
    rank: usize,
    file: &'a str,
    analysis: &'a Analysis,
    card: &'a Card,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let files = collect_files(&args.paths)?;
    if files.is_empty() {
        bail!("在给定路径下没有找到报告文件");
    }
    let card = load_card(args.card.as_deref())?;
    let limits = Limits {
        max_file_bytes: args.max_size_mb.saturating_mul(1024 * 1024),
        ..Limits::default()
    };
    let mut reports = analyze_all(&files, &limits, &card);
    let shared = add_copied_text(&mut reports, &card);
    let passages = describe(&reports, shared);
    let failed = reports.iter().filter(|r| r.outcome.is_err()).count();
    for report in &reports {
        if let Err(message) = &report.outcome {
            eprintln!("{}: {message}", report.file);
        }
    }
    let ranked = rank(&reports, args.year);
    if ranked.is_empty() {
        match args.year {
            Some(year) => bail!("没有报告年度为 {year} 年的报告"),
            None => bail!("没有可以审核的报告"),
        }
    }
    match &args.out {
        Some(path) => {
            let mut file = io::BufWriter::new(
                fs::File::create(path).with_context(|| format!("无法创建 {}", path.display()))?,
            );
            write(&mut file, args.format, &ranked, &passages)
                .and_then(|()| file.flush())
                .with_context(|| format!("无法写入 {}", path.display()))?;
            eprintln!("已写入 {} ({} 份报告)", path.display(), ranked.len());
        }
        None => {
            let stdout = io::stdout();
            let mut out = io::BufWriter::new(stdout.lock());
            match write(&mut out, args.format, &ranked, &passages).and_then(|()| out.flush()) {
                Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {}
                other => other.context("写出结果失败")?,
            }
        }
    }
    if let Some(dir) = &args.letters {
        write_letters(dir, &ranked)?;
        eprintln!("已在 {} 写入 {} 份审核意见", dir.display(), ranked.len());
    }
    Ok(if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// A passage two reports of the batch share, by their files.
#[derive(Serialize)]
struct Passage<'a> {
    a: &'a str,
    a_start: usize,
    a_end: usize,
    b: &'a str,
    b_start: usize,
    b_end: usize,
    chars: usize,
    rarity: f64,
    relation: &'static str,
    /// The passage as `a` has it.
    text: String,
}

/// Compares every readable report with the others (all years: a report is
/// compared with its unit's earlier ones too), adds the findings of copied
/// text, and scores the reports again. The passages name reports by their
/// index in `reports`.
fn add_copied_text(reports: &mut [Report], card: &CardConfig) -> Vec<SharedPassage> {
    let readable: Vec<usize> = (0..reports.len())
        .filter(|&i| reports[i].outcome.is_ok())
        .collect();
    let (shared, findings) = {
        let submitted: Vec<Submitted> = readable
            .iter()
            .filter_map(|&i| {
                let r = &reports[i];
                r.outcome.as_ref().ok().map(|a| Submitted {
                    name: &r.file,
                    text: &a.source.text,
                    analysis: &a.analysis,
                })
            })
            .collect();
        copy_findings(&submitted)
    };
    for (&i, mut found) in readable.iter().zip(findings) {
        if let Ok(a) = &mut reports[i].outcome {
            card.apply_severities(&mut found);
            a.analysis.findings.extend(found);
            a.card = card.card(&a.analysis.findings);
        }
    }
    shared
        .into_iter()
        .map(|p| SharedPassage {
            a: readable[p.a],
            b: readable[p.b],
            ..p
        })
        .collect()
}

/// The passages with the reports' files and the text `a` has.
fn describe(reports: &[Report], shared: Vec<SharedPassage>) -> Vec<Passage<'_>> {
    shared
        .into_iter()
        .map(|p| {
            let (ra, rb) = (&reports[p.a], &reports[p.b]);
            let text = ra.outcome.as_ref().map_or(String::new(), |a| {
                a.source
                    .text
                    .chars()
                    .skip(p.a_span.start)
                    .take(p.a_span.len())
                    .collect()
            });
            Passage {
                a: &ra.file,
                a_start: p.a_span.start,
                a_end: p.a_span.end,
                b: &rb.file,
                b_start: p.b_span.start,
                b_end: p.b_span.end,
                chars: p.chars,
                rarity: p.rarity,
                relation: p.relation.as_str(),
                text,
            }
        })
        .collect()
}

/// The readable reports of `year` (all when none is given), best score
/// first; ties go to fewer errors, then to the file name.
fn rank(reports: &[Report], year: Option<i32>) -> Vec<Ranked<'_>> {
    let mut ranked: Vec<(&str, &Analyzed)> = reports
        .iter()
        .filter_map(|r| r.outcome.as_ref().ok().map(|a| (r.file.as_str(), a)))
        .filter(|(_, a)| year.is_none() || a.analysis.meta.report_year == year)
        .collect();
    ranked.sort_by(|(fa, a), (fb, b)| {
        b.card
            .score
            .cmp(&a.card.score)
            .then(errors(&a.analysis).cmp(&errors(&b.analysis)))
            .then(fa.cmp(fb))
    });
    ranked
        .into_iter()
        .enumerate()
        .map(|(i, (file, a))| Ranked {
            rank: i + 1,
            file,
            analysis: &a.analysis,
            card: &a.card,
        })
        .collect()
}

fn errors(analysis: &Analysis) -> usize {
    count(analysis, Severity::Error)
}

fn count(analysis: &Analysis, severity: Severity) -> usize {
    analysis
        .findings
        .iter()
        .filter(|f| f.severity == severity)
        .count()
}

fn write(
    out: &mut impl Write,
    format: Format,
    ranked: &[Ranked],
    passages: &[Passage],
) -> io::Result<()> {
    match format {
        Format::Table => {
            write_table(out, ranked)?;
            write_passages(out, passages)
        }
        Format::Csv => write_csv(out, ranked),
        Format::Json => {
            let reports: Vec<RankedJson> = ranked.iter().map(RankedJson::from).collect();
            let all = serde_json::json!({ "reports": reports, "shared_passages": passages });
            serde_json::to_writer_pretty(&mut *out, &all)?;
            writeln!(out)
        }
    }
}

fn write_passages(out: &mut impl Write, passages: &[Passage]) -> io::Result<()> {
    writeln!(out, "\n雷同内容  {} 处", passages.len())?;
    for p in passages {
        let relation = match p.relation {
            "same_unit_earlier_year" => "同一单位往年报告",
            "other_unit" => "其他单位",
            _ => "关系不明",
        };
        writeln!(
            out,
            "  {} 第{}字 ↔ {} 第{}字  {}字 罕见度{:.2} ({relation})",
            p.a,
            p.a_start + 1,
            p.b,
            p.b_start + 1,
            p.chars,
            p.rarity
        )?;
        writeln!(out, "      “{}”", shortened(&p.text, LINE_CHARS))?;
    }
    Ok(())
}

fn write_table(out: &mut impl Write, ranked: &[Ranked]) -> io::Result<()> {
    writeln!(out, "排名  得分  错误 警告 提示  年度  单位 / 文件")?;
    for r in ranked {
        let m = &r.analysis.meta;
        writeln!(
            out,
            "{:>4}  {:>4}  {:>4} {:>4} {:>4}  {}  {}  {}",
            r.rank,
            r.card.score,
            count(r.analysis, Severity::Error),
            count(r.analysis, Severity::Warning),
            count(r.analysis, Severity::Info),
            m.report_year.map_or("----".to_owned(), |y| y.to_string()),
            m.jurisdiction.as_deref().unwrap_or("(单位不明)"),
            r.file
        )?;
        for f in r
            .analysis
            .findings
            .iter()
            .filter(|f| f.severity != Severity::Info)
        {
            writeln!(
                out,
                "            [{}] {} {}",
                severity_label(f.severity),
                f.rule,
                shortened(&f.message, LINE_CHARS)
            )?;
        }
    }
    Ok(())
}

/// How much of a message or passage one line of the table shows.
const LINE_CHARS: usize = 60;

const CSV_HEADER: &[&str] = &[
    "rank",
    "file",
    "title",
    "jurisdiction",
    "level",
    "report_year",
    "published_date",
    "score",
    "errors",
    "warnings",
    "infos",
    "rules",
];

fn write_csv(out: &mut impl Write, ranked: &[Ranked]) -> io::Result<()> {
    writeln!(out, "{}", CSV_HEADER.join(","))?;
    for r in ranked {
        let m = &r.analysis.meta;
        let mut rules: Vec<&str> = r
            .analysis
            .findings
            .iter()
            .map(|f| f.rule.as_str())
            .collect();
        rules.dedup();
        let level = m
            .level
            .map(|l| {
                serde_json::to_value(l)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_owned))
            })
            .unwrap_or_default()
            .unwrap_or_default();
        let cells = [
            r.rank.to_string(),
            r.file.to_owned(),
            m.title.clone().unwrap_or_default(),
            m.jurisdiction.clone().unwrap_or_default(),
            level,
            m.report_year.map(|y| y.to_string()).unwrap_or_default(),
            m.published_date.clone().unwrap_or_default(),
            r.card.score.to_string(),
            count(r.analysis, Severity::Error).to_string(),
            count(r.analysis, Severity::Warning).to_string(),
            count(r.analysis, Severity::Info).to_string(),
            rules.join(" "),
        ];
        let line: Vec<String> = cells.iter().map(|c| crate::output::csv_field(c)).collect();
        writeln!(out, "{}", line.join(","))?;
    }
    Ok(())
}

#[derive(Serialize)]
struct RankedJson<'a> {
    rank: usize,
    file: &'a str,
    meta: &'a fazhi_engine::Meta,
    parts: &'a fazhi_engine::Parts,
    card: &'a Card,
    findings: &'a [fazhi_engine::Finding],
}

impl<'a> From<&'a Ranked<'a>> for RankedJson<'a> {
    fn from(r: &'a Ranked<'a>) -> Self {
        RankedJson {
            rank: r.rank,
            file: r.file,
            meta: &r.analysis.meta,
            parts: &r.analysis.parts,
            card: r.card,
            findings: &r.analysis.findings,
        }
    }
}

fn write_letters(dir: &Path, ranked: &[Ranked]) -> anyhow::Result<()> {
    fs::create_dir_all(dir).with_context(|| format!("无法创建文件夹 {}", dir.display()))?;
    for r in ranked {
        let text = letter(&Letter {
            file: r.file,
            analysis: r.analysis,
            card: r.card,
        });
        let stem = Path::new(r.file).file_stem().map_or_else(
            || format!("报告{}", r.rank),
            |s| s.to_string_lossy().into_owned(),
        );
        let path = dir.join(format!("{stem}.审核意见.txt"));
        fs::write(&path, text).with_context(|| format!("无法写入 {}", path.display()))?;
    }
    Ok(())
}
