//! `#[derive(Scalar)]`: an enum of unit variants, or a newtype, as a path/query/header value.

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
            quote! {
                fn parse(raw: &str) -> ::core::result::Result<Self, #scalar_error> {
                    #parse_enum::<Self>(raw)
                }
            }
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
