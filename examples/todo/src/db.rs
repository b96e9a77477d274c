//! The database: the pool opened at start-up, on SQLite or PostgreSQL, and `get_db`, the
//! dependency routes use it by. The queries are written once for both (`$1` parameters,
//! `RETURNING`), through sqlx's `Any` driver; the migrations are each database's own
//! (`migrations/sqlite`, `migrations/postgres`).

use fastrs::State;
use fastrs::prelude::*;
use sqlx::AnyPool;
use sqlx::any::AnyPoolOptions;

/// The URL sqlx opens for `database`: a PostgreSQL URL as it is (`postgres://...`), `:memory:`
/// as an in-memory SQLite database, anything else as a SQLite file, created if missing.
pub fn url_of(database: &str) -> String {
    if is_postgres(database) || database.starts_with("sqlite:") {
        database.to_owned()
    } else if database == ":memory:" {
        "sqlite::memory:".to_owned()
    } else {
        format!("sqlite://{database}?mode=rwc")
    }
}

/// Whether `database` names a PostgreSQL database.
pub fn is_postgres(database: &str) -> bool {
    database.starts_with("postgres://") || database.starts_with("postgresql://")
}

/// Opens the database `database` (see [`url_of`]), with foreign keys on, and applies the
/// migrations it has not seen yet. Several instances starting together on one PostgreSQL
/// database apply them once: sqlx's migrator takes an advisory lock.
pub async fn open(database: &str) -> Result<AnyPool, sqlx::Error> {
    sqlx::any::install_default_drivers();
    // One connection for an in-memory database: each connection would see its own.
    let max = if database.contains(":memory:") { 1 } else { 8 };
    let pool = AnyPoolOptions::new()
        .max_connections(max)
        .connect(&url_of(database))
        .await?;
    if is_postgres(database) {
        sqlx::migrate!("migrations/postgres").run(&pool).await?;
    } else {
        sqlx::migrate!("migrations/sqlite").run(&pool).await?;
    }
    Ok(pool)
}

/// The database, as a route sees it: a handle on the app's pool. Queries run on it with
/// `.fetch_one(&*db)`; a connection is taken from the pool for each and given back after.
#[derive(Debug, Clone)]
pub struct Db(AnyPool);

impl std::ops::Deref for Db {
    type Target = AnyPool;

    fn deref(&self) -> &AnyPool {
        &self.0
    }
}

impl From<AnyPool> for Db {
    fn from(pool: AnyPool) -> Self {
        Db(pool)
    }
}

/// FastAPI's `get_db`: the database, from the pool in the app's state. Tests can replace it
/// with `App::override_dependency::<get_db>(...)`.
#[depends]
pub fn get_db(pool: State<AnyPool>) -> Db {
    Db(pool.into_inner())
}
