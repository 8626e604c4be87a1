//! Sending one email over SMTP with lettre.

use lettre::{
    AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor,
    message::{Mailbox, header::ContentType},
    transport::smtp::authentication::Credentials,
};
use secrecy::{ExposeSecret, SecretString};
use std::time::Duration;

/// How to reach the SMTP server, from `BACKLINE_SMTP_*`.
#[derive(Clone, Debug)]
pub struct SmtpConfig {
    pub host: String,
    pub port: u16,
    /// `none` (a local relay), `starttls` or `tls`.
    pub security: SmtpSecurity,
    /// The user name and password, if the server wants them. Both secret:
    /// the user name is often an address, and nothing here logs one.
    pub credentials: Option<(SecretString, SecretString)>,
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
    pub(super) fn is_permanent(&self) -> bool {
        match self {
            MailError::Transport(error) => error.is_permanent(),
            MailError::Message(_) => true,
        }
    }
}

pub(super) fn transport(
    config: &SmtpConfig,
) -> Result<AsyncSmtpTransport<Tokio1Executor>, MailError> {
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
            .credentials(Credentials::new(
                user.expose_secret().to_owned(),
                password.expose_secret().to_owned(),
            ))
            .build(),
        None => builder.build(),
    })
}

pub(super) async fn send(
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
