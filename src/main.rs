//! The `ita-report` command: parses arguments, runs one command, maps failures to exit codes
//! (0 done, 1 invalid dataset, 2 usage, 3 I/O or rendering failure).

mod args;
mod commands;
mod lang;
mod layout_file;
mod output;
mod serve;

use std::ffi::OsString;
use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let mut arguments: Vec<OsString> = std::env::args_os().collect();
    // A double-click on ita-report.exe (Windows, no arguments) starts the editor on a free
    // loopback port and opens it in the browser. Elsewhere no arguments prints the usage
    // (exit 2): a terminal user meant a command.
    let double_clicked = cfg!(windows) && arguments.len() == 1;
    if double_clicked {
        arguments.extend(["serve", "--port", "0", "--open"].map(OsString::from));
    }
    let cli = args::Cli::parse_from(arguments);
    lang::choose(cli.lang);
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
            if double_clicked {
                // The window closes with the program: keep the message readable.
                serve::desktop::wait_for_enter();
            }
            ExitCode::from(failure.exit_code())
        }
    }
}

fn run(cli: &args::Cli) -> Result<(), commands::Failure> {
    if !matches!(
        cli.command,
        args::Command::Serve(_) | args::Command::RenderWorker
    ) {
        output::remove_partials_on_signal();
    }
    match &cli.command {
        args::Command::Render(args) => commands::render::run(args),
        args::Command::Check(args) => commands::check::run(args),
        args::Command::Schema => commands::schema::run(),
        args::Command::Extract(args) => commands::extract::run(args),
        args::Command::Info(args) => commands::info::run(args),
        args::Command::Collect(args) => commands::collect::run(args),
        args::Command::Import(args) => commands::import::run(args),
        args::Command::Init(args) => commands::init::run(args),
        args::Command::Serve(args) => commands::serve::run(args),
        args::Command::RenderWorker => {
            serve::worker::run().map_err(|e| commands::Failure::Io(format!("render worker: {e}")))
        }
    }
}
