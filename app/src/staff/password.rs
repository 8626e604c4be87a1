//! Passwords hashed with argon2id at OWASP's parameters (19 MiB, 2 passes,
//! 1 lane), on the blocking pool: a hash takes tens of milliseconds of CPU
//! that must not stall the async threads.

use super::Password;
use crate::AppError;
use argon2::{Algorithm, Argon2, Params, PasswordHash, PasswordHasher, PasswordVerifier, Version};
use std::sync::LazyLock;

fn hasher() -> Argon2<'static> {
    let params = Params::new(19_456, 2, 1, None).expect("OWASP's argon2id parameters are valid");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// Hashes at a time: each takes 19 MiB and a core, and a burst of logins
/// must not take all the memory or every blocking thread.
static HASHING: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(2);

/// Verified against when the email has no account, so a login for an
/// unknown email costs the same time as a wrong password: timing says
/// nothing about which emails exist.
static DUMMY: LazyLock<String> = LazyLock::new(|| {
    hasher()
        .hash_password(b"no account has this password")
        .expect("hashing a constant works")
        .to_string()
});

/// Computes the dummy hash now, at start-up, rather than in the first
/// login for an unknown email (which would then be slower).
pub fn warm_up() {
    LazyLock::force(&DUMMY);
}

/// The PHC string of `password` (its own random salt; argon2 0.6 makes it).
pub async fn hash(password: &Password) -> Result<String, AppError> {
    let password = password.expose().to_owned();
    let _permit = HASHING.acquire().await.map_err(|_| AppError::Internal)?;
    tokio::task::spawn_blocking(move || {
        hasher()
            .hash_password(password.as_bytes())
            .map(|h| h.to_string())
    })
    .await
    .map_err(|error| {
        tracing::error!(%error, "the hashing task failed");
        AppError::Internal
    })?
    .map_err(|error| {
        tracing::error!(%error, "argon2 refused to hash");
        AppError::Internal
    })
}

/// Whether `password` matches `stored`; with no stored hash (no such
/// account) the dummy is verified, and the answer is no.
pub async fn verify(password: String, stored: Option<String>) -> bool {
    let Ok(_permit) = HASHING.acquire().await else {
        return false;
    };
    tokio::task::spawn_blocking(move || {
        let known = stored.is_some();
        let phc = stored.unwrap_or_else(|| DUMMY.clone());
        let matches = PasswordHash::new(&phc)
            .map(|hash| hasher().verify_password(password.as_bytes(), &hash).is_ok())
            .unwrap_or(false);
        known && matches
    })
    .await
    .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_hash_is_argon2id_with_owasp_parameters_and_verifies_only_its_password() {
        let password = Password::parse("correct horse battery").unwrap();

        let phc = hash(&password).await.unwrap();

        assert!(phc.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{phc}");
        assert!(verify("correct horse battery".into(), Some(phc.clone())).await);
        assert!(!verify("correct horse batterY".into(), Some(phc.clone())).await);
        assert_ne!(
            phc,
            hash(&password).await.unwrap(),
            "each hash has its own salt"
        );
    }

    #[tokio::test]
    async fn without_an_account_nothing_verifies_not_even_the_dummys_password() {
        assert!(!verify("no account has this password".into(), None).await);
    }
}
