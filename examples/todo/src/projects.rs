//! `/projects`: create, list, read, update and delete projects, and list a project's todos.

use fastrs::HttpError;
use fastrs::prelude::*;

use crate::db::{Db, get_db};
use crate::error::{Message, conflict, internal, not_found};
use crate::limits::write_limit;
use crate::pagination::pagination;
use crate::todos::Todo;

fastrs::router!(
    prefix = "/projects",
    tags = ["projects"],
    responses(404 = Message)
);

/// A project, as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, sqlx::FromRow)]
pub struct Project {
    /// Its id, given by the database.
    pub id: i64,
    /// Its name, unique.
    pub name: String,
}

/// A project to create.
#[derive(Debug, Serialize, Deserialize, JsonSchema, Validate)]
pub struct NewProject {
    /// Its name, unique, 1 to 100 characters.
    #[garde(length(chars, min = 1, max = 100))]
    pub name: String,
}

/// Creates a project; its name must not be taken.
#[post("", dependencies = [write_limit], status = 201, responses(409 = Message, 429 = Message))]
pub async fn create_project(
    project: NewProject,
    db: Depends<get_db>,
) -> Result<Json<Project>, HttpError> {
    let created =
        sqlx::query_as::<_, Project>("INSERT INTO projects (name) VALUES ($1) RETURNING id, name")
            .bind(&project.name)
            .fetch_one(&**db)
            .await
            .map_err(name_taken_or_internal)?;
    Ok(Json(created))
}

/// Lists the projects, by id.
#[get("")]
pub async fn list_projects(
    db: Depends<get_db>,
    page: Depends<pagination>,
) -> Result<Json<Vec<Project>>, HttpError> {
    let projects = sqlx::query_as::<_, Project>(
        "SELECT id, name FROM projects ORDER BY id LIMIT $1 OFFSET $2",
    )
    .bind(page.limit)
    .bind(page.skip)
    .fetch_all(&**db)
    .await
    .map_err(internal)?;
    Ok(Json(projects))
}

/// Reads one project.
#[get("/<project_id>")]
pub async fn read_project(
    project_id: i64,
    db: Depends<get_db>,
) -> Result<Json<Project>, HttpError> {
    find(&db, project_id).await.map(Json)
}

/// The fields of a project to change; those left out keep their value.
#[derive(Debug, Default, Serialize, Deserialize, JsonSchema, Validate)]
pub struct ProjectUpdate {
    /// Its new name, unique, 1 to 100 characters.
    #[garde(length(chars, min = 1, max = 100))]
    pub name: Option<String>,
}

/// Replaces a project: its name must not be taken by another.
#[put("/<project_id>", dependencies = [write_limit], responses(409 = Message, 429 = Message))]
pub async fn replace_project(
    project_id: i64,
    project: NewProject,
    db: Depends<get_db>,
) -> Result<Json<Project>, HttpError> {
    rename(&db, project_id, Some(&project.name)).await.map(Json)
}

/// Changes what is given of a project: its name, which must not be taken by another.
#[patch("/<project_id>", dependencies = [write_limit], responses(409 = Message, 429 = Message))]
pub async fn update_project(
    project_id: i64,
    update: ProjectUpdate,
    db: Depends<get_db>,
) -> Result<Json<Project>, HttpError> {
    rename(&db, project_id, update.name.as_deref())
        .await
        .map(Json)
}

/// Sets the name of project `id` when given; the project, or a 404 or 409.
async fn rename(db: &Db, id: i64, name: Option<&str>) -> Result<Project, HttpError> {
    sqlx::query_as::<_, Project>(
        "UPDATE projects SET name = COALESCE($1, name) WHERE id = $2 RETURNING id, name",
    )
    .bind(name)
    .bind(id)
    .fetch_optional(&**db)
    .await
    .map_err(name_taken_or_internal)?
    .ok_or_else(|| not_found("Project"))
}

/// A write that broke the names' uniqueness is a 409; any other failure a 500.
fn name_taken_or_internal(error: sqlx::Error) -> HttpError {
    match &error {
        sqlx::Error::Database(d) if d.is_unique_violation() => {
            conflict("A project with this name exists")
        }
        _ => internal(error),
    }
}

/// Deletes a project and its todos.
#[delete("/<project_id>", dependencies = [write_limit], status = 204, responses(429 = Message))]
pub async fn delete_project(project_id: i64, db: Depends<get_db>) -> Result<(), HttpError> {
    let deleted = sqlx::query("DELETE FROM projects WHERE id = $1")
        .bind(project_id)
        .execute(&**db)
        .await
        .map_err(internal)?;
    if deleted.rows_affected() == 0 {
        return Err(not_found("Project"));
    }
    Ok(())
}

/// Lists the todos of a project, by id; `done` keeps only those done (or not).
#[get("/<project_id>/todos")]
pub async fn list_project_todos(
    project_id: i64,
    done: Option<bool>,
    db: Depends<get_db>,
    page: Depends<pagination>,
) -> Result<Json<Vec<Todo>>, HttpError> {
    find(&db, project_id).await?;
    let todos = crate::todos::select(&db, Some(project_id), done, *page).await?;
    Ok(Json(todos))
}

/// The project `id`, or a 404.
async fn find(db: &Db, id: i64) -> Result<Project, HttpError> {
    sqlx::query_as::<_, Project>("SELECT id, name FROM projects WHERE id = $1")
        .bind(id)
        .fetch_optional(&**db)
        .await
        .map_err(internal)?
        .ok_or_else(|| not_found("Project"))
}
