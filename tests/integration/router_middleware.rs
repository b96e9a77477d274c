//! Middleware and exception handlers of routers (`router!(middleware = [...],
//! exception_handlers = [...])` and `Router` values) and of a route (`middleware = [...]`):
//! after routing, inside the app's middleware, in the same order rules; on a real socket too.

use fastrs::axum::extract::Request;
use fastrs::axum::response::{IntoResponse, Response};
use fastrs::http::{HeaderValue, StatusCode};
use fastrs::middleware::Next;
use fastrs::prelude::*;
use fastrs::testing::TestClient;

use crate::assert_answer;

/// Adds `name` to the request's `x-trace` on the way in and to the answer's `x-trace-out`
/// on the way out.
async fn traced(name: &'static str, mut request: Request, next: Next) -> Response {
    crate::middleware::mark(&mut request, name);
    let mut response = next.run(request).await;
    crate::middleware::mark_answer(&mut response, name);
    response
}

async fn app_mw(request: Request, next: Next) -> Response {
    traced("app", request, next).await
}

pub mod api {
    use super::*;

    pub async fn api_a(request: Request, next: Next) -> Response {
        traced("api_a", request, next).await
    }

    pub async fn api_b(request: Request, next: Next) -> Response {
        traced("api_b", request, next).await
    }

    /// FastAPI's tutorial exception.
    pub struct UnicornError(pub String);

    impl IntoResponse for UnicornError {
        fn into_response(self) -> Response {
            (StatusCode::INTERNAL_SERVER_ERROR, "unicorn").into_response()
        }
    }

    pub fn unicorn(error: UnicornError) -> Response {
        (StatusCode::IM_A_TEAPOT, format!("api: {}", error.0)).into_response()
    }

    fastrs::router!(
        prefix = "/api",
        middleware = [api_a, api_b],
        exception_handlers = [unicorn]
    );

    pub mod items {
        use super::*;

        pub async fn items_mw(request: Request, next: Next) -> Response {
            traced("items", request, next).await
        }

        pub async fn route_mw(request: Request, next: Next) -> Response {
            traced("route", request, next).await
        }

        /// Answers early without a key.
        pub async fn guard(request: Request, next: Next) -> Response {
            if request.headers().get("x-key").is_none() {
                return (StatusCode::UNAUTHORIZED, "no key").into_response();
            }
            next.run(request).await
        }

        fastrs::router!(prefix = "/items", middleware = [items_mw]);

        /// The middleware the request went through, in order.
        #[get("/trace/<id>", middleware = [route_mw])]
        pub async fn trace(id: u32, #[header] x_trace: Option<String>) -> String {
            format!("{id}: {}", x_trace.unwrap_or_default())
        }

        #[get("/guarded", middleware = [guard])]
        pub async fn guarded() -> &'static str {
            "in"
        }

        #[get("/unicorns/<name>")]
        pub async fn unicorn_route(name: String) -> Result<String, UnicornError> {
            Err(UnicornError(name))
        }
    }
}

/// Outside every router: no router middleware, the app's handlers only.
pub mod plain {
    use super::api::UnicornError;
    use fastrs::prelude::*;

    #[get("/plain/unicorns/<name>")]
    pub async fn plain_unicorn(name: String) -> Result<String, UnicornError> {
        Err(UnicornError(name))
    }

    #[get("/plain/trace")]
    pub async fn plain_trace(#[header] x_trace: Option<String>) -> String {
        x_trace.unwrap_or_default()
    }
}

fn app() -> App {
    App::scoped(concat!(module_path!(), "::api"))
        .mount(fastrs::routes![plain::plain_unicorn, plain::plain_trace])
        .middleware(app_mw)
}

#[tokio::test]
async fn router_and_route_middleware_run_after_routing_in_order() {
    let c = TestClient::new(app());
    let r = c.get("/api/items/trace/7").await;
    // In: the app's, the outer router's (the last listed outermost), the inner router's, the
    // route's. Out: the other way.
    assert_answer(&r, 200, "7: app,api_b,api_a,items,route");
    assert_eq!(r.header("x-trace-out"), Some("route,items,api_a,api_b,app"));
    // A route outside the routers goes through the app's only.
    assert_answer(&c.get("/plain/trace").await, 200, "app");
    // A 404 reaches no router.
    let r = c.get("/api/nothing").await;
    assert_eq!(r.status(), 404);
    assert_eq!(r.header("x-trace-out"), Some("app"));
    // The path is matched and validated after the router's middleware ran: the 422 passes
    // through it.
    let r = c.get("/api/items/trace/x").await;
    assert_eq!(r.status(), 422);
    assert_eq!(r.header("x-trace-out"), Some("route,items,api_a,api_b,app"));
}

#[tokio::test]
async fn a_route_middleware_answers_early() {
    let c = TestClient::new(app());
    assert_answer(&c.get("/api/items/guarded").await, 401, "no key");
    assert_answer(
        &c.get("/api/items/guarded").header("x-key", "k").await,
        200,
        "in",
    );
}

