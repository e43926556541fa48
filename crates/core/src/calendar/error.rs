//! Why a calendar run stopped before it finished.

use crate::store::StoreError;

/// Errors that stop a calendar run.
#[derive(Debug, thiserror::Error)]
pub enum CalendarRunError {
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A test's crash point stopped the run (as a kill would).
    #[error("stopped at a crash point")]
    Crashed,
    /// Odoo's own Outlook calendar sync runs for this person: two syncs of one calendar
    /// duplicate meetings.
    #[error("Odoo's own Outlook calendar sync is active for this user")]
    OdooSyncsOutlook,
}
