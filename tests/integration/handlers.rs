//! Exception handlers: an error type returned as `Err` by a route or a dependency, an
//! `HttpError`'s status (the built-in 404 and 405 too), the 422 with the body as received, and a
//! panic; inside the middleware, which sees their answers.

use fastrs::RequestValidationError;
use fastrs::axum::extract::Request;
use fastrs::axum::response::{IntoResponse, Response};
use fastrs::http::{HeaderValue, StatusCode};
use fastrs::middleware::Next;
use fastrs::prelude::*;
use fastrs::testing::TestClient;

use crate::assert_answer;

mod routes {
    use fastrs::axum::response::{IntoResponse, Response};
    use fastrs::http::StatusCode;
    use fastrs::prelude::*;

    #[derive(Deserialize, Serialize, JsonSchema)]
    pub struct Item {
        pub name: String,
        pub price: f64,
    }

    #[get("/items/<id>")]
    pub async fn read_item(id: u32) -> Result<String, HttpError> {
        match id {
            1 => Ok("one".to_owned()),
            _ => Err(HttpError::new(StatusCode::NOT_FOUND, "Item not found")),
        }
    }

    #[get("/teapot")]
    pub async fn teapot() -> Result<String, HttpError> {
        Err(HttpError::new(StatusCode::IM_A_TEAPOT, "short and stout"))
    }

    #[post("/items")]
    pub async fn create(item: Item) -> Json<Item> {
        Json(item)
    }

    #[get("/explode")]
    pub async fn explode() -> String {
        panic!("the boiler exploded")
    }

    /// FastAPI's tutorial exception, with an answer of its own where no handler is set.
    #[derive(Debug)]
    pub struct UnicornError(pub String);

    impl IntoResponse for UnicornError {
        fn into_response(self) -> Response {
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                format!("unicorn {}", self.0),
            )
                .into_response()
        }
    }

    pub type ApiResult<T> = Result<T, UnicornError>;

    #[get("/unicorns/<name>")]
    pub async fn unicorn(name: String) -> Result<Json<Value>, UnicornError> {
        if name == "yolo" {
            return Err(UnicornError(name));
        }
        Ok(Json(json!({ "unicorn_name": name })))
    }

    /// A return type that cannot be named: the value's type decides.
    #[get("/opaque/<name>")]
    pub async fn opaque(name: String) -> Result<impl IntoResponse, UnicornError> {
        if name == "yolo" {
            return Err(UnicornError(name));
        }
        Ok(format!("opaque {name}"))
    }

    /// Through a type alias: the macro cannot see the `Result`, the type system can.
    #[get("/aliased/<name>")]
    pub async fn aliased(name: String) -> ApiResult<String> {
        Err(UnicornError(name))
    }

    #[depends]
    pub async fn rider(#[query] rider: String) -> Result<String, UnicornError> {
        match rider.as_str() {
            "nobody" => Err(UnicornError(rider)),
            _ => Ok(rider),
        }
    }

    #[get("/ride")]
    pub async fn ride(rider: Depends<rider>) -> String {
        format!("ridden by {}", *rider)
    }
}

fn app() -> App {
    App::scoped(concat!(module_path!(), "::routes"))
}

fn not_found(error: HttpError) -> Response {
    let detail = error.detail().as_str().unwrap_or_default().to_owned();
    (StatusCode::NOT_FOUND, format!("custom 404: {detail}")).into_response()
}

/// Marks every answer it sees, to show the handlers answer inside it.
async fn seen(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    response
        .headers_mut()
        .insert("x-seen", HeaderValue::from_static("yes"));
    response
}

