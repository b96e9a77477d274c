//! Files of a multipart form: `UploadFile`, `Option<UploadFile>` and `Vec<UploadFile>`
//! parameters, read by their own kind, [`FileKind`], and documented as FastAPI documents them.

use std::marker::PhantomData;

use serde_json::{Value, json};

use super::kind::{NotADependency, Validator};
use super::{Cx, Found, ParamSpec, Source};
use crate::context::{Fact, Meta};
use crate::error::{Loc, ValidationError};
use crate::form::{FormValue, UploadFile};

/// A parameter read from the files of a `multipart/form-data` body: [`UploadFile`],
/// `Option<UploadFile>` or `Vec<UploadFile>`. Without an attribute (or under `#[form]` or
/// `#[file]`), such a parameter is the file part of its name.
pub trait FormFile: Sized + Send {
    /// Whether every file sent under the name is read (a `Vec`), rather than the last one.
    #[doc(hidden)]
    const LIST: bool;

    /// The value of the files sent, at least one.
    #[doc(hidden)]
    fn from_files(files: Vec<UploadFile>) -> Self;

    /// The value when nothing was sent and there is no default: `None` for an `Option`.
    #[doc(hidden)]
    fn missing() -> Option<Self>;

    /// Its schema, and whether its type needs a value.
    #[doc(hidden)]
    fn file_schema() -> (Value, bool);
}

/// FastAPI's schema of a file: a string of octets.
fn one_file() -> Value {
    json!({"type": "string", "contentMediaType": "application/octet-stream"})
}

impl FormFile for UploadFile {
    const LIST: bool = false;

    fn from_files(mut files: Vec<UploadFile>) -> Self {
        files.pop().expect("at least one file")
    }

    fn missing() -> Option<Self> {
        None
    }

    fn file_schema() -> (Value, bool) {
        (one_file(), true)
    }
}

impl FormFile for Option<UploadFile> {
    const LIST: bool = false;

    fn from_files(files: Vec<UploadFile>) -> Self {
        Some(UploadFile::from_files(files))
    }

    fn missing() -> Option<Self> {
        Some(None)
    }

    fn file_schema() -> (Value, bool) {
        (json!({"anyOf": [one_file(), {"type": "null"}]}), false)
    }
}

impl FormFile for Vec<UploadFile> {
    const LIST: bool = true;

    fn from_files(files: Vec<UploadFile>) -> Self {
        files
    }

    fn missing() -> Option<Self> {
        None
    }

    fn file_schema() -> (Value, bool) {
        (json!({"items": one_file(), "type": "array"}), true)
    }
}

impl Cx<'_> {
    /// Reads file parameter `spec`: the last file sent under its name, or every one for a
    /// list. As in FastAPI, an empty text value counts as nothing sent, and another text
    /// value is refused with `value_error`.
    pub fn file<T: FormFile>(
        &mut self,
        spec: &'static ParamSpec,
        default: Option<fn() -> T>,
    ) -> Option<T> {
        match self.files_of::<T>(spec) {
            Found::Value(v) => Some(v),
            Found::Invalid => None,
            Found::Missing => match default.map(|d| d()).or_else(T::missing) {
                Some(v) => Some(v),
                None => {
                    let loc = vec![Loc::from("body"), Loc::from(spec.key)];
                    let error = ValidationError::new("missing", loc, "Field required", Value::Null);
                    self.errors.push(error.at_source(Source::Form));
                    None
                }
            },
        }
    }

    fn files_of<T: FormFile>(&mut self, spec: &'static ParamSpec) -> Found<T> {
        let form = self.body.form();
        // A browser sends a file input left empty as a file with no name and no content:
        // none, as FastAPI's `_is_empty_file_input` says; so is an empty text for one file.
        let empty = |value: &FormValue| match value {
            FormValue::File(file) => file.filename().is_empty() && file.size() == 0,
            FormValue::Text(text) => !T::LIST && text.is_empty(),
        };
        let mut values: Vec<&FormValue> = form.values(spec.key).collect();
        if T::LIST {
            values.retain(|value| !empty(value));
        } else {
            values.drain(..values.len().saturating_sub(1));
            values.retain(|value| !empty(value));
        }
        if values.is_empty() {
            return Found::Missing;
        }
        let mut files = Vec::with_capacity(values.len());
        let mut errors = Vec::new();
        for (i, value) in values.into_iter().enumerate() {
            match value {
                FormValue::File(file) => files.push(file.clone()),
                FormValue::Text(text) => {
                    let mut loc = vec![Loc::from("body"), Loc::from(spec.key)];
                    loc.extend(T::LIST.then_some(Loc::Index(i)));
                    let error = ValidationError::new(
                        "value_error",
                        loc,
                        "Value error, Expected UploadFile, received: <class 'str'>",
                        Value::from(text.as_str()),
                    )
                    .with_ctx(json!({"error": {}}));
                    errors.push(error.at_source(Source::Form));
                }
            }
        }
        if errors.is_empty() {
            Found::Value(T::from_files(files))
        } else {
            self.errors.extend(errors);
            Found::Invalid
        }
    }
}

/// A file parameter: `UploadFile`, `Option<UploadFile>` or `Vec<UploadFile>`.
pub struct FileKind<T>(PhantomData<fn() -> T>);

impl<T> Clone for FileKind<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for FileKind<T> {}

/// The probe level that gives [`FileKind`].
pub trait IsFile<T> {
    /// The kind of `T`.
    fn __fastrs_kind(&self) -> FileKind<T> {
        FileKind(PhantomData)
    }
}

impl<T: FormFile> IsFile<T> for &&&super::kind::Probe<T> {}

impl<T> FileKind<T> {
    /// Nothing to resolve before the parameters are read.
    pub fn resolve(self, _: &mut Cx<'_>) -> NotADependency<T> {
        super::kind::not_a_dependency()
    }

    /// Not a JSON body parameter, but the body is read, as a form.
    pub fn body_count(self, _: &'static ParamSpec) -> super::BodyNeed {
        super::BodyNeed::FORM
    }

    /// Not a body: nothing.
    pub fn describe_body(self, _: &mut Meta, _: &'static ParamSpec, _: Validator<T>) {}
}

impl<T: FormFile> FileKind<T> {
    super::kind::reading!(T;
        /// Reads the files of the parameter's name.
        fn read(self, cx, spec, default, _) {
            cx.file(spec, default)
        }
    );

    super::kind::reading!(T;
        /// Reads the files of the parameter's name.
        fn read_unmarked(self, cx, spec, default, _, _) {
            cx.file(spec, default)
        }
    );

    /// A file field of the multipart body.
    pub fn describe(self, meta: &mut Meta, spec: &'static ParamSpec, _: Validator<T>) {
        meta.push(Fact::File {
            spec,
            schema: |_| T::file_schema(),
        });
    }
}
