//! The HTTP handlers: render, preview, check, schema, health, and the editor's dataset/save.
//! Every error is JSON `{error, problems?, truncated?}`; nothing here panics on input.

use axum::Json;
use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, QueryRejection};
use axum::extract::{Query, State};
use axum::http::header::{CONTENT_TYPE, RETRY_AFTER};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use ita_report_engine::typeset::choices::RenderChoices;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::app::AppState;
use super::assets::STARTER_DATASET;
use super::limits::SlotError;
use super::worker::{WorkAnswer, WorkKind};
use ita_report_engine::dataset::report::{ProblemReport, problem_reports};
use ita_report_engine::dataset::schema::dataset_schema_text;
use ita_report_engine::dataset::{Dataset, InvalidDataset, MAX_DATASET_BYTES, load};
use ita_report_engine::import::{ImportOptions, NamedImport, NamedImportError, import_named};
use ita_report_engine::readback::read_report;
use ita_report_engine::typeset::svg::render_svg;
use ita_report_engine::typeset::{Layout, RenderError, RenderOptions, render as render_pdf};

/// An error answer: a status and `{error, error_th?, problems?, truncated?}`, and for a file
/// that cannot be imported `{reason, warnings, warnings_th}` too.
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    body: ErrorBody,
    retry_after: Option<u64>,
}

#[derive(Debug, Serialize)]
struct ErrorBody {
    error: String,
    /// The same in Thai, where the engine says it (an import, a PDF read back).
    #[serde(skip_serializing_if = "Option::is_none")]
    error_th: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    problems: Option<Vec<ProblemReport>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    truncated: Option<bool>,
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    import: Option<Box<ImportFailure>>,
}

/// Why a file was not imported, for the editor: the reason (`no-organization`…) and what was
/// noticed on the way.
#[derive(Debug, Serialize)]
struct ImportFailure {
    reason: &'static str,
    warnings: Vec<String>,
    warnings_th: Vec<String>,
}

impl ApiError {
    pub fn new(status: StatusCode, error: impl Into<String>) -> ApiError {
        ApiError {
            status,
            body: ErrorBody {
                error: error.into(),
                error_th: None,
                problems: None,
                truncated: None,
                import: None,
            },
            retry_after: None,
        }
    }

    pub fn too_large(limit: usize) -> ApiError {
        ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!(
                "the request body is larger than {} MB, too big to be a report dataset",
                limit / 1_048_576
            ),
        )
    }

    /// 422 with every problem of the dataset, as `ita-report check --format json` lists them.
    fn invalid(error: &InvalidDataset) -> ApiError {
        let n = error.problems.len();
        let mut answer = ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            format!(
                "the dataset has {n} problem{}",
                if n == 1 { "" } else { "s" }
            ),
        );
        answer.body.problems = Some(problem_reports(error));
        answer.body.truncated = Some(error.truncated);
        answer
    }

    fn render_failed(error: &RenderError) -> ApiError {
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("the report could not be rendered: {error}"),
        )
    }

    fn slot(error: SlotError, state: &AppState) -> ApiError {
        match error {
            SlotError::Busy => {
                let mut answer = ApiError::new(
                    StatusCode::SERVICE_UNAVAILABLE,
                    "the server is busy rendering other reports: try again shortly",
                );
                answer.retry_after = Some(state.limits().queue_wait.as_secs().clamp(1, 30));
                answer
            }
            SlotError::TimedOut => {
                let mut answer = ApiError::new(
                    StatusCode::SERVICE_UNAVAILABLE,
                    format!(
                        "the render took longer than {} s and was stopped",
                        state.limits().render_timeout.as_secs()
                    ),
                );
                answer.retry_after = Some(5);
                answer
            }
            SlotError::Failed => ApiError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal error while rendering (a bug in ita-report, please report it with the dataset)",
            ),
        }
    }
}

impl ApiError {
    /// The answer as a worker process sends it.
    fn into_work(self) -> WorkAnswer {
        let mut headers = vec![("content-type".to_owned(), "application/json".to_owned())];
        if let Some(seconds) = self.retry_after {
            headers.push(("retry-after".to_owned(), seconds.to_string()));
        }
        WorkAnswer {
            status: self.status.as_u16(),
            headers,
            body: serde_json::to_vec(&self.body).unwrap_or_default(),
        }
    }
}

impl IntoResponse for WorkAnswer {
    fn into_response(self) -> Response {
        let mut response = (
            StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
            self.body,
        )
            .into_response();
        for (name, value) in &self.headers {
            if let (Ok(name), Ok(value)) = (
                axum::http::HeaderName::try_from(name.as_str()),
                HeaderValue::try_from(value.as_str()),
            ) {
                response.headers_mut().insert(name, value);
            }
        }
        response
    }
}

