//! Each parameter's kind, chosen once from its type: a dependency, a framework value, a scalar
//! (or an `Option` or `Vec` of one), a model (the body, or a parameter model), or a type that
//! cannot be read. The kind then reads the parameter and describes it (its facts).
//!
//! Generated code asks `(&&&&Probe::<T>::new()).__fastrs_kind()` once per parameter whose kind
//! its attribute does not fix. Method lookup tries `&&&&Probe<T>` first (`Depends<F>`), then
//! `&&&Probe<T>` (`T: FromCx`), `&&Probe<T>` (`T: ParamType`), `&Probe<T>` (`T: ParamModel`)
//! and last `Probe<T>`: the choice is the compiler's, made for the concrete `T` (autoref
//! specialization). Each kind's methods are inherent, so a type that fits no kind is reported
//! once, by the reading method, in the words of the trait it lacks. The dependency kind's
//! methods are in `depends`, the layer above.

use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;
use std::task::{Context, Poll};

use axum::response::Response;

use super::{BodyParam, Cx, FromCx, ParamDoc, ParamModel, ParamSpec, ParamType, Source};
use crate::context::{Fact, Meta, schema_of};

/// Stands for the type `T` while its kind is chosen.
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

/// A garde check run on a value once it is read.
pub type Validator<T> = Option<fn(&T, &mut Cx<'_>, &'static ParamSpec)>;

