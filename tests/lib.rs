//! Cross-crate tests of fastrs: integration tests in `integration/`, UI tests in `ui/`, and
//! what they share with the servers of `bin/`.

pub mod ws_tutorial;

use fastrs::UploadFile;
use fastrs::prelude::*;

/// A dependency that checks an uploaded file is text, as a FastAPI user validates one
/// (`tests/integration/uploads.rs`, and the parity server's twin of FastAPI's).
#[depends]
pub async fn text_file(file: UploadFile) -> Result<UploadFile, HttpError> {
    match file.content_type() {
        Some(t) if t.starts_with("text/") => Ok(file),
        _ => Err(HttpError::new(
            fastrs::http::StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "A text file, please",
        )),
    }
}
