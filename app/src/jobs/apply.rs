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
    Echo, FieldCheck, FormInput, FormSummary, TextAreaField, TextField, use_echo, use_form,
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
        if value
            .chars()
            .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
        {
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
           FROM jobs WHERE slug = $1 AND status <> 'draft'"#,
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

/// Applies to a job (the browser's path, with JavaScript). The slug is
/// parsed here, so a malformed one is not found, as on the page.
#[server(endpoint = "jobs/apply")]
pub async fn apply_to_job(slug: String, form: ApplicationForm) -> Result<(), AppError> {
    let pool = AppError::reply(crate::state::AppState::current())?.pool;
    let slug = AppError::reply(JobSlug::parse(&slug))?;
    AppError::reply(submit(&pool, &slug, &form).await)
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

/// The application form. Works without JavaScript: it posts to the job's
/// own URL, which the server answers with a redirect or the page again.
#[component]
pub fn ApplyForm(slug: JobSlug, company: String, how_to_apply: String) -> impl IntoView {
    let echo = use_echo::<ApplicationForm>();
    let applied = leptos_router::hooks::use_query_map()
        .read_untracked()
        .get("applied")
        .is_some();
    view! {
        <section class="apply" id="apply" aria-labelledby="apply-title">
            <h2 id="apply-title">"Apply"</h2>
            <p class="hint">{how_to_apply}</p>
            <Suspense>
                {move || {
                    let (slug, company) = (slug.clone(), company.clone());
                    Suspend::new(async move {
                        let echo = echo.await;
                        view! { <ApplyFields slug company echo applied /> }
                    })
                }}
            </Suspense>
        </section>
    }
}

/// An island: the form's rules run in the browser as you type.
#[island(lazy)]
fn ApplyFields(
    slug: JobSlug,
    company: String,
    echo: Option<Echo<ApplicationForm>>,
    applied: bool,
) -> impl IntoView {
    crate::browser::island_hydrated();
    if let Some(echo) = &echo {
        echo.set_status();
    }
    let form = use_form(echo.as_ref());
    let typed = echo.map(|e| e.input).unwrap_or_default();
    let action = ServerAction::<ApplyToJob>::new();
    let busy = action.pending();
    let sent = RwSignal::new(applied);
    Effect::new(move |_| match action.value().get() {
        Some(Ok(())) => sent.set(true),
        Some(Err(failure)) => form.refused(failure),
        None => {}
    });
    let action_url = format!("/jobs/{slug}");
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        if let Some(input) = form.submit(&ev) {
            action.dispatch(ApplyToJob {
                slug: slug.to_string(),
                form: input,
            });
        }
    };
    let thanks = format!("Thank you. Your application is with {company}. They reply by email.");
    view! {
        <Show when=move || !sent.get() fallback=move || view! { <p class="notice notice--success" role="status">{thanks.clone()}</p> }>
            <form
                class="apply__form"
                method="post"
                action=action_url.clone()
                novalidate
                on:submit=on_submit.clone()
                on:focusout=move |ev| form.left(&ev)
                on:input=move |ev| drop(form.edited(&ev))
            >
                <FormSummary error=form.summary() />
                <TextField form="apply" name="name" label="Your name" kind="text" autocomplete="name" value=typed.name.clone() message=form.message("name") />
                <TextField form="apply" name="email" label="Email" kind="email" autocomplete="email" value=typed.email.clone() message=form.message("email") />
                <TextAreaField
                    id="apply-message"
                    name="message"
                    label="Why this job fits you"
                    rows=6
                    maxlength=CoverMessage::MAX_CHARS
                    hint=format!("At least {} characters.", CoverMessage::MIN_CHARS)
                    value=typed.message.clone()
                    message=form.message("message")
                />
                <TextField form="apply" name="cv_url" label="Link to your CV (optional)" kind="url" autocomplete="url" value=typed.cv_url.clone() message=form.message("cv_url") />
                <button type="submit" class="button" disabled=move || busy.get()>
                    {move || if busy.get() { "Sending…" } else { "Send application" }}
                </button>
            </form>
        </Show>
    }
}
