//! The audit log: a line for each deletion, written by a background task once the answer is
//! sent.

use std::io::Write as _;
use std::path::PathBuf;
use std::sync::Arc;

/// Where the audit lines go: a file they are appended to, or the standard error.
#[derive(Clone, Debug, Default)]
pub struct AuditLog(Option<Arc<PathBuf>>);

impl AuditLog {
    /// Lines appended to the file at `path` (created when missing).
    pub fn file(path: impl Into<PathBuf>) -> Self {
        AuditLog(Some(Arc::new(path.into())))
    }

    /// Lines written to the standard error.
    pub fn stderr() -> Self {
        AuditLog(None)
    }

    /// Writes `line`, after the seconds since the Unix epoch. Blocking: run it with
    /// `BackgroundTasks::add_blocking`.
    pub fn write(&self, line: &str) -> std::io::Result<()> {
        let seconds = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        match &self.0 {
            Some(path) => {
                let mut file = std::fs::OpenOptions::new()
                    .create(true)
                    .append(true)
                    .open(path.as_path())?;
                writeln!(file, "{seconds} {line}")
            }
            None => writeln!(std::io::stderr(), "todo: audit: {seconds} {line}"),
        }
    }
}
