//! The todo API: projects and their todos, stored in SQLite or PostgreSQL through sqlx.
//!
//! - [`app`] opens (or creates) the database and applies the migrations in the app's
//!   lifespan, so the pool is ready before the first request and closed after the last.
//! - Every write counts against the client's [`limits::write_limit`], in Redis when the app
//!   has one ([`Config::redis`]), so that instances behind a proxy share it.
//! - `/metrics` for Prometheus, a request id on every answer, `/health` and `/ready`
//!   ([`health`]).
//! - [`db::get_db`] is the dependency every route asks for the database with;
//!   [`pagination::pagination`] reads `skip` and `limit` for the lists.
//! - [`projects`] and [`todos`] are a module router each (`/projects`, `/todos`).
//! - Around every route: CORS for the configured front-end origins, GZip, and a middleware
//!   that times each request (`X-Process-Time`); deleting a todo writes an
//!   [`audit`] line in a background task, after the answer.

pub mod audit;
pub mod db;
pub mod error;
pub mod health;
pub mod limits;
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
    /// The database: a SQLite file path (created on first run), `:memory:`, or a PostgreSQL
    /// URL (`postgres://user@host/todo`).
    pub database: String,
    /// The origins a browser may call the API from (a front end on another port or host).
    pub allowed_origins: Vec<String>,
    /// Where the audit lines go.
    pub audit: audit::AuditLog,
    /// The writes each client may make (all write routes together).
    pub write_limit: fastrs::ratelimit::Rate,
    /// Where the write limit counts, when several instances share it; in memory otherwise.
    pub redis: Option<fastrs::ratelimit::RedisStore>,
    /// The proxies whose `X-Forwarded-For` names the client (nginx in front).
    pub trusted_proxies: Vec<String>,
}

impl Config {
    /// The database at `database`; a front end at `http://localhost:3000`; audit lines on the
    /// standard error; 100 writes a minute per client, counted in memory; no proxy trusted.
    pub fn new(database: &str) -> Self {
        Self {
            database: database.to_owned(),
            allowed_origins: vec!["http://localhost:3000".to_owned()],
            audit: audit::AuditLog::stderr(),
            write_limit: fastrs::ratelimit::Rate::per_minute(100),
            redis: None,
            trusted_proxies: Vec::new(),
        }
    }
}

/// The app, on the database `database` (a SQLite file path, created on first run,
/// `:memory:`, or a PostgreSQL URL), with [`Config::new`]'s settings.
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
    let mut writes = fastrs::ratelimit::RateLimiter::new(config.write_limit);
    if let Some(redis) = &config.redis {
        writes = writes.redis(redis, "writes");
    }
    let checks = health::ReadyChecks {
        redis: config.redis.clone(),
    };
    let cors = Cors::new()
        .allow_origins(config.allowed_origins)
        .allow_methods(["GET", "POST", "PUT", "PATCH", "DELETE"])
        .allow_headers(["Content-Type"]);
    App::scoped(module_path!())
        .title("Todo")
        .version("1.0.0")
        .description("Projects and their todos, in SQLite or PostgreSQL.")
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
        .state(limits::WriteLimit(writes))
        .state(checks)
        .trusted_proxies(config.trusted_proxies)
        .request_ids()
        .metrics(fastrs::metrics::Metrics::new())
        // The last added is the outermost: CORS answers preflights first, and adds its
        // headers to every answer, errors included.
        .middleware(process_time)
        .layer(GZip::new())
        .layer(cors)
}
