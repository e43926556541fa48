//! What the contacts job remembers per exported Odoo contact (`contact_links`, V7).

use std::collections::BTreeMap;

use rusqlite::params;

use super::{Store, StoreError, ts};
use crate::contacts::plan::ContactLink;

impl Store {
    /// Every exported contact's link, by partner id.
    pub fn contact_links(&self) -> Result<BTreeMap<i64, ContactLink>, StoreError> {
        let conn = self.conn();
        let mut stmt = conn
            .prepare(
                "SELECT partner_id, outlook_id, change_key, body_hash, photo, folder_id
                 FROM contact_links",
            )
            .map_err(|e| self.sql(e))?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, i64>("partner_id")?,
                    ContactLink {
                        outlook_id: r.get("outlook_id")?,
                        change_key: r.get("change_key")?,
                        body_hash: r.get("body_hash")?,
                        photo: r.get("photo")?,
                        folder: r.get("folder_id")?,
                    },
                ))
            })
            .map_err(|e| self.sql(e))?;
        rows.collect::<Result<BTreeMap<_, _>, _>>()
            .map_err(|e| self.sql(e))
    }

    /// Remembers (or replaces) what a contact became in Outlook.
    pub fn save_contact_link(&self, partner: i64, link: &ContactLink) -> Result<(), StoreError> {
        self.conn()
            .execute(
                "INSERT INTO contact_links (partner_id, outlook_id, change_key, body_hash, photo,
                   folder_id, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                 ON CONFLICT (partner_id) DO UPDATE SET outlook_id = excluded.outlook_id,
                   change_key = excluded.change_key, body_hash = excluded.body_hash,
                   photo = excluded.photo, folder_id = excluded.folder_id,
                   updated_at = excluded.updated_at",
                params![
                    partner,
                    link.outlook_id,
                    link.change_key,
                    link.body_hash,
                    link.photo,
                    link.folder,
                    ts(self.now())
                ],
            )
            .map_err(|e| self.sql(e))?;
        Ok(())
    }

    /// The folder id remembered for `target` (`main` or `odoo`).
    pub fn contact_folder(&self, target: &str) -> Result<Option<String>, StoreError> {
        use rusqlite::OptionalExtension as _;
        self.conn()
            .query_row(
                "SELECT folder_id FROM contact_folders WHERE target = ?1",
                [target],
                |r| r.get("folder_id"),
            )
            .optional()
            .map_err(|e| self.sql(e))
    }

    /// Remembers `target`'s folder id; `None` forgets it (the folder is gone).
    pub fn save_contact_folder(&self, target: &str, id: Option<&str>) -> Result<(), StoreError> {
        let conn = self.conn();
        let done = match id {
            Some(id) => conn.execute(
                "INSERT INTO contact_folders (target, folder_id, updated_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT (target) DO UPDATE SET folder_id = excluded.folder_id,
                   updated_at = excluded.updated_at",
                params![target, id, ts(self.now())],
            ),
            None => conn.execute("DELETE FROM contact_folders WHERE target = ?1", [target]),
        };
        done.map(drop).map_err(|e| self.sql(e))
    }

    /// Names the folder of the contacts created into an address book that had none (whose
    /// main folder's id could not be read before).
    pub fn claim_unplaced_contact_links(&self, folder: &str) -> Result<(), StoreError> {
        self.conn()
            .execute(
                "UPDATE contact_links SET folder_id = ?1 WHERE folder_id = ''",
                [folder],
            )
            .map(drop)
            .map_err(|e| self.sql(e))
    }

    /// Forgets a contact (deleted in Outlook by the job, or let go).
    pub fn forget_contact_link(&self, partner: i64) -> Result<(), StoreError> {
        self.conn()
            .execute("DELETE FROM contact_links WHERE partner_id = ?1", [partner])
            .map_err(|e| self.sql(e))?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::clock::SystemClock;

    #[test]
    fn a_link_is_saved_replaced_and_forgotten() {
        let store = Store::open_in_memory(Arc::new(SystemClock)).expect("store");
        let mut link = ContactLink {
            folder: "F".into(),
            outlook_id: "O1".into(),
            change_key: "ck1".into(),
            body_hash: "h1".into(),
            photo: None,
        };
        store.save_contact_link(42, &link).expect("save");
        link.change_key = "ck2".into();
        link.photo = Some("p".into());
        store.save_contact_link(42, &link).expect("replace");
        assert_eq!(store.contact_links().expect("read")[&42], link);
        store.forget_contact_link(42).expect("forget");
        assert!(store.contact_links().expect("read").is_empty());
    }

    #[test]
    fn a_target_folder_is_remembered_forgotten_and_unplaced_links_learn_theirs() {
        let store = Store::open_in_memory(Arc::new(SystemClock)).expect("store");
        assert_eq!(store.contact_folder("odoo").expect("read"), None);
        store
            .save_contact_folder("odoo", Some("AQ-odoo"))
            .expect("save");
        assert_eq!(
            store.contact_folder("odoo").expect("read").as_deref(),
            Some("AQ-odoo")
        );
        store.save_contact_folder("odoo", None).expect("forget");
        assert_eq!(store.contact_folder("odoo").expect("read"), None);

        let unplaced = ContactLink {
            folder: String::new(),
            outlook_id: "O1".into(),
            change_key: "ck1".into(),
            body_hash: "h1".into(),
            photo: None,
        };
        store.save_contact_link(1, &unplaced).expect("save");
        store
            .save_contact_link(
                2,
                &ContactLink {
                    folder: "ODOO".into(),
                    outlook_id: "O2".into(),
                    ..unplaced.clone()
                },
            )
            .expect("save");
        store.claim_unplaced_contact_links("MAIN").expect("claim");
        let links = store.contact_links().expect("links");
        assert_eq!(
            (links[&1].folder.as_str(), links[&2].folder.as_str()),
            ("MAIN", "ODOO")
        );
    }
}
