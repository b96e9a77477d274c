use fastrs::prelude::*;

#[depends(app, no_cache)]
fn settings() -> String {
    String::new()
}

fn main() {}
