//! One error type for every server function and page.
//!
//! Users see a short, honest message; the cause of an internal error is
//! logged on the server with its whole chain and never sent to the browser.

use http::StatusCode;
use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// The thing asked for does not exist (or no longer does).
    #[error("We could not find what you asked for.")]
    NotFound,
    /// The request itself was malformed; the message says what to fix.
    #[error("{0}")]
    BadRequest(String),
    /// A form was filled in wrongly: a message for each field to fix.
    #[error("Please correct the highlighted fields.")]
    Invalid(Vec<FieldError>),
    /// The request clashes with what is already there (say, a second
    /// application); the message says what happened.
    #[error("{0}")]
    Conflict(String),
    /// Too many requests from one address in a short time; the message says
    /// when to try again.
    #[error("{0}")]
    TooManyRequests(String),
    /// The time asked for was taken first (or is no longer offered); the
    /// message names the nearest free times.
    #[error("{0}")]
    SlotTaken(String),
    /// The request came from somewhere we do not take it from (another
    /// site's form or script); the message says so.
    #[error("{0}")]
    Forbidden(String),
    /// No session, or one that ended: the staff area asks to log in.
    #[error("{0}")]
    Unauthorized(String),
    /// The body is of a type this endpoint does not read.
    #[error("{0}")]
    UnsupportedMediaType(String),
    /// It existed, but is gone for good (a job long expired).
    #[error("This is no longer available.")]
    Gone,
    /// A dependency (the database) is down or overloaded. Retrying later helps.
    #[error("Backline is briefly unavailable. Please try again in a moment.")]
    Unavailable,
    /// The browser could not reach the server at all.
    #[error("We could not reach Backline. Check your connection and try again.")]
    Network,
    /// A bug or an unexpected failure on our side; details are in the server log.
    #[error("Something went wrong on our side. It has been logged and we will look into it.")]
    Internal,
}

/// What is wrong with one field of a form, for the message beside it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    /// The field's `name` in the form.
    pub field: String,
    pub message: String,
}

impl AppError {
    /// The message for one field, when this error is about a form.
    pub fn field_message(&self, field: &str) -> Option<String> {
        match self {
            AppError::Invalid(errors) => errors
                .iter()
                .find(|e| e.field == field)
                .map(|e| e.message.clone()),
            _ => None,
        }
    }

    /// The HTTP status that honestly describes this error.
    pub fn status_code(&self) -> StatusCode {
        match self {
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::Conflict(_) | AppError::SlotTaken(_) => StatusCode::CONFLICT,
            AppError::TooManyRequests(_) => StatusCode::TOO_MANY_REQUESTS,
            AppError::Forbidden(_) => StatusCode::FORBIDDEN,
            AppError::Unauthorized(_) => StatusCode::UNAUTHORIZED,
            AppError::UnsupportedMediaType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            AppError::Gone => StatusCode::GONE,
            AppError::Unavailable | AppError::Network => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Request(_) => AppError::Network,
            ServerFnErrorErr::Args(message) | ServerFnErrorErr::MissingArg(message) => {
                bad_arguments(&message)
            }
            // On the server this is a body that is not text (server_fn reads
            // it as UTF-8 first): the client's fault, not ours. In the
            // browser it is a reply we could not read, which is ours.
            #[cfg(feature = "ssr")]
            ServerFnErrorErr::Deserialization(message) => bad_arguments(&message),
            other => {
                #[cfg(feature = "ssr")]
                tracing::error!(error = %other, "server function failed");
                #[cfg(not(feature = "ssr"))]
                let _ = other;
                AppError::Internal
            }
        }
    }
}

/// A request whose arguments could not be read: 400, and a warning at most,
/// since a client sent it. The warning leaves out serde's message, which
/// can quote what was sent (an email, a phone number).
fn bad_arguments(message: &str) -> AppError {
    #[cfg(feature = "ssr")]
    tracing::warn!("server function arguments could not be read");
    let error = AppError::BadRequest(format!("The request was not understood: {message}"));
    #[cfg(feature = "ssr")]
    error.set_response_status();
    error
}

#[cfg(feature = "ssr")]
mod ssr {
    use super::AppError;
    use std::error::Error;

