//! The start-up checks: routes that cannot both be served, states the app lacks, path
//! parameters nothing reads.

use std::collections::BTreeMap;

use crate::error::StartupError;
use crate::router::MountedRoute;

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
    }
    Ok(())
}

/// What `route` requires, with the app's and its routers' dependencies, as served.
pub(super) fn requirements(
    route: &MountedRoute,
    dependencies: &crate::depends::AppDependencies,
    overrides: &crate::depends::Overrides,
) -> crate::state::Requirements {
    let mut requirements = crate::state::Requirements {
        overrides: overrides.clone(),
        ..Default::default()
    };
    dependencies.require(&mut requirements);
    route.dependencies().require(&mut requirements);
    for dependency in route.def().options.dependencies {
        dependency.require(&mut requirements);
    }
    (route.def().requires)(&mut requirements);
    requirements
}

/// Refuses a route that reads a `State<T>` the app was not given, naming the route.
pub(super) fn check_states(
    route: &MountedRoute,
    requirements: &crate::state::Requirements,
    states: &crate::state::States,
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

/// Refuses a `<name>` of the path that neither the route nor a dependency reads, and a
/// dependency's `#[path]` parameter the path does not have.
pub(super) fn check_path_params(
    route: &MountedRoute,
    requirements: &crate::state::Requirements,
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
