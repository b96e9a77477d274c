//! `router!(prefix = "/items", tags = [...], dependencies = [...], responses(...),
//! middleware = [...], exception_handlers = [...], rate_limit = "100/minute")`: what a
//! module's routes, and its submodules', have in common.

use proc_macro2::TokenStream;
use quote::quote;
use syn::LitStr;
use syn::parse::{Parse, ParseStream};
use syn::spanned::Spanned as _;

use crate::attr::{parse_keys, parse_options};
use crate::options::SharedOptions;
use crate::paths;
use crate::responses::extra_responses;

mod kw {
    syn::custom_keyword!(prefix);
    syn::custom_keyword!(exception_handlers);
    syn::custom_keyword!(rate_limit);
    syn::custom_keyword!(rate_limit_headers);
}

/// The options of `router!`, each at most once.
#[derive(Default)]
struct RouterArgs {
    prefix: Option<LitStr>,
    /// `exception_handlers = [unicorn_handler]`: functions answering an error type.
    exception_handlers: Option<Vec<syn::Path>>,
    /// `rate_limit = "100/minute"`: the requests each client may make to all its routes.
    rate_limit: Option<crate::rate::RateParts>,
    /// `rate_limit_headers = false`: no `X-RateLimit-*` headers.
    rate_limit_headers: Option<syn::LitBool>,
    shared: SharedOptions,
}

impl RouterArgs {
    fn parse_prefix(
        &mut self,
        input: ParseStream<'_>,
        lookahead: &syn::parse::Lookahead1<'_>,
    ) -> syn::Result<bool> {
        parse_keys!(input, lookahead, span;
            prefix => self.prefix, {
                let lit: LitStr = crate::attr::value(input)?;
                check_prefix(&lit)?;
                lit
            };
            exception_handlers => self.exception_handlers, crate::attr::parse_list(input)?;
            rate_limit => self.rate_limit, crate::rate::rate_limit(input)?;
            rate_limit_headers => self.rate_limit_headers, crate::attr::parse_flag(input, span)?;
        );
        Ok(false)
    }
}

impl Parse for RouterArgs {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let mut args = RouterArgs::default();
        parse_options(input, |input, lookahead| {
            Ok(args.parse_prefix(input, lookahead)? || args.shared.parse(input, lookahead)?)
        })?;
        crate::rate::check_headers_flag(args.rate_limit_headers.as_ref(), args.rate_limit)?;
        Ok(args)
    }
}

/// A prefix starts with `/`, does not end with one, and has no parameter (FastAPI's rules,
/// and path parameters belong to the routes that read them).
fn check_prefix(lit: &LitStr) -> syn::Result<()> {
    let prefix = lit.value();
    let problem = if prefix.is_empty() {
        None
    } else if !prefix.starts_with('/') {
        Some("a prefix starts with `/`, such as `\"/items\"`")
    } else if prefix.ends_with('/') {
        Some("a prefix does not end with `/`; the routes' templates start with one")
    } else if prefix.contains(['<', '>', '{', '}', '*']) {
        Some("a prefix has no parameter; declare path parameters in the routes' templates")
    } else {
        None
    };
    match problem {
        Some(message) => Err(syn::Error::new(lit.span(), message)),
        None => Ok(()),
    }
}

/// Expands `router!(...)`: a `RouterDef` for the module, submitted to `inventory`.
pub(crate) fn expand(input: TokenStream) -> syn::Result<TokenStream> {
    let args: RouterArgs = syn::parse2(input)?;
    let private = paths::private();
    let prefix = args
        .prefix
        .as_ref()
        .map_or_else(|| quote!(""), |p| quote!(#p));
    let tags = args.shared.tags.iter().flatten();
    let dependencies = args
        .shared
        .dependencies
        .iter()
        .flatten()
        .map(|dep| quote!(#private::DependencyRef::of::<#dep>()));
    let responses = extra_responses(args.shared.responses.iter().flatten());
    let deprecated = args.shared.is_deprecated();
    let include = args.shared.is_included();
    let middleware = args.shared.middleware_refs();
    let rate_limit = args.rate_limit.map_or_else(
        || quote!(::core::option::Option::None),
        |rate| {
            let rate = rate.tokens();
            quote!(::core::option::Option::Some(#rate))
        },
    );
    let rate_limit_headers = args
        .rate_limit_headers
        .as_ref()
        .is_none_or(|flag| flag.value);
    let handlers = args.exception_handlers.iter().flatten().map(|handler| {
        let register = paths::respan(quote!(handlers.register(#handler)), handler.span());
        quote! {
            #private::HandlerRef({
                fn __fastrs_register(handlers: &mut #private::ExceptionHandlers) {
                    #register;
                }
                __fastrs_register
            })
        }
    });
    Ok(quote! {
        /// One `router!` per module: a second one is refused here.
        #[allow(dead_code)]
        const __FASTRS_ONE_ROUTER_PER_MODULE: () = ();
        const _: () = {
            static __FASTRS_ROUTER: #private::RouterDef = #private::RouterDef {
                module: ::core::module_path!(),
                prefix: #prefix,
                tags: &[#(#tags),*],
                dependencies: &[#(#dependencies),*],
                responses: &[#(#responses),*],
                deprecated: #deprecated,
                include_in_schema: #include,
                middleware: &[#(#middleware),*],
                exception_handlers: &[#(#handlers),*],
                rate_limit: #rate_limit,
                rate_limit_headers: #rate_limit_headers,
                file: ::core::file!(),
                line: ::core::line!(),
            };
            #private::inventory::submit! {
                #private::RouterRegistration(&__FASTRS_ROUTER)
            }
        };
    })
}
