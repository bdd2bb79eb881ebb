//! `newsdex index [PATH...]` and `newsdex remove PATH`: keep the index a mirror of folders,
//! with a progress bar and a summary.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use newsdex::index::NewsIndex;
use newsdex::ingest::{index_paths, remove_root, IndexOptions, IndexReport, Progress};
use newsdex::Error;

use crate::cli::{Format, IndexArgs, RemoveArgs};

pub fn run(index_dir: &Path, args: IndexArgs) -> anyhow::Result<ExitCode> {
    let mut roots: Vec<PathBuf> = args.paths.iter().map(|p| super::absolute(p)).collect();
    if roots.is_empty() {
        let remembered = NewsIndex::open(index_dir)
            .map(|i| i.commit_info().roots)
            .unwrap_or_default();
        if remembered.is_empty() {
            anyhow::bail!(
                "no folders to index: give a PATH (the index at {} remembers none)",
                index_dir.display()
            );
        }
        roots = remembered.into_iter().map(PathBuf::from).collect();
    }
    let index = if args.full {
        NewsIndex::create_beside(index_dir)?
    } else {
        NewsIndex::open_or_create(index_dir)?
    };
    let mut opts = IndexOptions::default();
    if let Some(t) = args.threads {
        opts.threads = t.max(1);
    }
    opts.memory_budget = args.memory_budget << 20;
    opts.max_file_size = args.max_file_size << 20;
    opts.commit_interval = Duration::from_secs_f64(args.commit_interval.max(0.0));
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    bar.set_style(
        ProgressStyle::with_template("{spinner} {pos} files  {per_sec}  {elapsed}  {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    let started = Instant::now();
    let report = waiting(args.wait, || {
        index_paths(&index, &roots, &opts, &|p| match p {
            Progress::Files(n) => bar.set_position(n),
            Progress::Committing => bar.set_message("committing"),
        })
    })?;
    bar.finish_and_clear();
    if args.full {
        index.replace(index_dir)?;
    }
    print_report(&report, args.format, started, index_dir)?;
    let failed = !report.missing.is_empty() || (args.strict && !report.skipped.is_empty());
    Ok(if failed {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

pub fn remove(index_dir: &Path, args: RemoveArgs) -> anyhow::Result<ExitCode> {
    let index = super::open(index_dir)?;
    let started = Instant::now();
    let root = super::absolute(&args.path);
    let report = waiting(args.wait, || {
        remove_root(&index, &root, &IndexOptions::default())
    })?;
    print_report(&report, Format::Text, started, index_dir)?;
    Ok(ExitCode::SUCCESS)
}

/// Runs `f`; while another process holds the index and `wait` is set, retries.
fn waiting<T>(wait: bool, mut f: impl FnMut() -> newsdex::Result<T>) -> newsdex::Result<T> {
    loop {
        match f() {
            Err(Error::Locked(_)) if wait => std::thread::sleep(Duration::from_millis(250)),
            other => return other,
        }
    }
}

fn print_report(
    report: &IndexReport,
    format: Format,
    started: Instant,
    index_dir: &Path,
) -> anyhow::Result<()> {
    for (path, reason) in &report.skipped {
        eprintln!("{path}: {reason}");
    }
    for path in &report.missing {
        eprintln!("{path}: no such file or directory");
    }
    match format {
        Format::Json => println!("{}", serde_json::to_string(report)?),
        Format::Text => {
            let plural =
                |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
            println!(
                "{} added, {} updated, {} removed, {} unchanged; {}, {} skipped ({:.1}s) in {}",
                report.added,
                report.updated,
                report.removed,
                report.unchanged,
                plural(report.duplicates.len(), "duplicate"),
                report.skipped.len(),
                started.elapsed().as_secs_f64(),
                index_dir.display()
            );
            for (dup, of) in &report.duplicates {
                println!("duplicate: {dup} (same article as {of})");
            }
        }
    }
    Ok(())
}
