//! `newsdex index PATH...`: walk, parse, extract and index, with a progress bar and a summary.

use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use newsdex::index::NewsIndex;
use newsdex::ingest::{index_paths, IndexOptions, Progress};

use crate::cli::{Format, IndexArgs};

pub fn run(index_dir: &Path, args: IndexArgs) -> anyhow::Result<ExitCode> {
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
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    bar.set_style(
        ProgressStyle::with_template("{spinner} {pos} files  {per_sec}  {elapsed}  {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    let started = Instant::now();
    let roots: Vec<_> = args.paths.iter().map(|p| super::absolute(p)).collect();
    let report = index_paths(&index, &roots, &opts, &|p| match p {
        Progress::Files(n) => bar.set_position(n),
        Progress::Committing => {
            if std::env::var_os("NEWSDEX_TIMING").is_some() {
                eprintln!("committing after {:.2}s", started.elapsed().as_secs_f64());
            }
            bar.set_message("committing")
        }
    })?;
    bar.finish_and_clear();
    if args.full {
        index.replace(index_dir)?;
    }
    for (path, reason) in &report.skipped {
        eprintln!("{path}: {reason}");
    }
    for path in &report.missing {
        eprintln!("{path}: no such file or directory");
    }
    let secs = started.elapsed().as_secs_f64();
    match args.format {
        Format::Json => println!("{}", serde_json::to_string(&report)?),
        Format::Text => {
            println!(
                "indexed {} new, {} updated, {} unchanged; {} duplicate{}, {} skipped ({:.1}s) into {}",
                report.added,
                report.updated,
                report.unchanged,
                report.duplicates.len(),
                if report.duplicates.len() == 1 { "" } else { "s" },
                report.skipped.len(),
                secs,
                index_dir.display()
            );
            for (dup, of) in &report.duplicates {
                println!("duplicate: {dup} (same article as {of})");
            }
        }
    }
    let failed = !report.missing.is_empty() || (args.strict && !report.skipped.is_empty());
    Ok(if failed {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}
