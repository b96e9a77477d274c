//! The `tracing` span of every request (feature `tracing`): named `request`, its route the
//! template (`GET /items/{item_id}`), never the raw path, with the method, the client, the
//! request id, the status and the latency, whether the span is made after the routing or
//! before it (middleware, an app's limit counted in Redis: `ratelimit_redis.rs`); asserted
//! through a subscriber of the test's own.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use fastrs::prelude::*;
use fastrs::testing::TestClient;
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing_subscriber::layer::{Context, SubscriberExt as _};
use tracing_subscriber::registry::LookupSpan;

/// A span as the test saw it: its name and its fields, as text.
#[derive(Debug, Clone, Default)]
pub(crate) struct Seen {
    pub(crate) name: String,
    pub(crate) fields: BTreeMap<String, String>,
}

/// Records every span, and the events' messages with the fields of their span.
#[derive(Clone, Default)]
pub(crate) struct Capture {
    open: Arc<Mutex<BTreeMap<u64, Seen>>>,
    closed: Arc<Mutex<Vec<Seen>>>,
    events: Arc<Mutex<Vec<(String, Seen)>>>,
}

struct Fields<'a>(&'a mut BTreeMap<String, String>);

impl Visit for Fields<'_> {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        self.0.insert(field.name().to_owned(), format!("{value:?}"));
    }

    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.insert(field.name().to_owned(), value.to_owned());
    }
}

impl<S: tracing::Subscriber + for<'a> LookupSpan<'a>> tracing_subscriber::Layer<S> for Capture {
    fn on_new_span(&self, attrs: &Attributes<'_>, id: &Id, _: Context<'_, S>) {
        let mut seen = Seen {
            name: attrs.metadata().name().to_owned(),
            ..Seen::default()
        };
        attrs.record(&mut Fields(&mut seen.fields));
        self.open.lock().unwrap().insert(id.into_u64(), seen);
    }

    fn on_record(&self, id: &Id, values: &Record<'_>, _: Context<'_, S>) {
        if let Some(seen) = self.open.lock().unwrap().get_mut(&id.into_u64()) {
            values.record(&mut Fields(&mut seen.fields));
        }
    }

    fn on_event(&self, event: &tracing::Event<'_>, ctx: Context<'_, S>) {
        let mut fields = BTreeMap::new();
        event.record(&mut Fields(&mut fields));
        let message = fields.remove("message").unwrap_or_default();
        let span = ctx
            .event_span(event)
            .and_then(|span| {
                self.open
                    .lock()
                    .unwrap()
                    .get(&span.id().into_u64())
                    .cloned()
            })
            .unwrap_or_default();
        self.events.lock().unwrap().push((message, span));
    }

    fn on_close(&self, id: Id, _: Context<'_, S>) {
        if let Some(seen) = self.open.lock().unwrap().remove(&id.into_u64()) {
            self.closed.lock().unwrap().push(seen);
        }
    }
}

#[get("/items/<item_id>")]
async fn read_item(item_id: u32) -> String {
    format!("item {item_id}")
}

/// The subscriber of the whole test program, set once: a subscriber set for one thread would
/// race with the other tests over `tracing`'s cache of which spans anyone listens to. Each test
/// tells its spans from the others' by the client address it sends from.
pub(crate) fn capture() -> &'static Capture {
    static CAPTURE: std::sync::OnceLock<Capture> = std::sync::OnceLock::new();
    CAPTURE.get_or_init(|| {
        let capture = Capture::default();
        let subscriber = tracing_subscriber::registry().with(capture.clone());
        tracing::subscriber::set_global_default(subscriber).expect("the only global subscriber");
        fastrs::observability::access_log(true);
        capture
    })
}

/// The closed `request` spans of requests from `peer`, in order.
pub(crate) fn requests_from(peer: &str) -> Vec<Seen> {
    capture()
        .closed
        .lock()
        .unwrap()
        .iter()
        .filter(|s| s.name == "request" && s.fields.get("peer").map(String::as_str) == Some(peer))
        .cloned()
        .collect()
}

