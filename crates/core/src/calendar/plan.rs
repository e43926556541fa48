//! The calendar job's planner: one page of Outlook changes, what the store and Odoo know of
//! them, and the options in; a sorted [`Plan`] out. Pure: no I/O, no clock ("today" comes in
//! as the start date and the person's zone).
//!
//! One Odoo event per meeting: an event is known by its `iCalUId` (per occurrence). Not yet
//! linked here, it joins the lowest Odoo event a colleague's connector made for the same
//! meeting (merging in the attendees of any later duplicates, which are removed); only when
//! none exists is it created. Outlook leads: a changed event overwrites Odoo, and the fields
//! someone changed in Odoo meanwhile are named.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use chrono_tz::Tz;
use serde_json::{Map, Value, json};

use super::event::{Attendee, OutlookEvent, Privacy, ShowAs, When};
use super::notes::{self, EventNote};
use crate::language::Language;
use crate::mail::address::Address;
use crate::mail::matching::ContactIndex;
use crate::model::{ItemOutcome, OdooId};
use crate::odoo::calendar::{IdentityField, OdooEvent};

pub use crate::store::EventLink as Link;

/// One entry of a page of Outlook changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// New or changed.
    Event(Box<OutlookEvent>),
    /// Removed from the window (deleted, or changed outside it).
    Removed {
        /// Its id.
        id: String,
    },
    /// Cannot be imported as it is.
    Unusable {
        /// Its id.
        id: String,
        /// Its subject, if known.
        subject: String,
        /// Why.
        note: EventNote,
    },
}

/// What asking Outlook about a removed event found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gone {
    /// It no longer exists.
    Deleted,
    /// It exists, cancelled.
    Cancelled,
    /// It exists outside the synced dates.
    Elsewhere,
}

/// Who is who in Odoo.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct People {
    /// Contacts by address (colleagues included).
    pub contacts: ContactIndex,
    /// The Odoo user of each colleague's partner.
    pub users: BTreeMap<OdooId, OdooId>,
    /// The person's own partner and user.
    pub own_partner: OdooId,
    /// The person's Odoo user.
    pub own_user: OdooId,
    /// The person's own addresses (Microsoft and Odoo logins).
    pub own_addresses: BTreeSet<Address>,
}

/// What Odoo has of the page's events.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OdooState {
    /// Events by id (the linked ones and those found by identity).
    pub by_id: BTreeMap<OdooId, OdooEvent>,
    /// Event ids per identity (`iCalUId`, or the name-and-time key), lowest first.
    pub by_identity: BTreeMap<String, Vec<OdooId>>,
}

impl OdooState {
    /// Odoo's events by id and by identity (lowest id first; archived ones never count as the
    /// meeting a colleague made, they are only read as the linked event).
    pub fn from_events(found: Vec<OdooEvent>, identity: IdentityField) -> OdooState {
        let mut state = OdooState::default();
        for event in found {
            let active = event
                .fields
                .get("active")
                .and_then(|v| v.as_bool())
                .unwrap_or(true);
            let key = match identity.field() {
                Some(field) => event.text(field).map(str::to_owned),
                None => match (event.text("name"), event.text("start"), event.text("stop")) {
                    (Some(n), Some(a), Some(b)) => Some(name_and_time_key(n, a, b)),
                    _ => None,
                },
            };
            if let Some(key) = key.filter(|k| !k.is_empty())
                && active
            {
                let ids = state.by_identity.entry(key).or_default();
                if !ids.contains(&event.id) {
                    ids.push(event.id);
                    ids.sort();
                }
            }
            state.by_id.insert(event.id, event);
        }
        state
    }
}

/// The options a plan follows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanOptions {
    /// Events whose first day (in `tz`) is before this are out of scope.
    pub start_date: NaiveDate,
    /// The person's zone.
    pub tz: Tz,
    /// Private events are skipped (else imported as private).
    pub skip_private: bool,
    /// Cancelled or deleted events are archived in Odoo (else listed only).
    pub archive_cancelled: bool,
    /// Where the identity goes.
    pub identity: IdentityField,
    /// `need_sync_m` exists (Odoo's own Outlook sync is installed).
    pub microsoft_calendar: bool,
    /// The language of texts written into Odoo.
    pub lang: Language,
}

