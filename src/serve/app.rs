//! The router: which path goes to which handler, with the body limit and the request log.

use std::sync::Arc;
use std::time::Instant;

use axum::Router;
use axum::extract::{DefaultBodyLimit, Request};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::{get, post};

use super::guard::{Hosts, guard};
use super::limits::{Limits, RenderSlots, reject_oversize};
use super::{ServeConfig, api, assets};
use ita_report_engine::typeset::RenderOptions;

/// What every handler shares: the configuration and the render slots. Nothing per client.
#[derive(Clone)]
pub struct AppState(Arc<Inner>);

struct Inner {
    config: ServeConfig,
    slots: RenderSlots,
    hosts: Hosts,
    /// One Save at a time, so two saves never interleave their renames.
    save: tokio::sync::Mutex<()>,
}

impl AppState {
    pub fn new(config: ServeConfig) -> AppState {
        let slots = RenderSlots::new(&config.limits);
        let hosts = Hosts::new(config.addr.ip(), &config.allowed_hosts);
        AppState(Arc::new(Inner {
            config,
            slots,
            hosts,
            save: tokio::sync::Mutex::new(()),
        }))
    }

    pub fn limits(&self) -> &Limits {
        &self.0.config.limits
    }

    pub fn options(&self) -> &RenderOptions {
        &self.0.config.options
    }

    pub fn slots(&self) -> &RenderSlots {
        &self.0.slots
    }

    pub fn hosts(&self) -> &Hosts {
        &self.0.hosts
    }

    pub fn dataset_file(&self) -> Option<&std::path::Path> {
        self.0.config.dataset_file.as_deref()
    }

    pub fn save_lock(&self) -> &tokio::sync::Mutex<()> {
        &self.0.save
    }
}

/// The whole application.
pub fn router(state: AppState) -> Router {
    let body_limit = state.limits().body_bytes;
    Router::new()
        .route("/", get(assets::index))
        .route("/app.js", get(assets::script))
        .route("/engine.js", get(assets::engine_script))
        .route("/app.css", get(assets::style))
        .route("/thai.js", get(assets::thai_script))
        .route("/drafts.js", get(assets::drafts_script))
        .route("/example.json", get(assets::example))
        .route("/favicon.ico", get(assets::favicon))
        .route("/fonts/sarabun-regular.ttf", get(assets::font_regular))
        .route("/fonts/sarabun-bold.ttf", get(assets::font_bold))
        .route("/healthz", get(api::healthz))
        .route("/api/schema", get(api::schema))
        .route("/api/dataset", get(api::dataset))
        .route("/api/check", post(api::check))
        .route("/api/render", post(api::render))
        .route("/api/preview", post(api::preview))
        .route("/api/save", post(api::save))
        .route("/api/import", post(api::import))
        .route("/api/extract", post(api::extract))
        .route("/api/cell/parse", post(api::cell_parse))
        .route("/api/cell/text", post(api::cell_text))
        .route("/api/date", post(api::date))
        .fallback(api::not_found)
        .layer(DefaultBodyLimit::max(body_limit))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            reject_oversize,
        ))
        .layer(middleware::from_fn_with_state(state.clone(), guard))
        .layer(middleware::from_fn(log_request))
        .with_state(state)
}

/// One log line per request: method, path, status, time.
async fn log_request(request: Request, next: Next) -> Response {
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    let start = Instant::now();
    let response = next.run(request).await;
    tracing::info!(
        "{method} {path} {} {:.1}ms",
        response.status().as_u16(),
        start.elapsed().as_secs_f64() * 1000.0
    );
    response
}
