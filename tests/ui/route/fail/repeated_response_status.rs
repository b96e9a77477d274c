use fastrs::prelude::*;

#[derive(Serialize, JsonSchema)]
struct Message {
    detail: String,
}

#[get("/items", responses(404 = Message, 404 = (description = "Gone")))]
async fn list_items() -> String {
    String::new()
}

fn main() {}
