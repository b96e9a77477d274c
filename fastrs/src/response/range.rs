//! `Range` requests on a file answer, as Starlette's `FileResponse` serves them: one range is a
//! 206 with `Content-Range`, several a `multipart/byteranges` body, none satisfiable a 416;
//! `If-Range` decides whether the range or the whole file is sent.

use std::hash::BuildHasher;

use axum::body::Body;
use axum::extract::Request;
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use futures_util::StreamExt;
use http::{HeaderMap, HeaderValue, Method, StatusCode, header};

use super::file::{FileParts, Rangeable, file_body};

/// The most ranges served; more get the whole file (Starlette's `max_ranges`).
const MAX_RANGES: usize = 100;

/// What a request asks of a file answer's ranges: kept only when it sends `Range`.
pub(crate) struct RangeRequest {
    range: HeaderValue,
    if_range: Option<HeaderValue>,
}

impl RangeRequest {
    /// The `Range` (and `If-Range`) of a GET or HEAD request, if it sends one.
    pub(crate) fn of(req: &Request) -> Option<Box<RangeRequest>> {
        let range = req.headers().get(header::RANGE)?;
        if req.method() != Method::GET && req.method() != Method::HEAD {
            return None;
        }
        Some(Box::new(RangeRequest {
            range: range.clone(),
            if_range: req.headers().get(header::IF_RANGE).cloned(),
        }))
    }
}

/// `response` cut to the request's range, when it is a 200 file answer.
pub(crate) fn apply(response: Response, request: &RangeRequest) -> Response {
    if response.status() != StatusCode::OK {
        return response;
    }
    let Some(Rangeable(file)) = response.extensions().get::<Rangeable>().cloned() else {
        return response;
    };
    if let Some(if_range) = &request.if_range
        && !use_range(if_range, response.headers())
    {
        return response;
    }
    let Ok(range) = request.range.to_str() else {
        return plain(StatusCode::BAD_REQUEST, "Malformed range header.");
    };
    match parse(range, file.size) {
        Err(Refused::Malformed(message)) => plain(StatusCode::BAD_REQUEST, message),
        Err(Refused::NotSatisfiable) => {
            let mut answer = plain(StatusCode::RANGE_NOT_SATISFIABLE, "");
            let content_range = format!("bytes */{}", file.size);
            answer.headers_mut().insert(
                header::CONTENT_RANGE,
                HeaderValue::from_str(&content_range).expect("digits"),
            );
            answer
        }
        Ok(ranges) => match ranges[..] {
            [] => response,
            [(start, end)] => one_range(response, &file, start, end),
            _ => several_ranges(response, &file, &ranges),
        },
    }
}

/// Whether `If-Range` names the file as it is: its `ETag` or `Last-Modified`, never a weak tag.
fn use_range(if_range: &HeaderValue, headers: &HeaderMap) -> bool {
    if if_range.as_bytes().starts_with(b"W/") {
        return false;
    }
    [header::LAST_MODIFIED, header::ETAG]
        .iter()
        .any(|name| headers.get(name) == Some(if_range))
}

/// A plain-text answer, as Starlette's `PlainTextResponse`.
fn plain(status: StatusCode, text: &'static str) -> Response {
    let mut response = (status, text).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    response
}