#[tokio::test]
async fn every_request_has_a_span_named_by_its_route() {
    let capture = capture();
    let peer = "203.0.113.77:7777";
    let from = peer.parse().unwrap();
    let client = TestClient::new(App::empty().request_ids().mount(fastrs::routes![read_item]));
    let answer = client
        .get("/items/42")
        .client_addr(from)
        .header("x-request-id", "trace-1")
        .send()
        .await;
    assert_eq!(answer.status(), 200);
    let invalid = client.get("/items/abc").client_addr(from).send().await;
    assert_eq!(invalid.status(), 422);
    let missing = client.get("/nowhere").client_addr(from).send().await;
    assert_eq!(missing.status(), 404);
    let requests = requests_from(peer);
    assert_eq!(requests.len(), 3, "{requests:?}");
    let first = &requests[0].fields;
    assert_eq!(first["method"], "GET");
    assert_eq!(first["route"], "GET /items/{item_id}");
    assert_eq!(first["otel.name"], "GET /items/{item_id}");
    assert_eq!(first["request_id"], "trace-1");
    assert_eq!(first["status"], "200");
    let latency: f64 = first["latency_ms"].parse().unwrap();
    assert!((0.0..10_000.0).contains(&latency), "{latency}");
    // The route, never the raw path, for the 422 too.
    assert_eq!(requests[1].fields["route"], "GET /items/{item_id}");
    assert_eq!(requests[1].fields["status"], "422");
    assert_eq!(
        requests[1].fields["request_id"],
        invalid.header("x-request-id").unwrap()
    );
    // A path no route serves has no route.
    assert_eq!(requests[2].fields.get("route"), None);
    assert_eq!(requests[2].fields["status"], "404");
    for seen in &requests {
        assert!(
            !seen.fields.values().any(|v| v.contains("/items/42")),
            "{seen:?}"
        );
    }
    // Each request logs one event when it is answered, inside its span.
    let events = capture.events.lock().unwrap().clone();
    let finished: Vec<_> = events
        .iter()
        .filter(|(message, span)| {
            message == "request finished"
                && span.fields.get("peer").map(String::as_str) == Some(peer)
        })
        .collect();
    assert_eq!(finished.len(), 3, "{events:?}");
    assert_eq!(finished[0].1.fields["status"], "200");
}

/// A middleware that waits a turn before the routing: the span is made before it, and named by
/// the routing once it routes.
async fn deferring(
    request: fastrs::axum::extract::Request,
    next: fastrs::middleware::Next,
) -> fastrs::axum::response::Response {
    tokio::task::yield_now().await;
    next.run(request).await
}

#[tokio::test]
async fn the_span_is_named_by_its_route_through_middleware_and_an_apps_limit() {
    capture();
    let peer = "203.0.113.78:7777";
    let from = peer.parse().unwrap();
    let apps = [
        App::empty().middleware(deferring),
        App::empty().rate_limit(fastrs::ratelimit::Rate::per_minute(100)),
    ];
    for app in apps {
        let client = TestClient::new(app.mount(fastrs::routes![read_item]));
        let answer = client.get("/items/7").client_addr(from).send().await;
        assert_eq!(answer.status(), 200);
        let missing = client.get("/nowhere").client_addr(from).send().await;
        assert_eq!(missing.status(), 404);
    }
    let requests = requests_from(peer);
    assert_eq!(requests.len(), 4, "{requests:?}");
    for (seen, route, status) in [
        (&requests[0], Some("GET /items/{item_id}"), "200"),
        (&requests[1], None, "404"),
        (&requests[2], Some("GET /items/{item_id}"), "200"),
        (&requests[3], None, "404"),
    ] {
        assert_eq!(
            seen.fields.get("route").map(String::as_str),
            route,
            "{seen:?}"
        );
        assert_eq!(
            seen.fields.get("otel.name").map(String::as_str),
            route,
            "{seen:?}"
        );
        assert_eq!(seen.fields["status"], status, "{seen:?}");
    }
}
