use fastrs::prelude::*;

#[get("/search")]
async fn search(q: &str) -> String {
    q.to_owned()
}

fn main() {}
