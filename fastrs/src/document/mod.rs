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
    for route in routes.iter().filter(|r| r.include_in_schema()) {
        let mut doc = RouteDoc::new(&mut schemas, route);
        doc.read(&route.meta(dependencies));
        generator.security_schemes(doc.security_schemes());
        generator.add(doc.into_fragment())?;
    }
    let definitions = schemas.take_definitions(true);
    generator.schemas(definitions.into_iter().map(|(name, mut schema)| {
        if let serde_json::Value::Object(fields) = &mut schema {
            fields
                .entry("title")
                .or_insert_with(|| serde_json::Value::from(name.clone()));
        }
        (name, schema)
    }));
    Ok(generator.finish())
}
