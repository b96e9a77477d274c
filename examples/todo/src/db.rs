//! The database: the pool opened at start-up, and `get_db`, the dependency routes use it by.

use std::str::FromStr;

use fastrs::State;
use fastrs::prelude::*;
use sqlx::SqlitePool;
use sqlx::sqlite::{SqliteConnectOptions, SqlitePoolOptions};

/// Opens the SQLite database at `database` (creating the file if needed), with foreign keys
/// on, and applies the migrations of `migrations/` that it has not seen yet.
pub async fn open(database: &str) -> Result<SqlitePool, sqlx::Error> {
    let options = SqliteConnectOptions::from_str(database)?
        .create_if_missing(true)
        .foreign_keys(true);
    // One connection for an in-memory database: each connection would see its own.
    let max = if database.contains(":memory:") { 1 } else { 8 };
    let pool = SqlitePoolOptions::new()
        .max_connections(max)
        .connect_with(options)
        .await?;
    sqlx::migrate!().run(&pool).await?;
    Ok(pool)
}

/// The database, as a route sees it: a handle on the app's pool. Queries run on it with
/// `.fetch_one(&*db)`; a connection is taken from the pool for each and given back after.
#[derive(Debug, Clone)]
pub struct Db(SqlitePool);

impl std::ops::Deref for Db {
    type Target = SqlitePool;

    fn deref(&self) -> &SqlitePool {
        &self.0
    }
}

impl From<SqlitePool> for Db {
    fn from(pool: SqlitePool) -> Self {
        Db(pool)
    }
}

/// FastAPI's `get_db`: the database, from the pool in the app's state. Tests can replace it
/// with `App::override_dependency::<get_db>(...)`.
#[depends]
pub fn get_db(pool: State<SqlitePool>) -> Db {
    Db(pool.into_inner())
}
