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
    kind => Kind,
    method => Method,
    mount => mount,
    num => Num,
    param_spec => ParamSpec,
    probe => Probe,
    registration => Registration,
    response => Response,
    route => Route,
    route_fn => RouteFn,
    responder => Responder,
    route_def => RouteDef,
    route_options => RouteOptions,
    scalar => Scalar,
    scalar_error => ScalarError,
    source => Source,
    parse_enum => parse_enum,
    json_of => JsonOf,
    returns => Returns,
    doc => Doc,
    dep_probe => DepProbe,
    dep_outcome => DepOutcome,
    dependency => Dependency,
    resolution => Resolution,
    into_response => IntoResponse,
    needs => Needs,
    require_dependency => require_dependency,
    resolve_dependency => resolve_dependency,
    all_some => all_some,
    dependency_ref => DependencyRef,
    dependency_fn => DependencyFn,
    resolve_fn => resolve_fn,
    requirements => Requirements,
    extra_response => ExtraResponse,
    schema_of => schema_of,
    route_doc => RouteDoc,
    value => Value,
}

/// The traits that list what a parameter needs from the app.
pub(crate) fn needs_traits() -> TokenStream {
    let private = private();
    quote!(#private::{NeedsFramework as _, NeedsNothing as _})
}

/// The traits of the dependency phase.
pub(crate) fn dep_traits() -> TokenStream {
    let private = private();
    quote!(#private::{ViaDepends as _, ViaNoDepends as _})
}

/// The traits a route's `document` function needs.
pub(crate) fn doc_traits() -> TokenStream {
    let private = private();
    quote!(#private::{
        DocFramework as _, DocParam as _, DocModel as _, DocNone as _, ViaResponseDoc as _,
        ViaAnyResponse as _
    })
}

/// The traits that choose whether a default value is documented.
pub(crate) fn json_traits() -> TokenStream {
    let private = private();
    quote!(#private::{ViaSerialize as _, ViaNoSerialize as _})
}

/// The probe traits, imported into a handler's body for method lookup.
pub(crate) fn probe_traits() -> TokenStream {
    let private = private();
    quote!(#private::{ViaFramework as _, ViaParam as _, ViaModel as _, ViaGarde as _, ViaNoCheck as _})
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
