//! Integration tests: the real server on a random port, against a fresh
//! Postgres database per test (`#[sqlx::test]`). One binary, several modules.

mod guide;
mod health;
mod helpers;
mod http_stack;
mod lifecycle;
mod recovery;
