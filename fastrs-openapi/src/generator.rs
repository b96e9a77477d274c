//! `Generator`: route fragments in, one OpenAPI document out.

use std::collections::BTreeMap;

use serde_json::json;

use crate::model::{
    Components, Info, MediaType, OpenApi, Operation, RequestBody, Response, Schema,
};
use crate::naming;

/// One route's part of the document, before operation ids are settled.
#[derive(Debug, Clone)]
pub struct OperationFragment {
    /// The method, such as `GET`.
    pub method: String,
    /// The OpenAPI path: `/items/{item_id}`.
    pub path: String,
    /// The handler's name.
    pub function: String,
    /// `file:line` of the handler, for error messages.
    pub location: String,
    /// The operation; an empty `operation_id` is filled by the generator's rule.
    pub operation: Operation,
    /// The operation reads parameters or a body, so it documents a 422.
    pub validates: bool,
    /// Several body parameters (or form fields): the object schema of FastAPI's
    /// `Body_<operationId>` component, whether a body is required, and its media type.
    pub embedded_body: Option<(Schema, bool, &'static str)>,
}

/// How operation ids are made when a route gives none.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OperationIds {
    /// The function's name: `read_item`.
    #[default]
    Function,
    /// FastAPI's generated id: `read_item_items__item_id__get`.
    FastApi,
}

/// Why a document cannot be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentError(pub String);

impl std::fmt::Display for DocumentError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for DocumentError {}

/// The operation ids of one document, each taken once.
#[derive(Debug, Default)]
pub struct OperationIdSet {
    ids: OperationIds,
    /// Each id taken, and the place of the operation that took it.
    seen: BTreeMap<String, String>,
}

impl OperationIdSet {
    /// No id taken yet; missing ids are made as `ids` says.
    pub fn new(ids: OperationIds) -> Self {
        Self {
            ids,
            seen: BTreeMap::new(),
        }
    }

    /// The id of the operation `method path` of `function` (at `location`): `given` when not
    /// empty, else one made from the function. Refused when another operation has it, naming
    /// both places.
    pub fn take(
        &mut self,
        given: &str,
        function: &str,
        path: &str,
        method: &str,
        location: &str,
    ) -> Result<String, DocumentError> {
        let id = if given.is_empty() {
            match self.ids {
                OperationIds::Function => function.to_owned(),
                OperationIds::FastApi => naming::fastapi_operation_id(function, path, method),
            }
        } else {
            given.to_owned()
        };
        if let Some(first) = self.seen.insert(id.clone(), location.to_owned()) {
            return Err(DocumentError(format!(
                "two operations have the id `{id}`: at {first} and at {location}; give one an `operation_id`"
            )));
        }
        Ok(id)
    }
}

/// Builds one document from route fragments.
#[derive(Debug)]
pub struct Generator {
    document: OpenApi,
    ids: OperationIdSet,
    validates: bool,
}

/// Titles the JSON schema of each successful answer that is not a bare reference, as FastAPI
/// titles its response field: `Response Read Item Items  Item Id  Get`.
fn titled_response(operation: &mut Operation) {
    let title = naming::title(&format!("Response_{}", operation.operation_id));
    for (status, response) in &mut operation.responses {
        if !status.starts_with('2') {
            continue;
        }
        let schema = response
            .content
            .as_mut()
            .and_then(|content| content.get_mut("application/json"))
            .and_then(|media| media.get_mut("schema"));
        if let Some(serde_json::Value::Object(schema)) = schema
            && !schema.is_empty()
            && !(schema.len() == 1 && schema.contains_key("$ref"))
        {
            schema
                .entry("title")
                .or_insert_with(|| serde_json::Value::from(title.clone()));
        }
    }
}

impl Generator {
    /// A generator for an API described by `info`.
    pub fn new(info: Info) -> Self {
        Self {
            document: OpenApi::new(info),
            ids: OperationIdSet::default(),
            validates: false,
        }
    }

    /// Chooses how missing operation ids are made.
    #[must_use]
    pub fn operation_ids(mut self, ids: OperationIds) -> Self {
        self.ids = OperationIdSet::new(ids);
        self
    }

    /// The document being built, for its metadata (servers, tags).
    pub fn document_mut(&mut self) -> &mut OpenApi {
        &mut self.document
    }

