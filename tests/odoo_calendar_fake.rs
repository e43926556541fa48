//! The fake Odoo's calendar where no transcript shows it: custom fields, the microsoft_calendar
//! module per seed, whom Odoo 17 mails (and when not), reminders, archiving and deleting,
//! private events. Each test names the fact or the Odoo 17 source it follows.

// NOTE: a test panics to report a failure; unwrapping the fake's answers is the point.
#![allow(clippy::unwrap_used)]

use it::fakes_odoo::FakeOdoo;
use office_connector_fakes::odoo::{OdooVersion, Seed, SeedUser};
use serde_json::{Value, json};

/// 2026-06-01 08:00 UTC: events in December are in the future, in January in the past.
fn june() -> chrono::NaiveDateTime {
    chrono::NaiveDate::from_ymd_opt(2026, 6, 1)
        .and_then(|d| d.and_hms_opt(8, 0, 0))
        .expect("a valid date")
}

struct World {
    fake: FakeOdoo,
    admin: SeedUser,
    lena: SeedUser,
    jonas: SeedUser,
}

async fn world() -> World {
    let fake = FakeOdoo::start_at(Seed::Demo, OdooVersion::V17, june()).await;
    users(fake)
}

fn users(fake: FakeOdoo) -> World {
    World {
        admin: fake.user("admin"),
        lena: fake.user("lena.schaefer@yourcompany.example.com"),
        jonas: fake.user("jonas.weiss@yourcompany.example.com"),
        fake,
    }
}

/// The demo world with the microsoft_calendar module installed (the control API's switch).
async fn world_with_microsoft_calendar() -> World {
    let fake = FakeOdoo::start_at(Seed::Demo, OdooVersion::V17, june()).await;
    fake.control_post(
        "seed",
        json!({"seed": "demo", "modules": ["microsoft_calendar"]}),
    )
    .await;
    users(fake)
}

impl World {
    async fn partner(&self, name: &str) -> i64 {
        let ids = self
            .fake
            .ok(
                &self.admin,
                "res.partner",
                "search",
                json!([[["name", "=", name]]]),
                json!({"context": {"active_test": false}}),
            )
            .await;
        ids[0].as_i64().unwrap()
    }

    async fn event(&self, user: &SeedUser, vals: Value, context: Value) -> i64 {
        let id = self
            .fake
            .ok(
                user,
                "calendar.event",
                "create",
                json!([vals]),
                json!({"context": context}),
            )
            .await;
        id.as_i64().unwrap()
    }

    /// (kind, partner) of every outbox entry, sorted.
    async fn mails(&self) -> Vec<(String, i64)> {
        let mut mails: Vec<(String, i64)> = self
            .fake
            .outbox()
            .await
            .iter()
            .map(|m| {
                (
                    m["kind"].as_str().unwrap().to_string(),
                    m["partner_id"].as_i64().unwrap(),
                )
            })
            .collect();
        mails.sort();
        mails
    }

    async fn queue_size(&self) -> i64 {
        let n = self
            .fake
            .ok(
                &self.admin,
                "mail.mail",
                "search_count",
                json!([[]]),
                json!({}),
            )
            .await;
        n.as_i64().unwrap()
    }
}

fn pairs(kind: &str, partners: &[i64]) -> Vec<(String, i64)> {
    let mut v: Vec<(String, i64)> = partners.iter().map(|p| (kind.to_string(), *p)).collect();
    v.sort();
    v
}

// ----- custom fields (transcripts 130-132, FACTS 31 and 35) --------------------------------

async fn add_uid_field(w: &World) -> i64 {
    let model = w
        .fake
        .ok(
            &w.admin,
            "ir.model",
            "search",
            json!([[["model", "=", "calendar.event"]]]),
            json!({}),
        )
        .await;
    let field = w.fake.ok(&w.admin, "ir.model.fields", "create", json!([{"model_id": model[0], "name": "x_office_connector_uid", "field_description": "Office Connector UID", "ttype": "char", "index": true, "copied": false}]), json!({})).await;
    field.as_i64().unwrap()
}

// Transcripts 130-132 replay only shapes; this checks the values a sync relies on.
#[tokio::test]
async fn a_custom_field_an_administrator_adds_is_a_real_field_for_every_user() {
    let w = world().await;
    add_uid_field(&w).await;
    let fields = w
        .fake
        .ok(
            &w.lena,
            "calendar.event",
            "fields_get",
            json!([["x_office_connector_uid"]]),
            json!({"attributes": ["string", "type", "manual"]}),
        )
        .await;
    assert_eq!(
        fields["x_office_connector_uid"],
        json!({"string": "Office Connector UID", "type": "char", "manual": true})
    );
    let event = w.event(&w.lena, json!({"name": "Sync", "start": "2026-12-01 09:00:00", "stop": "2026-12-01 10:00:00", "x_office_connector_uid": "AAMk-1"}), json!({"no_mail_to_attendees": true})).await;
    w.fake
        .ok(
            &w.lena,
            "calendar.event",
            "write",
            json!([[event], {"x_office_connector_uid": "AAMk-2"}]),
            json!({}),
        )
        .await;
    let found = w
        .fake
        .ok(
            &w.lena,
            "calendar.event",
            "search_read",
            json!([[["x_office_connector_uid", "=", "AAMk-2"]]]),
            json!({"fields": ["x_office_connector_uid"]}),
        )
        .await;
    assert_eq!(
        found,
        json!([{"id": event, "x_office_connector_uid": "AAMk-2"}])
    );
}

