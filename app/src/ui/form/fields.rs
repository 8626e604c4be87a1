//! The pieces every form is built from: a text field, a text area and the
//! summary above a refused form, each message linked to its field for
//! screen readers; and collecting a form's field errors.

use crate::AppError;
use crate::error::FieldError;
use crate::ui::TextArea;
use leptos::prelude::*;

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

    /// Whether no field has a problem yet (a rule across fields may add one
    /// after each field passed on its own).
    pub fn is_empty(&self) -> bool {
        self.errors.is_empty()
    }

    pub fn into_error(self) -> AppError {
        AppError::Invalid(self.errors)
    }
}

/// A labelled text input with its message beneath, linked for screen
/// readers. Used by every form that collects contact details.
#[component]
pub fn TextField(
    /// Prefix of the element ids, unique per form (`apply`, `book`).
    form: &'static str,
    name: &'static str,
    label: &'static str,
    kind: &'static str,
    autocomplete: &'static str,
    value: String,
    message: Signal<Option<String>>,
) -> impl IntoView {
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

/// A labelled select with an optional hint and its message beneath. The
/// first option, "Choose…", has no value, so nothing is chosen by default.
#[component]
pub fn SelectField(
    form: &'static str,
    name: &'static str,
    label: &'static str,
    /// Each option's value and label.
    options: Vec<(String, String)>,
    chosen: String,
    #[prop(optional)] hint: Option<&'static str>,
    message: Signal<Option<String>>,
) -> impl IntoView {
    let id = format!("{form}-{name}");
    let error_id = format!("{form}-{name}-error");
    let describedby = match hint {
        Some(_) => format!("{error_id} {id}-hint"),
        None => error_id.clone(),
    };
    let none_chosen = !options.iter().any(|(value, _)| *value == chosen);
    let options = options
        .into_iter()
        .map(|(value, text)| {
            let selected = value == chosen;
            view! { <option value=value selected=selected>{text}</option> }
        })
        .collect_view();
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <select id=id.clone() name=name aria-describedby=describedby aria-invalid=move || message.get().is_some().to_string()>
                <option value="" selected=none_chosen>"Choose…"</option>
                {options}
            </select>
            {hint.map(|hint| view! { <p id=format!("{id}-hint") class="hint">{hint}</p> })}
            <p id=error_id class="field__error">{move || message.get()}</p>
        </div>
    }
}

/// The line above a refused form, announced when it appears: which field
/// to fix, or what went wrong. Its slot, `#{form}-summary`, is always in the
/// page, so a live form (`live.rs`) can write into it.
#[component]
pub fn FormSummary(
    /// The form's id prefix (`apply`, `book`).
    form: &'static str,
    #[prop(into)] error: Signal<Option<AppError>>,
) -> impl IntoView {
    view! {
        <div id=format!("{form}-summary") class="form__summary">
            {move || {
                error.get().map(|e| {
                    view! { <p class="notice notice--error" role="alert">{summary_text(&e)}</p> }
                })
            }}
        </div>
    }
}

/// What the summary says for `error`.
pub fn summary_text(error: &AppError) -> String {
    match error {
        AppError::Invalid(errors) if errors.len() == 1 => {
            "Please correct the field marked below.".to_owned()
        }
        other => other.to_string(),
    }
}

/// A labelled text area with an optional hint and its message beneath.
#[component]
pub fn TextAreaField(
    /// The element's id; the hint and error lines are `{id}-hint` and `{id}-error`.
    id: &'static str,
    name: &'static str,
    label: &'static str,
    rows: u32,
    maxlength: usize,
    #[prop(optional)] hint: Option<String>,
    value: String,
    message: Signal<Option<String>>,
) -> impl IntoView {
    let error_id = format!("{id}-error");
    let describedby = match hint {
        Some(_) => format!("{error_id} {id}-hint"),
        None => error_id.clone(),
    };
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <TextArea
                id
                name
                rows
                maxlength
                describedby
                invalid=Signal::derive(move || message.get().is_some())
                value
            />
            {hint.map(|hint| view! { <p id=format!("{id}-hint") class="hint">{hint}</p> })}
            <p id=error_id class="field__error">{move || message.get()}</p>
        </div>
    }
}
