//! What a mail run reports: per mail its outcome, contacts and chatter entries, and progress
//! for the shell (n of m mails; the CLI logs it, the tray shows it in its tooltip).

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::apply::Applied;
use super::key::MailKey;
use super::plan::{Action, Known, MailItem, MailPlan, Plan, Record, Slot, Verdict};
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
    /// Why, in a few words (notes such as an attachment left out, or the error).
    pub detail: Option<String>,
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
        })
        .render(lang)
    }
}

impl MailOutcome {
    /// A mail that failed as a whole (e.g. Odoo could not be asked).
    pub fn failed(item: &MailItem, detail: String) -> MailOutcome {
        MailOutcome {
            key: item.key.0.clone(),
            subject: item.subject.clone(),
            outcome: ItemOutcome::Failed,
            contacts: vec![],
            messages: vec![],
            opportunities: vec![],
            detail: Some(detail),
        }
    }

    /// Adds a line to the detail.
    pub fn add_detail(&mut self, line: String) {
        self.detail = Some(match self.detail.take() {
            Some(d) => format!("{d}; {line}"),
            None => line,
        });
    }
}

/// Each mail's outcome on a page, from its plan and what applying it did (nothing, previewing).
pub(super) struct Outcomes<'p> {
    plan: &'p Plan,
    known: &'p BTreeMap<Slot, Known>,
    applied: &'p Applied,
}

impl<'p> Outcomes<'p> {
    /// Each mail's outcome from `applied` (a preview's: [`Applied::preview`]).
    pub(super) fn new(
        plan: &'p Plan,
        known: &'p BTreeMap<Slot, Known>,
        applied: &'p Applied,
    ) -> Self {
        Outcomes {
            plan,
            known,
            applied,
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
                Some(Err(e)) => held.errors.push(format!("on the opportunity: {e}")),
                None => {}
            }
        }
        let mut detail: Vec<String> = self
            .applied
            .notes
            .get(&item.key)
            .cloned()
            .unwrap_or_default();
        let outcome = self.verdict(mail, &held, &mut detail);
        Some(MailOutcome {
            key: item.key.0.clone(),
            subject: item.subject.clone(),
            outcome,
            contacts: targets.iter().map(|c| c.0).collect(),
            messages: held.messages,
            opportunities,
            detail: (!detail.is_empty()).then(|| detail.join("; ")),
        })
    }

    fn verdict(&self, mail: &MailPlan, held: &Held, detail: &mut Vec<String>) -> ItemOutcome {
        if !held.errors.is_empty() {
            detail.extend(held.errors.iter().cloned());
            return ItemOutcome::Failed;
        }
        match &mail.verdict {
            // a decision is needed
            Verdict::Waiting => ItemOutcome::Waiting,
            // an address matches nobody
            Verdict::Unassigned => ItemOutcome::Unassigned,
            // nothing to file
            Verdict::Skipped(reason) => {
                detail.push(reason.clone());
                ItemOutcome::Skipped
            }
            // filed on at least one contact this run
            Verdict::Done if self.applied.filed.contains(&mail.key) => ItemOutcome::Filed,
            // only colleagues' entries were found
            Verdict::Done if held.linked => ItemOutcome::Linked,
            // settled in an earlier run
            Verdict::Done => {
                detail.push("already filed".into());
                ItemOutcome::Skipped
            }
        }
    }

    /// Where a slot stands: this run's result, else what was known before.
    fn message_of(&self, slot: &Slot) -> Option<Result<OdooId, String>> {
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
        match self.message_of(slot) {
            Some(Ok(m)) => {
                held.messages.push(m.0);
                held.linked |= linked_now || linked_before;
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
    errors: Vec<String>,
    linked: bool,
}