/// The planner's input: one page.
#[derive(Debug, Clone, Copy)]
pub struct PlanInput<'a> {
    /// The page's changes.
    pub changes: &'a [Change],
    /// What the store remembers, by Outlook id.
    pub links: &'a BTreeMap<String, Link>,
    /// What Odoo has.
    pub odoo: &'a OdooState,
    /// Who is who.
    pub people: &'a People,
    /// What asking Outlook found about removed, linked events.
    pub gone: &'a BTreeMap<String, Gone>,
    /// Options.
    pub options: &'a PlanOptions,
}

/// The values an Odoo event gets from Outlook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventValues {
    /// `name`.
    pub name: String,
    /// `description` (sanitised HTML).
    pub description: String,
    /// `location`.
    pub location: Option<String>,
    /// start/stop or the all-day dates.
    pub when: When,
    /// Attendees' partners, sorted.
    pub partners: Vec<OdooId>,
    /// `user_id`: the organizer when a colleague, else the person.
    pub user: OdooId,
    /// `show_as`.
    pub show_as: ShowAs,
    /// `privacy`.
    pub privacy: Privacy,
    /// `videocall_location`.
    pub videocall: Option<String>,
    /// The identity field and value, when the database has one.
    pub identity: Option<(&'static str, String)>,
}

/// One side effect, in apply order.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum ActionKind {
    /// Create the event.
    Create,
    /// Join a colleague's event: add attendees, remove later duplicates.
    Join,
    /// Overwrite the event with Outlook's values.
    Update,
    /// Archive the event.
    Archive,
    /// Take the person off the event's attendees.
    Leave,
}

/// One side effect of the plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Action {
    /// What to do.
    pub kind: ActionKind,
    /// The Outlook event.
    pub outlook_id: String,
    /// The meeting's identity.
    pub ical_uid: String,
    /// The key its Odoo events share in [`OdooState::by_identity`] (the iCalUId, or the name
    /// and times where Odoo has no field for it).
    pub key: String,
    /// The Odoo event (none for a create).
    pub odoo: Option<OdooId>,
    /// The values to write (create, update) or the attendees to add (join).
    pub values: Option<EventValues>,
    /// Partners to add (join) or remove (update, leave).
    pub partners: Vec<OdooId>,
    /// Duplicates to remove after merging their attendees (join).
    pub duplicates: Vec<OdooId>,
    /// The change key to remember once done.
    pub change_key: String,
    /// The person organised it.
    pub organizer_is_me: bool,
}

/// What the plan says of one event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    /// The Outlook id.
    pub outlook_id: String,
    /// The subject.
    pub subject: String,
    /// When, if readable.
    pub when: Option<When>,
    /// The outcome if the actions succeed.
    pub outcome: ItemOutcome,
    /// What to tell the person.
    pub notes: Vec<EventNote>,
}

/// The plan of one page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plan {
    /// Side effects, sorted by kind then Outlook id.
    pub actions: Vec<Action>,
    /// One verdict per event the person hears about, sorted by Outlook id.
    pub verdicts: Vec<Verdict>,
}

/// Plans one page.
pub fn plan(input: PlanInput<'_>) -> Plan {
    let mut plan = Plan::default();
    for change in input.changes {
        match change {
            // an event Outlook has now
            Change::Event(event) => plan_event(&input, event, &mut plan),
            // gone from the window: only linked events matter
            Change::Removed { id } => plan_removed(&input, id, &mut plan),
            // cannot be read: told, nothing written
            Change::Unusable { id, subject, note } => plan.verdicts.push(Verdict {
                outlook_id: id.clone(),
                subject: subject.clone(),
                when: None,
                outcome: ItemOutcome::Skipped,
                notes: vec![note.clone()],
            }),
        }
    }
    plan.actions
        .sort_by(|a, b| (&a.kind, &a.outlook_id).cmp(&(&b.kind, &b.outlook_id)));
    plan.verdicts
        .sort_by(|a, b| a.outlook_id.cmp(&b.outlook_id));
    plan
}

