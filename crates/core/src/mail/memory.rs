//! In-memory implementations of the mail job's seams, for engine tests without HTTP: a mailbox
//! with folders, a change log that delta rounds read in pages, and Deleted Items; and an Odoo
//! with contacts, chatters and opportunities. Every call first yields to the runtime a number
//! of times drawn from a seeded generator, so two colleagues' runs joined on one task
//! interleave at every remote call, differently for every seed.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Mutex;

use rand::{Rng, SeedableRng};

use super::remote::{Mailbox, OdooSide};
use crate::graph::error::{GraphError, GraphErrorKind};
use crate::graph::messages::{
    AttachmentInfo, DeltaFrom, DeltaLink, DeltaPage, EmailAddress, MailBody, Message,
    MessageChange, Recipient,
};
use crate::model::OdooId;
use crate::odoo::OdooError;
use crate::odoo::chatter::{Attachment, Entry, Note, Record};
use crate::odoo::partners::Contact;

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

/// Yields to the runtime 0–2 times, as the seeded generator says.
async fn interleave(rng: &Mutex<rand::rngs::StdRng>) {
    let times = lock(rng).random_range(0..3);
    for _ in 0..times {
        tokio::task::yield_now().await;
    }
}

#[derive(Default)]
struct Folders {
    /// Folder → message ids in it.
    folders: BTreeMap<String, BTreeSet<String>>,
    messages: BTreeMap<String, Message>,
    /// (folder, id) in the order they changed.
    log: Vec<(String, String)>,
}

/// A mailbox in memory.
pub struct MemoryMailbox {
    state: Mutex<Folders>,
    rng: Mutex<rand::rngs::StdRng>,
}

impl MemoryMailbox {
    /// An empty mailbox whose calls interleave as `seed` says.
    pub fn new(seed: u64) -> Self {
        MemoryMailbox {
            state: Mutex::new(Folders::default()),
            rng: Mutex::new(rand::rngs::StdRng::seed_from_u64(seed)),
        }
    }

    /// Puts a mail from `from` with `message_id` into `folder`; returns its Graph id.
    pub fn put(&self, folder: &str, id: &str, from: &str, message_id: &str) {
        let mut s = lock(&self.state);
        let person = |a: &str| Recipient {
            email_address: EmailAddress {
                name: None,
                address: Some(a.to_owned()),
            },
        };
        s.messages.insert(
            id.to_owned(),
            Message {
                id: id.to_owned(),
                internet_message_id: Some(message_id.to_owned()),
                subject: Some(format!("mail {message_id}")),
                from: Some(person(from)),
                sender: None,
                to_recipients: vec![person("me@ours.example")],
                cc_recipients: vec![],
                received_date_time: Some("2026-03-01T09:30:00Z".into()),
                sent_date_time: Some("2026-03-01T09:29:00Z".into()),
                has_attachments: false,
                is_read: false,
                parent_folder_id: Some(folder.to_owned()),
                change_key: None,
            },
        );
        s.folders
            .entry(folder.to_owned())
            .or_default()
            .insert(id.to_owned());
        s.log.push((folder.to_owned(), id.to_owned()));
    }

    /// The ids in `folder`.
    pub fn ids_in(&self, folder: &str) -> BTreeSet<String> {
        lock(&self.state)
            .folders
            .get(folder)
            .cloned()
            .unwrap_or_default()
    }

    /// The changes of `folder` since the log position `since` (a round from the start: all).
    fn changes(s: &Folders, folder: &str, since: Option<usize>) -> Vec<MessageChange> {
        let inside = s.folders.get(folder).cloned().unwrap_or_default();
        let touched: BTreeSet<&String> = match since {
            None => inside.iter().collect(),
            Some(at) => s
                .log
                .iter()
                .skip(at)
                .filter(|(f, _)| f == folder)
                .map(|(_, id)| id)
                .collect(),
        };
        touched
            .into_iter()
            .map(|id| match s.messages.get(id) {
                Some(m) if inside.contains(id) => MessageChange::Upsert(Box::new(m.clone())),
                _ => MessageChange::Removed { id: id.clone() },
            })
            .collect()
    }
}

/// `mem:FROM:END:OFFSET` (FROM `-` for a round from the start).
fn parse_link(link: &str) -> Option<(Option<usize>, usize, usize)> {
    let mut parts = link.strip_prefix("mem:")?.split(':');
    let from = parts.next()?;
    let from = if from == "-" { None } else { from.parse().ok() };
    Some((
        from,
        parts.next()?.parse().ok()?,
        parts.next()?.parse().ok()?,
    ))
}

impl Mailbox for MemoryMailbox {
    async fn delta_page(
        &self,
        folder: &str,
        from: DeltaFrom<'_>,
        page_size: u32,
    ) -> Result<DeltaPage, GraphError> {
        interleave(&self.rng).await;
        let s = lock(&self.state);
        let (since, end, offset) = match from {
            DeltaFrom::Start => (None, s.log.len(), 0),
            DeltaFrom::Link(link) => parse_link(link).ok_or_else(|| {
                GraphError::local(GraphErrorKind::Permanent, "badLink", link.to_owned())
            })?,
        };
        let all = Self::changes(&s, folder, since);
        let size = usize::try_from(page_size.max(1)).unwrap_or(10);
        let page: Vec<MessageChange> = all.iter().skip(offset).take(size).cloned().collect();
        if offset + size < all.len() {
            let from = since.map_or("-".to_owned(), |n| n.to_string());
            return Ok(DeltaPage::More {
                changes: page,
                next_link: format!("mem:{from}:{end}:{}", offset + size),
            });
        }
        Ok(DeltaPage::Last {
            changes: page,
            delta_link: DeltaLink(format!("mem:{end}:{end}:0")),
        })
    }

