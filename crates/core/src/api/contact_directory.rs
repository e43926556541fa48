//! The Contacts page's list of Odoo contacts and following from the connector (issue 16): a
//! page of `res.partner` (searched by name or e-mail, filtered by the person's subscription),
//! each with whether the person follows it, whether the contacts job exported it (linked in the
//! store), and when it is subscribed but not in Outlook, why — the same [`select`] the job
//! uses, with the same settings. Following and unfollowing go to Odoo
//! (`message_subscribe`/`message_unsubscribe`), so Odoo shows the same thing; the next
//! contacts run picks the change up. The CLI's `contacts list|follow|unfollow` call the same.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::Session;
use super::contacts::selection_options;
use crate::contacts::directory_texts::{DirectoryMsg, Reason, RowState};
use crate::contacts::selection::{Candidate, Selection, SelectionOptions, select};
use crate::error::{CoreError, ErrorCode, UserFacing};
use crate::i18n::Msg;
use crate::model::OdooId;
use crate::odoo::OdooError;
use crate::odoo::contact_directory::{self as remote, DirectoryRow};
use crate::settings::SettingKey;

/// Contacts per page when the caller does not say.
pub const DEFAULT_PAGE: u32 = 50;

/// Which contacts the list shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "ContactFilter"))]
pub enum DirectoryFilter {
    /// Every (active) contact.
    #[default]
    All,
    /// Those the person follows (archived ones too).
    Followed,
    /// Those the contacts job put into Outlook.
    Exported,
    /// Followed, but not (yet) in Outlook (archived ones too).
    FollowedNotExported,
    /// Those the person does not follow.
    NotFollowed,
    /// Those with an e-mail address.
    HasEmail,
}

impl DirectoryFilter {
    /// Every filter, in the order the page offers them.
    pub const ALL: [DirectoryFilter; 6] = [
        DirectoryFilter::All,
        DirectoryFilter::Followed,
        DirectoryFilter::Exported,
        DirectoryFilter::FollowedNotExported,
        DirectoryFilter::NotFollowed,
        DirectoryFilter::HasEmail,
    ];
}

/// What the list is asked for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "ContactQuery"))]
pub struct DirectoryQuery {
    /// Which contacts.
    pub filter: DirectoryFilter,
    /// Part of the name or e-mail address (case-insensitive); empty or null: any.
    #[serde(default)]
    pub search: Option<String>,
    /// Contacts to skip (paging).
    #[serde(default)]
    pub offset: u32,
    /// Contacts per page (1–200; 0 means the default, 50).
    #[serde(default)]
    pub limit: u32,
}

impl Default for DirectoryQuery {
    fn default() -> Self {
        DirectoryQuery {
            filter: DirectoryFilter::All,
            search: None,
            offset: 0,
            limit: DEFAULT_PAGE,
        }
    }
}

/// Where a contact of the list stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "ContactState"))]
pub enum ContactState {
    /// In Outlook: the contacts job exported it (linked in the store).
    Exported,
    /// Subscribed (followed, or the person's customer with the option on): the next contacts
    /// sync puts it into Outlook.
    NextSync,
    /// Followed, but the options keep it out of Outlook (`reason` says why).
    NotExported,
    /// Not followed (and not exported as the person's customer).
    NotFollowed,
}

/// One contact of the list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "DirectoryContact"))]
pub struct DirectoryContact {
    /// `res.partner` id.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: i64,
    /// Its name.
    pub name: String,
    /// Odoo's e-mail field (may hold several addresses); null when empty.
    pub email: Option<String>,
    /// The company it belongs to.
    pub company: Option<String>,
    /// A company, not a person.
    pub is_company: bool,
    /// Not archived in Odoo.
    pub active: bool,
    /// The person follows it in Odoo.
    pub followed: bool,
    /// The contacts job put it into the person's Outlook.
    pub exported: bool,
    /// The person is its salesperson (`user_id`).
    pub salesperson: bool,
    /// Where it stands.
    pub state: ContactState,
    /// What the contacts job's selection says of it with the current settings.
    #[cfg_attr(feature = "ts", ts(type = "ContactSelection"))]
    pub selection: Selection,
    /// Followed (or the person's customer) but not exported: why (the selection's value).
    #[cfg_attr(feature = "ts", ts(type = "ContactSelection | null"))]
    pub reason: Option<Selection>,
}

