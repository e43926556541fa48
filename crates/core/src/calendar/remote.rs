//! The calendar job's seams: what it asks of the person's Outlook calendar and of Odoo. The
//! Graph and Odoo clients implement them here in a line each (every URL stays in `graph/`,
//! every model in `odoo/`); the engine tests implement them in memory.

use std::future::Future;

use serde_json::{Map, Value};

use crate::graph::client::GraphClient;
use crate::graph::error::GraphError;
use crate::graph::events::{self, Event, EventChange, Window};
use crate::graph::messages::{DeltaFrom, DeltaPage};
use crate::model::OdooId;
use crate::odoo::calendar::{self, CalendarFacts, IdentityField, OdooEvent};
use crate::odoo::partners::{self, Contact};
use crate::odoo::{OdooClient, OdooError};

/// The person's Outlook calendar, read only.
pub trait OutlookCalendar: Sync {
    /// One page of the calendar's delta over `window`.
    fn delta_page(
        &self,
        window: &Window,
        from: DeltaFrom<'_>,
        page_size: u32,
    ) -> impl Future<Output = Result<DeltaPage<EventChange>, GraphError>> + Send;

    /// One event by id; `None` when it is gone.
    fn event(&self, id: &str) -> impl Future<Output = Result<Option<Event>, GraphError>> + Send;

    /// Most pages one delta round may have before it is taken to be endless.
    fn max_delta_pages(&self) -> usize {
        crate::graph::client::MAX_PAGES_PER_ROUND
    }
}

/// Odoo's calendar as the job reads and writes it.
pub trait OdooCalendar: Sync {
    /// Which identity field exists and whether the person syncs Outlook through Odoo.
    fn facts(&self) -> impl Future<Output = Result<CalendarFacts, OdooError>> + Send;

    /// Every contact holding one of `addresses` (exact matching is the caller's).
    fn contacts_with(
        &self,
        addresses: &[&str],
    ) -> impl Future<Output = Result<Vec<Contact>, OdooError>> + Send;

    /// Events with one of `uids` in the identity field, and the events `ids`.
    fn events(
        &self,
        identity: IdentityField,
        uids: &[&str],
        ids: &[OdooId],
    ) -> impl Future<Output = Result<Vec<OdooEvent>, OdooError>> + Send;

    /// Events with one of the `(name, start, stop)` keys attended by one of `partners`, and
    /// the events `ids`, in one read.
    fn events_by_name_and_time(
        &self,
        keys: &[(String, String, String)],
        partners: &[OdooId],
        ids: &[OdooId],
    ) -> impl Future<Output = Result<Vec<OdooEvent>, OdooError>> + Send;

    /// Creates events in one call; ids in order.
    fn create(
        &self,
        values: Vec<Map<String, Value>>,
    ) -> impl Future<Output = Result<Vec<OdooId>, OdooError>> + Send;

    /// Writes values to one event.
    fn write(
        &self,
        id: OdooId,
        values: Map<String, Value>,
    ) -> impl Future<Output = Result<(), OdooError>> + Send;

    /// Removes events (ids already gone count as removed).
    fn remove(&self, ids: &[OdooId]) -> impl Future<Output = Result<(), OdooError>> + Send;
}

impl OutlookCalendar for GraphClient {
    async fn delta_page(
        &self,
        window: &Window,
        from: DeltaFrom<'_>,
        page_size: u32,
    ) -> Result<DeltaPage<EventChange>, GraphError> {
        events::delta_page(self, window, from, page_size).await
    }

    async fn event(&self, id: &str) -> Result<Option<Event>, GraphError> {
        events::event(self, id).await
    }

    fn max_delta_pages(&self) -> usize {
        self.max_pages_per_round()
    }
}

impl OdooCalendar for OdooClient {
    async fn facts(&self) -> Result<CalendarFacts, OdooError> {
        calendar::facts(self).await
    }

    async fn contacts_with(&self, addresses: &[&str]) -> Result<Vec<Contact>, OdooError> {
        partners::with_addresses(self, addresses).await
    }

    async fn events(
        &self,
        identity: IdentityField,
        uids: &[&str],
        ids: &[OdooId],
    ) -> Result<Vec<OdooEvent>, OdooError> {
        calendar::events_by_identity(self, identity, uids, ids).await
    }

    async fn events_by_name_and_time(
        &self,
        keys: &[(String, String, String)],
        partners: &[OdooId],
        ids: &[OdooId],
    ) -> Result<Vec<OdooEvent>, OdooError> {
        calendar::events_by_name_and_time(self, keys, partners, ids).await
    }

    async fn create(&self, values: Vec<Map<String, Value>>) -> Result<Vec<OdooId>, OdooError> {
        calendar::create(self, values).await
    }

    async fn write(&self, id: OdooId, values: Map<String, Value>) -> Result<(), OdooError> {
        calendar::write(self, id, values).await
    }

    async fn remove(&self, ids: &[OdooId]) -> Result<(), OdooError> {
        calendar::remove(self, ids).await
    }
}
