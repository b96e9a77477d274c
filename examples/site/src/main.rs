//! Serves the site on 127.0.0.1:8000 (`SITE_ADDR` to change it): its pages at `/`, its API
//! under `/api`, Swagger UI at `/docs`.

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let addr = std::env::var("SITE_ADDR").unwrap_or_else(|_| "127.0.0.1:8000".to_owned());
    let app = match site::app() {
        Ok(app) => app,
        Err(error) => {
            // A template that does not load stops the site before it serves.
            eprintln!("site: cannot start: {error}");
            std::process::exit(1);
        }
    };
    app.run(addr).await
}
