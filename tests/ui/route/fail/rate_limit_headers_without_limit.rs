use fastrs::prelude::*;

#[post("/login", rate_limit_headers = false)]
async fn login() -> &'static str {
    "welcome"
}

fn main() {}