/// What a worker process answers for a render or a preview of `body`.
pub fn work(kind: WorkKind, options: &RenderOptions, body: &[u8]) -> WorkAnswer {
    let answer = match kind {
        WorkKind::Pdf => render_answer(options, body),
        WorkKind::Preview => preview_answer(options, body),
    };
    answer.unwrap_or_else(ApiError::into_work)
}

/// A worker's answer to a request it could not even read: a bug.
pub fn internal_error(why: &str) -> WorkAnswer {
    ApiError::new(
        StatusCode::INTERNAL_SERVER_ERROR,
        format!("internal error (a bug in ita-report, please report it): {why}"),
    )
    .into_work()
}

fn render_answer(options: &RenderOptions, body: &[u8]) -> Result<WorkAnswer, ApiError> {
    let dataset = dataset_of(body)?;
    let rendered = render_pdf(&dataset, Layout::official(), options)
        .map_err(|e| ApiError::render_failed(&e))?;
    Ok(WorkAnswer {
        status: 200,
        headers: vec![
            ("content-type".into(), "application/pdf".into()),
            (
                "content-disposition".into(),
                "attachment; filename=\"report.pdf\"".into(),
            ),
            ("x-pages".into(), rendered.pages.to_string()),
        ],
        body: rendered.pdf,
    })
}

fn preview_answer(options: &RenderOptions, body: &[u8]) -> Result<WorkAnswer, ApiError> {
    let dataset = dataset_of(body)?;
    let pages = render_svg(&dataset, Layout::official(), options.normalise)
        .map_err(|e| ApiError::render_failed(&e))?;
    let warnings: Vec<String> = pages.warnings.iter().map(ToString::to_string).collect();
    Ok(WorkAnswer {
        status: 200,
        headers: vec![("content-type".into(), "application/json".into())],
        body: serde_json::to_vec(
            &json!({"pages": pages.pages, "measures": pages.measures, "warnings": warnings}),
        )
        .unwrap_or_default(),
    })
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut response = (self.status, Json(self.body)).into_response();
        if let Some(seconds) = self.retry_after {
            response
                .headers_mut()
                .insert(RETRY_AFTER, HeaderValue::from(seconds));
        }
        response
    }
}

impl From<BytesRejection> for ApiError {
    fn from(rejection: BytesRejection) -> ApiError {
        let status = rejection.status();
        if status == StatusCode::PAYLOAD_TOO_LARGE {
            return ApiError::new(
                status,
                "the request body is larger than the server's limit, too big to be a report dataset",
            );
        }
        ApiError::new(status, rejection.body_text())
    }
}

impl From<QueryRejection> for ApiError {
    fn from(rejection: QueryRejection) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, rejection.body_text())
    }
}

/// Per-request render choices: `?pdf_standard=a-3b,ua-1&digits=thai&date_style=full`, any of
/// the engine's choices by name.
#[derive(Debug, Default, Deserialize)]
#[serde(transparent)]
pub struct RenderQuery(RenderChoices);

impl RenderQuery {
    /// The server's defaults, changed as the query asks.
    fn apply(&self, defaults: &RenderOptions) -> Result<RenderOptions, ApiError> {
        self.0
            .apply(defaults)
            .map_err(|why| ApiError::new(StatusCode::BAD_REQUEST, why))
    }
}

/// The dataset of a request body, or 422 with its problems.
fn dataset_of(body: &[u8]) -> Result<Dataset, ApiError> {
    load(body).map_err(|error| ApiError::invalid(&error))
}

pub async fn healthz() -> impl IntoResponse {
    ([(CONTENT_TYPE, "text/plain; charset=utf-8")], "ok\n")
}

pub async fn schema() -> impl IntoResponse {
    (
        [(CONTENT_TYPE, "application/schema+json")],
        dataset_schema_text(),
    )
}

pub async fn not_found() -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        "no such page: see README, \"Web editor and HTTP API\"",
    )
}

