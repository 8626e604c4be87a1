//! The back office's home, `/staff`: what needs attention today, from each
//! capability's own summary (lessons from booking, applications and jobs
//! closing soon from jobs, mail from the outbox), and for admins the
//! newest audit rows. It sits above the capabilities, as `home` does.

use crate::AppError;
use crate::staff::page::RecentActivity;
use crate::staff::shell::StaffPage;
use crate::staff::{Role, StaffMe};
use crate::ui::ErrorPanel;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

/// How far ahead "closing soon" looks, in days.
pub const CLOSING_DAYS: i32 = 7;

/// A lesson: when (staff zone), whether today, who, its reference.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lesson {
    pub when: String,
    pub today: bool,
    pub name: String,
    pub reference: String,
}

/// Everything the home shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dashboard {
    pub zone: String,
    pub lessons: Vec<Lesson>,
    pub new_applications: i64,
    pub mail_waiting: i64,
    pub mail_failed: i64,
    /// Job id, title and closing date.
    pub closing: Vec<(i64, String, String)>,
}

#[server(endpoint = "staff/dashboard")]
pub async fn staff_dashboard() -> Result<Dashboard, AppError> {
    AppError::reply(crate::staff::auth::require(None).await)?;
    let pool = AppError::reply(crate::state::AppState::current())?.pool;
    let gather = async {
        let (zone, lessons) = crate::booking::staff::lessons_this_week(&pool).await?;
        let (mail_waiting, mail_failed) = crate::outbox::mail_counts(&pool).await?;
        Ok::<_, AppError>(Dashboard {
            zone,
            lessons: lessons
                .into_iter()
                .map(|l| Lesson {
                    when: l.when,
                    today: l.today,
                    name: l.name,
                    reference: l.reference,
                })
                .collect(),
            new_applications: crate::jobs::staff::inbox::queries::count_new(&pool).await?,
            mail_waiting,
            mail_failed,
            closing: crate::jobs::staff::queries::closing_soon(&pool, CLOSING_DAYS).await?,
        })
    };
    AppError::reply(gather.await)
}

/// `/staff`. Without a session it is the login form, answered 401.
#[component]
pub fn StaffHomePage() -> impl IntoView {
    view! { <StaffPage title="Back office".into() page="/staff".into() content=home /> }
}

fn home(me: StaffMe) -> impl IntoView {
    let changed = use_query_map()
        .read_untracked()
        .get("password")
        .is_some_and(|p| p == "changed");
    let board = OnceResource::new(staff_dashboard());
    view! {
        <header class="staff__head"><h1>"Today"</h1></header>
        {changed.then(|| view! { <p class="notice notice--success" role="status">"Your password is changed. Your other sessions have ended."</p> })}
        <Suspense fallback=|| view! { <span class="skeleton skeleton--card"></span> }>
            {move || Suspend::new(async move {
                match board.await {
                    Ok(board) => view! { <Board board /> }.into_any(),
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                }
            })}
        </Suspense>
        {(me.role == Role::Admin).then(|| view! { <RecentActivity /> })}
    }
}

#[component]
fn Board(board: Dashboard) -> impl IntoView {
    let (today, later): (Vec<Lesson>, Vec<Lesson>) =
        board.lessons.into_iter().partition(|l| l.today);
    let mail = match (board.mail_waiting, board.mail_failed) {
        (0, 0) => "All sent.".to_owned(),
        (waiting, failed) => {
            format!("{waiting} waiting to be sent, {failed} given up on in 30 days.")
        }
    };
    view! {
        <div class="staff-board">
            <section class="card" aria-labelledby="board-today">
                <h2 id="board-today">"Lessons today"</h2>
                <LessonList lessons=today none="No lessons today." />
                <p class="hint">"Times in " {board.zone}"."</p>
            </section>
            <section class="card" aria-labelledby="board-week">
                <h2 id="board-week">"Later this week"</h2>
                <LessonList lessons=later none="Nothing else booked in the next seven days." />
            </section>
            <section class="card" aria-labelledby="board-applications">
                <h2 id="board-applications">"Applications"</h2>
                <p class="staff-board__figure">{board.new_applications}</p>
                <p><a href="/staff/applications?status=new">"New, not yet looked at"</a></p>
            </section>
            <section class="card" aria-labelledby="board-mail">
                <h2 id="board-mail">"Mail"</h2>
                <p>{mail}</p>
                <p><a href="/staff/outbox">"Every email"</a></p>
            </section>
            <section class="card" aria-labelledby="board-closing">
                <h2 id="board-closing">{format!("Jobs closing within {CLOSING_DAYS} days")}</h2>
                <ClosingList jobs=board.closing />
            </section>
        </div>
    }
}

#[component]
fn LessonList(lessons: Vec<Lesson>, none: &'static str) -> impl IntoView {
    if lessons.is_empty() {
        return view! { <p class="muted">{none}</p> }.into_any();
    }
    let items = lessons
        .into_iter()
        .map(|l| {
            let href = format!("/staff/bookings?q={}", l.reference);
            view! { <li><strong>{l.when}</strong> " " {l.name} " " <a href=href>{l.reference}</a></li> }
        })
        .collect_view();
    view! { <ul class="staff-board__list">{items}</ul> }.into_any()
}

#[component]
fn ClosingList(jobs: Vec<(i64, String, String)>) -> impl IntoView {
    if jobs.is_empty() {
        return view! { <p class="muted">"None."</p> }.into_any();
    }
    let items = jobs
        .into_iter()
        .map(|(id, title, closes)| view! { <li><a href=format!("/staff/jobs/{id}")>{title}</a> " " <span class="muted">{closes}</span></li> })
        .collect_view();
    view! { <ul class="staff-board__list">{items}</ul> }.into_any()
}
