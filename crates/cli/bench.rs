//! `fazhi bench`: the speed of the whole pipeline on one core.
//!
//! Files are read from disk once; then reading (decoding, HTML/DOCX/PDF
//! extraction) and analysis run over the bytes in memory, on one thread, for
//! a fixed number of rounds. The figure reported is megabytes of input per
//! second per core, the unit the project's speed target is stated in.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::{bail, Context};
use fazhi_engine::Input;
use fazhi_text::Limits;

#[derive(clap::Args)]
pub struct Args {
    /// 用于测速的报告文件或文件夹
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// 至少运行的时间 (秒)
    #[arg(long, default_value_t = 3.0)]
    seconds: f64,
    /// 固定运行的轮数 (给定时忽略 --seconds; 用于按指令数比较, 如 callgrind)
    #[arg(long)]
    rounds: Option<u32>,
}

pub fn run(args: Args) -> anyhow::Result<()> {
    let files = crate::analyze::collect_files(&args.paths)?;
    let inputs: Vec<(String, Vec<u8>)> = files
        .iter()
        .map(|p| {
            std::fs::read(p)
                .map(|b| (p.display().to_string(), b))
                .with_context(|| format!("无法读取 {}", p.display()))
        })
        .collect::<anyhow::Result<_>>()?;
    let bytes: usize = inputs.iter().map(|(_, b)| b.len()).sum();
    if bytes == 0 {
        bail!("没有可用于测速的内容");
    }
    let limits = Limits::default();
    // One warm-up round loads the catalog and the conversion tables.
    let facts = pipeline(&inputs, &limits);
    let budget = Duration::from_secs_f64(args.seconds.max(0.1));
    let start = Instant::now();
    let mut rounds = 0u32;
    let enough = |rounds: u32| match args.rounds {
        Some(n) => rounds >= n,
        None => start.elapsed() >= budget,
    };
    while !enough(rounds) {
        pipeline(&inputs, &limits);
        rounds += 1;
    }
    let elapsed = start.elapsed().as_secs_f64();
    let mb = bytes as f64 * f64::from(rounds) / 1e6;
    println!(
        "文件 {} 个, 共 {:.2} MB, 每轮数据 {facts} 条",
        inputs.len(),
        bytes as f64 / 1e6
    );
    println!(
        "单核 {rounds} 轮, 用时 {elapsed:.2} 秒: {:.1} MB/s, 每份报告 {:.2} 毫秒",
        mb / elapsed,
        elapsed * 1e3 / f64::from(rounds) / inputs.len() as f64
    );
    Ok(())
}

/// Reads and analyses every input once; returns the number of facts, so the work cannot be optimised away.
fn pipeline(inputs: &[(String, Vec<u8>)], limits: &Limits) -> usize {
    inputs
        .iter()
        .filter_map(|(name, bytes)| fazhi_text::read_bytes(bytes, name, limits).ok())
        .map(|source| {
            fazhi_engine::analyze(&Input {
                text: &source.text,
                page_meta: &source.page_meta,
            })
            .facts
            .len()
        })
        .sum()
}
