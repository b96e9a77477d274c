//! A websocket after its handshake was accepted: the handler and the connection's driver in
//! one task, then the close that the handler's outcome calls for, then the dependencies'
//! cleanups.

use std::panic::AssertUnwindSafe;
use std::sync::Arc;

use futures_util::FutureExt as _;

use super::close::{WebSocketException, close_code};
use super::handshake::Upgrade;
use super::socket::{Link, WebSocketSender};
use crate::context::AppContext;
use crate::route::{RouteDef, RouteFn};

/// What an accepted handshake hands to its task.
pub(crate) struct Accepted {
    pub(crate) upgrade: Upgrade,
    pub(crate) link: Link,
    pub(crate) closer: WebSocketSender,
    /// The dependencies' deferred work, run once the handler returned.
    pub(crate) cleanups: crate::depends::CleanupsRun,
}

/// Runs the handler of route `R` with `args` beside the connection's driver, on a task of its
/// own (the handshake's answer is sent meanwhile).
pub(crate) fn spawn<R: RouteFn>(
    args: R::Args,
    accepted: Accepted,
    app: Arc<AppContext>,
    def: &'static RouteDef,
) {
    let Accepted {
        upgrade,
        link,
        closer,
        cleanups,
    } = accepted;
    let driver = super::driver::drive(upgrade, link, app.websocket, app.closing.watch());
    let handler = async move {
        let (code, reason) = match AssertUnwindSafe(R::invoke(args)).catch_unwind().await {
            Ok(value) => outcome(crate::response::respond(value, None), &app, def),
            Err(panic) => {
                // Logged as a request's panic is, with its number.
                let _ = crate::response::panicked(def, panic.as_ref(), false, None, None);
                (close_code::INTERNAL_ERROR, String::new())
            }
        };
        // Fails when the websocket closed already: nothing more to send then.
        let _ = closer.close(code, &reason).await;
        drop(closer);
        cleanups.await;
    };
    tokio::spawn(async move {
        tokio::join!(driver, handler);
    });
}

/// The close a handler's value calls for: 1000 for a success, the code of a
/// [`WebSocketException`], 1011 for any other error (after its exception handler, if any, saw
/// it).
fn outcome(
    response: axum::response::Response,
    app: &AppContext,
    def: &'static RouteDef,
) -> (u16, String) {
    if !crate::error::is_error(&response) {
        return (close_code::NORMAL, String::new());
    }
    let mut response = crate::error::settle(response, app.handlers);
    match response.extensions_mut().remove::<WebSocketException>() {
        Some(close) => (close.code, close.reason),
        None => {
            crate::say::say_error!(
                "the websocket of {def} ended with an error ({}): closed with 1011",
                response.status()
            );
            (close_code::INTERNAL_ERROR, String::new())
        }
    }
}
