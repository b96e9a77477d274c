//! Parameters from every source: path, query (scalars, `Option`, `Vec`, enums, models),
//! headers and cookies, with their options.

use fastrs::prelude::*;
use serde_json::{Value, json};

use crate::{assert_answer, client_for};

#[derive(Debug, Deserialize, Serialize, JsonSchema, Scalar, PartialEq)]
#[serde(rename_all = "lowercase")]
enum Color {
    Red,
    Green,
    Blue,
}

#[derive(Debug, Scalar, JsonSchema)]
struct UserId(u32);

#[get("/path/<id>/<name>")]
async fn path_params(id: i64, name: String) -> Json<Value> {
    Json(json!({ "id": id, "name": name }))
}

/// Python's `Literal["created_at", "updated_at"]`.
#[derive(Debug, Deserialize, Serialize, JsonSchema, Scalar)]
#[serde(rename_all = "snake_case")]
#[scalar(literal)]
#[schemars(inline)]
enum OrderBy {
    CreatedAt,
    UpdatedAt,
}

#[get("/sorted")]
async fn sorted(#[query(default = OrderBy::CreatedAt)] order_by: OrderBy) -> &'static str {
    match order_by {
        OrderBy::CreatedAt => "created",
        OrderBy::UpdatedAt => "updated",
    }
}

#[get("/files/<path..>")]
async fn rest_of_path(path: String) -> String {
    path
}

#[get("/scalars")]
async fn scalars(
    i: Option<i32>,
    f: Option<f64>,
    b: Option<bool>,
    u: Option<uuid::Uuid>,
    c: Option<char>,
    color: Option<Color>,
    user: Option<UserId>,
) -> Json<Value> {
    Json(json!({
        "i": i, "f": f, "b": b, "u": u.map(|u| u.to_string()), "c": c,
        "color": color, "user": user.map(|u| u.0),
    }))
}

#[get("/required")]
async fn required(r: u8) -> String {
    r.to_string()
}

#[get("/lists")]
async fn lists(
    tag: Vec<String>,
    #[query(min_length = 2, max_length = 3)] n: Option<Vec<i32>>,
) -> Json<Value> {
    Json(json!({ "tag": tag, "n": n }))
}

#[get("/options")]
async fn options(
    #[query(alias = "item-query")] q: Option<String>,
    #[query(default = 10, gt = 0, lt = 100)] limit: u32,
    #[query(ge = 1.5, le = 2.5)] ratio: Option<f64>,
    #[query(min_length = 3, max_length = 5, pattern = "^[a-z]+$")] word: Option<String>,
    #[query(default, description = "skipped items", title = "Skip", deprecated)] skip: u64,
    #[query(include_in_schema = false)] hidden: Option<bool>,
) -> Json<Value> {
    Json(
        json!({ "q": q, "limit": limit, "ratio": ratio, "word": word, "skip": skip, "hidden": hidden }),
    )
}

#[get("/headers")]
async fn headers(
    #[header] user_agent: String,
    #[header] x_token: Vec<String>,
    #[header(alias = "X-Custom")] custom: Option<i32>,
    #[cookie] session: Option<String>,
    #[cookie(alias = "ads-id")] ads: Option<u32>,
) -> Json<Value> {
    Json(
        json!({ "user_agent": user_agent, "x_token": x_token, "custom": custom, "session": session, "ads": ads }),
    )
}

#[derive(Debug, Deserialize, Serialize, JsonSchema, Validate)]
#[serde(deny_unknown_fields)]
struct Filter {
    #[garde(range(min = 1, max = 100))]
    limit: u32,
    #[serde(default)]
    #[garde(skip)]
    tags: Vec<String>,
    #[garde(skip)]
    order: Option<Color>,
}

#[get("/model")]
async fn query_model(#[query] filter: Filter) -> Json<Filter> {
    Json(filter)
}

#[derive(Debug, Deserialize, Serialize, JsonSchema)]
struct Agent {
    user_agent: String,
    x_trace: Option<String>,
}

#[get("/header-model")]
async fn header_model(#[header] agent: Agent) -> Json<Agent> {
    Json(agent)
}

fn client() -> fastrs::testing::TestClient {
    client_for(module_path!())
}