/// `POST /api/check`: `{ok, problems, truncated}` (200 whether or not the dataset is valid).
pub async fn check(
    State(state): State<AppState>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<Value>, ApiError> {
    let body = body?;
    let verdict = state
        .slots()
        .run(move || load(&body).err())
        .await
        .map_err(|e| ApiError::slot(e, &state))?;
    Ok(Json(match verdict {
        None => json!({"ok": true, "problems": [], "truncated": false}),
        Some(error) => json!({
            "ok": false,
            "problems": problem_reports(&error),
            "truncated": error.truncated,
        }),
    }))
}

/// `POST /api/render`: the PDF of the dataset in the body.
pub async fn render(
    State(state): State<AppState>,
    query: Result<Query<RenderQuery>, QueryRejection>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    work_in_a_slot(WorkKind::Pdf, state, query, body).await
}

/// `POST /api/preview`: `{pages: [svg, …], measures: [{page, top}, …], warnings: [...]}` for
/// the editor.
pub async fn preview(
    State(state): State<AppState>,
    query: Result<Query<RenderQuery>, QueryRejection>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    work_in_a_slot(WorkKind::Preview, state, query, body).await
}

/// A render or a preview with the query's options, in a worker slot.
async fn work_in_a_slot(
    kind: WorkKind,
    state: AppState,
    query: Result<Query<RenderQuery>, QueryRejection>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let Query(query) = query?;
    let options = query.apply(state.options())?;
    let body = body?;
    let answer = state
        .slots()
        .render(kind, &options, &body)
        .await
        .map_err(|e| ApiError::slot(e, &state))?;
    Ok(answer.into_response())
}

/// `POST /api/import?file_name=รายงาน.docx[&org=…&year=2567]`, body: the file: `{dataset,
/// warnings, warnings_th}`, the dataset as JSON text; `422` when the file is not a report
/// that can be read (with `reason`: `no-organization` and `no-fiscal-year` ask for org/year).
pub async fn import(
    State(state): State<AppState>,
    query: Result<Query<ImportQuery>, QueryRejection>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<NamedImport>, ApiError> {
    let Query(query) = query?;
    let body = body?;
    let imported = state
        .slots()
        .run(move || {
            let options = ImportOptions {
                org: query.org,
                year: query.year,
                ..ImportOptions::default()
            };
            import_named(&query.file_name, body.to_vec(), &options).map_err(|e| match e {
                NamedImportError::Invalid(error) => ApiError::invalid(&error),
                NamedImportError::NotAReport {
                    reason,
                    message,
                    message_th,
                    warnings,
                    warnings_th,
                } => {
                    let mut answer = ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, message);
                    answer.body.error_th = Some(message_th);
                    answer.body.import = Some(Box::new(ImportFailure {
                        reason,
                        warnings,
                        warnings_th,
                    }));
                    answer
                }
                other => ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, other.to_string()),
            })
        })
        .await
        .map_err(|e| ApiError::slot(e, &state))??;
    Ok(Json(imported))
}

/// Which file an import reads: its name gives the format.
#[derive(Debug, Deserialize)]
pub struct ImportQuery {
    file_name: String,
    /// The organisation's name, when the file does not say it.
    org: Option<String>,
    /// The fiscal year, when the file does not say it.
    year: Option<i32>,
}

/// `POST /api/extract`, body: a report made by ita-report: the dataset it carries (JSON).
pub async fn extract(
    State(state): State<AppState>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let body = body?;
    let dataset = state
        .slots()
        .run(move || {
            read_report(&body)
                .map(|read| read.dataset_bytes)
                .map_err(|e| {
                    let mut answer = ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, e.to_string());
                    answer.body.error_th = Some(e.thai());
                    answer
                })
        })
        .await
        .map_err(|e| ApiError::slot(e, &state))??;
    Ok((
        [(CONTENT_TYPE, HeaderValue::from_static("application/json"))],
        dataset,
    )
        .into_response())
}

/// `GET /api/dataset`: what the editor opens: the file given on the command line (when it
/// exists), else an example.
pub async fn dataset(State(state): State<AppState>) -> Result<Json<Value>, ApiError> {
    let file = state.dataset_file().map(std::path::Path::to_path_buf);
    let name = file.as_ref().map(|f| f.display().to_string());
    let text = match file {
        Some(path) => tokio::task::spawn_blocking(move || read_small(&path))
            .await
            .map_err(|_| {
                ApiError::new(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "could not read the dataset",
                )
            })??,
        None => None,
    };
    let version = text
        .as_deref()
        .map_or_else(|| "none".to_owned(), |t| version_of(t.as_bytes()));
    let text = text.unwrap_or_else(|| STARTER_DATASET.to_owned());
    let dataset: Value = serde_json::from_str(&text).map_err(|e| {
        ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            format!("the dataset file is not valid JSON ({e}): fix it with `ita-report check`"),
        )
    })?;
    Ok(Json(json!({
        "dataset": dataset,
        "file": name,
        "can_save": state.dataset_file().is_some(),
        "version": version,
    })))
}

/// The version of a dataset file's text, as the editor sends it back in `If-Match` when it
/// saves: a save over a file that changed since (another tab saved) is refused with 409.
fn version_of(text: &[u8]) -> String {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::hash::DefaultHasher::new();
    text.hash(&mut hasher);
    format!("{:016x}", hasher.finish())
}

/// `POST /api/cell/parse`: the rich text (JSON) of a cell's text (the body), by the one
/// cell parser import uses.
pub async fn cell_parse(body: Result<Bytes, BytesRejection>) -> Result<Json<Value>, ApiError> {
    let text = json_string(body?, "the cell's text")?;
    let rich = ita_report_engine::import::cell::parse_cell(&text);
    Ok(Json(serde_json::to_value(&rich).unwrap_or(Value::Null)))
}

