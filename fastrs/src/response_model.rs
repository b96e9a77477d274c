//! FastAPI's response-model filters (`response_model_exclude_none`, `_exclude_defaults`,
//! `_exclude_unset`, `_include`, `_exclude`), applied to the JSON a route answers, and
//! [`Tracked`], a field that knows whether it was set.

use std::cell::Cell;
use std::collections::HashMap;
use std::ops::{Deref, DerefMut};
use std::sync::{Mutex, OnceLock};

use axum::body::Body;
use axum::response::Response;
use http::{HeaderValue, header};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;

use crate::context::{DescribeFn, Fact, Meta};

/// A route's response-model filters: which keys of its JSON answer are left out.
///
/// Written by the route attribute's `response_model_*` options; they apply to the route's own
/// successful (2xx) JSON answer, not to its errors, and leave the document as it is, as in
/// FastAPI.
#[derive(Debug, Clone, Copy)]
pub struct ResponseModel {
    /// `response_model_exclude_none`: leaves out every key whose value is `null`, at any depth.
    pub exclude_none: bool,
    /// `response_model_exclude_defaults`: leaves out the fields equal to the default their
    /// schema states (`#[serde(default)]` fields), at any depth.
    pub exclude_defaults: bool,
    /// `response_model_exclude_unset`: leaves out the [`Tracked`] fields never set.
    pub exclude_unset: bool,
    /// `response_model_include = [...]`: only these keys of the answer (of each item of a list).
    pub include: Option<&'static [&'static str]>,
    /// `response_model_exclude = [...]`: these keys of the answer (of each item of a list) left
    /// out.
    pub exclude: &'static [&'static str],
}

impl ResponseModel {
    /// No filter: the answer as serialized.
    pub const NONE: ResponseModel = ResponseModel {
        exclude_none: false,
        exclude_defaults: false,
        exclude_unset: false,
        include: None,
        exclude: &[],
    };

    /// Whether any filter is on.
    pub(crate) fn is_active(&self) -> bool {
        self.exclude_none
            || self.exclude_defaults
            || self.exclude_unset
            || self.include.is_some()
            || !self.exclude.is_empty()
    }

    /// Serializes the answer with `into_response`, marking unset [`Tracked`] fields when
    /// `exclude_unset` is on.
    pub(crate) fn serialize<R>(&self, into_response: impl FnOnce() -> R) -> R {
        if !self.exclude_unset {
            return into_response();
        }
        EXCLUDING_UNSET.with(|on| on.set(true));
        let response = into_response();
        EXCLUDING_UNSET.with(|on| on.set(false));
        response
    }

    /// Applies the filters to a successful JSON answer; others pass as they are. `describe`
    /// gives the route's answer schema, for `exclude_defaults`.
    pub(crate) async fn filter(&self, response: Response, describe: DescribeFn) -> Response {
        let is_json = response
            .headers()
            .get(header::CONTENT_TYPE)
            .is_some_and(|ct| ct.as_bytes().starts_with(b"application/json"));
        if !response.status().is_success() || !is_json {
            return response;
        }
        let (mut parts, body) = response.into_parts();
        let Ok(bytes) = axum::body::to_bytes(body, usize::MAX).await else {
            return Response::from_parts(parts, Body::empty());
        };
        let Ok(mut value) = serde_json::from_slice::<Value>(&bytes) else {
            return Response::from_parts(parts, Body::from(bytes));
        };
        if self.exclude_unset {
            retain_deep(&mut value, &|v| v.as_str() != Some(UNSET));
        }
        if self.exclude_none {
            retain_deep(&mut value, &|v| !v.is_null());
        }
        if self.exclude_defaults
            && let Some((root, schema)) = answer_schema(describe)
        {
            without_defaults(&mut value, root, schema);
        }
        self.keys(&mut value);
        let bytes = serde_json::to_vec(&value).unwrap_or_default();
        parts
            .headers
            .insert(header::CONTENT_LENGTH, HeaderValue::from(bytes.len()));
        Response::from_parts(parts, Body::from(bytes))
    }

    /// `include` and `exclude`, on the answer's object or each object of its list.
    fn keys(&self, value: &mut Value) {
        let keep = |key: &String| {
            self.include
                .is_none_or(|include| include.contains(&key.as_str()))
                && !self.exclude.contains(&key.as_str())
        };
        match value {
            Value::Object(fields) => fields.retain(|k, _| keep(k)),
            Value::Array(items) => {
                for item in items {
                    if let Value::Object(fields) = item {
                        fields.retain(|k, _| keep(k));
                    }
                }
            }
            _ => {}
        }
    }
}

/// Keeps, in every object at any depth, the entries whose value passes `keep`.
fn retain_deep(value: &mut Value, keep: &dyn Fn(&Value) -> bool) {
    match value {
        Value::Object(fields) => {
            fields.retain(|_, v| keep(v));
            for v in fields.values_mut() {
                retain_deep(v, keep);
            }
        }
        Value::Array(items) => {
            for item in items {
                retain_deep(item, keep);
            }
        }
        _ => {}
    }
}

/// Leaves out, along `schema`, each property equal to the `default` its schema states.
fn without_defaults(value: &mut Value, root: &Value, schema: &Value) {
    let schema = crate::validate::resolve_ref(root, schema);
    match value {
        Value::Object(fields) => {
            let Some(properties) = schema.get("properties").and_then(Value::as_object) else {
                return;
            };
            fields.retain(|key, v| {
                properties
                    .get(key)
                    .map(|p| crate::validate::resolve_ref(root, p))
                    .and_then(|p| p.get("default"))
                    != Some(v)
            });
            for (key, v) in fields.iter_mut() {
                if let Some(property) = properties.get(key) {
                    for variant in variants(root, property) {
                        without_defaults(v, root, variant);
                    }
                }
            }
        }
        Value::Array(items) => {
            if let Some(item_schema) = schema.get("items") {
                for item in items {
                    without_defaults(item, root, item_schema);
                }
            }
        }
        _ => {}
    }
}

