//! `RequestId`: the id of a request (`App::request_ids`), the one its `X-Request-ID` gives when
//! it is a sound one, else one made here, which the answer carries back, and which the panic
//! log and the background tasks' log name.

use std::hash::{BuildHasher, Hasher};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};

use http::{HeaderMap, HeaderName, HeaderValue};

use super::{Cx, FromCx};

/// The header a request id travels in, both ways.
pub(crate) const X_REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// The longest id taken from a request.
const LONGEST: usize = 128;

/// The id of the request being served, in an app with
/// [`App::request_ids`](crate::App::request_ids): the request's own `X-Request-ID` when it is
/// 1 to 128 characters of letters, digits and `-_.:+/=`, or else a new one (a random UUID's
/// form). The answer carries it back in `x-request-id`; the log lines of a panic and of the
/// background tasks name it.
///
/// ```
/// use fastrs::RequestId;
/// use fastrs::prelude::*;
///
/// #[get("/whoami")]
/// async fn whoami(id: RequestId) -> String {
///     format!("request {id}")
/// }
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct RequestId(HeaderValue);

impl RequestId {
    /// The id, as text.
    pub fn as_str(&self) -> &str {
        // Made only of the characters `sound` accepts, or by `fresh`: ASCII.
        self.0.to_str().unwrap_or_default()
    }

    /// The id of a request with these headers, and whether it is theirs (or else a new one,
    /// to be told to the request).
    pub(crate) fn of(headers: &HeaderMap) -> (Self, bool) {
        match headers.get(X_REQUEST_ID).filter(|value| sound(value)) {
            Some(value) => (Self(value.clone()), true),
            None => (fresh(), false),
        }
    }

    /// As a header value.
    pub(crate) fn value(&self) -> &HeaderValue {
        &self.0
    }
}

impl std::fmt::Display for RequestId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Whether a client's id can be taken as it is: not empty, not too long, and nothing that
/// could forge a log line or a header.
fn sound(value: &HeaderValue) -> bool {
    let bytes = value.as_bytes();
    !bytes.is_empty()
        && bytes.len() <= LONGEST
        && bytes
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || b"-_.:+/=".contains(b))
}

/// A new id, in a random UUID's form: 122 bits from a keyed hash of a count, under a key
/// drawn once per process, so that ids differ between instances and never repeat within one.
fn fresh() -> RequestId {
    static KEY: OnceLock<std::collections::hash_map::RandomState> = OnceLock::new();
    static COUNT: AtomicU64 = AtomicU64::new(0);
    let key = KEY.get_or_init(std::collections::hash_map::RandomState::new);
    let count = COUNT.fetch_add(1, Ordering::Relaxed);
    let half = |salt: u64| {
        let mut hasher = key.build_hasher();
        hasher.write_u64(count);
        hasher.write_u64(salt);
        hasher.finish()
    };
    let mut bits = (u128::from(half(0)) << 64) | u128::from(half(1));
    // Version 4, variant 10, as a random UUID.
    bits = (bits & !(0xf << 76)) | (0x4 << 76);
    bits = (bits & !(0x3 << 62)) | (0x2 << 62);
    let hex = format!("{bits:032x}");
    let text = format!(
        "{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    );
    RequestId(HeaderValue::from_str(&text).unwrap_or(HeaderValue::from_static("0")))
}

impl FromCx for RequestId {
    fn from_cx(cx: &mut Cx<'_>) -> Option<Self> {
        // Put there by the app when it has request ids; otherwise one of its own, which no
        // answer carries.
        Some(
            cx.parts()
                .extensions
                .get::<RequestId>()
                .cloned()
                .unwrap_or_else(fresh),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sound_id_is_taken_and_any_other_replaced() {
        for id in [
            "abc-123",
            "4b0c3f1e-9c1d-4a7e-8f00-1234567890ab",
            "a:b.c_d+e/f=",
            "x",
        ] {
            let mut headers = HeaderMap::new();
            headers.insert(X_REQUEST_ID, id.parse().unwrap());
            assert_eq!(
                RequestId::of(&headers),
                (RequestId(id.parse().unwrap()), true)
            );
        }
        let too_long = "a".repeat(129);
        for id in [
            "",
            "has space",
            "quote\"",
            "semi;colon",
            "ü",
            too_long.as_str(),
        ] {
            let mut headers = HeaderMap::new();
            headers.insert(
                X_REQUEST_ID,
                HeaderValue::from_bytes(id.as_bytes()).unwrap(),
            );
            let (made, taken) = RequestId::of(&headers);
            assert!(!taken, "{id:?}");
            assert_ne!(made.as_str(), id);
        }
    }

    #[test]
    fn fresh_ids_have_a_random_uuids_form_and_differ() {
        let (a, b) = (fresh(), fresh());
        assert_ne!(a, b);
        for id in [a, b] {
            let text = id.as_str();
            assert_eq!(text.len(), 36, "{text}");
            let groups: Vec<usize> = text.split('-').map(str::len).collect();
            assert_eq!(groups, [8, 4, 4, 4, 12], "{text}");
            assert_eq!(&text[14..15], "4", "{text}");
            assert!("89ab".contains(&text[19..20]), "{text}");
        }
    }
}
