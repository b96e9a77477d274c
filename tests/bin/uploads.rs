//! The upload routes of the parity server, as `tests/parity/twin.py` writes them.

use fastrs::UploadFile;
use fastrs::prelude::*;
use serde_json::{Value, json};

#[post("/up/file")]
async fn up_file(file: UploadFile) -> Json<Value> {
    let data = file.bytes().await.unwrap_or_default();
    let head: String = data.iter().take(8).map(|&b| char::from(b)).collect();
    Json(json!({
        "filename": file.filename(),
        "content_type": file.content_type(),
        "size": file.size(),
        "head": head,
    }))
}

#[post("/up/files")]
async fn up_files(files: Vec<UploadFile>, #[form] note: String) -> Json<Value> {
    let names: Vec<&str> = files.iter().map(UploadFile::filename).collect();
    let sizes: Vec<u64> = files.iter().map(UploadFile::size).collect();
    Json(json!({ "names": names, "sizes": sizes, "note": note }))
}

#[post("/up/maybe")]
async fn up_maybe(file: Option<UploadFile>, #[form] note: Option<String>) -> Json<Value> {
    Json(json!({ "got": file.map(|f| f.filename().to_owned()), "note": note }))
}

#[post("/up/limited", max_files = 2, max_fields = 2, max_part_size = "1KiB")]
async fn up_limited(
    #[file(default)] files: Vec<UploadFile>,
    #[form] note: Option<String>,
) -> Json<Value> {
    Json(json!({ "files": files.len(), "note": note }))
}

#[post("/up/form")]
async fn up_form(#[form] username: String, #[form(default)] tags: Vec<String>) -> Json<Value> {
    Json(json!({ "username": username, "tags": tags }))
}

#[post("/up/checked")]
async fn up_checked(file: Depends<fastrs_tests::text_file>, #[form] note: String) -> Json<Value> {
    Json(json!({ "filename": file.filename(), "note": note }))
}
