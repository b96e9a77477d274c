//! Dependencies: `#[depends]` functions, asked for with `Depends<f>`, resolved before the
//! route's own parameters, sub-dependencies first, once per request.

mod app_scoped;
mod cleanup;
mod kind;

use std::any::{Any, TypeId};
use std::future::Future;
use std::marker::PhantomData;
use std::ops::Deref;
use std::pin::Pin;
use std::sync::Arc;

use axum::response::Response;

use crate::context::{DependencyRef, Fact, Meta, Overrides};
use crate::extract::{Cx, FromCx};

pub use cleanup::Cleanup;
#[cfg(feature = "ws")]
pub(crate) use cleanup::CleanupsRun;
pub use kind::{DependencyProbe, ViaDependency, ViaNotADependency, is_dependency};

/// A function marked `#[depends]`: the macro implements this on the struct of the same name.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a dependency",
    label = "not a dependency",
    note = "mark the function with `#[fastrs::depends]`; `Depends<f>` names the function `f`"
)]
pub trait Dependency: Send + Sync + 'static {
    /// What the function gives (the `T` of a `Result<T, E>`).
    type Output: Send + Sync + 'static;

    /// Whether one request resolves it once and shares the value (`#[depends(no_cache)]`
    /// turns this off).
    const CACHED: bool;

    /// Whether it is built once for the app (`#[depends(app)]`) rather than per request.
    const APP_SCOPED: bool = false;

    /// The facts of its parameters (its sub-dependencies as [`Fact::Dependency`]), for the
    /// start-up checks and the operation that uses it.
    #[doc(hidden)]
    fn describe(meta: &mut Meta);

    /// Reads the function's parameters and calls it.
    #[doc(hidden)]
    fn resolve<'a, 'r: 'a>(
        cx: &'a mut Cx<'r>,
    ) -> impl Future<Output = Resolution<Self::Output>> + Send + 'a;
}

/// The two steps of resolving a `#[depends]` function that depend on its signature;
/// [`resolve_fn`] does the rest. The macro implements it on a private struct of its own, so
/// that the arguments' types may be private to the module.
#[doc(hidden)]
pub trait DependencyFn: 'static {
    /// What the function gives, as [`Dependency::Output`].
    type Output: Send + Sync + 'static;

    /// The function's arguments, in order.
    type Args: Send;

    /// `scopes = [...]`: the scopes the request's security schemes must grant once it is used.
    const SCOPES: &'static [&'static str] = &[];

    /// Resolves its `Depends<g>` parameters, then reads the others (see `Route::read`).
    fn read<'a, 'r: 'a>(cx: &'a mut Cx<'r>) -> impl crate::route::Reading<Self::Args> + 'a;

    /// Calls the function: `Err` when it answered the request (its error type's response).
    fn invoke(args: Self::Args) -> impl Future<Output = Result<Self::Output, Response>> + Send;
}

/// Resolves a `#[depends]` function: its scopes, its arguments (sub-dependencies first), its
/// errors closed as one unit of the 422's order, then the call.
#[doc(hidden)]
#[allow(clippy::manual_async_fn)]
pub fn resolve_fn<'a, 'r: 'a, F: DependencyFn>(
    cx: &'a mut Cx<'r>,
) -> impl Future<Output = Resolution<F::Output>> + Send + 'a {
    async move {
        if !F::SCOPES.is_empty() {
            cx.require_scopes(F::SCOPES);
        }
        let args = match F::read(cx).await {
            Ok(args) => args,
            Err(response) => return Resolution::Answer(response),
        };
        let start = cx.own_start();
        cx.close_unit(start);
        match args {
            Some(args) if cx.error_count() == start => match F::invoke(args).await {
                Ok(value) => Resolution::Value(value),
                Err(response) => Resolution::answer(response),
            },
            _ => Resolution::Invalid,
        }
    }
}

/// How resolving a dependency ended.
#[doc(hidden)]
pub enum Resolution<T> {
    /// The dependency's value.
    Value(T),
    /// A parameter (its own or a sub-dependency's) was refused; the errors are recorded.
    Invalid,
    /// The dependency answered the request itself (an `HttpError`), which wins over any 422.
    /// Boxed: the rare case should not make every resolution as large as a response.
    Answer(Box<Response>),
}

impl<T> Resolution<T> {
    /// The dependency answered with `response`.
    pub fn answer(response: Response) -> Self {
        Resolution::Answer(Box::new(response))
    }
}

