//! The raw strings of each source: the query string, headers and cookies.

use std::borrow::Cow;

use http::request::Parts;

/// The query string's pairs, percent-decoded, in order. Parsed once per request.
pub(crate) fn parse_query(parts: &Parts) -> Vec<(Cow<'_, str>, Cow<'_, str>)> {
    parts
        .uri
        .query()
        .map(|q| form_urlencoded::parse(q.as_bytes()).collect())
        .unwrap_or_default()
}

/// Every value sent under `key`, in order.
pub(crate) fn values_of<'a>(
    pairs: &'a [(Cow<'_, str>, Cow<'_, str>)],
    key: &'a str,
) -> impl DoubleEndedIterator<Item = &'a str> + 'a {
    pairs
        .iter()
        .filter(move |(k, _)| k == key)
        .map(|(_, v)| v.as_ref())
}

/// Every value of header `name` (case-insensitive), in order; values that are not UTF-8 are
/// skipped.
pub(crate) fn header_values<'a>(
    parts: &'a Parts,
    name: &'static str,
) -> impl DoubleEndedIterator<Item = &'a str> + 'a {
    parts
        .headers
        .get_all(name)
        .into_iter()
        .filter_map(|v| std::str::from_utf8(v.as_bytes()).ok())
}

/// The cookies of every `Cookie` header: `name=value` pairs split on `;`.
pub(crate) fn parse_cookies(parts: &Parts) -> Vec<(&str, &str)> {
    header_values(parts, "cookie")
        .flat_map(|h| h.split(';'))
        .filter_map(|pair| {
            let (name, value) = pair.split_once('=')?;
            let value = value.trim();
            let value = value
                .strip_prefix('"')
                .and_then(|v| v.strip_suffix('"'))
                .unwrap_or(value);
            Some((name.trim(), value))
        })
        .collect()
}
