//! One contacts run: Outlook's delta of the target folder (edits and deletions of our
//! contacts), Odoo's followed contacts and those changed since the last run, the pure plan,
//! the writes in `$batch`es, the links and cursors saved, a report. A run with nothing new is
//! one Graph request (the delta) and two Odoo requests (followers, changed contacts).
//!
//! Odoo's cursor (`write_date` of the newest contact read) and Outlook's delta link are saved
//! only when every write settled, so a failed write is planned again by the next run.

use std::collections::{BTreeMap, BTreeSet};

use super::mapping::{MappingOptions, body_hash, contact_body};
use super::notes;
use super::plan::{
    Action, ActionKind, ContactLink, OdooSide, OutlookSide, Plan, PlanInput, PlanOptions, Verdict,
    differing, plan,
};
use super::remote::{AddressBook, ContactWrite, OdooAddresses, WriteResult};
use super::selection::{Candidate, Selection, SelectionOptions, select};
use crate::crash_points::{CrashPoints, KillAtPlannedSteps};
use crate::graph::contacts::ContactChange;
use crate::graph::error::{GraphError, GraphErrorKind};
use crate::graph::messages::{DeltaCursor, DeltaFrom};
use crate::model::{ItemOutcome, Job, OdooId};
use crate::odoo::contacts::{ChangedSince, PartnerRow};
use crate::store::{Cursor, JournalIntent, JournalNote, JournalState, Store, StoreError};

/// The contacts job's options for one run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactsOptions {
    /// The target folder's id (empty: the main Contacts folder of an address book that has no
    /// contact yet, whose id cannot be read).
    pub folder: String,
    /// The person's partner (whose follows count) and user (whose customers may count).
    pub own_partner: OdooId,
    /// The person's Odoo user.
    pub own_user: OdooId,
    /// Which contacts.
    pub selection: SelectionOptions,
    /// How they look in Outlook.
    pub mapping: MappingOptions,
    /// What happens at the end of a subscription; photos.
    pub plan: PlanOptions,
    /// A preview: plan and report, write nothing.
    pub dry_run: bool,
    /// The person's language.
    pub lang: crate::language::Language,
}

impl ContactsOptions {
    /// What the options that shape the contacts come to: when it changes, every contact is
    /// read again.
    pub fn fingerprint(&self) -> String {
        let shaping = format!(
            "{:?}|{:?}|{}",
            self.selection, self.mapping, self.plan.photos
        );
        let digest = <sha2::Sha256 as sha2::Digest>::digest(shaping.as_bytes());
        format!("{digest:x}")[..16].to_owned()
    }
}

/// What happened to one contact.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ContactOutcome {
    /// The Odoo contact.
    pub partner: i64,
    /// Its name.
    pub name: String,
    /// The outcome.
    pub outcome: ItemOutcome,
    /// What happened, for the run log.
    pub verdict: String,
}

/// A contacts run's report.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct ContactsReport {
    /// A preview.
    pub dry_run: bool,
    /// Per contact that something happened to.
    pub contacts: Vec<ContactOutcome>,
    /// What a rerun must pick up.
    pub incomplete: Vec<String>,
    /// The target folder is gone (deleted in Outlook): look its id up again.
    #[serde(skip)]
    pub folder_missing: bool,
    /// The main folder's id, learned from the first contacts created into an empty address
    /// book.
    #[serde(skip)]
    pub folder_learned: Option<String>,
}

/// Errors that stop a contacts run.
#[derive(Debug, thiserror::Error)]
pub enum ContactsRunError {
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A test's crash point stopped the run, as a kill would.
    #[error("stopped at a crash point")]
    Crashed,
}

/// Runs the contacts job once.
pub async fn run(
    book: &impl AddressBook,
    odoo: &impl OdooAddresses,
    store: &Store,
    options: &ContactsOptions,
) -> Result<ContactsReport, ContactsRunError> {
    run_with_crash_points(book, odoo, store, options, &KillAtPlannedSteps).await
}

