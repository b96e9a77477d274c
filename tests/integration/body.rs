//! The JSON body: one model, several embedded, singular values, garde rules, and every way a
//! body can be refused.

use fastrs::prelude::*;
use serde_json::{Value, json};

use crate::{assert_answer, client_for};

#[derive(Debug, Deserialize, Serialize, JsonSchema, Validate)]
struct Item {
    #[garde(length(chars, min = 1, max = 5))]
    name: String,
    #[garde(range(min = 0.01))]
    price: f64,
    #[garde(length(max = 2))]
    #[serde(default)]
    tags: Vec<String>,
    #[garde(skip)]
    count: Option<u8>,
}

#[derive(Debug, Deserialize, Serialize, JsonSchema, Validate)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct User {
    #[garde(length(min = 2))]
    full_name: String,
    #[garde(custom(not_admin))]
    login: String,
}

fn not_admin(value: &str, _: &()) -> garde::Result {
    if value == "admin" {
        return Err(garde::Error::new("admin is reserved"));
    }
    Ok(())
}

#[derive(Debug, Deserialize, Serialize, JsonSchema, Validate)]
struct Order {
    #[garde(dive)]
    items: Vec<Item>,
}

#[post("/items")]
async fn create(item: Item) -> Json<Item> {
    Json(item)
}

#[post("/optional")]
async fn optional(item: Option<Item>) -> Json<Option<Item>> {
    Json(item)
}

#[put("/embedded")]
async fn embedded(item: Item, user: User, #[body(ge = 0, le = 10)] importance: i32) -> Json<Value> {
    Json(json!({ "item": item, "user": user, "importance": importance }))
}

/// Declared zeta, alpha, mid: pydantic reports in this order, garde's derive by name.
#[derive(Debug, Deserialize, Serialize, JsonSchema, Validate)]
struct Rules {
    #[garde(length(min = 3))]
    zeta: String,
    #[garde(length(min = 3))]
    alpha: String,
    #[garde(length(min = 3))]
    mid: String,
}

#[post("/rules")]
async fn rules(rules: Rules) -> Json<Rules> {
    Json(rules)
}

#[derive(Debug, Deserialize, JsonSchema)]
struct Measure {
    value: f64,
    spread: Vec<f32>,
}

#[post("/measure")]
async fn measure(m: Measure) -> String {
    format!("{} {:?}", m.value, m.spread)
}

#[derive(Debug, Deserialize, Serialize, JsonSchema, Validate)]
struct Page {
    #[garde(range(min = 1, max = 100))]
    limit: u32,
}

#[post("/page")]
async fn page(page: Page, #[body(ge = 1, le = 100)] size: u32) -> String {
    format!("{} {size}", page.limit)
}

#[post("/count")]
async fn count(#[body] count: i32) -> Json<i32> {
    Json(count)
}

#[post("/embed-one")]
async fn embed_one(#[body(embed)] item: Item) -> Json<Item> {
    Json(item)
}

#[post("/users")]
async fn users(user: User) -> Json<User> {
    Json(user)
}

#[post("/orders")]
async fn orders(order: Order) -> Json<Order> {
    Json(order)
}

#[post("/numbers")]
async fn numbers(#[body(min_length = 1)] values: Vec<i64>) -> Json<Vec<i64>> {
    Json(values)
}

fn client() -> fastrs::testing::TestClient {
    client_for(module_path!())
}

