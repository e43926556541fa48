//! The calendar engine on the in-memory seams: one Odoo event per meeting across colleagues,
//! Outlook leads, a quiet run asks nothing of Odoo, crashes never duplicate.

use std::collections::BTreeSet;
use std::sync::Arc;
use std::sync::atomic::Ordering;

use chrono::{NaiveDate, TimeZone, Utc};
use serde_json::{Value, json};

use super::engine::{CalendarRunError, run_with_crash_points};
use super::memory::{MemoryCalendar, MemoryOdoo};
use super::options::CalendarOptions;
use super::report::{CalendarReport, NoProgress};
use crate::clock::ManualClock;
use crate::crash_points::CrashPoints;
use crate::language::Language;
use crate::mail::address::Address;
use crate::mail::matching::tests::contact;
use crate::model::{ItemOutcome, OdooId};
use crate::odoo::calendar::IdentityField;
use crate::store::Store;

struct Person {
    calendar: MemoryCalendar,
    store: Store,
    options: CalendarOptions,
}

fn person(partner: i64, user: i64, address: &str) -> Person {
    let clock = Arc::new(ManualClock::new(
        Utc.with_ymd_and_hms(2026, 12, 4, 9, 0, 0).unwrap(),
    ));
    Person {
        calendar: MemoryCalendar::default(),
        store: Store::open_in_memory(clock).unwrap_or_else(|e| panic!("{e}")),
        options: CalendarOptions {
            start_date: day("2026-12-01"),
            today: day("2026-12-04"),
            tz: chrono_tz::Europe::Berlin,
            skip_private: true,
            archive_cancelled: false,
            page_size: 100,
            dry_run: false,
            lang: Language::En,
            own_partner: OdooId(partner),
            own_user: OdooId(user),
            own_addresses: BTreeSet::from([Address::parse(address).expect("address")]),
        },
    }
}

fn day(text: &str) -> NaiveDate {
    text.parse().expect("date")
}

fn lena() -> Person {
    person(3, 2, "lena@firma.de")
}

fn jonas() -> Person {
    person(4, 6, "jonas@firma.de")
}

fn odoo(identity: IdentityField) -> MemoryOdoo {
    let mut lena = contact(3, "lena@firma.de");
    lena.is_colleague = true;
    let mut jonas = contact(4, "jonas@firma.de");
    jonas.is_colleague = true;
    let mut odoo = MemoryOdoo::new(vec![lena, jonas, contact(9, "kunde@kunde.de")], identity);
    odoo.users.insert(OdooId(3), OdooId(2));
    odoo.users.insert(OdooId(4), OdooId(6));
    odoo
}

/// The shared meeting as each mailbox has it: same iCalUId, its own id.
fn meeting(id: &str, change_key: &str, start: &str) -> Value {
    json!({"id": id, "iCalUId": "UID-1", "changeKey": change_key, "subject": "Angebot besprechen",
        "body": {"contentType": "html", "content": "<p>Agenda</p><script>x()</script>"},
        "start": {"dateTime": start, "timeZone": "UTC"},
        "end": {"dateTime": "2026-12-07T10:00:00.0000000", "timeZone": "UTC"},
        "organizer": {"emailAddress": {"name": "Lena", "address": "lena@firma.de"}},
        "attendees": [
            {"emailAddress": {"name": "Jonas", "address": "jonas@firma.de"}},
            {"emailAddress": {"name": "Kunde", "address": "kunde@kunde.de"}},
            {"emailAddress": {"name": "Fremd", "address": "fremd@anders.de"}}]})
}

struct Never;
impl CrashPoints for Never {
    fn reached(&self, _: &'static str) -> bool {
        false
    }
}

struct At(&'static str);
impl CrashPoints for At {
    fn reached(&self, step: &'static str) -> bool {
        step == self.0
    }
}

fn sync_with(
    p: &Person,
    odoo: &MemoryOdoo,
    crash: &dyn CrashPoints,
) -> Result<CalendarReport, CalendarRunError> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap_or_else(|e| panic!("a runtime: {e}"));
    runtime.block_on(run_with_crash_points(
        &p.calendar,
        odoo,
        &p.store,
        &p.options,
        &NoProgress,
        crash,
    ))
}

fn sync(p: &Person, odoo: &MemoryOdoo) -> CalendarReport {
    sync_with(p, odoo, &Never).unwrap_or_else(|e| panic!("{e}"))
}

