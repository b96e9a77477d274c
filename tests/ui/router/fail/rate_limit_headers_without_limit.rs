use fastrs::prelude::*;

fastrs::router!(prefix = "/api", rate_limit_headers = false);

#[get("/items")]
async fn items() -> &'static str {
    "items"
}

fn main() {}
