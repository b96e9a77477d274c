//! `/todos`: create, list, read, update and delete todos.

use fastrs::HttpError;
use fastrs::prelude::*;

use crate::audit::AuditLog;
use crate::db::{Db, get_db};
use crate::error::{Message, internal, not_found};
use crate::limits::write_limit;
use crate::pagination::{Page, pagination};

fastrs::router!(
    prefix = "/todos",
    tags = ["todos"],
    responses(404 = Message)
);

/// A todo, as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Todo {
    /// Its id, given by the database.
    pub id: i64,
    /// The project it belongs to.
    pub project_id: i64,
    /// What to do.
    pub title: String,
    /// Whether it is done.
    pub done: bool,
}

/// A todo to create.
#[derive(Debug, Serialize, Deserialize, JsonSchema, Validate)]
pub struct NewTodo {
    /// The project it belongs to, which must exist.
    #[garde(range(min = 1))]
    pub project_id: i64,
    /// What to do, 1 to 200 characters.
    #[garde(length(chars, min = 1, max = 200))]
    pub title: String,
    /// Whether it is already done (no by default).
    #[serde(default)]
    #[garde(skip)]
    pub done: bool,
}

/// The fields of a todo to change; those left out keep their value.
#[derive(Debug, Default, Serialize, Deserialize, JsonSchema, Validate)]
pub struct TodoUpdate {
    /// What to do, 1 to 200 characters.
    #[garde(length(chars, min = 1, max = 200))]
    pub title: Option<String>,
    /// Whether it is done.
    #[garde(skip)]
    pub done: Option<bool>,
}

/// The columns of a todo, `done` as an integer: sqlx's `Any` driver reads no SQLite boolean,
/// and this reads the same on both databases.
const COLUMNS: &str =
    "id, project_id, title, CAST(CASE WHEN done THEN 1 ELSE 0 END AS BIGINT) AS done";

impl<'r> sqlx::FromRow<'r, sqlx::any::AnyRow> for Todo {
    fn from_row(row: &'r sqlx::any::AnyRow) -> Result<Self, sqlx::Error> {
        use sqlx::Row as _;
        Ok(Todo {
            id: row.try_get("id")?,
            project_id: row.try_get("project_id")?,
            title: row.try_get("title")?,
            done: row.try_get::<i64, _>("done")? != 0,
        })
    }
}

/// Creates a todo in an existing project.
#[post("", dependencies = [write_limit], status = 201, responses(429 = Message))]
pub async fn create_todo(todo: NewTodo, db: Depends<get_db>) -> Result<Json<Todo>, HttpError> {
    let sql = format!(
        "INSERT INTO todos (project_id, title, done) VALUES ($1, $2, $3) RETURNING {COLUMNS}"
    );
    let created = sqlx::query_as::<_, Todo>(&sql)
        .bind(todo.project_id)
        .bind(&todo.title)
        .bind(todo.done)
        .fetch_one(&**db)
        .await
        .map_err(|e| match &e {
            sqlx::Error::Database(d) if d.is_foreign_key_violation() => not_found("Project"),
            _ => internal(e),
        })?;
    Ok(Json(created))
}

/// Lists the todos of every project, by id; `done` keeps only those done (or not).
#[get("")]
pub async fn list_todos(
    done: Option<bool>,
    db: Depends<get_db>,
    page: Depends<pagination>,
) -> Result<Json<Vec<Todo>>, HttpError> {
    select(&db, None, done, *page).await.map(Json)
}

/// Reads one todo.
#[get("/<todo_id>")]
pub async fn read_todo(todo_id: i64, db: Depends<get_db>) -> Result<Json<Todo>, HttpError> {
    let sql = format!("SELECT {COLUMNS} FROM todos WHERE id = $1");
    sqlx::query_as::<_, Todo>(&sql)
        .bind(todo_id)
        .fetch_optional(&**db)
        .await
        .map_err(internal)?
        .map(Json)
        .ok_or_else(|| not_found("Todo"))
}

/// Changes the title of a todo, whether it is done, or both.
#[patch("/<todo_id>", dependencies = [write_limit], responses(429 = Message))]
pub async fn update_todo(
    todo_id: i64,
    update: TodoUpdate,
    db: Depends<get_db>,
) -> Result<Json<Todo>, HttpError> {
    let sql = format!(
        "UPDATE todos SET title = COALESCE($1, title), done = COALESCE($2, done) WHERE id = $3 RETURNING {COLUMNS}"
    );
    sqlx::query_as::<_, Todo>(&sql)
        .bind(&update.title)
        .bind(update.done)
        .bind(todo_id)
        .fetch_optional(&**db)
        .await
        .map_err(internal)?
        .map(Json)
        .ok_or_else(|| not_found("Todo"))
}

/// Deletes a todo.
#[delete("/<todo_id>", dependencies = [write_limit], status = 204, responses(429 = Message))]
pub async fn delete_todo(
    todo_id: i64,
    db: Depends<get_db>,
    audit: State<AuditLog>,
    tasks: BackgroundTasks,
) -> Result<(), HttpError> {
    let deleted = sqlx::query("DELETE FROM todos WHERE id = $1")
        .bind(todo_id)
        .execute(&**db)
        .await
        .map_err(internal)?;
    if deleted.rows_affected() == 0 {
        return Err(not_found("Todo"));
    }
    // The audit line is written once the answer is sent, on a blocking thread.
    let audit = AuditLog::clone(&audit);
    tasks.add_blocking(move || audit.write(&format!("todo {todo_id} deleted")));
    Ok(())
}

/// The todos of `project` (or of all), done or not if `done` says so, by id.
pub(crate) async fn select(
    db: &Db,
    project: Option<i64>,
    done: Option<bool>,
    page: Page,
) -> Result<Vec<Todo>, HttpError> {
    let sql = format!(
        "SELECT {COLUMNS} FROM todos WHERE ($1 IS NULL OR project_id = $1) AND ($2 IS NULL OR done = $2) ORDER BY id LIMIT $3 OFFSET $4"
    );
    sqlx::query_as::<_, Todo>(&sql)
        .bind(project)
        .bind(done)
        .bind(page.limit)
        .bind(page.skip)
        .fetch_all(&**db)
        .await
        .map_err(internal)
}
