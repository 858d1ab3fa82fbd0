//! Typed indices: a page number cannot be passed where a language or a
//! programme number is expected. Each index type is a newtype over `usize`
//! made by [`index_type!`], and the vectors they index are [`TiVec`]s,
//! which only accept their own index type. A leaf module.

pub use typed_index_collections::TiVec;

/// Declares a `Copy` index newtype usable as the key of a [`TiVec`].
macro_rules! index_type {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
        pub struct $name(pub usize);

        impl From<usize> for $name {
            fn from(i: usize) -> Self {
                $name(i)
            }
        }

        impl From<$name> for usize {
            fn from(i: $name) -> usize {
                i.0
            }
        }
    };
}

pub(crate) use index_type;
