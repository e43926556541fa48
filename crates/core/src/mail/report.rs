//! What a mail run reports: per mail its outcome, contacts and chatter entries, and progress
//! for the shell (n of m mails; the CLI logs it, the tray shows it in its tooltip).

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::apply::Applied;
use super::key::MailKey;
use super::notes::{MailNote, Problem, Remedy, render_all};
use super::plan::{Action, Known, MailItem, MailPlan, Plan, Record, Slot, Verdict};
use crate::graph::messages::UnreadableItem;
use crate::language::Language;
use crate::model::{ItemOutcome, OdooId};
use crate::odoo::partners::PARTNER;

/// Tells the shell how far a run is (n of m mails); the CLI logs it, the tray shows it.
pub trait Progress: Send + Sync {
    /// `done` of `total` mails handled.
    fn mails(&self, done: usize, total: usize);
}

/// Progress nobody watches.
#[derive(Debug, Default, Clone, Copy)]
pub struct NoProgress;

impl Progress for NoProgress {
    fn mails(&self, _done: usize, _total: usize) {}
}

/// What happened (or, in a preview, would happen) to one mail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "MailOutcome"))]
pub struct MailOutcome {
    /// The mail's key (Message-ID or content key).
    pub key: String,
    /// Its subject.
    pub subject: String,
    /// filed | linked | waiting | unassigned | skipped | failed.
    #[cfg_attr(feature = "ts", ts(type = "ItemOutcome"))]
    pub outcome: ItemOutcome,
    /// The contacts (`res.partner`) it is filed or linked on.
    #[cfg_attr(feature = "ts", ts(type = "number[]"))]
    pub contacts: Vec<i64>,
    /// The chatter entries (`mail.message`) that hold it.
    #[cfg_attr(feature = "ts", ts(type = "number[]"))]
    pub messages: Vec<i64>,
    /// The opportunities (`crm.lead`) it is also filed on (option).
    #[cfg_attr(feature = "ts", ts(type = "number[]"))]
    pub opportunities: Vec<i64>,
    /// What happened, in sentences in the person's language (an attachment left out, why it
    /// was not filed and what helps).
    pub detail: Option<String>,
    /// The error behind it as the software saw it (for support; the window folds it away).
    pub technical: Option<String>,
}

/// The report of a mail run or preview.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "MailReport"))]
pub struct MailReport {
    /// A preview: nothing was written.
    pub dry_run: bool,
    /// Per mail, in plan order.
    pub mails: Vec<MailOutcome>,
    /// Scopes a rerun must pick up (a folder whose read failed, Odoo down).
    pub incomplete: Vec<String>,
    /// Things a person must act on beyond decisions (e.g. no write access).
    pub needs_attention: Vec<String>,
    /// Microsoft refused the stored sign-in: the account must be signed in again.
    #[serde(skip)]
    pub microsoft_sign_in_refused: bool,
    /// Graph let a transfer folder be read: the stored sign-in works.
    #[serde(skip)]
    pub microsoft_answered: bool,
    /// Odoo answered a lookup with the stored key.
    #[serde(skip)]
    pub odoo_answered: bool,
    /// Odoo refused the stored key: a person must connect Odoo again.
    #[serde(skip)]
    pub odoo_key_refused: bool,
}

impl MailReport {
    /// How many mails ended with `outcome`.
    pub fn count(&self, outcome: ItemOutcome) -> usize {
        self.mails.iter().filter(|m| m.outcome == outcome).count()
    }

    /// "23 mails → 19 contacts, 4 need a decision" in `lang`.
    pub fn summary(&self, lang: crate::i18n::Language) -> String {
        let contacts: BTreeSet<i64> = self
            .mails
            .iter()
            .flat_map(|m| m.contacts.iter().copied())
            .collect();
        crate::i18n::Msg::Mail(super::texts::MailMsg::Summary {
            mails: self.mails.len(),
            contacts: contacts.len(),
            waiting: self.count(ItemOutcome::Waiting),
            unassigned: self.count(ItemOutcome::Unassigned),
            failed: self.count(ItemOutcome::Failed),
            refused: self.count(ItemOutcome::Refused),
        })
        .render(lang)
    }
}

