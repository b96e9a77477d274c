//! `TestClient`: requests to an app in process, with no socket.

use std::future::{Future, IntoFuture};
use std::pin::Pin;

use axum::body::Body;
use bytes::Bytes;
use http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode, header};
use http_body_util::BodyExt;
use tower::ServiceExt;

use crate::app::App;

mod multipart;
#[cfg(feature = "ws")]
mod websocket;

pub use multipart::MultipartForm;
#[cfg(feature = "ws")]
pub use websocket::{TestWebSocket, WebSocketRefused};

/// Sends requests to an app in process, as FastAPI's `TestClient` does.
///
/// ```
/// use fastrs::prelude::*;
/// use fastrs::testing::TestClient;
///
/// #[get("/hello/<name>")]
/// async fn hello(name: String) -> String {
///     format!("Hello, {name}")
/// }
///
/// # #[tokio::main(flavor = "current_thread")] async fn main() {
/// let client = TestClient::new(App::empty().mount(fastrs::routes![hello]));
/// let response = client.get("/hello/ana").send().await;
/// assert_eq!(response.status(), 200);
/// assert_eq!(response.text(), "Hello, ana");
/// # }
/// ```
#[derive(Debug, Clone)]
pub struct TestClient {
    router: axum::Router,
    lifespan: Option<std::sync::Arc<tokio::sync::Mutex<Option<crate::lifespan::Lifespan>>>>,
}

impl TestClient {
    /// A client for `app`.
    ///
    /// # Panics
    ///
    /// When the app cannot start, as [`App::into_router`].
    pub fn new(app: App) -> Self {
        Self {
            router: app.into_router(),
            lifespan: None,
        }
    }

    /// A client for `app` after running its lifespan's start-up, as FastAPI's
    /// `with TestClient(app)`; [`TestClient::shutdown`] runs the shut-down.
    ///
    /// # Panics
    ///
    /// When the app cannot start, as [`App::into_router`], or its start-up (the lifespan's,
    /// or an app-scoped dependency's) fails.
    pub async fn start(app: App) -> Self {
        let started = async {
            let (app, lifespan) = app.start().await?;
            let (routing, shared) = app.build()?;
            let router = axum::Router::new().fallback_service(routing);
            shared
                .warm()
                .await
                .map_err(crate::error::StartupError::new)?;
            Ok::<_, crate::error::StartupError>((router, lifespan))
        };
        let (router, lifespan) = started
            .await
            .unwrap_or_else(|e| panic!("fastrs: cannot start: {e}"));
        Self {
            router,
            lifespan: Some(std::sync::Arc::new(tokio::sync::Mutex::new(Some(lifespan)))),
        }
    }

    /// Runs the lifespan's shut-down work (once, whichever clone calls it).
    pub async fn shutdown(&self) {
        if let Some(lifespan) = &self.lifespan
            && let Some(lifespan) = lifespan.lock().await.take()
        {
            lifespan.shut_down().await;
        }
    }

    /// A client for any axum router.
    pub fn from_router(router: axum::Router) -> Self {
        Self {
            router,
            lifespan: None,
        }
    }

