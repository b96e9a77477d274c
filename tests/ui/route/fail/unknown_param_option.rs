use fastrs::prelude::*;

#[get("/items")]
async fn list_items(#[query(minimum = 1)] limit: u32) -> String {
    limit.to_string()
}

fn main() {}
