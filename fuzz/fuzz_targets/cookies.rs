//! The cookie parser: any header value.
#![no_main]

libfuzzer_sys::fuzz_target!(|header: &[u8]| {
    let _ = fastrs::__fuzz::cookies(header);
});
