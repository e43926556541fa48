//! The texts of the Contacts page's list and of following from the connector (the CLI's
//! `contacts list|follow|unfollow`, the errors both show), rendered through
//! `Msg::ContactDirectory` from the Fluent catalogue (`i18n/<code>.ftl`, the `ctd-` messages).
//! A leaf: the catalogue and the language only, so `i18n` may name it.

use crate::catalogue::{n, s, text};
use crate::language::Language;

/// Where a contact of the list stands, as one word group for the CLI's list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowState {
    /// Linked to an Outlook contact.
    Exported,
    /// Subscribed; the next contacts sync puts it into Outlook.
    NextSync,
    /// Followed, but the options keep it out (the reason follows).
    NotExported,
    /// Not followed.
    NotFollowed,
}

/// Why a followed contact stays out of Outlook (the selection's reasons, as words).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// Followed only because the person created it.
    OnlyCreated,
    /// No e-mail address.
    NoEmail,
    /// A company while companies are left out.
    Company,
    /// Archived in Odoo.
    Archived,
}

/// A text of the contact directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DirectoryMsg {
    /// Follow or unfollow was asked for no contact.
    NoContactsChosen,
    /// Ids Odoo does not know (or the person may not see).
    UnknownContacts {
        /// The ids, comma-separated.
        ids: String,
    },
    /// Not a contact id (CLI argument).
    NotAnId {
        /// What was given.
        input: String,
    },
    /// Now following `count` contacts.
    Followed {
        /// How many changed.
        count: u64,
        /// Whether the contacts job is switched on (else: say how to switch it on).
        job_on: bool,
    },
    /// No longer following `count` contacts.
    Unfollowed {
        /// How many changed.
        count: u64,
        /// Whether the next sync deletes them from Outlook (`contacts.delete_after_unfollow`).
        delete: bool,
    },
    /// Odoo kept `count` contacts as they were (no right to read them).
    Refused {
        /// How many.
        count: u64,
    },
    /// The list's line: "12 of 58 contacts".
    Count {
        /// Shown on this page.
        shown: u64,
        /// Matching in all.
        total: u64,
    },
    /// The list's column headings: id, name, e-mail, status.
    Columns,
    /// One contact's status words.
    State {
        /// Where it stands.
        state: RowState,
        /// Why it stays out (for `NotExported`).
        reason: Option<Reason>,
        /// The person is its salesperson.
        salesperson: bool,
        /// Exported as the person's customer, without following.
        as_customer: bool,
    },
}

impl DirectoryMsg {
    /// The text in `lang`.
    pub fn render(&self, lang: Language) -> String {
        match self {
            DirectoryMsg::NoContactsChosen => text(lang, "ctd-no-contacts-chosen", &[]),
            DirectoryMsg::UnknownContacts { ids } => {
                text(lang, "ctd-unknown-contacts", &[s("ids", ids)])
            }
            DirectoryMsg::NotAnId { input } => text(lang, "ctd-not-an-id", &[s("input", input)]),
            DirectoryMsg::Followed { count, job_on } => text(
                lang,
                "ctd-followed",
                &[
                    n("count", *count),
                    s("job", if *job_on { "on" } else { "off" }),
                ],
            ),
            DirectoryMsg::Unfollowed { count, delete } => text(
                lang,
                "ctd-unfollowed",
                &[
                    n("count", *count),
                    s("delete", if *delete { "yes" } else { "no" }),
                ],
            ),
            DirectoryMsg::Refused { count } => text(lang, "ctd-refused", &[n("count", *count)]),
            DirectoryMsg::Count { shown, total } => {
                text(lang, "ctd-count", &[n("shown", *shown), n("total", *total)])
            }
            DirectoryMsg::Columns => text(lang, "ctd-columns", &[]),
            DirectoryMsg::State {
                state,
                reason,
                salesperson,
                as_customer,
            } => state_text(*state, *reason, *salesperson, *as_customer, lang),
        }
    }
}

fn state_text(
    state: RowState,
    reason: Option<Reason>,
    salesperson: bool,
    as_customer: bool,
    lang: Language,
) -> String {
    let id = match state {
        RowState::Exported if as_customer => "ctd-state-exported-customer",
        RowState::Exported => "ctd-state-exported",
        RowState::NextSync if as_customer => "ctd-state-next-sync-customer",
        RowState::NextSync => "ctd-state-next-sync",
        RowState::NotExported => "ctd-state-not-exported",
        RowState::NotFollowed => "ctd-state-not-followed",
    };
    let mut out = text(lang, id, &[]);
    if let Some(reason) = reason {
        let id = match reason {
            Reason::OnlyCreated => "ctd-reason-only-created",
            Reason::NoEmail => "ctd-reason-no-email",
            Reason::Company => "ctd-reason-company",
            Reason::Archived => "ctd-reason-archived",
        };
        out.push_str(": ");
        out.push_str(&text(lang, id, &[]));
    }
    if salesperson && !as_customer {
        out.push_str(" · ");
        out.push_str(&text(lang, "ctd-salesperson", &[]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn samples() -> Vec<DirectoryMsg> {
        let mut out = vec![
            DirectoryMsg::NoContactsChosen,
            DirectoryMsg::UnknownContacts { ids: "7, 9".into() },
            DirectoryMsg::NotAnId { input: "x".into() },
            DirectoryMsg::Refused { count: 2 },
            DirectoryMsg::Count { shown: 1, total: 3 },
            DirectoryMsg::Columns,
        ];
        for count in [1, 3] {
            for flag in [true, false] {
                out.push(DirectoryMsg::Followed {
                    count,
                    job_on: flag,
                });
                out.push(DirectoryMsg::Unfollowed {
                    count,
                    delete: flag,
                });
            }
        }
        let states = [
            RowState::Exported,
            RowState::NextSync,
            RowState::NotExported,
            RowState::NotFollowed,
        ];
        let reasons = [
            None,
            Some(Reason::OnlyCreated),
            Some(Reason::NoEmail),
            Some(Reason::Company),
            Some(Reason::Archived),
        ];
        for state in states {
            for reason in reasons {
                for (salesperson, as_customer) in [(false, false), (true, false), (true, true)] {
                    out.push(DirectoryMsg::State {
                        state,
                        reason,
                        salesperson,
                        as_customer,
                    });
                }
            }
        }
        out
    }

    #[test]
    fn every_directory_text_renders_in_both_languages_and_differs_between_them() {
        for msg in samples() {
            let (en, de) = (msg.render(Language::En), msg.render(Language::De));
            assert!(!en.is_empty() && !de.is_empty(), "{msg:?}");
            // NOTE: "in Outlook" reads the same in both languages
            let same_word = matches!(
                msg,
                DirectoryMsg::State {
                    state: RowState::Exported,
                    reason: None,
                    salesperson: false,
                    as_customer: false,
                }
            );
            if !same_word {
                assert_ne!(en, de, "translated: {msg:?}");
            }
        }
    }

    #[test]
    fn unfollowing_says_whether_outlook_keeps_the_contact() {
        let keep = DirectoryMsg::Unfollowed {
            count: 2,
            delete: false,
        }
        .render(Language::En);
        let delete = DirectoryMsg::Unfollowed {
            count: 2,
            delete: true,
        }
        .render(Language::En);
        assert!(
            keep.contains("these 2 contacts") && keep.contains("stay"),
            "{keep}"
        );
        assert!(delete.contains("Deleted Items"), "{delete}");
    }
}
