//! What a mail run reports: per mail its outcome, contacts and chatter entries, and progress
//! for the shell (n of m mails; the CLI logs it, the tray shows it in its tooltip).

use std::collections::BTreeSet;

use serde::Serialize;

use crate::model::ItemOutcome;

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

/// What happened to one mail in a run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MailOutcome {
    /// The mail's key (Message-ID or content key).
    pub key: String,
    /// Its subject.
    pub subject: String,
    /// filed | linked | waiting | unassigned | skipped | failed.
    pub outcome: ItemOutcome,
    /// The contacts (`res.partner`) it is filed or linked on.
    pub contacts: Vec<i64>,
    /// The chatter entries (`mail.message`) that hold it.
    pub messages: Vec<i64>,
    /// The opportunities (`crm.lead`) it is also filed on (option).
    pub opportunities: Vec<i64>,
    /// Why, in a few words (notes such as an attachment left out, or the error).
    pub detail: Option<String>,
}

/// The report of a mail run.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
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
        })
        .render(lang)
    }
}