fn plan_event(input: &PlanInput<'_>, event: &OutlookEvent, plan: &mut Plan) {
    let options = input.options;
    let link = input.links.get(&event.id);
    let verdict = |outcome, notes| Verdict {
        outlook_id: event.id.clone(),
        subject: event.subject.clone(),
        when: Some(event.when),
        outcome,
        notes,
    };
    if event.first_day(options.tz) < options.start_date {
        // before the start date the person chose: out of scope, not worth a line
        return;
    }
    if let Some(link) = link
        && link.change_key == event.change_key
        && input.odoo.by_id.contains_key(&link.odoo)
    {
        // imported as it is now (a replay, or a new round over the same events)
        return;
    }
    if event.cancelled {
        // cancelled by its organizer: archive what we imported, import nothing new
        return plan_cancelled(input, event, link, plan);
    }
    if event.privacy == Privacy::Private && options.skip_private {
        // private, and the person keeps private events out of Odoo
        plan.verdicts
            .push(verdict(ItemOutcome::Skipped, vec![EventNote::Private]));
        return;
    }
    let (values, listed) = values_of(input, event);
    let mut notes = Vec::new();
    if listed > 0 {
        notes.push(EventNote::AttendeesListed { count: listed });
    }
    let organizer_is_me = organizer_is_me(input.people, event);
    match link.filter(|l| input.odoo.by_id.contains_key(&l.odoo)) {
        // imported before, changed in Outlook since: Outlook leads
        Some(link) => {
            let current = &input.odoo.by_id[&link.odoo];
            let (action, note) = update(event, link, current, values, organizer_is_me);
            notes.insert(0, note);
            plan.actions.push(action);
            plan.verdicts.push(verdict(ItemOutcome::Updated, notes));
        }
        // not imported here (or deleted in Odoo since): a colleague's, or new
        None => {
            let key = identity_key(options.identity, event, options.lang);
            let existing = input
                .odoo
                .by_identity
                .get(&key)
                .cloned()
                .unwrap_or_default();
            let action = join_or_create(input, event, values, (&key, &existing), organizer_is_me);
            let (outcome, first) = match (action.kind == ActionKind::Join, link.is_some()) {
                (true, _) => (ItemOutcome::Linked, EventNote::JoinedColleague),
                (false, true) => (ItemOutcome::Created, EventNote::CreatedAgain),
                (false, false) => (ItemOutcome::Created, EventNote::Created),
            };
            notes.insert(0, first);
            plan.actions.push(action);
            plan.verdicts.push(verdict(outcome, notes));
        }
    }
}

/// Outlook's values overwrite the event; partners we set before and Outlook no longer has
/// leave it (others' stay).
fn update(
    event: &OutlookEvent,
    link: &Link,
    current: &OdooEvent,
    values: EventValues,
    organizer_is_me: bool,
) -> (Action, EventNote) {
    let overwritten = overwritten(&link.snapshot, &current.fields, &values);
    let note = if overwritten.is_empty() {
        EventNote::Updated
    } else {
        EventNote::Overwrote {
            fields: overwritten.join(", "),
        }
    };
    let removed: Vec<OdooId> = partners_of(&link.snapshot)
        .into_iter()
        .filter(|p| !values.partners.contains(p))
        .collect();
    let action = Action {
        kind: ActionKind::Update,
        outlook_id: event.id.clone(),
        ical_uid: event.ical_uid.clone(),
        key: event.ical_uid.clone(),
        odoo: Some(link.odoo),
        values: Some(values),
        partners: removed,
        duplicates: Vec::new(),
        change_key: event.change_key.clone(),
        organizer_is_me,
    };
    (action, note)
}

fn join_or_create(
    input: &PlanInput<'_>,
    event: &OutlookEvent,
    values: EventValues,
    (key, existing): (&str, &[OdooId]),
    organizer_is_me: bool,
) -> Action {
    let mut action = Action {
        kind: ActionKind::Create,
        outlook_id: event.id.clone(),
        ical_uid: event.ical_uid.clone(),
        key: key.to_owned(),
        odoo: None,
        values: None,
        partners: Vec::new(),
        duplicates: Vec::new(),
        change_key: event.change_key.clone(),
        organizer_is_me,
    };
    let Some((&lowest, later)) = existing.split_first() else {
        action.values = Some(values);
        return action;
    };
    // NOTE: everyone keeps the lowest id; later duplicates' attendees move to it first.
    let mut wanted: BTreeSet<OdooId> = values.partners.iter().copied().collect();
    for id in later {
        if let Some(dup) = input.odoo.by_id.get(id) {
            wanted.extend(dup.partners());
        }
    }
    let present: BTreeSet<OdooId> = input
        .odoo
        .by_id
        .get(&lowest)
        .map(|e| e.partners().into_iter().collect())
        .unwrap_or_default();
    action.kind = ActionKind::Join;
    action.odoo = Some(lowest);
    action.partners = wanted.difference(&present).copied().collect();
    action.duplicates = later.to_vec();
    action
}

