//! The mail job's texts (reached through `Msg::Mail`), formatted from the Fluent catalogue
//! (`i18n/<code>.ftl`, the `mail-` messages); plural forms come from Fluent's plural rules.

use super::plan::Direction;
use crate::catalogue::{Arg, n, s, text};
use crate::language::Language;

/// One mail text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MailMsg {
    /// What a run did or a preview would do.
    Summary {
        /// Mails handled.
        mails: usize,
        /// Distinct contacts filed or linked on.
        contacts: usize,
        /// Mails waiting for a decision.
        waiting: usize,
        /// Mails with an address nobody has.
        unassigned: usize,
        /// Mails that failed (said only when there are any).
        failed: usize,
        /// Mails Odoo refuses, waiting for a person (said only when there are any).
        refused: usize,
    },
    /// The Decisions list is empty.
    NoDecisions,
    /// A choice was saved.
    Remembered {
        /// The address.
        address: String,
    },
    /// The text given is no mail address.
    NotAnAddress {
        /// What was given.
        input: String,
    },
    /// The text given is no Odoo contact id.
    NotAContactId {
        /// What was given.
        input: String,
    },
    /// A decision named no contact.
    NoContactChosen,
    /// Only the mail job runs from the CLI so far.
    OnlyMailJob {
        /// The job asked for.
        job: String,
    },
    /// Shown for a mail without subject.
    NoSubject,
    /// Filing was refused: no write access on the contact.
    NoWriteAccess {
        /// The `res.partner` id.
        contact: i64,
    },
    /// Odoo refused the stored key.
    KeyRefused,
    /// Microsoft refused the stored sign-in during a run.
    MicrosoftSignInRefused,
    /// Neither transfer folder is chosen.
    NoTransferFolder,
    /// Odoo did not answer during a run.
    OdooDidNotAnswer,
    /// A transfer folder could not be read (completely) from Outlook.
    FolderNotRead {
        /// The incoming folder (else the outgoing one).
        incoming: bool,
    },
    /// A transfer folder could not be read completely from Outlook, and why.
    FolderNotReadBecause {
        /// The incoming folder (else the outgoing one).
        incoming: bool,
        /// Why, in the same language.
        reason: String,
    },
    /// One mail Odoo refuses, in the Decisions list.
    RefusedLine {
        /// Its subject.
        subject: String,
        /// Its key.
        key: String,
    },
    /// Heading of the refused mails in the Decisions list.
    RefusedHeading,
    /// A refused mail will be tried again.
    WillRetry {
        /// Its subject.
        subject: String,
    },
    /// A refused mail is skipped.
    WillSkip {
        /// Its subject.
        subject: String,
    },
    /// No refused mail has this key or id.
    NoSuchRefusedMail {
        /// What was given.
        input: String,
    },
    /// A transfer folder was chosen.
    TransferFolderChosen {
        /// Incoming or outgoing.
        direction: Direction,
        /// Its path from the mailbox root.
        path: String,
    },
    /// What was given as a transfer folder is neither a folder's id nor its path.
    NotAFolder {
        /// What was given.
        input: String,
        /// The transfer folder it was meant for.
        direction: Direction,
    },
    /// What was given as a transfer folder is the path of several folders.
    AmbiguousFolder {
        /// What was given.
        input: String,
        /// Path and id of each.
        folders: Vec<(String, String)>,
    },
    /// Under the folder tree: how to choose a transfer folder by its path.
    ChooseFolderByPath {
        /// A path from the tree shown.
        example: String,
    },
    /// One address of the Decisions list: whether it waits for a choice, and its mails.
    DecisionLine {
        /// The address.
        address: String,
        /// Several contacts match (else nobody does).
        choose: bool,
        /// How many mails wait on it.
        mails: usize,
    },
}

impl MailMsg {
    /// The text in `lang`, formatted from the Fluent catalogue (`i18n/<code>.ftl`); plural
    /// forms are chosen by the catalogue.
    pub fn render(&self, lang: Language) -> String {
        let (id, args) = self.id_and_args(lang);
        text(lang, id, &args)
    }

