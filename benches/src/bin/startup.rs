//! Start-up cost: build the router and the OpenAPI document of an app with 1,000 routes.
//!
//! `cargo run --release -p fastrs-benches --features startup --bin startup`

mod routes {
    include!(concat!(env!("OUT_DIR"), "/routes.rs"));
}

use std::time::{Duration, Instant};

fn main() {
    let runs = 20;
    let mut times: Vec<Duration> = Vec::with_capacity(runs);
    for _ in 0..runs {
        let started = Instant::now();
        // Collects, sorts and checks the routes, builds the OpenAPI document and serializes
        // it once, and builds the axum router.
        let router = fastrs::App::new().into_router();
        times.push(started.elapsed());
        drop(router);
    }
    let app = fastrs::App::new();
    assert_eq!(
        app.routes().len(),
        1000,
        "the generated routes are all registered"
    );
    let document_bytes = app.openapi().expect("a valid document").to_json().len();
    let first = times[0];
    times.sort();
    let median = times[runs / 2];
    println!(
        "1000 routes: router + OpenAPI document ({} KiB) built in {:.1} ms (first run {:.1} ms, median of {runs})",
        document_bytes / 1024,
        median.as_secs_f64() * 1e3,
        first.as_secs_f64() * 1e3,
    );
}
