//! Templates: pages rendered with `request` and `url_for`, escaping, start-up errors with
//! their file and line, and reloading.

use std::path::PathBuf;

use fastrs::prelude::*;
use fastrs::response::Html;
use fastrs::templates::{Page, TemplateError, Templates};
use fastrs::testing::TestClient;

use crate::assert_answer;

/// A directory of templates, removed when dropped.
struct Dir(PathBuf);

impl Dir {
    fn new(name: &str, files: &[(&str, &str)]) -> Dir {
        let root = std::env::temp_dir().join(format!("fastrs-tpl-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        for (path, content) in files {
            let path = root.join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, content).unwrap();
        }
        Dir(root)
    }
}

impl Drop for Dir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[derive(Serialize)]
struct Item {
    id: u32,
    name: String,
}

#[get("/items/<id>")]
async fn read_item(
    id: u32,
    #[query] name: String,
    page: Page,
) -> Result<Html<String>, TemplateError> {
    page.render("items/item.html", &Item { id, name })
}

#[get("/plain")]
async fn plain(page: Page) -> Result<Html<String>, TemplateError> {
    page.render("note.txt", serde_json::json!({ "text": "<b>" }))
}

#[get("/missing")]
async fn missing(page: Page) -> Result<Html<String>, TemplateError> {
    page.render("nothing.html", ())
}

const ITEM: &str = "<h1>{{ name }}</h1>\
<a href=\"{{ url_for('read_item', id=id + 1) }}\">next</a>\
<link href=\"{{ url_for('static', path='/css/site.css') }}\">\
<p>{{ request.method }} {{ request.path }} {{ request.url }}</p>";

fn client(dir: &Dir, templates: Templates) -> TestClient {
    TestClient::new(
        App::empty()
            .templates(templates)
            .static_files("/static", dir.0.clone())
            .mount(fastrs::routes![read_item, plain, missing]),
    )
}

#[tokio::test]
async fn a_page_has_its_context_request_and_url_for() {
    let dir = Dir::new(
        "page",
        &[("items/item.html", ITEM), ("note.txt", "{{ text }}")],
    );
    let c = client(&dir, Templates::new(&dir.0).unwrap());
    let r = c
        .get("/items/3")
        .query([("name", "<Hammer & Co>")])
        .header("host", "shop.test")
        .await;
    assert_answer(
        &r,
        200,
        "<h1>&lt;Hammer &amp; Co&gt;</h1><a href=\"http:&#x2f;&#x2f;shop.test&#x2f;items&#x2f;4\">next</a>\
<link href=\"http:&#x2f;&#x2f;shop.test&#x2f;static&#x2f;css&#x2f;site.css\">\
<p>GET &#x2f;items&#x2f;3 http:&#x2f;&#x2f;shop.test&#x2f;items&#x2f;3?name=%3CHammer+%26+Co%3E</p>",
    );
    assert_eq!(r.header("content-type"), Some("text/html; charset=utf-8"));
    // Only HTML and XML templates escape.
    assert_answer(&c.get("/plain").await, 200, "<b>");
    // A template that is not there is the server's fault.
    assert_answer(&c.get("/missing").await, 500, "Internal Server Error");
}

#[tokio::test]
async fn forwarded_headers_count_only_when_trusted() {
    let dir = Dir::new(
        "forwarded",
        &[("items/item.html", "{{ url_for('read_item', id=1) | safe }}")],
    );
    fn forwarded(c: &TestClient) -> fastrs::testing::TestRequest<'_> {
        c.get("/items/1")
            .query([("name", "x")])
            .header("host", "internal:8000")
            .header("x-forwarded-proto", "https")
            .header("x-forwarded-host", "shop.test")
    }
    let c = client(&dir, Templates::new(&dir.0).unwrap());
    assert_answer(&forwarded(&c).await, 200, "http://internal:8000/items/1");
    let c = client(
        &dir,
        Templates::new(&dir.0)
            .unwrap()
            .trust_forwarded_headers(true),
    );
    assert_answer(&forwarded(&c).await, 200, "https://shop.test/items/1");
}

#[test]
fn a_syntax_error_is_found_at_start_up_with_its_file_and_line() {
    let dir = Dir::new(
        "syntax",
        &[("ok.html", "fine"), ("broken.html", "line one\n{% if %}\n")],
    );
    let error = Templates::new(&dir.0).err().expect("refused").to_string();
    assert!(error.contains("broken.html:2"), "{error}");
    assert!(error.contains("syntax error"), "{error}");
    assert!(error.starts_with(&dir.0.display().to_string()), "{error}");
}

#[tokio::test]
async fn reloading_reads_the_templates_again() {
    let dir = Dir::new("reload", &[("items/item.html", "v1 {{ id }}")]);
    let c = client(&dir, Templates::new(&dir.0).unwrap().reload(true));
    assert_answer(&c.get("/items/1").query([("name", "x")]).await, 200, "v1 1");
    std::fs::write(dir.0.join("items/item.html"), "v2 {{ id }}").unwrap();
    assert_answer(&c.get("/items/1").query([("name", "x")]).await, 200, "v2 1");
    // Without reload, the templates loaded at start-up stay.
    let fixed = client(&dir, Templates::new(&dir.0).unwrap());
    std::fs::write(dir.0.join("items/item.html"), "v3 {{ id }}").unwrap();
    assert_answer(
        &fixed.get("/items/1").query([("name", "x")]).await,
        200,
        "v2 1",
    );
}

#[test]
fn a_page_needs_the_apps_templates() {
    let error = App::empty()
        .mount(fastrs::routes![plain])
        .try_into_router()
        .unwrap_err()
        .to_string();
    assert!(error.contains("Templates"), "{error}");
}

#[test]
fn a_page_is_documented_as_html() {
    let document: serde_json::Value = serde_json::from_slice(
        &App::empty()
            .mount(fastrs::routes![plain])
            .openapi()
            .unwrap()
            .to_json(),
    )
    .unwrap();
    assert_eq!(
        document["paths"]["/plain"]["get"]["responses"]["200"]["content"],
        serde_json::json!({"text/html": {"schema": {"type": "string"}}})
    );
}
