//! Checks `ge`, `gt`, `le`, `lt`, `min_length`, `max_length` and `pattern`, with pydantic's errors.

use serde_json::{Value, json};

use crate::error::{Loc, ValidationError};
use crate::spec::{Num, ParamSpec};

/// The first failed number bound, in pydantic's order (`le`, `lt`, `ge`, `gt`).
pub(crate) fn check_number(spec: &ParamSpec, n: Num) -> Option<(&'static str, String, Value)> {
    use std::cmp::Ordering::*;
    let checks = [
        (
            spec.le,
            "less_than_equal",
            "less than or equal to",
            "le",
            &[Less, Equal][..],
        ),
        (spec.lt, "less_than", "less than", "lt", &[Less][..]),
        (
            spec.ge,
            "greater_than_equal",
            "greater than or equal to",
            "ge",
            &[Greater, Equal][..],
        ),
        (
            spec.gt,
            "greater_than",
            "greater than",
            "gt",
            &[Greater][..],
        ),
    ];
    for (bound, kind, words, key, ok) in checks {
        let Some(bound) = bound else { continue };
        let passes = n.partial_cmp(bound.value).is_some_and(|o| ok.contains(&o));
        if !passes {
            return Some((
                kind,
                format!("Input should be {words} {}", bound.text),
                json!({ key: bound.value.to_json() }),
            ));
        }
    }
    None
}

/// The first failed string constraint: length in characters, then the pattern.
pub(crate) fn check_str(spec: &ParamSpec, s: &str) -> Option<(&'static str, String, Value)> {
    if spec.min_length.is_some() || spec.max_length.is_some() {
        let len = s.chars().count();
        if let Some(min) = spec.min_length.filter(|&min| len < min) {
            return Some(string_too_short(min));
        }
        if let Some(max) = spec.max_length.filter(|&max| len > max) {
            return Some(string_too_long(max));
        }
    }
    if let Some(re) = spec.compiled_pattern()
        && !re.is_match(s)
    {
        return Some(pattern_mismatch(spec.pattern.unwrap_or_default()));
    }
    None
}

/// The first failed constraint of a JSON value (a singular `#[body]` value).
pub(crate) fn check_json(spec: &ParamSpec, value: &Value) -> Option<(&'static str, String, Value)> {
    match value {
        Value::Number(n) => {
            let num = n
                .as_i64()
                .map(|i| Num::Int(i.into()))
                .or_else(|| n.as_u64().map(|u| Num::Int(u.into())))
                .unwrap_or_else(|| Num::Float(n.as_f64().unwrap_or(f64::NAN)));
            check_number(spec, num)
        }
        Value::String(s) => check_str(spec, s),
        Value::Array(items) => check_list(spec, items.len()),
        _ => None,
    }
}

/// The failed list-length constraint.
pub(crate) fn check_list(spec: &ParamSpec, len: usize) -> Option<(&'static str, String, Value)> {
    if let Some(min) = spec.min_length.filter(|&min| len < min) {
        return Some(too_short(min, len));
    }
    if let Some(max) = spec.max_length.filter(|&max| len > max) {
        return Some(too_long(max, len));
    }
    None
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

pub(crate) fn string_too_short(min: usize) -> (&'static str, String, Value) {
    (
        "string_too_short",
        format!("String should have at least {}", plural(min, "character")),
        json!({ "min_length": min }),
    )
}

pub(crate) fn string_too_long(max: usize) -> (&'static str, String, Value) {
    (
        "string_too_long",
        format!("String should have at most {}", plural(max, "character")),
        json!({ "max_length": max }),
    )
}

pub(crate) fn pattern_mismatch(pattern: &str) -> (&'static str, String, Value) {
    (
        "string_pattern_mismatch",
        format!("String should match pattern '{pattern}'"),
        json!({ "pattern": pattern }),
    )
}

pub(crate) fn too_short(min: usize, actual: usize) -> (&'static str, String, Value) {
    (
        "too_short",
        format!(
            "List should have at least {} after validation, not {actual}",
            plural(min, "item")
        ),
        json!({ "field_type": "List", "min_length": min, "actual_length": actual }),
    )
}

pub(crate) fn too_long(max: usize, actual: usize) -> (&'static str, String, Value) {
    (
        "too_long",
        format!(
            "List should have at most {} after validation, not {actual}",
            plural(max, "item")
        ),
        json!({ "field_type": "List", "max_length": max, "actual_length": actual }),
    )
}

/// Turns a failed check into an error at `loc`.
pub(crate) fn to_error(
    (kind, msg, ctx): (&'static str, String, Value),
    loc: Vec<Loc>,
    input: Value,
) -> ValidationError {
    ValidationError::new(kind, loc, msg, input).with_ctx(ctx)
}
