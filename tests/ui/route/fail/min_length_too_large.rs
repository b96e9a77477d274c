use fastrs::prelude::*;

#[get("/search")]
async fn search(#[query(min_length = 99999999999999999999999)] q: String) -> String {
    q
}

fn main() {}
