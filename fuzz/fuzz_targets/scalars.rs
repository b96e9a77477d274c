//! Scalar coercion: any string, into every scalar type.
#![no_main]

libfuzzer_sys::fuzz_target!(|raw: &str| {
    fastrs::__fuzz::scalars(raw);
});
