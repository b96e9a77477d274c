use fastrs::prelude::*;

#[get("/items", tags = ["a"], tags = ["b"])]
async fn list_items() -> String {
    String::new()
}

fn main() {}
