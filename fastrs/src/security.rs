//! Security schemes as dependencies: `Depends<HttpBearer>`, `Depends<HttpBasic>`,
//! `Depends<ApiKey<K>>` and `Depends<OAuth2PasswordBearer<C>>` read credentials, answer 401
//! as FastAPI does when they are missing or malformed, and put the scheme in the OpenAPI
//! document (so Swagger UI's Authorize button works). `Depends<Optional<S>>` is FastAPI's
//! `auto_error=False`: `None` instead of the 401.
//!
//! ```
//! use fastrs::prelude::*;
//! use fastrs::security::{ApiKey, ApiKeyIn, ApiKeyName, HttpBearer};
//!
//! /// The `x-api-key` header.
//! struct AdminKey;
//!
//! impl ApiKeyName for AdminKey {
//!     const NAME: &'static str = "x-api-key";
//!     const IN: ApiKeyIn = ApiKeyIn::Header;
//! }
//!
//! #[get("/admin")]
//! async fn admin(key: Depends<ApiKey<AdminKey>>) -> String {
//!     format!("key {}", *key)
//! }
//!
//! #[get("/me")]
//! async fn me(token: Depends<HttpBearer>) -> String {
//!     format!("token {}", token.credentials)
//! }
//!
//! # #[tokio::main(flavor = "current_thread")] async fn main() {
//! let client = fastrs::testing::TestClient::new(App::empty().mount(fastrs::routes![admin, me]));
//! let response = client.get("/me").await;
//! assert_eq!(response.status(), 401);
//! assert_eq!(response.header("www-authenticate"), Some("Bearer"));
//! assert_eq!(response.text(), r#"{"detail":"Not authenticated"}"#);
//! let response = client.get("/me").header("authorization", "Bearer abc").send().await;
//! assert_eq!(response.text(), "token abc");
//! # }
//! ```

use std::future::Future;
use std::marker::PhantomData;

use base64::Engine as _;
use http::StatusCode;
use http::request::Parts;
use serde_json::{Value, json};

use crate::context::{Fact, Meta};
use crate::depends::{Dependency, Resolution};
use crate::extract::Cx;
use axum::response::IntoResponse;

use crate::error::HttpError;

/// A security scheme: how credentials are read from a request, and how the document
/// describes it.
pub trait Scheme: Send + Sync + 'static {
    /// What the scheme yields.
    type Credentials: Send + Sync + 'static;

    /// The scheme's name in `components.securitySchemes`, as FastAPI names it.
    fn name() -> &'static str;

    /// The Security Scheme Object.
    fn object() -> Value;

    /// The credentials, or `None` when the request carries none (or none of this scheme).
    /// `Err` is the answer for credentials that are there but malformed.
    fn read(parts: &Parts) -> Result<Option<Self::Credentials>, HttpError>;

    /// The answer when credentials are missing: 401 `Not authenticated`, with the
    /// scheme's `WWW-Authenticate`.
    fn not_authenticated() -> HttpError;
}

/// `Authorization: <scheme> <credentials>`, split as FastAPI's
/// `get_authorization_scheme_param` does.
fn authorization(parts: &Parts) -> Option<(&str, &str)> {
    let value = parts
        .headers
        .get(http::header::AUTHORIZATION)?
        .to_str()
        .ok()?;
    let (scheme, credentials) = value.split_once(' ').unwrap_or((value, ""));
    Some((scheme, credentials.trim_start()))
}

fn unauthorized(detail: &str, challenge: &str) -> HttpError {
    HttpError::new(StatusCode::UNAUTHORIZED, detail).header("www-authenticate", challenge)
}

/// The scheme and credentials of an `Authorization` header (FastAPI's
/// `HTTPAuthorizationCredentials`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpCredentials {
    /// The scheme: `Bearer`.
    pub scheme: String,
    /// What follows it: the token.
    pub credentials: String,
}

/// `Authorization: Bearer <token>` (FastAPI's `HTTPBearer`), documented as `HTTPBearer`.
#[derive(Debug)]
pub struct HttpBearer;

impl Scheme for HttpBearer {
    type Credentials = HttpCredentials;

