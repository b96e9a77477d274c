//! `StaticFiles`: a directory served under a prefix, as Starlette's `StaticFiles` serves it,
//! and a front end's build served as FastAPI's `app.frontend()` does.

use std::convert::Infallible;
use std::future::Future;
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use axum::body::Body;
use axum::extract::Request;
use axum::response::{IntoResponse, Response};
use http::{HeaderMap, HeaderValue, Method, StatusCode, header};

use crate::error::HttpError;
use crate::response::FileResponse;
use crate::response::range::{self, RangeRequest};

/// A directory of files served under a prefix ([`App::static_files`](crate::App::static_files)):
/// GET and HEAD only, with `ETag` and `Last-Modified` and 304 on `If-None-Match` or
/// `If-Modified-Since`, and ranges as a [`FileResponse`]. A path that leaves the directory (`..`,
/// encoded or not, a backslash, a symbolic link to elsewhere) is not found.
///
/// With [`html`](Self::html), a directory serves its `index.html` (redirecting to the path
/// with a trailing slash first) and a missing file serves `404.html` with 404, as Starlette's
/// `StaticFiles(html=True)`. [`frontend`](Self::frontend) also answers a browser's navigation
/// to an unknown path with `index.html`, as FastAPI's `app.frontend()`.
///
/// ```no_run
/// use fastrs::{App, StaticFiles};
///
/// let app = App::empty()
///     .static_files("/static", "static")
///     .static_files("/", StaticFiles::new("dist").frontend());
/// ```
#[derive(Debug, Clone)]
pub struct StaticFiles {
    directory: PathBuf,
    html: bool,
    frontend: bool,
    follow_symlinks: bool,
}

impl StaticFiles {
    /// The files under `directory`.
    pub fn new(directory: impl Into<PathBuf>) -> StaticFiles {
        StaticFiles {
            directory: directory.into(),
            html: false,
            frontend: false,
            follow_symlinks: false,
        }
    }

    /// A site: `index.html` for a directory, `404.html` for a missing file.
    #[must_use]
    pub fn html(mut self, html: bool) -> StaticFiles {
        self.html = html;
        self
    }

    /// A front end's build: a site whose unknown paths answer a browser's navigation (a GET
    /// or HEAD accepting `text/html`) with `index.html`, unless it has a `404.html`.
    #[must_use]
    pub fn frontend(mut self) -> StaticFiles {
        self.html = true;
        self.frontend = true;
        self
    }

    /// Serves what symbolic links point to even outside the directory (Starlette's
    /// `follow_symlink`). Off by default.
    #[must_use]
    pub fn follow_symlinks(mut self, follow: bool) -> StaticFiles {
        self.follow_symlinks = follow;
        self
    }

    /// The directory, checked at start-up.
    pub(crate) fn check(&self) -> Result<(), String> {
        if self.directory.is_dir() {
            Ok(())
        } else {
            Err(format!(
                "StaticFiles directory '{}' does not exist",
                self.directory.display()
            ))
        }
    }

    /// The service answering the paths under `prefix` (which it strips).
    pub(crate) fn service(self, prefix: &str) -> StaticService {
        let root = self
            .directory
            .canonicalize()
            .unwrap_or_else(|_| self.directory.clone());
        StaticService {
            inner: Arc::new(Served {
                files: self,
                root,
                prefix: prefix.trim_end_matches('/').to_owned(),
            }),
        }
    }
}

impl<P: Into<PathBuf>> From<P> for StaticFiles {
    fn from(directory: P) -> StaticFiles {
        StaticFiles::new(directory)
    }
}

/// The service of a mounted [`StaticFiles`].
#[derive(Clone)]
pub(crate) struct StaticService {
    inner: Arc<Served>,
}

struct Served {
    files: StaticFiles,
    /// The directory, its symbolic links resolved.
    root: PathBuf,
    prefix: String,
}

impl tower::Service<Request> for StaticService {
    type Response = Response;
    type Error = Infallible;
    type Future = Pin<Box<dyn Future<Output = Result<Response, Infallible>> + Send>>;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, req: Request) -> Self::Future {
        let served = Arc::clone(&self.inner);
        Box::pin(async move {
            let answer = tokio::task::spawn_blocking(move || served.answer(&req))
                .await
                .unwrap_or_else(|_| crate::response::internal_error());
            Ok(answer)
        })
    }
}

