//! The attribute parsers' one helper ([`parse_keys!`]) and the value parsers they share.

use proc_macro2::Span;
use syn::parse::{Lookahead1, Parse, ParseStream};
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

/// `key, key = value, ...` to the end of `input` (a trailing comma allowed): `one` reads a key
/// and its value, `Ok(false)` when the key is none of its own, which is then an error listing
/// the keys offered to `lookahead`.
pub(crate) fn parse_options(
    input: ParseStream<'_>,
    mut one: impl FnMut(ParseStream<'_>, &Lookahead1<'_>) -> syn::Result<bool>,
) -> syn::Result<()> {
    while !input.is_empty() {
        let lookahead = input.lookahead1();
        if !one(input, &lookahead)? {
            return Err(lookahead.error());
        }
        if input.is_empty() {
            break;
        }
        input.parse::<Token![,]>()?;
    }
    Ok(())
}

/// `= value` after a key.
pub(crate) fn value<T: Parse>(input: ParseStream<'_>) -> syn::Result<T> {
    input.parse::<Token![=]>()?;
    input.parse()
}

/// The one parser of an attribute's options. For each `key => slot, value;`, when `lookahead`
/// sees `key` (a keyword of the caller's `kw` module): reads it, binds its span to `$span`,
/// evaluates `value` (which reads what follows the key), stores it in `slot`, refusing a key
/// given twice, and returns `Ok(true)` from the enclosing function. Falls through when no key
/// matches, each key offered to `lookahead` for its error message.
macro_rules! parse_keys {
    ($input:ident, $lookahead:ident, $span:ident; $($key:ident => $slot:expr, $value:expr;)*) => {
        $(
            if $lookahead.peek(kw::$key) {
                let $span = $input.parse::<kw::$key>()?.span;
                let value = $value;
                $crate::attr::set_once(&mut $slot, value, stringify!($key), $span)?;
                return Ok(true);
            }
        )*
    };
}

pub(crate) use parse_keys;
