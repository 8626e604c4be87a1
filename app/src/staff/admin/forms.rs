//! The accounts pages' forms as typed, with their rules (both builds).
//! Passwords are never sent back to a page (`serde(skip)`).

use crate::AppError;
use crate::common::Email;
use crate::staff::{Password, Role};
use crate::ui::form::{FieldCheck, FormInput};
use serde::{Deserialize, Serialize};

fn role(check: &mut FieldCheck, typed: &str) -> Option<Role> {
    check.field(
        "role",
        Role::from_slug(typed).ok_or_else(|| "Choose admin or staff.".to_owned()),
    )
}

/// A new password typed twice.
fn new_password(check: &mut FieldCheck, new: &str, repeat: &str) -> Option<Password> {
    let password = check.field("new", Password::parse(new));
    let same = check.field(
        "repeat",
        if new == repeat {
            Ok(())
        } else {
            Err("The two passwords differ.".to_owned())
        },
    );
    password.filter(|_| same.is_some())
}

/// A new account: its email, role and first password, which the admin
/// passes on and its owner then changes.
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct NewAccountForm {
    pub email: String,
    pub role: String,
    #[serde(skip)]
    pub new: String,
    #[serde(skip)]
    pub repeat: String,
}

impl std::fmt::Debug for NewAccountForm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewAccountForm")
            .field("email", &self.email)
            .field("role", &self.role)
            .finish_non_exhaustive()
    }
}

pub struct NewAccount {
    pub email: Email,
    pub role: Role,
    pub password: Password,
}

impl FormInput for NewAccountForm {
    type Valid = NewAccount;
    const FIELDS: &'static [&'static str] = &["email", "role", "new", "repeat"];

    fn from_fields(field: impl Fn(&str) -> String) -> Self {
        NewAccountForm {
            email: field("email"),
            role: field("role"),
            new: field("new"),
            repeat: field("repeat"),
        }
    }

    fn validate(&self) -> Result<NewAccount, AppError> {
        let mut check = FieldCheck::default();
        let email = check.field(
            "email",
            Email::parse(&self.email, "Enter the email address of the person."),
        );
        let role = role(&mut check, &self.role);
        let password = new_password(&mut check, &self.new, &self.repeat);
        match (email, role, password) {
            (Some(email), Some(role), Some(password)) => Ok(NewAccount {
                email,
                role,
                password,
            }),
            _ => Err(check.into_error()),
        }
    }
}

/// A change of role.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RoleForm {
    pub role: String,
}

impl FormInput for RoleForm {
    type Valid = Role;
    const FIELDS: &'static [&'static str] = &["role"];

    fn from_fields(field: impl Fn(&str) -> String) -> Self {
        RoleForm {
            role: field("role"),
        }
    }

    fn validate(&self) -> Result<Role, AppError> {
        let mut check = FieldCheck::default();
        role(&mut check, &self.role).ok_or_else(|| check.into_error())
    }
}

/// Deactivating (`active=false`) or reactivating (`active=true`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ActiveForm {
    pub active: String,
}

impl FormInput for ActiveForm {
    type Valid = bool;
    const FIELDS: &'static [&'static str] = &["active"];

    fn from_fields(field: impl Fn(&str) -> String) -> Self {
        ActiveForm {
            active: field("active"),
        }
    }

    fn validate(&self) -> Result<bool, AppError> {
        match self.active.as_str() {
            "true" => Ok(true),
            "false" => Ok(false),
            _ => Err(AppError::BadRequest(
                "Say whether the account is to be active.".into(),
            )),
        }
    }
}

/// An admin's reset of someone's password: the new one, twice.
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ResetForm {
    #[serde(skip)]
    pub new: String,
    #[serde(skip)]
    pub repeat: String,
}

impl std::fmt::Debug for ResetForm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ResetForm(…)")
    }
}

impl FormInput for ResetForm {
    type Valid = Password;
    const FIELDS: &'static [&'static str] = &["new", "repeat"];

    fn from_fields(field: impl Fn(&str) -> String) -> Self {
        ResetForm {
            new: field("new"),
            repeat: field("repeat"),
        }
    }

    fn validate(&self) -> Result<Password, AppError> {
        let mut check = FieldCheck::default();
        new_password(&mut check, &self.new, &self.repeat).ok_or_else(|| check.into_error())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(error: AppError) -> Vec<String> {
        match error {
            AppError::Invalid(errors) => errors.into_iter().map(|e| e.field).collect(),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_new_account_names_every_field_to_fix_at_once() {
        let form = |email: &str, role: &str, new: &str, repeat: &str| NewAccountForm {
            email: email.into(),
            role: role.into(),
            new: new.into(),
            repeat: repeat.into(),
        };
        let long = "a long first password";
        let cases = [
            (form("", "", "", ""), vec!["email", "role", "new"]),
            (form("ada@example.com", "owner", long, long), vec!["role"]),
            (form("ada@", "staff", long, long), vec!["email"]),
            (
                form("ada@example.com", "staff", "short", "short"),
                vec!["new"],
            ),
            (
                form("ada@example.com", "admin", long, "a long first passwort"),
                vec!["repeat"],
            ),
        ];
        for (form, expected) in cases {
            assert_eq!(fields(form.validate().err().unwrap()), expected, "{form:?}");
        }
        let ok = form("Ada@Example.com", "admin", long, long)
            .validate()
            .unwrap();
        assert_eq!(ok.role, Role::Admin);
    }

    #[test]
    fn only_true_and_false_say_whether_an_account_is_active() {
        for (typed, expected) in [
            ("true", Some(true)),
            ("false", Some(false)),
            ("", None),
            ("1", None),
        ] {
            let form = ActiveForm {
                active: typed.into(),
            };
            assert_eq!(form.validate().ok(), expected, "{typed:?}");
        }
    }

    #[test]
    fn a_reset_password_is_checked_like_any_new_one_and_never_debug_printed() {
        let form = ResetForm {
            new: "correct horse battery".into(),
            repeat: "correct horse battery".into(),
        };
        assert!(form.validate().is_ok());
        assert!(!format!("{form:?}").contains("horse"));
        let short = ResetForm {
            new: "short".into(),
            repeat: "short".into(),
        };
        assert_eq!(fields(short.validate().err().unwrap()), vec!["new"]);
    }
}
