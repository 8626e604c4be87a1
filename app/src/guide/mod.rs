//! The guide to becoming a back-end developer.
//!
//! Its content is data in Postgres (sections, skills, roadmap steps), so the
//! job search and the salary estimator can link to the same skills by slug.

mod page;
#[cfg(feature = "ssr")]
mod queries;
mod roadmap;
mod skills;

use crate::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

pub use page::GuidePage;
#[cfg(feature = "ssr")]
pub use queries::{load_guide, seed_if_empty};

/// Everything the guide page shows, loaded in one round trip.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Guide {
    pub sections: Vec<GuideSection>,
    pub skills: Vec<Skill>,
    pub steps: Vec<RoadmapStep>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GuideSection {
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub paragraphs: Vec<String>,
    pub points: Vec<String>,
    /// A structured block the section shows after its text.
    pub includes: Option<GuideBlock>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::Type))]
#[cfg_attr(
    feature = "ssr",
    sqlx(type_name = "guide_block", rename_all = "lowercase")
)]
pub enum GuideBlock {
    Skills,
    Roadmap,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Skill {
    /// Stable identifier used in URLs, e.g. `/salary?skill=python`.
    pub slug: String,
    pub name: String,
    pub category: SkillCategory,
    pub blurb: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::Type))]
#[cfg_attr(
    feature = "ssr",
    sqlx(type_name = "skill_category", rename_all = "lowercase")
)]
pub enum SkillCategory {
    Language,
    Database,
    Platform,
    Practice,
    People,
}

impl SkillCategory {
    /// Display order and headings for the guide's skill groups.
    pub const ALL: [SkillCategory; 5] = [
        SkillCategory::Language,
        SkillCategory::Database,
        SkillCategory::Platform,
        SkillCategory::Practice,
        SkillCategory::People,
    ];

    pub fn heading(self) -> &'static str {
        match self {
            SkillCategory::Language => "Languages",
            SkillCategory::Database => "Databases",
            SkillCategory::Platform => "Platforms and tools",
            SkillCategory::Practice => "Practices",
            SkillCategory::People => "Working with people",
        }
    }

    /// Technical skills have job offers and salary premiums; people skills do not.
    pub fn is_technical(self) -> bool {
        self != SkillCategory::People
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RoadmapStep {
    pub position: i16,
    pub title: String,
    pub summary: String,
    pub details: Vec<String>,
}

/// The whole guide. A POST server function, like all of ours, so it is never
/// cached by a proxy and can be called with JavaScript during navigation.
#[server(endpoint = "guide")]
pub async fn get_guide() -> Result<Guide, AppError> {
    let pool = AppError::reply(crate::state::AppState::current())?.pool;
    AppError::reply(load_guide(&pool).await)
}
