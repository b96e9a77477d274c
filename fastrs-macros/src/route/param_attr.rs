//! A parameter's attribute: where it comes from (`#[query]`, ...) and its options.

use proc_macro2::Span;
use syn::parse::{Lookahead1, Parse, ParseStream};
use syn::{Expr, Lit, LitBool, LitInt, LitStr, Token};

use crate::attr::{parse_flag, parse_keys, parse_options, value};

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
    /// `#[file]`: a file of the form, read as `#[form]` is.
    File,
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
            "file" => SourceAttr::File,
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
            SourceAttr::File => "file",
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
    /// `= 3` after key `key`.
    fn parse(input: ParseStream<'_>, key: &str) -> syn::Result<Self> {
        let lit: LitInt = value(input)?;
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
        parse_options(input, |input, lookahead| {
            options.parse_option(input, lookahead)
        })?;
        Ok(options)
    }
}

impl ParamOptions {
    fn parse_option(
        &mut self,
        input: ParseStream<'_>,
        lookahead: &Lookahead1<'_>,
    ) -> syn::Result<bool> {
        parse_keys!(input, lookahead, span;
            alias => self.alias, value(input)?;
            ge => self.ge, value(input)?;
            gt => self.gt, value(input)?;
            le => self.le, value(input)?;
            lt => self.lt, value(input)?;
            pattern => self.pattern, value(input)?;
            title => self.title, value(input)?;
            description => self.description, value(input)?;
            include_in_schema => self.include_in_schema, value(input)?;
            default => self.default, default_value(input)?;
            min_length => self.min_length, LenLit::parse(input, "min_length")?;
            max_length => self.max_length, LenLit::parse(input, "max_length")?;
            deprecated => self.deprecated, parse_flag(input, span)?;
            embed => self.embed, span;
        );
        Ok(false)
    }
}

/// `default` alone (`Default::default()`) or `default = expr`.
fn default_value(input: ParseStream<'_>) -> syn::Result<Option<Expr>> {
    if input.peek(Token![=]) {
        value(input).map(Some)
    } else {
        Ok(None)
    }
}
