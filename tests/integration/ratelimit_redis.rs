//! Rate limits counted in Redis (`RedisStore`): shared by the instances of an app, by both
//! algorithms, with the script reloaded when Redis forgets it, and open or closed when Redis
//! is stopped mid-test.

use std::time::Duration;

use fastrs::prelude::*;
use fastrs::ratelimit::{Algorithm, RateLimiter, RedisStore};
use fastrs::testing::{TestClient, TestResponse};

use crate::redis_server::RedisServer;

/// Three attempts a minute per client, across the instances.
#[post("/login", rate_limit = "3/minute")]
async fn login() -> &'static str {
    "welcome"
}

/// One instance of the app, counting in the Redis at `url`.
fn instance(store: RedisStore) -> TestClient {
    TestClient::new(
        App::empty()
            .rate_limit_store(store)
            .mount(fastrs::routes![login]),
    )
}

fn assert_refused(refused: &TestResponse, detail: &str) {
    assert_eq!(refused.status(), 429);
    assert_eq!(
        refused.text(),
        format!(r#"{{"detail":"Rate limit exceeded: {detail}"}}"#)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn instances_share_one_count_in_redis() {
    let redis = RedisServer::start();
    // Two instances, each with a store of its own on the same server.
    let first = instance(RedisStore::open(&redis.url()).unwrap());
    let second = instance(RedisStore::open(&redis.url()).unwrap());
    let mut remaining = Vec::new();
    for client in [&first, &second, &first] {
        let passed = client.post("/login").send().await;
        assert_eq!(passed.status(), 200);
        assert_eq!(passed.header("x-ratelimit-limit"), Some("3"));
        remaining.push(passed.header("x-ratelimit-remaining").unwrap().to_owned());
    }
    assert_eq!(remaining, ["2", "1", "0"]);
    let refused = second.post("/login").send().await;
    assert_refused(&refused, "3 per 1 minute");
    let retry: u64 = refused.header("retry-after").unwrap().parse().unwrap();
    assert!((59..=60).contains(&retry), "{retry}");
    assert_eq!(refused.header("x-ratelimit-remaining"), Some("0"));
    // Another client has its own count; the key names the route and the address.
    let other = "198.51.100.4:1234".parse().unwrap();
    assert_eq!(
        first
            .post("/login")
            .client_addr(other)
            .send()
            .await
            .status(),
        200
    );
    assert_eq!(
        redis.command("EXISTS \"fastrs:ratelimit:POST /login:198.51.100.4\""),
        ":1"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_window_ends_in_redis_as_in_memory() {
    let redis = RedisServer::start();
    let store = RedisStore::open(&redis.url()).unwrap();
    let limiter = RateLimiter::new("2/second".parse().unwrap()).redis(&store, "w");
    assert!(limiter.check("k").await.is_allowed());
    assert!(limiter.check("k").await.is_allowed());
    let refused = limiter.check("k").await;
    assert!(!refused.is_allowed());
    assert!(refused.retry_after().unwrap() <= Duration::from_secs(1));
    tokio::time::sleep(refused.retry_after().unwrap() + Duration::from_millis(50)).await;
    let again = limiter.check("k").await;
    assert!(again.is_allowed());
    assert_eq!(again.remaining(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn gcra_in_redis_allows_a_burst_then_one_per_interval() {
    let redis = RedisServer::start();
    let store = RedisStore::open(&redis.url()).unwrap();
    let limiter = RateLimiter::new("3/minute".parse().unwrap())
        .algorithm(Algorithm::Gcra)
        .redis(&store, "g");
    let mut seen = Vec::new();
    for _ in 0..4 {
        let decision = limiter.check("k").await;
        seen.push((decision.is_allowed(), decision.remaining()));
    }
    assert_eq!(seen, [(true, 2), (true, 1), (true, 0), (false, 0)]);
    // One request is due every 20 s: the next passes within 20 s. Refused requests do not
    // count, so that a second refusal waits no longer than the first.
    for _ in 0..2 {
        let wait = limiter.check("k").await.retry_after().unwrap();
        assert!(
            wait > Duration::from_secs(19) && wait <= Duration::from_secs(20),
            "{wait:?}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_script_redis_forgot_is_loaded_again() {
    let redis = RedisServer::start();
    let client = instance(RedisStore::open(&redis.url()).unwrap());
    assert_eq!(client.post("/login").send().await.status(), 200);
    assert_eq!(redis.command("SCRIPT FLUSH"), "+OK");
    let passed = client.post("/login").send().await;
    assert_eq!(passed.status(), 200);
    assert_eq!(passed.header("x-ratelimit-remaining"), Some("1"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_redis_stopped_a_store_fails_open_then_counts_again() {
    let mut redis = RedisServer::start();
    let store = RedisStore::open(&redis.url())
        .unwrap()
        .timeout(Duration::from_millis(300));
    let client = instance(store.clone());
    assert_eq!(client.post("/login").send().await.status(), 200);
    redis.kill();
    // Redis is gone: every request passes, without the counts it cannot know.
    for _ in 0..5 {
        let passed = client.post("/login").send().await;
        assert_eq!(passed.status(), 200);
        assert_eq!(passed.text(), "welcome");
        assert_eq!(passed.header("x-ratelimit-remaining"), None);
    }
    assert_eq!(store.failures(), 5);
    // Back (empty): the store reconnects, and counts from zero.
    redis.restart();
    let mut statuses = Vec::new();
    for _ in 0..5 {
        statuses.push(client.post("/login").send().await.status());
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert_eq!(
        statuses.iter().filter(|s| **s == 429).count(),
        2,
        "{statuses:?}"
    );
    assert!(store.failures() >= 5);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_store_that_fails_closed_answers_503_while_redis_is_stopped() {
    let mut redis = RedisServer::start();
    let store = RedisStore::open(&redis.url())
        .unwrap()
        .timeout(Duration::from_millis(300))
        .fail_closed();
    let client = instance(store.clone());
    assert_eq!(client.post("/login").send().await.status(), 200);
    redis.kill();
    let refused = client.post("/login").send().await;
    assert_eq!(refused.status(), 503);
    assert_eq!(refused.text(), r#"{"detail":"Service Unavailable"}"#);
    assert_eq!(store.failures(), 1);
    // A dependency's `into_result` says the same.
    let limiter = RateLimiter::new("3/minute".parse().unwrap()).redis(&store, "d");
    let error = limiter.check("k").await.into_result().unwrap_err();
    assert_eq!(error.status(), 503);
}

#[get("/open")]
async fn open() -> &'static str {
    "open"
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_apps_limit_in_redis_is_shared_too() {
    let redis = RedisServer::start();
    let instance = || {
        TestClient::new(
            App::empty()
                .rate_limit(fastrs::ratelimit::Rate::per_minute(2))
                .rate_limit_store(RedisStore::open(&redis.url()).unwrap())
                .mount(fastrs::routes![open]),
        )
    };
    let (first, second) = (instance(), instance());
    assert_eq!(first.get("/open").send().await.status(), 200);
    let passed = second.get("/open").send().await;
    assert_eq!(passed.header("x-ratelimit-remaining"), Some("0"));
    assert_refused(&first.get("/open").send().await, "2 per 1 minute");
    assert_eq!(redis.command("EXISTS fastrs:ratelimit:app:127.0.0.1"), ":1");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_routers_limit_in_redis_is_shared_by_its_routes_and_the_instances() {
    let redis = RedisServer::start();
    // The routes of `ratelimit::api`: three requests a minute per client, to all of them.
    let module = "integration::ratelimit::api";
    let instance = || {
        TestClient::new(
            App::scoped(module).rate_limit_store(RedisStore::open(&redis.url()).unwrap()),
        )
    };
    let (first, second) = (instance(), instance());
    assert_eq!(first.get("/api/a").send().await.status(), 200);
    assert_eq!(second.get("/api/b").send().await.status(), 200);
    let passed = first.get("/api/b").send().await;
    assert_eq!(passed.header("x-ratelimit-remaining"), Some("0"));
    assert_refused(&second.get("/api/a").send().await, "3 per 1 minute");
    let key = format!("EXISTS \"fastrs:ratelimit:router {module}:127.0.0.1\"");
    assert_eq!(redis.command(&key), ":1");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn under_an_apps_limit_in_redis_the_span_is_named_once_routed() {
    crate::tracing_spans::capture();
    let redis = RedisServer::start();
    let client = TestClient::new(
        App::empty()
            .rate_limit(fastrs::ratelimit::Rate::per_minute(100))
            .rate_limit_store(RedisStore::open(&redis.url()).unwrap())
            .mount(fastrs::routes![open]),
    );
    let peer = "203.0.113.79:7777";
    let answer = client
        .get("/open")
        .client_addr(peer.parse().unwrap())
        .send()
        .await;
    assert_eq!(answer.status(), 200);
    let requests = crate::tracing_spans::requests_from(peer);
    assert_eq!(requests.len(), 1, "{requests:?}");
    assert_eq!(requests[0].fields["route"], "GET /open");
    assert_eq!(requests[0].fields["status"], "200");
}
