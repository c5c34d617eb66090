//! `fazhi serve` and `fazhi import`: the workbench and filling it.
//!
//! The workbench keeps its database in a data directory (by default the
//! per-user data directory, see `default_data_dir`). On its first start it
//! is loaded with the sample corpus compiled into this binary, so a fresh
//! machine shows real reports at once.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::{bail, Context};
use fazhi_server::{ImportOutcome, Workbench};
use fazhi_text::{Limits, ReadError};
use rust_embed::Embed;

use crate::analyze::{collect_files, load_card};
use crate::parallel::for_each_file;

/// The sample corpus, loaded into an empty workbench.
#[derive(Embed)]
#[folder = "corpus/"]
struct SampleCorpus;

#[derive(clap::Args)]
pub struct ServeArgs {
    /// 数据目录 (默认: $XDG_DATA_HOME/fazhi, 即 ~/.local/share/fazhi; Windows 为 %APPDATA%\fazhi)
    #[arg(long)]
    data_dir: Option<PathBuf>,
    /// 端口
    #[arg(long, default_value_t = 8080)]
    port: u16,
    /// 绑定的地址 (默认只允许本机访问)
    #[arg(long, default_value_t = IpAddr::V4(Ipv4Addr::LOCALHOST))]
    bind: IpAddr,
    /// 评分卡文件 (TOML; 默认使用内置的 config/card.toml)
    #[arg(long)]
    card: Option<PathBuf>,
}

#[derive(clap::Args)]
pub struct ImportArgs {
    /// 报告文件或文件夹 (文件夹会递归读取)
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// 数据目录 (与 fazhi serve 相同)
    #[arg(long)]
    data_dir: Option<PathBuf>,
    /// 评分卡文件 (TOML; 默认使用内置的 config/card.toml)
    #[arg(long)]
    card: Option<PathBuf>,
}

pub fn serve(args: ServeArgs) -> anyhow::Result<ExitCode> {
    let workbench = open(args.data_dir, args.card.as_deref())?;
    if workbench.report_count()? == 0 {
        let loaded = load_sample_corpus(&workbench)?;
        eprintln!("首次启动: 已载入示例报告 {loaded} 份");
    }
    if !args.bind.is_loopback() {
        eprintln!(
            "注意: 工作台绑定在 {}, 网络上的其他计算机也能访问; 目前还没有用户和权限管理, 请只在可信的内网中这样做。",
            args.bind
        );
    }
    let data_dir = workbench.data_dir().display().to_string();
    fazhi_server::serve(
        Arc::new(workbench),
        SocketAddr::new(args.bind, args.port),
        |addr| {
            eprintln!("审核工作台已启动: http://{addr}  (数据目录: {data_dir}; 按 Ctrl-C 停止)");
        },
    )
    .with_context(|| format!("无法在 {}:{} 上启动工作台", args.bind, args.port))?;
    Ok(ExitCode::SUCCESS)
}

pub fn import(args: ImportArgs) -> anyhow::Result<ExitCode> {
    let files = collect_files(&args.paths)?;
    if files.is_empty() {
        bail!("在给定路径下没有找到报告文件");
    }
    let data_dir = match args.data_dir {
        Some(dir) => dir,
        None => default_data_dir()?,
    };
    let workbench = Workbench::open_database(&data_dir, load_card(args.card.as_deref())?)?;
    let outcomes = import_files(&workbench, &files);
    let mut counts = [0usize; 3];
    for (path, outcome) in &outcomes {
        match outcome {
            Ok(o) if o.created => counts[0] += 1,
            Ok(_) => counts[1] += 1,
            Err(message) => {
                counts[2] += 1;
                eprintln!("{}: {message}", path.display());
            }
        }
    }
    eprintln!(
        "导入 {} 份, 已存在 {} 份, 失败 {} 份 (数据目录: {}; 工作台会在下次检索前为新报告建立索引)",
        counts[0],
        counts[1],
        counts[2],
        workbench.data_dir().display()
    );
    Ok(if counts[2] > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn open(data_dir: Option<PathBuf>, card: Option<&Path>) -> anyhow::Result<Workbench> {
    let data_dir = match data_dir {
        Some(dir) => dir,
        None => default_data_dir()?,
    };
    Ok(Workbench::open(&data_dir, load_card(card)?)?)
}

/// The per-user data directory: `$XDG_DATA_HOME/fazhi`, else
/// `~/.local/share/fazhi`; `%APPDATA%\fazhi` on Windows.
fn default_data_dir() -> anyhow::Result<PathBuf> {
    let var = |name: &str| {
        std::env::var_os(name)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    if let Some(xdg) = var("XDG_DATA_HOME") {
        return Ok(xdg.join("fazhi"));
    }
    if let Some(app_data) = var("APPDATA") {
        return Ok(app_data.join("fazhi"));
    }
    match var("HOME") {
        Some(home) => Ok(home.join(".local/share/fazhi")),
        None => bail!("找不到用户目录, 请用 --data-dir 指定数据目录"),
    }
}

fn load_sample_corpus(workbench: &Workbench) -> anyhow::Result<usize> {
    let mut loaded = 0;
    for name in SampleCorpus::iter() {
        let Some(file) = SampleCorpus::get(&name) else {
            continue;
        };
        workbench
            .import(&name, &file.data)
            .with_context(|| format!("示例报告 {name} 无法载入"))?;
        loaded += 1;
    }
    Ok(loaded)
}

/// The bytes of `path`, refused before reading when the file is over the limit.
fn read_within(path: &Path, limits: &Limits) -> Result<Vec<u8>, String> {
    let size = std::fs::metadata(path)
        .map_err(|e| format!("无法读取文件: {e}"))?
        .len();
    if size > limits.max_file_bytes {
        return Err(ReadError::TooLarge {
            size,
            limit: limits.max_file_bytes,
        }
        .to_string());
    }
    std::fs::read(path).map_err(|e| format!("无法读取文件: {e}"))
}

/// Imports the files on all cores (reading and analysis run in parallel;
/// the database takes one write at a time).
fn import_files(
    workbench: &Workbench,
    files: &[PathBuf],
) -> Vec<(PathBuf, Result<ImportOutcome, String>)> {
    let outcomes = for_each_file(files, "导入报告", |path| {
        read_within(path, workbench.limits()).and_then(|bytes| {
            let name = path.file_name().map_or_else(
                || path.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            );
            workbench.import(&name, &bytes).map_err(|e| e.to_string())
        })
    });
    files.iter().cloned().zip(outcomes).collect()
}