// FACTS 35: a salesperson may not read ir.model.fields; Odoo 17's ACLs give it to Settings.
#[tokio::test]
async fn a_salesperson_may_neither_read_nor_add_custom_fields() {
    let w = world().await;
    let (name, message) = w
        .fake
        .err(
            &w.lena,
            "ir.model.fields",
            "search_read",
            json!([[["model", "=", "calendar.event"]]]),
            json!({"fields": ["name"]}),
        )
        .await;
    assert_eq!(name, "odoo.exceptions.AccessError");
    assert!(
        message.starts_with("You are not allowed to access 'Fields' (ir.model.fields) records."),
        "{message}"
    );
    let (name, message) = w
        .fake
        .err(
            &w.lena,
            "ir.model.fields",
            "create",
            json!([{"model": "calendar.event", "name": "x_mine", "ttype": "char"}]),
            json!({}),
        )
        .await;
    assert_eq!(name, "odoo.exceptions.AccessError");
    assert!(
        message.starts_with("You are not allowed to create 'Fields'"),
        "{message}"
    );
}

// base/models/ir_model.py: SQL constraints name_manual_field and name_unique, _check_name,
// "Model %s does not exist!"; a base field cannot be removed.
#[tokio::test]
async fn custom_fields_are_refused_where_odoo_refuses_them() {
    let w = world().await;
    let field = add_uid_field(&w).await;
    let refuse = |vals: Value| {
        let fake = &w.fake;
        let admin = &w.admin;
        async move {
            fake.err(admin, "ir.model.fields", "create", json!([vals]), json!({}))
                .await
        }
    };
    let (_, m) =
        refuse(json!({"model": "calendar.event", "name": "office_uid", "ttype": "char"})).await;
    assert_eq!(
        m,
        "The operation cannot be completed: Custom fields must have a name that starts with 'x_'!"
    );
    let (_, m) = refuse(
        json!({"model": "calendar.event", "name": "x_office_connector_uid", "ttype": "char"}),
    )
    .await;
    assert_eq!(
        m,
        "The operation cannot be completed: Field names must be unique per model."
    );
    let (_, m) =
        refuse(json!({"model": "calendar.event", "name": "x_bad name", "ttype": "char"})).await;
    assert_eq!(
        m,
        "Field names can only contain characters, digits and underscores (up to 63)."
    );
    let (_, m) = refuse(json!({"model": "calendar.event", "name": "x_link", "ttype": "many2one", "relation": "x.nothing"})).await;
    assert_eq!(m, "Model x.nothing does not exist!");
    let base = w
        .fake
        .ok(
            &w.admin,
            "ir.model.fields",
            "search",
            json!([[["model", "=", "calendar.event"], ["name", "=", "location"]]]),
            json!({}),
        )
        .await;
    let (_, m) = w
        .fake
        .err(
            &w.admin,
            "ir.model.fields",
            "unlink",
            json!([base]),
            json!({}),
        )
        .await;
    assert_eq!(m, "This column contains module data and cannot be removed!");
    w.fake
        .ok(
            &w.admin,
            "ir.model.fields",
            "unlink",
            json!([[field]]),
            json!({}),
        )
        .await;
    let (_, m) = w
        .fake
        .err(
            &w.lena,
            "calendar.event",
            "search",
            json!([[["x_office_connector_uid", "=", "x"]]]),
            json!({}),
        )
        .await;
    assert_eq!(
        m,
        "Invalid field calendar.event.x_office_connector_uid in leaf ('x_office_connector_uid', '=', 'x')"
    );
}

// calendar_event.py `_get_public_fields` counts custom fields as public: another user's private
// event still shows its sync id, and nothing else but times and organizer.
#[tokio::test]
async fn a_private_event_shows_others_only_its_public_fields_and_custom_fields() {
    let w = world().await;
    add_uid_field(&w).await;
    let event = w.event(&w.lena, json!({"name": "Arzttermin", "start": "2026-12-01 09:00:00", "stop": "2026-12-01 10:00:00", "privacy": "private", "location": "Praxis", "x_office_connector_uid": "AAMk-9"}), json!({"no_mail_to_attendees": true})).await;
    let fields = json!({"fields": ["name", "display_name", "location", "partner_ids", "attendee_ids", "start", "user_id", "privacy", "show_as", "x_office_connector_uid", "create_date"]});
    for other in [&w.jonas, &w.admin] {
        let row = w
            .fake
            .ok(
                other,
                "calendar.event",
                "read",
                json!([[event]]),
                fields.clone(),
            )
            .await;
        assert_eq!(row[0]["name"], "Busy");
        assert_eq!(row[0]["display_name"], "Busy");
        assert_eq!(row[0]["location"], false);
        assert_eq!(row[0]["partner_ids"], json!([]));
        assert_eq!(row[0]["attendee_ids"], json!([]));
        assert_eq!(row[0]["create_date"], false, "not a public field");
        assert_eq!(row[0]["start"], "2026-12-01 09:00:00");
        assert_eq!(row[0]["user_id"][0], w.lena.odoo_uid);
        assert_eq!(row[0]["x_office_connector_uid"], "AAMk-9");
    }
    let own = w
        .fake
        .ok(&w.lena, "calendar.event", "read", json!([[event]]), fields)
        .await;
    assert_eq!(own[0]["name"], "Arzttermin");
    assert_eq!(own[0]["location"], "Praxis");
}