/// [`run`] with the given crash points (`contacts:intent` before the creates are sent,
/// `contacts:written` after Outlook made them, before their links are saved).
pub async fn run_with_crash_points(
    book: &impl AddressBook,
    odoo: &impl OdooAddresses,
    store: &Store,
    options: &ContactsOptions,
    crash: &dyn CrashPoints,
) -> Result<ContactsReport, ContactsRunError> {
    let mut report = ContactsReport {
        dry_run: options.dry_run,
        ..ContactsReport::default()
    };
    let mut links = store.contact_links()?;
    if !move_out(book, store, options, &mut links, &mut report).await? {
        return Ok(report);
    }
    let cursor = store.cursor(Job::Contacts, &options.folder)?;
    let Some((outlook, delta_link)) =
        read_outlook(book, options, &links, &cursor, &mut report).await
    else {
        return Ok(report);
    };
    let Some(found) = find_ours(book, store, options, &links, &mut report).await? else {
        return Ok(report);
    };
    // NOTE: changed options (salutations, photos, which contacts…) move no write_date in
    // Odoo: they read every contact again, and the body hashes decide what is written
    let since = cursor
        .as_ref()
        .and_then(|c| c.odoo_since.as_deref())
        .map(ChangedSince::parse)
        .filter(|s| s.options == options.fingerprint());
    let Some((sides, names, newest)) =
        read_odoo(odoo, options, &links, &outlook, since.as_ref(), &mut report).await
    else {
        return Ok(report);
    };
    let found = relinkable(&found, &options.mapping.db);
    let planned = plan(PlanInput {
        odoo: &sides,
        links: &links,
        outlook: &outlook,
        found: &found,
        options: options.plan,
    });
    let settled = options.dry_run
        || (apply(book, store, options, &planned, &links, crash, &mut report).await?
            && photos(book, odoo, store, options, &planned, &sides, &mut report).await?);
    if !options.dry_run {
        settle_journal(store)?;
    }
    tell(&planned, &names, &mut report, options.lang);
    if settled && !options.dry_run {
        let read = Read {
            delta_link,
            newest,
            sides,
        };
        save_progress(book, store, options, &planned, read, &mut report).await?;
    }
    Ok(report)
}

/// What a run read, for the cursor it leaves.
struct Read {
    delta_link: Option<String>,
    newest: Option<ChangedSince>,
    sides: BTreeMap<i64, OdooSide>,
}

/// Once every write settled: the folder learned, Outlook's delta read on past our own writes,
/// and the cursor saved for the next run.
async fn save_progress(
    book: &impl AddressBook,
    store: &Store,
    options: &ContactsOptions,
    planned: &Plan,
    read: Read,
    report: &mut ContactsReport,
) -> Result<(), ContactsRunError> {
    let folder = learn_folder(book, store, options, report).await?;
    let wrote = planned.actions.iter().any(|a| {
        matches!(
            a.kind,
            ActionKind::Create | ActionKind::Update | ActionKind::Delete | ActionKind::Photo
        )
    });
    let delta_link = if wrote {
        let from = read.delta_link.filter(|_| report.folder_learned.is_none());
        catch_up(book, store, &folder, &read.sides, from).await?
    } else {
        read.delta_link
    };
    store.save_cursor(&Cursor {
        job: Job::Contacts,
        scope: folder,
        graph_delta_link: delta_link,
        odoo_since: read.newest.map(|n| {
            ChangedSince {
                options: options.fingerprint(),
                ..n
            }
            .to_saved()
        }),
        last_full_scan: None,
    })?;
    Ok(())
}

