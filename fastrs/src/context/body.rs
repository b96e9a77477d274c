//! The request body as received, and what was parsed from it, once.

use std::cell::OnceCell;

use bytes::Bytes;
use serde_json::Value;

/// The body as received, and what was parsed from it.
#[derive(Default)]
pub(crate) struct BodyData {
    pub(crate) bytes: Bytes,
    /// The content type is JSON: only then is the body parsed as JSON.
    pub(crate) json: bool,
    /// The content type is `application/x-www-form-urlencoded`: only then are there form
    /// fields, as in Starlette.
    pub(crate) urlencoded: bool,
    /// Several body parameters: each is a key of one object.
    pub(crate) embed: bool,
    /// The body parsed once as a JSON value, for embedded parameters and errors. Boxed, as
    /// are the form pairs: both are rare, and the request's future stays small.
    pub(crate) value: OnceCell<Box<Result<Value, ()>>>,
    /// The body was reported already as invalid JSON (once for several body parameters).
    pub(crate) reported: bool,
    // A box of a Vec on purpose: 8 bytes in every request's future rather than 24.
    #[allow(clippy::box_collection)]
    pub(crate) form: OnceCell<Box<Vec<(String, String)>>>,
}

impl BodyData {
    pub(crate) fn form_values<'a>(
        &'a self,
        key: &'a str,
    ) -> impl DoubleEndedIterator<Item = &'a str> + 'a {
        self.form_pairs()
            .iter()
            .filter(move |(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    pub(crate) fn form_values_all(&self) -> impl Iterator<Item = (&str, &str)> + '_ {
        self.form_pairs()
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
    }

    pub(crate) fn form_pairs(&self) -> &[(String, String)] {
        self.form.get_or_init(|| {
            if !self.urlencoded {
                return Box::default();
            }
            Box::new(
                form_urlencoded::parse(&self.bytes)
                    .map(|(k, v)| (k.into_owned(), v.into_owned()))
                    .collect(),
            )
        })
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
