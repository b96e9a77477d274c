use fastrs::prelude::*;

#[get("/files/<path..>/raw")]
async fn read_file(path: String) -> String {
    path
}

fn main() {}
