//! Identifiers that travel as text (a job's slug, a manage token): newtypes
//! over a `String` that only their `parse` makes, so holding one means it
//! was checked.

/// For a `struct $name(String)` with `fn parse(&str) -> Result<Self, _>`:
/// `as_str`, `Display`, and `Serialize`/`Deserialize` as the bare string,
/// deserialising through `parse` (so `Path<$name>` checks at the edge).
macro_rules! identifier {
    ($name:ident, $refusal:literal) => {
        impl $name {
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(&self.0)
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = <String as serde::Deserialize>::deserialize(deserializer)?;
                $name::parse(&text).map_err(|_| serde::de::Error::custom($refusal))
            }
        }
    };
}
pub(crate) use identifier;
