//! Framework values a handler can ask for by type: the request's headers, method and URI.

use http::{HeaderMap, Method, Uri};

use super::Cx;
use crate::validate::garde_errors;

/// A value taken from the request as a whole rather than from one named parameter.
pub trait FromCx: Sized + Send {
    /// Reads the value; `None` after recording an error.
    fn from_cx(cx: &mut Cx<'_>) -> Option<Self>;
}

impl FromCx for HeaderMap {
    fn from_cx(cx: &mut Cx<'_>) -> Option<Self> {
        Some(cx.parts().headers.clone())
    }
}

impl FromCx for Method {
    fn from_cx(cx: &mut Cx<'_>) -> Option<Self> {
        Some(cx.parts().method.clone())
    }
}

impl FromCx for Uri {
    fn from_cx(cx: &mut Cx<'_>) -> Option<Self> {
        Some(cx.parts().uri.clone())
    }
}

impl Cx<'_> {
    /// Runs garde on a value read for `spec` and records one error per failed rule.
    pub fn validate<T: garde::Validate>(&mut self, value: &T, spec: &'static super::ParamSpec)
    where
        T::Context: Default,
    {
        if let Err(rejected) = garde_errors(value) {
            let (base, input) = self.received(spec);
            let source = match spec.source {
                super::Source::Inferred => super::Source::Body,
                other => other,
            };
            let errors = rejected.into_errors(&base, &input, source);
            for error in errors {
                self.push_error(error);
            }
        }
    }
}