    /// Adds one operation. Two operations with one id are refused, naming both places.
    pub fn add(&mut self, fragment: OperationFragment) -> Result<(), DocumentError> {
        let OperationFragment {
            method,
            path,
            function,
            location,
            mut operation,
            validates,
            embedded_body,
        } = fragment;
        operation.operation_id = self.ids.take(
            &operation.operation_id,
            &function,
            &path,
            &method,
            &location,
        )?;
        titled_response(&mut operation);
        if let Some((mut schema, required, media_type)) = embedded_body {
            let name = format!("Body_{}", operation.operation_id);
            schema["title"] = name.clone().into();
            let reference = json!({ "$ref": format!("#/components/schemas/{name}") });
            operation.request_body = Some(RequestBody::new(
                media_type,
                MediaType::new(reference),
                required,
            ));
            self.schemas([(name, schema)]);
        }
        if validates {
            self.validates = true;
            operation.responses.insert(
                "422".to_owned(),
                Response::with_content(
                    "Validation Error",
                    "application/json",
                    MediaType::new(json!({"$ref": "#/components/schemas/HTTPValidationError"})),
                ),
            );
        }
        let item = self.document.paths.entry(path.clone()).or_default();
        let slot = item.slot(&method).ok_or_else(|| {
            DocumentError(format!("`{method}` is not an OpenAPI method ({location})"))
        })?;
        *slot = Some(operation);
        Ok(())
    }

    /// Adds reusable schemas (from the models' JSON schemas).
    pub fn schemas(&mut self, schemas: impl IntoIterator<Item = (String, Schema)>) {
        let components = self
            .document
            .components
            .get_or_insert_with(Components::default);
        components.schemas.extend(schemas);
    }

    /// Adds security schemes to `components.securitySchemes` (one per name).
    pub fn security_schemes(&mut self, schemes: impl IntoIterator<Item = (String, Schema)>) {
        let components = self
            .document
            .components
            .get_or_insert_with(Components::default);
        components.security_schemes.extend(schemes);
    }

    /// The document.
    pub fn finish(mut self) -> OpenApi {
        if self.validates {
            self.schemas([
                (
                    "HTTPValidationError".to_owned(),
                    crate::http_validation_error(),
                ),
                ("ValidationError".to_owned(), crate::validation_error()),
            ]);
        }
        self.document
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fragment(function: &str, method: &str, path: &str, validates: bool) -> OperationFragment {
        let mut responses = BTreeMap::new();
        responses.insert(
            "200".to_owned(),
            Response::with_content(
                "Successful Response",
                "application/json",
                MediaType::new(json!({})),
            ),
        );
        OperationFragment {
            method: method.to_owned(),
            path: path.to_owned(),
            function: function.to_owned(),
            location: format!("src/lib.rs:{}", function.len()),
            operation: Operation {
                summary: Some(naming::summary(function)),
                responses,
                ..Operation::default()
            },
            validates,
            embedded_body: None,
        }
    }

    fn info() -> Info {
        Info {
            title: "FastAPI".into(),
            version: "0.1.0".into(),
            ..Info::default()
        }
    }

    #[test]
    fn builds_paths_ids_and_the_422() {
        let mut generator = Generator::new(info());
        generator.add(fragment("root", "GET", "/", false)).unwrap();
        generator
            .add(fragment("read_item", "GET", "/items/{item_id}", true))
            .unwrap();
        let doc = generator.finish();
        let json = serde_json::to_value(&doc).unwrap();
        assert_eq!(json["openapi"], "3.1.0");
        assert_eq!(json["paths"]["/"]["get"]["operationId"], "root");
        assert_eq!(json["paths"]["/"]["get"]["responses"].get("422"), None);
        assert_eq!(
            json["paths"]["/items/{item_id}"]["get"]["responses"]["422"],
            json!({"description": "Validation Error", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/HTTPValidationError"}}}})
        );
        let schemas: Vec<&String> = doc.components.as_ref().unwrap().schemas.keys().collect();
        assert_eq!(schemas, ["HTTPValidationError", "ValidationError"]);
    }

    #[test]
    fn fastapi_operation_ids_on_request() {
        let mut generator = Generator::new(info()).operation_ids(OperationIds::FastApi);
        generator
            .add(fragment("read_item", "GET", "/items/{item_id}", true))
            .unwrap();
        let doc = generator.finish();
        let op = doc.paths["/items/{item_id}"].get.as_ref().unwrap();
        assert_eq!(op.operation_id, "read_item_items__item_id__get");
    }

    #[test]
    fn refuses_two_operations_with_one_id() {
        let mut generator = Generator::new(info());
        generator.add(fragment("read", "GET", "/a", false)).unwrap();
        let err = generator
            .add(fragment("read", "GET", "/b", false))
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "two operations have the id `read`: at src/lib.rs:4 and at src/lib.rs:4; give one an `operation_id`"
        );
    }
}
