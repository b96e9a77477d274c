//! `UploadFile`: one file of a multipart form, as FastAPI's `UploadFile`.

use std::fmt;
use std::io;
use std::path::Path;
use std::sync::Arc;

use bytes::Bytes;
use http::HeaderMap;

use super::spool::Content;
use crate::positional::PositionalReader;

/// How much [`UploadFile::chunk`] reads at a time.
const CHUNK: usize = 64 * 1024;

/// A file sent in a `multipart/form-data` body, as FastAPI's `UploadFile`: a parameter of
/// this type (or `Option<UploadFile>`, `Vec<UploadFile>`) is a file part of the form, under
/// the parameter's name.
///
/// The file was received before the handler runs: up to 1 MiB in memory, past that in a
/// temporary file with no name, which the system removes when the last `UploadFile` of it is
/// dropped (at the end of the request, unless the handler keeps it). Clones share the content
/// and each reads from its own position.
///
/// ```
/// use fastrs::prelude::*;
/// use fastrs::UploadFile;
/// use fastrs::http::StatusCode;
///
/// #[post("/files")]
/// async fn upload(mut file: UploadFile) -> Result<Json<Value>, HttpError> {
///     let failed = |_| HttpError::from_status(StatusCode::INTERNAL_SERVER_ERROR);
///     let mut total = 0;
///     while let Some(chunk) = file.chunk().await.map_err(failed)? {
///         total += chunk.len();
///     }
///     Ok(Json(json!({ "filename": file.filename(), "size": total })))
/// }
/// ```
#[derive(Clone)]
pub struct UploadFile {
    part: Arc<Part>,
    position: u64,
}

struct Part {
    filename: String,
    headers: HeaderMap,
    size: u64,
    content: Content,
}

impl UploadFile {
    pub(crate) fn new(filename: String, headers: HeaderMap, size: u64, content: Content) -> Self {
        Self {
            part: Arc::new(Part {
                filename,
                headers,
                size,
                content,
            }),
            position: 0,
        }
    }

    /// The file's name as the client sent it (`filename` or `filename*` of the part's
    /// `Content-Disposition`). Never trust it as a path.
    pub fn filename(&self) -> &str {
        &self.part.filename
    }

    /// The part's `Content-Type`, if it has one.
    pub fn content_type(&self) -> Option<&str> {
        self.part
            .headers
            .get(http::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
    }

    /// The part's headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.part.headers
    }

    /// The size of the file, in bytes.
    pub fn size(&self) -> u64 {
        self.part.size
    }

    /// Whether the file went to a temporary file on disk (past 1 MiB) rather than staying in
    /// memory.
    pub fn on_disk(&self) -> bool {
        matches!(self.part.content, Content::Disk(_))
    }

    /// Where the next read starts, from the start of the file.
    pub fn position(&self) -> u64 {
        self.position
    }

    /// Moves where the next read starts (`seek` in FastAPI); past the end, reads give nothing.
    pub fn seek(&mut self, position: u64) {
        self.position = position;
    }

    /// Up to `max` bytes from the current position, which moves past them; empty at the end.
    pub async fn read(&mut self, max: usize) -> io::Result<Bytes> {
        let bytes = read_at(&self.part, self.position, max).await?;
        self.position += bytes.len() as u64;
        Ok(bytes)
    }

    /// The next chunk (up to 64 KiB) from the current position; `None` at the end.
    pub async fn chunk(&mut self) -> io::Result<Option<Bytes>> {
        let bytes = self.read(CHUNK).await?;
        Ok((!bytes.is_empty()).then_some(bytes))
    }

    /// The whole file, whatever the position. It is read into memory: use
    /// [`chunk`](Self::chunk) or [`save`](Self::save) for large files.
    pub async fn bytes(&self) -> io::Result<Bytes> {
        let size = usize::try_from(self.part.size).map_err(io::Error::other)?;
        read_at(&self.part, 0, size).await
    }

    /// Writes the whole file to `path`, a chunk at a time; the number of bytes written.
    pub async fn save(&self, path: impl AsRef<Path>) -> io::Result<u64> {
        let path = path.as_ref().to_owned();
        let part = Arc::clone(&self.part);
        tokio::task::spawn_blocking(move || {
            let mut out = std::fs::File::create(path)?;
            match &part.content {
                Content::Memory(bytes) => {
                    io::Write::write_all(&mut out, bytes)?;
                    Ok(bytes.len() as u64)
                }
                Content::Disk(file) => {
                    let mut reader = PositionalReader { file, position: 0 };
                    io::copy(&mut reader, &mut out)
                }
            }
        })
        .await
        .map_err(io::Error::other)?
    }
}

impl fmt::Debug for UploadFile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("UploadFile")
            .field("filename", &self.filename())
            .field("content_type", &self.content_type())
            .field("size", &self.size())
            .finish()
    }
}

/// Up to `max` bytes of `part` from `position`.
async fn read_at(part: &Arc<Part>, position: u64, max: usize) -> io::Result<Bytes> {
    match &part.content {
        Content::Memory(bytes) => {
            let start = usize::try_from(position)
                .unwrap_or(usize::MAX)
                .min(bytes.len());
            let end = start.saturating_add(max).min(bytes.len());
            Ok(bytes.slice(start..end))
        }
        Content::Disk(file) => {
            let remaining = part.size.saturating_sub(position);
            let max = max.min(usize::try_from(remaining).unwrap_or(usize::MAX));
            crate::positional::read_at(Arc::clone(file), position, max).await
        }
    }
}
