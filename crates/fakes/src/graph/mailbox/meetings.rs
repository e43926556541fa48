//! What people do with events in Outlook, across the fake's mailboxes: create, change, cancel and
//! delete events and single occurrences, and the copies of a meeting in its attendees' mailboxes.
//!
//! Exchange behaviour reproduced here (GRAPH_FACTS §3.3): a meeting whose attendee has a mailbox
//! here appears in that mailbox too — same iCalUId, its own id, `isOrganizer: false`, response
//! `none`. Every change the organizer makes reaches the copies (their change keys move too), and
//! an attendee taken off the meeting gets it cancelled. When the organizer cancels, the
//! organizer's event is removed and each copy stays, `isCancelled: true` with its subject
//! prefixed `Canceled: `, until its owner deletes it; a cancelled occurrence is gone from the
//! organizer's calendar and shows cancelled in the copies. Deleting removes only that mailbox's
//! event; changes an attendee makes to their copy stay theirs. Changing the time of a series
//! drops its changed and cancelled occurrences, as Outlook does; other changes reach them too.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};

use super::Mailbox;
use super::calendar::{Exception, Override, StoredEvent, change_key};
use super::event::{Attendee, EventData, Location};
use super::ids;
use super::recurrence::Recurrence;
use crate::graph::protocol::timezones::Zone;

/// The subject prefix of a cancelled meeting in an attendee's calendar.
pub const CANCELED_PREFIX: &str = "Canceled: ";

/// Outlook's limit of attendees per meeting.
const MAX_ATTENDEES: usize = 500;

/// Why an action on an event failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MeetingError {
    /// No mailbox with that UPN.
    #[error("no mailbox {0}")]
    NoMailbox(String),
    /// No such event or occurrence in the mailbox.
    #[error("no event {0}")]
    NotFound(String),
    /// Only the organizer cancels a meeting; an attendee deletes their copy.
    #[error("only the organizer cancels a meeting; an attendee deletes their copy")]
    NotOrganizer,
    /// The event would be invalid.
    #[error("{0}")]
    Invalid(String),
}

/// A change to an event's fields; `None` leaves a field as it is.
#[derive(Debug, Clone, Default)]
pub struct EventPatch {
    /// Subject.
    pub subject: Option<String>,
    /// Body type (`html`/`text`) and content.
    pub body: Option<(String, String)>,
    /// Local start.
    pub start: Option<NaiveDateTime>,
    /// Local end.
    pub end: Option<NaiveDateTime>,
    /// Zone of the start (and of the end unless `end_zone` is given).
    pub start_zone: Option<Zone>,
    /// Zone of the end.
    pub end_zone: Option<Zone>,
    /// All-day flag.
    pub is_all_day: Option<bool>,
    /// Location.
    pub location: Option<Location>,
    /// Attendees (replace the list).
    pub attendees: Option<Vec<Attendee>>,
    /// Sensitivity.
    pub sensitivity: Option<String>,
    /// Free/busy status.
    pub show_as: Option<String>,
    /// Importance.
    pub importance: Option<String>,
    /// Categories.
    pub categories: Option<Vec<String>>,
    /// Online meeting flag.
    pub is_online_meeting: Option<bool>,
    /// Join URL of the online meeting.
    pub join_url: Option<String>,
}

impl EventPatch {
    /// Whether the patch moves the event in time.
    pub fn moves_time(&self) -> bool {
        self.start.is_some()
            || self.end.is_some()
            || self.start_zone.is_some()
            || self.end_zone.is_some()
            || self.is_all_day.is_some()
    }

    /// Applies the fields that are not times.
    pub fn apply_content(&self, data: &mut EventData) {
        let set = |target: &mut String, value: &Option<String>| {
            if let Some(v) = value {
                target.clone_from(v);
            }
        };
        set(&mut data.subject, &self.subject);
        set(&mut data.sensitivity, &self.sensitivity);
        set(&mut data.show_as, &self.show_as);
        set(&mut data.importance, &self.importance);
        if let Some((kind, content)) = &self.body {
            data.body_type.clone_from(kind);
            data.body.clone_from(content);
        }
        if let Some(location) = &self.location {
            data.location = location.clone();
        }
        if let Some(attendees) = &self.attendees {
            data.attendees = attendees.clone();
        }
        if let Some(categories) = &self.categories {
            data.categories = categories.clone();
        }
        if let Some(online) = self.is_online_meeting {
            data.is_online_meeting = online;
        }
        if self.join_url.is_some() {
            data.join_url = self.join_url.clone();
        }
        // NOTE: turning an event into a Teams meeting gives it a join URL unless it has one.
        if data.is_online_meeting && data.join_url.is_none() {
            data.join_url = Some(super::event::teams_join_url());
        }
    }

