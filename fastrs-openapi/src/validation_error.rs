//! `HTTPValidationError` and `ValidationError`, exactly as FastAPI emits them.

use serde_json::{Value, json};

/// FastAPI's `HTTPValidationError` schema: the 422 body.
pub fn http_validation_error() -> Value {
    json!({
        "properties": {
            "detail": {
                "items": {"$ref": "#/components/schemas/ValidationError"},
                "type": "array",
                "title": "Detail"
            }
        },
        "type": "object",
        "title": "HTTPValidationError"
    })
}

/// FastAPI's `ValidationError` schema: one error of a 422.
pub fn validation_error() -> Value {
    json!({
        "properties": {
            "loc": {
                "items": {"anyOf": [{"type": "string"}, {"type": "integer"}]},
                "type": "array",
                "title": "Location"
            },
            "msg": {"type": "string", "title": "Message"},
            "type": {"type": "string", "title": "Error Type"},
            "input": {"title": "Input"},
            "ctx": {"type": "object", "title": "Context"}
        },
        "type": "object",
        "required": ["loc", "msg", "type"],
        "title": "ValidationError"
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verbatim_as_fastapi() {
        // The bytes of wire.md, key order included.
        assert_eq!(
            serde_json::to_string(&http_validation_error()).unwrap(),
            r##"{"properties":{"detail":{"items":{"$ref":"#/components/schemas/ValidationError"},"type":"array","title":"Detail"}},"type":"object","title":"HTTPValidationError"}"##
        );
        assert_eq!(
            serde_json::to_string(&validation_error()).unwrap(),
            r#"{"properties":{"loc":{"items":{"anyOf":[{"type":"string"},{"type":"integer"}]},"type":"array","title":"Location"},"msg":{"type":"string","title":"Message"},"type":{"type":"string","title":"Error Type"},"input":{"title":"Input"},"ctx":{"type":"object","title":"Context"}},"type":"object","required":["loc","msg","type"],"title":"ValidationError"}"#
        );
    }
}
