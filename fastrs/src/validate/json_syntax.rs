//! `json_invalid`: broken JSON, reported as Python's `json` module words it.

use serde_json::json;

use crate::error::{Loc, ValidationError};
use crate::spec::Source;

/// The error for a body that is not JSON: `loc` is `["body", <character offset>]`.
pub(crate) fn json_invalid(text: &[u8], err: &serde_json::Error) -> ValidationError {
    let chars = String::from_utf8_lossy(text);
    let offset = if err.is_eof() {
        chars.chars().count()
    } else {
        char_offset(&chars, err.line(), err.column())
    };
    let message = python_message(&err.to_string());
    ValidationError::new(
        "json_invalid",
        vec![Loc::from("body"), Loc::Index(offset)],
        "JSON decode error",
        json!({}),
    )
    .with_ctx(json!({ "error": message }))
    .at_source(Source::Body)
}

/// serde_json's 1-based line and column (the column in bytes) to a character offset.
fn char_offset(text: &str, line: usize, column: usize) -> usize {
    let mut offset = 0;
    for (i, l) in text.split_inclusive('\n').enumerate() {
        if i + 1 == line {
            let byte = column.saturating_sub(1).min(l.len());
            let byte = (0..=byte)
                .rev()
                .find(|&b| l.is_char_boundary(b))
                .unwrap_or(0);
            return offset + l[..byte].chars().count();
        }
        offset += l.chars().count();
    }
    offset
}

fn python_message(serde_message: &str) -> &'static str {
    let m = serde_message;
    if m.starts_with("key must be a string") || m.starts_with("EOF while parsing an object") {
        "Expecting property name enclosed in double quotes"
    } else if m.starts_with("expected `:`") {
        "Expecting ':' delimiter"
    } else if m.starts_with("expected `,` or") || m.starts_with("EOF while parsing a list") {
        "Expecting ',' delimiter"
    } else if m.starts_with("trailing characters") {
        "Extra data"
    } else if m.starts_with("invalid escape") {
        "Invalid \\escape"
    } else if m.starts_with("control character") {
        "Invalid control character at"
    } else if m.starts_with("EOF while parsing a string") {
        "Unterminated string starting at"
    } else if m.starts_with("recursion limit exceeded") {
        // Python has no such limit below its own stack; fastrs refuses what serde_json does.
        "Nesting too deep: more than 128 levels of arrays and objects"
    } else if m.starts_with("number out of range") {
        // Python reads `1e400` as infinity, which FastAPI then fails to answer (500).
        "Number out of range"
    } else {
        "Expecting value"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    fn error_for(text: &str) -> Value {
        let err = serde_json::from_str::<Value>(text).unwrap_err();
        serde_json::to_value(json_invalid(text.as_bytes(), &err)).unwrap()
    }

    #[test]
    fn offsets_and_messages_match_python() {
        // json.loads('{"a": }') -> Expecting value: line 1 column 7 (char 6)
        assert_eq!(error_for(r#"{"a": }"#)["loc"], json!(["body", 6]));
        assert_eq!(
            error_for(r#"{"a": }"#)["ctx"],
            json!({"error": "Expecting value"})
        );
        // json.loads('{"a" 1}') -> Expecting ':' delimiter: (char 5)
        assert_eq!(error_for(r#"{"a" 1}"#)["loc"], json!(["body", 5]));
        assert_eq!(
            error_for(r#"{"a" 1}"#)["ctx"]["error"],
            "Expecting ':' delimiter"
        );
        // json.loads('{"a": 1') -> Expecting ',' delimiter: (char 7)
        assert_eq!(error_for(r#"{"a": 1"#)["loc"], json!(["body", 7]));
        // json.loads('{"é": x}') -> Expecting value (char 6), counted in characters
        assert_eq!(error_for("{\"é\": x}")["loc"], json!(["body", 6]));
    }

    #[test]
    fn limits_of_the_parser_have_their_own_words() {
        let deep = format!("{}1{}", "[".repeat(200), "]".repeat(200));
        assert_eq!(
            error_for(&deep)["ctx"]["error"],
            "Nesting too deep: more than 128 levels of arrays and objects"
        );
        assert_eq!(error_for("[1e400]")["ctx"]["error"], "Number out of range");
    }
}
