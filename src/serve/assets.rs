//! The editor (web/: page, scripts, style), built into the binary (no build step, no
//! network). The same files make the static web app (scripts/build-web), which adds the
//! WebAssembly engine; served from here, the editor uses this server's API instead.

use axum::http::header::{
    CACHE_CONTROL, CONTENT_SECURITY_POLICY as CONTENT_SECURITY_POLICY_HEADER, CONTENT_TYPE,
};
use axum::response::IntoResponse;

const INDEX_HTML: &str = include_str!("../../web/index.html");
const APP_JS: &str = include_str!("../../web/app.js");
const ENGINE_JS: &str = include_str!("../../web/engine.js");
const APP_CSS: &str = include_str!("../../web/app.css");

/// The editor's own text is set in the report's font, so Thai shows even where the system has
/// no Thai font (the same bytes as the PDF's; the linker keeps one copy).
const SARABUN_REGULAR: &[u8] = include_bytes!("../../fonts/Sarabun-Regular.ttf");
const SARABUN_BOLD: &[u8] = include_bytes!("../../fonts/Sarabun-Bold.ttf");

/// The dataset the editor starts from when no file was given.
pub const STARTER_DATASET: &str = include_str!("../../samples/short-example.json");

fn asset(content_type: &'static str, body: &'static str) -> impl IntoResponse {
    (
        [(CONTENT_TYPE, content_type), (CACHE_CONTROL, "no-cache")],
        body,
    )
}

/// The page runs only its own script; the preview's SVG may hold images as data: URLs.
const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; img-src 'self' data: blob:; \
     style-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

pub async fn index() -> impl IntoResponse {
    (
        [(CONTENT_SECURITY_POLICY_HEADER, CONTENT_SECURITY_POLICY)],
        asset("text/html; charset=utf-8", INDEX_HTML),
    )
}

pub async fn script() -> impl IntoResponse {
    asset("text/javascript; charset=utf-8", APP_JS)
}

pub async fn engine_script() -> impl IntoResponse {
    asset("text/javascript; charset=utf-8", ENGINE_JS)
}

pub async fn style() -> impl IntoResponse {
    asset("text/css; charset=utf-8", APP_CSS)
}

/// No icon: an empty answer instead of a 404 in the log of every page load.
pub async fn favicon() -> axum::http::StatusCode {
    axum::http::StatusCode::NO_CONTENT
}

pub async fn font_regular() -> impl IntoResponse {
    font(SARABUN_REGULAR)
}

pub async fn font_bold() -> impl IntoResponse {
    font(SARABUN_BOLD)
}

fn font(bytes: &'static [u8]) -> impl IntoResponse {
    (
        [
            (CONTENT_TYPE, "font/ttf"),
            (CACHE_CONTROL, "public, max-age=86400"),
        ],
        bytes,
    )
}
