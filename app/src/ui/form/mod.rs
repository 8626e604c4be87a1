//! One progressive-form pattern for every form that writes: the job
//! application, the booking, the booking's management, and the staff
//! area's forms next.
//!
//! - [`FormInput`]: the form as typed (strings, so anything can be shown
//!   back), read from fields by name, and validated into a typed value by
//!   rules compiled for both the browser and the server.
//! - [`live_form`]: the browser side, around a form the server renders.
//!   Messages appear as people leave a field and go as soon as it is put
//!   right; a submission shows them all, with a summary, and focuses the
//!   first field to fix; only a valid form is sent.
//! - [`Echo`] and `post::post_form` (server only): the same form posted
//!   without JavaScript. Success answers 303 (post/redirect/get); a refusal
//!   renders the page again with what was typed, what to fix and the
//!   error's own status (422, 409, 429…). Leptos's own plain-POST path
//!   answers with a redirect carrying `__err`, which `ServerAction` ignores
//!   while rendering on the server (leptos #2321), hence our own.

#[cfg(feature = "hydrate")]
mod browser;
mod fields;
mod live;
#[cfg(feature = "ssr")]
pub mod post;

pub use fields::{FieldCheck, FormSummary, SelectField, TextAreaField, TextField, summary_text};
pub use live::live_form;

use crate::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize, de::DeserializeOwned};

/// A form's input exactly as typed.
pub trait FormInput:
    Clone + Default + PartialEq + Serialize + DeserializeOwned + Send + Sync + 'static
{
    /// The input once every rule has passed.
    type Valid;
    /// Its fields, in the order their messages are listed.
    const FIELDS: &'static [&'static str];

    /// Reads the fields by name, however they were sent: the browser's
    /// `FormData`, or a body posted to the server.
    fn from_fields(field: impl Fn(&str) -> String) -> Self;

    /// Every rule, all problems at once (`AppError::Invalid`, one message
    /// per field).
    fn validate(&self) -> Result<Self::Valid, AppError>;

    /// Whether leaving this field shows its message; a radio group, say,
    /// may wait for the submission.
    fn checks_on_leave(_field: &str) -> bool {
        true
    }
}

/// What a refused no-JavaScript post leaves for the page rendered in
/// answer: what was typed and what went wrong. Given as context to that
/// one render, and carried into the hydrated page by [`use_echo`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Echo<F> {
    pub input: F,
    pub error: AppError,
}

impl<F> Echo<F> {
    /// Gives the page being rendered the error's status (422, 409…).
    pub fn set_status(&self) {
        #[cfg(feature = "ssr")]
        self.error.set_response_status();
    }
}

/// A refused post's echo for a page holding several forms: what was typed
/// and why, with the response's status set; `None` when this render
/// answers no refusal of an `F`.
pub fn refused<F: FormInput>() -> Option<(F, AppError)> {
    use_context::<Echo<F>>().map(|echo| {
        echo.set_status();
        (echo.input, echo.error)
    })
}

/// A field's message from a refused form, for its field component.
pub fn message_for(error: &Option<AppError>, field: &str) -> Signal<Option<String>> {
    Signal::stored(error.as_ref().and_then(|e| e.field_message(field)))
}

/// The echo of a refused no-JavaScript post, if this render answers one.
/// A resource, so the hydrated page starts from the same values.
pub fn use_echo<F: FormInput>() -> OnceResource<Option<Echo<F>>> {
    OnceResource::new(std::future::ready(use_context::<Echo<F>>()))
}

/// Keeps only the messages for fields the visitor has already left.
fn only(error: AppError, fields: &[String]) -> Option<AppError> {
    match error {
        AppError::Invalid(errors) => {
            let kept: Vec<_> = errors
                .into_iter()
                .filter(|e| fields.contains(&e.field))
                .collect();
            (!kept.is_empty()).then_some(AppError::Invalid(kept))
        }
        other => Some(other),
    }
}

/// The messages once a field is left: those of the fields left so far. A
/// refusal from the server (already applied, a taken time, too many
/// requests) stays until the next submission: leaving a field fixes nothing.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
fn after_leaving(
    shown: Option<AppError>,
    now: Option<AppError>,
    left: &[String],
) -> Option<AppError> {
    match shown {
        Some(refusal) if !matches!(refusal, AppError::Invalid(_)) => Some(refusal),
        _ => now.and_then(|now| only(now, left)),
    }
}

/// What is left of the messages `shown` once the form is checked again:
/// only those fields still wrong. Other errors (a taken time) stay.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
fn still_wrong(shown: AppError, now: Option<AppError>) -> Option<AppError> {
    let AppError::Invalid(shown) = shown else {
        return Some(shown);
    };
    let fields: Vec<String> = shown.into_iter().map(|e| e.field).collect();
    now.and_then(|now| only(now, &fields))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::FieldError;

    fn invalid(fields: &[&str]) -> AppError {
        AppError::Invalid(
            fields
                .iter()
                .map(|f| FieldError {
                    field: (*f).to_owned(),
                    message: format!("{f} is wrong"),
                })
                .collect(),
        )
    }

    #[test]
    fn only_the_fields_already_left_show_their_messages() {
        let shown = only(invalid(&["name", "email"]), &["email".to_owned()]).unwrap();
        assert!(shown.field_message("email").is_some());
        assert!(shown.field_message("name").is_none());
        assert_eq!(only(invalid(&["name"]), &["phone".to_owned()]), None);
        let taken = AppError::SlotTaken("taken".into());
        assert_eq!(only(taken.clone(), &[]), Some(taken));
    }

    #[test]
    fn leaving_a_field_shows_the_messages_of_fields_left_but_keeps_a_server_refusal() {
        let left = ["email".to_owned()];
        let conflict = AppError::Conflict("You have already applied.".into());
        let cases = [
            (
                None,
                Some(invalid(&["email", "name"])),
                Some(invalid(&["email"])),
            ),
            (Some(invalid(&["email"])), None, None),
            (Some(conflict.clone()), None, Some(conflict.clone())),
            (
                Some(conflict.clone()),
                Some(invalid(&["email"])),
                Some(conflict.clone()),
            ),
        ];
        for (shown, now, expected) in cases {
            assert_eq!(
                after_leaving(shown.clone(), now.clone(), &left),
                expected,
                "{shown:?} then {now:?}"
            );
        }
    }

    #[test]
    fn a_message_goes_once_its_field_is_right_and_none_appears_while_typing() {
        let cases = [
            (
                invalid(&["email"]),
                Some(invalid(&["email", "name"])),
                Some(invalid(&["email"])),
            ),
            (invalid(&["consent"]), Some(invalid(&["name"])), None),
            (invalid(&["consent"]), None, None),
            (
                AppError::SlotTaken("taken".into()),
                None,
                Some(AppError::SlotTaken("taken".into())),
            ),
        ];
        for (shown, now, expected) in cases {
            assert_eq!(
                still_wrong(shown.clone(), now.clone()),
                expected,
                "{shown:?} then {now:?}"
            );
        }
    }
}
