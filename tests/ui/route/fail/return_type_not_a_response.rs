use fastrs::prelude::*;

#[derive(Serialize)]
struct Item {
    name: String,
}

#[get("/item")]
async fn read_item() -> Item {
    Item { name: "hammer".into() }
}

fn main() {}
