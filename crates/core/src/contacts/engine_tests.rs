//! The contacts engine on in-memory seams: Odoo leads, a quiet run costs one Graph and two Odoo
//! reads, the person's own contacts are never touched, a reinstall relinks.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use serde_json::{Value, json};

use super::engine::{ContactsOptions, ContactsReport, run};
use super::mapping::{IDENTITY_PROPERTY, MappingOptions, OdooPartner};
use super::plan::PlanOptions;
use super::remote::{AddressBook, ContactWrite, OdooAddresses, WriteResult};
use super::selection::SelectionOptions;
use crate::clock::SystemClock;
use crate::graph::contacts::ContactChange;
use crate::graph::error::GraphError;
use crate::graph::messages::{DeltaFrom, DeltaLink, DeltaPage};
use crate::language::Language;
use crate::model::{ItemOutcome, OdooId};
use crate::odoo::OdooError;
use crate::odoo::contacts::{ChangedSince, PartnerRow};
use crate::store::Store;

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

/// An address book: contacts by id, and the log of changes its delta reports.
#[derive(Default)]
struct Book {
    /// The saved delta link expired (Graph answers 410).
    expired: std::sync::atomic::AtomicBool,
    contacts: Mutex<BTreeMap<String, Value>>,
    log: Mutex<Vec<String>>,
    next: AtomicUsize,
    requests: AtomicUsize,
}

impl Book {
    fn change(&self, id: &str, body: Option<Value>) {
        let mut contacts = lock(&self.contacts);
        match body {
            Some(mut b) => {
                let n = self.next.fetch_add(1, Ordering::SeqCst);
                b["id"] = json!(id);
                b["changeKey"] = json!(format!("ck{n}"));
                contacts.insert(id.to_owned(), b);
            }
            None => {
                contacts.remove(id);
            }
        }
        lock(&self.log).push(id.to_owned());
    }
}

impl AddressBook for Book {
    async fn delta_page(
        &self,
        _: &str,
        from: DeltaFrom<'_>,
    ) -> Result<DeltaPage<ContactChange>, GraphError> {
        self.requests.fetch_add(1, Ordering::SeqCst);
        let after: usize = match from {
            DeltaFrom::Start => 0,
            DeltaFrom::Link(_) if self.expired.swap(false, Ordering::SeqCst) => {
                return Err(GraphError::local(
                    crate::graph::error::GraphErrorKind::ResyncRequired,
                    "syncStateNotFound",
                    "the delta token expired",
                ));
            }
            DeltaFrom::Link(l) => l.parse().unwrap_or(0),
        };
        let log = lock(&self.log).clone();
        let contacts = lock(&self.contacts);
        let ids: std::collections::BTreeSet<&String> = log.iter().skip(after).collect();
        let changes = ids
            .into_iter()
            .map(|id| match contacts.get(id) {
                Some(c) => ContactChange::Upsert {
                    id: id.clone(),
                    change_key: c["changeKey"].as_str().unwrap_or_default().to_owned(),
                    body: c.clone(),
                },
                None => ContactChange::Removed { id: id.clone() },
            })
            .collect();
        Ok(DeltaPage::Last {
            changes,
            delta_link: DeltaLink(log.len().to_string()),
        })
    }

    async fn ours(&self, folder: &str) -> Result<BTreeMap<String, String>, GraphError> {
        self.requests.fetch_add(1, Ordering::SeqCst);
        let contacts = lock(&self.contacts);
        Ok(contacts
            .iter()
            .filter(|(_, c)| c["parentFolderId"] == folder)
            .filter_map(|(id, c)| {
                let p = c["singleValueExtendedProperties"]
                    .as_array()?
                    .iter()
                    .find(|p| p["id"] == IDENTITY_PROPERTY)?;
                Some((p["value"].as_str()?.to_owned(), id.clone()))
            })
            .collect())
    }

    async fn folder_of(&self, id: &str) -> Result<String, GraphError> {
        self.requests.fetch_add(1, Ordering::SeqCst);
        Ok(lock(&self.contacts)
            .get(id)
            .and_then(|c| c["parentFolderId"].as_str())
            .unwrap_or_default()
            .to_owned())
    }

