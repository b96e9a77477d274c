//! Security schemes as dependencies: FastAPI's exact 401s, and the schemes in the document.

use fastrs::prelude::*;
use fastrs::security::{
    ApiKey, ApiKeyIn, ApiKeyName, HttpBasic, HttpBearer, OAuth2Password, OAuth2PasswordBearer,
    OAuth2PasswordRequestForm, OAuth2PasswordRequestFormStrict, Optional, Realm, SecurityScopes,
};
use fastrs::testing::{TestClient, TestResponse};
use serde_json::{Value, json};

use crate::assert_answer;

struct HeaderKey;
impl ApiKeyName for HeaderKey {
    const NAME: &'static str = "x-api-key";
    const IN: ApiKeyIn = ApiKeyIn::Header;
}

struct QueryKey;
impl ApiKeyName for QueryKey {
    const NAME: &'static str = "api_key";
    const IN: ApiKeyIn = ApiKeyIn::Query;
}

struct CookieKey;
impl ApiKeyName for CookieKey {
    const NAME: &'static str = "session";
    const IN: ApiKeyIn = ApiKeyIn::Cookie;
}

struct Shop;
impl Realm for Shop {
    const REALM: &'static str = "shop";
}

struct Tokens;
impl OAuth2Password for Tokens {
    const TOKEN_URL: &'static str = "/token";
    const SCOPES: &'static [(&'static str, &'static str)] = &[
        ("items:read", "Read items"),
        ("items:write", "Change items"),
    ];
}

#[get("/bearer")]
async fn bearer(token: Depends<HttpBearer>) -> String {
    format!("{} {}", token.scheme, token.credentials)
}

#[get("/basic")]
async fn basic(user: Depends<HttpBasic>) -> String {
    format!("{}:{}", user.username, user.password)
}

#[get("/basic-realm")]
async fn basic_realm(user: Depends<HttpBasic<Shop>>) -> String {
    user.username.clone()
}

#[get("/header-key")]
async fn header_key(key: Depends<ApiKey<HeaderKey>>) -> String {
    key.into_inner()
}

#[get("/query-key")]
async fn query_key(key: Depends<ApiKey<QueryKey>>) -> String {
    key.into_inner()
}

#[get("/cookie-key")]
async fn cookie_key(key: Depends<ApiKey<CookieKey>>) -> String {
    key.into_inner()
}

#[get("/oauth")]
async fn oauth(token: Depends<OAuth2PasswordBearer<Tokens>>) -> String {
    token.into_inner()
}

#[get("/maybe")]
async fn maybe(token: Depends<Optional<HttpBearer>>) -> String {
    match &*token {
        Some(token) => token.credentials.clone(),
        None => "anonymous".into(),
    }
}

#[get("/open")]
async fn open() -> &'static str {
    "open"
}

fn app() -> App {
    App::scoped(module_path!())
}

