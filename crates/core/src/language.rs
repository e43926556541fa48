//! The languages the product speaks, and the few names every text module needs: a leaf, so the
//! text modules and the catalogue that renders them do not import each other.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// A language the product speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    /// English (the default when nothing else is known).
    #[default]
    En,
    /// German.
    De,
}

impl Language {
    /// The two-letter code, as stored in the settings.
    pub fn as_str(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::De => "de",
        }
    }

    /// The language of the OS locale (`LC_ALL`, `LC_MESSAGES`, `LANG`), English if unknown.
    pub fn from_os() -> Language {
        Self::from_locale_vars(|name| std::env::var(name).ok())
    }

    /// The language of a POSIX locale lookup; the first non-empty of `LC_ALL`, `LC_MESSAGES`,
    /// `LANG` decides, as POSIX says.
    pub fn from_locale_vars(get: impl Fn(&str) -> Option<String>) -> Language {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .into_iter()
            .filter_map(|name| get(name).filter(|v| !v.is_empty()))
            .map(|v| {
                if v.to_ascii_lowercase().starts_with("de") {
                    Language::De
                } else {
                    Language::En
                }
            })
            .next()
            .unwrap_or_default()
    }
}

impl FromStr for Language {
    type Err = crate::model::UnknownName;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "en" => Ok(Language::En),
            "de" => Ok(Language::De),
            other => Err(crate::model::UnknownName(other.to_owned())),
        }
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
