//! The calendar job over HTTP against both fakes (issue 15): one Odoo event per meeting however
//! many colleagues sync it and in which order, exact times across zones and DST, all-day dates,
//! series, cancellations, Outlook leading — and the fake Odoo's outbox empty after every test.

use it::calendar_job::{CalendarUser, NOW, assert_nobody_mailed, graph, odoo_events, partner_of};
use it::mail::{JONAS, LENA, odoo};
use office_connector_core::model::{ItemOutcome, Outcome};
use serde_json::{Value, json};

const MUELLER: &str = "juergen.mueller@mueller-soehne.example";

fn meeting(subject: &str, start: &str, end: &str, zone: &str) -> Value {
    json!({"subject": subject, "start": start, "end": end, "time_zone": zone,
        "body_html": "<p>Agenda</p><script>alert(1)</script>",
        "location": "Raum 1",
        "attendees": [
            {"address": JONAS, "name": "Jonas Weiß"},
            {"address": MUELLER, "name": "Jürgen Müller"},
            {"address": "unbekannt@anderswo.example", "name": "Unbekannt"}]})
}

fn outcome_of(run: &office_connector_core::api::CalendarRun, subject: &str) -> ItemOutcome {
    run.report
        .events
        .iter()
        .find(|e| e.subject == subject)
        .map(|e| e.outcome)
        .unwrap_or_else(|| panic!("no {subject} in {:#?}", run.report.events))
}

#[tokio::test]
async fn a_meeting_two_colleagues_sync_is_one_odoo_event_with_both_and_nobody_is_mailed() {
    let (graph, odoo) = (graph().await, odoo().await);
    let lena = CalendarUser::connect(&graph, &odoo, LENA).await;
    let jonas = CalendarUser::connect(&graph, &odoo, JONAS).await;
    lena.create(
        &graph,
        meeting(
            "Angebot besprechen",
            "2026-12-07T10:00:00",
            "2026-12-07T11:00:00",
            "Europe/Berlin",
        ),
    )
    .await;

    let first = jonas.sync(false).await;
    assert_eq!(
        outcome_of(&first, "Angebot besprechen"),
        ItemOutcome::Created,
        "{}",
        first.summary
    );
    let second = lena.sync(false).await;
    assert_eq!(
        outcome_of(&second, "Angebot besprechen"),
        ItemOutcome::Linked,
        "{}",
        second.summary
    );

    let events = odoo_events(&odoo, "Angebot besprechen").await;
    assert_eq!(events.len(), 1, "{events:#?}");
    let event = &events[0];
    let partners: Vec<i64> = serde_json::from_value(event["partner_ids"].clone()).expect("ids");
    for login in [LENA, JONAS] {
        assert!(
            partners.contains(&partner_of(&odoo, login)),
            "{login} attends: {partners:?}"
        );
    }
    assert_eq!(
        event["start"],
        json!("2026-12-07 09:00:00"),
        "10:00 in Berlin is 09:00 UTC"
    );
    assert_eq!(
        event["user_id"][0],
        json!(odoo.user(LENA).odoo_uid),
        "the organizer owns it"
    );
    let description = event["description"].as_str().unwrap_or_default();
    assert!(
        description.contains("Agenda") && !description.contains("<script"),
        "{description}"
    );
    assert!(
        description.contains("unbekannt@anderswo.example"),
        "{description}"
    );
    assert!(
        lena.sync(false).await.report.events.is_empty(),
        "a quiet run after"
    );
    assert_nobody_mailed(&odoo).await;
}

