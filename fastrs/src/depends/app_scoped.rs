//! App-scoped dependencies (`#[depends(app)]`): built once for the app, at start-up when the
//! app is served, and shared by every request after.

use std::any::{Any, TypeId};
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use axum::response::Response;

use super::{Dependency, Depends, Held, Resolution};
use crate::app::Shared;
use crate::extract::Cx;

type Value = Arc<dyn Any + Send + Sync>;

/// Builds dependency `F` for the app ahead of the first request: `Err` says why it could not.
pub(crate) type WarmFn =
    for<'a> fn(&'a Shared) -> Pin<Box<dyn Future<Output = Result<(), String>> + Send + 'a>>;

/// The values of an app's app-scoped dependencies, each built once.
#[derive(Default)]
pub(crate) struct AppValues {
    cells: Vec<(TypeId, WarmFn, tokio::sync::OnceCell<Value>)>,
}

impl std::fmt::Debug for AppValues {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} app-scoped dependencies", self.cells.len())
    }
}

impl AppValues {
    /// A cell for each dependency of `scoped`, empty until built.
    pub(crate) fn new(scoped: impl IntoIterator<Item = (TypeId, WarmFn)>) -> Self {
        let mut cells: Vec<(TypeId, WarmFn, tokio::sync::OnceCell<Value>)> = Vec::new();
        for (id, warm) in scoped {
            if !cells.iter().any(|(key, _, _)| *key == id) {
                cells.push((id, warm, tokio::sync::OnceCell::new()));
            }
        }
        Self { cells }
    }

    fn cell(&self, id: TypeId) -> Option<&tokio::sync::OnceCell<Value>> {
        self.cells
            .iter()
            .find(|(key, _, _)| *key == id)
            .map(|(_, _, cell)| cell)
    }

    /// Builds every app-scoped dependency of the app, in the order the routes reach them.
    pub(crate) async fn warm(&self, app: &Shared) -> Result<(), String> {
        for (_, warm, _) in &self.cells {
            warm(app).await?;
        }
        Ok(())
    }
}

/// [`WarmFn`] of `F`: resolves it outside any request.
pub(crate) fn warm<F: Dependency>(
    app: &Shared,
) -> Pin<Box<dyn Future<Output = Result<(), String>> + Send + '_>> {
    Box::pin(async move {
        let (parts, ()) = http::Request::new(()).into_parts();
        let mut cx = Cx::new(&parts, None, app, axum::body::Body::empty());
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
                answer.status()
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
            .map(|value| Depends(Held::Shared(value)))
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
                Resolution::Value(value) => Ok(Some(Depends(Held::Owned(value)))),
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
                .map(|value| Depends(Held::Shared(value)))),
            Err(None) => Ok(None),
            Err(Some(response)) => Err(response),
        }
    }
}