// ----- the microsoft_calendar module (FACTS 31, transcripts 136-140) -----------------------

#[tokio::test]
async fn without_microsoft_calendar_the_outlook_fields_do_not_exist() {
    let w = world().await;
    let fields = w
        .fake
        .ok(
            &w.lena,
            "calendar.event",
            "fields_get",
            json!([]),
            json!({"attributes": ["type"]}),
        )
        .await;
    assert!(fields.get("microsoft_id").is_none() && fields.get("ms_universal_event_id").is_none());
    let (name, message) = w
        .fake
        .err(
            &w.lena,
            "calendar.event",
            "search_read",
            json!([[]]),
            json!({"fields": ["microsoft_id"]}),
        )
        .await;
    assert_eq!(
        (name.as_str(), message.as_str()),
        (
            "builtins.ValueError",
            "Invalid field 'microsoft_id' on model 'calendar.event'"
        )
    );
    let (_, message) = w
        .fake
        .err(
            &w.lena,
            "res.users",
            "read",
            json!([[w.lena.odoo_uid]]),
            json!({"fields": ["microsoft_synchronization_stopped"]}),
        )
        .await;
    assert_eq!(
        message,
        "Invalid field 'microsoft_synchronization_stopped' on model 'res.users'"
    );
    assert_eq!(w.fake.control_get("health").await["modules"], json!([]));
}

// microsoft_sync.py: combine_ids/split_ids, _search_event_id (=like on microsoft_id), need_sync_m.
#[tokio::test]
async fn with_microsoft_calendar_the_outlook_ids_combine_split_and_search_as_in_odoo() {
    let w = world_with_microsoft_calendar().await;
    assert_eq!(
        w.fake.control_get("health").await["modules"],
        json!(["microsoft_calendar"])
    );
    let event = w.event(&w.lena, json!({"name": "From Outlook", "start": "2026-12-01 09:00:00", "stop": "2026-12-01 10:00:00", "ms_organizer_event_id": "AAMkORG=", "ms_universal_event_id": "040000UID"}), json!({"no_mail_to_attendees": true})).await;
    let fields = json!({"fields": ["microsoft_id", "ms_organizer_event_id", "ms_universal_event_id", "need_sync_m"]});
    let row = w
        .fake
        .ok(
            &w.lena,
            "calendar.event",
            "read",
            json!([[event]]),
            fields.clone(),
        )
        .await;
    assert_eq!(
        row[0],
        json!({"id": event, "microsoft_id": "AAMkORG=:040000UID", "ms_organizer_event_id": "AAMkORG=", "ms_universal_event_id": "040000UID", "need_sync_m": true})
    );
    let search = |domain: Value| {
        let (fake, lena) = (&w.fake, &w.lena);
        async move {
            fake.ok(lena, "calendar.event", "search", json!([domain]), json!({}))
                .await
        }
    };
    assert_eq!(
        search(json!([["ms_universal_event_id", "=", "040000UID"]])).await,
        json!([event])
    );
    assert_eq!(
        search(json!([["ms_universal_event_id", "in", ["x", "040000UID"]]])).await,
        json!([event])
    );
    assert_eq!(
        search(json!([["ms_organizer_event_id", "=", "AAMk"]])).await,
        json!([event]),
        "the organizer id matches as a prefix"
    );
    assert_eq!(
        search(json!([["ms_universal_event_id", "=", "040000"]])).await,
        json!([])
    );
    // a new universal id keeps the organizer id; without an organizer id there is no microsoft_id
    w.fake
        .ok(
            &w.lena,
            "calendar.event",
            "write",
            json!([[event], {"ms_universal_event_id": "NEWUID", "need_sync_m": false}]),
            json!({}),
        )
        .await;
    let row = w
        .fake
        .ok(
            &w.lena,
            "calendar.event",
            "read",
            json!([[event]]),
            fields.clone(),
        )
        .await;
    assert_eq!(
        (&row[0]["microsoft_id"], &row[0]["need_sync_m"]),
        (&json!("AAMkORG=:NEWUID"), &json!(false))
    );
    w.fake
        .ok(
            &w.lena,
            "calendar.event",
            "write",
            json!([[event], {"location": "Raum 2"}]),
            json!({}),
        )
        .await;
    let row = w
        .fake
        .ok(
            &w.lena,
            "calendar.event",
            "read",
            json!([[event]]),
            fields.clone(),
        )
        .await;
    assert_eq!(row[0]["need_sync_m"], true, "a synced field changed");
    let lone = w.event(&w.lena, json!({"name": "No organizer id", "start": "2026-12-01 09:00:00", "ms_universal_event_id": "ONLYUID"}), json!({"no_mail_to_attendees": true})).await;
    let row = w
        .fake
        .ok(&w.lena, "calendar.event", "read", json!([[lone]]), fields)
        .await;
    assert_eq!(row[0]["microsoft_id"], false);
}

