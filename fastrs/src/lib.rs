//! FastAPI's way of building HTTP APIs, in Rust.
//!
//! An endpoint is a typed async function under a route attribute. fastrs reads and validates
//! every parameter, answers bad input with FastAPI's own 422 format, and serves the app on
//! axum, tokio and hyper.
//!
//! ```
//! use fastrs::prelude::*;
//!
//! #[derive(Deserialize, Serialize, JsonSchema, Validate)]
//! struct Item {
//!     #[garde(length(min = 1, max = 50))]
//!     name: String,
//!     #[garde(range(min = 0.01))]
//!     price: f64,
//! }
//!
//! /// Read one item.
//! #[get("/items/<item_id>")]
//! async fn read_item(
//!     item_id: u64,                                        // in the template: a path parameter
//!     q: Option<String>,                                   // a scalar: a query parameter
//!     #[query(default = 10, ge = 1, le = 100)] limit: u32, // options: checked at run time
//! ) -> Json<serde_json::Value> {
//!     Json(serde_json::json!({ "item_id": item_id, "q": q, "limit": limit }))
//! }
//!
//! #[post("/items", status = 201)]
//! async fn create_item(item: Item) -> Json<Item> {            // a model: the JSON body
//!     Json(item)
//! }
//!
//! # #[tokio::main(flavor = "current_thread")] async fn main() {
//! let client = fastrs::testing::TestClient::new(App::empty().mount(fastrs::routes![read_item, create_item]));
//! let response = client.get("/items/foo").query([("limit", "abc")]).send().await;
//! assert_eq!(response.status(), 422);
//! assert_eq!(
//!     response.text(),
//!     r#"{"detail":[{"type":"int_parsing","loc":["path","item_id"],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"foo"},{"type":"int_parsing","loc":["query","limit"],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"abc"}]}"#
//! );
//! # }
//! ```
//!
//! The guide in `docs/` has a chapter per topic; [`get`] lists where each parameter comes from.
//!
//! # How the crate is built
//!
//! The route macros emit data (a [`RouteDef`], a [`ParamSpec`] per parameter, the route's
//! [`Fact`]s) and a small impl that reads the arguments and calls the function; one generic
//! pipeline serves every route. The modules are in layers, each importing only from those
//! below: `spec` (parameter specs) → `error` → `form` (form bodies, uploads) → `validate`
//! (pydantic's errors) → `context` (the
//! request being read, what it sees of the app, the facts) → `extract` (reading parameters) →
//! `route` and `response_model` → `depends` and `security` → `router` → `document` (OpenAPI, never serves) →
//! `pipeline` and `serve` → `app`. `docs/architecture.md` has the pipeline's steps and where
//! each future hook belongs.

mod app;
mod background;
#[cfg(any(feature = "tracing", feature = "metrics"))]
mod clock;
mod context;
mod depends;
mod document;
pub mod error;
mod extract;
mod form;
#[cfg(any(test, feature = "fuzz"))]
mod fuzzing;
mod lifespan;
#[cfg(feature = "metrics")]
pub mod metrics;
pub mod middleware;
#[cfg(feature = "tracing")]
pub mod observability;
mod pattern;
mod pipeline;
mod positional;
mod proxies;
pub mod ratelimit;
pub mod response;
mod response_model;
mod route;
mod router;
mod routing;
mod say;
pub mod security;
mod serve;
mod serve_body;
mod serve_idle;
mod spec;
mod state;
mod static_files;
#[cfg(feature = "templates")]
pub mod templates;
pub mod testing;
mod trailing_slash;
mod validate;
#[cfg(feature = "ws")]
pub mod websocket;

pub use app::{App, DEFAULT_BODY_LIMIT};
pub use axum::Json;
pub use context::{BackgroundTasks, TaskOutcome};
pub use context::{Cx, DependencyRef, DescribeFn, Fact, Meta, SchemaFn};
pub use depends::{Cleanup, Dependency, Depends};
pub use document::OpenApiStyle;
pub use error::{HttpError, RequestValidationError, StartupError, ValidationError};
#[cfg(feature = "multipart")]
pub use extract::FormFile;
pub use extract::{
    BodyParam, Bound, ClientAddr, FromCx, Num, ParamDoc, ParamModel, ParamSpec, ParamType,
    RequestId, Scalar, ScalarError, Source,
};
pub use fastrs_openapi::OperationIds;
pub use form::FormLimits;
#[cfg(feature = "multipart")]
pub use form::UploadFile;
pub use lifespan::{IntoLifespan, Lifespan};
pub use response::Responder;
pub use response_model::{ResponseModel, Tracked};
pub use route::{ExtraResponse, Method, Read, Reading, Route, RouteDef, RouteFn, RouteOptions};
pub use router::{MountedRoute, Router};
pub use state::State;
pub use static_files::StaticFiles;
pub use trailing_slash::TrailingSlash;

