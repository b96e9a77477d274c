use fastrs::prelude::*;

struct Settings;

#[get("/settings")]
async fn settings(settings: Depends<Settings>) -> String {
    let _ = settings;
    String::new()
}

fn main() {}
