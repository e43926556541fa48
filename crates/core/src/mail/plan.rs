//! The mail planner: PURE. Mails, contacts, the person's choices and what is already in Odoo
//! go in; a sorted [`Plan`] comes out. No I/O, no clock (STYLE "plan (pure)").
//!
//! Rules (issue 6 §2–4, §6):
//! - Incoming mails match their sender, outgoing mails every To and Cc address; the person's
//!   own addresses are no targets.
//! - A remembered choice for an address wins over matching (chosen contacts, or ignore).
//! - One match files on it; several wait for a decision; none is unassigned.
//! - A mail is filed on each known contact as soon as it is known, once per contact: a
//!   contact whose chatter already holds the mail (a colleague filed it) is linked instead.
//! - A mail is *done* when each of its addresses is filed, linked or ignored.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::address::Address;
use super::key::MailKey;
use super::matching::ContactIndex;
use super::notes::MailNote;
use crate::model::OdooId;
pub use crate::odoo::chatter::Record;

/// Which transfer folder a mail came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// The incoming transfer folder: the sender is matched.
    Incoming,
    /// The outgoing transfer folder: every To and Cc address is matched.
    Outgoing,
}

/// A mail in a transfer folder, as the planner needs it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailItem {
    /// Its Graph id.
    pub graph_id: String,
    /// Its folder.
    pub direction: Direction,
    /// Its key (Message-ID or content key).
    pub key: MailKey,
    /// Its subject (may be empty).
    pub subject: String,
    /// The sender.
    pub from: Option<Address>,
    /// To recipients.
    pub to: Vec<Address>,
    /// Cc recipients.
    pub cc: Vec<Address>,
    /// When it was sent (RFC 3339, UTC), as Graph gives it.
    #[serde(default)]
    pub sent: Option<String>,
    /// Whether Graph says it has file attachments.
    #[serde(default)]
    pub has_attachments: bool,
}

/// What the person chose for an address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "AddressChoice"))]
#[serde(rename_all = "lowercase", tag = "kind", content = "contacts")]
pub enum AddressChoice {
    /// File on these contacts.
    Contacts(#[cfg_attr(feature = "ts", ts(type = "number[]"))] Vec<OdooId>),
    /// File on nobody for this address (the "none" decision, or "ignore this address").
    Ignore,
}

/// What is already known to hold a mail on a record (a contact or an opportunity).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase", tag = "by", content = "message")]
pub enum Known {
    /// Our journal says we filed or linked it and read it back (settled): nothing to do.
    Settled(OdooId),
    /// Our journal says we posted it but a crash came before reading it back.
    Written(OdooId),
    /// Odoo holds a message with this key on the record (e.g. a colleague filed it).
    Odoo(OdooId),
}

/// A mail on one record: the unit that is filed exactly once.
pub type Slot = (MailKey, Record);

/// Everything the planner looks at.
#[derive(Debug, Clone, Copy)]
pub struct PlanInput<'a> {
    /// The mails found in the transfer folders.
    pub mails: &'a [MailItem],
    /// The Odoo contacts by address.
    pub contacts: &'a ContactIndex,
    /// The person's remembered choices by address.
    pub choices: &'a BTreeMap<Address, AddressChoice>,
    /// What is already filed, by (mail key, record).
    pub known: &'a BTreeMap<Slot, Known>,
    /// The person's own addresses (never targets).
    pub own: &'a BTreeSet<Address>,
    /// Each contact's open opportunities (empty unless the option files on them).
    pub opportunities: &'a BTreeMap<OdooId, Vec<OdooId>>,
    /// Move a mail to Deleted Items once it is filed everywhere.
    pub delete_after_transfer: bool,
    /// Further entries Odoo holds for a slot besides the lowest (a crash between a post and
    /// its read-back leaves one): removed when the slot is linked.
    pub duplicates: &'a BTreeMap<Slot, Vec<OdooId>>,
}

