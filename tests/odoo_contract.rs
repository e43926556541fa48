//! The Odoo contract: every recorded transcript replayed against the fake Odoo seeded with the
//! transcripts' world, in file order, comparing the response shapes (FACTS.md, issue 2).

// NOTE: a test panics to report a failure; unwrapping the fake's answers is the point.
#![allow(clippy::unwrap_used)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use it::fakes_odoo::{FakeOdoo, shared_dir};
use office_connector_fakes::odoo::SeedUser;
use office_connector_fakes::odoo::{OdooVersion, Seed};
use serde_json::{Value, json};

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "bool",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// Compares shapes: same keys, same JSON types, same array lengths; error code/name/message equal.
fn compare(path: &str, expected: &Value, actual: &Value, problems: &mut Vec<String>) {
    if path.ends_with("/debug") {
        return;
    }
    if type_name(expected) != type_name(actual) {
        problems.push(format!(
            "{path}: expected {} {}, got {} {}",
            type_name(expected),
            short(expected),
            type_name(actual),
            short(actual)
        ));
        return;
    }
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => {
            let ek: BTreeSet<&String> = e.keys().collect();
            let ak: BTreeSet<&String> = a.keys().collect();
            if ek != ak {
                problems.push(format!(
                    "{path}: keys differ: missing {:?}, extra {:?}",
                    ek.difference(&ak).collect::<Vec<_>>(),
                    ak.difference(&ek).collect::<Vec<_>>()
                ));
            }
            for (k, ev) in e {
                if let Some(av) = a.get(k) {
                    compare(&format!("{path}/{k}"), ev, av, problems);
                }
            }
        }
        (Value::Array(e), Value::Array(a)) => {
            if e.len() != a.len() {
                problems.push(format!(
                    "{path}: expected {} items, got {}: {}",
                    e.len(),
                    a.len(),
                    short(actual)
                ));
                return;
            }
            for (i, (ev, av)) in e.iter().zip(a).enumerate() {
                compare(&format!("{path}/{i}"), ev, av, problems);
            }
        }
        _ => {
            let strict = ["/error/code", "/error/data/name", "/error/data/message"];
            if strict.iter().any(|s| path.ends_with(s))
                && path.starts_with("/error")
                && expected != actual
            {
                problems.push(format!("{path}: expected {expected}, got {actual}"));
            }
        }
    }
}

fn short(v: &Value) -> String {
    let s = v.to_string();
    if s.len() > 300 {
        format!("{}…", &s[..300])
    } else {
        s
    }
}

fn substitute(v: &Value, key: &str) -> Value {
    match v {
        Value::String(s) => Value::from(s.replace("<admin-api-key>", key)),
        Value::Array(a) => Value::Array(a.iter().map(|x| substitute(x, key)).collect()),
        Value::Object(o) => Value::Object(
            o.iter()
                .map(|(k, x)| (k.clone(), substitute(x, key)))
                .collect(),
        ),
        other => other.clone(),
    }
}

#[tokio::test]
async fn every_transcript_replays_against_the_fake_odoo_with_the_recorded_shape() {
    let dir = shared_dir().join("reference/odoo/transcripts");
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("transcripts at {}: {e}", dir.display()))
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".json") && n.chars().next().is_some_and(|c| c.is_ascii_digit()))
        .collect();
    files.sort_by_key(|n| {
        n.split('_')
            .next()
            .and_then(|p| p.parse::<u32>().ok())
            .unwrap_or(u32::MAX)
    });

    let skips_text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/odoo_contract_skips.toml"
    ))
    .expect("skips file");
    let skips: BTreeMap<String, toml::Value> = toml::from_str::<toml::Table>(&skips_text)
        .expect("skips file is TOML")
        .get("skip")
        .and_then(|s| s.as_table())
        .cloned()
        .unwrap_or_default()
        .into_iter()
        .collect();
    for (name, reason) in &skips {
        assert!(
            files.contains(name),
            "skip list names {name}, which is not in the transcripts folder"
        );
        assert!(
            reason.as_str().is_some_and(|r| r.len() > 10),
            "skip of {name} needs a reason"
        );
    }

    // NOTE: the transcripts' events lie after the recording (from 2026-12-01 on); Odoo invites
    // only to future events, so the replay runs at the recording's time, not today's
    // (transcripts/README.md).
    let recorded = chrono::NaiveDate::from_ymd_opt(2026, 11, 27)
        .and_then(|d| d.and_hms_opt(6, 0, 0))
        .expect("a valid date");
    let fake = FakeOdoo::start_at(Seed::Transcripts, OdooVersion::V17, recorded).await;
    let key = fake.user("admin").odoo_api_key;
    let mut failures = Vec::new();
    let mut replayed = 0;
    for name in &files {
        if skips.contains_key(name) {
            continue;
        }
        match replay(&fake, &key, &dir, name).await {
            Some(problems) => {
                replayed += 1;
                failures.extend(problems);
            }
            None => failures.push(format!(
                "{name}: no request recorded and not listed in odoo_contract_skips.toml"
            )),
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {replayed} replayed transcripts differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(replayed >= 100, "only {replayed} transcripts replayed");
}

/// Sends one transcript's request to the fake and compares the answer with the recorded one;
/// the differences, or `None` when the transcript recorded no request.
async fn replay(fake: &FakeOdoo, key: &str, dir: &Path, name: &str) -> Option<Vec<String>> {
    let transcript: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join(name)).expect("readable"))
            .expect("json");
    let request = transcript.get("request")?;
    let url = request["url"].as_str().expect("url");
    let path = url
        .splitn(4, '/')
        .nth(3)
        .map(|p| format!("/{p}"))
        .unwrap_or_default();
    let mut req = fake.http.post(format!("{}{path}", fake.url()));
    if let Some(headers) = request.get("headers").and_then(Value::as_object) {
        for (k, v) in headers {
            if let Some(v) = v.as_str() {
                req = req.header(
                    k.as_str(),
                    v.replace("<apikey>", key).replace("<admin-api-key>", key),
                );
            }
        }
    }
    let body = substitute(request.get("json").unwrap_or(&Value::Null), key);
    let resp = req.json(&body).send().await.expect("fake answers");
    let expected = &transcript["response"];
    let status = resp.status().as_u16();
    if Some(u64::from(status)) != expected["status"].as_u64() {
        return Some(vec![format!(
            "{name}: HTTP {status}, expected {}",
            expected["status"]
        )]);
    }
    let Some(expected_json) = expected.get("json") else {
        let ct = resp
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string();
        let want = expected
            .get("content_type")
            .and_then(Value::as_str)
            .unwrap_or("text/html");
        let same = ct.starts_with(want.split(';').next().unwrap_or(want));
        return Some(if same {
            vec![]
        } else {
            vec![format!("{name}: content-type {ct}, expected {want}")]
        });
    };
    let actual: Value = match resp.json().await {
        Ok(v) => v,
        Err(e) => return Some(vec![format!("{name}: body is not JSON: {e}")]),
    };
    let mut problems = Vec::new();
    compare("", expected_json, &actual, &mut problems);
    Some(
        problems
            .into_iter()
            .map(|p| format!("{name}: {p}"))
            .collect(),
    )
}