impl MailOutcome {
    /// A mail that was not filed as a whole (e.g. Odoo could not be asked, or it waits for a
    /// person after Odoo refused it).
    pub fn not_filed(
        item: &MailItem,
        outcome: ItemOutcome,
        problem: &Problem,
        lang: Language,
    ) -> MailOutcome {
        MailOutcome {
            key: item.key.0.clone(),
            subject: item.subject.clone(),
            outcome,
            contacts: vec![],
            messages: vec![],
            opportunities: vec![],
            detail: Some(problem.note.render(lang)),
            technical: problem.technical.clone(),
        }
    }

    /// An item Outlook sent in a form that cannot be read: skipped, with what is known of it.
    pub fn unreadable(item: &UnreadableItem, lang: Language) -> MailOutcome {
        MailOutcome {
            key: item
                .internet_message_id
                .clone()
                .or_else(|| item.id.clone())
                .unwrap_or_default(),
            subject: item.subject.clone().unwrap_or_default(),
            outcome: ItemOutcome::Skipped,
            contacts: vec![],
            messages: vec![],
            opportunities: vec![],
            detail: Some(MailNote::UnreadableFromOutlook.render(lang)),
            technical: Some(item.problem.clone()),
        }
    }

    /// Adds a problem to the detail (and its technical side to the technical detail).
    pub fn add_problem(&mut self, problem: &Problem, lang: Language) {
        let join = |old: Option<String>, new: String| match old {
            Some(d) => format!("{d} {new}"),
            None => new,
        };
        self.detail = Some(join(self.detail.take(), problem.note.render(lang)));
        if let Some(t) = &problem.technical {
            self.technical = Some(join(self.technical.take(), t.clone()));
        }
    }
}

/// Each mail's outcome on a page, from its plan and what applying it did (nothing, previewing).
pub(super) struct Outcomes<'p> {
    plan: &'p Plan,
    known: &'p BTreeMap<Slot, Known>,
    applied: &'p Applied,
    lang: Language,
}

impl<'p> Outcomes<'p> {
    /// Each mail's outcome from `applied` (a preview's: [`Applied::preview`]), told in `lang`.
    pub(super) fn new(
        plan: &'p Plan,
        known: &'p BTreeMap<Slot, Known>,
        applied: &'p Applied,
        lang: Language,
    ) -> Self {
        Outcomes {
            plan,
            known,
            applied,
            lang,
        }
    }

    /// The outcome of `item`, if the plan has it.
    pub(super) fn of(&self, item: &MailItem) -> Option<MailOutcome> {
        let mail = self
            .plan
            .mails
            .iter()
            .find(|m| m.graph_id == item.graph_id)?;
        let targets: Vec<OdooId> = self.plan.targets_of(mail).collect();
        let mut held = Held::default();
        for contact in &targets {
            self.hold(&(item.key.clone(), Record::contact(*contact)), &mut held);
        }
        let mut opportunities = Vec::new();
        for slot in self.lead_slots(&item.key) {
            match self.message_of(&slot) {
                Some(Ok(_)) => opportunities.push(slot.1.id.0),
                Some(Err(e)) => held.errors.push(Problem {
                    note: MailNote::OnOpportunity {
                        note: Box::new(e.note),
                    },
                    technical: e.technical,
                }),
                None => {}
            }
        }
        let mut notes: Vec<MailNote> = self
            .applied
            .notes
            .get(&item.key)
            .cloned()
            .unwrap_or_default();
        let outcome = self.verdict(mail, &held, &mut notes);
        let technical: Vec<String> = held
            .errors
            .iter()
            .filter_map(|e| e.technical.clone())
            .collect();
        Some(MailOutcome {
            key: item.key.0.clone(),
            subject: item.subject.clone(),
            outcome,
            contacts: targets.iter().map(|c| c.0).collect(),
            messages: held.messages,
            opportunities,
            detail: render_all(&notes, self.lang),
            technical: (!technical.is_empty()).then(|| technical.join("; ")),
        })
    }

