//! Framework values a handler can ask for by type: the request's headers, method and URI.

use http::{HeaderMap, Method, Uri};

use super::Cx;

/// A value taken from the request as a whole rather than from one named parameter.
pub trait FromCx: Sized + Send {
    /// Reads the value; `None` after recording an error.
    fn from_cx(cx: &mut Cx<'_>) -> Option<Self>;

    /// What the app must provide for this value (checked at start-up).
    fn require(_requirements: &mut crate::state::Requirements) {}

    /// What this value adds to the operation's documentation (a dependency's parameters).
    fn document(_doc: &mut crate::document::RouteDoc<'_>) {}
}

impl FromCx for HeaderMap {
    fn from_cx(cx: &mut Cx<'_>) -> Option<Self> {
        Some(cx.parts().headers.clone())
    }
}

impl FromCx for Method {
    fn from_cx(cx: &mut Cx<'_>) -> Option<Self> {
        Some(cx.parts().method.clone())
    }
}

impl FromCx for Uri {
    fn from_cx(cx: &mut Cx<'_>) -> Option<Self> {
        Some(cx.parts().uri.clone())
    }
}
