//! One person's contacts: the default Contacts folder with its child folders, the contacts in
//! them, the removals folder delta reports, and the delta sync states.
//!
//! Exchange behaviour reproduced here (GRAPH_FACTS §4): the default folder ("Contacts",
//! "Kontakte" for German mailboxes) hangs under the mailbox root and is not among the folders
//! `GET /me/contactFolders` lists (its children); its id is the `parentFolderId` of its contacts
//! and of those folders. Folder ids are stable; a contact's REST id changes when it moves to
//! another folder, its immutable id does not. Every change — a photo too — gives the contact a
//! new change key and change sequence. A deleted contact is gone for good (Graph's DELETE may
//! also leave a copy in Deleted Items; that copy is not modelled) and leaves a tombstone, as one
//! that moved away does, so the folder's delta reports it as `@removed`.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};

use super::contact::{ContactData, StoredContact};
use super::contact_sync::ContactSync;
use super::ids;
use super::photo::Photo;
use super::store::{DeltaEntry, FolderExists, Lookup, Tombstone};
use crate::graph::protocol::extended_properties::{ExtendedProperty, upsert};

/// A contact folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactFolder {
    /// Folder id (stable).
    pub id: String,
    /// Display name.
    pub display_name: String,
    /// Parent folder id (the mailbox root for the default folder).
    pub parent_id: String,
}

/// A person's contacts.
#[derive(Debug, Clone)]
pub struct Contacts {
    /// All contact folders, the default one first.
    pub folders: Vec<ContactFolder>,
    /// All contacts.
    pub contacts: Vec<StoredContact>,
    /// Removals from folders, for delta.
    pub tombstones: Vec<Tombstone>,
    /// Ids of contact folders that were deleted (404 rather than 400 for them).
    pub deleted_folders: Vec<String>,
    /// Delta states by token.
    pub sync_states: HashMap<String, ContactSync>,
    /// Change sequence; increases with every change.
    pub seq: u64,
}

/// A new change key for a contact (Exchange's contact change keys start `EQAAABYAAAA`).
pub fn change_key(seed: &str, seq: u64) -> String {
    use base64::Engine;
    let digest = Sha256::digest(format!("{seed}/{seq}"));
    format!(
        "EQAAABYAAAA{}",
        base64::engine::general_purpose::STANDARD.encode(&digest[..15])
    )
}

impl Contacts {
    /// The contacts of a mailbox whose root folder is `root_id`, named in German or English.
    pub fn new(root_id: &str, german: bool) -> Self {
        Self {
            folders: vec![ContactFolder {
                id: ids::folder_id(),
                display_name: if german { "Kontakte" } else { "Contacts" }.into(),
                parent_id: root_id.to_string(),
            }],
            contacts: Vec::new(),
            tombstones: Vec::new(),
            deleted_folders: Vec::new(),
            sync_states: HashMap::new(),
            seq: 0,
        }
    }

    /// The default Contacts folder.
    pub fn default_folder(&self) -> &ContactFolder {
        &self.folders[0]
    }

    fn next_seq(&mut self) -> u64 {
        self.seq += 1;
        self.seq
    }

    /// A folder by id.
    pub fn folder(&self, id: &str) -> Result<&ContactFolder, Lookup> {
        if let Some(f) = self.folders.iter().find(|f| f.id == id) {
            return Ok(f);
        }
        if ids::is_well_formed(id) || self.deleted_folders.iter().any(|d| d == id) {
            Err(Lookup::NotFound)
        } else {
            Err(Lookup::Malformed)
        }
    }

    /// A folder by id, or by display-name path below the default folder (`Odoo`,
    /// `Odoo/Kunden`); the default folder for an empty key. For the control API.
    pub fn folder_by_path(&self, key: &str) -> Option<&ContactFolder> {
        if let Ok(f) = self.folder(key) {
            return Some(f);
        }
        let mut current = self.default_folder();
        for part in key.split('/').filter(|p| !p.is_empty()) {
            current = self
                .folders
                .iter()
                .find(|f| f.parent_id == current.id && f.display_name.eq_ignore_ascii_case(part))?;
        }
        Some(current)
    }

    /// Child folders of `parent_id`.
    pub fn children(&self, parent_id: &str) -> Vec<&ContactFolder> {
        self.folders
            .iter()
            .filter(|f| f.parent_id == parent_id)
            .collect()
    }

    /// Creates a folder under `parent_id`; `Err` when a sibling has that name.
    pub fn create_folder(&mut self, parent_id: &str, name: &str) -> Result<String, FolderExists> {
        if self
            .children(parent_id)
            .iter()
            .any(|f| f.display_name.eq_ignore_ascii_case(name))
        {
            return Err(FolderExists);
        }
        let id = ids::contact_folder_id();
        self.folders.push(ContactFolder {
            id: id.clone(),
            display_name: name.to_string(),
            parent_id: parent_id.to_string(),
        });
        Ok(id)
    }

    /// Renames a folder; `Err` when a sibling has that name.
    pub fn rename_folder(&mut self, id: &str, name: &str) -> Result<(), FolderExists> {
        let parent = self.folder(id).map_err(|_| FolderExists)?.parent_id.clone();
        if self
            .children(&parent)
            .iter()
            .any(|f| f.id != id && f.display_name.eq_ignore_ascii_case(name))
        {
            return Err(FolderExists);
        }
        if let Some(f) = self.folders.iter_mut().find(|f| f.id == id) {
            f.display_name = name.to_string();
        }
        Ok(())
    }

