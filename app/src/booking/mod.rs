//! "Book a demo lesson": availability, slots, bookings and the visitor's
//! own data. Being built (issue 5); so far the form's rules (shared by the
//! browser and the server) and the slot computation (server).

pub mod fields;
#[cfg(feature = "ssr")]
pub mod slots;
