use fastrs::prelude::*;

#[derive(Deserialize, JsonSchema)]
struct Item {
    name: String,
}

#[post("/items")]
async fn create_item(#[body] item: Item, #[form] name: String) -> String {
    format!("{} {name}", item.name)
}

fn main() {}
