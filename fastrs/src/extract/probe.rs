//! Compile-time choice of a parameter's kind for unmarked parameters (autoref specialization).
//!
//! A generated handler calls `(&&&Probe::<T>::new()).__fastrs_extract(..)`. Method lookup tries
//! the receiver `&&Probe<T>` first (a framework type), then `&Probe<T>` (a scalar, `Option` or
//! `Vec` of one: a query parameter), then `Probe<T>` (a model: the JSON body). The choice is
//! made by the compiler for the concrete `T`; nothing is decided at run time.

use std::marker::PhantomData;

use super::spec::{ParamSpec, Source};
use super::{Cx, FromCx, ParamModel, ParamType};

/// Stands for the type `T` during method lookup.
pub struct Probe<T>(PhantomData<fn() -> T>);

impl<T> Probe<T> {
    /// The probe for `T`.
    pub const fn new() -> Self {
        Self(PhantomData)
    }
}

impl<T> Default for Probe<T> {
    fn default() -> Self {
        Self::new()
    }
}

/// What a parameter turned out to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A framework value such as `HeaderMap`.
    Framework,
    /// A scalar value (or `Option`/`Vec` of one).
    Param,
    /// A model: the body, or a parameter model.
    Model,
}

/// Framework values, read from the request as a whole.
pub trait ViaFramework<T> {
    /// What `T` is.
    fn __fastrs_kind(&self) -> Kind {
        Kind::Framework
    }
    /// Reads `T`.
    fn __fastrs_extract(
        &self,
        cx: &mut Cx<'_>,
        spec: &'static ParamSpec,
        default: Option<fn() -> T>,
    ) -> Option<T>;
}

impl<T: FromCx> ViaFramework<T> for &&Probe<T> {
    fn __fastrs_extract(
        &self,
        cx: &mut Cx<'_>,
        _: &'static ParamSpec,
        _: Option<fn() -> T>,
    ) -> Option<T> {
        T::from_cx(cx)
    }
}

/// Scalar values and their `Option` and `Vec`.
pub trait ViaParam<T> {
    /// What `T` is.
    fn __fastrs_kind(&self) -> Kind {
        Kind::Param
    }
    /// Reads `T`.
    fn __fastrs_extract(
        &self,
        cx: &mut Cx<'_>,
        spec: &'static ParamSpec,
        default: Option<fn() -> T>,
    ) -> Option<T>;
}

impl<T: ParamType> ViaParam<T> for &Probe<T> {
    fn __fastrs_extract(
        &self,
        cx: &mut Cx<'_>,
        spec: &'static ParamSpec,
        default: Option<fn() -> T>,
    ) -> Option<T> {
        let source = match spec.source {
            Source::Inferred => Source::Query,
            other => other,
        };
        cx.param(spec, source, default)
    }
}

/// Models: the JSON body when unmarked, else a parameter model of the marked source.
pub trait ViaModel<T> {
    /// What `T` is.
    fn __fastrs_kind(&self) -> Kind {
        Kind::Model
    }
    /// Reads `T`.
    fn __fastrs_extract(
        &self,
        cx: &mut Cx<'_>,
        spec: &'static ParamSpec,
        default: Option<fn() -> T>,
    ) -> Option<T>
    where
        T: ParamModel;
}

impl<T> ViaModel<T> for Probe<T> {
    fn __fastrs_extract(
        &self,
        cx: &mut Cx<'_>,
        spec: &'static ParamSpec,
        default: Option<fn() -> T>,
    ) -> Option<T>
    where
        T: ParamModel,
    {
        match spec.source {
            Source::Inferred | Source::Body => cx.body_value(spec, default),
            source => cx.model(spec, source, default),
        }
    }
}

/// Stands for `T` when choosing whether to run garde on it.
pub struct Check<T>(PhantomData<fn() -> T>);

impl<T> Check<T> {
    /// The check for `T`.
    pub const fn new() -> Self {
        Self(PhantomData)
    }
}

impl<T> Default for Check<T> {
    fn default() -> Self {
        Self::new()
    }
}

/// `T: garde::Validate`: its rules run after it is read.
pub trait ViaGarde<T> {
    /// Runs garde on `value` and records each failed rule.
    fn __fastrs_validate(&self, value: &T, cx: &mut Cx<'_>, spec: &'static ParamSpec);
}

impl<T: garde::Validate> ViaGarde<T> for &Check<T>
where
    T::Context: Default,
{
    fn __fastrs_validate(&self, value: &T, cx: &mut Cx<'_>, spec: &'static ParamSpec) {
        cx.validate(value, spec);
    }
}

/// Types without garde rules: nothing to run.
pub trait ViaNoCheck<T> {
    /// Does nothing.
    fn __fastrs_validate(&self, _value: &T, _cx: &mut Cx<'_>, _spec: &'static ParamSpec) {}
}

impl<T> ViaNoCheck<T> for Check<T> {}

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