    fn name() -> &'static str {
        "HTTPBearer"
    }

    fn object() -> Value {
        json!({ "type": "http", "scheme": "bearer" })
    }

    fn read(parts: &Parts) -> Result<Option<HttpCredentials>, HttpError> {
        match authorization(parts) {
            // Another scheme is no bearer token: "Not authenticated", or `None` when
            // optional, as in FastAPI 0.165.
            Some((scheme, credentials))
                if !scheme.is_empty()
                    && !credentials.is_empty()
                    && scheme.eq_ignore_ascii_case("bearer") =>
            {
                Ok(Some(HttpCredentials {
                    scheme: scheme.to_owned(),
                    credentials: credentials.to_owned(),
                }))
            }
            _ => Ok(None),
        }
    }

    fn not_authenticated() -> HttpError {
        unauthorized("Not authenticated", "Bearer")
    }
}

/// A realm for [`HttpBasic`]'s `WWW-Authenticate: Basic realm="..."`.
pub trait Realm: Send + Sync + 'static {
    /// The realm.
    const REALM: &'static str;
    /// The scheme's name in the document; `HTTPBasic` unless given.
    const SCHEME_NAME: Option<&'static str> = None;
}

/// No realm: `WWW-Authenticate: Basic`.
#[derive(Debug)]
pub struct NoRealm;

impl Realm for NoRealm {
    const REALM: &'static str = "";
}

/// A user name and password from HTTP Basic authentication.
#[derive(Clone, PartialEq, Eq)]
pub struct HttpBasicCredentials {
    /// The user name.
    pub username: String,
    /// The password.
    pub password: String,
}

impl std::fmt::Debug for HttpBasicCredentials {
    // The password never reaches a log through `{:?}`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HttpBasicCredentials")
            .field("username", &self.username)
            .field("password", &"<hidden>")
            .finish()
    }
}

/// `Authorization: Basic <base64(user:password)>` (FastAPI's `HTTPBasic`), documented as
/// `HTTPBasic`; `HttpBasic<R>` adds realm `R`.
#[derive(Debug)]
pub struct HttpBasic<R: Realm = NoRealm>(PhantomData<R>);

impl<R: Realm> HttpBasic<R> {
    fn challenge() -> String {
        if R::REALM.is_empty() {
            "Basic".to_owned()
        } else {
            format!("Basic realm=\"{}\"", R::REALM)
        }
    }
}

impl<R: Realm> Scheme for HttpBasic<R> {
    type Credentials = HttpBasicCredentials;

    fn name() -> &'static str {
        R::SCHEME_NAME.unwrap_or("HTTPBasic")
    }

    fn object() -> Value {
        json!({ "type": "http", "scheme": "basic" })
    }

    fn read(parts: &Parts) -> Result<Option<HttpBasicCredentials>, HttpError> {
        let Some((scheme, credentials)) = authorization(parts) else {
            return Ok(None);
        };
        if !scheme.eq_ignore_ascii_case("basic") {
            return Ok(None);
        }
        // Credentials that do not decode, or have no `:`, are "Not authenticated", as in
        // FastAPI. Python's `b64decode` skips characters outside the alphabet, and FastAPI
        // decodes the result as ASCII.
        let alphabet: String = credentials
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '/' | '='))
            .collect();
        let decoded = base64::engine::general_purpose::STANDARD
            .decode(alphabet)
            .ok()
            .filter(|bytes| bytes.is_ascii())
            .and_then(|bytes| String::from_utf8(bytes).ok())
            .ok_or_else(Self::not_authenticated)?;
        let (username, password) = decoded
            .split_once(':')
            .ok_or_else(Self::not_authenticated)?;
        Ok(Some(HttpBasicCredentials {
            username: username.to_owned(),
            password: password.to_owned(),
        }))
    }

    fn not_authenticated() -> HttpError {
        unauthorized("Not authenticated", &Self::challenge())
    }
}

/// Where an API key is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ApiKeyIn {
    /// A header (`APIKeyHeader`).
    Header,
    /// A query parameter (`APIKeyQuery`).
    Query,
    /// A cookie (`APIKeyCookie`).
    Cookie,
}

