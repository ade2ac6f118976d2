//! The bounds of the server: body size, renders at a time, waiting time, render time.

use std::sync::Arc;
use std::time::Duration;

use axum::extract::{Request, State};
use axum::http::header::CONTENT_LENGTH;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use tokio::sync::Semaphore;

use super::api::ApiError;
use super::app::AppState;
use ita_report_engine::dataset::MAX_DATASET_BYTES;

/// How much the server takes on.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Largest request body (413 above it).
    pub body_bytes: usize,
    /// Renders (PDF or preview) at a time.
    pub max_renders: usize,
    /// How long a request waits for a render slot before 503 with Retry-After.
    pub queue_wait: Duration,
    /// How long one render may take before the request gets 503.
    pub render_timeout: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            body_bytes: MAX_DATASET_BYTES,
            max_renders: std::thread::available_parallelism().map_or(2, |n| n.get()),
            queue_wait: Duration::from_secs(5),
            render_timeout: Duration::from_secs(60),
        }
    }
}

/// Why a render did not run to the end.
#[derive(Debug, PartialEq, Eq)]
pub enum SlotError {
    /// Every slot stayed taken for the whole waiting time.
    Busy,
    /// The render took longer than allowed (it still ends in the background, holding its slot).
    TimedOut,
    /// The render panicked: a bug.
    Failed,
}

/// Slots for CPU-heavy work: at most `max_renders` at a time, on the blocking thread pool.
#[derive(Debug, Clone)]
pub struct RenderSlots {
    semaphore: Arc<Semaphore>,
    wait: Duration,
    timeout: Duration,
}

impl RenderSlots {
    pub fn new(limits: &Limits) -> RenderSlots {
        RenderSlots {
            semaphore: Arc::new(Semaphore::new(limits.max_renders.max(1))),
            wait: limits.queue_wait,
            timeout: limits.render_timeout,
        }
    }

    /// Runs `work` in a slot once one is free (waiting at most the queue time).
    pub async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, SlotError> {
        let acquire = self.semaphore.clone().acquire_owned();
        let permit = match tokio::time::timeout(self.wait, acquire).await {
            Ok(Ok(permit)) => permit,
            _ => return Err(SlotError::Busy),
        };
        let task = tokio::task::spawn_blocking(move || {
            hold_while_asked();
            let out = work();
            // Typst's memo cache: keep what recent renders used, so memory stays flat while
            // an edit of the same report still reuses most of the last compile.
            ita_report_engine::typeset::evict_caches(10);
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
