//! A JSON body read as a model, through the same path as a request (pydantic's errors
//! included): never a panic.
#![no_main]

libfuzzer_sys::fuzz_target!(|body: &[u8]| {
    fastrs::__fuzz::json_body(body);
});
