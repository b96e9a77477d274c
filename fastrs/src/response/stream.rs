//! `Stream`: a response body written as it is produced, FastAPI's `StreamingResponse`.

use std::pin::Pin;

use axum::body::Body;
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use futures_util::{Stream as FuturesStream, StreamExt};
use http::{HeaderMap, HeaderName, HeaderValue, StatusCode, header};

/// An error that ends a stream: the connection is closed before the body's end, which the
/// client sees as a cut answer.
pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// One piece of a streamed body: bytes or text, or a `Result` of either whose error ends
/// the stream.
pub trait Chunk: Send + 'static {
    /// The piece as bytes.
    fn into_bytes(self) -> Result<Bytes, BoxError>;
}

macro_rules! chunks {
    ($($ty:ty),*) => {$(
        impl Chunk for $ty {
            fn into_bytes(self) -> Result<Bytes, BoxError> {
                Ok(Bytes::from(self))
            }
        }
    )*};
}

chunks!(Bytes, Vec<u8>, String, &'static str, &'static [u8]);

impl<C: Chunk, E: Into<BoxError> + Send + 'static> Chunk for Result<C, E> {
    fn into_bytes(self) -> Result<Bytes, BoxError> {
        self.map_err(Into::into)?.into_bytes()
    }
}

/// A response whose body is any stream of bytes, written as each piece is produced, with no
/// `Content-Length` (chunked on HTTP/1.1). The next piece is asked for only once the client
/// has taken the last (backpressure), and the stream is dropped when the client goes away.
///
/// Without a media type there is no `Content-Type`, as with Starlette's `StreamingResponse`;
/// a `text/*` one gets `; charset=utf-8`.
///
/// ```
/// use fastrs::prelude::*;
/// use fastrs::response::Stream;
///
/// #[get("/count")]
/// async fn count() -> Stream {
///     let lines = futures_util::stream::iter((1..=3).map(|n| format!("{n}\n")));
///     Stream::new(lines).media_type("text/plain")
/// }
/// ```
pub struct Stream {
    body: Pin<Box<dyn FuturesStream<Item = Result<Bytes, BoxError>> + Send>>,
    media_type: Option<HeaderValue>,
    status: StatusCode,
    headers: HeaderMap,
}

impl Stream {
    /// A 200 answer of `stream`'s pieces.
    pub fn new<S>(stream: S) -> Self
    where
        S: FuturesStream + Send + 'static,
        S::Item: Chunk,
    {
        Self {
            body: Box::pin(stream.map(Chunk::into_bytes)),
            media_type: None,
            status: StatusCode::OK,
            headers: HeaderMap::new(),
        }
    }

    /// The `Content-Type`; a `text/*` one without a charset gets `; charset=utf-8`.
    ///
    /// # Panics
    ///
    /// When `media_type` is not a valid header value.
    #[must_use]
    pub fn media_type(mut self, media_type: &str) -> Self {
        self.media_type = Some(with_charset(media_type));
        self
    }

    /// The status, 200 unless set.
    #[must_use]
    pub fn status(mut self, status: StatusCode) -> Self {
        self.status = status;
        self
    }

    /// Adds a header.
    #[must_use]
    pub fn header(mut self, name: HeaderName, value: HeaderValue) -> Self {
        self.headers.append(name, value);
        self
    }
}

/// `media_type`, with `; charset=utf-8` for text, as Starlette's `init_headers` writes it.
pub(crate) fn with_charset(media_type: &str) -> HeaderValue {
    let value = if media_type.starts_with("text/")
        && !media_type.to_ascii_lowercase().contains("charset=")
    {
        format!("{media_type}; charset=utf-8")
    } else {
        media_type.to_owned()
    };
    HeaderValue::from_str(&value).expect("a valid media type")
}

impl IntoResponse for Stream {
    fn into_response(self) -> Response {
        let mut response = Response::new(Body::from_stream(self.body));
        *response.status_mut() = self.status;
        *response.headers_mut() = self.headers;
        if let Some(media_type) = self.media_type {
            response
                .headers_mut()
                .insert(header::CONTENT_TYPE, media_type);
        }
        response
    }
}

impl std::fmt::Debug for Stream {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Stream")
            .field("media_type", &self.media_type)
            .field("status", &self.status)
            .finish_non_exhaustive()
    }
}
