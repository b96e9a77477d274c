//! Exception handlers: what replaces the answer of an error type returned as `Err(e)`, of an
//! `HttpError` of a given status (the built-in 404 and 405 included), of the 422, and of a
//! panic.

use std::sync::Arc;

use axum::response::Response;
use http::StatusCode;

use super::raised::TypeHandler;
use super::{HttpError, RequestValidationError};

/// Answers an `HttpError`.
pub type StatusHandler = Arc<dyn Fn(HttpError) -> Response + Send + Sync>;
/// Answers a request's validation errors.
pub type ValidationHandler = Arc<dyn Fn(RequestValidationError) -> Response + Send + Sync>;
/// Answers a panic.
pub type PanicHandler = Arc<dyn Fn(&Panic) -> Response + Send + Sync>;

/// The exception handlers of an app (`App::exception_handler`, `App::status_handler`,
/// `App::validation_error_handler`, `App::panic_handler`), of a router, or those a route
/// answers with: its routers' first, then the app's.
#[derive(Default, Clone)]
pub struct ExceptionHandlers {
    types: Vec<(std::any::TypeId, &'static str, TypeHandler)>,
    status: Vec<(StatusCode, StatusHandler)>,
    validation: Option<ValidationHandler>,
    panic: Option<PanicHandler>,
    /// Some status handlers are a router's: the route maps its own `HttpError`s with them
    /// (the app's map every answer, inside the middleware).
    route_statuses: bool,
}

/// A function that answers errors of type `E`: `fn(error: E) -> Response`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not an exception handler",
    label = "not `fn(error: E) -> Response`",
    note = "an exception handler is a function `fn(error: E) -> Response` for the error type `E` it answers, returned as `Err(e)` by routes and dependencies"
)]
pub trait ExceptionHandlerFn<E>: Fn(E) -> Response + Send + Sync + 'static {}

impl<E, F: Fn(E) -> Response + Send + Sync + 'static> ExceptionHandlerFn<E> for F {}

/// A handler named in `router!(exception_handlers = [...])`: how to add it to a router's.
#[doc(hidden)]
#[derive(Clone, Copy)]
pub struct HandlerRef(pub fn(&mut ExceptionHandlers));

impl std::fmt::Debug for HandlerRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("HandlerRef")
    }
}

impl std::fmt::Debug for ExceptionHandlers {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ExceptionHandlers")
            .field(
                "types",
                &self
                    .types
                    .iter()
                    .map(|(_, name, _)| name)
                    .collect::<Vec<_>>(),
            )
            .field(
                "status",
                &self.status.iter().map(|(s, _)| s).collect::<Vec<_>>(),
            )
            .field("validation", &self.validation.is_some())
            .field("panic", &self.panic.is_some())
            .finish()
    }
}

impl ExceptionHandlers {
    /// Whether no handler is set.
    pub(crate) fn is_empty(&self) -> bool {
        self.types.is_empty()
            && self.status.is_empty()
            && self.validation.is_none()
            && self.panic.is_none()
    }

    pub(crate) fn set_type(
        &mut self,
        (id, handler): (std::any::TypeId, TypeHandler),
        name: &'static str,
    ) {
        self.types.retain(|(t, _, _)| *t != id);
        self.types.push((id, name, handler));
    }

    /// The handler of errors of the type `id`.
    pub(crate) fn for_type(&self, id: std::any::TypeId) -> Option<&TypeHandler> {
        self.types
            .iter()
            .find(|(t, _, _)| *t == id)
            .map(|(_, _, handler)| handler)
    }

    /// Whether a status has a handler.
    pub(crate) fn handles_statuses(&self) -> bool {
        !self.status.is_empty()
    }

    /// Adds `handler` for its error type (what `router!(exception_handlers = [...])` calls).
    #[doc(hidden)]
    pub fn register<E: Send + 'static>(&mut self, handler: impl ExceptionHandlerFn<E>) {
        self.set_type(
            super::raised::type_handler(handler),
            std::any::type_name::<E>(),
        );
    }

    /// Adds `outer`'s handlers where these have none for the same error: a router's are
    /// completed with those of the routers around it, then the app's.
    pub(crate) fn fill_from(&mut self, outer: &ExceptionHandlers) {
        for (id, name, handler) in &outer.types {
            if self.for_type(*id).is_none() {
                self.types.push((*id, name, Arc::clone(handler)));
            }
        }
        for (status, handler) in &outer.status {
            if !self.status.iter().any(|(s, _)| s == status) {
                self.status.push((*status, Arc::clone(handler)));
            }
        }
        if self.validation.is_none() {
            self.validation.clone_from(&outer.validation);
        }
        if self.panic.is_none() {
            self.panic.clone_from(&outer.panic);
        }
    }

    /// Marks these as a route's, whose status handlers map its answers in the pipeline.
    pub(crate) fn for_route(mut self) -> Self {
        self.route_statuses = !self.status.is_empty();
        self
    }

    /// Whether the route maps its own `HttpError`s (a router gave status handlers).
    pub(crate) fn maps_route_statuses(&self) -> bool {
        self.route_statuses
    }

    pub(crate) fn set_status(&mut self, status: StatusCode, handler: StatusHandler) {
        self.status.retain(|(s, _)| *s != status);
        self.status.push((status, handler));
    }

    pub(crate) fn set_validation(&mut self, handler: ValidationHandler) {
        self.validation = Some(handler);
    }

    pub(crate) fn set_panic(&mut self, handler: PanicHandler) {
        self.panic = Some(handler);
    }

    /// The answer, or the handler's answer when it is an `HttpError`'s of a handled status.
    pub(crate) fn map(&self, mut response: Response) -> Response {
        let handler = self
            .status
            .iter()
            .find(|(status, _)| *status == response.status());
        match handler {
            Some((_, handler)) => match response.extensions_mut().remove::<HttpError>() {
                Some(error) => handler(error),
                None => response,
            },
            None => response,
        }
    }

    /// The 422 of `errors`: the handler's answer, if set.
    pub(crate) fn validation(
        &self,
        errors: RequestValidationError,
    ) -> Result<Response, RequestValidationError> {
        match &self.validation {
            Some(handler) => Ok(handler(errors)),
            None => Err(errors),
        }
    }

    /// The answer to a panic: the handler's, if set.
    pub(crate) fn panic(&self, panic: &Panic) -> Option<Response> {
        self.panic.as_ref().map(|handler| handler(panic))
    }
}

/// A handler's panic, for `App::panic_handler`: its message and the route.
#[derive(Debug)]
pub struct Panic {
    pub(crate) message: String,
    pub(crate) route: String,
    pub(crate) id: u64,
    pub(crate) request_id: String,
}

impl Panic {
    /// The panic's message.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The route that panicked, as the log names it: `GET /items/{id} (read_item at src/lib.rs:12)`.
    pub fn route(&self) -> &str {
        &self.route
    }

    /// The number of the panic in the process.
    pub fn id(&self) -> u64 {
        self.id
    }

    /// The id of the request that panicked, which the log line and the 500's `x-request-id`
    /// carry: its [`RequestId`](crate::RequestId) in an app with
    /// [`App::request_ids`](crate::App::request_ids), else the panic's number.
    pub fn request_id(&self) -> &str {
        &self.request_id
    }
}
