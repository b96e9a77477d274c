fn verify_token() {}

fastrs::router!(prefix = "/items", dependencies = [verify_token]);

fn main() {}