/// The transcripts of the second set (another database, FACTS 42-48) the fake serves, replayed
/// in this order on the transcripts' world.
///
/// NOTE: left out, because the fake does not model what they show: 203 (a plain internal user
/// posting on a partner it may not write), 210-215 and 217 (`ir.mail_server`).
const SECOND_SET: &[&str] = &[
    "200_demo_mail_message_create_list.json",
    "201_demo_mail_message_read_list.json",
    "202_admin_mail_notification_for_200.json",
    "204_demo_ir_attachment_create_truncated_png.json",
    "205_demo_ir_attachment_create_truncated_png_as_octet.json",
    "206_demo_ir_attachment_create_list.json",
    "207_demo_opportunities_of_company_for_person.json",
    "208_demo_partner_commercial_partner.json",
    "209_demo_partner_image_checksums.json",
    "216_admin_mail_mail_queue_states.json",
    "218_admin_mail_mail_count_before.json",
    "219_demo_event_create_no_mail_ctx.json",
    "220_demo_event_create_no_mail_dont_notify_ctx.json",
    "221_admin_mail_mail_after_create.json",
    "222_admin_alarm_triggers_after_create.json",
    "223_demo_event_write_move_no_mail_ctx.json",
    "224_demo_event_write_add_attendee_no_mail_ctx.json",
    "225_admin_mail_mail_after_writes.json",
    "226_admin_messages_on_events.json",
    "227_admin_notifications_on_event_messages.json",
    "228_demo_event_create_without_ctx.json",
    "229_admin_mail_mail_after_no_ctx.json",
    "230_demo_event_create_allday_past.json",
    "231_admin_mail_mail_after_past.json",
];

#[tokio::test]
async fn chosen_transcripts_of_the_second_set_replay_against_the_fake_odoo_with_the_recorded_shape()
{
    let dir = shared_dir().join("reference/odoo/transcripts-2");
    // NOTE: recorded on 2026-12-04: the events of 219-228 are in the future then, 230 in the past
    let recorded = chrono::NaiveDate::from_ymd_opt(2026, 12, 4)
        .and_then(|d| d.and_hms_opt(14, 57, 0))
        .expect("a valid date");
    let fake = FakeOdoo::start_at(Seed::Transcripts, OdooVersion::V17, recorded).await;
    let admin = fake.user("admin");
    seed_second_set(&fake, &admin).await;
    let mut failures = Vec::new();
    for name in SECOND_SET {
        match replay(&fake, &admin.odoo_api_key, &dir, name).await {
            Some(problems) => failures.extend(problems),
            None => failures.push(format!("{name}: no request recorded")),
        }
    }
    assert!(
        failures.is_empty(),
        "{} differences in the second set:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// What the second set's database had that the transcripts' world has not: demo2 (uid 8,
/// partner 41, an internal user with an address: 229 shows it invited by e-mail), the
/// opportunities of Deco Addict (207) and the mail.message sequence where the recording starts
/// (201 reads what 200 created by id).
async fn seed_second_set(fake: &FakeOdoo, admin: &SeedUser) {
    let demo2 = json!([{"name": "Demo Two", "login": "demo2", "password": "demo2",
        "email": "demo2@example.com", "groups_id": [[6, 0, [1]]]}]);
    let uid = fake
        .ok(admin, "res.users", "create", demo2, json!({}))
        .await;
    assert_eq!(uid, 8, "demo2 is uid 8 in the second set");
    let state = fake.server.state();
    let mut guard = office_connector_fakes::odoo::server::lock(&state);
    let db = guard.dbs.get_mut("o365").expect("database o365");
    for (id, name, stage, probability) in [
        (26, "Open Space Design", 3, 45.0),
        (14, "Office Design Project", 1, 10.0),
    ] {
        let lead = json!({"name": name, "partner_id": 10, "stage_id": stage, "probability": probability,
            "user_id": 6, "type": "opportunity", "active": true});
        db.insert(
            "crm.lead",
            id,
            lead.as_object().cloned().unwrap_or_default(),
        );
    }
    db.table("mail.message").next_id = 177;
}
