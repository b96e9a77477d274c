//! The OpenAPI document of an app, built once at start-up from its routes.
//!
//! Each route macro writes a `describe` function: the facts of the route's parameters, body
//! and response ([`crate::context::Meta`]), chosen by type exactly as the request is read.
//! [`RouteDoc`] turns them into the route's operation.

mod pydantic_style;
mod response_doc;
mod route_doc;
pub(crate) mod scalar;
pub(crate) mod swagger;

pub use response_doc::{ResponseDoc, Returns, ViaAnyResponse, ViaResponseDoc};
pub(crate) use route_doc::RouteDoc;

use std::sync::OnceLock;

use bytes::Bytes;
use fastrs_openapi::model::{Info, OpenApi, Server, Tag};
use fastrs_openapi::{DocumentError, Generator, OperationIdSet, OperationIds};
use schemars::generate::{SchemaGenerator, SchemaSettings};

use crate::router::MountedRoute;

/// The schema generator every route of one document shares: draft 2020-12, definitions under
/// `#/components/schemas/`.
pub(crate) fn schema_generator() -> SchemaGenerator {
    let mut settings = SchemaSettings::draft2020_12();
    settings.definitions_path = "#/components/schemas/".into();
    settings.meta_schema = None;
    settings
        .with_transform(schemars::transform::RecursiveTransform(
            pydantic_style::transform,
        ))
        .into_generator()
}

/// What the document says of the API as a whole.
#[derive(Debug, Clone)]
pub(crate) struct Metadata {
    pub(crate) info: Info,
    pub(crate) servers: Vec<Server>,
    pub(crate) tags: Vec<Tag>,
    pub(crate) operation_ids: OperationIds,
    pub(crate) style: OpenApiStyle,
}

/// How much an app's document says beyond FastAPI's (`App::openapi_style`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OpenApiStyle {
    /// Integers and floats carry their `format` (`int32`, `uint64`, `double`) and the bounds
    /// their Rust type implies (`u8`: `minimum 0`, `maximum 255`), which fastrs enforces.
    #[default]
    Fastrs,
    /// What pydantic writes: no number `format`, no bound but those declared. An unsigned
    /// type's `minimum: 0` goes too, even when declared with garde (the two cannot be told
    /// apart).
    FastApi,
}

/// Refuses two documented operations with one id, as building the document would: checked at
/// start-up, while the document itself is built on its first request.
pub(crate) fn check_operation_ids(
    metadata: &Metadata,
    routes: &[MountedRoute],
) -> Result<(), DocumentError> {
    let mut ids = OperationIdSet::new(metadata.operation_ids);
    for route in routes.iter().filter(|r| r.include_in_schema()) {
        let def = route.def();
        ids.take(
            def.options.operation_id.unwrap_or_default(),
            def.name,
            &route.openapi_path(),
            def.method.as_str(),
            &route.location(),
        )?;
    }
    Ok(())
}

/// The JSON document an app serves, built on its first request (as FastAPI builds its
/// `openapi_schema`): an app that nobody asks for its document never runs the schema
/// generator, and its code stays out of memory.
pub(crate) struct LazyDocument {
    metadata: Metadata,
    dependencies: crate::context::AppDependencies,
    routes: Vec<MountedRoute>,
    json: OnceLock<Result<Bytes, String>>,
}

impl LazyDocument {
    /// The document of `routes`, not built yet.
    pub(crate) fn new(
        metadata: Metadata,
        dependencies: crate::context::AppDependencies,
        routes: Vec<MountedRoute>,
    ) -> Self {
        Self {
            metadata,
            dependencies,
            routes,
            json: OnceLock::new(),
        }
    }

    /// The document as JSON, built the first time; `Err` says why it could not be (the
    /// start-up checks make that a fastrs bug).
    pub(crate) fn json(&self) -> Result<&Bytes, &str> {
        self.json
            .get_or_init(|| {
                document(&self.metadata, &self.dependencies, &self.routes)
                    .map(|document| Bytes::from(document.to_json()))
                    .map_err(|e| e.to_string())
            })
            .as_ref()
            .map_err(String::as_str)
    }
}

