//! Multipart uploads: `UploadFile`, lists of files and form fields in one body, spooling to
//! disk, Starlette's limits and answers, and the urlencoded limits.

use fastrs::prelude::*;
use fastrs::testing::{MultipartForm, TestClient};
use fastrs::{FormLimits, UploadFile};
use serde_json::{Value, json};

use crate::assert_answer;

#[post("/upload", body_limit = "8MiB")]
async fn upload(mut file: UploadFile) -> Json<Value> {
    let mut read = Vec::new();
    while let Some(chunk) = file.chunk().await.unwrap() {
        read.extend_from_slice(&chunk);
    }
    assert_eq!(
        file.bytes().await.unwrap(),
        read,
        "bytes() reads the whole file"
    );
    Json(json!({
        "filename": file.filename(),
        "content_type": file.content_type(),
        "size": file.size(),
        "read": read.len(),
        "on_disk": file.on_disk(),
        "head": String::from_utf8_lossy(&read[..read.len().min(5)]),
    }))
}

#[post("/many")]
async fn many(files: Vec<UploadFile>, #[form] note: String) -> Json<Value> {
    let names: Vec<&str> = files.iter().map(UploadFile::filename).collect();
    Json(json!({ "names": names, "note": note }))
}

#[post("/maybe")]
async fn maybe(#[file] file: Option<UploadFile>) -> Json<Value> {
    Json(json!({ "got": file.map(|f| f.filename().to_owned()) }))
}

#[post("/limited", max_files = 2, max_fields = 2, max_part_size = "1KiB")]
async fn limited(
    #[form(default)] files: Vec<UploadFile>,
    #[form] note: Option<String>,
) -> Json<Value> {
    Json(json!({ "files": files.len(), "note": note }))
}

#[post("/small", body_limit = "64KiB")]
async fn small(file: UploadFile) -> Json<Value> {
    Json(json!({ "size": file.size() }))
}

#[post("/login-form")]
async fn login_form(#[form] username: String, #[form(default)] tags: Vec<String>) -> Json<Value> {
    Json(json!({ "username": username, "tags": tags }))
}

#[post("/read")]
async fn read_parts(mut file: UploadFile) -> Json<Value> {
    let first = file.read(3).await.unwrap();
    let position = file.position();
    file.seek(1);
    let again = file.read(2).await.unwrap();
    file.seek(10_000_000);
    let past = file.read(10).await.unwrap();
    Json(json!({
        "first": String::from_utf8_lossy(&first),
        "position": position,
        "again": String::from_utf8_lossy(&again),
        "past": past.len(),
    }))
}

fn client() -> TestClient {
    TestClient::new(App::empty().mount(fastrs::routes![
        upload, many, maybe, limited, small, login_form, read_parts
    ]))
}

fn file_form(name: &str, content: impl AsRef<[u8]>) -> MultipartForm {
    MultipartForm::new().file(name, "a.txt", "text/plain", content)
}

#[tokio::test]
async fn a_file_is_read_with_its_name_type_and_content() {
    let r = client()
        .post("/upload")
        .multipart(file_form("file", "hello"))
        .await;
    assert_answer(
        &r,
        200,
        r#"{"filename":"a.txt","content_type":"text/plain","size":5,"read":5,"on_disk":false,"head":"hello"}"#,
    );
    let r = client()
        .post("/read")
        .multipart(file_form("file", "abcdef"))
        .await;
    assert_answer(
        &r,
        200,
        r#"{"first":"abc","position":3,"again":"bc","past":0}"#,
    );
}

#[tokio::test]
async fn past_one_mebibyte_a_file_goes_to_disk() {
    let c = client();
    // Exactly 1 MiB stays in memory (Starlette rolls over past `max_size`).
    let exactly = vec![b'x'; 1 << 20];
    let r = c
        .post("/upload")
        .multipart(file_form("file", &exactly))
        .await;
    let body: Value = r.json();
    assert_eq!(
        (body["size"].clone(), body["on_disk"].clone()),
        (json!(1 << 20), json!(false))
    );
    let mut big = b"start".to_vec();
    big.resize((3 << 20) + 17, b'y');
    let r = c.post("/upload").multipart(file_form("file", &big)).await;
    let body: Value = r.json();
    assert_eq!(body["size"], json!((3 << 20) + 17));
    assert_eq!(body["read"], json!((3 << 20) + 17));
    assert_eq!(body["on_disk"], json!(true));
    assert_eq!(body["head"], json!("start"));
}

