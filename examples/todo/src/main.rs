//! Serves the todo API on 127.0.0.1:8000 (`TODO_ADDR` to change it), on the SQLite file
//! `todo.db` (`TODO_DATABASE` to change it: another file, or a PostgreSQL URL,
//! `postgres://user@host/todo`; a SQLite file is created on first run). Browsers may call it
//! from `http://localhost:3000` (`TODO_ALLOWED_ORIGINS`, comma-separated, to change it).
//! Deletions are audited in `todo-audit.log` (`TODO_AUDIT_LOG` to change it). Each client may
//! write `TODO_WRITE_LIMIT` times (100/minute by default), counted in the Redis at `TODO_REDIS`
//! when set (`redis://127.0.0.1:6379`), so that instances share it. `TODO_TRUSTED_PROXIES`
//! (comma-separated addresses or networks) names the proxies whose `X-Forwarded-For` is
//! believed. Logs go to standard error through `tracing` (`RUST_LOG`, and
//! `FASTRS_LOG_FORMAT=json` for JSON lines). `todo openapi [FILE]` writes its OpenAPI document
//! instead.

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let var =
        |name: &str, default: &str| std::env::var(name).unwrap_or_else(|_| default.to_owned());
    let addr = var("TODO_ADDR", "127.0.0.1:8000");
    let mut config = todo::Config::new(&var("TODO_DATABASE", "todo.db"));
    config.allowed_origins = var("TODO_ALLOWED_ORIGINS", "http://localhost:3000")
        .split(',')
        .map(|origin| origin.trim().to_owned())
        .filter(|origin| !origin.is_empty())
        .collect();
    config.audit = todo::audit::AuditLog::file(var("TODO_AUDIT_LOG", "todo-audit.log"));
    config.write_limit = var("TODO_WRITE_LIMIT", "100/minute")
        .parse()
        .map_err(|e| std::io::Error::other(format!("TODO_WRITE_LIMIT: {e}")))?;
    if let Ok(url) = std::env::var("TODO_REDIS") {
        let store = fastrs::ratelimit::RedisStore::open(&url)
            .map_err(|e| std::io::Error::other(format!("TODO_REDIS: {e}")))?;
        config.redis = Some(store);
    }
    config.trusted_proxies = var("TODO_TRUSTED_PROXIES", "")
        .split(',')
        .map(|proxy| proxy.trim().to_owned())
        .filter(|proxy| !proxy.is_empty())
        .collect();
    fastrs::observability::init();
    todo::app_with(config).run(addr).await
}
