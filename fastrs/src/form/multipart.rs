//! A `multipart/form-data` body, parsed as it arrives with `multer`, under Starlette's limits:
//! text fields kept in memory up to `max_part_size`, files spooled (`spool`), the counts of
//! fields and files checked as each part's headers end.

use std::sync::atomic::{AtomicBool, Ordering};

use axum::body::Body;
use futures_util::StreamExt;
use http_body_util::{BodyDataStream, Limited};

use super::spool::Spool;
use super::{FormData, FormError, FormLimits, FormValue, UploadFile, kilobytes, too_many_fields};

/// The boundary of a `multipart/form-data` content type, or Starlette's 400 without one.
pub(crate) fn boundary(content_type: &str) -> Result<String, FormError> {
    multer::parse_boundary(content_type)
        .map_err(|_| FormError::Invalid("Missing boundary in multipart.".to_owned()))
}

/// Reads `body` (at most `limit` bytes) as a multipart form with `boundary`.
pub(crate) async fn read_multipart(
    body: Body,
    boundary: String,
    limit: usize,
    limits: &FormLimits,
) -> Result<FormData, FormError> {
    // Whether any byte arrived: an empty body is an empty form, as in Starlette.
    let received = AtomicBool::new(false);
    let stream = BodyDataStream::new(Limited::new(body, limit)).inspect(|chunk| {
        if chunk.as_ref().is_ok_and(|c| !c.is_empty()) {
            received.store(true, Ordering::Relaxed);
        }
    });
    let mut multipart = multer::Multipart::new(stream, boundary);
    let (mut fields, mut files) = (0usize, 0usize);
    let mut items = Vec::new();
    loop {
        let next = match multipart.next_field().await {
            Err(multer::Error::IncompleteStream) if !received.load(Ordering::Relaxed) => {
                return Ok(FormData::default());
            }
            next => next.map_err(parse_error)?,
        };
        let Some(mut field) = next else {
            break;
        };
        let Some(name) = field.name().map(str::to_owned) else {
            return Err(FormError::Invalid(
                "The Content-Disposition header field \"name\" must be provided.".to_owned(),
            ));
        };
        if let Some(filename) = field.file_name().map(str::to_owned) {
            files += 1;
            if files > limits.files() {
                return Err(FormError::Invalid(format!(
                    "Too many files. Maximum number of files is {}.",
                    limits.files()
                )));
            }
            let headers = field.headers().clone();
            let mut spool = Spool::default();
            while let Some(chunk) = field.chunk().await.map_err(parse_error)? {
                spool.write(&chunk).await.map_err(FormError::Storage)?;
            }
            let (size, content) = spool.finish().await.map_err(FormError::Storage)?;
            let file = UploadFile::new(filename, headers, size, content);
            items.push((name, FormValue::File(file)));
        } else {
            fields += 1;
            if fields > limits.fields() {
                return Err(too_many_fields(limits));
            }
            let mut value = Vec::new();
            while let Some(chunk) = field.chunk().await.map_err(parse_error)? {
                if value.len() + chunk.len() > limits.part_size() {
                    return Err(FormError::Invalid(format!(
                        "Part exceeded maximum size of {}KB.",
                        kilobytes(limits.part_size())
                    )));
                }
                value.extend_from_slice(&chunk);
            }
            items.push((name, FormValue::Text(decode(value))));
        }
    }
    Ok(FormData { items })
}

/// A text part: UTF-8, or Latin-1 when it is not (Starlette's `_user_safe_decode`).
fn decode(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes)
        .unwrap_or_else(|e| e.into_bytes().iter().map(|&b| char::from(b)).collect())
}

/// A failure of the body stream is the body's (413, 408, 400); anything else is malformed
/// multipart, which Starlette answers `Invalid multipart data.`.
fn parse_error(error: multer::Error) -> FormError {
    match error {
        multer::Error::StreamReadFailed(e) => FormError::Body(e),
        _ => FormError::Invalid("Invalid multipart data.".to_owned()),
    }
}
