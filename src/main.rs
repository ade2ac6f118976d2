//! The `ita-report` command: parses arguments, runs one command, maps failures to exit codes
//! (0 done, 1 invalid dataset, 2 usage, 3 I/O or rendering failure).

mod cli;
mod commands;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    let result = match &cli.command {
        cli::Command::Render(args) => commands::render::run(args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            eprint!("{failure}");
            ExitCode::from(failure.exit_code())
        }
    }
}