/// One side effect of the plan. Variants are in the order they are applied: a page's links
/// and filings first, then the read-back, then the moves and the local bookkeeping.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case", tag = "action")]
pub enum Action {
    /// Note the colleague's existing entry instead of filing again.
    Link {
        /// The mail.
        key: MailKey,
        /// Its Graph id.
        graph_id: String,
        /// The contact or opportunity.
        record: Record,
        /// The existing `mail.message` (the lowest).
        message: OdooId,
        /// Further entries of the same mail on the record, to remove.
        duplicates: Vec<OdooId>,
    },
    /// Post the mail in the record's chatter (the exactly-once sequence).
    File {
        /// The mail.
        key: MailKey,
        /// Its Graph id (to read the body and attachments).
        graph_id: String,
        /// The contact or opportunity.
        record: Record,
    },
    /// Read back an entry a crash left posted but unconfirmed.
    Confirm {
        /// The mail.
        key: MailKey,
        /// The record.
        record: Record,
        /// The entry our journal noted.
        message: OdooId,
    },
    /// Move the mail to Deleted Items once all its entries are confirmed.
    MoveToDeletedItems {
        /// The mail.
        key: MailKey,
        /// Its Graph id.
        graph_id: String,
    },
    /// Remember the mail for the next run (it waits for a decision or matches nobody).
    KeepPending {
        /// Its Graph id.
        graph_id: String,
    },
    /// Nothing waits on the mail any more.
    ForgetPending {
        /// Its Graph id.
        graph_id: String,
    },
}

impl Action {
    /// The mail the action is about, if it is about one mail's entry.
    pub fn slot(&self) -> Option<Slot> {
        match self {
            Action::Link { key, record, .. }
            | Action::File { key, record, .. }
            | Action::Confirm { key, record, .. } => Some((key.clone(), *record)),
            _ => None,
        }
    }
}

/// How one address of a mail is resolved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase", tag = "state", content = "contacts")]
pub enum Resolution {
    /// Filed (or to be filed / linked) on these contacts.
    Contacts(Vec<OdooId>),
    /// The person ignores this address.
    Ignored,
    /// Several contacts match: waits for a decision among them.
    Waiting(Vec<OdooId>),
    /// No contact matches.
    Unassigned,
    /// A colleague's address (an Odoo user's) while colleagues are no targets: known, and
    /// deliberately not filed on; nobody needs to decide anything about it.
    Colleague,
}

/// One address of a mail with its resolution.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AddressPlan {
    /// The address.
    pub address: Address,
    /// How it resolves.
    pub resolution: Resolution,
}

/// Where a mail stands after this plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase", tag = "verdict", content = "reason")]
pub enum Verdict {
    /// Every address is filed, linked or ignored once the actions ran.
    Done,
    /// At least one address waits for a decision.
    Waiting,
    /// At least one address matches nobody (and none waits).
    Unassigned,
    /// Nothing to file at all (e.g. only the person's own address).
    Skipped(MailNote),
}

/// The plan for one mail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MailPlan {
    /// The mail's key.
    pub key: MailKey,
    /// Its Graph id.
    pub graph_id: String,
    /// Its folder.
    pub direction: Direction,
    /// Its subject.
    pub subject: String,
    /// Each matched address.
    pub addresses: Vec<AddressPlan>,
    /// Where it stands.
    pub verdict: Verdict,
}

/// What a run will do: the remote actions, sorted, and each mail's verdict, sorted by key.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Plan {
    /// Remote steps, sorted and without repeats (one per mail and contact).
    pub actions: Vec<Action>,
    /// Every mail, by key then Graph id.
    pub mails: Vec<MailPlan>,
}

impl Plan {
    /// The contacts a mail is filed or linked on (already or by this plan).
    pub fn targets_of<'p>(&'p self, mail: &'p MailPlan) -> impl Iterator<Item = OdooId> + 'p {
        let mut seen = BTreeSet::new();
        mail.addresses
            .iter()
            .filter_map(|a| match &a.resolution {
                Resolution::Contacts(ids) => Some(ids.iter().copied()),
                _ => None,
            })
            .flatten()
            .filter(move |id| seen.insert(*id))
    }

