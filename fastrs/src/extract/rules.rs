//! garde's rules on a value once it is read: each failed rule is one FastAPI error.

use super::{Cx, ParamSpec, Source};
use crate::validate::garde_errors;

impl Cx<'_> {
    /// Runs garde on a value read for `spec` and records one error per failed rule.
    pub fn validate<T: garde::Validate + schemars::JsonSchema>(
        &mut self,
        value: &T,
        spec: &'static ParamSpec,
    ) where
        T::Context: Default,
    {
        if let Err(rejected) = garde_errors(value) {
            let (base, input) = self.received(spec);
            let source = match spec.source {
                Source::Inferred => Source::Body,
                other => other,
            };
            let schema = crate::validate::param_schema::<T>(spec).as_value();
            let errors = rejected.into_errors(&base, &input, schema, source);
            for error in errors {
                self.push_error(error);
            }
        }
    }
}
