use fastrs::prelude::*;

fastrs::router!(prefix = "/api", rate_limit = "100 a minute");

#[get("/items")]
async fn items() -> &'static str {
    "items"
}

fn main() {}
