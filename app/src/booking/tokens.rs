//! The random and derived identifiers of a booking: the form's idempotency
//! key, the readable reference, and the manage token.

use crate::AppError;

/// 128 random bits as 32 hex digits: the form's idempotency key.
pub fn new_token() -> Result<String, AppError> {
    Ok(hex(&random_bytes::<16>()?))
}

/// A short reference people can read out: BL- and four characters without
/// the look-alikes 0/O, 1/I/L and U/V.
pub(super) fn new_reference(length: usize) -> Result<String, AppError> {
    const ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTWXYZ";
    let mut bytes = vec![0_u8; length];
    getrandom::fill(&mut bytes).map_err(|_| AppError::Internal)?;
    let code: String = bytes
        .iter()
        .map(|b| ALPHABET[*b as usize % ALPHABET.len()] as char)
        .collect();
    Ok(format!("BL-{code}"))
}

/// A booking's manage token: HMAC-SHA256 of its nonce under the server
/// secret, first 128 bits, as 32 hex digits. Only its SHA-256 is stored.
pub fn manage_token(secret: &[u8], nonce: &[u8]) -> String {
    use hmac::{Hmac, KeyInit, Mac};
    let mut mac = <Hmac<sha2::Sha256> as KeyInit>::new_from_slice(secret)
        .expect("HMAC takes a key of any length");
    mac.update(b"backline manage token v1:");
    mac.update(nonce);
    let digest = mac.finalize().into_bytes();
    hex(&digest[..16])
}

/// Lowercase hexadecimal, as tokens and fingerprints are shown.
pub(super) fn hex(bytes: &[u8]) -> String {
    hex::encode(bytes)
}

pub(super) fn random_bytes<const N: usize>() -> Result<[u8; N], AppError> {
    let mut bytes = [0_u8; N];
    getrandom::fill(&mut bytes).map_err(|error| {
        tracing::error!(%error, "no randomness");
        AppError::Internal
    })?;
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::booking::types::ManageToken;

    fn is_token(text: &str) -> bool {
        ManageToken::parse(text).is_ok()
    }

    #[test]
    fn manage_tokens_are_128_bits_derived_from_the_secret_and_the_nonce() {
        let token = manage_token(b"secret one", &[7; 16]);
        assert!(is_token(&token), "{token}");
        assert_eq!(token, manage_token(b"secret one", &[7; 16]));
        assert_ne!(token, manage_token(b"secret two", &[7; 16]));
        assert_ne!(token, manage_token(b"secret one", &[8; 16]));
    }

    #[test]
    fn references_are_readable_and_tokens_are_128_bits() {
        let reference = new_reference(4).unwrap();
        assert!(
            reference.starts_with("BL-") && reference.len() == 7,
            "{reference}"
        );
        assert!(
            !reference[3..].contains(['0', 'O', '1', 'I', 'L']),
            "{reference}"
        );
        let token = new_token().unwrap();
        assert!(is_token(&token));
        assert_ne!(token, new_token().unwrap());
    }
}
