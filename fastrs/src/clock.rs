//! The clock requests are timed on (features `tracing` and `metrics`): quanta's, read raw (the
//! CPU's time-stamp counter where it is steady, the system's monotonic clock otherwise) when a
//! request comes, and scaled to nanoseconds once, when its answer is made.

use std::sync::OnceLock;

/// The clock, calibrated once ([`calibrate`]).
static CLOCK: OnceLock<quanta::Clock> = OnceLock::new();

/// The clock, calibrated on first use.
#[inline(always)]
fn clock() -> &'static quanta::Clock {
    CLOCK.get_or_init(quanta::Clock::new)
}

/// Calibrates the clock (a few milliseconds against the system's), so that no request pays
/// for it: called when an app that times its requests is built.
pub(crate) fn calibrate() {
    clock();
}

/// When a request came, as the clock read it.
#[derive(Clone, Copy)]
pub(crate) struct Started(u64);

impl Started {
    /// Now.
    #[inline(always)]
    pub(crate) fn now() -> Self {
        Self(clock().raw())
    }

    /// The nanoseconds since.
    #[inline(always)]
    pub(crate) fn nanos(self) -> u64 {
        let clock = clock();
        clock.delta_as_nanos(self.0, clock.raw())
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn elapsed_time_is_measured_in_real_time() {
        let started = super::Started::now();
        std::thread::sleep(std::time::Duration::from_millis(20));
        let nanos = started.nanos();
        assert!(nanos >= 19_000_000, "{nanos}");
        assert!(nanos < 5_000_000_000, "{nanos}");
    }
}
