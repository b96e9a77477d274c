//! The in-memory store: one entry per key, in shards behind their own locks. Entries past
//! their window are swept when a shard fills, and under a flood of keys (more live keys than
//! the store holds) the shard drops a quarter of its entries, so that memory stays bounded.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;

use tokio::time::Instant;

use super::{Algorithm, Decision, Rate};

/// How many shards a store has: a lock each.
const SHARDS: usize = 16;

/// What a key has used of its limit.
#[derive(Debug, Clone, Copy)]
enum Entry {
    /// A fixed window: when it ends, and the requests counted in it.
    Window { ends: Instant, count: u64 },
    /// GCRA's theoretical arrival time of the next request.
    Arrival(Instant),
}

impl Entry {
    /// From when the entry says nothing a fresh one would not.
    fn expires(self) -> Instant {
        match self {
            Entry::Window { ends, .. } => ends,
            Entry::Arrival(tat) => tat,
        }
    }
}

/// The keys of one shard.
#[derive(Debug, Default)]
struct Shard {
    entries: HashMap<Box<[u8]>, Entry>,
}

/// Counters in memory, for one process.
#[derive(Debug)]
pub(super) struct MemoryStore {
    shards: Box<[Mutex<Shard>]>,
    /// Entries a shard holds at most.
    per_shard: usize,
}

impl MemoryStore {
    /// A store for up to about `max_keys` keys.
    pub(super) fn new(max_keys: usize) -> Self {
        Self {
            shards: (0..SHARDS).map(|_| Mutex::default()).collect(),
            per_shard: max_keys.div_ceil(SHARDS).max(4),
        }
    }

    /// Counts a request of `key` against `rate`, at `now`.
    pub(super) fn hit(
        &self,
        key: &[u8],
        rate: Rate,
        algorithm: Algorithm,
        now: Instant,
    ) -> Decision {
        let shard = &self.shards[shard_of(key)];
        let mut shard = shard.lock().unwrap_or_else(|e| e.into_inner());
        let entry = match shard.entries.get_mut(key) {
            Some(entry) => entry,
            None => {
                if shard.entries.len() >= self.per_shard {
                    make_room(&mut shard.entries, self.per_shard, now);
                }
                shard
                    .entries
                    .entry(key.into())
                    .or_insert(Entry::Arrival(now))
            }
        };
        match algorithm {
            Algorithm::FixedWindow => fixed_window(entry, rate, now),
            Algorithm::Gcra => gcra(entry, rate, now),
        }
    }

    /// How many keys it holds now.
    #[cfg(test)]
    fn len(&self) -> usize {
        self.shards
            .iter()
            .map(|s| s.lock().unwrap().entries.len())
            .sum()
    }
}

/// The shard of `key` (FNV-1a: cheap, and keys are not chosen to collide by their owners,
/// who would only share a lock).
fn shard_of(key: &[u8]) -> usize {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &byte in key {
        hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
    }
    (hash % SHARDS as u64) as usize
}

/// Sweeps the expired entries of a full shard; when that frees less than a quarter of it,
/// drops entries (whichever come first) down to three quarters, so that the next sweeps are
/// as rare.
fn make_room(entries: &mut HashMap<Box<[u8]>, Entry>, capacity: usize, now: Instant) {
    entries.retain(|_, entry| entry.expires() > now);
    let keep = capacity - capacity / 4;
    if entries.len() > keep {
        let dropped: Vec<Box<[u8]>> = entries.keys().take(entries.len() - keep).cloned().collect();
        for key in dropped {
            entries.remove(&key);
        }
    }
}

/// slowapi's fixed window (`limits`' `FixedWindowRateLimiter`): the window starts at a key's
/// first request and lasts the period; every request counts, the refused ones too.
fn fixed_window(entry: &mut Entry, rate: Rate, now: Instant) -> Decision {
    let (ends, count) = match *entry {
        Entry::Window { ends, count } if ends > now => (ends, count.saturating_add(1)),
        _ => (now + rate.period(), 1),
    };
    *entry = Entry::Window { ends, count };
    Decision::of_window(rate, count, ends - now)
}