    async fn write(
        &self,
        folder: &str,
        writes: &[ContactWrite],
    ) -> Result<Vec<WriteResult>, GraphError> {
        self.requests
            .fetch_add(writes.len().div_ceil(20), Ordering::SeqCst);
        Ok(writes
            .iter()
            .map(|w| {
                let id = match w {
                    ContactWrite::Create(body) => {
                        let id = format!("C{}", self.next.fetch_add(1, Ordering::SeqCst));
                        let mut body = body.clone();
                        body["parentFolderId"] = json!(folder);
                        self.change(&id, Some(body));
                        id
                    }
                    ContactWrite::Update { id, body } => {
                        let mut body = body.clone();
                        body["parentFolderId"] = lock(&self.contacts)
                            .get(id)
                            .map_or(json!(folder), |c| c["parentFolderId"].clone());
                        self.change(id, Some(body));
                        id.clone()
                    }
                    ContactWrite::Delete(id) => {
                        self.change(id, None);
                        id.clone()
                    }
                    ContactWrite::Photo { id, .. } => id.clone(),
                };
                let key = lock(&self.contacts)
                    .get(&id)
                    .map(|c| c["changeKey"].as_str().unwrap_or_default().to_owned());
                Ok((id, key.unwrap_or_default()))
            })
            .collect())
    }
}

#[derive(Default)]
struct Odoo {
    partners: Mutex<BTreeMap<i64, (PartnerRow, bool)>>,
    clock: AtomicUsize,
    requests: AtomicUsize,
    /// Contacts the reads answered.
    rows: AtomicUsize,
}

impl Odoo {
    fn put(&self, id: i64, name: &str, email: &str, followed: bool) {
        let n = self.clock.fetch_add(1, Ordering::SeqCst);
        let row = PartnerRow {
            tags: Vec::new(),
            title: None,
            partner: OdooPartner {
                id,
                name: name.into(),
                email: email.into(),
                ..OdooPartner::default()
            },
            user: None,
            created_by: None,
            write_date: format!("2026-12-04 08:{:02}:00", n),
            active: true,
        };
        lock(&self.partners).insert(id, (row, followed));
    }
}

impl OdooAddresses for Odoo {
    async fn followed(&self, _: OdooId) -> Result<Vec<i64>, OdooError> {
        self.requests.fetch_add(1, Ordering::SeqCst);
        Ok(lock(&self.partners)
            .iter()
            .filter(|(_, (_, f))| *f)
            .map(|(id, _)| *id)
            .collect())
    }

    async fn customers_of(&self, _: OdooId) -> Result<Vec<i64>, OdooError> {
        self.requests.fetch_add(1, Ordering::SeqCst);
        Ok(Vec::new())
    }

    async fn read(
        &self,
        ids: &[i64],
        since: Option<&ChangedSince>,
        always: &[i64],
    ) -> Result<Vec<PartnerRow>, OdooError> {
        self.requests.fetch_add(1, Ordering::SeqCst);
        let rows: Vec<PartnerRow> = lock(&self.partners)
            .values()
            .filter(|(r, _)| ids.contains(&r.partner.id))
            .filter(|(r, _)| {
                since.is_none_or(|s| {
                    r.write_date > s.write_date
                        || (r.write_date == s.write_date && !s.read.contains(&r.partner.id))
                }) || always.contains(&r.partner.id)
            })
            .map(|(r, _)| r.clone())
            .collect();
        self.rows.fetch_add(rows.len(), Ordering::SeqCst);
        Ok(rows)
    }

    async fn image_checksums(&self, _: &[i64]) -> Result<BTreeMap<i64, String>, OdooError> {
        self.requests.fetch_add(1, Ordering::SeqCst);
        Ok(BTreeMap::new())
    }

    async fn images(&self, _: &[i64]) -> Result<BTreeMap<i64, Vec<u8>>, OdooError> {
        self.requests.fetch_add(1, Ordering::SeqCst);
        Ok(BTreeMap::new())
    }
}

fn options(delete: bool) -> ContactsOptions {
    ContactsOptions {
        folder: "F".into(),
        own_partner: OdooId(3),
        own_user: OdooId(2),
        selection: SelectionOptions::default(),
        mapping: MappingOptions {
            salutations: true,
            categories: false,
            backlink: false,
            odoo_url: "https://erp.example".into(),
            odoo_version: "17.0".into(),
            db: "demo".into(),
        },
        plan: PlanOptions {
            delete_on_unsubscribe: delete,
            photos: false,
        },
        dry_run: false,
        lang: Language::En,
    }
}

fn sync(book: &Book, odoo: &Odoo, store: &Store, options: &ContactsOptions) -> ContactsReport {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    runtime
        .block_on(run(book, odoo, store, options))
        .unwrap_or_else(|e| panic!("{e}"))
}

fn outcomes(r: &ContactsReport) -> Vec<(i64, ItemOutcome)> {
    r.contacts.iter().map(|c| (c.partner, c.outcome)).collect()
}

