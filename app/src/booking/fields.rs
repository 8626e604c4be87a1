//! The booking form's rules, compiled for the browser (messages as people
//! type) and the server (the check that counts), so both always agree.

use crate::AppError;
use crate::common::{Email, PersonName};
use crate::ui::form::FieldCheck;
use serde::{Deserialize, Serialize};

/// A phone number in E.164: `+`, a country code, at most 15 digits in all.
/// People type spaces, dashes, dots and brackets; those are dropped.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Phone(String);

impl Phone {
    /// Empty means "no phone number", which is fine.
    pub fn parse(value: &str) -> Result<Option<Self>, String> {
        let value = value.trim();
        if value.is_empty() {
            return Ok(None);
        }
        let invalid = || {
            Err(format!(
                "“{}” is not an international phone number, such as +44 20 7946 0958.",
                crate::common::quote(value, 30)
            ))
        };
        let Some(rest) = value.strip_prefix('+') else {
            return invalid();
        };
        if !rest
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '-' | '.' | '(' | ')'))
        {
            return invalid();
        }
        let digits: String = rest.chars().filter(char::is_ascii_digit).collect();
        if !(8..=15).contains(&digits.len()) || digits.starts_with('0') {
            return invalid();
        }
        Ok(Some(Self(format!("+{digits}"))))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// What the visitor would like to learn; optional.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Topic(String);

impl Topic {
    pub const MAX_CHARS: usize = 1000;

    pub fn parse(value: &str) -> Result<Option<Self>, String> {
        let value = value.trim();
        if value.is_empty() {
            return Ok(None);
        }
        if crate::common::text::has_stray_control(value) {
            return Err("Your note contains characters we cannot store.".into());
        }
        let chars = value.chars().count();
        if chars > Self::MAX_CHARS {
            return Err(format!(
                "Please shorten this to {} characters (it has {chars}).",
                Self::MAX_CHARS
            ));
        }
        Ok(Some(Self(value.to_owned())))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The form as typed: strings, so an invalid value can be shown back.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BookingForm {
    pub name: String,
    pub email: String,
    pub phone: String,
    pub topic: String,
    /// "on" when the box was ticked, as browsers send it.
    pub consent: String,
}

/// A form that passed every rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidBooking {
    pub name: PersonName,
    pub email: Email,
    pub phone: Option<Phone>,
    pub topic: Option<Topic>,
}

impl BookingForm {
    /// Every field's problem at once, each next to its field.
    pub fn validate(&self) -> Result<ValidBooking, AppError> {
        let mut check = FieldCheck::default();
        let name = check.field("name", PersonName::parse(&self.name));
        let email = check.field(
            "email",
            Email::parse(
                &self.email,
                "Please give an email address for the confirmation.",
            ),
        );
        let phone = check.field("phone", Phone::parse(&self.phone));
        let topic = check.field("topic", Topic::parse(&self.topic));
        let consent = check.field(
            "consent",
            if matches!(self.consent.as_str(), "on" | "true" | "yes") {
                Ok(())
            } else {
                Err(
                    "Please agree to how we use your details, or we cannot book the lesson."
                        .to_owned(),
                )
            },
        );
        match (name, email, phone, topic, consent) {
            (Some(name), Some(email), Some(phone), Some(topic), Some(())) => Ok(ValidBooking {
                name,
                email,
                phone,
                topic,
            }),
            _ => Err(check.into_error()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn good() -> BookingForm {
        BookingForm {
            name: "Asha Rao".into(),
            email: "asha@example.com".into(),
            phone: "+44 20 7946 0958".into(),
            topic: "Rust and Postgres".into(),
            consent: "on".into(),
        }
    }

    #[test]
    fn a_complete_form_passes_and_phone_numbers_are_normalised() {
        let valid = good().validate().unwrap();

        assert_eq!(valid.phone.unwrap().as_str(), "+442079460958");
        assert_eq!(valid.name.as_str(), "Asha Rao");
    }

    #[test]
    fn each_bad_field_gets_its_own_message() {
        let long = "x".repeat(Topic::MAX_CHARS + 1);
        let cases: Vec<(BookingForm, &str, &str)> = vec![
            (
                BookingForm {
                    name: "  ".into(),
                    ..good()
                },
                "name",
                "your name",
            ),
            (
                BookingForm {
                    name: "a\u{7}b".into(),
                    ..good()
                },
                "name",
                "cannot store",
            ),
            (
                BookingForm {
                    email: "".into(),
                    ..good()
                },
                "email",
                "for the confirmation",
            ),
            (
                BookingForm {
                    email: "asha@".into(),
                    ..good()
                },
                "email",
                "not an email address",
            ),
            (
                BookingForm {
                    phone: "020 7946 0958".into(),
                    ..good()
                },
                "phone",
                "international",
            ),
            (
                BookingForm {
                    phone: "+12".into(),
                    ..good()
                },
                "phone",
                "international",
            ),
            (
                BookingForm {
                    phone: "+44 20 7946 0958 ext 2".into(),
                    ..good()
                },
                "phone",
                "international",
            ),
            (
                BookingForm {
                    phone: "+0 123 456 789".into(),
                    ..good()
                },
                "phone",
                "international",
            ),
            (
                BookingForm {
                    topic: long,
                    ..good()
                },
                "topic",
                "shorten",
            ),
            (
                BookingForm {
                    consent: "".into(),
                    ..good()
                },
                "consent",
                "agree",
            ),
        ];
        for (form, field, message) in cases {
            let Err(AppError::Invalid(errors)) = form.validate() else {
                panic!("{field}: accepted {form:?}");
            };

            assert_eq!(errors.len(), 1, "{field}: {errors:?}");
            assert_eq!(errors[0].field, field);
            assert!(
                errors[0].message.contains(message),
                "{field}: {}",
                errors[0].message
            );
        }
    }

    #[test]
    fn optional_fields_may_be_empty() {
        let form = BookingForm {
            phone: " ".into(),
            topic: "".into(),
            ..good()
        };

        let valid = form.validate().unwrap();

        assert_eq!((valid.phone, valid.topic), (None, None));
    }

    proptest! {
        #[test]
        fn validation_never_panics_and_never_accepts_without_consent(
            name in ".{0,120}", email in ".{0,80}", phone in ".{0,30}", topic in ".{0,50}", consent in prop_oneof![Just("on".to_owned()), ".{0,5}"],
        ) {
            let form = BookingForm { name, email, phone, topic, consent };
            if let Ok(valid) = form.validate() {
                prop_assert!(["on", "true", "yes"].contains(&form.consent.as_str()));
                prop_assert!(valid.name.as_str().chars().count() <= PersonName::MAX_CHARS);
            }
        }

        #[test]
        fn accepted_phone_numbers_are_e164(phone in "\\+[1-9][0-9 ()-]{6,20}") {
            if let Ok(Some(phone)) = Phone::parse(&phone) {
                let digits = &phone.as_str()[1..];
                prop_assert!(digits.len() <= 15 && digits.len() >= 8);
                prop_assert!(digits.chars().all(|c| c.is_ascii_digit()));
            }
        }
    }
}
