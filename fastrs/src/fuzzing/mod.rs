//! Entry points for fuzzing (`fuzz/`) and property tests: the parsers that read what clients
//! send, callable on raw input. Public as `fastrs::__fuzz` with the `fuzz` feature only.

#[cfg(test)]
mod proptests;

use std::sync::{Arc, OnceLock};

use crate::context::{AppContext, PathParams};
use crate::extract::{Cx, ParamSpec, Scalar, Source};

/// `a=1&b=x+y` as decoded pairs.
pub fn query_pairs(query: &str) -> Vec<(String, String)> {
    crate::context::sources::parse_pairs(query)
        .into_iter()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

/// The cookies of one `Cookie` header value (none when it is not a valid header value).
pub fn cookies(header: &[u8]) -> Vec<(String, String)> {
    let mut request = http::Request::new(());
    if let Ok(value) = http::HeaderValue::from_bytes(header) {
        request.headers_mut().insert(http::header::COOKIE, value);
    }
    let (parts, ()) = request.into_parts();
    crate::context::sources::parse_cookies(&parts)
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect()
}

/// `raw` coerced to every scalar type.
pub fn scalars(raw: &str) {
    let _ = i8::parse(raw);
    let _ = u16::parse(raw);
    let _ = i64::parse(raw);
    let _ = u64::parse(raw);
    let _ = i128::parse(raw);
    let _ = f32::parse(raw);
    let _ = f64::parse(raw);
    let _ = bool::parse(raw);
    let _ = char::parse(raw);
    let _ = String::parse(raw);
    #[cfg(feature = "uuid")]
    let _ = uuid::Uuid::parse(raw);
}

/// A model with the usual field kinds, for [`json_body`]. Its fields are only read by serde
/// and garde.
#[allow(dead_code)]
#[derive(Debug, serde::Deserialize, schemars::JsonSchema, garde::Validate)]
struct Model {
    #[garde(length(min = 1, max = 50))]
    name: String,
    #[garde(range(min = 0.0))]
    price: f64,
    #[garde(skip)]
    count: Option<u32>,
    #[garde(skip)]
    tags: Vec<String>,
    #[garde(dive)]
    parts: Vec<Part>,
}

/// An item of [`Model`].
#[allow(dead_code)]
#[derive(Debug, serde::Deserialize, schemars::JsonSchema, garde::Validate)]
struct Part {
    #[garde(skip)]
    id: i64,
    #[garde(skip)]
    ok: bool,
}

static BODY: ParamSpec = ParamSpec::new("model", Source::Body);

/// `body` read as a JSON model the way a request's body is, errors (pydantic's words)
/// included: `true` when it was accepted.
pub fn json_body(body: &[u8]) -> bool {
    static RUNTIME: OnceLock<tokio::runtime::Runtime> = OnceLock::new();
    static SHARED: OnceLock<Arc<AppContext>> = OnceLock::new();
    let runtime = RUNTIME.get_or_init(|| {
        tokio::runtime::Builder::new_current_thread()
            .build()
            .expect("a runtime")
    });
    let shared = SHARED.get_or_init(|| Arc::new(AppContext::standalone()));
    runtime.block_on(async {
        let (parts, ()) = http::Request::builder()
            .header(http::header::CONTENT_TYPE, "application/json")
            .body(())
            .expect("a request")
            .into_parts();
        let mut cx = Cx::new(
            &parts,
            PathParams::none(),
            shared,
            axum::body::Body::from(body.to_vec()),
        );
        if cx.read_body(1).await.is_err() {
            return false;
        }
        let model = cx.body::<Model>(&BODY, None, None);
        if let Some(model) = &model {
            cx.validate(model, &BODY);
        }
        let accepted = model.is_some() && cx.is_valid();
        // The 422 is built as it would be answered.
        let _ = cx.reject();
        accepted
    })
}
