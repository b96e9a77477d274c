//! Framework values a handler can ask for by type: the request's headers, method and URI, and
//! its background tasks.

use http::{HeaderMap, Method, Uri};

use super::Cx;
use crate::context::{BackgroundTasks, Meta};

/// A value taken from the request as a whole rather than from one named parameter.
pub trait FromCx: Sized + Send {
    /// Reads the value; `None` after recording an error.
    fn from_cx(cx: &mut Cx<'_>) -> Option<Self>;

    /// What this value says of itself before the app serves: a `State<T>` the app must
    /// have, a dependency and its parameters (checked at start-up, and documented).
    fn describe(_meta: &mut Meta) {}
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

impl FromCx for BackgroundTasks {
    fn from_cx(cx: &mut Cx<'_>) -> Option<Self> {
        Some(cx.background.get_or_insert_with(Default::default).clone())
    }
}