/// The folder the run wrote into: the target, or for an address book that had no contact the
/// main folder its first created contact is in (its links learn it).
async fn learn_folder(
    book: &impl AddressBook,
    store: &Store,
    options: &ContactsOptions,
    report: &mut ContactsReport,
) -> Result<String, ContactsRunError> {
    if !options.folder.is_empty() {
        return Ok(options.folder.clone());
    }
    let links = store.contact_links()?;
    let Some(unplaced) = links.values().find(|l| l.folder.is_empty()) else {
        return Ok(String::new());
    };
    match book.folder_of(&unplaced.outlook_id).await {
        Ok(folder) if !folder.is_empty() => {
            store.claim_unplaced_contact_links(&folder)?;
            report.folder_learned = Some(folder.clone());
            Ok(folder)
        }
        _ => Ok(String::new()),
    }
}

/// After writing: the folder's delta read on past our own writes, so the next run with nothing
/// new is one request instead of the echo of every contact written. A change key our photo
/// upload moved is remembered where the fields are still ours. Anything else (an edit or a
/// deletion in Outlook meanwhile) keeps the link from before the writes: the next run sees it.
async fn catch_up(
    book: &impl AddressBook,
    store: &Store,
    folder: &str,
    sides: &BTreeMap<i64, OdooSide>,
    before: Option<String>,
) -> Result<Option<String>, ContactsRunError> {
    if folder.is_empty() {
        return Ok(before);
    }
    let Ok((changes, after)) = delta_round(book, folder, before.as_deref()).await else {
        return Ok(before);
    };
    let links = store.contact_links()?;
    let ours: BTreeMap<&str, (i64, &ContactLink)> = links
        .iter()
        .map(|(p, l)| (l.outlook_id.as_str(), (*p, l)))
        .collect();
    let mut remember = Vec::new();
    for change in &changes {
        match change {
            ContactChange::Upsert {
                id,
                change_key,
                body,
            } => match ours.get(id.as_str()) {
                Some((_, link)) if link.change_key == *change_key => {}
                Some((partner, link)) => {
                    let written = sides.get(partner).and_then(|s| s.body.as_ref());
                    match written {
                        Some((ours_now, _)) if differing(ours_now, body).is_empty() => {
                            remember.push((*partner, (*link).clone(), change_key.clone()));
                        }
                        _ => return Ok(before),
                    }
                }
                None => {}
            },
            ContactChange::Removed { id } if ours.contains_key(id.as_str()) => return Ok(before),
            ContactChange::Removed { .. } => {}
        }
    }
    for (partner, mut link, change_key) in remember {
        link.change_key = change_key;
        store.save_contact_link(partner, &link)?;
    }
    Ok(after)
}

/// Contacts the job made in another folder (the folder option changed) leave it: deleted
/// there and forgotten, so this run creates them in the target folder. False when a deletion
/// failed (the run stops; the next one tries again).
async fn move_out(
    book: &impl AddressBook,
    store: &Store,
    options: &ContactsOptions,
    links: &mut BTreeMap<i64, ContactLink>,
    report: &mut ContactsReport,
) -> Result<bool, ContactsRunError> {
    let elsewhere: Vec<(i64, String)> = links
        .iter()
        .filter(|(_, l)| !l.folder.is_empty() && !options.folder.is_empty())
        .filter(|(_, l)| l.folder != options.folder)
        .map(|(p, l)| (*p, l.outlook_id.clone()))
        .collect();
    if elsewhere.is_empty() {
        return Ok(true);
    }
    if !options.dry_run {
        let writes: Vec<ContactWrite> = elsewhere
            .iter()
            .map(|(_, id)| ContactWrite::Delete(id.clone()))
            .collect();
        let results = match book.write(&options.folder, &writes).await {
            Ok(results) => results,
            Err(e) => {
                report.incomplete.push(format!("Outlook contacts: {e}"));
                return Ok(false);
            }
        };
        for ((partner, _), result) in elsewhere.iter().zip(results) {
            match result {
                // gone already is gone
                Ok(_) | Err((404, _)) => store.forget_contact_link(*partner)?,
                Err((status, message)) => {
                    report
                        .incomplete
                        .push(notes::refused(status, &message, options.lang));
                    return Ok(false);
                }
            }
        }
    }
    for (partner, _) in &elsewhere {
        links.remove(partner);
    }
    Ok(true)
}

