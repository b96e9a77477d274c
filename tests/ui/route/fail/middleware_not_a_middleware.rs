use fastrs::prelude::*;

async fn timing(request: String) -> String {
    request
}

#[get("/item", middleware = [timing])]
async fn read_item() -> &'static str {
    "hammer"
}

fn main() {}
