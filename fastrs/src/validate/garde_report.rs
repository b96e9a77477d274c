//! garde's report to pydantic's errors: one error per rule that failed, `loc` in serde names.

use std::borrow::Cow;

use garde::i18n::{I18n, InvalidCreditCard, InvalidEmail, InvalidPhoneNumber, InvalidUrl, IpKind};
use serde_json::{Value, json};

use super::constraints::{
    pattern_mismatch, string_too_long, string_too_short, to_error, too_long, too_short,
};
use super::schema_walk::resolve_ref;
use crate::error::{Loc, ValidationError};
use crate::spec::Source;

/// A value garde refused: the report, to be read against the input as received.
pub(crate) struct Rejected(pub(crate) garde::Report);

/// Validates `value` with messages encoded so that the rule and its argument can be read back.
pub(crate) fn garde_errors<T: garde::Validate>(value: &T) -> Result<(), Rejected>
where
    T::Context: Default,
{
    garde::i18n::with_i18n(Encoded, || value.validate()).map_err(Rejected)
}

/// Separates the rule from its argument in an encoded message; never in a user's message.
const MARK: char = '\u{1}';

/// Writes each built-in rule's failure as `MARK rule MARK argument`.
struct Encoded;

fn encode(rule: &str, arg: impl std::fmt::Display) -> Cow<'static, str> {
    Cow::Owned(format!("{MARK}{rule}{MARK}{arg}"))
}

impl I18n for Encoded {
    fn length_lower_than(&self, min: usize) -> Cow<'static, str> {
        encode("length_lower_than", min)
    }
    fn length_greater_than(&self, max: usize) -> Cow<'static, str> {
        encode("length_greater_than", max)
    }
    fn range_lower_than(&self, min: &dyn std::fmt::Display) -> Cow<'static, str> {
        encode("range_lower_than", min)
    }
    fn range_greater_than(&self, max: &dyn std::fmt::Display) -> Cow<'static, str> {
        encode("range_greater_than", max)
    }
    fn pattern_no_match(&self, pattern: &dyn std::fmt::Display) -> Cow<'static, str> {
        encode("pattern_no_match", pattern)
    }
    fn credit_card_invalid(&self, reason: InvalidCreditCard) -> Cow<'static, str> {
        garde::i18n::DefaultI18n.credit_card_invalid(reason)
    }
    fn contains_missing(&self, pattern: &dyn std::fmt::Display) -> Cow<'static, str> {
        garde::i18n::DefaultI18n.contains_missing(pattern)
    }
    fn url_invalid(&self, reason: InvalidUrl) -> Cow<'static, str> {
        garde::i18n::DefaultI18n.url_invalid(reason)
    }
    fn prefix_missing(&self, pattern: &dyn std::fmt::Display) -> Cow<'static, str> {
        garde::i18n::DefaultI18n.prefix_missing(pattern)
    }
    fn suffix_missing(&self, pattern: &dyn std::fmt::Display) -> Cow<'static, str> {
        garde::i18n::DefaultI18n.suffix_missing(pattern)
    }
    fn phone_number_invalid(&self, reason: InvalidPhoneNumber) -> Cow<'static, str> {
        garde::i18n::DefaultI18n.phone_number_invalid(reason)
    }
    fn ip_invalid(&self, kind: IpKind) -> Cow<'static, str> {
        garde::i18n::DefaultI18n.ip_invalid(kind)
    }
    fn matches_field_mismatch(&self, field: &dyn std::fmt::Display) -> Cow<'static, str> {
        garde::i18n::DefaultI18n.matches_field_mismatch(field)
    }
    fn email_invalid(&self, reason: InvalidEmail) -> Cow<'static, str> {
        garde::i18n::DefaultI18n.email_invalid(reason)
    }
    fn ascii_invalid(&self) -> Cow<'static, str> {
        garde::i18n::DefaultI18n.ascii_invalid()
    }
    fn alphanumeric_invalid(&self) -> Cow<'static, str> {
        garde::i18n::DefaultI18n.alphanumeric_invalid()
    }
    fn required_not_set(&self) -> Cow<'static, str> {
        garde::i18n::DefaultI18n.required_not_set()
    }
}

