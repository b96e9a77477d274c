//! `router!(prefix = "/items", tags = [...], dependencies = [...], responses(...))`: what a
//! module's routes, and its submodules', have in common.

use proc_macro2::TokenStream;
use quote::quote;
use syn::parse::{Parse, ParseStream};
use syn::{LitBool, LitStr, Token};

use crate::attr::{parse_flag, parse_list, set_once};
use crate::paths;
use crate::route::args::{ResponseEntry, parse_responses};
use crate::route::codegen::extra_responses;

mod kw {
    syn::custom_keyword!(prefix);
    syn::custom_keyword!(tags);
    syn::custom_keyword!(dependencies);
    syn::custom_keyword!(responses);
    syn::custom_keyword!(deprecated);
    syn::custom_keyword!(include_in_schema);
}

/// The options of `router!`, each at most once.
#[derive(Default)]
struct RouterArgs {
    prefix: Option<LitStr>,
    tags: Option<Vec<LitStr>>,
    dependencies: Option<Vec<syn::Path>>,
    responses: Option<Vec<ResponseEntry>>,
    deprecated: Option<LitBool>,
    include_in_schema: Option<LitBool>,
}

impl Parse for RouterArgs {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let mut args = RouterArgs::default();
        while !input.is_empty() {
            args.parse_option(input)?;
            if input.is_empty() {
                break;
            }
            input.parse::<Token![,]>()?;
        }
        Ok(args)
    }
}

impl RouterArgs {
    fn parse_option(&mut self, input: ParseStream<'_>) -> syn::Result<()> {
        let lookahead = input.lookahead1();
        if lookahead.peek(kw::prefix) {
            let key = input.parse::<kw::prefix>()?;
            input.parse::<Token![=]>()?;
            let lit: LitStr = input.parse()?;
            check_prefix(&lit)?;
            set_once(&mut self.prefix, lit, "prefix", key.span)
        } else if lookahead.peek(kw::tags) {
            let key = input.parse::<kw::tags>()?;
            set_once(&mut self.tags, parse_list(input)?, "tags", key.span)
        } else if lookahead.peek(kw::dependencies) {
            let key = input.parse::<kw::dependencies>()?;
            set_once(
                &mut self.dependencies,
                parse_list(input)?,
                "dependencies",
                key.span,
            )
        } else if lookahead.peek(kw::responses) {
            let key = input.parse::<kw::responses>()?;
            set_once(
                &mut self.responses,
                parse_responses(input)?,
                "responses",
                key.span,
            )
        } else if lookahead.peek(kw::deprecated) {
            let key = input.parse::<kw::deprecated>()?;
            let flag = parse_flag(input, key.span)?;
            set_once(&mut self.deprecated, flag, "deprecated", key.span)
        } else if lookahead.peek(kw::include_in_schema) {
            let key = input.parse::<kw::include_in_schema>()?;
            input.parse::<Token![=]>()?;
            set_once(
                &mut self.include_in_schema,
                input.parse()?,
                "include_in_schema",
                key.span,
            )
        } else {
            Err(lookahead.error())
        }
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
    let tags = args.tags.iter().flatten();
    let dependencies = args
        .dependencies
        .iter()
        .flatten()
        .map(|dep| quote!(#private::DependencyRef::of::<#dep>()));
    let responses = extra_responses(args.responses.iter().flatten());
    let deprecated = args.deprecated.as_ref().is_some_and(LitBool::value);
    let include = args.include_in_schema.as_ref().is_none_or(LitBool::value);
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
                file: ::core::file!(),
                line: ::core::line!(),
            };
            #private::inventory::submit! {
                #private::RouterRegistration(&__FASTRS_ROUTER)
            }
        };
    })
}