/// A schema, or the branches of its `anyOf` (an `Option` of a model).
fn variants<'a>(root: &'a Value, schema: &'a Value) -> Vec<&'a Value> {
    let schema = crate::validate::resolve_ref(root, schema);
    match schema.get("anyOf").and_then(Value::as_array) {
        Some(branches) => branches.iter().collect(),
        None => vec![schema],
    }
}

/// The schema of a route's answer and the root holding its definitions (under `$defs`), made
/// once per route.
fn answer_schema(describe: DescribeFn) -> Option<(&'static Value, &'static Value)> {
    type Schemas = HashMap<usize, Option<(&'static Value, &'static Value)>>;
    static SCHEMAS: OnceLock<Mutex<Schemas>> = OnceLock::new();
    let mut schemas = SCHEMAS
        .get_or_init(Mutex::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    *schemas.entry(describe as usize).or_insert_with(|| {
        let schema_fn = Meta::of(describe)
            .facts()
            .iter()
            .find_map(|fact| match fact {
                Fact::Response(schema) => Some(*schema),
                _ => None,
            })?;
        let mut generator = schemars::generate::SchemaSettings::draft2020_12().into_generator();
        let (_, schema) = schema_fn(&mut generator)?;
        let root = serde_json::json!({ "$defs": generator.take_definitions(true) });
        // Leaked once per route: the routes live as long as the program.
        Some((&*Box::leak(Box::new(root)), &*Box::leak(Box::new(schema))))
    })
}

/// What an unset [`Tracked`] field serializes as while its route excludes unset fields; the
/// filter then removes it. Never seen outside fastrs.
const UNSET: &str = "\u{0}fastrs:unset\u{0}";

thread_local! {
    /// On while a route with `response_model_exclude_unset` serializes its answer.
    static EXCLUDING_UNSET: Cell<bool> = const { Cell::new(false) };
}

/// A field that knows whether it was set: for `response_model_exclude_unset`, which leaves
/// out the fields never set, as pydantic's `model_fields_set` does.
///
/// A field is set when it was read from a request (present in the JSON), built with
/// [`Tracked::new`] or `From`, or changed through `DerefMut`; [`Default`] (what
/// `#[serde(default)]` gives an absent field) is its type's default, unset. It serializes as
/// its value, and is documented as its type.
///
/// ```
/// use fastrs::prelude::*;
/// use fastrs::Tracked;
///
/// #[derive(Clone, Serialize, Deserialize, JsonSchema)]
/// struct Item {
///     name: String,
///     price: f64,
///     #[serde(default)]
///     description: Tracked<Option<String>>,
///     #[serde(default)]
///     tags: Tracked<Vec<String>>,
/// }
///
/// let item = Item {
///     name: "Foo".into(),
///     price: 50.2,
///     description: Tracked::default(),
///     tags: Tracked::default(),
/// };
/// assert!(!item.tags.is_set());
/// assert!(item.tags.is_empty());
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Tracked<T> {
    value: T,
    set: bool,
}

impl<T> Tracked<T> {
    /// A set field.
    pub fn new(value: T) -> Self {
        Self { value, set: true }
    }

    /// A field holding `value` without being set, as a default.
    pub fn unset(value: T) -> Self {
        Self { value, set: false }
    }

    /// Whether the field was set.
    pub fn is_set(&self) -> bool {
        self.set
    }

    /// The value.
    pub fn into_inner(self) -> T {
        self.value
    }
}

impl<T> From<T> for Tracked<T> {
    fn from(value: T) -> Self {
        Self::new(value)
    }
}

impl<T> Deref for Tracked<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.value
    }
}

impl<T> DerefMut for Tracked<T> {
    /// Marks the field set, as assigning a pydantic field does.
    fn deref_mut(&mut self) -> &mut T {
        self.set = true;
        &mut self.value
    }
}

impl<T: Serialize> Serialize for Tracked<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if !self.set && EXCLUDING_UNSET.with(Cell::get) {
            return serializer.serialize_str(UNSET);
        }
        self.value.serialize(serializer)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Tracked<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        T::deserialize(deserializer).map(Tracked::new)
    }
}

impl<T: schemars::JsonSchema> schemars::JsonSchema for Tracked<T> {
    fn inline_schema() -> bool {
        T::inline_schema()
    }

    fn schema_name() -> std::borrow::Cow<'static, str> {
        T::schema_name()
    }

    fn schema_id() -> std::borrow::Cow<'static, str> {
        T::schema_id()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        T::json_schema(generator)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unset_field_is_marked_only_while_excluding() {
        let field: Tracked<Vec<u8>> = Tracked::default();
        assert_eq!(serde_json::to_value(&field).unwrap(), serde_json::json!([]));
        let model = ResponseModel {
            exclude_unset: true,
            ..ResponseModel::NONE
        };
        let marked = model.serialize(|| serde_json::to_value(&field).unwrap());
        assert_eq!(marked, Value::from(UNSET));
        assert_eq!(serde_json::to_value(&field).unwrap(), serde_json::json!([]));
    }

    #[test]
    fn changing_a_field_sets_it() {
        let mut field: Tracked<Vec<u8>> = Tracked::default();
        field.push(1);
        assert!(field.is_set());
    }
}
