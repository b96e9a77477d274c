//! The security example as its users see it: FastAPI's exact answers for each way a login or
//! a credential can fail, and no secret in the log.

use fastrs::testing::{TestClient, TestResponse};

#[track_caller]
fn assert_answer(response: &TestResponse, status: u16, body: &str) {
    assert_eq!(
        (response.status().as_u16(), response.text().as_str()),
        (status, body)
    );
}

#[track_caller]
fn assert_challenge(response: &TestResponse, status: u16, body: &str, challenge: &str) {
    assert_answer(response, status, body);
    assert_eq!(response.header("www-authenticate"), Some(challenge));
}

async fn login(c: &TestClient, form: &'static str) -> TestResponse {
    c.post("/token")
        .header("content-type", "application/x-www-form-urlencoded")
        .body(form)
        .send()
        .await
}

async fn token(c: &TestClient, form: &'static str) -> String {
    let response = login(c, form).await;
    assert_eq!(response.status(), 200, "{}", response.text());
    let body: serde_json::Value = response.json();
    assert_eq!(body["token_type"], "bearer");
    body["access_token"].as_str().unwrap().to_owned()
}

async fn get(c: &TestClient, path: &str, authorization: &str) -> TestResponse {
    c.get(path)
        .header("authorization", authorization)
        .send()
        .await
}

#[tokio::test]
async fn logins_that_fail_answer_400() {
    let c = TestClient::new(auth::app());
    let incorrect = r#"{"detail":"Incorrect username or password"}"#;
    assert_answer(
        &login(&c, "username=johndoe&password=wrong").await,
        400,
        incorrect,
    );
    assert_answer(
        &login(&c, "username=nobody&password=secret").await,
        400,
        incorrect,
    );
}

#[tokio::test]
async fn a_token_gives_the_user_and_its_scopes_are_enforced() {
    let c = TestClient::new(auth::app());
    let full = token(&c, "username=johndoe&password=secret&scope=me+items").await;
    let john = r#"{"username":"johndoe","full_name":"John Doe","email":"johndoe@example.com","disabled":false}"#;
    assert_answer(
        &get(&c, "/users/me", &format!("Bearer {full}")).await,
        200,
        john,
    );
    assert_answer(
        &get(&c, "/users/me/items", &format!("Bearer {full}")).await,
        200,
        r#"[{"item_id":"Foo","owner":"johndoe"}]"#,
    );
    // Only `me` granted: the items route also needs `items`.
    let me_only = token(&c, "username=johndoe&password=secret&scope=me").await;
    assert_challenge(
        &get(&c, "/users/me/items", &format!("Bearer {me_only}")).await,
        401,
        r#"{"detail":"Not enough permissions"}"#,
        r#"Bearer scope="items me""#,
    );
    // No scope at all: enough for the status.
    let none = token(&c, "username=johndoe&password=secret").await;
    assert_answer(
        &get(&c, "/status", &format!("Bearer {none}")).await,
        200,
        r#"{"status":"ok"}"#,
    );
    // A scope the user may not have is not granted.
    let asked = token(&c, "username=johndoe&password=secret&scope=me+admin").await;
    assert_answer(
        &get(&c, "/users/me", &format!("Bearer {asked}")).await,
        200,
        john,
    );
}

#[tokio::test]
async fn missing_wrong_unknown_and_expired_tokens_answer_401() {
    let c = TestClient::new(auth::app());
    assert_challenge(
        &c.get("/users/me").await,
        401,
        r#"{"detail":"Not authenticated"}"#,
        "Bearer",
    );
    assert_challenge(
        &get(&c, "/users/me", "Basic am9obmRvZTpzZWNyZXQ=").await,
        401,
        r#"{"detail":"Not authenticated"}"#,
        "Bearer",
    );
    let invalid = r#"{"detail":"Could not validate credentials"}"#;
    assert_challenge(
        &get(&c, "/users/me", "Bearer not-a-jwt").await,
        401,
        invalid,
        r#"Bearer scope="me""#,
    );
    let expired = auth::token_until("johndoe", &["me"], 1_000);
    assert_challenge(
        &get(&c, "/users/me", &format!("Bearer {expired}")).await,
        401,
        invalid,
        r#"Bearer scope="me""#,
    );
    let stranger = auth::create_access_token("mallory", &["me"], 5);
    assert_challenge(
        &get(&c, "/users/me", &format!("Bearer {stranger}")).await,
        401,
        invalid,
        r#"Bearer scope="me""#,
    );
}

