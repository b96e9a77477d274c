//! `responses(404 = Message, ...)`, shared by routes and routers: the entries parsed with
//! their status codes, and the `ExtraResponse` values generated from them.

use proc_macro2::{Literal, TokenStream};
use quote::quote;
use syn::parse::{Parse, ParseStream};
use syn::{LitInt, LitStr, Token};

use crate::attr::set_once;
use crate::paths;

mod kw {
    syn::custom_keyword!(model);
    syn::custom_keyword!(description);
    syn::custom_keyword!(example);
}

/// One `responses(...)` entry: `404 = Message` or
/// `404 = (model = Message, description = "...", example = r#"{"detail": "..."}"#)`.
pub(crate) struct ResponseEntry {
    pub(crate) status: u16,
    pub(crate) model: Option<syn::Type>,
    pub(crate) description: Option<LitStr>,
    /// JSON text, checked when parsed.
    pub(crate) example: Option<LitStr>,
}

impl Parse for ResponseEntry {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let lit: LitInt = input.parse()?;
        let status = check_status(&lit)?;
        input.parse::<Token![=]>()?;
        let mut entry = ResponseEntry {
            status,
            model: None,
            description: None,
            example: None,
        };
        if !input.peek(syn::token::Paren) {
            entry.model = Some(input.parse()?);
            return Ok(entry);
        }
        let content;
        syn::parenthesized!(content in input);
        while !content.is_empty() {
            let lookahead = content.lookahead1();
            if lookahead.peek(kw::model) {
                let key = content.parse::<kw::model>()?;
                content.parse::<Token![=]>()?;
                set_once(&mut entry.model, content.parse()?, "model", key.span)?;
            } else if lookahead.peek(kw::description) {
                let key = content.parse::<kw::description>()?;
                content.parse::<Token![=]>()?;
                set_once(
                    &mut entry.description,
                    content.parse()?,
                    "description",
                    key.span,
                )?;
            } else if lookahead.peek(kw::example) {
                let key = content.parse::<kw::example>()?;
                content.parse::<Token![=]>()?;
                let example: LitStr = content.parse()?;
                if let Err(e) = serde_json::from_str::<serde_json::Value>(&example.value()) {
                    return Err(syn::Error::new(
                        example.span(),
                        format!(
                            "`example` is JSON text, such as r#\"{{\"detail\": \"Not found\"}}\"#: {e}"
                        ),
                    ));
                }
                set_once(&mut entry.example, example, "example", key.span)?;
            } else {
                return Err(lookahead.error());
            }
            if !content.is_empty() {
                content.parse::<Token![,]>()?;
            }
        }
        Ok(entry)
    }
}

/// The parenthesized list after `responses`, each status once.
pub(crate) fn parse_responses(input: ParseStream<'_>) -> syn::Result<Vec<ResponseEntry>> {
    let content;
    syn::parenthesized!(content in input);
    let mut entries: Vec<ResponseEntry> = Vec::new();
    while !content.is_empty() {
        let span = content.span();
        let entry: ResponseEntry = content.parse()?;
        if entries.iter().any(|e| e.status == entry.status) {
            return Err(syn::Error::new(
                span,
                format!(
                    "status {} is given twice in `responses`; keep one",
                    entry.status
                ),
            ));
        }
        entries.push(entry);
        if !content.is_empty() {
            content.parse::<Token![,]>()?;
        }
    }
    Ok(entries)
}

/// A status code from 100 to 599, or an error on the literal.
pub(crate) fn check_status(lit: &LitInt) -> syn::Result<u16> {
    match lit.base10_parse::<u16>() {
        Ok(code) if (100..=599).contains(&code) => Ok(code),
        _ => Err(syn::Error::new(
            lit.span(),
            "a status must be an HTTP status code, from 100 to 599",
        )),
    }
}

/// `ExtraResponse { .. }` values of `responses(...)` entries.
pub(crate) fn extra_responses<'a>(
    entries: impl IntoIterator<Item = &'a ResponseEntry>,
) -> Vec<TokenStream> {
    let (extra_response, schema_of) = (paths::extra_response(), paths::schema_of());
    let some_or_none = |v: Option<TokenStream>| {
        v.map_or_else(
            || quote!(::core::option::Option::None),
            |v| quote!(::core::option::Option::Some(#v)),
        )
    };
    entries
        .into_iter()
        .map(|entry| {
            let status = Literal::u16_unsuffixed(entry.status);
            let description = some_or_none(entry.description.as_ref().map(|d| quote!(#d)));
            let schema = some_or_none(entry.model.as_ref().map(|m| quote!(#schema_of::<#m>)));
            let example = some_or_none(entry.example.as_ref().map(|e| quote!(#e)));
            quote!(#extra_response { status: #status, description: #description, schema: #schema, example: #example })
        })
        .collect()
}
