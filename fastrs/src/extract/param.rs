//! `ParamType`: a parameter read from strings: one scalar, an `Option`, or a `Vec` of them.

use serde_json::Value;

use super::scalar::Scalar;
use crate::error::{Loc, ValidationError};
use crate::spec::{ParamSpec, Source};
use crate::validate::constraints::{check_list, check_number, check_str, to_error};

/// What a source found for one parameter.
pub enum Found<T> {
    /// A valid value.
    Value(T),
    /// Nothing was sent.
    Missing,
    /// Something was sent and refused; the errors are recorded.
    Invalid,
}

/// A parameter read from the strings of one source: `T`, `Option<T>` or `Vec<T>` where
/// `T: Scalar`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be a path, query, header or cookie value",
    label = "not a scalar value, `Option` or `Vec` of one",
    note = "the trait `fastrs::Scalar` is missing: numbers, `bool`, `String`, `char` and `Uuid` implement it, and `#[derive(fastrs::Scalar)]` adds it to an enum of unit variants or a newtype"
)]
pub trait ParamType: Sized + Send {
    /// Whether one value is read (a scalar or an `Option` of one) rather than all of them.
    #[doc(hidden)]
    const SINGLE: bool = true;

    /// Reads the value from every string sent under the parameter's name, in order.
    #[doc(hidden)]
    fn from_values<'v, I>(values: I, at: &mut At<'_>) -> Found<Self>
    where
        I: DoubleEndedIterator<Item = &'v str>;

    /// The value when nothing was sent and there is no default: `None` for an `Option`,
    /// else the parameter is required.
    #[doc(hidden)]
    fn missing() -> Option<Self>;
}

/// Where a parameter is being read, and where its errors go.
#[doc(hidden)]
pub struct At<'a> {
    pub(crate) spec: &'static ParamSpec,
    pub(crate) source: Source,
    pub(crate) errors: &'a mut Vec<ValidationError>,
}

impl At<'_> {
    fn loc(&self, index: Option<usize>) -> Vec<Loc> {
        let mut loc = vec![Loc::from(self.source.loc_name()), Loc::from(self.spec.key)];
        loc.extend(index.map(Loc::Index));
        loc
    }

    fn push(&mut self, error: ValidationError) {
        self.errors.push(error.at_source(self.source));
    }

    /// Parses one string and checks the number and string constraints.
    fn scalar<T: Scalar>(&mut self, raw: &str, index: Option<usize>) -> Option<T> {
        match T::parse(raw) {
            Ok(value) => {
                let failed = value
                    .as_number()
                    .and_then(|n| check_number(self.spec, n))
                    .or_else(|| value.as_str().and_then(|s| check_str(self.spec, s)));
                match failed {
                    None => Some(value),
                    Some(failed) => {
                        let error = to_error(failed, self.loc(index), Value::from(raw));
                        self.push(error);
                        None
                    }
                }
            }
            Err(e) => {
                // A number the type cannot hold: a declared bound it breaks names the error,
                // as in pydantic, where the type has no range.
                if let Some(failed) = e.number.and_then(|n| check_number(self.spec, *n)) {
                    self.push(to_error(failed, self.loc(index), Value::from(raw)));
                    return None;
                }
                let mut error = ValidationError::new(e.kind, self.loc(index), e.msg, raw.into());
                if let Some(ctx) = e.ctx {
                    error = error.with_ctx(ctx);
                }
                self.push(error);
                None
            }
        }
    }

    pub(crate) fn missing(&mut self) {
        let error = ValidationError::new("missing", self.loc(None), "Field required", Value::Null);
        self.push(error);
    }
}

impl<T: Scalar> ParamType for T {
    fn from_values<'v, I>(mut values: I, at: &mut At<'_>) -> Found<Self>
    where
        I: DoubleEndedIterator<Item = &'v str>,
    {
        // Several values for a single parameter: the last one wins, as in Starlette's query
        // and form multidicts and its cookie dict; a header's first, as `Headers.get` reads.
        let raw = if at.source == Source::Header {
            values.next()
        } else {
            values.next_back()
        };
        match raw {
            None => Found::Missing,
            Some(raw) => at.scalar(raw, None).map_or(Found::Invalid, Found::Value),
        }
    }

    fn missing() -> Option<Self> {
        None
    }
}

impl<T: Scalar> ParamType for Option<T> {
    fn from_values<'v, I>(values: I, at: &mut At<'_>) -> Found<Self>
    where
        I: DoubleEndedIterator<Item = &'v str>,
    {
        match T::from_values(values, at) {
            Found::Value(v) => Found::Value(Some(v)),
            Found::Missing => Found::Missing,
            Found::Invalid => Found::Invalid,
        }
    }

    fn missing() -> Option<Self> {
        Some(None)
    }
}

impl<T: Scalar> ParamType for Vec<T> {
    const SINGLE: bool = false;

    fn from_values<'v, I>(values: I, at: &mut At<'_>) -> Found<Self>
    where
        I: DoubleEndedIterator<Item = &'v str>,
    {
        let raws: Vec<&str> = values.collect();
        if raws.is_empty() {
            return Found::Missing;
        }
        let mut items = Vec::with_capacity(raws.len());
        let mut ok = true;
        for (i, raw) in raws.iter().enumerate() {
            match at.scalar::<T>(raw, Some(i)) {
                Some(v) => items.push(v),
                None => ok = false,
            }
        }
        if let Some(failed) = check_list(at.spec, raws.len()) {
            let input = Value::from(raws.iter().map(|r| Value::from(*r)).collect::<Vec<_>>());
            let error = to_error(failed, at.loc(None), input);
            at.push(error);
            ok = false;
        }
        if ok {
            Found::Value(items)
        } else {
            Found::Invalid
        }
    }

    fn missing() -> Option<Self> {
        None
    }
}

impl<T: Scalar> ParamType for Option<Vec<T>> {
    const SINGLE: bool = false;

    fn from_values<'v, I>(values: I, at: &mut At<'_>) -> Found<Self>
    where
        I: DoubleEndedIterator<Item = &'v str>,
    {
        match Vec::<T>::from_values(values, at) {
            Found::Value(v) => Found::Value(Some(v)),
            Found::Missing => Found::Missing,
            Found::Invalid => Found::Invalid,
        }
    }

    fn missing() -> Option<Self> {
        Some(None)
    }
}
