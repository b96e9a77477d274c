use fastrs::prelude::*;

#[get("/items/<item_id>")]
async fn read_item(#[path(default = 1)] item_id: u64) -> String {
    item_id.to_string()
}

fn main() {}
