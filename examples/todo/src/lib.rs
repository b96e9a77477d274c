//! The todo API: projects and their todos, stored in SQLite through sqlx.
//!
//! - [`app`] opens (or creates) the database and applies the migrations in the app's
//!   lifespan, so the pool is ready before the first request and closed after the last.
//! - [`db::get_db`] is the dependency every route asks for the database with;
//!   [`pagination::pagination`] reads `skip` and `limit` for the lists.
//! - [`projects`] and [`todos`] are a module router each (`/projects`, `/todos`).

pub mod db;
pub mod error;
pub mod pagination;
pub mod projects;
pub mod todos;

use fastrs::prelude::*;
use fastrs::{Lifespan, openapi::model::Tag};

/// The app, on the SQLite database at `database` (a file path, created on first run, or
/// `:memory:`).
pub fn app(database: &str) -> App {
    let database = database.to_owned();
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
}
