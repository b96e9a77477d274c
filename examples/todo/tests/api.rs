//! The todo API as its users see it: through the `TestClient` on a temporary database, and as
//! a served binary.

use std::path::PathBuf;

use fastrs::testing::{TestClient, TestResponse};
use serde_json::{Value, json};

/// A database file of its own for one test, removed afterwards.
struct TempDb(PathBuf);

impl TempDb {
    fn new(test: &str) -> Self {
        let path =
            std::env::temp_dir().join(format!("fastrs-todo-{}-{test}.db", std::process::id()));
        let db = TempDb(path);
        db.remove();
        db
    }

    fn path(&self) -> &str {
        self.0.to_str().unwrap()
    }

    fn remove(&self) {
        for suffix in ["", "-wal", "-shm", "-journal"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", self.path()));
        }
    }
}

impl Drop for TempDb {
    fn drop(&mut self) {
        self.remove();
    }
}

#[track_caller]
fn assert_answer(response: &TestResponse, status: u16, body: &str) {
    assert_eq!(
        (response.status().as_u16(), response.text().as_str()),
        (status, body)
    );
}

async fn client(db: &TempDb) -> TestClient {
    TestClient::start(todo::app(db.path())).await
}

#[tokio::test]
async fn projects_and_todos_round_trip() {
    let db = TempDb::new("round-trip");
    let c = client(&db).await;
    assert_answer(
        &c.post("/projects")
            .json(&json!({ "name": "home" }))
            .send()
            .await,
        201,
        r#"{"id":1,"name":"home"}"#,
    );
    assert_answer(
        &c.post("/todos")
            .json(&json!({ "project_id": 1, "title": "milk" }))
            .send()
            .await,
        201,
        r#"{"id":1,"project_id":1,"title":"milk","done":false}"#,
    );
    assert_answer(
        &c.patch("/todos/1")
            .json(&json!({ "done": true }))
            .send()
            .await,
        200,
        r#"{"id":1,"project_id":1,"title":"milk","done":true}"#,
    );
    assert_answer(
        &c.patch("/todos/1")
            .json(&json!({ "title": "oat milk" }))
            .send()
            .await,
        200,
        r#"{"id":1,"project_id":1,"title":"oat milk","done":true}"#,
    );
    assert_answer(
        &c.get("/todos/1").await,
        200,
        r#"{"id":1,"project_id":1,"title":"oat milk","done":true}"#,
    );
    assert_answer(
        &c.get("/projects/1/todos").await,
        200,
        r#"[{"id":1,"project_id":1,"title":"oat milk","done":true}]"#,
    );
    assert_answer(
        &c.get("/projects").await,
        200,
        r#"[{"id":1,"name":"home"}]"#,
    );
    assert_answer(
        &c.get("/projects/1").await,
        200,
        r#"{"id":1,"name":"home"}"#,
    );
    assert_answer(&c.delete("/todos/1").await, 204, "");
    assert_answer(
        &c.get("/todos/1").await,
        404,
        r#"{"detail":"Todo not found"}"#,
    );
    assert_answer(
        &c.delete("/todos/1").await,
        404,
        r#"{"detail":"Todo not found"}"#,
    );
    c.shutdown().await;
}

#[tokio::test]
async fn deleting_a_project_deletes_its_todos() {
    let db = TempDb::new("cascade");
    let c = client(&db).await;
    for name in ["home", "work"] {
        c.post("/projects")
            .json(&json!({ "name": name }))
            .send()
            .await;
    }
    for (project, title) in [(1, "milk"), (2, "report"), (1, "bread")] {
        let created = c
            .post("/todos")
            .json(&json!({ "project_id": project, "title": title }))
            .send()
            .await;
        assert_eq!(created.status(), 201);
    }
    assert_answer(&c.delete("/projects/1").await, 204, "");
    assert_answer(
        &c.get("/projects/1").await,
        404,
        r#"{"detail":"Project not found"}"#,
    );
    assert_answer(
        &c.get("/projects/1/todos").await,
        404,
        r#"{"detail":"Project not found"}"#,
    );
    assert_answer(
        &c.get("/todos").await,
        200,
        r#"[{"id":2,"project_id":2,"title":"report","done":false}]"#,
    );
    assert_answer(
        &c.delete("/projects/1").await,
        404,
        r#"{"detail":"Project not found"}"#,
    );
    c.shutdown().await;
}

