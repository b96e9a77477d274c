//! Serves the todo API on 127.0.0.1:8000 (`TODO_ADDR` to change it), on the SQLite file
//! `todo.db` (`TODO_DATABASE` to change it; created on first run). Browsers may call it from
//! `http://localhost:3000` (`TODO_ALLOWED_ORIGINS`, comma-separated, to change it). Deletions
//! are audited in `todo-audit.log` (`TODO_AUDIT_LOG` to change it). `todo openapi [FILE]` writes
//! its OpenAPI document instead.

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
    todo::app_with(config).run(addr).await
}
