use fastrs::prelude::*;

#[derive(Deserialize, JsonSchema)]
struct Tag {
    name: String,
}

#[get("/items")]
async fn items(#[query] tags: Vec<Tag>) -> String {
    tags.len().to_string()
}

fn main() {}
