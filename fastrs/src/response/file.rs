//! `FileResponse`: a file from disk, streamed, with Starlette's headers; cut to the request's
//! `Range` by the pipeline (`range.rs`).

use std::io;
use std::path::Path;
use std::sync::Arc;
use std::time::SystemTime;

use axum::body::Body;
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use futures_util::stream;
use http::{HeaderMap, HeaderName, HeaderValue, StatusCode, header};

use super::media_types;
use super::stream::with_charset;

/// How much of a file is read at a time (Starlette's `chunk_size`).
const CHUNK: u64 = 64 * 1024;

/// A file answered from disk, FastAPI's `FileResponse`: streamed a chunk at a time, never read
/// whole into memory, with `Content-Length`, `Last-Modified`, `ETag`, `Accept-Ranges: bytes`
/// and a `Content-Type` guessed from the file's name (`text/*` with `; charset=utf-8`).
///
/// A request with a `Range` gets 206 with `Content-Range` for one range, a
/// `multipart/byteranges` body for several, and 416 with `Content-Range: bytes */size` when
/// no range can be served; `If-Range` is honoured, as in Starlette.
///
/// Opening checks that the file exists and is a file: a missing one is an `io::Error` the
/// handler answers (a 404, usually), where Starlette fails with a 500 once answering.
///
/// ```
/// use fastrs::prelude::*;
/// use fastrs::response::FileResponse;
///
/// #[get("/report")]
/// async fn report() -> Result<FileResponse, HttpError> {
///     let file = FileResponse::open("Cargo.toml")
///         .await
///         .map_err(|_| HttpError::new(fastrs::http::StatusCode::NOT_FOUND, "No report"))?;
///     Ok(file.filename("report.toml"))
/// }
/// ```
pub struct FileResponse {
    file: Arc<FileParts>,
    status: StatusCode,
    headers: HeaderMap,
    /// The media type was given: a file name does not change it.
    typed: bool,
}

/// What the range step needs of a file answer, carried in the response's extensions.
#[derive(Clone)]
pub(crate) struct Rangeable(pub(crate) Arc<FileParts>);

/// An open file and what its headers say of it.
pub(crate) struct FileParts {
    pub(crate) file: Arc<std::fs::File>,
    pub(crate) size: u64,
    pub(crate) media_type: HeaderValue,
    pub(crate) last_modified: Option<HeaderValue>,
    pub(crate) etag: HeaderValue,
}

impl FileResponse {
    /// Opens the file at `path` (on a blocking thread) and reads its size and time.
    ///
    /// # Errors
    ///
    /// When the file cannot be opened, or is not a regular file.
    pub async fn open(path: impl AsRef<Path>) -> io::Result<FileResponse> {
        let path = path.as_ref().to_owned();
        tokio::task::spawn_blocking(move || FileResponse::open_now(&path))
            .await
            .map_err(io::Error::other)?
    }

