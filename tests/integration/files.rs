//! Files from disk: `FileResponse` with its headers and ranges, redirects, and `StaticFiles`
//! (conditional requests, sites, front ends, and every way out of the directory refused).

use std::path::PathBuf;

use fastrs::StaticFiles;
use fastrs::http::StatusCode;
use fastrs::prelude::*;
use fastrs::response::{FileResponse, Redirect};
use fastrs::testing::{TestClient, TestResponse};

use crate::assert_answer;

/// A directory of test files, removed when dropped.
pub(crate) struct Fixture {
    pub(crate) root: PathBuf,
}

impl Fixture {
    pub(crate) fn new(name: &str) -> Fixture {
        let root = std::env::temp_dir().join(format!("fastrs-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        let write = |path: &str, content: &[u8]| {
            let path = root.join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, content).unwrap();
        };
        write("public/hello.txt", b"0123456789abcdefghij");
        write("public/css/site.css", b"body { color: red }");
        write("public/empty.bin", b"");
        write("site/index.html", b"<h1>home</h1>");
        write("site/docs/index.html", b"<h1>docs</h1>");
        write("site/404.html", b"<h1>lost</h1>");
        write("app/index.html", b"<h1>app</h1>");
        write("app/assets/app.js", b"console.log(1)");
        write("secret.txt", b"top secret");
        std::os::unix::fs::symlink(root.join("secret.txt"), root.join("public/leak.txt")).unwrap();
        std::os::unix::fs::symlink(root.join("public/hello.txt"), root.join("public/alias.txt"))
            .unwrap();
        Fixture { root }
    }

    pub(crate) fn path(&self, path: &str) -> PathBuf {
        self.root.join(path)
    }
}

impl Drop for Fixture {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

/// Where the routes find their files.
#[derive(Clone)]
struct FilesRoot(PathBuf);

/// The file named by the path, from the fixture's `public` directory.
#[get("/download/<name>")]
async fn download(
    name: String,
    #[query] as_name: Option<String>,
    root: State<FilesRoot>,
) -> Result<FileResponse, HttpError> {
    let file = FileResponse::open(root.0.join("public").join(&name))
        .await
        .map_err(|_| HttpError::new(StatusCode::NOT_FOUND, "No such file"))?;
    Ok(match as_name {
        Some(as_name) => file.filename(&as_name),
        None => file,
    })
}

#[get("/typed")]
async fn typed(root: State<FilesRoot>) -> Result<FileResponse, HttpError> {
    let file = FileResponse::open(root.0.join("public/hello.txt"))
        .await
        .map_err(|_| HttpError::from_status(StatusCode::NOT_FOUND))?;
    Ok(file.media_type("application/x-custom").filename("data.bin"))
}

#[get("/go")]
async fn go(#[query] to: String, #[query] kind: Option<String>) -> Redirect {
    match kind.as_deref() {
        Some("permanent") => Redirect::permanent(&to),
        Some("see-other") => Redirect::see_other(&to),
        _ => Redirect::to(&to),
    }
}

fn client(fixture: &Fixture) -> TestClient {
    TestClient::new(
        App::empty()
            .state(FilesRoot(fixture.root.clone()))
            .mount(fastrs::routes![download, typed, go])
            .static_files("/static", fixture.path("public"))
            .static_files("/site", StaticFiles::new(fixture.path("site")).html(true))
            .static_files("/", StaticFiles::new(fixture.path("app")).frontend()),
    )
}

fn shared() -> &'static Fixture {
    static FIXTURE: std::sync::OnceLock<Fixture> = std::sync::OnceLock::new();
    FIXTURE.get_or_init(|| Fixture::new("files"))
}

fn header<'r>(r: &'r TestResponse, name: &str) -> &'r str {
    r.header(name).unwrap_or_else(|| panic!("no {name}"))
}

