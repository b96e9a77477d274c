//! App state, the lifespan, and app-scoped dependencies: what an app holds besides its
//! requests.

use fastrs::prelude::*;

use crate::assert_answer;

#[derive(Clone)]
struct Greeting(&'static str);

#[depends]
fn greeter(greeting: fastrs::State<Greeting>, #[query] name: String) -> String {
    format!("{}, {name}", greeting.0)
}

#[get("/greet")]
async fn greet(text: Depends<greeter>, greeting: fastrs::State<Greeting>) -> String {
    format!("{} ({})", *text, greeting.0)
}

#[tokio::test]
async fn state_is_given_to_routes_and_dependencies() {
    let app = App::empty()
        .mount(fastrs::routes![greet])
        .state(Greeting("Hello"));
    let c = fastrs::testing::TestClient::new(app);
    assert_answer(&c.get("/greet?name=ann").await, 200, "Hello, ann (Hello)");
}

#[tokio::test]
async fn a_missing_state_stops_the_app_naming_the_route() {
    let err = App::empty()
        .mount(fastrs::routes![greet])
        .try_into_router()
        .unwrap_err()
        .to_string();
    // The dependency `greeter` needs the state too: found through `Depends<greeter>`.
    assert!(
        err.starts_with("`greet` (GET /greet at tests/integration/lifespan.rs:")
            && err.ends_with(
                "reads `State<integration::lifespan::Greeting>`, but the app has no such state; add it with `App::state(...)`"
            ),
        "{err}"
    );
}

/// An app whose lifespan builds a pool and counts its start-ups and shut-downs.
mod pool_app {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use fastrs::Lifespan;
    use fastrs::prelude::*;

    pub static STARTED: AtomicUsize = AtomicUsize::new(0);
    pub static STOPPED: AtomicUsize = AtomicUsize::new(0);

    #[derive(Clone)]
    pub struct Pool(pub &'static str);

    #[get("/pool")]
    pub async fn pool(pool: fastrs::State<Pool>) -> &'static str {
        pool.0
    }

    pub fn app() -> App {
        App::empty()
            .mount(fastrs::routes![pool])
            .lifespan(|| async {
                STARTED.fetch_add(1, Ordering::SeqCst);
                tokio::task::yield_now().await;
                Lifespan::new().state(Pool("connected")).on_shutdown(async {
                    STOPPED.fetch_add(1, Ordering::SeqCst);
                })
            })
    }
}

#[tokio::test]
async fn the_lifespan_builds_state_and_shuts_down() {
    use std::sync::atomic::Ordering;
    let (started, stopped) = (
        pool_app::STARTED.load(Ordering::SeqCst),
        pool_app::STOPPED.load(Ordering::SeqCst),
    );
    let client = fastrs::testing::TestClient::start(pool_app::app()).await;
    assert_eq!(pool_app::STARTED.load(Ordering::SeqCst), started + 1);
    assert_answer(&client.get("/pool").await, 200, "connected");
    client.shutdown().await;
    client.shutdown().await;
    assert_eq!(
        pool_app::STOPPED.load(Ordering::SeqCst),
        stopped + 1,
        "once"
    );
    // Without the start-up, the state the route reads is missing: the app refuses to start.
    assert!(pool_app::app().try_into_router().is_err());

    // Served: start-up before the first request, shut-down after the last.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped_signal) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(pool_app::app().serve_with_shutdown(listener, async {
        let _ = stopped_signal.await;
    }));
    let answer = tokio::task::spawn_blocking(move || {
        use std::io::{Read, Write};
        let mut stream = std::net::TcpStream::connect(addr).unwrap();
        stream
            .write_all(b"GET /pool HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            .unwrap();
        let mut answer = String::new();
        stream.read_to_string(&mut answer).unwrap();
        answer
    })
    .await
    .unwrap();
    assert!(answer.ends_with("connected"), "{answer}");
    let before = pool_app::STOPPED.load(Ordering::SeqCst);
    stop.send(()).unwrap();
    server.await.unwrap().unwrap();
    assert_eq!(pool_app::STOPPED.load(Ordering::SeqCst), before + 1);
}

#[tokio::test]
async fn a_failed_startup_stops_serve_with_its_error() {
    let app = App::empty()
        .mount(fastrs::routes![pool_app::pool])
        .lifespan(|| async { Err::<fastrs::Lifespan, _>("database unreachable") });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let err = app
        .serve_with_shutdown(listener, std::future::pending())
        .await
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "the lifespan's start-up failed: database unreachable"
    );
}

mod app_scoped {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use fastrs::prelude::*;

    pub static BUILT: AtomicUsize = AtomicUsize::new(0);

    #[derive(Clone)]
    pub struct Config {
        pub greeting: &'static str,
    }

    /// Built once for the app, from its state.
    #[depends(app)]
    pub async fn greeter(config: State<Config>) -> String {
        BUILT.fetch_add(1, Ordering::SeqCst);
        format!("{}, built once", config.greeting)
    }

    /// App-scoped on top of app-scoped.
    #[depends(app)]
    pub fn shout(greeter: Depends<greeter>) -> String {
        greeter.to_uppercase()
    }

    #[get("/greet")]
    pub async fn greet(greeter: Depends<greeter>, #[query] name: String) -> String {
        format!("{} {name}", *greeter)
    }

    #[get("/shout")]
    pub async fn shout_route(shout: Depends<shout>) -> String {
        shout.into_inner()
    }

    pub fn app() -> App {
        App::scoped(module_path!()).state(Config { greeting: "hello" })
    }

    #[depends]
    pub fn test_greeter() -> String {
        "test greeter".into()
    }
}

#[tokio::test]
async fn an_app_scoped_dependency_is_built_once_at_startup() {
    use std::sync::atomic::Ordering;
    let before = app_scoped::BUILT.load(Ordering::SeqCst);
    let c = fastrs::testing::TestClient::start(app_scoped::app()).await;
    assert_eq!(
        app_scoped::BUILT.load(Ordering::SeqCst),
        before + 1,
        "built at start-up"
    );
    for _ in 0..3 {
        assert_answer(
            &c.get("/greet").query([("name", "ann")]).send().await,
            200,
            "hello, built once ann",
        );
    }
    assert_answer(&c.get("/shout").await, 200, "HELLO, BUILT ONCE");
    // A request's own errors still answer 422; the app value is untouched.
    assert_answer(
        &c.get("/greet").await,
        422,
        r#"{"detail":[{"type":"missing","loc":["query","name"],"msg":"Field required","input":null}]}"#,
    );
    assert_eq!(app_scoped::BUILT.load(Ordering::SeqCst), before + 1);
    c.shutdown().await;

    // Without the start-up (`TestClient::new`), it is built by the first request that needs
    // it, once.
    let c = fastrs::testing::TestClient::new(app_scoped::app());
    c.get("/shout").await;
    c.get("/greet").query([("name", "bo")]).send().await;
    assert_eq!(app_scoped::BUILT.load(Ordering::SeqCst), before + 2);

    // An override replaces it like any dependency.
    let c = fastrs::testing::TestClient::new(
        app_scoped::app().override_dependency::<app_scoped::greeter>(app_scoped::test_greeter {}),
    );
    assert_answer(
        &c.get("/greet").query([("name", "cy")]).send().await,
        200,
        "test greeter cy",
    );
}