/// What a path resolves to.
enum Found {
    File(PathBuf),
    Directory,
    Nothing,
}

impl Served {
    fn answer(&self, req: &Request) -> Response {
        let head = req.method() == Method::HEAD;
        if req.method() != Method::GET && !head {
            return HttpError::from_status(StatusCode::METHOD_NOT_ALLOWED)
                .header("allow", "GET, HEAD")
                .into_response();
        }
        let path = req.uri().path();
        let relative = path.strip_prefix(&self.prefix).unwrap_or(path);
        let answer = match segments(relative) {
            Some(segments) => self.serve(req, path, &segments),
            None => not_found(),
        };
        if head {
            let (parts, _) = answer.into_parts();
            return Response::from_parts(parts, Body::empty());
        }
        answer
    }

    fn serve(&self, req: &Request, path: &str, segments: &[String]) -> Response {
        let html = self.files.html;
        match self.lookup(segments) {
            Found::File(file) => return self.file(req, &file, StatusCode::OK),
            Found::Directory if html => {
                let mut index = segments.to_vec();
                index.push("index.html".to_owned());
                if let Found::File(file) = self.lookup(&index) {
                    if !path.ends_with('/') {
                        return redirect_to_directory(req);
                    }
                    return self.file(req, &file, StatusCode::OK);
                }
            }
            _ => {}
        }
        if html && let Found::File(file) = self.lookup(&["404.html".to_owned()]) {
            return self.file(req, &file, StatusCode::NOT_FOUND);
        }
        if self.files.frontend
            && navigation(req.headers())
            && let Found::File(file) = self.lookup(&["index.html".to_owned()])
        {
            return self.file(req, &file, StatusCode::OK);
        }
        not_found()
    }

    /// The file or directory at `segments`, if it is inside the directory.
    fn lookup(&self, segments: &[String]) -> Found {
        let joined: PathBuf = segments.iter().collect();
        let full = self.files.directory.join(&joined);
        let resolved = if self.files.follow_symlinks {
            self.root.join(&joined)
        } else {
            match full.canonicalize() {
                Ok(resolved) => resolved,
                Err(_) => return Found::Nothing,
            }
        };
        if !resolved.starts_with(&self.root) {
            return Found::Nothing;
        }
        match std::fs::metadata(&resolved) {
            Ok(meta) if meta.is_file() => Found::File(resolved),
            Ok(meta) if meta.is_dir() => Found::Directory,
            _ => Found::Nothing,
        }
    }

    /// The file answer: 304 when the request's validators match, else the file, cut to its
    /// `Range`.
    fn file(&self, req: &Request, path: &Path, status: StatusCode) -> Response {
        let Ok(file) = FileResponse::open_now(path) else {
            return not_found();
        };
        let response = file.status(status).into_response();
        if not_modified(req.headers(), response.headers()) {
            return not_modified_answer(response.headers());
        }
        match RangeRequest::of(req) {
            Some(range) => range::apply(response, &range),
            None => response,
        }
    }
}

/// The path's segments, percent-decoded, with `.` and `..` resolved as `os.path.normpath`
/// does; `None` when it would leave the directory or names what no file can (a backslash, a
/// null byte).
fn segments(path: &str) -> Option<Vec<String>> {
    let mut segments: Vec<String> = Vec::new();
    for raw in path.split('/') {
        let segment = crate::context::sources::percent_decode(raw)?.into_owned();
        if segment.contains(['\\', '\0', '/']) {
            return None;
        }
        match segment.as_str() {
            "" | "." => {}
            ".." => {
                segments.pop()?;
            }
            _ => segments.push(segment),
        }
    }
    Some(segments)
}

fn not_found() -> Response {
    HttpError::from_status(StatusCode::NOT_FOUND).into_response()
}

