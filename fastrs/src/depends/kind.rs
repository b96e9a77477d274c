//! The dependency kind of a parameter (`Depends<F>`), chosen by the probe of `extract::kind`:
//! resolved before anything else is read, described as a dependency fact.

use std::future::Future;

use axum::response::Response;

use super::{Dependency, Depends, describe_dependency};
use crate::context::Meta;
use crate::extract::Cx;
use crate::extract::kind::{DependencyKind, IsDependency, Probe, Validator, reading};
use crate::spec::ParamSpec;

impl<F: Dependency> IsDependency<Depends<F>> for &&&&Probe<Depends<F>> {}

impl<F: Dependency> DependencyKind<Depends<F>> {
    /// Resolves `F` (once per request unless `no_cache`): `None` when it was refused with
    /// errors recorded, `Err` when it answered the request itself.
    pub fn resolve<'a, 'r: 'a>(
        self,
        cx: &'a mut Cx<'r>,
    ) -> impl Future<Output = Result<Option<Depends<F>>, Box<Response>>> + Send + 'a {
        cx.depends::<F>()
    }

    reading!(Depends<F>;
        /// The value resolved before.
        fn read_unmarked(self, _, _, _, _, resolved) {
            resolved
        }
    );

    /// A dependency fact: its parameters are its own facts.
    pub fn describe(self, meta: &mut Meta, _: &'static ParamSpec, _: Validator<Depends<F>>) {
        describe_dependency::<F>(meta);
    }
}

/// The probe of a `Depends<F>` parameter's `F`: its facts and its value when it is a
/// dependency; no fact and no value otherwise, as [`is_dependency`] is then the one compile
/// error. `(&&DependencyProbe::<F>::new()).__fastrs_resolve_dependency(cx)`, in generated code.
#[doc(hidden)]
pub struct DependencyProbe<F>(std::marker::PhantomData<fn() -> F>);

impl<F> DependencyProbe<F> {
    /// The probe for `F`.
    pub const fn new() -> Self {
        Self(std::marker::PhantomData)
    }
}

impl<F> Default for DependencyProbe<F> {
    fn default() -> Self {
        Self::new()
    }
}

/// Says, once, that `F` is not a dependency: the bound is the compile error.
#[doc(hidden)]
pub const fn is_dependency<F: Dependency>() {}

/// The probe's level for a dependency: its fact, and its value resolved.
#[doc(hidden)]
pub trait ViaDependency {
    /// `Depends<F>`.
    type Value;

    /// Writes the dependency's fact.
    fn __fastrs_describe_dependency(&self, meta: &mut Meta);

    /// Resolves it (see [`Cx::depends`]).
    fn __fastrs_resolve_dependency<'a, 'r: 'a>(
        &self,
        cx: &'a mut Cx<'r>,
    ) -> impl Future<Output = Result<Option<Self::Value>, Box<Response>>> + Send + 'a;
}

impl<F: Dependency> ViaDependency for &DependencyProbe<F> {
    type Value = Depends<F>;

    fn __fastrs_describe_dependency(&self, meta: &mut Meta) {
        describe_dependency::<F>(meta);
    }

    fn __fastrs_resolve_dependency<'a, 'r: 'a>(
        &self,
        cx: &'a mut Cx<'r>,
    ) -> impl Future<Output = Result<Option<Depends<F>>, Box<Response>>> + Send + 'a {
        cx.depends::<F>()
    }
}

/// The probe's level for anything else: no fact, no value (never reached: the program does
/// not compile).
#[doc(hidden)]
pub trait ViaNotADependency {
    /// `Depends<F>`.
    type Value;

    /// Writes nothing.
    fn __fastrs_describe_dependency(&self, meta: &mut Meta);

    /// Resolves nothing.
    fn __fastrs_resolve_dependency<'a, 'r: 'a>(
        &self,
        cx: &'a mut Cx<'r>,
    ) -> impl Future<Output = Result<Option<Self::Value>, Box<Response>>> + Send + 'a;
}

impl<F: 'static> ViaNotADependency for DependencyProbe<F> {
    type Value = Depends<F>;

    fn __fastrs_describe_dependency(&self, _: &mut Meta) {}

    fn __fastrs_resolve_dependency<'a, 'r: 'a>(
        &self,
        _: &'a mut Cx<'r>,
    ) -> impl Future<Output = Result<Option<Depends<F>>, Box<Response>>> + Send + 'a {
        crate::extract::kind::not_a_dependency()
    }
}
