use fastrs::prelude::*;

#[get("/items")]
async fn list_items(#[query(ge = 1, ge = 2)] limit: u32) -> String {
    limit.to_string()
}

fn main() {}
