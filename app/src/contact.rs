//! Contact details every form asks for, and collecting a form's field
//! errors. Compiled for the browser and the server, so both apply the same
//! rules with the same messages.

use crate::AppError;
use crate::error::FieldError;

/// A person's name as they write it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PersonName(String);

impl PersonName {
    pub const MAX_CHARS: usize = 100;

    pub fn parse(value: &str) -> Result<Self, String> {
        let value = value.trim();
        if value.is_empty() {
            return Err("Please tell us your name.".into());
        }
        if value.chars().count() > Self::MAX_CHARS {
            return Err(format!(
                "Please keep your name under {} characters.",
                Self::MAX_CHARS
            ));
        }
        if value.chars().any(char::is_control) {
            return Err("Your name contains characters we cannot store.".into());
        }
        Ok(Self(value.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// An email address we can reply to. Deliberately simple: one `@`, a dot in
/// the domain, no spaces. Whether it exists is for the reply to find out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Email(String);

impl Email {
    /// `when_empty` says why the form needs one.
    pub fn parse(value: &str, when_empty: &str) -> Result<Self, String> {
        let value = value.trim();
        if value.is_empty() {
            return Err(when_empty.to_owned());
        }
        let invalid = || {
            Err(format!(
                "“{}” is not an email address, such as name@example.com.",
                crate::common::quote(value, 60)
            ))
        };
        if value.len() > 254 || value.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return invalid();
        }
        let Some((local, domain)) = value.split_once('@') else {
            return invalid();
        };
        let labels_ok = domain.split('.').all(|l| {
            !l.is_empty()
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_alphanumeric() || c == '-')
        });
        if local.is_empty()
            || local.len() > 64
            || domain.contains('@')
            || !domain.contains('.')
            || !labels_ok
        {
            return invalid();
        }
        Ok(Self(value.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Collects each field's problem, so a form reports all of them at once,
/// each next to its field.
#[derive(Debug, Default)]
pub struct FieldCheck {
    errors: Vec<FieldError>,
}

impl FieldCheck {
    /// The value when `result` is fine; otherwise notes the message.
    pub fn field<T>(&mut self, field: &str, result: Result<T, String>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(message) => {
                self.errors.push(FieldError {
                    field: field.to_owned(),
                    message,
                });
                None
            }
        }
    }

    pub fn into_error(self) -> AppError {
        AppError::Invalid(self.errors)
    }
}

/// A labelled text input with its message beneath, linked for screen
/// readers. Used by every form that collects contact details.
#[leptos::component]
pub fn TextField(
    /// Prefix of the element ids, unique per form (`apply`, `book`).
    form: &'static str,
    name: &'static str,
    label: &'static str,
    kind: &'static str,
    autocomplete: &'static str,
    value: String,
    message: leptos::prelude::Signal<Option<String>>,
) -> impl leptos::IntoView {
    use leptos::prelude::*;
    let id = format!("{form}-{name}");
    let error_id = format!("{form}-{name}-error");
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <input
                id=id
                name=name
                type=kind
                autocomplete=autocomplete
                value=value
                aria-invalid=move || message.get().is_some().to_string()
                aria-describedby=error_id.clone()
            />
            <p id=error_id class="field__error">{move || message.get()}</p>
        </div>
    }
}

/// The line above a refused form, announced when it appears: which field
/// to fix, or what went wrong.
#[leptos::component]
pub fn FormSummary(
    #[prop(into)] error: leptos::prelude::Signal<Option<AppError>>,
) -> impl leptos::IntoView {
    use leptos::prelude::*;
    move || {
        error.get().map(|e| {
            let text = match &e {
                AppError::Invalid(errors) if errors.len() == 1 => {
                    "Please correct the field marked below.".to_owned()
                }
                other => other.to_string(),
            };
            view! { <p class="notice notice--error" role="alert">{text}</p> }
        })
    }
}
