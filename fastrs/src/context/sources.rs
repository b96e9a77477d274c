//! The raw strings of each source: the query string, headers and cookies.

use std::borrow::Cow;

use http::request::Parts;

/// The query string's pairs, percent-decoded, in order. Parsed once per request; a key or
/// value with nothing to decode is borrowed.
pub(crate) fn parse_query(parts: &Parts) -> Vec<(Cow<'_, str>, Cow<'_, str>)> {
    parts.uri.query().map(parse_pairs).unwrap_or_default()
}

/// `a=1&b=x+y` as `application/x-www-form-urlencoded` pairs.
pub(crate) fn parse_pairs(query: &str) -> Vec<(Cow<'_, str>, Cow<'_, str>)> {
    query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            (decode(key), decode(value))
        })
        .collect()
}

/// Decodes `+` and `%XX`; invalid UTF-8 becomes U+FFFD, as in Starlette.
fn decode(text: &str) -> Cow<'_, str> {
    if !text.bytes().any(|b| b == b'%' || b == b'+') {
        return Cow::Borrowed(text);
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len()
                && hex(bytes[i + 1]).is_some()
                && hex(bytes[i + 2]).is_some() =>
            {
                out.push(hex(bytes[i + 1]).unwrap_or(0) * 16 + hex(bytes[i + 2]).unwrap_or(0));
                i += 2;
            }
            b => out.push(b),
        }
        i += 1;
    }
    match String::from_utf8(out) {
        Ok(s) => Cow::Owned(s),
        Err(e) => Cow::Owned(String::from_utf8_lossy(e.as_bytes()).into_owned()),
    }
}

fn hex(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// `text` percent-encoded: every byte but ASCII letters, digits and those in `safe` as `%XX`
/// (Python's `urllib.parse.quote(text, safe)`, which always keeps `_.-~`).
pub(crate) fn percent_encode(text: &str, safe: &[u8]) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"_.-~".contains(&byte) || safe.contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// A path segment percent-decoded (`+` stays `+`, unlike in a query); `None` when the bytes
/// are not UTF-8.
pub(crate) fn percent_decode(text: &str) -> Option<Cow<'_, str>> {
    if !text.contains('%') {
        return Some(Cow::Borrowed(text));
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                (Some(high), Some(low)) => {
                    out.push(high << 4 | low);
                    i += 3;
                }
                _ => {
                    out.push(b'%');
                    i += 1;
                }
            },
            byte => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok().map(Cow::Owned)
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
    name: &http::HeaderName,
) -> impl DoubleEndedIterator<Item = &'a str> + 'a {
    parts
        .headers
        .get_all(name)
        .into_iter()
        .filter_map(header_str)
}

/// A header's value as text, `None` when it is not UTF-8.
pub(crate) fn header_str(value: &http::HeaderValue) -> Option<&str> {
    // Visible ASCII (the common case) is checked faster than UTF-8.
    value
        .to_str()
        .ok()
        .or_else(|| std::str::from_utf8(value.as_bytes()).ok())
}

/// The cookies of every `Cookie` header: `name=value` pairs split on `;`.
pub(crate) fn parse_cookies(parts: &Parts) -> Vec<(&str, &str)> {
    header_values(parts, &http::header::COOKIE)
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

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(q: &str) -> Vec<(String, String)> {
        parse_pairs(q)
            .into_iter()
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect()
    }

    #[test]
    fn decodes_like_form_urlencoded() {
        for q in [
            "a=1&b=x+y",
            "q=%20%41%e2%82%ac&&x",
            "k%3D=v%26w",
            "bad=%zz%4",
            "u=%ff",
            "=v&k=",
        ] {
            let expected: Vec<(String, String)> = form_urlencoded::parse(q.as_bytes())
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect();
            assert_eq!(pairs(q), expected, "{q}");
        }
    }

    #[test]
    fn borrows_what_needs_no_decoding() {
        let parsed = parse_pairs("limit=10&q=hello");
        assert!(
            parsed
                .iter()
                .all(|(k, v)| matches!(k, Cow::Borrowed(_)) && matches!(v, Cow::Borrowed(_)))
        );
    }
}