/// One page of the list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "ContactDirectory"))]
pub struct ContactDirectory {
    /// The contacts of this page, by name.
    pub contacts: Vec<DirectoryContact>,
    /// How many contacts match in all.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub total: u64,
    /// Skipped before this page.
    pub offset: u32,
    /// Contacts per page.
    pub limit: u32,
    /// `contacts.export_all_my_customers` is on: the person's customers are exported without
    /// following (the page says so).
    pub my_customers: bool,
    /// The contacts job is switched on (`contacts.enabled`).
    pub job_on: bool,
}

/// What following or unfollowing did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "FollowChange"))]
pub struct FollowChange {
    /// Followed (true) or unfollowed.
    pub follow: bool,
    /// Contacts whose following changed.
    #[cfg_attr(feature = "ts", ts(type = "number[]"))]
    pub changed: Vec<i64>,
    /// Contacts that already were as asked.
    #[cfg_attr(feature = "ts", ts(type = "number[]"))]
    pub unchanged: Vec<i64>,
    /// Contacts Odoo left as they were (the person may not read them).
    #[cfg_attr(feature = "ts", ts(type = "number[]"))]
    pub refused: Vec<i64>,
    /// What happened and what happens next, in the person's language.
    pub message: String,
}

/// Why the list or a follow could not be done.
#[derive(Debug, thiserror::Error)]
pub enum ContactDirectoryError {
    /// Follow or unfollow was asked for no contact.
    #[error("no contacts chosen")]
    NoContactsChosen,
    /// Ids Odoo does not know or the person may not see.
    #[error("odoo has no contacts {0:?}")]
    UnknownContacts(Vec<i64>),
    /// Anything the other use cases can fail with (no key, Odoo down, the store).
    #[error(transparent)]
    Core(#[from] CoreError),
}

impl From<OdooError> for ContactDirectoryError {
    fn from(e: OdooError) -> Self {
        ContactDirectoryError::Core(e.into())
    }
}

impl From<crate::store::StoreError> for ContactDirectoryError {
    fn from(e: crate::store::StoreError) -> Self {
        ContactDirectoryError::Core(e.into())
    }
}

impl UserFacing for ContactDirectoryError {
    fn code(&self) -> ErrorCode {
        match self {
            ContactDirectoryError::NoContactsChosen => ErrorCode::InvalidInput,
            ContactDirectoryError::UnknownContacts(_) => ErrorCode::NotFound,
            ContactDirectoryError::Core(e) => e.code(),
        }
    }

    fn msg(&self) -> Msg {
        match self {
            ContactDirectoryError::NoContactsChosen => {
                Msg::ContactDirectory(DirectoryMsg::NoContactsChosen)
            }
            ContactDirectoryError::UnknownContacts(ids) => {
                Msg::ContactDirectory(DirectoryMsg::UnknownContacts {
                    ids: ids
                        .iter()
                        .map(i64::to_string)
                        .collect::<Vec<_>>()
                        .join(", "),
                })
            }
            ContactDirectoryError::Core(e) => e.msg(),
        }
    }
}

impl Session {
    /// One page of Odoo contacts with the person's subscription and what the contacts job did
    /// with each (two Odoo reads and the count: followers, the page, its total).
    pub async fn contact_directory(
        &self,
        odoo_secrets: &dyn crate::secrets::SecretStore,
        query: &DirectoryQuery,
    ) -> Result<ContactDirectory, ContactDirectoryError> {
        let settings = self.effective_settings()?;
        let account = self.odoo_account()?.ok_or(OdooError::KeyMissing)?;
        let odoo = self
            .odoo_client_with(odoo_secrets)?
            .ok_or(OdooError::KeyMissing)?;
        let followed: BTreeSet<i64> =
            crate::odoo::contacts::followed_by(&odoo, OdooId(account.partner_id))
                .await?
                .into_iter()
                .collect();
        let linked: BTreeSet<i64> = self.store.contact_links()?.keys().copied().collect();
        let (domain, archived_too) = domain_of(query, &followed, &linked);
        let limit = match query.limit {
            0 => DEFAULT_PAGE,
            l => l.min(remote::MAX_PAGE),
        };
        let (total, rows) = remote::page(&odoo, domain, archived_too, query.offset, limit).await?;
        let facts = Facts {
            followed: &followed,
            linked: &linked,
            own_user: OdooId(account.uid),
            options: selection_options(&settings),
        };
        Ok(ContactDirectory {
            contacts: rows.iter().map(|r| facts.entry(r)).collect(),
            total,
            offset: query.offset,
            limit,
            my_customers: settings.flag(SettingKey::ContactsExportAllMyCustomers),
            job_on: settings.flag(SettingKey::ContactsEnabled),
        })
    }

