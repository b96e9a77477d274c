//! Walks a JSON value against its type's JSON schema: pydantic's lax coercions and errors.

use std::borrow::Cow;

use serde_json::value::RawValue;
use serde_json::{Map, Number, Value, json};

use super::constraints::{
    pattern_mismatch, string_too_long, string_too_short, to_error, too_long, too_short,
};
use super::lax::{
    BOOL_PARSING, FLOAT_PARSING, INT_PARSING, expected_list, out_of_range, parse_bool, parse_float,
    parse_int,
};
use crate::error::{Loc, ValidationError};
use crate::spec::Source;

/// Checks a value against a schema, coercing strings to numbers and booleans where pydantic's
/// lax mode does, and records one error per problem.
pub(crate) struct Walker<'s> {
    root: &'s Value,
    source: Source,
    /// The JSON text walked, with the length of the `loc` it starts at: where a number that
    /// a JSON value holds as a float was sent as an integer, or the other way round.
    text: Option<(&'s RawValue, usize)>,
    pub(crate) errors: Vec<ValidationError>,
}

impl<'s> Walker<'s> {
    pub(crate) fn new(root: &'s Value, source: Source) -> Self {
        Self {
            root,
            source,
            text: None,
            errors: Vec::new(),
        }
    }

    /// Walks a value parsed from `text`, found at a `loc` of length `base`.
    pub(crate) fn with_text(mut self, text: &'s RawValue, base: usize) -> Self {
        self.text = Some((text, base));
        self
    }