/// Why a `Range` is not served.
#[derive(Debug, PartialEq)]
enum Refused {
    /// 400, with Starlette's message.
    Malformed(&'static str),
    /// 416.
    NotSatisfiable,
}

/// The ranges of `header` in a file of `size` bytes, each `start..end`, merged when several
/// overlap; empty to send the whole file (Starlette's `_parse_range_header`).
fn parse(header: &str, size: u64) -> Result<Vec<(u64, u64)>, Refused> {
    let Some((units, ranges)) = header.split_once('=') else {
        return Err(Refused::Malformed("Malformed range header."));
    };
    if !units.trim().eq_ignore_ascii_case("bytes") {
        return Err(Refused::Malformed("Only support bytes range"));
    }
    if ranges.matches(',').count() + 1 > MAX_RANGES {
        return Ok(Vec::new());
    }
    let size_i = i128::from(size);
    let mut parsed: Vec<(i128, i128)> = Vec::new();
    for part in ranges.split(',') {
        let part = part.trim();
        if part.is_empty() || part == "-" {
            continue;
        }
        let Some((start, end)) = part.split_once('-') else {
            continue;
        };
        let (start, end) = (start.trim(), end.trim());
        let number = |text: &str| text.parse::<i128>().ok();
        let range = if start.is_empty() {
            number(end).map(|suffix| ((size_i - suffix).max(0), size_i))
        } else {
            number(start).and_then(|first| match end {
                "" => Some((first, size_i)),
                end => {
                    number(end).map(|last| (first, if last < size_i { last + 1 } else { size_i }))
                }
            })
        };
        parsed.extend(range);
    }
    if parsed.is_empty() {
        return Err(Refused::Malformed("Range header: range must be requested"));
    }
    if parsed
        .iter()
        .any(|&(start, _)| !(0 <= start && start < size_i))
    {
        return Err(Refused::NotSatisfiable);
    }
    if parsed.iter().any(|&(start, end)| start >= end) {
        return Err(Refused::Malformed(
            "Range header: start must be less than end",
        ));
    }
    // Every bound is now within 0..=size.
    let mut ranges: Vec<(u64, u64)> = parsed
        .into_iter()
        .map(|(start, end)| (start as u64, end as u64))
        .collect();
    if ranges.len() == 1 {
        return Ok(ranges);
    }
    ranges.sort_unstable();
    let mut merged: Vec<(u64, u64)> = Vec::with_capacity(ranges.len());
    for (start, end) in ranges {
        match merged.last_mut() {
            Some(last) if start <= last.1 => last.1 = last.1.max(end),
            _ => merged.push((start, end)),
        }
    }
    Ok(merged)
}

/// 206 with the bytes `start..end`.
fn one_range(response: Response, file: &FileParts, start: u64, end: u64) -> Response {
    let (mut parts, _) = response.into_parts();
    parts.status = StatusCode::PARTIAL_CONTENT;
    let content_range = format!("bytes {start}-{}/{}", end - 1, file.size);
    parts.headers.insert(
        header::CONTENT_RANGE,
        HeaderValue::from_str(&content_range).expect("digits"),
    );
    parts
        .headers
        .insert(header::CONTENT_LENGTH, HeaderValue::from(end - start));
    Response::from_parts(
        parts,
        file_body(std::sync::Arc::clone(&file.file), start, end),
    )
}

/// 206 with a `multipart/byteranges` body of `ranges`.
fn several_ranges(response: Response, file: &FileParts, ranges: &[(u64, u64)]) -> Response {
    let boundary = boundary();
    let content_type = String::from_utf8_lossy(file.media_type.as_bytes()).into_owned();
    let head = |start: u64, end: u64| {
        Bytes::from(format!(
            "--{boundary}\r\nContent-Type: {content_type}\r\nContent-Range: bytes {start}-{}/{}\r\n\r\n",
            end - 1,
            file.size
        ))
    };
    let closing = Bytes::from(format!("--{boundary}--"));
    let length: u64 = ranges
        .iter()
        .map(|&(start, end)| head(start, end).len() as u64 + (end - start) + 2)
        .sum::<u64>()
        + closing.len() as u64;
    let mut pieces = Vec::with_capacity(ranges.len() * 3 + 1);
    for &(start, end) in ranges {
        pieces.push(Body::from(head(start, end)));
        pieces.push(file_body(std::sync::Arc::clone(&file.file), start, end));
        pieces.push(Body::from(Bytes::from_static(b"\r\n")));
    }
    pieces.push(Body::from(closing));
    let body = futures_util::stream::iter(pieces).flat_map(|piece| piece.into_data_stream());
    let (mut parts, _) = response.into_parts();
    parts.status = StatusCode::PARTIAL_CONTENT;
    parts.headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_str(&format!("multipart/byteranges; boundary={boundary}"))
            .expect("hexadecimal digits"),
    );
    parts
        .headers
        .insert(header::CONTENT_LENGTH, HeaderValue::from(length));
    Response::from_parts(parts, Body::from_stream(body))
}

/// 26 hexadecimal digits, unpredictable (Starlette's `token_hex(13)`).
fn boundary() -> String {
    let state = std::collections::hash_map::RandomState::new();
    let high = state.hash_one(std::time::SystemTime::now());
    let low = state.hash_one(high);
    format!("{high:016x}{:010x}", low & 0xff_ffff_ffff)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_parse_as_starlettes() {
        assert_eq!(parse("bytes=0-4", 10), Ok(vec![(0, 5)]));
        assert_eq!(parse("bytes=5-", 10), Ok(vec![(5, 10)]));
        assert_eq!(parse("bytes=-3", 10), Ok(vec![(7, 10)]));
        assert_eq!(parse("bytes=-30", 10), Ok(vec![(0, 10)]));
        assert_eq!(parse("bytes=2-100", 10), Ok(vec![(2, 10)]));
        assert_eq!(parse("BYTES = 0-1, 1-3, 6-7", 10), Ok(vec![(0, 4), (6, 8)]));
        assert_eq!(parse("bytes=0-1,x,,-", 10), Ok(vec![(0, 2)]));
        assert_eq!(parse("bytes=10-", 10), Err(Refused::NotSatisfiable));
        assert_eq!(parse("bytes=-0", 10), Err(Refused::NotSatisfiable));
        assert_eq!(
            parse("bytes=5-2", 10),
            Err(Refused::Malformed(
                "Range header: start must be less than end"
            ))
        );
        assert_eq!(
            parse("items=0-1", 10),
            Err(Refused::Malformed("Only support bytes range"))
        );
        assert_eq!(
            parse("bytes", 10),
            Err(Refused::Malformed("Malformed range header."))
        );
        assert_eq!(
            parse("bytes=x-y", 10),
            Err(Refused::Malformed("Range header: range must be requested"))
        );
        let many = format!("bytes={}", vec!["0-1"; 101].join(","));
        assert_eq!(parse(&many, 10), Ok(vec![]));
    }
}
