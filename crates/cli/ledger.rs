//! `fazhi ledger …` and `fazhi draft`: the unit's side. The workbook is read
//! and checked by fazhi-ledger, the draft composed and written by
//! fazhi-draft; this module reads and writes the files and prints.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context};
use fazhi_draft::{compose, to_markdown, Previous, Request, SelfCheck};
use fazhi_ledger::{Config, Indicators, Ledger, Loaded, Severity};

use crate::output::{csv_field, severity_label};

#[derive(clap::Subcommand)]
pub enum LedgerCommand {
    /// 生成空白台账模板 (Excel), 供全年填写
    Template {
        /// 输出文件
        #[arg(long, default_value = "台账.xlsx")]
        out: PathBuf,
        /// 预先填入说明页的填报单位
        #[arg(long)]
        unit: Option<String>,
        /// 预先填入说明页的年度
        #[arg(long)]
        year: Option<i32>,
    },
    /// 生成示例台账 (虚构的示例县, 数据均为编造), 用于演示和测试
    Example {
        #[arg(long, default_value = "示例台账.xlsx")]
        out: PathBuf,
        /// 大约的总行数
        #[arg(long, default_value_t = 200)]
        rows: usize,
        #[arg(long, default_value_t = 2025)]
        year: i32,
        /// 随机种子: 同一种子生成同一台账
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// 检查台账: 逐行列出问题 (工作表、行、列、问题)
    Check(LedgerArgs),
    /// 由台账计算本年度指标 (指标编号与指标目录一致)
    Indicators(LedgerArgs),
}

#[derive(clap::Args)]
pub struct LedgerArgs {
    /// 台账文件 (.xlsx)
    ledger: PathBuf,
    /// 年度 (默认取说明页的年度, 否则取多数日期所在年份)
    #[arg(long)]
    year: Option<i32>,
    /// 规则与口径配置 (TOML; 默认使用内置的 config/ledger.toml)
    #[arg(long)]
    config: Option<PathBuf>,
    /// 输出格式: table, json, csv
    #[arg(long, value_enum, default_value_t = TableFormat::Table)]
    format: TableFormat,
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum TableFormat {
    Table,
    Json,
    Csv,
}

#[derive(clap::Args)]
pub struct DraftArgs {
    /// 台账文件 (.xlsx)
    #[arg(long)]
    ledger: PathBuf,
    /// 报告单位, 如 “株洲市芦淞区” (默认取台账说明页的填报单位)
    #[arg(long)]
    unit: Option<String>,
    /// 报告年度 (默认取台账的年度)
    #[arg(long)]
    year: Option<i32>,
    /// 上一年度的报告 (任意格式): 用于同比变化和 “上年度承诺”
    #[arg(long)]
    previous: Option<PathBuf>,
    /// 落款日期 (YYYY-MM-DD, 默认今天)
    #[arg(long)]
    date: Option<String>,
    /// 规则与口径配置 (TOML)
    #[arg(long)]
    config: Option<PathBuf>,
    /// 输出文件: .docx (公文格式) 或 .md
    #[arg(long, default_value = "草稿.docx")]
    out: PathBuf,
}

pub fn run(command: LedgerCommand) -> anyhow::Result<ExitCode> {
    match command {
        LedgerCommand::Template { out, unit, year } => {
            let mut ledger = Ledger::empty();
            ledger.unit = unit;
            ledger.year = year;
            write_workbook(&out, &ledger, None)?;
            eprintln!("已生成台账模板: {}", out.display());
            Ok(ExitCode::SUCCESS)
        }
        LedgerCommand::Example {
            out,
            rows,
            year,
            seed,
        } => {
            let ledger = fazhi_ledger::sample("示例县", year, rows, seed);
            write_workbook(&out, &ledger, Some(fazhi_ledger::INVENTED))?;
            eprintln!(
                "已生成示例台账 (虚构数据, {} 行): {}",
                ledger.row_count(),
                out.display()
            );
            Ok(ExitCode::SUCCESS)
        }
        LedgerCommand::Check(args) => check(&args),
        LedgerCommand::Indicators(args) => indicators(&args),
    }
}

fn write_workbook(out: &Path, ledger: &Ledger, notice: Option<&str>) -> anyhow::Result<()> {
    let bytes = fazhi_ledger::write(ledger, notice)?;
    fs::write(out, bytes).with_context(|| format!("无法写入 {}", out.display()))
}

/// A ledger opened, with the configuration it was read under.
struct Opened {
    loaded: Loaded,
    config: Config,
}

fn open(path: &Path, year: Option<i32>, config: Option<&Path>) -> anyhow::Result<Opened> {
    let config = match config {
        Some(path) => {
            let text = fs::read_to_string(path)
                .with_context(|| format!("无法读取配置文件 {}", path.display()))?;
            Config::parse(&text)?
        }
        None => Config::default(),
    };
    let bytes = fs::read(path).with_context(|| format!("无法读取台账 {}", path.display()))?;
    let loaded = fazhi_ledger::load(&bytes, year, &config)?;
    Ok(Opened { loaded, config })
}

fn check(args: &LedgerArgs) -> anyhow::Result<ExitCode> {
    let Opened { loaded, .. } = open(&args.ledger, args.year, args.config.as_deref())?;
    to_stdout(|out| match args.format {
        TableFormat::Json => Ok(serde_json::to_writer_pretty(out, &loaded.problems)?),
        TableFormat::Csv => {
            writeln!(out, "\u{feff}规则,级别,工作表,行,列,问题")?;
            for p in &loaded.problems {
                let row = p.row.map(|r| r.to_string()).unwrap_or_default();
                let fields = [
                    p.rule,
                    p.severity.label(),
                    &p.sheet,
                    &row,
                    p.column.unwrap_or(""),
                    &p.message,
                ];
                write_csv_line(out, &fields)?;
            }
            Ok(())
        }
        TableFormat::Table => print_problems(out, &loaded),
    })?;
    let errors = loaded.count(Severity::Error);
    Ok(if errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Writes to stdout through a buffer; a reader that stops early (`| head`)
/// is not an error.
fn to_stdout(write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> anyhow::Result<()> {
    let mut out = io::BufWriter::new(io::stdout().lock());
    match write(&mut out).and_then(|()| out.flush()) {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        other => other.context("写出结果失败"),
    }
}

fn write_csv_line(out: &mut dyn Write, fields: &[&str]) -> io::Result<()> {
    let line: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
    writeln!(out, "{}", line.join(","))
}

fn print_problems(out: &mut dyn Write, loaded: &Loaded) -> io::Result<()> {
    writeln!(
        out,
        "{}年度台账, 共{}行: 错误{}个, 警告{}个, 提示{}个",
        loaded.year,
        loaded.ledger.row_count(),
        loaded.count(Severity::Error),
        loaded.count(Severity::Warning),
        loaded.count(Severity::Info)
    )?;
    for p in &loaded.problems {
        writeln!(
            out,
            "[{}] {}: {} ({})",
            p.severity.label(),
            p.place(),
            p.message,
            p.rule
        )?;
    }
    Ok(())
}

fn indicators(args: &LedgerArgs) -> anyhow::Result<ExitCode> {
    let Opened { loaded, .. } = open(&args.ledger, args.year, args.config.as_deref())?;
    let indicators = &loaded.indicators;
    to_stdout(|out| match args.format {
        TableFormat::Json => Ok(serde_json::to_writer_pretty(out, &indicators.figures)?),
        TableFormat::Csv => {
            writeln!(out, "\u{feff}指标,数值,单位,计算方法")?;
            for f in &indicators.figures {
                let value = f.value.to_string();
                write_csv_line(out, &[f.indicator, &value, f.unit, &f.formula])?;
            }
            Ok(())
        }
        TableFormat::Table => print_indicators(out, indicators),
    })?;
    Ok(ExitCode::SUCCESS)
}

fn print_indicators(out: &mut dyn Write, indicators: &Indicators) -> io::Result<()> {
    writeln!(
        out,
        "{}年度指标 ({}项)",
        indicators.year,
        indicators.figures.len()
    )?;
    for f in &indicators.figures {
        writeln!(
            out,
            "{:<40} {:>14}{:<3} {}",
            f.indicator,
            f.value.to_string(),
            f.unit,
            f.formula
        )?;
    }
    for (sheet, absence) in &indicators.absent {
        let why = match absence {
            fazhi_ledger::Absence::NotApplicable => "不适用",
            fazhi_ledger::Absence::Empty => "未填写",
        };
        writeln!(out, "({sheet}: {why}, 无指标)")?;
    }
    Ok(())
}

pub fn draft(args: DraftArgs) -> anyhow::Result<ExitCode> {
    let Opened { loaded, config } = open(&args.ledger, args.year, args.config.as_deref())?;
    let Some(unit) = args.unit.clone().or_else(|| loaded.ledger.unit.clone()) else {
        bail!("请用 --unit 指定报告单位 (或在台账说明页填写“填报单位”)");
    };
    let date = signing_date(args.date.as_deref())?;
    let previous = args.previous.as_deref().map(read_previous).transpose()?;
    let indicators = &loaded.indicators;
    let draft = compose(&Request {
        unit: &unit,
        year: loaded.year,
        date,
        indicators,
        basis: &config.basis,
        previous: previous.as_ref(),
    });
    let name = args.out.to_string_lossy().into_owned();
    let bytes = if name.to_lowercase().ends_with(".md") {
        to_markdown(&draft).into_bytes()
    } else {
        fazhi_draft::to_docx(&draft)
    };
    fs::write(&args.out, &bytes).with_context(|| format!("无法写入 {}", args.out.display()))?;
    let errors = loaded.count(Severity::Error);
    eprintln!(
        "已生成草稿: {} ({}项指标; 台账问题 {} 个, 其中错误 {} 个, 用 fazhi ledger check 查看)",
        args.out.display(),
        indicators.figures.len(),
        loaded.problems.len(),
        errors
    );
    let check = SelfCheck::of(&bytes, &name)?;
    to_stdout(|out| {
        writeln!(
            out,
            "自查结果: {} (错误 {}, 警告 {}, 提示 {})",
            check.verdict(),
            check.errors(),
            check.count(fazhi_engine::Severity::Warning),
            check.count(fazhi_engine::Severity::Info)
        )?;
        for finding in &check.analysis.findings {
            let label = severity_label(finding.severity);
            writeln!(out, "[{label}] {} ({})", finding.message, finding.rule)?;
        }
        Ok(())
    })?;
    Ok(ExitCode::SUCCESS)
}

fn signing_date(text: Option<&str>) -> anyhow::Result<(i32, u32, u32)> {
    let day = match text {
        Some(text) => fazhi_ledger::Day::parse(text)
            .with_context(|| format!("“{text}”不是日期, 请写成 2026-02-26"))?,
        None => fazhi_ledger::Day::in_china_at(std::time::SystemTime::now()),
    };
    Ok((day.year, day.month, day.day))
}

fn read_previous(path: &Path) -> anyhow::Result<Previous> {
    let bytes =
        fs::read(path).with_context(|| format!("无法读取上一年度报告 {}", path.display()))?;
    Previous::read(
        &bytes,
        &path.to_string_lossy(),
        &fazhi_text::Limits::default(),
    )
    .with_context(|| format!("无法读取上一年度报告 {}", path.display()))
}
