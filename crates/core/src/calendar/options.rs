//! What one calendar run follows: the person's choices and who they are in Odoo.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use chrono_tz::Tz;

use crate::language::Language;
use crate::mail::address::Address;
use crate::model::OdooId;

/// The calendar job's options for one run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarOptions {
    /// Events whose first day is before this are not imported.
    pub start_date: NaiveDate,
    /// Today in the person's zone (from the injected clock): the window reaches a year beyond.
    pub today: NaiveDate,
    /// The person's zone (Odoo's user setting; UTC when unset).
    pub tz: Tz,
    /// Private events are skipped (default), else imported as private.
    pub skip_private: bool,
    /// Cancelled or deleted events are archived in Odoo (default off: only listed).
    pub archive_cancelled: bool,
    /// Events per Graph page.
    pub page_size: u32,
    /// A preview: plan and report, write nothing.
    pub dry_run: bool,
    /// The person's language.
    pub lang: Language,
    /// The person's partner in Odoo.
    pub own_partner: OdooId,
    /// The person's Odoo user.
    pub own_user: OdooId,
    /// The person's own addresses (Microsoft and Odoo logins).
    pub own_addresses: BTreeSet<Address>,
}

/// Events per delta page asked for (`Prefer: odata.maxpagesize`). Graph documents no maximum
/// for calendar delta; 1,000 is Outlook's largest `$top`, and a server that answers fewer links
/// the rest by `nextLink`. Large pages keep requests few: each page costs Odoo one contact
/// lookup, one identity lookup, one `create` and one read-back, however many events it holds.
pub const DEFAULT_PAGE_SIZE: u32 = 1000;