fn plan_cancelled(
    input: &PlanInput<'_>,
    event: &OutlookEvent,
    link: Option<&Link>,
    plan: &mut Plan,
) {
    let (outcome, note) = match link {
        // never imported: nothing to do but say so
        None => (ItemOutcome::Skipped, EventNote::CancelledNotImported),
        // imported, and the person wants cancelled events archived
        Some(link) if input.options.archive_cancelled => {
            plan.actions
                .push(simple(ActionKind::Archive, &event.id, link));
            (ItemOutcome::Deleted, EventNote::CancelledArchived)
        }
        // imported; archiving is off: listed only
        Some(_) => (ItemOutcome::Skipped, EventNote::CancelledLeft),
    };
    plan.verdicts.push(Verdict {
        outlook_id: event.id.clone(),
        subject: event.subject.clone(),
        when: Some(event.when),
        outcome,
        notes: vec![note],
    });
}

fn plan_removed(input: &PlanInput<'_>, id: &str, plan: &mut Plan) {
    let Some(link) = input.links.get(id) else {
        // never imported (or outside the window all along): nothing to say
        return;
    };
    let subject = link
        .snapshot
        .get("name")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    let (outcome, note) = match (input.options.archive_cancelled, input.gone.get(id)) {
        // the person keeps Odoo as it is; the run log lists it
        (false, _) | (true, None) => (ItemOutcome::Skipped, EventNote::RemovedLeft),
        // moved outside the synced dates: not a deletion
        (true, Some(Gone::Elsewhere)) => (ItemOutcome::Skipped, EventNote::MovedOutside),
        // cancelled by its organizer
        (true, Some(Gone::Cancelled)) => {
            plan.actions.push(simple(ActionKind::Archive, id, link));
            (ItemOutcome::Deleted, EventNote::CancelledArchived)
        }
        // deleted by the person, who organised it: the meeting is off
        (true, Some(Gone::Deleted)) if link.organizer_is_me => {
            plan.actions.push(simple(ActionKind::Archive, id, link));
            (ItemOutcome::Deleted, EventNote::RemovedArchived)
        }
        // deleted by an attendee: they leave, the meeting stays for the others
        (true, Some(Gone::Deleted)) => {
            let mut action = simple(ActionKind::Leave, id, link);
            action.partners = vec![input.people.own_partner];
            plan.actions.push(action);
            (ItemOutcome::Updated, EventNote::RemovedLeftMeeting)
        }
    };
    plan.verdicts.push(Verdict {
        outlook_id: id.to_owned(),
        subject,
        when: None,
        outcome,
        notes: vec![note],
    });
}

fn simple(kind: ActionKind, id: &str, link: &Link) -> Action {
    Action {
        kind,
        outlook_id: id.to_owned(),
        ical_uid: link.ical_uid.clone(),
        key: link.ical_uid.clone(),
        odoo: Some(link.odoo),
        values: None,
        partners: Vec::new(),
        duplicates: Vec::new(),
        change_key: link.change_key.clone(),
        organizer_is_me: link.organizer_is_me,
    }
}

/// The key Odoo events of one meeting share in [`OdooState::by_identity`].
pub fn identity_key(identity: IdentityField, event: &OutlookEvent, lang: Language) -> String {
    match identity {
        IdentityField::NameAndTime => {
            let (start, stop) = odoo_times(&event.when);
            name_and_time_key(&odoo_name(event, lang), &start, &stop)
        }
        _ => event.ical_uid.clone(),
    }
}

/// The event's name in Odoo: its subject, or "(no subject)".
pub fn odoo_name(event: &OutlookEvent, lang: Language) -> String {
    if event.subject.is_empty() {
        notes::no_subject(lang)
    } else {
        event.subject.clone()
    }
}

/// The weaker identity: same name, start and stop.
pub fn name_and_time_key(name: &str, start: &str, stop: &str) -> String {
    format!("{name}\u{1f}{start}\u{1f}{stop}")
}

/// `start`/`stop` as Odoo stores them (UTC text; all-day events at Odoo's 08:00–18:00).
pub fn odoo_times(when: &When) -> (String, String) {
    const FORMAT: &str = "%Y-%m-%d %H:%M:%S";
    match when {
        When::Timed { start, stop } => (
            start.format(FORMAT).to_string(),
            stop.format(FORMAT).to_string(),
        ),
        When::AllDay { first, last } => (
            format!("{} 08:00:00", first.format("%Y-%m-%d")),
            format!("{} 18:00:00", last.format("%Y-%m-%d")),
        ),
    }
}

