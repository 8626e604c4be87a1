//! `/privacy`: the policy the booking form's consent links to. Short, and
//! true of what the code does: each claim here is enforced in `store/`
//! or the migration.

use crate::ui::PageTitle;
use leptos::prelude::*;
use leptos_meta::Meta;

#[component]
pub fn PrivacyPage() -> impl IntoView {
    view! {
        <PageTitle text="Privacy — Backline" />
        <Meta name="description" content="What Backline stores when you book a demo lesson or apply for a job, who sees it, and how long we keep it." />
        <section class="page page--narrow prose">
            <h1>"Privacy"</h1>
            <p class="lede">"What we store when you book a demo lesson or apply for a job, who sees it, and for how long."</p>
            <h2>"Booking a demo lesson"</h2>
            <ul>
                <li>"We store the time of the lesson, your name, your email, your phone number and note if you give them, the time zone you saw, and when you agreed to this notice."</li>
                <li>"We use them only to hold the lesson and to email you about it: a confirmation, and a message if it is moved or cancelled."</li>
                <li>"Backline staff who arrange demo lessons can see them. We do not share them with employers or anyone else, and we do not sell them."</li>
                <li>"A set period after the lesson (180 days unless we say otherwise on the booking form), your name, email, phone and note are erased automatically."</li>
                <li>"Your booking's page shows every field we store, lets you download it as JSON, and lets you erase it at once. Its link is the key: we keep only a fingerprint of it."</li>
            </ul>
            <h2>"Applying for a job"</h2>
            <p>"Your name, email, message and CV link go to the employer of that job, through Backline's staff."</p>
            <h2>"Everyone"</h2>
            <p>"Your connection's IP address is kept for up to a day to limit abuse of the forms. Our server logs never contain email addresses or phone numbers. We use no tracking cookies and no third-party scripts."</p>
            <p><a href="/book">"Back to booking"</a></p>
        </section>
    }
}