    /// A request with any method.
    pub fn request(&self, method: Method, path: &str) -> TestRequest<'_> {
        TestRequest {
            client: self,
            method,
            path: path.to_owned(),
            query: Vec::new(),
            headers: HeaderMap::new(),
            cookies: Vec::new(),
            body: Bytes::new(),
            client_addr: TEST_CLIENT_ADDR,
        }
    }

    /// A `GET` request.
    pub fn get(&self, path: &str) -> TestRequest<'_> {
        self.request(Method::GET, path)
    }

    /// A `POST` request.
    pub fn post(&self, path: &str) -> TestRequest<'_> {
        self.request(Method::POST, path)
    }

    /// A `PUT` request.
    pub fn put(&self, path: &str) -> TestRequest<'_> {
        self.request(Method::PUT, path)
    }

    /// A `PATCH` request.
    pub fn patch(&self, path: &str) -> TestRequest<'_> {
        self.request(Method::PATCH, path)
    }

    /// A `DELETE` request.
    pub fn delete(&self, path: &str) -> TestRequest<'_> {
        self.request(Method::DELETE, path)
    }

    /// A `HEAD` request.
    pub fn head(&self, path: &str) -> TestRequest<'_> {
        self.request(Method::HEAD, path)
    }

    /// An `OPTIONS` request.
    pub fn options(&self, path: &str) -> TestRequest<'_> {
        self.request(Method::OPTIONS, path)
    }

    /// A websocket handshake to `path` (with its query): `.connect().await` opens it, in
    /// process, as FastAPI's `client.websocket_connect(path)`.
    ///
    /// ```
    /// use fastrs::prelude::*;
    /// use fastrs::testing::TestClient;
    ///
    /// #[websocket("/echo")]
    /// async fn echo(mut ws: WebSocket) -> Result<(), WebSocketException> {
    ///     let text = ws.recv_text().await?;
    ///     ws.send_text(text).await?;
    ///     Ok(())
    /// }
    ///
    /// # #[tokio::main(flavor = "current_thread")] async fn main() {
    /// let client = TestClient::new(App::empty().mount(fastrs::routes![echo]));
    /// let mut ws = client.websocket("/echo").connect().await.unwrap();
    /// ws.send_text("hello").await;
    /// assert_eq!(ws.recv_text().await.unwrap(), "hello");
    /// assert_eq!(ws.closed().await.code, 1000);
    /// # }
    /// ```
    #[cfg(feature = "ws")]
    pub fn websocket(&self, path: &str) -> TestRequest<'_> {
        self.request(Method::GET, path)
    }
}

/// A request being built; `.send().await` (or `.await`) sends it.
#[derive(Debug)]
#[must_use = "a request does nothing until it is sent"]
pub struct TestRequest<'c> {
    client: &'c TestClient,
    method: Method,
    path: String,
    query: Vec<(String, String)>,
    headers: HeaderMap,
    cookies: Vec<(String, String)>,
    body: Bytes,
    client_addr: std::net::SocketAddr,
}

/// The client's address a test request comes from unless told otherwise.
const TEST_CLIENT_ADDR: std::net::SocketAddr =
    std::net::SocketAddr::new(std::net::IpAddr::V4(std::net::Ipv4Addr::LOCALHOST), 50000);