/// Our contacts in the target folder by identity, looked for when no link is known (a
/// reinstall, a new computer, another folder) or when a create may have happened without its
/// link being saved (a crash between the two). None when the search failed (the run stops).
async fn find_ours(
    book: &impl AddressBook,
    store: &Store,
    options: &ContactsOptions,
    links: &BTreeMap<i64, ContactLink>,
    report: &mut ContactsReport,
) -> Result<Option<BTreeMap<String, String>>, ContactsRunError> {
    let unsure = !store
        .journal_in_states(Job::Contacts, &[JournalState::Intent])?
        .is_empty();
    if options.folder.is_empty() || !(links.is_empty() || unsure) {
        return Ok(Some(BTreeMap::new()));
    }
    // NOTE: a failed search for our contacts must not become creates: they would duplicate
    match book.ours(&options.folder).await {
        Ok(found) => Ok(Some(found)),
        Err(e) => {
            report.incomplete.push(format!("Outlook contacts: {e}"));
            Ok(None)
        }
    }
}

/// Creates journaled as intents are settled once the run is over: linked (created, or found
/// by identity) or not made (a later run creates them, journaled anew).
fn settle_journal(store: &Store) -> Result<(), ContactsRunError> {
    let open = store.journal_in_states(Job::Contacts, &[JournalState::Intent])?;
    if open.is_empty() {
        return Ok(());
    }
    let links = store.contact_links()?;
    for entry in open {
        let partner = entry.target.parse::<i64>().ok();
        let to = if partner.is_some_and(|p| links.contains_key(&p)) {
            JournalState::Confirmed
        } else {
            JournalState::Failed
        };
        store.journal_advance(entry.id, to, &JournalNote::default())?;
    }
    Ok(())
}

type OutlookRead = (BTreeMap<String, OutlookSide>, Option<String>);

/// The folder's delta round: what happened in Outlook to the contacts we made. An expired
/// delta link (410) reads the folder again from its start; a folder that is gone (404) is
/// reported so its id is looked up again.
async fn read_outlook(
    book: &impl AddressBook,
    options: &ContactsOptions,
    links: &BTreeMap<i64, ContactLink>,
    cursor: &Option<Cursor>,
    report: &mut ContactsReport,
) -> Option<OutlookRead> {
    if options.folder.is_empty() {
        // an empty address book: no folder id to read a delta of, nothing of ours in it yet
        return Some((BTreeMap::new(), None));
    }
    let saved = cursor.as_ref().and_then(|c| c.graph_delta_link.clone());
    let read = match delta_round(book, &options.folder, saved.as_deref()).await {
        Err(e) if e.kind == GraphErrorKind::ResyncRequired && saved.is_some() => {
            delta_round(book, &options.folder, None).await
        }
        other => other,
    };
    match read {
        Ok((changes, link)) => {
            let ours: BTreeMap<&str, &ContactLink> =
                links.values().map(|l| (l.outlook_id.as_str(), l)).collect();
            let mut outlook = BTreeMap::new();
            for change in changes {
                note_change(change, &ours, &mut outlook);
            }
            Some((outlook, link))
        }
        Err(e) => {
            report.folder_missing = e.kind == GraphErrorKind::NotFound;
            report.incomplete.push(format!("Outlook contacts: {e}"));
            None
        }
    }
}

