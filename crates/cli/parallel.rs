//! Work over many files on all cores, with a progress bar on a terminal.

use std::io::{self, IsTerminal};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use indicatif::{ProgressBar, ProgressStyle};

/// `work` on every file, spread over the cores, the results in the order of
/// `files`; `label` names the work on the progress bar.
pub fn for_each_file<T: Send>(
    files: &[PathBuf],
    label: &str,
    work: impl Fn(&Path) -> T + Sync,
) -> Vec<T> {
    let progress = progress_bar(files.len(), label);
    let next = AtomicUsize::new(0);
    let slots: Vec<Mutex<Option<T>>> = files.iter().map(|_| Mutex::new(None)).collect();
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(files.len());
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(path) = files.get(i) else { break };
                let done = work(path);
                *slots[i].lock().unwrap_or_else(|e| e.into_inner()) = Some(done);
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

/// A progress bar on a terminal; nothing when stderr is redirected.
fn progress_bar(len: usize, label: &str) -> ProgressBar {
    if !io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(len as u64);
    let template = format!("{{spinner}} {label} [{{bar:30}}] {{pos}}/{{len}} {{elapsed}}");
    let style = ProgressStyle::with_template(&template)
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("=> ");
    bar.set_style(style);
    bar
}
