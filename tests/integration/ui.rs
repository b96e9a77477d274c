//! Compile errors of the macros: one file per mistake under `tests/ui/`, with the expected
//! `.stderr` beside it. Re-bless with `TRYBUILD=overwrite cargo test -p fastrs-tests ui`.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("ui/route/fail/*.rs");
    t.compile_fail("ui/router/fail/*.rs");
    t.pass("ui/route/pass/*.rs");
}
