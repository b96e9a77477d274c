//! `GZip`: Starlette's `GZipMiddleware` (1.10), as a tower layer, on `flate2`.

use std::future::Future;
use std::io::Write as _;
use std::pin::Pin;
use std::task::{Context, Poll};

use axum::body::Body;
use axum::extract::Request;
use axum::response::Response;
use bytes::Bytes;
use flate2::Compression;
use flate2::write::GzEncoder;
use http::{HeaderMap, HeaderValue, StatusCode, header};
use http_body::Frame;
use http_body_util::BodyExt as _;
use tower::{Layer, Service};

use crate::error::StartupError;

/// The media types Starlette never compresses: already compressed, or streamed events.
const EXCLUDED: &[&str] = &[
    "application/grpc",
    "application/gzip",
    "application/x-gzip",
    "application/zip",
    "audio/*",
    "font/woff",
    "font/woff2",
    "image/avif",
    "image/gif",
    "image/jpeg",
    "image/png",
    "image/webp",
    "text/event-stream",
    "video/*",
];

/// A whole body at least this long is compressed on a blocking thread, as Starlette does, so
/// that it does not hold up the other requests.
const THREAD_MINIMUM_SIZE: usize = 128 * 1024;

/// Compresses answers with gzip when the request's `Accept-Encoding` names it, as Starlette's
/// `GZipMiddleware`:
///
/// - a whole body shorter than `minimum_size` (500 bytes by default) is sent as it is;
/// - a longer one is compressed (level 9 by default), with `Content-Encoding: gzip` and its
///   new `Content-Length`;
/// - a streamed body (one whose length is not known in advance) is compressed chunk by
///   chunk, each flushed as it comes, without `Content-Length`;
/// - answers that already have a `Content-Encoding`, 206 answers and the excluded media types
///   (images, audio, video, archives, fonts, gRPC and `text/event-stream`) are left alone;
/// - `Vary: Accept-Encoding` is added to every answer that could have been compressed, also
///   when this request did not accept gzip.
///
/// ```
/// use fastrs::middleware::GZip;
/// use fastrs::prelude::*;
///
/// let app = App::empty().layer(GZip::new().minimum_size(1000).level(6));
/// # let _ = app;
/// ```
#[derive(Debug, Clone)]
pub struct GZip {
    minimum_size: usize,
    level: u32,
    excluded: std::sync::Arc<[String]>,
}

impl Default for GZip {
    fn default() -> Self {
        Self::new()
    }
}

impl GZip {
    /// Starlette's defaults: 500 bytes, level 9, its excluded media types.
    pub fn new() -> Self {
        Self {
            minimum_size: 500,
            level: 9,
            excluded: EXCLUDED.iter().map(|&t| t.to_owned()).collect(),
        }
    }

    /// The smallest whole body that is compressed, in bytes.
    #[must_use]
    pub fn minimum_size(mut self, bytes: usize) -> Self {
        self.minimum_size = bytes;
        self
    }

    /// The compression level, from 0 (none) to 9 (smallest, the default); another value
    /// stops the app at start-up.
    #[must_use]
    pub fn level(mut self, level: u32) -> Self {
        self.level = level;
        self
    }

    /// The media types never compressed, in place of Starlette's list; `image/*` names a
    /// whole family, and parameters after `;` are ignored.
    #[must_use]
    pub fn exclude_content_types<S: AsRef<str>>(
        mut self,
        types: impl IntoIterator<Item = S>,
    ) -> Self {
        self.excluded = types
            .into_iter()
            .map(|t| normalize(t.as_ref()).to_owned())
            .collect();
        self
    }

    /// Refuses a level zlib does not have.
    pub(crate) fn check(&self) -> Result<(), StartupError> {
        if self.level > 9 {
            return Err(StartupError::new(format!(
                "`GZip` level {}: the compression level goes from 0 to 9",
                self.level
            )));
        }
        Ok(())
    }

