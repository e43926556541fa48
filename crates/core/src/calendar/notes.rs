//! What happened to one event, as the sentence the person reads in the run report, the run
//! log and the window: the `cal-` messages of the Fluent catalogue (`i18n/<code>.ftl`).

use serde::{Deserialize, Serialize};

use crate::catalogue::{n, s, text};
use crate::language::Language;

/// One note about one event.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum EventNote {
    /// New in Odoo.
    Created,
    /// A colleague's connector created it already; the person joined it.
    JoinedColleague,
    /// Changed in Outlook and updated in Odoo.
    Updated,
    /// Changed in Outlook; these fields had been changed in Odoo meanwhile and were overwritten.
    Overwrote {
        /// Odoo's field names, comma-separated.
        fields: String,
    },
    /// It had been deleted in Odoo; created again because Outlook leads.
    CreatedAgain,
    /// A private event, skipped by the option.
    Private,
    /// Cancelled in Outlook and not in Odoo: nothing to import.
    CancelledNotImported,
    /// Cancelled in Outlook; archived in Odoo (option).
    CancelledArchived,
    /// Cancelled in Outlook; left in Odoo (the archive option is off).
    CancelledLeft,
    /// Gone from the person's Outlook calendar; left in Odoo (the archive option is off).
    RemovedLeft,
    /// Deleted from the person's calendar, and the person did not organise it: they no longer
    /// attend it in Odoo.
    RemovedLeftMeeting,
    /// Deleted in Outlook by its organizer (the person); archived in Odoo.
    RemovedArchived,
    /// Moved outside the synced dates; left in Odoo as it was.
    MovedOutside,
    /// Start or end cannot be read (unknown time zone, odd format).
    BadTime {
        /// What is wrong.
        problem: String,
    },
    /// Outlook sent it in a form that cannot be read.
    Unreadable {
        /// What is wrong.
        problem: String,
    },
    /// Attendees that no Odoo contact has (or several have): listed in the description.
    AttendeesListed {
        /// How many.
        count: u64,
    },
    /// Odoo did not answer; the next run tries again.
    OdooDidNotAnswer,
    /// Odoo refused the write.
    Refused {
        /// Odoo's own words.
        reason: String,
    },
}

impl EventNote {
    /// The sentence in `lang`.
    pub fn render(&self, lang: Language) -> String {
        let args = match self {
            EventNote::Overwrote { fields } => vec![s("fields", fields)],
            EventNote::BadTime { problem } | EventNote::Unreadable { problem } => {
                vec![s("problem", problem)]
            }
            EventNote::AttendeesListed { count } => vec![n("count", *count)],
            EventNote::Refused { reason } => vec![s("reason", reason)],
            _ => Vec::new(),
        };
        text(lang, self.id(), &args)
    }

    fn id(&self) -> &'static str {
        match self {
            EventNote::Created => "cal-created",
            EventNote::JoinedColleague => "cal-joined-colleague",
            EventNote::Updated => "cal-updated",
            EventNote::Overwrote { .. } => "cal-overwrote",
            EventNote::CreatedAgain => "cal-created-again",
            EventNote::Private => "cal-private",
            EventNote::CancelledNotImported => "cal-cancelled-not-imported",
            EventNote::CancelledArchived => "cal-cancelled-archived",
            EventNote::CancelledLeft => "cal-cancelled-left",
            EventNote::RemovedLeft => "cal-removed-left",
            EventNote::RemovedLeftMeeting => "cal-removed-left-meeting",
            EventNote::RemovedArchived => "cal-removed-archived",
            EventNote::MovedOutside => "cal-moved-outside",
            EventNote::BadTime { .. } => "cal-bad-time",
            EventNote::Unreadable { .. } => "cal-unreadable",
            EventNote::AttendeesListed { .. } => "cal-attendees-listed",
            EventNote::OdooDidNotAnswer => "cal-odoo-did-not-answer",
            EventNote::Refused { .. } => "cal-refused",
        }
    }

    /// One of each note, for the catalogue tests.
    pub fn samples() -> Vec<EventNote> {
        vec![
            EventNote::Created,
            EventNote::JoinedColleague,
            EventNote::Updated,
            EventNote::Overwrote {
                fields: "location, description".into(),
            },
            EventNote::CreatedAgain,
            EventNote::Private,
            EventNote::CancelledNotImported,
            EventNote::CancelledArchived,
            EventNote::CancelledLeft,
            EventNote::RemovedLeft,
            EventNote::RemovedLeftMeeting,
            EventNote::RemovedArchived,
            EventNote::MovedOutside,
            EventNote::BadTime {
                problem: "unknown time zone".into(),
            },
            EventNote::Unreadable {
                problem: "no id".into(),
            },
            EventNote::AttendeesListed { count: 1 },
            EventNote::AttendeesListed { count: 3 },
            EventNote::OdooDidNotAnswer,
            EventNote::Refused {
                reason: "Invalid field".into(),
            },
        ]
    }
}

