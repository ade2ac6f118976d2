//! `ita-report render`: dataset in, official PDF out.

use std::io::Write;

use ita_report::dataset::load;
use ita_report::output::write_atomic;
use ita_report::typeset::{Layout, render};

use super::{
    Failure, check_output_folder, default_output, display_name, io_words, is_stdio, read_dataset,
    render_options,
};
use crate::cli::RenderArgs;

pub fn run(args: &RenderArgs) -> Result<(), Failure> {
    let file = display_name(&args.dataset);
    let output = match &args.output {
        Some(path) => path.clone(),
        None if is_stdio(&args.dataset) => "-".into(),
        None => default_output(&args.dataset),
    };
    let layout = match &args.layout {
        None => Layout::official(),
        Some(path) => Layout::from_file(path).map_err(|e| {
            Failure::Io(format!(
                "{}: cannot read the layout: {}",
                path.display(),
                io_words(&e)
            ))
        })?,
    };
    if !is_stdio(&output) {
        check_output_folder(&output)?;
    }
    let bytes = read_dataset(&args.dataset)?;
    let dataset = load(&bytes).map_err(|error| Failure::Dataset {
        file: file.clone(),
        error,
    })?;
    let options = render_options(&args.style);
    let rendered = render(&dataset, layout, &options).map_err(|error| Failure::Render {
        file: file.clone(),
        error,
    })?;
    for warning in &rendered.warnings {
        eprintln!("{warning}");
    }
    if is_stdio(&output) {
        let mut stdout = std::io::stdout().lock();
        stdout
            .write_all(&rendered.pdf)
            .and_then(|()| stdout.flush())
            .map_err(|e| {
                Failure::Io(format!(
                    "cannot write the PDF to standard output: {}",
                    io_words(&e)
                ))
            })?;
    } else {
        write_atomic(&output, &rendered.pdf).map_err(|e| {
            Failure::Io(format!(
                "{}: cannot write the PDF: {}",
                output.display(),
                io_words(&e)
            ))
        })?;
        eprintln!("{}: {} page(s)", output.display(), rendered.pages);
    }
    Ok(())
}