    /// Whether the answer with these parts is passed on untouched.
    fn leaves_alone(&self, status: StatusCode, headers: &HeaderMap) -> bool {
        if headers.contains_key(header::CONTENT_ENCODING) || status == StatusCode::PARTIAL_CONTENT {
            return true;
        }
        let content_type = headers
            .get(header::CONTENT_TYPE)
            .map(|v| String::from_utf8_lossy(v.as_bytes()))
            .unwrap_or_default();
        let media = normalize(&content_type).to_ascii_lowercase();
        let family = format!("{}/*", media.split('/').next().unwrap_or_default());
        self.excluded.iter().any(|t| {
            *t == media
                || *t == family
                || (t == "application/grpc" && media.starts_with("application/grpc+"))
        })
    }
}

/// A media type without its parameters.
fn normalize(content_type: &str) -> &str {
    content_type.split(';').next().unwrap_or_default().trim()
}

impl<S> Layer<S> for GZip {
    type Service = GZipService<S>;

    fn layer(&self, inner: S) -> GZipService<S> {
        GZipService {
            inner,
            gzip: self.clone(),
        }
    }
}

/// The service of [`GZip`] around `S`.
#[derive(Debug, Clone)]
pub struct GZipService<S> {
    inner: S,
    gzip: GZip,
}

impl<S, B> Service<Request> for GZipService<S>
where
    S: Service<Request, Response = http::Response<B>>,
    S::Future: Send + 'static,
    B: http_body::Body<Data = Bytes> + Send + 'static,
    B::Error: Into<axum::BoxError>,
{
    type Response = Response;
    type Error = S::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Response, S::Error>> + Send>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), S::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request) -> Self::Future {
        // Starlette looks for `gzip` in the first `Accept-Encoding`, quality values ignored.
        let accepts = request
            .headers()
            .get(header::ACCEPT_ENCODING)
            .is_some_and(|v| v.as_bytes().windows(4).any(|w| w == b"gzip"));
        let answer = self.inner.call(request);
        let gzip = self.gzip.clone();
        Box::pin(async move {
            let response = answer.await?;
            Ok(gzip.encode(response, accepts).await)
        })
    }
}

impl GZip {
    /// The answer, compressed when `accepts` and Starlette's rules say so.
    async fn encode<B>(self, response: http::Response<B>, accepts: bool) -> Response
    where
        B: http_body::Body<Data = Bytes> + Send + 'static,
        B::Error: Into<axum::BoxError>,
    {
        if self.leaves_alone(response.status(), response.headers()) {
            return response.map(Body::new);
        }
        let (mut parts, body) = response.into_parts();
        if let Some(length) = body.size_hint().exact() {
            if length < self.minimum_size as u64 {
                return Response::from_parts(parts, Body::new(body));
            }
            let whole = match body.collect().await {
                Ok(collected) => collected.to_bytes(),
                Err(error) => return body_failed(error.into()),
            };
            add_vary(&mut parts.headers);
            if !accepts {
                return Response::from_parts(parts, Body::from(whole));
            }
            let level = self.level;
            let compressed = if whole.len() >= THREAD_MINIMUM_SIZE {
                match tokio::task::spawn_blocking(move || compress(&whole, level)).await {
                    Ok(compressed) => compressed,
                    Err(error) => return body_failed(error.into()),
                }
            } else {
                compress(&whole, level)
            };
            parts
                .headers
                .insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
            parts
                .headers
                .insert(header::CONTENT_LENGTH, HeaderValue::from(compressed.len()));
            return Response::from_parts(parts, Body::from(compressed));
        }
        // A stream: Starlette decides on its first chunk, before sending the headers.
        let mut body = Box::pin(body);
        let first = std::future::poll_fn(|cx| body.as_mut().poll_frame(cx)).await;
        let first = match first {
            // An empty stream, shorter than any minimum: still a stream, of nothing.
            None => {
                let empty = Streamed {
                    first: None,
                    inner: body,
                    encoder: None,
                    trailers: None,
                    ended: true,
                };
                return Response::from_parts(parts, Body::new(empty));
            }
            Some(Err(error)) => return body_failed(error.into()),
            Some(Ok(frame)) => frame,
        };
        add_vary(&mut parts.headers);
        let encoder = accepts.then(|| {
            parts
                .headers
                .insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
            parts.headers.remove(header::CONTENT_LENGTH);
            GzEncoder::new(Vec::new(), Compression::new(self.level))
        });
        let streamed = Streamed {
            first: Some(first),
            inner: body,
            encoder,
            trailers: None,
            ended: false,
        };
        Response::from_parts(parts, Body::new(streamed))
    }
}

