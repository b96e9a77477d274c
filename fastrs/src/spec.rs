//! Parameter specs: what the route macros know about each parameter (`ParamSpec`, its
//! `Source` and bounds), as constant data. The lowest layer: it imports nothing of the crate
//! but `pattern`, beside it.

use std::sync::OnceLock;

use schemars::Schema;

use crate::pattern::Pattern;

/// Where a parameter's value comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Source {
    /// A `<name>` segment of the path template.
    Path,
    /// The query string.
    Query,
    /// A request header.
    Header,
    /// A cookie.
    Cookie,
    /// The JSON body.
    Body,
    /// A form field of an `application/x-www-form-urlencoded` body.
    Form,
    /// Not marked: the type decides (a scalar is a query value, a model is the body).
    Inferred,
}

impl Source {
    /// The first item of an error's `loc`, as FastAPI writes it.
    pub fn loc_name(self) -> &'static str {
        match self {
            Source::Path => "path",
            Source::Query | Source::Inferred => "query",
            Source::Header => "header",
            Source::Cookie => "cookie",
            Source::Body | Source::Form => "body",
        }
    }

    /// FastAPI reports errors by source in this order.
    pub(crate) fn rank(self) -> u8 {
        match self {
            Source::Path => 1,
            Source::Query | Source::Inferred => 2,
            Source::Header => 3,
            Source::Cookie => 4,
            Source::Body | Source::Form => 5,
        }
    }
}

/// A number as written in a constraint: an integer stays exact.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Num {
    /// An integer.
    Int(i128),
    /// A float.
    Float(f64),
}

impl Num {
    pub(crate) fn as_f64(self) -> f64 {
        match self {
            Num::Int(i) => i as f64,
            Num::Float(f) => f,
        }
    }

    /// Compares exactly when both are integers.
    pub(crate) fn partial_cmp(self, other: Num) -> Option<std::cmp::Ordering> {
        match (self, other) {
            (Num::Int(a), Num::Int(b)) => Some(a.cmp(&b)),
            (a, b) => a.as_f64().partial_cmp(&b.as_f64()),
        }
    }

    pub(crate) fn to_json(self) -> serde_json::Value {
        match self {
            Num::Int(i) => i64::try_from(i)
                .map(serde_json::Value::from)
                .or_else(|_| u64::try_from(i).map(serde_json::Value::from))
                .unwrap_or_else(|_| serde_json::Value::from(i as f64)),
            Num::Float(f) => serde_json::Value::from(f),
        }
    }
}

/// A bound from `ge`, `gt`, `le` or `lt`, with the text it was declared as (for messages).
#[derive(Debug, Clone, Copy)]
pub struct Bound {
    /// The value compared with.
    pub value: Num,
    /// The literal as written: `1` or `1.5`.
    pub text: &'static str,
}

impl Bound {
    /// An integer bound, written `text`.
    pub const fn int(value: i128, text: &'static str) -> Self {
        Self {
            value: Num::Int(value),
            text,
        }
    }

    /// A float bound, written `text`.
    pub const fn float(value: f64, text: &'static str) -> Self {
        Self {
            value: Num::Float(value),
            text,
        }
    }
}

/// Everything the route macro knows about one parameter.
///
/// Route macros write one `static` of these per parameter; the runtime reads the options from
/// it to check values, and the OpenAPI generator to document them.
#[derive(Debug)]
pub struct ParamSpec {
    /// The argument's name in the Rust function.
    pub name: &'static str,
    /// The name on the wire: the alias, or the header name with hyphens, or `name`.
    pub key: &'static str,
    /// Where the value comes from.
    pub source: Source,
    /// `default`, as JSON for the documentation: `None` without a default, `Some` of a
    /// function giving `None` when the type is not `Serialize`.
    pub default: Option<fn() -> Option<serde_json::Value>>,
    /// `ge`: greater than or equal.
    pub ge: Option<Bound>,
    /// `gt`: greater than.
    pub gt: Option<Bound>,
    /// `le`: less than or equal.
    pub le: Option<Bound>,
    /// `lt`: less than.
    pub lt: Option<Bound>,
    /// `min_length`: characters of a string, items of a list.
    pub min_length: Option<usize>,
    /// `max_length`: characters of a string, items of a list.
    pub max_length: Option<usize>,
    /// `pattern`: a regular expression a string must match (searched, as pydantic does).
    pub pattern: Option<&'static str>,
    /// `title` for the documentation.
    pub title: Option<&'static str>,
    /// `description` for the documentation.
    pub description: Option<&'static str>,
    /// `deprecated` in the documentation.
    pub deprecated: bool,
    /// `include_in_schema = false` hides the parameter from the documentation.
    pub include_in_schema: bool,
    /// `#[body(embed)]`: a single body model is a key of the body object.
    pub embed: bool,
    #[doc(hidden)]
    pub __pattern: OnceLock<Pattern>,
    #[doc(hidden)]
    pub __schema: OnceLock<Schema>,
    #[doc(hidden)]
    pub __header: OnceLock<Option<http::HeaderName>>,
}

