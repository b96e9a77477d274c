use fastrs::prelude::*;

#[derive(Deserialize)]
struct Item {
    name: String,
}

#[post("/items")]
async fn create_item(item: Item) -> String {
    item.name
}

fn main() {}
