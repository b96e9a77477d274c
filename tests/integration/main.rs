//! The one integration-test binary: every module tries fastrs as a user would.

mod app;
mod background;
mod body;
mod chat_load;
mod cors;
mod depends;
mod depends_inputs;
mod errors;
mod example;
mod fastapi_style;
mod files;
mod gzip;
mod handlers;
mod hardening;
mod https_redirect;
mod large_files;
mod lifespan;
mod metrics;
mod middleware;
mod openapi;
mod otel;
mod params;
mod pattern_engine;
mod proxies;
mod ratelimit;
mod ratelimit_redis;
mod readme;
mod redis_server;
mod request_ids;
mod responses;
mod router_middleware;
mod routers;
mod security;
mod security_names;
mod server_process;
mod slow_body;
mod socket;
mod streaming;
mod templates;
mod tracing_spans;
mod trusted_host;
mod ui;
mod unchecked_rules;
mod upgrades;
mod uploads;
mod websockets;
mod websockets_composed;

use fastrs::testing::{TestClient, TestResponse};

/// Asserts the status and the exact body text.
#[track_caller]
fn assert_answer(response: &TestResponse, status: u16, body: &str) {
    assert_eq!(
        (response.status().as_u16(), response.text().as_str()),
        (status, body),
        "unexpected answer"
    );
}

/// A client for the routes of one test module.
fn client_for(module: &str) -> TestClient {
    TestClient::new(fastrs::App::scoped(module))
}
