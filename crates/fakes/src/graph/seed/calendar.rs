//! The demo people's week of meetings, relative to the fake clock's "now" (its week, Monday to
//! Friday, in Berlin time; never the machine's date):
//! - Lena organizes "Angebot S00042 besprechen" tomorrow with Jonas and the customer Jürgen Müller
//!   (Müller & Söhne, of the fake Odoo's demo data) in the showroom — Jonas holds a copy;
//! - Lena's "Vertriebsrunde" every Monday and Thursday (eight times, from this week's Monday),
//!   with this week's Thursday moved to the afternoon and next week's Monday cancelled;
//! - Lena's two-day all-day "Möbelmesse Köln" (Wednesday and Thursday), her private dentist
//!   appointment, and a Teams meeting with Maren Jürgensen (Nordwind Logistik);
//! - Jonas organizes "Baustellentermin Showroom" with Lena (so Lena holds a copy), and has a
//!   private evening appointment and a Teams call with Lukas Gruber (Donau Maschinenbau).
//!
//! Lena's events are in the Windows zone "W. Europe Standard Time", Jonas's in "Europe/Berlin",
//! as Outlook on Windows and other clients write them.

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, Utc, Weekday};

use crate::graph::mailbox::Mailbox;
use crate::graph::mailbox::event::{Attendee, EventData, Location, PostalAddress};
use crate::graph::mailbox::meetings::{self, EventPatch};
use crate::graph::mailbox::message::Address;
use crate::graph::mailbox::recurrence::{Pattern, PatternKind, RangeEnd, Recurrence};
use crate::graph::protocol::timezones::Zone;

const LENA_ZONE: &str = "W. Europe Standard Time";
const JONAS_ZONE: &str = "Europe/Berlin";

fn person(name: &str, address: &str) -> Address {
    Address {
        name: name.into(),
        address: address.into(),
    }
}

fn attendee(a: &Address) -> Attendee {
    Attendee {
        address: a.clone(),
        kind: "required".into(),
        response: "none".into(),
    }
}

fn at(day: NaiveDate, hour: u32, minute: u32) -> NaiveDateTime {
    day.and_hms_opt(hour, minute, 0).unwrap_or_default()
}

/// A plain event of `organizer` from `start` to `end` in `zone`.
fn event(
    organizer: &Address,
    zone: &str,
    subject: &str,
    start: NaiveDateTime,
    end: NaiveDateTime,
) -> EventData {
    let zone = Zone::parse(zone).unwrap_or_else(Zone::utc);
    EventData {
        subject: subject.into(),
        body: format!("<html><body><p>{subject}</p></body></html>"),
        body_type: "html".into(),
        start,
        end,
        start_zone: zone.clone(),
        end_zone: zone,
        is_all_day: false,
        is_cancelled: false,
        location: Location::default(),
        show_as: "busy".into(),
        sensitivity: "normal".into(),
        importance: "normal".into(),
        categories: Vec::new(),
        is_online_meeting: false,
        join_url: None,
        organizer: organizer.clone(),
        attendees: Vec::new(),
    }
}

fn teams(data: &mut EventData, meeting: &str) {
    data.is_online_meeting = true;
    data.join_url = Some(format!(
        "https://teams.microsoft.com/l/meetup-join/19%3ameeting_{meeting}%40thread.v2/0"
    ));
}

/// Lena's week.
fn lena_week(
    mailboxes: &mut BTreeMap<String, Mailbox>,
    lena: &Address,
    jonas: &Address,
    monday: NaiveDate,
    now: DateTime<Utc>,
) {
    let upn = lena.address.as_str();
    let mueller = person("Jürgen Müller", "juergen.mueller@mueller-soehne.example");
    let tomorrow = now.with_timezone(&chrono_tz::Europe::Berlin).date_naive() + Duration::days(1);
    let mut offer = event(
        lena,
        LENA_ZONE,
        "Angebot S00042 besprechen",
        at(tomorrow, 10, 0),
        at(tomorrow, 11, 0),
    );
    offer.attendees = vec![attendee(jonas), attendee(&mueller)];
    offer.location = Location {
        display_name: "Showroom Berlin".into(),
        address: Some(PostalAddress {
            street: "Torstraße 140".into(),
            city: "Berlin".into(),
            state: String::new(),
            country_or_region: "Deutschland".into(),
            postal_code: "10119".into(),
        }),
    };
    let _ = meetings::create(mailboxes, upn, offer, None, now);
    lena_series(mailboxes, lena, monday, now);
    lena_own(mailboxes, lena, monday, now);
}

