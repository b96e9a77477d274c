//! What dependencies read besides headers and queries: path parameters the route does not
//! take, and body parameters that join the route's in one embedded body.

use fastrs::http::StatusCode;
use fastrs::prelude::*;

use crate::assert_answer;

/// A dependency that reads a path parameter the route does not.
#[depends]
fn item_from_path(#[path] item_id: u32) -> Result<String, HttpError> {
    if item_id == 0 {
        return Err(HttpError::new(StatusCode::NOT_FOUND, "Item not found"));
    }
    Ok(format!("item {item_id}"))
}

#[get("/dep-items/<item_id>")]
async fn dep_item(item: Depends<item_from_path>) -> String {
    item.into_inner()
}

#[tokio::test]
async fn a_dependency_reads_a_path_parameter_the_route_does_not() {
    let app = || App::empty().mount(fastrs::routes![dep_item]);
    let c = fastrs::testing::TestClient::new(app());
    assert_answer(&c.get("/dep-items/3").await, 200, "item 3");
    assert_answer(
        &c.get("/dep-items/0").await,
        404,
        r#"{"detail":"Item not found"}"#,
    );
    assert_answer(
        &c.get("/dep-items/x").await,
        422,
        r#"{"detail":[{"type":"int_parsing","loc":["path","item_id"],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"x"}]}"#,
    );
    let op = app().openapi().unwrap().paths["/dep-items/{item_id}"]
        .get
        .clone()
        .unwrap();
    assert_eq!(op.parameters.len(), 1);
    assert_eq!(
        (op.parameters[0].name.as_str(), op.parameters[0].required),
        ("item_id", true)
    );
}

mod path_mismatch {
    use fastrs::prelude::*;

    #[get("/unread/<item_id>")]
    pub async fn unread(user: Depends<crate::depends::current_user>) -> String {
        user.name.clone()
    }

    #[get("/no-param")]
    pub async fn no_param(item: Depends<super::item_from_path>) -> String {
        item.into_inner()
    }
}

#[test]
fn path_parameters_read_by_nothing_or_missing_are_startup_errors() {
    let err = App::empty()
        .mount(fastrs::routes![path_mismatch::unread])
        .try_into_router()
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with("`<item_id>` in the path of `unread` (GET /unread/<item_id> at tests/integration/depends_inputs.rs:"),
        "{err}"
    );
    assert!(
        err.ends_with("is read by no argument and no dependency; add an argument `item_id` or a dependency with `#[path] item_id`"),
        "{err}"
    );
    let err = App::empty()
        .mount(fastrs::routes![path_mismatch::no_param])
        .try_into_router()
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with(
            "a dependency of `no_param` (GET /no-param at tests/integration/depends_inputs.rs:"
        ),
        "{err}"
    );
    assert!(
        err.ends_with("reads the path parameter `item_id`, but the path has no `<item_id>`"),
        "{err}"
    );
}

#[derive(Debug, Deserialize, Serialize, JsonSchema, Validate)]
struct Owner {
    #[garde(length(min = 1))]
    name: String,
}

#[derive(Debug, Deserialize, Serialize, JsonSchema, Validate)]
struct Pet {
    #[garde(length(min = 1))]
    kind: String,
}

/// A dependency with a body model of its own.
#[depends]
fn owner(owner: Owner) -> String {
    owner.name
}

#[post("/pets")]
async fn create_pet(owner: Depends<owner>, pet: Pet) -> Json<serde_json::Value> {
    Json(serde_json::json!({ "owner": *owner, "kind": pet.kind }))
}

#[tokio::test]
async fn body_parameters_across_route_and_dependencies_are_embedded() {
    // Two body parameters between the dependency and the route: each is a key of the body,
    // as in FastAPI.
    let c = fastrs::testing::TestClient::new(App::empty().mount(fastrs::routes![create_pet]));
    let body = serde_json::json!({ "owner": { "name": "ann" }, "pet": { "kind": "cat" } });
    assert_answer(
        &c.post("/pets").json(&body).send().await,
        200,
        r#"{"owner":"ann","kind":"cat"}"#,
    );
    let body = serde_json::json!({ "owner": { "name": "" } });
    assert_answer(
        &c.post("/pets").json(&body).send().await,
        422,
        concat!(
            r#"{"detail":["#,
            r#"{"type":"string_too_short","loc":["body","owner","name"],"msg":"String should have at least 1 character","input":"","ctx":{"min_length":1}},"#,
            r#"{"type":"missing","loc":["body","pet"],"msg":"Field required","input":null}"#,
            r#"]}"#
        ),
    );
    let document = App::empty()
        .mount(fastrs::routes![create_pet])
        .openapi()
        .unwrap()
        .to_json();
    let document: serde_json::Value = serde_json::from_slice(&document).unwrap();
    assert_eq!(
        // The route's own body parameter first, then its dependency's, as FastAPI flattens.
        document["components"]["schemas"]["Body_create_pet"]["required"],
        serde_json::json!(["pet", "owner"])
    );
}
