//! One person's primary calendar: single events and series masters with their changed and
//! cancelled occurrences, the removals delta reports, and the expansion of series on read.
//!
//! Exchange behaviour reproduced here (GRAPH_FACTS §3): event ids are stable; occurrences are not
//! stored but made from the master on read, with ids and iCalUIds derived from the master and the
//! original start date; a changed occurrence is an exception with its own change key; a cancelled
//! occurrence is gone from every view; every change gives the event a new change key and a new
//! change sequence (which drives calendarView delta).

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Duration, NaiveDate, Utc};
use sha2::{Digest, Sha256};

use super::event::{EventData, EventType, Instance};
use super::ids;
use super::recurrence::Recurrence;
use super::store::Lookup;
use crate::graph::mailbox::calendar_sync::CalendarSync;

/// A changed occurrence of a series.
#[derive(Debug, Clone)]
pub struct Exception {
    /// Its content.
    pub data: EventData,
    /// Its change key.
    pub change_key: String,
    /// Last change.
    pub last_modified: DateTime<Utc>,
}

/// What became of one occurrence of a series.
#[derive(Debug, Clone)]
pub enum Override {
    /// Changed: an exception.
    Changed(Box<Exception>),
    /// Cancelled: gone from the calendar.
    Cancelled,
}

/// A single event or series master in a calendar.
#[derive(Debug, Clone)]
pub struct StoredEvent {
    /// Id in this mailbox.
    pub id: String,
    /// iCalUId, shared by every mailbox holding the meeting.
    pub ical_uid: String,
    /// Content (of the series' first occurrence for a master).
    pub data: EventData,
    /// Recurrence (masters only).
    pub recurrence: Option<Recurrence>,
    /// Changed and cancelled occurrences by original start date (local, series zone).
    pub overrides: BTreeMap<NaiveDate, Override>,
    /// Whether the mailbox owner organizes it.
    pub is_organizer: bool,
    /// The owner's answer (`organizer`, or `none` on an attendee's copy).
    pub response: String,
    /// Created in this mailbox.
    pub created: DateTime<Utc>,
    /// Last change.
    pub last_modified: DateTime<Utc>,
    /// Change key.
    pub change_key: String,
    /// Calendar change sequence of the last change.
    pub version: u64,
}

/// A window of time `[start, end)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    /// First instant.
    pub start: DateTime<Utc>,
    /// Instant after the window.
    pub end: DateTime<Utc>,
}

impl Window {
    /// Whether an event from `start` to `end` overlaps the window (a zero-length event at the
    /// window's start counts).
    pub fn overlaps(&self, start: DateTime<Utc>, end: DateTime<Utc>) -> bool {
        start < self.end && (end > self.start || (start == end && start == self.start))
    }
}

/// A new change key for an event (Exchange's calendar change keys start `DwAAABYAAA`).
pub fn change_key(seed: &str, seq: u64) -> String {
    use base64::Engine;
    let digest = Sha256::digest(format!("{seed}/{seq}"));
    format!(
        "DwAAABYAAA{}",
        base64::engine::general_purpose::STANDARD.encode(&digest[..15])
    )
}

impl StoredEvent {
    /// The event itself: a single instance or a series master.
    pub fn as_instance(&self) -> Instance {
        Instance {
            kind: if self.recurrence.is_some() {
                EventType::SeriesMaster
            } else {
                EventType::SingleInstance
            },
            id: self.id.clone(),
            ical_uid: self.ical_uid.clone(),
            series_master_id: None,
            original_start: None,
            data: self.data.clone(),
            recurrence: self.recurrence.clone(),
            change_key: self.change_key.clone(),
            created: self.created,
            last_modified: self.last_modified,
            is_organizer: self.is_organizer,
            response: self.response.clone(),
        }
    }

    /// The unchanged occurrence of the series on `date` (whether or not the pattern has one).
    pub fn pattern_occurrence(&self, date: NaiveDate) -> Instance {
        let mut data = self.data.clone();
        data.start = date.and_time(self.data.start.time());
        if self.data.is_all_day {
            data.end = data.start + (self.data.end - self.data.start);
        } else {
            let length = self.data.end_utc() - self.data.start_utc();
            let start = data.start_zone.instant(data.start);
            data.end = data.end_zone.local(start + length);
        }
        let mut instance = self.as_instance();
        instance.kind = EventType::Occurrence;
        instance.id = ids::occurrence_id(&self.id, date);
        instance.ical_uid = ids::occurrence_ical_uid(&self.ical_uid, date);
        instance.series_master_id = Some(self.id.clone());
        instance.original_start = Some(data.start_utc());
        instance.recurrence = None;
        instance.data = data;
        instance
    }

    /// The occurrence on `date` as it is now: `None` when the series has none that day or it
    /// was cancelled; an exception when it was changed.
    pub fn occurrence(&self, date: NaiveDate) -> Option<Instance> {
        let recurrence = self.recurrence.as_ref()?;
        if !recurrence.occurs_on(date) {
            return None;
        }
        self.resolve(date, self.pattern_occurrence(date))
    }