fn organizer_is_me(people: &People, event: &OutlookEvent) -> bool {
    match event.organizer.as_ref().and_then(|o| o.address.as_ref()) {
        Some(address) => people.own_addresses.contains(address),
        // no organizer given: the person's own event
        None => true,
    }
}

/// The event's Odoo values, and how many attendees are only listed in the description.
fn values_of(input: &PlanInput<'_>, event: &OutlookEvent) -> (EventValues, u64) {
    let people = input.people;
    let mut partners = BTreeSet::from([people.own_partner]);
    let mut unmatched: Vec<&Attendee> = Vec::new();
    for attendee in event.attendees.iter().chain(event.organizer.as_ref()) {
        match partner_of(people, attendee) {
            Some(p) => {
                partners.insert(p);
            }
            None => unmatched.push(attendee),
        }
    }
    let user = event
        .organizer
        .as_ref()
        .and_then(|o| partner_of(people, o))
        .and_then(|p| people.users.get(&p).copied())
        .unwrap_or(people.own_user);
    let options = input.options;
    let values = EventValues {
        name: odoo_name(event, options.lang),
        description: description(event, &unmatched, options.lang),
        location: event.location.clone(),
        when: event.when,
        partners: partners.into_iter().collect(),
        user,
        show_as: event.show_as,
        privacy: event.privacy,
        videocall: event.join_url.clone(),
        identity: options
            .identity
            .field()
            .map(|f| (f, event.ical_uid.clone())),
    };
    (values, unmatched.len() as u64)
}

/// The attendee's partner: the person's own, the only contact with the address, or of
/// several the colleague's (a colleague attends as themselves); else none.
fn partner_of(people: &People, attendee: &Attendee) -> Option<OdooId> {
    let address = attendee.address.as_ref()?;
    if people.own_addresses.contains(address) {
        return Some(people.own_partner);
    }
    match people.contacts.matches(address) {
        [one] => Some(one.id),
        many => {
            let colleagues: Vec<_> = many.iter().filter(|c| c.is_colleague).collect();
            match colleagues.as_slice() {
                [one] => Some(one.id),
                _ => None,
            }
        }
    }
}

fn description(event: &OutlookEvent, unmatched: &[&Attendee], lang: Language) -> String {
    let mut html = crate::mail::body::sanitize(&event.body_html);
    if !unmatched.is_empty() {
        let items: Vec<String> = unmatched
            .iter()
            .map(|a| format!("<li>{}</li>", html_escape::encode_text(&a.label())))
            .collect();
        html.push_str(&format!(
            "<p>{}</p><ul>{}</ul>",
            html_escape::encode_text(&notes::attendees_heading(lang)),
            items.concat()
        ));
    }
    html
}

/// The key under which a link's snapshot keeps the hash of the description we wrote (Odoo
/// sanitises what it stores, so the text itself cannot be compared with ours).
pub const WRITTEN_DESCRIPTION: &str = "~description_written";

/// The hash of a description as we write it.
pub fn description_hash(description: &str) -> String {
    use sha2::Digest;
    format!("{:x}", sha2::Sha256::digest(description.as_bytes()))
}

/// The fields a person changed in Odoo since our last write: different from what Odoo showed
/// right after it, and not what Outlook now says either (a colleague's connector may have
/// written Outlook's change already). Attendees others added are not a change.
fn overwritten(
    snapshot: &BTreeMap<String, Value>,
    now: &BTreeMap<String, Value>,
    new: &EventValues,
) -> Vec<String> {
    const COMPARED: [&str; 9] = [
        "name",
        "location",
        "start",
        "stop",
        "allday",
        "user_id",
        "show_as",
        "privacy",
        "videocall_location",
    ];
    if snapshot.is_empty() {
        return Vec::new();
    }
    let ours = new.as_read();
    let same = |a: Option<&Value>, b: Option<&Value>| blank(a) == blank(b);
    let mut changed: Vec<String> = COMPARED
        .iter()
        .filter(|f| !same(snapshot.get(**f), now.get(**f)) && !same(now.get(**f), ours.get(**f)))
        .map(|f| (*f).to_owned())
        .collect();
    // the description: changed in Odoo while Outlook's stayed what we wrote
    let outlook_same = snapshot.get(WRITTEN_DESCRIPTION).and_then(Value::as_str)
        == Some(description_hash(&new.description).as_str());
    if outlook_same && !same(snapshot.get("description"), now.get("description")) {
        let at = usize::from(changed.first().is_some_and(|f| f == "name"));
        changed.insert(at, "description".to_owned());
    }
    // attendees: someone Outlook still lists was taken off in Odoo
    let after: BTreeSet<OdooId> = partners_of(now).into_iter().collect();
    if partners_of(snapshot)
        .iter()
        .any(|p| !after.contains(p) && new.partners.contains(p))
    {
        changed.push("partner_ids".to_owned());
    }
    changed
}

