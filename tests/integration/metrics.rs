//! `/metrics` (feature `metrics`): the exact text Prometheus scrapes after a few requests, under
//! prometheus-fastapi-instrumentator's names, labels and buckets; the route protected by a
//! dependency and left out of the document; a route of one's own; rate limits' refusals.

use fastrs::metrics::Metrics;
use fastrs::prelude::*;
use fastrs::testing::TestClient;

#[get("/items/<item_id>")]
async fn read_item(item_id: u32) -> String {
    format!("item {item_id}")
}

#[derive(serde::Deserialize, serde::Serialize, schemars::JsonSchema)]
struct Item {
    name: String,
}

#[post("/items")]
async fn create_item(item: Item) -> Json<Item> {
    Json(item)
}

#[get("/files/<path..>")]
async fn read_file(path: String) -> String {
    path
}

/// `text` with the durations' sums, which no test can know, as `<seconds>`, and the counts of
/// the buckets under 0.1 s (which a slow machine may miss) as `<count>`, once checked to be
/// at least 1.
fn steady(text: &str) -> String {
    let mut out = String::new();
    for line in text.lines() {
        let (series, value) = line.rsplit_once(' ').unwrap_or((line, ""));
        let line = if line.starts_with("http_request_duration") && series.contains("_sum") {
            format!("{series} <seconds>")
        } else if line.starts_with("http_request_duration") && series.contains("_bucket") {
            let count: u64 = value.parse().unwrap();
            let le = series
                .rsplit_once("le=\"")
                .unwrap()
                .1
                .trim_end_matches("\"}");
            match le.parse::<f64>() {
                Ok(le) if le < 0.1 => {
                    assert!(count >= 1, "{line}");
                    format!("{series} <count>")
                }
                _ => line.to_owned(),
            }
        } else {
            line.to_owned()
        };
        out.push_str(&line);
        out.push('\n');
    }
    out
}

