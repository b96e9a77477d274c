//! App-scoped dependencies (`#[depends(app)]`): built once for the app, at start-up when the
//! app is served, and shared by every request after.

use std::any::{Any, TypeId};
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use axum::response::Response;

use super::{Dependency, Depends, Resolution};
use crate::context::AppContext;
use crate::extract::Cx;

type Value = Arc<dyn Any + Send + Sync>;

/// How `F` is built for the app (a `WarmFn`): resolves it outside any request.
pub(crate) fn warm<F: Dependency>(
    app: &AppContext,
) -> Pin<Box<dyn Future<Output = Result<(), String>> + Send + '_>> {
    Box::pin(async move {
        let (parts, ()) = http::Request::new(()).into_parts();
        let mut cx = Cx::new(
            &parts,
            crate::context::PathParams::none(),
            app,
            axum::body::Body::empty(),
        );
        let name = std::any::type_name::<F>();
        match cx.depends::<F>().await {
            Ok(Some(_)) => Ok(()),
            Ok(None) => Err(format!(
                "the app-scoped dependency `{name}` was refused: {}",
                String::from_utf8_lossy(
                    &axum::body::to_bytes(cx.reject().into_body(), 1 << 16)
                        .await
                        .unwrap_or_default()
                )
            )),
            Err(answer) => Err(format!(
                "the app-scoped dependency `{name}` answered {} at start-up",
                crate::error::settle(*answer, app.handlers).status()
            )),
        }
    })
}

impl Cx<'_> {
    /// The value of app-scoped dependency `F` once it is built, without waiting.
    pub(super) fn app_scoped_built<F: Dependency>(&self) -> Option<Depends<F>> {
        let value = self.app.app_values.cell(TypeId::of::<F>())?.get()?;
        Arc::clone(value)
            .downcast::<F::Output>()
            .ok()
            .map(Depends::shared)
    }

    /// The value of app-scoped dependency `F`, built on first use (once for the app; a build
    /// that fails is tried again by the next request).
    pub(super) async fn app_scoped<F: Dependency>(
        &mut self,
    ) -> Result<Option<Depends<F>>, Box<Response>> {
        let app = self.app;
        let Some(cell) = app.app_values.cell(TypeId::of::<F>()) else {
            // Not reached by any route at start-up (it cannot happen through a route):
            // resolved for this request alone.
            return match F::resolve(self).await {
                Resolution::Value(value) => Ok(Some(Depends::owned(value))),
                Resolution::Invalid => Ok(None),
                Resolution::Answer(response) => Err(response),
            };
        };
        let built = cell
            .get_or_try_init(|| async {
                match F::resolve(self).await {
                    Resolution::Value(value) => Ok(Arc::new(value) as Value),
                    Resolution::Invalid => Err(None),
                    Resolution::Answer(response) => Err(Some(response)),
                }
            })
            .await;
        match built {
            Ok(value) => Ok(Arc::clone(value)
                .downcast::<F::Output>()
                .ok()
                .map(Depends::shared)),
            Err(None) => Ok(None),
            Err(Some(response)) => Err(response),
        }
    }
}
