//! Collect: what the transfer folders hold (each folder's delta round plus the mails still
//! pending from earlier runs), and per page what the planner needs beyond the mails: the
//! contacts their addresses may match (one `search_read`), what the journal settled, what Odoo
//! already holds (one duplicate `search_read`) and, with the option, the contacts' open
//! opportunities.

use std::collections::{BTreeMap, BTreeSet};

use super::address::Address;
use super::key::{KeyContent, MailKey};
use super::plan::{AddressChoice, Direction, Known, MailItem, Record, Slot};
use super::remote::{Mailbox, OdooSide};
use super::round::StagedRound;
use crate::error_code::UserFacing;
use crate::graph::error::{GraphError, GraphErrorKind};
use crate::graph::messages::{DeltaCursor, DeltaLink, Message, MessageChange, UnreadableItem};
use crate::i18n::Msg;
use crate::model::{Job, OdooId};
use crate::odoo::OdooError;
use crate::odoo::opportunities::LEAD;
use crate::odoo::partners::{Contact, PARTNER};
use crate::store::{JournalState, Store, StoreError};

/// The journal's operation name for filing a mail on a record.
pub(super) const OP_FILE: &str = "file";

/// Why a folder or a mail could not be read.
pub(super) enum ReadProblem {
    /// Microsoft refused the stored sign-in.
    SignInRefused,
    /// A rerun will pick it up.
    Incomplete {
        /// The folder's cursor scope.
        scope: String,
        /// What went wrong, for the diagnostic log.
        technical: String,
        /// Why, told to the person, when a rerun alone may not be the whole story (a link to
        /// another server, paging without end, an answer that is not Graph's).
        reason: Option<Msg>,
    },
}

/// How reading the transfer folders went (the mails themselves are staged in the round).
#[derive(Default)]
pub(super) struct Collected {
    /// Each folder read to the end, with where its next round starts.
    pub(super) rounds: Vec<(String, DeltaLink)>,
    /// Folders with a mail that could not be read: their round is read again.
    pub(super) unread_scopes: BTreeSet<String>,
    pub(super) problems: Vec<ReadProblem>,
    /// Items Outlook sent in a form that cannot be read: skipped, each told in the report.
    pub(super) unreadable: Vec<UnreadableItem>,
}

/// `incoming:ID` / `outgoing:ID`: the cursor scope of a transfer folder.
pub(super) fn scope_of(direction: Direction, folder: &str) -> String {
    let name = match direction {
        Direction::Incoming => "incoming",
        Direction::Outgoing => "outgoing",
    };
    format!("{name}:{folder}")
}

/// Reads both transfer folders' delta rounds a page at a time into `round`, then the mails
/// still pending from earlier runs.
pub(super) async fn transfer_folders(
    mailbox: &impl Mailbox,
    store: &Store,
    round: &StagedRound<'_>,
    folders: [(Direction, Option<&str>); 2],
    page_size: u32,
) -> Result<Collected, StoreError> {
    let mut collected = Collected::default();
    for (direction, folder) in folders {
        let Some(folder) = folder.filter(|f| !f.trim().is_empty()) else {
            continue;
        };
        let scope = scope_of(direction, folder);
        let from = store
            .cursor(Job::Mail, &scope)?
            .and_then(|c| c.graph_delta_link);
        let folder = Folder {
            id: folder,
            direction,
            scope: &scope,
        };
        match read_folder(
            mailbox,
            round,
            &folder,
            from.as_deref(),
            page_size,
            &mut collected,
        )
        .await
        {
            Ok(Some(link)) => collected.rounds.push((scope, link)),
            Ok(None) => {}
            Err(Stop::Store(e)) => return Err(e),
            Err(Stop::Graph(e)) => {
                tracing::warn!(scope = %scope, error = %e, "transfer folder not read");
                collected.problems.push(problem_of(&e, &scope));
            }
        }
    }
    round.stage_pending()?;
    Ok(collected)
}

/// A transfer folder as its round is read.
struct Folder<'a> {
    id: &'a str,
    direction: Direction,
    scope: &'a str,
}

enum Stop {
    Store(StoreError),
    Graph(GraphError),
}

