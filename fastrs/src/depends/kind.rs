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