    /// The same, on this thread.
    pub(crate) fn open_now(path: &Path) -> io::Result<FileResponse> {
        let file = std::fs::File::open(path)?;
        let metadata = file.metadata()?;
        if !metadata.is_file() {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("{} is not a file", path.display()),
            ));
        }
        let modified = metadata.modified().ok();
        let parts = FileParts {
            file: Arc::new(file),
            size: metadata.len(),
            media_type: with_charset(media_types::guess(path)),
            last_modified: modified
                .and_then(|time| HeaderValue::from_str(&httpdate::fmt_http_date(time)).ok()),
            etag: etag(metadata.len(), modified),
        };
        Ok(FileResponse {
            file: Arc::new(parts),
            status: StatusCode::OK,
            headers: HeaderMap::new(),
            typed: false,
        })
    }

    /// Sends the file as an attachment named `filename` (`Content-Disposition`, with
    /// `filename*` when the name needs escaping); its type is guessed from that name.
    #[must_use]
    pub fn filename(self, filename: &str) -> FileResponse {
        self.disposition("attachment", filename)
    }

    /// Shows the file in the browser under `filename` (`Content-Disposition: inline`).
    #[must_use]
    pub fn inline(self, filename: &str) -> FileResponse {
        self.disposition("inline", filename)
    }

    fn disposition(mut self, kind: &str, filename: &str) -> FileResponse {
        let quoted = quote(filename);
        let value = if quoted == filename {
            format!("{kind}; filename=\"{filename}\"")
        } else {
            format!("{kind}; filename*=utf-8''{quoted}")
        };
        if let Ok(value) = HeaderValue::from_str(&value) {
            self.headers.insert(header::CONTENT_DISPOSITION, value);
        }
        if self.typed {
            return self;
        }
        let guessed = media_types::guess(Path::new(filename));
        self.with_parts(|parts| parts.media_type = with_charset(guessed))
    }

    /// The `Content-Type`, in place of the guessed one.
    ///
    /// # Panics
    ///
    /// When `media_type` is not a valid header value.
    #[must_use]
    pub fn media_type(mut self, media_type: &str) -> FileResponse {
        let value = with_charset(media_type);
        self.typed = true;
        self.with_parts(|parts| parts.media_type = value)
    }

    /// The status, 200 unless set; only a 200 is cut to a `Range`.
    #[must_use]
    pub fn status(mut self, status: StatusCode) -> FileResponse {
        self.status = status;
        self
    }

    /// Adds a header.
    #[must_use]
    pub fn header(mut self, name: HeaderName, value: HeaderValue) -> FileResponse {
        self.headers.append(name, value);
        self
    }

    /// The size of the file.
    pub fn size(&self) -> u64 {
        self.file.size
    }

    fn with_parts(mut self, change: impl FnOnce(&mut FileParts)) -> FileResponse {
        if let Some(parts) = Arc::get_mut(&mut self.file) {
            change(parts);
        }
        self
    }
}

/// A strong `ETag` of the file's size and time (Starlette hashes the same two).
fn etag(size: u64, modified: Option<SystemTime>) -> HeaderValue {
    let nanos = modified
        .and_then(|t| t.duration_since(SystemTime::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos());
    HeaderValue::from_str(&format!("\"{size:x}-{nanos:x}\"")).expect("hexadecimal digits")
}

/// `filename` percent-encoded as Python's `urllib.parse.quote` does (safe: `/`).
fn quote(filename: &str) -> String {
    crate::context::sources::percent_encode(filename, b"/")
}

/// The bytes `start..end` of `file`, a chunk at a time.
pub(crate) fn file_body(file: Arc<std::fs::File>, start: u64, end: u64) -> Body {
    let chunks = stream::try_unfold(start, move |position| {
        let file = Arc::clone(&file);
        async move {
            if position >= end {
                return Ok(None);
            }
            let max = usize::try_from(CHUNK.min(end - position)).unwrap_or(usize::MAX);
            let chunk: Bytes = crate::positional::read_at(file, position, max).await?;
            if chunk.is_empty() {
                return Err(io::Error::new(
                    io::ErrorKind::UnexpectedEof,
                    "the file is shorter than it was",
                ));
            }
            let next = position + chunk.len() as u64;
            Ok::<_, io::Error>(Some((chunk, next)))
        }
    });
    Body::from_stream(chunks)
}

impl IntoResponse for FileResponse {
    fn into_response(self) -> Response {
        let parts = &self.file;
        let mut response = Response::new(file_body(Arc::clone(&parts.file), 0, parts.size));
        *response.status_mut() = self.status;
        let headers = response.headers_mut();
        headers.insert(header::CONTENT_TYPE, parts.media_type.clone());
        headers.insert(header::ACCEPT_RANGES, HeaderValue::from_static("bytes"));
        headers.insert(header::CONTENT_LENGTH, HeaderValue::from(parts.size));
        if let Some(last_modified) = &parts.last_modified {
            headers.insert(header::LAST_MODIFIED, last_modified.clone());
        }
        headers.insert(header::ETAG, parts.etag.clone());
        for (name, value) in &self.headers {
            headers.insert(name.clone(), value.clone());
        }
        response.extensions_mut().insert(Rangeable(self.file));
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_quoted_as_python_does() {
        assert_eq!(quote("report.pdf"), "report.pdf");
        assert_eq!(quote("my report.pdf"), "my%20report.pdf");
        assert_eq!(quote("résumé.txt"), "r%C3%A9sum%C3%A9.txt");
        assert_eq!(quote("a\"b;c"), "a%22b%3Bc");
    }
}