/// `Vary` with `Accept-Encoding` added to its values, in one header, as Starlette writes it.
fn add_vary(headers: &mut HeaderMap) {
    let mut values: Vec<&[u8]> = headers
        .get_all(header::VARY)
        .iter()
        .map(HeaderValue::as_bytes)
        .collect();
    values.push(b"Accept-Encoding");
    let joined = values.join(&b", "[..]);
    if let Ok(value) = HeaderValue::from_bytes(&joined) {
        headers.insert(header::VARY, value);
    }
}

/// A whole body, gzipped at `level`.
fn compress(body: &[u8], level: u32) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::with_capacity(body.len() / 2), Compression::new(level));
    // Writing to a `Vec` cannot fail.
    let _ = encoder.write_all(body);
    encoder.finish().unwrap_or_default()
}

/// The answer when the inner body failed before anything was sent: 500, logged.
fn body_failed(error: axum::BoxError) -> Response {
    crate::say::say_error!("GZip could not read the answer's body: {error}");
    crate::response::internal_error()
}

/// A streamed body after its first frame was read: passed on, or compressed frame by frame.
struct Streamed<B> {
    first: Option<Frame<Bytes>>,
    inner: Pin<Box<B>>,
    /// The gzip stream, or `None` to pass the body on as it is.
    encoder: Option<GzEncoder<Vec<u8>>>,
    /// Trailers waiting for the end of the gzip stream to be sent.
    trailers: Option<HeaderMap>,
    /// The inner body has ended.
    ended: bool,
}

impl<B> Streamed<B> {
    /// A data frame as sent: itself, or its compressed bytes flushed.
    fn data(&mut self, data: Bytes) -> Bytes {
        let Some(encoder) = &mut self.encoder else {
            return data;
        };
        let _ = encoder.write_all(&data);
        // A sync flush, so that the client can read the chunk now (Starlette's Z_SYNC_FLUSH).
        let _ = encoder.flush();
        Bytes::from(std::mem::take(encoder.get_mut()))
    }

    /// The end of the gzip stream, once: its last block and trailer.
    fn finish(&mut self) -> Option<Bytes> {
        let encoder = self.encoder.take()?;
        Some(Bytes::from(encoder.finish().unwrap_or_default()))
    }

    /// The frame to send for `frame`, read from the inner body.
    fn frame(&mut self, frame: Frame<Bytes>) -> Frame<Bytes> {
        match frame.into_data() {
            Ok(data) => Frame::data(self.data(data)),
            Err(frame) => match (frame.into_trailers(), self.finish()) {
                // Trailers end the data: the gzip stream ends first.
                (Ok(trailers), Some(tail)) => {
                    self.trailers = Some(trailers);
                    Frame::data(tail)
                }
                (Ok(trailers), None) => Frame::trailers(trailers),
                // Neither data nor trailers: no such frame exists today.
                (Err(_), tail) => Frame::data(tail.unwrap_or_default()),
            },
        }
    }
}

impl<B> http_body::Body for Streamed<B>
where
    B: http_body::Body<Data = Bytes>,
    B::Error: Into<axum::BoxError>,
{
    type Data = Bytes;
    type Error = axum::BoxError;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Self::Error>>> {
        // Every field is `Unpin`: the inner body is boxed.
        let this = self.get_mut();
        if let Some(trailers) = this.trailers.take() {
            return Poll::Ready(Some(Ok(Frame::trailers(trailers))));
        }
        if let Some(first) = this.first.take() {
            return Poll::Ready(Some(Ok(this.frame(first))));
        }
        if this.ended {
            return Poll::Ready(None);
        }
        match this.inner.as_mut().poll_frame(cx) {
            Poll::Ready(Some(Ok(frame))) => Poll::Ready(Some(Ok(this.frame(frame)))),
            Poll::Ready(Some(Err(error))) => Poll::Ready(Some(Err(error.into()))),
            Poll::Ready(None) => {
                this.ended = true;
                Poll::Ready(this.finish().map(|tail| Ok(Frame::data(tail))))
            }
            Poll::Pending => Poll::Pending,
        }
    }
}