    /// The entry actions of one mail (links, filings, read-backs).
    pub fn entries_of<'p>(&'p self, key: &'p MailKey) -> impl Iterator<Item = &'p Action> + 'p {
        self.actions
            .iter()
            .filter(move |a| a.slot().is_some_and(|(k, _)| &k == key))
    }
}

/// Plans a page. Pure: the same input gives the same plan.
pub fn plan(input: PlanInput<'_>) -> Plan {
    let mut mails: Vec<&MailItem> = input.mails.iter().collect();
    mails.sort_by(|a, b| (&a.key, &a.graph_id).cmp(&(&b.key, &b.graph_id)));
    let mut entries: BTreeMap<Slot, Action> = BTreeMap::new();
    let mut rest: Vec<Action> = Vec::new();
    let mut plans = Vec::with_capacity(mails.len());
    for mail in mails {
        let resolved: Vec<AddressPlan> = addresses_of(mail, input.own)
            .into_iter()
            .map(|address| AddressPlan {
                resolution: resolve(&address, input),
                address,
            })
            .collect();
        let verdict = verdict_of(&resolved);
        let contacts = contacts_of(&resolved);
        for contact in &contacts {
            let record = Record::contact(*contact);
            plan_entry(mail, record, input, &mut entries);
            // the option: also on the contact's opportunity when it has exactly one open
            if let Some([lead]) = input.opportunities.get(contact).map(Vec::as_slice) {
                plan_entry(mail, Record::opportunity(*lead), input, &mut entries);
            }
        }
        rest.extend(after_filing(mail, &verdict, input.delete_after_transfer));
        plans.push(MailPlan {
            key: mail.key.clone(),
            graph_id: mail.graph_id.clone(),
            direction: mail.direction,
            subject: mail.subject.clone(),
            addresses: resolved,
            verdict,
        });
    }
    let mut actions: Vec<Action> = entries.into_values().chain(rest).collect();
    actions.sort();
    actions.dedup();
    Plan {
        actions,
        mails: plans,
    }
}

/// The contacts a mail's addresses resolve to, each once, in address order.
fn contacts_of(resolved: &[AddressPlan]) -> Vec<OdooId> {
    let mut seen = BTreeSet::new();
    resolved
        .iter()
        .filter_map(|a| match &a.resolution {
            Resolution::Contacts(ids) => Some(ids.iter().copied()),
            _ => None,
        })
        .flatten()
        .filter(|id| seen.insert(*id))
        .collect()
}

/// What one (mail, record) needs, by what is known of it.
fn plan_entry(
    mail: &MailItem,
    record: Record,
    input: PlanInput<'_>,
    entries: &mut BTreeMap<Slot, Action>,
) {
    let slot = (mail.key.clone(), record);
    if entries.contains_key(&slot) {
        // the same mail twice (both folders) or the record twice: once only
        return;
    }
    let (key, graph_id) = (mail.key.clone(), mail.graph_id.clone());
    let action = match input.known.get(&slot) {
        // we filed or linked it and read it back before → nothing to do
        Some(Known::Settled(_)) => return,
        // we posted it, a crash came before the read-back → read it back
        Some(Known::Written(message)) => Action::Confirm {
            key,
            record,
            message: *message,
        },
        // Odoo already holds it on this record → link, never file twice (and remove a
        // duplicate a crash left, keeping the lowest as every colleague does)
        Some(Known::Odoo(message)) => Action::Link {
            key,
            graph_id,
            record,
            message: *message,
            duplicates: input.duplicates.get(&slot).cloned().unwrap_or_default(),
        },
        // not there yet → file
        None => Action::File {
            key,
            graph_id,
            record,
        },
    };
    entries.insert(slot, action);
}

