use fastrs::prelude::*;

#[get("/items")]
fn list_items() -> String {
    String::new()
}

fn main() {}
