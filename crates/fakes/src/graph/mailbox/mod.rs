//! One person's Exchange mailbox: the folder tree under "Top of Information Store" with its
//! well-known folders, the messages in them, and the change log that drives per-folder delta.
//!
//! Exchange behaviour reproduced here (GRAPH_FACTS §2): folder ids are stable; a message's REST id
//! changes when it moves folders while its immutable id does not; `DELETE` moves a message to
//! Deleted Items (and removes it for good when it is already there); a message that leaves a folder
//! leaves a tombstone so the folder's delta reports it as `@removed`; every change gets a new
//! change key. The primary calendar ([`calendar`]) lives beside `folders`/`messages`: its events
//! ([`event`]), series expansion ([`recurrence`]), calendarView delta rounds ([`calendar_sync`])
//! and the meetings shared between mailboxes ([`meetings`]). The contacts ([`contacts`]) are a
//! store of their own: contact folders, contacts ([`contact`]) with their extended properties and
//! photos ([`photo`]), and per-folder delta rounds ([`contact_sync`]).

pub mod calendar;
pub mod calendar_sync;
pub mod contact;
pub mod contact_sync;
pub mod contacts;
pub mod event;
pub mod ids;
pub mod meetings;
pub mod message;
pub mod mime;
pub mod photo;
pub mod recurrence;
pub mod store;

pub use store::{
    DeltaEntry, Folder, FolderExists, Lookup, Mailbox, SyncState, Tombstone, WELL_KNOWN,
};
