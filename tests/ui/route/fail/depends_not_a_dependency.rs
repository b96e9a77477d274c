use fastrs::prelude::*;

async fn current_user() -> String {
    "ann".into()
}

#[get("/me")]
async fn me(user: Depends<current_user>) -> String {
    user.clone()
}

fn main() {}
