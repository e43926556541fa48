//! Protocol behaviour shared by every Graph endpoint: the error envelope and request ids,
//! throttling and injected faults, and OData query/Prefer parsing and paging links.

pub mod errors;
pub mod query;
pub mod throttle;
