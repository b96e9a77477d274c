use fastrs::prelude::*;

struct NotAHandler;

fastrs::router!(prefix = "/items", exception_handlers = [NotAHandler]);

#[get("/item")]
async fn read_item() -> &'static str {
    "hammer"
}

fn main() {}
