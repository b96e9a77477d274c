//! Compile errors of the macros: one file per mistake under `tests/ui/`, with the expected
//! `.stderr` beside it. Re-bless with `TRYBUILD=overwrite cargo test -p fastrs-tests ui`.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("ui/route/fail/*.rs");
    t.compile_fail("ui/router/fail/*.rs");
    t.compile_fail("ui/app/fail/*.rs");
    t.pass("ui/route/pass/*.rs");
}

/// The compile errors name only public paths: no `fastrs::__private::` item in any note.
#[test]
fn compile_errors_name_no_private_path() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("ui");
    let mut files = vec![dir];
    let mut leaks = Vec::new();
    while let Some(path) = files.pop() {
        if path.is_dir() {
            files.extend(std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
        } else if path.extension().is_some_and(|e| e == "stderr") {
            let text = std::fs::read_to_string(&path).unwrap();
            if text.contains("__private") {
                leaks.push(path.display().to_string());
            }
        }
    }
    assert!(leaks.is_empty(), "`__private` in {leaks:?}");
}
