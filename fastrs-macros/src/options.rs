//! The options routes and routers share: `tags`, `dependencies`, `responses(...)`,
//! `deprecated`, `include_in_schema` and `middleware`, parsed once for both.

use proc_macro2::TokenStream;
use quote::quote;
use syn::parse::{Lookahead1, ParseStream};
use syn::spanned::Spanned as _;
use syn::{LitBool, LitStr};

use crate::attr::{parse_flag, parse_keys, parse_list, value};
use crate::paths;
use crate::responses::{ResponseEntry, parse_responses};

mod kw {
    syn::custom_keyword!(tags);
    syn::custom_keyword!(dependencies);
    syn::custom_keyword!(responses);
    syn::custom_keyword!(deprecated);
    syn::custom_keyword!(include_in_schema);
    syn::custom_keyword!(middleware);
}

/// The shared options, each at most once.
#[derive(Default)]
pub(crate) struct SharedOptions {
    /// `tags = ["items"]`.
    pub(crate) tags: Option<Vec<LitStr>>,
    /// `dependencies = [verify_token]`.
    pub(crate) dependencies: Option<Vec<syn::Path>>,
    /// `responses(404 = Message, ...)`.
    pub(crate) responses: Option<Vec<ResponseEntry>>,
    /// `deprecated`, or `deprecated = false`.
    pub(crate) deprecated: Option<LitBool>,
    /// `include_in_schema = false`.
    pub(crate) include_in_schema: Option<LitBool>,
    /// `middleware = [timing, auth]`: functions, the last outermost.
    pub(crate) middleware: Option<Vec<syn::Path>>,
}

impl SharedOptions {
    /// Parses the option at `input` when it is one of these (`true`); otherwise leaves it,
    /// having offered each of these keys to `lookahead` for its error message.
    pub(crate) fn parse(
        &mut self,
        input: ParseStream<'_>,
        lookahead: &Lookahead1<'_>,
    ) -> syn::Result<bool> {
        parse_keys!(input, lookahead, span;
            tags => self.tags, parse_list(input)?;
            dependencies => self.dependencies, parse_list(input)?;
            responses => self.responses, parse_responses(input)?;
            deprecated => self.deprecated, parse_flag(input, span)?;
            include_in_schema => self.include_in_schema, value(input)?;
            middleware => self.middleware, parse_list(input)?;
        );
        Ok(false)
    }

    /// Whether `deprecated` is set.
    pub(crate) fn is_deprecated(&self) -> bool {
        self.deprecated.as_ref().is_some_and(LitBool::value)
    }

    /// The `MiddlewareRef`s of `middleware = [...]`: each function bound for a route when the
    /// app is built (a function that is not a middleware is reported on its name).
    pub(crate) fn middleware_refs(&self) -> Vec<TokenStream> {
        let private = paths::private();
        self.middleware
            .iter()
            .flatten()
            .map(|f| {
                let bind = paths::respan(quote!(#private::bind_middleware(#f, app)), f.span());
                quote! {
                    #private::MiddlewareRef::of({
                        fn __fastrs_middleware(
                            app: &#private::AppContext,
                        ) -> ::core::result::Result<#private::BoundAny, #private::StartupError> {
                            #bind
                        }
                        __fastrs_middleware
                    })
                }
            })
            .collect()
    }

    /// Whether the documentation shows the operations (`include_in_schema` not `false`).
    pub(crate) fn is_included(&self) -> bool {
        self.include_in_schema.as_ref().is_none_or(LitBool::value)
    }
}