/// The value of dependency `F`, shared by everything that asks for it in one request.
///
/// ```
/// use fastrs::prelude::*;
///
/// #[derive(Clone)]
/// struct User { name: String }
///
/// #[depends]
/// async fn current_user(#[header] x_user: Option<String>) -> Result<User, HttpError> {
///     let name = x_user.ok_or_else(|| HttpError::new(fastrs::http::StatusCode::UNAUTHORIZED, "Not authenticated"))?;
///     Ok(User { name })
/// }
///
/// #[get("/me")]
/// async fn me(user: Depends<current_user>) -> String {
///     user.name.clone()
/// }
/// ```
///
/// `F` carries no bound here, so that naming something that is not a dependency
/// (`Depends<Settings>`) is one compile error, where the route reads it, rather than one per
/// mention of the type in the generated code. The value is kept as `dyn Any` for that, and
/// `F::Output` is checked once more where it is read (a comparison of type ids).
pub struct Depends<F>(Held, PhantomData<fn() -> F>);

/// A dependency's value: owned when nothing else in the request asks for it (known at
/// start-up), shared otherwise.
enum Held {
    Owned(Box<dyn Any + Send + Sync>),
    Shared(Arc<dyn Any + Send + Sync>),
}

impl<F: Dependency> Depends<F> {
    /// The value, owned: no other parameter of the request asks for it.
    pub(crate) fn owned(value: F::Output) -> Self {
        Depends(Held::Owned(Box::new(value)), PhantomData)
    }

    /// The value, shared with the other parameters that ask for it.
    pub(crate) fn shared(value: Arc<F::Output>) -> Self {
        Depends(Held::Shared(value), PhantomData)
    }

    /// The value, cloned if another parameter of the request shares it.
    pub fn into_inner(self) -> F::Output
    where
        F::Output: Clone,
    {
        match self.0 {
            Held::Owned(value) => *value.downcast().unwrap_or_else(|_| mistyped::<F>()),
            Held::Shared(shared) => {
                let shared: Arc<F::Output> = shared.downcast().unwrap_or_else(|_| mistyped::<F>());
                Arc::try_unwrap(shared).unwrap_or_else(|s| (*s).clone())
            }
        }
    }

    /// The value, in an `Arc` shared with the other parameters that ask for it.
    pub fn into_arc(self) -> Arc<F::Output> {
        match self.0 {
            Held::Owned(value) => Arc::new(*value.downcast().unwrap_or_else(|_| mistyped::<F>())),
            Held::Shared(shared) => shared.downcast().unwrap_or_else(|_| mistyped::<F>()),
        }
    }
}

/// A `Depends<F>` is only ever made from `F::Output` (`Depends::owned`, `Depends::shared`).
#[cold]
fn mistyped<F>() -> ! {
    unreachable!(
        "the value of `Depends<{}>` is of another type",
        std::any::type_name::<F>()
    )
}

impl<F: Dependency> Deref for Depends<F> {
    type Target = F::Output;

    fn deref(&self) -> &F::Output {
        let value: &(dyn Any + Send + Sync) = match &self.0 {
            Held::Owned(value) => &**value,
            Held::Shared(shared) => &**shared,
        };
        value.downcast_ref().unwrap_or_else(|| mistyped::<F>())
    }
}

impl<F: Dependency> Clone for Depends<F>
where
    F::Output: Clone,
{
    fn clone(&self) -> Self {
        match &self.0 {
            Held::Owned(_) => Self::owned((**self).clone()),
            Held::Shared(shared) => Depends(Held::Shared(Arc::clone(shared)), PhantomData),
        }
    }
}

impl<F: Dependency> std::fmt::Debug for Depends<F>
where
    F::Output: std::fmt::Debug,
{
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Depends").field(&**self).finish()
    }
}

/// Writes dependency `F` as a fact of the route or dependency that asks for it.
#[doc(hidden)]
pub fn describe_dependency<F: Dependency>(meta: &mut Meta) {
    meta.push(Fact::Dependency {
        id: TypeId::of::<F>(),
        cached: F::CACHED,
        app_scoped: F::APP_SCOPED.then_some(app_scoped::warm::<F> as crate::context::WarmFn),
        describe: F::describe,
    });
}

/// How an override resolves a dependency: the replacement's resolution, boxed.
type Resolver<T> =
    for<'a, 'r> fn(&'a mut Cx<'r>) -> Pin<Box<dyn Future<Output = Resolution<T>> + Send + 'a>>;

/// Resolves dependency `G` in place of another with the same output.
fn resolve_as<'a, 'r, G: Dependency>(
    cx: &'a mut Cx<'r>,
) -> Pin<Box<dyn Future<Output = Resolution<G::Output>> + Send + 'a>> {
    Box::pin(G::resolve(cx))
}

/// Replaces dependency `F` with `G` in `overrides`.
pub(crate) fn override_with<F: Dependency, G: Dependency<Output = F::Output>>(
    overrides: &mut Overrides,
) {
    let resolver: Resolver<F::Output> = resolve_as::<G>;
    overrides.insert(
        TypeId::of::<F>(),
        Arc::new(resolver),
        describe_dependency::<G>,
    );
}