#[tokio::test]
async fn path_parameters_are_typed() {
    let c = client();
    assert_answer(
        &c.get("/path/42/ana").await,
        200,
        r#"{"id":42,"name":"ana"}"#,
    );
    assert_answer(
        &c.get("/path/-7/b%20c").await,
        200,
        r#"{"id":-7,"name":"b c"}"#,
    );
    assert_answer(
        &c.get("/path/x/ana").await,
        422,
        r#"{"detail":[{"type":"int_parsing","loc":["path","id"],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"x"}]}"#,
    );
    assert_answer(&c.get("/files/a/b/c.txt").await, 200, "a/b/c.txt");
    // The empty rest, as Starlette's `{file_path:path}` matches it.
    assert_answer(&c.get("/files/").await, 200, "");
}

#[tokio::test]
async fn declared_bounds_name_the_error_of_a_number_out_of_the_type() {
    let c = client();
    let error = |kind: &str, words: &str, key: &str, bound: u32, input: &str| {
        format!(
            r#"{{"detail":[{{"type":"{kind}","loc":["query","limit"],"msg":"Input should be {words} {bound}","input":"{input}","ctx":{{"{key}":{bound}}}}}]}}"#
        )
    };
    // `gt = 0, lt = 100` on a `u32`: the declared bound, not the type's range.
    assert_answer(
        &c.get("/options?limit=-1").await,
        422,
        &error("greater_than", "greater than", "gt", 0, "-1"),
    );
    for big in [
        "5000000000",
        "99999999999999999999",
        "1".repeat(60).as_str(),
    ] {
        assert_answer(
            &c.get(&format!("/options?limit={big}")).await,
            422,
            &error("less_than", "less than", "lt", 100, big),
        );
    }
    // Without a declared bound on that side, the type's.
    assert_answer(
        &c.get(&format!("/scalars?i={}", "9".repeat(50))).await,
        422,
        &format!(
            r#"{{"detail":[{{"type":"less_than_equal","loc":["query","i"],"msg":"Input should be less than or equal to 2147483647","input":"{}","ctx":{{"le":2147483647}}}}]}}"#,
            "9".repeat(50)
        ),
    );
}

#[tokio::test]
async fn a_literal_set_answers_literal_error() {
    let c = client();
    assert_answer(&c.get("/sorted?order_by=updated_at").await, 200, "updated");
    assert_answer(&c.get("/sorted").await, 200, "created");
    assert_answer(
        &c.get("/sorted?order_by=x").await,
        422,
        r#"{"detail":[{"type":"literal_error","loc":["query","order_by"],"msg":"Input should be 'created_at' or 'updated_at'","input":"x","ctx":{"expected":"'created_at' or 'updated_at'"}}]}"#,
    );
}

#[tokio::test]
async fn scalars_parse_as_pydantic_does() {
    let c = client();
    let r = c
        .get("/scalars?i=%2042%20&f=1e3&b=YES&u=a8098c1a-f86e-11da-bd1a-00112444be1e&c=x&color=green&user=7")
        .await;
    assert_answer(
        &r,
        200,
        r#"{"i":42,"f":1000.0,"b":true,"u":"a8098c1a-f86e-11da-bd1a-00112444be1e","c":"x","color":"green","user":7}"#,
    );
    assert_answer(
        &c.get("/scalars?i=5.00&b=off").await,
        200,
        r#"{"i":5,"f":null,"b":false,"u":null,"c":null,"color":null,"user":null}"#,
    );
}

#[tokio::test]
async fn every_scalar_error_is_reported_in_order() {
    let c = client();
    let r = c
        .get("/scalars?i=1.5&f=abc&b=maybe&u=xyz&c=ab&color=purple&user=-1")
        .await;
    assert_answer(
        &r,
        422,
        concat!(
            r#"{"detail":["#,
            r#"{"type":"int_parsing","loc":["query","i"],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"1.5"},"#,
            r#"{"type":"float_parsing","loc":["query","f"],"msg":"Input should be a valid number, unable to parse string as a number","input":"abc"},"#,
            r#"{"type":"bool_parsing","loc":["query","b"],"msg":"Input should be a valid boolean, unable to interpret input","input":"maybe"},"#,
            r#"{"type":"uuid_parsing","loc":["query","u"],"msg":"Input should be a valid UUID, invalid character: found `x` at 0","input":"xyz","ctx":{"error":"invalid character: found `x` at 0"}},"#,
            r#"{"type":"string_too_long","loc":["query","c"],"msg":"String should have at most 1 character","input":"ab","ctx":{"max_length":1}},"#,
            r#"{"type":"enum","loc":["query","color"],"msg":"Input should be 'red', 'green' or 'blue'","input":"purple","ctx":{"expected":"'red', 'green' or 'blue'"}},"#,
            r#"{"type":"greater_than_equal","loc":["query","user"],"msg":"Input should be greater than or equal to 0","input":"-1","ctx":{"ge":0}}"#,
            r#"]}"#
        ),
    );
}

