//! What a contacts delta round of one folder reports (https://learn.microsoft.com/graph/api/contact-delta,
//! GRAPH_FACTS §4.1 "same round semantics as mail"), and the states behind its opaque tokens.
//!
//! The initial round reports the folder's current contacts. A later round, started from the
//! previous round's deltaLink, reports the contacts created or changed since (a photo change
//! included), in full, and `@removed` entries for those deleted or moved to another folder. A
//! round is cut into pages by the caller; the remaining entries wait behind a `$skiptoken`, the
//! next round behind a `$deltatoken`. The first request's `$select` is kept in both. A deltaLink
//! may be used again (the same changes are then reported again).

use super::contacts::Contacts;
use super::store::DeltaEntry;

/// A contacts delta state behind a `$skiptoken` or `$deltatoken`.
#[derive(Debug, Clone)]
pub enum ContactSync {
    /// A saved `@odata.deltaLink`: the next round reports changes after `since`.
    Round {
        /// Folder the delta is for.
        folder_id: String,
        /// Change sequence already reported.
        since: u64,
        /// `$select` of the first request.
        select: Option<Vec<String>>,
        /// Set by the control API: the next use answers 410.
        expired: bool,
    },
    /// A `@odata.nextLink` inside a round: the remaining entries of that round.
    Page {
        /// Folder the delta is for.
        folder_id: String,
        /// The round's entries.
        entries: Vec<DeltaEntry>,
        /// How many entries earlier pages returned.
        offset: usize,
        /// Sequence the round's deltaLink continues from.
        next_since: u64,
        /// `$select` of the first request.
        select: Option<Vec<String>>,
        /// Set by the control API: the next use answers 410.
        expired: bool,
    },
}

impl ContactSync {
    /// Marks the state expired.
    pub fn expire(&mut self) {
        match self {
            ContactSync::Round { expired, .. } | ContactSync::Page { expired, .. } => {
                *expired = true
            }
        }
    }

    /// The `$select` of the round.
    pub fn select(&self) -> Option<Vec<String>> {
        match self {
            ContactSync::Round { select, .. } | ContactSync::Page { select, .. } => select.clone(),
        }
    }
}

/// Where a request continues: the round's entries, offset and what its deltaLink keeps.
#[derive(Debug, Clone)]
pub struct Position {
    /// The round's entries.
    pub entries: Vec<DeltaEntry>,
    /// Entries earlier pages returned.
    pub offset: usize,
    /// Sequence the round's deltaLink continues from.
    pub next_since: u64,
    /// `$select` of the round.
    pub select: Option<Vec<String>>,
}

/// A token that is unknown, expired or of another folder: the `$select` a fresh round keeps.
#[derive(Debug, Clone)]
pub struct Gone {
    /// `$select` of the lost round, if it was known.
    pub select: Option<Vec<String>>,
}

/// The position a request starts from: a new round (no token), a deltaLink or a nextLink.
pub fn position(
    contacts: &Contacts,
    folder_id: &str,
    token: Option<&str>,
    select: Option<Vec<String>>,
) -> Result<Position, Gone> {
    let Some(token) = token else {
        return Ok(Position {
            entries: contacts.delta_entries(folder_id, 0),
            offset: 0,
            next_since: contacts.seq,
            select,
        });
    };
    match contacts.sync_states.get(token) {
        Some(ContactSync::Round {
            folder_id: f,
            since,
            select,
            expired: false,
        }) if f == folder_id => Ok(Position {
            entries: contacts.delta_entries(folder_id, *since),
            offset: 0,
            next_since: contacts.seq,
            select: select.clone(),
        }),
        Some(ContactSync::Page {
            folder_id: f,
            entries,
            offset,
            next_since,
            select,
            expired: false,
        }) if f == folder_id => Ok(Position {
            entries: entries.clone(),
            offset: *offset,
            next_since: *next_since,
            select: select.clone(),
        }),
        other => Err(Gone {
            select: other.and_then(ContactSync::select),
        }),
    }
}

/// One page of a round: its entries and the token of what follows.
#[derive(Debug, Clone)]
pub struct Page {
    /// Entries of this page.
    pub entries: Vec<DeltaEntry>,
    /// `$select` of the round.
    pub select: Option<Vec<String>>,
    /// `(false, token)`: a nextLink to the rest of the round; `(true, token)`: the deltaLink.
    pub next: (bool, String),
}

/// Cuts the page of at most `size` entries at `at` and saves what follows under `token`.
pub fn page(
    contacts: &mut Contacts,
    folder_id: &str,
    (at, size): (Position, usize),
    token: String,
) -> Page {
    let end = (at.offset + size).min(at.entries.len());
    let entries = at.entries[at.offset.min(end)..end].to_vec();
    let last = end >= at.entries.len();
    let state = if last {
        ContactSync::Round {
            folder_id: folder_id.to_string(),
            since: at.next_since,
            select: at.select.clone(),
            expired: false,
        }
    } else {
        ContactSync::Page {
            folder_id: folder_id.to_string(),
            entries: at.entries,
            offset: end,
            next_since: at.next_since,
            select: at.select.clone(),
            expired: false,
        }
    };
    contacts.sync_states.insert(token.clone(), state);
    Page {
        entries,
        select: at.select,
        next: (last, token),
    }
}