    /// Follows (or unfollows) the contacts `ids` in Odoo as the person, all at once, and reads
    /// Odoo's followers again to tell what changed; ids Odoo does not know change nothing.
    pub async fn set_following(
        &self,
        odoo_secrets: &dyn crate::secrets::SecretStore,
        ids: &[i64],
        follow: bool,
    ) -> Result<FollowChange, ContactDirectoryError> {
        let ids: Vec<i64> = ids
            .iter()
            .copied()
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        if ids.is_empty() {
            return Err(ContactDirectoryError::NoContactsChosen);
        }
        let settings = self.effective_settings()?;
        let account = self.odoo_account()?.ok_or(OdooError::KeyMissing)?;
        let odoo = self
            .odoo_client_with(odoo_secrets)?
            .ok_or(OdooError::KeyMissing)?;
        let known: BTreeSet<i64> = remote::known(&odoo, &ids).await?.into_iter().collect();
        let unknown: Vec<i64> = ids.iter().filter(|i| !known.contains(i)).copied().collect();
        if !unknown.is_empty() {
            return Err(ContactDirectoryError::UnknownContacts(unknown));
        }
        let partner = OdooId(account.partner_id);
        let followers = |odoo| crate::odoo::contacts::followed_by(odoo, partner);
        let before: BTreeSet<i64> = followers(&odoo).await?.into_iter().collect();
        crate::odoo::contacts::set_following(&odoo, &ids, partner, follow).await?;
        let after: BTreeSet<i64> = followers(&odoo).await?.into_iter().collect();
        let mut change = classify(&ids, follow, &before, &after);
        change.message = follow_message(&change, &settings, self.language());
        Ok(change)
    }
}

/// What the page's query asks Odoo for, and whether archived contacts belong in it.
fn domain_of(
    query: &DirectoryQuery,
    followed: &BTreeSet<i64>,
    linked: &BTreeSet<i64>,
) -> (Value, bool) {
    let ids = |set: &BTreeSet<i64>| json!(set.iter().collect::<Vec<_>>());
    let (mut domain, archived_too) = match query.filter {
        DirectoryFilter::All => (Vec::new(), false),
        DirectoryFilter::Followed => (vec![json!(["id", "in", ids(followed)])], true),
        DirectoryFilter::Exported => (vec![json!(["id", "in", ids(linked)])], true),
        DirectoryFilter::FollowedNotExported => {
            let open: BTreeSet<i64> = followed.difference(linked).copied().collect();
            (vec![json!(["id", "in", ids(&open)])], true)
        }
        DirectoryFilter::NotFollowed => (vec![json!(["id", "not in", ids(followed)])], false),
        DirectoryFilter::HasEmail => (
            vec![json!(["email", "!=", false]), json!(["email", "!=", ""])],
            false,
        ),
    };
    if let Some(search) = query.search.as_deref().map(str::trim)
        && !search.is_empty()
    {
        domain.extend([
            json!("|"),
            json!(["name", "ilike", search]),
            json!(["email", "ilike", search]),
        ]);
    }
    (Value::Array(domain), archived_too)
}

/// What the list knows beyond a contact's own fields.
struct Facts<'a> {
    followed: &'a BTreeSet<i64>,
    linked: &'a BTreeSet<i64>,
    own_user: OdooId,
    options: SelectionOptions,
}