/// The steps after filing: the move (option) and whether the mail waits for the next run.
fn after_filing(mail: &MailItem, verdict: &Verdict, delete_after_transfer: bool) -> Vec<Action> {
    let graph_id = mail.graph_id.clone();
    match verdict {
        // filed everywhere: moved with the option, nothing waits on it
        Verdict::Done if delete_after_transfer => vec![
            Action::MoveToDeletedItems {
                key: mail.key.clone(),
                graph_id: graph_id.clone(),
            },
            Action::ForgetPending { graph_id },
        ],
        // filed everywhere or nothing to file: nothing waits on it
        Verdict::Done | Verdict::Skipped(_) => vec![Action::ForgetPending { graph_id }],
        // a decision or a contact is missing: it waits for the next run
        Verdict::Waiting | Verdict::Unassigned => vec![Action::KeepPending { graph_id }],
    }
}

/// The addresses of `mails` that no remembered choice settles: the ones to look up in Odoo.
pub fn unsettled_addresses(
    mails: &[MailItem],
    choices: &BTreeMap<Address, AddressChoice>,
    own: &BTreeSet<Address>,
) -> BTreeSet<Address> {
    mails
        .iter()
        .flat_map(|m| addresses_of(m, own))
        .filter(|a| !choices.contains_key(a))
        .collect()
}

/// Every (mail, contact) the mails resolve to: the slots whose state is looked up.
pub fn targets(
    mails: &[MailItem],
    contacts: &ContactIndex,
    choices: &BTreeMap<Address, AddressChoice>,
    own: &BTreeSet<Address>,
) -> BTreeSet<(MailKey, OdooId)> {
    let none = BTreeMap::new();
    let input = PlanInput {
        mails,
        contacts,
        choices,
        known: &none,
        own,
        opportunities: &BTreeMap::new(),
        delete_after_transfer: false,
        duplicates: &BTreeMap::new(),
    };
    let mut out = BTreeSet::new();
    for mail in mails {
        let resolved: Vec<AddressPlan> = addresses_of(mail, own)
            .into_iter()
            .map(|address| AddressPlan {
                resolution: resolve(&address, input),
                address,
            })
            .collect();
        for contact in contacts_of(&resolved) {
            out.insert((mail.key.clone(), contact));
        }
    }
    out
}

/// Each contact's open opportunities from (lead, its partner) and each partner's commercial
/// partner: a lead counts for every contact of the same company (the company and its people).
pub fn opportunities_by_contact(
    leads: &[(OdooId, OdooId)],
    company_of: &BTreeMap<OdooId, OdooId>,
    contacts: &BTreeSet<OdooId>,
) -> BTreeMap<OdooId, Vec<OdooId>> {
    let mut by_contact: BTreeMap<OdooId, Vec<OdooId>> = BTreeMap::new();
    for contact in contacts {
        let Some(company) = company_of.get(contact) else {
            continue;
        };
        let mut own: Vec<OdooId> = leads
            .iter()
            .filter(|(_, partner)| company_of.get(partner) == Some(company))
            .map(|(lead, _)| *lead)
            .collect();
        own.sort();
        own.dedup();
        if !own.is_empty() {
            by_contact.insert(*contact, own);
        }
    }
    by_contact
}

/// The addresses a mail is matched by, in mail order, without repeats or own addresses.
fn addresses_of(mail: &MailItem, own: &BTreeSet<Address>) -> Vec<Address> {
    let raw: Vec<&Address> = match mail.direction {
        // incoming → the sender
        Direction::Incoming => mail.from.iter().collect(),
        // outgoing → every To and Cc
        Direction::Outgoing => mail.to.iter().chain(&mail.cc).collect(),
    };
    let mut seen = BTreeSet::new();
    raw.into_iter()
        .filter(|a| !own.contains(*a) && seen.insert((*a).clone()))
        .cloned()
        .collect()
}

