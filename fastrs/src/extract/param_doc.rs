//! `ParamDoc`: the schema and requiredness of a path, query, header or cookie parameter.

use schemars::JsonSchema;
use schemars::generate::SchemaGenerator;
use serde_json::{Value, json};

use super::{ParamType, Scalar};

/// A parameter type the documentation can describe: a documented scalar, or an `Option` or
/// `Vec` of one.
#[diagnostic::on_unimplemented(
    message = "`{Self}` has no JSON schema for the documentation",
    label = "not documented",
    note = "derive `schemars::JsonSchema` for it, as for any type in the OpenAPI document"
)]
pub trait ParamDoc: ParamType {
    /// The schema, and whether the parameter is required when it has no default.
    fn param_schema(generator: &mut SchemaGenerator) -> (Value, bool);
}

fn scalar<T: JsonSchema>(generator: &mut SchemaGenerator) -> Value {
    generator.subschema_for::<T>().to_value()
}

fn nullable(schema: Value) -> Value {
    json!({ "anyOf": [schema, { "type": "null" }] })
}

fn array(items: Value) -> Value {
    json!({ "type": "array", "items": items })
}

impl<T: Scalar + JsonSchema> ParamDoc for T {
    fn param_schema(generator: &mut SchemaGenerator) -> (Value, bool) {
        (scalar::<T>(generator), true)
    }
}

impl<T: Scalar + JsonSchema> ParamDoc for Option<T> {
    fn param_schema(generator: &mut SchemaGenerator) -> (Value, bool) {
        (nullable(scalar::<T>(generator)), false)
    }
}

impl<T: Scalar + JsonSchema> ParamDoc for Vec<T> {
    fn param_schema(generator: &mut SchemaGenerator) -> (Value, bool) {
        (array(scalar::<T>(generator)), true)
    }
}

impl<T: Scalar + JsonSchema> ParamDoc for Option<Vec<T>> {
    fn param_schema(generator: &mut SchemaGenerator) -> (Value, bool) {
        (nullable(array(scalar::<T>(generator))), false)
    }
}
