//! `ita-report serve`: the web editor with live preview, and the HTTP render API for portals.
//!
//! Stateless: every request carries its whole dataset, so replicas behind a load balancer need
//! nothing shared. Bounded: body size, renders at a time (a semaphore, the rest wait a little
//! then get 503 with Retry-After), time per render. Requests never name files; only the dataset
//! file given on the command line is read and written (by the editor's Save).

mod api;
mod app;
mod assets;
pub mod desktop;
mod limits;

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
    /// The render options requests start from (query parameters change them per request).
    pub options: RenderOptions,
    pub limits: Limits,
    /// Say in the console what runs and how to stop it, and open the editor in the browser
    /// (`serve --open`, a double-click on Windows).
    pub open_browser: bool,
}

/// Runs the server until SIGTERM or Ctrl-C, then lets running requests finish.
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
    // Renders still running after shutdown (timed out, abandoned) get a moment to end.
    runtime.shutdown_timeout(Duration::from_secs(5));
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
    let app = router(AppState::new(config));
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown_signal())
        .await?;
    tracing::info!("stopped");
    Ok(())
}

/// Resolves on SIGTERM (container stop) or Ctrl-C.
async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
    tracing::info!("shutting down: finishing the requests under way");
}
