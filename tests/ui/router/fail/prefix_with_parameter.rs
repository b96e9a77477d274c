fastrs::router!(prefix = "/users/<user_id>");

fn main() {}
