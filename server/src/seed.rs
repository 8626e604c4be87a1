//! `backline seed --jobs N [--seed S]`: adds N generated jobs, for demos and
//! benchmarks. Deterministic: the same seed gives the same jobs.

use crate::{Config, startup};
use app::jobs::{queries, seed};
use indicatif::{ProgressBar, ProgressStyle};
use std::time::Instant;

/// What `backline seed` was asked to do.
#[derive(Debug, PartialEq, Eq, clap::Args)]
pub struct SeedArgs {
    /// How many jobs to add, from 1 to 10000000
    #[arg(long, value_name = "N", value_parser = job_count)]
    pub jobs: usize,
    /// The generator's seed: the same seed gives the same jobs
    #[arg(long, value_name = "S", default_value_t = seed::DEMO_SEED, value_parser = whole_number)]
    pub seed: u64,
}

fn job_count(value: &str) -> Result<usize, String> {
    value
        .parse::<usize>()
        .ok()
        .filter(|n| (1..=10_000_000).contains(n))
        .ok_or_else(|| format!("--jobs takes a number from 1 to 10000000, not “{value}”"))
}

fn whole_number(value: &str) -> Result<u64, String> {
    value
        .parse()
        .map_err(|_| format!("--seed takes a whole number, not “{value}”"))
}

#[derive(Debug, thiserror::Error)]
pub enum SeedError {
    #[error("could not migrate the database")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("could not insert jobs")]
    Database(#[from] sqlx::Error),
}

/// Migrates, then inserts the jobs in batches, numbered after those that
/// exist, showing progress on a terminal.
pub async fn run(config: &Config, args: &SeedArgs) -> Result<(), SeedError> {
    let pool = startup::connect_pool(config);
    startup::MIGRATOR.run(&pool).await?;
    app::seed::seed_if_empty(&pool).await?;
    let mut conn = pool.acquire().await?;
    seed::ensure_companies(&mut conn).await?;
    let first = seed::job_count(&mut conn).await?;

    let started = Instant::now();
    let bar = ProgressBar::new(args.jobs as u64).with_style(
        ProgressStyle::with_template(
            "{bar:40.cyan/blue} {human_pos}/{human_len} jobs  {per_sec}  eta {eta}",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let mut done = 0;
    while done < args.jobs {
        let count = seed::BATCH.min(args.jobs - done);
        seed::insert_batch(&mut conn, args.seed, first + done as u64, count).await?;
        done += count;
        bar.inc(count as u64);
    }
    bar.finish_and_clear();
    queries::refresh_search_terms(&mut conn).await?;
    sqlx::query!("ANALYZE jobs").execute(&mut *conn).await?;
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "Inserted {} jobs (numbers {first}–{}) with seed {} in {seconds:.1} s ({:.0} jobs/s).",
        args.jobs,
        first + args.jobs as u64 - 1,
        args.seed,
        args.jobs as f64 / seconds.max(0.001)
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::{Cli, Command};
    use clap::Parser;

    fn parse(text: &str) -> Result<SeedArgs, String> {
        let words = ["backline", "seed"]
            .into_iter()
            .chain(text.split_whitespace());
        match Cli::try_parse_from(words).map_err(|error| error.to_string())? {
            Cli {
                command: Some(Command::Seed(args)),
            } => Ok(args),
            other => Err(format!("not a seed command: {other:?}")),
        }
    }

    #[test]
    fn jobs_and_seed_are_read() {
        assert_eq!(
            parse("--jobs 100000 --seed 7"),
            Ok(SeedArgs {
                jobs: 100_000,
                seed: 7
            })
        );
        assert_eq!(parse("--jobs 5"), Ok(SeedArgs { jobs: 5, seed: 42 }));
    }

    #[test]
    fn bad_arguments_are_refused_with_the_reason() {
        let cases = [
            ("", "Usage: backline seed --jobs <N>"),
            ("--jobs", "a value is required for '--jobs <N>'"),
            ("--jobs 0", "from 1 to"),
            ("--jobs many", "from 1 to"),
            ("--jobs 5 --seed x", "whole number"),
            ("--jobs 5 --colour red", "unexpected argument '--colour'"),
        ];
        for (input, expected) in cases {
            let error = parse(input).expect_err(input);
            assert!(error.contains(expected), "{input}: {error}");
        }
    }
}
