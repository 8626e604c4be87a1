//! `./dev bench search`: server-side search time at 100k and 1M jobs.
//!
//! Seeds generated jobs into the (private, empty) database in DATABASE_URL,
//! then runs a fixed mix of realistic searches through the same function
//! the server function calls, and prints p50, p95 and p99. The same text
//! queries also run as a naive `ILIKE` scan, for the speed-up ratio.
//!
//! Sizes come from the arguments (`100000 1000000` by default). Timings are
//! printed, never asserted: this is a measurement, not a test.

use app::jobs::{JobQuery, queries, seed};
use sqlx::PgPool;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use std::time::{Duration, Instant};

/// What people search for: typing, phrases, exclusions, typos, filters,
/// sorts, and deep pages.
const MIX: &[&str] = &[
    "",
    "q=python",
    "q=pyth",
    "q=senior+go",
    "q=node.js",
    "q=java+developer",
    "q=%22site+reliability%22",
    "q=python+-django",
    "q=pyhton",
    "q=rust&workplace=remote",
    "type=freelance",
    "workplace=remote&skill=python",
    "q=developer&location=india",
    "location=Bangalore",
    "q=engineer&sort=salary",
    "skill=postgresql&seniority=senior",
    "q=api&posted=7",
    "salary_min=100000&currency=EUR",
    "q=engineer&type=agency&type=temporary",
    "q=linux&hours=part_time",
    "sort=salary&workplace=hybrid&skill=docker",
    "q=database+engineer&seniority=lead",
];

/// Plain words for the naive comparison (ILIKE has no query syntax).
const TEXT_MIX: &[&str] = &[
    "python",
    "senior go",
    "node.js",
    "java developer",
    "rust",
    "engineer",
    "api",
    "linux",
    "database engineer",
];

const ROUNDS: usize = 5;
const NAIVE_ROUNDS: usize = 2;

#[tokio::main]
async fn main() {
    let url = std::env::var("DATABASE_URL").expect("DATABASE_URL: ./dev bench search sets it");
    let mut sizes: Vec<u64> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .filter_map(|a| a.parse().ok())
        .collect();
    if sizes.is_empty() {
        sizes = vec![100_000, 1_000_000];
    }
    let options: PgConnectOptions = url.parse().expect("DATABASE_URL");
    let pool = PgPoolOptions::new()
        .max_connections(4)
        .acquire_timeout(Duration::from_secs(30))
        .connect_with(server::startup::session_settings(options))
        .await
        .expect("connect");
    server::startup::MIGRATOR.run(&pool).await.expect("migrate");

    for size in sizes {
        grow_to(&pool, size).await;
        report(&pool, size).await;
    }
}

/// Adds generated jobs until there are `size`.
async fn grow_to(pool: &PgPool, size: u64) {
    let mut conn = pool.acquire().await.unwrap();
    app::guide::seed_if_empty(&mut conn).await.unwrap();
    seed::ensure_companies(&mut conn).await.unwrap();
    let mut have = seed::job_count(&mut conn).await.unwrap();
    let started = Instant::now();
    let from = have;
    while have < size {
        let count = (seed::BATCH as u64).min(size - have) as usize;
        seed::insert_batch(&mut conn, seed::DEMO_SEED, have, count)
            .await
            .unwrap();
        have += count as u64;
        if have % 100_000 == 0 || have == size {
            eprintln!("  seeded {have} jobs");
        }
    }
    queries::refresh_search_terms(&mut conn).await.unwrap();
    sqlx::query("VACUUM ANALYZE jobs")
        .execute(&mut *conn)
        .await
        .unwrap();
    if have > from {
        let seconds = started.elapsed().as_secs_f64();
        println!(
            "Seeded {} jobs in {seconds:.1} s ({:.0} jobs/s).",
            have - from,
            (have - from) as f64 / seconds
        );
    }
}

