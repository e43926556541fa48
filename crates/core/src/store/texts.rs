//! The texts of a state home that cannot be used as it is, reached through `Msg::Store` and
//! formatted from the Fluent catalogue (`i18n/<code>.ftl`, the `store-` messages): a damaged
//! database, one from a newer version, a folder this user may not write, a file where the
//! folder should be. Each says what is wrong and what to do.

use std::path::PathBuf;

use serde::Serialize;

use crate::catalogue::{n, s, text};
use crate::language::Language;

/// At most this many unfinished writes are named; the rest are counted.
const NAMED_WRITES: usize = 10;

/// One write to a remote the journal had not finished (`intent` or `written`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PendingWrite {
    /// The job, e.g. `mail`.
    pub job: String,
    /// The source item's key, e.g. a mail's Message-ID.
    pub item_key: String,
    /// What was being done, e.g. `file`.
    pub operation: String,
    /// Towards what, e.g. `res.partner/42`.
    pub target: String,
}

/// What a database that cannot be used still tells about its unfinished writes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "writes")]
pub enum PendingWrites {
    /// The journal could be read: these were unfinished (maybe none).
    Listed(Vec<PendingWrite>),
    /// The journal cannot be read any more.
    Unreadable,
}

/// Every text of an unusable state home.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreMsg {
    /// The database file is damaged (not a database any more, or corrupt).
    Damaged {
        /// The database file.
        file: PathBuf,
        /// SQLite's description.
        detail: String,
        /// What the journal still tells.
        pending: PendingWrites,
    },
    /// The database was written by a newer version of the product.
    FromNewerVersion {
        /// The database file.
        file: PathBuf,
        /// Its schema version.
        found: i64,
        /// The newest schema version this build knows.
        known: usize,
        /// What the journal still tells.
        pending: PendingWrites,
    },
    /// This user may not write the state folder or the database.
    NotWritable {
        /// The folder or file.
        path: PathBuf,
        /// The OS or SQLite description.
        detail: String,
    },
    /// The state folder is a file (or lies under one).
    NotAFolder {
        /// The file.
        path: PathBuf,
    },
}

impl StoreMsg {
    /// The text in `lang`, formatted from the Fluent catalogue (`i18n/<code>.ftl`).
    pub fn render(&self, lang: Language) -> String {
        match self {
            StoreMsg::Damaged {
                file,
                detail,
                pending,
            } => {
                let file = file.display().to_string();
                let args = [
                    s("start_fresh", start_fresh(&file, lang)),
                    s("pending", pending_text(pending, lang)),
                    s("file", file),
                    s("detail", detail),
                ];
                text(lang, "store-damaged", &args)
            }
            StoreMsg::FromNewerVersion {
                file,
                found,
                known,
                pending,
            } => {
                let file = file.display().to_string();
                let args = [
                    s("start_fresh", start_fresh(&file, lang)),
                    s("pending", pending_text(pending, lang)),
                    s("file", file),
                    s("found", found),
                    s("known", known),
                ];
                text(lang, "store-from-newer-version", &args)
            }
            StoreMsg::NotWritable { path, detail } => text(
                lang,
                "store-not-writable",
                &[s("path", path.display()), s("detail", detail)],
            ),
            StoreMsg::NotAFolder { path } => {
                text(lang, "store-not-a-folder", &[s("path", path.display())])
            }
        }
    }
}

/// How to start with a new, empty database: move the old one aside (nothing is deleted).
fn start_fresh(file: &str, lang: Language) -> String {
    text(lang, "store-start-fresh", &[s("file", file)])
}

/// What the old database's journal says was not finished, so the person can check it.
fn pending_text(pending: &PendingWrites, lang: Language) -> String {
    let writes = match pending {
        PendingWrites::Unreadable => return text(lang, "store-pending-unreadable", &[]),
        PendingWrites::Listed(writes) if writes.is_empty() => {
            return text(lang, "store-pending-none", &[]);
        }
        PendingWrites::Listed(writes) => writes,
    };
    let mut named: Vec<String> = writes
        .iter()
        .take(NAMED_WRITES)
        .map(|w| {
            format!("{} {} ({} {})", w.job, w.item_key, w.operation, w.target).replace(" )", ")")
        })
        .collect();
    let more = writes.len().saturating_sub(NAMED_WRITES);
    if more > 0 {
        named.push(text(lang, "store-pending-more", &[n("more", more as u64)]));
    }
    text(
        lang,
        "store-pending-listed",
        &[s("writes", named.join(", "))],
    )
}
