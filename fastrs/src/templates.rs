//! `Templates` and `Page`: HTML pages from `minijinja` templates, as FastAPI's
//! `Jinja2Templates`, with `request` and `url_for` in every page's context.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::response::{Html, IntoResponse, Response};
use http::header;
use http::request::Parts;
use minijinja::value::{Kwargs, Value};
use minijinja::{Environment, ErrorKind};

use crate::context::{Meta, UrlTable};
use crate::extract::{Cx, FromCx};
use crate::state::State;

/// The templates of a directory, loaded once, as FastAPI's `Jinja2Templates(directory=...)`:
/// every file under the directory is a template named by its path in it (`items/list.html`).
/// Give them to the app with [`App::templates`](crate::App::templates), and render a page
/// with a [`Page`] parameter.
///
/// HTML and XML templates (`.html`, `.htm`, `.xml`) escape what they print. A syntax error
/// is found at start-up, with its file and line; [`reload`](Self::reload) reads the files
/// again on every render instead, while developing.
#[derive(Clone)]
pub struct Templates {
    inner: Arc<Loaded>,
}

struct Loaded {
    directory: PathBuf,
    environment: Environment<'static>,
    reload: bool,
    trust_forwarded: bool,
}

/// A template that could not be loaded or rendered: its file, line and what is wrong. Its
/// `Debug` is its message, so that `main` returning the error prints plain text.
pub struct TemplateError(String);

impl fmt::Debug for TemplateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Display for TemplateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for TemplateError {}

/// A page that fails to render is the server's fault: 500, and the error in the log.
impl IntoResponse for TemplateError {
    fn into_response(self) -> Response {
        crate::say::say_error!("a template failed: {self}");
        crate::response::internal_error()
    }
}

impl Templates {
    /// Loads every template under `directory`.
    ///
    /// # Errors
    ///
    /// When the directory cannot be read, or a template has a syntax error (with its file and
    /// line).
    pub fn new(directory: impl Into<PathBuf>) -> Result<Templates, TemplateError> {
        let directory = directory.into();
        let environment = load(&directory)?;
        Ok(Templates {
            inner: Arc::new(Loaded {
                directory,
                environment,
                reload: false,
                trust_forwarded: false,
            }),
        })
    }

    /// Reads the templates again on every render (in debug mode, while editing them).
    #[must_use]
    pub fn reload(self, reload: bool) -> Templates {
        self.with(|loaded| loaded.reload = reload)
    }

    /// Builds `url_for`'s absolute URLs from `X-Forwarded-Proto` and `X-Forwarded-Host` when a
    /// request has them: only behind a proxy that sets them, as anyone can send them
    /// otherwise. Off by default: the request's own `Host`, over `http`.
    #[must_use]
    pub fn trust_forwarded_headers(self, trust: bool) -> Templates {
        self.with(|loaded| loaded.trust_forwarded = trust)
    }

    fn with(self, change: impl FnOnce(&mut Loaded)) -> Templates {
        let mut loaded = Arc::try_unwrap(self.inner).unwrap_or_else(|shared| Loaded {
            directory: shared.directory.clone(),
            environment: shared.environment.clone(),
            reload: shared.reload,
            trust_forwarded: shared.trust_forwarded,
        });
        change(&mut loaded);
        Templates {
            inner: Arc::new(loaded),
        }
    }

    /// Renders template `name` with `context` (any `Serialize` value whose fields are the
    /// template's variables), without a request.
    ///
    /// # Errors
    ///
    /// When the template is missing or fails.
    pub fn render(
        &self,
        name: &str,
        context: impl serde::Serialize,
    ) -> Result<String, TemplateError> {
        self.render_with(name, Value::from(minijinja::value::Serde(&context)))
    }

    fn render_with(&self, name: &str, context: Value) -> Result<String, TemplateError> {
        let reloaded;
        let environment = if self.inner.reload {
            reloaded = load(&self.inner.directory)?;
            &reloaded
        } else {
            &self.inner.environment
        };
        let template = environment.get_template(name).map_err(|e| self.error(&e))?;
        template.render(context).map_err(|e| self.error(&e))
    }