    fn resolve(&self, date: NaiveDate, mut instance: Instance) -> Option<Instance> {
        match self.overrides.get(&date) {
            None => Some(instance),
            Some(Override::Cancelled) => None,
            Some(Override::Changed(exception)) => {
                instance.kind = EventType::Exception;
                instance.data = exception.data.clone();
                instance.change_key = exception.change_key.clone();
                instance.last_modified = exception.last_modified;
                Some(instance)
            }
        }
    }

    /// The instances overlapping `window`: the event itself, or the series' occurrences and
    /// exceptions (an exception moved into the window counts wherever its original date is).
    pub fn instances(&self, window: Window) -> Vec<Instance> {
        let Some(recurrence) = &self.recurrence else {
            let d = &self.data;
            return if window.overlaps(d.start_utc(), d.end_utc()) {
                vec![self.as_instance()]
            } else {
                Vec::new()
            };
        };
        let until = self.data.start_zone.local(window.end).date() + Duration::days(1);
        let mut dates = recurrence.dates(until);
        dates.extend(
            self.overrides
                .keys()
                .filter(|d| **d > until && recurrence.occurs_on(**d)),
        );
        dates
            .into_iter()
            .filter_map(|date| self.resolve(date, self.pattern_occurrence(date)))
            .filter(|i| window.overlaps(i.data.start_utc(), i.data.end_utc()))
            .collect()
    }
}

/// A person's calendar.
#[derive(Debug, Clone, Default)]
pub struct Calendar {
    /// Single events and series masters.
    pub events: Vec<StoredEvent>,
    /// Ids of events removed from the calendar, with the change sequence of the removal.
    pub tombstones: Vec<(String, u64)>,
    /// calendarView delta states by token.
    pub sync_states: HashMap<String, CalendarSync>,
    /// Change sequence; increases with every change.
    pub seq: u64,
    /// Knob: answer `start`/`end` in each event's own zone whatever `Prefer: outlook.timezone`
    /// asks (real servers do so for events made by other clients).
    pub ignore_timezone_preference: bool,
}

impl Calendar {
    fn next_seq(&mut self) -> u64 {
        self.seq += 1;
        self.seq
    }

    /// Adds an event (its change key and sequence are set here).
    pub fn add(&mut self, mut event: StoredEvent) -> usize {
        let seq = self.next_seq();
        event.change_key = change_key(&event.id, seq);
        event.version = seq;
        self.events.push(event);
        self.events.len() - 1
    }

    /// Marks event `index` changed at `now`: new change key and sequence.
    pub fn touch(&mut self, index: usize, now: DateTime<Utc>) {
        let seq = self.next_seq();
        let event = &mut self.events[index];
        event.change_key = change_key(&event.id, seq);
        event.version = seq;
        event.last_modified = now;
    }

    /// Removes event `index`, leaving a tombstone for delta.
    pub fn remove(&mut self, index: usize) -> StoredEvent {
        let seq = self.next_seq();
        let event = self.events.remove(index);
        self.tombstones.push((event.id.clone(), seq));
        event
    }

    /// The event (single or master) with iCalUId `uid`.
    pub fn by_ical_uid(&self, uid: &str) -> Option<usize> {
        self.events.iter().position(|e| e.ical_uid == uid)
    }

    /// Index of the event `id` names, with the original date when it names an occurrence.
    pub fn lookup(&self, id: &str) -> Result<(usize, Option<NaiveDate>), Lookup> {
        if let Some(i) = self.events.iter().position(|e| e.id == id) {
            return Ok((i, None));
        }
        for (i, e) in self.events.iter().enumerate() {
            if let Some(date) = ids::occurrence_date(&e.id, id) {
                return Ok((i, Some(date)));
            }
        }
        if ids::is_well_formed(id) {
            Err(Lookup::NotFound)
        } else {
            Err(Lookup::Malformed)
        }
    }

    /// The event or occurrence `id` names, as Graph shows it.
    pub fn instance(&self, id: &str) -> Result<Instance, Lookup> {
        match self.lookup(id)? {
            (i, None) => Ok(self.events[i].as_instance()),
            (i, Some(date)) => self.events[i].occurrence(date).ok_or(Lookup::NotFound),
        }
    }

    /// The calendar view of `window`: single events, occurrences and exceptions (never masters),
    /// by start.
    pub fn view(&self, window: Window) -> Vec<Instance> {
        let mut all: Vec<Instance> = self
            .events
            .iter()
            .flat_map(|e| e.instances(window))
            .collect();
        all.sort_by(|a, b| (a.data.start_utc(), &a.id).cmp(&(b.data.start_utc(), &b.id)));
        all
    }

    /// Marks every calendar delta token expired (the next use answers 410).
    pub fn expire_sync_states(&mut self) -> usize {
        self.sync_states.values_mut().for_each(CalendarSync::expire);
        self.sync_states.len()
    }
}