#[tokio::test]
async fn an_inactive_user_answers_400() {
    let c = TestClient::new(auth::app());
    let alice = token(&c, "username=alice&password=secret2&scope=me").await;
    assert_answer(
        &get(&c, "/users/me", &format!("Bearer {alice}")).await,
        400,
        r#"{"detail":"Inactive user"}"#,
    );
}

#[tokio::test]
async fn http_basic_answers_fastapi_s_401s() {
    let c = TestClient::new(auth::app());
    // Malformed credentials are "Not authenticated", as in FastAPI.
    let invalid = r#"{"detail":"Not authenticated"}"#;
    assert_challenge(
        &c.get("/basic/me").await,
        401,
        r#"{"detail":"Not authenticated"}"#,
        "Basic",
    );
    // Not base64.
    assert_challenge(
        &get(&c, "/basic/me", "Basic %%%").await,
        401,
        invalid,
        "Basic",
    );
    // base64 of `stanleyjobson` alone: no colon.
    assert_challenge(
        &get(&c, "/basic/me", "Basic c3RhbmxleWpvYnNvbg==").await,
        401,
        invalid,
        "Basic",
    );
    // base64 of `stanleyjobson:wrong`.
    assert_challenge(
        &get(&c, "/basic/me", "Basic c3RhbmxleWpvYnNvbjp3cm9uZw==").await,
        401,
        r#"{"detail":"Incorrect username or password"}"#,
        "Basic",
    );
    // base64 of `stanleyjobson:swordfish`.
    assert_answer(
        &get(&c, "/basic/me", "Basic c3RhbmxleWpvYnNvbjpzd29yZGZpc2g=").await,
        200,
        "stanleyjobson",
    );
}

#[test]
fn no_credential_reaches_the_log() {
    use std::io::{Read, Write};
    use std::process::{Command, Stdio};
    use std::time::{Duration, Instant};

    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let addr = format!("127.0.0.1:{port}");
    let child = Command::new(env!("CARGO_BIN_EXE_auth"))
        .env("AUTH_ADDR", &addr)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let send = |request: String| -> Option<String> {
        let mut stream = std::net::TcpStream::connect(&addr).ok()?;
        stream.write_all(request.as_bytes()).ok()?;
        let mut answer = String::new();
        stream.read_to_string(&mut answer).ok()?;
        Some(answer)
    };
    let started = Instant::now();
    let secrets = [
        "hunter2-secret-password",
        "tok-XYZ-secret-token",
        "c3RhbmxleWpvYnNvbjpodW50ZXI=",
    ];
    let form = format!("username=johndoe&password={}", secrets[0]);
    let failed_login = format!(
        "POST /token HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{form}",
        form.len()
    );
    let answer = loop {
        match send(failed_login.clone()) {
            Some(answer) => break answer,
            None if started.elapsed() < Duration::from_secs(10) => {
                std::thread::sleep(Duration::from_millis(50))
            }
            None => panic!("the app never answered"),
        }
    };
    assert!(answer.starts_with("HTTP/1.1 400 "), "{answer}");
    let bad_token = send(format!(
        "GET /users/me HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {}\r\nConnection: close\r\n\r\n",
        secrets[1]
    ))
    .unwrap();
    assert!(bad_token.starts_with("HTTP/1.1 401 "), "{bad_token}");
    let bad_basic = send(format!(
        "GET /basic/me HTTP/1.1\r\nHost: x\r\nAuthorization: Basic {}\r\nConnection: close\r\n\r\n",
        secrets[2]
    ))
    .unwrap();
    assert!(bad_basic.starts_with("HTTP/1.1 401 "), "{bad_basic}");
    for answer in [&answer, &bad_token, &bad_basic] {
        for secret in secrets {
            assert!(
                !answer.contains(secret),
                "an answer repeats a secret: {answer}"
            );
        }
    }
    Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    let output = child.wait_with_output().unwrap();
    let log = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(log.contains("serving on"), "the log was captured: {log}");
    for secret in secrets {
        assert!(!log.contains(secret), "the log shows a secret: {log}");
    }
    assert!(!log.contains("hunter2"), "{log}");
}