#[tokio::test]
async fn missing_and_out_of_range_values() {
    let c = client();
    assert_answer(
        &c.get("/required").await,
        422,
        r#"{"detail":[{"type":"missing","loc":["query","r"],"msg":"Field required","input":null}]}"#,
    );
    assert_answer(
        &c.get("/required?r=300").await,
        422,
        r#"{"detail":[{"type":"less_than_equal","loc":["query","r"],"msg":"Input should be less than or equal to 255","input":"300","ctx":{"le":255}}]}"#,
    );
    assert_answer(&c.get("/required?r=1&r=2").await, 200, "2");
}

#[tokio::test]
async fn repeated_query_keys_make_a_list() {
    let c = client();
    assert_answer(
        &c.get("/lists?tag=a&tag=b&n=1&n=2").await,
        200,
        r#"{"tag":["a","b"],"n":[1,2]}"#,
    );
    assert_answer(
        &c.get("/lists?n=1&n=x&n=3").await,
        422,
        concat!(
            r#"{"detail":[{"type":"missing","loc":["query","tag"],"msg":"Field required","input":null},"#,
            r#"{"type":"int_parsing","loc":["query","n",1],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"x"}]}"#
        ),
    );
    assert_answer(
        &c.get("/lists?tag=a&n=1").await,
        422,
        r#"{"detail":[{"type":"too_short","loc":["query","n"],"msg":"List should have at least 2 items after validation, not 1","input":["1"],"ctx":{"field_type":"List","min_length":2,"actual_length":1}}]}"#,
    );
    assert_answer(
        &c.get("/lists?tag=a&n=1&n=2&n=3&n=4").await,
        422,
        r#"{"detail":[{"type":"too_long","loc":["query","n"],"msg":"List should have at most 3 items after validation, not 4","input":["1","2","3","4"],"ctx":{"field_type":"List","max_length":3,"actual_length":4}}]}"#,
    );
}

#[tokio::test]
async fn options_alias_default_and_constraints() {
    let c = client();
    assert_answer(
        &c.get("/options?item-query=hi").await,
        200,
        r#"{"q":"hi","limit":10,"ratio":null,"word":null,"skip":0,"hidden":null}"#,
    );
    assert_answer(
        &c.get("/options?q=ignored&limit=0&ratio=2.6&word=ab").await,
        422,
        concat!(
            r#"{"detail":["#,
            r#"{"type":"greater_than","loc":["query","limit"],"msg":"Input should be greater than 0","input":"0","ctx":{"gt":0}},"#,
            r#"{"type":"less_than_equal","loc":["query","ratio"],"msg":"Input should be less than or equal to 2.5","input":"2.6","ctx":{"le":2.5}},"#,
            r#"{"type":"string_too_short","loc":["query","word"],"msg":"String should have at least 3 characters","input":"ab","ctx":{"min_length":3}}"#,
            r#"]}"#
        ),
    );
    assert_answer(
        &c.get("/options?limit=100&ratio=1&word=abcdef").await,
        422,
        concat!(
            r#"{"detail":["#,
            r#"{"type":"less_than","loc":["query","limit"],"msg":"Input should be less than 100","input":"100","ctx":{"lt":100}},"#,
            r#"{"type":"greater_than_equal","loc":["query","ratio"],"msg":"Input should be greater than or equal to 1.5","input":"1","ctx":{"ge":1.5}},"#,
            r#"{"type":"string_too_long","loc":["query","word"],"msg":"String should have at most 5 characters","input":"abcdef","ctx":{"max_length":5}}"#,
            r#"]}"#
        ),
    );
    assert_answer(
        &c.get("/options?word=ABC").await,
        422,
        r#"{"detail":[{"type":"string_pattern_mismatch","loc":["query","word"],"msg":"String should match pattern '^[a-z]+$'","input":"ABC","ctx":{"pattern":"^[a-z]+$"}}]}"#,
    );
}

