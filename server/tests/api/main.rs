//! Integration tests: the real server on a random port, against a fresh
//! Postgres database per test (`#[sqlx::test]`). One binary, several modules.

mod booking;
mod guide;
mod health;
mod helpers;
mod http_stack;
mod job_page;
mod jobs;
mod jobs_helpers;
mod lifecycle;
mod recovery;
mod salary;
