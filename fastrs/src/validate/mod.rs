//! Turning refused input into pydantic's errors: JSON syntax, schema walk, garde reports.
//!
//! These run only on the error path: a body that serde accepts and garde passes never reaches
//! them.

pub(crate) mod constraints;
mod garde_report;
mod json_syntax;
pub(crate) mod lax;
mod lax_value;
mod schema_walk;

pub(crate) use garde_report::garde_errors;
pub(crate) use json_syntax::json_invalid;
pub(crate) use lax_value::LaxValue;
pub(crate) use schema_walk::{Walker, resolve_ref};

use schemars::{Schema, generate::SchemaSettings};

/// The JSON schema of `T`, draft 2020-12, with its definitions under `$defs`.
pub(crate) fn schema_for<T: schemars::JsonSchema>() -> Schema {
    SchemaSettings::draft2020_12()
        .into_generator()
        .into_root_schema_for::<T>()
}

/// The JSON schema of parameter `spec`'s type `T`, made once, with the parameter's declared
/// number bounds (`#[body(le = 100)] n: u32`): the walker checks them before the range of
/// the Rust type, as pydantic, whose `int` has no range, names the declared bound.
pub(crate) fn param_schema<T: schemars::JsonSchema>(spec: &crate::spec::ParamSpec) -> &Schema {
    spec.__schema.get_or_init(|| {
        let mut schema = schema_for::<T>();
        let is_number = |t: &serde_json::Value| matches!(t.as_str(), Some("integer" | "number"));
        let numeric = match schema.get("type") {
            Some(serde_json::Value::Array(types)) => types.iter().any(is_number),
            Some(t) => is_number(t),
            None => false,
        };
        if numeric {
            let bounds = [
                ("maximum", spec.le),
                ("exclusiveMaximum", spec.lt),
                ("minimum", spec.ge),
                ("exclusiveMinimum", spec.gt),
            ];
            for (keyword, bound) in bounds {
                if let Some(bound) = bound {
                    schema.insert(keyword.to_owned(), bound.value.to_json());
                }
            }
        }
        schema
    })
}

/// Deserializes a value that serde refused, missing from an absent field: `Option` gives
/// `None`, anything else is required.
pub(crate) fn absent<T: serde::de::DeserializeOwned>() -> Option<T> {
    T::deserialize(Absent).ok()
}

struct Absent;

impl<'de> serde::Deserializer<'de> for Absent {
    type Error = serde::de::value::Error;

    fn deserialize_any<V: serde::de::Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
        Err(serde::de::Error::custom("missing"))
    }

    fn deserialize_option<V: serde::de::Visitor<'de>>(
        self,
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        visitor.visit_none()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}
