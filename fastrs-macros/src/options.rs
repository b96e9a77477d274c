//! The options routes and routers share: `tags`, `dependencies`, `responses(...)`,
//! `deprecated` and `include_in_schema`, parsed once for both.

use syn::parse::{Lookahead1, ParseStream};
use syn::{LitBool, LitStr, Token};

use crate::attr::{parse_flag, parse_list, set_once};
use crate::responses::{ResponseEntry, parse_responses};

mod kw {
    syn::custom_keyword!(tags);
    syn::custom_keyword!(dependencies);
    syn::custom_keyword!(responses);
    syn::custom_keyword!(deprecated);
    syn::custom_keyword!(include_in_schema);
}

/// The shared options, each at most once.
#[derive(Default)]
pub(crate) struct SharedOptions {
    /// `tags = ["items"]`.
    pub(crate) tags: Option<Vec<LitStr>>,
    /// `dependencies = [verify_token]`.
    pub(crate) dependencies: Option<Vec<syn::Path>>,
    /// `responses(404 = Message, ...)`.
    pub(crate) responses: Option<Vec<ResponseEntry>>,
    /// `deprecated`, or `deprecated = false`.
    pub(crate) deprecated: Option<LitBool>,
    /// `include_in_schema = false`.
    pub(crate) include_in_schema: Option<LitBool>,
}

impl SharedOptions {
    /// Parses the option at `input` when it is one of these (`true`); otherwise leaves it,
    /// having offered each of these keys to `lookahead` for its error message.
    pub(crate) fn parse(
        &mut self,
        input: ParseStream<'_>,
        lookahead: &Lookahead1<'_>,
    ) -> syn::Result<bool> {
        if lookahead.peek(kw::tags) {
            let key = input.parse::<kw::tags>()?;
            set_once(&mut self.tags, parse_list(input)?, "tags", key.span)?;
        } else if lookahead.peek(kw::dependencies) {
            let key = input.parse::<kw::dependencies>()?;
            let list = parse_list(input)?;
            set_once(&mut self.dependencies, list, "dependencies", key.span)?;
        } else if lookahead.peek(kw::responses) {
            let key = input.parse::<kw::responses>()?;
            let entries = parse_responses(input)?;
            set_once(&mut self.responses, entries, "responses", key.span)?;
        } else if lookahead.peek(kw::deprecated) {
            let key = input.parse::<kw::deprecated>()?;
            let flag = parse_flag(input, key.span)?;
            set_once(&mut self.deprecated, flag, "deprecated", key.span)?;
        } else if lookahead.peek(kw::include_in_schema) {
            let key = input.parse::<kw::include_in_schema>()?;
            input.parse::<Token![=]>()?;
            let flag = input.parse()?;
            set_once(
                &mut self.include_in_schema,
                flag,
                "include_in_schema",
                key.span,
            )?;
        } else {
            return Ok(false);
        }
        Ok(true)
    }

    /// Whether `deprecated` is set.
    pub(crate) fn is_deprecated(&self) -> bool {
        self.deprecated.as_ref().is_some_and(LitBool::value)
    }

    /// Whether the documentation shows the operations (`include_in_schema` not `false`).
    pub(crate) fn is_included(&self) -> bool {
        self.include_in_schema.as_ref().is_none_or(LitBool::value)
    }
}