    /// Deletes a child folder with its subfolders and contacts (the default folder stays).
    pub fn delete_folder(&mut self, id: &str) {
        if id == self.default_folder().id {
            return;
        }
        let children: Vec<String> = self.children(id).iter().map(|f| f.id.clone()).collect();
        for child in children {
            self.delete_folder(&child);
        }
        while let Some(index) = self.contacts.iter().position(|c| c.folder_id == id) {
            self.remove(index);
        }
        self.folders.retain(|f| f.id != id);
        self.deleted_folders.push(id.to_string());
    }

    /// Contacts currently in `folder_id`, oldest first.
    pub fn in_folder(&self, folder_id: &str) -> Vec<&StoredContact> {
        self.contacts
            .iter()
            .filter(|c| c.folder_id == folder_id)
            .collect()
    }

    /// Index of a contact by REST or immutable id, anywhere in the mailbox.
    pub fn index(&self, id: &str) -> Result<usize, Lookup> {
        if let Some(i) = self
            .contacts
            .iter()
            .position(|c| c.rest_id == id || c.immutable_id == id)
        {
            return Ok(i);
        }
        if ids::is_well_formed(id) {
            Err(Lookup::NotFound)
        } else {
            Err(Lookup::Malformed)
        }
    }

    /// Adds a contact to `folder_id`; its change key and sequence are set here.
    pub fn add(
        &mut self,
        folder_id: &str,
        data: ContactData,
        extended: Vec<ExtendedProperty>,
        now: DateTime<Utc>,
    ) -> usize {
        let seq = self.next_seq();
        let rest_id = ids::contact_id();
        self.contacts.push(StoredContact {
            change_key: change_key(&rest_id, seq),
            rest_id,
            immutable_id: ids::immutable_contact_id(),
            folder_id: folder_id.to_string(),
            data,
            extended,
            photo: None,
            created: now,
            last_modified: now,
            version: seq,
        });
        self.contacts.len() - 1
    }

    /// Changes contact `index` in place: new change key and sequence, reported by delta.
    pub fn update(
        &mut self,
        index: usize,
        now: DateTime<Utc>,
        edit: impl FnOnce(&mut StoredContact),
    ) {
        let seq = self.next_seq();
        let c = &mut self.contacts[index];
        edit(c);
        c.change_key = change_key(&c.rest_id, seq);
        c.last_modified = now;
        c.version = seq;
    }

    /// Sets extended properties on `contact`, replacing those with the same id (a PATCH adds or
    /// changes the ones it names and keeps the others).
    pub fn merge_extended(contact: &mut StoredContact, properties: &[ExtendedProperty]) {
        for p in properties {
            upsert(&mut contact.extended, p.clone());
        }
    }

    /// Sets or removes the photo of contact `index` (a change like any other).
    pub fn set_photo(&mut self, index: usize, photo: Option<Photo>, now: DateTime<Utc>) {
        self.update(index, now, |c| c.photo = photo);
    }

    fn leave_folder(&mut self, index: usize) {
        let seq = self.next_seq();
        let c = &self.contacts[index];
        self.tombstones.push(Tombstone {
            folder_id: c.folder_id.clone(),
            rest_id: c.rest_id.clone(),
            immutable_id: c.immutable_id.clone(),
            seq,
        });
    }

    /// Removes contact `index` for good, leaving a tombstone for its folder's delta.
    pub fn remove(&mut self, index: usize) -> StoredContact {
        self.leave_folder(index);
        self.contacts.remove(index)
    }

    /// Moves contact `index` to `folder_id`: a new REST id and change key.
    pub fn move_to(&mut self, index: usize, folder_id: &str, now: DateTime<Utc>) {
        if self.contacts[index].folder_id == folder_id {
            return;
        }
        self.leave_folder(index);
        self.update(index, now, |c| {
            c.folder_id = folder_id.to_string();
            c.rest_id = ids::contact_id();
        });
    }

    /// Entries of a delta round of `folder_id` after `since` (0 = initial round: no removals).
    pub fn delta_entries(&self, folder_id: &str, since: u64) -> Vec<DeltaEntry> {
        let mut changed: Vec<&StoredContact> = self
            .contacts
            .iter()
            .filter(|c| c.folder_id == folder_id && c.version > since)
            .collect();
        changed.sort_by_key(|c| c.version);
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
                .map(|c| DeltaEntry::Changed(c.immutable_id.clone())),
        );
        entries
    }

    /// Marks every contacts delta token expired (the next use answers 410).
    pub fn expire_sync_states(&mut self) -> usize {
        self.sync_states.values_mut().for_each(ContactSync::expire);
        self.sync_states.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_contact_moved_away_and_one_deleted_are_removals_for_their_folder() {
        let mut c = Contacts::new("root", false);
        let now = Utc::now();
        let default = c.default_folder().id.clone();
        let odoo = c.create_folder(&default, "Odoo").expect("folder");
        assert_eq!(c.create_folder(&default, "odoo"), Err(FolderExists));
        let a = c.add(&odoo, ContactData::default(), Vec::new(), now);
        let b = c.add(&odoo, ContactData::default(), Vec::new(), now);
        let (first_id, b_id) = (c.contacts[a].rest_id.clone(), c.contacts[b].rest_id.clone());
        let since = c.seq;
        c.move_to(a, &default, now);
        assert_ne!(
            c.contacts[a].rest_id, first_id,
            "a move gives a new REST id"
        );
        let b = c.index(&b_id).expect("b");
        c.remove(b);
        let entries = c.delta_entries(&odoo, since);
        assert_eq!(entries.len(), 2);
        assert!(
            entries
                .iter()
                .all(|e| matches!(e, DeltaEntry::Removed { .. }))
        );
        assert!(matches!(
            &c.delta_entries(&default, since)[..],
            [DeltaEntry::Changed(_)]
        ));
        assert_eq!(c.index(&first_id), Err(Lookup::NotFound));
        assert_eq!(c.index("nonsense"), Err(Lookup::Malformed));
    }
}