#[tokio::test]
async fn a_router_s_exception_handler_comes_before_the_app_s() {
    let app_unicorn =
        |e: api::UnicornError| (StatusCode::BAD_REQUEST, format!("app: {}", e.0)).into_response();
    let c = TestClient::new(app().exception_handler(app_unicorn));
    assert_answer(&c.get("/api/items/unicorns/yolo").await, 418, "api: yolo");
    assert_answer(&c.get("/plain/unicorns/yolo").await, 400, "app: yolo");
    // Without the app's, the type's own answer outside the router.
    let c = TestClient::new(app());
    assert_answer(&c.get("/api/items/unicorns/yolo").await, 418, "api: yolo");
    assert_answer(&c.get("/plain/unicorns/yolo").await, 500, "unicorn");
}

mod values {
    use fastrs::http::StatusCode;
    use fastrs::prelude::*;

    #[get("/missing/<id>")]
    pub async fn missing(id: u32) -> Result<String, HttpError> {
        Err(HttpError::new(StatusCode::NOT_FOUND, format!("no {id}")))
    }

    #[get("/explode")]
    pub async fn explode() -> String {
        panic!("boom")
    }
}

async fn value_mw(request: Request, next: Next) -> Response {
    traced("value", request, next).await
}

#[tokio::test]
async fn a_router_value_has_middleware_layers_and_handlers() {
    // A tower layer too: it marks the answers of the router's routes.
    let marked = tower::util::MapResponseLayer::new(|mut response: Response| {
        response
            .headers_mut()
            .insert("x-layer", HeaderValue::from_static("yes"));
        response
    });
    let router = fastrs::Router::new()
        .prefix("/v")
        .middleware(value_mw)
        .layer(marked)
        .status_handler(StatusCode::NOT_FOUND, |e: HttpError| {
            (StatusCode::NOT_FOUND, format!("router 404: {}", e.detail())).into_response()
        })
        .validation_error_handler(|e: fastrs::RequestValidationError| {
            (
                StatusCode::BAD_REQUEST,
                format!("{} errors", e.errors().len()),
            )
                .into_response()
        })
        .panic_handler(|p: &fastrs::error::Panic| {
            (StatusCode::SERVICE_UNAVAILABLE, p.message().to_owned()).into_response()
        })
        .mount(fastrs::routes![values::missing, values::explode]);
    let c = TestClient::new(App::empty().include(router).middleware(app_mw));
    let r = c.get("/v/missing/3").await;
    assert_answer(&r, 404, r#"router 404: "no 3""#);
    assert_eq!(r.header("x-layer"), Some("yes"));
    assert_eq!(r.header("x-trace-out"), Some("value,app"));
    assert_answer(&c.get("/v/missing/x").await, 400, "1 errors");
    assert_answer(&c.get("/v/explode").await, 503, "boom");
    // The built-in 404 belongs to no router.
    let r = c.get("/v/nothing").await;
    assert_answer(&r, 404, r#"{"detail":"Not Found"}"#);
    assert_eq!(r.header("x-layer"), None);
}

mod stateful {
    use fastrs::axum::extract::Request;
    use fastrs::axum::response::Response;
    use fastrs::middleware::Next;
    use fastrs::prelude::*;

    #[derive(Clone)]
    pub struct Greeting(pub &'static str);

    pub async fn greet(greeting: State<Greeting>, request: Request, next: Next) -> Response {
        let mut response = next.run(request).await;
        response
            .headers_mut()
            .insert("x-greeting", greeting.0.parse().unwrap());
        response
    }

    fastrs::router!(middleware = [greet]);

    #[get("/hello")]
    pub async fn hello() -> &'static str {
        "hello"
    }
}

#[tokio::test]
async fn a_router_middleware_reads_the_app_s_state() {
    let app = || App::scoped(concat!(module_path!(), "::stateful"));
    let c = TestClient::new(app().state(stateful::Greeting("hi")));
    assert_eq!(c.get("/hello").await.header("x-greeting"), Some("hi"));
    let error = app().try_into_router().unwrap_err().to_string();
    assert!(
        error.contains("a middleware takes `State<") && error.contains("Greeting>`"),
        "{error}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_a_real_socket_too() {
    let (addr, server) = crate::socket::serve(app()).await;
    let [traced, guarded, unicorn] = crate::socket::get_each(
        addr,
        [
            "/api/items/trace/7",
            "/api/items/guarded",
            "/api/items/unicorns/yolo",
        ],
    )
    .await;
    assert!(traced.starts_with("HTTP/1.1 200 OK\r\n"), "{traced}");
    assert!(
        traced.contains("x-trace-out: route,items,api_a,api_b,app\r\n"),
        "{traced}"
    );
    assert!(
        traced.ends_with("7: app,api_b,api_a,items,route"),
        "{traced}"
    );
    assert!(
        guarded.starts_with("HTTP/1.1 401 Unauthorized\r\n"),
        "{guarded}"
    );
    assert!(
        unicorn.starts_with("HTTP/1.1 418 I'm a teapot\r\n"),
        "{unicorn}"
    );
    assert!(unicorn.ends_with("api: yolo"), "{unicorn}");
    server.abort();
}
