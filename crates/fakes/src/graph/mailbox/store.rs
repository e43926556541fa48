//! The mailbox store: folders, messages, tombstones and delta sync states of one person, with the
//! operations Outlook and Graph perform on them (deliver, move, delete, update, rename).

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};

use super::calendar::Calendar;
use super::contacts::Contacts;
use super::ids;
use super::message::{MessageData, StoredMessage};
use crate::graph::identity::apps::DirectoryUser;
use crate::graph::protocol::query::ReceivedFilter;
/// Well-known folder names Graph accepts in place of an id, with English and German display names.
pub const WELL_KNOWN: &[(&str, &str, &str)] = &[
    ("inbox", "Inbox", "Posteingang"),
    ("drafts", "Drafts", "Entwürfe"),
    ("sentitems", "Sent Items", "Gesendete Elemente"),
    ("deleteditems", "Deleted Items", "Gelöschte Elemente"),
    ("junkemail", "Junk Email", "Junk-E-Mail"),
    ("outbox", "Outbox", "Postausgang"),
    ("archive", "Archive", "Archiv"),
    (
        "conversationhistory",
        "Conversation History",
        "Unterhaltungsverlauf",
    ),
];

/// A mail folder.
#[derive(Debug, Clone)]
pub struct Folder {
    /// Folder id (stable).
    pub id: String,
    /// Display name.
    pub display_name: String,
    /// Parent folder id (the root's parent is an internal, unlisted folder).
    pub parent_id: String,
    /// Well-known name, if any (`inbox`, `msgfolderroot`, …).
    pub well_known: Option<String>,
    /// Hidden folders are listed only with `includeHiddenFolders=true`.
    pub is_hidden: bool,
}

/// A message that left a folder (moved or deleted), for that folder's delta.
#[derive(Debug, Clone)]
pub struct Tombstone {
    /// Folder the message left.
    pub folder_id: String,
    /// Its REST id while it was in that folder.
    pub rest_id: String,
    /// Its immutable id.
    pub immutable_id: String,
    /// Change sequence of the removal.
    pub seq: u64,
}

/// Why a folder or message lookup failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lookup {
    /// Not shaped like an id: 400 `ErrorInvalidIdMalformed`.
    Malformed,
    /// Well formed but unknown: 404 `ErrorItemNotFound`.
    NotFound,
}

/// A delta sync state behind an opaque `$skiptoken`/`$deltatoken`.
#[derive(Debug, Clone)]
pub enum SyncState {
    /// A saved `@odata.deltaLink`: the next round reports changes after `since`.
    Round {
        /// Folder the delta is for.
        folder_id: String,
        /// Change sequence already reported.
        since: u64,
        /// `$select` of the first request.
        select: Option<Vec<String>>,
        /// `$filter` of the first request.
        filter: Option<ReceivedFilter>,
        /// Set by the control API: the next use answers 410.
        expired: bool,
    },
    /// A `@odata.nextLink` inside a round: the remaining entries of that round.
    Page {
        /// Folder the delta is for.
        folder_id: String,
        /// Entries of this round (immutable ids; `Err` = removed).
        entries: Vec<DeltaEntry>,
        /// How many entries earlier pages returned.
        offset: usize,
        /// Sequence the round's final deltaLink continues from.
        next_since: u64,
        /// `$select` of the first request.
        select: Option<Vec<String>>,
        /// `$filter` of the first request.
        filter: Option<ReceivedFilter>,
        /// Set by the control API: the next use answers 410.
        expired: bool,
    },
}

/// One entry of a delta round.
#[derive(Debug, Clone)]
pub enum DeltaEntry {
    /// A created or changed message (by immutable id).
    Changed(String),
    /// A message that left the folder.
    Removed {
        /// REST id it had in the folder.
        rest_id: String,
        /// Immutable id.
        immutable_id: String,
    },
}

/// A sibling folder already has that name (`ErrorFolderExists`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FolderExists;

