//! Contact details every form asks for. Compiled for the browser and the
//! server, so both apply the same rules with the same messages.

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
