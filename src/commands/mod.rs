//! The subcommands: each turns its clap arguments into a library request, runs it and prints
//! the result. The only place (with `main.rs`) that prints.

mod entities;
mod export;
mod extract;
mod index;
mod output;
mod search;
mod show;
mod stats;

use std::path::PathBuf;
use std::process::ExitCode;

use crate::cli::{Cli, Command};

/// Runs the command `args` names; the exit code for a normal outcome, an error otherwise.
pub fn run(args: Cli) -> anyhow::Result<ExitCode> {
    let index_dir = args
        .index
        .clone()
        .unwrap_or_else(newsdex::index::default_index_dir);
    match args.command {
        Command::Index(a) => index::run(&index_dir, a),
        Command::Remove(a) => index::remove(&index_dir, a),
        Command::Search(a) => search::run(&index_dir, a),
        Command::Show(a) => show::run(&index_dir, a),
        Command::Export(a) => export::run(&index_dir, a),
        Command::Stats(a) => stats::run(&index_dir, a),
        Command::Extract(a) => extract::run(a),
        Command::Entities(a) => entities::run(&index_dir, a),
    }
}

/// Whether `err` is a closed pipe (`newsdex search x | head`): exit quietly.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        let kind = e
            .downcast_ref::<std::io::Error>()
            .map(std::io::Error::kind)
            .or_else(|| {
                e.downcast_ref::<serde_json::Error>()
                    .and_then(serde_json::Error::io_error_kind)
            });
        kind == Some(std::io::ErrorKind::BrokenPipe)
    })
}

/// Opens the index for reading, with the library's one-line error when there is none.
fn open(dir: &std::path::Path) -> anyhow::Result<newsdex::index::NewsIndex> {
    Ok(newsdex::index::NewsIndex::open(dir)?)
}

/// Paths as the user gave them, made absolute for reporting.
fn absolute(path: &std::path::Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}
