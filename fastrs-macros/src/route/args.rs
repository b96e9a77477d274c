//! `RouteArgs`: the route attribute's template and options, parsed with their spans.

use syn::parse::{Lookahead1, Parse, ParseStream};
use syn::{LitBool, LitStr, Token};

use super::template::PathTemplate;
use crate::attr::{parse_flag, parse_keys, parse_list, parse_options, value};
use crate::options::SharedOptions;
use crate::responses::check_status;

mod kw {
    syn::custom_keyword!(status);
    syn::custom_keyword!(summary);
    syn::custom_keyword!(description);
    syn::custom_keyword!(operation_id);
    syn::custom_keyword!(body_limit);
    syn::custom_keyword!(rate_limit);
    syn::custom_keyword!(rate_limit_headers);
    syn::custom_keyword!(max_fields);
    syn::custom_keyword!(max_files);
    syn::custom_keyword!(max_part_size);
    syn::custom_keyword!(scopes);
    syn::custom_keyword!(response_model_exclude_none);
    syn::custom_keyword!(response_model_exclude_defaults);
    syn::custom_keyword!(response_model_exclude_unset);
    syn::custom_keyword!(response_model_include);
    syn::custom_keyword!(response_model_exclude);
}

/// `"50MiB"` in bytes: a whole number with an optional unit (B, KB, KiB, MB, MiB, GB, GiB).
fn parse_size(text: &str) -> Option<usize> {
    let text = text.trim();
    let split = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let number: usize = number.parse().ok()?;
    let factor: usize = match unit.trim() {
        "" | "B" => 1,
        "KB" => 1000,
        "KiB" => 1 << 10,
        "MB" => 1_000_000,
        "MiB" => 1 << 20,
        "GB" => 1_000_000_000,
        "GiB" => 1 << 30,
        _ => return None,
    };
    number.checked_mul(factor).filter(|&bytes| bytes > 0)
}

/// `#[get("/items/<id>", status = 201, tags = ["items"], ...)]`.
pub(crate) struct RouteArgs {
    pub(crate) template: PathTemplate,
    pub(crate) status: Option<u16>,
    pub(crate) summary: Option<LitStr>,
    pub(crate) description: Option<LitStr>,
    pub(crate) operation_id: Option<LitStr>,
    /// `tags`, `dependencies`, `responses`, `deprecated`, `include_in_schema`.
    pub(crate) shared: SharedOptions,
    /// `body_limit = "50MiB"`, in bytes, with the literal.
    pub(crate) body_limit: Option<(LitStr, usize)>,
    /// `rate_limit = "5/minute"`: the requests each client address may make.
    pub(crate) rate_limit: Option<crate::rate::RateParts>,
    /// `rate_limit_headers = false`: no `X-RateLimit-*` headers.
    pub(crate) rate_limit_headers: Option<LitBool>,
    /// `max_fields = 100`, `max_files = 10`, `max_part_size = "64KiB"`: the form limits.
    pub(crate) form_limits: FormLimitArgs,
    /// `scopes = ["items:read"]`: what the route's security schemes must grant.
    pub(crate) scopes: Option<Vec<LitStr>>,
    /// The `response_model_*` filters of the answer.
    pub(crate) response_model: ResponseModelArgs,
}

/// The route's form limits, FastAPI's `form_limits`.
#[derive(Default)]
pub(crate) struct FormLimitArgs {
    pub(crate) max_fields: Option<usize>,
    pub(crate) max_files: Option<usize>,
    /// In bytes.
    pub(crate) max_part_size: Option<usize>,
}

/// `response_model_exclude_none`, `_exclude_defaults`, `_exclude_unset`, `_include = [...]`
/// and `_exclude = [...]`, FastAPI's filters of the answer.
#[derive(Default)]
pub(crate) struct ResponseModelArgs {
    pub(crate) exclude_none: Option<LitBool>,
    pub(crate) exclude_defaults: Option<LitBool>,
    pub(crate) exclude_unset: Option<LitBool>,
    pub(crate) include: Option<Vec<LitStr>>,
    pub(crate) exclude: Option<Vec<LitStr>>,
}

