//! The dependency phase of a generated handler: for each unmarked parameter, `Depends<F>` is
//! resolved (asynchronously, before anything else is read); any other type is left to the
//! reading phase. Chosen at compile time, like the other probes.

use std::future::Future;
use std::marker::PhantomData;

use axum::response::Response;

use super::{Dependency, Depends};
use crate::extract::Cx;

/// Stands for a parameter's type during the dependency phase.
pub struct DepProbe<T>(PhantomData<fn() -> T>);

impl<T> DepProbe<T> {
    /// The probe for `T`.
    pub const fn new() -> Self {
        Self(PhantomData)
    }
}

impl<T> Default for DepProbe<T> {
    fn default() -> Self {
        Self::new()
    }
}

/// What the dependency phase found for one parameter.
pub enum DepOutcome<T> {
    /// A dependency, resolved (`None` when refused with errors recorded).
    Resolved(Option<T>),
    /// A dependency answered the request (boxed, as in [`super::Resolution`]).
    Answer(Box<Response>),
    /// Not a dependency: read it in the reading phase.
    NotADependency,
}

/// `Depends<F>`: resolve `F`.
pub trait ViaDepends<T> {
    /// Whether `T` is a dependency: a constant, so the phase compiles away for other types.
    fn __fastrs_is_dependency(&self) -> bool {
        true
    }

    /// Resolves the dependency.
    fn __fastrs_resolve<'a, 'r: 'a>(
        &self,
        cx: &'a mut Cx<'r>,
    ) -> impl Future<Output = DepOutcome<T>> + Send + 'a
    where
        T: 'a;
}

impl<F: Dependency> ViaDepends<Depends<F>> for &DepProbe<Depends<F>> {
    // Written out, not `async fn`: the trait promises `Send`, and this keeps it visible.
    #[allow(clippy::manual_async_fn)]
    fn __fastrs_resolve<'a, 'r: 'a>(
        &self,
        cx: &'a mut Cx<'r>,
    ) -> impl Future<Output = DepOutcome<Depends<F>>> + Send + 'a
    where
        Depends<F>: 'a,
    {
        async move {
            match cx.depends::<F>().await {
                Ok(value) => DepOutcome::Resolved(value),
                Err(response) => DepOutcome::Answer(response),
            }
        }
    }
}

/// Any other type: nothing to resolve.
pub trait ViaNoDepends<T> {
    /// Not a dependency.
    fn __fastrs_is_dependency(&self) -> bool {
        false
    }

    /// Nothing.
    fn __fastrs_resolve<'a, 'r: 'a>(
        &self,
        _cx: &'a mut Cx<'r>,
    ) -> impl Future<Output = DepOutcome<T>> + Send + 'a
    where
        T: 'a,
    {
        NotADependency(PhantomData)
    }
}

impl<T> ViaNoDepends<T> for DepProbe<T> {}

/// Ready at once with [`DepOutcome::NotADependency`]; `Send` whatever `T` is.
struct NotADependency<T>(PhantomData<fn() -> T>);

impl<T> Future for NotADependency<T> {
    type Output = DepOutcome<T>;

    fn poll(
        self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
    ) -> std::task::Poll<DepOutcome<T>> {
        std::task::Poll::Ready(DepOutcome::NotADependency)
    }
}
