//! What a mail run works with, read from the settings by the use case.

/// What a mail run works with, read from the settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailOptions {
    /// The incoming transfer folder's Graph id.
    pub incoming: Option<String>,
    /// The outgoing transfer folder's Graph id.
    pub outgoing: Option<String>,
    /// Colleagues' partners are targets too.
    pub include_colleagues: bool,
    /// Move confirmed mails to Deleted Items.
    pub delete_after_transfer: bool,
    /// Larger attachments are left out with a note.
    pub attachment_limit_bytes: u64,
    /// Also file on the contact's open opportunity when it has exactly one (CRM installed).
    pub file_on_opportunity: bool,
    /// Mails per delta page (`Prefer: odata.maxpagesize`) and per Odoo lookup.
    pub page_size: u32,
    /// Show what would happen; write nothing anywhere.
    pub dry_run: bool,
    /// The language of the notes a person reads.
    pub lang: crate::i18n::Language,
    /// The person's time zone (their Odoo user's), for the date in an entry's header; UTC
    /// when unknown.
    pub time_zone: Option<chrono_tz::Tz>,
}

impl MailOptions {
    /// The transfer folder mails of `direction` are taken from.
    pub fn folder_of(&self, direction: super::plan::Direction) -> Option<&str> {
        match direction {
            super::plan::Direction::Incoming => self.incoming.as_deref(),
            super::plan::Direction::Outgoing => self.outgoing.as_deref(),
        }
        .filter(|f| !f.trim().is_empty())
    }
}
