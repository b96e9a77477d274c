use fastrs::prelude::*;

#[derive(Serialize, JsonSchema)]
struct Message {
    detail: String,
}

#[get("/items", responses(404 = (model = Message, example = "{detail: missing}")))]
async fn items() -> &'static str {
    "items"
}

fn main() {}
