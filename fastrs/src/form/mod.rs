//! Form bodies: urlencoded fields and `multipart/form-data` parts, read under Starlette's limits
//! (fields, files, part size) and answered in its words when one is broken.

#[cfg(feature = "multipart")]
mod multipart;
#[cfg(feature = "multipart")]
mod spool;
#[cfg(feature = "multipart")]
mod upload;

use std::fmt;

#[cfg(feature = "multipart")]
pub(crate) use multipart::{boundary, read_multipart};
#[cfg(feature = "multipart")]
pub use upload::UploadFile;

/// The most non-file fields a form may have, unless limited otherwise (Starlette's default).
pub const DEFAULT_MAX_FIELDS: usize = 1000;
/// The most files a multipart form may have, unless limited otherwise (Starlette's default).
#[cfg_attr(not(feature = "multipart"), allow(dead_code))]
pub const DEFAULT_MAX_FILES: usize = 1000;
/// The largest non-file field, in bytes, unless limited otherwise (Starlette's 1 MiB).
pub const DEFAULT_MAX_PART_SIZE: usize = 1024 * 1024;

/// The limits of form parsing, as FastAPI's `form_limits`: how many fields and files a form
/// may have, and how large a field that is not a file may be. A limit not set is inherited:
/// a route's from the app's ([`App::form_limits`](crate::App::form_limits)), the app's from
/// Starlette's defaults (1000 fields, 1000 files, 1 MiB).
///
/// The body as a whole is bounded by the body limit (`body_limit`), files included.
///
/// ```
/// use fastrs::{App, FormLimits};
///
/// let app = App::empty().form_limits(FormLimits::new().max_files(10).max_part_size(64 * 1024));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct FormLimits {
    fields: Option<usize>,
    files: Option<usize>,
    part_size: Option<usize>,
}

impl FormLimits {
    /// No limit set: every one is inherited.
    pub const fn new() -> Self {
        Self {
            fields: None,
            files: None,
            part_size: None,
        }
    }

    /// The most non-file fields; one more answers 400
    /// `{"detail":"Too many fields. Maximum number of fields is N."}`.
    #[must_use]
    pub const fn max_fields(mut self, count: usize) -> Self {
        self.fields = Some(count);
        self
    }

    /// The most files of a multipart form; one more answers 400
    /// `{"detail":"Too many files. Maximum number of files is N."}`.
    #[must_use]
    pub const fn max_files(mut self, count: usize) -> Self {
        self.files = Some(count);
        self
    }

    /// The largest non-file field, in bytes; a larger one answers 400 with Starlette's
    /// `Part exceeded maximum size of NKB.` (multipart) or `Field exceeded maximum size of
    /// NKB.` (urlencoded, counting the encoded name and value).
    #[must_use]
    pub const fn max_part_size(mut self, bytes: usize) -> Self {
        self.part_size = Some(bytes);
        self
    }

    /// These limits, each one not set taken from `base`.
    #[must_use]
    pub(crate) const fn or(self, base: FormLimits) -> FormLimits {
        FormLimits {
            fields: match self.fields {
                Some(n) => Some(n),
                None => base.fields,
            },
            files: match self.files {
                Some(n) => Some(n),
                None => base.files,
            },
            part_size: match self.part_size {
                Some(n) => Some(n),
                None => base.part_size,
            },
        }
    }

    pub(crate) fn fields(&self) -> usize {
        self.fields.unwrap_or(DEFAULT_MAX_FIELDS)
    }

    #[cfg_attr(not(feature = "multipart"), allow(dead_code))]
    pub(crate) fn files(&self) -> usize {
        self.files.unwrap_or(DEFAULT_MAX_FILES)
    }

    pub(crate) fn part_size(&self) -> usize {
        self.part_size.unwrap_or(DEFAULT_MAX_PART_SIZE)
    }
}

/// A form as read: its fields and files under their names, in the order sent.
#[derive(Debug, Default)]
pub(crate) struct FormData {
    pub(crate) items: Vec<(String, FormValue)>,
}

/// One value of a form.
#[derive(Debug)]
pub(crate) enum FormValue {
    /// A field that is not a file.
    Text(String),
    /// A file part of a multipart form.
    #[cfg(feature = "multipart")]
    File(UploadFile),
}

impl FormData {
    /// The text values under `key`, in order.
    pub(crate) fn texts<'a>(&'a self, key: &'a str) -> impl DoubleEndedIterator<Item = &'a str> {
        self.items.iter().filter_map(move |(k, v)| match v {
            FormValue::Text(text) if k == key => Some(text.as_str()),
            _ => None,
        })
    }

