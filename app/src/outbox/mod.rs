//! The outbox: emails written in the same transaction as what they report,
//! then sent over SMTP by a worker in every server instance. Rows are
//! claimed with `FOR UPDATE SKIP LOCKED`, so two instances never send one
//! email twice at once. Server only, but for `staff`: the back office's
//! list of emails and its retry, which both builds compile.
//!
//! Booking confirmations use it today; job alerts and staff emails will.
//! A capability queues with [`queue`] and may leave placeholders in the body
//! that only the sender can fill (the booking's manage link, derived from
//! the server secret): the worker passes each claimed email through the
//! `personalize` function it was started with.
//!
//! Nothing here logs an address or a message: only outbox ids and errors,
//! whose text lettre builds from the server's reply, not the recipient.

#[cfg(feature = "ssr")]
mod queue;
#[cfg(feature = "ssr")]
mod smtp;
pub mod staff;

#[cfg(feature = "ssr")]
pub use queue::{OutboxEntry, mail_counts, queue, unsent_emails};
#[cfg(feature = "ssr")]
pub use smtp::{MailError, SmtpConfig, SmtpSecurity};

use std::time::Duration;

/// After this many failed attempts (about a day and a half with the
/// default backoff), an email is given up on.
pub const MAX_ATTEMPTS: i32 = 12;

/// An email claimed for sending.
#[derive(Debug)]
pub struct Due {
    pub id: i64,
    pub recipient: String,
    pub subject: String,
    pub body: String,
    pub attempts: i32,
    /// The nonce of the booking the email is about, if any.
    pub booking_nonce: Option<Vec<u8>>,
}

/// Sends what is due, oldest first, at most `batch` emails. Returns how
/// many went out.
///
/// Emails are claimed with a short lease in one quick statement, then sent
/// with no transaction or lock held, so a slow SMTP server never blocks a
/// visitor who cancels or erases meanwhile. Each result is recorded on its
/// own. Delivery is at least once: a worker that dies between SMTP's
/// acceptance and the record sends that email again after the lease.
#[cfg(feature = "ssr")]
pub async fn deliver_due(
    pool: &sqlx::PgPool,
    config: &SmtpConfig,
    personalize: &(dyn Fn(&Due) -> String + Sync),
    batch: i64,
) -> Result<usize, sqlx::Error> {
    let due = queue::claim_due(pool, batch).await?;
    if due.is_empty() {
        return Ok(0);
    }
    let mailer = smtp::transport(config);
    let mut sent = 0;
    for mail in due {
        let body = personalize(&mail);
        let outcome = match &mailer {
            Ok(mailer) => smtp::send(mailer, config, &mail.recipient, &mail.subject, &body).await,
            Err(error) => Err(MailError::Message(error.to_string())),
        };
        match outcome {
            Ok(()) => {
                queue::record_sent(pool, mail.id).await?;
                tracing::info!(outbox = mail.id, "email sent");
                sent += 1;
            }
            Err(error) if error.is_permanent() || mail.attempts + 1 >= MAX_ATTEMPTS => {
                let reason = redact(&error.to_string());
                queue::record_given_up(pool, mail.id, &reason).await?;
                tracing::error!(outbox = mail.id, attempts = mail.attempts + 1, error = %reason, "email given up on");
            }
            Err(error) => {
                let reason = redact(&error.to_string());
                let wait = backoff(config.retry_base, mail.attempts);
                queue::record_retry(pool, mail.id, &reason, wait).await?;
                tracing::warn!(outbox = mail.id, attempt = mail.attempts + 1, retry_in_s = wait.as_secs(), error = %reason, "email not sent; will retry");
            }
        }
    }
    Ok(sent)
}

/// The outbox worker: delivers due emails every `poll`, until the process ends.
#[cfg(feature = "ssr")]
pub async fn run(
    pool: sqlx::PgPool,
    config: SmtpConfig,
    personalize: impl Fn(&Due) -> String + Sync,
) {
    tracing::info!(smtp = ?config, "outbox worker started");
    loop {
        match deliver_due(&pool, &config, &personalize, 10).await {
            Ok(sent) if sent > 0 => continue,
            Ok(_) => {}
            Err(error) => {
                tracing::warn!(error = %crate::error::error_chain(&error), "outbox: database unavailable")
            }
        }
        tokio::time::sleep(config.poll).await;
    }
}

/// An SMTP server's reply can quote the recipient; any word with an `@`
/// becomes `[address]` before it is logged or stored.
pub fn redact(text: &str) -> String {
    text.split(' ')
        .map(|word| {
            if word.contains('@') {
                "[address]"
            } else {
                word
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// base, 2×base, 4×base… capped at an hour.
pub fn backoff(base: Duration, attempts: i32) -> Duration {
    let factor = 2_u32.saturating_pow(attempts.clamp(0, 20) as u32);
    base.saturating_mul(factor).min(Duration::from_secs(3600))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_text_loses_any_address_it_quotes() {
        let reply = "permanent error (550): <asha.rao@example.com>: mailbox unavailable";
        assert_eq!(
            redact(reply),
            "permanent error (550): [address] mailbox unavailable"
        );
    }

    #[test]
    fn retries_wait_twice_as_long_each_time_up_to_an_hour() {
        let base = Duration::from_secs(30);
        let waits: Vec<u64> = (0..4).map(|n| backoff(base, n).as_secs()).collect();
        assert_eq!(waits, [30, 60, 120, 240]);
        assert_eq!(backoff(base, 12), Duration::from_secs(3600));
        assert_eq!(backoff(base, i32::MAX), Duration::from_secs(3600));
    }
}
