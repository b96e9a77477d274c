//! Shared pieces of the hand-written attribute parsers.

use proc_macro2::Span;
use syn::parse::ParseStream;
use syn::{LitBool, Token};

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
