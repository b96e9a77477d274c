use fastrs::prelude::*;

#[post("/upload", body_limit = "50 megabytes")]
async fn upload(#[body] text: String) -> String {
    text
}

fn main() {}
