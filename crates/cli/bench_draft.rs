//! `fazhi bench-draft`: the time from a ledger to a checked draft, on an
//! invented ledger of a given size.
//!
//! The workbook is generated and written once, untimed; each round then
//! does what `fazhi draft` does with it in memory: read and check the
//! workbook, compute the figures, compose the draft, write the DOCX and read
//! it back for the self-check. The slowest stage is the one to watch.

use std::time::{Duration, Instant};

use anyhow::bail;
use fazhi_draft::{compose, to_docx, Request, SelfCheck};
use fazhi_ledger::Config;

#[derive(clap::Args)]
pub struct Args {
    /// 台账总行数
    #[arg(long, default_value_t = 10_000)]
    rows: usize,
    /// 轮数 (报告每一步的最短用时)
    #[arg(long, default_value_t = 5)]
    rounds: u32,
}

pub fn run(args: Args) -> anyhow::Result<()> {
    if args.rounds == 0 {
        bail!("--rounds 至少为 1");
    }
    let ledger = fazhi_ledger::sample("示例县", 2025, args.rows, 1);
    let workbook = fazhi_ledger::write(&ledger, Some(fazhi_ledger::INVENTED))?;
    let config = Config::default();
    let mut best = [Duration::MAX; 4];
    let mut summary = String::new();
    for _ in 0..args.rounds {
        let mut stage = 0;
        let mut lap = |start: Instant| {
            best[stage] = best[stage].min(start.elapsed());
            stage += 1;
        };
        let start = Instant::now();
        let loaded = fazhi_ledger::load(&workbook, None, &config)?;
        lap(start);
        let start = Instant::now();
        let draft = compose(&Request {
            unit: "示例县",
            year: loaded.year,
            date: (loaded.year + 1, 2, 26),
            indicators: &loaded.indicators,
            basis: &config.basis,
            previous: None,
        });
        lap(start);
        let start = Instant::now();
        let docx = to_docx(&draft);
        lap(start);
        let start = Instant::now();
        let check = SelfCheck::of(&docx, "草稿.docx")?;
        lap(start);
        summary = format!(
            "台账 {} 行 ({} KB), 问题 {} 个, 指标 {} 项, 草稿 {} KB, 自查: {}",
            ledger.row_count(),
            workbook.len() / 1024,
            loaded.problems.len(),
            loaded.indicators.figures.len(),
            docx.len() / 1024,
            check.verdict()
        );
    }
    println!("{summary}");
    let names = [
        "读取并检查台账、计算指标",
        "起草",
        "生成 DOCX",
        "自查 (读回并分析)",
    ];
    for (name, time) in names.iter().zip(best) {
        println!("{name}: {:.1} ms", time.as_secs_f64() * 1e3);
    }
    let total: Duration = best.iter().sum();
    println!(
        "合计 (各步最短用时之和, {} 轮): {:.1} ms",
        args.rounds,
        total.as_secs_f64() * 1e3
    );
    Ok(())
}
