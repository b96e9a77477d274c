//! `ResponseDoc`: what a handler's return type answers, for the documentation.

use std::marker::PhantomData;

use axum::Json;
use schemars::JsonSchema;
use schemars::generate::SchemaGenerator;
use serde_json::Value;

use crate::context::{Fact, Meta, any_as_object};

/// The media type and schema a return type answers with.
pub trait ResponseDoc {
    /// Whether the answer may be a file, cut to the request's `Range`
    /// ([`FileResponse`](crate::response::FileResponse)).
    const RANGED: bool = false;

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
    const RANGED: bool = T::RANGED;

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

impl<T: JsonSchema> ResponseDoc for crate::response::JsonLines<T> {
    fn response_schema(generator: &mut SchemaGenerator) -> Option<(&'static str, Value)> {
        // The schema of one line: `itemSchema` of `application/jsonl`.
        Some((
            "application/jsonl",
            generator.subschema_for::<T>().to_value(),
        ))
    }
}

/// The fields of an event, OpenAPI 3.2's schema for Server-Sent Events, as FastAPI writes it.
fn event_schema(data: Value) -> Value {
    serde_json::json!({
        "type": "object",
        "properties": {
            "data": data,
            "event": {"type": "string"},
            "id": {"type": "string"},
            "retry": {"type": "integer", "minimum": 0},
        },
    })
}

impl<T: JsonSchema> ResponseDoc for crate::response::Sse<T> {
    fn response_schema(generator: &mut SchemaGenerator) -> Option<(&'static str, Value)> {
        let data = serde_json::json!({
            "type": "string",
            "contentMediaType": "application/json",
            "contentSchema": generator.subschema_for::<T>().to_value(),
        });
        let mut schema = event_schema(data);
        schema["required"] = serde_json::json!(["data"]);
        Some(("text/event-stream", schema))
    }
}

impl ResponseDoc for crate::response::Sse<crate::response::Event> {
    fn response_schema(_: &mut SchemaGenerator) -> Option<(&'static str, Value)> {
        Some((
            "text/event-stream",
            event_schema(serde_json::json!({"type": "string"})),
        ))
    }
}

/// An HTML page, as FastAPI documents a route with `response_class=HTMLResponse`.
impl<T> ResponseDoc for crate::response::Html<T> {
    fn response_schema(_: &mut SchemaGenerator) -> Option<(&'static str, Value)> {
        Some(("text/html", serde_json::json!({"type": "string"})))
    }
}

/// A file: any content, as FastAPI documents a `FileResponse`; the route cuts it to the
/// request's `Range`.
impl ResponseDoc for crate::response::FileResponse {
    const RANGED: bool = true;

    fn response_schema(_: &mut SchemaGenerator) -> Option<(&'static str, Value)> {
        Some(("application/json", serde_json::json!({})))
    }
}

/// A redirect has no body.
impl ResponseDoc for crate::response::Redirect {
    fn response_schema(_: &mut SchemaGenerator) -> Option<(&'static str, Value)> {
        None
    }
}

impl ResponseDoc for () {
    fn response_schema(_: &mut SchemaGenerator) -> Option<(&'static str, Value)> {
        None
    }
}

/// Stands for a handler's return type when describing its answer.
pub struct Returns<T>(PhantomData<fn() -> T>);

impl<T> Returns<T> {
    /// The probe for `T`.
    pub const fn new() -> Self {
        Self(PhantomData)
    }
}

impl<T> Default for Returns<T> {
    fn default() -> Self {
        Self::new()
    }
}

/// Return types fastrs can describe: `Json<T>`, `Result` of one, text, `()`.
pub trait ViaResponseDoc<T> {
    /// Describes the answer.
    fn __fastrs_response(&self, meta: &mut Meta);
}

impl<T: ResponseDoc> ViaResponseDoc<T> for &Returns<T> {
    fn __fastrs_response(&self, meta: &mut Meta) {
        meta.push(Fact::Response(T::response_schema));
        if T::RANGED {
            meta.push(Fact::Ranged);
        }
    }
}

/// Other return types (any `IntoResponse`): documented as any JSON, as FastAPI does.
pub trait ViaAnyResponse<T> {
    /// Leaves the answer undescribed.
    fn __fastrs_response(&self, _meta: &mut Meta) {}
}

impl<T> ViaAnyResponse<T> for Returns<T> {}