    /// Applies every field.
    pub fn apply(&self, data: &mut EventData) {
        self.apply_content(data);
        if let Some(zone) = &self.start_zone {
            data.start_zone = zone.clone();
            data.end_zone = zone.clone();
        }
        if let Some(zone) = &self.end_zone {
            data.end_zone = zone.clone();
        }
        if let Some(start) = self.start {
            data.start = start;
        }
        if let Some(end) = self.end {
            data.end = end;
        }
        if let Some(all_day) = self.is_all_day {
            data.is_all_day = all_day;
        }
    }
}

/// Checks what Graph checks of an event's times and attendees.
pub fn validate(data: &EventData) -> Result<(), MeetingError> {
    let invalid = |m: &str| Err(MeetingError::Invalid(m.to_string()));
    if data.is_all_day {
        let midnight = chrono::NaiveTime::MIN;
        if data.start.time() != midnight || data.end.time() != midnight {
            return invalid("an all-day event starts and ends at midnight");
        }
        if data.start_zone.name != data.end_zone.name {
            return invalid("an all-day event starts and ends in the same time zone");
        }
        if data.end.date() <= data.start.date() {
            return invalid("an all-day event ends (exclusively) at a midnight after its start");
        }
    } else if data.end_utc() < data.start_utc() {
        return invalid("the end of an event is before its start");
    }
    if data.attendees.len() > MAX_ATTENDEES {
        return invalid("a meeting has at most 500 attendees");
    }
    Ok(())
}

/// What an action did: the event's id, iCalUId and change key in the acting mailbox, and the
/// attendees' copies it created or changed (UPN, id).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// Id in the acting mailbox.
    pub id: String,
    /// iCalUId.
    pub ical_uid: String,
    /// Change key after the action.
    pub change_key: String,
    /// Copies in attendees' mailboxes.
    pub copies: Vec<(String, String)>,
}

type Mailboxes = BTreeMap<String, Mailbox>;

fn mailbox<'a>(mailboxes: &'a mut Mailboxes, upn: &str) -> Result<&'a mut Mailbox, MeetingError> {
    mailboxes
        .get_mut(&upn.to_ascii_lowercase())
        .ok_or_else(|| MeetingError::NoMailbox(upn.to_string()))
}

fn lookup(mb: &Mailbox, id: &str) -> Result<(usize, Option<NaiveDate>), MeetingError> {
    mb.calendar
        .lookup(id)
        .map_err(|_| MeetingError::NotFound(id.to_string()))
}

/// Creates an event in `upn`'s calendar; the organizer's copies go to attendees with a mailbox.
pub fn create(
    mailboxes: &mut Mailboxes,
    upn: &str,
    data: EventData,
    recurrence: Option<Recurrence>,
    now: DateTime<Utc>,
) -> Result<Outcome, MeetingError> {
    validate(&data)?;
    let mb = mailbox(mailboxes, upn)?;
    let is_organizer = data.organizer.address.eq_ignore_ascii_case(&mb.user.upn);
    let index = mb.calendar.add(StoredEvent {
        id: ids::event_id(),
        ical_uid: ids::ical_uid(now),
        data,
        recurrence,
        overrides: BTreeMap::new(),
        is_organizer,
        response: if is_organizer { "organizer" } else { "none" }.into(),
        created: now,
        last_modified: now,
        change_key: String::new(),
        version: 0,
    });
    finish(mailboxes, upn, index, now)
}

/// The outcome for event `index` of `upn`, after sending the organizer's change to the copies.
fn finish(
    mailboxes: &mut Mailboxes,
    upn: &str,
    index: usize,
    now: DateTime<Utc>,
) -> Result<Outcome, MeetingError> {
    let mb = mailbox(mailboxes, upn)?;
    let event = &mb.calendar.events[index];
    let (id, ical_uid, change_key, is_organizer) = (
        event.id.clone(),
        event.ical_uid.clone(),
        event.change_key.clone(),
        event.is_organizer,
    );
    let copies = if is_organizer {
        sync_copies(mailboxes, &upn.to_ascii_lowercase(), &ical_uid, now)
    } else {
        Vec::new()
    };
    Ok(Outcome {
        id,
        ical_uid,
        change_key,
        copies,
    })
}

