//! `Sse` and `Event`: Server-Sent Events, written as FastAPI's `EventSourceResponse` writes
//! them (`fastapi/sse.py`): field order, `\n` line ends, JSON data, a `: ping` when idle.

use std::fmt;
use std::marker::PhantomData;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use axum::body::Body;
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use futures_util::{Stream, StreamExt};
use http::{HeaderValue, header};
use serde::Serialize;
use tokio::time::{Instant, Sleep};

use super::stream::BoxError;

/// How long a stream may be idle before a `: ping` comment (FastAPI's `_PING_INTERVAL`).
pub const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// One Server-Sent Event, FastAPI's `ServerSentEvent`. Its data is JSON ([`Event::json`]) or
/// text sent as it is ([`Event::raw`]); `event` and `id` must be single lines, which is
/// checked here, when the event is built.
///
/// ```
/// use fastrs::response::Event;
///
/// let event = Event::json(&serde_json::json!({"n": 1}))
///     .unwrap()
///     .event("update")
///     .unwrap()
///     .id("7")
///     .unwrap();
/// assert_eq!(event.to_string(), "event: update\ndata: {\"n\":1}\nid: 7\n\n");
/// assert!(Event::raw("x").event("two\nlines").is_err());
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Event {
    comment: Option<String>,
    event: Option<String>,
    data: Option<String>,
    id: Option<String>,
    retry: Option<u64>,
}

/// A field refused when an [`Event`] is built, with FastAPI's message.
#[derive(Debug)]
pub struct EventError(String);

impl fmt::Display for EventError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for EventError {}

/// `value`, if it is one line (FastAPI's `_check_single_line`).
fn single_line(value: String, field: &str) -> Result<String, EventError> {
    if value.contains(['\r', '\n']) {
        return Err(EventError(format!("SSE '{field}' must be a single line")));
    }
    Ok(value)
}

impl Event {
    /// An event whose data is `data` as JSON (strings quoted, as in FastAPI).
    ///
    /// # Errors
    ///
    /// When `data` cannot be serialized.
    pub fn json<T: Serialize + ?Sized>(data: &T) -> Result<Event, EventError> {
        let data = serde_json::to_string(data).map_err(|e| EventError(e.to_string()))?;
        Ok(Event {
            data: Some(data),
            ..Event::default()
        })
    }

    /// An event whose data is `data` as it is (FastAPI's `raw_data`): HTML, CSV, text.
    pub fn raw(data: impl Into<String>) -> Event {
        Event {
            data: Some(data.into()),
            ..Event::default()
        }
    }

    /// An event with only a comment, which `EventSource` clients ignore.
    pub fn comment(comment: impl Into<String>) -> Event {
        Event::default().with_comment(comment)
    }

    /// Adds comment lines (a `:` line each).
    #[must_use]
    pub fn with_comment(mut self, comment: impl Into<String>) -> Event {
        self.comment = Some(comment.into());
        self
    }

    /// The event's type, for `addEventListener(type, ...)` in the browser.
    ///
    /// # Errors
    ///
    /// When `event` is not a single line.
    pub fn event(mut self, event: impl Into<String>) -> Result<Event, EventError> {
        self.event = Some(single_line(event.into(), "event")?);
        Ok(self)
    }

    /// The event's id, which the browser sends back as `Last-Event-ID` when it reconnects.
    ///
    /// # Errors
    ///
    /// When `id` is not a single line or has a null character.
    pub fn id(mut self, id: impl Into<String>) -> Result<Event, EventError> {
        let id = id.into();
        if id.contains('\0') {
            return Err(EventError(
                "SSE 'id' must not contain null characters".to_owned(),
            ));
        }
        self.id = Some(single_line(id, "id")?);
        Ok(self)
    }

    /// How long the browser waits before reconnecting, in whole milliseconds.
    #[must_use]
    pub fn retry(mut self, after: Duration) -> Event {
        self.retry = Some(u64::try_from(after.as_millis()).unwrap_or(u64::MAX));
        self
    }
}

/// Split on the line ends of the SSE format (`\r\n`, `\r`, `\n`), keeping empty lines.
fn lines(value: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(value);
    std::iter::from_fn(move || {
        let text = rest?;
        match text.find(['\r', '\n']) {
            Some(at) => {
                let skip = if text[at..].starts_with("\r\n") { 2 } else { 1 };
                rest = Some(&text[at + skip..]);
                Some(&text[..at])
            }
            None => {
                rest = None;
                Some(text)
            }
        }
    })
}

/// The event on the wire: comments, `event`, `data`, `id`, `retry`, and a blank line.
impl fmt::Display for Event {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(comment) = &self.comment {
            for line in lines(comment) {
                writeln!(f, ": {line}")?;
            }
        }
        if let Some(event) = &self.event {
            writeln!(f, "event: {event}")?;
        }
        if let Some(data) = &self.data {
            for line in lines(data) {
                writeln!(f, "data: {line}")?;
            }
        }
        if let Some(id) = &self.id {
            writeln!(f, "id: {id}")?;
        }
        if let Some(retry) = self.retry {
            writeln!(f, "retry: {retry}")?;
        }
        writeln!(f)
    }
}