/// One delta round of `folder` from `saved` (none: its start): the changes and the new link.
async fn delta_round(
    book: &impl AddressBook,
    folder: &str,
    saved: Option<&str>,
) -> Result<(Vec<ContactChange>, Option<String>), GraphError> {
    let mut round = DeltaCursor::new(saved);
    let mut changes = Vec::new();
    while let Some(at) = round.next().map(|f| match f {
        DeltaFrom::Start => None,
        DeltaFrom::Link(l) => Some(l.to_owned()),
    }) {
        let from = at.as_deref().map_or(DeltaFrom::Start, DeltaFrom::Link);
        let page = book.delta_page(folder, from).await?;
        changes.extend(round.take(page)?);
    }
    Ok((changes, round.end().map(|l| l.0)))
}

/// Keeps what happened to one of our contacts; the person's own contacts are not looked at.
fn note_change(
    change: ContactChange,
    ours: &BTreeMap<&str, &ContactLink>,
    outlook: &mut BTreeMap<String, OutlookSide>,
) {
    match change {
        ContactChange::Upsert {
            id,
            change_key,
            body,
        } => {
            if let Some(link) = ours.get(id.as_str())
                && link.change_key != change_key
            {
                outlook.insert(id, OutlookSide::Edited { change_key, body });
            }
        }
        ContactChange::Removed { id } => {
            if ours.contains_key(id.as_str()) {
                outlook.insert(id, OutlookSide::Removed);
            }
        }
    }
}

type OdooRead = (
    BTreeMap<i64, OdooSide>,
    BTreeMap<i64, (String, bool)>,
    Option<ChangedSince>,
);

/// The subscription and the contacts to plan: changed since the last run, new, ended, or
/// touched in Outlook (two reads when nothing changed; a third for image checksums).
async fn read_odoo(
    odoo: &impl OdooAddresses,
    options: &ContactsOptions,
    links: &BTreeMap<i64, ContactLink>,
    outlook: &BTreeMap<String, OutlookSide>,
    since: Option<&ChangedSince>,
    report: &mut ContactsReport,
) -> Option<OdooRead> {
    let failed = |report: &mut ContactsReport, e: crate::odoo::OdooError| {
        report.incomplete.push(format!("Odoo: {e}"));
        None
    };
    let followed: BTreeSet<i64> = match odoo.followed(options.own_partner).await {
        Ok(f) => f.into_iter().collect(),
        Err(e) => return failed(report, e),
    };
    let customers: BTreeSet<i64> = if options.selection.my_customers {
        match odoo.customers_of(options.own_user).await {
            Ok(c) => c.into_iter().collect(),
            Err(e) => return failed(report, e),
        }
    } else {
        BTreeSet::new()
    };
    let subscription = Subscription::new(followed, customers, links, outlook, since);
    let (ids, always) = subscription.to_read();
    let rows = match odoo.read(&ids, since, &always).await {
        Ok(rows) => rows,
        Err(e) => return failed(report, e),
    };
    let photos = if options.plan.photos && !rows.is_empty() {
        let read: Vec<i64> = rows.iter().map(|r| r.partner.id).collect();
        // NOTE: a failed read stops the run: planned without checksums, the photos would be
        // missed for good once the cursor moved past their contacts
        match odoo.image_checksums(&read).await {
            Ok(sums) => sums,
            Err(e) => return failed(report, e),
        }
    } else {
        BTreeMap::new()
    };
    Some(subscription.sides(&rows, &photos, options, since))
}

/// Who the person subscribes to this run, against what the job knows from before.
struct Subscription {
    followed: BTreeSet<i64>,
    customers: BTreeSet<i64>,
    subscribed: BTreeSet<i64>,
    linked: BTreeSet<i64>,
    touched: BTreeSet<i64>,
    /// Subscribed but left out by the last run (no address, a company…): read again only
    /// when they change, not on every run.
    left_out: BTreeSet<i64>,
}