// microsoft_account res_users.py: tokens groups="base.group_system"; microsoft_calendar
// res_users.py SELF_WRITEABLE_FIELDS; models.py check_field_access_rights.
#[tokio::test]
async fn the_microsoft_tokens_are_for_administrators_and_a_user_may_stop_their_own_sync() {
    let w = world_with_microsoft_calendar().await;
    let fields = w
        .fake
        .ok(
            &w.lena,
            "res.users",
            "fields_get",
            json!([]),
            json!({"attributes": ["type"]}),
        )
        .await;
    assert!(
        fields.get("microsoft_calendar_rtoken").is_none(),
        "hidden from a non-administrator"
    );
    assert!(fields.get("microsoft_synchronization_stopped").is_some());
    let (name, message) = w
        .fake
        .err(
            &w.lena,
            "res.users",
            "read",
            json!([[w.lena.odoo_uid]]),
            json!({"fields": ["microsoft_calendar_token", "microsoft_calendar_rtoken"]}),
        )
        .await;
    assert_eq!(name, "odoo.exceptions.AccessError");
    assert_eq!(
        message,
        "You do not have enough rights to access the fields \"microsoft_calendar_rtoken,microsoft_calendar_token\" on User (res.users). Please contact your system administrator.\n\n(Operation: read)"
    );
    let own = json!([[w.lena.odoo_uid], {"microsoft_synchronization_stopped": true}]);
    assert_eq!(
        w.fake
            .ok(&w.lena, "res.users", "write", own, json!({}))
            .await,
        true
    );
    let row = w
        .fake
        .ok(
            &w.lena,
            "res.users",
            "read",
            json!([[w.lena.odoo_uid]]),
            json!({"fields": ["microsoft_synchronization_stopped", "microsoft_last_sync_date"]}),
        )
        .await;
    assert_eq!(row[0]["microsoft_synchronization_stopped"], true);
    let (name, _) = w
        .fake
        .err(
            &w.lena,
            "res.users",
            "write",
            json!([[w.jonas.odoo_uid], {"microsoft_synchronization_stopped": true}]),
            json!({}),
        )
        .await;
    assert_eq!(
        name, "odoo.exceptions.AccessError",
        "only on their own record"
    );
    let admin_view = w
        .fake
        .ok(
            &w.admin,
            "res.users",
            "read",
            json!([[w.lena.odoo_uid]]),
            json!({"fields": ["microsoft_calendar_rtoken"]}),
        )
        .await;
    assert_eq!(admin_view[0]["microsoft_calendar_rtoken"], false);
    // a user who stopped the sync creates events that need none (microsoft_sync.py create)
    let event = w
        .event(
            &w.lena,
            json!({"name": "Local", "start": "2026-12-01 09:00:00"}),
            json!({"no_mail_to_attendees": true}),
        )
        .await;
    let row = w
        .fake
        .ok(
            &w.lena,
            "calendar.event",
            "read",
            json!([[event]]),
            json!({"fields": ["need_sync_m"]}),
        )
        .await;
    assert_eq!(row[0]["need_sync_m"], false);
}

// ----- whom Odoo 17 mails (FACTS 28, 46-48; calendar_attendee.py, calendar_event.py) -------

// `_send_mail_to_attendees` returns early when the system parameter calendar.block_mail is set;
// set_param(key, False) removes the parameter again.
#[tokio::test]
async fn the_system_parameter_calendar_block_mail_silences_attendee_mails() {
    let w = world().await;
    let set = |value: Value| {
        let (fake, admin) = (&w.fake, &w.admin);
        async move {
            fake.ok(
                admin,
                "ir.config_parameter",
                "set_param",
                json!(["calendar.block_mail", value]),
                json!({}),
            )
            .await
        }
    };
    set(json!("True")).await;
    let vals = json!({"name": "Still", "start": "2026-12-01 09:00:00", "partner_ids": [[6, 0, [w.lena.odoo_partner_id, w.jonas.odoo_partner_id]]]});
    w.event(&w.lena, vals.clone(), json!({})).await;
    assert!(w.mails().await.is_empty());
    assert_eq!(set(json!(false)).await, "True", "answers the old value");
    w.event(&w.lena, vals, json!({})).await;
    assert_eq!(
        w.mails().await,
        pairs("invitation", &[w.jonas.odoo_partner_id])
    );
}

