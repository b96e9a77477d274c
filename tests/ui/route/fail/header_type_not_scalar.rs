use fastrs::prelude::*;

struct Token(String);

#[get("/me")]
async fn me(#[header] authorization: Token) -> String {
    authorization.0
}

fn main() {}
