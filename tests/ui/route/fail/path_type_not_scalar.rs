use fastrs::prelude::*;

struct Point {
    x: i32,
}

#[get("/points/<point>")]
async fn read_point(point: Point) -> String {
    point.x.to_string()
}

fn main() {}