// `_send_mail_to_attendees` mails only attendees with an address; `mail_notify_author` makes
// `_should_notify_attendee` include the caller.
#[tokio::test]
async fn only_attendees_with_an_address_are_invited_and_the_caller_only_when_asked() {
    let w = world().await;
    let omer = w.partner("Ömer Yılmaz").await;
    let kunde = w.partner("Renate Köster").await;
    w.event(&w.lena, json!({"name": "Termin", "start": "2026-12-01 09:00:00", "partner_ids": [[6, 0, [w.lena.odoo_partner_id, omer, kunde]]]}), json!({})).await;
    assert_eq!(w.mails().await, pairs("invitation", &[kunde]));
    w.fake.control_delete("outbox").await;
    w.event(&w.lena, json!({"name": "Mit mir", "start": "2026-12-01 11:00:00", "partner_ids": [[6, 0, [w.lena.odoo_partner_id, kunde]]]}), json!({"mail_notify_author": true})).await;
    assert_eq!(
        w.mails().await,
        pairs("invitation", &[w.lena.odoo_partner_id, kunde])
    );
}

// calendar_event.py 17 `write`: added attendees of an active event are invited whatever the date
// (only create looks at it); "Date updated" needs the new start not to be past; the caller's
// context `is_calendar_event_new` silences that one mail only.
#[tokio::test]
async fn writes_mail_as_odoo_17_does_even_for_past_events() {
    let w = world().await;
    let kunde = w.partner("Renate Köster").await;
    let past = w.event(&w.lena, json!({"name": "Rückblick", "start": "2026-01-05 09:00:00", "partner_ids": [[6, 0, [w.lena.odoo_partner_id, w.jonas.odoo_partner_id]]]}), json!({})).await;
    assert!(
        w.mails().await.is_empty(),
        "create: no invitation to a past event (230, 231)"
    );
    w.fake.ok(&w.lena, "calendar.event", "write", json!([[past], {"partner_ids": [[4, kunde]], "start": "2026-01-06 09:00:00", "stop": "2026-01-06 10:00:00"}]), json!({})).await;
    assert_eq!(
        w.mails().await,
        pairs("invitation", &[kunde]),
        "no date update for a past start"
    );
    w.fake.control_delete("outbox").await;
    let future = w.event(&w.lena, json!({"name": "Planung", "start": "2026-12-01 09:00:00", "partner_ids": [[6, 0, [w.lena.odoo_partner_id, w.jonas.odoo_partner_id]]]}), json!({"no_mail_to_attendees": true})).await;
    w.fake.ok(&w.lena, "calendar.event", "write", json!([[future], {"start": "2026-12-02 09:00:00", "stop": "2026-12-02 10:00:00", "partner_ids": [[4, kunde]]}]), json!({"context": {"is_calendar_event_new": true}})).await;
    assert_eq!(w.mails().await, pairs("invitation", &[kunde]));
    w.fake.control_delete("outbox").await;
    // the same start again is still "written": Odoo does not compare
    w.fake
        .ok(
            &w.lena,
            "calendar.event",
            "write",
            json!([[future], {"start": "2026-12-02 09:00:00"}]),
            json!({}),
        )
        .await;
    assert_eq!(
        w.mails().await,
        pairs("date_updated", &[w.jonas.odoo_partner_id, kunde])
    );
}

// calendar_event.py 17 `write`: when someone else moves the event, the organizer's attendee
// goes back to needsAction.
#[tokio::test]
async fn moving_someone_elses_event_asks_its_organizer_again() {
    let w = world().await;
    let event = w.event(&w.lena, json!({"name": "Review", "start": "2026-12-01 09:00:00", "partner_ids": [[6, 0, [w.lena.odoo_partner_id, w.jonas.odoo_partner_id]]]}), json!({"no_mail_to_attendees": true})).await;
    let state_of = |partner: i64| {
        let (fake, admin) = (&w.fake, &w.admin);
        async move {
            let rows = fake
                .ok(
                    admin,
                    "calendar.attendee",
                    "search_read",
                    json!([[["event_id", "=", event], ["partner_id", "=", partner]]]),
                    json!({"fields": ["state"]}),
                )
                .await;
            rows[0]["state"].as_str().unwrap().to_string()
        }
    };
    assert_eq!(state_of(w.lena.odoo_partner_id).await, "accepted");
    w.fake
        .ok(
            &w.jonas,
            "calendar.event",
            "write",
            json!([[event], {"location": "Raum 1"}]),
            json!({}),
        )
        .await;
    assert_eq!(
        state_of(w.lena.odoo_partner_id).await,
        "accepted",
        "no time field changed"
    );
    w.fake
        .ok(
            &w.jonas,
            "calendar.event",
            "write",
            json!([[event], {"start": "2026-12-01 10:00:00", "stop": "2026-12-01 11:00:00"}]),
            json!({"context": {"no_mail_to_attendees": true}}),
        )
        .await;
    assert_eq!(state_of(w.lena.odoo_partner_id).await, "needsAction");
}

