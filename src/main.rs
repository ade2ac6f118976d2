//! The `ita-report` command: parses arguments, runs one command, maps failures to exit codes
//! (0 done, 1 invalid dataset, 2 usage, 3 I/O or rendering failure).

mod cli;
mod commands;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    // A panic is a bug, never the user's fault: say so and exit with the I/O status, not 101.
    std::panic::set_hook(Box::new(|info| {
        eprintln!(
            "internal error (a bug in ita-report, please report it with the dataset): {info}"
        );
    }));
    let result = std::panic::catch_unwind(|| run(&cli))
        .unwrap_or_else(|_| Err(commands::Failure::Io("the report was not written".into())));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            eprint!("{failure}");
            ExitCode::from(failure.exit_code())
        }
    }
}

fn run(cli: &cli::Cli) -> Result<(), commands::Failure> {
    match &cli.command {
        cli::Command::Render(args) => commands::render::run(args),
        cli::Command::Check(args) => commands::check::run(args),
        cli::Command::Schema => commands::schema::run(),
        cli::Command::Extract(args) => commands::extract::run(args),
        cli::Command::Info(args) => commands::info::run(args),
        cli::Command::Collect(args) => commands::collect::run(args),
        cli::Command::Import(args) => commands::import::run(args),
        cli::Command::Init(args) => commands::init::run(args),
        cli::Command::Serve(args) => commands::serve::run(args),
    }
}