    fn error(&self, error: &minijinja::Error) -> TemplateError {
        TemplateError(format!("{}: {error}", self.inner.directory.display()))
    }
}

/// Every file under `directory`, as templates named by their paths in it.
fn load(directory: &Path) -> Result<Environment<'static>, TemplateError> {
    let mut environment = Environment::new();
    let mut pending = vec![directory.to_owned()];
    while let Some(dir) = pending.pop() {
        let entries = std::fs::read_dir(&dir)
            .map_err(|e| TemplateError(format!("{}: {e}", dir.display())))?;
        for entry in entries {
            let path = entry
                .map_err(|e| TemplateError(format!("{}: {e}", dir.display())))?
                .path();
            if path.is_dir() {
                pending.push(path);
                continue;
            }
            let name = path
                .strip_prefix(directory)
                .unwrap_or(&path)
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            let source = std::fs::read_to_string(&path)
                .map_err(|e| TemplateError(format!("{}: {e}", path.display())))?;
            environment
                .add_template_owned(name, source)
                .map_err(|e| TemplateError(format!("{}: {e}", directory.display())))?;
        }
    }
    Ok(environment)
}

/// Renders pages for one request: a handler parameter, as FastAPI's `templates` plus its
/// `request`. Each page's context has `request` (its `method`, `url`, `path` and `query`)
/// and `url_for(name, **params)`, which builds the absolute URL of a route by its function's
/// name (`url_for('read_item', item_id=3)`) or of a static file
/// (`url_for('static', path='css/site.css')`), as Starlette's `url_for` does.
///
/// ```
/// use fastrs::prelude::*;
/// use fastrs::templates::{Page, TemplateError};
///
/// #[derive(Serialize)]
/// struct Item {
///     id: u32,
///     name: String,
/// }
///
/// #[get("/items/<id>")]
/// async fn read_item(id: u32, page: Page) -> Result<fastrs::response::Html<String>, TemplateError> {
///     page.render("item.html", &Item { id, name: "Hammer".into() })
/// }
/// ```
pub struct Page {
    templates: Templates,
    urls: Arc<UrlTable>,
    request: Value,
    base: String,
}

impl Page {
    /// Renders template `name` with `context` (any `Serialize` value whose fields are the
    /// template's variables), plus `request` and `url_for`, as an HTML answer.
    ///
    /// # Errors
    ///
    /// When the template is missing or fails; answered 500.
    pub fn render(
        &self,
        name: &str,
        context: impl serde::Serialize,
    ) -> Result<Html<String>, TemplateError> {
        let urls = Arc::clone(&self.urls);
        let base = self.base.clone();
        let url_for = Value::from_function(move |name: String, params: Kwargs| {
            url_for(&urls, &base, &name, &params)
        });
        let context = minijinja::context! {
            request => self.request.clone(),
            url_for => url_for,
            ..Value::from(minijinja::value::Serde(&context))
        };
        self.templates.render_with(name, context).map(Html)
    }
}