    /// The message id and its arguments.
    fn id_and_args(&self, lang: Language) -> (&'static str, Vec<Arg<'static>>) {
        use MailMsg as M;
        let count = |name: &'static str, value: usize| n(name, value as u64);
        let incoming = |incoming: &bool| s("incoming", incoming);
        match self {
            M::Summary { .. } => ("mail-summary", self.summary_args()),
            M::Remembered { address } => ("mail-remembered", vec![s("address", address)]),
            M::NotAnAddress { input } => ("mail-not-an-address", vec![s("input", input)]),
            M::NotAContactId { input } => ("mail-not-a-contact-id", vec![s("input", input)]),
            M::OnlyMailJob { job } => ("mail-only-mail-job", vec![s("job", job)]),
            M::NoWriteAccess { contact } => ("mail-no-write-access", vec![s("contact", contact)]),
            M::TransferFolderChosen { direction, path } => (
                "mail-transfer-folder-chosen",
                vec![s("direction", direction_name(*direction)), s("path", path)],
            ),
            M::NotAFolder { input, direction } => (
                "mail-not-a-folder",
                vec![
                    s("input", input),
                    s("direction", direction_name(*direction)),
                ],
            ),
            M::AmbiguousFolder { input, folders } => (
                "mail-ambiguous-folder",
                vec![
                    s("input", input),
                    s("count", folders.len()),
                    s("folders", folder_list(folders, lang)),
                ],
            ),
            M::ChooseFolderByPath { example } => {
                ("mail-choose-folder-by-path", vec![s("example", example)])
            }
            M::DecisionLine {
                address,
                choose,
                mails,
            } => (
                "mail-decision-line",
                vec![
                    s("address", address),
                    s("choose", choose),
                    count("mails", *mails),
                ],
            ),
            M::FolderNotRead { incoming: i } => ("mail-folder-not-read", vec![incoming(i)]),
            M::FolderNotReadBecause {
                incoming: i,
                reason,
            } => (
                "mail-folder-not-read-because",
                vec![incoming(i), s("reason", reason)],
            ),
            M::RefusedLine { subject, key } => (
                "mail-refused-line",
                vec![s("subject", subject), s("key", key)],
            ),
            M::WillRetry { subject } => ("mail-will-retry", vec![s("subject", subject)]),
            M::WillSkip { subject } => ("mail-will-skip", vec![s("subject", subject)]),
            M::NoSuchRefusedMail { input } => {
                ("mail-no-such-refused-mail", vec![s("input", input)])
            }
            plain => (plain.plain_id(), Vec::new()),
        }
    }

    /// The counts of a run's summary; each selects its plural form in the catalogue.
    fn summary_args(&self) -> Vec<Arg<'static>> {
        let MailMsg::Summary {
            mails,
            contacts,
            waiting,
            unassigned,
            failed,
            refused,
        } = self
        else {
            return Vec::new();
        };
        [
            ("mails", mails),
            ("contacts", contacts),
            ("waiting", waiting),
            ("unassigned", unassigned),
            ("failed", failed),
            ("refused", refused),
        ]
        .into_iter()
        .map(|(name, value)| n(name, *value as u64))
        .collect()
    }

    /// The message id of a text without arguments.
    fn plain_id(&self) -> &'static str {
        match self {
            MailMsg::NoDecisions => "mail-no-decisions",
            MailMsg::NoContactChosen => "mail-no-contact-chosen",
            MailMsg::NoSubject => "mail-no-subject",
            MailMsg::KeyRefused => "mail-key-refused",
            MailMsg::MicrosoftSignInRefused => "mail-microsoft-sign-in-refused",
            MailMsg::NoTransferFolder => "mail-no-transfer-folder",
            MailMsg::OdooDidNotAnswer => "mail-odoo-did-not-answer",
            MailMsg::RefusedHeading => "mail-refused-heading",
            // every variant with arguments is handled by `id_and_args`
            _ => "internal",
        }
    }
}

/// The selector value of a transfer folder's direction.
fn direction_name(direction: Direction) -> &'static str {
    match direction {
        Direction::Incoming => "incoming",
        Direction::Outgoing => "outgoing",
    }
}

/// Several folders of one path, each with its id.
fn folder_list(folders: &[(String, String)], lang: Language) -> String {
    folders
        .iter()
        .map(|(path, id)| text(lang, "mail-folder-with-id", &[s("path", path), s("id", id)]))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_summary_reads_in_both_languages() {
        let m = MailMsg::Summary {
            mails: 23,
            contacts: 19,
            waiting: 4,
            unassigned: 0,
            failed: 0,
            refused: 0,
        };
        assert_eq!(
            m.render(Language::En),
            "23 mails → 19 contacts, 4 need a decision, 0 unassigned"
        );
        assert!(
            m.render(Language::De)
                .contains("4 warten auf eine Entscheidung")
        );
        let one = MailMsg::Summary {
            mails: 1,
            contacts: 1,
            waiting: 1,
            unassigned: 1,
            failed: 0,
            refused: 0,
        };
        assert_eq!(
            one.render(Language::En),
            "1 mail → 1 contact, 1 needs a decision, 1 unassigned"
        );
        assert_eq!(
            one.render(Language::De),
            "1 Mail → 1 Kontakt, 1 wartet auf eine Entscheidung, 1 ohne Kontakt"
        );
        let failing = MailMsg::Summary {
            mails: 8,
            contacts: 6,
            waiting: 0,
            unassigned: 0,
            failed: 1,
            refused: 1,
        };
        assert_eq!(
            failing.render(Language::En),
            "8 mails → 6 contacts, 0 need a decision, 0 unassigned, 1 failed, 1 refused by Odoo"
        );
        assert!(
            failing
                .render(Language::De)
                .ends_with(", 1 fehlgeschlagen, 1 von Odoo abgelehnt")
        );
    }
}
