//! Integration tests: the real server on a random port, against a fresh
//! Postgres database per test (`#[sqlx::test]`). One binary, several modules.

mod booking;
mod connections;
mod cross_site;
mod guide;
mod health;
mod helpers;
mod http_stack;
mod injection;
mod job_page;
mod jobs;
mod jobs_helpers;
mod lifecycle;
mod manage_page;
mod process;
mod recovery;
mod salary;
mod staff;