#[test]
fn followed_contacts_arrive_a_quiet_run_is_cheap_and_odoo_leads_over_outlook_edits() {
    let (book, odoo) = (Book::default(), Odoo::default());
    let store = Store::open_in_memory(Arc::new(SystemClock)).expect("store");
    book.change("OWN", Some(json!({"displayName": "Meine Mutter"})));
    odoo.put(1, "Anna Schmidt", "anna@x.example", true);
    odoo.put(2, "Bernd Ohne", "", true);
    odoo.put(3, "Carla Fremd", "carla@x.example", false);
    let first = sync(&book, &odoo, &store, &options(false));
    assert_eq!(
        outcomes(&first),
        [(1, ItemOutcome::Created), (2, ItemOutcome::Skipped)],
        "Bernd is followed but has no address: {first:?}"
    );

    let (g, o, rows) = (
        book.requests.load(Ordering::SeqCst),
        odoo.requests.load(Ordering::SeqCst),
        odoo.rows.load(Ordering::SeqCst),
    );
    let quiet = sync(&book, &odoo, &store, &options(false));
    assert!(quiet.contacts.is_empty(), "{quiet:?}");
    assert_eq!(
        odoo.rows.load(Ordering::SeqCst) - rows,
        0,
        "nothing read, not even Bernd whom the last run left out"
    );
    assert_eq!(
        book.requests.load(Ordering::SeqCst) - g,
        1,
        "one delta request"
    );
    assert_eq!(
        odoo.requests.load(Ordering::SeqCst) - o,
        2,
        "followers and changed contacts"
    );

    let id = lock(&book.contacts)
        .keys()
        .find(|k| *k != "OWN")
        .cloned()
        .expect("exported");
    let mut edited = lock(&book.contacts)[&id].clone();
    edited["displayName"] = json!("Anna S.");
    book.change(&id, Some(edited));
    let back = sync(&book, &odoo, &store, &options(false));
    assert_eq!(outcomes(&back), [(1, ItemOutcome::Updated)]);
    assert!(
        back.contacts[0].verdict.contains("displayName"),
        "{}",
        back.contacts[0].verdict
    );
    assert_eq!(lock(&book.contacts)[&id]["displayName"], "Anna Schmidt");
    assert_eq!(
        lock(&book.contacts)["OWN"]["displayName"],
        "Meine Mutter",
        "the person's own stays"
    );
}

#[test]
fn an_unfollowed_contact_is_deleted_only_with_the_option_and_a_deleted_one_comes_back() {
    let (book, odoo) = (Book::default(), Odoo::default());
    let store = Store::open_in_memory(Arc::new(SystemClock)).expect("store");
    odoo.put(1, "Anna Schmidt", "anna@x.example", true);
    odoo.put(2, "Dora Weg", "dora@x.example", true);
    sync(&book, &odoo, &store, &options(true));
    let dora = store.contact_links().expect("links")[&2].outlook_id.clone();
    let anna = store.contact_links().expect("links")[&1].outlook_id.clone();
    book.change(&anna, None);
    odoo.put(2, "Dora Weg", "dora@x.example", false);
    let run = sync(&book, &odoo, &store, &options(true));
    assert_eq!(
        outcomes(&run),
        [(1, ItemOutcome::Created), (2, ItemOutcome::Deleted)]
    );
    assert!(!lock(&book.contacts).contains_key(&dora));
}

#[test]
fn a_reinstall_finds_its_contacts_by_their_identity_instead_of_duplicating() {
    let (book, odoo) = (Book::default(), Odoo::default());
    odoo.put(1, "Anna Schmidt", "anna@x.example", true);
    let first = Store::open_in_memory(Arc::new(SystemClock)).expect("store");
    sync(&book, &odoo, &first, &options(false));
    let fresh = Store::open_in_memory(Arc::new(SystemClock)).expect("a new computer");
    let again = sync(&book, &odoo, &fresh, &options(false));
    assert_eq!(outcomes(&again), [(1, ItemOutcome::Linked)]);
    assert_eq!(lock(&book.contacts).len(), 1);
}