/// The absolute URL of route or static directory `name` with `params`.
fn url_for(
    urls: &UrlTable,
    base: &str,
    name: &str,
    params: &Kwargs,
) -> Result<String, minijinja::Error> {
    let not_found = || {
        minijinja::Error::new(
            ErrorKind::InvalidOperation,
            format!("url_for: no route named '{name}' with these parameters"),
        )
    };
    if let Some((_, prefix)) = urls.statics.iter().find(|(n, _)| n == name) {
        let path: String = params.get("path")?;
        params.assert_all_used()?;
        let path = path.trim_start_matches('/');
        return Ok(format!("{base}{prefix}/{}", encode_path(path)));
    }
    let (_, template) = urls
        .routes
        .iter()
        .find(|(n, _)| *n == name)
        .ok_or_else(not_found)?;
    let mut url = String::with_capacity(template.len());
    let mut rest = template.as_str();
    while let Some(open) = rest.find('{') {
        let close = rest[open..]
            .find('}')
            .map(|c| open + c)
            .ok_or_else(not_found)?;
        url.push_str(&rest[..open]);
        let key = rest[open + 1..close].trim_start_matches('*');
        let value: Value = params.get(key).map_err(|_| not_found())?;
        let value = value.to_string();
        if rest[open + 1..].starts_with('*') {
            url.push_str(&encode_path(&value));
        } else {
            url.push_str(&encode_path(&value).replace('/', "%2F"));
        }
        rest = &rest[close + 1..];
    }
    url.push_str(rest);
    params.assert_all_used().map_err(|_| not_found())?;
    Ok(format!("{base}{url}"))
}

/// `path` percent-encoded for a URL's path (slashes kept).
fn encode_path(path: &str) -> String {
    crate::context::sources::percent_encode(path, b"/!$&'()*+,;=:@")
}

/// `scheme://host` of the request: its `Host` over `http`, or the forwarded ones when trusted.
fn base_url(parts: &Parts, trust_forwarded: bool) -> String {
    let header = |name: &str| {
        parts
            .headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(|v| v.split(',').next().unwrap_or("").trim().to_owned())
            .filter(|v| !v.is_empty())
    };
    let forwarded = |name| trust_forwarded.then(|| header(name)).flatten();
    let scheme = forwarded("x-forwarded-proto").unwrap_or_else(|| "http".to_owned());
    let host = forwarded("x-forwarded-host")
        .or_else(|| header(header::HOST.as_str()))
        .or_else(|| parts.uri.authority().map(|a| a.to_string()))
        .unwrap_or_else(|| "localhost".to_owned());
    format!("{scheme}://{host}")
}

impl FromCx for Page {
    fn from_cx(cx: &mut Cx<'_>) -> Option<Self> {
        let templates = State::<Templates>::from_cx(cx)?.into_inner();
        let parts = cx.parts();
        let base = base_url(parts, templates.inner.trust_forwarded);
        let path_and_query = parts.uri.path_and_query().map_or("/", |p| p.as_str());
        let request = minijinja::context! {
            method => parts.method.as_str(),
            url => format!("{base}{path_and_query}"),
            path => parts.uri.path(),
            query => parts.uri.query().unwrap_or(""),
        };
        Some(Page {
            templates,
            urls: Arc::clone(&cx.app.urls),
            request,
            base,
        })
    }

    /// The app must have templates.
    fn describe(meta: &mut Meta) {
        State::<Templates>::describe(meta);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_built_from_names() {
        let urls = UrlTable {
            routes: vec![
                ("read_item", "/items/{item_id}".into()),
                ("files", "/files/{*path}".into()),
            ],
            statics: vec![("static".into(), "/static".into())],
        };
        let kwargs = |pairs: &[(&str, Value)]| {
            Kwargs::from_iter(pairs.iter().map(|(k, v)| ((*k).to_owned(), v.clone())))
        };
        let url = |name, pairs: &[(&str, Value)]| url_for(&urls, "http://x", name, &kwargs(pairs));
        assert_eq!(
            url("read_item", &[("item_id", Value::from(3))]).unwrap(),
            "http://x/items/3"
        );
        assert_eq!(
            url("read_item", &[("item_id", Value::from("a b/c"))]).unwrap(),
            "http://x/items/a%20b%2Fc"
        );
        assert_eq!(
            url("static", &[("path", Value::from("/css/site.css"))]).unwrap(),
            "http://x/static/css/site.css"
        );
        assert_eq!(
            url("files", &[("path", Value::from("a/b"))]).unwrap(),
            "http://x/files/a/b"
        );
        assert!(url("read_item", &[]).is_err());
        assert!(url("nothing", &[]).is_err());
    }
}