impl Subscription {
    fn new(
        followed: BTreeSet<i64>,
        customers: BTreeSet<i64>,
        links: &BTreeMap<i64, ContactLink>,
        outlook: &BTreeMap<String, OutlookSide>,
        since: Option<&ChangedSince>,
    ) -> Subscription {
        Subscription {
            subscribed: followed.union(&customers).copied().collect(),
            followed,
            customers,
            linked: links.keys().copied().collect(),
            touched: links
                .iter()
                .filter(|(_, l)| outlook.contains_key(&l.outlook_id))
                .map(|(p, _)| *p)
                .collect(),
            left_out: since
                .map(|s| s.left_out.iter().copied().collect())
                .unwrap_or_default(),
        }
    }

    /// Every contact to look at, and those read whether or not they changed: new
    /// subscriptions, ended ones, and those touched in Outlook.
    fn to_read(&self) -> (Vec<i64>, Vec<i64>) {
        let ids = self.subscribed.union(&self.linked).copied().collect();
        let always = self
            .subscribed
            .difference(&self.linked)
            .filter(|p| !self.left_out.contains(p))
            .chain(self.linked.difference(&self.subscribed))
            .chain(self.touched.iter())
            .copied()
            .collect();
        (ids, always)
    }

    /// What Odoo says of each contact read, their names, and the cursor after them.
    fn sides(
        &self,
        rows: &[PartnerRow],
        photos: &BTreeMap<i64, String>,
        options: &ContactsOptions,
        since: Option<&ChangedSince>,
    ) -> OdooRead {
        let mut sides = BTreeMap::new();
        // partner → (name, followed and changed since the last run: a followed contact left
        // out says so once)
        let mut names = BTreeMap::new();
        for row in rows {
            let side = side_of(row, &self.followed, &self.customers, photos, options);
            let news = since.is_none_or(|s| s.is_news(row.partner.id, &row.write_date));
            let followed_news = news && self.followed.contains(&row.partner.id);
            names.insert(row.partner.id, (row.partner.name.clone(), followed_news));
            sides.insert(row.partner.id, side);
        }
        // linked contacts Odoo no longer has (deleted): their subscription ended
        for partner in self.linked.difference(&self.subscribed) {
            sides.entry(*partner).or_insert(OdooSide {
                selection: super::selection::Selection::NotSubscribed,
                body: None,
                photo: None,
            });
        }
        let left_out = self
            .subscribed
            .iter()
            .filter(|p| match sides.get(p) {
                Some(side) => !side.selection.exported(),
                None => self.left_out.contains(p),
            })
            .copied()
            .collect();
        let newest = ChangedSince::after(since, rows).map(|n| ChangedSince { left_out, ..n });
        (sides, names, newest)
    }
}

fn side_of(
    row: &PartnerRow,
    followed: &BTreeSet<i64>,
    customers: &BTreeSet<i64>,
    photos: &BTreeMap<i64, String>,
    options: &ContactsOptions,
) -> OdooSide {
    let p = &row.partner;
    let candidate = Candidate {
        id: p.id,
        followed: followed.contains(&p.id),
        salesperson: customers.contains(&p.id),
        created_by_me: row.created_by == Some(options.own_user),
        has_email: !crate::mail::address::split_email_field(&p.email).is_empty(),
        is_company: p.is_company,
        active: row.active,
    };
    let selection = select(&candidate, &options.selection);
    OdooSide {
        selection,
        body: selection
            .exported()
            .then(|| contact_body(p, &options.mapping)),
        photo: photos.get(&p.id).cloned(),
    }
}

/// Our contacts found in Outlook by identity, by partner id (only this database's).
fn relinkable(found: &BTreeMap<String, String>, db: &str) -> BTreeMap<i64, String> {
    found
        .iter()
        .filter_map(|(identity_value, outlook_id)| {
            let (their_db, id) = identity_value.rsplit_once(':')?;
            (their_db == db)
                .then(|| id.parse().ok())
                .flatten()
                .map(|id| (id, outlook_id.clone()))
        })
        .collect()
}