macro_rules! kinds {
    ($($(#[$doc:meta])* $kind:ident via $level:ident;)*) => {$(
        $(#[$doc])*
        pub struct $kind<T>(PhantomData<fn() -> T>);

        impl<T> Clone for $kind<T> {
            fn clone(&self) -> Self {
                *self
            }
        }

        impl<T> Copy for $kind<T> {}

        /// The probe level that gives this kind.
        pub trait $level<T> {
            /// The kind of `T`.
            fn __fastrs_kind(&self) -> $kind<T> {
                $kind(PhantomData)
            }
        }
    )*};
}

kinds! {
    /// `Depends<F>`: resolved before anything else is read.
    DependencyKind via IsDependency;
    /// A framework value (`HeaderMap`, `State<T>`, `Cleanup`, ...): read from the request as a
    /// whole.
    FrameworkKind via IsFramework;
    /// A scalar, `Option` or `Vec` of one: a query parameter unless marked otherwise.
    ScalarKind via IsScalar;
    /// A model: the JSON body unless marked, else a parameter model of the marked source.
    ModelKind via IsModel;
    /// None of the above: reading it is a compile error that says what is missing.
    UnreadableKind via IsUnreadable;
}

impl<T: FromCx> IsFramework<T> for &&&Probe<T> {}
impl<T: ParamType> IsScalar<T> for &&Probe<T> {}
impl<T: ParamModel> IsModel<T> for &Probe<T> {}
impl<T> IsUnreadable<T> for Probe<T> {}

/// Ready at once with "not a dependency"; `Send` whatever `T` is.
pub struct NotADependency<T>(PhantomData<fn() -> T>);

impl<T> Future for NotADependency<T> {
    type Output = Result<Option<T>, Box<Response>>;

    fn poll(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<Self::Output> {
        Poll::Ready(Ok(None))
    }
}

/// The future of a kind that has nothing to resolve.
pub(crate) fn not_a_dependency<T>() -> NotADependency<T> {
    NotADependency(PhantomData)
}

/// The methods every kind but the dependency's has alike: nothing to resolve.
macro_rules! nothing_to_resolve {
    ($($kind:ident),*) => {$(
        impl<T> $kind<T> {
            /// Nothing to resolve before the parameters are read.
            pub fn resolve(self, _: &mut Cx<'_>) -> NotADependency<T> {
                not_a_dependency()
            }
        }
    )*};
}

nothing_to_resolve!(FrameworkKind, ScalarKind, ModelKind, UnreadableKind);

/// A kind's reading method, its signature written once for every kind: `self`, the request, the
/// parameter's spec, its default, garde's check, and for `read_unmarked` the value the
/// dependency phase resolved; `T`'s value, or `None` once an error is recorded.
macro_rules! reading {
    ($t:ty; $(#[$doc:meta])* fn $name:ident($self:ident, $cx:tt, $spec:tt, $default:tt, $check:tt $(, $resolved:tt)?) $body:block) => {
        $(#[$doc])*
        pub fn $name(
            $self,
            $cx: &mut Cx<'_>,
            $spec: &'static ParamSpec,
            $default: Option<fn() -> $t>,
            $check: Validator<$t>,
            $($resolved: Option<$t>,)?
        ) -> Option<$t>
        $body
    };
}

pub(crate) use reading;

/// Where an unmarked scalar comes from: the query.
fn scalar_source(spec: &ParamSpec) -> Source {
    match spec.source {
        Source::Inferred => Source::Query,
        other => other,
    }
}

/// Body parameter `spec` of type `T`, checked by garde when `check` is there.
fn body_fact<T: BodyParam>(spec: &'static ParamSpec, check: Validator<T>) -> Fact {
    Fact::Body {
        spec,
        schema: schema_of::<T>,
        optional: || crate::validate::absent::<T>().is_some(),
        checked: check.is_some(),
    }
}

/// Runs `check` on the value read, if both are there.
fn checked<T>(
    cx: &mut Cx<'_>,
    spec: &'static ParamSpec,
    value: Option<T>,
    check: Validator<T>,
) -> Option<T> {
    if let (Some(value), Some(check)) = (&value, check) {
        check(value, cx, spec);
    }
    value
}

impl<T: FromCx> FrameworkKind<T> {
    reading!(T;
        /// Reads the value from the request.
        fn read(self, cx, _, _, _) {
            T::from_cx(cx)
        }
    );

    /// What the value says of itself (a state, a security scheme, a dependency).
    pub fn describe(self, meta: &mut Meta, _: &'static ParamSpec, _: Validator<T>) {
        T::describe(meta);
    }
}

impl<T: ParamType> ScalarKind<T> {
    reading!(T;
        /// Reads the parameter from its source.
        fn read(self, cx, spec, default, check) {
            let value = cx.param(spec, scalar_source(spec), default);
            checked(cx, spec, value, check)
        }
    );

    /// One parameter of the operation.
    pub fn describe(self, meta: &mut Meta, spec: &'static ParamSpec, _: Validator<T>)
    where
        T: ParamDoc,
    {
        meta.push(Fact::Param {
            spec,
            source: scalar_source(spec),
            schema: T::param_schema,
        });
    }
}

impl<T: ParamModel> ModelKind<T> {
    reading!(T;
        /// Reads the body, or the parameter model of the marked source.
        fn read(self, cx, spec, default, check) {
            let value = match spec.source {
                Source::Inferred | Source::Body => cx.body_value(spec, default),
                source => cx.model(spec, source, default),
            };
            checked(cx, spec, value, check)
        }
    );

    /// The request body, or one parameter per field.
    pub fn describe(self, meta: &mut Meta, spec: &'static ParamSpec, check: Validator<T>) {
        meta.push(match spec.source {
            Source::Inferred | Source::Body => body_fact::<T>(spec, check),
            source => Fact::Model {
                spec,
                source,
                schema: |generator| generator.subschema_for::<T>().to_value(),
                checked: check.is_some(),
            },
        });
    }
}

impl<T> UnreadableKind<T> {
    // Written out, not with `reading!`: these bounds are the compile errors users see, and
    // their notes should show this code rather than a macro's.

    /// Refused at compile time: a marked parameter is a scalar or a parameter model.
    pub fn read(
        self,
        cx: &mut Cx<'_>,
        spec: &'static ParamSpec,
        default: Option<fn() -> T>,
        _: Validator<T>,
    ) -> Option<T>
    where
        T: ParamModel,
    {
        cx.model(spec, spec.source, default)
    }

    /// Refused at compile time: an unmarked parameter that is nothing else is the body.
    pub fn read_unmarked(
        self,
        cx: &mut Cx<'_>,
        spec: &'static ParamSpec,
        default: Option<fn() -> T>,
        _: Validator<T>,
        _: Option<T>,
    ) -> Option<T>
    where
        T: BodyParam,
    {
        cx.body_value(spec, default)
    }

    /// Nothing: the reading method reports the type.
    pub fn describe(self, _: &mut Meta, _: &'static ParamSpec, _: Validator<T>) {}
}

/// What counts toward FastAPI's embedding (several body parameters make one object), and how a
/// `#[body]` parameter is documented, for every kind.
macro_rules! body_of {
    ($($kind:ident),*) => {$(
        impl<T> $kind<T> {
            /// Body parameters: none.
            pub fn body_count(self, _: &'static ParamSpec) -> usize {
                0
            }

            /// Not a body: nothing.
            pub fn describe_body(self, _: &mut Meta, _: &'static ParamSpec, _: Validator<T>) {}
        }
    )*};
}

body_of!(DependencyKind, FrameworkKind, UnreadableKind);

impl<T> ScalarKind<T> {
    /// Body parameters: none (a scalar is read from the query unless marked `#[body]`).
    pub fn body_count(self, _: &'static ParamSpec) -> usize {
        0
    }

    /// A scalar marked `#[body]`: the body, or a key of it.
    pub fn describe_body(self, meta: &mut Meta, spec: &'static ParamSpec, check: Validator<T>)
    where
        T: BodyParam,
    {
        meta.push(body_fact::<T>(spec, check));
    }
}

impl<T: ParamModel> ModelKind<T> {
    /// Body parameters: one, unless marked with another source.
    pub fn body_count(self, spec: &'static ParamSpec) -> usize {
        usize::from(matches!(spec.source, Source::Inferred | Source::Body))
    }

    /// A model marked `#[body]`: the body, or a key of it.
    pub fn describe_body(self, meta: &mut Meta, spec: &'static ParamSpec, check: Validator<T>) {
        meta.push(body_fact::<T>(spec, check));
    }
}

/// `read_unmarked` is `read` for every kind but the unreadable one, which words its error as a
/// request body's.
macro_rules! read_unmarked {
    ($($kind:ident: $bound:path),*) => {$(
        impl<T: $bound> $kind<T> {
            reading!(T;
                /// Reads a parameter without a source attribute.
                fn read_unmarked(self, cx, spec, default, check, _) {
                    self.read(cx, spec, default, check)
                }
            );
        }
    )*};
}

read_unmarked!(FrameworkKind: FromCx, ScalarKind: ParamType, ModelKind: ParamModel);
