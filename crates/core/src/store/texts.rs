//! The texts of a state home that cannot be used as it is (German and English), reached
//! through `Msg::Store`: a damaged database, one from a newer version, a folder this user may
//! not write, a file where the folder should be. Each says what is wrong and what to do.

use std::path::PathBuf;

use serde::Serialize;

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
    /// The text in `lang`.
    pub fn render(&self, lang: Language) -> String {
        use Language::{De, En};
        match (self, lang) {
            (
                StoreMsg::Damaged {
                    file,
                    detail,
                    pending,
                },
                lang,
            ) => {
                let file = file.display();
                let start_fresh = start_fresh(&file.to_string(), lang);
                let pending = pending_text(pending, lang);
                match lang {
                    En => format!(
                        "The local database {file} is damaged and cannot be used ({detail}). Office Connector cannot repair it. {start_fresh} {pending}"
                    ),
                    De => format!(
                        "Die lokale Datenbank {file} ist beschädigt und nicht nutzbar ({detail}). Office Connector kann sie nicht reparieren. {start_fresh} {pending}"
                    ),
                }
            }
            (
                StoreMsg::FromNewerVersion {
                    file,
                    found,
                    known,
                    pending,
                },
                lang,
            ) => {
                let file = file.display();
                let start_fresh = start_fresh(&file.to_string(), lang);
                let pending = pending_text(pending, lang);
                match lang {
                    En => format!(
                        "The local database {file} was written by a newer version of Office Connector (database version {found}; this version knows up to {known}). Install the newer version again. To go on with this version instead: {start_fresh} {pending}"
                    ),
                    De => format!(
                        "Die lokale Datenbank {file} stammt von einer neueren Version von Office Connector (Datenbankversion {found}; diese Version kennt bis {known}). Installieren Sie die neuere Version wieder. Um stattdessen mit dieser Version weiterzumachen: {start_fresh} {pending}"
                    ),
                }
            }
            (StoreMsg::NotWritable { path, detail }, En) => format!(
                "Office Connector may not write in {} ({detail}). Showing what is there (status, runs, config get, decisions list) still works; to sync or change anything, make it writable for your user, or choose another folder with --home.",
                path.display()
            ),
            (StoreMsg::NotWritable { path, detail }, De) => format!(
                "Office Connector darf in {} nicht schreiben ({detail}). Anzeigen, was da ist (status, runs, config get, decisions list), geht weiterhin; um zu synchronisieren oder etwas zu ändern, machen Sie es für Ihren Benutzer beschreibbar oder wählen Sie mit --home einen anderen Ordner.",
                path.display()
            ),
            (StoreMsg::NotAFolder { path }, En) => format!(
                "{} is a file, not a folder, so Office Connector cannot keep its data there. Move the file away, or choose a folder with --home (or OFFICE_CONNECTOR_HOME).",
                path.display()
            ),
            (StoreMsg::NotAFolder { path }, De) => format!(
                "{} ist eine Datei, kein Ordner; Office Connector kann seine Daten dort nicht ablegen. Verschieben Sie die Datei, oder wählen Sie mit --home (oder OFFICE_CONNECTOR_HOME) einen Ordner.",
                path.display()
            ),
        }
    }
}

/// How to start with a new, empty database: move the old one aside (nothing is deleted).
fn start_fresh(file: &str, lang: Language) -> String {
    match lang {
        Language::En => format!(
            "To start fresh, close Office Connector and move {file} to another folder, together with {file}-wal and {file}-shm if they are there; Office Connector then creates a new, empty database. Connect Microsoft 365 and Odoo again afterwards; your settings stay."
        ),
        Language::De => format!(
            "Für einen Neuanfang schließen Sie Office Connector und verschieben {file} in einen anderen Ordner, zusammen mit {file}-wal und {file}-shm, falls vorhanden; Office Connector legt dann eine neue, leere Datenbank an. Verbinden Sie danach Microsoft 365 und Odoo erneut; Ihre Einstellungen bleiben erhalten."
        ),
    }
}

/// What the old database's journal says was not finished, so the person can check it.
fn pending_text(pending: &PendingWrites, lang: Language) -> String {
    let writes = match pending {
        PendingWrites::Unreadable => {
            return match lang {
                Language::En => "Which writes to Odoo were unfinished cannot be read from it any more; compare the mails in your transfer folders with Odoo afterwards.".into(),
                Language::De => "Welche Schreibvorgänge nach Odoo unerledigt waren, lässt sich daraus nicht mehr lesen; vergleichen Sie danach die Mails in Ihren Transferordnern mit Odoo.".into(),
            };
        }
        PendingWrites::Listed(writes) if writes.is_empty() => {
            return match lang {
                Language::En => "No write to Odoo was unfinished in it.".into(),
                Language::De => "Darin war kein Schreibvorgang nach Odoo unerledigt.".into(),
            };
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
    match lang {
        Language::En => {
            if more > 0 {
                named.push(format!("and {more} more"));
            }
            format!(
                "These writes to Odoo were unfinished in it; check them in Odoo afterwards: {}.",
                named.join(", ")
            )
        }
        Language::De => {
            if more > 0 {
                named.push(format!("und {more} weitere"));
            }
            format!(
                "Diese Schreibvorgänge nach Odoo waren darin unerledigt; prüfen Sie sie danach in Odoo: {}.",
                named.join(", ")
            )
        }
    }
}
