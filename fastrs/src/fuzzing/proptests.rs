//! Property tests of the parsers that read what clients send: query strings, cookies, header
//! values and scalars. Each must never panic, whatever the input, and round-trip where that
//! applies. `PROPTEST_CASES` raises the number of cases (default here: 2,000 per property).

use proptest::prelude::*;

use crate::context::sources::{header_values, parse_cookies, parse_pairs};
use crate::extract::Scalar;

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(2_000);
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

fn parts_with(header: &'static str, values: &[Vec<u8>]) -> http::request::Parts {
    let mut request = http::Request::new(());
    for value in values {
        if let Ok(value) = http::HeaderValue::from_bytes(value) {
            request.headers_mut().append(header, value);
        }
    }
    request.into_parts().0
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn any_query_string_parses(query in ".*") {
        let _ = crate::fuzzing::query_pairs(&query);
    }

    #[test]
    fn encoded_pairs_round_trip(pairs in proptest::collection::vec(("\\PC*", "\\PC*"), 0..8)) {
        let query: String = form_urlencoded::Serializer::new(String::new())
            .extend_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
            .finish();
        let parsed: Vec<(String, String)> = parse_pairs(&query)
            .into_iter()
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        // An empty key with an empty value encodes to `=`, which is kept; nothing else is lost.
        prop_assert_eq!(parsed, pairs);
    }

    #[test]
    fn any_cookie_header_parses(value in proptest::collection::vec(any::<u8>(), 0..128)) {
        let _ = crate::fuzzing::cookies(&value);
    }

    #[test]
    fn cookies_round_trip(cookies in proptest::collection::vec(("[A-Za-z0-9_-]{1,12}", "[A-Za-z0-9_.-]{0,12}"), 1..6)) {
        let header = cookies
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ");
        let parts = parts_with("cookie", &[header.into_bytes()]);
        let parsed: Vec<(String, String)> = parse_cookies(&parts)
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .collect();
        prop_assert_eq!(parsed, cookies);
    }

    #[test]
    fn any_header_value_reads(values in proptest::collection::vec(proptest::collection::vec(any::<u8>(), 0..64), 0..4)) {
        let parts = parts_with("x-any", &values);
        let name = http::HeaderName::from_static("x-any");
        let read: Vec<&str> = header_values(&parts, &name).collect();
        // Every UTF-8 value is read, in order; others are skipped.
        let expected: Vec<&str> = values
            .iter()
            .filter(|v| http::HeaderValue::from_bytes(v).is_ok())
            .filter_map(|v| std::str::from_utf8(v).ok())
            .collect();
        prop_assert_eq!(read, expected);
    }

    #[test]
    fn any_string_coerces_or_is_refused(raw in ".*") {
        crate::fuzzing::scalars(&raw);
        let _ = i64::parse(&raw);
        let _ = u8::parse(&raw);
        let _ = u64::parse(&raw);
        let _ = i128::parse(&raw);
        let _ = f32::parse(&raw);
        let _ = f64::parse(&raw);
        let _ = bool::parse(&raw);
        let _ = char::parse(&raw);
        let _ = String::parse(&raw);
        let _ = uuid::Uuid::parse(&raw);
    }

    #[test]
    fn integers_round_trip(n in any::<i64>(), m in any::<u32>()) {
        prop_assert_eq!(i64::parse(&n.to_string()).ok(), Some(n));
        prop_assert_eq!(u32::parse(&m.to_string()).ok(), Some(m));
    }

    #[test]
    fn finite_floats_round_trip(x in any::<f64>().prop_filter("finite", |x| x.is_finite())) {
        prop_assert_eq!(f64::parse(&x.to_string()).ok(), Some(x));
    }

    #[test]
    fn any_json_body_is_read_or_refused(body in proptest::collection::vec(any::<u8>(), 0..256)) {
        let _ = crate::fuzzing::json_body(&body);
    }

    #[test]
    fn json_shaped_bodies_are_read_or_refused(body in r#"\{("(name|price|count|tags|parts|id|ok)": ?(-?[0-9.e+]{1,8}|"[a-z]{0,4}"|true|null|\[\]|\{\}|\[\{"id": ?[0-9]{1,3}\}\]),? ?){0,6}\}"#) {
        let _ = crate::fuzzing::json_body(body.as_bytes());
    }

    #[test]
    fn uuids_round_trip(bytes in any::<[u8; 16]>()) {
        let id = uuid::Uuid::from_bytes(bytes);
        prop_assert_eq!(uuid::Uuid::parse(&id.to_string()).ok(), Some(id));
        prop_assert_eq!(uuid::Uuid::parse(&id.simple().to_string()).ok(), Some(id));
    }
}