#[tokio::test]
async fn a_file_answer_has_starlettes_headers() {
    let c = client(shared());
    let r = c.get("/download/hello.txt").await;
    assert_answer(&r, 200, "0123456789abcdefghij");
    assert_eq!(header(&r, "content-type"), "text/plain; charset=utf-8");
    assert_eq!(header(&r, "content-length"), "20");
    assert_eq!(header(&r, "accept-ranges"), "bytes");
    assert!(header(&r, "etag").starts_with('"'));
    assert!(header(&r, "last-modified").ends_with(" GMT"));
    assert_eq!(r.header("content-disposition"), None);
    let r = c
        .get("/download/hello.txt")
        .query([("as_name", "report.txt")])
        .await;
    assert_eq!(
        header(&r, "content-disposition"),
        r#"attachment; filename="report.txt""#
    );
    let r = c
        .get("/download/hello.txt")
        .query([("as_name", "my résumé.txt")])
        .await;
    assert_eq!(
        header(&r, "content-disposition"),
        "attachment; filename*=utf-8''my%20r%C3%A9sum%C3%A9.txt"
    );
    let r = c.get("/typed").await;
    assert_eq!(header(&r, "content-type"), "application/x-custom");
    let r = c.get("/download/css").await;
    assert_answer(&r, 404, r#"{"detail":"No such file"}"#);
    let r = c.head("/download/hello.txt").await;
    assert_answer(&r, 200, "");
    assert_eq!(header(&r, "content-length"), "20");
}

#[tokio::test]
async fn ranges_are_served_as_starlette_serves_them() {
    let c = client(shared());
    let range = |value: &'static str| c.get("/download/hello.txt").header("range", value);
    let r = range("bytes=0-4").await;
    assert_answer(&r, 206, "01234");
    assert_eq!(header(&r, "content-range"), "bytes 0-4/20");
    assert_eq!(header(&r, "content-length"), "5");
    let r = range("bytes=-3").await;
    assert_answer(&r, 206, "hij");
    assert_eq!(header(&r, "content-range"), "bytes 17-19/20");
    let r = range("bytes=18-").await;
    assert_answer(&r, 206, "ij");
    // Several ranges, overlapping ones merged.
    let r = range("bytes=0-1, 1-2, 10-11").await;
    assert_eq!(r.status(), 206);
    let content_type = header(&r, "content-type");
    let boundary = content_type
        .strip_prefix("multipart/byteranges; boundary=")
        .unwrap();
    assert_eq!(boundary.len(), 26);
    let expected = format!(
        "--{boundary}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Range: bytes 0-2/20\r\n\r\n012\r\n\
         --{boundary}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Range: bytes 10-11/20\r\n\r\nab\r\n\
         --{boundary}--"
    );
    assert_eq!(r.text(), expected);
    assert_eq!(header(&r, "content-length"), expected.len().to_string());
    // Nothing satisfiable: 416, with the size.
    let r = range("bytes=20-").await;
    assert_answer(&r, 416, "");
    assert_eq!(header(&r, "content-range"), "bytes */20");
    let r = range("bytes=5-2").await;
    assert_answer(&r, 400, "Range header: start must be less than end");
    assert_eq!(header(&r, "content-type"), "text/plain; charset=utf-8");
    let r = range("pages=1-2").await;
    assert_answer(&r, 400, "Only support bytes range");
    // If-Range: the range only while the file is the one named.
    let etag = header(&c.get("/download/hello.txt").await, "etag").to_owned();
    let r = c
        .get("/download/hello.txt")
        .header("range", "bytes=0-1")
        .header("if-range", &etag)
        .await;
    assert_answer(&r, 206, "01");
    let r = c
        .get("/download/hello.txt")
        .header("range", "bytes=0-1")
        .header("if-range", "\"other\"")
        .await;
    assert_answer(&r, 200, "0123456789abcdefghij");
    let r = c
        .get("/download/hello.txt")
        .header("range", "bytes=0-1")
        .header("if-range", &format!("W/{etag}"))
        .await;
    assert_eq!(r.status(), 200);
    // An empty file has no byte to serve.
    let r = c
        .get("/download/empty.bin")
        .header("range", "bytes=0-")
        .await;
    assert_eq!(r.status(), 416);
    assert_eq!(header(&r, "content-range"), "bytes */0");
}

#[tokio::test]
async fn redirects_are_307_unless_told_otherwise() {
    let c = client(shared());
    let r = c.get("/go").query([("to", "/items?q=a b")]).await;
    assert_answer(&r, 307, "");
    assert_eq!(header(&r, "location"), "/items?q=a%20b");
    let r = c
        .get("/go")
        .query([("to", "/new"), ("kind", "permanent")])
        .await;
    assert_eq!((r.status().as_u16(), header(&r, "location")), (308, "/new"));
    let r = c
        .get("/go")
        .query([("to", "/done"), ("kind", "see-other")])
        .await;
    assert_eq!(r.status(), 303);
}

#[tokio::test]
async fn static_files_answer_get_and_head_with_validators() {
    let c = client(shared());
    let r = c.get("/static/css/site.css").await;
    assert_answer(&r, 200, "body { color: red }");
    assert_eq!(header(&r, "content-type"), "text/css; charset=utf-8");
    let etag = header(&r, "etag").to_owned();
    let modified = header(&r, "last-modified").to_owned();
    let r = c
        .get("/static/css/site.css")
        .header("if-none-match", &etag)
        .await;
    assert_answer(&r, 304, "");
    assert_eq!(header(&r, "etag"), etag);
    assert_eq!(r.header("content-type"), None);
    let r = c
        .get("/static/css/site.css")
        .header("if-none-match", &format!("\"x\", W/{etag}"))
        .await;
    assert_eq!(r.status(), 304);
    let r = c
        .get("/static/css/site.css")
        .header("if-none-match", "*")
        .await;
    assert_eq!(r.status(), 304);
    // If-None-Match wins over If-Modified-Since.
    let r = c
        .get("/static/css/site.css")
        .header("if-none-match", "\"x\"")
        .header("if-modified-since", &modified)
        .await;
    assert_eq!(r.status(), 200);
    let r = c
        .get("/static/css/site.css")
        .header("if-modified-since", &modified)
        .await;
    assert_eq!(r.status(), 304);
    let r = c
        .get("/static/css/site.css")
        .header("if-modified-since", "Thu, 01 Jan 1970 00:00:00 GMT")
        .await;
    assert_eq!(r.status(), 200);
    let r = c.head("/static/hello.txt").await;
    assert_answer(&r, 200, "");
    assert_eq!(header(&r, "content-length"), "20");
    let r = c
        .get("/static/hello.txt")
        .header("range", "bytes=2-3")
        .await;
    assert_answer(&r, 206, "23");
    let r = c.post("/static/hello.txt").await;
    assert_answer(&r, 405, r#"{"detail":"Method Not Allowed"}"#);
    assert_eq!(header(&r, "allow"), "GET, HEAD");
    let r = c.get("/static/nothing.txt").await;
    assert_answer(&r, 404, r#"{"detail":"Not Found"}"#);
    let r = c.get("/static/css").await;
    assert_answer(&r, 404, r#"{"detail":"Not Found"}"#);
    // A link inside the directory to a file inside it is served.
    assert_answer(
        &c.get("/static/alias.txt").await,
        200,
        "0123456789abcdefghij",
    );
}

#[tokio::test]
async fn every_way_out_of_the_directory_is_not_found() {
    let c = client(shared());
    for path in [
        "/static/../secret.txt",
        "/static/%2e%2e/secret.txt",
        "/static/%2E%2E/secret.txt",
        "/static/css/../../secret.txt",
        "/static/..%2fsecret.txt",
        "/static/..%2Fsecret.txt",
        "/static/..\\secret.txt",
        "/static/..%5csecret.txt",
        "/static//etc/passwd",
        "/static/%2Fetc%2Fpasswd",
        "/static/leak.txt",
        "/static/hello.txt%00.png",
    ] {
        let r = c.get(path).await;
        assert_eq!(
            (r.status().as_u16(), r.text()),
            (404, r#"{"detail":"Not Found"}"#.to_owned()),
            "{path}"
        );
    }
    // The route's own path normalizes inside the directory.
    assert_answer(
        &c.get("/static/css/../hello.txt").await,
        200,
        "0123456789abcdefghij",
    );
}

#[tokio::test]
async fn a_site_serves_its_index_and_its_404_page() {
    let c = client(shared());
    assert_answer(&c.get("/site/").await, 200, "<h1>home</h1>");
    let r = c.get("/site/docs?x=1").await;
    assert_answer(&r, 307, "");
    assert_eq!(header(&r, "location"), "/site/docs/?x=1");
    let r = c.get("/site/docs/").await;
    assert_answer(&r, 200, "<h1>docs</h1>");
    assert_eq!(header(&r, "content-type"), "text/html; charset=utf-8");
    let r = c.get("/site/missing").await;
    assert_answer(&r, 404, "<h1>lost</h1>");
}

#[tokio::test]
async fn a_front_end_answers_a_browsers_navigation_with_its_index() {
    let c = client(shared());
    assert_answer(&c.get("/").await, 200, "<h1>app</h1>");
    assert_answer(&c.get("/assets/app.js").await, 200, "console.log(1)");
    let r = c
        .get("/settings/profile")
        .header("accept", "text/html,*/*;q=0.8")
        .await;
    assert_answer(&r, 200, "<h1>app</h1>");
    let r = c
        .get("/settings/profile")
        .header("accept", "application/json")
        .await;
    assert_answer(&r, 404, r#"{"detail":"Not Found"}"#);
    // The app's routes come first.
    assert_eq!(c.get("/go").query([("to", "/")]).await.status(), 307);
}

#[test]
fn a_missing_directory_stops_the_app() {
    let error = App::empty()
        .static_files("/static", "no/such/directory")
        .try_into_router()
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "StaticFiles directory 'no/such/directory' does not exist"
    );
}
