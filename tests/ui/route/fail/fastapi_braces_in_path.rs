use fastrs::prelude::*;

#[get("/things/{thing_id}")]
async fn read_thing(thing_id: u64) -> String {
    thing_id.to_string()
}

fn main() {}
