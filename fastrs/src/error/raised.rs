//! Errors a route or a dependency returns as `Err(e)`: kept with the answer until the pipeline
//! settles it, with the app's handler for `e`'s type (`App::exception_handler::<E>`) or with
//! `e`'s own `IntoResponse`.

use std::any::{Any, TypeId};
use std::future::Future;
use std::marker::PhantomData;
use std::sync::{Arc, Mutex};

use axum::response::{IntoResponse, Response};
use http::StatusCode;

use super::ExceptionHandlers;

/// An error value on its way to the pipeline, in the answer's extensions.
#[doc(hidden)]
#[derive(Clone)]
pub struct Raised(Arc<Mutex<Option<Pending>>>);

/// The error, and how it answers when no handler takes it.
struct Pending {
    error: Box<dyn Any + Send>,
    default: fn(Box<dyn Any + Send>) -> Response,
}

impl Raised {
    /// `error`, answered by its own `IntoResponse` unless a handler takes it.
    fn new<E: IntoResponse + Send + 'static>(error: E) -> Self {
        let pending = Pending {
            error: Box::new(error),
            default: |error| match error.downcast::<E>() {
                Ok(error) => (*error).into_response(),
                // `error` was boxed from an `E` just above.
                Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
            },
        };
        Raised(Arc::new(Mutex::new(Some(pending))))
    }
}

/// A 500 until the pipeline settles it ([`settle`]).
impl IntoResponse for Raised {
    fn into_response(self) -> Response {
        let mut response = StatusCode::INTERNAL_SERVER_ERROR.into_response();
        response.extensions_mut().insert(self);
        response
    }
}

/// The answer to `Err(error)` of a dependency: a 500 until the pipeline settles it
/// ([`settle`]).
#[doc(hidden)]
pub fn raise<E: IntoResponse + Send + 'static>(error: E) -> Response {
    Raised::new(error).into_response()
}

/// Whether `response` is an error's: an `Err` not settled yet, or an `HttpError`'s.
pub(crate) fn is_error(response: &Response) -> bool {
    let extensions = response.extensions();
    extensions.get::<Raised>().is_some() || extensions.get::<super::HttpError>().is_some()
}

/// The answer, with the error it carries (if any) answered by its handler in `handlers`, or
/// by its own `IntoResponse`.
#[inline(always)]
pub(crate) fn settle(response: Response, handlers: Option<&ExceptionHandlers>) -> Response {
    // Most answers carry nothing (no extension at all), in an app whose routers map nothing.
    if response.extensions().is_empty() && handlers.is_none_or(|h| !h.maps_route_statuses()) {
        return response;
    }
    settle_carried(response, handlers)
}

/// [`settle`] for an answer that may carry an error.
fn settle_carried(response: Response, handlers: Option<&ExceptionHandlers>) -> Response {
    let response = answer_raised(response, handlers);
    // A router's status handlers map the route's `HttpError`s (the app's map every answer,
    // inside the middleware).
    match handlers {
        Some(handlers) if handlers.maps_route_statuses() => handlers.map(response),
        _ => response,
    }
}

/// The answer, with the error it carries (if any) answered.
fn answer_raised(mut response: Response, handlers: Option<&ExceptionHandlers>) -> Response {
    let Some(raised) = response.extensions_mut().remove::<Raised>() else {
        return response;
    };
    let pending = raised
        .0
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .take();
    let Some(Pending { error, default }) = pending else {
        return response;
    };
    let handler = handlers.and_then(|h| h.for_type((*error).type_id()));
    match handler {
        Some(handler) => handler(error),
        None => default(error),
    }
}

/// A handler for one error type, taking the error boxed.
pub(crate) type TypeHandler = Arc<dyn Fn(Box<dyn Any + Send>) -> Response + Send + Sync>;

/// `handler` for errors of type `E`.
pub(crate) fn type_handler<E: Send + 'static>(
    handler: impl Fn(E) -> Response + Send + Sync + 'static,
) -> (TypeId, TypeHandler) {
    let boxed: TypeHandler = Arc::new(move |error| match error.downcast::<E>() {
        Ok(error) => handler(*error),
        // Looked up by `E`'s type id.
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    });
    (TypeId::of::<E>(), boxed)
}

/// The handler's future, its value passed through `then` (where the route macros choose how it
/// answers, by its type).
#[doc(hidden)]
pub async fn answered<Fut: Future + Send, R>(
    future: Fut,
    then: impl FnOnce(Fut::Output) -> R + Send,
) -> R {
    then(future.await)
}

/// The type of a handler's return value, for the route macros to pick how it answers:
/// `(&&Returned::<T>::new()).__fastrs_answer(handler(..))`, or, for a return type that cannot be
/// named (`impl Trait`), `answered(handler(..), |value| (&&Returned::of(&value))
/// .__fastrs_returned(value))`.
#[doc(hidden)]
pub struct Returned<V>(PhantomData<fn() -> V>);

impl<V> Returned<V> {
    /// The probe of `V`.
    #[allow(clippy::new_without_default)]
    pub const fn new() -> Self {
        Returned(PhantomData)
    }

    /// The probe of `value`'s type.
    pub fn of(_: &V) -> Self {
        Returned(PhantomData)
    }
}

/// A `Result`: its `Err` is raised, for the app's handler of its type.
#[doc(hidden)]
pub trait ViaResult<T, E> {
    /// The value, its error raised.
    fn __fastrs_returned(&self, value: Result<T, E>) -> Result<T, Raised>;

    /// The handler's answer, its error raised.
    fn __fastrs_answer<F>(&self, future: F) -> RaisedOnErr<F, E>
    where
        F: Future<Output = Result<T, E>>;
}

/// A handler's future whose `Err` is raised.
#[doc(hidden)]
pub type RaisedOnErr<F, E> = futures_util::future::MapErr<F, fn(E) -> Raised>;

impl<T: IntoResponse, E: IntoResponse + Send + 'static> ViaResult<T, E>
    for &Returned<Result<T, E>>
{
    fn __fastrs_returned(&self, value: Result<T, E>) -> Result<T, Raised> {
        value.map_err(Raised::new)
    }

    fn __fastrs_answer<F>(&self, future: F) -> RaisedOnErr<F, E>
    where
        F: Future<Output = Result<T, E>>,
    {
        futures_util::TryFutureExt::map_err(future, Raised::new as fn(E) -> Raised)
    }
}

/// Any other value: answered as it is.
#[doc(hidden)]
pub trait ViaValue<V> {
    /// The value.
    fn __fastrs_returned(&self, value: V) -> V;

    /// The handler's answer, as it is.
    fn __fastrs_answer<F>(&self, future: F) -> F
    where
        F: Future<Output = V>;
}

impl<V> ViaValue<V> for Returned<V> {
    fn __fastrs_returned(&self, value: V) -> V {
        value
    }

    fn __fastrs_answer<F>(&self, future: F) -> F
    where
        F: Future<Output = V>,
    {
        future
    }
}