#[tokio::test]
async fn files_and_fields_share_one_body() {
    let form = MultipartForm::new()
        .file("files", "a.txt", "text/plain", "x")
        .text("note", "n")
        .file("files", "b.txt", "text/plain", "y");
    let r = client().post("/many").multipart(form).await;
    assert_answer(&r, 200, r#"{"names":["a.txt","b.txt"],"note":"n"}"#);
}

#[tokio::test]
async fn a_missing_file_or_a_text_in_its_place_is_a_422() {
    let c = client();
    let r = c.post("/upload").multipart(MultipartForm::new()).await;
    assert_answer(
        &r,
        422,
        r#"{"detail":[{"type":"missing","loc":["body","file"],"msg":"Field required","input":null}]}"#,
    );
    // No body at all, or a JSON one: the form is empty, as in Starlette.
    let r = c.post("/upload").json(&json!({"file": 1})).await;
    assert_answer(
        &r,
        422,
        r#"{"detail":[{"type":"missing","loc":["body","file"],"msg":"Field required","input":null}]}"#,
    );
    let r = c.post("/upload").form([("file", "text")]).await;
    assert_answer(
        &r,
        422,
        r#"{"detail":[{"type":"value_error","loc":["body","file"],"msg":"Value error, Expected UploadFile, received: <class 'str'>","input":"text","ctx":{"error":{}}}]}"#,
    );
    let form = MultipartForm::new()
        .text("note", "n")
        .text("files", "t")
        .file("files", "b.txt", "text/plain", "y")
        .text("files", "u");
    let r = c.post("/many").multipart(form).await;
    assert_answer(
        &r,
        422,
        concat!(
            r#"{"detail":["#,
            r#"{"type":"value_error","loc":["body","files",0],"msg":"Value error, Expected UploadFile, received: <class 'str'>","input":"t","ctx":{"error":{}}},"#,
            r#"{"type":"value_error","loc":["body","files",2],"msg":"Value error, Expected UploadFile, received: <class 'str'>","input":"u","ctx":{"error":{}}}"#,
            r#"]}"#
        ),
    );
}

#[tokio::test]
async fn an_optional_file_may_be_absent_or_empty() {
    let c = client();
    assert_answer(&c.post("/maybe").await, 200, r#"{"got":null}"#);
    let r = c
        .post("/maybe")
        .multipart(MultipartForm::new().text("file", ""))
        .await;
    assert_answer(&r, 200, r#"{"got":null}"#);
    let r = c.post("/maybe").multipart(file_form("file", "z")).await;
    assert_answer(&r, 200, r#"{"got":"a.txt"}"#);
    // A file input left empty: a browser sends a file with no name and no content.
    let empty = MultipartForm::new().file("file", "", "application/octet-stream", "");
    let r = c.post("/maybe").multipart(empty).await;
    assert_answer(&r, 200, r#"{"got":null}"#);
    // An empty text field is none too, as FastAPI reads a form.
    let r = c.post("/limited").form([("note", "")]).await;
    assert_answer(&r, 200, r#"{"files":0,"note":null}"#);
}

/// A multipart body written out, with `boundary`.
fn raw_multipart<'c>(
    c: &'c TestClient,
    content_type: &str,
    body: &'static str,
) -> fastrs::testing::TestRequest<'c> {
    c.post("/upload")
        .header("content-type", content_type)
        .body(body)
}

#[tokio::test]
async fn malformed_multipart_gets_starlettes_400s() {
    let c = client();
    let r = raw_multipart(&c, "multipart/form-data", "xx").await;
    assert_answer(&r, 400, r#"{"detail":"Missing boundary in multipart."}"#);
    let r = raw_multipart(&c, "multipart/form-data; boundary=abc", "xx").await;
    assert_answer(&r, 400, r#"{"detail":"Invalid multipart data."}"#);
    let r = raw_multipart(
        &c,
        "multipart/form-data; boundary=abc",
        "--abc\r\nContent-Disposition: form-data; filename=\"a\"\r\n\r\nxx\r\n--abc--\r\n",
    )
    .await;
    assert_answer(
        &r,
        400,
        r#"{"detail":"The Content-Disposition header field \"name\" must be provided."}"#,
    );
    // A preamble before the first boundary is skipped, as RFC 2046 says (Starlette refuses it).
    let r = raw_multipart(
        &c,
        "multipart/form-data; boundary=abc",
        "preamble\r\n--abc\r\nContent-Disposition: form-data; name=\"file\"; filename=\"p\"\r\n\r\nxy\r\n--abc--\r\n",
    )
    .await;
    assert_eq!(r.status(), 200);
    // An empty body is an empty form.
    let r = raw_multipart(&c, "multipart/form-data; boundary=abc", "").await;
    assert_answer(
        &r,
        422,
        r#"{"detail":[{"type":"missing","loc":["body","file"],"msg":"Field required","input":null}]}"#,
    );
    // Cut before the closing boundary: refused (Starlette reads the parts it has).
    let r = raw_multipart(
        &c,
        "multipart/form-data; boundary=abc",
        "--abc\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a\"\r\n\r\nxx",
    )
    .await;
    assert_answer(&r, 400, r#"{"detail":"Invalid multipart data."}"#);
    // The server goes on.
    let r = c.post("/upload").multipart(file_form("file", "ok")).await;
    assert_eq!(r.status(), 200);
}

#[tokio::test]
async fn a_routes_form_limits_answer_in_starlettes_words() {
    let c = client();
    let three_files = MultipartForm::new()
        .file("files", "a", "text/plain", "1")
        .file("files", "b", "text/plain", "2")
        .file("files", "c", "text/plain", "3");
    let r = c.post("/limited").multipart(three_files).await;
    assert_answer(
        &r,
        400,
        r#"{"detail":"Too many files. Maximum number of files is 2."}"#,
    );
    let three_fields = MultipartForm::new()
        .text("note", "1")
        .text("note", "2")
        .text("note", "3");
    let r = c.post("/limited").multipart(three_fields).await;
    assert_answer(
        &r,
        400,
        r#"{"detail":"Too many fields. Maximum number of fields is 2."}"#,
    );
    let big_field = MultipartForm::new().text("note", &"x".repeat(1025));
    let r = c.post("/limited").multipart(big_field).await;
    assert_answer(
        &r,
        400,
        r#"{"detail":"Part exceeded maximum size of 1KB."}"#,
    );
    // The part size is for fields only: a file of any size passes.
    let big_file = MultipartForm::new().text("note", &"x".repeat(1024)).file(
        "files",
        "a",
        "text/plain",
        vec![b'z'; 4096],
    );
    let r = c.post("/limited").multipart(big_file).await;
    assert_answer(
        &r,
        200,
        &format!(r#"{{"files":1,"note":"{}"}}"#, "x".repeat(1024)),
    );
    // Urlencoded: the field's encoded name and value count, and the field count.
    let r = c.post("/limited").form([("note", "y".repeat(1021))]).await;
    assert_answer(
        &r,
        400,
        r#"{"detail":"Field exceeded maximum size of 1KB."}"#,
    );
    let r = c
        .post("/limited")
        .form([("a", "1"), ("b", "2"), ("note", "3")])
        .await;
    assert_answer(
        &r,
        400,
        r#"{"detail":"Too many fields. Maximum number of fields is 2."}"#,
    );
}

#[tokio::test]
async fn the_apps_form_limits_apply_where_a_route_sets_none() {
    let c = TestClient::new(
        App::empty()
            .form_limits(FormLimits::new().max_fields(1).max_files(1))
            .mount(fastrs::routes![login_form, many]),
    );
    let r = c
        .post("/login-form")
        .form([("username", "a"), ("tags", "b")])
        .await;
    assert_answer(
        &r,
        400,
        r#"{"detail":"Too many fields. Maximum number of fields is 1."}"#,
    );
    let r = c.post("/login-form").form([("username", "a")]).await;
    assert_answer(&r, 200, r#"{"username":"a","tags":[]}"#);
    let two = MultipartForm::new()
        .file("files", "a", "text/plain", "1")
        .file("files", "b", "text/plain", "2");
    let r = c.post("/many").multipart(two).await;
    assert_answer(
        &r,
        400,
        r#"{"detail":"Too many files. Maximum number of files is 1."}"#,
    );
}

#[tokio::test]
async fn form_fields_read_from_a_multipart_body_too() {
    let form = MultipartForm::new()
        .text("username", "ann")
        .text("tags", "a")
        .text("tags", "b");
    let r = client().post("/login-form").multipart(form).await;
    assert_answer(&r, 200, r#"{"username":"ann","tags":["a","b"]}"#);
}

#[tokio::test]
async fn the_body_limit_bounds_an_upload() {
    let c = client();
    let r = c
        .post("/small")
        .multipart(file_form("file", vec![b'a'; 60 << 10]))
        .await;
    assert_answer(&r, 200, &format!(r#"{{"size":{}}}"#, 60 << 10));
    let r = c
        .post("/small")
        .multipart(file_form("file", vec![b'a'; 65 << 10]))
        .await;
    assert_answer(&r, 413, r#"{"detail":"Payload Too Large"}"#);
}

#[test]
fn files_are_documented_as_fastapi_documents_them() {
    let app = App::empty()
        .operation_ids(fastrs::OperationIds::FastApi)
        .mount(fastrs::routes![upload, many, maybe]);
    let document: Value = serde_json::from_slice(&app.openapi().unwrap().to_json()).unwrap();
    let body = &document["paths"]["/upload"]["post"]["requestBody"];
    assert_eq!(
        body,
        &json!({
            "content": {"multipart/form-data": {"schema": {"$ref": "#/components/schemas/Body_upload_upload_post"}}},
            "required": true
        })
    );
    let schemas = &document["components"]["schemas"];
    assert_eq!(
        serde_json::to_string(&schemas["Body_upload_upload_post"]).unwrap(),
        r#"{"properties":{"file":{"type":"string","contentMediaType":"application/octet-stream","title":"File"}},"type":"object","required":["file"],"title":"Body_upload_upload_post"}"#
    );
    assert_eq!(
        serde_json::to_string(&schemas["Body_many_many_post"]).unwrap(),
        r#"{"properties":{"files":{"items":{"type":"string","contentMediaType":"application/octet-stream"},"type":"array","title":"Files"},"note":{"type":"string","title":"Note"}},"type":"object","required":["files","note"],"title":"Body_many_many_post"}"#
    );
    assert_eq!(
        serde_json::to_string(&schemas["Body_maybe_maybe_post"]).unwrap(),
        r#"{"properties":{"file":{"anyOf":[{"type":"string","contentMediaType":"application/octet-stream"},{"type":"null"}],"title":"File"}},"type":"object","title":"Body_maybe_maybe_post"}"#
    );
    assert!(
        document["paths"]["/maybe"]["post"]["requestBody"]
            .get("required")
            .is_none()
    );
}

/// A body that fails after its first piece, as a connection cut mid-upload.
fn cut_body(first: &'static str) -> fastrs::axum::body::Body {
    let pieces: Vec<Result<&'static str, std::io::Error>> = vec![
        Ok(first),
        Err(std::io::Error::new(
            std::io::ErrorKind::ConnectionReset,
            "cut",
        )),
    ];
    fastrs::axum::body::Body::from_stream(futures_util::stream::iter(pieces))
}

#[tokio::test]
async fn a_body_that_cannot_be_read_is_fastapis_400() {
    use tower::ServiceExt;

    let router = App::empty().mount(fastrs::routes![upload]).into_router();
    let request = fastrs::http::Request::post("/upload")
        .header("content-type", "multipart/form-data; boundary=abc")
        .body(cut_body(
            "--abc\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a\"\r\n\r\nxx",
        ))
        .unwrap();
    let answer = router.oneshot(request).await.unwrap();
    assert_eq!(answer.status(), 400);
    let body = fastrs::axum::body::to_bytes(answer.into_body(), 1 << 20)
        .await
        .unwrap();
    assert_eq!(body, r#"{"detail":"There was an error parsing the body"}"#);
}

#[post("/checked")]
async fn checked(file: Depends<fastrs_tests::text_file>, #[form] note: String) -> Json<Value> {
    Json(json!({ "filename": file.filename(), "note": note }))
}

#[tokio::test]
async fn a_dependency_reads_the_file_of_the_form() {
    let c = TestClient::new(App::empty().mount(fastrs::routes![checked]));
    let form = file_form("file", "x").text("note", "n");
    assert_answer(
        &c.post("/checked").multipart(form).await,
        200,
        r#"{"filename":"a.txt","note":"n"}"#,
    );
    let form = MultipartForm::new()
        .file("file", "a.png", "image/png", "x")
        .text("note", "n");
    assert_answer(
        &c.post("/checked").multipart(form).await,
        415,
        r#"{"detail":"A text file, please"}"#,
    );
    // The dependency's file is documented with the route's field, in one multipart body.
    let app = App::empty()
        .operation_ids(fastrs::OperationIds::FastApi)
        .mount(fastrs::routes![checked]);
    let document: Value = serde_json::from_slice(&app.openapi().unwrap().to_json()).unwrap();
    let body = &document["components"]["schemas"]["Body_checked_checked_post"];
    assert_eq!(body["required"], json!(["note", "file"]));
    assert!(
        document["paths"]["/checked"]["post"]["requestBody"]["content"]["multipart/form-data"]
            .is_object()
    );
    assert_answer(
        &c.post("/checked").multipart(MultipartForm::new()).await,
        422,
        concat!(
            r#"{"detail":["#,
            r#"{"type":"missing","loc":["body","file"],"msg":"Field required","input":null},"#,
            r#"{"type":"missing","loc":["body","note"],"msg":"Field required","input":null}"#,
            r#"]}"#
        ),
    );
}
