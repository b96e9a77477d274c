//! The per-request timeout (`App::request_timeout`): a slow answer becomes a 504.

use std::convert::Infallible;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use axum::extract::Request;
use axum::response::{IntoResponse, Response};
use http::StatusCode;
use tower::{Layer, Service};

use crate::error::HttpError;

/// Answers 504 when the inner service takes longer than the timeout.
#[derive(Debug, Clone, Copy)]
pub(crate) struct TimeoutLayer(pub(crate) Duration);

impl<S> Layer<S> for TimeoutLayer {
    type Service = Timeout<S>;

    fn layer(&self, inner: S) -> Timeout<S> {
        Timeout {
            inner,
            after: self.0,
        }
    }
}

/// See [`TimeoutLayer`].
#[derive(Debug, Clone)]
pub(crate) struct Timeout<S> {
    inner: S,
    after: Duration,
}

impl<S> Service<Request> for Timeout<S>
where
    S: Service<Request, Response = Response, Error = Infallible>,
    S::Future: Send + 'static,
{
    type Response = Response;
    type Error = Infallible;
    type Future = Pin<Box<dyn Future<Output = Result<Response, Infallible>> + Send>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, req: Request) -> Self::Future {
        let answer = self.inner.call(req);
        let after = self.after;
        Box::pin(async move {
            match tokio::time::timeout(after, answer).await {
                Ok(answer) => answer,
                Err(_) => Ok(HttpError::from_status(StatusCode::GATEWAY_TIMEOUT).into_response()),
            }
        })
    }
}
