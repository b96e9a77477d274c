use fastrs::prelude::*;

#[get("/items//<id>")]
async fn read_item(id: u64) -> String {
    id.to_string()
}

fn main() {}
