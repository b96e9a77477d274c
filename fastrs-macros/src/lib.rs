//! Procedural macros for fastrs. Use them through the `fastrs` crate, whose re-exports carry
//! the documentation.

use proc_macro::TokenStream;

mod attr;
mod ctxt;
mod depends;
mod expand;
mod options;
mod paths;
mod rate;
mod responses;
mod route;
mod router;
mod scalar;

#[cfg(test)]
mod expand_tests;

use route::HttpMethod;

/// `GET` route; see `fastrs::get`.
#[proc_macro_attribute]
pub fn get(attr: TokenStream, item: TokenStream) -> TokenStream {
    expand::run(route::expand(HttpMethod::Get, attr.into(), item.into()))
}

/// `POST` route; see `fastrs::post`.
#[proc_macro_attribute]
pub fn post(attr: TokenStream, item: TokenStream) -> TokenStream {
    expand::run(route::expand(HttpMethod::Post, attr.into(), item.into()))
}

/// `PUT` route; see `fastrs::put`.
#[proc_macro_attribute]
pub fn put(attr: TokenStream, item: TokenStream) -> TokenStream {
    expand::run(route::expand(HttpMethod::Put, attr.into(), item.into()))
}

/// `PATCH` route; see `fastrs::patch`.
#[proc_macro_attribute]
pub fn patch(attr: TokenStream, item: TokenStream) -> TokenStream {
    expand::run(route::expand(HttpMethod::Patch, attr.into(), item.into()))
}

/// `DELETE` route; see `fastrs::delete`.
#[proc_macro_attribute]
pub fn delete(attr: TokenStream, item: TokenStream) -> TokenStream {
    expand::run(route::expand(HttpMethod::Delete, attr.into(), item.into()))
}

/// `HEAD` route; see `fastrs::head`.
#[proc_macro_attribute]
pub fn head(attr: TokenStream, item: TokenStream) -> TokenStream {
    expand::run(route::expand(HttpMethod::Head, attr.into(), item.into()))
}

/// `OPTIONS` route; see `fastrs::options`.
#[proc_macro_attribute]
pub fn options(attr: TokenStream, item: TokenStream) -> TokenStream {
    expand::run(route::expand(HttpMethod::Options, attr.into(), item.into()))
}

/// `TRACE` route; see `fastrs::trace`.
#[proc_macro_attribute]
pub fn trace(attr: TokenStream, item: TokenStream) -> TokenStream {
    expand::run(route::expand(HttpMethod::Trace, attr.into(), item.into()))
}

/// `#[websocket]` route; see `fastrs::websocket`.
#[proc_macro_attribute]
pub fn websocket(attr: TokenStream, item: TokenStream) -> TokenStream {
    expand::run(route::expand(
        HttpMethod::WebSocket,
        attr.into(),
        item.into(),
    ))
}

/// `#[depends]`; see `fastrs::depends`.
#[proc_macro_attribute]
pub fn depends(attr: TokenStream, item: TokenStream) -> TokenStream {
    expand::run(depends::expand(attr.into(), item.into()))
}

/// `router!(...)`; see `fastrs::router`.
#[proc_macro]
pub fn router(input: TokenStream) -> TokenStream {
    expand::run(router::expand(input.into()))
}

/// `#[derive(Scalar)]`, with `#[scalar(literal)]` on an enum; see `fastrs::Scalar`.
#[proc_macro_derive(Scalar, attributes(scalar))]
pub fn derive_scalar(item: TokenStream) -> TokenStream {
    expand::run(scalar::expand(item.into()))
}
