//! The planner's cases, one table row each: identity (join the lowest, merge and remove later
//! duplicates), Outlook leading (only partners we set leave), all-day and timed values as
//! Odoo takes them, and the weaker name-and-time key.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{TimeZone, Utc};
use serde_json::json;

use super::event::{OutlookEvent, Privacy, ShowAs, When};
use super::plan::{
    ActionKind, Change, Link, OdooState, People, PlanInput, PlanOptions, identity_key, plan,
};
use crate::language::Language;
use crate::mail::address::Address;
use crate::model::OdooId;
use crate::odoo::calendar::{IdentityField, OdooEvent};

fn options(identity: IdentityField) -> PlanOptions {
    PlanOptions {
        start_date: "2026-12-01".parse().expect("date"),
        tz: chrono_tz::Europe::Berlin,
        skip_private: true,
        archive_cancelled: false,
        identity,
        microsoft_calendar: false,
        lang: Language::En,
    }
}

fn event(id: &str) -> OutlookEvent {
    OutlookEvent {
        id: id.into(),
        ical_uid: "UID".into(),
        change_key: "ck2".into(),
        subject: "Jour fixe".into(),
        body_html: String::new(),
        location: None,
        when: When::Timed {
            start: Utc.with_ymd_and_hms(2026, 12, 7, 8, 0, 0).unwrap(),
            stop: Utc.with_ymd_and_hms(2026, 12, 7, 9, 0, 0).unwrap(),
        },
        attendees: Vec::new(),
        organizer: None,
        show_as: ShowAs::Busy,
        privacy: Privacy::Public,
        join_url: None,
        cancelled: false,
    }
}

fn odoo_event(id: i64, partners: &[i64], uid: &str) -> OdooEvent {
    let mut fields = BTreeMap::new();
    fields.insert("partner_ids".to_owned(), json!(partners));
    fields.insert("x_office_connector_uid".to_owned(), json!(uid));
    fields.insert("active".to_owned(), json!(true));
    OdooEvent {
        id: OdooId(id),
        fields,
    }
}

fn people() -> People {
    People {
        own_partner: OdooId(3),
        own_user: OdooId(2),
        own_addresses: BTreeSet::from([Address::parse("lena@firma.de").expect("address")]),
        ..People::default()
    }
}

fn planned(
    changes: &[Change],
    links: &BTreeMap<String, Link>,
    odoo: &OdooState,
) -> super::plan::Plan {
    plan(PlanInput {
        changes,
        links,
        odoo,
        people: &people(),
        gone: &BTreeMap::new(),
        options: &options(IdentityField::OurField),
    })
}

#[test]
fn a_meeting_colleagues_created_twice_is_joined_at_the_lowest_and_the_rest_merged_away() {
    let odoo = OdooState::from_events(
        vec![
            odoo_event(12, &[4, 9], "UID"),
            odoo_event(10, &[4], "UID"),
            odoo_event(11, &[5], "other"),
        ],
        IdentityField::OurField,
    );
    let p = planned(
        &[Change::Event(Box::new(event("A")))],
        &BTreeMap::new(),
        &odoo,
    );
    let action = &p.actions[0];
    assert_eq!(action.kind, ActionKind::Join);
    assert_eq!(action.odoo, Some(OdooId(10)));
    assert_eq!(action.duplicates, [OdooId(12)]);
    assert_eq!(
        action.partners,
        [OdooId(3), OdooId(9)],
        "ours and the duplicate's, not present yet"
    );
}

#[test]
fn an_update_takes_off_only_the_partners_we_had_set() {
    let mut snapshot = BTreeMap::new();
    snapshot.insert("partner_ids".to_owned(), json!([3, 8]));
    let link = Link {
        odoo: OdooId(10),
        ical_uid: "UID".into(),
        change_key: "ck1".into(),
        snapshot: snapshot.clone(),
        organizer_is_me: true,
    };
    let links = BTreeMap::from([("A".to_owned(), link)]);
    let mut now = odoo_event(10, &[3, 7, 8], "UID");
    now.fields.insert("partner_ids".into(), json!([3, 7, 8]));
    let odoo = OdooState::from_events(vec![now], IdentityField::OurField);
    let p = planned(&[Change::Event(Box::new(event("A")))], &links, &odoo);
    let action = &p.actions[0];
    assert_eq!(action.kind, ActionKind::Update);
    assert_eq!(
        action.partners,
        [OdooId(8)],
        "8 was ours and Outlook dropped it; 7 a colleague's"
    );
    let values = action
        .values
        .as_ref()
        .expect("values")
        .to_odoo(false, &action.partners, false);
    assert_eq!(values["partner_ids"], json!([[4, 3], [3, 8]]));
}

#[test]
fn odoo_gets_all_day_dates_inclusive_and_timed_events_in_utc_text() {
    let mut allday = event("A");
    allday.when = When::AllDay {
        first: "2026-12-24".parse().expect("date"),
        last: "2026-12-25".parse().expect("date"),
    };
    let mut timed = event("B");
    timed.ical_uid = "UID-B".into();
    let changes = [
        Change::Event(Box::new(allday)),
        Change::Event(Box::new(timed)),
    ];
    let p = planned(&changes, &BTreeMap::new(), &OdooState::default());
    assert_eq!(p.actions.len(), 2);
    let values: Vec<_> = p
        .actions
        .iter()
        .map(|a| a.values.as_ref().expect("values").to_odoo(true, &[], true))
        .collect();
    assert_eq!(values[0]["allday"], json!(true));
    assert_eq!(
        (&values[0]["start_date"], &values[0]["stop_date"]),
        (&json!("2026-12-24"), &json!("2026-12-25"))
    );
    assert_eq!(
        (&values[1]["start"], &values[1]["stop"]),
        (&json!("2026-12-07 08:00:00"), &json!("2026-12-07 09:00:00"))
    );
    for v in &values {
        assert_eq!(v["alarm_ids"], json!([[6, 0, []]]), "no e-mail reminder");
        assert_eq!(
            v["need_sync_m"],
            json!(false),
            "not pushed back to Outlook by Odoo"
        );
        assert_eq!(v["partner_ids"], json!([[6, 0, [3]]]));
        assert!(
            v["x_office_connector_uid"]
                .as_str()
                .is_some_and(|u| u.starts_with("UID"))
        );
    }
}

#[test]
fn the_weaker_key_is_the_name_and_the_times_as_odoo_stores_them() {
    let mut nameless = event("A");
    nameless.subject = String::new();
    let key = identity_key(IdentityField::NameAndTime, &nameless, Language::De);
    assert_eq!(
        key,
        "(ohne Betreff)\u{1f}2026-12-07 08:00:00\u{1f}2026-12-07 09:00:00"
    );
    assert_eq!(
        identity_key(IdentityField::OurField, &nameless, Language::De),
        "UID"
    );
}

#[test]
fn the_plan_is_sorted_the_same_whatever_the_page_order() {
    let changes: Vec<Change> = ["C", "A", "B"]
        .iter()
        .map(|id| {
            let mut e = event(id);
            e.ical_uid = format!("U{id}");
            Change::Event(Box::new(e))
        })
        .collect();
    let mut reversed = changes.clone();
    reversed.reverse();
    let a = planned(&changes, &BTreeMap::new(), &OdooState::default());
    let b = planned(&reversed, &BTreeMap::new(), &OdooState::default());
    assert_eq!(a, b);
    let ids: Vec<&str> = a.actions.iter().map(|x| x.outlook_id.as_str()).collect();
    assert_eq!(ids, ["A", "B", "C"]);
}
