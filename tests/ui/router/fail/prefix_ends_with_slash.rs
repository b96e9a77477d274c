fastrs::router!(prefix = "/items/", tags = ["items"]);

fn main() {}
