use fastrs::prelude::*;

struct Timing;

fn main() {
    let _ = App::empty().layer(Timing);
}
