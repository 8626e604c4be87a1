//! Applying to a job: the form's rules, the server function, and the form.
//!
//! The same `ApplicationForm::validate` runs in the browser (instant
//! messages) and on the server (the only check that counts). With
//! JavaScript off the form posts to the job's own URL; the server answers a
//! success with a redirect (post/redirect/get) and an error by rendering the
//! page again with what was typed and what to fix.

use super::JobSlug;
use crate::AppError;
use crate::common::{Email, PersonName};
use crate::ui::form::{
    Echo, FieldCheck, FormInput, FormSummary, TextAreaField, TextField, live_form,
};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Why this person fits the job.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CoverMessage(String);

impl CoverMessage {
    pub const MIN_CHARS: usize = 20;
    pub const MAX_CHARS: usize = 4000;

    pub fn parse(value: &str) -> Result<Self, String> {
        let value = value.trim();
        let chars = value.chars().count();
        if crate::common::text::has_stray_control(value) {
            return Err("Your message contains characters we cannot store.".into());
        }
        if chars < Self::MIN_CHARS {
            return Err(format!(
                "Please write at least {} characters about why the job fits you.",
                Self::MIN_CHARS
            ));
        }
        if chars > Self::MAX_CHARS {
            return Err(format!(
                "Please shorten your message to {} characters (it has {chars}).",
                Self::MAX_CHARS
            ));
        }
        Ok(Self(value.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A link to a CV: a web address, http or https.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CvLink(String);

impl CvLink {
    /// Empty means "no CV link", which is fine.
    pub fn parse(value: &str) -> Result<Option<Self>, String> {
        let value = value.trim();
        if value.is_empty() {
            return Ok(None);
        }
        let rest = value
            .strip_prefix("https://")
            .or_else(|| value.strip_prefix("http://"));
        let host = rest.map(|r| r.split(['/', '?', '#']).next().unwrap_or_default());
        match host {
            Some(host)
                if host.contains('.')
                    && value.len() <= 500
                    && !value.chars().any(|c| c.is_whitespace() || c.is_control()) =>
            {
                Ok(Some(Self(value.to_owned())))
            }
            _ => Err("Please give a full web address for your CV, starting with https://.".into()),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The form exactly as typed, so it can be shown again after an error.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationForm {
    pub name: String,
    pub email: String,
    pub message: String,
    pub cv_url: String,
}

/// An application that passed every rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Application {
    pub name: PersonName,
    pub email: Email,
    pub message: CoverMessage,
    pub cv: Option<CvLink>,
}

impl FormInput for ApplicationForm {
    type Valid = Application;
    const FIELDS: &'static [&'static str] = &["name", "email", "message", "cv_url"];

    fn from_fields(field: impl Fn(&str) -> String) -> Self {
        ApplicationForm {
            name: field("name"),
            email: field("email"),
            message: field("message"),
            cv_url: field("cv_url"),
        }
    }

    /// Checks every field and reports every problem at once.
    fn validate(&self) -> Result<Application, AppError> {
        let mut check = FieldCheck::default();
        let name = check.field("name", PersonName::parse(&self.name));
        let email = check.field(
            "email",
            Email::parse(
                &self.email,
                "Please give an email address, so the employer can reply.",
            ),
        );
        let message = check.field("message", CoverMessage::parse(&self.message));
        let cv = check.field("cv_url", CvLink::parse(&self.cv_url));
        match (name, email, message, cv) {
            (Some(name), Some(email), Some(message), Some(cv)) => Ok(Application {
                name,
                email,
                message,
                cv,
            }),
            _ => Err(check.into_error()),
        }
    }
}

/// Stores an application. The database refuses a second one for the same
/// email and job (a unique index) and anything its checks do not allow.
#[cfg(feature = "ssr")]
pub async fn submit(
    pool: &sqlx::PgPool,
    slug: &JobSlug,
    form: &ApplicationForm,
) -> Result<(), AppError> {
    use crate::error::OnConstraint;

    let application = form.validate()?;
    let job = sqlx::query!(
        r#"SELECT id, (status = 'published' AND valid_through > now()) AS "open!"
           FROM jobs WHERE slug = $1 AND status IN ('published', 'expired')"#,
        slug.as_str()
    )
    .fetch_optional(pool)
    .await?
    .ok_or(AppError::NotFound)?;
    if !job.open {
        return Err(AppError::Conflict(
            "This job has expired and no longer takes applications.".into(),
        ));
    }
    sqlx::query!(
        "INSERT INTO applications (job_id, name, email, message, cv_url) VALUES ($1, $2, $3, $4, $5)",
        job.id,
        application.name.as_str(),
        application.email.as_str(),
        application.message.as_str(),
        application.cv.as_ref().map(CvLink::as_str),
    )
    .execute(pool)
    .await
    .on_constraint("applications_one_per_email_per_job", || {
        AppError::Conflict(
            "You have already applied to this job with this email address. The employer has your application.".into(),
        )
    })?;
    tracing::info!(job = job.id, "application stored");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn valid() -> ApplicationForm {
        ApplicationForm {
            name: "Asha Rao".into(),
            email: "asha@example.in".into(),
            message: "I have built Python APIs for six years.".into(),
            cv_url: String::new(),
        }
    }

    #[test]
    fn a_complete_form_is_accepted() {
        let application = valid().validate().expect("valid");
        assert_eq!(application.email.as_str(), "asha@example.in");
        assert_eq!(application.cv, None);
    }

    #[test]
    fn each_bad_field_gets_its_own_message() {
        type Spoil = fn(&mut ApplicationForm);
        let cases: [(&str, Spoil); 12] = [
            ("name", |f| f.name = "   ".into()),
            ("name", |f| f.name = "x".repeat(101)),
            ("email", |f| f.email = String::new()),
            ("email", |f| f.email = "asha".into()),
            ("email", |f| f.email = "asha@localhost".into()),
            ("email", |f| f.email = "as ha@example.com".into()),
            ("email", |f| f.email = "a@@example.com".into()),
            ("message", |f| f.message = "Hire me".into()),
            ("message", |f| f.message = "x".repeat(4001)),
            ("message", |f| {
                f.message = "I have built APIs\0 for six years.".into()
            }),
            ("cv_url", |f| f.cv_url = "ftp://example.com/cv.pdf".into()),
            ("cv_url", |f| f.cv_url = "javascript:alert(1)".into()),
        ];
        for (field, spoil) in cases {
            let mut form = valid();
            spoil(&mut form);
            let error = form.validate().expect_err(field);
            assert!(error.field_message(field).is_some(), "{field}: {error:?}");
            let AppError::Invalid(errors) = error else {
                panic!("{field}")
            };
            assert_eq!(errors.len(), 1, "{field}: {errors:?}");
        }
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let AppError::Invalid(errors) = ApplicationForm::default().validate().unwrap_err() else {
            panic!("expected field errors");
        };
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["name", "email", "message"]);
    }

    #[test]
    fn a_cv_link_is_optional_but_must_be_a_web_address() {
        assert_eq!(CvLink::parse("  "), Ok(None));
        assert!(
            CvLink::parse("https://example.com/me.pdf")
                .unwrap()
                .is_some()
        );
        assert!(CvLink::parse("example.com").is_err());
    }
}

/// The application form, server HTML: it posts to the job's own URL,
/// which answers with a redirect (the thanks) or the page again with what
/// was typed and what to fix. [`ApplyLive`] makes it live.
#[component]
pub fn ApplyForm(slug: JobSlug, company: String, how_to_apply: String) -> impl IntoView {
    let echo = use_context::<Echo<ApplicationForm>>();
    if let Some(echo) = &echo {
        echo.set_status();
    }
    let applied = leptos_router::hooks::use_query_map()
        .read_untracked()
        .get("applied")
        .is_some();
    let region = if applied {
        let thanks = format!("Thank you. Your application is with {company}. They reply by email.");
        view! { <p class="notice notice--success" role="status">{thanks}</p> }.into_any()
    } else {
        view! { <ApplyFields slug echo /> }.into_any()
    };
    view! {
        <section class="apply" id="apply" aria-labelledby="apply-title">
            <h2 id="apply-title">"Apply"</h2>
            <p class="hint">{how_to_apply}</p>
            <ApplyLive>{region}</ApplyLive>
        </section>
    }
}

/// The fields, with what was typed and each message after a refused post.
#[component]
fn ApplyFields(slug: JobSlug, echo: Option<Echo<ApplicationForm>>) -> impl IntoView {
    let (typed, error) = match echo {
        Some(echo) => (echo.input, Some(echo.error)),
        None => (ApplicationForm::default(), None),
    };
    let message = |field: &str| Signal::stored(error.as_ref().and_then(|e| e.field_message(field)));
    view! {
        <form class="apply__form" method="post" action=format!("/jobs/{slug}") novalidate>
            <FormSummary form="apply" error=Signal::stored(error.clone()) />
            <TextField form="apply" name="name" label="Your name" kind="text" autocomplete="name" value=typed.name message=message("name") />
            <TextField form="apply" name="email" label="Email" kind="email" autocomplete="email" value=typed.email message=message("email") />
            <TextAreaField
                id="apply-message"
                name="message"
                label="Why this job fits you"
                rows=6
                maxlength=CoverMessage::MAX_CHARS
                hint=format!("At least {} characters.", CoverMessage::MIN_CHARS)
                value=typed.message
                message=message("message")
            />
            <TextField form="apply" name="cv_url" label="Link to your CV (optional)" kind="url" autocomplete="url" value=typed.cv_url message=message("cv_url") />
            <button type="submit" class="button" data-busy="Sending…">"Send application"</button>
        </form>
    }
}

/// An island around the form: the same rules as the server's as you type,
/// and the form sent without leaving the page (`ui::form::live_form`).
#[island(lazy)]
fn ApplyLive(children: Children) -> impl IntoView {
    crate::browser::island_hydrated();
    live_form::<ApplicationForm>("apply", children)
}
