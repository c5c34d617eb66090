//! The `fazhi` command line: a thin shell over the library crates.
//!
//! It parses arguments, walks folders, reads files through `fazhi-text`,
//! analyses them with `fazhi-engine` and prints the results. Everything it
//! prints for people is Chinese; everything for machines is JSON or CSV.
//! Exit codes: 0 all files read, 1 some failed, 2 usage error.

mod analyze;
mod bench;
mod bench_copy;
mod bench_draft;
mod ledger;
mod output;
mod parallel;
mod review;
mod serve;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "fazhi",
    version,
    about = "法治政府建设年度报告: 读取、核查、比较、起草"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// 分析报告: 元数据、五项内容、提纲与全部数据 (each fact with its evidence)
    Analyze(analyze::Args),
    /// 审核一批报告: 评分、排名、雷同内容, 可为每份报告生成审核意见
    Review(review::Args),
    /// 启动审核工作台 (网页), 默认 http://127.0.0.1:8080
    Serve(serve::ServeArgs),
    /// 把报告文件或文件夹导入工作台的数据库
    Import(serve::ImportArgs),
    /// 台账: 生成模板、检查、计算指标
    #[command(subcommand)]
    Ledger(ledger::LedgerCommand),
    /// 由台账起草年度报告 (公文格式 DOCX 或 Markdown), 并自查
    Draft(ledger::DraftArgs),
    /// 测速: 整个流程在单核上的吞吐量 (MB/s)
    Bench(bench::Args),
    /// 测速: 在合成语料上检测报告间共享段落 (抄袭) 的用时与召回率
    BenchCopy(bench_copy::Args),
    /// 测速: 由台账 (默认 10,000 行的虚构台账) 生成并自查草稿的用时
    BenchDraft(bench_draft::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Analyze(args) => analyze::run(args),
        Command::Review(args) => review::run(args),
        Command::Serve(args) => serve::serve(args),
        Command::Import(args) => serve::import(args),
        Command::Ledger(command) => ledger::run(command),
        Command::Draft(args) => ledger::draft(args),
        Command::Bench(args) => bench::run(args).map(|()| ExitCode::SUCCESS),
        Command::BenchCopy(args) => bench_copy::run(args).map(|()| ExitCode::SUCCESS),
        Command::BenchDraft(args) => bench_draft::run(args).map(|()| ExitCode::SUCCESS),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("错误: {err:#}");
            ExitCode::from(2)
        }
    }
}