impl Parse for RouteArgs {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        if input.is_empty() {
            return Err(
                input.error("expected the path template, such as `#[get(\"/items/<id>\")]`")
            );
        }
        let lit: LitStr = input.parse().map_err(|e| {
            syn::Error::new(
                e.span(),
                "expected the path template as a string, such as `\"/items/<id>\"`",
            )
        })?;
        let template = PathTemplate::parse(lit)?;
        let mut args = RouteArgs {
            template,
            status: None,
            summary: None,
            description: None,
            operation_id: None,
            shared: SharedOptions::default(),
            body_limit: None,
            rate_limit: None,
            rate_limit_headers: None,
            form_limits: FormLimitArgs::default(),
            scopes: None,
            response_model: ResponseModelArgs::default(),
        };
        if !input.is_empty() {
            input.parse::<Token![,]>()?;
            parse_options(input, |input, lookahead| {
                Ok(args.parse_own(input, lookahead)? || args.shared.parse(input, lookahead)?)
            })?;
        }
        crate::rate::check_headers_flag(args.rate_limit_headers.as_ref(), args.rate_limit)?;
        Ok(args)
    }
}

impl RouteArgs {
    /// The first option given that only an HTTP route has (a websocket route has no answer
    /// to describe or limit).
    pub(crate) fn http_only_option(&self) -> Option<&'static str> {
        let shared = &self.shared;
        let model = &self.response_model;
        [
            ("status", self.status.is_some()),
            ("summary", self.summary.is_some()),
            ("description", self.description.is_some()),
            ("operation_id", self.operation_id.is_some()),
            ("tags", shared.tags.is_some()),
            ("responses", shared.responses.is_some()),
            ("deprecated", shared.deprecated.is_some()),
            ("include_in_schema", shared.include_in_schema.is_some()),
            ("body_limit", self.body_limit.is_some()),
            ("rate_limit", self.rate_limit.is_some()),
            ("rate_limit_headers", self.rate_limit_headers.is_some()),
            ("max_fields", self.form_limits.max_fields.is_some()),
            ("max_files", self.form_limits.max_files.is_some()),
            ("max_part_size", self.form_limits.max_part_size.is_some()),
            ("response_model_exclude_none", model.exclude_none.is_some()),
            (
                "response_model_exclude_defaults",
                model.exclude_defaults.is_some(),
            ),
            (
                "response_model_exclude_unset",
                model.exclude_unset.is_some(),
            ),
            ("response_model_include", model.include.is_some()),
            ("response_model_exclude", model.exclude.is_some()),
        ]
        .into_iter()
        .find_map(|(name, given)| given.then_some(name))
    }

    /// The options only a route has.
    fn parse_own(
        &mut self,
        input: ParseStream<'_>,
        lookahead: &Lookahead1<'_>,
    ) -> syn::Result<bool> {
        parse_keys!(input, lookahead, span;
            status => self.status, check_status(&value(input)?)?;
            summary => self.summary, value(input)?;
            description => self.description, value(input)?;
            operation_id => self.operation_id, value(input)?;
            scopes => self.scopes, parse_list(input)?;
            body_limit => self.body_limit, body_limit(input)?;
            rate_limit => self.rate_limit, crate::rate::rate_limit(input)?;
            rate_limit_headers => self.rate_limit_headers, parse_flag(input, span)?;
            max_fields => self.form_limits.max_fields, count(input, "max_fields")?;
            max_files => self.form_limits.max_files, count(input, "max_files")?;
            max_part_size => self.form_limits.max_part_size, size(input, "max_part_size")?.1;
            response_model_exclude_none => self.response_model.exclude_none, parse_flag(input, span)?;
            response_model_exclude_defaults => self.response_model.exclude_defaults, parse_flag(input, span)?;
            response_model_exclude_unset => self.response_model.exclude_unset, parse_flag(input, span)?;
            response_model_include => self.response_model.include, parse_list(input)?;
            response_model_exclude => self.response_model.exclude, parse_list(input)?;
        );
        Ok(false)
    }
}

/// `= "50MiB"`: the literal and the size in bytes.
fn body_limit(input: ParseStream<'_>) -> syn::Result<(LitStr, usize)> {
    size(input, "body_limit")
}

/// `= "64KiB"` after `key`: the literal and the size in bytes.
fn size(input: ParseStream<'_>, key: &str) -> syn::Result<(LitStr, usize)> {
    let lit: LitStr = value(input)?;
    let bytes = parse_size(&lit.value()).ok_or_else(|| {
        syn::Error::new(
            lit.span(),
            format!(
                "`{key}` is a size such as \"512KiB\", \"50MiB\", \"1GiB\" or \"4096\" (bytes)"
            ),
        )
    })?;
    Ok((lit, bytes))
}

/// `= 100` after `key`: a whole number.
fn count(input: ParseStream<'_>, key: &str) -> syn::Result<usize> {
    let lit: syn::Lit = value(input)?;
    match &lit {
        syn::Lit::Int(int) => int.base10_parse::<usize>().ok(),
        _ => None,
    }
    .ok_or_else(|| {
        syn::Error::new(
            lit.span(),
            format!("`{key}` is a whole number, such as `100`"),
        )
    })
}
