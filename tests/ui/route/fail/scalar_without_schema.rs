use fastrs::prelude::*;

#[derive(Deserialize, Scalar)]
#[serde(rename_all = "lowercase")]
enum Color {
    Red,
    Blue,
}

#[get("/paint")]
async fn paint(color: Color) -> String {
    match color {
        Color::Red => "red".into(),
        Color::Blue => "blue".into(),
    }
}

fn main() {}