#[tokio::test]
async fn conflicts_and_missing_projects_answer_with_their_status() {
    let db = TempDb::new("conflicts");
    let c = client(&db).await;
    c.post("/projects")
        .json(&json!({ "name": "home" }))
        .send()
        .await;
    assert_answer(
        &c.post("/projects")
            .json(&json!({ "name": "home" }))
            .send()
            .await,
        409,
        r#"{"detail":"A project with this name exists"}"#,
    );
    assert_answer(
        &c.post("/todos")
            .json(&json!({ "project_id": 9, "title": "milk" }))
            .send()
            .await,
        404,
        r#"{"detail":"Project not found"}"#,
    );
    assert_answer(
        &c.get("/todos/9").await,
        404,
        r#"{"detail":"Todo not found"}"#,
    );
    assert_answer(
        &c.patch("/todos/9")
            .json(&json!({ "done": true }))
            .send()
            .await,
        404,
        r#"{"detail":"Todo not found"}"#,
    );
    c.shutdown().await;
}

#[tokio::test]
async fn projects_are_replaced_and_updated() {
    let db = TempDb::new("updates");
    let c = client(&db).await;
    for name in ["home", "work"] {
        c.post("/projects")
            .json(&json!({ "name": name }))
            .send()
            .await;
    }
    let taken = r#"{"detail":"A project with this name exists"}"#;
    let missing = r#"{"detail":"Project not found"}"#;
    // (method, project, body, status, answer), in order: each sees the ones before.
    let exchanges = [
        (
            "PUT",
            1,
            json!({ "name": "house" }),
            200,
            r#"{"id":1,"name":"house"}"#,
        ),
        (
            "PATCH",
            2,
            json!({ "name": "office" }),
            200,
            r#"{"id":2,"name":"office"}"#,
        ),
        // A PATCH without the name keeps it.
        ("PATCH", 2, json!({}), 200, r#"{"id":2,"name":"office"}"#),
        ("PUT", 1, json!({ "name": "office" }), 409, taken),
        ("PATCH", 2, json!({ "name": "house" }), 409, taken),
        ("PUT", 9, json!({ "name": "x" }), 404, missing),
        ("PATCH", 9, json!({ "name": "x" }), 404, missing),
        (
            "PUT",
            1,
            json!({ "name": "" }),
            422,
            r#"{"detail":[{"type":"string_too_short","loc":["body","name"],"msg":"String should have at least 1 character","input":"","ctx":{"min_length":1}}]}"#,
        ),
        (
            "PUT",
            1,
            json!({}),
            422,
            r#"{"detail":[{"type":"missing","loc":["body","name"],"msg":"Field required","input":{}}]}"#,
        ),
    ];
    for (method, id, body, status, answer) in exchanges {
        let path = format!("/projects/{id}");
        let request = match method {
            "PUT" => c.put(&path),
            _ => c.patch(&path),
        };
        assert_answer(&request.json(&body).send().await, status, answer);
    }
    assert_answer(
        &c.get("/projects/1").await,
        200,
        r#"{"id":1,"name":"house"}"#,
    );
    c.shutdown().await;
}

#[tokio::test]
async fn bad_input_answers_fastapi_422s() {
    let db = TempDb::new("validation");
    let c = client(&db).await;
    assert_answer(
        &c.post("/projects")
            .json(&json!({ "name": "" }))
            .send()
            .await,
        422,
        r#"{"detail":[{"type":"string_too_short","loc":["body","name"],"msg":"String should have at least 1 character","input":"","ctx":{"min_length":1}}]}"#,
    );
    assert_answer(
        &c.post("/todos")
            .json(&json!({ "project_id": 0 }))
            .send()
            .await,
        422,
        concat!(
            r#"{"detail":["#,
            r#"{"type":"greater_than_equal","loc":["body","project_id"],"msg":"Input should be greater than or equal to 1","input":0,"ctx":{"ge":1}},"#,
            r#"{"type":"missing","loc":["body","title"],"msg":"Field required","input":{"project_id":0}}"#,
            r#"]}"#
        ),
    );
    assert_answer(
        &c.post("/todos")
            .json(&json!({ "project_id": 0, "title": "milk" }))
            .send()
            .await,
        422,
        r#"{"detail":[{"type":"greater_than_equal","loc":["body","project_id"],"msg":"Input should be greater than or equal to 1","input":0,"ctx":{"ge":1}}]}"#,
    );
    // The pagination dependency's errors, then the route's own, in one 422.
    assert_answer(
        &c.get("/projects/x/todos")
            .query([("limit", "500"), ("skip", "-1"), ("done", "maybe")])
            .send()
            .await,
        422,
        concat!(
            r#"{"detail":["#,
            r#"{"type":"greater_than_equal","loc":["query","skip"],"msg":"Input should be greater than or equal to 0","input":"-1","ctx":{"ge":0}},"#,
            r#"{"type":"less_than_equal","loc":["query","limit"],"msg":"Input should be less than or equal to 100","input":"500","ctx":{"le":100}},"#,
            r#"{"type":"int_parsing","loc":["path","project_id"],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"x"},"#,
            r#"{"type":"bool_parsing","loc":["query","done"],"msg":"Input should be a valid boolean, unable to interpret input","input":"maybe"}"#,
            r#"]}"#
        ),
    );
    c.shutdown().await;
}

#[tokio::test]
async fn lists_are_paginated_and_filtered() {
    let db = TempDb::new("pages");
    let c = client(&db).await;
    c.post("/projects")
        .json(&json!({ "name": "home" }))
        .send()
        .await;
    for i in 1..=5 {
        let todo = json!({ "project_id": 1, "title": format!("t{i}"), "done": i % 2 == 0 });
        assert_eq!(c.post("/todos").json(&todo).send().await.status(), 201);
    }
    let ids = |response: TestResponse| -> Vec<i64> {
        let todos: Vec<Value> = response.json();
        todos.iter().map(|t| t["id"].as_i64().unwrap()).collect()
    };
    assert_eq!(ids(c.get("/todos").await), [1, 2, 3, 4, 5]);
    assert_eq!(
        ids(c
            .get("/todos")
            .query([("skip", 1), ("limit", 2)])
            .send()
            .await),
        [2, 3]
    );
    assert_eq!(
        ids(c.get("/todos").query([("done", "true")]).send().await),
        [2, 4]
    );
    assert_eq!(
        ids(c
            .get("/projects/1/todos")
            .query([("done", "false"), ("skip", "1")])
            .send()
            .await),
        [3, 5]
    );
    c.shutdown().await;
}

#[tokio::test]
async fn the_database_file_is_created_and_kept_across_restarts() {
    let db = TempDb::new("restart");
    assert!(!std::path::Path::new(db.path()).exists());
    let c = client(&db).await;
    assert!(
        std::path::Path::new(db.path()).exists(),
        "created on start-up"
    );
    c.post("/projects")
        .json(&json!({ "name": "kept" }))
        .send()
        .await;
    c.shutdown().await;

    // Started again, the migrations are not re-applied and the data is there.
    let c = client(&db).await;
    assert_answer(
        &c.get("/projects").await,
        200,
        r#"[{"id":1,"name":"kept"}]"#,
    );
    c.shutdown().await;
}

#[tokio::test]
async fn a_database_that_cannot_open_stops_the_start() {
    let missing_dir = std::env::temp_dir().join("fastrs-todo-no-such-dir/sub/todo.db");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let err = todo::app(missing_dir.to_str().unwrap())
        .serve_with_shutdown(listener, std::future::pending())
        .await
        .unwrap_err()
        .to_string();
    assert!(err.starts_with("the lifespan's start-up failed: "), "{err}");
}

#[tokio::test]
async fn get_db_can_be_overridden_in_tests() {
    // A test can point `get_db` at another database, here an in-memory one.
    #[fastrs::depends]
    async fn memory_db() -> todo::db::Db {
        todo::db::Db::from(todo::db::open(":memory:").await.unwrap())
    }
    let db = TempDb::new("override");
    let app = todo::app(db.path()).override_dependency::<todo::db::get_db>(memory_db {});
    let c = TestClient::start(app).await;
    c.post("/projects")
        .json(&json!({ "name": "elsewhere" }))
        .send()
        .await;
    // Each request got a fresh in-memory database: nothing was kept, the file has nothing.
    assert_answer(&c.get("/projects").await, 200, "[]");
    c.shutdown().await;
}

#[test]
fn the_openapi_document_is_the_golden_one() {
    let document = todo::app(":memory:").openapi().unwrap().to_pretty_json();
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/openapi/todo.json");
    if std::env::var_os("FASTRS_BLESS").is_some() {
        std::fs::write(path, format!("{document}\n")).unwrap();
    }
    let golden = std::fs::read_to_string(path).unwrap();
    assert_eq!(
        format!("{document}\n"),
        golden,
        "re-bless with FASTRS_BLESS=1"
    );
}

#[test]
fn the_binary_serves_a_fresh_database_and_stops_on_sigterm() {
    use std::io::{Read, Write};
    use std::process::{Command, Stdio};
    use std::time::{Duration, Instant};

    let db = TempDb::new("binary");
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let addr = format!("127.0.0.1:{port}");
    let child = Command::new(env!("CARGO_BIN_EXE_todo"))
        .env("TODO_ADDR", &addr)
        .env("TODO_DATABASE", db.path())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let get = |path: &str| -> std::io::Result<String> {
        let mut stream = std::net::TcpStream::connect(&addr)?;
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
        )?;
        let mut answer = String::new();
        stream.read_to_string(&mut answer)?;
        Ok(answer)
    };
    let started = Instant::now();
    let answer = loop {
        match get("/projects") {
            Ok(answer) => break answer,
            Err(_) if started.elapsed() < Duration::from_secs(10) => {
                std::thread::sleep(Duration::from_millis(50))
            }
            Err(e) => panic!("the app never answered: {e}"),
        }
    };
    assert!(answer.starts_with("HTTP/1.1 200 OK\r\n"), "{answer}");
    assert!(answer.ends_with("\r\n\r\n[]"), "{answer}");
    assert!(std::path::Path::new(db.path()).exists());
    let killed = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "exit status {:?}", output.status);
}