impl Facts<'_> {
    /// One contact as the page shows it.
    fn entry(&self, row: &DirectoryRow) -> DirectoryContact {
        let followed = self.followed.contains(&row.id);
        let salesperson = row.user == Some(self.own_user);
        let candidate = Candidate {
            id: row.id,
            followed,
            salesperson,
            created_by_me: row.created_by == Some(self.own_user),
            has_email: !crate::mail::address::split_email_field(&row.email).is_empty(),
            is_company: row.is_company,
            active: row.active,
        };
        let selection = select(&candidate, &self.options);
        let exported = self.linked.contains(&row.id);
        let state = match (exported, selection) {
            (true, _) => ContactState::Exported,
            (false, s) if s.exported() => ContactState::NextSync,
            (false, Selection::NotSubscribed) => ContactState::NotFollowed,
            (false, _) => ContactState::NotExported,
        };
        DirectoryContact {
            id: row.id,
            name: row.name.clone(),
            email: Some(row.email.clone()).filter(|e| !e.is_empty()),
            company: row.company.clone(),
            is_company: row.is_company,
            active: row.active,
            followed,
            exported,
            salesperson,
            state,
            selection,
            reason: (!exported && selection != Selection::NotSubscribed).then_some(selection),
        }
    }
}

/// Which of `ids` changed, were already as asked, or stayed against the ask.
fn classify(
    ids: &[i64],
    follow: bool,
    before: &BTreeSet<i64>,
    after: &BTreeSet<i64>,
) -> FollowChange {
    let mut change = FollowChange {
        follow,
        changed: Vec::new(),
        unchanged: Vec::new(),
        refused: Vec::new(),
        message: String::new(),
    };
    for id in ids {
        let (was, is) = (before.contains(id), after.contains(id));
        if is != follow {
            change.refused.push(*id);
        } else if was == follow {
            change.unchanged.push(*id);
        } else {
            change.changed.push(*id);
        }
    }
    change
}

fn follow_message(
    change: &FollowChange,
    settings: &crate::settings::Settings,
    lang: crate::language::Language,
) -> String {
    let done = (change.changed.len() + change.unchanged.len()) as u64;
    let mut parts = Vec::new();
    if done > 0 {
        let msg = if change.follow {
            DirectoryMsg::Followed {
                count: done,
                job_on: settings.flag(SettingKey::ContactsEnabled),
            }
        } else {
            DirectoryMsg::Unfollowed {
                count: done,
                delete: settings.flag(SettingKey::ContactsDeleteAfterUnfollow),
            }
        };
        parts.push(msg.render(lang));
    }
    if !change.refused.is_empty() {
        let count = change.refused.len() as u64;
        parts.push(DirectoryMsg::Refused { count }.render(lang));
    }
    parts.join(" ")
}

