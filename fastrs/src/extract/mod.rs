//! Reading parameters from a request: path, query, headers, cookies and the body.
//!
//! The route macros generate one call per parameter into [`Cx`]; every error is recorded and
//! answered together as one 422.

mod arguments;
mod body;
mod client;
#[cfg(feature = "multipart")]
pub(crate) mod file;
mod framework;
pub(crate) mod kind;
mod model;
mod param;
mod param_doc;
pub(crate) mod probe;
mod request_id;
mod rules;
pub(crate) mod scalar;

pub use crate::spec::{Bound, Num, ParamSpec, Source};
pub use arguments::{Arguments, arguments};
#[cfg(feature = "ws")]
pub(crate) use body::json_message;
pub use body::{BodyNeed, BodyParam};
pub use client::ClientAddr;
pub(crate) use client::client_of;
#[cfg(feature = "multipart")]
pub use file::FormFile;
pub use framework::FromCx;
pub use model::ParamModel;
pub use param::{At, Found, ParamType};
pub use param_doc::ParamDoc;
pub use request_id::RequestId;
pub(crate) use request_id::X_REQUEST_ID;
pub use scalar::{Scalar, ScalarError};

pub use crate::context::Cx;
use crate::context::sources;

impl<'r> Cx<'r> {
    /// Reads path parameter `spec`.
    pub fn path<T: ParamType>(&mut self, spec: &'static ParamSpec) -> Option<T> {
        self.param(spec, Source::Path, None)
    }

    /// Reads a `T`, `Option<T>` or `Vec<T>` parameter from `source`.
    pub fn param<T: ParamType>(
        &mut self,
        spec: &'static ParamSpec,
        source: Source,
        default: Option<fn() -> T>,
    ) -> Option<T> {
        let mut at = At {
            spec,
            source,
            errors: &mut self.errors,
        };
        let found = match source {
            Source::Path => T::from_values(self.path.get(spec.key).into_iter(), &mut at),
            Source::Query | Source::Inferred => {
                let pairs = self.query.get_or_init(|| sources::parse_query(self.parts));
                T::from_values(sources::values_of(pairs, spec.key), &mut at)
            }
            // One value: the first header, looked up once (FastAPI's `Headers.get`).
            Source::Header if T::SINGLE => {
                let value = spec
                    .header_name()
                    .and_then(|name| self.parts.headers.get(name))
                    .and_then(sources::header_str);
                T::from_values(value.into_iter(), &mut at)
            }
            Source::Header => match spec.header_name() {
                Some(name) => T::from_values(sources::header_values(self.parts, name), &mut at),
                None => T::from_values(std::iter::empty(), &mut at),
            },
            Source::Cookie => {
                let cookies = self
                    .cookies
                    .get_or_init(|| Box::new(sources::parse_cookies(self.parts)));
                let values = cookies
                    .iter()
                    .filter(|(k, _)| *k == spec.key)
                    .map(|(_, v)| *v);
                T::from_values(values, &mut at)
            }
            // One value: the last, and an empty one is none (FastAPI's
            // `_get_multidict_value`), as a browser sends an empty field.
            Source::Form if T::SINGLE => {
                let value = self.body.form_values(spec.key).next_back();
                T::from_values(value.filter(|v| !v.is_empty()).into_iter(), &mut at)
            }
            Source::Form => T::from_values(self.body.form_values(spec.key), &mut at),
            Source::Body => unreachable!("body parameters are read by `Cx::body`"),
        };
        match found {
            Found::Value(v) => Some(v),
            Found::Invalid => None,
            Found::Missing => match default.map(|d| d()).or_else(T::missing) {
                Some(v) => Some(v),
                None => {
                    at.missing();
                    None
                }
            },
        }
    }
}