impl ParamSpec {
    /// A parameter with no options, read under its own name; the builder methods below add
    /// them, in `const` context.
    pub const fn new(name: &'static str, source: Source) -> Self {
        ParamSpec {
            name,
            key: name,
            source,
            default: None,
            ge: None,
            gt: None,
            le: None,
            lt: None,
            min_length: None,
            max_length: None,
            pattern: None,
            title: None,
            description: None,
            deprecated: false,
            include_in_schema: true,
            embed: false,
            __pattern: OnceLock::new(),
            __schema: OnceLock::new(),
            __header: OnceLock::new(),
        }
    }

    /// Sets the key it is read under (`alias`, or a header's wire name).
    #[must_use]
    pub const fn with_key(mut self, key: &'static str) -> Self {
        self.key = key;
        self
    }

    /// Sets `default`.
    #[must_use]
    pub const fn with_default(mut self, value: fn() -> Option<serde_json::Value>) -> Self {
        self.default = Some(value);
        self
    }

    /// Sets `ge`.
    #[must_use]
    pub const fn with_ge(mut self, value: Bound) -> Self {
        self.ge = Some(value);
        self
    }

    /// Sets `gt`.
    #[must_use]
    pub const fn with_gt(mut self, value: Bound) -> Self {
        self.gt = Some(value);
        self
    }

    /// Sets `le`.
    #[must_use]
    pub const fn with_le(mut self, value: Bound) -> Self {
        self.le = Some(value);
        self
    }

    /// Sets `lt`.
    #[must_use]
    pub const fn with_lt(mut self, value: Bound) -> Self {
        self.lt = Some(value);
        self
    }

    /// Sets `min_length`.
    #[must_use]
    pub const fn with_min_length(mut self, value: usize) -> Self {
        self.min_length = Some(value);
        self
    }

    /// Sets `max_length`.
    #[must_use]
    pub const fn with_max_length(mut self, value: usize) -> Self {
        self.max_length = Some(value);
        self
    }

    /// Sets `pattern`.
    #[must_use]
    pub const fn with_pattern(mut self, value: &'static str) -> Self {
        self.pattern = Some(value);
        self
    }

    /// Sets `title`.
    #[must_use]
    pub const fn with_title(mut self, value: &'static str) -> Self {
        self.title = Some(value);
        self
    }

    /// Sets `description`.
    #[must_use]
    pub const fn with_description(mut self, value: &'static str) -> Self {
        self.description = Some(value);
        self
    }

    /// Sets `deprecated`.
    #[must_use]
    pub const fn with_deprecated(mut self, value: bool) -> Self {
        self.deprecated = value;
        self
    }

    /// Sets `include_in_schema`.
    #[must_use]
    pub const fn with_include_in_schema(mut self, value: bool) -> Self {
        self.include_in_schema = value;
        self
    }

    /// Sets `embed`.
    #[must_use]
    pub const fn with_embed(mut self, value: bool) -> Self {
        self.embed = value;
        self
    }

    /// The default value as JSON, when there is one and its type is `Serialize`.
    pub fn default_json(&self) -> Option<serde_json::Value> {
        self.default.and_then(|f| f())
    }

    /// Whether any of `ge`, `gt`, `le`, `lt`, `min_length`, `max_length`, `pattern` is set.
    pub(crate) fn has_constraints(&self) -> bool {
        self.ge.is_some()
            || self.gt.is_some()
            || self.le.is_some()
            || self.lt.is_some()
            || self.min_length.is_some()
            || self.max_length.is_some()
            || self.pattern.is_some()
    }

    /// `key` as a header name, parsed once (`None` when it cannot name a header).
    pub(crate) fn header_name(&self) -> Option<&http::HeaderName> {
        self.__header
            .get_or_init(|| http::HeaderName::from_bytes(self.key.as_bytes()).ok())
            .as_ref()
    }

    /// `pattern`, compiled once.
    pub(crate) fn compiled_pattern(&self) -> Option<&Pattern> {
        let pattern = self.pattern?;
        Some(self.__pattern.get_or_init(|| {
            // The route macro compiled this pattern already, and linked the engine in with
            // it; failing here is a fastrs bug.
            let compile = crate::pattern::linked().expect("a declared pattern links the engine");
            compile(pattern).expect("pattern checked at compile time")
        }))
    }
}