/// A body that is one JSON string (every POST to this server is JSON: see `guard`).
fn json_string(body: Bytes, what: &str) -> Result<String, ApiError> {
    serde_json::from_slice(&body).map_err(|e| {
        ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            format!("send {what} as a JSON string: {e}"),
        )
    })
}

/// `POST /api/cell/text`: a cell's rich text (JSON body) as the text a clerk edits.
pub async fn cell_text(body: Result<Bytes, BytesRejection>) -> Result<String, ApiError> {
    let body = body?;
    let value: Value = serde_json::from_slice(&body).map_err(|e| {
        ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            format!("the body is not JSON: {e}"),
        )
    })?;
    let rich = ita_report_engine::dataset::decode::decode_rich(&value).map_err(|_| {
        ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "this is not the rich text of a cell",
        )
    })?;
    Ok(ita_report_engine::import::cell::cell_text(&rich))
}

/// `POST /api/date`: a date as a clerk types it (a JSON string) read by the engine: `{iso,
/// text, problem}` (see `import::period::read_typed_date`).
pub async fn date(body: Result<Bytes, BytesRejection>) -> Result<Json<Value>, ApiError> {
    let text = json_string(body?, "the date")?;
    let answer = ita_report_engine::import::period::read_typed_date(&text);
    Ok(Json(serde_json::to_value(&answer).unwrap_or(Value::Null)))
}

/// The dataset file's text; `None` when it does not exist yet (Save creates it).
fn read_small(path: &std::path::Path) -> Result<Option<String>, ApiError> {
    use std::io::Read;
    let file = match std::fs::File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => {
            return Err(ApiError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                format!("cannot read {}: {e}", path.display()),
            ));
        }
    };
    let mut bytes = Vec::new();
    file.take(MAX_DATASET_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| {
            ApiError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                format!("cannot read {}: {e}", path.display()),
            )
        })?;
    if bytes.len() > MAX_DATASET_BYTES {
        return Err(ApiError::too_large(MAX_DATASET_BYTES));
    }
    let bytes = bytes
        .strip_prefix(b"\xEF\xBB\xBF")
        .unwrap_or(&bytes)
        .to_vec();
    String::from_utf8(bytes).map(Some).map_err(|_| {
        ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "the dataset file is not UTF-8 text",
        )
    })
}

/// `POST /api/save`: writes the body (JSON) over the dataset file given on the command line,
/// atomically; answers `{saved, ok, problems}` (a draft with problems is saved too).
pub async fn save(
    State(state): State<AppState>,
    headers: axum::http::HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<Value>, ApiError> {
    let Some(path) = state.dataset_file().map(std::path::Path::to_path_buf) else {
        return Err(ApiError::new(
            StatusCode::NOT_FOUND,
            "no dataset file was given to `ita-report serve`: download the dataset instead",
        ));
    };
    let body = body?;
    let value: Value = serde_json::from_slice(&body).map_err(|e| {
        ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            format!("the body is not JSON: {e}"),
        )
    })?;
    let mut text = serde_json::to_vec_pretty(&value).unwrap_or_default();
    text.push(b'\n');
    let _one_at_a_time = state.save_lock().lock().await;
    let name = path.display().to_string();
    let expected = headers
        .get(axum::http::header::IF_MATCH)
        .and_then(|v| v.to_str().ok())
        .map(|v| v.trim().trim_matches('"').to_owned());
    if let Some(expected) = expected {
        let current = {
            let path = path.clone();
            tokio::task::spawn_blocking(move || read_small(&path))
                .await
                .map_err(|_| {
                    ApiError::new(
                        StatusCode::INTERNAL_SERVER_ERROR,
                        "could not read the dataset",
                    )
                })??
        };
        let current = current
            .as_deref()
            .map_or_else(|| "none".to_owned(), |t| version_of(t.as_bytes()));
        if expected != "*" && current != expected {
            return Err(ApiError::new(
                StatusCode::CONFLICT,
                format!(
                    "{name} was changed since this page opened it (another tab or program saved it): \
                     reload to see that version, or save again to replace it"
                ),
            ));
        }
    }
    let version = version_of(&text);
    let verdict = tokio::task::spawn_blocking(move || {
        crate::output::write_atomic(&path, &text).map(|()| load(&text).err())
    })
    .await
    .map_err(|_| {
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "the dataset was not saved",
        )
    })?
    .map_err(|e| {
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("{name}: the dataset was not saved: {e}"),
        )
    })?;
    let problems = verdict.as_ref().map(problem_reports).unwrap_or_default();
    Ok(Json(json!({
        "saved": name,
        "version": version,
        "ok": verdict.is_none(),
        "problems": problems,
    })))
}