/// Uploads the photos the plan asks for (Odoo's image checksum moved), once the contacts
/// exist: one Odoo read of the pictures, one batch of uploads; true when all settled.
async fn photos(
    book: &impl AddressBook,
    odoo: &impl OdooAddresses,
    store: &Store,
    options: &ContactsOptions,
    planned: &Plan,
    sides: &BTreeMap<i64, OdooSide>,
    report: &mut ContactsReport,
) -> Result<bool, ContactsRunError> {
    let wanted: Vec<i64> = planned
        .actions
        .iter()
        .filter(|a| a.kind == ActionKind::Photo)
        .map(|a| a.partner)
        .collect();
    if wanted.is_empty() {
        return Ok(true);
    }
    let links = store.contact_links()?;
    let pictures = match odoo.images(&wanted).await {
        Ok(p) => p,
        Err(e) => {
            report.incomplete.push(format!("Odoo: {e}"));
            return Ok(false);
        }
    };
    let sending: Vec<(i64, ContactWrite)> = wanted
        .iter()
        .filter_map(|p| {
            let id = links.get(p)?.outlook_id.clone();
            let bytes = pictures.get(p)?.clone();
            Some((*p, ContactWrite::Photo { id, bytes }))
        })
        .collect();
    let writes: Vec<ContactWrite> = sending.iter().map(|(_, w)| w.clone()).collect();
    let results = match book.write(&options.folder, &writes).await {
        Ok(r) => r,
        Err(e) => {
            report.incomplete.push(format!("Outlook contacts: {e}"));
            return Ok(false);
        }
    };
    let mut settled = true;
    for ((partner, _), result) in sending.iter().zip(results) {
        match (result, links.get(partner)) {
            (Ok(_), Some(link)) => {
                let mut link = link.clone();
                link.photo = sides.get(partner).and_then(|s| s.photo.clone());
                store.save_contact_link(*partner, &link)?;
            }
            (Err((status, message)), _) => {
                settled = false;
                report
                    .incomplete
                    .push(notes::refused(status, &message, options.lang));
            }
            (Ok(_), None) => {}
        }
    }
    Ok(settled)
}

/// Writes the plan's creates, updates and deletions in batches and saves the links; true when
/// every write settled.
async fn apply(
    book: &impl AddressBook,
    store: &Store,
    options: &ContactsOptions,
    planned: &Plan,
    links: &BTreeMap<i64, ContactLink>,
    crash: &dyn CrashPoints,
    report: &mut ContactsReport,
) -> Result<bool, ContactsRunError> {
    let writing: Vec<&Action> = planned
        .actions
        .iter()
        .filter(|a| {
            matches!(
                a.kind,
                ActionKind::Create | ActionKind::Update | ActionKind::Delete
            )
        })
        .collect();
    let writes: Vec<ContactWrite> = writing.iter().filter_map(|a| write_of(a)).collect();
    journal_creates(store, options, &writing)?;
    if crash.reached("contacts:intent") {
        return Err(ContactsRunError::Crashed);
    }
    let results = if writes.is_empty() {
        Vec::new()
    } else {
        match book.write(&options.folder, &writes).await {
            Ok(results) => results,
            Err(e) => {
                report.incomplete.push(format!("Outlook contacts: {e}"));
                return Ok(false);
            }
        }
    };
    if crash.reached("contacts:written") {
        return Err(ContactsRunError::Crashed);
    }
    let mut settled = true;
    for (action, result) in writing.iter().zip(results) {
        settled &= settle(store, action, result, links, options, report)?;
    }
    for action in &planned.actions {
        match (&action.kind, links.get(&action.partner)) {
            (ActionKind::Forget, _) => store.forget_contact_link(action.partner)?,
            (ActionKind::Remember, Some(link)) => {
                let mut link = link.clone();
                link.change_key = action
                    .body
                    .as_ref()
                    .and_then(|k| k.as_str())
                    .unwrap_or_default()
                    .to_owned();
                store.save_contact_link(action.partner, &link)?;
            }
            _ => {}
        }
    }
    Ok(settled)
}

