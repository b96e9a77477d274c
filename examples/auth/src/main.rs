//! Serves the security example on 127.0.0.1:8000 (`AUTH_ADDR` to change it); `auth openapi
//! [FILE]` writes its OpenAPI document instead. Log in at /docs with Authorize: `johndoe` /
//! `secret`.

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let addr = std::env::var("AUTH_ADDR").unwrap_or_else(|_| "127.0.0.1:8000".to_owned());
    auth::app().run(addr).await
}