/// 307 to the directory's path with a trailing slash, its query kept.
fn redirect_to_directory(req: &Request) -> Response {
    let mut location = format!("{}/", req.uri().path());
    if let Some(query) = req.uri().query() {
        location.push('?');
        location.push_str(query);
    }
    crate::response::Redirect::to(&location).into_response()
}

/// Whether a browser navigates: `Accept` names `text/html` or `application/xhtml+xml` with a
/// quality above 0 (FastAPI's `_is_frontend_navigation_request`).
fn navigation(headers: &HeaderMap) -> bool {
    let Some(accept) = headers.get(header::ACCEPT).and_then(|v| v.to_str().ok()) else {
        return false;
    };
    accept.split(',').any(|item| {
        let mut params = item.split(';');
        let media = params.next().unwrap_or("").trim().to_ascii_lowercase();
        let quality = params
            .filter_map(|p| p.trim().strip_prefix("q="))
            .find_map(|q| q.trim().parse::<f64>().ok())
            .unwrap_or(1.0);
        (media == "text/html" || media == "application/xhtml+xml") && quality != 0.0
    })
}

/// Whether the request's validators match the file (Starlette's `is_not_modified`):
/// `If-None-Match` first, else `If-Modified-Since`.
fn not_modified(request: &HeaderMap, response: &HeaderMap) -> bool {
    if let Some(if_none_match) = request.get(header::IF_NONE_MATCH) {
        let Ok(tags) = if_none_match.to_str() else {
            return false;
        };
        if tags.trim() == "*" {
            return true;
        }
        let Some(etag) = response.get(header::ETAG).and_then(|v| v.to_str().ok()) else {
            return false;
        };
        return tags
            .split(',')
            .map(|tag| tag.trim().trim_start_matches("W/"))
            .any(|tag| tag == etag);
    }
    let date = |headers: &HeaderMap, name| {
        headers
            .get(name)
            .and_then(|v: &HeaderValue| v.to_str().ok())
            .and_then(|v| httpdate::parse_http_date(v).ok())
    };
    match (
        date(request, header::IF_MODIFIED_SINCE),
        date(response, header::LAST_MODIFIED),
    ) {
        (Some(since), Some(modified)) => since >= modified,
        _ => false,
    }
}

/// 304 with the file answer's validators and caching headers only (Starlette's
/// `NotModifiedResponse`).
fn not_modified_answer(headers: &HeaderMap) -> Response {
    let mut answer = StatusCode::NOT_MODIFIED.into_response();
    for name in [
        header::CACHE_CONTROL,
        header::CONTENT_LOCATION,
        header::DATE,
        header::ETAG,
        header::EXPIRES,
        header::VARY,
    ] {
        if let Some(value) = headers.get(&name) {
            answer.headers_mut().insert(name, value.clone());
        }
    }
    answer
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_resolve_inside_the_directory_or_not_at_all() {
        let ok = |p: &str| segments(p).map(|s| s.join("/"));
        assert_eq!(ok("/css/site.css").as_deref(), Some("css/site.css"));
        assert_eq!(ok("/a/./b/../c.txt").as_deref(), Some("a/c.txt"));
        assert_eq!(ok("//a//b").as_deref(), Some("a/b"));
        assert_eq!(ok("/%63ss/a.css").as_deref(), Some("css/a.css"));
        assert_eq!(ok("/../secret"), None);
        assert_eq!(ok("/%2e%2e/secret"), None);
        assert_eq!(ok("/a/%2E%2E/%2e%2e/secret"), None);
        assert_eq!(ok("/a%2F..%2F..%2Fsecret"), None);
        assert_eq!(ok("/..%5Csecret"), None);
        assert_eq!(ok("/a\\b"), None);
        assert_eq!(ok("/a%00b"), None);
    }

    #[test]
    fn navigation_is_an_accept_of_html() {
        let accept = |v: &'static str| {
            let mut headers = HeaderMap::new();
            headers.insert(header::ACCEPT, HeaderValue::from_static(v));
            navigation(&headers)
        };
        assert!(accept("text/html,application/xhtml+xml,*/*;q=0.8"));
        assert!(!accept("application/json"));
        assert!(!accept("text/html;q=0"));
        assert!(!navigation(&HeaderMap::new()));
    }
}