#[tokio::test]
async fn cors_gzip_timing_and_the_audit_log() {
    let db = TempDb::new("middleware");
    let audit = format!("{}.audit.log", db.path());
    let _ = std::fs::remove_file(&audit);
    let mut config = todo::Config::new(db.path());
    config.allowed_origins = vec!["https://app.test".to_owned()];
    config.audit = todo::audit::AuditLog::file(&audit);
    let c = TestClient::start(todo::app_with(config)).await;
    let r = c.post("/projects").json(&json!({ "name": "home" })).await;
    assert_eq!(r.status(), 201);
    // Every answer is timed.
    let took: f64 = r.header("x-process-time").unwrap().parse().unwrap();
    assert!((0.0..10.0).contains(&took), "{took}");
    for n in 0..20 {
        let todo = json!({ "project_id": 1, "title": format!("todo number {n}") });
        assert_eq!(c.post("/todos").json(&todo).await.status(), 201);
    }

    // A deletion is audited once the answer is sent; a failed one is not.
    assert_answer(&c.delete("/todos/1").await, 204, "");
    assert_eq!(c.delete("/todos/1").await.status(), 404);
    let lines = std::fs::read_to_string(&audit).unwrap();
    assert_eq!(lines.lines().count(), 1, "{lines}");
    assert!(lines.ends_with(" todo 1 deleted\n"), "{lines}");

    // A long list is compressed for a client that asks.
    let r = c
        .get("/todos?limit=100")
        .header("accept-encoding", "gzip")
        .await;
    assert_eq!(r.header("content-encoding"), Some("gzip"));
    // GZip's, then CORS's (Starlette's for a list of origins).
    assert_eq!(r.header("vary"), Some("Accept-Encoding, Origin"));

    // The front end's origin may call the API; another may not.
    let preflight = |origin: &'static str| {
        c.options("/todos")
            .header("origin", origin)
            .header("access-control-request-method", "POST")
            .header("access-control-request-headers", "content-type")
    };
    let r = preflight("https://app.test").await;
    assert_answer(&r, 200, "OK");
    assert_eq!(
        r.header("access-control-allow-origin"),
        Some("https://app.test")
    );
    assert_answer(
        &preflight("https://evil.test").await,
        400,
        "Disallowed CORS origin",
    );
    // Error answers carry the CORS headers too: the browser shows the front end the 404.
    let r = c
        .get("/todos/999")
        .header("origin", "https://app.test")
        .await;
    assert_eq!(r.status(), 404);
    assert_eq!(
        r.header("access-control-allow-origin"),
        Some("https://app.test")
    );
    c.shutdown().await;
    let _ = std::fs::remove_file(&audit);
}