#[tokio::test]
async fn colleagues_syncing_one_meeting_at_the_same_moment_leave_one_event() {
    let (graph, odoo) = (graph().await, odoo().await);
    let lena = CalendarUser::connect(&graph, &odoo, LENA).await;
    let jonas = CalendarUser::connect(&graph, &odoo, JONAS).await;
    lena.create(
        &graph,
        meeting(
            "Gleichzeitig",
            "2026-12-08T14:00:00",
            "2026-12-08T15:00:00",
            "UTC",
        ),
    )
    .await;
    let (a, b) = tokio::join!(lena.sync(false), jonas.sync(false));
    assert_eq!(a.outcome, Outcome::Success, "{}", a.summary);
    assert_eq!(b.outcome, Outcome::Success, "{}", b.summary);
    let events = odoo_events(&odoo, "Gleichzeitig").await;
    let active: Vec<&Value> = events
        .iter()
        .filter(|e| e["active"] == json!(true))
        .collect();
    assert_eq!(active.len(), 1, "{events:#?}");
    let partners: Vec<i64> = serde_json::from_value(active[0]["partner_ids"].clone()).expect("ids");
    assert!(
        partners.contains(&partner_of(&odoo, LENA)) && partners.contains(&partner_of(&odoo, JONAS))
    );
    for who in [&lena, &jonas] {
        assert!(who.sync(false).await.report.events.is_empty(), "settled");
    }
    assert_nobody_mailed(&odoo).await;
}

#[tokio::test]
async fn times_are_exact_across_zones_and_dst_and_all_day_dates_never_shift() {
    let (graph, odoo) = (graph().await, odoo().await);
    let lena = CalendarUser::connect(&graph, &odoo, LENA).await;
    for (subject, start, end, zone) in [
        (
            "Berlin Winter",
            "2026-12-09T09:00:00",
            "2026-12-09T10:00:00",
            "W. Europe Standard Time",
        ),
        (
            "Los Angeles",
            "2026-12-09T09:00:00",
            "2026-12-09T10:00:00",
            "Pacific Standard Time",
        ),
        (
            "Auckland",
            "2026-12-10T09:00:00",
            "2026-12-10T10:00:00",
            "Pacific/Auckland",
        ),
    ] {
        lena.create(
            &graph,
            json!({"subject": subject, "start": start, "end": end, "time_zone": zone}),
        )
        .await;
    }
    lena.create(
        &graph,
        json!({"subject": "Messe", "start": "2026-12-11", "end": "2026-12-13",
        "time_zone": "Europe/Berlin", "is_all_day": true}),
    )
    .await;
    let run = lena.sync(false).await;
    assert_eq!(run.outcome, Outcome::Success, "{}", run.summary);
    let start = |events: Vec<Value>| events[0]["start"].clone();
    assert_eq!(
        start(odoo_events(&odoo, "Berlin Winter").await),
        json!("2026-12-09 08:00:00")
    );
    assert_eq!(
        start(odoo_events(&odoo, "Los Angeles").await),
        json!("2026-12-09 17:00:00")
    );
    assert_eq!(
        start(odoo_events(&odoo, "Auckland").await),
        json!("2026-12-09 20:00:00")
    );
    let messe = &odoo_events(&odoo, "Messe").await[0];
    assert_eq!(messe["allday"], json!(true));
    assert_eq!(
        (&messe["start_date"], &messe["stop_date"]),
        (&json!("2026-12-11"), &json!("2026-12-12"))
    );
    assert_nobody_mailed(&odoo).await;
}

#[tokio::test]
async fn windows_zone_names_from_other_clients_are_read_when_the_server_ignores_the_preference() {
    let (graph, odoo) = (graph().await, odoo().await);
    let lena = CalendarUser::connect(&graph, &odoo, LENA).await;
    graph
        .control_post(
            &format!("/graph/mailboxes/{LENA}/calendar/ignore-timezone-preference"),
            json!({"on": true}),
        )
        .await;
    lena.create(
        &graph,
        json!({"subject": "Aus Outlook 2016", "start": "2026-12-14T09:00:00",
        "end": "2026-12-14T09:30:00", "time_zone": "W. Europe Standard Time"}),
    )
    .await;
    let run = lena.sync(false).await;
    assert_eq!(
        outcome_of(&run, "Aus Outlook 2016"),
        ItemOutcome::Created,
        "{}",
        run.summary
    );
    assert_eq!(
        odoo_events(&odoo, "Aus Outlook 2016").await[0]["start"],
        json!("2026-12-14 08:00:00")
    );
    assert_nobody_mailed(&odoo).await;
}

