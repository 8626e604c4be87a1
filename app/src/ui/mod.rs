//! Pieces of the interface every capability uses. Depends only on
//! `error` and the framework, never on a capability.

pub mod copy;
pub mod empty;
pub mod error_panel;
pub mod form;
pub mod headers;
pub mod not_found;
pub mod raw_text;
pub mod timing;

pub use copy::CopyField;
pub use empty::{Art, EmptyState};
pub use error_panel::ErrorPanel;
pub use headers::private_page;
pub use not_found::NotFound;
pub use raw_text::{PageTitle, TextArea, raw_text};
pub use timing::timed;