/// GCRA: a request is due every `period / count`, and up to `count` may come at once. A
/// refused request does not count.
fn gcra(entry: &mut Entry, rate: Rate, now: Instant) -> Decision {
    let period = rate.period();
    let interval = period / u32::try_from(rate.count()).unwrap_or(u32::MAX);
    let tat = match *entry {
        Entry::Arrival(tat) if tat > now => tat,
        _ => now,
    };
    let next = tat + interval;
    if next - now > period {
        return Decision {
            allowed: false,
            rate,
            remaining: 0,
            reset_after: tat - now,
            retry_after: next - period - now,
            store_failed: false,
        };
    }
    *entry = Entry::Arrival(next);
    let left = period - (next - now);
    Decision {
        allowed: true,
        rate,
        remaining: left
            .as_nanos()
            .checked_div(interval.as_nanos())
            .unwrap_or(0) as u64,
        reset_after: next - now,
        retry_after: Duration::ZERO,
        store_failed: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hits(
        store: &MemoryStore,
        algorithm: Algorithm,
        rate: &str,
        at: Instant,
        n: usize,
    ) -> Vec<(bool, u64)> {
        let rate: Rate = rate.parse().unwrap();
        (0..n)
            .map(|_| {
                let d = store.hit(b"k", rate, algorithm, at);
                (d.allowed, d.remaining)
            })
            .collect()
    }

    #[test]
    fn a_fixed_window_allows_its_count_then_resets() {
        let store = MemoryStore::new(100);
        let start = Instant::now();
        let seen = hits(&store, Algorithm::FixedWindow, "3/minute", start, 4);
        assert_eq!(seen, [(true, 2), (true, 1), (true, 0), (false, 0)]);
        let later = start + Duration::from_secs(59);
        let d = store.hit(b"k", Rate::per_minute(3), Algorithm::FixedWindow, later);
        assert!(!d.allowed);
        assert_eq!(d.retry_after, Duration::from_secs(1));
        // The window ends a period after its first request.
        let next = start + Duration::from_secs(60);
        assert_eq!(
            hits(&store, Algorithm::FixedWindow, "3/minute", next, 1),
            [(true, 2)]
        );
    }

    #[test]
    fn gcra_allows_a_burst_then_one_per_interval() {
        let store = MemoryStore::new(100);
        let start = Instant::now();
        let seen = hits(&store, Algorithm::Gcra, "3/minute", start, 4);
        assert_eq!(seen, [(true, 2), (true, 1), (true, 0), (false, 0)]);
        let refused = store.hit(b"k", Rate::per_minute(3), Algorithm::Gcra, start);
        assert_eq!(refused.retry_after, Duration::from_secs(20));
        // One interval (20 s) later, one more; the refused ones did not count.
        let later = start + Duration::from_secs(20);
        assert_eq!(
            hits(&store, Algorithm::Gcra, "3/minute", later, 2),
            [(true, 0), (false, 0)]
        );
    }

    #[test]
    fn keys_are_counted_apart() {
        let store = MemoryStore::new(100);
        let now = Instant::now();
        let rate = Rate::per_minute(1);
        assert!(store.hit(b"a", rate, Algorithm::FixedWindow, now).allowed);
        assert!(store.hit(b"b", rate, Algorithm::FixedWindow, now).allowed);
        assert!(!store.hit(b"a", rate, Algorithm::FixedWindow, now).allowed);
    }

    #[test]
    fn a_flood_of_keys_stays_bounded() {
        let store = MemoryStore::new(1_000);
        let now = Instant::now();
        for i in 0..100_000 {
            store.hit(
                format!("key{i}").as_bytes(),
                Rate::per_hour(5),
                Algorithm::Gcra,
                now,
            );
        }
        assert!(store.len() <= 16 * 63, "{} keys held", store.len());
    }

    #[test]
    fn a_full_shard_sweeps_expired_keys_before_dropping_live_ones() {
        let start = Instant::now();
        let mut entries: HashMap<Box<[u8]>, Entry> = HashMap::new();
        for i in 0..6 {
            entries.insert(format!("old{i}").into_bytes().into(), Entry::Arrival(start));
        }
        let live = Entry::Arrival(start + Duration::from_secs(60));
        entries.insert(b"live1".as_slice().into(), live);
        entries.insert(b"live2".as_slice().into(), live);
        make_room(&mut entries, 8, start + Duration::from_secs(1));
        let mut left: Vec<&[u8]> = entries.keys().map(AsRef::as_ref).collect();
        left.sort();
        assert_eq!(left, [b"live1".as_slice(), b"live2".as_slice()]);
        // Nothing expired: down to three quarters.
        for i in 0..6 {
            entries.insert(format!("new{i}").into_bytes().into(), live);
        }
        make_room(&mut entries, 8, start + Duration::from_secs(1));
        assert_eq!(entries.len(), 6);
    }
}