/// The calendar job's own texts beyond one event (errors that stop a run, `odoo prepare`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CalendarMsg {
    /// No start date is set, so the job may not run.
    NoStartDate,
    /// The start date lies in the future.
    StartDateInFuture {
        /// The date set.
        date: String,
    },
    /// Odoo's own Outlook calendar sync runs for this person.
    OdooSyncsOutlook,
    /// Odoo has no Calendar app.
    CalendarNotInstalled,
    /// `odoo prepare`: what it will create.
    PrepareWillCreate {
        /// The field.
        field: String,
        /// The model.
        model: String,
    },
    /// `odoo prepare`: the field exists already (or Odoo's own module keeps the identity).
    PrepareNothingToDo {
        /// The field in use.
        field: String,
    },
    /// `odoo prepare`: created.
    PrepareDone {
        /// The field.
        field: String,
    },
    /// `odoo prepare`: only an administrator may create fields.
    PrepareNeedsAdmin,
    /// The summary of a calendar run (see `CalendarReport::summary`).
    Summary(String),
    /// The demo's heading before its calendar run.
    DemoRun {
        /// The start date it sets.
        start: String,
    },
}

impl CalendarMsg {
    /// The text in `lang`.
    pub fn render(&self, lang: Language) -> String {
        match self {
            CalendarMsg::NoStartDate => text(lang, "cal-no-start-date", &[]),
            CalendarMsg::StartDateInFuture { date } => {
                text(lang, "cal-start-date-in-future", &[s("date", date)])
            }
            CalendarMsg::OdooSyncsOutlook => text(lang, "cal-odoo-syncs-outlook", &[]),
            CalendarMsg::CalendarNotInstalled => text(lang, "cal-not-installed", &[]),
            CalendarMsg::PrepareWillCreate { field, model } => text(
                lang,
                "cal-prepare-will-create",
                &[s("field", field), s("model", model)],
            ),
            CalendarMsg::PrepareNothingToDo { field } => {
                text(lang, "cal-prepare-nothing-to-do", &[s("field", field)])
            }
            CalendarMsg::PrepareDone { field } => {
                text(lang, "cal-prepare-done", &[s("field", field)])
            }
            CalendarMsg::PrepareNeedsAdmin => text(lang, "cal-prepare-needs-admin", &[]),
            CalendarMsg::Summary(summary) => summary.clone(),
            CalendarMsg::DemoRun { start } => text(lang, "cal-demo-run", &[s("start", start)]),
        }
    }

    /// One of each, for the catalogue tests.
    pub fn samples() -> Vec<CalendarMsg> {
        vec![
            CalendarMsg::NoStartDate,
            CalendarMsg::StartDateInFuture {
                date: "2027-01-01".into(),
            },
            CalendarMsg::OdooSyncsOutlook,
            CalendarMsg::CalendarNotInstalled,
            CalendarMsg::PrepareWillCreate {
                field: "x_office_connector_uid".into(),
                model: "calendar.event".into(),
            },
            CalendarMsg::PrepareNothingToDo {
                field: "x_office_connector_uid".into(),
            },
            CalendarMsg::PrepareDone {
                field: "x_office_connector_uid".into(),
            },
            CalendarMsg::PrepareNeedsAdmin,
            CalendarMsg::DemoRun {
                start: "2026-12-01".into(),
            },
        ]
    }
}

/// Texts the calendar job writes into Odoo (in the person's language).
pub fn no_subject(lang: Language) -> String {
    text(lang, "cal-no-subject", &[])
}

/// The heading of the attendees listed in the description.
pub fn attendees_heading(lang: Language) -> String {
    text(lang, "cal-attendees-heading", &[])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::report::CalendarReport;

    /// Every note and the summary render in both languages (a missing message or argument
    /// panics in `catalogue::text` under test), and the two languages say different things.
    #[test]
    fn every_calendar_text_renders_in_both_languages() {
        for note in EventNote::samples() {
            let (en, de) = (note.render(Language::En), note.render(Language::De));
            assert!(!en.is_empty() && en != de, "{note:?}: {en} / {de}");
        }
        assert_eq!(
            CalendarReport::default().summary(Language::En),
            "0 events → 0 new in Odoo, 0 updated, 0 already there from a colleague"
        );
        assert_ne!(no_subject(Language::En), no_subject(Language::De));
        for msg in CalendarMsg::samples() {
            assert_ne!(
                msg.render(Language::En),
                msg.render(Language::De),
                "{msg:?}"
            );
        }
        assert_ne!(
            attendees_heading(Language::En),
            attendees_heading(Language::De)
        );
    }

    #[test]
    fn the_attendee_count_follows_the_plural_rules() {
        let one = EventNote::AttendeesListed { count: 1 }.render(Language::En);
        let three = EventNote::AttendeesListed { count: 3 }.render(Language::De);
        assert!(one.starts_with("One attendee"), "{one}");
        assert!(three.starts_with("3 Teilnehmende"), "{three}");
    }
}
