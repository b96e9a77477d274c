use fastrs::prelude::*;

#[depends(app)]
fn settings(#[header] x_env: String) -> String {
    x_env
}

fn main() {}