// calendar_event.py 17: `active` is an ordinary tracked field; archived events keep their
// attendees, hide from searches and mail nobody (`self.filtered('active')`).
#[tokio::test]
async fn archiving_an_event_keeps_its_attendees_and_mails_nobody() {
    let w = world().await;
    let kunde = w.partner("Renate Köster").await;
    let event = w.event(&w.lena, json!({"name": "Abgesagt", "start": "2026-12-01 09:00:00", "partner_ids": [[6, 0, [w.lena.odoo_partner_id, w.jonas.odoo_partner_id]]]}), json!({"no_mail_to_attendees": true})).await;
    w.fake.ok(&w.lena, "calendar.event", "write", json!([[event], {"active": false, "partner_ids": [[4, kunde]], "start": "2026-12-02 09:00:00", "stop": "2026-12-02 10:00:00"}]), json!({})).await;
    assert!(w.mails().await.is_empty());
    let visible = w
        .fake
        .ok(
            &w.lena,
            "calendar.event",
            "search",
            json!([[["id", "=", event]]]),
            json!({}),
        )
        .await;
    assert_eq!(visible, json!([]));
    let archived = w
        .fake
        .ok(
            &w.lena,
            "calendar.event",
            "search_read",
            json!([[["id", "=", event]]]),
            json!({"fields": ["active", "attendee_ids"], "context": {"active_test": false}}),
        )
        .await;
    assert_eq!(archived[0]["active"], false);
    assert_eq!(archived[0]["attendee_ids"].as_array().unwrap().len(), 3);
}

// mail.thread unlink removes the event's messages, and mail.mail rows go with their message
// (ondelete cascade): a deleted event's queued invitations never leave.
#[tokio::test]
async fn deleting_an_event_drops_the_invitations_still_in_the_queue() {
    let w = world().await;
    let event = w.event(&w.lena, json!({"name": "Doch nicht", "start": "2026-12-01 09:00:00", "partner_ids": [[6, 0, [w.lena.odoo_partner_id, w.jonas.odoo_partner_id]]]}), json!({})).await;
    assert_eq!(w.queue_size().await, 1);
    let outbox = w.fake.outbox().await;
    assert_eq!(
        (outbox[0]["state"].as_str(), outbox[0]["mail_id"].is_i64()),
        (Some("outgoing"), true)
    );
    w.fake
        .ok(
            &w.lena,
            "calendar.event",
            "unlink",
            json!([[event]]),
            json!({}),
        )
        .await;
    assert_eq!(w.queue_size().await, 0);
    assert!(w.mails().await.is_empty());
    let attendees = w
        .fake
        .ok(
            &w.admin,
            "calendar.attendee",
            "search_count",
            json!([[["event_id", "=", event]]]),
            json!({}),
        )
        .await;
    assert_eq!(attendees, 0);
}

// FACTS 28: invitations wait in the queue (state outgoing) until the mail job sends them.
#[tokio::test]
async fn the_mail_job_sends_the_queued_invitations() {
    let w = world().await;
    w.event(&w.lena, json!({"name": "Bald", "start": "2026-12-01 09:00:00", "partner_ids": [[6, 0, [w.lena.odoo_partner_id, w.jonas.odoo_partner_id]]]}), json!({})).await;
    let ran = w
        .fake
        .control_post("cron", json!({"job": "mail_queue"}))
        .await;
    assert_eq!(ran, json!({"job": "mail_queue", "sent": 1}));
    assert_eq!(w.queue_size().await, 0, "sent mails are auto-deleted");
    let outbox = w.fake.outbox().await;
    assert_eq!(
        (outbox[0]["state"].clone(), outbox[0]["mail_id"].clone()),
        (json!("sent"), Value::Null)
    );
}

