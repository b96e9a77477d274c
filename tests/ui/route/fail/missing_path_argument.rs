use fastrs::prelude::*;

#[get("/items/<idd>")]
async fn read_item(id: u64, q: Option<String>) -> String {
    format!("{id} {q:?}")
}

fn main() {}