#[tokio::test]
async fn an_error_type_is_answered_by_its_handler_or_by_itself() {
    let teapot = |error: routes::UnicornError| {
        let message = format!("Oops! {} did something. There goes a rainbow...", error.0);
        (StatusCode::IM_A_TEAPOT, Json(json!({ "message": message }))).into_response()
    };
    let c = TestClient::new(app().exception_handler(teapot).middleware(seen));
    let r = c.get("/unicorns/yolo").await;
    assert_answer(
        &r,
        418,
        r#"{"message":"Oops! yolo did something. There goes a rainbow..."}"#,
    );
    assert_eq!(r.header("content-type"), Some("application/json"));
    assert_eq!(r.header("x-seen"), Some("yes"));
    assert_answer(
        &c.get("/unicorns/ana").await,
        200,
        r#"{"unicorn_name":"ana"}"#,
    );
    assert_answer(
        &c.get("/aliased/bob").await,
        418,
        r#"{"message":"Oops! bob did something. There goes a rainbow..."}"#,
    );
    assert_answer(
        &c.get("/opaque/yolo").await,
        418,
        r#"{"message":"Oops! yolo did something. There goes a rainbow..."}"#,
    );
    assert_answer(&c.get("/opaque/ana").await, 200, "opaque ana");
    // A dependency's `Err`, before the route runs.
    assert_answer(
        &c.get("/ride?rider=nobody").await,
        418,
        r#"{"message":"Oops! nobody did something. There goes a rainbow..."}"#,
    );
    assert_answer(&c.get("/ride?rider=ana").await, 200, "ridden by ana");

    // Without a handler, the error answers as its `IntoResponse` says.
    let c = TestClient::new(app());
    assert_answer(&c.get("/unicorns/yolo").await, 500, "unicorn yolo");
    assert_answer(&c.get("/aliased/bob").await, 500, "unicorn bob");
    assert_answer(&c.get("/ride?rider=nobody").await, 500, "unicorn nobody");
}

#[tokio::test]
async fn an_http_error_handler_takes_every_http_error() {
    let c = TestClient::new(app().exception_handler(|e: HttpError| {
        (e.status(), format!("handled: {}", e.detail())).into_response()
    }));
    assert_answer(
        &c.get("/items/2").await,
        404,
        r#"handled: "Item not found""#,
    );
    assert_answer(
        &c.get("/teapot").await,
        418,
        r#"handled: "short and stout""#,
    );
    assert_answer(&c.get("/items/1").await, 200, "one");
}

#[tokio::test]
async fn a_status_handler_answers_every_http_error_of_its_status() {
    let c = TestClient::new(
        app()
            .status_handler(StatusCode::NOT_FOUND, not_found)
            .status_handler(StatusCode::METHOD_NOT_ALLOWED, |e: HttpError| {
                (
                    StatusCode::METHOD_NOT_ALLOWED,
                    format!("no: {}", e.status()),
                )
                    .into_response()
            })
            .middleware(seen),
    );
    // A route's `HttpError`, and the routing's own 404 and 405.
    let r = c.get("/items/2").await;
    assert_answer(&r, 404, "custom 404: Item not found");
    assert_eq!(r.header("x-seen"), Some("yes"));
    assert_answer(&c.get("/nowhere").await, 404, "custom 404: Not Found");
    assert_answer(
        &c.delete("/items/1").await,
        405,
        "no: 405 Method Not Allowed",
    );
    // Other statuses, and successes, pass as they are.
    assert_answer(
        &c.get("/teapot").await,
        418,
        r#"{"detail":"short and stout"}"#,
    );
    assert_answer(&c.get("/items/1").await, 200, "one");
    // A 422 is no `HttpError`: a status handler of 422 would not see it.
    assert_eq!(c.get("/items/x").await.status(), 422);
}

