//! Every runtime path generated code names, written once (Rocket's `exports.rs`).

use proc_macro2::{Group, Span, TokenStream, TokenTree};
use quote::quote;

/// `::fastrs::__private`, the only door into the runtime.
pub(crate) fn private() -> TokenStream {
    quote!(::fastrs::__private)
}

macro_rules! private_paths {
    ($($fn_name:ident => $item:ident),* $(,)?) => {$(
        pub(crate) fn $fn_name() -> TokenStream {
            let private = private();
            quote!(#private::$item)
        }
    )*};
}

private_paths! {
    bound => Bound,
    check => Check,
    cx => Cx,
    inventory => inventory,
    method => Method,
    mount => mount,
    num => Num,
    param_spec => ParamSpec,
    probe => Probe,
    registration => Registration,
    response => Response,
    route => Route,
    route_fn => RouteFn,
    read => Read,
    responder => Responder,
    route_def => RouteDef,
    route_options => RouteOptions,
    scalar => Scalar,
    scalar_error => ScalarError,
    source => Source,
    parse_enum => parse_enum,
    json_of => JsonOf,
    returns => Returns,
    dependency => Dependency,
    resolution => Resolution,
    into_response => IntoResponse,
    describe_dependency => describe_dependency,
    all_some => all_some,
    dependency_ref => DependencyRef,
    dependency_fn => DependencyFn,
    resolve_fn => resolve_fn,
    meta => Meta,
    fact => Fact,
    extra_response => ExtraResponse,
    schema_of => schema_of,
    value => Value,
}

/// The probe levels that choose a parameter's kind, and garde's.
pub(crate) fn kind_traits() -> TokenStream {
    let private = private();
    quote!(#private::kinds::*)
}

/// The traits that choose whether a return type is described.
pub(crate) fn response_traits() -> TokenStream {
    let private = private();
    quote!(#private::{ViaResponseDoc as _, ViaAnyResponse as _})
}

/// The traits that choose whether a default value is documented.
pub(crate) fn json_traits() -> TokenStream {
    let private = private();
    quote!(#private::{ViaSerialize as _, ViaNoSerialize as _})
}

/// Gives every token `span`, so that a type error inside generated code points at the user's
/// type rather than at the attribute.
pub(crate) fn respan(tokens: TokenStream, span: Span) -> TokenStream {
    tokens
        .into_iter()
        .map(|tree| match tree {
            TokenTree::Group(group) => {
                let mut new = Group::new(group.delimiter(), respan(group.stream(), span));
                new.set_span(span);
                TokenTree::Group(new)
            }
            mut other => {
                other.set_span(span);
                other
            }
        })
        .collect()
}