#[tokio::test]
async fn headers_and_cookies() {
    let c = client();
    let r = c
        .get("/headers")
        .header("User-Agent", "test/1")
        .header("x-token", "a")
        .header("X-Token", "b")
        .header("x-custom", "5")
        .cookie("session", "s1")
        .cookie("ads-id", "9")
        .await;
    assert_answer(
        &r,
        200,
        r#"{"user_agent":"test/1","x_token":["a","b"],"custom":5,"session":"s1","ads":9}"#,
    );
    let r = c
        .get("/headers")
        .header("x-custom", "five")
        .cookie("ads-id", "x")
        .await;
    assert_answer(
        &r,
        422,
        concat!(
            r#"{"detail":["#,
            r#"{"type":"missing","loc":["header","user-agent"],"msg":"Field required","input":null},"#,
            r#"{"type":"missing","loc":["header","x-token"],"msg":"Field required","input":null},"#,
            r#"{"type":"int_parsing","loc":["header","X-Custom"],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"five"},"#,
            r#"{"type":"int_parsing","loc":["cookie","ads-id"],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"x"}"#,
            r#"]}"#
        ),
    );
    // A header sent twice for a single value: the first counts, as FastAPI reads it
    // (Starlette's `Headers.get`); a query key sent twice: the last.
    let r = c
        .get("/headers")
        .header("User-Agent", "test/1")
        .header("x-token", "a")
        .header("x-custom", "5")
        .header("x-custom", "7")
        .await;
    assert_answer(
        &r,
        200,
        r#"{"user_agent":"test/1","x_token":["a"],"custom":5,"session":null,"ads":null}"#,
    );
    let r = c
        .get("/headers")
        .header("User-Agent", "test/1")
        .header("x-token", "a")
        .header("x-custom", "five")
        .header("x-custom", "7")
        .await;
    assert_answer(
        &r,
        422,
        r#"{"detail":[{"type":"int_parsing","loc":["header","X-Custom"],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"five"}]}"#,
    );
}

#[tokio::test]
async fn query_parameter_models() {
    let c = client();
    assert_answer(
        &c.get("/model?limit=5&tags=a&tags=b&order=red").await,
        200,
        r#"{"limit":5,"tags":["a","b"],"order":"red"}"#,
    );
    assert_answer(
        &c.get("/model?limit=0&order=pink&x=1").await,
        422,
        concat!(
            r#"{"detail":["#,
            r#"{"type":"greater_than_equal","loc":["query","limit"],"msg":"Input should be greater than or equal to 1","input":"0","ctx":{"ge":1}},"#,
            r#"{"type":"enum","loc":["query","order"],"msg":"Input should be 'red', 'green' or 'blue'","input":"pink","ctx":{"expected":"'red', 'green' or 'blue'"}},"#,
            r#"{"type":"extra_forbidden","loc":["query","x"],"msg":"Extra inputs are not permitted","input":"1"}"#,
            r#"]}"#
        ),
    );
    assert_answer(
        &c.get("/model?tags=a").await,
        422,
        r#"{"detail":[{"type":"missing","loc":["query","limit"],"msg":"Field required","input":{"tags":["a"]}}]}"#,
    );
}

