//! A small web site on fastrs, the way a FastAPI user builds one: static assets, a page
//! rendered from a template, a form post that redirects, an upload page, and a feed of new
//! items that the page shows live over Server-Sent Events. The same items are a JSON API
//! under `/api`.

mod pages;
mod store;

use std::path::Path;

use fastrs::App;
use fastrs::templates::{TemplateError, Templates};

pub use store::{Item, NewItem, Store, Upload};

/// The directory of the site's files (`templates/`, `static/`), wherever it is run from.
const HERE: &str = env!("CARGO_MANIFEST_DIR");

/// The site, with an empty store; its templates are loaded (and checked) now.
///
/// # Errors
///
/// When a template does not load.
pub fn app() -> Result<App, TemplateError> {
    app_with(Store::default())
}

/// The site on `store`.
///
/// # Errors
///
/// When a template does not load.
pub fn app_with(store: Store) -> Result<App, TemplateError> {
    let templates = Templates::new(Path::new(HERE).join("templates"))?;
    Ok(App::scoped(module_path!())
        .title("Site")
        .version("0.1.0")
        .state(store)
        .templates(templates)
        .static_files("/static", Path::new(HERE).join("static")))
}
