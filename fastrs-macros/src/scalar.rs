//! `#[derive(Scalar)]`: an enum of unit variants, or a newtype, as a path/query/header value.
//! `#[scalar(literal)]` makes an enum a set of literal strings (Python's `Literal[...]`).

use proc_macro2::TokenStream;
use quote::quote;
use syn::{Data, DeriveInput, Fields};

use crate::paths;

pub(crate) fn expand(item: TokenStream) -> syn::Result<TokenStream> {
    let input: DeriveInput = syn::parse2(item)?;
    if !input.generics.params.is_empty() {
        return Err(syn::Error::new_spanned(
            &input.generics,
            "`#[derive(Scalar)]` does not support generic types",
        ));
    }
    let ident = &input.ident;
    let literal = literal_option(&input.attrs)?;
    let (scalar, scalar_error, num, parse_enum) = (
        paths::scalar(),
        paths::scalar_error(),
        paths::num(),
        paths::parse_enum(),
    );
    let body = match &input.data {
        Data::Enum(data) => {
            if let Some(v) = data
                .variants
                .iter()
                .find(|v| !matches!(v.fields, Fields::Unit))
            {
                return Err(syn::Error::new_spanned(
                    &v.fields,
                    format!(
                        "`#[derive(Scalar)]` needs unit variants; `{}` has fields",
                        v.ident
                    ),
                ));
            }
            let parse = match literal {
                Some(_) => paths::parse_literal(),
                None => parse_enum,
            };
            quote! {
                fn parse(raw: &str) -> ::core::result::Result<Self, #scalar_error> {
                    #parse::<Self>(raw)
                }
            }
        }
        Data::Struct(_) if literal.is_some() => {
            return Err(syn::Error::new(
                literal.expect("checked").span,
                "`#[scalar(literal)]` is for an enum of unit variants, the literal strings",
            ));
        }
        Data::Struct(data)
            if data.fields.len() == 1 && matches!(data.fields, Fields::Unnamed(_)) =>
        {
            let inner = &data.fields.iter().next().expect("one field").ty;
            quote! {
                fn parse(raw: &str) -> ::core::result::Result<Self, #scalar_error> {
                    <#inner as #scalar>::parse(raw).map(Self)
                }
                fn as_number(&self) -> ::core::option::Option<#num> {
                    <#inner as #scalar>::as_number(&self.0)
                }
                fn as_str(&self) -> ::core::option::Option<&str> {
                    <#inner as #scalar>::as_str(&self.0)
                }
            }
        }
        _ => {
            return Err(syn::Error::new_spanned(
                ident,
                "`#[derive(Scalar)]` works on an enum of unit variants or a newtype struct such as `struct UserId(u64);`",
            ));
        }
    };
    Ok(quote! {
        impl #scalar for #ident {
            #body
        }
    })
}

mod kw {
    syn::custom_keyword!(literal);
}

/// `#[scalar(literal)]`, when given.
fn literal_option(attrs: &[syn::Attribute]) -> syn::Result<Option<kw::literal>> {
    let mut literal = None;
    for attr in attrs.iter().filter(|a| a.path().is_ident("scalar")) {
        attr.parse_args_with(|input: syn::parse::ParseStream<'_>| {
            crate::attr::parse_options(input, |input, lookahead| {
                if lookahead.peek(kw::literal) {
                    let key: kw::literal = input.parse()?;
                    crate::attr::set_once(&mut literal, key, "literal", key.span)?;
                    return Ok(true);
                }
                Ok(false)
            })
        })?;
    }
    Ok(literal)
}