// FACTS 47, calendar_event.py `_setup_alarms`, calendar_alarm_manager.py `_send_reminder`: an
// e-mail alarm waits for the reminder job, which mails every attendee not declined, the
// organizer and customers included.
#[tokio::test]
async fn an_email_reminder_is_a_trigger_until_the_reminder_job_mails_the_attendees() {
    let w = world().await;
    let kunde = w.partner("Renate Köster").await;
    let event = w.event(&w.lena, json!({"name": "Messe", "start": "2026-06-02 12:00:00", "stop": "2026-06-02 13:00:00", "alarm_ids": [[6, 0, [6]]], "partner_ids": [[6, 0, [w.lena.odoo_partner_id, w.jonas.odoo_partner_id, kunde]]]}), json!({"no_mail_to_attendees": true})).await;
    let triggers = w
        .fake
        .ok(
            &w.admin,
            "ir.cron.trigger",
            "search_read",
            json!([[["cron_id", "=", 11]]]),
            json!({"fields": ["call_at"]}),
        )
        .await;
    assert_eq!(triggers.as_array().unwrap().len(), 1, "{triggers}");
    assert_eq!(
        triggers[0]["call_at"], "2026-06-02 09:00:00",
        "three hours before"
    );
    let jonas_attendee = w
        .fake
        .ok(
            &w.admin,
            "calendar.attendee",
            "search",
            json!([[
                ["event_id", "=", event],
                ["partner_id", "=", w.jonas.odoo_partner_id]
            ]]),
            json!({}),
        )
        .await;
    w.fake
        .ok(
            &w.jonas,
            "calendar.attendee",
            "do_decline",
            json!([jonas_attendee]),
            json!({}),
        )
        .await;
    let early = w
        .fake
        .control_post("cron", json!({"job": "calendar_reminder"}))
        .await;
    assert_eq!(early["sent"], 0, "not due yet");
    w.fake
        .control_put("clock", json!({"now": "2026-06-02 09:30:00"}))
        .await;
    w.fake
        .control_post("cron", json!({"job": "calendar_reminder"}))
        .await;
    assert_eq!(
        w.mails().await,
        pairs("reminder", &[w.lena.odoo_partner_id, kunde])
    );
    assert_eq!(w.fake.outbox().await[0]["subject"], "Messe - Reminder");
    let left = w
        .fake
        .ok(
            &w.admin,
            "ir.cron.trigger",
            "search_count",
            json!([[]]),
            json!({}),
        )
        .await;
    assert_eq!(left, 0, "the job's triggers are done");
    let again = w
        .fake
        .control_post("cron", json!({"job": "calendar_reminder"}))
        .await;
    assert_eq!(again["sent"], 0, "a reminder goes once");
}

// FACTS 47 and calendar_alarm_manager.py `_get_events_by_alarm_to_notify`: `dont_notify` spares
// the trigger, not the mail. The job picks every active event whose e-mail alarm fell since its
// last run, so when it runs (for another event, or on its own schedule) the import's
// attendees are reminded too: only an event without e-mail alarm stays silent.
#[tokio::test]
async fn dont_notify_sets_up_no_trigger_but_the_job_still_reminds_due_events() {
    let w = world().await;
    let kunde = w.partner("Renate Köster").await;
    let vals = |name: &str, alarms: Value| json!({"name": name, "start": "2026-06-02 12:00:00", "alarm_ids": alarms, "partner_ids": [[6, 0, [w.lena.odoo_partner_id, kunde]]]});
    let quiet = json!({"no_mail_to_attendees": true, "dont_notify": true});
    w.event(&w.lena, vals("Import", json!([[6, 0, [6]]])), quiet.clone())
        .await;
    w.event(&w.lena, vals("Import ohne Alarm", json!([])), quiet)
        .await;
    let triggers = w
        .fake
        .ok(
            &w.admin,
            "ir.cron.trigger",
            "search_count",
            json!([[]]),
            json!({}),
        )
        .await;
    assert_eq!(triggers, 0);
    w.fake
        .control_put("clock", json!({"now": "2026-06-02 09:30:00"}))
        .await;
    let ran = w
        .fake
        .control_post("cron", json!({"job": "calendar_reminder"}))
        .await;
    assert_eq!(ran["sent"], 2);
    let subjects: Vec<Value> = w
        .fake
        .outbox()
        .await
        .iter()
        .map(|m| m["subject"].clone())
        .collect();
    assert_eq!(
        subjects,
        [json!("Import - Reminder"), json!("Import - Reminder")]
    );
}

// ----- the event's own fields --------------------------------------------------------------

// calendar_event.py 17: selections privacy (public/private/confidential) and show_as
// (free/busy); `_check_closing_date` for all-day events compares the dates;
// `_set_videocall_location` makes a relative URL absolute on web.base.url.
#[tokio::test]
async fn event_fields_take_only_what_odoo_takes() {
    let w = world().await;
    let (name, message) = w
        .fake
        .err(
            &w.lena,
            "calendar.event",
            "create",
            json!([{"name": "x", "start": "2026-12-01 09:00:00", "privacy": "secret"}]),
            json!({}),
        )
        .await;
    assert_eq!(
        (name.as_str(), message.as_str()),
        (
            "builtins.ValueError",
            "Wrong value for calendar.event.privacy: 'secret'"
        )
    );
    let (_, message) = w
        .fake
        .err(
            &w.lena,
            "calendar.event",
            "create",
            json!([{"name": "x", "start": "2026-12-01 09:00:00", "show_as": "tentative"}]),
            json!({}),
        )
        .await;
    assert_eq!(
        message,
        "Wrong value for calendar.event.show_as: 'tentative'"
    );
    let (name, message) = w.fake.err(&w.lena, "calendar.event", "create", json!([{"name": "Messe", "allday": true, "start_date": "2026-12-08", "stop_date": "2026-12-07"}]), json!({})).await;
    assert_eq!(name, "odoo.exceptions.ValidationError");
    assert_eq!(
        message,
        "The ending date cannot be earlier than the starting date.\nMeeting 'Messe' starts '2026-12-08 08:00:00' and ends '2026-12-07 18:00:00'"
    );
    let base = w.fake.control_get("health").await;
    assert_eq!(base["ok"], true);
    let event = w.event(&w.lena, json!({"name": "Call", "start": "2026-12-01 09:00:00", "privacy": "confidential", "show_as": "free", "videocall_location": "meet/abc", "user_id": w.jonas.odoo_uid}), json!({"no_mail_to_attendees": true})).await;
    let row = w
        .fake
        .ok(
            &w.lena,
            "calendar.event",
            "read",
            json!([[event]]),
            json!({"fields": ["privacy", "show_as", "videocall_location", "user_id", "stop"]}),
        )
        .await;
    let url = row[0]["videocall_location"].as_str().unwrap();
    assert!(
        url.starts_with("http://127.0.0.1:") && url.ends_with("/meet/abc"),
        "{url}"
    );
    assert_eq!(
        (&row[0]["privacy"], &row[0]["show_as"]),
        (&json!("confidential"), &json!("free"))
    );
    assert_eq!(row[0]["user_id"][0], w.jonas.odoo_uid);
    assert_eq!(row[0]["stop"], "2026-12-01 10:00:00", "an hour by default");
}

