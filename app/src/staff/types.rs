//! What staff accounts are made of, compiled for the server and the browser
//! so one set of rules checks both: roles, passwords, the login form.

use crate::AppError;
use crate::common::Email;
use crate::common::options::options;
use crate::ui::form::{FieldCheck, FormInput};
use serde::{Deserialize, Serialize};

options!(
    /// What an account may do: staff run the back office, admins also
    /// manage accounts and read the audit log.
    Role, "staff_role", "role" {
        Admin = "admin", "Admin";
        Staff = "staff", "Staff";
    }
);

/// A new password: 12 to 128 characters of anything (OWASP ASVS 2.1.1,
/// 2.1.2 and 2.1.9: length, no composition rules). Spaces count; nothing
/// is trimmed. Its `Debug` never shows it.
#[derive(Clone, PartialEq, Eq)]
pub struct Password(String);

impl Password {
    pub const MIN_CHARS: usize = 12;
    pub const MAX_CHARS: usize = 128;

    pub fn parse(value: &str) -> Result<Self, String> {
        let chars = value.chars().count();
        if chars < Self::MIN_CHARS {
            Err(format!(
                "Use at least {} characters; a few words make a strong one.",
                Self::MIN_CHARS
            ))
        } else if chars > Self::MAX_CHARS {
            Err(format!("Use at most {} characters.", Self::MAX_CHARS))
        } else {
            Ok(Password(value.to_owned()))
        }
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Password {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Password(…)")
    }
}

/// The login form as typed. The password is never sent back to the page
/// (`serde(skip)`): a refused login keeps the email only.
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct LoginForm {
    pub email: String,
    #[serde(skip)]
    pub password: String,
}

impl std::fmt::Debug for LoginForm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LoginForm")
            .field("email", &self.email)
            .finish_non_exhaustive()
    }
}

/// A login form that passed its checks. Any existing password is accepted
/// here (an older rule may have made it); only its length is bounded, so
/// hashing cost is too.
#[derive(Clone)]
pub struct Credentials {
    pub email: Email,
    pub password: String,
}

impl FormInput for LoginForm {
    type Valid = Credentials;
    const FIELDS: &'static [&'static str] = &["email", "password"];

    fn from_fields(field: impl Fn(&str) -> String) -> Self {
        LoginForm {
            email: field("email"),
            password: field("password"),
        }
    }

    fn validate(&self) -> Result<Credentials, AppError> {
        let mut check = FieldCheck::default();
        let email = check.field(
            "email",
            Email::parse(
                &self.email,
                "Enter the email address of your staff account.",
            ),
        );
        let password = check.field(
            "password",
            match self.password.chars().count() {
                0 => Err("Enter your password.".to_owned()),
                n if n > Password::MAX_CHARS => Err(format!(
                    "A password has at most {} characters.",
                    Password::MAX_CHARS
                )),
                _ => Ok(self.password.clone()),
            },
        );
        match (email, password) {
            (Some(email), Some(password)) => Ok(Credentials { email, password }),
            _ => Err(check.into_error()),
        }
    }

    /// The password's message waits for the submission: leaving an empty
    /// box on the way to the email is no mistake.
    fn checks_on_leave(field: &str) -> bool {
        field != "password"
    }
}

/// Changing one's own password, as typed. None of it is ever sent back.
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PasswordChangeForm {
    #[serde(skip)]
    pub current: String,
    #[serde(skip)]
    pub new: String,
    #[serde(skip)]
    pub repeat: String,
}

impl std::fmt::Debug for PasswordChangeForm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PasswordChangeForm(…)")
    }
}

/// A password change that passed its checks; the current password is
/// still to be verified against the stored hash.
pub struct PasswordChange {
    pub current: String,
    pub new: Password,
}

impl FormInput for PasswordChangeForm {
    type Valid = PasswordChange;
    const FIELDS: &'static [&'static str] = &["current", "new", "repeat"];

    fn from_fields(field: impl Fn(&str) -> String) -> Self {
        PasswordChangeForm {
            current: field("current"),
            new: field("new"),
            repeat: field("repeat"),
        }
    }

    fn validate(&self) -> Result<PasswordChange, AppError> {
        let mut check = FieldCheck::default();
        let current = check.field(
            "current",
            if self.current.is_empty() {
                Err("Enter your current password.".to_owned())
            } else {
                Ok(self.current.clone())
            },
        );
        let new = check.field(
            "new",
            Password::parse(&self.new).and_then(|new| {
                if new.expose() == self.current {
                    Err("Choose a password other than your current one.".to_owned())
                } else {
                    Ok(new)
                }
            }),
        );
        let repeat = check.field(
            "repeat",
            if self.repeat == self.new {
                Ok(())
            } else {
                Err("The two new passwords differ.".to_owned())
            },
        );
        match (current, new, repeat) {
            (Some(current), Some(new), Some(())) => Ok(PasswordChange { current, new }),
            _ => Err(check.into_error()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_need_twelve_to_a_hundred_and_twenty_eight_characters_of_anything() {
        let cases = [
            ("eleven char", false),
            ("twelve chars", true),
            ("   12 spaces", true),
            ("ünïcödé pässwörd", true),
            (&"x".repeat(128), true),
            (&"x".repeat(129), false),
        ];
        for (value, ok) in cases {
            assert_eq!(Password::parse(value).is_ok(), ok, "{value:?}");
        }
    }

    #[test]
    fn a_password_never_shows_in_debug_output() {
        let password = Password::parse("correct horse battery").unwrap();
        let form = LoginForm {
            email: "a@example.com".into(),
            password: "correct horse battery".into(),
        };
        assert!(!format!("{password:?} {form:?}").contains("horse"));
    }

    #[test]
    fn a_password_change_names_each_field_that_is_wrong() {
        let form = |current: &str, new: &str, repeat: &str| PasswordChangeForm {
            current: current.into(),
            new: new.into(),
            repeat: repeat.into(),
        };
        let cases = [
            (
                form("", "a long new password", "a long new password"),
                vec!["current"],
            ),
            (form("old password 1", "short", "short"), vec!["new"]),
            (
                form("old password 1", "old password 1", "old password 1"),
                vec!["new"],
            ),
            (
                form(
                    "old password 1",
                    "a long new password",
                    "a long new passwort",
                ),
                vec!["repeat"],
            ),
        ];
        for (form, fields) in cases {
            let Err(AppError::Invalid(errors)) = form.validate() else {
                panic!("refused")
            };
            assert_eq!(
                errors.iter().map(|e| e.field.as_str()).collect::<Vec<_>>(),
                fields
            );
        }
        assert!(
            form(
                "old password 1",
                "a long new password",
                "a long new password"
            )
            .validate()
            .is_ok()
        );
    }

    #[test]
    fn a_login_form_reports_both_missing_fields_at_once() {
        let Err(AppError::Invalid(errors)) = LoginForm::default().validate() else {
            panic!("an empty form is refused");
        };
        assert_eq!(errors.len(), 2);
    }
}