#[tokio::test]
async fn header_parameter_models_convert_underscores() {
    let c = client();
    let r = c
        .get("/header-model")
        .header("user-agent", "ua")
        .header("x-trace", "t")
        .await;
    assert_answer(&r, 200, r#"{"user_agent":"ua","x_trace":"t"}"#);
    // A field's header sent twice: the first, as FastAPI reads it.
    let r = c
        .get("/header-model")
        .header("user-agent", "ua")
        .header("x-trace", "t1")
        .header("x-trace", "t2")
        .await;
    assert_answer(&r, 200, r#"{"user_agent":"ua","x_trace":"t1"}"#);
}

#[get("/paint/<color>")]
async fn paint(color: Color) -> Json<Color> {
    Json(color)
}

#[derive(Debug, Deserialize, Serialize, JsonSchema)]
struct Session {
    session_id: String,
    theme: Option<String>,
}

#[get("/cookie-model")]
async fn cookie_model(#[cookie] session: Session) -> Json<Session> {
    Json(session)
}

#[post("/login")]
async fn login(#[form] username: String, #[form(min_length = 8)] password: String) -> String {
    format!("{username}:{}", password.len())
}

#[derive(Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct Signup {
    username: String,
    age: u8,
}

#[post("/signup")]
async fn signup(#[form] data: Signup) -> Json<Signup> {
    Json(data)
}

#[tokio::test]
async fn enums_in_the_path() {
    let c = client();
    assert_answer(&c.get("/paint/blue").await, 200, r#""blue""#);
    assert_answer(
        &c.get("/paint/pink").await,
        422,
        r#"{"detail":[{"type":"enum","loc":["path","color"],"msg":"Input should be 'red', 'green' or 'blue'","input":"pink","ctx":{"expected":"'red', 'green' or 'blue'"}}]}"#,
    );
}

#[tokio::test]
async fn cookie_parameter_models() {
    let c = client();
    let r = c
        .get("/cookie-model")
        .cookie("session_id", "abc")
        .cookie("theme", "dark")
        .await;
    assert_answer(&r, 200, r#"{"session_id":"abc","theme":"dark"}"#);
    let r = c.get("/cookie-model").cookie("theme", "dark").await;
    assert_answer(
        &r,
        422,
        r#"{"detail":[{"type":"missing","loc":["cookie","session_id"],"msg":"Field required","input":{"theme":"dark"}}]}"#,
    );
}

#[tokio::test]
async fn form_fields_and_form_models() {
    let c = client();
    let form = |body: &'static str| {
        c.post("/login")
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body)
    };
    assert_answer(
        &form("username=ann+lee&password=secret123").await,
        200,
        "ann lee:9",
    );
    assert_answer(
        &form("password=short").await,
        422,
        concat!(
            r#"{"detail":["#,
            r#"{"type":"missing","loc":["body","username"],"msg":"Field required","input":null},"#,
            r#"{"type":"string_too_short","loc":["body","password"],"msg":"String should have at least 8 characters","input":"short","ctx":{"min_length":8}}"#,
            r#"]}"#
        ),
    );
    let r = c
        .post("/signup")
        .header("content-type", "application/x-www-form-urlencoded")
        .body("username=ann&age=300&admin=1")
        .await;
    assert_answer(
        &r,
        422,
        concat!(
            r#"{"detail":["#,
            r#"{"type":"less_than_equal","loc":["body","age"],"msg":"Input should be less than or equal to 255","input":"300","ctx":{"le":255}},"#,
            r#"{"type":"extra_forbidden","loc":["body","admin"],"msg":"Extra inputs are not permitted","input":"1"}"#,
            r#"]}"#
        ),
    );
    let r = c
        .post("/signup")
        .header("content-type", "application/x-www-form-urlencoded")
        .body("username=ann&age=30")
        .await;
    assert_answer(&r, 200, r#"{"username":"ann","age":30}"#);
}

/// Parameters named like the generated code's locals: the expansion's `cx`, `meta`, `args`,
/// `handler` and `q_kind` are hygienic, so these are the user's own values.
#[get("/hygiene/<cx>")]
async fn named_like_locals(
    cx: u32,
    meta: String,
    args: Option<u8>,
    handler: bool,
    q_kind: i8,
) -> Json<Value> {
    Json(json!({ "cx": cx, "meta": meta, "args": args, "handler": handler, "q_kind": q_kind }))
}

#[tokio::test]
async fn parameters_may_be_named_like_the_generated_locals() {
    let c =
        fastrs::testing::TestClient::new(App::empty().mount(fastrs::routes![named_like_locals]));
    let r = c
        .get("/hygiene/7")
        .query([("meta", "m"), ("handler", "true"), ("q_kind", "-3")])
        .await;
    assert_answer(
        &r,
        200,
        r#"{"cx":7,"meta":"m","args":null,"handler":true,"q_kind":-3}"#,
    );
    let r = c.get("/hygiene/x").query([("handler", "maybe")]).await;
    assert_answer(
        &r,
        422,
        concat!(
            r#"{"detail":["#,
            r#"{"type":"int_parsing","loc":["path","cx"],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"x"},"#,
            r#"{"type":"missing","loc":["query","meta"],"msg":"Field required","input":null},"#,
            r#"{"type":"bool_parsing","loc":["query","handler"],"msg":"Input should be a valid boolean, unable to interpret input","input":"maybe"},"#,
            r#"{"type":"missing","loc":["query","q_kind"],"msg":"Field required","input":null}"#,
            r#"]}"#
        ),
    );
}
