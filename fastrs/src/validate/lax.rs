//! pydantic's lax coercions of strings to numbers and booleans, and their errors.

use std::borrow::Cow;

use serde_json::{Value, json};

use crate::spec::Num;

/// Why a string is not a valid value, as a pydantic error `type`, message and `ctx`.
#[derive(Debug, Clone, PartialEq)]
pub struct ScalarError {
    /// pydantic's error type, such as `int_parsing`.
    pub kind: &'static str,
    /// pydantic's message.
    pub msg: Cow<'static, str>,
    /// pydantic's `ctx`, when the type has one.
    pub ctx: Option<Value>,
    /// The number read, when the string was a number that the type cannot hold: a bound
    /// declared on the parameter then names the error instead of the type's range.
    /// Boxed: it is rare, and a parse result stays small.
    pub(crate) number: Option<Box<Num>>,
}

impl ScalarError {
    /// An error with no `ctx`.
    pub fn new(kind: &'static str, msg: impl Into<Cow<'static, str>>) -> Self {
        Self {
            kind,
            msg: msg.into(),
            ctx: None,
            number: None,
        }
    }

    /// Adds a `ctx`.
    #[must_use]
    pub fn with_ctx(mut self, ctx: Value) -> Self {
        self.ctx = Some(ctx);
        self
    }
}

pub(crate) const INT_PARSING: &str =
    "Input should be a valid integer, unable to parse string as an integer";
pub(crate) const FLOAT_PARSING: &str =
    "Input should be a valid number, unable to parse string as a number";
pub(crate) const BOOL_PARSING: &str = "Input should be a valid boolean, unable to interpret input";

/// Parses an integer as pydantic does from a string: surrounding whitespace, `_` between digits
/// and a fraction of zeros (`"5.00"`) are accepted. An integer beyond `i128`, which Python
/// holds, saturates to `i128::MIN` or `i128::MAX`: every Rust type then refuses it as out of
/// range (`i128` itself checks [`beyond_i128`]).
pub(crate) fn parse_int(raw: &str) -> Option<i128> {
    let s = raw.trim();
    match s.parse::<i128>() {
        Ok(i) => return Some(i),
        Err(e) if matches!(e.kind(), std::num::IntErrorKind::PosOverflow) => {
            return Some(i128::MAX);
        }
        Err(e) if matches!(e.kind(), std::num::IntErrorKind::NegOverflow) => {
            return Some(i128::MIN);
        }
        Err(_) => {}
    }
    let s = match s.split_once('.') {
        Some((int, frac)) if !int.is_empty() && frac.bytes().all(|b| b == b'0') => int,
        _ => s,
    };
    let bytes = s.as_bytes();
    let underscores_ok = bytes.iter().enumerate().all(|(i, &b)| {
        b != b'_'
            || (i > 0
                && bytes[i - 1].is_ascii_digit()
                && bytes.get(i + 1).is_some_and(u8::is_ascii_digit))
    });
    if !underscores_ok {
        return None;
    }
    let cleaned: Cow<'_, str> = if s.contains('_') {
        Cow::Owned(s.replace('_', ""))
    } else {
        Cow::Borrowed(s)
    };
    match cleaned.parse::<i128>() {
        Ok(i) => Some(i),
        Err(e) if matches!(e.kind(), std::num::IntErrorKind::PosOverflow) => Some(i128::MAX),
        Err(e) if matches!(e.kind(), std::num::IntErrorKind::NegOverflow) => Some(i128::MIN),
        Err(_) => None,
    }
}

/// Whether [`parse_int`] saturated: the string's integer is beyond `i128`.
pub(crate) fn beyond_i128(raw: &str, parsed: i128) -> bool {
    (parsed == i128::MAX || parsed == i128::MIN)
        && raw
            .trim()
            .replace('_', "")
            .split('.')
            .next()
            .and_then(|s| s.parse::<i128>().ok())
            != Some(parsed)
}

/// Parses a float as Python's `float()` does from a string.
pub(crate) fn parse_float(raw: &str) -> Option<f64> {
    let s = raw.trim();
    if let Ok(f) = s.parse::<f64>() {
        return Some(f);
    }
    if s.contains('_') {
        return s.replace('_', "").parse::<f64>().ok();
    }
    None
}

/// pydantic's strings for `true` and `false`.
pub(crate) fn parse_bool(raw: &str) -> Option<bool> {
    match raw.to_ascii_lowercase().as_str() {
        "1" | "on" | "t" | "true" | "y" | "yes" => Some(true),
        "0" | "off" | "f" | "false" | "n" | "no" => Some(false),
        _ => None,
    }
}

/// An integer out of the Rust type's range gets the bound it broke, as the documentation
/// states the type's range as `minimum` and `maximum`, unless the parameter declares a bound
/// that the number breaks too (see [`ScalarError::number`]).
pub(crate) fn out_of_range(i: i128, min: i128, max: i128) -> ScalarError {
    let mut error = out_of_type_range(i, min, max);
    error.number = Some(Box::new(Num::Int(i)));
    error
}

fn out_of_type_range(i: i128, min: i128, max: i128) -> ScalarError {
    // `i128::MIN` is also where an integer below `i128` saturates.
    if i < min || i == i128::MIN {
        ScalarError::new(
            "greater_than_equal",
            format!("Input should be greater than or equal to {min}"),
        )
        .with_ctx(json!({ "ge": Num::Int(min).to_json() }))
    } else {
        ScalarError::new(
            "less_than_equal",
            format!("Input should be less than or equal to {max}"),
        )
        .with_ctx(json!({ "le": Num::Int(max).to_json() }))
    }
}

/// pydantic's `'a', 'b' or 'c'`.
pub(crate) fn expected_list(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|v| format!("'{v}'")).collect();
    match quoted.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
    }
}
