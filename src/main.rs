//! The `newsdex` binary: parses arguments, runs a command, maps the outcome to an exit code.

use std::process::ExitCode;

use clap::Parser;

mod cli;
mod commands;

/// mimalloc: indexing allocates many small strings on several threads; the system allocator
/// spent about a tenth of the indexing time in malloc and free.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    match commands::run(args) {
        Ok(code) => code,
        Err(err) if commands::is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("newsdex: {err:#}");
            ExitCode::from(2)
        }
    }
}