    fn verdict(&self, mail: &MailPlan, held: &Held, notes: &mut Vec<MailNote>) -> ItemOutcome {
        if let Some(remedy) = held.errors.iter().map(Problem::remedy).min() {
            for e in &held.errors {
                if !notes.contains(&e.note) {
                    notes.push(e.note.clone());
                }
            }
            return match remedy {
                // a later run files it (Odoo or Outlook did not answer)
                Remedy::LaterRun => ItemOutcome::Failed,
                // Odoo refuses it as it is: a person retries or skips it
                Remedy::Person => ItemOutcome::Refused,
                // it left the transfer folder: not filed, nothing waits on it
                Remedy::Gone => ItemOutcome::Skipped,
            };
        }
        if self.applied.unconfirmed.contains(&mail.key) {
            notes.push(MailNote::NotConfirmed);
        }
        match &mail.verdict {
            // a decision is needed
            Verdict::Waiting => ItemOutcome::Waiting,
            // an address matches nobody
            Verdict::Unassigned => ItemOutcome::Unassigned,
            // nothing to file
            Verdict::Skipped(reason) => {
                notes.push(reason.clone());
                ItemOutcome::Skipped
            }
            // filed on at least one contact this run
            Verdict::Done if self.applied.filed.contains(&mail.key) => ItemOutcome::Filed,
            // only colleagues' entries were found
            Verdict::Done if held.linked => ItemOutcome::Linked,
            // posted by an interrupted run, checked now
            Verdict::Done if held.checked_now => {
                notes.push(MailNote::ConfirmedFromInterruptedRun);
                ItemOutcome::Filed
            }
            // settled in an earlier run
            Verdict::Done => {
                notes.push(MailNote::AlreadyFiled);
                ItemOutcome::Skipped
            }
        }
    }

    /// Why Odoo refuses the mail, when a person must decide about it.
    pub(super) fn refusal(&self, key: &MailKey) -> Option<Problem> {
        self.applied
            .results
            .iter()
            .filter(|((k, _), _)| k == key)
            .find_map(|(_, r)| r.as_ref().err().filter(|p| p.remedy() == Remedy::Person))
            .cloned()
    }

    /// Where a slot stands: this run's result, else what was known before.
    fn message_of(&self, slot: &Slot) -> Option<Result<OdooId, Problem>> {
        match (self.applied.results.get(slot), self.known.get(slot)) {
            (Some(r), _) => Some(r.clone()),
            (None, Some(Known::Settled(m) | Known::Written(m) | Known::Odoo(m))) => Some(Ok(*m)),
            (None, None) => None,
        }
    }

    fn hold(&self, slot: &Slot, held: &mut Held) {
        let linked_now = self
            .plan
            .actions
            .iter()
            .any(|a| matches!(a, Action::Link { .. }) && a.slot().as_ref() == Some(slot));
        let linked_before = !self.applied.results.contains_key(slot)
            && matches!(self.known.get(slot), Some(Known::Odoo(_)));
        let written_before = matches!(self.known.get(slot), Some(Known::Written(_)));
        match self.message_of(slot) {
            Some(Ok(m)) => {
                held.messages.push(m.0);
                held.linked |= linked_now || linked_before;
                held.checked_now |= written_before && self.applied.results.contains_key(slot);
            }
            Some(Err(e)) => held.errors.push(e),
            None => {}
        }
    }

    /// The opportunity slots of a mail: planned now or known from before.
    fn lead_slots(&self, key: &MailKey) -> BTreeSet<Slot> {
        let planned = self.plan.entries_of(key).filter_map(Action::slot);
        let known = self.known.keys().filter(|(k, _)| k == key).cloned();
        planned
            .chain(known)
            .filter(|(_, r)| r.model != PARTNER)
            .collect()
    }
}

#[derive(Default)]
struct Held {
    messages: Vec<i64>,
    errors: Vec<Problem>,
    linked: bool,
    /// An entry an interrupted run posted was read back in this run.
    checked_now: bool,
}