/// One folder's round, staged page by page; the link the next round starts from.
async fn read_folder(
    mailbox: &impl Mailbox,
    round: &StagedRound<'_>,
    folder: &Folder<'_>,
    from: Option<&str>,
    page_size: u32,
    collected: &mut Collected,
) -> Result<Option<DeltaLink>, Stop> {
    let max_pages = mailbox.max_delta_pages();
    let mut cursor = DeltaCursor::bounded(from, max_pages);
    let mut resynced = from.is_none();
    while let Some(at) = cursor.next() {
        let page = match mailbox.delta_page(folder.id, at, page_size).await {
            // NOTE: an expired delta link means "read it all again", never "deleted"; the
            // journal keeps the re-read from filing twice.
            Err(e) if e.kind == GraphErrorKind::ResyncRequired && !resynced => {
                tracing::info!("delta link expired, reading the folder again");
                resynced = true;
                cursor = DeltaCursor::bounded(None, max_pages);
                continue;
            }
            other => other.map_err(Stop::Graph)?,
        };
        for change in cursor.take(page).map_err(Stop::Graph)? {
            match change {
                MessageChange::Upsert(message) => {
                    take_message(mailbox, round, &message, folder, collected)
                        .await
                        .map_err(Stop::Store)?;
                }
                // left the folder (moved by the person or by us): nothing waits on it
                MessageChange::Removed { id } => round.left(&id).map_err(Stop::Store)?,
                // NOTE: skipped for good (the folder's link is saved): asking again brings
                // the same form; a change to the mail in Outlook (read state) brings it anew.
                MessageChange::Unreadable(item) => {
                    tracing::warn!(scope = %folder.scope, id = ?item.id, "an item Outlook sent cannot be read; skipped");
                    collected.unreadable.push(item);
                }
            }
        }
    }
    Ok(cursor.end())
}

async fn take_message(
    mailbox: &impl Mailbox,
    round: &StagedRound<'_>,
    message: &Message,
    folder: &Folder<'_>,
    collected: &mut Collected,
) -> Result<(), StoreError> {
    if round.has(&message.id)? {
        return Ok(());
    }
    let read = match item_of(mailbox, message, folder.direction).await {
        Ok(item) => told_apart(mailbox, round.store(), item).await,
        Err(e) => Ok(Err(e)),
    };
    match read? {
        Ok(item) => round.stage(&item, Some(folder.scope))?,
        Err(e) => {
            // NOTE: the folder's delta link is then not saved, so the next run reads this
            // mail again instead of losing it.
            tracing::warn!(scope = %folder.scope, error = %e, "mail not read");
            collected.problems.push(problem_of(&e, folder.scope));
            collected.unread_scopes.insert(folder.scope.to_owned());
        }
    }
    Ok(())
}

/// A mail whose Message-ID was filed before from another Outlook item: the same mail (moved
/// back, or in both folders) keeps the key; a different mail reusing the Message-ID gets a key
/// of its own, so its content is filed instead of being skipped as "already filed".
async fn told_apart(
    mailbox: &impl Mailbox,
    store: &Store,
    mut item: MailItem,
) -> Result<Result<MailItem, GraphError>, StoreError> {
    if !item.key.is_message_id() {
        return Ok(Ok(item));
    }
    let Some((filed_from, filed)) = store.filed_fingerprint(item.key.as_str())? else {
        return Ok(Ok(item));
    };
    if filed_from == item.graph_id {
        return Ok(Ok(item));
    }
    let body = match mailbox.body(&item.graph_id).await {
        Ok(b) => b,
        Err(e) => return Ok(Err(e)),
    };
    let now = fingerprint_of(&item, &body.html);
    if now != filed {
        tracing::info!("a different mail reuses a filed Message-ID; filed under a key of its own");
        item.key = item.key.reused_by(&now);
    }
    Ok(Ok(item))
}

/// What this copy of a mail looks like (see [`MailKey::fingerprint`]).
pub(super) fn fingerprint_of(item: &MailItem, html: &str) -> String {
    MailKey::fingerprint(KeyContent {
        sender: item.from.as_ref().map(Address::as_str).unwrap_or_default(),
        sent: item.sent.as_deref().unwrap_or_default(),
        subject: &item.subject,
        body: html,
    })
}

fn problem_of(e: &GraphError, scope: &str) -> ReadProblem {
    if e.needs_sign_in() {
        return ReadProblem::SignInRefused;
    }
    let told = matches!(
        e.kind,
        GraphErrorKind::ForeignLink | GraphErrorKind::EndlessPaging | GraphErrorKind::BadAnswer
    );
    ReadProblem::Incomplete {
        scope: scope.to_owned(),
        technical: e.to_string(),
        reason: told.then(|| e.msg()),
    }
}

