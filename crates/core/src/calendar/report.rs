//! What a calendar run reports: each event's outcome with its sentences, and the summary
//! "14 events → 9 new in Odoo, 3 updated, 2 already there from a colleague".

use serde::Serialize;

use super::event::When;
use super::notes::EventNote;
use super::plan::Verdict;
use crate::catalogue::{n, text};
use crate::language::Language;
use crate::model::{ItemOutcome, OdooId};

/// What happened (or, in a preview, would happen) to one event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "CalendarEventOutcome"))]
pub struct EventOutcome {
    /// This mailbox's id of the event.
    pub outlook_id: String,
    /// Its subject.
    pub subject: String,
    /// When, if readable.
    #[cfg_attr(feature = "ts", ts(type = "EventWhen | null"))]
    pub when: Option<When>,
    /// The outcome.
    #[cfg_attr(feature = "ts", ts(type = "ItemOutcome"))]
    pub outcome: ItemOutcome,
    /// What the person reads.
    pub detail: String,
    /// The notes behind it (the window reads `detail`, their sentences).
    #[cfg_attr(feature = "ts", ts(skip))]
    pub notes: Vec<EventNote>,
    /// The Odoo event.
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub odoo: Option<OdooId>,
    /// The error as the software saw it.
    pub technical: Option<String>,
}

/// A calendar run's report.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "CalendarReport"))]
pub struct CalendarReport {
    /// A preview: nothing was written.
    pub dry_run: bool,
    /// Per event, in plan order.
    pub events: Vec<EventOutcome>,
    /// Scopes a rerun must pick up (a window whose read failed, Odoo down).
    pub incomplete: Vec<String>,
    /// Things a person must act on (e.g. Odoo's own Outlook sync is on).
    pub needs_attention: Vec<String>,
    /// Graph requests the run made (for the benchmark and the "quiet run" tests).
    #[serde(skip)]
    pub pages_read: usize,
    /// Odoo answered with the stored key.
    #[serde(skip)]
    pub odoo_answered: bool,
    /// Microsoft refused the stored sign-in.
    #[serde(skip)]
    pub microsoft_sign_in_refused: bool,
    /// Odoo refused the stored key.
    #[serde(skip)]
    pub odoo_key_refused: bool,
}

impl CalendarReport {
    /// How many events ended with `outcome`.
    pub fn count(&self, outcome: ItemOutcome) -> usize {
        self.events.iter().filter(|e| e.outcome == outcome).count()
    }

    /// "14 events → 9 new in Odoo, 3 updated, 2 already there from a colleague" in `lang`.
    pub fn summary(&self, lang: Language) -> String {
        let count = |o| self.count(o) as u64;
        text(
            lang,
            "cal-summary",
            &[
                n("events", self.events.len() as u64),
                n("created", count(ItemOutcome::Created)),
                n("updated", count(ItemOutcome::Updated)),
                n("linked", count(ItemOutcome::Linked)),
                n("archived", count(ItemOutcome::Deleted)),
                n("skipped", count(ItemOutcome::Skipped)),
                n("failed", count(ItemOutcome::Failed)),
            ],
        )
    }

    /// Adds a verdict as it stands (a preview, or an applied action that succeeded).
    pub fn add(&mut self, verdict: Verdict, odoo: Option<OdooId>, lang: Language) {
        let detail = render(&verdict.notes, lang);
        self.events.push(EventOutcome {
            outlook_id: verdict.outlook_id,
            subject: verdict.subject,
            when: verdict.when,
            outcome: verdict.outcome,
            detail,
            notes: verdict.notes,
            odoo,
            technical: None,
        });
    }

    /// Adds a verdict whose action failed.
    pub fn add_failed(
        &mut self,
        verdict: Verdict,
        note: EventNote,
        technical: String,
        lang: Language,
    ) {
        let notes = vec![note];
        self.events.push(EventOutcome {
            outlook_id: verdict.outlook_id,
            subject: verdict.subject,
            when: verdict.when,
            outcome: ItemOutcome::Failed,
            detail: render(&notes, lang),
            notes,
            odoo: None,
            technical: Some(technical),
        });
    }
}

fn render(notes: &[EventNote], lang: Language) -> String {
    notes
        .iter()
        .map(|n| n.render(lang))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Progress of a calendar run.
pub trait Progress: Send + Sync {
    /// `done` events handled so far (the total is unknown until the round ends).
    fn events(&self, done: usize);
}

/// Progress nobody watches.
#[derive(Debug, Default, Clone, Copy)]
pub struct NoProgress;

impl Progress for NoProgress {
    fn events(&self, _done: usize) {}
}