#[tokio::test]
async fn a_series_becomes_its_occurrences_with_the_exception_and_without_the_cancelled_one() {
    let (graph, odoo) = (graph().await, odoo().await);
    let lena = CalendarUser::connect(&graph, &odoo, LENA).await;
    let series = lena
        .create(
            &graph,
            json!({"subject": "Jour fixe", "start": "2026-12-07T09:00:00",
            "end": "2026-12-07T09:30:00", "time_zone": "Europe/Berlin",
            "recurrence": {"pattern": {"type": "weekly", "days_of_week": ["monday"]},
                "range": {"type": "numbered", "number_of_occurrences": 4}}}),
        )
        .await;
    let id = series["id"].as_str().expect("series id");
    graph
        .control_call(
            reqwest::Method::PATCH,
            &format!("/graph/mailboxes/{LENA}/events/{id}/occurrences/2026-12-14"),
            Some(json!({"start": "2026-12-14T11:00:00", "end": "2026-12-14T11:30:00"})),
        )
        .await;
    graph
        .control_call(
            reqwest::Method::POST,
            &format!("/graph/mailboxes/{LENA}/events/{id}/occurrences/2026-12-21/cancel"),
            None,
        )
        .await;
    let run = lena.sync(false).await;
    assert_eq!(run.outcome, Outcome::Success, "{}", run.summary);
    let starts: Vec<Value> = odoo_events(&odoo, "Jour fixe")
        .await
        .iter()
        .map(|e| e["start"].clone())
        .collect();
    assert_eq!(
        starts,
        [
            json!("2026-12-07 08:00:00"),
            json!("2026-12-14 10:00:00"),
            json!("2026-12-28 08:00:00")
        ]
    );
    assert_nobody_mailed(&odoo).await;
}

#[tokio::test]
async fn outlook_leads_a_move_and_a_cancellation_is_archived_only_when_chosen() {
    let (graph, odoo) = (graph().await, odoo().await);
    let lena = CalendarUser::connect(&graph, &odoo, LENA).await;
    let made = lena
        .create(
            &graph,
            meeting(
                "Planung",
                "2026-12-15T10:00:00",
                "2026-12-15T11:00:00",
                "UTC",
            ),
        )
        .await;
    lena.sync(false).await;
    let id = made["id"].as_str().expect("id");
    graph
        .control_call(
            reqwest::Method::PATCH,
            &format!("/graph/mailboxes/{LENA}/events/{id}"),
            Some(json!({"start": "2026-12-16T10:00:00", "end": "2026-12-16T11:00:00"})),
        )
        .await;
    let moved = lena.sync(false).await;
    assert_eq!(
        outcome_of(&moved, "Planung"),
        ItemOutcome::Updated,
        "{}",
        moved.summary
    );
    assert_eq!(
        odoo_events(&odoo, "Planung").await[0]["start"],
        json!("2026-12-16 10:00:00")
    );

    graph
        .control_call(
            reqwest::Method::POST,
            &format!("/graph/mailboxes/{LENA}/events/{id}/cancel"),
            None,
        )
        .await;
    let listed = lena.sync(false).await;
    assert_eq!(listed.report.events.len(), 1, "{:#?}", listed.report.events);
    assert_eq!(listed.report.events[0].outcome, ItemOutcome::Skipped);
    assert_eq!(
        odoo_events(&odoo, "Planung").await[0]["active"],
        json!(true),
        "default: kept"
    );

    let other = lena
        .create(
            &graph,
            meeting(
                "Absage",
                "2026-12-17T10:00:00",
                "2026-12-17T11:00:00",
                "UTC",
            ),
        )
        .await;
    lena.ms
        .session
        .set_setting("calendar.archive_cancelled", "true")
        .expect("option");
    lena.sync(false).await;
    let other = other["id"].as_str().expect("id");
    graph
        .control_call(
            reqwest::Method::POST,
            &format!("/graph/mailboxes/{LENA}/events/{other}/cancel"),
            None,
        )
        .await;
    let archived = lena.sync(false).await;
    assert_eq!(
        archived.report.count(ItemOutcome::Deleted),
        1,
        "{:#?}",
        archived.report.events
    );
    assert_eq!(
        odoo_events(&odoo, "Absage").await[0]["active"],
        json!(false)
    );
    assert_nobody_mailed(&odoo).await;
}