/// The intent to create, BEFORE Outlook is asked: a run that finds an intent left over looks
/// for the contact by its identity instead of creating it twice. One entry per run and contact
/// (the key carries the clock), so creating again what Outlook lost is a new intent.
fn journal_creates(
    store: &Store,
    options: &ContactsOptions,
    writing: &[&Action],
) -> Result<(), ContactsRunError> {
    let stamp = store.now().to_rfc3339();
    for action in writing.iter().filter(|a| a.kind == ActionKind::Create) {
        store.journal_intent(&JournalIntent {
            job: Job::Contacts,
            item_key: format!("{}:{} {stamp}", options.mapping.db, action.partner),
            operation: "create_contact".into(),
            target: action.partner.to_string(),
            remote_id: None,
        })?;
    }
    Ok(())
}

fn write_of(action: &Action) -> Option<ContactWrite> {
    match action.kind {
        ActionKind::Create => action.body.clone().map(ContactWrite::Create),
        ActionKind::Update => Some(ContactWrite::Update {
            id: action.outlook_id.clone()?,
            body: action.body.clone()?,
        }),
        ActionKind::Delete => action.outlook_id.clone().map(ContactWrite::Delete),
        _ => None,
    }
}

fn settle(
    store: &Store,
    action: &Action,
    result: WriteResult,
    links: &BTreeMap<i64, ContactLink>,
    options: &ContactsOptions,
    report: &mut ContactsReport,
) -> Result<bool, ContactsRunError> {
    let lang = options.lang;
    match (result, &action.kind) {
        (Ok(_), ActionKind::Delete) => store.forget_contact_link(action.partner)?,
        (Ok((id, change_key)), _) => {
            let link = ContactLink {
                outlook_id: id,
                change_key,
                body_hash: action.body.as_ref().map(body_hash).unwrap_or_default(),
                photo: links.get(&action.partner).and_then(|l| l.photo.clone()),
                folder: options.folder.clone(),
            };
            store.save_contact_link(action.partner, &link)?;
        }
        (Err((status, message)), _) => {
            report.contacts.push(ContactOutcome {
                partner: action.partner,
                name: String::new(),
                outcome: ItemOutcome::Failed,
                verdict: notes::refused(status, &message, lang),
            });
            return Ok(false);
        }
    }
    Ok(true)
}

/// The report's line per contact something happened to.
fn tell(
    planned: &Plan,
    names: &BTreeMap<i64, (String, bool)>,
    report: &mut ContactsReport,
    lang: crate::language::Language,
) {
    let failed: BTreeSet<i64> = report.contacts.iter().map(|c| c.partner).collect();
    for (partner, (verdict, mapping_notes)) in &planned.verdicts {
        if failed.contains(partner) {
            continue;
        }
        let outcome = match verdict {
            Verdict::Created | Verdict::CreatedAgain => ItemOutcome::Created,
            Verdict::Relinked => ItemOutcome::Linked,
            Verdict::Updated | Verdict::OverwroteOutlook { .. } => ItemOutcome::Updated,
            Verdict::Deleted => ItemOutcome::Deleted,
            Verdict::LeftAlone | Verdict::NotExported(_) => ItemOutcome::Skipped,
        };
        let (name, news) = names.get(partner).cloned().unwrap_or_default();
        // left out: said when it changed (or on the first run), not on every run
        let quiet = matches!(verdict, Verdict::NotExported(Selection::NotSubscribed));
        if matches!(verdict, Verdict::NotExported(_)) && (quiet || !news) {
            continue;
        }
        let text = notes::verdict(verdict, mapping_notes, lang);
        report.contacts.push(ContactOutcome {
            partner: *partner,
            name,
            outcome,
            verdict: text,
        });
    }
}