/// What a stream of events may yield: an [`Event`], or a `Result` of one whose error ends the
/// stream.
pub trait IntoEvent: Send + 'static {
    /// The event.
    fn into_event(self) -> Result<Event, BoxError>;
}

impl IntoEvent for Event {
    fn into_event(self) -> Result<Event, BoxError> {
        Ok(self)
    }
}

impl<E: Into<BoxError> + Send + 'static> IntoEvent for Result<Event, E> {
    fn into_event(self) -> Result<Event, BoxError> {
        self.map_err(Into::into)
    }
}

/// A Server-Sent Events answer (`text/event-stream; charset=utf-8`, `Cache-Control:
/// no-cache`, `X-Accel-Buffering: no`), FastAPI's `EventSourceResponse`. `T` is the type of
/// each event's data, which the document shows (`itemSchema`); [`Event`] when the events are
/// built by hand.
///
/// After 15 s without an event a `: ping` comment keeps proxies from closing the connection.
/// When the client goes away, the stream is dropped at the next write.
///
/// ```
/// use std::time::Duration;
///
/// use fastrs::prelude::*;
/// use fastrs::response::{Event, Sse};
///
/// #[derive(Serialize, JsonSchema)]
/// struct Tick {
///     n: u32,
/// }
///
/// /// Each item is an event whose data is its JSON.
/// #[get("/ticks")]
/// async fn ticks() -> Sse<Tick> {
///     Sse::new(futures_util::stream::iter((1..=3).map(|n| Tick { n })))
/// }
///
/// /// Events built by hand, resuming after the client's `Last-Event-ID`.
/// #[get("/news")]
/// async fn news(#[header] last_event_id: Option<u32>) -> Sse<Event> {
///     let from = last_event_id.map_or(0, |id| id + 1);
///     let events = (from..from + 3).map(|n| Event::raw(format!("headline {n}")).id(n.to_string()));
///     Sse::events(futures_util::stream::iter(events)).keep_alive(Some(Duration::from_secs(5)))
/// }
/// ```
pub struct Sse<T> {
    events: Pin<Box<dyn Stream<Item = Result<Bytes, BoxError>> + Send>>,
    keep_alive: Option<Duration>,
    data: PhantomData<fn() -> T>,
}

impl<T: Serialize + Send + 'static> Sse<T> {
    /// An event per item of `stream`, its data the item's JSON.
    pub fn new(stream: impl Stream<Item = T> + Send + 'static) -> Sse<T> {
        Sse::encoded(stream.map(|item| Event::json(&item).map_err(BoxError::from)))
    }
}

impl Sse<Event> {
    /// The events of `stream`, as built.
    pub fn events<S>(stream: S) -> Sse<Event>
    where
        S: Stream + Send + 'static,
        S::Item: IntoEvent,
    {
        Sse::encoded(stream.map(IntoEvent::into_event))
    }

    /// The same events, documented as carrying data of type `D` (as JSON).
    pub fn data_of<D>(self) -> Sse<D> {
        Sse {
            events: self.events,
            keep_alive: self.keep_alive,
            data: PhantomData,
        }
    }
}

impl<T> Sse<T> {
    fn encoded(events: impl Stream<Item = Result<Event, BoxError>> + Send + 'static) -> Sse<T> {
        let events = events.map(|event| event.map(|e| Bytes::from(e.to_string())));
        Sse {
            events: Box::pin(events),
            keep_alive: Some(KEEP_ALIVE),
            data: PhantomData,
        }
    }

    /// How long the stream may be idle before a `: ping` comment; `None` sends none.
    /// Default: 15 s.
    #[must_use]
    pub fn keep_alive(mut self, every: Option<Duration>) -> Sse<T> {
        self.keep_alive = every;
        self
    }
}

impl<T> IntoResponse for Sse<T> {
    fn into_response(self) -> Response {
        let body = match self.keep_alive {
            Some(every) => Body::from_stream(KeepAlive::new(self.events, every)),
            None => Body::from_stream(self.events),
        };
        let mut response = Response::new(body);
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/event-stream; charset=utf-8"),
        );
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
        headers.insert("x-accel-buffering", HeaderValue::from_static("no"));
        response
    }
}

/// The events, with `: ping` whenever none came for `every`.
struct KeepAlive {
    events: Pin<Box<dyn Stream<Item = Result<Bytes, BoxError>> + Send>>,
    every: Duration,
    idle: Pin<Box<Sleep>>,
}

impl KeepAlive {
    fn new(
        events: Pin<Box<dyn Stream<Item = Result<Bytes, BoxError>> + Send>>,
        every: Duration,
    ) -> Self {
        Self {
            events,
            every,
            idle: Box::pin(tokio::time::sleep(every)),
        }
    }
}

impl Stream for KeepAlive {
    type Item = Result<Bytes, BoxError>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = &mut *self;
        match this.events.as_mut().poll_next(cx) {
            Poll::Ready(item) => {
                this.idle.as_mut().reset(Instant::now() + this.every);
                Poll::Ready(item)
            }
            Poll::Pending => match this.idle.as_mut().poll(cx) {
                Poll::Ready(()) => {
                    this.idle.as_mut().reset(Instant::now() + this.every);
                    Poll::Ready(Some(Ok(Bytes::from_static(b": ping\n\n"))))
                }
                Poll::Pending => Poll::Pending,
            },
        }
    }
}