#[tokio::test]
async fn the_metrics_text_after_a_few_requests() {
    let client = TestClient::new(App::empty().metrics(Metrics::new()).mount(fastrs::routes![
        read_item,
        create_item,
        read_file
    ]));
    assert_eq!(client.get("/items/1").send().await.status(), 200);
    assert_eq!(client.get("/items/x").send().await.status(), 422);
    assert_eq!(client.get("/nowhere").send().await.status(), 404);
    assert_eq!(
        client
            .post("/items")
            .json(&serde_json::json!({"name": "abc"}))
            .send()
            .await
            .status(),
        200
    );
    assert_eq!(client.delete("/items/1").send().await.status(), 405);
    assert_eq!(client.get("/files/a/b.txt").send().await.status(), 200);
    let metrics = client.get("/metrics").send().await;
    assert_eq!(metrics.status(), 200);
    assert_eq!(
        metrics.header("content-type"),
        Some("text/plain; version=0.0.4; charset=utf-8")
    );
    let expected = "\
# HELP http_request_duration_highr_seconds Latency with many buckets but no API specific labels. Made for more accurate percentile calculations.\x20\n\
# TYPE http_request_duration_highr_seconds histogram\n\
http_request_duration_highr_seconds_bucket{le=\"0.01\"} <count>\n\
http_request_duration_highr_seconds_bucket{le=\"0.025\"} <count>\n\
http_request_duration_highr_seconds_bucket{le=\"0.05\"} <count>\n\
http_request_duration_highr_seconds_bucket{le=\"0.075\"} <count>\n\
http_request_duration_highr_seconds_bucket{le=\"0.1\"} 6\n\
http_request_duration_highr_seconds_bucket{le=\"0.25\"} 6\n\
http_request_duration_highr_seconds_bucket{le=\"0.5\"} 6\n\
http_request_duration_highr_seconds_bucket{le=\"0.75\"} 6\n\
http_request_duration_highr_seconds_bucket{le=\"1.0\"} 6\n\
http_request_duration_highr_seconds_bucket{le=\"1.5\"} 6\n\
http_request_duration_highr_seconds_bucket{le=\"2.0\"} 6\n\
http_request_duration_highr_seconds_bucket{le=\"2.5\"} 6\n\
http_request_duration_highr_seconds_bucket{le=\"3.0\"} 6\n\
http_request_duration_highr_seconds_bucket{le=\"3.5\"} 6\n\
http_request_duration_highr_seconds_bucket{le=\"4.0\"} 6\n\
http_request_duration_highr_seconds_bucket{le=\"4.5\"} 6\n\
http_request_duration_highr_seconds_bucket{le=\"5.0\"} 6\n\
http_request_duration_highr_seconds_bucket{le=\"7.5\"} 6\n\
http_request_duration_highr_seconds_bucket{le=\"10.0\"} 6\n\
http_request_duration_highr_seconds_bucket{le=\"30.0\"} 6\n\
http_request_duration_highr_seconds_bucket{le=\"60.0\"} 6\n\
http_request_duration_highr_seconds_bucket{le=\"+Inf\"} 6\n\
http_request_duration_highr_seconds_sum <seconds>\n\
http_request_duration_highr_seconds_count 6\n\
\n\
# HELP http_request_duration_seconds Latency with only few buckets by handler. Made to be only used if aggregation by handler is important.\x20\n\
# TYPE http_request_duration_seconds histogram\n\
http_request_duration_seconds_bucket{handler=\"/files/{path:path}\",method=\"GET\",le=\"0.1\"} 1\n\
http_request_duration_seconds_bucket{handler=\"/files/{path:path}\",method=\"GET\",le=\"0.5\"} 1\n\
http_request_duration_seconds_bucket{handler=\"/files/{path:path}\",method=\"GET\",le=\"1.0\"} 1\n\
http_request_duration_seconds_bucket{handler=\"/files/{path:path}\",method=\"GET\",le=\"+Inf\"} 1\n\
http_request_duration_seconds_sum{handler=\"/files/{path:path}\",method=\"GET\"} <seconds>\n\
http_request_duration_seconds_count{handler=\"/files/{path:path}\",method=\"GET\"} 1\n\
http_request_duration_seconds_bucket{handler=\"/items\",method=\"POST\",le=\"0.1\"} 1\n\
http_request_duration_seconds_bucket{handler=\"/items\",method=\"POST\",le=\"0.5\"} 1\n\
http_request_duration_seconds_bucket{handler=\"/items\",method=\"POST\",le=\"1.0\"} 1\n\
http_request_duration_seconds_bucket{handler=\"/items\",method=\"POST\",le=\"+Inf\"} 1\n\
http_request_duration_seconds_sum{handler=\"/items\",method=\"POST\"} <seconds>\n\
http_request_duration_seconds_count{handler=\"/items\",method=\"POST\"} 1\n\
http_request_duration_seconds_bucket{handler=\"/items/{item_id}\",method=\"DELETE\",le=\"0.1\"} 1\n\
http_request_duration_seconds_bucket{handler=\"/items/{item_id}\",method=\"DELETE\",le=\"0.5\"} 1\n\
http_request_duration_seconds_bucket{handler=\"/items/{item_id}\",method=\"DELETE\",le=\"1.0\"} 1\n\
http_request_duration_seconds_bucket{handler=\"/items/{item_id}\",method=\"DELETE\",le=\"+Inf\"} 1\n\
http_request_duration_seconds_sum{handler=\"/items/{item_id}\",method=\"DELETE\"} <seconds>\n\
http_request_duration_seconds_count{handler=\"/items/{item_id}\",method=\"DELETE\"} 1\n\
http_request_duration_seconds_bucket{handler=\"/items/{item_id}\",method=\"GET\",le=\"0.1\"} 2\n\
http_request_duration_seconds_bucket{handler=\"/items/{item_id}\",method=\"GET\",le=\"0.5\"} 2\n\
http_request_duration_seconds_bucket{handler=\"/items/{item_id}\",method=\"GET\",le=\"1.0\"} 2\n\
http_request_duration_seconds_bucket{handler=\"/items/{item_id}\",method=\"GET\",le=\"+Inf\"} 2\n\
http_request_duration_seconds_sum{handler=\"/items/{item_id}\",method=\"GET\"} <seconds>\n\
http_request_duration_seconds_count{handler=\"/items/{item_id}\",method=\"GET\"} 2\n\
http_request_duration_seconds_bucket{handler=\"none\",method=\"GET\",le=\"0.1\"} 1\n\
http_request_duration_seconds_bucket{handler=\"none\",method=\"GET\",le=\"0.5\"} 1\n\
http_request_duration_seconds_bucket{handler=\"none\",method=\"GET\",le=\"1.0\"} 1\n\
http_request_duration_seconds_bucket{handler=\"none\",method=\"GET\",le=\"+Inf\"} 1\n\
http_request_duration_seconds_sum{handler=\"none\",method=\"GET\"} <seconds>\n\
http_request_duration_seconds_count{handler=\"none\",method=\"GET\"} 1\n\
\n\
# HELP http_request_size_bytes Content length of incoming requests by handler. Only value of header is respected. Otherwise ignored. No percentile calculated.\x20\n\
# TYPE http_request_size_bytes summary\n\
http_request_size_bytes_sum{handler=\"/files/{path:path}\"} 0\n\
http_request_size_bytes_count{handler=\"/files/{path:path}\"} 1\n\
http_request_size_bytes_sum{handler=\"/items\"} 14\n\
http_request_size_bytes_count{handler=\"/items\"} 1\n\
http_request_size_bytes_sum{handler=\"/items/{item_id}\"} 0\n\
http_request_size_bytes_count{handler=\"/items/{item_id}\"} 3\n\
http_request_size_bytes_sum{handler=\"none\"} 0\n\
http_request_size_bytes_count{handler=\"none\"} 1\n\
\n\
# HELP http_requests_inprogress Number of HTTP requests in progress.\n\
# TYPE http_requests_inprogress gauge\n\
http_requests_inprogress 1\n\
\n\
# HELP http_requests_total Total number of requests by method, status and handler.\n\
# TYPE http_requests_total counter\n\
http_requests_total{handler=\"/files/{path:path}\",method=\"GET\",status=\"2xx\"} 1\n\
http_requests_total{handler=\"/items\",method=\"POST\",status=\"2xx\"} 1\n\
http_requests_total{handler=\"/items/{item_id}\",method=\"DELETE\",status=\"4xx\"} 1\n\
http_requests_total{handler=\"/items/{item_id}\",method=\"GET\",status=\"2xx\"} 1\n\
http_requests_total{handler=\"/items/{item_id}\",method=\"GET\",status=\"4xx\"} 1\n\
http_requests_total{handler=\"none\",method=\"GET\",status=\"4xx\"} 1\n\
\n\
# HELP http_response_size_bytes Content length of outgoing responses by handler. Only value of header is respected. Otherwise ignored. No percentile calculated.\x20\n\
# TYPE http_response_size_bytes summary\n\
http_response_size_bytes_sum{handler=\"/files/{path:path}\"} 7\n\
http_response_size_bytes_count{handler=\"/files/{path:path}\"} 1\n\
http_response_size_bytes_sum{handler=\"/items\"} 14\n\
http_response_size_bytes_count{handler=\"/items\"} 1\n\
http_response_size_bytes_sum{handler=\"/items/{item_id}\"} 187\n\
http_response_size_bytes_count{handler=\"/items/{item_id}\"} 3\n\
http_response_size_bytes_sum{handler=\"none\"} 22\n\
http_response_size_bytes_count{handler=\"none\"} 1\n\n";
    assert_eq!(steady(&metrics.text()), expected);
}

