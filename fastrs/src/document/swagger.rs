//! `/docs`: Swagger UI, from the files of the `swagger-ui-dist` crate; nothing from a CDN.

use axum::response::Html;
use axum::routing::get;

/// The router serving Swagger UI at `docs_url` for the document at `openapi_url`.
pub(crate) fn router(docs_url: &str, openapi_url: &str, title: &str) -> axum::Router {
    let assets = format!("{docs_url}/assets");
    let page = index(&assets, docs_url, openapi_url, title);
    let redirect = oauth2_redirect(&assets);
    let files = swagger_ui_dist::generate_routes(swagger_ui_dist::ApiDefinition {
        uri_prefix: assets,
        api_definition: swagger_ui_dist::OpenApiSource::Uri(openapi_url.to_owned()),
        title: Some(title.to_owned()),
    });
    axum::Router::new()
        .route(docs_url, get(move || async move { Html(page) }))
        .route(
            &format!("{docs_url}/oauth2-redirect"),
            get(move || async move { Html(redirect) }),
        )
        .merge(files)
}

/// FastAPI's Swagger UI page: the same settings, `validatorUrl: null`, the title escaped.
fn index(assets: &str, docs_url: &str, openapi_url: &str, title: &str) -> String {
    let title = html_escape(title);
    let assets = html_escape(assets);
    let openapi_url = js_string(openapi_url);
    let redirect = js_string(&format!("{docs_url}/oauth2-redirect"));
    format!(
        r##"<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<link type="text/css" rel="stylesheet" href="{assets}/swagger-ui.css">
<title>{title} - Swagger UI</title>
</head>
<body>
<div id="swagger-ui">
</div>
<script src="{assets}/swagger-ui-bundle.js"></script>
<script>
const ui = SwaggerUIBundle({{
    url: {openapi_url},
    dom_id: "#swagger-ui",
    layout: "BaseLayout",
    deepLinking: true,
    showExtensions: true,
    showCommonExtensions: true,
    validatorUrl: null,
    oauth2RedirectUrl: window.location.origin + {redirect},
    presets: [
        SwaggerUIBundle.presets.apis,
        SwaggerUIBundle.SwaggerUIStandalonePreset
    ],
}})
</script>
</body>
</html>
"##
    )
}

/// The page an OAuth2 provider redirects to; the script comes with Swagger UI.
fn oauth2_redirect(assets: &str) -> String {
    let assets = html_escape(assets);
    format!(
        r#"<!doctype html>
<html lang="en-US">
<head>
<title>Swagger UI: OAuth2 Redirect</title>
</head>
<body>
<script src="{assets}/oauth2-redirect.js"></script>
</body>
</html>
"#
    )
}

/// Text safe inside HTML elements and attribute values.
pub(crate) fn html_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#x27;"),
            c => out.push(c),
        }
    }
    out
}

/// A JavaScript string literal that cannot end the `<script>` element.
pub(crate) fn js_string(text: &str) -> String {
    serde_json::to_string(text)
        .expect("a string serializes")
        .replace("</", "<\\/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_titles_and_urls() {
        let page = index(
            "/docs/assets",
            "/docs",
            "/a'b</script>.json",
            "<b>Shop</b> & \"Co\"",
        );
        assert!(
            page.contains(
                "<title>&lt;b&gt;Shop&lt;/b&gt; &amp; &quot;Co&quot; - Swagger UI</title>"
            )
        );
        assert!(page.contains(r#"url: "/a'b<\/script>.json","#));
        assert!(!page.contains("<b>Shop"));
    }
}
