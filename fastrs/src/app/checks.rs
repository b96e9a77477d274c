//! The start-up checks: routes that cannot both be served, states the app lacks, path
//! parameters nothing reads.

use std::any::TypeId;
use std::collections::BTreeMap;

use serde_json::{Map, Value};

use crate::context::{AppDependencies, Fact, Meta, Overrides, SchemaFn, States, WarmFn};
use crate::error::StartupError;
use crate::router::MountedRoute;
use crate::spec::{ParamSpec, Source};

/// Refuses two routes with the same method and path, and paths that differ only by the
/// names of their parameters, naming both places.
pub(super) fn check_routes(routes: &[MountedRoute]) -> Result<(), StartupError> {
    let mut seen: BTreeMap<(String, crate::route::Method), &MountedRoute> = BTreeMap::new();
    let mut shapes: BTreeMap<String, &MountedRoute> = BTreeMap::new();
    for route in routes {
        if route.axum_path().is_empty() {
            return Err(StartupError::new(format!(
                "`{}` at {} has the path `\"\"`, which only a router's prefix can complete; mount it inside a router with a prefix",
                route.name(),
                route.location()
            )));
        }
        let shape = shape_of(&route.axum_path());
        let method = route.def().method;
        if let Some(first) = seen.insert((shape.clone(), method), route) {
            return Err(StartupError::new(format!(
                "two routes answer `{} {}`: `{}` at {} and `{}` at {}",
                method,
                route.path(),
                first.name(),
                first.location(),
                route.name(),
                route.location()
            )));
        }
        if let Some(first) = shapes.get(&shape)
            && first.axum_path() != route.axum_path()
        {
            return Err(StartupError::new(format!(
                "the paths `{}` ({} at {}) and `{}` ({} at {}) differ only by parameter names; use the same names",
                first.path(),
                first.name(),
                first.location(),
                route.path(),
                route.name(),
                route.location()
            )));
        }
        shapes.entry(shape).or_insert(route);
        check_websocket(route)?;
    }
    Ok(())
}

/// A `#[websocket]` route takes one `WebSocket` argument, and no other route takes any.
fn check_websocket(route: &MountedRoute) -> Result<(), StartupError> {
    let def = route.def();
    let sockets = crate::context::Meta::of(def.describe)
        .facts()
        .iter()
        .filter(|fact| matches!(fact, Fact::WebSocket))
        .count();
    let websocket = def.method == crate::route::Method::WebSocket;
    let problem = match (websocket, sockets) {
        (true, 1) | (false, 0) => return Ok(()),
        (true, 0) => {
            "is a websocket route without a `WebSocket` argument; add one (`ws: WebSocket`)"
        }
        (true, _) => "takes more than one `WebSocket`; a websocket route has one connection",
        (false, _) => "takes a `WebSocket`, which only a `#[websocket]` route has",
    };
    Err(StartupError::new(format!(
        "`{}` ({} {} at {}) {problem}",
        route.name(),
        def.method,
        route.path(),
        route.location()
    )))
}