/// Stops the run once at the named step, as a kill would.
struct CrashAt(&'static str, std::sync::atomic::AtomicBool);

impl crate::crash_points::CrashPoints for CrashAt {
    fn reached(&self, step: &'static str) -> bool {
        step == self.0 && !self.1.swap(true, Ordering::SeqCst)
    }
}

fn crash_at(
    step: &'static str,
    book: &Book,
    odoo: &Odoo,
    store: &Store,
    options: &ContactsOptions,
) {
    let crash = CrashAt(step, std::sync::atomic::AtomicBool::new(false));
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    let stopped = runtime.block_on(super::engine::run_with_crash_points(
        book, odoo, store, options, &crash,
    ));
    assert!(
        matches!(stopped, Err(super::engine::ContactsRunError::Crashed)),
        "{stopped:?}"
    );
}

#[test]
fn a_crash_between_outlooks_create_and_the_link_leaves_no_duplicate() {
    let (book, odoo) = (Book::default(), Odoo::default());
    let store = Store::open_in_memory(Arc::new(SystemClock)).expect("store");
    odoo.put(1, "Anna Schmidt", "anna@x.example", true);
    sync(&book, &odoo, &store, &options(false));
    odoo.put(2, "Dora Neu", "dora@x.example", true);

    crash_at("contacts:written", &book, &odoo, &store, &options(false));
    assert_eq!(lock(&book.contacts).len(), 2, "Outlook made Dora");
    assert!(!store.contact_links().expect("links").contains_key(&2));

    let after = sync(&book, &odoo, &store, &options(false));
    assert_eq!(outcomes(&after), [(2, ItemOutcome::Linked)], "{after:?}");
    assert_eq!(lock(&book.contacts).len(), 2, "not created twice");
    let settled = store
        .journal_in_states(
            crate::model::Job::Contacts,
            &[crate::store::JournalState::Intent],
        )
        .expect("journal");
    assert!(settled.is_empty(), "{settled:?}");

    // a crash before Outlook was asked: the next run creates it, once
    odoo.put(3, "Emil Später", "emil@x.example", true);
    crash_at("contacts:intent", &book, &odoo, &store, &options(false));
    assert_eq!(lock(&book.contacts).len(), 2);
    let again = sync(&book, &odoo, &store, &options(false));
    assert_eq!(outcomes(&again), [(3, ItemOutcome::Created)]);
    assert_eq!(lock(&book.contacts).len(), 3);
    let quiet = sync(&book, &odoo, &store, &options(false));
    assert!(quiet.contacts.is_empty(), "{quiet:?}");
}

#[test]
fn another_target_folder_moves_our_contacts_and_leaves_the_persons_own() {
    let (book, odoo) = (Book::default(), Odoo::default());
    let store = Store::open_in_memory(Arc::new(SystemClock)).expect("store");
    book.change(
        "OWN",
        Some(json!({"displayName": "Meine Mutter", "parentFolderId": "F"})),
    );
    odoo.put(1, "Anna Schmidt", "anna@x.example", true);
    odoo.put(2, "Dora Weg", "dora@x.example", true);
    sync(&book, &odoo, &store, &options(false));
    let in_odoo = ContactsOptions {
        folder: "ODOO".into(),
        ..options(false)
    };
    let moved = sync(&book, &odoo, &store, &in_odoo);
    assert_eq!(
        outcomes(&moved),
        [(1, ItemOutcome::Created), (2, ItemOutcome::Created)]
    );
    let folders: Vec<(String, String)> = lock(&book.contacts)
        .values()
        .map(|c| {
            (
                c["displayName"].as_str().unwrap_or_default().to_owned(),
                c["parentFolderId"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        folders,
        [
            ("Anna Schmidt".to_owned(), "ODOO".to_owned()),
            ("Dora Weg".to_owned(), "ODOO".to_owned()),
            ("Meine Mutter".to_owned(), "F".to_owned())
        ]
    );
    assert!(sync(&book, &odoo, &store, &in_odoo).contacts.is_empty());
}

#[test]
fn an_expired_delta_link_reads_the_folder_again_and_still_sees_an_outlook_edit() {
    let (book, odoo) = (Book::default(), Odoo::default());
    let store = Store::open_in_memory(Arc::new(SystemClock)).expect("store");
    odoo.put(1, "Anna Schmidt", "anna@x.example", true);
    sync(&book, &odoo, &store, &options(false));
    let id = store.contact_links().expect("links")[&1].outlook_id.clone();
    let mut edited = lock(&book.contacts)[&id].clone();
    edited["displayName"] = json!("Anna S.");
    book.change(&id, Some(edited));
    book.expired.store(true, Ordering::SeqCst);
    let run = sync(&book, &odoo, &store, &options(false));
    assert_eq!(outcomes(&run), [(1, ItemOutcome::Updated)], "{run:?}");
    assert!(run.incomplete.is_empty(), "{run:?}");
    assert_eq!(lock(&book.contacts)[&id]["displayName"], "Anna Schmidt");
}

#[test]
fn a_contact_left_out_arrives_once_it_gets_an_address() {
    let (book, odoo) = (Book::default(), Odoo::default());
    let store = Store::open_in_memory(Arc::new(SystemClock)).expect("store");
    odoo.put(2, "Bernd Ohne", "", true);
    let first = sync(&book, &odoo, &store, &options(false));
    assert_eq!(outcomes(&first), [(2, ItemOutcome::Skipped)]);
    assert!(
        sync(&book, &odoo, &store, &options(false))
            .contacts
            .is_empty()
    );
    odoo.put(2, "Bernd Ohne", "bernd@x.example", true);
    let later = sync(&book, &odoo, &store, &options(false));
    assert_eq!(outcomes(&later), [(2, ItemOutcome::Created)]);
}
