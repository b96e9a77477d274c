//! `StartupError`: why an app could not start.

/// Why an app could not start: two routes that cannot both be served, a state it lacks, a
/// lifespan whose start-up failed, no routes at all.
///
/// Its `Debug` is its message, so that `main` returning the error prints plain text.
#[derive(Clone, PartialEq, Eq)]
pub struct StartupError(String);

impl std::fmt::Debug for StartupError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl StartupError {
    pub(crate) fn new(message: String) -> Self {
        Self(message)
    }
}

impl std::fmt::Display for StartupError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for StartupError {}
