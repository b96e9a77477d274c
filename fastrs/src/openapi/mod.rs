//! The OpenAPI document of an app, built once at start-up from its routes.
//!
//! Each route macro writes a `document` function that describes the route's parameters, body
//! and response into a [`RouteDoc`], choosing by type exactly as the request is read.

mod param_doc;
mod response_doc;
mod route_doc;
pub(crate) mod swagger;

pub use param_doc::ParamDoc;
pub use response_doc::ResponseDoc;
pub use route_doc::RouteDoc;

use fastrs_openapi::model::{Info, OpenApi};
use fastrs_openapi::{DocumentError, Generator, OperationIds};
use schemars::generate::{SchemaGenerator, SchemaSettings};

use crate::route::RouteDef;

/// The schema generator every route of one document shares: draft 2020-12, definitions under
/// `#/components/schemas/`.
pub(crate) fn schema_generator() -> SchemaGenerator {
    let mut settings = SchemaSettings::draft2020_12();
    settings.definitions_path = "#/components/schemas/".into();
    settings.meta_schema = None;
    settings.into_generator()
}

/// The document of `routes` (hidden ones left out).
pub(crate) fn document(
    info: Info,
    ids: OperationIds,
    routes: &[&'static RouteDef],
) -> Result<OpenApi, DocumentError> {
    let mut schemas = schema_generator();
    let mut generator = Generator::new(info).operation_ids(ids);
    for route in routes.iter().filter(|r| r.options.include_in_schema) {
        let mut doc = RouteDoc::new(&mut schemas, route);
        (route.document)(&mut doc);
        generator.add(doc.into_fragment())?;
    }
    let definitions = schemas.take_definitions(true);
    generator.schemas(definitions);
    Ok(generator.finish())
}
