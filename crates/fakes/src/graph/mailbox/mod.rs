//! One person's Exchange mailbox: the folder tree under "Top of Information Store" with its
//! well-known folders, the messages in them, and the change log that drives per-folder delta.
//!
//! Exchange behaviour reproduced here (GRAPH_FACTS §2): folder ids are stable; a message's REST id
//! changes when it moves folders while its immutable id does not; `DELETE` moves a message to
//! Deleted Items (and removes it for good when it is already there); a message that leaves a folder
//! leaves a tombstone so the folder's delta reports it as `@removed`; every change gets a new
//! change key. Calendars and contacts will live beside `folders`/`messages` as their own stores.

pub mod ids;
pub mod message;
pub mod mime;
pub mod store;

pub use store::{
    DeltaEntry, Folder, FolderExists, Lookup, Mailbox, SyncState, Tombstone, WELL_KNOWN,
};
