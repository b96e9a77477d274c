//! Parameter models: a struct whose fields are query, header, cookie or form parameters.

use serde_json::{Map, Value};

use super::body::BodyParam;
use super::{Cx, Found};
use crate::context::sources;
use crate::error::Loc;
use crate::spec::{ParamSpec, Source};

/// A struct read field by field from one source: `#[query] filter: Filter`.
///
/// Any `Deserialize + JsonSchema` struct is one; `#[serde(deny_unknown_fields)]` refuses
/// unknown parameters with `extra_forbidden`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be a path, query, header or cookie value",
    label = "neither a scalar value nor a parameter model",
    note = "a single value implements `fastrs::Scalar`: numbers, `bool`, `String`, `char`, `Uuid`, and enums or newtypes with `#[derive(fastrs::Scalar)]`",
    note = "a parameter model is a struct that derives `serde::Deserialize` and `schemars::JsonSchema`"
)]
pub trait ParamModel: BodyParam {}

/// Not recommended: the error names `ParamModel` with its notes, once, rather than each trait
/// of `BodyParam` the type lacks.
#[diagnostic::do_not_recommend]
impl<T: BodyParam> ParamModel for T {}

impl Cx<'_> {
    /// Reads a parameter model from `source`: each field of `T` is one parameter.
    pub fn model<T: ParamModel>(
        &mut self,
        spec: &'static ParamSpec,
        source: Source,
        default: Option<fn() -> T>,
    ) -> Option<T> {
        let source = match source {
            Source::Inferred => Source::Query,
            other => other,
        };
        if source == Source::Body {
            return self.body_value(spec, default);
        }
        let input = self.model_input_for::<T>(spec, source);
        let loc = [Loc::from(source.loc_name())];
        match self.coerce::<T>(spec, input, &loc, source) {
            Found::Value(v) => Some(v),
            _ => None,
        }
    }

    /// The object a parameter model is read from: each field's value, a list for list fields,
    /// and every other name sent (so that `deny_unknown_fields` can refuse them).
    fn model_input_for<T: ParamModel>(&self, spec: &'static ParamSpec, source: Source) -> Value {
        let schema = crate::validate::param_schema::<T>(spec).as_value();
        let props = resolve_properties(schema);
        let is_list = |name: &str| {
            props
                .and_then(|p| p.get(name))
                .is_some_and(|p| p.get("type").and_then(Value::as_str) == Some("array"))
        };
        let mut object = Map::new();
        for (name, value) in self.source_pairs(source) {
            let name = match source {
                Source::Header => header_field(props, &name),
                _ => name,
            };
            if is_list(&name) {
                let entry = object
                    .entry(name)
                    .or_insert_with(|| Value::Array(Vec::new()));
                if let Value::Array(items) = entry {
                    items.push(Value::String(value));
                }
            } else if source == Source::Header && props.is_some_and(|p| p.contains_key(&name)) {
                // A field sent twice: the first header counts, as FastAPI reads each field
                // with Starlette's `Headers.get` (other names: the last, as a dict keeps it).
                object.entry(name).or_insert(Value::String(value));
            } else {
                object.insert(name, Value::String(value));
            }
        }
        object.into()
    }

    /// The raw input of a parameter model, without its schema (for error inputs).
    pub(crate) fn model_input(&self, _spec: &'static ParamSpec, source: Source) -> Value {
        let mut object = Map::new();
        for (name, value) in self.source_pairs(source) {
            object.insert(name, Value::String(value));
        }
        object.into()
    }

    fn source_pairs(&self, source: Source) -> Vec<(String, String)> {
        match source {
            Source::Header => self
                .parts
                .headers
                .iter()
                .filter_map(|(k, v)| Some((k.as_str().to_owned(), v.to_str().ok()?.to_owned())))
                .collect(),
            Source::Cookie => {
                let cookies = self
                    .cookies
                    .get_or_init(|| Box::new(sources::parse_cookies(self.parts)));
                cookies
                    .iter()
                    .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                    .collect()
            }
            Source::Form => self
                .body
                .form_values_all()
                .map(|(k, v)| (k.to_owned(), v.to_owned()))
                .collect(),
            _ => {
                let pairs = self.query.get_or_init(|| sources::parse_query(self.parts));
                pairs
                    .iter()
                    .map(|(k, v)| (k.clone().into_owned(), v.clone().into_owned()))
                    .collect()
            }
        }
    }
}

fn resolve_properties(schema: &Value) -> Option<&Map<String, Value>> {
    let props = schema.get("properties");
    match props {
        Some(p) => p.as_object(),
        None => {
            let r = schema.get("$ref")?.as_str()?.strip_prefix('#')?;
            schema.pointer(r)?.get("properties")?.as_object()
        }
    }
}

/// A header's field name: `user-agent` fills the field `user_agent`, as FastAPI converts
/// underscores.
fn header_field(props: Option<&Map<String, Value>>, header: &str) -> String {
    let field = header.replace('-', "_");
    match props {
        Some(p) if p.contains_key(&field) => field,
        _ => header.to_owned(),
    }
}
