//! `App::request_ids`: every request gets an id, its own `X-Request-ID` when sound, which the
//! answer carries back, handlers read as `RequestId`, and a panic's 500 names.

use fastrs::RequestId;
use fastrs::axum::response::IntoResponse;
use fastrs::prelude::*;
use fastrs::testing::TestClient;

#[get("/whoami")]
async fn whoami(id: RequestId) -> String {
    id.to_string()
}

#[get("/explode")]
async fn explode() -> &'static str {
    panic!("boom")
}

fn client() -> TestClient {
    TestClient::new(
        App::empty()
            .request_ids()
            .mount(fastrs::routes![whoami, explode]),
    )
}

#[tokio::test]
async fn a_sound_id_is_the_requests_and_comes_back() {
    let answer = client()
        .get("/whoami")
        .header("x-request-id", "trace-42")
        .send()
        .await;
    assert_eq!(answer.header("x-request-id"), Some("trace-42"));
    assert_eq!(answer.text(), "trace-42");
}

#[tokio::test]
async fn without_one_or_with_an_unsound_one_a_new_id_is_made() {
    let client = client();
    let too_long = "a".repeat(129);
    for sent in [
        None,
        Some("has space"),
        Some("inject\r"),
        Some(too_long.as_str()),
    ] {
        let mut request = client.get("/whoami");
        if let Some(sent) = sent {
            if let Ok(value) = fastrs::http::HeaderValue::from_str(sent) {
                request = request.header("x-request-id", value.to_str().unwrap());
            } else {
                continue;
            }
        }
        let answer = request.send().await;
        let id = answer.header("x-request-id").expect("an id").to_owned();
        // A random UUID's form, and what the handler read.
        assert_eq!(id.len(), 36, "{id}");
        assert_eq!(&id[14..15], "4", "{id}");
        assert_eq!(answer.text(), id);
    }
    // Every request its own.
    let a = client.get("/whoami").send().await.text();
    let b = client.get("/whoami").send().await.text();
    assert_ne!(a, b);
}

#[tokio::test]
async fn every_answer_carries_it_and_a_panic_names_it() {
    let client = TestClient::new(
        App::empty()
            .request_ids()
            .panic_handler(|panic| {
                (
                    fastrs::http::StatusCode::INTERNAL_SERVER_ERROR,
                    format!("panicked in {}", panic.request_id()),
                )
                    .into_response()
            })
            .mount(fastrs::routes![whoami, explode]),
    );
    let missing = client
        .get("/missing")
        .header("x-request-id", "abc")
        .send()
        .await;
    assert_eq!(missing.status(), 404);
    assert_eq!(missing.header("x-request-id"), Some("abc"));
    let panicked = client
        .get("/explode")
        .header("x-request-id", "trace-7")
        .send()
        .await;
    assert_eq!(panicked.status(), 500);
    assert_eq!(panicked.header("x-request-id"), Some("trace-7"));
    assert_eq!(panicked.text(), "panicked in trace-7");
}

#[tokio::test]
async fn an_app_without_request_ids_adds_no_header() {
    let client = TestClient::new(App::empty().mount(fastrs::routes![whoami]));
    let answer = client
        .get("/whoami")
        .header("x-request-id", "trace-42")
        .send()
        .await;
    assert_eq!(answer.header("x-request-id"), None);
    // A handler that asks still gets an id, of its own.
    assert_eq!(answer.text().len(), 36);
}
