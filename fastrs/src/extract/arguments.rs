//! A handler's arguments as read: one `Option` per parameter (`None` when it was refused),
//! made into the tuple of values once every one was read.

/// A tuple of `Option`s, one per parameter.
pub trait Arguments {
    /// The tuple of the values.
    type Values;

    /// The values, if every parameter was read.
    fn all_some(self) -> Option<Self::Values>;
}

/// What reading a handler's arguments gives when no dependency answered: the values of
/// `read`, if every parameter was read (`Some(())` for none).
#[doc(hidden)]
pub fn arguments<A: Arguments>(
    read: A,
) -> Result<Option<A::Values>, Box<axum::response::Response>> {
    Ok(read.all_some())
}

macro_rules! arguments {
    ($($name:ident)*) => {
        impl<$($name),*> Arguments for ($(Option<$name>,)*) {
            type Values = ($($name,)*);

            #[allow(non_snake_case)]
            fn all_some(self) -> Option<Self::Values> {
                let ($($name,)*) = self;
                Some(($($name?,)*))
            }
        }
    };
}

macro_rules! all_arities {
    () => {
        arguments!();
    };
    ($first:ident $($rest:ident)*) => {
        arguments!($first $($rest)*);
        all_arities!($($rest)*);
    };
}

all_arities!(A1 A2 A3 A4 A5 A6 A7 A8 A9 A10 A11 A12 A13 A14 A15 A16 A17 A18 A19 A20 A21 A22 A23 A24);
