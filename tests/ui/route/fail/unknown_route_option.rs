use fastrs::prelude::*;

#[get("/items", status_code = 201)]
async fn list_items() -> String {
    String::new()
}

fn main() {}