/// The planner's view of a Graph message; reads the body only to key a mail without Message-ID.
pub(super) async fn item_of(
    mailbox: &impl Mailbox,
    message: &Message,
    direction: Direction,
) -> Result<MailItem, GraphError> {
    let from = message
        .from
        .as_ref()
        .or(message.sender.as_ref())
        .and_then(|r| r.email_address.address.as_deref())
        .and_then(Address::parse);
    let addresses = |list: &[crate::graph::messages::Recipient]| {
        list.iter()
            .filter_map(|r| r.email_address.address.as_deref().and_then(Address::parse))
            .collect::<Vec<_>>()
    };
    let subject = message.subject.clone().unwrap_or_default();
    let sent = message
        .sent_date_time
        .clone()
        .or(message.received_date_time.clone());
    let message_id = message
        .internet_message_id
        .as_deref()
        .filter(|m| m.trim().len() > 2);
    let key = match message_id {
        Some(id) => MailKey::of(Some(id), KeyContent::default()),
        None => {
            let body = mailbox.body(&message.id).await?;
            MailKey::from_content(KeyContent {
                sender: from.as_ref().map(Address::as_str).unwrap_or_default(),
                sent: sent.as_deref().unwrap_or_default(),
                subject: &subject,
                body: &body.html,
            })
        }
    };
    Ok(MailItem {
        graph_id: message.id.clone(),
        direction,
        key,
        subject,
        from,
        to: addresses(&message.to_recipients),
        cc: addresses(&message.cc_recipients),
        sent,
        has_attachments: message.has_attachments,
    })
}

/// What a page's plan needs beyond its mails.
pub(super) struct Lookups {
    pub(super) contacts: Vec<Contact>,
    pub(super) choices: BTreeMap<Address, AddressChoice>,
    pub(super) known: BTreeMap<Slot, Known>,
    pub(super) opportunities: BTreeMap<OdooId, Vec<OdooId>>,
    pub(super) duplicates: BTreeMap<Slot, Vec<OdooId>>,
}

/// Why a page could not be looked up or applied.
pub(super) enum PageError {
    Store(StoreError),
    Odoo(OdooError),
    /// A test's crash point stopped the run as a kill would.
    Crashed,
}

impl From<StoreError> for PageError {
    fn from(e: StoreError) -> Self {
        PageError::Store(e)
    }
}

impl From<OdooError> for PageError {
    fn from(e: OdooError) -> Self {
        PageError::Odoo(e)
    }
}

/// Looks up what the page's mails need: contacts, choices, journal, Odoo's entries, leads.
pub(super) async fn look_up(
    odoo: &impl OdooSide,
    store: &Store,
    items: &[MailItem],
    own: &BTreeSet<Address>,
    include_colleagues: bool,
    file_on_opportunity: bool,
) -> Result<Lookups, PageError> {
    let choices = store.mail_choices()?;
    let wanted = super::plan::unsettled_addresses(items, &choices, own);
    let contacts = if wanted.is_empty() {
        Vec::new()
    } else {
        let list: Vec<&str> = wanted.iter().map(Address::as_str).collect();
        odoo.contacts_with(&list).await?
    };
    let index = super::matching::ContactIndex::new(&contacts, include_colleagues);
    let targets = super::plan::targets(items, &index, &choices, own);
    let mut lookups = Lookups {
        contacts,
        choices,
        known: BTreeMap::new(),
        opportunities: BTreeMap::new(),
        duplicates: BTreeMap::new(),
    };
    let slots: BTreeSet<Slot> = targets
        .iter()
        .map(|(k, c)| (k.clone(), Record::contact(*c)))
        .collect();
    known_entries(odoo, store, PARTNER, &slots, None, &mut lookups).await?;
    if file_on_opportunity {
        let contacts: BTreeSet<OdooId> = targets.iter().map(|(_, c)| *c).collect();
        lookups.opportunities = opportunities_of(odoo, &contacts).await?;
        let leads = lead_slots(&targets, &lookups.opportunities);
        let ids: Vec<i64> = leads.iter().map(|(_, r)| r.id.0).collect();
        known_entries(odoo, store, LEAD, &leads, Some(&ids), &mut lookups).await?;
    }
    Ok(lookups)
}