    /// The number at `loc` as sent, when the JSON text is known.
    fn sent_number(&self, loc: &[Loc]) -> Option<&'s str> {
        let (mut at, base) = self.text?;
        for component in loc.get(base..)? {
            at = match component {
                Loc::Key(key) => {
                    let object: std::collections::HashMap<Cow<'s, str>, &'s RawValue> =
                        serde_json::from_str(at.get()).ok()?;
                    object.get(key.as_ref()).copied()?
                }
                Loc::Index(i) => {
                    let items: Vec<&'s RawValue> = serde_json::from_str(at.get()).ok()?;
                    items.get(*i).copied()?
                }
            };
        }
        Some(at.get().trim())
    }

    fn error(&mut self, kind: &'static str, loc: &[Loc], msg: &'static str, input: &Value) {
        let error = ValidationError::new(kind, loc.to_vec(), msg, input.clone());
        self.errors.push(error.at_source(self.source));
    }

    fn failed(&mut self, failed: (&'static str, String, Value), loc: &[Loc], input: &Value) {
        let error = to_error(failed, loc.to_vec(), input.clone());
        self.errors.push(error.at_source(self.source));
    }

    fn resolve(&self, schema: &'s Value) -> &'s Value {
        resolve_ref(self.root, schema)
    }

    /// Walks `value` at `loc`; returns whether it is valid.
    pub(crate) fn walk(
        &mut self,
        schema: &'s Value,
        value: &mut Value,
        loc: &mut Vec<Loc>,
    ) -> bool {
        let before = self.errors.len();
        self.walk_inner(schema, value, loc);
        self.errors.len() == before
    }

    fn walk_inner(&mut self, schema: &'s Value, value: &mut Value, loc: &mut Vec<Loc>) {
        let schema = self.resolve(schema);
        let Some(obj) = schema.as_object() else {
            return;
        };
        if let Some(all) = obj.get("allOf").and_then(Value::as_array) {
            for sub in all {
                self.walk_inner(sub, value, loc);
            }
        }
        if let Some(variants) = obj
            .get("anyOf")
            .or_else(|| obj.get("oneOf"))
            .and_then(Value::as_array)
        {
            self.walk_union(variants, value, loc);
            return;
        }
        if let Some(allowed) = obj.get("enum").and_then(Value::as_array) {
            if !allowed.contains(value) {
                self.enum_error(allowed, value, loc);
            }
            return;
        }
        if let Some(constant) = obj.get("const") {
            if constant != value {
                self.enum_error(std::slice::from_ref(constant), value, loc);
            }
            return;
        }
        let types: Vec<&str> = match obj.get("type") {
            Some(Value::String(t)) => vec![t.as_str()],
            Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
            _ => return,
        };
        if value.is_null() && types.contains(&"null") {
            return;
        }
        match types.iter().find(|t| **t != "null").copied() {
            Some("integer") => self.integer(obj, value, loc),
            Some("number") => self.number(obj, value, loc),
            Some("boolean") => self.boolean(value, loc),
            Some("string") => self.string(obj, value, loc),
            Some("array") => self.array(obj, value, loc),
            Some("object") => self.object(obj, value, loc),
            _ => {}
        }
    }

    fn walk_union(&mut self, variants: &'s [Value], value: &mut Value, loc: &mut Vec<Loc>) {
        let nullable = variants.iter().any(|v| self.allows_only_null(v));
        if value.is_null() && nullable {
            return;
        }
        let others: Vec<&'s Value> = variants
            .iter()
            .filter(|v| !self.allows_only_null(v))
            .collect();
        let literals: Option<Vec<Value>> = others
            .iter()
            .map(|v| self.resolve(v).get("const").cloned())
            .collect();
        if let Some(literals) = literals.filter(|l| !l.is_empty()) {
            if !literals.contains(value) {
                self.enum_error(&literals, value, loc);
            }
            return;
        }
        if let [only] = others.as_slice() {
            self.walk_inner(only, value, loc);
            return;
        }
        let saved = std::mem::take(&mut self.errors);
        let mut first_errors = None;
        for variant in &others {
            let mut candidate = value.clone();
            self.walk_inner(variant, &mut candidate, loc);
            let errors = std::mem::take(&mut self.errors);
            if errors.is_empty() {
                *value = candidate;
                first_errors = Some(Vec::new());
                break;
            }
            first_errors.get_or_insert(errors);
        }
        self.errors = saved;
        self.errors.extend(first_errors.unwrap_or_default());
    }

    fn allows_only_null(&self, schema: &Value) -> bool {
        let schema = self.resolve(schema);
        schema.get("type").and_then(Value::as_str) == Some("null")
    }

    fn enum_error(&mut self, allowed: &[Value], value: &Value, loc: &[Loc]) {
        let names: Vec<String> = allowed
            .iter()
            .map(|v| match v {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            })
            .collect();
        let expected = expected_list(&names);
        let kind = if allowed.len() == 1 {
            "literal_error"
        } else {
            "enum"
        };
        let error = ValidationError::new(
            kind,
            loc.to_vec(),
            format!("Input should be {expected}"),
            value.clone(),
        )
        .with_ctx(json!({ "expected": expected }));
        self.errors.push(error.at_source(self.source));
    }

    fn integer(&mut self, schema: &Map<String, Value>, value: &mut Value, loc: &[Loc]) {
        let before = self.errors.len();
        // An integer beyond 64 bits, which the value holds as a float: read as sent, and
        // echoed exactly as pydantic does.
        let mut exact = None;
        let int = match &*value {
            Value::Number(n) => match n.as_i64().map(i128::from) {
                Some(i) => Some(i),
                None => match n.as_u64() {
                    Some(u) => Some(i128::from(u)),
                    None => {
                        let sent = self.sent_number(loc);
                        let literal = sent.filter(|s| !s.contains(['.', 'e', 'E']));
                        match literal.and_then(parse_int) {
                            Some(i) => {
                                exact = literal;
                                Some(i)
                            }
                            None => match self.float_as_int(n, value, loc) {
                                Some(i) => Some(i),
                                None => return,
                            },
                        }
                    }
                },
            },
            Value::String(s) => match parse_int(s) {
                Some(i) => Some(i),
                None => return self.error("int_parsing", loc, INT_PARSING, value),
            },
            Value::Bool(b) => Some(i128::from(*b)),
            _ => None,
        };
        let Some(i) = int else {
            return self.error("int_type", loc, "Input should be a valid integer", value);
        };
        self.check_integer(schema, i, value, loc);
        if let Some(exact) = exact {
            for error in &mut self.errors[before..] {
                error.set_exact_input(exact);
            }
        }
    }

    /// pydantic's integer from a float: whole, and within 64 bits.
    fn float_as_int(&mut self, n: &Number, value: &Value, loc: &[Loc]) -> Option<i128> {
        let f = n.as_f64().unwrap_or(f64::NAN);
        if f.fract() != 0.0 || f.is_nan() {
            self.error(
                "int_from_float",
                loc,
                "Input should be a valid integer, got a number with a fractional part",
                value,
            );
            return None;
        }
        // pydantic's limit is `i64`'s range.
        const LIMIT: f64 = 9_223_372_036_854_775_808.0;
        if !(-LIMIT..LIMIT).contains(&f) {
            self.error(
                "int_parsing_size",
                loc,
                "Unable to parse input string as an integer, exceeded maximum size",
                value,
            );
            return None;
        }
        Some(f as i128)
    }

    /// The bounds of an integer read: declared, then the Rust type's.
    fn check_integer(
        &mut self,
        schema: &Map<String, Value>,
        i: i128,
        value: &mut Value,
        loc: &[Loc],
    ) {
        // Declared bounds first: pydantic's `int` has no range, so a declared bound that the
        // number breaks names the error, and the Rust type's range only the rest.
        if !self.bounds(schema, i as f64, value, loc) {
            return;
        }
        if let Some((min, max)) = schema
            .get("format")
            .and_then(Value::as_str)
            .and_then(int_format_range)
            && (i < min || i > max)
        {
            let e = out_of_range(i, min, max);
            let error = ValidationError::new(e.kind, loc.to_vec(), e.msg, value.clone())
                .with_ctx(e.ctx.unwrap_or_default());
            self.errors.push(error.at_source(self.source));
            return;
        }
        let n = i64::try_from(i)
            .map(Number::from)
            .or_else(|_| u64::try_from(i).map(Number::from));
        if let Ok(n) = n {
            *value = Value::Number(n);
        }
    }

    fn number(&mut self, schema: &Map<String, Value>, value: &mut Value, loc: &[Loc]) {
        let f = match &*value {
            Value::Number(n) => n.as_f64(),
            Value::String(s) => match parse_float(s) {
                Some(f) => Some(f),
                None => return self.error("float_parsing", loc, FLOAT_PARSING, value),
            },
            Value::Bool(b) => Some(f64::from(u8::from(*b))),
            _ => None,
        };
        let Some(f) = f else {
            return self.error("float_type", loc, "Input should be a valid number", value);
        };
        if self.bounds(schema, f, value, loc)
            && !value.is_number()
            && let Some(n) = Number::from_f64(f)
        {
            *value = Value::Number(n);
        }
    }

    /// `maximum`, `exclusiveMaximum`, `minimum`, `exclusiveMinimum`, in pydantic's order.
    fn bounds(&mut self, schema: &Map<String, Value>, n: f64, input: &Value, loc: &[Loc]) -> bool {
        let checks = [
            ("maximum", "less_than_equal", "less than or equal to", "le"),
            ("exclusiveMaximum", "less_than", "less than", "lt"),
            (
                "minimum",
                "greater_than_equal",
                "greater than or equal to",
                "ge",
            ),
            ("exclusiveMinimum", "greater_than", "greater than", "gt"),
        ];
        for (keyword, kind, words, key) in checks {
            let Some(bound) = schema.get(keyword).filter(|b| b.is_number()) else {
                continue;
            };
            let b = bound.as_f64().unwrap_or(f64::NAN);
            let ok = match key {
                "le" => n <= b,
                "lt" => n < b,
                "ge" => n >= b,
                _ => n > b,
            };
            if !ok {
                let msg = format!("Input should be {words} {bound}");
                self.failed((kind, msg, json!({ key: bound })), loc, input);
                return false;
            }
        }
        true
    }

    fn boolean(&mut self, value: &mut Value, loc: &[Loc]) {
        let b = match &*value {
            Value::Bool(_) => return,
            Value::String(s) => match parse_bool(s) {
                Some(b) => b,
                None => return self.error("bool_parsing", loc, BOOL_PARSING, value),
            },
            Value::Number(n) if n.as_u64() == Some(0) => false,
            Value::Number(n) if n.as_u64() == Some(1) => true,
            _ => return self.error("bool_type", loc, "Input should be a valid boolean", value),
        };
        *value = Value::Bool(b);
    }

    fn string(&mut self, schema: &Map<String, Value>, value: &mut Value, loc: &[Loc]) {
        let Value::String(s) = &*value else {
            return self.error("string_type", loc, "Input should be a valid string", value);
        };
        let len = s.chars().count();
        let min = schema.get("minLength").and_then(Value::as_u64);
        let max = schema.get("maxLength").and_then(Value::as_u64);
        if let Some(min) = min.filter(|&m| (len as u64) < m) {
            return self.failed(string_too_short(min as usize), loc, value);
        }
        if let Some(max) = max.filter(|&m| (len as u64) > m) {
            return self.failed(string_too_long(max as usize), loc, value);
        }
        // With the program's engine: one that declares no parameter's pattern links none, and
        // leaves the patterns of its models to garde (`crate::pattern`).
        if let Some(pattern) = schema.get("pattern").and_then(Value::as_str)
            && let Some(compile) = crate::pattern::linked()
            && compile(pattern).is_ok_and(|re| !re.is_match(s))
        {
            self.failed(pattern_mismatch(pattern), loc, value);
        }
    }

    fn array(&mut self, schema: &'s Map<String, Value>, value: &mut Value, loc: &mut Vec<Loc>) {
        let Value::Array(items) = value else {
            return self.error("list_type", loc, "Input should be a valid list", value);
        };
        let prefix = schema.get("prefixItems").and_then(Value::as_array);
        let rest = schema.get("items");
        for (i, item) in items.iter_mut().enumerate() {
            let item_schema = prefix.and_then(|p| p.get(i)).or(rest);
            if let Some(item_schema) = item_schema {
                loc.push(Loc::Index(i));
                self.walk_inner(item_schema, item, loc);
                loc.pop();
            }
        }
        let len = items.len();
        let min = schema.get("minItems").and_then(Value::as_u64);
        let max = schema.get("maxItems").and_then(Value::as_u64);
        if let Some(min) = min.filter(|&m| (len as u64) < m) {
            self.failed(too_short(min as usize, len), loc, value);
        } else if let Some(max) = max.filter(|&m| (len as u64) > m) {
            self.failed(too_long(max as usize, len), loc, value);
        }
    }

    fn object(&mut self, schema: &'s Map<String, Value>, value: &mut Value, loc: &mut Vec<Loc>) {
        let properties = schema.get("properties").and_then(Value::as_object);
        let Value::Object(fields) = value else {
            let (kind, msg) = if properties.is_some() {
                (
                    "model_attributes_type",
                    "Input should be a valid dictionary or object to extract fields from",
                )
            } else {
                ("dict_type", "Input should be a valid dictionary")
            };
            return self.error(kind, loc, msg, value);
        };
        let required: Vec<&str> = schema
            .get("required")
            .and_then(Value::as_array)
            .map(|r| r.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        let original = required
            .iter()
            .any(|r| !fields.contains_key(*r))
            .then(|| Value::Object(fields.clone()));
        for (name, prop) in properties.into_iter().flatten() {
            loc.push(Loc::from(name.clone()));
            match fields.get_mut(name) {
                Some(field) => self.walk_inner(prop, field, loc),
                None if required.contains(&name.as_str()) => {
                    let input = original.as_ref().unwrap_or(&Value::Null);
                    self.error("missing", loc, "Field required", input);
                }
                None => {}
            }
            loc.pop();
        }
        match schema.get("additionalProperties") {
            Some(Value::Bool(false)) => {
                for (key, extra) in fields.iter() {
                    if properties.is_some_and(|p| p.contains_key(key)) {
                        continue;
                    }
                    loc.push(Loc::from(key.clone()));
                    self.error(
                        "extra_forbidden",
                        loc,
                        "Extra inputs are not permitted",
                        extra,
                    );
                    loc.pop();
                }
            }
            Some(extra_schema @ Value::Object(_)) => {
                for (key, extra) in fields.iter_mut() {
                    if properties.is_some_and(|p| p.contains_key(key)) {
                        continue;
                    }
                    loc.push(Loc::from(key.clone()));
                    self.walk_inner(extra_schema, extra, loc);
                    loc.pop();
                }
            }
            _ => {}
        }
    }
}

/// `schema`, or what its `$ref` points to in `root` (`true`, anything, when nothing).
pub(crate) fn resolve_ref<'s>(root: &'s Value, schema: &'s Value) -> &'s Value {
    let mut schema = schema;
    for _ in 0..32 {
        match schema.get("$ref").and_then(Value::as_str) {
            Some(r) => match r.strip_prefix('#').and_then(|p| root.pointer(p)) {
                Some(target) => schema = target,
                None => return &Value::Bool(true),
            },
            None => break,
        }
    }
    schema
}

/// The range a schemars integer `format` implies.
fn int_format_range(format: &str) -> Option<(i128, i128)> {
    Some(match format {
        "int8" => (i8::MIN.into(), i8::MAX.into()),
        "int16" => (i16::MIN.into(), i16::MAX.into()),
        "int32" => (i32::MIN.into(), i32::MAX.into()),
        "int64" => (i64::MIN.into(), i64::MAX.into()),
        "uint8" => (0, u8::MAX.into()),
        "uint16" => (0, u16::MAX.into()),
        "uint32" => (0, u32::MAX.into()),
        "uint64" => (0, u64::MAX.into()),
        _ => return None,
    })
}
