//! The route attributes: `#[get("/items/<id>")]` and the other methods.
//!
//! Parse ([`args`], [`template`], [`handler`]), check ([`check`]), then generate ([`codegen`]).

pub(crate) mod args;
pub(crate) mod check;
pub(crate) mod codegen;
pub(crate) mod handler;
mod param_attr;
mod template;

use proc_macro2::TokenStream;
use quote::quote;

use crate::ctxt::Ctxt;

/// The method of a route attribute.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum HttpMethod {
    Get,
    Post,
    Put,
    Patch,
    Delete,
    Head,
    Options,
    Trace,
    /// `#[websocket]`: a websocket handshake.
    WebSocket,
}

impl HttpMethod {
    fn variant(self) -> &'static str {
        match self {
            HttpMethod::Get => "Get",
            HttpMethod::Post => "Post",
            HttpMethod::Put => "Put",
            HttpMethod::Patch => "Patch",
            HttpMethod::Delete => "Delete",
            HttpMethod::Head => "Head",
            HttpMethod::Options => "Options",
            HttpMethod::Trace => "Trace",
            HttpMethod::WebSocket => "WebSocket",
        }
    }

    fn as_str(self) -> &'static str {
        match self {
            HttpMethod::Get => "GET",
            HttpMethod::Post => "POST",
            HttpMethod::Put => "PUT",
            HttpMethod::Patch => "PATCH",
            HttpMethod::Delete => "DELETE",
            HttpMethod::Head => "HEAD",
            HttpMethod::Options => "OPTIONS",
            HttpMethod::Trace => "TRACE",
            HttpMethod::WebSocket => "WEBSOCKET",
        }
    }
}

/// Expands a route attribute. The user's function is always re-emitted, stripped of fastrs'
/// parameter attributes, so that a mistake gives one error rather than a cascade.
pub(crate) fn expand(
    method: HttpMethod,
    attr: TokenStream,
    item: TokenStream,
) -> syn::Result<TokenStream> {
    let func: syn::ItemFn = syn::parse2(item).map_err(|e| {
        syn::Error::new(
            e.span(),
            format!(
                "`#[{}]` goes on an `async fn`",
                method.as_str().to_lowercase()
            ),
        )
    })?;
    let mut cx = Ctxt::default();
    let handler = handler::Handler::parse(func, &mut cx);
    let args = cx.ok(syn::parse2::<args::RouteArgs>(attr));
    if method == HttpMethod::WebSocket
        && let Some(args) = &args
        && let Some(option) = args.http_only_option()
    {
        cx.push(syn::Error::new(
            proc_macro2::Span::call_site(),
            format!(
                "`{option}` does not apply to a websocket route, which has no HTTP answer and is not in the OpenAPI document; its options are `dependencies`, `scopes` and `middleware`"
            ),
        ));
    }
    let resolved = args
        .as_ref()
        .map(|args| check::resolve(args, &handler, &mut cx));
    let func = &handler.func;
    match (cx.check(), args, resolved) {
        (Ok(()), Some(args), Some(resolved)) => {
            let route = codegen::generate(method, &args, &handler, &resolved);
            Ok(quote! {
                #func
                #route
            })
        }
        (result, _, _) => {
            let errors = result.err().map(syn::Error::into_compile_error);
            Ok(quote! {
                #func
                #errors
            })
        }
    }
}
