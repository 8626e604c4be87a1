//! Booking a lesson: one transaction that takes the slot and queues the
//! confirmation, idempotent for a resent form.

use super::super::fields::ValidBooking;
use super::super::tokens::{manage_token, new_reference, random_bytes};
use super::super::types::{BookRequest, Booked, ManageToken};
use super::super::when::{SlotId, visitor_zone};
use super::super::{BookingConfig, mail};
use super::availability::{buffer_halves, free_now, load_settings_locked, taken_message};
use crate::AppError;
use crate::rate_limit::rate_limit;
use crate::ui::form::FormInput;
use chrono::{DateTime, Utc};
use secrecy::ExposeSecret;
use sqlx::{PgConnection, PgPool};
use std::net::IpAddr;

/// Books a slot. The same key sent again (a double click, a retry, an
/// offline replay) finds the booking it made the first time.
pub async fn book(
    pool: &PgPool,
    config: &BookingConfig,
    client: IpAddr,
    request: &BookRequest,
    now: DateTime<Utc>,
) -> Result<Booked, AppError> {
    if !request.website.trim().is_empty() {
        // A robot filled in the hidden field: whatever else it sent, it is
        // told it succeeded, and nothing is stored or sent.
        tracing::info!("booking honeypot triggered");
        return Ok(Booked {
            token: String::new(),
            reference: new_reference(4)?,
            next: "/book/thanks".into(),
        });
    }
    let (valid, key) = validate_request(request)?;
    let Some(start) = SlotId::parse(&request.slot).map(SlotId::start) else {
        return Err(slot_error());
    };
    if let Some(booked) = replay(pool, config, &key, start, &valid).await? {
        return Ok(booked);
    }
    rate_limit(pool, config.limit(), "book", client).await?;
    let (zone, _) = visitor_zone(&request.zone);

    let mut tx = pool.begin().await?;
    let settings = load_settings_locked(&mut tx).await?;
    let rules = &settings.availability;
    let free = free_now(&mut tx, rules, now, None).await?;
    let Some(slot) = free.iter().copied().find(|s| s.start == start) else {
        // Taken, perhaps by this very submission sent twice at once.
        drop(tx);
        return match replay(pool, config, &key, start, &valid).await? {
            Some(booked) => Ok(booked),
            None => Err(taken_message(&free, start, zone, rules.horizon.num_days())),
        };
    };
    let (before, after) = buffer_halves(rules);
    let nonce = random_bytes::<16>()?;
    let token = manage_token(config.secret.expose_secret(), &nonce);
    let mut inserted = None;
    for attempt in 0..8 {
        let reference = new_reference(if attempt < 6 { 4 } else { 6 })?;
        let row = sqlx::query!(
            r#"INSERT INTO bookings
                   (reference, during, blocks, status, name, email, phone, topic,
                    visitor_zone, token_hash, token_nonce, idempotency_hash, consented_at)
               VALUES ($1, tstzrange($2, $3), tstzrange($4, $5), 'confirmed', $6, $7, $8, $9,
                       $10, sha256(convert_to($11, 'UTF8')), $12, sha256(convert_to($13, 'UTF8')), $14)
               ON CONFLICT ON CONSTRAINT bookings_reference_unique DO NOTHING
               RETURNING id"#,
            reference,
            slot.start,
            slot.end,
            slot.start - before,
            slot.end + after,
            valid.name.as_str(),
            valid.email.as_str(),
            valid.phone.as_ref().map(|p| p.as_str()),
            valid.topic.as_ref().map(|t| t.as_str()),
            zone.name(),
            token,
            &nonce[..],
            request.key,
            now,
        )
        .fetch_optional(&mut *tx)
        .await;
        match row {
            Ok(Some(row)) => {
                inserted = Some((row.id, reference));
                break;
            }
            Ok(None) => continue,
            Err(sqlx::Error::Database(error))
                if matches!(
                    error.constraint(),
                    Some("bookings_no_overlap" | "bookings_idempotency_unique")
                ) =>
            {
                // Either someone else took the time, or this very submission,
                // sent twice at once, did: then the other copy's booking is ours.
                drop(tx);
                return match replay(pool, config, &key, start, &valid).await? {
                    Some(booked) => Ok(booked),
                    None => Err(taken_message(&free, start, zone, rules.horizon.num_days())),
                };
            }
            Err(other) => return Err(other.into()),
        }
    }
    let Some((id, reference)) = inserted else {
        tracing::error!("no free booking reference after 8 attempts");
        return Err(AppError::Internal);
    };
    let message = mail::confirmation(&mail::Details {
        reference: &reference,
        name: valid.name.as_str(),
        slot,
        zone,
        manage_url: mail::MANAGE_LINK,
    });
    queue_email(
        &mut tx,
        id,
        "booking_confirmed",
        valid.email.as_str(),
        &message,
    )
    .await?;
    tx.commit().await?;
    tracing::info!(booking = id, %reference, "booking made");
    Ok(Booked::made(token, reference))
}

pub(super) fn slot_error() -> AppError {
    AppError::Invalid(vec![crate::error::FieldError {
        field: "slot".into(),
        message: "Please pick a time for the lesson from the list.".into(),
    }])
}

/// The form's rules, plus a key that can be a manage token.
fn validate_request(request: &BookRequest) -> Result<(ValidBooking, ManageToken), AppError> {
    let valid = request.validate();
    let key = ManageToken::parse(&request.key).map_err(|_| {
        AppError::BadRequest(
            "This booking form is out of date. Please reload the page and try again.".into(),
        )
    })?;
    Ok((valid?, key))
}

/// The booking an earlier send of this very submission made, if any. The
/// key with other details (another slot or email) is refused: a key names
/// one submission.
async fn replay(
    pool: &PgPool,
    config: &BookingConfig,
    key: &ManageToken,
    start: DateTime<Utc>,
    valid: &ValidBooking,
) -> Result<Option<Booked>, AppError> {
    let row = sqlx::query!(
        r#"SELECT reference, lower(during) AS "start!", email, token_nonce
           FROM bookings WHERE idempotency_hash = sha256(convert_to($1, 'UTF8'))"#,
        key.as_str()
    )
    .fetch_optional(pool)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let same = row.start == start
        && row
            .email
            .is_some_and(|email| email.eq_ignore_ascii_case(valid.email.as_str()));
    if !same {
        return Err(AppError::Conflict(
            "This form was already used for another booking. Please reload the page to book again."
                .into(),
        ));
    }
    // Bookings from before derived tokens used the key itself.
    let token = match row.token_nonce {
        Some(nonce) => manage_token(config.secret.expose_secret(), &nonce),
        None => key.to_string(),
    };
    Ok(Some(Booked::made(token, row.reference)))
}

/// Queues an email about this booking, in the caller's transaction.
pub(super) async fn queue_email(
    conn: &mut PgConnection,
    booking: i64,
    kind: &str,
    to: &str,
    message: &mail::Message,
) -> Result<(), AppError> {
    crate::outbox::queue(
        conn,
        Some(booking),
        kind,
        to,
        &message.subject,
        &message.body,
    )
    .await
}
