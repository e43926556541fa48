//! The mail job's seams: what it asks of the mailbox and of Odoo, as two small traits. The
//! Graph and Odoo clients implement them here (every URL stays in `graph/`, every model and
//! method in `odoo/`); the engine tests implement them in memory (`memory.rs`), so the engine is tested
//! without HTTP.

use std::collections::BTreeMap;
use std::future::Future;

use crate::graph::client::GraphClient;
use crate::graph::error::{GraphError, GraphErrorKind};
use crate::graph::messages::{self, AttachmentInfo, DeltaFrom, DeltaPage, MailBody};
use crate::model::OdooId;
use crate::odoo::chatter::{self, Attachment, Entry, Note, Record};
use crate::odoo::partners::{self, Contact};
use crate::odoo::{OdooClient, OdooError, opportunities};

/// The person's mailbox as the mail job reads and tidies it.
pub trait Mailbox: Sync {
    /// One page of a transfer folder's delta round.
    fn delta_page(
        &self,
        folder: &str,
        from: DeltaFrom<'_>,
        page_size: u32,
    ) -> impl Future<Output = Result<DeltaPage, GraphError>> + Send;

    /// A mail's HTML body and the folder it is in now.
    fn body(&self, id: &str) -> impl Future<Output = Result<MailBody, GraphError>> + Send;

    /// A mail's attachments, metadata only.
    fn attachments(
        &self,
        id: &str,
    ) -> impl Future<Output = Result<Vec<AttachmentInfo>, GraphError>> + Send;

    /// One attachment's bytes.
    fn attachment_bytes(
        &self,
        id: &str,
        attachment: &str,
    ) -> impl Future<Output = Result<Vec<u8>, GraphError>> + Send;

    /// Moves a mail to Deleted Items (never a hard delete); a mail already gone is fine.
    fn move_to_deleted_items(
        &self,
        id: &str,
    ) -> impl Future<Output = Result<(), GraphError>> + Send;

    /// Most pages one delta round may have before it is taken to be endless.
    fn max_delta_pages(&self) -> usize {
        crate::graph::client::MAX_PAGES_PER_ROUND
    }
}

/// Odoo as the mail job reads and writes it.
pub trait OdooSide: Sync {
    /// Every contact holding one of `addresses` (exact matching is the caller's).
    fn contacts_with(
        &self,
        addresses: &[&str],
    ) -> impl Future<Output = Result<Vec<Contact>, OdooError>> + Send;

    /// The entries with one of `keys` on `model` records (of `ids` when given), lowest first.
    fn entries(
        &self,
        model: &'static str,
        keys: &[&str],
        ids: Option<&[i64]>,
    ) -> impl Future<Output = Result<Vec<Entry>, OdooError>> + Send;

    /// Creates a note's files as attachments of `record`: per file its id or Odoo's refusal of
    /// its content; `Err` when Odoo could not be asked.
    fn attach(
        &self,
        record: Record,
        files: &[Attachment],
    ) -> impl Future<Output = Result<Vec<Result<OdooId, OdooError>>, OdooError>> + Send;

    /// Removes attachments a post never took (ids already gone count as removed).
    fn remove_attachments(
        &self,
        ids: &[OdooId],
    ) -> impl Future<Output = Result<(), OdooError>> + Send;

    /// Posts a note on a record with the attachments created for it; the new entry's id.
    fn post(
        &self,
        record: Record,
        note: &Note,
        attachments: &[OdooId],
    ) -> impl Future<Output = Result<OdooId, OdooError>> + Send;

    /// Removes entries (ids already gone count as removed).
    fn remove_entries(&self, ids: &[OdooId]) -> impl Future<Output = Result<(), OdooError>> + Send;

    /// The open opportunities on `contacts` or their people: (opportunity, its contact).
    fn open_opportunities(
        &self,
        contacts: &[i64],
    ) -> impl Future<Output = Result<Vec<(OdooId, OdooId)>, OdooError>> + Send;

    /// Each contact's commercial partner (its company, or itself).
    fn commercial_partners(
        &self,
        contacts: &[i64],
    ) -> impl Future<Output = Result<BTreeMap<OdooId, OdooId>, OdooError>> + Send;
}

impl Mailbox for GraphClient {
    async fn delta_page(
        &self,
        folder: &str,
        from: DeltaFrom<'_>,
        page_size: u32,
    ) -> Result<DeltaPage, GraphError> {
        messages::delta_page(self, folder, from, page_size).await
    }

    async fn body(&self, id: &str) -> Result<MailBody, GraphError> {
        messages::body(self, id).await
    }

    async fn attachments(&self, id: &str) -> Result<Vec<AttachmentInfo>, GraphError> {
        messages::attachments(self, id).await
    }

    async fn attachment_bytes(&self, id: &str, attachment: &str) -> Result<Vec<u8>, GraphError> {
        messages::attachment_bytes(self, id, attachment).await
    }

    async fn move_to_deleted_items(&self, id: &str) -> Result<(), GraphError> {
        match messages::move_to(self, id, "deleteditems").await {
            // already gone from the folder (the person moved it, or a crash after the move)
            Err(e) if e.kind == GraphErrorKind::NotFound => Ok(()),
            other => other.map(|_| ()),
        }
    }

    fn max_delta_pages(&self) -> usize {
        self.max_pages_per_round()
    }
}

impl OdooSide for OdooClient {
    async fn contacts_with(&self, addresses: &[&str]) -> Result<Vec<Contact>, OdooError> {
        partners::with_addresses(self, addresses).await
    }

    async fn entries(
        &self,
        model: &'static str,
        keys: &[&str],
        ids: Option<&[i64]>,
    ) -> Result<Vec<Entry>, OdooError> {
        chatter::entries(self, model, keys, ids).await
    }

    async fn attach(
        &self,
        record: Record,
        files: &[Attachment],
    ) -> Result<Vec<Result<OdooId, OdooError>>, OdooError> {
        chatter::attach(self, record, files).await
    }

    async fn remove_attachments(&self, ids: &[OdooId]) -> Result<(), OdooError> {
        chatter::unlink_attachments(self, ids).await
    }

    async fn post(
        &self,
        record: Record,
        note: &Note,
        attachments: &[OdooId],
    ) -> Result<OdooId, OdooError> {
        chatter::post(self, record, note, attachments).await
    }

    async fn remove_entries(&self, ids: &[OdooId]) -> Result<(), OdooError> {
        chatter::remove(self, ids).await
    }

    async fn open_opportunities(
        &self,
        contacts: &[i64],
    ) -> Result<Vec<(OdooId, OdooId)>, OdooError> {
        opportunities::open_of(self, contacts).await
    }

    async fn commercial_partners(
        &self,
        contacts: &[i64],
    ) -> Result<BTreeMap<OdooId, OdooId>, OdooError> {
        partners::commercial_partners(self, contacts).await
    }
}
