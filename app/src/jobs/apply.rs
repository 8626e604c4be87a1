//! Applying to a job: the form's rules, the server function, and the form.
//!
//! The same `ApplicationForm::validate` runs in the browser (instant
//! messages) and on the server (the only check that counts). With
//! JavaScript off the form posts to the job's own URL; the server answers a
//! success with a redirect (post/redirect/get) and an error by rendering the
//! page again with what was typed and what to fix.

use crate::AppError;
use crate::contact::{Email, FieldCheck, FormSummary, PersonName, TextField};
use crate::ui::TextArea;
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

impl ApplicationForm {
    /// Checks every field and reports every problem at once.
    pub fn validate(&self) -> Result<Application, AppError> {
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

/// What a JavaScript-off submission that failed leaves for the re-rendered
/// page: the values typed and the error. Given as context to that one render.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ApplyEcho {
    pub form: ApplicationForm,
    pub error: AppError,
}

/// Stores an application. The database refuses a second one for the same
/// email and job (a unique index) and anything its checks do not allow.
#[cfg(feature = "ssr")]
pub async fn submit(
    pool: &sqlx::PgPool,
    slug: &str,
    form: &ApplicationForm,
) -> Result<(), AppError> {
    use crate::error::OnConstraint;

    let application = form.validate()?;
    if !crate::common::is_slug(slug, 120) {
        return Err(AppError::NotFound);
    }
    let job = sqlx::query!(
        r#"SELECT id, (status = 'published' AND valid_through > now()) AS "open!"
           FROM jobs WHERE slug = $1 AND status <> 'draft'"#,
        slug
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

/// Applies to a job (the browser's path, with JavaScript).
#[server(endpoint = "jobs/apply")]
pub async fn apply_to_job(slug: String, form: ApplicationForm) -> Result<(), AppError> {
    let pool = AppError::reply(crate::state::AppState::current())?.pool;
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
pub fn ApplyForm(slug: String, company: String, how_to_apply: String) -> impl IntoView {
    // On the server, a failed no-JavaScript submission leaves its echo in
    // context. A resource carries it into the hydrated page unchanged.
    let echo = OnceResource::new(std::future::ready(use_context::<ApplyEcho>()));
    let applied = leptos_router::hooks::use_query_map()
        .read_untracked()
        .get("applied")
        .is_some();
    let action = ServerAction::<ApplyToJob>::new();
    let (error, set_error) = signal(None::<AppError>);
    let (sent, set_sent) = signal(applied);
    // The echo's error shows until the next submission replaces it.
    let (submitted, set_submitted) = signal(false);
    let shown_error = Signal::derive(move || {
        error.get().or_else(|| {
            (!submitted.get())
                .then(|| echo.get().flatten().map(|e| e.error))
                .flatten()
        })
    });

    Effect::new(move |_| match action.value().get() {
        Some(Ok(())) => {
            set_error.set(None);
            set_sent.set(true);
        }
        Some(Err(failure)) => set_error.set(Some(failure)),
        None => {}
    });

    let slug_for_submit = slug.clone();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(form) = read_form(&ev) else { return };
        set_submitted.set(true);
        match form.validate() {
            Ok(_) => {
                set_error.set(None);
                action.dispatch(ApplyToJob {
                    slug: slug_for_submit.clone(),
                    form,
                });
            }
            Err(invalid) => set_error.set(Some(invalid)),
        }
    };

    view! {
        <section class="apply" id="apply" aria-labelledby="apply-title">
            <h2 id="apply-title">"Apply"</h2>
            <p class="hint">{how_to_apply}</p>
            <Suspense>
                {move || {
                    let (slug, company, on_submit) = (slug.clone(), company.clone(), on_submit.clone());
                    Suspend::new(async move {
                    let echo = echo.await;
                    #[cfg(feature = "ssr")]
                    if let Some(echo) = &echo {
                        echo.error.set_response_status();
                    }
                    let typed = echo.map(|e| e.form).unwrap_or_default();
                    view! {
                        <Show when=move || !sent.get() fallback={
                            let company = company.clone();
                            move || view! {
                                <p class="notice notice--success" role="status">
                                    {format!("Thank you. Your application is with {company}. They reply by email.")}
                                </p>
                            }
                        }>
                            <ApplyFields
                                slug=slug.clone()
                                typed=typed.clone()
                                error=shown_error
                                busy=action.pending()
                                on_submit=on_submit.clone()
                            />
                        </Show>
                    }
                })}}
            </Suspense>
        </section>
    }
}

#[component]
fn ApplyFields(
    slug: String,
    typed: ApplicationForm,
    error: Signal<Option<AppError>>,
    busy: Memo<bool>,
    on_submit: impl Fn(leptos::ev::SubmitEvent) + Clone + Send + Sync + 'static,
) -> impl IntoView {
    let message =
        move |field: &'static str| move || error.get().and_then(|e| e.field_message(field));
    view! {
        <form class="apply__form" method="post" action=format!("/jobs/{slug}") novalidate on:submit=on_submit>
            <FormSummary error />
            <TextField form="apply" name="name" label="Your name" kind="text" autocomplete="name" value=typed.name message=Signal::derive(message("name")) />
            <TextField form="apply" name="email" label="Email" kind="email" autocomplete="email" value=typed.email message=Signal::derive(message("email")) />
            <div class="field">
                <label for="apply-message">"Why this job fits you"</label>
                <TextArea
                    id="apply-message"
                    name="message"
                    rows=6
                    maxlength=CoverMessage::MAX_CHARS
                    describedby="apply-message-error apply-message-hint"
                    invalid=Signal::derive(move || message("message")().is_some())
                    value=typed.message
                />
                <p id="apply-message-hint" class="hint">
                    {format!("At least {} characters.", CoverMessage::MIN_CHARS)}
                </p>
                <p id="apply-message-error" class="field__error">{message("message")}</p>
            </div>
            <TextField form="apply" name="cv_url" label="Link to your CV (optional)" kind="url" autocomplete="url" value=typed.cv_url message=Signal::derive(message("cv_url")) />
            <button type="submit" class="button" disabled=move || busy.get()>
                {move || if busy.get() { "Sending…" } else { "Send application" }}
            </button>
        </form>
    }
}

/// The form's current values, as the browser would submit them.
fn read_form(ev: &leptos::ev::SubmitEvent) -> Option<ApplicationForm> {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        let form: web_sys::HtmlFormElement = ev.current_target()?.dyn_into().ok()?;
        let data = web_sys::FormData::new_with_form(&form).ok()?;
        let field = |name: &str| data.get(name).as_string().unwrap_or_default();
        Some(ApplicationForm {
            name: field("name"),
            email: field("email"),
            message: field("message"),
            cv_url: field("cv_url"),
        })
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = ev;
        None
    }
}
