//! `ita-report serve`: the web editor and HTTP API (see `crate::serve`).

use std::net::SocketAddr;
use std::time::Duration;

use crate::serve::{Limits, ServeConfig, run as serve};

use super::{Failure, render_options};
use crate::args::ServeArgs;

pub fn run(args: &ServeArgs) -> Result<(), Failure> {
    let defaults = Limits::default();
    let config = ServeConfig {
        addr: SocketAddr::new(args.bind, args.port),
        dataset_file: args.dataset.clone(),
        allowed_hosts: args.allow_host.clone(),
        options: render_options(&args.style),
        limits: Limits {
            body_bytes: (args.max_body as usize) * 1024 * 1024,
            max_renders: args.max_renders.map_or(defaults.max_renders, usize::from),
            queue_wait: Duration::from_secs(args.queue_timeout),
            render_timeout: Duration::from_secs(args.render_timeout.max(1)),
            max_connections: args.max_connections as usize,
            header_timeout: Duration::from_secs(args.header_timeout),
            ..defaults
        },
        open_browser: args.open,
    };
    let addr = config.addr;
    serve(config).map_err(|e| Failure::Io(format!("ita-report serve on {addr}: {e}")))
}