#[tokio::test]
async fn a_preview_writes_nothing_and_a_start_date_in_the_future_is_refused() {
    let (graph, odoo) = (graph().await, odoo().await);
    let lena = CalendarUser::connect(&graph, &odoo, LENA).await;
    lena.create(
        &graph,
        meeting(
            "Vorschau",
            "2026-12-07T10:00:00",
            "2026-12-07T11:00:00",
            "UTC",
        ),
    )
    .await;
    let preview = lena.sync(true).await;
    assert_eq!(outcome_of(&preview, "Vorschau"), ItemOutcome::Created);
    assert!(preview.run.is_none());
    assert!(odoo_events(&odoo, "Vorschau").await.is_empty());
    lena.ms
        .session
        .set_setting("calendar.start_date", "2026-12-05")
        .expect("setting");
    let text = lena
        .try_sync(false)
        .await
        .expect_err("a start date after today");
    assert!(
        text.contains("2026-12-05") && text.contains("future"),
        "{text}"
    );
    let _ = NOW;
    assert_nobody_mailed(&odoo).await;
}

#[tokio::test]
async fn an_administrator_prepares_the_identity_field_once_and_a_salesperson_is_told_to_ask() {
    let (graph, odoo) = (graph().await, odoo().await);
    let lena = CalendarUser::connect(&graph, &odoo, LENA).await;
    let secrets = &*lena.ms.secrets;
    let shown = lena
        .ms
        .session
        .prepare_odoo_calendar(secrets, false)
        .await
        .expect("shown");
    let lang = office_connector_core::i18n::Language::En;
    let text = office_connector_core::i18n::Msg::Calendar(shown).render(lang);
    assert!(
        text.contains("x_office_connector_uid") && text.contains("calendar.event"),
        "{text}"
    );
    use office_connector_core::error_code::UserFacing;
    let refused = lena
        .ms
        .session
        .prepare_odoo_calendar(secrets, true)
        .await
        .expect_err("no admin");
    assert!(
        refused.to_ui(lang).message.contains("administrator"),
        "{}",
        refused.to_ui(lang).message
    );

    // the administrator creates it (as `office-connector odoo prepare --yes` would)
    let admin = odoo.user("admin");
    let model = odoo
        .ok(
            &admin,
            "ir.model",
            "search_read",
            json!([[["model", "=", "calendar.event"]]]),
            json!({"fields": ["id"]}),
        )
        .await;
    let mut field = office_connector_core::odoo::calendar::prepared_field();
    field.insert("model_id".into(), model[0]["id"].clone());
    odoo.ok(
        &admin,
        "ir.model.fields",
        "create",
        json!([Value::Object(field)]),
        json!({}),
    )
    .await;
    let done = lena
        .ms
        .session
        .prepare_odoo_calendar(secrets, false)
        .await
        .expect("nothing");
    let text = office_connector_core::i18n::Msg::Calendar(done).render(lang);
    assert!(text.starts_with("Nothing to do"), "{text}");

    // from now on meetings carry their identity, and colleagues join by it
    let jonas = CalendarUser::connect(&graph, &odoo, JONAS).await;
    lena.create(
        &graph,
        meeting(
            "Mit Kennung",
            "2026-12-09T10:00:00",
            "2026-12-09T11:00:00",
            "UTC",
        ),
    )
    .await;
    lena.sync(false).await;
    assert_eq!(
        outcome_of(&jonas.sync(false).await, "Mit Kennung"),
        ItemOutcome::Linked
    );
    let uid = odoo
        .ok(
            &admin,
            "calendar.event",
            "search_read",
            json!([[["name", "=", "Mit Kennung"]]]),
            json!({"fields": ["x_office_connector_uid"]}),
        )
        .await;
    assert_eq!(uid.as_array().map(Vec::len), Some(1));
    assert!(
        uid[0]["x_office_connector_uid"]
            .as_str()
            .is_some_and(|u| !u.is_empty()),
        "{uid}"
    );
    assert_nobody_mailed(&odoo).await;
}