#[tokio::test]
async fn writes_are_limited_per_client_behind_the_proxy_health_and_metrics() {
    let db = TempDb::new("limits");
    let mut config = todo::Config::new(db.path());
    config.write_limit = "3/minute".parse().unwrap();
    config.trusted_proxies = vec!["127.0.0.1".to_owned()];
    let c = TestClient::start(todo::app_with(config)).await;
    let create = |client: &'static str, name: &str| {
        c.post("/projects")
            .header("x-forwarded-for", client)
            .json(&json!({ "name": name }))
    };
    for n in 0..3 {
        let r = create("203.0.113.1", &format!("p{n}")).await;
        assert_eq!(r.status(), 201, "{}", r.text());
    }
    // The fourth write of that client within the minute: slowapi's 429. Reads are not limited.
    let refused = create("203.0.113.1", "p3").await;
    assert_answer(
        &refused,
        429,
        r#"{"detail":"Rate limit exceeded: 3 per 1 minute"}"#,
    );
    assert!(refused.header("retry-after").is_some());
    assert_eq!(
        c.delete("/projects/1")
            .header("x-forwarded-for", "203.0.113.1")
            .await
            .status(),
        429
    );
    assert_eq!(c.get("/projects").await.status(), 200);
    // Another client behind the same proxy has its own count.
    assert_eq!(create("203.0.113.2", "p4").await.status(), 201);

    // Liveness and readiness (the database answers), each answer with its request id.
    let health = c.get("/health").await;
    assert_answer(&health, 200, r#"{"status":"ok"}"#);
    assert!(health.header("x-request-id").is_some());
    assert_answer(&c.get("/ready").await, 200, r#"{"status":"ok"}"#);

    // Every request counted under its route's template.
    let metrics = c.get("/metrics").await.text();
    for line in [
        "http_requests_total{handler=\"/projects\",method=\"POST\",status=\"2xx\"} 4\n",
        "http_requests_total{handler=\"/projects\",method=\"POST\",status=\"4xx\"} 1\n",
        "http_requests_total{handler=\"/projects/{project_id}\",method=\"DELETE\",status=\"4xx\"} 1\n",
        "http_requests_total{handler=\"/ready\",method=\"GET\",status=\"2xx\"} 1\n",
    ] {
        assert!(metrics.contains(line), "{line} in {metrics}");
    }
}