/// A person's mailbox.
#[derive(Debug, Clone)]
pub struct Mailbox {
    /// The owner (for `/me`).
    pub user: DirectoryUser,
    /// All folders, the root (`msgfolderroot`) first.
    pub folders: Vec<Folder>,
    /// All messages.
    pub messages: Vec<StoredMessage>,
    /// Removals, for delta.
    pub tombstones: Vec<Tombstone>,
    /// Delta states by token.
    pub sync_states: HashMap<String, SyncState>,
    /// Change sequence; increases with every change.
    pub seq: u64,
    /// Fault: every delta round starts with an empty page (Graph may send one; clients must
    /// follow the nextLink, not stop).
    pub empty_first_delta_page: bool,
    /// The primary calendar.
    pub calendar: Calendar,
    /// The contact folders and contacts.
    pub contacts: Contacts,
}

fn change_key(seed: &str, seq: u64) -> String {
    use base64::Engine;
    let digest = Sha256::digest(format!("{seed}/{seq}"));
    format!(
        "CQAAABYAAAC{}",
        base64::engine::general_purpose::STANDARD.encode(&digest[..15])
    )
}

impl Mailbox {
    /// A mailbox with the root and the well-known folders, named in `language` (`de…` → German).
    pub fn new(user: DirectoryUser) -> Self {
        let german = user
            .preferred_language
            .as_deref()
            .is_some_and(|l| l.starts_with("de"));
        let root_id = ids::folder_id();
        let mut folders = vec![Folder {
            id: root_id.clone(),
            display_name: if german {
                "Oberste Ebene des Informationsspeichers"
            } else {
                "Top of Information Store"
            }
            .into(),
            parent_id: ids::folder_id(),
            well_known: Some("msgfolderroot".into()),
            is_hidden: false,
        }];
        for (name, en, de) in WELL_KNOWN {
            folders.push(Folder {
                id: ids::folder_id(),
                display_name: if german { de } else { en }.to_string(),
                parent_id: root_id.clone(),
                well_known: Some(name.to_string()),
                is_hidden: false,
            });
        }
        let contacts = Contacts::new(&root_id, german);
        Self {
            user,
            folders,
            messages: Vec::new(),
            tombstones: Vec::new(),
            sync_states: HashMap::new(),
            seq: 0,
            empty_first_delta_page: false,
            calendar: Calendar::default(),
            contacts,
        }
    }

    /// The root folder (`msgfolderroot`).
    pub fn root(&self) -> &Folder {
        &self.folders[0]
    }

    /// A folder by id or well-known name.
    pub fn folder(&self, key: &str) -> Result<&Folder, Lookup> {
        let lower = key.to_ascii_lowercase();
        if let Some(f) = self
            .folders
            .iter()
            .find(|f| f.well_known.as_deref() == Some(lower.as_str()))
        {
            return Ok(f);
        }
        if let Some(f) = self.folders.iter().find(|f| f.id == key) {
            return Ok(f);
        }
        if ids::is_well_formed(key) {
            Err(Lookup::NotFound)
        } else {
            Err(Lookup::Malformed)
        }
    }

    /// A folder by id, well-known name, or display-name path from the root (`Odoo Eingang`,
    /// `Posteingang/Kunden`); for the control API.
    pub fn folder_by_path(&self, key: &str) -> Option<&Folder> {
        if let Ok(f) = self.folder(key) {
            return Some(f);
        }
        let mut current = self.root().id.clone();
        for part in key.split('/').filter(|p| !p.is_empty()) {
            current = self
                .folders
                .iter()
                .find(|f| f.parent_id == current && f.display_name.eq_ignore_ascii_case(part))?
                .id
                .clone();
        }
        self.folders.iter().find(|f| f.id == current)
    }

    /// Child folders of `parent_id`.
    pub fn children(&self, parent_id: &str) -> Vec<&Folder> {
        self.folders
            .iter()
            .filter(|f| f.parent_id == parent_id)
            .collect()
    }

    /// Messages currently in `folder_id`.
    pub fn messages_in(&self, folder_id: &str) -> Vec<&StoredMessage> {
        self.messages
            .iter()
            .filter(|m| m.folder_id == folder_id)
            .collect()
    }

    /// Index of a message by REST or immutable id.
    pub fn message_index(&self, id: &str) -> Result<usize, Lookup> {
        if let Some(i) = self
            .messages
            .iter()
            .position(|m| m.rest_id == id || m.immutable_id == id)
        {
            return Ok(i);
        }
        if ids::is_well_formed(id) {
            Err(Lookup::NotFound)
        } else {
            Err(Lookup::Malformed)
        }
    }

    fn next_seq(&mut self) -> u64 {
        self.seq += 1;
        self.seq
    }

