//! `ResponseDoc`: what a handler's return type answers, for the documentation.

use axum::Json;
use schemars::JsonSchema;
use schemars::generate::SchemaGenerator;
use serde_json::Value;

/// The media type and schema a return type answers with.
pub trait ResponseDoc {
    /// `None` for an empty answer, else the media type and schema.
    fn response_schema(generator: &mut SchemaGenerator) -> Option<(&'static str, Value)>;
}

impl<T: JsonSchema> ResponseDoc for Json<T> {
    fn response_schema(generator: &mut SchemaGenerator) -> Option<(&'static str, Value)> {
        Some((
            "application/json",
            any_as_object(generator.subschema_for::<T>().to_value()),
        ))
    }
}

impl<T: ResponseDoc, E> ResponseDoc for Result<T, E> {
    fn response_schema(generator: &mut SchemaGenerator) -> Option<(&'static str, Value)> {
        T::response_schema(generator)
    }
}

impl ResponseDoc for String {
    fn response_schema(_: &mut SchemaGenerator) -> Option<(&'static str, Value)> {
        Some(("text/plain", serde_json::json!({ "type": "string" })))
    }
}

impl ResponseDoc for &'static str {
    fn response_schema(generator: &mut SchemaGenerator) -> Option<(&'static str, Value)> {
        String::response_schema(generator)
    }
}

impl ResponseDoc for () {
    fn response_schema(_: &mut SchemaGenerator) -> Option<(&'static str, Value)> {
        None
    }
}

/// JSON Schema's `true` (any value) as FastAPI writes it: `{}`.
pub(crate) fn any_as_object(schema: Value) -> Value {
    match schema {
        Value::Bool(true) => Value::Object(serde_json::Map::new()),
        other => other,
    }
}