#[tokio::test]
async fn the_validation_handler_sees_the_errors_and_the_body() {
    let c = TestClient::new(app().validation_error_handler(|e: RequestValidationError| {
        let body = serde_json::json!({
            "count": e.errors().len(),
            "first": e.errors()[0].kind(),
            "body": e.body(),
        });
        (StatusCode::BAD_REQUEST, Json(body)).into_response()
    }));
    let r = c.post("/items").json(&serde_json::json!({"name": 5})).await;
    assert_answer(
        &r,
        400,
        r#"{"count":2,"first":"string_type","body":{"name":5}}"#,
    );
    // A body that is not JSON is its text; none, `null`.
    let r = c.post("/items").body("name=x").await;
    assert_answer(
        &r,
        400,
        r#"{"count":1,"first":"model_attributes_type","body":"name=x"}"#,
    );
    let r = c.get("/items/x").await;
    assert_answer(&r, 400, r#"{"count":1,"first":"int_parsing","body":null}"#);
}

#[tokio::test]
async fn the_panic_handler_replaces_the_500() {
    let c = TestClient::new(
        app()
            .panic_handler(|panic: &fastrs::error::Panic| {
                let body = format!("sorry ({}): {}", panic.route(), panic.message());
                (StatusCode::SERVICE_UNAVAILABLE, body).into_response()
            })
            .middleware(seen),
    );
    let r = c.get("/explode").await;
    assert_eq!(r.status(), 503);
    assert_eq!(
        r.text(),
        "sorry (GET /explode (explode at tests/integration/handlers.rs:44)): the boiler exploded"
    );
    assert_eq!(r.header("x-seen"), Some("yes"));
    // The app goes on.
    assert_answer(&c.get("/items/1").await, 200, "one");
}

mod statuses {
    use fastrs::http::StatusCode;
    use fastrs::prelude::*;

    #[get("/raise/<code>")]
    pub async fn raise(code: u16) -> Result<(), HttpError> {
        let status = StatusCode::from_u16(code).unwrap();
        Err(HttpError::new(status, "gone").header("etag", "\"v1\""))
    }
}

#[tokio::test]
async fn an_http_error_keeps_its_headers_and_has_no_body_where_fastapi_has_none() {
    let c = TestClient::new(App::scoped(concat!(module_path!(), "::statuses")));
    for code in [204, 205, 304] {
        let r = c.get(&format!("/raise/{code}")).await;
        assert_answer(&r, code, "");
        assert_eq!(r.header("content-type"), None, "{code}");
        assert_eq!(r.header("etag"), Some("\"v1\""), "{code}");
    }
    let r = c.get("/raise/410").await;
    assert_answer(&r, 410, r#"{"detail":"gone"}"#);
    assert_eq!(r.header("etag"), Some("\"v1\""));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_handler_kind_on_a_real_socket() {
    let app = app()
        .exception_handler(|e: routes::UnicornError| {
            (StatusCode::IM_A_TEAPOT, format!("unicorn {}", e.0)).into_response()
        })
        .status_handler(StatusCode::NOT_FOUND, not_found)
        .validation_error_handler(|e: RequestValidationError| {
            (
                StatusCode::BAD_REQUEST,
                format!("{} errors", e.errors().len()),
            )
                .into_response()
        })
        .panic_handler(|p: &fastrs::error::Panic| {
            (StatusCode::SERVICE_UNAVAILABLE, p.message().to_owned()).into_response()
        })
        .middleware(seen);
    let (addr, server) = crate::socket::serve(app).await;
    let answers = crate::socket::get_each(
        addr,
        [
            "/unicorns/yolo",
            "/items/2",
            "/nothing",
            "/ride",
            "/explode",
            "/items/1",
        ],
    )
    .await;
    let expected = [
        ("HTTP/1.1 418 I'm a teapot", "unicorn yolo"),
        ("HTTP/1.1 404 Not Found", r#"custom 404: Item not found"#),
        ("HTTP/1.1 404 Not Found", "custom 404: Not Found"),
        ("HTTP/1.1 400 Bad Request", "1 errors"),
        ("HTTP/1.1 503 Service Unavailable", "the boiler exploded"),
        ("HTTP/1.1 200 OK", "one"),
    ];
    for (answer, (status, body)) in answers.iter().zip(expected) {
        assert!(answer.starts_with(&format!("{status}\r\n")), "{answer}");
        assert!(answer.contains("x-seen: yes\r\n"), "{answer}");
        assert!(answer.ends_with(body), "{answer}");
    }
    server.abort();
}
