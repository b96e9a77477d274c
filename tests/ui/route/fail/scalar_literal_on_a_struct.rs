use fastrs::prelude::*;

#[derive(Scalar)]
#[scalar(literal)]
struct Sort(String);

#[derive(Deserialize, Scalar)]
#[scalar(literal, literal)]
enum Twice {
    A,
}

#[derive(Deserialize, Scalar)]
#[scalar(literals)]
enum Misspelt {
    A,
}

fn main() {}