    /// Creates a folder under `parent_id`; `Err` when a sibling has the same name.
    pub fn create_folder(
        &mut self,
        parent_id: &str,
        name: &str,
        hidden: bool,
    ) -> Result<String, FolderExists> {
        if self
            .children(parent_id)
            .iter()
            .any(|f| f.display_name.eq_ignore_ascii_case(name))
        {
            return Err(FolderExists);
        }
        let id = ids::folder_id();
        self.folders.push(Folder {
            id: id.clone(),
            display_name: name.to_string(),
            parent_id: parent_id.to_string(),
            well_known: None,
            is_hidden: hidden,
        });
        Ok(id)
    }

    /// Renames a folder (its id stays); `Err` when a sibling has the new name.
    pub fn rename_folder(&mut self, folder_id: &str, name: &str) -> Result<(), FolderExists> {
        let parent = self
            .folders
            .iter()
            .find(|f| f.id == folder_id)
            .map(|f| f.parent_id.clone())
            .ok_or(FolderExists)?;
        if self
            .children(&parent)
            .iter()
            .any(|f| f.id != folder_id && f.display_name.eq_ignore_ascii_case(name))
        {
            return Err(FolderExists);
        }
        if let Some(f) = self.folders.iter_mut().find(|f| f.id == folder_id) {
            f.display_name = name.to_string();
        }
        Ok(())
    }

    /// Puts a new message into `folder_id` (a mail arriving or saved there).
    pub fn deliver(&mut self, folder_id: &str, data: MessageData, now: DateTime<Utc>) -> usize {
        let seq = self.next_seq();
        let rest_id = ids::message_id();
        let conversation_index: Vec<u8> = (0..22).map(|_| rand::random::<u8>()).collect();
        self.messages.push(StoredMessage {
            change_key: change_key(&rest_id, seq),
            rest_id,
            immutable_id: ids::immutable_message_id(),
            folder_id: folder_id.to_string(),
            created: data.received.min(now),
            last_modified: now,
            conversation_id: ids::conversation_id(),
            conversation_index,
            data,
            version: seq,
        });
        self.messages.len() - 1
    }

    fn leave_folder(&mut self, index: usize) {
        let seq = self.next_seq();
        let m = &self.messages[index];
        self.tombstones.push(Tombstone {
            folder_id: m.folder_id.clone(),
            rest_id: m.rest_id.clone(),
            immutable_id: m.immutable_id.clone(),
            seq,
        });
    }

    /// Moves a message to `dest_folder_id`: it gets a new REST id and change key.
    pub fn move_message(&mut self, index: usize, dest_folder_id: &str, now: DateTime<Utc>) {
        if self.messages[index].folder_id == dest_folder_id {
            return;
        }
        self.leave_folder(index);
        let seq = self.next_seq();
        let m = &mut self.messages[index];
        m.folder_id = dest_folder_id.to_string();
        m.rest_id = ids::message_id();
        m.change_key = change_key(&m.rest_id, seq);
        m.last_modified = now;
        m.version = seq;
    }

    /// Deletes a message: to Deleted Items, or for good when it is already there.
    pub fn delete_message(&mut self, index: usize, now: DateTime<Utc>) {
        let deleted_items = self.folder("deleteditems").map(|f| f.id.clone()).ok();
        match deleted_items {
            Some(dest) if self.messages[index].folder_id != dest => {
                self.move_message(index, &dest, now)
            }
            _ => {
                self.leave_folder(index);
                self.messages.remove(index);
            }
        }
    }

    /// Marks a message read or unread (a change delta reports).
    pub fn set_read(&mut self, index: usize, read: bool, now: DateTime<Utc>) {
        let seq = self.next_seq();
        let m = &mut self.messages[index];
        m.data.is_read = read;
        m.change_key = change_key(&m.rest_id, seq);
        m.last_modified = now;
        m.version = seq;
    }

    /// Changes a message in place (read flag, categories, importance): new change key, reported
    /// by delta.
    pub fn update_message(
        &mut self,
        index: usize,
        now: DateTime<Utc>,
        edit: impl FnOnce(&mut MessageData),
    ) {
        let seq = self.next_seq();
        let m = &mut self.messages[index];
        edit(&mut m.data);
        m.change_key = change_key(&m.rest_id, seq);
        m.last_modified = now;
        m.version = seq;
    }

