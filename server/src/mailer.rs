//! Sends the emails bookings leave in the outbox, over SMTP, and keeps the
//! booking data tidy (completed lessons, retention). Both run in every
//! server instance: rows are claimed with `FOR UPDATE SKIP LOCKED`, so two
//! instances never send one email twice at once.
//!
//! Nothing here logs an address or a message: only outbox ids and errors,
//! whose text lettre builds from the server's reply, not the recipient.

use app::booking::BookingConfig;
use chrono::Utc;
use lettre::{
    AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor,
    message::{Mailbox, header::ContentType},
    transport::smtp::authentication::Credentials,
};
use sqlx::PgPool;
use std::time::Duration;

/// How to reach the SMTP server, from `BACKLINE_SMTP_*`.
#[derive(Clone)]
pub struct SmtpConfig {
    pub host: String,
    pub port: u16,
    /// `none` (a local relay), `starttls` or `tls`.
    pub security: SmtpSecurity,
    pub credentials: Option<(String, String)>,
    pub from: String,
    /// The first retry waits this long; each further one twice as long, up to an hour.
    pub retry_base: Duration,
    /// How often the outbox is looked at.
    pub poll: Duration,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SmtpSecurity {
    None,
    StartTls,
    Tls,
}

impl std::fmt::Debug for SmtpConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SmtpConfig")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("security", &self.security)
            .field("authenticated", &self.credentials.is_some())
            .finish()
    }
}

