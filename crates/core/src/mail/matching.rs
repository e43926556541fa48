//! Which Odoo contacts an address matches (issue 6 §2): each address in a contact's e-mail
//! field matches, compared case-insensitively after trimming; archived contacts never match;
//! the partners of Odoo users (colleagues) match only when the option includes them.

use std::collections::{BTreeMap, BTreeSet};

use super::address::{Address, split_email_field};
use crate::model::OdooId;

pub use crate::odoo::partners::Contact;

/// Contacts by each address they hold, ready for matching.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ContactIndex {
    by_address: BTreeMap<Address, Vec<Contact>>,
    /// Colleagues' addresses while they are no targets: known, deliberately not filed on.
    colleagues: BTreeSet<Address>,
}

impl ContactIndex {
    /// Indexes `contacts`; archived ones are left out, and colleagues unless `include_colleagues`.
    pub fn new(contacts: &[Contact], include_colleagues: bool) -> ContactIndex {
        let mut by_address: BTreeMap<Address, Vec<Contact>> = BTreeMap::new();
        let mut colleagues = BTreeSet::new();
        for contact in contacts {
            // an archived contact is no target
            if !contact.active {
                continue;
            }
            // a colleague's partner is no target unless the option says so, but its address
            // is known: a colleague on Cc is nobody to ask about
            if contact.is_colleague && !include_colleagues {
                colleagues.extend(split_email_field(&contact.email));
                continue;
            }
            for address in split_email_field(&contact.email) {
                let list = by_address.entry(address).or_default();
                if !list.iter().any(|c| c.id == contact.id) {
                    list.push(contact.clone());
                }
            }
        }
        for list in by_address.values_mut() {
            list.sort_by_key(|c| c.id);
        }
        ContactIndex {
            by_address,
            colleagues,
        }
    }

    /// Whether `address` is a colleague's, who is no target (the option is off).
    pub fn is_colleague(&self, address: &Address) -> bool {
        self.colleagues.contains(address)
    }

    /// The contacts `address` matches, lowest id first.
    pub fn matches(&self, address: &Address) -> &[Contact] {
        self.by_address
            .get(address)
            .map(Vec::as_slice)
            .unwrap_or_default()
    }

    /// A contact by id, if indexed.
    pub fn contact(&self, id: OdooId) -> Option<&Contact> {
        self.by_address.values().flatten().find(|c| c.id == id)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A test contact.
    pub(crate) fn contact(id: i64, email: &str) -> Contact {
        Contact {
            id: OdooId(id),
            name: format!("Contact {id}"),
            email: email.into(),
            company: None,
            city: None,
            active: true,
            is_colleague: false,
            last_activity: None,
            users: Vec::new(),
        }
    }

    fn ids(index: &ContactIndex, address: &str) -> Vec<i64> {
        let a = Address::parse(address).expect("address");
        index.matches(&a).iter().map(|c| c.id.0).collect()
    }

    #[test]
    fn matching_follows_the_issue_rules() {
        let mut archived = contact(3, "old@x.de");
        archived.active = false;
        let mut colleague = contact(4, "lena@ours.de");
        colleague.is_colleague = true;
        let contacts = vec![
            contact(1, "A@X.de, shared@x.de"),
            contact(2, "Bob <shared@x.de>"),
            archived,
            colleague,
            contact(5, " Case@Y.COM "),
        ];
        let index = ContactIndex::new(&contacts, false);
        // one address in a multi-address field matches
        assert_eq!(ids(&index, "a@x.de"), vec![1]);
        // the shared address matches both contacts
        assert_eq!(ids(&index, "SHARED@x.de"), vec![1, 2]);
        // archived contacts do not match
        assert_eq!(ids(&index, "old@x.de"), Vec::<i64>::new());
        // colleagues do not match by default
        assert_eq!(ids(&index, "lena@ours.de"), Vec::<i64>::new());
        // case and blanks do not matter
        assert_eq!(ids(&index, "case@y.com"), vec![5]);

        let with_colleagues = ContactIndex::new(&contacts, true);
        assert_eq!(ids(&with_colleagues, "lena@ours.de"), vec![4]);
        assert_eq!(ids(&with_colleagues, "old@x.de"), Vec::<i64>::new());
    }
}
