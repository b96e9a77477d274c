//! fastrs's own log lines (a panic, a failed background task, the store of the rate limits
//! going down, the shutdown): to standard error as `fastrs: ...`, or, with the `tracing`
//! feature once a subscriber is set, as `tracing` events of target `fastrs` at their level, in
//! the request's span when there is one.

/// How much a line matters.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Level {
    /// Something failed: a request, a task, a part of the app.
    Error,
    /// Something went wrong that the server works around.
    Warn,
    /// The server's life: starting, stopping, recovering.
    Info,
}

/// Writes `message` at `level`.
pub(crate) fn say(level: Level, message: std::fmt::Arguments<'_>) {
    #[cfg(feature = "tracing")]
    if tracing::dispatcher::has_been_set() {
        match level {
            Level::Error => tracing::error!(target: "fastrs", "{message}"),
            Level::Warn => tracing::warn!(target: "fastrs", "{message}"),
            Level::Info => tracing::info!(target: "fastrs", "{message}"),
        }
        return;
    }
    let _ = level;
    eprintln!("fastrs: {message}");
}

/// Logs an error line: `say_error!("request {id} panicked")`.
macro_rules! say_error {
    ($($arg:tt)*) => {
        $crate::say::say($crate::say::Level::Error, format_args!($($arg)*))
    };
}

/// Logs a warning line.
macro_rules! say_warn {
    ($($arg:tt)*) => {
        $crate::say::say($crate::say::Level::Warn, format_args!($($arg)*))
    };
}

/// Logs a line of the server's life.
macro_rules! say_info {
    ($($arg:tt)*) => {
        $crate::say::say($crate::say::Level::Info, format_args!($($arg)*))
    };
}

pub(crate) use {say_error, say_info, say_warn};