/// Lena's "Vertriebsrunde": Mondays and Thursdays, this Thursday moved, next Monday cancelled.
fn lena_series(
    mailboxes: &mut BTreeMap<String, Mailbox>,
    lena: &Address,
    monday: NaiveDate,
    now: DateTime<Utc>,
) {
    let upn = lena.address.as_str();
    let round = event(
        lena,
        LENA_ZONE,
        "Vertriebsrunde",
        at(monday, 9, 0),
        at(monday, 9, 30),
    );
    let recurrence = Recurrence {
        pattern: Pattern {
            kind: PatternKind::Weekly,
            interval: 1,
            days_of_week: vec![Weekday::Mon, Weekday::Thu],
            first_day_of_week: Weekday::Mon,
            day_of_month: 0,
        },
        start_date: monday,
        end: RangeEnd::Numbered(8),
        time_zone: LENA_ZONE.into(),
    };
    if let Ok(series) = meetings::create(mailboxes, upn, round, Some(recurrence), now) {
        let thursday = monday + Duration::days(3);
        let moved = EventPatch {
            subject: Some("Vertriebsrunde (verschoben)".into()),
            start: Some(at(thursday, 14, 0)),
            end: Some(at(thursday, 14, 30)),
            ..EventPatch::default()
        };
        let _ = meetings::update_occurrence(mailboxes, upn, &series.id, thursday, &moved, now);
        let _ = meetings::cancel_occurrence(
            mailboxes,
            upn,
            &series.id,
            monday + Duration::days(7),
            now,
        );
    }
}

/// Lena's all-day fair, private appointment and Teams meeting.
fn lena_own(
    mailboxes: &mut BTreeMap<String, Mailbox>,
    lena: &Address,
    monday: NaiveDate,
    now: DateTime<Utc>,
) {
    let upn = lena.address.as_str();
    let wednesday = monday + Duration::days(2);
    let mut fair = event(
        lena,
        LENA_ZONE,
        "Möbelmesse Köln",
        at(wednesday, 0, 0),
        at(wednesday + Duration::days(2), 0, 0),
    );
    fair.is_all_day = true;
    fair.show_as = "workingElsewhere".into();
    fair.location = Location {
        display_name: "Koelnmesse".into(),
        address: None,
    };
    let friday = monday + Duration::days(4);
    let mut dentist = event(
        lena,
        LENA_ZONE,
        "Zahnarzt",
        at(friday, 8, 0),
        at(friday, 9, 0),
    );
    dentist.sensitivity = "private".into();
    dentist.show_as = "oof".into();
    let tuesday = monday + Duration::days(1);
    let mut fleet = event(
        lena,
        LENA_ZONE,
        "Abstimmung Fuhrpark-Software",
        at(tuesday, 14, 0),
        at(tuesday, 14, 45),
    );
    fleet.attendees = vec![attendee(&person(
        "Maren Jürgensen",
        "maren.juergensen@nordwind-logistik.example",
    ))];
    teams(&mut fleet, "NzA1ZmE2ZDAtZmxlZXQ");
    for data in [fair, dentist, fleet] {
        let _ = meetings::create(mailboxes, upn, data, None, now);
    }
}

/// Jonas's week.
fn jonas_week(
    mailboxes: &mut BTreeMap<String, Mailbox>,
    jonas: &Address,
    lena: &Address,
    monday: NaiveDate,
    now: DateTime<Utc>,
) {
    let wednesday = monday + Duration::days(2);
    let mut site = event(
        jonas,
        JONAS_ZONE,
        "Baustellentermin Showroom",
        at(wednesday, 13, 0),
        at(wednesday, 15, 0),
    );
    site.attendees = vec![attendee(lena)];
    site.location = Location {
        display_name: "Showroom Berlin".into(),
        address: None,
    };
    let thursday = monday + Duration::days(3);
    let mut evening = event(
        jonas,
        JONAS_ZONE,
        "Elternabend",
        at(thursday, 19, 0),
        at(thursday, 20, 30),
    );
    evening.sensitivity = "private".into();
    let mut call = event(
        jonas,
        JONAS_ZONE,
        "Teams: Wartungsvertrag Donau",
        at(thursday, 10, 0),
        at(thursday, 10, 30),
    );
    call.attendees = vec![attendee(&person(
        "Lukas Gruber",
        "lukas.gruber@donau-maschinenbau.example",
    ))];
    teams(&mut call, "ZGFmNmI4MWQtZG9uYXU");
    for data in [site, evening, call] {
        let _ = meetings::create(mailboxes, &jonas.address, data, None, now);
    }
}

/// Puts the demo week into the demo people's calendars (`people`: Lena, then Jonas).
pub fn seed(mailboxes: &mut BTreeMap<String, Mailbox>, people: &[Address], now: DateTime<Utc>) {
    let [lena, jonas] = people else {
        return;
    };
    let today = now.with_timezone(&chrono_tz::Europe::Berlin).date_naive();
    let monday = today - Duration::days(i64::from(today.weekday().num_days_from_monday()));
    lena_week(mailboxes, lena, jonas, monday, now);
    jonas_week(mailboxes, jonas, lena, monday, now);
}