    /// Entries of a delta round of `folder_id` after `since` (0 = initial round: no removals),
    /// limited to mail `filter` lets through.
    pub fn delta_entries(
        &self,
        folder_id: &str,
        since: u64,
        filter: Option<ReceivedFilter>,
    ) -> Vec<DeltaEntry> {
        let mut changed: Vec<&StoredMessage> = self
            .messages
            .iter()
            .filter(|m| m.folder_id == folder_id && m.version > since)
            .filter(|m| filter.is_none_or(|f| f.matches(m.data.received)))
            .collect();
        changed.sort_by_key(|m| m.version);
        let mut entries: Vec<DeltaEntry> = Vec::new();
        if since > 0 {
            entries.extend(
                self.tombstones
                    .iter()
                    .filter(|t| t.folder_id == folder_id && t.seq > since)
                    .map(|t| DeltaEntry::Removed {
                        rest_id: t.rest_id.clone(),
                        immutable_id: t.immutable_id.clone(),
                    }),
            );
        }
        entries.extend(
            changed
                .into_iter()
                .map(|m| DeltaEntry::Changed(m.immutable_id.clone())),
        );
        entries
    }

    /// Marks every delta token of this mailbox expired (the next use answers 410).
    pub fn expire_sync_states(&mut self) -> usize {
        for state in self.sync_states.values_mut() {
            match state {
                SyncState::Round { expired, .. } | SyncState::Page { expired, .. } => {
                    *expired = true
                }
            }
        }
        self.sync_states.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::mailbox::message::{self, Address};
    use crate::graph::mailbox::mime;

    fn person() -> DirectoryUser {
        crate::graph::seed::demo_user("p@example.com", "P Q", "P", "Q", "0")
    }

    fn mail(subject: &str) -> MessageData {
        let now = chrono::Utc::now();
        MessageData {
            subject: subject.into(),
            body_html: "<p>x</p>".into(),
            from: Some(Address {
                name: "A".into(),
                address: "a@example.com".into(),
            }),
            sender: None,
            to: Vec::new(),
            cc: Vec::new(),
            bcc: Vec::new(),
            reply_to: Vec::new(),
            received: now,
            sent: now,
            internet_message_id: "<1@example.com>".into(),
            is_read: false,
            is_draft: false,
            importance: "normal".into(),
            categories: Vec::new(),
            attachments: Vec::new(),
        }
    }

    #[test]
    fn a_mail_moved_out_and_back_is_a_removal_and_a_new_item_for_the_folder() {
        let mut mb = Mailbox::new(person());
        let now = chrono::Utc::now();
        let inbox = mb.folder("inbox").map(|f| f.id.clone()).expect("inbox");
        let archive = mb.folder("archive").map(|f| f.id.clone()).expect("archive");
        let i = mb.deliver(&inbox, mail("a"), now);
        let first_id = mb.messages[i].rest_id.clone();
        let since = mb.seq;
        mb.move_message(i, &archive, now);
        mb.move_message(i, &inbox, now);
        let entries = mb.delta_entries(&inbox, since, None);
        assert!(matches!(&entries[0], DeltaEntry::Removed { rest_id, .. } if *rest_id == first_id));
        assert!(
            matches!(&entries[1], DeltaEntry::Changed(id) if *id == mb.messages[i].immutable_id)
        );
        assert_ne!(
            mb.messages[i].rest_id, first_id,
            "each move gives a new REST id"
        );
        assert!(
            mb.delta_entries(&inbox, 0, None)
                .iter()
                .all(|e| matches!(e, DeltaEntry::Changed(_)))
        );
    }

    #[test]
    fn an_attached_mail_does_not_close_the_outer_mime_parts() {
        let mut outer = mail("outer");
        outer.attachments.push(message::Attachment {
            id: ids::attachment_id(),
            name: "inner".into(),
            content_type: "message/rfc822".into(),
            is_inline: false,
            content_id: None,
            content: message::AttachmentContent::Item(Box::new(mail("inner"))),
            last_modified: chrono::Utc::now(),
        });
        let text = mime::render(&outer);
        assert!(text.contains("boundary=\"_004_fake_mixed_0_\""));
        assert!(text.contains("boundary=\"_004_fake_mixed_1_\""));
        assert!(text.trim_end().ends_with("--_004_fake_mixed_0_--"));
    }
}