/// The CLI's status words of one contact (the page has its own, in the window's catalogue).
pub fn state_text(contact: &DirectoryContact, lang: crate::language::Language) -> String {
    let state = match contact.state {
        ContactState::Exported => RowState::Exported,
        ContactState::NextSync => RowState::NextSync,
        ContactState::NotExported => RowState::NotExported,
        ContactState::NotFollowed => RowState::NotFollowed,
    };
    let reason = match contact.reason {
        Some(Selection::OnlyCreated) => Some(Reason::OnlyCreated),
        Some(Selection::NoEmail) => Some(Reason::NoEmail),
        Some(Selection::Company) => Some(Reason::Company),
        Some(Selection::Archived) => Some(Reason::Archived),
        _ => None,
    };
    DirectoryMsg::State {
        state,
        reason,
        salesperson: contact.salesperson,
        as_customer: contact.selection == Selection::MyCustomer,
    }
    .render(lang)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(ids: &[i64]) -> BTreeSet<i64> {
        ids.iter().copied().collect()
    }

    fn row(id: i64) -> DirectoryRow {
        DirectoryRow {
            id,
            name: format!("Contact {id}"),
            email: format!("c{id}@x.example"),
            company: None,
            is_company: false,
            user: None,
            created_by: None,
            active: true,
        }
    }

    #[test]
    fn each_filter_narrows_the_domain_and_only_subscription_lists_show_archived_contacts() {
        let (followed, linked) = (set(&[1, 2, 3]), set(&[2, 9]));
        let query = |filter| DirectoryQuery {
            filter,
            ..DirectoryQuery::default()
        };
        let d = |filter| domain_of(&query(filter), &followed, &linked);
        assert_eq!(d(DirectoryFilter::All), (json!([]), false));
        assert_eq!(
            d(DirectoryFilter::Followed),
            (json!([["id", "in", [1, 2, 3]]]), true)
        );
        assert_eq!(
            d(DirectoryFilter::Exported),
            (json!([["id", "in", [2, 9]]]), true)
        );
        assert_eq!(
            d(DirectoryFilter::FollowedNotExported),
            (json!([["id", "in", [1, 3]]]), true)
        );
        assert_eq!(
            d(DirectoryFilter::NotFollowed),
            (json!([["id", "not in", [1, 2, 3]]]), false)
        );
        let searched = DirectoryQuery {
            search: Some("  anna ".into()),
            ..query(DirectoryFilter::HasEmail)
        };
        assert_eq!(
            domain_of(&searched, &followed, &linked).0,
            json!([
                ["email", "!=", false],
                ["email", "!=", ""],
                "|",
                ["name", "ilike", "anna"],
                ["email", "ilike", "anna"]
            ])
        );
    }

    #[test]
    fn a_row_says_whether_it_is_in_outlook_goes_there_next_or_why_not() {
        let facts = Facts {
            followed: &set(&[1, 2, 3, 4]),
            linked: &set(&[1]),
            own_user: OdooId(6),
            options: SelectionOptions::default(),
        };
        let exported = facts.entry(&row(1));
        assert_eq!(
            (exported.state, exported.reason),
            (ContactState::Exported, None)
        );
        let next = facts.entry(&row(2));
        assert_eq!(
            (next.state, next.reason),
            (ContactState::NextSync, Some(Selection::Followed))
        );
        let bare = facts.entry(&DirectoryRow {
            email: String::new(),
            ..row(3)
        });
        assert_eq!(
            (bare.state, bare.reason, bare.email),
            (ContactState::NotExported, Some(Selection::NoEmail), None)
        );
        let archived = facts.entry(&DirectoryRow {
            active: false,
            ..row(4)
        });
        assert_eq!(archived.reason, Some(Selection::Archived));
        let customer = facts.entry(&DirectoryRow {
            user: Some(OdooId(6)),
            ..row(5)
        });
        assert_eq!(
            (customer.state, customer.salesperson, customer.reason),
            (ContactState::NotFollowed, true, None),
            "a customer is not exported while the option is off"
        );
        let wide = Facts {
            options: SelectionOptions {
                my_customers: true,
                ..SelectionOptions::default()
            },
            ..facts
        };
        let customer = wide.entry(&DirectoryRow {
            user: Some(OdooId(6)),
            ..row(5)
        });
        assert_eq!(
            (customer.state, customer.reason),
            (ContactState::NextSync, Some(Selection::MyCustomer))
        );
        assert!(state_text(&customer, crate::language::Language::En).contains("customer"));
    }

    #[test]
    fn following_tells_changed_already_so_and_refused_apart() {
        let change = classify(&[1, 2, 3], true, &set(&[2]), &set(&[1, 2]));
        assert_eq!(
            (change.changed, change.unchanged, change.refused),
            (vec![1], vec![2], vec![3])
        );
        let change = classify(&[1, 2], false, &set(&[1]), &set(&[]));
        assert_eq!((change.changed, change.unchanged), (vec![1], vec![2]));
    }
}