/// The parsers that read what clients send, for `fuzz/` (feature `fuzz`); not a public API.
#[cfg(feature = "fuzz")]
#[doc(hidden)]
pub mod __fuzz {
    pub use crate::fuzzing::{cookies, json_body, query_pairs, scalars};
}

/// The `http` crate: `StatusCode`, `HeaderMap`, `HeaderValue` and the rest.
pub use http;

/// axum, for embedding a fastrs app in axum and axum routers in fastrs.
pub use axum;

/// serde_json, whose `json!` and `Value` the prelude has.
pub use serde_json;

/// The OpenAPI 3.1 model (`openapi::model::Contact`, `License`, `Server`, `Tag`, ...) and
/// its generator.
pub use fastrs_openapi as openapi;

#[doc = include_str!("docs/scalar.md")]
pub use fastrs_macros::Scalar;
#[doc = include_str!("docs/route.md")]
pub use fastrs_macros::delete;
#[doc = include_str!("docs/depends.md")]
pub use fastrs_macros::depends;
#[doc = include_str!("docs/route.md")]
pub use fastrs_macros::get;
#[doc = include_str!("docs/route.md")]
pub use fastrs_macros::head;
#[doc = include_str!("docs/route.md")]
pub use fastrs_macros::options;
#[doc = include_str!("docs/route.md")]
pub use fastrs_macros::patch;
#[doc = include_str!("docs/route.md")]
pub use fastrs_macros::post;
#[doc = include_str!("docs/route.md")]
pub use fastrs_macros::put;
#[doc = include_str!("docs/router.md")]
pub use fastrs_macros::router;
#[doc = include_str!("docs/route.md")]
pub use fastrs_macros::trace;
#[cfg(feature = "ws")]
#[doc(inline)]
pub use fastrs_macros::websocket;

/// The routes named, for [`App::mount`]: `fastrs::routes![read_item, items::create_item]`.
///
/// Each name is the path of a function under a route attribute.
#[macro_export]
macro_rules! routes {
    ($($route:path),* $(,)?) => {
        [$(<$route as $crate::Route>::def()),*]
    };
}

/// Links fastrs's regular expression engine into the program, so that a body that fails its
/// types lists its models' `pattern` mismatches too, as FastAPI does. Written once, anywhere
/// at item level: `fastrs::check_model_patterns!();`.
///
/// A parameter's `pattern = "..."` links the engine already. Without either, a model's patterns
/// are garde's alone: checked once the body's types are right. See `docs/body.md`.
#[macro_export]
macro_rules! check_model_patterns {
    () => {
        $crate::__private::inventory::submit! { $crate::__private::PatternEngine::REGEX }
    };
}

/// What an app needs day to day: `use fastrs::prelude::*;`.
pub mod prelude {
    pub use crate::{
        App, BackgroundTasks, Depends, HttpError, Json, Scalar, State, delete, depends, get, head,
        options, patch, post, put, trace,
    };
    // The attribute and the module, both named `websocket`.
    #[cfg(feature = "ws")]
    pub use crate::websocket;
    #[cfg(feature = "ws")]
    pub use crate::websocket::{WebSocket, WebSocketException};
    pub use garde::Validate;
    pub use schemars::JsonSchema;
    pub use serde::{Deserialize, Serialize};
    pub use serde_json::{Value, json};
}

/// Parameter kinds: how the route macros read a parameter whose attribute does not say where it
/// comes from. Its type decides, once, by the probe of autoref specialization:
/// `(&&&&Probe::<T>::new()).__fastrs_kind()` is a [`DependencyKind`](kind::DependencyKind) for
/// `Depends<F>`, a [`FrameworkKind`](kind::FrameworkKind) for a [`FromCx`] type, a
/// [`ScalarKind`](kind::ScalarKind) for a [`ParamType`] (the query), a
/// [`ModelKind`](kind::ModelKind) for a [`ParamModel`] (the body), and an
/// [`UnreadableKind`](kind::UnreadableKind) otherwise, whose reading method is the compile error
/// that says what the type lacks. Named by generated code and by its compile errors; not meant
/// to be called by hand.
pub mod kind {
    pub use crate::depends::{describe_dependency, is_dependency};
    #[cfg(feature = "multipart")]
    pub use crate::extract::file::{FileKind, IsFile};
    pub use crate::extract::kind::{
        DependencyKind, FrameworkKind, IsDependency, IsFramework, IsModel, IsScalar, IsUnreadable,
        ModelKind, NotADependency, Probe, ScalarKind, UnreadableKind, Validator,
    };
}

