//! Header values of numbers, for the `X-RateLimit-*` headers of every limited answer, made
//! without an allocation each: the numbers up to 9,999 are slices of one table built when
//! compiling; a larger one is written into a chunk of memory its thread shares among many
//! values (one allocation per 4 KiB of digits); and the last reset time made on a thread is
//! kept for the next answers (a window's reset, the same for every request in it).

use std::cell::RefCell;

use bytes::BytesMut;
use http::HeaderValue;

/// The largest number the table holds.
const IN_TABLE: u64 = 9_999;

/// Bytes of the table: 10 numbers of one digit, 90 of two, 900 of three, 9,000 of four.
const TABLE_LEN: usize = 10 + 90 * 2 + 900 * 3 + 9_000 * 4;

/// `0123456789101112...9999`.
static TABLE: &str = match std::str::from_utf8(&table()) {
    Ok(digits) => digits,
    Err(_) => panic!("digits are UTF-8"),
};

const fn table() -> [u8; TABLE_LEN] {
    let mut out = [0u8; TABLE_LEN];
    let mut n = 0;
    let mut at = 0;
    while n <= IN_TABLE {
        let (_, width) = place(n);
        let mut left = n;
        let mut i = width;
        while i > 0 {
            i -= 1;
            out[at + i] = b'0' + (left % 10) as u8;
            left /= 10;
        }
        at += width;
        n += 1;
    }
    out
}

/// Where `n` (at most [`IN_TABLE`]) starts in the table, and its width.
const fn place(n: u64) -> (usize, usize) {
    let n = n as usize;
    match n {
        0..10 => (n, 1),
        10..100 => (10 + (n - 10) * 2, 2),
        100..1_000 => (190 + (n - 100) * 3, 3),
        _ => (2_890 + (n - 1_000) * 4, 4),
    }
}

thread_local! {
    /// The last number [`kept`] made into a value on this thread.
    static LAST: RefCell<Option<(u64, HeaderValue)>> = const { RefCell::new(None) };
    /// Where this thread writes the digits of numbers above the table.
    static CHUNK: RefCell<BytesMut> = RefCell::new(BytesMut::new());
}

/// The bytes a thread's chunk of digits holds.
const CHUNK_SIZE: usize = 4096;

/// `n` in decimal, as a header value.
pub(super) fn value(n: u64) -> HeaderValue {
    if n <= IN_TABLE {
        let (start, width) = place(n);
        if let Some(digits) = TABLE.get(start..start + width) {
            return HeaderValue::from_static(digits);
        }
    }
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut left = n;
    loop {
        at -= 1;
        digits[at] = b'0' + (left % 10) as u8;
        left /= 10;
        if left == 0 {
            break;
        }
    }
    let digits = &digits[at..];
    CHUNK.with(|chunk| {
        let mut chunk = chunk.borrow_mut();
        if chunk.capacity() < digits.len() {
            *chunk = BytesMut::with_capacity(CHUNK_SIZE);
        }
        chunk.extend_from_slice(digits);
        let written = chunk.split_to(digits.len()).freeze();
        HeaderValue::from_maybe_shared(written).unwrap_or_else(|_| HeaderValue::from(n))
    })
}

/// [`value`] of a number that repeats from one answer to the next (a time in seconds): the
/// last one made on this thread is kept.
pub(super) fn kept(n: u64) -> HeaderValue {
    LAST.with(|last| {
        let mut last = last.borrow_mut();
        match &*last {
            Some((kept, value)) if *kept == n => value.clone(),
            _ => {
                let value = value(n);
                *last = Some((n, value.clone()));
                value
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::{kept, value};

    #[test]
    fn every_number_reads_as_itself() {
        // Past a chunk's end too (4 KiB of digits).
        for n in (0..=10_050)
            .chain(1_000_000_000..1_000_001_000)
            .chain([u64::MAX])
        {
            assert_eq!(value(n).to_str().unwrap(), n.to_string(), "{n}");
            assert_eq!(kept(n).to_str().unwrap(), n.to_string(), "{n}");
        }
        // The kept value is the right one after another number, and again.
        for n in [1_796_190_342, 1_796_190_342, 1_796_190_343, 7] {
            assert_eq!(kept(n).to_str().unwrap(), n.to_string());
        }
    }
}
