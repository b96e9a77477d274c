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

/// A number bound as written, with its sign: `ge = -1.5`.
#[derive(Clone)]
pub(crate) struct NumLit {
    pub(crate) negative: bool,
    pub(crate) lit: Lit,
}

impl NumLit {
    pub(crate) fn text(&self) -> String {
        let digits = match &self.lit {
            Lit::Int(i) => i.base10_digits().to_owned(),
            Lit::Float(f) => f.base10_digits().to_owned(),
            _ => String::new(),
        };
        if self.negative {
            format!("-{digits}")
        } else {
            digits
        }
    }
}

impl Parse for NumLit {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let negative = input.parse::<Option<Token![-]>>()?.is_some();
        let lit: Lit = input.parse()?;
        match lit {
            Lit::Int(_) | Lit::Float(_) => Ok(Self { negative, lit }),
            other => Err(syn::Error::new(
                other.span(),
                "expected a number, such as `1` or `0.5`",
            )),
        }
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
    pub(crate) min_length: Option<LitInt>,
    pub(crate) max_length: Option<LitInt>,
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
            min_length => min_length,
            max_length => max_length,
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
