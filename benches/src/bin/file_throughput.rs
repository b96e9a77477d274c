//! Serves one file two ways for `benches/files.sh`: fastrs's `FileResponse` on
//! `FASTRS_ADDR` (`/file`) and tower-http's `ServeFile` in a plain axum app on `AXUM_ADDR`
//! (`/file`). The file is `BENCH_FILE`.

use fastrs::http::StatusCode;
use fastrs::prelude::*;
use fastrs::response::FileResponse;

#[get("/file")]
async fn file() -> Result<FileResponse, HttpError> {
    let path = std::env::var("BENCH_FILE").unwrap_or_default();
    FileResponse::open(path)
        .await
        .map_err(|_| HttpError::from_status(StatusCode::NOT_FOUND))
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let path = std::env::var("BENCH_FILE").expect("BENCH_FILE");
    let axum_addr = std::env::var("AXUM_ADDR").unwrap_or_else(|_| "127.0.0.1:8092".into());
    let fastrs_addr = std::env::var("FASTRS_ADDR").unwrap_or_else(|_| "127.0.0.1:8091".into());
    let axum_app =
        axum::Router::new().route_service("/file", tower_http::services::ServeFile::new(path));
    let listener = tokio::net::TcpListener::bind(axum_addr).await?;
    tokio::spawn(async move { axum::serve(listener, axum_app).await });
    App::empty()
        .mount(fastrs::routes![file])
        .serve(fastrs_addr)
        .await
}
