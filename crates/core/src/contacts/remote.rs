//! The contacts job's seams: what it asks of the person's Outlook address book and of Odoo.
//! The Graph and Odoo clients implement them in a line each; the engine tests in memory.

use std::collections::BTreeMap;
use std::future::Future;

use serde_json::Value;

use crate::graph::batch;
use crate::graph::contacts::{self, ContactChange};
use crate::graph::error::GraphError;
use crate::graph::messages::{DeltaFrom, DeltaPage, read_delta_page_with};
use crate::model::OdooId;
use crate::odoo::OdooError;
use crate::odoo::contacts::{self as odoo_contacts, PartnerRow};

/// One write to the address book and how it ended: the contact's id and change key, or why
/// not (HTTP status and Graph's message).
pub type WriteResult = Result<(String, String), (u16, String)>;

/// A write the job asks of Outlook.
#[derive(Debug, Clone, PartialEq)]
pub enum ContactWrite {
    /// Create `body` in the target folder.
    Create(Value),
    /// Write `body` over contact `id`.
    Update {
        /// The contact.
        id: String,
        /// Its new fields.
        body: Value,
    },
    /// Delete contact `id` (Outlook keeps it in Deleted Items).
    Delete(String),
    /// Set contact `id`'s photo to `bytes` (JPEG or PNG).
    Photo {
        /// The contact.
        id: String,
        /// The picture.
        bytes: Vec<u8>,
    },
}

/// The person's Outlook address book, as far as the connector's own contacts go.
pub trait AddressBook: Sync {
    /// One page of the target folder's delta.
    fn delta_page(
        &self,
        folder: &str,
        from: DeltaFrom<'_>,
    ) -> impl Future<Output = Result<DeltaPage<ContactChange>, GraphError>> + Send;

    /// Our contacts in the folder by their identity value (a reinstall relinks them).
    fn ours(
        &self,
        folder: &str,
    ) -> impl Future<Output = Result<BTreeMap<String, String>, GraphError>> + Send;

    /// The folder contact `id` is in (the main folder of an address book that had no contact
    /// has no id to read before).
    fn folder_of(&self, id: &str) -> impl Future<Output = Result<String, GraphError>> + Send;

    /// The writes, in `$batch`es of 20; one result per write, in order.
    fn write(
        &self,
        folder: &str,
        writes: &[ContactWrite],
    ) -> impl Future<Output = Result<Vec<WriteResult>, GraphError>> + Send;
}

/// Odoo as the contacts job reads it (it never writes contact data).
pub trait OdooAddresses: Sync {
    /// The contacts `partner` follows.
    fn followed(&self, partner: OdooId)
    -> impl Future<Output = Result<Vec<i64>, OdooError>> + Send;

    /// The contacts whose salesperson `user` is.
    fn customers_of(
        &self,
        user: OdooId,
    ) -> impl Future<Output = Result<Vec<i64>, OdooError>> + Send;

    /// Contacts among `ids` changed after `since`, and all of `always` (one read).
    fn read(
        &self,
        ids: &[i64],
        since: Option<&odoo_contacts::ChangedSince>,
        always: &[i64],
    ) -> impl Future<Output = Result<Vec<PartnerRow>, OdooError>> + Send;

    /// The image checksum of each contact among `ids` that has an image.
    fn image_checksums(
        &self,
        ids: &[i64],
    ) -> impl Future<Output = Result<BTreeMap<i64, String>, OdooError>> + Send;

    /// The pictures of the contacts `ids` that have one (one read; asked only for those whose
    /// checksum moved).
    fn images(
        &self,
        ids: &[i64],
    ) -> impl Future<Output = Result<BTreeMap<i64, Vec<u8>>, OdooError>> + Send;
}

