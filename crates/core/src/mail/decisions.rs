//! The Decisions and Unassigned lists (issue 6 §3–4): addresses of mails still in a transfer
//! folder that match several contacts (a person picks one, several or none) or nobody (a
//! person ignores the address, picks a contact or creates one).

use std::collections::BTreeMap;

use serde::Serialize;

use super::address::Address;
use super::matching::Contact;
pub use super::state::{OpenAddress, OpenKind, PendingMail};

/// A mail that waits on an address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "WaitingMail"))]
pub struct WaitingMail {
    /// The mail's key.
    pub key: String,
    /// Its subject.
    pub subject: String,
}

/// One entry of the Decisions / Unassigned list: an address and the mails waiting on it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "MailDecision"))]
pub struct Decision {
    /// The address.
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub address: Address,
    /// Waiting (choose among candidates) or unassigned (nobody matches).
    #[cfg_attr(feature = "ts", ts(type = "OpenKind"))]
    pub kind: OpenKind,
    /// The candidates (name, company, city, e-mail).
    pub candidates: Vec<Contact>,
    /// The company suggested for a new contact: the address's domain.
    pub suggested_company: String,
    /// The mails waiting on this address.
    pub mails: Vec<WaitingMail>,
}

/// The list, one entry per address, waiting ones first, then by address.
pub fn list(pending: &[PendingMail]) -> Vec<Decision> {
    let mut by_address: BTreeMap<(OpenKind, Address), Decision> = BTreeMap::new();
    for mail in pending {
        for open in &mail.open {
            let entry = by_address
                .entry((open.kind, open.address.clone()))
                .or_insert_with(|| Decision {
                    address: open.address.clone(),
                    kind: open.kind,
                    candidates: open.candidates.clone(),
                    suggested_company: open.address.domain().to_owned(),
                    mails: Vec::new(),
                });
            entry.mails.push(WaitingMail {
                key: mail.mail.key.0.clone(),
                subject: mail.mail.subject.clone(),
            });
        }
    }
    by_address.into_values().collect()
}

/// A mail Odoo refuses as it is, waiting for the person to retry or skip it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "RefusedMail"))]
pub struct RefusedMail {
    /// The mail's key (what `retry`/`skip` take).
    pub key: String,
    /// Its subject.
    pub subject: String,
    /// Why, in the person's language.
    pub reason: String,
    /// Odoo's error as the software saw it.
    pub technical: Option<String>,
}

impl RefusedMail {
    /// The entry for a pending mail, told in `lang`.
    pub fn of(pending: &PendingMail, lang: crate::language::Language) -> RefusedMail {
        let refusal = pending.refusal.clone();
        RefusedMail {
            key: pending.mail.key.0.clone(),
            subject: pending.mail.subject.clone(),
            reason: refusal
                .as_ref()
                .map(|r| r.note.render(lang))
                .unwrap_or_default(),
            technical: refusal.and_then(|r| r.technical),
        }
    }
}
