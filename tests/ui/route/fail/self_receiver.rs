use fastrs::prelude::*;

struct Api;

impl Api {
    #[get("/items")]
    async fn list_items(&self) -> String {
        String::new()
    }
}

fn main() {}