/// The document of `routes` (hidden ones left out).
pub(crate) fn document(
    metadata: &Metadata,
    dependencies: &crate::context::AppDependencies,
    routes: &[MountedRoute],
) -> Result<OpenApi, DocumentError> {
    let mut schemas = schema_generator();
    let mut generator = Generator::new(metadata.info.clone()).operation_ids(metadata.operation_ids);
    generator.document_mut().servers = metadata.servers.clone();
    generator.document_mut().tags = metadata.tags.clone();
    let mut param_models = Vec::new();
    for route in routes.iter().filter(|r| r.include_in_schema()) {
        let mut doc = RouteDoc::new(&mut schemas, route);
        doc.read(&route.meta(dependencies));
        generator.security_schemes(doc.security_schemes());
        param_models.extend_from_slice(doc.param_models());
        generator.add(doc.into_fragment())?;
    }
    let mut definitions = schemas.take_definitions(true);
    unreferenced_param_models(&mut definitions, &param_models, generator.document_mut());
    generator.schemas(definitions.into_iter().map(|(name, mut schema)| {
        if let serde_json::Value::Object(fields) = &mut schema {
            fields
                .entry("title")
                .or_insert_with(|| serde_json::Value::from(name.clone()));
        }
        (name, schema)
    }));
    let document = generator.finish();
    Ok(match metadata.style {
        OpenApiStyle::Fastrs => document,
        OpenApiStyle::FastApi => as_pydantic_writes(document),
    })
}

/// The document without what pydantic would not write: number formats and the bounds a Rust
/// type implies (those equal to its format's range). Rewritten in place, schema by schema:
/// a round trip through `serde_json::Value` would add a deserializer of the whole model to
/// every binary.
fn as_pydantic_writes(mut document: OpenApi) -> OpenApi {
    for item in document.paths.values_mut() {
        let operations = [
            &mut item.get,
            &mut item.put,
            &mut item.post,
            &mut item.delete,
            &mut item.options,
            &mut item.head,
            &mut item.patch,
            &mut item.trace,
        ];
        for operation in operations.into_iter().flatten() {
            for parameter in &mut operation.parameters {
                without_rust_numbers(&mut parameter.schema);
            }
            if let Some(body) = &mut operation.request_body {
                body.content.values_mut().for_each(without_rust_numbers);
            }
            for response in operation.responses.values_mut() {
                if let Some(content) = &mut response.content {
                    content.values_mut().for_each(without_rust_numbers);
                }
            }
        }
    }
    if let Some(components) = &mut document.components {
        components
            .schemas
            .values_mut()
            .for_each(without_rust_numbers);
    }
    document
}

fn without_rust_numbers(value: &mut serde_json::Value) {
    use serde_json::Value;
    match value {
        Value::Object(fields) => {
            let is_number = matches!(
                fields.get("type").and_then(Value::as_str),
                Some("integer" | "number")
            );
            let format = fields
                .get("format")
                .and_then(Value::as_str)
                .map(str::to_owned);
            if let (true, Some(format)) = (is_number, format)
                && let Some((min, max)) = number_format_range(&format)
            {
                fields.remove("format");
                let implied = |bound: Option<&Value>, n: f64| {
                    bound.and_then(Value::as_f64).is_some_and(|b| b == n)
                };
                if implied(fields.get("minimum"), min) {
                    fields.remove("minimum");
                }
                if implied(fields.get("maximum"), max) {
                    fields.remove("maximum");
                }
            }
            for field in fields.values_mut() {
                without_rust_numbers(field);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(without_rust_numbers),
        _ => {}
    }
}

/// The range a number `format` of schemars implies (`NaN` for none on that side).
fn number_format_range(format: &str) -> Option<(f64, f64)> {
    Some(match format {
        "int8" => (i8::MIN.into(), i8::MAX.into()),
        "int16" => (i16::MIN.into(), i16::MAX.into()),
        "int32" => (i32::MIN.into(), i32::MAX.into()),
        "int64" => (i64::MIN as f64, i64::MAX as f64),
        "uint8" => (0.0, u8::MAX.into()),
        "uint16" => (0.0, u16::MAX.into()),
        "uint32" => (0.0, u32::MAX.into()),
        "uint64" | "uint" => (0.0, u64::MAX as f64),
        "int" => (i64::MIN as f64, i64::MAX as f64),
        "float" | "double" => (f64::NAN, f64::NAN),
        _ => return None,
    })
}

/// Leaves out the components of parameter models that nothing refers to: their fields are
/// the operation's parameters, and FastAPI lists no component for them.
fn unreferenced_param_models(
    definitions: &mut serde_json::Map<String, serde_json::Value>,
    param_models: &[String],
    document: &OpenApi,
) {
    let paths = serde_json::to_string(&document.paths).unwrap_or_default();
    for name in param_models {
        let reference = format!("\"#/components/schemas/{name}\"");
        let used = paths.contains(&reference)
            || definitions
                .iter()
                .any(|(other, schema)| other != name && schema.to_string().contains(&reference));
        if !used {
            definitions.remove(name);
        }
    }
}