/// (mail, opportunity) for each target contact with exactly one open opportunity.
fn lead_slots(
    targets: &BTreeSet<(MailKey, OdooId)>,
    opportunities: &BTreeMap<OdooId, Vec<OdooId>>,
) -> BTreeSet<Slot> {
    targets
        .iter()
        .filter_map(
            |(key, contact)| match opportunities.get(contact)?.as_slice() {
                [lead] => Some((key.clone(), Record::opportunity(*lead))),
                _ => None,
            },
        )
        .collect()
}

/// What the journal settled for `slots` (all on `model` records); the rest is asked of Odoo in
/// one `search_read`.
async fn known_entries(
    odoo: &impl OdooSide,
    store: &Store,
    model: &'static str,
    slots: &BTreeSet<Slot>,
    ids: Option<&[i64]>,
    lookups: &mut Lookups,
) -> Result<(), PageError> {
    let known = &mut lookups.known;
    let mut ask: BTreeSet<&str> = BTreeSet::new();
    let mut interrupted: BTreeSet<&Slot> = BTreeSet::new();
    for slot in slots {
        let entry = store.journal_find(Job::Mail, slot.0.as_str(), OP_FILE, &slot.1.target())?;
        let message = |e: &crate::store::JournalEntry| e.odoo.as_ref().map_or(OdooId(0), |o| o.id);
        match entry {
            // settled before: nothing to do
            Some(e) if matches!(e.state, JournalState::Confirmed | JournalState::Removed) => {
                known.insert(slot.clone(), Known::Settled(message(&e)));
            }
            // posted, not yet read back: read it back with this page
            Some(e) if e.state == JournalState::Written => {
                known.insert(slot.clone(), Known::Written(message(&e)));
            }
            // an intent a crash left open: Odoo tells whether our post happened
            Some(e) if e.state == JournalState::Intent => {
                interrupted.insert(slot);
                ask.insert(slot.0.as_str());
            }
            // new or failed: Odoo tells whether it is there (e.g. a colleague filed it)
            _ => {
                ask.insert(slot.0.as_str());
            }
        }
    }
    if ask.is_empty() {
        return Ok(());
    }
    let keys: Vec<&str> = ask.into_iter().collect();
    for entry in odoo.entries(model, &keys, ids).await? {
        let slot = (MailKey(entry.key), entry.record);
        // NOTE: ascending ids, so the first one seen is the lowest (the survivor).
        match known.get(&slot) {
            // NOTE: our post went through before the crash: read it back as a written one
            // (the read-back removes a colleague's copy posted at the same moment)
            None if interrupted.contains(&slot) => {
                known.insert(slot, Known::Written(entry.id));
            }
            None => {
                known.insert(slot, Known::Odoo(entry.id));
            }
            Some(Known::Odoo(_)) => lookups.duplicates.entry(slot).or_default().push(entry.id),
            Some(_) => {}
        }
    }
    Ok(())
}

/// Each contact's open opportunities: those on its commercial partner (its company) or any of
/// that company's people (FACTS 40, 43 — in Odoo's own demo data they sit on the companies). One
/// lookup of the contacts' companies, one `crm.lead` lookup, and one more of the companies of
/// leads on people the first lookup did not cover.
async fn opportunities_of(
    odoo: &impl OdooSide,
    contacts: &BTreeSet<OdooId>,
) -> Result<BTreeMap<OdooId, Vec<OdooId>>, OdooError> {
    if contacts.is_empty() {
        return Ok(BTreeMap::new());
    }
    let ids: Vec<i64> = contacts.iter().map(|c| c.0).collect();
    let mut company_of = odoo.commercial_partners(&ids).await?;
    let companies: BTreeSet<i64> = company_of.values().map(|c| c.0).collect();
    let companies: Vec<i64> = companies.into_iter().collect();
    let leads = odoo.open_opportunities(&companies).await?;
    // a company is its own commercial partner
    for company in &companies {
        company_of
            .entry(OdooId(*company))
            .or_insert(OdooId(*company));
    }
    let unknown: Vec<i64> = leads
        .iter()
        .filter(|(_, partner)| !company_of.contains_key(partner))
        .map(|(_, partner)| partner.0)
        .collect();
    if !unknown.is_empty() {
        company_of.extend(odoo.commercial_partners(&unknown).await?);
    }
    Ok(super::plan::opportunities_by_contact(
        &leads,
        &company_of,
        contacts,
    ))
}
