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
        match &self.note {
            MailNote::Refused { .. } => Remedy::Person,
            MailNote::LeftTheFolder => Remedy::Gone,
            MailNote::OnOpportunity { note } => Problem {
                note: (**note).clone(),
                technical: None,
            }
            .remedy(),
            _ => Remedy::LaterRun,
        }
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
mod old_texts {
    use super::MailNote;

    fn english(note: &MailNote) -> String {
        match note {
            MailNote::AlreadyFiled => "Already filed in an earlier run.".into(),
            MailNote::ConfirmedFromInterruptedRun => {
                "Filed in an earlier run that could not check it; found in Odoo now.".into()
            }
            MailNote::NoAddress => "Nothing to file: the mail has no address.".into(),
            MailNote::OnlyColleagues => "Only colleagues are on it, so it is filed nowhere.".into(),
            MailNote::EveryAddressIgnored => "Every address on it is set to be ignored.".into(),
            MailNote::NotReadFromOutlook => {
                "Outlook did not hand out the mail; the next run tries again.".into()
            }
            MailNote::UnreadableFromOutlook => {
                "Outlook sent this mail in a form that cannot be read; it was skipped. To try it again, mark it as unread or read in Outlook; the next run then reads it again."
                    .into()
            }
            MailNote::OdooDidNotAnswer => "Odoo did not answer; the next run tries again.".into(),
            MailNote::NoWriteAccess { contact } => format!(
                "You may not write on Odoo contact {contact}; ask your Odoo administrator for access."
            ),
            MailNote::Refused { reason } => format!(
                "Odoo refuses this mail (“{reason}”). Trying again unchanged will not help: retry it once something changed, or skip it."
            ),
            MailNote::KeyRefused => {
                "Odoo refused the stored key; connect Odoo again, then the next run files it."
                    .into()
            }
            MailNote::NotConfirmed => {
                "Filed, but Odoo stopped answering before it was checked; the next run checks it."
                    .into()
            }
            MailNote::NotFoundWhenChecked => {
                "Posted, but Odoo did not show it when checked; the next run checks again.".into()
            }
            MailNote::NotMoved => {
                "Filed, but not moved to Deleted Items; the next run moves it.".into()
            }
            MailNote::AttachmentOverLimit { name, mb, limit_mb } => format!(
                "Attachment {name} ({mb} MB) left out: it is over the limit of {limit_mb} MB."
            ),
            MailNote::AttachmentIsLink { name } => {
                format!("Attachment {name} left out: it is a link to a cloud file, not a file.")
            }
            MailNote::AttachmentRefused { name, reason } => {
                format!("Attachment {name} left out: Odoo refused it (“{reason}”).")
            }
            MailNote::LeftTheFolder => {
                "Taken out of the transfer folder before it was filed, so it was not filed.".into()
            }
            MailNote::SkippedByPerson => {
                "Skipped as you chose; it stays in the transfer folder.".into()
            }
            MailNote::OnOpportunity { note } => {
                format!("On the opportunity: {}", english(note))
            }
        }
    }