fn outcomes(report: &CalendarReport) -> Vec<ItemOutcome> {
    report.events.iter().map(|e| e.outcome).collect()
}

#[test]
fn colleagues_in_one_meeting_make_one_odoo_event_with_all_of_them() {
    for identity in [IdentityField::OurField, IdentityField::NameAndTime] {
        let (lena, jonas, odoo) = (lena(), jonas(), odoo(identity));
        lena.calendar
            .put(meeting("L1", "a", "2026-12-07T09:00:00.0000000"));
        jonas
            .calendar
            .put(meeting("J1", "a", "2026-12-07T09:00:00.0000000"));
        assert_eq!(outcomes(&sync(&lena, &odoo)), [ItemOutcome::Created]);
        assert_eq!(
            outcomes(&sync(&jonas, &odoo)),
            [ItemOutcome::Linked],
            "{identity:?}"
        );
        let events = odoo.events();
        assert_eq!(events.len(), 1, "{identity:?}: {events:?}");
        let event = &events[&1];
        assert_eq!(event["partner_ids"], json!([3, 4, 9]));
        assert_eq!(event["user_id"], json!(2), "the organizer's user owns it");
        let description = event["description"].as_str().unwrap_or_default();
        assert!(description.contains("Agenda") && !description.contains("script"));
        assert!(
            description.contains("Fremd &lt;fremd@anders.de&gt;"),
            "{description}"
        );
    }
}

#[test]
fn a_run_with_nothing_new_asks_graph_once_and_odoo_nothing() {
    let (lena, odoo) = (lena(), odoo(IdentityField::OurField));
    lena.calendar
        .put(meeting("L1", "a", "2026-12-07T09:00:00.0000000"));
    sync(&lena, &odoo);
    let (graph_before, odoo_before) = (
        lena.calendar.requests.load(Ordering::SeqCst),
        odoo.requests.load(Ordering::SeqCst),
    );
    let quiet = sync(&lena, &odoo);
    assert!(quiet.events.is_empty());
    assert_eq!(
        lena.calendar.requests.load(Ordering::SeqCst) - graph_before,
        1
    );
    assert_eq!(odoo.requests.load(Ordering::SeqCst) - odoo_before, 0);
}

#[test]
fn outlook_leads_and_the_fields_changed_in_odoo_are_named() {
    let (lena, odoo) = (lena(), odoo(IdentityField::OurField));
    lena.calendar
        .put(meeting("L1", "a", "2026-12-07T09:00:00.0000000"));
    sync(&lena, &odoo);
    odoo.edit(1, "location", json!("Raum 2"));
    lena.calendar
        .put(meeting("L1", "b", "2026-12-07T08:30:00.0000000"));
    let report = sync(&lena, &odoo);
    assert_eq!(outcomes(&report), [ItemOutcome::Updated]);
    assert!(
        report.events[0].detail.contains("location"),
        "{}",
        report.events[0].detail
    );
    let event = &odoo.events()[&1];
    assert_eq!(event["start"], json!("2026-12-07 08:30:00"));
    assert_eq!(event["location"], json!(""));
}

#[test]
fn a_crash_after_the_create_is_joined_not_created_twice() {
    for (identity, step) in [
        (IdentityField::OurField, "calendar:written"),
        (IdentityField::NameAndTime, "calendar:written"),
        (IdentityField::OurField, "calendar:intent"),
    ] {
        let (lena, odoo) = (lena(), odoo(identity));
        lena.calendar
            .put(meeting("L1", "a", "2026-12-07T09:00:00.0000000"));
        assert!(matches!(
            sync_with(&lena, &odoo, &At(step)),
            Err(CalendarRunError::Crashed)
        ));
        sync(&lena, &odoo);
        assert_eq!(odoo.events().len(), 1, "{identity:?} {step}");
        assert!(sync(&lena, &odoo).events.is_empty(), "then quiet");
    }
}

#[test]
fn odoo_down_leaves_the_round_to_the_next_run() {
    let (lena, odoo) = (lena(), odoo(IdentityField::OurField));
    lena.calendar
        .put(meeting("L1", "a", "2026-12-07T09:00:00.0000000"));
    odoo.down.store(true, Ordering::SeqCst);
    assert_eq!(outcomes(&sync(&lena, &odoo)), [ItemOutcome::Failed]);
    odoo.down.store(false, Ordering::SeqCst);
    assert_eq!(outcomes(&sync(&lena, &odoo)), [ItemOutcome::Created]);
}

