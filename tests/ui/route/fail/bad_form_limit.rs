use fastrs::prelude::*;

#[post("/upload", max_part_size = "1 parsec")]
async fn upload(file: fastrs::UploadFile) -> String {
    file.filename().to_owned()
}

#[post("/many", max_files = "ten")]
async fn many(files: Vec<fastrs::UploadFile>) -> String {
    files.len().to_string()
}

fn main() {}
