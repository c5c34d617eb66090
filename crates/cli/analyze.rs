//! `fazhi analyze`: read every report under the given paths and print what the engine found.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use anyhow::{bail, Context};
use fazhi_engine::{Analysis, Input};
use fazhi_review::{Card, CardConfig};
use fazhi_text::{Limits, Source};
use indicatif::{ProgressBar, ProgressStyle};

use crate::output::{self, Format};

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
    let progress = progress_bar(files.len());
    let next = AtomicUsize::new(0);
    let slots: Vec<Mutex<Option<Report>>> = files.iter().map(|_| Mutex::new(None)).collect();
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(files.len());
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(path) = files.get(i) else { break };
                let report = analyze_one(path, limits, card);
                *slots[i].lock().unwrap_or_else(|e| e.into_inner()) = Some(report);
                progress.inc(1);
            });
        }
    });
    progress.finish_and_clear();
    slots
        .into_iter()
        .filter_map(|s| s.into_inner().unwrap_or_else(|e| e.into_inner()))
        .collect()
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

/// A progress bar on a terminal; nothing when stderr is redirected.
fn progress_bar(len: usize) -> ProgressBar {
    if !io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(len as u64);
    let style = ProgressStyle::with_template("{spinner} 读取报告 [{bar:30}] {pos}/{len} {elapsed}")
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("=> ");
    bar.set_style(style);
    bar
}
