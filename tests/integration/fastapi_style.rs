//! An app documented in `OpenApiStyle::FastApi`, with FastAPI's operation ids: its document
//! is `tests/openapi/fastapi_style.json`, which equals (as parsed JSON) FastAPI 0.165's
//! document of the Python twin `tests/openapi/fastapi_style.py` (`tests/e2e/parity.sh` checks
//! it).

use fastrs::prelude::*;

use crate::openapi::check_golden;

mod app {
    use fastrs::prelude::*;
    use fastrs::security::{
        ApiKey, ApiKeyIn, ApiKeyName, HttpBasic, HttpBearer, OAuth2Password, OAuth2PasswordBearer,
        OAuth2PasswordRequestForm,
    };

    #[derive(Deserialize, Serialize, JsonSchema, Scalar)]
    #[serde(rename_all = "lowercase")]
    pub enum Color {
        Red,
        Green,
    }

    #[derive(Deserialize, Serialize, JsonSchema, Scalar)]
    #[serde(rename_all = "snake_case")]
    #[scalar(literal)]
    #[schemars(inline)]
    pub enum OrderBy {
        CreatedAt,
        UpdatedAt,
    }

    #[derive(Deserialize, Serialize, JsonSchema)]
    pub struct User {
        pub username: String,
        pub full_name: Option<String>,
    }

    #[derive(Deserialize, Serialize, JsonSchema, Validate)]
    pub struct Item {
        #[garde(length(min = 1, max = 50))]
        pub name: String,
        #[garde(range(min = 0.01))]
        pub price: f64,
        #[garde(skip)]
        pub count: Option<i64>,
        #[serde(default)]
        #[garde(skip)]
        pub tags: Vec<String>,
        #[garde(skip)]
        pub owner: Option<User>,
    }

    #[derive(Deserialize, Serialize, JsonSchema)]
    pub struct Message {
        pub detail: String,
    }

    fn hundred() -> i64 {
        100
    }

    #[derive(Deserialize, Serialize, JsonSchema, Validate)]
    #[serde(deny_unknown_fields)]
    pub struct Filter {
        #[serde(default = "hundred")]
        #[garde(range(min = 1, max = 100))]
        pub limit: i64,
        #[serde(default)]
        #[garde(skip)]
        pub tags: Vec<String>,
        #[garde(skip)]
        pub order: Option<String>,
    }

    #[derive(Deserialize, Serialize, JsonSchema)]
    pub struct Agent {
        pub user_agent: String,
        pub x_trace: Option<String>,
    }

    pub struct Tokens;
    impl OAuth2Password for Tokens {
        const TOKEN_URL: &'static str = "token";
        const SCOPES: &'static [(&'static str, &'static str)] = &[("items:read", "Read items")];
    }

    pub struct Key;
    impl ApiKeyName for Key {
        const NAME: &'static str = "x-api-key";
        const IN: ApiKeyIn = ApiKeyIn::Header;
    }

    fn nothing<T>() -> Result<Json<T>, HttpError> {
        Err(HttpError::from_status(
            fastrs::http::StatusCode::NOT_IMPLEMENTED,
        ))
    }