#[test]
fn cancelled_and_deleted_meetings_are_archived_only_when_chosen() {
    let (mut lena, odoo) = (lena(), odoo(IdentityField::OurField));
    lena.calendar
        .put(meeting("L1", "a", "2026-12-07T09:00:00.0000000"));
    sync(&lena, &odoo);
    lena.calendar.delete("L1");
    let report = sync(&lena, &odoo);
    assert_eq!(outcomes(&report), [ItemOutcome::Skipped], "listed only");
    assert_eq!(odoo.events()[&1]["active"], json!(true));

    lena.options.archive_cancelled = true;
    lena.calendar
        .put(meeting("L2", "a", "2026-12-07T09:00:00.0000000"));
    sync(&lena, &odoo);
    lena.calendar.delete("L2");
    let report = sync(&lena, &odoo);
    assert_eq!(
        outcomes(&report),
        [ItemOutcome::Deleted],
        "{:?}",
        report.events
    );
    assert_eq!(odoo.events()[&1]["active"], json!(false));
}

#[test]
fn an_event_at_half_past_midnight_on_the_start_date_is_imported() {
    let (lena, odoo) = (lena(), odoo(IdentityField::OurField));
    // 00:30 in Berlin on the start date is 23:30 UTC the day before
    let mut early = meeting("L1", "a", "2026-11-30T23:30:00.0000000");
    early["iCalUId"] = json!("UID-early");
    let mut before = meeting("L2", "a", "2026-11-30T22:30:00.0000000");
    before["iCalUId"] = json!("UID-before");
    lena.calendar.put(early);
    lena.calendar.put(before);
    let report = sync(&lena, &odoo);
    let ids: Vec<&str> = report
        .events
        .iter()
        .map(|e| e.outlook_id.as_str())
        .collect();
    assert_eq!(ids, ["L1"]);
}

#[test]
fn a_private_event_is_skipped_and_an_all_day_event_keeps_its_dates() {
    let (lena, odoo) = (lena(), odoo(IdentityField::OurField));
    lena.calendar.put(
        json!({"id": "P", "iCalUId": "UP", "changeKey": "a", "subject": "Arzt",
        "sensitivity": "private",
        "start": {"dateTime": "2026-12-08T09:00:00", "timeZone": "UTC"},
        "end": {"dateTime": "2026-12-08T10:00:00", "timeZone": "UTC"}}),
    );
    lena.calendar.put(
        json!({"id": "D", "iCalUId": "UD", "changeKey": "a", "subject": "Messe",
        "isAllDay": true,
        "start": {"dateTime": "2026-12-09T00:00:00.0000000", "timeZone": "UTC"},
        "end": {"dateTime": "2026-12-11T00:00:00.0000000", "timeZone": "UTC"}}),
    );
    let report = sync(&lena, &odoo);
    assert_eq!(
        outcomes(&report),
        [ItemOutcome::Created, ItemOutcome::Skipped]
    );
    let event = &odoo.events()[&1];
    assert_eq!(
        (&event["start_date"], &event["stop_date"]),
        (&json!("2026-12-09"), &json!("2026-12-10"))
    );
    assert_eq!(event["allday"], json!(true));
}

