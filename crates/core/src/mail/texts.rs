//! The mail job's texts (reached through `Msg::Mail`), German and English.
//! Every arm matches on the language, so a text without a translation does not compile.

use super::plan::Direction;
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

/// "1 mail", "3 mails".
fn counted(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

impl MailMsg {
    /// The text in `lang`.
    pub fn render(&self, lang: Language) -> String {
        use Language::{De, En};
        match (self, lang) {
            (
                MailMsg::Summary {
                    mails,
                    contacts,
                    waiting,
                    unassigned,
                    failed,
                    refused,
                },
                En,
            ) => format!(
                "{} → {}, {waiting} {} a decision, {unassigned} unassigned{}{}",
                counted(*mails, "mail", "mails"),
                counted(*contacts, "contact", "contacts"),
                if *waiting == 1 { "needs" } else { "need" },
                if *failed > 0 {
                    format!(", {failed} failed")
                } else {
                    String::new()
                },
                if *refused > 0 {
                    format!(", {refused} refused by Odoo")
                } else {
                    String::new()
                }
            ),
            (
                MailMsg::Summary {
                    mails,
                    contacts,
                    waiting,
                    unassigned,
                    failed,
                    refused,
                },
                De,
            ) => format!(
                "{} → {}, {waiting} {} auf eine Entscheidung, {unassigned} ohne Kontakt{}{}",
                counted(*mails, "Mail", "Mails"),
                counted(*contacts, "Kontakt", "Kontakte"),
                if *waiting == 1 { "wartet" } else { "warten" },
                if *failed > 0 {
                    format!(", {failed} fehlgeschlagen")
                } else {
                    String::new()
                },
                if *refused > 0 {
                    format!(", {refused} von Odoo abgelehnt")
                } else {
                    String::new()
                }
            ),
            (MailMsg::NoDecisions, En) => "No mail waits for a decision.".into(),
            (MailMsg::NoDecisions, De) => "Keine Mail wartet auf eine Entscheidung.".into(),
            (MailMsg::Remembered { address }, En) => {
                format!("Remembered for {address}; the next run files its mails.")
            }
            (MailMsg::Remembered { address }, De) => {
                format!("Für {address} gemerkt; der nächste Lauf legt die Mails ab.")
            }
            (MailMsg::NotAnAddress { input }, En) => {
                format!(
                    "\"{input}\" is not a mail address. Enter it as shown in the Decisions list."
                )
            }
            (MailMsg::NotAnAddress { input }, De) => format!(
                "„{input}“ ist keine Mail-Adresse. Geben Sie sie so ein, wie die Entscheidungsliste sie zeigt."
            ),
            (MailMsg::NotAContactId { input }, En) => format!(
                "\"{input}\" is not an Odoo contact id. Give the numbers the Decisions list shows, or none."
            ),
            (MailMsg::NotAContactId { input }, De) => format!(
                "„{input}“ ist keine Odoo-Kontakt-ID. Geben Sie die Nummern aus der Entscheidungsliste an oder none."
            ),
            (MailMsg::OnlyMailJob { job }, En) => {
                format!("The job \"{job}\" cannot be run from here yet; run --job mail.")
            }
            (MailMsg::OnlyMailJob { job }, De) => format!(
                "Der Auftrag „{job}“ lässt sich hier noch nicht starten; starten Sie --job mail."
            ),
            (MailMsg::NoContactChosen, En) => {
                "Choose at least one contact, or \"none\" to file this address's mails nowhere."
                    .into()
            }
            (MailMsg::NoContactChosen, De) => {
                "Wählen Sie mindestens einen Kontakt oder „keinen“, um die Mails dieser Adresse nirgends abzulegen."
                    .into()
            }
            (MailMsg::NoSubject, En) => "(no subject)".into(),
            (MailMsg::NoSubject, De) => "(kein Betreff)".into(),
            (MailMsg::NoWriteAccess { contact }, En) => format!(
                "You may not write on Odoo contact {contact}, so its mails stay in the transfer folder. Ask your Odoo administrator for access."
            ),
            (MailMsg::NoWriteAccess { contact }, De) => format!(
                "Sie dürfen den Odoo-Kontakt {contact} nicht bearbeiten; seine Mails bleiben im Übertragungsordner. Bitten Sie Ihren Odoo-Administrator um Zugriff."
            ),
            (MailMsg::KeyRefused, En) => {
                "Odoo refused the stored key. Connect Odoo again; the mails stay in the transfer folders.".into()
            }
            (MailMsg::KeyRefused, De) => {
                "Odoo hat den gespeicherten Schlüssel abgelehnt. Verbinden Sie Odoo erneut; die Mails bleiben in den Übertragungsordnern.".into()
            }
            (MailMsg::MicrosoftSignInRefused, En) => {
                "Microsoft no longer accepts your sign-in. Sign in to Microsoft 365 again in Settings; the mails stay in the transfer folders.".into()
            }
            (MailMsg::MicrosoftSignInRefused, De) => {
                "Microsoft akzeptiert Ihre Anmeldung nicht mehr. Melden Sie sich in den Einstellungen erneut bei Microsoft 365 an; die Mails bleiben in den Übertragungsordnern.".into()
            }
            (MailMsg::NoTransferFolder, En) => {
                "No transfer folder is chosen yet. Choose the incoming or outgoing folder on the Mail page (or: office-connector config set mail.incoming_folder \"Inbox/Transfer In\", with a folder's path as office-connector folders shows it).".into()
            }
            (MailMsg::TransferFolderChosen { direction, path }, En) => match direction {
                Direction::Incoming => format!("Incoming transfer folder: {path}"),
                Direction::Outgoing => format!("Outgoing transfer folder: {path}"),
            },
            (MailMsg::TransferFolderChosen { direction, path }, De) => match direction {
                Direction::Incoming => format!("Übertragungsordner für eingehende Mails: {path}"),
                Direction::Outgoing => format!("Übertragungsordner für ausgehende Mails: {path}"),
            },
            (MailMsg::NotAFolder { input, direction }, En) => format!(
                "\"{input}\" is neither the path nor the id of a folder in your mailbox; the {} transfer folder stays as it was. office-connector folders lists your folders: give the path as shown there, e.g. \"Inbox/Transfer In\".",
                match direction {
                    Direction::Incoming => "incoming",
                    Direction::Outgoing => "outgoing",
                }
            ),
            (MailMsg::NotAFolder { input, direction }, De) => format!(
                "„{input}“ ist weder der Pfad noch die ID eines Ordners in Ihrem Postfach; der Übertragungsordner für {} Mails bleibt, wie er war. office-connector folders listet Ihre Ordner auf: Geben Sie den Pfad so an, wie er dort steht, z. B. „Posteingang/Transfer“.",
                match direction {
                    Direction::Incoming => "eingehende",
                    Direction::Outgoing => "ausgehende",
                }
            ),
            (MailMsg::AmbiguousFolder { input, folders }, En) => format!(
                "\"{input}\" is the path of {} folders: {}. Give the id of the one you mean (office-connector folders --ids shows the ids).",
                folders.len(),
                folders
                    .iter()
                    .map(|(path, id)| format!("{path} (id {id})"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            (MailMsg::AmbiguousFolder { input, folders }, De) => format!(
                "„{input}“ ist der Pfad von {} Ordnern: {}. Geben Sie die ID des gemeinten Ordners an (office-connector folders --ids zeigt die IDs).",
                folders.len(),
                folders
                    .iter()
                    .map(|(path, id)| format!("{path} (ID {id})"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            (MailMsg::ChooseFolderByPath { example }, En) => format!(
                "Choose a transfer folder by its path: office-connector config set mail.incoming_folder \"{example}\" (or mail.outgoing_folder; --ids shows the ids)."
            ),
            (MailMsg::ChooseFolderByPath { example }, De) => format!(
                "Einen Übertragungsordner wählen Sie über seinen Pfad: office-connector config set mail.incoming_folder \"{example}\" (oder mail.outgoing_folder; --ids zeigt die IDs)."
            ),
            (
                MailMsg::DecisionLine {
                    address,
                    choose,
                    mails,
                },
                En,
            ) => format!(
                "{address} ({}, {})",
                if *choose { "choose" } else { "unassigned" },
                counted(*mails, "mail", "mails")
            ),
            (
                MailMsg::DecisionLine {
                    address,
                    choose,
                    mails,
                },
                De,
            ) => format!(
                "{address} ({}, {})",
                if *choose { "wählen" } else { "ohne Kontakt" },
                counted(*mails, "Mail", "Mails")
            ),
            (MailMsg::OdooDidNotAnswer, En) => {
                "Odoo did not answer. The mails not filed stay in the transfer folders; the next run files them.".into()
            }
            (MailMsg::OdooDidNotAnswer, De) => {
                "Odoo hat nicht geantwortet. Die nicht abgelegten Mails bleiben in den Übertragungsordnern; der nächste Lauf legt sie ab.".into()
            }
            (MailMsg::FolderNotRead { incoming }, En) => format!(
                "The {} transfer folder could not be read completely from Outlook; the next run reads it again.",
                if *incoming { "incoming" } else { "outgoing" }
            ),
            (MailMsg::FolderNotRead { incoming }, De) => format!(
                "Der {} konnte nicht vollständig aus Outlook gelesen werden; der nächste Lauf liest ihn erneut.",
                if *incoming {
                    "Eingangs-Übertragungsordner"
                } else {
                    "Ausgangs-Übertragungsordner"
                }
            ),
            (MailMsg::FolderNotReadBecause { incoming, reason }, En) => format!(
                "The {} transfer folder could not be read completely from Outlook: {reason}",
                if *incoming { "incoming" } else { "outgoing" }
            ),
            (MailMsg::FolderNotReadBecause { incoming, reason }, De) => format!(
                "Der {} konnte nicht vollständig aus Outlook gelesen werden: {reason}",
                if *incoming {
                    "Eingangs-Übertragungsordner"
                } else {
                    "Ausgangs-Übertragungsordner"
                }
            ),
            (MailMsg::RefusedHeading, En) => {
                "Refused by Odoo (retry once something changed, or skip):".into()
            }
            (MailMsg::RefusedHeading, De) => {
                "Von Odoo abgelehnt (erneut versuchen, sobald sich etwas geändert hat, oder überspringen):".into()
            }
            (MailMsg::RefusedLine { subject, key }, _) => format!("{subject}  {key}"),
            (MailMsg::WillRetry { subject }, En) => {
                format!("\"{subject}\" will be tried again in the next run.")
            }
            (MailMsg::WillRetry { subject }, De) => {
                format!("„{subject}“ wird im nächsten Lauf erneut versucht.")
            }
            (MailMsg::WillSkip { subject }, En) => format!(
                "\"{subject}\" is skipped: it stays in the transfer folder and is not filed."
            ),
            (MailMsg::WillSkip { subject }, De) => format!(
                "„{subject}“ wird übersprungen: Sie bleibt im Übertragungsordner und wird nicht abgelegt."
            ),
            (MailMsg::NoSuchRefusedMail { input }, En) => format!(
                "No mail refused by Odoo has the key \"{input}\"; it may have been retried or skipped already."
            ),
            (MailMsg::NoSuchRefusedMail { input }, De) => format!(
                "Keine von Odoo abgelehnte Mail hat den Schlüssel „{input}“; vielleicht wurde sie schon erneut versucht oder übersprungen."
            ),
            (MailMsg::NoTransferFolder, De) => {
                "Es ist noch kein Übertragungsordner gewählt. Wählen Sie den Eingangs- oder Ausgangsordner auf der Seite Mail (oder: office-connector config set mail.incoming_folder \"Posteingang/Transfer\", mit dem Pfad eines Ordners, wie office-connector folders ihn zeigt).".into()
            }
        }
    }
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