#[track_caller]
fn assert_401(response: &TestResponse, detail: &str, challenge: &str) {
    assert_answer(response, 401, &format!(r#"{{"detail":"{detail}"}}"#));
    assert_eq!(response.header("www-authenticate"), Some(challenge));
}

#[tokio::test]
async fn bearer_and_oauth2_answer_fastapi_s_401s() {
    let c = TestClient::new(app());
    assert_401(&c.get("/bearer").await, "Not authenticated", "Bearer");
    assert_401(
        &c.get("/bearer")
            .header("authorization", "Basic abc")
            .send()
            .await,
        "Not authenticated",
        "Bearer",
    );
    assert_401(
        &c.get("/bearer")
            .header("authorization", "Bearer")
            .send()
            .await,
        "Not authenticated",
        "Bearer",
    );
    assert_answer(
        &c.get("/bearer")
            .header("authorization", "Bearer abc.def")
            .send()
            .await,
        200,
        "Bearer abc.def",
    );
    assert_401(&c.get("/oauth").await, "Not authenticated", "Bearer");
    assert_401(
        &c.get("/oauth")
            .header("authorization", "Token abc")
            .send()
            .await,
        "Not authenticated",
        "Bearer",
    );
    assert_answer(
        &c.get("/oauth")
            .header("authorization", "bearer t0ken")
            .send()
            .await,
        200,
        "t0ken",
    );
}

#[tokio::test]
async fn basic_answers_fastapi_s_401s() {
    let c = TestClient::new(app());
    assert_401(&c.get("/basic").await, "Not authenticated", "Basic");
    assert_401(
        &c.get("/basic-realm").await,
        "Not authenticated",
        r#"Basic realm="shop""#,
    );
    // Malformed credentials are "Not authenticated", as in FastAPI 0.165: not base64, base64
    // of `annsecret` (no colon), of `ann:sé` (not ASCII), and wrong padding.
    for credentials in ["!!!", "YW5uc2VjcmV0", "YW5uOnPDqQ==", "YW5uOnM"] {
        assert_401(
            &c.get("/basic")
                .header("authorization", &format!("Basic {credentials}"))
                .send()
                .await,
            "Not authenticated",
            "Basic",
        );
    }
    // Python's `b64decode` skips characters outside the alphabet: `YW5u!OnNl` is `ann:se`.
    assert_answer(
        &c.get("/basic")
            .header("authorization", "Basic YW5u!OnNl")
            .send()
            .await,
        200,
        "ann:se",
    );
    // base64 of `ann:se:cret`: the password keeps its colons.
    assert_answer(
        &c.get("/basic")
            .header("authorization", "Basic YW5uOnNlOmNyZXQ=")
            .send()
            .await,
        200,
        "ann:se:cret",
    );
}

#[tokio::test]
async fn api_keys_are_read_from_each_place() {
    let c = TestClient::new(app());
    for path in ["/header-key", "/query-key", "/cookie-key"] {
        assert_401(&c.get(path).await, "Not authenticated", "APIKey");
    }
    assert_answer(
        &c.get("/header-key").header("x-api-key", "k1").send().await,
        200,
        "k1",
    );
    assert_answer(
        &c.get("/query-key").query([("api_key", "k2")]).send().await,
        200,
        "k2",
    );
    assert_answer(
        &c.get("/cookie-key").cookie("session", "k3").send().await,
        200,
        "k3",
    );
    // In the wrong place, the key is missing.
    assert_401(
        &c.get("/header-key")
            .query([("x-api-key", "k1")])
            .send()
            .await,
        "Not authenticated",
        "APIKey",
    );
}

#[tokio::test]
async fn optional_schemes_give_none_instead_of_401() {
    let c = TestClient::new(app());
    assert_answer(&c.get("/maybe").await, 200, "anonymous");
    assert_answer(
        &c.get("/maybe")
            .header("authorization", "Basic abc")
            .send()
            .await,
        200,
        "anonymous",
    );
    assert_answer(
        &c.get("/maybe")
            .header("authorization", "Bearer t")
            .send()
            .await,
        200,
        "t",
    );
}

#[test]
fn the_document_has_the_schemes_and_each_operation_its_requirement() {
    let document: Value = serde_json::from_slice(&app().openapi().unwrap().to_json()).unwrap();
    assert_eq!(
        document["components"]["securitySchemes"],
        json!({
            "APIKeyCookie": { "type": "apiKey", "in": "cookie", "name": "session" },
            "APIKeyHeader": { "type": "apiKey", "in": "header", "name": "x-api-key" },
            "APIKeyQuery": { "type": "apiKey", "in": "query", "name": "api_key" },
            "HTTPBasic": { "type": "http", "scheme": "basic" },
            "HTTPBearer": { "type": "http", "scheme": "bearer" },
            "OAuth2PasswordBearer": {
                "type": "oauth2",
                "flows": { "password": {
                    "scopes": { "items:read": "Read items", "items:write": "Change items" },
                    "tokenUrl": "/token"
                } }
            }
        })
    );
    let op = |path: &str| document["paths"][path]["get"].clone();
    assert_eq!(op("/bearer")["security"], json!([{ "HTTPBearer": [] }]));
    assert_eq!(
        op("/oauth")["security"],
        json!([{ "OAuth2PasswordBearer": [] }])
    );
    assert_eq!(op("/query-key")["security"], json!([{ "APIKeyQuery": [] }]));
    assert_eq!(op("/maybe")["security"], json!([{ "HTTPBearer": [] }]));
    // Protected only by a scheme: no parameter, so no 422.
    let bearer = op("/bearer");
    let statuses: Vec<&String> = bearer["responses"].as_object().unwrap().keys().collect();
    assert_eq!(statuses, ["200"]);
    // An open operation has no requirement.
    assert_eq!(op("/open").get("security"), None);
}

#[post("/token")]
async fn token(#[form] form: OAuth2PasswordRequestForm) -> Json<Value> {
    Json(json!({
        "username": form.username,
        "password_length": form.password.len(),
        "scopes": form.scopes(),
        "client_id": form.client_id,
    }))
}

#[post("/token-strict")]
async fn token_strict(#[form] form: OAuth2PasswordRequestFormStrict) -> String {
    form.username
}

#[tokio::test]
async fn the_password_form_reads_fastapi_s_fields() {
    let c = TestClient::new(app());
    let form = |path: &'static str, body: &'static str| {
        c.post(path)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body)
            .send()
    };
    assert_answer(
        &form(
            "/token",
            "username=ann&password=s3cret&scope=items:read+items:write&client_id=app",
        )
        .await,
        200,
        r#"{"username":"ann","password_length":6,"scopes":["items:read","items:write"],"client_id":"app"}"#,
    );
    assert_answer(
        &form("/token", "grant_type=password&username=ann&password=s3cret").await,
        200,
        r#"{"username":"ann","password_length":6,"scopes":[],"client_id":null}"#,
    );
    assert_answer(
        &form("/token", "grant_type=refresh&username=ann&password=s3cret").await,
        422,
        r#"{"detail":[{"type":"string_pattern_mismatch","loc":["body","grant_type"],"msg":"String should match pattern '^password$'","input":"refresh","ctx":{"pattern":"^password$"}}]}"#,
    );
    let missing = form("/token", "scope=x").await;
    assert_eq!(missing.status(), 422);
    let detail: Value = missing.json();
    let locs: Vec<&Value> = detail["detail"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| &e["loc"])
        .collect();
    assert_eq!(
        locs,
        [&json!(["body", "username"]), &json!(["body", "password"])]
    );
    // The strict form requires `grant_type`.
    assert_answer(
        &form(
            "/token-strict",
            "grant_type=password&username=bo&password=p",
        )
        .await,
        200,
        "bo",
    );
    let strict = form("/token-strict", "username=bo&password=p").await;
    assert_eq!(strict.status(), 422);
    assert!(
        strict
            .text()
            .contains(r#""type":"missing","loc":["body","grant_type"]"#),
        "{}",
        strict.text()
    );
    // A JSON body sent to a form route is refused, as FastAPI does.
    let json_body = c
        .post("/token")
        .json(&json!({ "username": "ann", "password": "s3cret" }))
        .send()
        .await;
    assert_answer(
        &json_body,
        422,
        concat!(
            r#"{"detail":["#,
            r#"{"type":"missing","loc":["body","username"],"msg":"Field required","input":{}},"#,
            r#"{"type":"missing","loc":["body","password"],"msg":"Field required","input":{}}"#,
            r#"]}"#
        ),
    );
}

#[test]
fn the_password_form_hides_its_secrets_in_debug_output() {
    let form = OAuth2PasswordRequestForm {
        grant_type: None,
        username: "ann".into(),
        password: "hunter2".into(),
        scope: String::new(),
        client_id: None,
        client_secret: Some("s3cret".into()),
    };
    let shown = format!("{form:?}");
    assert!(
        !shown.contains("hunter2") && !shown.contains("s3cret"),
        "{shown}"
    );
    assert!(shown.contains(r#"username: "ann""#), "{shown}");
}

/// The token names the scopes it grants, separated by commas.
#[depends]
fn scoped_user(
    scopes: SecurityScopes,
    token: Depends<OAuth2PasswordBearer<Tokens>>,
) -> Result<String, HttpError> {
    let granted: Vec<&str> = token.split(',').collect();
    scopes.check(&granted)?;
    Ok(format!("ok {}", scopes.scope_str()))
}

#[depends(scopes = ["me"])]
fn me_user(user: Depends<scoped_user>) -> String {
    user.into_inner()
}

#[get("/items-scoped", scopes = ["items:read"])]
async fn items_scoped(user: Depends<me_user>) -> String {
    user.into_inner()
}

#[tokio::test]
async fn scopes_accumulate_along_the_chain_and_are_enforced() {
    let c = TestClient::new(app());
    let with = |token: &'static str| {
        c.get("/items-scoped")
            .header("authorization", &format!("Bearer {token}"))
            .send()
    };
    assert_answer(&with("items:read,me").await, 200, "ok items:read me");
    assert_401(
        &with("items:read").await,
        "Not enough permissions",
        r#"Bearer scope="items:read me""#,
    );
    assert_401(&c.get("/items-scoped").await, "Not authenticated", "Bearer");
    let document: Value = serde_json::from_slice(&app().openapi().unwrap().to_json()).unwrap();
    assert_eq!(
        document["paths"]["/items-scoped"]["get"]["security"],
        json!([{ "OAuth2PasswordBearer": ["items:read", "me"] }])
    );
}

#[test]
fn the_security_document_is_the_golden_one() {
    let document = app().title("Security").openapi().unwrap().to_pretty_json();
    crate::openapi::check_golden("security", &document);
}