#[tokio::test]
async fn with_odoos_own_outlook_sync_running_the_job_refuses_and_says_why() {
    let graph = graph().await;
    let odoo = it::fakes_odoo::FakeOdoo::start(
        office_connector_fakes::odoo::Seed::Demo,
        office_connector_fakes::odoo::OdooVersion::V17,
    )
    .await;
    odoo.control_post(
        "seed",
        json!({"seed": "demo", "modules": ["microsoft_calendar"]}),
    )
    .await;
    let lena = CalendarUser::connect(&graph, &odoo, LENA).await;
    lena.create(
        &graph,
        meeting(
            "Doppelt",
            "2026-12-09T10:00:00",
            "2026-12-09T11:00:00",
            "UTC",
        ),
    )
    .await;
    // microsoft_calendar without a sync for Lena: imported, marked so that Odoo's own sync of
    // the organizer does not push it back into Outlook, and Odoo's Outlook ids left alone
    let run = lena.sync(false).await;
    assert_eq!(
        outcome_of(&run, "Doppelt"),
        ItemOutcome::Created,
        "{}",
        run.summary
    );
    let admin = odoo.user("admin");
    let stored = odoo
        .ok(
            &admin,
            "calendar.event",
            "search_read",
            json!([[["name", "=", "Doppelt"]]]),
            json!({"fields": ["microsoft_id", "need_sync_m"]}),
        )
        .await;
    assert_eq!(stored[0]["need_sync_m"], json!(false), "{stored}");
    assert_eq!(stored[0]["microsoft_id"], json!(false), "{stored}");

    // Lena switches on Odoo's own Outlook sync: the job stops before writing anything
    let user = odoo.user(LENA);
    odoo.ok(
        &admin,
        "res.users",
        "write",
        json!([[user.odoo_uid], {"microsoft_last_sync_date": "2026-12-03 10:00:00"}]),
        json!({}),
    )
    .await;
    lena.create(
        &graph,
        meeting(
            "Nicht mehr",
            "2026-12-10T10:00:00",
            "2026-12-10T11:00:00",
            "UTC",
        ),
    )
    .await;
    let text = lena
        .try_sync(false)
        .await
        .expect_err("two syncs of one calendar");
    assert!(text.contains("Odoo's own Outlook calendar sync"), "{text}");
    assert!(odoo_events(&odoo, "Nicht mehr").await.is_empty());
    assert_nobody_mailed(&odoo).await;
}

#[tokio::test]
async fn an_expired_delta_token_reads_again_and_a_meeting_moved_far_away_is_not_a_deletion() {
    let (graph, odoo) = (graph().await, odoo().await);
    let lena = CalendarUser::connect(&graph, &odoo, LENA).await;
    lena.ms
        .session
        .set_setting("calendar.archive_cancelled", "true")
        .expect("option");
    let made = lena
        .create(
            &graph,
            meeting(
                "Weit weg",
                "2026-12-18T10:00:00",
                "2026-12-18T11:00:00",
                "UTC",
            ),
        )
        .await;
    let forever = lena
        .create(
            &graph,
            json!({"subject": "Ohne Ende", "start": "2026-12-07T08:00:00",
            "end": "2026-12-07T08:15:00", "time_zone": "Europe/Berlin",
            "recurrence": {"pattern": {"type": "daily"}, "range": {"type": "noEnd"}}}),
        )
        .await;
    assert!(forever["id"].is_string());
    let first = lena.sync(false).await;
    assert_eq!(first.outcome, Outcome::Success, "{}", first.summary);
    let daily = odoo_events(&odoo, "Ohne Ende").await.len();
    assert!(
        (360..=390).contains(&daily),
        "a series without an end, a year of it: {daily}"
    );

    graph
        .control_post(
            &format!("/graph/mailboxes/{LENA}/calendar/expire-delta"),
            json!({}),
        )
        .await;
    let id = made["id"].as_str().expect("id");
    graph
        .control_call(
            reqwest::Method::PATCH,
            &format!("/graph/mailboxes/{LENA}/events/{id}"),
            Some(json!({"start": "2029-01-10T10:00:00", "end": "2029-01-10T11:00:00"})),
        )
        .await;
    let after = lena.sync(false).await;
    assert_eq!(after.outcome, Outcome::Success, "{}", after.summary);
    let moved = odoo_events(&odoo, "Weit weg").await;
    assert_eq!(moved.len(), 1);
    assert_eq!(
        moved[0]["active"],
        json!(true),
        "moved out of the window is not a deletion"
    );
    assert_eq!(
        odoo_events(&odoo, "Ohne Ende").await.len(),
        daily,
        "read again, nothing twice"
    );
    assert_nobody_mailed(&odoo).await;
}