impl Rejected {
    /// One pydantic error per failed rule. `base` is the `loc` of the validated value and
    /// `input` the value as received, to report each error's input and to map Rust field
    /// names to the names on the wire.
    /// The errors come in the fields' declaration order, read from `schema` (garde's derive
    /// reports them by field name), as pydantic reports them.
    pub(crate) fn into_errors(
        self,
        base: &[Loc],
        input: &Value,
        schema: &Value,
        source: Source,
    ) -> Vec<ValidationError> {
        let mut errors: Vec<ValidationError> = self
            .0
            .into_inner()
            .into_iter()
            .map(|(path, error)| {
                let mut loc = base.to_vec();
                let mut at = Some(input);
                for (kind, component) in path.__iter().rev() {
                    match kind {
                        garde::error::Kind::Index => {
                            let i = component.parse::<usize>().unwrap_or_default();
                            at = at.and_then(|v| v.get(i));
                            loc.push(Loc::Index(i));
                        }
                        garde::error::Kind::Key => {
                            let key = wire_key(at, component);
                            at = at.and_then(|v| v.get(&key));
                            loc.push(Loc::from(key));
                        }
                        garde::error::Kind::None => {}
                    }
                }
                let input = at.cloned().unwrap_or(Value::Null);
                pydantic_error(error.message(), loc, input).at_source(source)
            })
            .collect();
        // A stable sort: the rules of one field keep garde's order.
        errors.sort_by_cached_key(|e| declaration_order(schema, &e.loc()[base.len()..]));
        errors
    }
}

/// Where `loc` is declared in `schema`: each key's position among its object's properties,
/// each index as is. Properties come in declaration order (schemars keeps it).
fn declaration_order(schema: &Value, loc: &[Loc]) -> Vec<usize> {
    let mut at = Some(schema);
    loc.iter()
        .map(|component| {
            let here = at.map(|at| resolve_ref(schema, at));
            match component {
                Loc::Key(key) => {
                    let properties = here
                        .and_then(|s| s.get("properties"))
                        .and_then(Value::as_object);
                    let position = properties.and_then(|p| p.keys().position(|k| k == key));
                    at = properties.and_then(|p| p.get(key.as_ref()));
                    position.unwrap_or(usize::MAX)
                }
                Loc::Index(i) => {
                    at = here.and_then(|s| s.get("items"));
                    *i
                }
            }
        })
        .collect()
}

/// The key on the wire for a Rust field name: itself, or the key of the received object that
/// differs only by case and `_`/`-` (serde's `rename_all`).
fn wire_key(at: Option<&Value>, rust_name: &str) -> String {
    let Some(object) = at.and_then(Value::as_object) else {
        return rust_name.to_owned();
    };
    if object.contains_key(rust_name) {
        return rust_name.to_owned();
    }
    let norm = |s: &str| -> String {
        s.chars()
            .filter(|c| *c != '_' && *c != '-')
            .flat_map(char::to_lowercase)
            .collect()
    };
    let wanted = norm(rust_name);
    object
        .keys()
        .find(|k| norm(k) == wanted)
        .cloned()
        .unwrap_or_else(|| rust_name.to_owned())
}

fn pydantic_error(message: &str, loc: Vec<Loc>, input: Value) -> ValidationError {
    let decoded = message
        .strip_prefix(MARK)
        .and_then(|rest| rest.split_once(MARK));
    let Some((rule, arg)) = decoded else {
        return ValidationError::new("value_error", loc, format!("Value error, {message}"), input)
            .with_ctx(json!({ "error": {} }));
    };
    let is_list = input.is_array();
    let len = match &input {
        Value::Array(a) => a.len(),
        Value::String(s) => s.chars().count(),
        _ => 0,
    };
    let n = arg.parse::<usize>().unwrap_or_default();
    let failed = match rule {
        "length_lower_than" if is_list => too_short(n, len),
        "length_lower_than" => string_too_short(n),
        "length_greater_than" if is_list => too_long(n, len),
        "length_greater_than" => string_too_long(n),
        "range_lower_than" => (
            "greater_than_equal",
            format!("Input should be greater than or equal to {arg}"),
            json!({ "ge": number(arg) }),
        ),
        "range_greater_than" => (
            "less_than_equal",
            format!("Input should be less than or equal to {arg}"),
            json!({ "le": number(arg) }),
        ),
        _ => pattern_mismatch(arg),
    };
    to_error(failed, loc, input)
}

/// A bound as a JSON number when it reads as one.
fn number(text: &str) -> Value {
    serde_json::from_str::<serde_json::Number>(text)
        .map(Value::Number)
        .unwrap_or_else(|_| Value::from(text))
}