    #[get("/items/<item_id>", tags = ["items"])]
    #[allow(clippy::too_many_arguments)]
    pub async fn read_item(
        #[path(title = "The item", description = "Which item", ge = 1)] item_id: i64,
        color: Color,
        #[query(
            alias = "item-query",
            min_length = 3,
            max_length = 50,
            pattern = "^[a-z]+$"
        )]
        q: Option<String>,
        #[query(default = 10, gt = 0, lt = 101)] limit: i64,
        #[query(default = 1.5, ge = 0.5, le = 2.5)] ratio: f64,
        #[query(default)] tag: Vec<i64>,
        maybe_color: Option<Color>,
        #[query(default = OrderBy::CreatedAt)] order_by: OrderBy,
        #[query(deprecated, description = "Old")] old: Option<bool>,
        #[query(include_in_schema = false)] hidden: Option<String>,
        #[header] user_agent: Option<String>,
        #[header(default)] x_token: Vec<String>,
        #[cookie] session: Option<String>,
    ) -> Result<Json<Item>, HttpError> {
        let _ = (item_id, color, q, limit, ratio, tag, maybe_color, order_by);
        let _ = (old, hidden, user_agent, x_token, session);
        nothing()
    }

    #[get("/models")]
    pub async fn models(
        #[query] filter: Filter,
        #[header] agent: Agent,
    ) -> Result<Json<Vec<Item>>, HttpError> {
        let _ = (filter, agent);
        nothing()
    }

    #[depends]
    pub fn pagination(
        #[query(default = 0)] skip: i64,
        #[query(default = 20, le = 100)] limit: i64,
    ) -> (i64, i64) {
        (skip, limit)
    }

    #[get("/list")]
    pub async fn list_items(
        q: Option<String>,
        page: Depends<pagination>,
    ) -> Result<Json<Vec<Item>>, HttpError> {
        let _ = (q, page);
        nothing()
    }

    /// Declared out of FastAPI's order: a dependency, a header, the path, the query.
    #[get("/mixed/<item_id>")]
    pub async fn mixed(
        page: Depends<pagination>,
        #[header] x_key: Option<String>,
        #[cookie] visit: Option<String>,
        item_id: i64,
        q: Option<String>,
    ) -> Result<Json<Vec<Item>>, HttpError> {
        let _ = (page, x_key, visit, item_id, q);
        nothing()
    }

    #[post(
        "/items",
        status = 201,
        responses(
            409 = (model = Message, description = "Already there", example = r#"{"detail": "Item exists"}"#),
            400 = (description = "Bad")
        )
    )]
    pub async fn create(item: Item) -> Result<Json<Item>, HttpError> {
        let _ = item;
        nothing()
    }

    #[put(
        "/embedded/<id>",
        operation_id = "replace",
        summary = "Replace",
        description = "Both bodies"
    )]
    pub async fn embedded(
        id: i64,
        item: Item,
        user: Option<User>,
        #[body(gt = 0, description = "How much")] importance: i64,
    ) -> Result<Json<Item>, HttpError> {
        let _ = (id, item, user, importance);
        nothing()
    }

    #[delete("/items/<item_id>", status = 204, deprecated, responses(404 = Message))]
    pub async fn remove(item_id: i64) {
        let _ = item_id;
    }

    #[post("/login")]
    pub async fn login(
        #[form] username: String,
        #[form(min_length = 8)] password: String,
        #[form] remember: Option<bool>,
    ) -> Result<Json<Message>, HttpError> {
        let _ = (username, password, remember);
        nothing()
    }

    #[post("/token")]
    pub async fn token(
        #[form] form: OAuth2PasswordRequestForm,
    ) -> Result<Json<Message>, HttpError> {
        let _ = form;
        nothing()
    }

    #[get("/me", scopes = ["items:read"])]
    pub async fn me(token: Depends<OAuth2PasswordBearer<Tokens>>) -> Result<Json<User>, HttpError> {
        let _ = token;
        nothing()
    }

    #[get("/basic")]
    pub async fn basic_user(credentials: Depends<HttpBasic>) -> Result<Json<User>, HttpError> {
        let _ = credentials;
        nothing()
    }

    #[get("/bearer")]
    pub async fn bearer_user(credentials: Depends<HttpBearer>) -> Result<Json<User>, HttpError> {
        let _ = credentials;
        nothing()
    }

    #[get("/key")]
    pub async fn key_user(key: Depends<ApiKey<Key>>) -> Result<Json<User>, HttpError> {
        let _ = key;
        nothing()
    }

    #[get("/only-hidden")]
    pub async fn only_hidden(
        #[query(include_in_schema = false)] secret: Option<String>,
    ) -> Result<Json<User>, HttpError> {
        let _ = secret;
        nothing()
    }

    #[post("/upload")]
    pub async fn upload(
        file: fastrs::UploadFile,
        files: Vec<fastrs::UploadFile>,
        cover: Option<fastrs::UploadFile>,
        #[form] note: Option<String>,
    ) -> Result<Json<Message>, HttpError> {
        let _ = (file, files, cover, note);
        nothing()
    }

    #[get("/users/stream")]
    pub async fn users_stream() -> fastrs::response::JsonLines<User> {
        fastrs::response::JsonLines::new(futures_util::stream::empty())
    }

    #[get("/users/events")]
    pub async fn users_events() -> fastrs::response::Sse<User> {
        fastrs::response::Sse::new(futures_util::stream::empty())
    }

    #[get("/events")]
    pub async fn events() -> fastrs::response::Sse<fastrs::response::Event> {
        fastrs::response::Sse::events(futures_util::stream::empty::<fastrs::response::Event>())
    }

    #[get("/hidden", include_in_schema = false)]
    pub async fn hidden_route() -> Result<Json<User>, HttpError> {
        nothing()
    }
}

/// The app, as FastAPI would document it.
pub(crate) fn fastapi_style_app() -> App {
    App::scoped(concat!(module_path!(), "::app"))
        .title("FastAPI style")
        .version("1.0.0")
        .operation_ids(fastrs::OperationIds::FastApi)
        .openapi_style(fastrs::OpenApiStyle::FastApi)
}

#[test]
fn the_fastapi_style_document_is_the_golden_one() {
    let document = fastapi_style_app().openapi().unwrap().to_pretty_json();
    check_golden("fastapi_style", &document);
}