#[derive(Debug, thiserror::Error)]
pub enum MailError {
    #[error("SMTP transport: {0}")]
    Transport(#[from] lettre::transport::smtp::Error),
    #[error("could not build the message: {0}")]
    Message(String),
}

impl MailError {
    /// Trying again cannot help: the server refused for good (5xx), or the
    /// message cannot even be built.
    fn is_permanent(&self) -> bool {
        match self {
            MailError::Transport(error) => error.is_permanent(),
            MailError::Message(_) => true,
        }
    }
}

fn transport(config: &SmtpConfig) -> Result<AsyncSmtpTransport<Tokio1Executor>, MailError> {
    let builder = match config.security {
        SmtpSecurity::None => {
            AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(config.host.as_str())
        }
        SmtpSecurity::StartTls => {
            AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(&config.host)?
        }
        SmtpSecurity::Tls => AsyncSmtpTransport::<Tokio1Executor>::relay(&config.host)?,
    };
    let builder = builder
        .port(config.port)
        .timeout(Some(Duration::from_secs(10)));
    Ok(match &config.credentials {
        Some((user, password)) => builder
            .credentials(Credentials::new(user.clone(), password.clone()))
            .build(),
        None => builder.build(),
    })
}

/// After this many failed attempts (about a day and a half with the
/// default backoff), an email is given up on.
pub const MAX_ATTEMPTS: i32 = 12;

/// How long a claimed email is reserved for the worker that claimed it. A
/// worker that dies mid-batch leaves its emails to be retried after this.
const LEASE_SECONDS: f64 = 300.0;

/// Sends what is due, oldest first, at most `batch` emails. Returns how
/// many went out.
///
/// Emails are claimed with a short lease in one quick statement, then sent
/// with no transaction or lock held, so a slow SMTP server never blocks a
/// visitor who cancels or erases meanwhile. Each result is recorded on its
/// own. Delivery is at least once: a worker that dies between SMTP's
/// acceptance and the record sends that email again after the lease.
pub async fn deliver_due(
    pool: &PgPool,
    config: &SmtpConfig,
    booking: &BookingConfig,
    batch: i64,
) -> Result<usize, sqlx::Error> {
    let due = sqlx::query!(
        r#"UPDATE outbox SET next_attempt_at = now() + $2 * interval '1 second'
           WHERE id IN (
               SELECT id FROM outbox
               WHERE sent_at IS NULL AND failed_at IS NULL AND recipient IS NOT NULL
                 AND next_attempt_at <= now()
               ORDER BY next_attempt_at, id
               LIMIT $1
               FOR UPDATE SKIP LOCKED)
           RETURNING id, recipient AS "recipient!", subject, body AS "body!", attempts,
                     (SELECT token_nonce FROM bookings b WHERE b.id = outbox.booking_id) AS "nonce?""#,
        batch,
        LEASE_SECONDS
    )
    .fetch_all(pool)
    .await?;
    if due.is_empty() {
        return Ok(0);
    }
    let mailer = transport(config);
    let mut sent = 0;
    for mail in due {
        // The manage link is derived now; the stored text only has a placeholder.
        let body = match &mail.nonce {
            Some(nonce) => mail.body.replace(
                app::booking::mail::MANAGE_LINK,
                &format!(
                    "{}/booking/{}",
                    booking.public_url,
                    app::booking::tokens::manage_token(&booking.secret, nonce)
                ),
            ),
            None => mail.body.clone(),
        };
        let outcome = match &mailer {
            Ok(mailer) => send(mailer, config, &mail.recipient, &mail.subject, &body).await,
            Err(error) => Err(MailError::Message(error.to_string())),
        };
        match outcome {
            Ok(()) => {
                // The address and the text (with the manage link) are no longer needed.
                sqlx::query!(
                    "UPDATE outbox SET sent_at = now(), attempts = attempts + 1, recipient = NULL, body = NULL, last_error = NULL WHERE id = $1",
                    mail.id
                )
                .execute(pool)
                .await?;
                tracing::info!(outbox = mail.id, "email sent");
                sent += 1;
            }
            Err(error) if error.is_permanent() || mail.attempts + 1 >= MAX_ATTEMPTS => {
                let reason = redact(&error.to_string());
                sqlx::query!(
                    "UPDATE outbox SET failed_at = now(), attempts = attempts + 1, last_error = $2,
                            recipient = NULL, body = NULL
                     WHERE id = $1",
                    mail.id,
                    reason
                )
                .execute(pool)
                .await?;
                tracing::error!(outbox = mail.id, attempts = mail.attempts + 1, error = %reason, "email given up on");
            }
            Err(error) => {
                let reason = redact(&error.to_string());
                let wait = backoff(config.retry_base, mail.attempts);
                sqlx::query!(
                    "UPDATE outbox SET attempts = attempts + 1, last_error = $2,
                            next_attempt_at = now() + $3 * interval '1 millisecond'
                     WHERE id = $1",
                    mail.id,
                    reason,
                    wait.as_millis() as f64
                )
                .execute(pool)
                .await?;
                tracing::warn!(outbox = mail.id, attempt = mail.attempts + 1, retry_in_s = wait.as_secs(), error = %reason, "email not sent; will retry");
            }
        }
    }
    Ok(sent)
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

async fn send(
    mailer: &AsyncSmtpTransport<Tokio1Executor>,
    config: &SmtpConfig,
    to: &str,
    subject: &str,
    body: &str,
) -> Result<(), MailError> {
    let from: Mailbox = config
        .from
        .parse()
        .map_err(|_| MailError::Message("BACKLINE_MAIL_FROM is not an address".into()))?;
    let to: Mailbox = to
        .parse()
        .map_err(|_| MailError::Message("the stored recipient is not an address".into()))?;
    let message = Message::builder()
        .from(from)
        .to(to)
        .subject(subject)
        .header(ContentType::TEXT_PLAIN)
        .body(body.to_owned())
        .map_err(|error| MailError::Message(error.to_string()))?;
    mailer.send(message).await?;
    Ok(())
}

/// The outbox worker: delivers due emails every `poll`, until the process ends.
pub async fn run_outbox(pool: PgPool, config: SmtpConfig, booking: BookingConfig) {
    tracing::info!(smtp = ?config, "outbox worker started");
    loop {
        match deliver_due(&pool, &config, &booking, 10).await {
            Ok(sent) if sent > 0 => continue,
            Ok(_) => {}
            Err(error) => {
                tracing::warn!(error = %app::error::error_chain(&error), "outbox: database unavailable")
            }
        }
        tokio::time::sleep(config.poll).await;
    }
}

/// Marks past lessons completed and erases details past retention, every `every`.
pub async fn run_housekeeping(pool: PgPool, every: Duration) {
    loop {
        if let Err(error) = app::booking::store::housekeeping(&pool, Utc::now()).await {
            tracing::warn!(?error, "booking housekeeping failed; will retry");
        }
        tokio::time::sleep(every).await;
    }
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