    /// Renders an error and all its sources as one line, for the log.
    pub fn error_chain(error: &(dyn Error + 'static)) -> String {
        let mut line = error.to_string();
        let mut source = error.source();
        while let Some(cause) = source {
            // Many errors already repeat their source in their own message.
            let text = cause.to_string();
            if !line.ends_with(&text) {
                line.push_str(": ");
                line.push_str(&text);
            }
            source = cause.source();
        }
        line
    }

    impl AppError {
        /// Logs an unexpected failure with its cause chain and hides it from the user.
        pub fn internal(error: impl Error + 'static) -> Self {
            tracing::error!(error = %error_chain(&error), "internal error");
            AppError::Internal
        }

        /// Sets this error's status on the response being built, whether that
        /// is a server function's reply or a server-rendered page.
        pub fn set_response_status(&self) {
            if let Some(response) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
                response.set_status(self.status_code());
            }
        }

        /// What every server function returns through: server_fn answers
        /// every error with 500, so this gives it its honest status.
        pub fn reply<T>(result: Result<T, impl Into<AppError>>) -> Result<T, AppError> {
            result.map_err(|error| {
                let error = error.into();
                error.set_response_status();
                error
            })
        }
    }

    /// Postgres is shutting down, restarting, or the connection broke
    /// (SQLSTATE class 08 and 57P01–57P03): retrying later will work.
    fn is_transient(error: &(dyn sqlx::error::DatabaseError + 'static)) -> bool {
        error.code().is_some_and(|code| {
            code.starts_with("08") || matches!(&*code, "57P01" | "57P02" | "57P03")
        })
    }

    /// A user-facing error for a named database constraint: the code maps
    /// constraint names, never error message text.
    pub trait OnConstraint<T> {
        fn on_constraint(self, name: &str, to: impl FnOnce() -> AppError) -> Result<T, AppError>;
    }

    impl<T> OnConstraint<T> for Result<T, sqlx::Error> {
        fn on_constraint(self, name: &str, to: impl FnOnce() -> AppError) -> Result<T, AppError> {
            self.map_err(|error| match &error {
                sqlx::Error::Database(database) if database.constraint() == Some(name) => to(),
                _ => AppError::from(error),
            })
        }
    }

    impl From<sqlx::Error> for AppError {
        fn from(error: sqlx::Error) -> Self {
            match error {
                sqlx::Error::RowNotFound => AppError::NotFound,
                sqlx::Error::Database(ref database) if is_transient(database.as_ref()) => {
                    tracing::warn!(error = %error_chain(&error), "database unavailable");
                    AppError::Unavailable
                }
                // The database is down, unreachable or saturated: tell the user to retry.
                sqlx::Error::PoolTimedOut
                | sqlx::Error::PoolClosed
                | sqlx::Error::Io(_)
                | sqlx::Error::Tls(_)
                | sqlx::Error::WorkerCrashed => {
                    tracing::warn!(error = %error_chain(&error), "database unavailable");
                    AppError::Unavailable
                }
                other => AppError::internal(other),
            }
        }
    }
}

#[cfg(feature = "ssr")]
pub use ssr::{OnConstraint, error_chain};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_error_maps_to_an_honest_status() {
        let cases = [
            (AppError::NotFound, 404),
            (AppError::BadRequest("x".into()), 400),
            (AppError::Invalid(vec![]), 422),
            (AppError::Conflict("x".into()), 409),
            (AppError::SlotTaken("x".into()), 409),
            (AppError::TooManyRequests("x".into()), 429),
            (AppError::Forbidden("x".into()), 403),
            (AppError::Unauthorized("x".into()), 401),
            (AppError::UnsupportedMediaType("x".into()), 415),
            (AppError::Gone, 410),
            (AppError::Unavailable, 503),
            (AppError::Network, 503),
            (AppError::Internal, 500),
        ];
        for (error, status) in cases {
            assert_eq!(error.status_code().as_u16(), status, "{error:?}");
        }
    }

    #[test]
    fn a_network_failure_in_the_browser_becomes_a_network_error() {
        let error = AppError::from_server_fn_error(ServerFnErrorErr::Request("offline".into()));
        assert_eq!(error, AppError::Network);
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn the_logged_chain_names_every_cause_once() {
        #[derive(Debug, thiserror::Error)]
        #[error("could not start")]
        struct Outer(#[source] std::io::Error);
        let error = Outer(std::io::Error::other("port taken"));
        assert_eq!(error_chain(&error), "could not start: port taken");
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn arguments_the_server_cannot_read_are_the_clients_fault() {
        let cases = [
            ServerFnErrorErr::Args("missing field `zone`".into()),
            ServerFnErrorErr::MissingArg("zone".into()),
            ServerFnErrorErr::Deserialization("invalid utf-8 sequence".into()),
        ];
        for case in cases {
            let error = AppError::from_server_fn_error(case.clone());
            assert_eq!(error.status_code(), StatusCode::BAD_REQUEST, "{case:?}");
        }
    }

    #[test]
    fn internal_errors_show_no_detail_to_the_user() {
        let error =
            AppError::from_server_fn_error(ServerFnErrorErr::ServerError("secret detail".into()));
        assert!(!error.to_string().contains("secret"));
    }
}
