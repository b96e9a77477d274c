//! Regular expressions for `pattern` constraints, linked into a program only when it declares
//! one.
//!
//! The `regex` crate's Unicode tables hold some 11,000 pointers, which the loader relocates at
//! every start of a position-independent program: about 0.5 MiB of memory, used or not. So no
//! code of fastrs calls the engine directly: [`compile`] is reached through a function pointer
//! that only a declared pattern brings in. A parameter's `pattern = "..."` makes its route
//! macro submit [`Engine::REGEX`] to `inventory` (as `fastrs::check_model_patterns!()` does),
//! and `Cors::allow_origin_regex` keeps the pointer with its pattern; a program that declares
//! no pattern links none of it. Like `spec`, this layer imports nothing of the crate.

use std::fmt;
use std::sync::OnceLock;

/// A compiled pattern.
pub struct Pattern(Box<dyn Fn(&str) -> bool + Send + Sync>);

impl Pattern {
    /// Whether `text` contains a match: searched, not anchored, as pydantic does.
    pub(crate) fn is_match(&self, text: &str) -> bool {
        (self.0)(text)
    }
}

impl fmt::Debug for Pattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Pattern")
    }
}

/// The engine: compiles a pattern, or says why it does not compile.
pub type Compile = fn(&str) -> Result<Pattern, String>;

/// The engine, on the `regex` crate (pydantic's engine too, with the same syntax).
pub(crate) fn compile(pattern: &str) -> Result<Pattern, String> {
    let regex = regex::Regex::new(pattern).map_err(|e| e.to_string())?;
    Ok(Pattern(Box::new(move |text| regex.is_match(text))))
}

/// The engine, submitted to `inventory` by each parameter that declares a pattern.
#[doc(hidden)]
pub struct Engine(Compile);

impl Engine {
    /// The `regex` crate's.
    pub const REGEX: Engine = Engine(compile);
}

inventory::collect!(Engine);

/// The engine, when the program declares a parameter's pattern: the same in every app of the
/// program, whatever it serves, as it is decided when the program is linked.
pub(crate) fn linked() -> Option<Compile> {
    static LINKED: OnceLock<Option<Compile>> = OnceLock::new();
    *LINKED.get_or_init(|| inventory::iter::<Engine>().next().map(|engine| engine.0))
}
