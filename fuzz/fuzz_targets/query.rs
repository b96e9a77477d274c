//! The query-string parser: any bytes that form a string.
#![no_main]

libfuzzer_sys::fuzz_target!(|query: &str| {
    let _ = fastrs::__fuzz::query_pairs(query);
});