/// The name and place of an API key, for [`ApiKey`].
pub trait ApiKeyName: Send + Sync + 'static {
    /// The header, query parameter or cookie name.
    const NAME: &'static str;
    /// Where it is sent.
    const IN: ApiKeyIn;
    /// The scheme's name in the document; FastAPI's `APIKeyHeader`, `APIKeyQuery` or
    /// `APIKeyCookie` unless given (give one when an app has two keys in one place).
    const SCHEME_NAME: Option<&'static str> = None;
}

/// An API key in a header, a query parameter or a cookie (FastAPI's `APIKeyHeader`,
/// `APIKeyQuery`, `APIKeyCookie`), named by `K`; yields the key.
#[derive(Debug)]
pub struct ApiKey<K: ApiKeyName>(PhantomData<K>);

impl<K: ApiKeyName> Scheme for ApiKey<K> {
    type Credentials = String;

    fn name() -> &'static str {
        K::SCHEME_NAME.unwrap_or(match K::IN {
            ApiKeyIn::Header => "APIKeyHeader",
            ApiKeyIn::Query => "APIKeyQuery",
            ApiKeyIn::Cookie => "APIKeyCookie",
        })
    }

    fn object() -> Value {
        let place = match K::IN {
            ApiKeyIn::Header => "header",
            ApiKeyIn::Query => "query",
            ApiKeyIn::Cookie => "cookie",
        };
        json!({ "type": "apiKey", "in": place, "name": K::NAME })
    }

    fn read(parts: &Parts) -> Result<Option<String>, HttpError> {
        let found = match K::IN {
            ApiKeyIn::Header => http::HeaderName::from_bytes(K::NAME.as_bytes())
                .ok()
                .and_then(|name| parts.headers.get(name))
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned),
            ApiKeyIn::Query => {
                let pairs = crate::context::sources::parse_query(parts);
                crate::context::sources::values_of(&pairs, K::NAME)
                    .next_back()
                    .map(str::to_owned)
            }
            ApiKeyIn::Cookie => crate::context::sources::parse_cookies(parts)
                .into_iter()
                .rev()
                .find(|(name, _)| *name == K::NAME)
                .map(|(_, value)| value.to_owned()),
        };
        Ok(found.filter(|key| !key.is_empty()))
    }

    fn not_authenticated() -> HttpError {
        unauthorized("Not authenticated", "APIKey")
    }
}

/// The token URL and scopes of an OAuth2 password flow, for [`OAuth2PasswordBearer`].
pub trait OAuth2Password: Send + Sync + 'static {
    /// Where the client posts the user name and password for a token (`/token`).
    const TOKEN_URL: &'static str;
    /// The scopes the flow offers, with their descriptions.
    const SCOPES: &'static [(&'static str, &'static str)] = &[];
    /// The scheme's name in the document; `OAuth2PasswordBearer` unless given.
    const SCHEME_NAME: Option<&'static str> = None;
}

/// The bearer token of an OAuth2 password flow (FastAPI's `OAuth2PasswordBearer`),
/// documented as `OAuth2PasswordBearer` with `C`'s token URL and scopes; yields the token.
#[derive(Debug)]
pub struct OAuth2PasswordBearer<C: OAuth2Password>(PhantomData<C>);

impl<C: OAuth2Password> Scheme for OAuth2PasswordBearer<C> {
    type Credentials = String;

    fn name() -> &'static str {
        C::SCHEME_NAME.unwrap_or("OAuth2PasswordBearer")
    }

    fn object() -> Value {
        let scopes: serde_json::Map<String, Value> = C::SCOPES
            .iter()
            .map(|(scope, description)| ((*scope).to_owned(), Value::from(*description)))
            .collect();
        json!({
            "type": "oauth2",
            "flows": { "password": { "scopes": scopes, "tokenUrl": C::TOKEN_URL } }
        })
    }

    fn read(parts: &Parts) -> Result<Option<String>, HttpError> {
        Ok(match authorization(parts) {
            Some((scheme, token)) if scheme.eq_ignore_ascii_case("bearer") && !token.is_empty() => {
                Some(token.to_owned())
            }
            _ => None,
        })
    }

    fn not_authenticated() -> HttpError {
        unauthorized("Not authenticated", "Bearer")
    }
}

