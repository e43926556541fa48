//! Protocol behaviour shared by every Graph endpoint: the error envelope and request ids,
//! throttling and injected faults (pages spoiled as a hostile or broken server sends them
//! included), OData query/Prefer parsing and paging links, Outlook extended properties (their
//! ids, `$filter` and `$expand`), and time-zone names.

pub mod errors;
pub mod extended_properties;
pub mod query;
pub mod spoil;
pub mod throttle;
pub mod timezones;