    /// Every text field, in order.
    #[cfg_attr(not(feature = "multipart"), allow(clippy::unnecessary_filter_map))]
    pub(crate) fn all_texts(&self) -> impl Iterator<Item = (&str, &str)> {
        self.items.iter().filter_map(|(k, v)| match v {
            FormValue::Text(text) => Some((k.as_str(), text.as_str())),
            #[cfg(feature = "multipart")]
            FormValue::File(_) => None,
        })
    }

    /// Every value under `key`, in order.
    #[cfg(feature = "multipart")]
    pub(crate) fn values<'a>(
        &'a self,
        key: &'a str,
    ) -> impl DoubleEndedIterator<Item = &'a FormValue> {
        self.items
            .iter()
            .filter(move |(k, _)| k == key)
            .map(|(_, v)| v)
    }
}

/// Why a form was refused.
#[derive(Debug)]
pub(crate) enum FormError {
    /// Starlette's 400, with its message.
    Invalid(String),
    /// The body stream failed: over the body limit, too slow, or cut; the reader of the body
    /// answers as for any body.
    #[cfg_attr(not(feature = "multipart"), allow(dead_code))]
    Body(Box<dyn std::error::Error + Send + Sync>),
    /// A file part could not be stored: FastAPI's 400 `There was an error parsing the body`.
    #[cfg_attr(not(feature = "multipart"), allow(dead_code))]
    Storage(std::io::Error),
}

impl fmt::Display for FormError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FormError::Invalid(message) => f.write_str(message),
            FormError::Body(_) | FormError::Storage(_) => {
                f.write_str("There was an error parsing the body")
            }
        }
    }
}

/// `int(size / 1024)` as Starlette words a size limit.
fn kilobytes(bytes: usize) -> usize {
    bytes / 1024
}

fn too_many_fields(limits: &FormLimits) -> FormError {
    FormError::Invalid(format!(
        "Too many fields. Maximum number of fields is {}.",
        limits.fields()
    ))
}

/// An `application/x-www-form-urlencoded` body, read as Starlette's `FormParser` does: the
/// encoded name and value of each field count toward `max_part_size`, and each field toward
/// `max_fields`.
pub(crate) fn parse_urlencoded(body: &[u8], limits: &FormLimits) -> Result<FormData, FormError> {
    let mut items = Vec::new();
    for field in body.split(|&b| b == b'&') {
        if field.is_empty() {
            continue;
        }
        // The encoded name and value; the first `=` between them is part of neither.
        let encoded_size = field.len() - usize::from(field.contains(&b'='));
        if encoded_size > limits.part_size() {
            return Err(FormError::Invalid(format!(
                "Field exceeded maximum size of {}KB.",
                kilobytes(limits.part_size())
            )));
        }
        if items.len() + 1 > limits.fields() {
            return Err(too_many_fields(limits));
        }
        let (name, value) = form_urlencoded::parse(field)
            .next()
            .unwrap_or_else(|| (String::new().into(), String::new().into()));
        items.push((name.into_owned(), FormValue::Text(value.into_owned())));
    }
    Ok(FormData { items })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(data: &FormData) -> Vec<(&str, &str)> {
        data.all_texts().collect()
    }

    #[test]
    fn urlencoded_fields_decode_in_order() {
        let data = parse_urlencoded(b"a=1&b=x+y&&a=%C3%A9&c", &FormLimits::new()).unwrap();
        assert_eq!(
            texts(&data),
            [("a", "1"), ("b", "x y"), ("a", "é"), ("c", "")]
        );
        assert_eq!(data.texts("a").collect::<Vec<_>>(), ["1", "é"]);
    }

    #[test]
    fn urlencoded_limits_are_starlettes() {
        let limits = FormLimits::new().max_fields(2).max_part_size(2048);
        let error = parse_urlencoded(b"a=1&b=2&c=3", &limits).unwrap_err();
        assert_eq!(
            error.to_string(),
            "Too many fields. Maximum number of fields is 2."
        );
        assert!(parse_urlencoded(b"a=1&b=2", &limits).is_ok());
        // The name and value, encoded, without the `=`: 2048 bytes pass, 2049 do not.
        let body = format!("n={}", "x".repeat(2047));
        assert!(parse_urlencoded(body.as_bytes(), &limits).is_ok());
        let body = format!("n={}", "x".repeat(2048));
        let error = parse_urlencoded(body.as_bytes(), &limits).unwrap_err();
        assert_eq!(error.to_string(), "Field exceeded maximum size of 2KB.");
    }

    #[test]
    fn limits_inherit_one_by_one() {
        let app = FormLimits::new().max_files(3).max_fields(4);
        let route = FormLimits::new().max_fields(1);
        let both = route.or(app);
        assert_eq!(
            (both.fields(), both.files(), both.part_size()),
            (1, 3, 1 << 20)
        );
    }
}
