use fastrs::prelude::*;

#[post("/login", rate_limit = "5 per fortnight")]
async fn login() -> &'static str {
    "welcome"
}

fn main() {}
