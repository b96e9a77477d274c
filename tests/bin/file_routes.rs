//! The file routes of the parity server, as `tests/parity/twin.py` writes them: the fixture
//! directory is `FASTRS_PARITY_FILES`.

use std::path::PathBuf;

use fastrs::StaticFiles;
use fastrs::http::StatusCode;
use fastrs::prelude::*;
use fastrs::response::{FileResponse, Redirect};

/// The fixture directory.
#[derive(Clone)]
pub(crate) struct Files(pub(crate) PathBuf);

#[get("/file/<name>")]
async fn file(
    name: String,
    #[query] as_name: Option<String>,
    files: State<Files>,
) -> Result<FileResponse, HttpError> {
    let file = FileResponse::open(files.0.join("public").join(name))
        .await
        .map_err(|_| HttpError::from_status(StatusCode::NOT_FOUND))?;
    Ok(match as_name {
        Some(name) => file.filename(&name),
        None => file,
    })
}

#[get("/go")]
async fn go(#[query] to: String) -> Redirect {
    Redirect::to(&to)
}

/// `app` with the file routes' directory, and the static directories when the fixture is
/// given (without it, the file routes find nothing).
pub(crate) fn with_files(app: App) -> App {
    let Ok(root) = std::env::var("FASTRS_PARITY_FILES") else {
        return app.state(Files(PathBuf::from("/nonexistent")));
    };
    let root = PathBuf::from(root);
    app.state(Files(root.clone()))
        .static_files("/static", root.join("public"))
        .static_files("/site", StaticFiles::new(root.join("site")).html(true))
}