/// The scraper's token, as a dependency that refuses anyone without it.
#[depends]
async fn scraper(#[header] authorization: Option<String>) -> Result<(), HttpError> {
    match authorization.as_deref() {
        Some("Bearer scrape") => Ok(()),
        _ => Err(HttpError::new(
            fastrs::http::StatusCode::UNAUTHORIZED,
            "Not authenticated",
        )),
    }
}

#[tokio::test]
async fn a_dependency_protects_the_metrics_and_the_document_leaves_them_out() {
    let client = TestClient::new(
        App::empty()
            .metrics(
                Metrics::new()
                    .path("/internal/metrics")
                    .dependency::<scraper>(),
            )
            .mount(fastrs::routes![read_item]),
    );
    let refused = client.get("/internal/metrics").send().await;
    assert_eq!(refused.status(), 401);
    assert_eq!(refused.text(), r#"{"detail":"Not authenticated"}"#);
    assert_eq!(client.get("/metrics").send().await.status(), 404);
    let shown = client
        .get("/internal/metrics")
        .header("authorization", "Bearer scrape")
        .send()
        .await;
    assert_eq!(shown.status(), 200);
    // The refused scrape counted under its route, the 404 under `none`.
    let text = shown.text();
    assert!(
        text.contains(
            "http_requests_total{handler=\"/internal/metrics\",method=\"GET\",status=\"4xx\"} 1\n"
        ),
        "{text}"
    );
    assert!(
        text.contains("http_requests_total{handler=\"none\",method=\"GET\",status=\"4xx\"} 1\n"),
        "{text}"
    );
    let document: serde_json::Value = client.get("/openapi.json").send().await.json();
    assert_eq!(
        document["paths"]
            .as_object()
            .unwrap()
            .keys()
            .collect::<Vec<_>>(),
        ["/items/{item_id}"]
    );
}

/// A route of one's own shows the app's metrics, with a custom metric of the app's code.
#[get("/stats", include_in_schema = false)]
async fn stats(metrics: State<Metrics>) -> String {
    metrics.render()
}

#[tokio::test]
async fn a_route_of_ones_own_shows_them_with_the_apps_own_metrics() {
    let metrics = Metrics::new().route(false);
    let client = TestClient::new(
        App::empty()
            .metrics(metrics.clone())
            .mount(fastrs::routes![read_item, stats]),
    );
    assert_eq!(client.get("/metrics").send().await.status(), 404);
    ::metrics::with_local_recorder(&metrics.recorder(), || {
        ::metrics::counter!("orders_placed_total", "kind" => "book").increment(3);
    });
    assert_eq!(client.get("/items/7").send().await.status(), 200);
    let text = client.get("/stats").send().await.text();
    assert!(
        text.contains("# TYPE orders_placed_total counter\norders_placed_total{kind=\"book\"} 3\n"),
        "{text}"
    );
    assert!(
        text.contains(
            "http_requests_total{handler=\"/items/{item_id}\",method=\"GET\",status=\"2xx\"} 1\n"
        ),
        "{text}"
    );
}

#[post("/login", rate_limit = "1/minute")]
async fn login() -> &'static str {
    "welcome"
}

