//! Compile-time choice of a parameter's kind for unmarked parameters (autoref specialization).
//!
//! A generated handler calls `(&&&Probe::<T>::new()).__fastrs_extract(..)`. Method lookup tries
//! the receiver `&&Probe<T>` first (a framework type), then `&Probe<T>` (a scalar, `Option` or
//! `Vec` of one: a query parameter), then `Probe<T>` (a model: the JSON body). The choice is
//! made by the compiler for the concrete `T`; nothing is decided at run time.

use std::marker::PhantomData;

use super::spec::{ParamSpec, Source};
use super::{BodyParam, Cx, FromCx, ParamModel, ParamType};
use crate::document::{ParamDoc, ResponseDoc, RouteDoc};

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
    /// Reads `T` for a parameter without a source attribute.
    fn __fastrs_extract_unmarked(
        &self,
        cx: &mut Cx<'_>,
        spec: &'static ParamSpec,
        default: Option<fn() -> T>,
    ) -> Option<T> {
        self.__fastrs_extract(cx, spec, default)
    }
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
    /// Reads `T` for a parameter without a source attribute: a query parameter.
    fn __fastrs_extract_unmarked(
        &self,
        cx: &mut Cx<'_>,
        spec: &'static ParamSpec,
        default: Option<fn() -> T>,
    ) -> Option<T> {
        self.__fastrs_extract(cx, spec, default)
    }
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
    /// Reads `T` for a parameter without a source attribute: the JSON body (a type that is
    /// none of the others is reported as a body type).
    fn __fastrs_extract_unmarked(
        &self,
        cx: &mut Cx<'_>,
        spec: &'static ParamSpec,
        default: Option<fn() -> T>,
    ) -> Option<T>
    where
        T: BodyParam;
}

impl<T> ViaModel<T> for Probe<T> {
    fn __fastrs_extract_unmarked(
        &self,
        cx: &mut Cx<'_>,
        spec: &'static ParamSpec,
        default: Option<fn() -> T>,
    ) -> Option<T>
    where
        T: BodyParam,
    {
        cx.body_value(spec, default)
    }

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

/// Stands for a handler's return type when documenting its answer.
pub struct Returns<T>(PhantomData<fn() -> T>);

impl<T> Returns<T> {
    /// The probe for `T`.
    pub const fn new() -> Self {
        Self(PhantomData)
    }
}

impl<T> Default for Returns<T> {
    fn default() -> Self {
        Self::new()
    }
}

/// Return types fastrs can describe: `Json<T>`, `Result` of one, text, `()`.
pub trait ViaResponseDoc<T> {
    /// Documents the answer.
    fn __fastrs_response(&self, doc: &mut RouteDoc<'_>);
}

impl<T: ResponseDoc> ViaResponseDoc<T> for &Returns<T> {
    fn __fastrs_response(&self, doc: &mut RouteDoc<'_>) {
        doc.response::<T>();
    }
}

/// Other return types (any `IntoResponse`): documented as any JSON, as FastAPI does.
pub trait ViaAnyResponse<T> {
    /// Leaves the answer undescribed.
    fn __fastrs_response(&self, _doc: &mut RouteDoc<'_>) {}
}

impl<T> ViaAnyResponse<T> for Returns<T> {}

/// Stands for a parameter's type when documenting it. The levels follow [`Probe`]'s, plus a
/// last one that does nothing: a type the request cannot be read as is reported once, by
/// the reading code, not twice.
pub struct Doc<T>(PhantomData<fn() -> T>);

impl<T> Doc<T> {
    /// The probe for `T`.
    pub const fn new() -> Self {
        Self(PhantomData)
    }
}

impl<T> Default for Doc<T> {
    fn default() -> Self {
        Self::new()
    }
}

/// Framework values are not parameters themselves; a dependency brings its own.
pub trait DocFramework<T> {
    /// Documents what the value reads.
    fn __fastrs_document(&self, doc: &mut RouteDoc<'_>, spec: &'static ParamSpec);
}

impl<T: FromCx> DocFramework<T> for &&&Doc<T> {
    fn __fastrs_document(&self, doc: &mut RouteDoc<'_>, _spec: &'static ParamSpec) {
        T::document(doc);
    }
}

/// Scalars and their `Option` and `Vec`: one parameter.
pub trait DocParam<T> {
    /// Documents `T` as one parameter.
    fn __fastrs_document(&self, doc: &mut RouteDoc<'_>, spec: &'static ParamSpec)
    where
        T: ParamDoc;
}

impl<T: ParamType> DocParam<T> for &&Doc<T> {
    fn __fastrs_document(&self, doc: &mut RouteDoc<'_>, spec: &'static ParamSpec)
    where
        T: ParamDoc,
    {
        let source = match spec.source {
            Source::Inferred => Source::Query,
            other => other,
        };
        doc.param::<T>(spec, source);
    }
}

/// Models: the body, or one parameter per field.
pub trait DocModel<T> {
    /// Documents `T`.
    fn __fastrs_document(&self, doc: &mut RouteDoc<'_>, spec: &'static ParamSpec);
}

impl<T: ParamModel> DocModel<T> for &Doc<T> {
    fn __fastrs_document(&self, doc: &mut RouteDoc<'_>, spec: &'static ParamSpec) {
        match spec.source {
            Source::Inferred | Source::Body => doc.body::<T>(spec),
            source => doc.model::<T>(spec, source),
        }
    }
}

/// Anything else cannot be read, and the reading code says so.
pub trait DocNone<T> {
    /// Nothing to document.
    fn __fastrs_document(&self, _doc: &mut RouteDoc<'_>, _spec: &'static ParamSpec) {}
}

impl<T> DocNone<T> for Doc<T> {}

/// Stands for a parameter's type when listing what the app must provide.
pub struct Needs<T>(PhantomData<fn() -> T>);

impl<T> Needs<T> {
    /// The probe for `T`.
    pub const fn new() -> Self {
        Self(PhantomData)
    }
}

impl<T> Default for Needs<T> {
    fn default() -> Self {
        Self::new()
    }
}

/// Framework values (`State<T>`, `Depends<F>`) say what they need.
pub trait NeedsFramework<T> {
    /// Adds `T`'s requirements.
    fn __fastrs_require(&self, requirements: &mut crate::state::Requirements);
}

impl<T: FromCx> NeedsFramework<T> for &Needs<T> {
    fn __fastrs_require(&self, requirements: &mut crate::state::Requirements) {
        T::require(requirements);
    }
}

/// Anything else needs nothing from the app.
pub trait NeedsNothing<T> {
    /// Nothing.
    fn __fastrs_require(&self, _requirements: &mut crate::state::Requirements) {}
}

impl<T> NeedsNothing<T> for Needs<T> {}
