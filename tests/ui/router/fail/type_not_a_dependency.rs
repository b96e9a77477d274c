struct VerifyToken;

fastrs::router!(prefix = "/items", dependencies = [VerifyToken]);

fn main() {}
