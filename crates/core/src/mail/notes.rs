//! What happened to one mail, as the sentence the person reads (in the run report, the run log,
//! the window, and — for attachments left out — the chatter entry itself), and the problems
//! that keep a mail from being filed, sorted by what helps: a later run, a person, or nothing.
//! The sentences are the `note-` messages of the Fluent catalogue (`i18n/<code>.ftl`).

use serde::{Deserialize, Serialize};

use crate::catalogue::{s, text};
use crate::language::Language;

/// One note about one mail.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum MailNote {
    /// Settled in an earlier run: nothing to do.
    AlreadyFiled,
    /// Posted by an earlier run that could not check it (killed, or Odoo stopped answering);
    /// checked now.
    ConfirmedFromInterruptedRun,
    /// No address on the mail at all.
    NoAddress,
    /// Only colleagues' addresses (deliberately not filed on).
    OnlyColleagues,
    /// Every address is set to be ignored.
    EveryAddressIgnored,
    /// Outlook did not hand out the mail (body or attachments).
    NotReadFromOutlook,
    /// Outlook sent the mail in a form that cannot be read (e.g. a wrongly typed field).
    UnreadableFromOutlook,
    /// Odoo did not answer (down, unreachable, busy).
    OdooDidNotAnswer,
    /// Odoo refused the stored key.
    KeyRefused,
    /// No write access on the contact.
    NoWriteAccess {
        /// The `res.partner` id.
        contact: i64,
    },
    /// Odoo refuses the mail itself; trying it unchanged again cannot help.
    Refused {
        /// Odoo's own words.
        reason: String,
    },
    /// Posted, but Odoo could not be asked to show the entry afterwards.
    NotConfirmed,
    /// Posted, but Odoo did not show the entry when it was read back.
    NotFoundWhenChecked,
    /// Filed, but not moved to Deleted Items.
    NotMoved,
    /// An attachment over the size limit, left out.
    AttachmentOverLimit {
        /// Its name.
        name: String,
        /// Its size in MB.
        mb: u64,
        /// The limit in MB.
        limit_mb: u64,
    },
    /// An attachment that is only a link to a cloud file, left out.
    AttachmentIsLink {
        /// Its name.
        name: String,
    },
    /// An attachment Odoo refuses (e.g. a damaged image), left out.
    AttachmentRefused {
        /// Its name.
        name: String,
        /// Odoo's own words.
        reason: String,
    },
    /// Taken out of the transfer folder before it was filed.
    LeftTheFolder,
    /// The person chose to skip it.
    SkippedByPerson,
    /// Something about filing it on the contact's opportunity.
    OnOpportunity {
        /// What happened there.
        note: Box<MailNote>,
    },
}

impl MailNote {
    /// The sentence in `lang`, formatted from the Fluent catalogue (`i18n/<code>.ftl`, the
    /// `note-` messages).
    pub fn render(&self, lang: Language) -> String {
        let args = match self {
            MailNote::NoWriteAccess { contact } => vec![s("contact", contact)],
            MailNote::Refused { reason } => vec![s("reason", reason)],
            MailNote::AttachmentOverLimit { name, mb, limit_mb } => {
                vec![s("name", name), s("mb", mb), s("limit_mb", limit_mb)]
            }
            MailNote::AttachmentIsLink { name } => vec![s("name", name)],
            MailNote::AttachmentRefused { name, reason } => {
                vec![s("name", name), s("reason", reason)]
            }
            MailNote::OnOpportunity { note } => vec![s("note", note.render(lang))],
            _ => Vec::new(),
        };
        text(lang, self.id(), &args)
    }

