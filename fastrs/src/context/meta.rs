//! What routes, parameters and dependencies say about themselves before the app serves: the
//! facts that the start-up checks (`app`) and the OpenAPI document (`document`) read. Data
//! only, written once per route at start-up.

use std::any::TypeId;

use schemars::generate::SchemaGenerator;
use serde_json::Value;

use super::app::WarmFn;
use crate::spec::{ParamSpec, Source};

/// Writes the facts of a route's, a dependency's or a framework value's parameters.
pub type DescribeFn = fn(&mut Meta);

/// A schema, made by the generator of the document being built.
pub type SchemaFn<T> = fn(&mut SchemaGenerator) -> T;

/// One fact about a route: a parameter, its answer, or what it needs of the app.
#[derive(Clone, Copy)]
pub enum Fact {
    /// A path, query, header, cookie or form parameter: its schema, and whether its type
    /// needs a value (`Option<T>` does not).
    Param {
        /// The parameter.
        spec: &'static ParamSpec,
        /// Where it is read.
        source: Source,
        /// Its schema, and whether its type needs a value.
        schema: SchemaFn<(Value, bool)>,
    },
    /// A parameter model: each field is one parameter of `source` (or one field of the form).
    Model {
        /// The parameter.
        spec: &'static ParamSpec,
        /// Where its fields are read.
        source: Source,
        /// The model's schema.
        schema: SchemaFn<Value>,
        /// Whether its garde rules run on it (its type is `garde::Validate`).
        checked: bool,
    },
    /// A body parameter (a key of the body when there are several).
    Body {
        /// The parameter.
        spec: &'static ParamSpec,
        /// Its schema.
        schema: SchemaFn<Value>,
        /// Whether its type accepts an absent body (an `Option`).
        optional: fn() -> bool,
        /// Whether its garde rules run on it (its type is `garde::Validate`).
        checked: bool,
    },
    /// A file of a multipart form (`UploadFile`, `Option<UploadFile>`, `Vec<UploadFile>`).
    File {
        /// The parameter.
        spec: &'static ParamSpec,
        /// Its schema, and whether its type needs a value.
        schema: SchemaFn<(Value, bool)>,
    },
    /// The handler's answer: its media type and schema, `None` for an answer without a body.
    Response(SchemaFn<Option<(&'static str, Value)>>),
    /// A `State<T>`: the app must have one.
    State {
        /// `TypeId` of `T`.
        id: TypeId,
        /// Its type's name, for the start-up error.
        name: &'static str,
    },
    /// A dependency; the facts of its own parameters are written by `describe`.
    Dependency {
        /// `TypeId` of the dependency.
        id: TypeId,
        /// Whether one request resolves it once.
        cached: bool,
        /// How to build it for the app ahead of the first request, when it is app-scoped.
        app_scoped: Option<WarmFn>,
        /// Its own facts.
        describe: DescribeFn,
    },
    /// A security scheme, by its name in `components.securitySchemes`.
    Security {
        /// The scheme's name.
        name: &'static str,
        /// Its Security Scheme Object.
        scheme: fn() -> Value,
    },
    /// Scopes the request's security schemes must grant.
    Scopes(&'static [&'static str]),
    /// The answer may be a file: the route keeps the request's `Range` to cut it.
    Ranged,
    /// A `WebSocket` argument: only a `#[websocket]` route may take one.
    WebSocket,
    /// A `ClientAddr` argument: the server gives the route the client's address.
    Client,
}

impl std::fmt::Debug for Fact {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Fact::Param { spec, source, .. } => write!(f, "Param({} in {source:?})", spec.key),
            Fact::Model { spec, source, .. } => write!(f, "Model({} in {source:?})", spec.key),
            Fact::Body { spec, .. } => write!(f, "Body({})", spec.key),
            Fact::File { spec, .. } => write!(f, "File({})", spec.key),
            Fact::Response(_) => f.write_str("Response"),
            Fact::State { name, .. } => write!(f, "State({name})"),
            Fact::Dependency { id, .. } => write!(f, "Dependency({id:?})"),
            Fact::Security { name, .. } => write!(f, "Security({name})"),
            Fact::Scopes(scopes) => write!(f, "Scopes({scopes:?})"),
            Fact::Ranged => f.write_str("Ranged"),
            Fact::Client => f.write_str("Client"),
            Fact::WebSocket => f.write_str("WebSocket"),
        }
    }
}

/// The facts of a route or a dependency, in the order of its parameters.
#[derive(Debug, Default)]
pub struct Meta {
    facts: Vec<Fact>,
}

impl Meta {
    /// The facts `describe` writes.
    pub fn of(describe: DescribeFn) -> Self {
        let mut meta = Meta::default();
        describe(&mut meta);
        meta
    }

    /// Adds a fact.
    pub fn push(&mut self, fact: Fact) {
        self.facts.push(fact);
    }

    /// The facts, in order.
    pub fn facts(&self) -> &[Fact] {
        &self.facts
    }
}

/// The schema of `T` in a document, `true` written as `{}` (a route's `responses(...)`, a
/// body).
pub fn schema_of<T: schemars::JsonSchema>(generator: &mut SchemaGenerator) -> Value {
    any_as_object(generator.subschema_for::<T>().to_value())
}

/// `{}` for the schema `true`, as FastAPI writes "anything".
pub(crate) fn any_as_object(schema: Value) -> Value {
    match schema {
        Value::Bool(true) => Value::Object(serde_json::Map::new()),
        other => other,
    }
}
