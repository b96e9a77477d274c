//! The request body as received, and what was parsed from it, once.

use std::cell::OnceCell;

use bytes::Bytes;
use serde_json::Value;

use crate::form::FormData;

/// The body as received, and what was parsed from it.
#[derive(Default)]
pub(crate) struct BodyData {
    pub(crate) bytes: Bytes,
    /// The content type is JSON: only then is the body parsed as JSON.
    pub(crate) json: bool,
    /// Several body parameters: each is a key of one object.
    pub(crate) embed: bool,
    /// The body parsed once as a JSON value, for embedded parameters and errors. Boxed, as
    /// are the form pairs: both are rare, and the request's future stays small.
    pub(crate) value: OnceCell<Box<Result<Value, ()>>>,
    /// The body was reported already as invalid JSON (once for several body parameters).
    pub(crate) reported: bool,
    /// The form, read with the body by a reader of form fields or files (urlencoded or
    /// multipart, as in Starlette); boxed, as it is rare.
    pub(crate) form: OnceCell<Box<FormData>>,
}

impl BodyData {
    /// The form read with the body; empty when the body is not a form.
    pub(crate) fn form(&self) -> &FormData {
        self.form.get_or_init(Box::default)
    }

    pub(crate) fn form_values<'a>(
        &'a self,
        key: &'a str,
    ) -> impl DoubleEndedIterator<Item = &'a str> + 'a {
        self.form().texts(key)
    }

    pub(crate) fn form_values_all(&self) -> impl Iterator<Item = (&str, &str)> + '_ {
        self.form().all_texts()
    }

    /// The body as a JSON value: parsed JSON, or the raw text when the content type is not
    /// JSON (pydantic then refuses it with the text as input).
    pub(crate) fn value(&self) -> &Result<Value, ()> {
        self.value.get_or_init(|| {
            Box::new(if self.json {
                serde_json::from_slice(&self.bytes).map_err(|_| ())
            } else {
                Ok(Value::String(
                    String::from_utf8_lossy(&self.bytes).into_owned(),
                ))
            })
        })
    }
}
