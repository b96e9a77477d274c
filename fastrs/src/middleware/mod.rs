//! Middleware: functions (`App::middleware`) and tower layers (`App::layer`) around the app's
//! routing, in one ordered list whose last added is the outermost, as in FastAPI.
//!
//! ```text
//!   request ─▶ [last added] ─▶ … ─▶ [first added] ─▶ routing ─▶ route (422, handler, 500)
//!  response ◀─ [last added] ◀─ … ◀─ [first added] ◀─ routing ◀─ 404, 405, the answer
//! ```
//!
//! Every answer the routing gives, 404, 405, 422, an `HttpError` and a panic's 500 included,
//! is a response when a middleware sees it.

mod cors;
#[cfg(feature = "gzip")]
mod gzip;
mod host;
mod https_redirect;
mod router;
mod stack;
mod trusted_host;

pub use cors::{Cors, CorsService};
#[cfg(feature = "gzip")]
pub use gzip::{GZip, GZipService};
pub use host::{Check, Guarded};
pub use https_redirect::{HttpsRedirect, HttpsRedirectService};
#[doc(hidden)]
pub use stack::bind_middleware;
pub(crate) use stack::{AppFuture, AppService, Around, Stack, route_service};
pub use stack::{MiddlewareLayer, Next, NextAnswer, NextService, NextServiceAnswer};
pub use trusted_host::{TrustedHost, TrustedHostService};

use std::future::Future;

use axum::extract::Request;
use axum::response::Response;

use crate::context::AppContext;
use crate::error::StartupError;
use crate::state::State;

/// A middleware function: `async fn(Request, Next) -> Response`, or with `State<T>` values
/// of the app first (`async fn(State<Config>, Request, Next) -> Response`).
///
/// Implemented for such functions and closures; `Args` tells their forms apart.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a middleware function",
    label = "not `async fn(Request, Next) -> Response`",
    note = "a middleware is `async fn(request: Request, next: Next) -> Response`, with `State<T>` parameters first if it needs the app's state; it calls `next.run(request).await` to go on"
)]
pub trait MiddlewareFn<Args>: Clone + Send + Sync + 'static {
    /// The function with its states read from the app: a refused state is a start-up error.
    #[doc(hidden)]
    fn bind(self, app: &AppContext) -> Result<Bound, StartupError>;
}

/// A middleware function ready to run: its states bound.
#[doc(hidden)]
pub type Bound = std::sync::Arc<
    dyn Fn(Request, Next) -> std::pin::Pin<Box<dyn Future<Output = Response> + Send>> + Send + Sync,
>;

impl<F, Fut> MiddlewareFn<(Request, Next)> for F
where
    F: Fn(Request, Next) -> Fut + Clone + Send + Sync + 'static,
    Fut: Future<Output = Response> + Send + 'static,
{
    fn bind(self, _: &AppContext) -> Result<Bound, StartupError> {
        Ok(std::sync::Arc::new(move |req, next| {
            Box::pin(self(req, next))
        }))
    }
}

/// The app's `T`, or the start-up error that names the middleware's missing state.
fn state<T: Clone + Send + Sync + 'static>(app: &AppContext) -> Result<State<T>, StartupError> {
    app.states.get::<T>().map(State::new).ok_or_else(|| {
        StartupError::new(format!(
            "a middleware takes `State<{}>`, but the app has no such state: give it with `App::state(..)` or the lifespan",
            std::any::type_name::<T>()
        ))
    })
}

macro_rules! middleware_with_states {
    ($($t:ident),+) => {
        impl<F, Fut, $($t),+> MiddlewareFn<($(State<$t>,)+ Request, Next)> for F
        where
            F: Fn($(State<$t>,)+ Request, Next) -> Fut + Clone + Send + Sync + 'static,
            Fut: Future<Output = Response> + Send + 'static,
            $($t: Clone + Send + Sync + 'static,)+
        {
            #[allow(non_snake_case)]
            fn bind(self, app: &AppContext) -> Result<Bound, StartupError> {
                $(let $t = state::<$t>(app)?;)+
                Ok(std::sync::Arc::new(move |req, next| {
                    Box::pin(self($($t.clone(),)+ req, next))
                }))
            }
        }
    };
}

middleware_with_states!(A);
middleware_with_states!(A, B);
middleware_with_states!(A, B, C);