/// Changes event `id` (or, for an occurrence id, that occurrence) in `upn`'s calendar.
pub fn update(
    mailboxes: &mut Mailboxes,
    upn: &str,
    id: &str,
    patch: &EventPatch,
    now: DateTime<Utc>,
) -> Result<Outcome, MeetingError> {
    let mb = mailbox(mailboxes, upn)?;
    let (index, date) = lookup(mb, id)?;
    if let Some(date) = date {
        let series = mb.calendar.events[index].id.clone();
        return update_occurrence(mailboxes, upn, &series, date, patch, now);
    }
    let event = &mut mb.calendar.events[index];
    let mut data = event.data.clone();
    patch.apply(&mut data);
    validate(&data)?;
    if patch.moves_time() {
        event.overrides.clear();
        if let Some(recurrence) = &mut event.recurrence {
            recurrence.start_date = data.start.date();
            recurrence.time_zone.clone_from(&data.start_zone.name);
        }
    } else {
        for o in event.overrides.values_mut() {
            if let Override::Changed(exception) = o {
                patch.apply_content(&mut exception.data);
                exception.change_key = change_key(&exception.change_key, 1);
                exception.last_modified = now;
            }
        }
    }
    event.data = data;
    mb.calendar.touch(index, now);
    finish(mailboxes, upn, index, now)
}

/// Index of series `series_id` in `mb`, checking it has an occurrence on `date`.
fn series_with(mb: &Mailbox, series_id: &str, date: NaiveDate) -> Result<usize, MeetingError> {
    let (index, _) = lookup(mb, series_id)?;
    let event = &mb.calendar.events[index];
    match &event.recurrence {
        Some(r)
            if r.occurs_on(date)
                && !matches!(event.overrides.get(&date), Some(Override::Cancelled)) =>
        {
            Ok(index)
        }
        _ => Err(MeetingError::NotFound(format!("{series_id} on {date}"))),
    }
}

/// Changes the occurrence of series `series_id` originally on `date`: it becomes an exception.
pub fn update_occurrence(
    mailboxes: &mut Mailboxes,
    upn: &str,
    series_id: &str,
    date: NaiveDate,
    patch: &EventPatch,
    now: DateTime<Utc>,
) -> Result<Outcome, MeetingError> {
    let mb = mailbox(mailboxes, upn)?;
    let index = series_with(mb, series_id, date)?;
    let event = &mb.calendar.events[index];
    let Some(current) = event.occurrence(date) else {
        return Err(MeetingError::NotFound(format!("{series_id} on {date}")));
    };
    let mut data = current.data;
    patch.apply(&mut data);
    validate(&data)?;
    let key = change_key(&current.id, mb.calendar.seq + 1);
    mb.calendar.events[index].overrides.insert(
        date,
        Override::Changed(Box::new(Exception {
            data,
            change_key: key.clone(),
            last_modified: now,
        })),
    );
    mb.calendar.touch(index, now);
    let mut outcome = finish(mailboxes, upn, index, now)?;
    // NOTE: the answer names the exception, not its master.
    outcome.id = current.id;
    outcome.ical_uid = current.ical_uid;
    outcome.change_key = key;
    Ok(outcome)
}

/// Cancels (organizer) or removes (anyone else) the occurrence of `series_id` on `date`.
pub fn cancel_occurrence(
    mailboxes: &mut Mailboxes,
    upn: &str,
    series_id: &str,
    date: NaiveDate,
    now: DateTime<Utc>,
) -> Result<Outcome, MeetingError> {
    let mb = mailbox(mailboxes, upn)?;
    let index = series_with(mb, series_id, date)?;
    mb.calendar.events[index]
        .overrides
        .insert(date, Override::Cancelled);
    mb.calendar.touch(index, now);
    finish(mailboxes, upn, index, now)
}

/// The organizer cancels meeting `id` (an occurrence id cancels that occurrence): the event
/// leaves the organizer's calendar and every copy is marked cancelled.
pub fn cancel(
    mailboxes: &mut Mailboxes,
    upn: &str,
    id: &str,
    now: DateTime<Utc>,
) -> Result<Outcome, MeetingError> {
    let mb = mailbox(mailboxes, upn)?;
    let (index, date) = lookup(mb, id)?;
    if !mb.calendar.events[index].is_organizer {
        return Err(MeetingError::NotOrganizer);
    }
    if let Some(date) = date {
        let series = mb.calendar.events[index].id.clone();
        return cancel_occurrence(mailboxes, upn, &series, date, now);
    }
    let removed = mb.calendar.remove(index);
    let owner = upn.to_ascii_lowercase();
    let mut copies = Vec::new();
    for (key, other) in mailboxes.iter_mut().filter(|(k, _)| **k != owner) {
        if let Some(i) = other.calendar.by_ical_uid(&removed.ical_uid) {
            mark_cancelled(&mut other.calendar.events[i]);
            other.calendar.touch(i, now);
            copies.push((key.clone(), other.calendar.events[i].id.clone()));
        }
    }
    Ok(Outcome {
        id: removed.id,
        ical_uid: removed.ical_uid,
        change_key: removed.change_key,
        copies,
    })
}

