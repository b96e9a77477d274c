//! Start-up cost: build the router of an app with 1,000 routes, and its OpenAPI document (which
//! the first request for `/openapi.json` builds).
//!
//! `cargo run --release -p fastrs-benches --features startup --bin startup`

mod routes {
    include!(concat!(env!("OUT_DIR"), "/routes.rs"));
}

use std::time::{Duration, Instant};

/// The median and the first of `runs` timings of `f`.
fn timed(runs: usize, mut f: impl FnMut()) -> (Duration, Duration) {
    let mut times: Vec<Duration> = Vec::with_capacity(runs);
    for _ in 0..runs {
        let started = Instant::now();
        f();
        times.push(started.elapsed());
    }
    let first = times[0];
    times.sort();
    (times[runs / 2], first)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn main() {
    let runs = 20;
    // Collects, sorts and checks the routes (operation ids included), builds the axum router.
    let (router, router_first) = timed(runs, || drop(fastrs::App::new().into_router()));
    let app = fastrs::App::new();
    assert_eq!(
        app.routes().len(),
        1000,
        "the generated routes are all registered"
    );
    // What the first request for `/openapi.json` builds: the document, serialized.
    let mut bytes = 0;
    let (document, document_first) = timed(runs, || {
        bytes = app.openapi().expect("a valid document").to_json().len();
    });
    println!(
        "1000 routes: router built in {:.1} ms (first run {:.1} ms); OpenAPI document ({} KiB) in {:.1} ms (first run {:.1} ms); medians of {runs}",
        ms(router),
        ms(router_first),
        bytes / 1024,
        ms(document),
        ms(document_first),
    );
}