    /// The message id.
    fn id(&self) -> &'static str {
        match self {
            MailNote::AlreadyFiled => "note-already-filed",
            MailNote::ConfirmedFromInterruptedRun => "note-confirmed-from-interrupted-run",
            MailNote::NoAddress => "note-no-address",
            MailNote::OnlyColleagues => "note-only-colleagues",
            MailNote::EveryAddressIgnored => "note-every-address-ignored",
            MailNote::NotReadFromOutlook => "note-not-read-from-outlook",
            MailNote::UnreadableFromOutlook => "note-unreadable-from-outlook",
            MailNote::OdooDidNotAnswer => "note-odoo-did-not-answer",
            MailNote::KeyRefused => "note-key-refused",
            MailNote::NoWriteAccess { .. } => "note-no-write-access",
            MailNote::Refused { .. } => "note-refused",
            MailNote::NotConfirmed => "note-not-confirmed",
            MailNote::NotFoundWhenChecked => "note-not-found-when-checked",
            MailNote::NotMoved => "note-not-moved",
            MailNote::AttachmentOverLimit { .. } => "note-attachment-over-limit",
            MailNote::AttachmentIsLink { .. } => "note-attachment-is-link",
            MailNote::AttachmentRefused { .. } => "note-attachment-refused",
            MailNote::LeftTheFolder => "note-left-the-folder",
            MailNote::SkippedByPerson => "note-skipped-by-person",
            MailNote::OnOpportunity { .. } => "note-on-opportunity",
        }
    }
}

/// What helps a mail that could not be filed; of several, the first in this order decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Remedy {
    /// Nothing: it left the transfer folder, so it is not filed at all.
    Gone,
    /// A later run (Odoo or Outlook did not answer, an administrator grants access).
    LaterRun,
    /// A person: Odoo refuses it as it is (retry or skip).
    Person,
}

impl MailNote {
    /// What helps a mail that this note says was not filed.
    fn remedy(&self) -> Remedy {
        match self {
            MailNote::Refused { .. } => Remedy::Person,
            MailNote::LeftTheFolder => Remedy::Gone,
            MailNote::OnOpportunity { note } => note.remedy(),
            _ => Remedy::LaterRun,
        }
    }
}

/// Why a mail (on one record) was not filed: the sentence and the technical detail behind it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    /// What the person reads.
    pub note: MailNote,
    /// The error as the software saw it (for `--json` and the window's details).
    pub technical: Option<String>,
}

impl Problem {
    pub(super) fn new(note: MailNote, technical: impl std::fmt::Display) -> Problem {
        Problem {
            note,
            technical: Some(technical.to_string()),
        }
    }

    pub(super) fn remedy(&self) -> Remedy {
        self.note.remedy()
    }
}

/// Notes joined into one text in `lang`.
pub fn render_all(notes: &[MailNote], lang: Language) -> Option<String> {
    (!notes.is_empty()).then(|| {
        notes
            .iter()
            .map(|n| n.render(lang))
            .collect::<Vec<_>>()
            .join(" ")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refused_attachment_is_named_with_odoos_reason_in_both_languages() {
        let note = MailNote::AttachmentRefused {
            name: "plan.png".into(),
            reason: "Truncated File Read".into(),
        };
        assert_eq!(
            note.render(Language::En),
            "Attachment plan.png left out: Odoo refused it (“Truncated File Read”)."
        );
        assert_eq!(
            note.render(Language::De),
            "Anhang plan.png weggelassen: Odoo hat ihn abgelehnt („Truncated File Read“)."
        );
    }

    #[test]
    fn a_mail_outlook_sent_unreadable_says_how_to_try_again_in_both_languages() {
        assert_eq!(
            MailNote::UnreadableFromOutlook.render(Language::En),
            "Outlook sent this mail in a form that cannot be read; it was skipped. To try it again, mark it as unread or read in Outlook; the next run then reads it again."
        );
        assert_eq!(
            MailNote::UnreadableFromOutlook.render(Language::De),
            "Outlook hat diese Mail in einer Form geschickt, die nicht lesbar ist; sie wurde übersprungen. Für einen neuen Versuch markieren Sie sie in Outlook als ungelesen oder gelesen; der nächste Lauf liest sie dann erneut."
        );
    }

    #[test]
    fn only_a_refusal_waits_for_a_person_and_only_leaving_the_folder_ends_it() {
        let p = |note| Problem {
            note,
            technical: None,
        };
        let refused = MailNote::Refused { reason: "x".into() };
        assert_eq!(p(refused.clone()).remedy(), Remedy::Person);
        assert_eq!(p(MailNote::LeftTheFolder).remedy(), Remedy::Gone);
        assert_eq!(p(MailNote::OdooDidNotAnswer).remedy(), Remedy::LaterRun);
        let on_lead = MailNote::OnOpportunity {
            note: Box::new(refused),
        };
        assert_eq!(p(on_lead).remedy(), Remedy::Person);
    }
}