/// Deletes event `id` (or one occurrence) from `upn`'s calendar only.
pub fn delete(
    mailboxes: &mut Mailboxes,
    upn: &str,
    id: &str,
    now: DateTime<Utc>,
) -> Result<(), MeetingError> {
    let mb = mailbox(mailboxes, upn)?;
    match lookup(mb, id)? {
        (index, Some(date)) => {
            let series = mb.calendar.events[index].id.clone();
            series_with(mb, &series, date)?;
            mb.calendar.events[index]
                .overrides
                .insert(date, Override::Cancelled);
            mb.calendar.touch(index, now);
        }
        (index, None) => {
            mb.calendar.remove(index);
        }
    }
    Ok(())
}

fn cancelled(data: &mut EventData) {
    data.is_cancelled = true;
    if !data.subject.starts_with(CANCELED_PREFIX) {
        data.subject = format!("{CANCELED_PREFIX}{}", data.subject);
    }
}

fn mark_cancelled(copy: &mut StoredEvent) {
    cancelled(&mut copy.data);
    for o in copy.overrides.values_mut() {
        if let Override::Changed(exception) = o {
            cancelled(&mut exception.data);
        }
    }
}

/// The organizer's overrides as an attendee's copy `copy_id` holds them: a cancelled occurrence
/// stays, marked cancelled.
fn copy_overrides(organizer: &StoredEvent, copy_id: &str) -> BTreeMap<NaiveDate, Override> {
    organizer
        .overrides
        .iter()
        .map(|(date, o)| {
            let (mut data, key) = match o {
                Override::Changed(e) => (e.data.clone(), e.change_key.clone()),
                Override::Cancelled => {
                    let mut data = organizer.pattern_occurrence(*date).data;
                    cancelled(&mut data);
                    (data, format!("cancelled/{}", organizer.change_key))
                }
            };
            data.categories.clear();
            let exception = Exception {
                data,
                change_key: change_key(&format!("{copy_id}/{date}/{key}"), 0),
                last_modified: organizer.last_modified,
            };
            (*date, Override::Changed(Box::new(exception)))
        })
        .collect()
}

/// Brings the attendees' copies of the organizer's meeting `uid` up to date; returns them.
fn sync_copies(
    mailboxes: &mut Mailboxes,
    organizer_upn: &str,
    uid: &str,
    now: DateTime<Utc>,
) -> Vec<(String, String)> {
    let Some(organizer) = mailboxes.get(organizer_upn).and_then(|mb| {
        mb.calendar
            .by_ical_uid(uid)
            .map(|i| mb.calendar.events[i].clone())
    }) else {
        return Vec::new();
    };
    let invited: BTreeSet<String> = organizer
        .data
        .attendees
        .iter()
        .map(|a| a.address.address.to_ascii_lowercase())
        .collect();
    let mut copies = Vec::new();
    for (key, mb) in mailboxes.iter_mut().filter(|(k, _)| *k != organizer_upn) {
        let existing = mb.calendar.by_ical_uid(uid);
        if !invited.contains(key) {
            // An attendee taken off the meeting gets it cancelled.
            if let Some(i) = existing.filter(|i| !mb.calendar.events[*i].data.is_cancelled) {
                mark_cancelled(&mut mb.calendar.events[i]);
                mb.calendar.touch(i, now);
            }
            continue;
        }
        let index = match existing {
            Some(i) => {
                let copy = &mut mb.calendar.events[i];
                let categories = std::mem::take(&mut copy.data.categories);
                copy.data = organizer.data.clone();
                copy.data.categories = categories;
                copy.recurrence = organizer.recurrence.clone();
                copy.overrides = copy_overrides(&organizer, &copy.id);
                mb.calendar.touch(i, now);
                i
            }
            None => {
                let id = ids::event_id();
                let mut data = organizer.data.clone();
                data.categories.clear();
                mb.calendar.add(StoredEvent {
                    overrides: copy_overrides(&organizer, &id),
                    id,
                    ical_uid: uid.to_string(),
                    data,
                    recurrence: organizer.recurrence.clone(),
                    is_organizer: false,
                    response: "none".into(),
                    created: now,
                    last_modified: now,
                    change_key: String::new(),
                    version: 0,
                })
            }
        };
        copies.push((key.clone(), mb.calendar.events[index].id.clone()));
    }
    copies
}