/// What a route needs from the app to be served, read from its facts: the states it reads,
/// how often each dependency is reached in its graph, the app-scoped ones, the path
/// parameters read and how many body parameters.
#[derive(Debug, Default)]
pub(super) struct Requirements {
    states: Vec<(TypeId, &'static str)>,
    dependencies: Vec<(TypeId, u32)>,
    path_params: Vec<&'static str>,
    pub(super) bodies: usize,
    pub(super) app_scoped: Vec<(TypeId, WarmFn)>,
    /// The models read without garde (their type is not `garde::Validate`), with their
    /// schemas: a rule their documentation shows would go unchecked.
    unchecked: Vec<(&'static ParamSpec, SchemaFn<Value>)>,
    /// Whether it reads the client's address (`ClientAddr`).
    pub(super) client: bool,
}

impl Requirements {
    /// Reads `meta`, walking each dependency's own facts (its replacement's when it is
    /// overridden) the first time it is reached, and every time when it is not cached.
    fn read(&mut self, meta: &Meta, overrides: &Overrides) {
        for fact in meta.facts() {
            match *fact {
                Fact::Param { spec, source, .. } | Fact::Model { spec, source, .. }
                    if source == Source::Path && !self.path_params.contains(&spec.key) =>
                {
                    self.path_params.push(spec.key);
                }
                Fact::Body {
                    spec,
                    schema,
                    checked,
                    ..
                } => {
                    self.bodies += 1;
                    if !checked {
                        self.unchecked.push((spec, schema));
                    }
                }
                Fact::Model {
                    spec,
                    schema,
                    checked: false,
                    ..
                } => self.unchecked.push((spec, schema)),
                Fact::State { id, name } => self.states.push((id, name)),
                Fact::Client => self.client = true,
                Fact::Dependency {
                    id,
                    cached,
                    app_scoped,
                    describe,
                } => {
                    let reached = self.reach(id);
                    if let Some(warm) = app_scoped
                        && reached == 1
                    {
                        self.app_scoped.push((id, warm));
                    }
                    if reached > 1 && cached {
                        continue;
                    }
                    let describe = overrides.describe_of(id).unwrap_or(describe);
                    self.read(&Meta::of(describe), overrides);
                }
                _ => {}
            }
        }
    }

    /// Counts dependency `id` as reached once more; how often it has been, this time included.
    fn reach(&mut self, id: TypeId) -> u32 {
        match self.dependencies.iter_mut().find(|(key, _)| *key == id) {
            Some((_, count)) => {
                *count += 1;
                *count
            }
            None => {
                self.dependencies.push((id, 1));
                1
            }
        }
    }

    /// The dependencies reached more than once: their values are shared in a request.
    pub(super) fn shared_dependencies(&self) -> Vec<TypeId> {
        self.dependencies
            .iter()
            .filter(|(_, count)| *count > 1)
            .map(|(id, _)| *id)
            .collect()
    }
}

/// What `route` requires, with the app's and its routers' dependencies, as served.
pub(super) fn requirements(
    route: &MountedRoute,
    dependencies: &AppDependencies,
    overrides: &Overrides,
) -> Requirements {
    let mut requirements = Requirements::default();
    requirements.read(&route.meta(dependencies), overrides);
    requirements
}

/// Refuses a route that reads a `State<T>` the app was not given, naming the route.
pub(super) fn check_states(
    route: &MountedRoute,
    requirements: &Requirements,
    states: &States,
) -> Result<(), StartupError> {
    if let Some((_, name)) = requirements
        .states
        .iter()
        .find(|(id, _)| !states.contains(*id))
    {
        return Err(StartupError::new(format!(
            "`{}` ({} {} at {}) reads `State<{name}>`, but the app has no such state; add it with `App::state(...)`",
            route.name(),
            route.def().method,
            route.path(),
            route.location()
        )));
    }
    Ok(())
}

/// Refuses a model whose documentation shows a rule that nothing checks: a length, a pattern
/// or a float's bound from `#[garde(...)]` (which `schemars` documents) on a type that does not
/// derive `garde::Validate`, so that the rule never runs. The document would promise what the
/// server does not do.
pub(super) fn check_rules(
    route: &MountedRoute,
    requirements: &Requirements,
) -> Result<(), StartupError> {
    for (spec, schema) in &requirements.unchecked {
        let mut generator = crate::document::schema_generator();
        let schema = schema(&mut generator);
        let definitions: Map<String, Value> = generator
            .definitions()
            .iter()
            .map(|(name, schema)| (name.clone(), schema.clone()))
            .collect();
        let mut path = Vec::new();
        if let Some(keyword) = rule_in(&schema, &definitions, &mut path, &mut Vec::new()) {
            let at = if path.is_empty() {
                String::new()
            } else {
                format!(" on `{}`", path.join("."))
            };
            return Err(StartupError::new(format!(
                "`{}` ({} {} at {}) reads `{}`, whose type documents `{keyword}`{at}, but nothing checks it: derive `garde::Validate` for the type, whose `#[garde(...)]` rules run only then",
                route.name(),
                route.def().method,
                route.path(),
                route.location(),
                spec.name
            )));
        }
    }
    Ok(())
}

/// The JSON Schema keywords a rule documents; a float's bounds too (no float type implies
/// one), but not an integer's, which its type's range gives.
const RULES: [&str; 5] = ["minLength", "maxLength", "pattern", "minItems", "maxItems"];
const FLOAT_RULES: [&str; 4] = ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"];

/// The first rule keyword in `schema` (following `$ref`s into `definitions` once each), with
/// the property path to it.
fn rule_in(
    schema: &Value,
    definitions: &Map<String, Value>,
    path: &mut Vec<String>,
    seen: &mut Vec<String>,
) -> Option<&'static str> {
    let Value::Object(fields) = schema else {
        return None;
    };
    if let Some(keyword) = RULES.iter().find(|k| fields.contains_key(**k)) {
        return Some(keyword);
    }
    let is_float = match fields.get("type") {
        Some(Value::String(kind)) => kind == "number",
        Some(Value::Array(kinds)) => kinds.iter().any(|k| k == "number"),
        _ => false,
    };
    if is_float && let Some(keyword) = FLOAT_RULES.iter().find(|k| fields.contains_key(**k)) {
        return Some(keyword);
    }
    if let Some(name) = fields
        .get("$ref")
        .and_then(Value::as_str)
        .and_then(|r| r.rsplit('/').next())
        && !seen.iter().any(|s| s == name)
    {
        seen.push(name.to_owned());
        if let Some(found) = definitions
            .get(name)
            .and_then(|d| rule_in(d, definitions, path, seen))
        {
            return Some(found);
        }
    }
    if let Some(Value::Object(properties)) = fields.get("properties") {
        for (name, property) in properties {
            path.push(name.clone());
            if let Some(found) = rule_in(property, definitions, path, seen) {
                return Some(found);
            }
            path.pop();
        }
    }
    for key in ["items", "additionalProperties"] {
        if let Some(found) = fields
            .get(key)
            .and_then(|s| rule_in(s, definitions, path, seen))
        {
            return Some(found);
        }
    }
    for key in ["anyOf", "oneOf", "allOf"] {
        if let Some(Value::Array(variants)) = fields.get(key) {
            for variant in variants {
                if let Some(found) = rule_in(variant, definitions, path, seen) {
                    return Some(found);
                }
            }
        }
    }
    None
}

/// Refuses a `<name>` of the path that neither the route nor a dependency reads, and a
/// dependency's `#[path]` parameter the path does not have.
pub(super) fn check_path_params(
    route: &MountedRoute,
    requirements: &Requirements,
) -> Result<(), StartupError> {
    let in_path = path_params_of(route.def().axum_path);
    if let Some(unread) = in_path
        .iter()
        .find(|name| !requirements.path_params.contains(name))
    {
        return Err(StartupError::new(format!(
            "`<{unread}>` in the path of `{}` ({} {} at {}) is read by no argument and no dependency; add an argument `{unread}` or a dependency with `#[path] {unread}`",
            route.name(),
            route.def().method,
            route.path(),
            route.location()
        )));
    }
    if let Some(missing) = requirements
        .path_params
        .iter()
        .find(|name| !in_path.contains(name))
    {
        return Err(StartupError::new(format!(
            "a dependency of `{}` ({} {} at {}) reads the path parameter `{missing}`, but the path has no `<{missing}>`",
            route.name(),
            route.def().method,
            route.path(),
            route.location()
        )));
    }
    Ok(())
}

/// The parameter names of an axum path: `/files/{id}/{*rest}` gives `id` and `rest`.
fn path_params_of(path: &'static str) -> Vec<&'static str> {
    path.split('/')
        .filter_map(|segment| segment.strip_prefix('{')?.strip_suffix('}'))
        .map(|name| name.trim_start_matches('*'))
        .collect()
}

/// A path with its parameter names erased: `/items/{}`.
fn shape_of(path: &str) -> String {
    let mut shape = String::with_capacity(path.len());
    let mut in_param = false;
    for c in path.chars() {
        match c {
            '{' => {
                in_param = true;
                shape.push('{');
            }
            '}' => {
                in_param = false;
                shape.push('}');
            }
            '*' if in_param => shape.push('*'),
            _ if in_param => {}
            c => shape.push(c),
        }
    }
    shape
}