/// What generated code names; not a public API.
#[doc(hidden)]
pub mod __private {
    pub use crate::context::{
        AppContext, BoundAny, DependencyRef, Fact, Meta, MiddlewareRef, schema_of,
    };
    pub use crate::depends::{
        Dependency, DependencyFn, DependencyProbe, Depends, Resolution, describe_dependency,
        resolve_fn,
    };
    pub use crate::document::{ResponseDoc, Returns, ViaAnyResponse, ViaResponseDoc};
    pub use crate::error::StartupError;
    pub use crate::error::{ExceptionHandlers, HandlerRef};
    pub use crate::extract::ParamDoc;
    pub use crate::extract::kind::{
        DependencyKind, FrameworkKind, ModelKind, NotADependency, Probe, ScalarKind,
        UnreadableKind, Validator,
    };
    pub use crate::form::FormLimits;
    pub use crate::middleware::bind_middleware;

    /// The probe levels that choose a parameter's kind, garde's check and the answer's
    /// description: `use kinds::*;`.
    pub mod kinds {
        pub use crate::depends::{ViaDependency, ViaNotADependency};
        pub use crate::document::{ViaAnyResponse, ViaResponseDoc};
        pub use crate::error::{ViaResult, ViaValue};
        #[cfg(feature = "multipart")]
        pub use crate::extract::file::IsFile;
        pub use crate::extract::kind::{
            IsDependency, IsFramework, IsModel, IsScalar, IsUnreadable,
        };
        pub use crate::extract::probe::{ViaGarde, ViaNoCheck};
    }
    pub use crate::error::{Returned, answered, raise};
    pub use crate::extract::probe::{JsonOf, ViaGarde, ViaNoCheck, ViaNoSerialize, ViaSerialize};
    pub use crate::extract::scalar::{enum_variants, parse_enum, parse_literal};
    pub use crate::extract::{
        Arguments, BodyNeed, Bound, Cx, Num, ParamSpec, Scalar, ScalarError, Source, arguments,
    };
    pub use crate::pattern::Engine as PatternEngine;
    pub use crate::pipeline::serve;
    #[cfg(feature = "ws")]
    pub use crate::pipeline::serve_websocket;
    pub use crate::ratelimit::Rate;
    pub use crate::response::Responder;
    pub use crate::response_model::ResponseModel;
    pub use crate::route::{
        ExtraResponse, Method, Read, Reading, Registration, Route, RouteDef, RouteFn, RouteOptions,
    };
    pub use crate::router::{RouterDef, RouterRegistration};
    pub use axum::response::IntoResponse;
    pub use axum::response::Response;
    pub use inventory;
    pub use serde_json::Value;
}

/// The guide's snippets, compiled and run as doctests.
#[cfg(doctest)]
mod guide {
    #[doc = include_str!("../../docs/first-steps.md")]
    struct FirstSteps;
    #[doc = include_str!("../../docs/parameters.md")]
    struct Parameters;
    #[doc = include_str!("../../docs/body.md")]
    struct Body;
    #[doc = include_str!("../../docs/errors.md")]
    struct Errors;
    #[doc = include_str!("../../docs/responses.md")]
    struct Responses;
    #[doc = include_str!("../../docs/middleware.md")]
    struct Middleware;
    #[doc = include_str!("../../docs/app.md")]
    struct TheApp;
    #[doc = include_str!("../../docs/testing.md")]
    struct Testing;
    #[doc = include_str!("../../docs/openapi.md")]
    struct OpenApi;
    #[doc = include_str!("../../docs/dependencies.md")]
    struct Dependencies;
    #[doc = include_str!("../../docs/routers.md")]
    struct Routers;
    #[doc = include_str!("../../docs/production.md")]
    struct Production;
    #[doc = include_str!("../../docs/security.md")]
    struct Security;
    #[doc = include_str!("../../docs/files.md")]
    struct Files;
    #[doc = include_str!("../../docs/streaming.md")]
    struct Streaming;
    #[doc = include_str!("../../docs/ratelimit.md")]
    struct RateLimiting;
    #[cfg(feature = "redis")]
    #[doc = include_str!("../../docs/ratelimit-redis.md")]
    struct RateLimitsInRedis;
    #[cfg(feature = "templates")]
    #[doc = include_str!("../../docs/templates.md")]
    struct TemplatesGuide;
    #[cfg(feature = "ws")]
    #[doc = include_str!("../../docs/websockets.md")]
    struct WebSockets;
    #[cfg(feature = "tracing")]
    #[doc = include_str!("../../docs/observability.md")]
    struct Observability;
    #[cfg(feature = "metrics")]
    #[doc = include_str!("../../docs/metrics.md")]
    struct Metrics;
}