/// The resolver replacing dependency `F`, if it is replaced.
fn overridden<F: Dependency>(overrides: &Overrides) -> Option<Resolver<F::Output>> {
    if overrides.is_empty() {
        return None;
    }
    overrides
        .resolver(TypeId::of::<F>())?
        .downcast_ref::<Resolver<F::Output>>()
        .copied()
}

/// The value of dependency `F` resolved before in this request, if any.
fn resolved<F: Dependency>(cx: &Cx<'_>) -> Option<Arc<F::Output>> {
    cx.deps
        .get(TypeId::of::<F>())
        .and_then(|value| value.downcast::<F::Output>().ok())
}

impl<'r> Cx<'r> {
    /// Resolves dependency `F` (once per request unless `no_cache`): `Ok(None)` when it was
    /// refused with errors recorded, `Err` when it answered the request itself. Written out
    /// rather than `async fn`: rustc's `Send` check of an `async fn` with two lifetimes fails
    /// inside a route's future (rust-lang/rust#100013).
    #[allow(clippy::manual_async_fn)]
    pub fn depends<'a, F: Dependency>(
        &'a mut self,
    ) -> impl Future<Output = Result<Option<Depends<F>>, Box<Response>>> + Send + 'a
    where
        'r: 'a,
    {
        async move {
            // Cached only when something else in the route's graph asks for it too (counted
            // at start-up): a dependency asked for once costs no lookup (its value is boxed, not
            // shared).
            let cached = F::CACHED && self.app.shares(TypeId::of::<F>());
            if cached && let Some(value) = resolved::<F>(self) {
                return Ok(Some(Depends::shared(value)));
            }
            let overridden = overridden::<F>(&self.app.overrides);
            if F::APP_SCOPED && overridden.is_none() {
                if let Some(value) = self.app_scoped_built::<F>() {
                    return Ok(Some(value));
                }
                // Boxed: building it happens once, and its future would otherwise make every
                // dependency's as large as its own.
                return Box::pin(self.app_scoped::<F>()).await;
            }
            // Inline, not boxed: dependencies are awaited one after another, so the route's
            // future grows by the deepest chain, not by their sum.
            let resolution = match overridden {
                Some(replacement) => replacement(self).await,
                None => F::resolve(self).await,
            };
            match resolution {
                Resolution::Value(value) if cached => {
                    let value = Arc::new(value);
                    self.deps.insert(TypeId::of::<F>(), Arc::clone(&value) as _);
                    Ok(Some(Depends::shared(value)))
                }
                Resolution::Value(value) => Ok(Some(Depends::owned(value))),
                Resolution::Invalid => Ok(None),
                Resolution::Answer(response) => Err(response),
            }
        }
    }
}

/// Runs dependency `F` for its effect (a `dependencies = [...]` entry): `Err` when it
/// answered the request. Written out, as [`Cx::depends`] is.
#[allow(clippy::manual_async_fn)]
fn run_for_effect<'a, 'r: 'a, F: Dependency>(
    cx: &'a mut Cx<'r>,
) -> impl Future<Output = Result<(), Response>> + Send + 'a {
    async move {
        cx.depends::<F>()
            .await
            .map(|_| ())
            .map_err(|answer| *answer)
    }
}

fn boxed_effect<'a, 'r, F: Dependency>(
    cx: &'a mut Cx<'r>,
) -> Pin<Box<dyn Future<Output = Result<(), Response>> + Send + 'a>> {
    Box::pin(run_for_effect::<F>(cx))
}

impl DependencyRef {
    /// Dependency `F`.
    pub const fn of<F: Dependency>() -> Self {
        Self {
            run: boxed_effect::<F>,
            describe: describe_dependency::<F>,
        }
    }
}

impl Cx<'_> {
    /// Runs the app's dependencies, in the order given: `Err` when one answered the request.
    #[doc(hidden)]
    /// Boxed: only routes of apps with dependencies call it, and it keeps their futures small.
    pub fn app_dependencies<'a>(
        &'a mut self,
    ) -> Pin<Box<dyn Future<Output = Result<(), Response>> + Send + 'a>> {
        let entries =
            (!self.app.dependencies.is_empty()).then(|| self.app.dependencies.entries().to_vec());
        Box::pin(async move {
            for entry in entries.into_iter().flatten() {
                (entry.run)(self).await?;
            }
            Ok(())
        })
    }
}

/// Read after the dependency phase resolved it.
impl<F: Dependency> FromCx for Depends<F> {
    fn from_cx(cx: &mut Cx<'_>) -> Option<Self> {
        resolved::<F>(cx).map(Depends::shared)
    }

    fn describe(meta: &mut Meta) {
        describe_dependency::<F>(meta);
    }
}