async fn report(pool: &PgPool, size: u64) {
    let visible: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM jobs WHERE status = 'published' AND valid_through > now()",
    )
    .fetch_one(pool)
    .await
    .unwrap();
    println!("\n== {size} jobs ({visible} open) ==");

    // A cursor deep in the list: the 500th page of newest jobs.
    let (posted_micros, id): (f64, i64) = sqlx::query_as(
        "SELECT (extract(epoch FROM posted_at) * 1000000)::float8, id FROM jobs
         WHERE status = 'published' AND valid_through > now()
         ORDER BY posted_at DESC, id DESC OFFSET 9999 LIMIT 1",
    )
    .fetch_one(pool)
    .await
    .unwrap();
    let page_500 = format!("after=n{}_{id}", posted_micros as i64);
    let mut mix: Vec<String> = MIX.iter().map(|s| s.to_string()).collect();
    mix.push(page_500.clone());

    // Warm the caches once, then measure.
    for url in &mix {
        queries::search(pool, url).await.expect("search");
    }
    let mut all = Vec::new();
    let mut per_query = Vec::new();
    for url in &mix {
        let mut times = Vec::new();
        for _ in 0..ROUNDS {
            let started = Instant::now();
            let page = queries::search(pool, url).await.expect("search");
            times.push(started.elapsed());
            std::hint::black_box(page);
        }
        times.sort();
        per_query.push((url.clone(), times[times.len() / 2]));
        all.extend(times);
    }
    all.sort();
    println!(
        "indexed search, {} queries × {ROUNDS}: p50 {} ms, p95 {} ms, p99 {} ms",
        mix.len(),
        ms(percentile(&all, 50.0)),
        ms(percentile(&all, 95.0)),
        ms(percentile(&all, 99.0)),
    );
    per_query.sort_by_key(|(_, t)| std::cmp::Reverse(*t));
    println!("slowest (median of {ROUNDS}):");
    for (url, time) in per_query.iter().take(5) {
        let shown = if url.is_empty() {
            "(no filters)"
        } else {
            url.as_str()
        };
        println!("  {:>8} ms  {shown}", ms(*time));
    }
    let page_500_time = per_query
        .iter()
        .find(|(u, _)| *u == page_500)
        .map(|(_, t)| *t)
        .unwrap();
    println!("page 500 (keyset): {} ms", ms(page_500_time));

    // The same words three ways: a naive ILIKE scan (a total and the newest
    // 21), the index doing that same work, and the whole search with facets.
    let (mut naive, mut same_work, mut full) = (Vec::new(), Vec::new(), Vec::new());
    for words in TEXT_MIX {
        let url = JobQuery {
            q: words.to_string(),
            ..JobQuery::default()
        }
        .render();
        for _ in 0..NAIVE_ROUNDS {
            let started = Instant::now();
            naive_search(pool, words).await;
            naive.push(started.elapsed());
            let started = Instant::now();
            indexed_search(pool, words).await;
            same_work.push(started.elapsed());
            let started = Instant::now();
            std::hint::black_box(queries::search(pool, &url).await.expect("search"));
            full.push(started.elapsed());
        }
    }
    for times in [&mut naive, &mut same_work, &mut full] {
        times.sort();
    }
    let p50 = |times: &[Duration]| percentile(times, 50.0);
    let ratio = |times: &[Duration]| p50(&naive).as_secs_f64() / p50(times).as_secs_f64();
    println!(
        "text queries, p50 over {} words × {NAIVE_ROUNDS}:",
        TEXT_MIX.len()
    );
    println!(
        "  naive ILIKE scan (total + newest 21):  {} ms",
        ms(p50(&naive))
    );
    println!(
        "  full-text index, the same work:        {} ms  ({:.0}× faster)",
        ms(p50(&same_work)),
        ratio(&same_work)
    );
    println!(
        "  whole search, with every facet count:  {} ms  ({:.0}× faster)",
        ms(p50(&full)),
        ratio(&full)
    );
}

/// What search would be without an index: every word as `ILIKE '%word%'`
/// over the title and the description, a count, and the newest 21.
async fn naive_search(pool: &PgPool, words: &str) {
    let patterns: Vec<String> = words
        .split_whitespace()
        .map(|w| {
            format!(
                "%{}%",
                w.replace('\\', "\\\\")
                    .replace('%', "\\%")
                    .replace('_', "\\_")
            )
        })
        .collect();
    // Every pattern must match the title or the description.
    macro_rules! naive_match {
        () => {
            "status = 'published' AND valid_through > now() AND NOT EXISTS (
                SELECT 1 FROM unnest($1::text[]) AS p (pattern)
                WHERE NOT (title ILIKE p.pattern OR description ILIKE p.pattern))"
        };
    }
    let total: i64 =
        sqlx::query_scalar(concat!("SELECT count(*) FROM jobs WHERE ", naive_match!()))
            .bind(&patterns)
            .fetch_one(pool)
            .await
            .unwrap();
    let ids: Vec<i64> = sqlx::query_scalar(concat!(
        "SELECT id FROM jobs WHERE ",
        naive_match!(),
        " ORDER BY posted_at DESC, id DESC LIMIT 21"
    ))
    .bind(&patterns)
    .fetch_all(pool)
    .await
    .unwrap();
    std::hint::black_box((total, ids));
}

/// The naive search's work, done with the full-text index instead.
async fn indexed_search(pool: &PgPool, words: &str) {
    let mut tx = pool.begin().await.unwrap();
    // As the real search does: find text through the index (see queries.rs).
    sqlx::query("SET LOCAL enable_seqscan = off")
        .execute(&mut *tx)
        .await
        .unwrap();
    sqlx::query("SET LOCAL enable_indexscan = off")
        .execute(&mut *tx)
        .await
        .unwrap();
    let total: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM jobs j WHERE job_is_candidate(j, search_tsquery($1, '', ''), NULL, 'USD', NULL, '')",
    )
    .bind(words)
    .fetch_one(&mut *tx)
    .await
    .unwrap();
    let ids: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM jobs j WHERE job_is_candidate(j, search_tsquery($1, '', ''), NULL, 'USD', NULL, '')
         ORDER BY posted_at DESC, id DESC LIMIT 21",
    )
    .bind(words)
    .fetch_all(&mut *tx)
    .await
    .unwrap();
    std::hint::black_box((total, ids));
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

fn ms(duration: Duration) -> String {
    format!("{:.1}", duration.as_secs_f64() * 1000.0)
}
