//! Who may use the server. A web page the clerk happens to visit can send requests to
//! `127.0.0.1` too, so:
//! - the `Host` header must name the address the server listens on (`localhost` too on a
//!   loopback address; any IP address when it listens on every interface), or a name given
//!   with `--allow-host`: a page on another name whose DNS answer was switched to 127.0.0.1
//!   ("DNS rebinding") cannot read the dataset;
//! - a request that changes something (every POST) must come from the server's own page (its
//!   `Origin`, when the browser sends one, is this server) and carry
//!   `Content-Type: application/json` (a file to import or read back:
//!   `application/octet-stream` or `application/pdf`), which a cross-site form cannot send and
//!   a cross-site script can only send after asking first (which this server never allows).

use std::net::IpAddr;

use axum::extract::{Request, State};
use axum::http::header::{CONTENT_TYPE, HOST, ORIGIN};
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::api::ApiError;
use super::app::AppState;

/// The names the server answers to.
#[derive(Debug, Clone)]
pub struct Hosts {
    names: Vec<String>,
    /// Listening on every interface: any IP address (never a name) is the server itself.
    any_address: bool,
}

impl Hosts {
    /// The names for a server listening on `bound`, plus the `extra` names given.
    pub fn new(bound: IpAddr, extra: &[String]) -> Hosts {
        let mut names: Vec<String> = vec![literal(bound)];
        if bound.is_loopback() || bound.is_unspecified() {
            names.extend(["localhost", "127.0.0.1", "[::1]"].map(str::to_owned));
        }
        names.extend(extra.iter().map(|n| normal(n)));
        Hosts {
            names,
            any_address: bound.is_unspecified(),
        }
    }

    /// Whether a `Host` header (with or without its port) names this server.
    pub fn allows(&self, host: &str) -> bool {
        let name = normal(strip_port(host));
        if self.names.contains(&name) {
            return true;
        }
        self.any_address
            && name
                .trim_start_matches('[')
                .trim_end_matches(']')
                .parse::<IpAddr>()
                .is_ok()
    }

    /// The names, for messages.
    fn list(&self) -> String {
        self.names.join(", ")
    }
}

/// An address as a `Host` header writes it (IPv6 in brackets).
fn literal(ip: IpAddr) -> String {
    match ip {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => format!("[{v6}]"),
    }
}

fn normal(name: &str) -> String {
    name.trim().trim_end_matches('.').to_ascii_lowercase()
}

/// `name:8080` → `name`, `[::1]:8080` → `[::1]`.
fn strip_port(host: &str) -> &str {
    if host.starts_with('[') {
        return host.find(']').map_or(host, |end| &host[..=end]);
    }
    match host.rsplit_once(':') {
        Some((name, port)) if port.bytes().all(|b| b.is_ascii_digit()) => name,
        _ => host,
    }
}

/// Refuses requests for another host name (403), state-changing requests from another site
/// (403) and state-changing requests that are not JSON (415).
pub async fn guard(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let headers = request.headers();
    let host = headers
        .get(HOST)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
        .or_else(|| request.uri().authority().map(|a| a.as_str().to_owned()));
    let hosts = state.hosts();
    let Some(host) = host.filter(|h| hosts.allows(h)) else {
        return ApiError::new(
            StatusCode::FORBIDDEN,
            format!(
                "this server answers only to {} (the Host header): to reach it by another name, \
                 start it with --allow-host NAME",
                hosts.list()
            ),
        )
        .into_response();
    };
    let reads_only = matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    if !reads_only {
        if let Some(origin) = headers.get(ORIGIN) {
            let origin = origin.to_str().unwrap_or("");
            let same = origin.eq_ignore_ascii_case(&format!("http://{host}"))
                || origin.eq_ignore_ascii_case(&format!("https://{host}"));
            if !same {
                return ApiError::new(
                    StatusCode::FORBIDDEN,
                    format!(
                        "requests from another web site ({origin}) may not change anything here: \
                         use the editor at http://{host}/"
                    ),
                )
                .into_response();
            }
        }
        // Files (a document to import, a report to read back) come as bytes; everything
        // else is a dataset in JSON. None of these types can be sent by a cross-site form.
        let wanted: &[&str] = match request.uri().path() {
            "/api/import" => &["application/octet-stream"],
            "/api/extract" => &["application/pdf", "application/octet-stream"],
            _ => &["application/json"],
        };
        let sent = headers
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(';').next())
            .map(str::trim);
        if !sent.is_some_and(|sent| wanted.iter().any(|w| sent.eq_ignore_ascii_case(w))) {
            return ApiError::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                format!(
                    "send the body with the header Content-Type: {}",
                    wanted.join(" or ")
                ),
            )
            .into_response();
        }
    }
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_of_a_loopback_server() {
        let hosts = Hosts::new("127.0.0.1".parse().unwrap(), &["Report.Example".into()]);
        for ok in [
            "127.0.0.1:8080",
            "localhost:1",
            "LOCALHOST",
            "[::1]:80",
            "report.example.",
        ] {
            assert!(hosts.allows(ok), "{ok}");
        }
        for refused in [
            "evil.example:8080",
            "127.0.0.2",
            "localhost.evil.example",
            "",
        ] {
            assert!(!hosts.allows(refused), "{refused}");
        }
    }

    #[test]
    fn every_interface_takes_any_address_but_no_name() {
        let hosts = Hosts::new("0.0.0.0".parse().unwrap(), &[]);
        assert!(hosts.allows("10.1.2.3:8080"));
        assert!(hosts.allows("[fe80::1]:8080"));
        assert!(!hosts.allows("rebound.example:8080"));
    }
}