/// Scheme `S` without its 401 (FastAPI's `auto_error=False`): `Depends<Optional<S>>` is
/// `None` when the credentials are missing or malformed.
#[derive(Debug)]
pub struct Optional<S: Scheme>(PhantomData<S>);

/// Resolves scheme `S` on the request: its credentials, or its answer.
fn resolve<S: Scheme>(cx: &Cx<'_>) -> Resolution<S::Credentials> {
    match S::read(cx.parts()) {
        Ok(Some(credentials)) => Resolution::Value(credentials),
        Ok(None) => Resolution::answer(S::not_authenticated().into_response()),
        Err(error) => Resolution::answer(error.into_response()),
    }
}

macro_rules! scheme_dependency {
    ($([$($generics:tt)*] $ty:ty),* $(,)?) => {$(
        impl<$($generics)*> Dependency for $ty {
            type Output = <$ty as Scheme>::Credentials;
            const CACHED: bool = true;

            fn describe(meta: &mut Meta) {
                meta.push(Fact::Security {
                    name: <$ty as Scheme>::name(),
                    scheme: <$ty as Scheme>::object,
                });
            }

            #[allow(clippy::manual_async_fn)]
            fn resolve<'a, 'r: 'a>(
                cx: &'a mut Cx<'r>,
            ) -> impl Future<Output = Resolution<Self::Output>> + Send + 'a {
                std::future::ready(resolve::<$ty>(cx))
            }
        }
    )*};
}

scheme_dependency! {
    [] HttpBearer,
    [R: Realm] HttpBasic<R>,
    [K: ApiKeyName] ApiKey<K>,
    [C: OAuth2Password] OAuth2PasswordBearer<C>,
}

impl<S: Scheme> Dependency for Optional<S> {
    type Output = Option<S::Credentials>;
    const CACHED: bool = true;

    fn describe(meta: &mut Meta) {
        meta.push(Fact::Security {
            name: S::name(),
            scheme: S::object,
        });
    }

    #[allow(clippy::manual_async_fn)]
    fn resolve<'a, 'r: 'a>(
        cx: &'a mut Cx<'r>,
    ) -> impl Future<Output = Resolution<Self::Output>> + Send + 'a {
        std::future::ready(Resolution::Value(S::read(cx.parts()).ok().flatten()))
    }
}

/// The password-flow login forms: FastAPI's fields, `scopes()`, and a `Debug` that hides the
/// password and the client secret. Only `grant_type` differs between the two.
macro_rules! login_form {
    (
        $(#[$doc:meta])* $form:ident { $(#[$grant_doc:meta])* grant_type: $grant:ty }
        schema: $grant_schema:tt, required: [$($required:literal),*]
    ) => {
        $(#[$doc])*
        #[derive(Clone, serde::Deserialize, garde::Validate)]
        pub struct $form {
            $(#[$grant_doc])*
            #[garde(pattern(r"^password$"))]
            pub grant_type: $grant,
            /// The user name.
            #[garde(skip)]
            pub username: String,
            /// The password.
            #[garde(skip)]
            pub password: String,
            /// The scopes asked for, separated by spaces.
            #[garde(skip)]
            #[serde(default)]
            pub scope: String,
            /// The client's id, if it sends one.
            #[garde(skip)]
            #[serde(default)]
            pub client_id: Option<String>,
            /// The client's secret, if it sends one.
            #[garde(skip)]
            #[serde(default)]
            pub client_secret: Option<String>,
        }

        /// FastAPI's fields, written in place: the document lists them as the operation's
        /// `Body_<operationId>`, as FastAPI, which reads them as separate form fields, does.
        impl schemars::JsonSchema for $form {
            fn inline_schema() -> bool {
                true
            }

            fn schema_name() -> std::borrow::Cow<'static, str> {
                stringify!($form).into()
            }

            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                schemars::json_schema!({
                    "properties": {
                        "grant_type": $grant_schema,
                        "username": { "type": "string", "title": "Username" },
                        "password": { "type": "string", "format": "password", "title": "Password" },
                        "scope": { "type": "string", "title": "Scope", "default": "" },
                        "client_id": {
                            "anyOf": [{ "type": "string" }, { "type": "null" }],
                            "title": "Client Id"
                        },
                        "client_secret": {
                            "anyOf": [{ "type": "string" }, { "type": "null" }],
                            "format": "password",
                            "title": "Client Secret"
                        }
                    },
                    "type": "object",
                    "required": [$($required),*]
                })
            }
        }

        impl $form {
            /// The scopes asked for: `scope` split on spaces (FastAPI's `scopes`).
            pub fn scopes(&self) -> Vec<&str> {
                self.scope.split_whitespace().collect()
            }
        }

        impl std::fmt::Debug for $form {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.debug_struct(stringify!($form))
                    .field("grant_type", &self.grant_type)
                    .field("username", &self.username)
                    .field("password", &"<hidden>")
                    .field("scope", &self.scope)
                    .field("client_id", &self.client_id)
                    .field("client_secret", &self.client_secret.as_ref().map(|_| "<hidden>"))
                    .finish()
            }
        }
    };
}

