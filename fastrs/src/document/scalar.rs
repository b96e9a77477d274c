//! `/redoc`: a second documentation page, Scalar's API reference from the
//! `scalar_api_reference` crate (no crate ships ReDoc's files). Fonts off, nothing from a CDN.

use std::sync::{Arc, OnceLock};

use axum::response::Html;
use axum::routing::get;
use bytes::Bytes;
use serde_json::json;

use super::swagger::html_escape;

/// The router serving the reference page at `url` for the document at `openapi_url`.
pub(crate) fn router(url: &str, openapi_url: &str, title: &str) -> axum::Router {
    let script_url = format!("{url}/scalar.js");
    let page = index(&script_url, openapi_url, title);
    // Read on first use: the crate gives the 4.9 MB script only as a copy, which an app that
    // never serves its reference page should not hold (nor fault in) from its start.
    let script: Arc<OnceLock<Bytes>> = Arc::default();
    axum::Router::new()
        .route(url, get(move || async move { Html(page) }))
        .route(
            &script_url,
            get(move || {
                let script = script
                    .get_or_init(|| {
                        Bytes::from(
                            scalar_api_reference::get_asset("scalar.js").unwrap_or_default(),
                        )
                    })
                    .clone();
                async move { ([(http::header::CONTENT_TYPE, "text/javascript")], script) }
            }),
        )
}

fn index(script_url: &str, openapi_url: &str, title: &str) -> String {
    // Nothing that calls a service outside the app: no fonts, no AI agent, no developer
    // tools (deploy, SDK generation), no telemetry.
    let config = json!({
        "url": openapi_url,
        "withDefaultFonts": false,
        "hideClientButton": true,
        "showDeveloperTools": "never",
        "agent": { "disabled": true },
        "telemetry": false,
    });
    let config = js_string_free(&config.to_string());
    let title = html_escape(title);
    let script_url = html_escape(script_url);
    format!(
        r#"<!doctype html>
<html>
<head>
<title>{title} - ReDoc</title>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
</head>
<body>
<div id="app"></div>
<script src="{script_url}"></script>
<script>
Scalar.createApiReference('#app', {config})
</script>
</body>
</html>
"#
    )
}

/// JSON placed in a script: nothing in it can end the `<script>` element.
fn js_string_free(json: &str) -> String {
    json.replace("</", "<\\/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_points_at_local_files_only() {
        let page = index("/redoc/scalar.js", "/openapi.json", "A & B");
        assert!(page.contains("<title>A &amp; B - ReDoc</title>"));
        assert!(page.contains(r#"<script src="/redoc/scalar.js"></script>"#));
        assert!(page.contains(r#""withDefaultFonts":false"#));
        assert!(!page.contains("https://"));
    }
}
