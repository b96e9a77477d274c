//! `RouteDoc`: one route's operation, read from the route's facts.

use std::collections::BTreeMap;

use fastrs_openapi::model::{MediaType, Operation, Parameter, ParameterIn, RequestBody, Response};
use fastrs_openapi::{OperationFragment, naming};
use schemars::generate::SchemaGenerator;
use serde_json::{Map, Value, json};

use crate::context::{Fact, Meta};
use crate::router::MountedRoute;
use crate::spec::{ParamSpec, Source};

/// A route's operation, as its facts describe it.
pub struct RouteDoc<'g> {
    generator: &'g mut SchemaGenerator,
    route: &'g MountedRoute,
    parameters: Vec<Parameter>,
    bodies: Vec<(&'static ParamSpec, Value, bool)>,
    /// The body is a form (`application/x-www-form-urlencoded`).
    form: bool,
    /// The form has files: `multipart/form-data`.
    multipart: bool,
    /// A form model: its schema is the whole form body.
    form_model: Option<Value>,
    response: Option<Option<(&'static str, Value)>>,
    /// The security schemes the route's dependencies use: name, scheme object, scopes.
    security: Vec<(&'static str, Value, Vec<String>)>,
    /// The scopes the route and its dependencies require, listed on each requirement.
    scopes: Vec<String>,
    /// A parameter is read but hidden (`include_in_schema = false`): still a 422 to document.
    hidden_params: bool,
    /// The components of the parameter models read, which the document lists only when
    /// something else refers to them (FastAPI lists none).
    param_models: Vec<String>,
}

impl<'g> RouteDoc<'g> {
    pub(crate) fn new(generator: &'g mut SchemaGenerator, route: &'g MountedRoute) -> Self {
        Self {
            generator,
            route,
            parameters: Vec::new(),
            bodies: Vec::new(),
            form: false,
            multipart: false,
            form_model: None,
            response: None,
            security: Vec::new(),
            scopes: Vec::new(),
            hidden_params: false,
            param_models: Vec::new(),
        }
    }

    /// The components of the parameter models the route reads.
    pub(crate) fn param_models(&self) -> &[String] {
        &self.param_models
    }

    /// Reads `meta`: its own facts, then each dependency's, as FastAPI flattens a dependant
    /// (a parameter reached twice is listed once).
    pub(crate) fn read(&mut self, meta: &Meta) {
        let mut dependencies = Vec::new();
        for fact in meta.facts() {
            match *fact {
                Fact::Param {
                    spec,
                    source,
                    schema,
                } => {
                    let (schema, required) = schema(self.generator);
                    self.param(spec, source, schema, required);
                }
                Fact::Model {
                    spec,
                    source,
                    schema,
                    ..
                } => {
                    let schema = schema(self.generator);
                    self.model(spec, source, schema);
                }
                Fact::Body {
                    spec,
                    schema,
                    optional,
                    ..
                } => {
                    let schema = schema(self.generator);
                    self.body(spec, schema, !optional());
                }
                Fact::File { spec, schema } => {
                    let (schema, required) = schema(self.generator);
                    self.form = true;
                    self.multipart = true;
                    let required = required && spec.default.is_none();
                    self.body_schema(spec, schema, required);
                }
                Fact::Response(schema) => self.response = Some(schema(self.generator)),
                Fact::State { .. } => {}
                Fact::Dependency { describe, .. } => dependencies.push(describe),
                Fact::Security { name, scheme } => self.security(name, scheme(), &[]),
                Fact::Scopes(scopes) => self.require_scopes(scopes),
                Fact::Ranged | Fact::WebSocket | Fact::Client => {}
            }
        }
        for describe in dependencies {
            self.read(&Meta::of(describe));
        }
    }

    /// Scopes the route (or a dependency) requires of its security schemes.
    fn require_scopes(&mut self, scopes: &[&str]) {
        for scope in scopes {
            if !self.scopes.iter().any(|s| s == scope) {
                self.scopes.push((*scope).to_owned());
            }
        }
    }

    /// A security scheme the route uses (through a dependency), with the scopes it needs;
    /// listed once per scheme, the scopes merged.
    fn security(&mut self, name: &'static str, scheme: Value, scopes: &[&str]) {
        match self.security.iter_mut().find(|(n, _, _)| *n == name) {
            Some((_, _, known)) => {
                for scope in scopes {
                    if !known.iter().any(|k| k == scope) {
                        known.push((*scope).to_owned());
                    }
                }
            }
            None => self.security.push((
                name,
                scheme,
                scopes.iter().map(|s| (*s).to_owned()).collect(),
            )),
        }
    }

    /// The security schemes used, for `components.securitySchemes`.
    pub(crate) fn security_schemes(&self) -> Vec<(String, Value)> {
        self.security
            .iter()
            .map(|(name, scheme, _)| ((*name).to_owned(), scheme.clone()))
            .collect()
    }

    /// A path, query, header, cookie or form parameter.
    fn param(&mut self, spec: &'static ParamSpec, source: Source, schema: Value, required: bool) {
        let location = match source {
            Source::Path => ParameterIn::Path,
            Source::Header => ParameterIn::Header,
            Source::Cookie => ParameterIn::Cookie,
            Source::Query | Source::Inferred => ParameterIn::Query,
            Source::Form => {
                self.form = true;
                let required = required && spec.default.is_none();
                return self.body_schema(spec, schema, required);
            }
            Source::Body => return self.body_schema(spec, schema, required),
        };
        if !spec.include_in_schema {
            self.hidden_params = true;
            return;
        }
        // A parameter reached twice (two dependencies read the same header) is listed once.
        if self
            .parameters
            .iter()
            .any(|p| p.name == spec.key && p.location == location)
        {
            return;
        }
        let required = location == ParameterIn::Path || (required && spec.default.is_none());
        self.parameters.push(Parameter {
            name: spec.key.to_owned(),
            location,
            required,
            schema: decorate(schema, spec),
            description: spec.description.map(str::to_owned),
            deprecated: spec.deprecated.then_some(true),
        });
    }

    /// A parameter model (`reference`, its schema): each field is one parameter of `source`.
    fn model(&mut self, spec: &'static ParamSpec, source: Source, reference: Value) {
        let location = match source {
            Source::Header => ParameterIn::Header,
            Source::Cookie => ParameterIn::Cookie,
            // A model read from the body is a `Fact::Body`; this is its fallback.
            Source::Body | Source::Inferred => {
                let required = spec.default.is_none();
                return self.body(spec, crate::context::any_as_object(reference), required);
            }
            Source::Form => {
                self.form = true;
                self.form_model = Some(reference);
                return;
            }
            Source::Query | Source::Path => ParameterIn::Query,
        };
        let component = reference
            .get("$ref")
            .and_then(Value::as_str)
            .and_then(|r| r.rsplit('/').next())
            .map(str::to_owned);
        let definition = component
            .as_ref()
            .and_then(|name| self.generator.definitions().get(name).cloned())
            .unwrap_or(reference);
        self.param_models.extend(component);
        let required: Vec<&str> = definition
            .get("required")
            .and_then(Value::as_array)
            .map(|r| r.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        let Some(properties) = definition.get("properties").and_then(Value::as_object) else {
            return;
        };
        for (field, schema) in properties {
            // The definition is as schemars wrote it: pydantic's forms are applied here.
            let mut schema = super::pydantic_style::transformed(schema.clone());
            if let Value::Object(fields) = &mut schema {
                fields
                    .entry("title")
                    .or_insert_with(|| Value::from(naming::title(field)));
            }
            let name = match location {
                ParameterIn::Header => field.replace('_', "-"),
                _ => field.clone(),
            };
            self.parameters.push(Parameter {
                required: required.contains(&field.as_str()),
                name,
                location,
                schema,
                description: None,
                deprecated: None,
            });
        }
    }

    /// A JSON body parameter; `required` unless its type accepts an absent body.
    fn body(&mut self, spec: &'static ParamSpec, schema: Value, required: bool) {
        let required = spec.default.is_none() && required;
        self.body_schema(spec, schema, required);
    }

    fn body_schema(&mut self, spec: &'static ParamSpec, schema: Value, required: bool) {
        self.bodies.push((spec, schema, required));
    }

    pub(crate) fn into_fragment(mut self) -> OperationFragment {
        // FastAPI's order: path, query, header, cookie; within each, as read.
        self.parameters.sort_by_key(|p| match p.location {
            ParameterIn::Path => 0,
            ParameterIn::Query => 1,
            ParameterIn::Header => 2,
            ParameterIn::Cookie => 3,
        });
        let mounted = self.route;
        let route = mounted.def();
        let status = route.options.status.unwrap_or(200);
        let mut responses = BTreeMap::new();
        let success = match (status, self.response) {
            (204 | 304, _) | (_, Some(None)) => Response::empty("Successful Response"),
            // A stream of JSON Lines or events is documented by its items.
            (_, Some(Some((media @ (JSON_LINES | EVENT_STREAM), schema)))) => {
                Response::with_content("Successful Response", media, MediaType::items(schema))
            }
            (_, Some(Some((media, schema)))) => {
                Response::with_content("Successful Response", media, MediaType::new(schema))
            }
            (_, None) => Response::with_content(
                "Successful Response",
                "application/json",
                MediaType::new(json!({})),
            ),
        };
        responses.insert(status.to_string(), success);
        for extra in mounted.responses() {
            let description = extra.description.map_or_else(
                || {
                    http::StatusCode::from_u16(extra.status)
                        .ok()
                        .and_then(|s| s.canonical_reason())
                        .unwrap_or("Additional Response")
                        .to_owned()
                },
                str::to_owned,
            );
            let example = extra.example.and_then(|e| serde_json::from_str(e).ok());
            let response = match (extra.schema, example) {
                (None, None) => Response::empty(&description),
                (schema, example) => Response::with_content(
                    &description,
                    "application/json",
                    MediaType {
                        example,
                        ..MediaType::new(schema.map_or_else(|| json!({}), |s| s(self.generator)))
                    },
                ),
            };
            responses.insert(extra.status.to_string(), response);
        }
        // A rate-limited route (or any route of a rate-limited app) may answer slowapi's 429,
        // unless it documents its own.
        if let Some(rate) = mounted.rate_limit() {
            responses.entry("429".to_owned()).or_insert_with(|| {
                let detail = format!("Rate limit exceeded: {rate}");
                Response::with_content(
                    "Too Many Requests",
                    "application/json",
                    MediaType {
                        example: Some(json!({ "detail": detail })),
                        ..MediaType::new(json!({
                            "type": "object",
                            "properties": {"detail": {"type": "string", "title": "Detail"}},
                            "required": ["detail"],
                            "title": "RateLimitExceeded",
                        }))
                    },
                )
            });
        }
        let validates = !self.parameters.is_empty()
            || !self.bodies.is_empty()
            || self.form
            || self.hidden_params;
        // FastAPI's media type of a form: multipart as soon as it has a file.
        let form = if self.multipart { MULTIPART } else { FORM };
        let (request_body, embedded_body) = if let Some(model) = self.form_model {
            if is_bare_ref(&model) {
                let media = MediaType::new(model);
                (Some(RequestBody::new(form, media, true)), None)
            } else {
                // A form model written in place is FastAPI's `Body_<operationId>`, as for
                // `OAuth2PasswordRequestForm`, whose fields FastAPI reads one by one.
                let required = model
                    .get("required")
                    .and_then(Value::as_array)
                    .is_some_and(|r| !r.is_empty());
                (None, Some((model, required, form)))
            }
        } else if self.form {
            // FastAPI documents form fields as a `Body_<operationId>` component, even one.
            let object = embedded(&self.bodies);
            (
                None,
                object.map(|(schema, required)| (schema, required, form)),
            )
        } else {
            let (body, object) = request_body(self.bodies);
            (
                body,
                object.map(|(schema, required)| (schema, required, JSON)),
            )
        };
        let description = route
            .options
            .description
            .map(str::to_owned)
            .or_else(|| (!route.doc.is_empty()).then(|| route.doc.to_owned()));
        OperationFragment {
            method: route.method.as_str().to_owned(),
            path: mounted.openapi_path(),
            function: route.name.to_owned(),
            location: route.location(),
            operation: Operation {
                tags: mounted.tags().to_vec(),
                summary: Some(
                    route
                        .options
                        .summary
                        .map_or_else(|| naming::summary(route.name), str::to_owned),
                ),
                description,
                operation_id: route.options.operation_id.unwrap_or_default().to_owned(),
                deprecated: mounted.deprecated().then_some(true),
                parameters: self.parameters,
                request_body,
                responses,
                security: self
                    .security
                    .into_iter()
                    .map(|(name, _, mut scopes)| {
                        for scope in &self.scopes {
                            if !scopes.contains(scope) {
                                scopes.push(scope.clone());
                            }
                        }
                        BTreeMap::from([(name.to_owned(), scopes)])
                    })
                    .collect(),
            },
            validates,
            embedded_body,
        }
    }
}

const JSON: &str = "application/json";
const FORM: &str = "application/x-www-form-urlencoded";
const MULTIPART: &str = "multipart/form-data";
const JSON_LINES: &str = "application/jsonl";
const EVENT_STREAM: &str = "text/event-stream";

/// One body parameter is the body; several are the properties of FastAPI's `Body_<operation>`.
fn request_body(
    bodies: Vec<(&'static ParamSpec, Value, bool)>,
) -> (Option<RequestBody>, Option<(Value, bool)>) {
    match bodies.as_slice() {
        [] => (None, None),
        [(spec, schema, required)] if !spec.embed => {
            let mut schema = schema.clone();
            if !required {
                schema = nullable(schema);
                schema["title"] = naming::title(spec.key).into();
            }
            let media = MediaType::new(decorate_body(schema, spec));
            (Some(RequestBody::new(JSON, media, *required)), None)
        }
        _ => (None, embedded(&bodies)),
    }
}

/// The object whose properties are the body parameters, and whether a body is required.
fn embedded(bodies: &[(&'static ParamSpec, Value, bool)]) -> Option<(Value, bool)> {
    if bodies.is_empty() {
        return None;
    }
    let mut properties = Map::new();
    let mut required = Vec::new();
    for (spec, schema, is_required) in bodies {
        let mut schema = decorate(schema.clone(), spec);
        // An optional model has no title of its own there, as in pydantic's model fields.
        if spec.title.is_none() && super::pydantic_style::is_nullable_ref(&schema) {
            if let Value::Object(fields) = &mut schema {
                fields.remove("title");
            }
        }
        properties.insert(spec.key.to_owned(), schema);
        if *is_required {
            required.push(Value::from(spec.key));
        }
    }
    let any_required = !required.is_empty();
    let mut object = json!({ "properties": properties, "type": "object" });
    if any_required {
        object["required"] = Value::Array(required);
    }
    Some((object, any_required))
}

/// A body's schema: a bare reference stays bare, as in FastAPI.
fn decorate_body(schema: Value, spec: &ParamSpec) -> Value {
    if is_bare_ref(&schema) {
        schema
    } else {
        decorate(schema, spec)
    }
}

/// `anyOf [schema, null]`, unless the schema allows `null` already (an `Option` model).
fn nullable(schema: Value) -> Value {
    let allows_null = schema
        .get("anyOf")
        .and_then(Value::as_array)
        .is_some_and(|variants| variants.contains(&json!({ "type": "null" })));
    if allows_null {
        schema
    } else {
        json!({ "anyOf": [schema, { "type": "null" }] })
    }
}

fn is_bare_ref(schema: &Value) -> bool {
    schema
        .as_object()
        .is_some_and(|o| o.len() == 1 && o.contains_key("$ref"))
}

/// Adds a parameter's options to its schema: constraints on the value itself (inside
/// `anyOf` or `items`), implied integer bounds, then `title`, `description` and `default`.
fn decorate(mut schema: Value, spec: &ParamSpec) -> Value {
    constrain(&mut schema, spec);
    let Value::Object(fields) = &mut schema else {
        return schema;
    };
    if !(fields.len() == 1 && fields.contains_key("$ref")) || spec.title.is_some() {
        let title = spec
            .title
            .map_or_else(|| naming::title(spec.key), str::to_owned);
        fields.insert("title".into(), title.into());
    }
    if let Some(description) = spec.description {
        fields.insert("description".into(), description.into());
    }
    // A deprecated parameter says so in its schema too, as FastAPI writes it.
    if spec.deprecated {
        fields.insert("deprecated".into(), true.into());
    }
    if let Some(default) = spec.default_json() {
        fields.insert("default".into(), default);
    }
    schema
}

fn constrain(schema: &mut Value, spec: &ParamSpec) {
    let Value::Object(fields) = schema else {
        return;
    };
    if let Some(Value::Array(variants)) = fields.get_mut("anyOf") {
        if let Some(first) = variants.first_mut() {
            constrain(first, spec);
        }
        return;
    }
    let kind = fields
        .get("type")
        .and_then(Value::as_str)
        .map(str::to_owned);
    if kind.as_deref() == Some("array") {
        if let Some(min) = spec.min_length {
            fields.insert("minItems".into(), min.into());
        }
        if let Some(max) = spec.max_length {
            fields.insert("maxItems".into(), max.into());
        }
        if let Some(items) = fields.get_mut("items") {
            bound_numbers(items, spec);
            if let Value::Object(items) = items {
                super::pydantic_style::implied_bounds(items);
            }
        }
        return;
    }
    bound_numbers(schema, spec);
    if let Value::Object(fields) = schema {
        super::pydantic_style::implied_bounds(fields);
    }
    let Value::Object(fields) = schema else {
        return;
    };
    if kind.as_deref() == Some("string") {
        if let Some(min) = spec.min_length {
            fields.insert("minLength".into(), min.into());
        }
        if let Some(max) = spec.max_length {
            fields.insert("maxLength".into(), max.into());
        }
        if let Some(pattern) = spec.pattern {
            fields.insert("pattern".into(), pattern.into());
        }
    }
}

/// The parameter's bounds; a bound given on a side replaces what the type implied there.
fn bound_numbers(schema: &mut Value, spec: &ParamSpec) {
    let Value::Object(fields) = schema else {
        return;
    };
    let sides = [
        (
            ["minimum", "exclusiveMinimum"],
            [("minimum", spec.ge), ("exclusiveMinimum", spec.gt)],
        ),
        (
            ["maximum", "exclusiveMaximum"],
            [("maximum", spec.le), ("exclusiveMaximum", spec.lt)],
        ),
    ];
    for (keywords, bounds) in sides {
        if bounds.iter().all(|(_, bound)| bound.is_none()) {
            continue;
        }
        for keyword in keywords {
            fields.remove(keyword);
        }
        for (keyword, bound) in bounds {
            if let Some(bound) = bound {
                fields.insert(keyword.into(), bound.value.to_json());
            }
        }
    }
}
