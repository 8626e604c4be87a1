//! Closed sets of options with one spelling for URLs, Postgres and labels.

/// Defines a closed set of options with the slug used in URLs and in
/// Postgres (the enum's labels are the same slugs), and a human label.
macro_rules! options {
    ($(#[$meta:meta])* $name:ident, $pg:literal, $what:literal { $($variant:ident = $slug:literal, $label:literal;)+ }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[cfg_attr(feature = "ssr", derive(sqlx::Type))]
        #[cfg_attr(feature = "ssr", sqlx(type_name = $pg, rename_all = "snake_case"))]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// What this group of options is called in messages.
            pub const WHAT: &'static str = $what;

            pub fn slug(self) -> &'static str {
                match self { $($name::$variant => $slug),+ }
            }

            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }

            pub fn from_slug(slug: &str) -> Option<Self> {
                match slug { $($slug => Some($name::$variant),)+ _ => None }
            }

            /// "employee, freelance, agency or temporary", for error notes.
            pub fn choices() -> String {
                let slugs: Vec<&str> = Self::ALL.iter().map(|o| o.slug()).collect();
                match slugs.split_last() {
                    Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
                    _ => slugs.join(""),
                }
            }
        }
    };
}

pub(crate) use options;
