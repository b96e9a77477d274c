//! Makes `FASTRS_MACROS_DEBUG` a rebuild trigger: setting or clearing it rebuilds the macros
//! and so the crates that use them, whose expansions are then printed (or no longer).

fn main() {
    println!("cargo:rerun-if-env-changed=FASTRS_MACROS_DEBUG");
    println!("cargo:rerun-if-changed=build.rs");
}
