use fastrs::prelude::*;

#[depends]
fn current_user(#[header] x_user: String) -> String {
    x_user
}

#[depends(app)]
fn greeting(user: Depends<current_user>) -> String {
    format!("hello {}", *user)
}

fn main() {}
