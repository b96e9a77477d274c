//! The todo API: projects and their todos, stored in SQLite through sqlx.
//!
//! - [`app`] opens (or creates) the database and applies the migrations in the app's
//!   lifespan, so the pool is ready before the first request and closed after the last.
//! - [`db::get_db`] is the dependency every route asks for the database with;
//!   [`pagination::pagination`] reads `skip` and `limit` for the lists.
//! - [`projects`] and [`todos`] are a module router each (`/projects`, `/todos`).
//! - Around every route: CORS for the configured front-end origins, GZip, and a middleware
//!   that times each request (`X-Process-Time`); deleting a todo writes an
//!   [`audit`] line in a background task, after the answer.

pub mod audit;
pub mod db;
pub mod error;
pub mod pagination;
pub mod projects;
pub mod todos;

use fastrs::axum::{extract::Request, response::Response};
use fastrs::middleware::{Cors, GZip, Next};
use fastrs::prelude::*;
use fastrs::{Lifespan, openapi::model::Tag};

/// How the app is set up.
#[derive(Debug, Clone)]
pub struct Config {
    /// The SQLite database: a file path, created on first run, or `:memory:`.
    pub database: String,
    /// The origins a browser may call the API from (a front end on another port or host).
    pub allowed_origins: Vec<String>,
    /// Where the audit lines go.
    pub audit: audit::AuditLog,
}

impl Config {
    /// The database at `database`; a front end at `http://localhost:3000`; audit lines on the
    /// standard error.
    pub fn new(database: &str) -> Self {
        Self {
            database: database.to_owned(),
            allowed_origins: vec!["http://localhost:3000".to_owned()],
            audit: audit::AuditLog::stderr(),
        }
    }
}

/// The app, on the SQLite database at `database` (a file path, created on first run, or
/// `:memory:`), with [`Config::new`]'s settings.
pub fn app(database: &str) -> App {
    app_with(Config::new(database))
}

/// How long the request took, in seconds, in `X-Process-Time`: FastAPI's middleware example.
async fn process_time(request: Request, next: Next) -> Response {
    let start = std::time::Instant::now();
    let mut response = next.run(request).await;
    let seconds = start.elapsed().as_secs_f64().to_string();
    if let Ok(value) = seconds.parse() {
        response.headers_mut().insert("x-process-time", value);
    }
    response
}

/// The app, set up by `config`.
pub fn app_with(config: Config) -> App {
    let database = config.database;
    let cors = Cors::new()
        .allow_origins(config.allowed_origins)
        .allow_methods(["GET", "POST", "PUT", "PATCH", "DELETE"])
        .allow_headers(["Content-Type"]);
    App::scoped(module_path!())
        .title("Todo")
        .version("1.0.0")
        .description("Projects and their todos, in SQLite.")
        .tag(Tag::new("projects").description("Groups of todos"))
        .tag(Tag::new("todos").description("Things to do, each in a project"))
        .lifespan(move || async move {
            let pool = db::open(&database).await?;
            let closing = pool.clone();
            Ok::<_, sqlx::Error>(
                Lifespan::new()
                    .state(pool)
                    .on_shutdown(async move { closing.close().await }),
            )
        })
        .state(config.audit)
        // The last added is the outermost: CORS answers preflights first, and adds its
        // headers to every answer, errors included.
        .middleware(process_time)
        .layer(GZip::new())
        .layer(cors)
}