    fn german(note: &MailNote) -> String {
        match note {
            MailNote::AlreadyFiled => "Schon in einem früheren Lauf abgelegt.".into(),
            MailNote::ConfirmedFromInterruptedRun => {
                "In einem früheren Lauf abgelegt, der es nicht prüfen konnte; jetzt in Odoo gefunden."
                    .into()
            }
            MailNote::NoAddress => "Nichts abzulegen: Die Mail hat keine Adresse.".into(),
            MailNote::OnlyColleagues => {
                "Nur Kolleginnen und Kollegen stehen darauf; sie wird nirgends abgelegt.".into()
            }
            MailNote::EveryAddressIgnored => "Alle Adressen darauf werden ignoriert.".into(),
            MailNote::NotReadFromOutlook => {
                "Outlook hat die Mail nicht herausgegeben; der nächste Lauf versucht es erneut."
                    .into()
            }
            MailNote::UnreadableFromOutlook => {
                "Outlook hat diese Mail in einer Form geschickt, die nicht lesbar ist; sie wurde übersprungen. Für einen neuen Versuch markieren Sie sie in Outlook als ungelesen oder gelesen; der nächste Lauf liest sie dann erneut."
                    .into()
            }
            MailNote::OdooDidNotAnswer => {
                "Odoo hat nicht geantwortet; der nächste Lauf versucht es erneut.".into()
            }
            MailNote::NoWriteAccess { contact } => format!(
                "Sie dürfen den Odoo-Kontakt {contact} nicht bearbeiten; bitten Sie Ihren Odoo-Administrator um Zugriff."
            ),
            MailNote::Refused { reason } => format!(
                "Odoo lehnt diese Mail ab („{reason}“). Ein unveränderter neuer Versuch hilft nicht: Versuchen Sie es erneut, sobald sich etwas geändert hat, oder überspringen Sie sie."
            ),
            MailNote::KeyRefused => {
                "Odoo hat den gespeicherten Schlüssel abgelehnt; verbinden Sie Odoo erneut, dann legt der nächste Lauf sie ab."
                    .into()
            }
            MailNote::NotConfirmed => {
                "Abgelegt, aber Odoo antwortete vor der Prüfung nicht mehr; der nächste Lauf prüft sie."
                    .into()
            }
            MailNote::NotFoundWhenChecked => {
                "Übertragen, aber Odoo zeigte den Eintrag bei der Prüfung nicht; der nächste Lauf prüft erneut."
                    .into()
            }
            MailNote::NotMoved => {
                "Abgelegt, aber nicht in „Gelöschte Elemente“ verschoben; der nächste Lauf verschiebt sie."
                    .into()
            }
            MailNote::AttachmentOverLimit { name, mb, limit_mb } => format!(
                "Anhang {name} ({mb} MB) weggelassen: größer als die Grenze von {limit_mb} MB."
            ),
            MailNote::AttachmentIsLink { name } => format!(
                "Anhang {name} weggelassen: ein Link auf eine Cloud-Datei, keine Datei."
            ),
            MailNote::AttachmentRefused { name, reason } => {
                format!("Anhang {name} weggelassen: Odoo hat ihn abgelehnt („{reason}“).")
            }
            MailNote::LeftTheFolder => {
                "Vor dem Ablegen aus dem Übertragungsordner genommen, daher nicht abgelegt.".into()
            }
            MailNote::SkippedByPerson => {
                "Wie gewünscht übersprungen; sie bleibt im Übertragungsordner.".into()
            }
            MailNote::OnOpportunity { note } => {
                format!("An der Verkaufschance: {}", german(note))
            }
        }
    }

    #[test]
    fn fluent_renders_what_the_match_arms_did() {
        let samples = vec![
            MailNote::AlreadyFiled,
            MailNote::ConfirmedFromInterruptedRun,
            MailNote::NoAddress,
            MailNote::OnlyColleagues,
            MailNote::EveryAddressIgnored,
            MailNote::NotReadFromOutlook,
            MailNote::UnreadableFromOutlook,
            MailNote::OdooDidNotAnswer,
            MailNote::KeyRefused,
            MailNote::NoWriteAccess { contact: 42 },
            MailNote::Refused { reason: "r".into() },
            MailNote::NotConfirmed,
            MailNote::NotFoundWhenChecked,
            MailNote::NotMoved,
            MailNote::AttachmentOverLimit {
                name: "a.pdf".into(),
                mb: 30,
                limit_mb: 25,
            },
            MailNote::AttachmentIsLink { name: "a".into() },
            MailNote::AttachmentRefused {
                name: "a".into(),
                reason: "r".into(),
            },
            MailNote::LeftTheFolder,
            MailNote::SkippedByPerson,
            MailNote::OnOpportunity {
                note: Box::new(MailNote::NotMoved),
            },
        ];
        for note in samples {
            assert_eq!(note.render(crate::language::Language::En), english(&note));
            assert_eq!(note.render(crate::language::Language::De), german(&note));
        }
    }
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
