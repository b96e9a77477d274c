fastrs::router!(prefix = "/items", tag = "items");

fn main() {}
