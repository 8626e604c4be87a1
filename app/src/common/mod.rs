//! The vocabulary every capability shares: money, contact details, text
//! and URL helpers, and the kinds of work. Depends on nothing else in the crate.

pub mod contact;
pub mod date;
pub mod decimal;
pub mod identifier;
pub mod money;
pub mod options;
pub mod text;
pub mod work;

pub use contact::{Email, PersonName};
pub use decimal::{fixed, parse_decimal};
pub use money::{Currency, format_compact, format_money, format_number};
pub use text::{is_slug, quote, url_encode};
pub use work::EmploymentType;