#[tokio::test]
async fn a_model_is_the_body() {
    let c = client();
    let r = c
        .post("/items")
        .json(&json!({"name": "Saw", "price": 9.5}))
        .await;
    assert_answer(
        &r,
        200,
        r#"{"name":"Saw","price":9.5,"tags":[],"count":null}"#,
    );
    // pydantic's lax mode: numeric strings are numbers.
    let r = c
        .post("/items")
        .json(&json!({"name": "Saw", "price": "9.5", "count": "3"}))
        .await;
    assert_answer(&r, 200, r#"{"name":"Saw","price":9.5,"tags":[],"count":3}"#);
    // `*+json` content types are JSON too, and a UTF-8 byte order mark before JSON is
    // skipped, as Python's `json.loads` does.
    let saw = r#"{"name":"Saw","price":1}"#;
    for (content_type, body) in [
        ("application/vnd.api+json", saw.to_owned()),
        ("application/json", format!("\u{feff}{saw}")),
    ] {
        let r = c
            .post("/items")
            .header("content-type", content_type)
            .body(body)
            .await;
        assert_answer(
            &r,
            200,
            r#"{"name":"Saw","price":1.0,"tags":[],"count":null}"#,
        );
    }
}

#[tokio::test]
async fn type_errors_for_every_field_in_declaration_order() {
    let c = client();
    let r = c
        .post("/items")
        .json(&json!({"price": "x", "tags": "a", "count": 1.5}))
        .await;
    assert_answer(
        &r,
        422,
        concat!(
            r#"{"detail":["#,
            r#"{"type":"missing","loc":["body","name"],"msg":"Field required","input":{"price":"x","tags":"a","count":1.5}},"#,
            r#"{"type":"float_parsing","loc":["body","price"],"msg":"Input should be a valid number, unable to parse string as a number","input":"x"},"#,
            r#"{"type":"list_type","loc":["body","tags"],"msg":"Input should be a valid list","input":"a"},"#,
            r#"{"type":"int_from_float","loc":["body","count"],"msg":"Input should be a valid integer, got a number with a fractional part","input":1.5}"#,
            r#"]}"#
        ),
    );
    let r = c
        .post("/items")
        .json(&json!({"name": 5, "price": null, "count": "x"}))
        .await;
    assert_answer(
        &r,
        422,
        concat!(
            r#"{"detail":["#,
            r#"{"type":"string_type","loc":["body","name"],"msg":"Input should be a valid string","input":5},"#,
            r#"{"type":"float_type","loc":["body","price"],"msg":"Input should be a valid number","input":null},"#,
            r#"{"type":"int_parsing","loc":["body","count"],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"x"}"#,
            r#"]}"#
        ),
    );
}

#[tokio::test]
async fn garde_rules_become_pydantic_errors() {
    let c = client();
    let r = c
        .post("/items")
        .json(&json!({"name": "", "price": 0, "tags": ["a", "b", "c"]}))
        .await;
    assert_answer(
        &r,
        422,
        concat!(
            r#"{"detail":["#,
            r#"{"type":"string_too_short","loc":["body","name"],"msg":"String should have at least 1 character","input":"","ctx":{"min_length":1}},"#,
            r#"{"type":"greater_than_equal","loc":["body","price"],"msg":"Input should be greater than or equal to 0.01","input":0,"ctx":{"ge":0.01}},"#,
            r#"{"type":"too_long","loc":["body","tags"],"msg":"List should have at most 2 items after validation, not 3","input":["a","b","c"],"ctx":{"field_type":"List","max_length":2,"actual_length":3}}"#,
            r#"]}"#
        ),
    );
    let r = c
        .post("/items")
        .json(&json!({"name": "toolong", "price": 1}))
        .await;
    assert_answer(
        &r,
        422,
        r#"{"detail":[{"type":"string_too_long","loc":["body","name"],"msg":"String should have at most 5 characters","input":"toolong","ctx":{"max_length":5}}]}"#,
    );
}

#[tokio::test]
async fn garde_locations_use_serde_names_and_indexes() {
    let c = client();
    let r = c
        .post("/users")
        .json(&json!({"fullName": "A", "login": "admin"}))
        .await;
    assert_answer(
        &r,
        422,
        concat!(
            r#"{"detail":["#,
            r#"{"type":"string_too_short","loc":["body","fullName"],"msg":"String should have at least 2 characters","input":"A","ctx":{"min_length":2}},"#,
            r#"{"type":"value_error","loc":["body","login"],"msg":"Value error, admin is reserved","input":"admin","ctx":{"error":{}}}"#,
            r#"]}"#
        ),
    );
    let r = c
        .post("/orders")
        .json(&json!({"items": [{"name": "ok", "price": 1}, {"name": "ok", "price": -1}]}))
        .await;
    assert_answer(
        &r,
        422,
        r#"{"detail":[{"type":"greater_than_equal","loc":["body","items",1,"price"],"msg":"Input should be greater than or equal to 0.01","input":-1,"ctx":{"ge":0.01}}]}"#,
    );
}

#[tokio::test]
async fn unknown_fields_are_forbidden_when_the_model_says_so() {
    let r = client()
        .post("/users")
        .json(&json!({"fullName": "Ann", "login": "ann", "role": "x"}))
        .await;
    assert_answer(
        &r,
        422,
        r#"{"detail":[{"type":"extra_forbidden","loc":["body","role"],"msg":"Extra inputs are not permitted","input":"x"}]}"#,
    );
}

#[tokio::test]
async fn broken_and_wrong_bodies() {
    let c = client();
    let r = c
        .post("/items")
        .header("content-type", "application/json")
        .body(r#"{"name": }"#)
        .await;
    assert_answer(
        &r,
        422,
        r#"{"detail":[{"type":"json_invalid","loc":["body",9],"msg":"JSON decode error","input":{},"ctx":{"error":"Expecting value"}}]}"#,
    );
    let not_object = r#"{"detail":[{"type":"model_attributes_type","loc":["body"],"msg":"Input should be a valid dictionary or object to extract fields from","input":[1,2]}]}"#;
    assert_answer(
        &c.post("/items").json(&json!([1, 2])).await,
        422,
        not_object,
    );
    // A JSON body is read only with a JSON content type: text/plain is text.
    let r = c
        .post("/items")
        .header("content-type", "text/plain")
        .body(r#"{"name":"Saw","price":1}"#)
        .await;
    assert_answer(
        &r,
        422,
        r#"{"detail":[{"type":"model_attributes_type","loc":["body"],"msg":"Input should be a valid dictionary or object to extract fields from","input":"{\"name\":\"Saw\",\"price\":1}"}]}"#,
    );
    // Without a content type, neither: FastAPI's `strict_content_type` (a guard against
    // cross-site requests) reads no JSON.
    let r = c.post("/items").body(r#"{"name":"Saw","price":1}"#).await;
    assert_answer(
        &r,
        422,
        r#"{"detail":[{"type":"model_attributes_type","loc":["body"],"msg":"Input should be a valid dictionary or object to extract fields from","input":"{\"name\":\"Saw\",\"price\":1}"}]}"#,
    );
    let missing =
        r#"{"detail":[{"type":"missing","loc":["body"],"msg":"Field required","input":null}]}"#;
    assert_answer(&c.post("/items").await, 422, missing);
    // An explicit `null` is checked against the type (FastAPI 0.165).
    assert_answer(
        &c.post("/items").json(&Value::Null).await,
        422,
        r#"{"detail":[{"type":"model_attributes_type","loc":["body"],"msg":"Input should be a valid dictionary or object to extract fields from","input":null}]}"#,
    );
}

#[tokio::test]
async fn a_singular_body_value_is_read_from_plain_text() {
    // Without a JSON content type, a body is its text, which pydantic's lax mode reads as a
    // number (FastAPI answers 200 to `5` sent without a content type).
    let c = client();
    let r = c.post("/count").body("5").await;
    assert_answer(&r, 200, "5");
    let r = c.post("/count").body("five").await;
    assert_answer(
        &r,
        422,
        r#"{"detail":[{"type":"int_parsing","loc":["body"],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"five"}]}"#,
    );
    // `null` with a JSON content type is the integer's `int_type`.
    assert_answer(
        &c.post("/count").json(&Value::Null).await,
        422,
        r#"{"detail":[{"type":"int_type","loc":["body"],"msg":"Input should be a valid integer","input":null}]}"#,
    );
}

#[tokio::test]
async fn an_optional_body_may_be_absent() {
    let c = client();
    assert_answer(&c.post("/optional").await, 200, "null");
    assert_answer(
        &c.post("/optional")
            .json(&json!({"name": "a", "price": 1}))
            .await,
        200,
        r#"{"name":"a","price":1.0,"tags":[],"count":null}"#,
    );
}

#[tokio::test]
async fn several_body_parameters_are_keys_of_one_object() {
    let c = client();
    let body = json!({"item": {"name": "a", "price": 1}, "user": {"fullName": "Ann", "login": "ann"}, "importance": 3});
    assert_answer(
        &c.put("/embedded").json(&body).await,
        200,
        r#"{"item":{"name":"a","price":1.0,"tags":[],"count":null},"user":{"fullName":"Ann","login":"ann"},"importance":3}"#,
    );
    let body = json!({"item": {"name": "", "price": 1}, "importance": 11});
    assert_answer(
        &c.put("/embedded").json(&body).await,
        422,
        concat!(
            r#"{"detail":["#,
            r#"{"type":"string_too_short","loc":["body","item","name"],"msg":"String should have at least 1 character","input":"","ctx":{"min_length":1}},"#,
            r#"{"type":"missing","loc":["body","user"],"msg":"Field required","input":null},"#,
            r#"{"type":"less_than_equal","loc":["body","importance"],"msg":"Input should be less than or equal to 10","input":11,"ctx":{"le":10}}"#,
            r#"]}"#
        ),
    );
    // A body that is not an object has no keys: each parameter is missing, as in FastAPI.
    let each_missing = concat!(
        r#"{"detail":["#,
        r#"{"type":"missing","loc":["body","item"],"msg":"Field required","input":null},"#,
        r#"{"type":"missing","loc":["body","user"],"msg":"Field required","input":null},"#,
        r#"{"type":"missing","loc":["body","importance"],"msg":"Field required","input":null}"#,
        r#"]}"#
    );
    for body in [json!("text"), json!([1]), json!(5), Value::Null] {
        assert_answer(&c.put("/embedded").json(&body).await, 422, each_missing);
    }
    // An explicit `null` for a key is checked against its type.
    let body =
        json!({"item": null, "user": {"fullName": "Ann", "login": "ann"}, "importance": null});
    assert_answer(
        &c.put("/embedded").json(&body).await,
        422,
        concat!(
            r#"{"detail":["#,
            r#"{"type":"model_attributes_type","loc":["body","item"],"msg":"Input should be a valid dictionary or object to extract fields from","input":null},"#,
            r#"{"type":"int_type","loc":["body","importance"],"msg":"Input should be a valid integer","input":null}"#,
            r#"]}"#
        ),
    );
}

#[tokio::test]
async fn embed_makes_a_single_model_a_key() {
    let c = client();
    assert_answer(
        &c.post("/embed-one")
            .json(&json!({"item": {"name": "a", "price": 2}}))
            .await,
        200,
        r#"{"name":"a","price":2.0,"tags":[],"count":null}"#,
    );
    assert_answer(
        &c.post("/embed-one")
            .json(&json!({"name": "a", "price": 2}))
            .await,
        422,
        r#"{"detail":[{"type":"missing","loc":["body","item"],"msg":"Field required","input":null}]}"#,
    );
}

#[tokio::test]
async fn singular_body_values_keep_their_constraints() {
    let c = client();
    assert_answer(&c.post("/numbers").json(&json!([1, 2])).await, 200, "[1,2]");
    assert_answer(
        &c.post("/numbers").json(&json!([])).await,
        422,
        r#"{"detail":[{"type":"too_short","loc":["body"],"msg":"List should have at least 1 item after validation, not 0","input":[],"ctx":{"field_type":"List","min_length":1,"actual_length":0}}]}"#,
    );
    assert_answer(
        &c.post("/numbers").json(&json!([1, "x"])).await,
        422,
        r#"{"detail":[{"type":"int_parsing","loc":["body",1],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"x"}]}"#,
    );
}

#[derive(Debug, Deserialize, Serialize, JsonSchema, Validate)]
struct Renamed {
    #[serde(rename = "handle")]
    #[garde(length(min = 3))]
    login: String,
}

#[post("/renamed")]
async fn renamed(body: Renamed) -> Json<Renamed> {
    Json(body)
}

/// The documented limit (docs/body.md): garde's error for a field renamed to an unrelated
/// name keeps the Rust name. When this changes, update the guide.
#[tokio::test]
async fn an_unrelated_serde_rename_is_not_mapped_in_garde_errors() {
    let r = client()
        .post("/renamed")
        .json(&json!({"handle": "ab"}))
        .await;
    assert_answer(
        &r,
        422,
        r#"{"detail":[{"type":"string_too_short","loc":["body","login"],"msg":"String should have at least 3 characters","input":null,"ctx":{"min_length":3}}]}"#,
    );
    // Before garde runs, the wire name is used.
    let r = client()
        .post("/renamed")
        .json(&json!({"login": "abc"}))
        .await;
    assert_answer(
        &r,
        422,
        r#"{"detail":[{"type":"missing","loc":["body","handle"],"msg":"Field required","input":{"login":"abc"}}]}"#,
    );
}

#[tokio::test]
async fn garde_errors_come_in_declaration_order() {
    let r = client()
        .post("/rules")
        .json(&json!({"zeta": "a", "alpha": "b", "mid": "c"}))
        .await;
    let error = |field: &str, input: &str| {
        format!(
            r#"{{"type":"string_too_short","loc":["body","{field}"],"msg":"String should have at least 3 characters","input":"{input}","ctx":{{"min_length":3}}}}"#
        )
    };
    let expected = format!(
        r#"{{"detail":[{},{},{}]}}"#,
        error("zeta", "a"),
        error("alpha", "b"),
        error("mid", "c")
    );
    assert_answer(&r, 422, &expected);
}

#[tokio::test]
async fn infinity_and_nan_strings_are_floats() {
    // pydantic reads a float from these strings, in any case and with a sign.
    let c = client();
    let r = c
        .post("/measure")
        .json(&json!({"value": "-Infinity", "spread": ["inf", "NaN", 1.5]}))
        .await;
    assert_answer(&r, 200, "-inf [inf, NaN, 1.5]");
    let r = c
        .post("/measure")
        .json(&json!({"value": "nan", "spread": []}))
        .await;
    assert_answer(&r, 200, "NaN []");
    // The bare tokens Python's `json` reads are not JSON (RFC 8259): `json_invalid`.
    let r = c
        .post("/measure")
        .header("content-type", "application/json")
        .body(r#"{"value": NaN, "spread": []}"#)
        .await;
    assert_answer(
        &r,
        422,
        r#"{"detail":[{"type":"json_invalid","loc":["body",10],"msg":"JSON decode error","input":{},"ctx":{"error":"Expecting value"}}]}"#,
    );
    let r = c
        .post("/measure")
        .json(&json!({"value": "infinite", "spread": []}))
        .await;
    assert_answer(
        &r,
        422,
        r#"{"detail":[{"type":"float_parsing","loc":["body","value"],"msg":"Input should be a valid number, unable to parse string as a number","input":"infinite"}]}"#,
    );
}

#[tokio::test]
async fn declared_bounds_win_over_the_type_s_range() {
    let c = client();
    let le = |loc: &str, input: &str| {
        format!(
            r#"{{"type":"less_than_equal","loc":{loc},"msg":"Input should be less than or equal to 100","input":{input},"ctx":{{"le":100}}}}"#
        )
    };
    let ge = |loc: &str, input: &str| {
        format!(
            r#"{{"type":"greater_than_equal","loc":{loc},"msg":"Input should be greater than or equal to 1","input":{input},"ctx":{{"ge":1}}}}"#
        )
    };
    let r = c
        .post("/page")
        .json(&json!({"page": {"limit": 5_000_000_000_u64}, "size": 5_000_000_000_u64}))
        .await;
    let expected = format!(
        r#"{{"detail":[{},{}]}}"#,
        le(r#"["body","page","limit"]"#, "5000000000"),
        le(r#"["body","size"]"#, "5000000000")
    );
    assert_answer(&r, 422, &expected);
    let r = c
        .post("/page")
        .json(&json!({"page": {"limit": -1}, "size": -1}))
        .await;
    let expected = format!(
        r#"{{"detail":[{},{}]}}"#,
        ge(r#"["body","page","limit"]"#, "-1"),
        ge(r#"["body","size"]"#, "-1")
    );
    assert_answer(&r, 422, &expected);
}

#[tokio::test]
async fn integers_beyond_64_bits_are_echoed_exactly() {
    let c = client();
    let send = |body: &'static str| {
        c.post("/page")
            .header("content-type", "application/json")
            .body(body)
    };
    // As sent, not as the float a JSON value holds (`1e+20`).
    assert_answer(
        &send(r#"{"page":{"limit":1},"size":99999999999999999999}"#).await,
        422,
        r#"{"detail":[{"type":"less_than_equal","loc":["body","size"],"msg":"Input should be less than or equal to 100","input":99999999999999999999,"ctx":{"le":100}}]}"#,
    );
    assert_answer(
        &send(r#"{"page":{"limit": -99999999999999999999 },"size":1}"#).await,
        422,
        r#"{"detail":[{"type":"greater_than_equal","loc":["body","page","limit"],"msg":"Input should be greater than or equal to 1","input":-99999999999999999999,"ctx":{"ge":1}}]}"#,
    );
    // A float beyond 64 bits is no integer for pydantic: `int_parsing_size`.
    assert_answer(
        &send(r#"{"page":{"limit":1},"size":1e20}"#).await,
        422,
        r#"{"detail":[{"type":"int_parsing_size","loc":["body","size"],"msg":"Unable to parse input string as an integer, exceeded maximum size","input":1e+20}]}"#,
    );
}