impl TestRequest<'_> {
    /// Adds query parameters, percent-encoded: `.query([("tag", "a"), ("tag", "b")])`.
    pub fn query<K, V>(mut self, pairs: impl IntoIterator<Item = (K, V)>) -> Self
    where
        K: Into<String>,
        V: ToString,
    {
        self.query
            .extend(pairs.into_iter().map(|(k, v)| (k.into(), v.to_string())));
        self
    }

    /// Adds a header (a repeated name adds a second value).
    ///
    /// # Panics
    ///
    /// When the name or value is not valid in HTTP.
    pub fn header(mut self, name: &str, value: &str) -> Self {
        let name = HeaderName::from_bytes(name.as_bytes()).expect("a valid header name");
        let value = HeaderValue::from_str(value).expect("a valid header value");
        self.headers.append(name, value);
        self
    }

    /// Sends it from `addr`, as [`ClientAddr`](crate::ClientAddr) shows it (`127.0.0.1:50000`
    /// by default): `.client_addr("203.0.113.7:40000".parse().unwrap())`.
    pub fn client_addr(mut self, addr: std::net::SocketAddr) -> Self {
        self.client_addr = addr;
        self
    }

    /// Adds a cookie.
    pub fn cookie(mut self, name: &str, value: &str) -> Self {
        self.cookies.push((name.to_owned(), value.to_owned()));
        self
    }

    /// Sends `value` as the JSON body, with `content-type: application/json`.
    ///
    /// # Panics
    ///
    /// When `value` cannot be serialized.
    pub fn json<T: serde::Serialize + ?Sized>(mut self, value: &T) -> Self {
        self.body = serde_json::to_vec(value)
            .expect("a serializable body")
            .into();
        self.headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        self
    }

    /// Sends `pairs` as an `application/x-www-form-urlencoded` body.
    pub fn form<K: AsRef<str>, V: AsRef<str>>(
        mut self,
        pairs: impl IntoIterator<Item = (K, V)>,
    ) -> Self {
        let encoded = form_urlencoded::Serializer::new(String::new())
            .extend_pairs(pairs)
            .finish();
        self.body = encoded.into();
        self.headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/x-www-form-urlencoded"),
        );
        self
    }

    /// Sends `form` as a `multipart/form-data` body.
    pub fn multipart(mut self, form: MultipartForm) -> Self {
        let content_type = HeaderValue::from_str(&form.content_type()).expect("a valid boundary");
        self.headers.insert(header::CONTENT_TYPE, content_type);
        self.body = form.into_body();
        self
    }

    /// Sends raw bytes as the body, with whatever content type a header sets.
    pub fn body(mut self, body: impl Into<Bytes>) -> Self {
        self.body = body.into();
        self
    }

    /// Sends the request and reads the whole response.
    pub async fn send(self) -> TestResponse {
        let client = self.client;
        let request = self.into_request();
        let response = match client.router.clone().oneshot(request).await {
            Ok(response) => response,
            Err(infallible) => match infallible {},
        };
        TestResponse::read(response).await
    }

    /// The request as built.
    fn into_request(self) -> http::Request<Body> {
        let mut uri = self.path;
        if !self.query.is_empty() {
            let encoded = form_urlencoded::Serializer::new(String::new())
                .extend_pairs(&self.query)
                .finish();
            uri.push(if uri.contains('?') { '&' } else { '?' });
            uri.push_str(&encoded);
        }
        let mut request = http::Request::builder()
            .method(self.method)
            .uri(uri)
            .body(Body::from(self.body))
            .expect("a valid request");
        *request.headers_mut() = self.headers;
        if !self.cookies.is_empty() {
            let cookie = self
                .cookies
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join("; ");
            request.headers_mut().append(
                header::COOKIE,
                HeaderValue::from_str(&cookie).expect("a valid cookie"),
            );
        }
        request
            .extensions_mut()
            .insert(crate::ClientAddr(Some(self.client_addr)));
        // As hyper does for a request with an `Upgrade` header: the app may answer `101`,
        // though a plain request takes no connection.
        #[cfg(feature = "ws")]
        if request.headers().contains_key(header::UPGRADE) {
            let (_, never) = tokio::sync::oneshot::channel();
            request
                .extensions_mut()
                .insert(crate::websocket::TestUpgrade::new(never));
        }
        request
    }
}

impl TestResponse {
    /// Reads `response` whole, and waits for the background tasks it started.
    async fn read(response: axum::response::Response) -> Self {
        let (mut parts, body) = response.into_parts();
        let body = body
            .collect()
            .await
            .map(|b| b.to_bytes())
            .unwrap_or_default();
        // The answer is read: its background tasks have started; their effects are seen.
        if let Some(tasks) = parts.extensions.remove::<crate::context::TasksDone>() {
            tasks.wait().await;
        }
        TestResponse {
            status: parts.status,
            headers: parts.headers,
            body,
        }
    }
}

impl<'c> IntoFuture for TestRequest<'c> {
    type Output = TestResponse;
    type IntoFuture = Pin<Box<dyn Future<Output = TestResponse> + Send + 'c>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.send())
    }
}

/// A response read whole.
#[derive(Debug, Clone)]
pub struct TestResponse {
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
}

impl TestResponse {
    /// The status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// One header's value as text, if present.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The body parsed as JSON.
    ///
    /// # Panics
    ///
    /// When the body is not JSON of type `T`; the message shows the body.
    pub fn json<T: serde::de::DeserializeOwned>(&self) -> T {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("the body is not the JSON expected ({e}): {}", self.text()))
    }

    /// The body as text (lossy UTF-8).
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// The body's bytes.
    pub fn bytes(&self) -> &Bytes {
        &self.body
    }
}
