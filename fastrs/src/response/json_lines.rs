//! `JsonLines`: a stream of models as JSON Lines, FastAPI's `AsyncIterable[Item]` answer.

use std::marker::PhantomData;
use std::pin::Pin;

use axum::body::Body;
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use futures_util::{Stream, StreamExt};
use http::{HeaderValue, header};
use serde::Serialize;

use super::stream::BoxError;

/// A stream of `T`s answered as JSON Lines (`application/jsonl`): each item serialized on
/// one line, written as it is produced, as FastAPI 0.134+ streams a path operation typed
/// `AsyncIterable[Item]`. Documented with `T`'s schema as the `itemSchema` of
/// `application/jsonl`.
///
/// An item that cannot be serialized ends the stream: the client sees the answer cut.
///
/// ```
/// use fastrs::prelude::*;
/// use fastrs::response::JsonLines;
///
/// #[derive(Serialize, JsonSchema)]
/// struct Item {
///     name: String,
/// }
///
/// #[get("/items/stream")]
/// async fn stream_items() -> JsonLines<Item> {
///     let names = ["a", "b"].map(|name| Item { name: name.to_owned() });
///     JsonLines::new(futures_util::stream::iter(names))
/// }
/// ```
pub struct JsonLines<T> {
    lines: Pin<Box<dyn Stream<Item = Result<Bytes, BoxError>> + Send>>,
    item: PhantomData<fn() -> T>,
}

impl<T: Serialize + Send + 'static> JsonLines<T> {
    /// The items of `stream`, one line each.
    pub fn new(stream: impl Stream<Item = T> + Send + 'static) -> Self {
        let lines = stream.map(|item| {
            let mut line = serde_json::to_vec(&item)?;
            line.push(b'\n');
            Ok(Bytes::from(line))
        });
        Self {
            lines: Box::pin(lines),
            item: PhantomData,
        }
    }
}

impl<T> IntoResponse for JsonLines<T> {
    fn into_response(self) -> Response {
        let mut response = Response::new(Body::from_stream(self.lines));
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/jsonl"),
        );
        response
    }
}
