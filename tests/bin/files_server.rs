//! A server of uploads and downloads, for the tests that watch a server's memory and disk from
//! outside (`tests/integration/large_files.rs`): serves on `FASTRS_TEST_ADDR` until killed.

use fastrs::UploadFile;
use fastrs::prelude::*;
use fastrs::response::FileResponse;
use serde_json::{Value, json};

/// The size of the file and a checksum of its bytes, read a chunk at a time.
async fn summary(mut file: UploadFile) -> Json<Value> {
    let (mut read, mut sum) = (0u64, 0u32);
    while let Some(chunk) = file.chunk().await.expect("the spooled file reads") {
        read += chunk.len() as u64;
        sum = chunk.iter().fold(sum, |s, &b| s.wrapping_add(u32::from(b)));
    }
    Json(json!({ "size": file.size(), "read": read, "sum": sum, "on_disk": file.on_disk() }))
}

#[post("/upload", body_limit = "512MiB")]
async fn upload(file: UploadFile) -> Json<Value> {
    summary(file).await
}

/// The default body limit (2 MiB).
#[post("/upload-default")]
async fn upload_default(file: UploadFile) -> Json<Value> {
    summary(file).await
}

/// A file of the directory in `FASTRS_FILES_DIR`.
#[get("/files/<name>")]
async fn download(name: String) -> Result<FileResponse, HttpError> {
    let dir = std::env::var("FASTRS_FILES_DIR").unwrap_or_default();
    FileResponse::open(std::path::Path::new(&dir).join(name))
        .await
        .map_err(|_| HttpError::from_status(fastrs::http::StatusCode::NOT_FOUND))
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let addr = std::env::var("FASTRS_TEST_ADDR").unwrap_or_else(|_| "127.0.0.1:8098".into());
    App::scoped(module_path!()).serve(addr).await
}
