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
                "SELECT partner_id, outlook_id, change_key, body_hash, photo FROM contact_links",
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
                   updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT (partner_id) DO UPDATE SET outlook_id = excluded.outlook_id,
                   change_key = excluded.change_key, body_hash = excluded.body_hash,
                   photo = excluded.photo, updated_at = excluded.updated_at",
                params![
                    partner,
                    link.outlook_id,
                    link.change_key,
                    link.body_hash,
                    link.photo,
                    ts(self.now())
                ],
            )
            .map_err(|e| self.sql(e))?;
        Ok(())
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
}
