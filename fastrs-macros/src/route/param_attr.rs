//! A parameter's attribute: where it comes from (`#[query]`, ...) and its options.

use proc_macro2::Span;
use syn::parse::{Parse, ParseStream};
use syn::{Expr, Lit, LitBool, LitInt, LitStr, Token};

use crate::attr::{parse_flag, set_once};

mod kw {
    syn::custom_keyword!(alias);
    syn::custom_keyword!(default);
    syn::custom_keyword!(ge);
    syn::custom_keyword!(gt);
    syn::custom_keyword!(le);
    syn::custom_keyword!(lt);
    syn::custom_keyword!(min_length);
    syn::custom_keyword!(max_length);
    syn::custom_keyword!(pattern);
    syn::custom_keyword!(title);
    syn::custom_keyword!(description);
    syn::custom_keyword!(deprecated);
    syn::custom_keyword!(include_in_schema);
    syn::custom_keyword!(embed);
}

/// The attribute that names a parameter's source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SourceAttr {
    Path,
    Query,
    Header,
    Cookie,
    Body,
    Form,
}

impl SourceAttr {
    pub(crate) fn from_ident(ident: &syn::Ident) -> Option<Self> {
        Some(match ident.to_string().as_str() {
            "path" => SourceAttr::Path,
            "query" => SourceAttr::Query,
            "header" => SourceAttr::Header,
            "cookie" => SourceAttr::Cookie,
            "body" => SourceAttr::Body,
            "form" => SourceAttr::Form,
            _ => return None,
        })
    }

    pub(crate) fn name(self) -> &'static str {
        match self {
            SourceAttr::Path => "path",
            SourceAttr::Query => "query",
            SourceAttr::Header => "header",
            SourceAttr::Cookie => "cookie",
            SourceAttr::Body => "body",
            SourceAttr::Form => "form",
        }
    }
}

/// A number bound, parsed where it is written: `ge = -1.5`.
#[derive(Clone)]
pub(crate) struct NumLit {
    pub(crate) value: NumValue,
    /// The literal as written, with its sign: `-1.5`.
    pub(crate) text: String,
}

/// The value of a [`NumLit`].
#[derive(Clone, Copy)]
pub(crate) enum NumValue {
    Int(i128),
    Float(f64),
}

impl Parse for NumLit {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let negative = input.parse::<Option<Token![-]>>()?.is_some();
        let sign = if negative { "-" } else { "" };
        match input.parse::<Lit>()? {
            Lit::Int(i) => {
                let v: i128 = i.base10_parse()?;
                Ok(Self {
                    value: NumValue::Int(if negative { -v } else { v }),
                    text: format!("{sign}{}", i.base10_digits()),
                })
            }
            Lit::Float(f) => {
                let v: f64 = f.base10_parse()?;
                Ok(Self {
                    value: NumValue::Float(if negative { -v } else { v }),
                    text: format!("{sign}{}", f.base10_digits()),
                })
            }
            other => Err(syn::Error::new(
                other.span(),
                "expected a number, such as `1` or `0.5`",
            )),
        }
    }
}

/// A length (`min_length = 3`), parsed where it is written.
#[derive(Clone)]
pub(crate) struct LenLit {
    pub(crate) value: usize,
    pub(crate) span: Span,
}

impl LenLit {
    fn parse(input: ParseStream<'_>, key: &str) -> syn::Result<Self> {
        let lit: LitInt = input.parse()?;
        let value = lit.base10_parse::<usize>().map_err(|_| {
            syn::Error::new(
                lit.span(),
                format!("`{key}` must be a whole number of characters or items"),
            )
        })?;
        Ok(Self {
            value,
            span: lit.span(),
        })
    }
}

/// The options of a parameter attribute: `#[query(default = 10, ge = 1, le = 100)]`.
#[derive(Default, Clone)]
pub(crate) struct ParamOptions {
    pub(crate) alias: Option<LitStr>,
    /// `default` alone is `Default::default()`; `default = expr` is that value.
    pub(crate) default: Option<Option<Expr>>,
    pub(crate) ge: Option<NumLit>,
    pub(crate) gt: Option<NumLit>,
    pub(crate) le: Option<NumLit>,
    pub(crate) lt: Option<NumLit>,
    pub(crate) min_length: Option<LenLit>,
    pub(crate) max_length: Option<LenLit>,
    pub(crate) pattern: Option<LitStr>,
    pub(crate) title: Option<LitStr>,
    pub(crate) description: Option<LitStr>,
    pub(crate) deprecated: Option<LitBool>,
    pub(crate) include_in_schema: Option<LitBool>,
    pub(crate) embed: Option<Span>,
}

impl Parse for ParamOptions {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let mut options = ParamOptions::default();
        while !input.is_empty() {
            options.parse_one(input)?;
            if input.is_empty() {
                break;
            }
            input.parse::<Token![,]>()?;
        }
        Ok(options)
    }
}

macro_rules! keyed {
    ($self:ident, $input:ident, $lookahead:ident, $($kw:ident => $field:ident),* $(,)?) => {
        $(
            if $lookahead.peek(kw::$kw) {
                let key = $input.parse::<kw::$kw>()?;
                $input.parse::<Token![=]>()?;
                let value = $input.parse()?;
                return set_once(&mut $self.$field, value, stringify!($kw), key.span);
            }
        )*
    };
}

impl ParamOptions {
    fn parse_one(&mut self, input: ParseStream<'_>) -> syn::Result<()> {
        let lookahead = input.lookahead1();
        keyed!(self, input, lookahead,
            alias => alias,
            ge => ge,
            gt => gt,
            le => le,
            lt => lt,
            pattern => pattern,
            title => title,
            description => description,
            include_in_schema => include_in_schema,
        );
        if lookahead.peek(kw::default) {
            let key = input.parse::<kw::default>()?;
            let value = if input.peek(Token![=]) {
                input.parse::<Token![=]>()?;
                Some(input.parse::<Expr>()?)
            } else {
                None
            };
            return set_once(&mut self.default, value, "default", key.span);
        }
        if lookahead.peek(kw::min_length) {
            let key = input.parse::<kw::min_length>()?;
            input.parse::<Token![=]>()?;
            let value = LenLit::parse(input, "min_length")?;
            return set_once(&mut self.min_length, value, "min_length", key.span);
        }
        if lookahead.peek(kw::max_length) {
            let key = input.parse::<kw::max_length>()?;
            input.parse::<Token![=]>()?;
            let value = LenLit::parse(input, "max_length")?;
            return set_once(&mut self.max_length, value, "max_length", key.span);
        }
        if lookahead.peek(kw::deprecated) {
            let key = input.parse::<kw::deprecated>()?;
            let flag = parse_flag(input, key.span)?;
            return set_once(&mut self.deprecated, flag, "deprecated", key.span);
        }
        if lookahead.peek(kw::embed) {
            let key = input.parse::<kw::embed>()?;
            return set_once(&mut self.embed, key.span, "embed", key.span);
        }
        Err(lookahead.error())
    }
}