login_form! {
    /// The form of an OAuth2 password-flow login (FastAPI's `OAuth2PasswordRequestForm`), read
    /// with `#[form] form: OAuth2PasswordRequestForm`: `grant_type` (optional, `password` if
    /// given), `username`, `password`, `scope` (space-separated, see
    /// [`scopes`](Self::scopes)), and optional `client_id` and `client_secret`.
    OAuth2PasswordRequestForm {
        /// `password`, or absent.
        #[serde(default)]
        grant_type: Option<String>
    }
    schema: {
        "anyOf": [{ "type": "string", "pattern": "^password$" }, { "type": "null" }],
        "title": "Grant Type"
    },
    required: ["username", "password"]
}

login_form! {
    /// [`OAuth2PasswordRequestForm`] that requires `grant_type=password` (FastAPI's
    /// `OAuth2PasswordRequestFormStrict`).
    OAuth2PasswordRequestFormStrict {
        /// `password`.
        grant_type: String
    }
    schema: { "type": "string", "pattern": "^password$", "title": "Grant Type" },
    required: ["grant_type", "username", "password"]
}

/// The scopes required along the request's dependency chain (FastAPI's `SecurityScopes`): the
/// route's `scopes = [...]`, then those of each `#[depends(scopes = [...])]` reached so far.
/// A dependency that checks a token asks for it to see what the token must grant.
///
/// ```
/// use fastrs::prelude::*;
/// use fastrs::security::SecurityScopes;
///
/// #[depends]
/// fn current_user(scopes: SecurityScopes, #[header] x_scopes: String) -> Result<String, HttpError> {
///     let granted: Vec<&str> = x_scopes.split(' ').collect();
///     scopes.check(&granted)?; // 401 `Not enough permissions`
///     Ok("ann".to_owned())
/// }
///
/// #[get("/items", scopes = ["items:read"])]
/// async fn items(user: Depends<current_user>) -> String {
///     user.into_inner()
/// }
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SecurityScopes {
    /// The scopes, in the order required.
    pub scopes: Vec<String>,
}

impl SecurityScopes {
    /// The scopes separated by spaces (FastAPI's `scope_str`).
    pub fn scope_str(&self) -> String {
        self.scopes.join(" ")
    }

    /// `WWW-Authenticate` for an answer about them: `Bearer scope="a b"`, or `Bearer`.
    pub fn authenticate_value(&self) -> String {
        if self.scopes.is_empty() {
            "Bearer".to_owned()
        } else {
            format!("Bearer scope=\"{}\"", self.scope_str())
        }
    }

    /// `Ok` when `granted` covers every required scope; else FastAPI's 401
    /// `{"detail":"Not enough permissions"}` with `WWW-Authenticate: Bearer scope="..."`.
    pub fn check(&self, granted: &[&str]) -> Result<(), HttpError> {
        if self.scopes.iter().all(|s| granted.contains(&s.as_str())) {
            return Ok(());
        }
        Err(unauthorized(
            "Not enough permissions",
            &self.authenticate_value(),
        ))
    }
}

impl crate::extract::FromCx for SecurityScopes {
    fn from_cx(cx: &mut Cx<'_>) -> Option<Self> {
        Some(SecurityScopes {
            scopes: cx.scopes.iter().map(|s| (*s).to_owned()).collect(),
        })
    }
}