impl AddressBook for crate::graph::client::GraphClient {
    async fn delta_page(
        &self,
        folder: &str,
        from: DeltaFrom<'_>,
    ) -> Result<DeltaPage<ContactChange>, GraphError> {
        let url = match from {
            DeltaFrom::Link(link) => link.to_owned(),
            DeltaFrom::Start => contacts::delta_url(folder),
        };
        let response = self
            .send(reqwest::Method::GET, &url, None, &["odata.maxpagesize=200"])
            .await?;
        let page = read_delta_page_with(response.body, contacts::change_of)?;
        Ok(match page {
            DeltaPage::More { changes, next_link } => DeltaPage::More {
                changes: changes.into_iter().flatten().collect(),
                next_link,
            },
            DeltaPage::Last {
                changes,
                delta_link,
            } => DeltaPage::Last {
                changes: changes.into_iter().flatten().collect(),
                delta_link,
            },
        })
    }

    async fn ours(&self, folder: &str) -> Result<BTreeMap<String, String>, GraphError> {
        let listed: Vec<Value> = self.get_all(&contacts::ours_url(folder)).await?;
        Ok(listed
            .iter()
            .filter_map(|c| {
                let id = c.get("id")?.as_str()?.to_owned();
                Some((contacts::identity_of(c)?.to_owned(), id))
            })
            .collect())
    }

    async fn folder_of(&self, id: &str) -> Result<String, GraphError> {
        let contact: Value = self
            .get(&format!("/me/contacts/{id}?$select=parentFolderId"))
            .await?;
        Ok(contact["parentFolderId"]
            .as_str()
            .unwrap_or_default()
            .to_owned())
    }

    async fn write(
        &self,
        folder: &str,
        writes: &[ContactWrite],
    ) -> Result<Vec<WriteResult>, GraphError> {
        // NOTE: a picture that is neither JPEG nor PNG gets no request but still its result,
        // so results stay in the order of the writes
        let requests: Vec<Option<batch::BatchRequest>> = writes
            .iter()
            .enumerate()
            .map(|(i, w)| match w {
                ContactWrite::Create(body) => Some(contacts::create(i.to_string(), folder, body)),
                ContactWrite::Update { id, body } => {
                    Some(contacts::update(i.to_string(), id, body))
                }
                ContactWrite::Delete(id) => Some(contacts::delete(i.to_string(), id)),
                ContactWrite::Photo { id, bytes } => contacts::photo(i.to_string(), id, bytes),
            })
            .collect();
        let sending: Vec<batch::BatchRequest> = requests.iter().flatten().cloned().collect();
        let mut answers = batch::send(self, &sending, 5, self.sleeper())
            .await?
            .into_iter();
        Ok(requests
            .iter()
            .map(|r| match r {
                None => Err((415, "the picture is neither JPEG nor PNG".to_owned())),
                Some(_) => answers
                    .next()
                    .map_or_else(|| Err((0, "no answer".to_owned())), written),
            })
            .collect())
    }
}

/// One batch answer as the job's result.
fn written(a: batch::BatchResponse) -> WriteResult {
    if !a.is_success() {
        let message = a.body["error"]["message"].as_str().unwrap_or_default();
        return Err((a.status, message.to_owned()));
    }
    if a.status == 204 || a.body.is_null() {
        // a delete or a photo answers no body
        return Ok((String::new(), String::new()));
    }
    serde_json::from_value::<contacts::Written>(a.body)
        .map(|w| (w.id, w.change_key))
        .map_err(|e| (a.status, e.to_string()))
}

impl OdooAddresses for crate::odoo::OdooClient {
    async fn followed(&self, partner: OdooId) -> Result<Vec<i64>, OdooError> {
        odoo_contacts::followed_by(self, partner).await
    }

    async fn customers_of(&self, user: OdooId) -> Result<Vec<i64>, OdooError> {
        odoo_contacts::customers_of(self, user).await
    }

    async fn read(
        &self,
        ids: &[i64],
        since: Option<&odoo_contacts::ChangedSince>,
        always: &[i64],
    ) -> Result<Vec<PartnerRow>, OdooError> {
        odoo_contacts::read(self, ids, since, always).await
    }

    async fn image_checksums(&self, ids: &[i64]) -> Result<BTreeMap<i64, String>, OdooError> {
        odoo_contacts::image_checksums(self, ids).await
    }

    async fn images(&self, ids: &[i64]) -> Result<BTreeMap<i64, Vec<u8>>, OdooError> {
        odoo_contacts::images(self, ids).await
    }
}