// FACTS 16, 27, 30: create with a list answers a list; domains on times, attendees, organizer.
#[tokio::test]
async fn events_created_in_one_call_are_found_by_time_attendee_and_organizer() {
    let w = world().await;
    let kunde = w.partner("Renate Köster").await;
    let ids = w.fake.ok(&w.lena, "calendar.event", "create", json!([[
        {"name": "A", "start": "2026-12-01 09:00:00", "stop": "2026-12-01 10:00:00", "partner_ids": [[6, 0, [w.lena.odoo_partner_id, kunde]]]},
        {"name": "B", "start": "2026-12-03 09:00:00", "stop": "2026-12-03 10:00:00"},
        {"name": "C", "allday": true, "start_date": "2026-12-05", "stop_date": "2026-12-05", "user_id": w.jonas.odoo_uid}
    ]]), json!({"context": {"no_mail_to_attendees": true}})).await;
    let ids: Vec<i64> = ids
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_i64().unwrap())
        .collect();
    assert_eq!(ids.len(), 3);
    let names = |domain: Value| {
        let (fake, lena) = (&w.fake, &w.lena);
        async move {
            let rows = fake
                .ok(
                    lena,
                    "calendar.event",
                    "search_read",
                    json!([domain]),
                    json!({"fields": ["name"], "order": "start"}),
                )
                .await;
            rows.as_array()
                .unwrap()
                .iter()
                .map(|r| r["name"].as_str().unwrap().to_string())
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(
        names(json!([
            ["start", "<", "2026-12-04 00:00:00"],
            ["stop", ">", "2026-12-01 09:30:00"]
        ]))
        .await,
        ["A", "B"]
    );
    assert_eq!(names(json!([["partner_ids", "in", [kunde]]])).await, ["A"]);
    assert_eq!(
        names(json!([["user_id", "=", w.jonas.odoo_uid]])).await,
        ["C"]
    );
    assert_eq!(
        names(json!([["start_date", "=", "2026-12-05"]])).await,
        ["C"]
    );
    w.fake
        .ok(
            &w.lena,
            "calendar.event",
            "write",
            json!([[ids[0]], {"partner_ids": [[3, kunde], [4, w.jonas.odoo_partner_id]]}]),
            json!({"context": {"no_mail_to_attendees": true}}),
        )
        .await;
    assert_eq!(
        names(json!([["partner_ids", "in", [kunde]]])).await,
        Vec::<String>::new()
    );
    assert_eq!(
        names(json!([["partner_ids", "in", [w.jonas.odoo_partner_id]]])).await,
        ["A"]
    );
}

#[tokio::test]
async fn the_control_api_refuses_an_unknown_module_or_job() {
    let w = world().await;
    let url = format!("{}/_fake/seed", w.fake.url());
    let resp = w
        .fake
        .http
        .post(url)
        .json(&json!({"seed": "demo", "modules": ["google_calendar"]}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 400);
    let url = format!("{}/_fake/cron", w.fake.url());
    let resp = w
        .fake
        .http
        .post(url)
        .json(&json!({"job": "everything"}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 400);
}

// Odoo 18 calendar_event.py create/write: `_send_mail_to_attendees(..., force_send=True)` — the
// invitation leaves with the call instead of waiting for the mail job as in 17 (FACTS 28).
#[tokio::test]
async fn from_odoo_18_on_invitations_leave_at_once_instead_of_waiting_in_the_queue() {
    let fake = FakeOdoo::start_at(Seed::Demo, OdooVersion::V18, june()).await;
    let w = users(fake);
    w.event(&w.lena, json!({"name": "Sofort", "start": "2026-12-01 09:00:00", "partner_ids": [[6, 0, [w.lena.odoo_partner_id, w.jonas.odoo_partner_id]]]}), json!({})).await;
    assert_eq!(w.queue_size().await, 0);
    let outbox = w.fake.outbox().await;
    assert_eq!(outbox.len(), 1);
    assert_eq!(
        (outbox[0]["kind"].clone(), outbox[0]["state"].clone()),
        (json!("invitation"), json!("sent"))
    );
}
