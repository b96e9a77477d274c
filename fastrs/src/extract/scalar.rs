//! `Scalar`: a value read from one string of the path, query, a header or a cookie.

use serde_json::json;

use crate::spec::Num;
pub use crate::validate::lax::ScalarError;
use crate::validate::lax::{
    BOOL_PARSING, FLOAT_PARSING, INT_PARSING, beyond_i128, expected_list, out_of_range, parse_bool,
    parse_float, parse_int,
};

/// A value that can be parsed from one string: a path segment, a query value, a header or a
/// cookie.
///
/// Implemented for the integers, floats, `bool`, `String`, `char` and `uuid::Uuid`. Derive it
/// with `#[derive(fastrs::Scalar)]` for an enum of unit variants (the wire names are serde's) or
/// for a newtype around a scalar. A value outside an enum's names answers pydantic's `enum`
/// error, as a Python `Enum` does; with `#[scalar(literal)]` on the enum, the `literal_error`
/// of Python's `Literal["a", "b"]`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be a path, query, header or cookie value",
    label = "not a scalar value",
    note = "the trait `fastrs::Scalar` is missing: numbers, `bool`, `String`, `char` and `Uuid` implement it, and `#[derive(fastrs::Scalar)]` adds it to an enum of unit variants or a newtype",
    note = "a struct of several values can be a parameter model: mark it `#[query]`, `#[header]` or `#[cookie]` and derive `Deserialize` and `JsonSchema`"
)]
pub trait Scalar: Sized + Send {
    /// Parses the raw (already percent-decoded) string.
    fn parse(raw: &str) -> Result<Self, ScalarError>;

    /// The value as a number, for `ge`, `gt`, `le` and `lt`.
    fn as_number(&self) -> Option<Num> {
        None
    }

    /// The value as a string, for `min_length`, `max_length` and `pattern`.
    fn as_str(&self) -> Option<&str> {
        None
    }
}

macro_rules! int_scalar {
    ($($t:ty),*) => {$(
        impl Scalar for $t {
            fn parse(raw: &str) -> Result<Self, ScalarError> {
                let i = parse_int(raw).ok_or_else(|| ScalarError::new("int_parsing", INT_PARSING))?;
                <$t>::try_from(i).map_err(|_| out_of_range(i, <$t>::MIN as i128, <$t>::MAX as i128))
            }
            fn as_number(&self) -> Option<Num> {
                Some(Num::Int(*self as i128))
            }
        }
    )*};
}

int_scalar!(i8, i16, i32, i64, isize, u8, u16, u32, u64, usize);

impl Scalar for i128 {
    fn parse(raw: &str) -> Result<Self, ScalarError> {
        let i = parse_int(raw).ok_or_else(|| ScalarError::new("int_parsing", INT_PARSING))?;
        if beyond_i128(raw, i) {
            return Err(out_of_range(i, i128::MIN, i128::MAX));
        }
        Ok(i)
    }
    fn as_number(&self) -> Option<Num> {
        Some(Num::Int(*self))
    }
}

macro_rules! float_scalar {
    ($($t:ty),*) => {$(
        impl Scalar for $t {
            fn parse(raw: &str) -> Result<Self, ScalarError> {
                parse_float(raw)
                    .map(|f| f as $t)
                    .ok_or_else(|| ScalarError::new("float_parsing", FLOAT_PARSING))
            }
            fn as_number(&self) -> Option<Num> {
                Some(Num::Float(*self as f64))
            }
        }
    )*};
}

float_scalar!(f32, f64);

impl Scalar for bool {
    fn parse(raw: &str) -> Result<Self, ScalarError> {
        parse_bool(raw).ok_or_else(|| ScalarError::new("bool_parsing", BOOL_PARSING))
    }
}

impl Scalar for String {
    fn parse(raw: &str) -> Result<Self, ScalarError> {
        Ok(raw.to_owned())
    }
    fn as_str(&self) -> Option<&str> {
        Some(self)
    }
}

impl Scalar for char {
    fn parse(raw: &str) -> Result<Self, ScalarError> {
        let mut chars = raw.chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) => Ok(c),
            (None, _) => {
                let (kind, msg, ctx) = crate::validate::constraints::string_too_short(1);
                Err(ScalarError::new(kind, msg).with_ctx(ctx))
            }
            (Some(_), Some(_)) => {
                let (kind, msg, ctx) = crate::validate::constraints::string_too_long(1);
                Err(ScalarError::new(kind, msg).with_ctx(ctx))
            }
        }
    }
}