#[tokio::test]
async fn the_rate_limits_refusals_are_counted_by_limit() {
    let client = TestClient::new(
        App::empty()
            .rate_limit(fastrs::ratelimit::Rate::per_minute(100))
            .metrics(Metrics::new())
            .mount(fastrs::routes![login]),
    );
    assert_eq!(client.post("/login").send().await.status(), 200);
    let text = client.get("/metrics").send().await.text();
    // Nothing refused yet: no series.
    assert!(!text.contains("fastrs_rate_limit_exceeded_total"), "{text}");
    for _ in 0..2 {
        assert_eq!(client.post("/login").send().await.status(), 429);
    }
    let text = client.get("/metrics").send().await.text();
    assert!(
        text.contains(
            "# HELP fastrs_rate_limit_exceeded_total Requests refused by a rate limit, by limit.\n\
             # TYPE fastrs_rate_limit_exceeded_total counter\n\
             fastrs_rate_limit_exceeded_total{limit=\"POST /login\"} 2\n\n"
        ),
        "{text}"
    );
    assert!(
        text.contains("http_requests_total{handler=\"/login\",method=\"POST\",status=\"4xx\"} 2\n"),
        "{text}"
    );
}

#[tokio::test]
async fn a_head_counts_its_length_and_a_redirected_path_its_templates_other_form() {
    let client = TestClient::new(
        App::empty()
            .metrics(Metrics::new())
            .mount(fastrs::routes![read_item, create_item]),
    );
    // `HEAD` leaves the body out: its `Content-Length` is the size counted, as the
    // instrumentator reads it.
    let head = client.head("/items/1").send().await;
    assert_eq!(head.status(), 200);
    assert_eq!(head.header("content-length"), Some("6"));
    // A path the trailing-slash redirect sends to a route.
    assert_eq!(client.get("/items/1/").send().await.status(), 307);
    assert_eq!(client.post("/items/").send().await.status(), 307);
    let text = client.get("/metrics").send().await.text();
    for line in [
        "http_requests_total{handler=\"/items/{item_id}\",method=\"HEAD\",status=\"2xx\"} 1\n",
        "http_response_size_bytes_sum{handler=\"/items/{item_id}\"} 6\n",
        "http_requests_total{handler=\"/items/{item_id}/\",method=\"GET\",status=\"3xx\"} 1\n",
        "http_requests_total{handler=\"/items/\",method=\"POST\",status=\"3xx\"} 1\n",
    ] {
        assert!(text.contains(line), "{line} not in:\n{text}");
    }
    assert!(!text.contains("handler=\"none\""), "{text}");

    // Without the redirect, such a path is no template's.
    let strict = TestClient::new(
        App::empty()
            .trailing_slash(fastrs::TrailingSlash::Strict)
            .metrics(Metrics::new())
            .mount(fastrs::routes![read_item]),
    );
    assert_eq!(strict.get("/items/1/").send().await.status(), 404);
    let text = strict.get("/metrics").send().await.text();
    assert!(
        text.contains("http_requests_total{handler=\"none\",method=\"GET\",status=\"4xx\"} 1\n"),
        "{text}"
    );
}
