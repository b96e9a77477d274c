//! Cross-crate tests of fastrs: integration tests in `integration/`, UI tests in `ui/`.
