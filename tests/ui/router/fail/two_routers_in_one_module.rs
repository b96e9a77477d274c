mod items {
    fastrs::router!(prefix = "/items");
    fastrs::router!(tags = ["items"]);
}

fn main() {}
