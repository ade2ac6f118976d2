//! `ita-report serve`: the web editor with live preview, and the HTTP render API for portals.
//!
//! Stateless: every request carries its whole dataset, so replicas behind a load balancer need
//! nothing shared. Bounded: body size, renders at a time (a semaphore, the rest wait a little
//! then get 503 with Retry-After), time per render (renders run in worker processes, killed
//! at the limit), connections open at a time and the time to send headers. Requests never
//! name files; only the dataset file given on the command line is read and written (by the
//! editor's Save), and only from the server's own page (see `guard`).

mod api;
mod app;
mod assets;
pub mod desktop;
mod guard;
mod limits;
pub mod worker;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

pub use app::{AppState, router};
pub use limits::Limits;

use ita_report_engine::typeset::RenderOptions;

/// Everything the server is started with.
#[derive(Debug, Clone)]
pub struct ServeConfig {
    /// Where to listen; port 0 picks a free port (printed on standard output).
    pub addr: SocketAddr,
    /// The dataset the editor opens and Save writes back (atomically), if any.
    pub dataset_file: Option<PathBuf>,
    /// Names besides the bound address that requests may give as `Host` (`--allow-host`).
    pub allowed_hosts: Vec<String>,
    /// The render options requests start from (query parameters change them per request).
    pub options: RenderOptions,
    pub limits: Limits,
    /// Say in the console what runs and how to stop it, and open the editor in the browser
    /// (`serve --open`, a double-click on Windows).
    pub open_browser: bool,
}

/// Runs the server until SIGTERM or Ctrl-C, then lets running requests finish (for at most
/// `limits.shutdown_grace`).
///
/// Prints `listening on http://ADDRESS` on standard output once the port is bound.
pub fn run(config: ServeConfig) -> std::io::Result<()> {
    // Logging may already be set up by an embedding program: keep its choice then.
    let _ = tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_target(false)
        .with_ansi(false)
        .try_init();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        // Typst recurses deeply on nested content; the main thread's size, not 2 MiB.
        .thread_stack_size(16 * 1024 * 1024)
        .build()?;
    let result = runtime.block_on(serve(config));
    // Whatever is left (connections past the grace time) is dropped; render workers are
    // killed when their handles drop.
    runtime.shutdown_timeout(Duration::from_secs(1));
    result
}

async fn serve(config: ServeConfig) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::bind(config.addr).await?;
    let local = listener.local_addr()?;
    {
        use std::io::Write;
        let mut stdout = std::io::stdout().lock();
        writeln!(stdout, "listening on http://{local}")?;
        stdout.flush()?;
    }
    if config.open_browser {
        desktop::announce(local);
    }
    tracing::info!(
        "listening on http://{local} (renders at a time: {}, body limit: {} bytes)",
        config.limits.max_renders,
        config.limits.body_bytes
    );
    let limits = config.limits.clone();
    let app = router(AppState::new(config));
    accept(listener, app, &limits).await;
    tracing::info!("stopped");
    Ok(())
}

/// Serves connections until SIGTERM or Ctrl-C: at most `max_connections` open at a time (the
/// next waits in the system's queue, holding no file of ours), each closed when its headers
/// take longer than `header_timeout`. On a stop, no new connection is taken and the requests
/// under way get `shutdown_grace` to finish; then the server exits regardless.
async fn accept(listener: tokio::net::TcpListener, app: axum::Router, limits: &Limits) {
    use hyper_util::rt::{TokioIo, TokioTimer};
    use hyper_util::server::graceful::GracefulShutdown;
    use hyper_util::service::TowerToHyperService;

    let open = std::sync::Arc::new(tokio::sync::Semaphore::new(limits.max_connections.max(1)));
    let graceful = GracefulShutdown::new();
    let stop = shutdown_signal();
    tokio::pin!(stop);
    loop {
        let permit = tokio::select! {
            () = &mut stop => break,
            permit = open.clone().acquire_owned() => match permit {
                Ok(permit) => permit,
                Err(_) => break,
            },
        };
        let stream = tokio::select! {
            () = &mut stop => break,
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                Err(e) => {
                    // Out of file handles (or a connection reset before it was taken): wait a
                    // little rather than spin.
                    tracing::warn!("cannot take a connection: {e}");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
        };
        let service = TowerToHyperService::new(app.clone());
        let connection = hyper::server::conn::http1::Builder::new()
            .timer(TokioTimer::new())
            .header_read_timeout(limits.header_timeout)
            .serve_connection(TokioIo::new(stream), service);
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            let _ = connection.await;
            drop(permit);
        });
    }
    drop(listener);
    tokio::select! {
        () = graceful.shutdown() => {}
        () = tokio::time::sleep(limits.shutdown_grace) => {
            tracing::warn!(
                "stopping now: requests still under way after {} s were dropped",
                limits.shutdown_grace.as_secs()
            );
        }
    }
}

/// Resolves on SIGTERM (container stop) or Ctrl-C.
async fn shutdown_signal() {
    crate::output::interrupted().await;
    tracing::info!("shutting down: finishing the requests under way");
}
