//! What a calendarView delta round reports (https://learn.microsoft.com/graph/api/event-delta,
//! GRAPH_FACTS §3.2), and the states behind its opaque tokens.
//!
//! The window is frozen into the tokens. The initial round reports every instance in the window.
//! A later round compares the window now with the instances the previous round left known (id
//! and change key): a new or changed instance comes in full; one that left the window (deleted,
//! cancelled, moved out) comes as `@removed`. Events outside the window that were added, changed
//! or deleted since the previous round also come as `@removed` (reason `deleted`), as Graph
//! documents — clients must filter them. A round may repeat entries a client already has
//! (replays), and a deltaLink may be used again. Occurrences carry their master's change key, so
//! any change to a series (also changing or cancelling one occurrence) reports its unchanged
//! occurrences in the window again, in full.

use std::collections::{BTreeMap, BTreeSet};

use super::calendar::{Calendar, Window};
use super::event::Instance;

/// The instances a round left known: id → change key.
pub type Known = BTreeMap<String, String>;

/// One entry of a round.
#[derive(Debug, Clone)]
pub enum SyncEntry {
    /// A new or changed instance in the window.
    Changed(Box<Instance>),
    /// An id to report as `@removed`.
    Removed(String),
}

/// A calendarView delta state behind a `$skiptoken` or `$deltatoken`.
#[derive(Debug, Clone)]
pub enum CalendarSync {
    /// A saved `@odata.deltaLink`: the next round compares with `known`.
    Round {
        /// The frozen window.
        window: Window,
        /// Calendar change sequence the round ended at.
        since: u64,
        /// What the client knows after the round.
        known: Known,
        /// Set by the control API: the next use answers 410.
        expired: bool,
    },
    /// An `@odata.nextLink` inside a round: the remaining entries.
    Page {
        /// The frozen window.
        window: Window,
        /// The round's entries.
        entries: Vec<SyncEntry>,
        /// How many entries earlier pages returned.
        offset: usize,
        /// Sequence the round's deltaLink continues from.
        since: u64,
        /// What the client knows after the round.
        known: Known,
        /// Set by the control API: the next use answers 410.
        expired: bool,
    },
}

impl CalendarSync {
    /// Marks the state expired.
    pub fn expire(&mut self) {
        match self {
            CalendarSync::Round { expired, .. } | CalendarSync::Page { expired, .. } => {
                *expired = true
            }
        }
    }

    /// The frozen window.
    pub fn window(&self) -> Window {
        match self {
            CalendarSync::Round { window, .. } | CalendarSync::Page { window, .. } => *window,
        }
    }
}

/// A round's entries, with the sequence and known instances its deltaLink continues from.
#[derive(Debug)]
pub struct Round {
    /// The entries, in the order pages serve them.
    pub entries: Vec<SyncEntry>,
    /// Calendar sequence at the round's start.
    pub since: u64,
    /// What the client knows after the round.
    pub known: Known,
}

/// The round over `window` after a round that ended at `previous` (`None`: the initial round).
pub fn round(calendar: &Calendar, window: Window, previous: Option<(u64, &Known)>) -> Round {
    let view = calendar.view(window);
    let known: Known = view
        .iter()
        .map(|i| (i.id.clone(), i.change_key.clone()))
        .collect();
    let Some((since, before)) = previous else {
        let entries = view
            .into_iter()
            .map(|i| SyncEntry::Changed(Box::new(i)))
            .collect();
        return Round {
            entries,
            since: calendar.seq,
            known,
        };
    };
    let mut removed: BTreeSet<String> = before
        .keys()
        .filter(|id| !known.contains_key(*id))
        .cloned()
        .collect();
    // Events changed outside the window: their ids come as removed (the client filters).
    let in_view: BTreeSet<&str> = view
        .iter()
        .map(|i| i.series_master_id.as_deref().unwrap_or(&i.id))
        .collect();
    removed.extend(
        calendar
            .events
            .iter()
            .filter(|e| e.version > since && !in_view.contains(e.id.as_str()))
            .map(|e| e.id.clone()),
    );
    removed.extend(
        calendar
            .tombstones
            .iter()
            .filter(|(_, seq)| *seq > since)
            .map(|(id, _)| id.clone()),
    );
    let mut entries: Vec<SyncEntry> = removed.into_iter().map(SyncEntry::Removed).collect();
    entries.extend(
        view.into_iter()
            .filter(|i| before.get(&i.id) != Some(&i.change_key))
            .map(|i| SyncEntry::Changed(Box::new(i))),
    );
    Round {
        entries,
        since: calendar.seq,
        known,
    }
}
