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
    plan,
};
use super::remote::{AddressBook, ContactWrite, OdooAddresses, WriteResult};
use super::selection::{Candidate, SelectionOptions, select};
use crate::graph::contacts::ContactChange;
use crate::graph::messages::{DeltaCursor, DeltaFrom};
use crate::model::{ItemOutcome, Job, OdooId};
use crate::odoo::contacts::PartnerRow;
use crate::store::{Cursor, Store, StoreError};

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
}

/// Errors that stop a contacts run.
#[derive(Debug, thiserror::Error)]
pub enum ContactsRunError {
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Runs the contacts job once.
pub async fn run(
    book: &impl AddressBook,
    odoo: &impl OdooAddresses,
    store: &Store,
    options: &ContactsOptions,
) -> Result<ContactsReport, ContactsRunError> {
    let mut report = ContactsReport {
        dry_run: options.dry_run,
        ..ContactsReport::default()
    };
    let links = store.contact_links()?;
    let cursor = store.cursor(Job::Contacts, &options.folder)?;
    let Some((outlook, delta_link)) =
        read_outlook(book, options, &links, &cursor, &mut report).await
    else {
        return Ok(report);
    };
    let found = if links.is_empty() && !options.folder.is_empty() {
        // NOTE: a failed search for our contacts must not become creates: they would duplicate
        match book.ours(&options.folder).await {
            Ok(found) => found,
            Err(e) => {
                report.incomplete.push(format!("Outlook contacts: {e}"));
                return Ok(report);
            }
        }
    } else {
        BTreeMap::new()
    };
    let since = cursor.as_ref().and_then(|c| c.odoo_since.clone());
    let Some((sides, names, newest)) = read_odoo(
        odoo,
        options,
        &links,
        &outlook,
        since.as_deref(),
        &mut report,
    )
    .await
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
        || (apply(book, store, options, &planned, &links, &mut report).await?
            && photos(book, odoo, store, options, &planned, &sides, &mut report).await?);
    tell(&planned, &names, &mut report, options.lang);
    if settled && !options.dry_run {
        store.save_cursor(&Cursor {
            job: Job::Contacts,
            scope: options.folder.clone(),
            graph_delta_link: delta_link,
            odoo_since: newest.or(since),
            last_full_scan: None,
        })?;
    }
    Ok(report)
}

type OutlookRead = (BTreeMap<String, OutlookSide>, Option<String>);

/// The folder's delta round: what happened in Outlook to the contacts we made.
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
    let ours: BTreeMap<&str, &ContactLink> =
        links.values().map(|l| (l.outlook_id.as_str(), l)).collect();
    let saved = cursor.as_ref().and_then(|c| c.graph_delta_link.clone());
    let mut round = DeltaCursor::new(saved.as_deref());
    let mut outlook = BTreeMap::new();
    while let Some(at) = round.next().map(|f| match f {
        DeltaFrom::Start => None,
        DeltaFrom::Link(l) => Some(l.to_owned()),
    }) {
        let from = at.as_deref().map_or(DeltaFrom::Start, DeltaFrom::Link);
        let page = match book.delta_page(&options.folder, from).await {
            Ok(page) => page,
            Err(e) => {
                report.incomplete.push(format!("Outlook contacts: {e}"));
                return None;
            }
        };
        let changes = match round.take(page) {
            Ok(changes) => changes,
            Err(e) => {
                report.incomplete.push(format!("Outlook contacts: {e}"));
                return None;
            }
        };
        for change in changes {
            note_change(change, &ours, &mut outlook);
        }
    }
    Some((outlook, round.end().map(|l| l.0)))
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
    BTreeMap<i64, String>,
    Option<String>,
);

/// The subscription and the contacts to plan: changed since the last run, new, ended, or
/// touched in Outlook (two reads when nothing changed; a third for image checksums).
async fn read_odoo(
    odoo: &impl OdooAddresses,
    options: &ContactsOptions,
    links: &BTreeMap<i64, ContactLink>,
    outlook: &BTreeMap<String, OutlookSide>,
    since: Option<&str>,
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
    let linked: BTreeSet<i64> = links.keys().copied().collect();
    let touched: BTreeSet<i64> = links
        .iter()
        .filter(|(_, l)| outlook.contains_key(&l.outlook_id))
        .map(|(p, _)| *p)
        .collect();
    let subscribed: BTreeSet<i64> = followed.union(&customers).copied().collect();
    let ids: Vec<i64> = subscribed.union(&linked).copied().collect();
    let always: Vec<i64> = subscribed
        .difference(&linked)
        .chain(linked.difference(&subscribed))
        .chain(touched.iter())
        .copied()
        .collect();
    let rows = match odoo.read(&ids, since, &always).await {
        Ok(rows) => rows,
        Err(e) => return failed(report, e),
    };
    let photos = if options.plan.photos && !rows.is_empty() {
        let read: Vec<i64> = rows.iter().map(|r| r.partner.id).collect();
        odoo.image_checksums(&read).await.unwrap_or_default()
    } else {
        BTreeMap::new()
    };
    let newest = rows.iter().map(|r| r.write_date.clone()).max();
    let mut sides = BTreeMap::new();
    let mut names = BTreeMap::new();
    for row in &rows {
        let side = side_of(row, &followed, &customers, &photos, options);
        names.insert(row.partner.id, row.partner.name.clone());
        sides.insert(row.partner.id, side);
    }
    // linked contacts Odoo no longer has (deleted): their subscription ended
    for partner in linked.difference(&subscribed) {
        sides.entry(*partner).or_insert(OdooSide {
            selection: super::selection::Selection::NotSubscribed,
            body: None,
            photo: None,
        });
    }
    Some((sides, names, newest))
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
    let mut settled = true;
    for (action, result) in writing.iter().zip(results) {
        settled &= settle(store, action, result, links, report, options.lang)?;
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
    report: &mut ContactsReport,
    lang: crate::language::Language,
) -> Result<bool, ContactsRunError> {
    match (result, &action.kind) {
        (Ok(_), ActionKind::Delete) => store.forget_contact_link(action.partner)?,
        (Ok((id, change_key)), _) => {
            let link = ContactLink {
                outlook_id: id,
                change_key,
                body_hash: action.body.as_ref().map(body_hash).unwrap_or_default(),
                photo: links.get(&action.partner).and_then(|l| l.photo.clone()),
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
    names: &BTreeMap<i64, String>,
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
        if matches!(verdict, Verdict::NotExported(_)) {
            continue;
        }
        let text = notes::verdict(verdict, mapping_notes, lang);
        report.contacts.push(ContactOutcome {
            partner: *partner,
            name: names.get(partner).cloned().unwrap_or_default(),
            outcome,
            verdict: text,
        });
    }
}