#[test]
fn odd_events_are_imported_or_skipped_with_a_line_and_the_rest_goes_on() {
    let (lena, odoo) = (lena(), odoo(IdentityField::OurField));
    let at = |h: u32| format!("2026-12-08T{h:02}:00:00.0000000");
    let timed = |id: &str, h: u32| {
        json!({"id": id, "iCalUId": format!("U-{id}"), "changeKey": "a",
            "start": {"dateTime": at(h), "timeZone": "UTC"},
            "end": {"dateTime": at(h + 1), "timeZone": "UTC"}})
    };
    lena.calendar.put(timed("no-subject", 8));
    let mut crowd = timed("crowd", 9);
    crowd["subject"] = json!("All hands");
    let many: Vec<Value> = (0..500)
        .map(|i| json!({"emailAddress": {"name": format!("P{i}"), "address": format!("p{i}@extern.de")}}))
        .chain([
            json!({"emailAddress": {"name": "Kunde", "address": "kunde@kunde.de"}}),
            json!({"emailAddress": {"name": "Raum Berlin"}}),
            json!({"emailAddress": {"name": "Alt", "address": "/o=ExchangeLabs/ou=Exchange Administrative Group/cn=Recipients/cn=alt"}}),
        ])
        .collect();
    crowd["attendees"] = Value::Array(many);
    crowd["body"] =
        json!({"contentType": "html", "content": format!("<p>{}</p>", "x".repeat(1_000_000))});
    lena.calendar.put(crowd);
    let mut mars = timed("mars", 10);
    mars["start"]["timeZone"] = json!("Mars Standard Time");
    lena.calendar.put(mars);
    lena.calendar
        .put(json!({"id": "broken", "subject": "Kaputt", "isAllDay": "sometimes"}));
    let report = sync(&lena, &odoo);
    let by_id: std::collections::BTreeMap<&str, (ItemOutcome, &str)> = report
        .events
        .iter()
        .map(|e| (e.outlook_id.as_str(), (e.outcome, e.detail.as_str())))
        .collect();
    assert_eq!(by_id["no-subject"].0, ItemOutcome::Created);
    assert_eq!(by_id["crowd"].0, ItemOutcome::Created);
    assert!(
        by_id["crowd"].1.contains("502 attendees have no contact"),
        "{}",
        by_id["crowd"].1
    );
    assert_eq!(by_id["mars"].0, ItemOutcome::Skipped);
    assert!(
        by_id["mars"].1.contains("Mars Standard Time"),
        "{}",
        by_id["mars"].1
    );
    assert_eq!(by_id["broken"].0, ItemOutcome::Skipped);
    let events = odoo.events();
    let mut names: Vec<&str> = events.values().filter_map(|e| e["name"].as_str()).collect();
    names.sort_unstable();
    assert_eq!(names, ["(no subject)", "All hands"]);
    let crowd = events
        .values()
        .find(|e| e["name"] == json!("All hands"))
        .expect("crowd");
    assert_eq!(crowd["partner_ids"], json!([3, 9]));
    let description = crowd["description"].as_str().unwrap_or_default();
    assert!(description.contains("Raum Berlin") && description.contains("/o=ExchangeLabs"));
}

#[test]
fn a_preview_writes_nothing_and_tells_what_would_happen() {
    let (mut lena, odoo) = (lena(), odoo(IdentityField::OurField));
    lena.options.dry_run = true;
    lena.calendar
        .put(meeting("L1", "a", "2026-12-07T09:00:00.0000000"));
    let preview = sync(&lena, &odoo);
    assert_eq!(outcomes(&preview), [ItemOutcome::Created]);
    assert!(odoo.events().is_empty());
    lena.options.dry_run = false;
    assert_eq!(
        outcomes(&sync(&lena, &odoo)),
        [ItemOutcome::Created],
        "the preview saved no link"
    );
}

#[test]
fn a_colleagues_connector_writing_the_same_change_first_is_not_a_person_editing_odoo() {
    let (lena, jonas, odoo) = (lena(), jonas(), odoo(IdentityField::OurField));
    lena.calendar
        .put(meeting("L1", "a", "2026-12-07T09:00:00.0000000"));
    jonas
        .calendar
        .put(meeting("J1", "a", "2026-12-07T09:00:00.0000000"));
    sync(&lena, &odoo);
    sync(&jonas, &odoo);
    // the organizer moves the meeting; Jonas's connector writes it first
    lena.calendar
        .put(meeting("L1", "b", "2026-12-07T08:00:00.0000000"));
    jonas
        .calendar
        .put(meeting("J1", "b", "2026-12-07T08:00:00.0000000"));
    sync(&jonas, &odoo);
    let report = sync(&lena, &odoo);
    assert_eq!(
        report.events[0].notes[0],
        super::notes::EventNote::Updated,
        "{:?}",
        report.events
    );
    // a person changes the description in Odoo; Outlook's stays: that one is named
    odoo.edit(1, "description", json!("<p>Notiz aus Odoo</p>"));
    lena.calendar
        .put(meeting("L1", "c", "2026-12-07T08:30:00.0000000"));
    let report = sync(&lena, &odoo);
    assert!(
        report.events[0].detail.contains(": description"),
        "{}",
        report.events[0].detail
    );
}
