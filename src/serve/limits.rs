//! The bounds of the server: body size, renders at a time, waiting time, render time,
//! connections and the time to send a request's headers.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::{Request, State};
use axum::http::header::CONTENT_LENGTH;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use super::api::ApiError;
use super::app::AppState;
use super::worker::{WorkAnswer, WorkKind, Worker, request};
use ita_report_engine::dataset::MAX_DATASET_BYTES;
use ita_report_engine::typeset::RenderOptions;

/// How much the server takes on.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Largest request body (413 above it).
    pub body_bytes: usize,
    /// Renders (PDF or preview) at a time.
    pub max_renders: usize,
    /// How long a request waits for a render slot before 503 with Retry-After.
    pub queue_wait: Duration,
    /// How long one render may take before it is stopped and the request gets 503.
    pub render_timeout: Duration,
    /// Connections open at a time; further ones wait in the system's queue until one closes.
    pub max_connections: usize,
    /// How long a client has to send a request's headers (also how long an idle kept-alive
    /// connection stays open).
    pub header_timeout: Duration,
    /// How long a stop (SIGTERM, Ctrl-C) waits for the requests under way.
    pub shutdown_grace: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            body_bytes: MAX_DATASET_BYTES,
            max_renders: std::thread::available_parallelism().map_or(2, |n| n.get()),
            queue_wait: Duration::from_secs(5),
            render_timeout: Duration::from_secs(60),
            max_connections: 256,
            header_timeout: Duration::from_secs(10),
            shutdown_grace: Duration::from_secs(10),
        }
    }
}

/// Why a render did not run to the end.
#[derive(Debug, PartialEq, Eq)]
pub enum SlotError {
    /// Every slot stayed taken for the whole waiting time.
    Busy,
    /// The render took longer than allowed: its worker was killed, its slot is free.
    TimedOut,
    /// The render panicked or its worker died: a bug (or the system ran out of memory).
    Failed,
}

/// Slots for CPU-heavy work: at most `max_renders` at a time. Renders run in worker processes
/// (see `worker`), checks on the blocking thread pool.
#[derive(Clone)]
pub struct RenderSlots {
    semaphore: Arc<Semaphore>,
    wait: Duration,
    timeout: Duration,
    /// Workers that finished in time, ready for the next render.
    idle: Arc<Mutex<Vec<Worker>>>,
}

impl RenderSlots {
    pub fn new(limits: &Limits) -> RenderSlots {
        RenderSlots {
            semaphore: Arc::new(Semaphore::new(limits.max_renders.max(1))),
            wait: limits.queue_wait,
            timeout: limits.render_timeout,
            idle: Arc::new(Mutex::new(Vec::new())),
        }
    }

    /// A free slot, waiting at most the queue time.
    async fn acquire(&self) -> Result<OwnedSemaphorePermit, SlotError> {
        let acquire = self.semaphore.clone().acquire_owned();
        match tokio::time::timeout(self.wait, acquire).await {
            Ok(Ok(permit)) => Ok(permit),
            _ => Err(SlotError::Busy),
        }
    }

    /// Renders (a PDF or a preview) in a worker process once a slot is free. Past the time
    /// limit the worker is killed, so the work really ends, its memory is returned and the
    /// slot is free again. A request given up by its client (the connection closed) kills
    /// its worker too: the worker is dropped, and a dropped worker is killed.
    pub async fn render(
        &self,
        kind: WorkKind,
        options: &RenderOptions,
        body: &[u8],
    ) -> Result<WorkAnswer, SlotError> {
        let _permit = self.acquire().await?;
        let idle = self.idle.lock().ok().and_then(|mut idle| idle.pop());
        let mut worker = match idle {
            Some(worker) => worker,
            None => Worker::spawn().map_err(|e| {
                tracing::error!("cannot start a render worker: {e}");
                SlotError::Failed
            })?,
        };
        let head = request(kind, options);
        let work = async {
            // A test's hold counts as part of the render: past the limit, it is stopped too.
            let _ = tokio::task::spawn_blocking(hold_while_asked).await;
            worker.ask(&head, body).await
        };
        match tokio::time::timeout(self.timeout, work).await {
            Ok(Ok(answer)) => {
                if let Ok(mut idle) = self.idle.lock() {
                    idle.push(worker);
                }
                Ok(answer)
            }
            Ok(Err(e)) => {
                tracing::error!("a render worker failed: {e}");
                worker.kill().await;
                Err(SlotError::Failed)
            }
            Err(_) => {
                worker.kill().await;
                Err(SlotError::TimedOut)
            }
        }
    }

    /// Runs `work` in a slot once one is free (waiting at most the queue time), on this
    /// process's blocking threads: for work with bounded time (checking a dataset).
    pub async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, SlotError> {
        let permit = self.acquire().await?;
        let task = tokio::task::spawn_blocking(move || {
            hold_while_asked();
            let out = work();
            // The slot is freed when the work really ends, even after a timeout.
            drop(permit);
            out
        });
        match tokio::time::timeout(self.timeout, task).await {
            Ok(Ok(out)) => Ok(out),
            Ok(Err(_)) => Err(SlotError::Failed),
            Err(_) => Err(SlotError::TimedOut),
        }
    }
}

/// For tests of a full server (tests/serve.rs): while the file named by ITA_REPORT_HOLD_SLOTS
/// exists, work that got a slot waits before it starts, after writing `<file>.held`, so that a
/// test holds a slot on purpose instead of racing requests. Unset, nothing happens.
fn hold_while_asked() {
    let Some(file) = std::env::var_os("ITA_REPORT_HOLD_SLOTS").map(std::path::PathBuf::from) else {
        return;
    };
    let mut held = file.clone().into_os_string();
    held.push(".held");
    let _ = std::fs::write(&held, b"");
    while file.exists() {
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// Refuses a body announced as too large before reading it (413); bodies without a length
/// are cut at the same limit when read.
pub async fn reject_oversize(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let limit = state.limits().body_bytes;
    let announced = request
        .headers()
        .get(CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    if announced.is_some_and(|n| n > limit as u64) {
        return ApiError::too_large(limit).into_response();
    }
    next.run(request).await
}
