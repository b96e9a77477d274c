//! Shared pieces of the hand-written attribute parsers.

use proc_macro2::Span;
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::{LitBool, Token, bracketed};

/// Stores an option, refusing a key given twice at that key's span.
pub(crate) fn set_once<T>(
    slot: &mut Option<T>,
    value: T,
    key: &str,
    span: Span,
) -> syn::Result<()> {
    if slot.is_some() {
        return Err(syn::Error::new(
            span,
            format!("`{key}` is given twice; keep one"),
        ));
    }
    *slot = Some(value);
    Ok(())
}

/// `key` alone (true) or `key = true|false`.
pub(crate) fn parse_flag(input: ParseStream<'_>, span: Span) -> syn::Result<LitBool> {
    if input.peek(Token![=]) {
        input.parse::<Token![=]>()?;
        input.parse()
    } else {
        Ok(LitBool::new(true, span))
    }
}

/// `= [a, b, ...]` after a key: the list's items.
pub(crate) fn parse_list<T: Parse>(input: ParseStream<'_>) -> syn::Result<Vec<T>> {
    input.parse::<Token![=]>()?;
    let content;
    bracketed!(content in input);
    let items = Punctuated::<T, Token![,]>::parse_terminated(&content)?;
    Ok(items.into_iter().collect())
}