#[cfg(feature = "uuid")]
impl Scalar for uuid::Uuid {
    fn parse(raw: &str) -> Result<Self, ScalarError> {
        uuid::Uuid::parse_str(raw).map_err(|e| {
            let detail = uuid_error(raw, &e);
            ScalarError::new(
                "uuid_parsing",
                format!("Input should be a valid UUID, {detail}"),
            )
            .with_ctx(json!({ "error": detail }))
        })
    }
}

/// pydantic's wording for a bad UUID: the first invalid character, else the uuid crate's reason.
#[cfg(feature = "uuid")]
fn uuid_error(raw: &str, e: &uuid::Error) -> String {
    // Where the UUID itself starts in `raw` (a `{` alone, unclosed, is part of it).
    let (body, offset) = if let Some(body) = raw.strip_prefix("urn:uuid:") {
        (body, "urn:uuid:".len())
    } else if let Some(body) = raw.strip_prefix('{').and_then(|r| r.strip_suffix('}')) {
        (body, 1)
    } else {
        (raw, 0)
    };
    match body
        .char_indices()
        .find(|&(_, c)| !(c.is_ascii_hexdigit() || c == '-'))
    {
        Some((i, c)) => format!("invalid character: found `{c}` at {}", offset + i),
        None => e.to_string(),
    }
}

/// Parses a unit enum from its serde name, for `#[derive(Scalar)]`: pydantic's `enum` error.
#[doc(hidden)]
pub fn parse_enum<T: serde::de::DeserializeOwned>(raw: &str) -> Result<T, ScalarError> {
    parse_variant(raw, "enum")
}

/// Parses a unit enum from its serde name, for `#[derive(Scalar)]` with `#[scalar(literal)]`:
/// pydantic's `literal_error`, as for Python's `Literal["a", "b"]`.
#[doc(hidden)]
pub fn parse_literal<T: serde::de::DeserializeOwned>(raw: &str) -> Result<T, ScalarError> {
    parse_variant(raw, "literal_error")
}

fn parse_variant<T: serde::de::DeserializeOwned>(
    raw: &str,
    kind: &'static str,
) -> Result<T, ScalarError> {
    use serde::de::IntoDeserializer;
    let de: serde::de::value::StrDeserializer<'_, serde::de::value::Error> =
        raw.into_deserializer();
    T::deserialize(de).map_err(|_| {
        let expected = expected_list(&enum_variants::<T>());
        ScalarError::new(kind, format!("Input should be {expected}"))
            .with_ctx(json!({ "expected": expected }))
    })
}

/// The serde names of an enum's variants, read from its `Deserialize` impl.
#[doc(hidden)]
pub fn enum_variants<T: serde::de::DeserializeOwned>() -> Vec<String> {
    let mut names = Vec::new();
    let _ = T::deserialize(VariantNames(&mut names));
    names
}

/// A deserializer that records the variant names serde passes to `deserialize_enum`.
struct VariantNames<'a>(&'a mut Vec<String>);

impl<'de> serde::Deserializer<'de> for VariantNames<'_> {
    type Error = serde::de::value::Error;

    fn deserialize_any<V: serde::de::Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
        Err(serde::de::Error::custom("not an enum"))
    }

    fn deserialize_enum<V: serde::de::Visitor<'de>>(
        self,
        _name: &'static str,
        variants: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value, Self::Error> {
        self.0.extend(variants.iter().map(|v| (*v).to_owned()));
        Err(serde::de::Error::custom("variant names recorded"))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map struct identifier ignored_any
    }
}

#[cfg(all(test, feature = "uuid"))]
mod tests {
    use super::*;

    /// Found by the property tests: an unclosed `{` made the offset underflow (a panic in
    /// debug builds).
    #[test]
    fn an_unclosed_brace_is_an_invalid_uuid() {
        let err = uuid::Uuid::parse("{").unwrap_err();
        assert_eq!(err.kind, "uuid_parsing");
        assert_eq!(
            err.msg,
            "Input should be a valid UUID, invalid character: found `{` at 0"
        );
        let err = uuid::Uuid::parse("{abc").unwrap_err();
        assert_eq!(
            err.msg,
            "Input should be a valid UUID, invalid character: found `{` at 0"
        );
        let err = uuid::Uuid::parse("{zz}").unwrap_err();
        assert_eq!(
            err.msg,
            "Input should be a valid UUID, invalid character: found `z` at 1"
        );
    }
}