/// Odoo answers `false` for an empty text: empty, false and missing are one value here.
fn blank(value: Option<&Value>) -> Option<&Value> {
    match value {
        None | Some(Value::Null) | Some(Value::Bool(false)) => None,
        Some(Value::String(s)) if s.is_empty() => None,
        other => other,
    }
}

fn partners_of(fields: &BTreeMap<String, Value>) -> Vec<OdooId> {
    fields
        .get("partner_ids")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_i64).map(OdooId).collect())
        .unwrap_or_default()
}

impl EventValues {
    /// The compared fields as Odoo reads them back after writing these values.
    fn as_read(&self) -> BTreeMap<String, Value> {
        let (start, stop) = odoo_times(&self.when);
        let mut read = BTreeMap::new();
        read.insert("name".to_owned(), json!(self.name));
        read.insert(
            "location".to_owned(),
            json!(self.location.clone().unwrap_or_default()),
        );
        read.insert("start".to_owned(), json!(start));
        read.insert("stop".to_owned(), json!(stop));
        read.insert(
            "allday".to_owned(),
            json!(matches!(self.when, When::AllDay { .. })),
        );
        read.insert("user_id".to_owned(), json!(self.user.0));
        let odoo = self.to_odoo(false, &[], false);
        for field in ["show_as", "privacy", "videocall_location"] {
            read.insert(field.to_owned(), odoo[field].clone());
        }
        read
    }

    /// The values as Odoo's `create`/`write` take them; `removed` partners leave the event
    /// (an update), others stay (a colleague's connector added them).
    pub fn to_odoo(
        &self,
        creating: bool,
        removed: &[OdooId],
        microsoft_calendar: bool,
    ) -> Map<String, Value> {
        let mut v = Map::new();
        v.insert("name".into(), json!(self.name));
        v.insert("description".into(), json!(self.description));
        v.insert(
            "location".into(),
            json!(self.location.clone().unwrap_or_default()),
        );
        match self.when {
            When::Timed { .. } => {
                let (start, stop) = odoo_times(&self.when);
                v.insert("allday".into(), json!(false));
                v.insert("start".into(), json!(start));
                v.insert("stop".into(), json!(stop));
            }
            When::AllDay { first, last } => {
                v.insert("allday".into(), json!(true));
                v.insert(
                    "start_date".into(),
                    json!(first.format("%Y-%m-%d").to_string()),
                );
                v.insert(
                    "stop_date".into(),
                    json!(last.format("%Y-%m-%d").to_string()),
                );
            }
        }
        let ids: Vec<i64> = self.partners.iter().map(|p| p.0).collect();
        let commands: Vec<Value> = if creating {
            vec![json!([6, 0, ids])]
        } else {
            ids.iter()
                .map(|id| json!([4, id]))
                .chain(removed.iter().map(|id| json!([3, id.0])))
                .collect()
        };
        v.insert("partner_ids".into(), Value::Array(commands));
        v.insert("user_id".into(), json!(self.user.0));
        v.insert(
            "show_as".into(),
            json!(match self.show_as {
                ShowAs::Free => "free",
                ShowAs::Busy => "busy",
            }),
        );
        v.insert(
            "privacy".into(),
            json!(match self.privacy {
                Privacy::Public => "public",
                Privacy::Private => "private",
                Privacy::Confidential => "confidential",
            }),
        );
        v.insert(
            "videocall_location".into(),
            json!(self.videocall.clone().unwrap_or_default()),
        );
        if let Some((field, uid)) = &self.identity {
            v.insert((*field).into(), json!(uid));
        }
        if creating {
            // no e-mail reminders; not pushed back into Outlook by Odoo's own sync
            v.insert("alarm_ids".into(), json!([[6, 0, []]]));
            if microsoft_calendar {
                v.insert("need_sync_m".into(), json!(false));
            }
        }
        v
    }
}
