//! The IETF draft's fields (draft-ietf-httpapi-ratelimit-headers): `RateLimit-Policy`, a
//! limit's quota and window (`"POST /login";q=5;w=60`), and `RateLimit`, what is left of it
//! and when more comes (`"POST /login";r=4;t=60`), Structured Fields items named by the limit.

use http::{HeaderMap, HeaderName, HeaderValue};

use super::Rate;

/// `RateLimit-Policy`.
pub(super) const RATELIMIT_POLICY: HeaderName = HeaderName::from_static("ratelimit-policy");
/// `RateLimit`.
pub(super) const RATELIMIT: HeaderName = HeaderName::from_static("ratelimit");

/// A limit's policy, made once: its name as a Structured Fields string, and its
/// `RateLimit-Policy` item.
#[derive(Debug)]
pub(crate) struct DraftPolicy {
    /// `"POST /login"`.
    name: String,
    /// `"POST /login";q=5;w=60`.
    policy: HeaderValue,
}

impl DraftPolicy {
    /// The policy named `name` of `rate`: its quota the rate's count, its window the rate's
    /// period in seconds.
    pub(crate) fn new(name: &str, rate: Rate) -> Self {
        let name = sf_string(name);
        let window = rate.period().as_secs().max(1);
        let policy = format!("{name};q={};w={window}", rate.count());
        Self {
            policy: HeaderValue::from_str(&policy).expect("a Structured Fields item is ASCII"),
            name,
        }
    }

    /// Writes `RateLimit-Policy` and `RateLimit` (`remaining` left, more in `seconds`) into
    /// `headers`, replacing any of the same names.
    pub(super) fn write(&self, headers: &mut HeaderMap, remaining: u64, seconds: u64) {
        let limit = format!("{};r={remaining};t={seconds}", self.name);
        headers.insert(RATELIMIT_POLICY, self.policy.clone());
        headers.insert(
            RATELIMIT,
            HeaderValue::from_str(&limit).expect("a Structured Fields item is ASCII"),
        );
    }
}

/// `text` as a Structured Fields string (RFC 9651 section 3.3.3): quoted, `"` and `\` escaped,
/// any character outside printable ASCII written `?`.
fn sf_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            ' '..='~' => out.push(c),
            _ => out.push('?'),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::{DraftPolicy, sf_string};
    use crate::ratelimit::Rate;

    #[test]
    fn a_name_is_written_as_a_structured_fields_string() {
        assert_eq!(sf_string("POST /login"), r#""POST /login""#);
        assert_eq!(sf_string(r#"a"b\c"#), r#""a\"b\\c""#);
        assert_eq!(sf_string("café\n"), r#""caf??""#);
    }

    #[test]
    fn the_policy_and_the_limit_left() {
        let policy = DraftPolicy::new("app", Rate::per_hour(1000));
        let mut headers = http::HeaderMap::new();
        policy.write(&mut headers, 998, 3599);
        assert_eq!(headers["ratelimit-policy"], r#""app";q=1000;w=3600"#);
        assert_eq!(headers["ratelimit"], r#""app";r=998;t=3599"#);
    }
}
