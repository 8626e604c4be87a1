//! Pieces of the interface every capability uses. Depends only on `error`
//! and the framework, never on a capability.

pub mod raw_text;

pub use raw_text::{PageTitle, TextArea, raw_text};
