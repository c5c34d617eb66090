//! `fazhi analyze`: read every report under the given paths and print what the engine found.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context};
use fazhi_engine::{Analysis, Input};
use fazhi_review::{Card, CardConfig};
use fazhi_text::{Limits, Source};

use crate::output::{self, Format};
use crate::parallel::for_each_file;

/// File name extensions taken when walking a folder.
const REPORT_EXTENSIONS: &[&str] = &["txt", "htm", "html", "shtml", "xhtml", "docx", "doc", "pdf"];

#[derive(clap::Args)]
pub struct Args {
    /// 报告文件或文件夹 (文件夹会递归读取)
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// 输出格式: table (供阅读), json, jsonl (每个文件一行), csv (每条数据一行)
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
    /// 单个文件的大小上限 (MB)
    #[arg(long, default_value_t = 50)]
    max_size_mb: u64,
    /// 评分卡文件 (TOML; 默认使用内置的 config/card.toml)
    #[arg(long)]
    card: Option<PathBuf>,
}

/// One input file and what became of it.
pub struct Report {
    /// The path as the user gave it (or as found under a folder they gave).
    pub file: String,
    pub outcome: Result<Analyzed, String>,
}

pub struct Analyzed {
    pub source: Source,
    pub analysis: Analysis,
    pub card: Card,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let files = collect_files(&args.paths)?;
    if files.is_empty() {
        bail!(
            "在给定路径下没有找到报告文件 (支持: {})",
            REPORT_EXTENSIONS.join(", ")
        );
    }
    let limits = Limits {
        max_file_bytes: args.max_size_mb.saturating_mul(1024 * 1024),
        ..Limits::default()
    };
    let card = load_card(args.card.as_deref())?;
    let reports = analyze_all(&files, &limits, &card);
    let failed = reports.iter().filter(|r| r.outcome.is_err()).count();
    for report in &reports {
        if let Err(message) = &report.outcome {
            eprintln!("{}: {message}", report.file);
        }
    }
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    match output::write(&mut out, args.format, &reports).and_then(|()| out.flush()) {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {}
        other => other.context("写出结果失败")?,
    }
    if failed > 0 {
        eprintln!("{} 个文件中有 {failed} 个无法读取", reports.len());
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

/// The files under the given paths: files as given, folders walked in name order.
pub fn collect_files(paths: &[PathBuf]) -> anyhow::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            walk(path, &mut files).with_context(|| format!("无法读取文件夹 {}", path.display()))?;
        } else {
            // A missing file is reported with the others, not as a usage error.
            files.push(path.clone());
        }
    }
    Ok(files)
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>) -> io::Result<()> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    entries.sort();
    for path in entries {
        if path.is_dir() {
            walk(&path, files)?;
        } else if has_report_extension(&path) {
            files.push(path);
        }
    }
    Ok(())
}

fn has_report_extension(path: &Path) -> bool {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    ext.is_some_and(|e| REPORT_EXTENSIONS.contains(&e.as_str()))
}

/// The office's card file, or the built-in one.
pub fn load_card(path: Option<&Path>) -> anyhow::Result<CardConfig> {
    let Some(path) = path else {
        return Ok(CardConfig::default());
    };
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("无法读取评分卡 {}", path.display()))?;
    CardConfig::parse(&text).with_context(|| format!("评分卡 {} 无法使用", path.display()))
}

/// Reads and analyses every file, on all cores, keeping the input order.
pub fn analyze_all(files: &[PathBuf], limits: &Limits, card: &CardConfig) -> Vec<Report> {
    for_each_file(files, "读取报告", |path| {
        analyze_one(path, limits, card)
    })
}

fn analyze_one(path: &Path, limits: &Limits, card: &CardConfig) -> Report {
    let file = path.display().to_string();
    let outcome = fazhi_text::read_path(path, limits)
        .map_err(|e| e.to_string())
        .map(|source| {
            let input = Input {
                text: &source.text,
                page_meta: &source.page_meta,
            };
            let (analysis, card) = fazhi_review::review(&input, &source.notes, card);
            Analyzed {
                source,
                analysis,
                card,
            }
        });
    Report { file, outcome }
}
