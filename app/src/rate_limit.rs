//! Per-action limits per client address, counted in Postgres so every
//! instance shares them: bookings and booking changes today, logins and
//! applications next.

use crate::AppError;
use sqlx::PgPool;
use std::net::IpAddr;

/// The address the request came from. Proxies are not trusted: behind one,
/// every visitor would share its address (noted in the README).
pub async fn client_address() -> Result<std::net::IpAddr, AppError> {
    use axum::extract::ConnectInfo;
    let ConnectInfo(addr) = leptos_axum::extract::<ConnectInfo<std::net::SocketAddr>>()
        .await
        .map_err(|error| {
            tracing::error!(%error, "no client address: serve with connect info");
            AppError::Internal
        })?;
    Ok(addr.ip())
}

/// How many requests one client may make for an action, per window.
#[derive(Clone, Copy, Debug)]
pub struct Limit {
    pub requests: u32,
    pub window: std::time::Duration,
}

/// Counts one request from `client` for `action`; refuses it with 429 when
/// the window already holds the limit. The count is committed on its own,
/// so refused and failed attempts count too.
pub async fn rate_limit(
    pool: &PgPool,
    limit: Limit,
    action: &str,
    client: IpAddr,
) -> Result<(), AppError> {
    let window = limit.window.as_secs_f64();
    let row = sqlx::query!(
        r#"INSERT INTO rate_limits (action, client, window_start, hits)
           VALUES ($1, $2::text::inet, now(), 1)
           ON CONFLICT (action, client) DO UPDATE SET
               hits = CASE WHEN rate_limits.window_start <= now() - $3 * interval '1 second'
                           THEN 1 ELSE rate_limits.hits + 1 END,
               window_start = CASE WHEN rate_limits.window_start <= now() - $3 * interval '1 second'
                                   THEN now() ELSE rate_limits.window_start END
           RETURNING hits, ceil(extract(epoch FROM window_start + $3 * interval '1 second' - now()) / 60)::int AS "wait_minutes!""#,
        action,
        rate_bucket(client),
        window
    )
    .fetch_one(pool)
    .await?;
    if u32::try_from(row.hits).unwrap_or(u32::MAX) > limit.requests {
        let minutes = row.wait_minutes.max(1);
        return Err(AppError::TooManyRequests(format!(
            "That is more requests than we accept from one connection in {} minutes. Please try again in {minutes} minute{}.",
            (window / 60.0).round(),
            if minutes == 1 { "" } else { "s" }
        )));
    }
    Ok(())
}

/// What one client is counted as: its IPv4 address, or its IPv6 /64 (one
/// home or phone network gets a whole /64 and could rotate within it).
pub fn rate_bucket(client: IpAddr) -> String {
    match client {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => {
                let s = v6.segments();
                std::net::Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0).to_string()
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_ipv6_network_counts_as_one_client() {
        let cases = [
            ("203.0.113.7", "203.0.113.7"),
            ("2001:db8:1:2:aaaa::1", "2001:db8:1:2::"),
            ("2001:db8:1:2:bbbb::9", "2001:db8:1:2::"),
            ("::ffff:203.0.113.7", "203.0.113.7"),
        ];
        for (address, bucket) in cases {
            assert_eq!(rate_bucket(address.parse().unwrap()), bucket, "{address}");
        }
    }
}
