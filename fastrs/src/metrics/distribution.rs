//! The distributions fastrs keeps itself: the durations' histograms and the sizes' summaries,
//! in atomic counters updated in place. The exporter's histograms queue every sample until a
//! scrape or an upkeep sorts them, which cost four times as much per request and held every
//! sample of the last seconds in memory; these cost a few atomic additions and hold nothing.

use std::fmt::Write as _;
use std::sync::atomic::{AtomicU64, Ordering};

/// The buckets of `http_request_duration_seconds`, prometheus-fastapi-instrumentator's.
pub(super) const LOW_RESOLUTION: [f64; 3] = [0.1, 0.5, 1.0];

/// The buckets of `http_request_duration_highr_seconds`, prometheus-fastapi-instrumentator's.
pub(super) const HIGH_RESOLUTION: [f64; 21] = [
    0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0, 4.5, 5.0,
    7.5, 10.0, 30.0, 60.0,
];

/// A histogram of durations over the upper bounds `bounds` (in seconds): the count of each
/// bucket (not cumulated: a sample counts in its own bucket only), the samples' count and
/// their sum in nanoseconds, which adds exactly.
pub(super) struct Durations<const N: usize> {
    bounds: &'static [f64; N],
    buckets: [AtomicU64; N],
    count: AtomicU64,
    nanos: AtomicU64,
}

impl<const N: usize> Durations<N> {
    pub(super) fn new(bounds: &'static [f64; N]) -> Self {
        Self {
            bounds,
            buckets: std::array::from_fn(|_| AtomicU64::new(0)),
            count: AtomicU64::new(0),
            nanos: AtomicU64::new(0),
        }
    }

    /// Counts a sample of `seconds` (`nanos` in nanoseconds).
    #[inline]
    pub(super) fn record(&self, seconds: f64, nanos: u64) {
        if let Some(bucket) = self.bounds.iter().position(|bound| seconds <= *bound) {
            self.buckets[bucket].fetch_add(1, Ordering::Relaxed);
        }
        self.count.fetch_add(1, Ordering::Relaxed);
        self.nanos.fetch_add(nanos, Ordering::Relaxed);
    }

    /// Whether any sample was counted.
    pub(super) fn is_empty(&self) -> bool {
        self.count.load(Ordering::Relaxed) == 0
    }

    /// Its lines, as a Prometheus histogram `name` with `labels` (`handler="/items",...`, or
    /// empty).
    pub(super) fn write(&self, out: &mut String, name: &str, labels: &str) {
        let count = self.count.load(Ordering::Relaxed);
        let comma = if labels.is_empty() { "" } else { "," };
        let mut cumulated = 0;
        for (bound, bucket) in self.bounds.iter().zip(&self.buckets) {
            cumulated += bucket.load(Ordering::Relaxed);
            // A sample counted between the two loads shows in the bucket, not yet in the count.
            let cumulated = cumulated.min(count);
            // `1.0`, not `1`: the `le` as prometheus_client writes it (Python's `repr`), so
            // that a query naming a bucket finds it.
            let _ = writeln!(
                out,
                "{name}_bucket{{{labels}{comma}le=\"{bound:?}\"}} {cumulated}"
            );
        }
        let _ = writeln!(out, "{name}_bucket{{{labels}{comma}le=\"+Inf\"}} {count}");
        let seconds = self.nanos.load(Ordering::Relaxed) as f64 / 1e9;
        write_sum_and_count(out, name, labels, seconds, count);
    }
}

/// A summary of sizes in bytes, without quantiles (prometheus_client's `Summary`): their count
/// and sum.
#[derive(Default)]
pub(super) struct Sizes {
    count: AtomicU64,
    sum: AtomicU64,
}

impl Sizes {
    #[inline]
    pub(super) fn record(&self, bytes: u64) {
        self.count.fetch_add(1, Ordering::Relaxed);
        self.sum.fetch_add(bytes, Ordering::Relaxed);
    }

    pub(super) fn is_empty(&self) -> bool {
        self.count.load(Ordering::Relaxed) == 0
    }

    /// Its lines, as a Prometheus summary `name` with `labels`.
    pub(super) fn write(&self, out: &mut String, name: &str, labels: &str) {
        let sum = self.sum.load(Ordering::Relaxed);
        let count = self.count.load(Ordering::Relaxed);
        write_sum_and_count(out, name, labels, sum, count);
    }
}

/// The `_sum` and `_count` lines every histogram and summary ends with.
fn write_sum_and_count(
    out: &mut String,
    name: &str,
    labels: &str,
    sum: impl std::fmt::Display,
    count: u64,
) {
    let braced = if labels.is_empty() {
        String::new()
    } else {
        format!("{{{labels}}}")
    };
    let _ = writeln!(out, "{name}_sum{braced} {sum}");
    let _ = writeln!(out, "{name}_count{braced} {count}");
}

/// `value` as a label's value in Prometheus's text format: `\`, `"` and line feeds escaped.
pub(super) fn escaped(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_histogram_cumulates_its_buckets_and_sums_exactly() {
        let durations = Durations::new(&LOW_RESOLUTION);
        durations.record(0.05, 50_000_000);
        durations.record(0.1, 100_000_000);
        durations.record(0.7, 700_000_000);
        durations.record(2.0, 2_000_000_000);
        let mut out = String::new();
        durations.write(&mut out, "d", "handler=\"/a\"");
        assert_eq!(
            out,
            "d_bucket{handler=\"/a\",le=\"0.1\"} 2\nd_bucket{handler=\"/a\",le=\"0.5\"} 2\n\
             d_bucket{handler=\"/a\",le=\"1.0\"} 3\nd_bucket{handler=\"/a\",le=\"+Inf\"} 4\n\
             d_sum{handler=\"/a\"} 2.85\nd_count{handler=\"/a\"} 4\n"
        );
    }

    #[test]
    fn label_values_are_escaped() {
        assert_eq!(escaped("a\"b\\c\nd"), "a\\\"b\\\\c\\nd");
    }
}