fn resolve(address: &Address, input: PlanInput<'_>) -> Resolution {
    match input.choices.get(address) {
        // the person ignores this address
        Some(AddressChoice::Ignore) => return Resolution::Ignored,
        // an empty choice is the same as "none"
        Some(AddressChoice::Contacts(ids)) if ids.is_empty() => return Resolution::Ignored,
        // the person chose these contacts
        Some(AddressChoice::Contacts(ids)) => {
            let mut ids = ids.clone();
            ids.sort();
            ids.dedup();
            return Resolution::Contacts(ids);
        }
        // no choice → matching decides
        None => {}
    }
    let matches = input.contacts.matches(address);
    match matches {
        // only a colleague has the address → known, not filed on, nobody asked
        [] if input.contacts.is_colleague(address) => Resolution::Colleague,
        // nobody has the address → unassigned
        [] => Resolution::Unassigned,
        // exactly one contact → file on it
        [one] => Resolution::Contacts(vec![one.id]),
        // several contacts → a person decides
        many => Resolution::Waiting(many.iter().map(|c| c.id).collect()),
    }
}

fn verdict_of(addresses: &[AddressPlan]) -> Verdict {
    let waiting = addresses
        .iter()
        .any(|a| matches!(a.resolution, Resolution::Waiting(_)));
    let unassigned = addresses
        .iter()
        .any(|a| a.resolution == Resolution::Unassigned);
    let any_contact = addresses
        .iter()
        .any(|a| matches!(a.resolution, Resolution::Contacts(_)));
    match (waiting, unassigned, any_contact) {
        // a decision is needed (whatever else is open)
        (true, _, _) => Verdict::Waiting,
        // an address matches nobody
        (false, true, _) => Verdict::Unassigned,
        // every address filed, linked or ignored, at least one contact
        (false, false, true) => Verdict::Done,
        // no address at all
        (false, false, false) if addresses.is_empty() => Verdict::Skipped(MailNote::NoAddress),
        // only colleagues' addresses: nothing to file, nobody to ask
        (false, false, false)
            if addresses
                .iter()
                .all(|a| a.resolution == Resolution::Colleague) =>
        {
            Verdict::Skipped(MailNote::OnlyColleagues)
        }
        // every address ignored (or a colleague's)
        (false, false, false) => Verdict::Skipped(MailNote::EveryAddressIgnored),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mail::matching::tests::contact;
    use crate::mail::matching::{Contact, ContactIndex};

    fn a(s: &str) -> Address {
        Address::parse(s).expect("address")
    }

    fn incoming(id: &str, from: &str) -> MailItem {
        MailItem {
            graph_id: format!("g-{id}"),
            direction: Direction::Incoming,
            key: MailKey(format!("<{id}@x>")),
            subject: format!("subject {id}"),
            from: Address::parse(from),
            to: vec![a("me@ours.de")],
            cc: vec![],
            sent: None,
            has_attachments: false,
        }
    }

    fn outgoing(id: &str, to: &[&str], cc: &[&str]) -> MailItem {
        MailItem {
            graph_id: format!("g-{id}"),
            direction: Direction::Outgoing,
            key: MailKey(format!("<{id}@x>")),
            subject: format!("subject {id}"),
            from: Address::parse("me@ours.de"),
            to: to.iter().map(|t| a(t)).collect(),
            cc: cc.iter().map(|t| a(t)).collect(),
            sent: None,
            has_attachments: false,
        }
    }

    struct World {
        contacts: Vec<Contact>,
        include_colleagues: bool,
        choices: BTreeMap<Address, AddressChoice>,
        known: BTreeMap<Slot, Known>,
        own: BTreeSet<Address>,
        opportunities: BTreeMap<OdooId, Vec<OdooId>>,
        delete_after_transfer: bool,
        duplicates: BTreeMap<Slot, Vec<OdooId>>,
    }

    impl World {
        fn new() -> World {
            let mut archived = contact(9, "archived@x.de");
            archived.active = false;
            let mut colleague = contact(8, "jonas@ours.de");
            colleague.is_colleague = true;
            World {
                contacts: vec![
                    contact(1, "anna@x.de"),
                    contact(2, "bob@y.de, info@y.de"),
                    contact(3, "Shared <shared@z.de>"),
                    contact(4, "shared@z.de"),
                    archived,
                    colleague,
                ],
                include_colleagues: false,
                choices: BTreeMap::new(),
                known: BTreeMap::new(),
                own: [a("me@ours.de")].into_iter().collect(),
                opportunities: BTreeMap::new(),
                delete_after_transfer: false,
                duplicates: BTreeMap::new(),
            }
        }

        fn plan(&self, mails: &[MailItem]) -> Plan {
            let index = ContactIndex::new(&self.contacts, self.include_colleagues);
            plan(PlanInput {
                mails,
                contacts: &index,
                choices: &self.choices,
                known: &self.known,
                own: &self.own,
                opportunities: &self.opportunities,
                delete_after_transfer: self.delete_after_transfer,
                duplicates: &self.duplicates,
            })
        }
    }

    fn files(plan: &Plan) -> Vec<(String, i64)> {
        plan.actions
            .iter()
            .filter_map(|x| match x {
                Action::File { key, record, .. } => Some((key.0.clone(), record.id.0)),
                _ => None,
            })
            .collect()
    }

    fn verdicts(plan: &Plan) -> Vec<(String, Verdict)> {
        plan.mails
            .iter()
            .map(|m| (m.key.0.clone(), m.verdict.clone()))
            .collect()
    }

    #[test]
    fn the_planner_table() {
        struct Case {
            name: &'static str,
            mail: MailItem,
            setup: fn(&mut World),
            files: &'static [i64],
            links: &'static [(i64, i64)],
            verdict: Verdict,
        }
        let cases = vec![
            Case {
                name: "incoming: the sender is matched, case-insensitively after trimming",
                mail: incoming("m1", "  ANNA@x.de "),
                setup: |_| {},
                files: &[1],
                links: &[],
                verdict: Verdict::Done,
            },
            Case {
                name: "incoming: recipients are not matched",
                mail: MailItem {
                    to: vec![a("anna@x.de")],
                    ..incoming("m2", "stranger@nowhere.de")
                },
                setup: |_| {},
                files: &[],
                links: &[],
                verdict: Verdict::Unassigned,
            },
            Case {
                name: "outgoing: every To and Cc address is matched",
                mail: outgoing("m3", &["anna@x.de"], &["info@y.de"]),
                setup: |_| {},
                files: &[1, 2],
                links: &[],
                verdict: Verdict::Done,
            },
            Case {
                name: "outgoing: two known and one unknown → two files, unassigned",
                mail: outgoing("m4", &["anna@x.de", "bob@y.de"], &["who@unknown.de"]),
                setup: |_| {},
                files: &[1, 2],
                links: &[],
                verdict: Verdict::Unassigned,
            },
            Case {
                name: "an address in a multi-address Odoo field matches",
                mail: incoming("m5", "info@y.de"),
                setup: |_| {},
                files: &[2],
                links: &[],
                verdict: Verdict::Done,
            },
            Case {
                name: "archived contacts do not match",
                mail: incoming("m6", "archived@x.de"),
                setup: |_| {},
                files: &[],
                links: &[],
                verdict: Verdict::Unassigned,
            },
            Case {
                name: "colleagues' partners are no targets by default: only colleagues, nobody asked",
                mail: outgoing("m7", &["jonas@ours.de"], &[]),
                setup: |_| {},
                files: &[],
                links: &[],
                verdict: Verdict::Skipped(MailNote::OnlyColleagues),
            },
            Case {
                name: "a colleague on Cc is known, not unassigned: the customer's filing is done",
                mail: outgoing("m7b", &["anna@x.de"], &["jonas@ours.de"]),
                setup: |_| {},
                files: &[1],
                links: &[],
                verdict: Verdict::Done,
            },
            Case {
                name: "colleagues' partners are targets with the option",
                mail: outgoing("m8", &["jonas@ours.de"], &[]),
                setup: |w| w.include_colleagues = true,
                files: &[8],
                links: &[],
                verdict: Verdict::Done,
            },
            Case {
                name: "several matches → waits for a decision",
                mail: incoming("m9", "shared@z.de"),
                setup: |_| {},
                files: &[],
                links: &[],
                verdict: Verdict::Waiting,
            },
            Case {
                name: "waiting address does not hold back the known contacts",
                mail: outgoing("m10", &["shared@z.de", "anna@x.de"], &["x@unknown.de"]),
                setup: |_| {},
                files: &[1],
                links: &[],
                verdict: Verdict::Waiting,
            },
            Case {
                name: "a remembered decision applies",
                mail: incoming("m11", "shared@z.de"),
                setup: |w| {
                    w.choices
                        .insert(a("shared@z.de"), AddressChoice::Contacts(vec![OdooId(4)]));
                },
                files: &[4],
                links: &[],
                verdict: Verdict::Done,
            },
            Case {
                name: "a decision for several contacts files on each",
                mail: incoming("m12", "shared@z.de"),
                setup: |w| {
                    let both = vec![OdooId(4), OdooId(3), OdooId(4)];
                    w.choices
                        .insert(a("shared@z.de"), AddressChoice::Contacts(both));
                },
                files: &[3, 4],
                links: &[],
                verdict: Verdict::Done,
            },
            Case {
                name: "an ignored address is done without a file",
                mail: outgoing("m13", &["who@unknown.de", "anna@x.de"], &[]),
                setup: |w| {
                    w.choices.insert(a("who@unknown.de"), AddressChoice::Ignore);
                },
                files: &[1],
                links: &[],
                verdict: Verdict::Done,
            },
            Case {
                name: "every address ignored → skipped",
                mail: incoming("m14", "who@unknown.de"),
                setup: |w| {
                    w.choices.insert(a("who@unknown.de"), AddressChoice::Ignore);
                },
                files: &[],
                links: &[],
                verdict: Verdict::Skipped(MailNote::EveryAddressIgnored),
            },
            Case {
                name: "a decision of none counts as ignored",
                mail: incoming("m15", "shared@z.de"),
                setup: |w| {
                    w.choices
                        .insert(a("shared@z.de"), AddressChoice::Contacts(vec![]));
                },
                files: &[],
                links: &[],
                verdict: Verdict::Skipped(MailNote::EveryAddressIgnored),
            },
            Case {
                name: "own address only → skipped",
                mail: outgoing("m16", &["me@ours.de"], &[]),
                setup: |_| {},
                files: &[],
                links: &[],
                verdict: Verdict::Skipped(MailNote::NoAddress),
            },
            Case {
                name: "a colleague filed it already → link, not file",
                mail: outgoing("m17", &["anna@x.de", "bob@y.de"], &[]),
                setup: |w| {
                    w.known.insert(
                        (MailKey("<m17@x>".into()), Record::contact(OdooId(1))),
                        Known::Odoo(OdooId(77)),
                    );
                },
                files: &[2],
                links: &[(1, 77)],
                verdict: Verdict::Done,
            },
            Case {
                name: "our journal filed it already → nothing to do, still done",
                mail: incoming("m18", "anna@x.de"),
                setup: |w| {
                    w.known.insert(
                        (MailKey("<m18@x>".into()), Record::contact(OdooId(1))),
                        Known::Settled(OdooId(5)),
                    );
                },
                files: &[],
                links: &[],
                verdict: Verdict::Done,
            },
            Case {
                name: "the same address twice in To and Cc files once",
                mail: outgoing("m19", &["anna@x.de"], &["Anna@X.de"]),
                setup: |_| {},
                files: &[1],
                links: &[],
                verdict: Verdict::Done,
            },
            Case {
                name: "no sender → skipped",
                mail: MailItem {
                    from: None,
                    ..incoming("m20", "x")
                },
                setup: |_| {},
                files: &[],
                links: &[],
                verdict: Verdict::Skipped(MailNote::NoAddress),
            },
        ];
        for case in cases {
            let mut world = World::new();
            (case.setup)(&mut world);
            let plan = world.plan(std::slice::from_ref(&case.mail));
            let want_files: Vec<(String, i64)> = case
                .files
                .iter()
                .map(|c| (case.mail.key.0.clone(), *c))
                .collect();
            assert_eq!(files(&plan), want_files, "{}: files", case.name);
            let links: Vec<(i64, i64)> = plan
                .actions
                .iter()
                .filter_map(|x| match x {
                    Action::Link {
                        record, message, ..
                    } => Some((record.id.0, message.0)),
                    _ => None,
                })
                .collect();
            assert_eq!(links, case.links, "{}: links", case.name);
            assert_eq!(plan.mails.len(), 1, "{}", case.name);
            assert_eq!(
                plan.mails[0].verdict, case.verdict,
                "{}: verdict",
                case.name
            );
        }
    }

    #[test]
    fn the_plan_is_sorted_and_does_not_depend_on_input_order() {
        let world = World::new();
        let mails = vec![
            outgoing("b", &["bob@y.de", "anna@x.de"], &[]),
            incoming("a", "anna@x.de"),
            incoming("c", "shared@z.de"),
        ];
        let mut reversed = mails.clone();
        reversed.reverse();
        let p1 = world.plan(&mails);
        let p2 = world.plan(&reversed);
        assert_eq!(p1, p2);
        assert_eq!(
            files(&p1),
            vec![
                ("<a@x>".to_owned(), 1),
                ("<b@x>".to_owned(), 1),
                ("<b@x>".to_owned(), 2)
            ]
        );
        assert_eq!(
            verdicts(&p1),
            vec![
                ("<a@x>".to_owned(), Verdict::Done),
                ("<b@x>".to_owned(), Verdict::Done),
                ("<c@x>".to_owned(), Verdict::Waiting),
            ]
        );
    }

    #[test]
    fn the_same_mail_in_both_folders_is_filed_once_per_contact() {
        let world = World::new();
        let mut copy = outgoing("m", &["anna@x.de"], &[]);
        copy.graph_id = "g-other".into();
        let plan = world.plan(&[incoming("m", "anna@x.de"), copy]);
        assert_eq!(files(&plan), vec![("<m@x>".to_owned(), 1)]);
        assert_eq!(plan.mails.len(), 2, "both copies are reported");
        assert!(plan.mails.iter().all(|m| m.verdict == Verdict::Done));
    }

    #[test]
    fn a_contacts_opportunities_are_its_companys_on_the_company_and_its_people() {
        let id = OdooId;
        // company 10 with people 19 and 20; company 14 with person 26
        let company_of: BTreeMap<OdooId, OdooId> =
            [(19, 10), (20, 10), (10, 10), (26, 14), (14, 14)]
                .into_iter()
                .map(|(p, c)| (id(p), id(c)))
                .collect();
        let leads = [(id(100), id(10)), (id(101), id(20)), (id(102), id(26))];
        let contacts: BTreeSet<OdooId> = [id(19), id(14), id(99)].into_iter().collect();
        let by_contact = opportunities_by_contact(&leads, &company_of, &contacts);
        // the person gets the company's and a colleague's at the company
        assert_eq!(by_contact.get(&id(19)), Some(&vec![id(100), id(101)]));
        // the company gets its person's
        assert_eq!(by_contact.get(&id(14)), Some(&vec![id(102)]));
        // a contact Odoo did not place gets none
        assert_eq!(by_contact.get(&id(99)), None);
    }
}
