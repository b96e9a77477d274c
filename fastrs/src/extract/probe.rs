//! The compile-time choices that are independent of a parameter's kind (autoref
//! specialization, as in [`super::kind`]): whether a value has garde rules to run (asked of the
//! kind's own probe, `(&&&&Probe::<T>::new()).__fastrs_validator()`), and whether a default can
//! be documented.

use std::marker::PhantomData;

use super::kind::{Probe, Validator};
use super::{Cx, ParamSpec};

/// `T: garde::Validate`: its rules run after it is read.
pub trait ViaGarde<T> {
    /// The check that runs garde on a value and records each failed rule.
    fn __fastrs_validator(&self) -> Validator<T>;
}

impl<T: garde::Validate + schemars::JsonSchema> ViaGarde<T> for &&&&Probe<T>
where
    T::Context: Default,
{
    fn __fastrs_validator(&self) -> Validator<T> {
        Some(validate::<T>)
    }
}

fn validate<T: garde::Validate + schemars::JsonSchema>(
    value: &T,
    cx: &mut Cx<'_>,
    spec: &'static ParamSpec,
) where
    T::Context: Default,
{
    cx.validate(value, spec);
}

/// Types without garde rules: nothing to run.
pub trait ViaNoCheck<T> {
    /// No check.
    fn __fastrs_validator(&self) -> Validator<T> {
        None
    }
}

impl<T> ViaNoCheck<T> for Probe<T> {}

/// Stands for `T` when writing a default value as JSON for the documentation.
pub struct JsonOf<T>(PhantomData<fn() -> T>);

impl<T> JsonOf<T> {
    /// The probe for `T`.
    pub const fn new() -> Self {
        Self(PhantomData)
    }
}

impl<T> Default for JsonOf<T> {
    fn default() -> Self {
        Self::new()
    }
}

/// `T: Serialize`: the default is documented.
pub trait ViaSerialize<T> {
    /// The value as JSON.
    fn __fastrs_json(&self, value: &T) -> Option<serde_json::Value>;
}

impl<T: serde::Serialize> ViaSerialize<T> for &JsonOf<T> {
    fn __fastrs_json(&self, value: &T) -> Option<serde_json::Value> {
        serde_json::to_value(value).ok()
    }
}

/// Other types: the default works, and is not documented.
pub trait ViaNoSerialize<T> {
    /// Nothing.
    fn __fastrs_json(&self, _value: &T) -> Option<serde_json::Value> {
        None
    }
}

impl<T> ViaNoSerialize<T> for JsonOf<T> {}
