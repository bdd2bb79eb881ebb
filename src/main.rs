//! The `newsdex` binary: parses arguments, runs a command, maps the outcome to an exit code.

use std::process::ExitCode;

use clap::Parser;

mod cli;
mod commands;

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
