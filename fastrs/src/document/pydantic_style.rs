//! Model schemas as pydantic writes them: titled properties, `anyOf [T, null]` for optional
//! fields, and the integer bounds a Rust type implies.

use fastrs_openapi::naming;
use schemars::Schema;
use serde_json::{Map, Value, json};

/// Rewrites one schema; schemars applies it to every subschema.
pub(crate) fn transform(schema: &mut Schema) {
    let Some(fields) = schema.as_object_mut() else {
        return;
    };
    nullable_as_any_of(fields);
    implied_bounds(fields);
    if let Some(Value::Object(properties)) = fields.get_mut("properties") {
        for (name, property) in properties.iter_mut() {
            if let Value::Object(property) = property
                && !property.contains_key("title")
                && !is_bare_ref(property)
                && !is_nullable_ref_object(property)
            {
                property.insert("title".into(), naming::title(name).into());
            }
        }
    }
}

fn is_bare_ref(fields: &Map<String, Value>) -> bool {
    fields.len() == 1 && fields.contains_key("$ref")
}

/// `{"anyOf": [{"$ref": ...}, {"type": "null"}]}`, an optional model, which pydantic does
/// not title as a field.
pub(crate) fn is_nullable_ref(schema: &Value) -> bool {
    schema.as_object().is_some_and(is_nullable_ref_object)
}

fn is_nullable_ref_object(fields: &Map<String, Value>) -> bool {
    let Some(Value::Array(variants)) = fields.get("anyOf") else {
        return false;
    };
    matches!(variants.as_slice(), [model, null]
        if model.as_object().is_some_and(is_bare_ref) && *null == json!({ "type": "null" }))
}

/// `schema`, rewritten as pydantic writes it, at every depth.
pub(crate) fn transformed(schema: Value) -> Value {
    use schemars::transform::{RecursiveTransform, Transform};
    match Schema::try_from(schema.clone()) {
        Ok(mut schema) => {
            RecursiveTransform(transform).transform(&mut schema);
            schema.to_value()
        }
        Err(_) => schema,
    }
}

/// `{"type": ["integer", "null"], "format": "int32"}` becomes
/// `{"anyOf": [{"type": "integer", "format": "int32"}, {"type": "null"}]}`.
fn nullable_as_any_of(fields: &mut Map<String, Value>) {
    let Some(Value::Array(types)) = fields.get("type") else {
        return;
    };
    let others: Vec<Value> = types.iter().filter(|t| *t != "null").cloned().collect();
    if others.len() == types.len() || others.len() != 1 {
        return;
    }
    let kept = ["title", "description", "default", "examples", "deprecated"];
    let mut inner = Map::new();
    inner.insert("type".into(), others[0].clone());
    let keys: Vec<String> = fields.keys().cloned().collect();
    for key in keys {
        if key != "type"
            && !kept.contains(&key.as_str())
            && let Some(value) = fields.remove(&key)
        {
            inner.insert(key, value);
        }
    }
    fields.remove("type");
    let mut rebuilt = Map::new();
    rebuilt.insert("anyOf".into(), json!([inner, { "type": "null" }]));
    rebuilt.extend(std::mem::take(fields));
    *fields = rebuilt;
}

/// `u32` is `minimum 0, maximum 4294967295`, bounds the runtime enforces; a bound given
/// explicitly on a side replaces the implied one.
pub(crate) fn implied_bounds(fields: &mut Map<String, Value>) {
    let range: Option<(i128, i128)> = match fields.get("format").and_then(Value::as_str) {
        Some("int8") => Some((i8::MIN.into(), i8::MAX.into())),
        Some("int16") => Some((i16::MIN.into(), i16::MAX.into())),
        Some("int32") => Some((i32::MIN.into(), i32::MAX.into())),
        Some("int64") => Some((i64::MIN.into(), i64::MAX.into())),
        Some("uint8") => Some((0, u8::MAX.into())),
        Some("uint16") => Some((0, u16::MAX.into())),
        Some("uint32") => Some((0, u32::MAX.into())),
        Some("uint64") => Some((0, u64::MAX.into())),
        _ => None,
    };
    if let Some((min, max)) = range {
        let num = |n: i128| crate::extract::Num::Int(n).to_json();
        if !fields.contains_key("minimum") && !fields.contains_key("exclusiveMinimum") {
            fields.insert("minimum".into(), num(min));
        }
        if !fields.contains_key("maximum") && !fields.contains_key("exclusiveMaximum") {
            fields.insert("maximum".into(), num(max));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(value: Value) -> Value {
        use schemars::transform::{RecursiveTransform, Transform};
        let mut schema: Schema = value.try_into().unwrap();
        RecursiveTransform(transform).transform(&mut schema);
        schema.to_value()
    }

    #[test]
    fn optional_fields_titles_and_bounds() {
        assert_eq!(
            run(json!({"type": ["integer", "null"], "format": "uint8", "description": "d"})),
            json!({"anyOf": [{"type": "integer", "format": "uint8", "minimum": 0, "maximum": 255}, {"type": "null"}], "description": "d"})
        );
        assert_eq!(
            run(
                json!({"type": "object", "properties": {"item_id": {"type": "string"}, "r": {"$ref": "#/x"}}})
            ),
            json!({"type": "object", "properties": {"item_id": {"type": "string", "title": "Item Id"}, "r": {"$ref": "#/x"}}})
        );
    }
}