    async fn body(&self, id: &str) -> Result<MailBody, GraphError> {
        interleave(&self.rng).await;
        let s = lock(&self.state);
        let folder = s
            .folders
            .iter()
            .find(|(_, ids)| ids.contains(id))
            .map(|(f, _)| f.clone());
        Ok(MailBody {
            html: format!("<p>body of {id}</p>"),
            folder,
        })
    }

    async fn attachments(&self, _id: &str) -> Result<Vec<AttachmentInfo>, GraphError> {
        interleave(&self.rng).await;
        Ok(Vec::new())
    }

    async fn attachment_bytes(&self, _id: &str, _attachment: &str) -> Result<Vec<u8>, GraphError> {
        Err(GraphError::local(
            GraphErrorKind::NotFound,
            "notFound",
            "no attachments here",
        ))
    }

    async fn move_to_deleted_items(&self, id: &str) -> Result<(), GraphError> {
        interleave(&self.rng).await;
        let mut s = lock(&self.state);
        let from: Vec<String> = s
            .folders
            .iter()
            .filter(|(_, ids)| ids.contains(id))
            .map(|(f, _)| f.clone())
            .collect();
        for folder in from {
            if let Some(ids) = s.folders.get_mut(&folder) {
                ids.remove(id);
            }
            s.log.push((folder, id.to_owned()));
        }
        s.folders
            .entry("deleteditems".into())
            .or_default()
            .insert(id.to_owned());
        Ok(())
    }
}

/// An Odoo in memory, shared by colleagues.
pub struct MemoryOdoo {
    state: Mutex<OdooState>,
    rng: Mutex<rand::rngs::StdRng>,
}

#[derive(Default)]
struct OdooState {
    contacts: Vec<Contact>,
    entries: BTreeMap<OdooId, Entry>,
    next_id: i64,
    posts: usize,
}

impl MemoryOdoo {
    /// An Odoo with these contacts, whose calls interleave as `seed` says.
    pub fn new(contacts: Vec<Contact>, seed: u64) -> Self {
        MemoryOdoo {
            state: Mutex::new(OdooState {
                contacts,
                next_id: 1000,
                ..OdooState::default()
            }),
            rng: Mutex::new(rand::rngs::StdRng::seed_from_u64(seed)),
        }
    }

    /// How many entries hold `key` on `record`.
    pub fn count(&self, key: &str, record: Record) -> usize {
        lock(&self.state)
            .entries
            .values()
            .filter(|e| e.key == key && e.record == record)
            .count()
    }

    /// How many posts were made so far.
    pub fn posts(&self) -> usize {
        lock(&self.state).posts
    }
}

impl OdooSide for MemoryOdoo {
    async fn contacts_with(&self, addresses: &[&str]) -> Result<Vec<Contact>, OdooError> {
        interleave(&self.rng).await;
        let s = lock(&self.state);
        Ok(s.contacts
            .iter()
            .filter(|c| addresses.iter().any(|a| c.email.to_lowercase().contains(a)))
            .cloned()
            .collect())
    }

    async fn entries(
        &self,
        model: &'static str,
        keys: &[&str],
        ids: Option<&[i64]>,
    ) -> Result<Vec<Entry>, OdooError> {
        interleave(&self.rng).await;
        let s = lock(&self.state);
        Ok(s.entries
            .values()
            .filter(|e| e.record.model == model && keys.contains(&e.key.as_str()))
            .filter(|e| ids.is_none_or(|ids| ids.contains(&e.record.id.0)))
            .cloned()
            .collect())
    }

    async fn attach(
        &self,
        _record: Record,
        files: &[Attachment],
    ) -> Result<Vec<Result<OdooId, OdooError>>, OdooError> {
        interleave(&self.rng).await;
        let mut s = lock(&self.state);
        Ok(files
            .iter()
            .map(|_| {
                s.next_id += 1;
                Ok(OdooId(s.next_id))
            })
            .collect())
    }

    async fn remove_attachments(&self, _ids: &[OdooId]) -> Result<(), OdooError> {
        interleave(&self.rng).await;
        Ok(())
    }

    async fn post(
        &self,
        record: Record,
        note: &Note,
        _attachments: &[OdooId],
    ) -> Result<OdooId, OdooError> {
        interleave(&self.rng).await;
        let mut s = lock(&self.state);
        s.next_id += 1;
        s.posts += 1;
        let id = OdooId(s.next_id);
        let entry = Entry {
            id,
            key: note.key.clone(),
            record,
        };
        s.entries.insert(id, entry);
        Ok(id)
    }

    async fn remove_entries(&self, ids: &[OdooId]) -> Result<(), OdooError> {
        interleave(&self.rng).await;
        let mut s = lock(&self.state);
        for id in ids {
            s.entries.remove(id);
        }
        Ok(())
    }

    async fn open_opportunities(
        &self,
        _contacts: &[i64],
    ) -> Result<Vec<(OdooId, OdooId)>, OdooError> {
        Ok(Vec::new())
    }

    async fn commercial_partners(
        &self,
        contacts: &[i64],
    ) -> Result<BTreeMap<OdooId, OdooId>, OdooError> {
        Ok(contacts.iter().map(|c| (OdooId(*c), OdooId(*c))).collect())
    }
}
