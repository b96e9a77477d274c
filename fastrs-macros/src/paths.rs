//! Every runtime path generated code names, written once (Rocket's `exports.rs`).

use proc_macro2::{Group, Ident, Span, TokenStream, TokenTree};
use quote::quote;

/// `::fastrs::__private`, the only door into the runtime.
pub(crate) fn private() -> TokenStream {
    quote!(::fastrs::__private)
}

/// `fastrs::kind::is_dependency`: named by the compile error of a `Depends<T>` whose `T` is not
/// a dependency, so it lives in the public `kind` module.
pub(crate) fn is_dependency() -> TokenStream {
    quote!(::fastrs::kind::is_dependency)
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
    cx => Cx,
    inventory => inventory,
    method => Method,
    serve => serve,
    serve_websocket => serve_websocket,
    num => Num,
    param_spec => ParamSpec,
    rate => Rate,
    pattern_engine => PatternEngine,
    probe => Probe,
    registration => Registration,
    response => Response,
    response_model => ResponseModel,
    route => Route,
    route_fn => RouteFn,
    reading => Reading,
    responder => Responder,
    route_def => RouteDef,
    route_options => RouteOptions,
    scalar => Scalar,
    scalar_error => ScalarError,
    source => Source,
    parse_enum => parse_enum,
    parse_literal => parse_literal,
    json_of => JsonOf,
    returns => Returns,
    dependency => Dependency,
    resolution => Resolution,
    raise => raise,
    returned => Returned,
    answered => answered,
    dependency_probe => DependencyProbe,
    arguments => arguments,
    dependency_ref => DependencyRef,
    dependency_fn => DependencyFn,
    resolve_fn => resolve_fn,
    meta => Meta,
    fact => Fact,
    extra_response => ExtraResponse,
    schema_of => schema_of,
    form_limits => FormLimits,
}

/// The probe levels that choose a parameter's kind, and garde's.
pub(crate) fn kind_traits() -> TokenStream {
    let private = private();
    quote!(#private::kinds::*)
}

/// The traits that choose whether a default value is documented.
pub(crate) fn json_traits() -> TokenStream {
    let private = private();
    quote!(#private::{ViaSerialize as _, ViaNoSerialize as _})
}

/// The locals of generated functions, written `__fastrs_cx` in `quote!`: renamed to `cx`,
/// `meta`, `args`, `handler` and `q_probe` (for `__fastrs_probe_q`) with mixed-site hygiene, so that they read plainly under
/// `cargo expand` and no argument of the user's can shadow them (macro_rules' hygiene).
pub(crate) fn hygienic(tokens: TokenStream) -> TokenStream {
    tokens
        .into_iter()
        .map(|tree| match tree {
            TokenTree::Group(group) => {
                let mut new = Group::new(group.delimiter(), hygienic(group.stream()));
                new.set_span(group.span());
                TokenTree::Group(new)
            }
            TokenTree::Ident(ident) => {
                let name = ident.to_string();
                let local = match name.as_str() {
                    "__fastrs_cx" => "cx".to_owned(),
                    "__fastrs_meta" => "meta".to_owned(),
                    "__fastrs_args" => "args".to_owned(),
                    "__fastrs_handler" => "handler".to_owned(),
                    "__fastrs_value" => "value".to_owned(),
                    _ => match name.strip_prefix("__fastrs_probe_") {
                        Some(param) => format!("{param}_probe"),
                        None => return TokenTree::Ident(ident),
                    },
                };
                TokenTree::Ident(Ident::new(
                    &local,
                    Span::mixed_site().located_at(ident.span()),
                ))
            }
            other => other,
        })
        .collect()
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
