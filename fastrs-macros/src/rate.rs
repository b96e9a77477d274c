//! `rate_limit = "5/minute"` and `rate_limit_headers = false`, as a route and a `router!` take
//! them: the rate in slowapi's notation, checked when compiling, and the runtime's `Rate` it
//! becomes.

use proc_macro2::{Literal, TokenStream};
use quote::quote;
use syn::parse::ParseStream;
use syn::{LitBool, LitStr};

use crate::attr::value;
use crate::paths;

/// A rate in slowapi's notation, as `fastrs::ratelimit::Rate` parses it (`"5/minute"`,
/// `"100 per hour"`, `"10/30 seconds"`): its count, multiple and unit in seconds.
fn parse_rate(text: &str) -> Option<RateParts> {
    let lower = text.trim().to_ascii_lowercase();
    let (count, period) = lower
        .split_once('/')
        .or_else(|| lower.split_once(" per "))?;
    let count: u64 = count.trim().parse().ok()?;
    let period = period.trim();
    let digits = period
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(period.len());
    let multiple: u64 = match &period[..digits] {
        "" => 1,
        n => n.parse().ok()?,
    };
    let unit = period[digits..].trim();
    let unit_seconds = match unit.strip_suffix('s').unwrap_or(unit) {
        "second" | "sec" => 1,
        "minute" | "min" => 60,
        "hour" => 3_600,
        "day" => 86_400,
        _ => return None,
    };
    (count > 0 && multiple > 0).then_some(RateParts {
        count,
        multiple,
        unit_seconds,
    })
}

/// `rate_limit = "5/minute"`, parsed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct RateParts {
    pub(crate) count: u64,
    pub(crate) multiple: u64,
    pub(crate) unit_seconds: u64,
}

impl RateParts {
    /// The runtime's `Rate`, built as a constant.
    pub(crate) fn tokens(self) -> TokenStream {
        let rate_ty = paths::rate();
        let [count, multiple, unit] =
            [self.count, self.multiple, self.unit_seconds].map(Literal::u64_unsuffixed);
        quote!(#rate_ty::__from_parts(#count, #multiple, #unit))
    }
}

/// `= "5/minute"`: the rate, checked here.
pub(crate) fn rate_limit(input: ParseStream<'_>) -> syn::Result<RateParts> {
    let lit: LitStr = value(input)?;
    parse_rate(&lit.value()).ok_or_else(|| {
        syn::Error::new(
            lit.span(),
            "`rate_limit` is a rate such as \"5/minute\", \"100 per hour\" or \"10/30 seconds\": a count, `/` or `per`, and a period in seconds, minutes, hours or days",
        )
    })
}

/// `rate_limit_headers` is refused without a `rate_limit`, whose headers it switches.
pub(crate) fn check_headers_flag(
    flag: Option<&LitBool>,
    rate: Option<RateParts>,
) -> syn::Result<()> {
    match (flag, rate) {
        (Some(flag), None) => Err(syn::Error::new(
            flag.span,
            "`rate_limit_headers` says whether a rate limit's headers are sent: add the limit, `rate_limit = \"5/minute\"`",
        )),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::{RateParts, parse_rate};

    /// The notations `fastrs::ratelimit::Rate` is tested with, from the same file.
    #[test]
    fn rates_parse_as_the_runtime_parses_them() {
        let notations = include_str!("../../fastrs/src/ratelimit/notations.txt");
        let lines = notations.lines().filter(|l| !l.starts_with('#'));
        for line in lines {
            let (text, expected) = line.split_once('|').unwrap();
            let (text, expected) = (text.trim(), expected.trim());
            let expected = (expected != "refused").then(|| {
                let numbers: Vec<u64> = expected.split(' ').map(|n| n.parse().unwrap()).collect();
                RateParts {
                    count: numbers[0],
                    multiple: numbers[1],
                    unit_seconds: numbers[2],
                }
            });
            assert_eq!(parse_rate(text), expected, "{text:?}");
        }
    }
}
