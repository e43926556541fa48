//! A calendar world for one test: one fake Graph shared by the demo colleagues (so a meeting
//! reaches every attendee's mailbox), the demo fake Odoo, and a state home per person connected
//! to both, with a start date and every clock on 2026-12-04 (never the machine's date).

use chrono::{TimeZone, Utc};
use office_connector_core::api::{CalendarRun, CalendarSyncRequest};
use office_connector_core::calendar::report::NoProgress;
use office_connector_core::model::Trigger;
use office_connector_core::odoo::ConnectRequest;
use office_connector_fakes::graph::GraphSeed;
use secrecy::SecretString;
use serde_json::{Value, json};

use crate::fakes_odoo::FakeOdoo;
use crate::graph::GraphFixture;
use crate::microsoft::MsFixture;

/// The instant every clock of these tests stands at.
pub const NOW: &str = "2026-12-04T09:00:00Z";

/// The start date the people choose.
pub const START: &str = "2026-12-01";

/// The fake Graph with the demo people, its clock on [`NOW`].
pub async fn graph() -> GraphFixture {
    crate::calendar::fixture_at(GraphSeed::Demo, NOW).await
}

/// One person's state home connected to the shared fakes, with the calendar set up.
pub struct CalendarUser {
    /// The Microsoft side (home, keyring, session).
    pub ms: MsFixture,
    /// The person's UPN (also their Odoo login).
    pub upn: String,
}

impl CalendarUser {
    /// `upn` on `graph` (shared) and `odoo`, start date [`START`].
    pub async fn connect(graph: &GraphFixture, odoo: &FakeOdoo, upn: &str) -> CalendarUser {
        let user = odoo.user(upn);
        let ms = MsFixture::on(graph.clone());
        ms.clock.set(
            Utc.with_ymd_and_hms(2026, 12, 4, 9, 0, 0)
                .single()
                .expect("time"),
        );
        ms.connect(upn).await;
        ms.session
            .connect_odoo_with(
                &*ms.secrets,
                &ConnectRequest {
                    url: odoo.url(),
                    db: Some("demo".to_owned()),
                    login: upn.to_owned(),
                    secret: SecretString::from(user.odoo_api_key.clone()),
                },
            )
            .await
            .expect("connect odoo");
        for (key, value) in [("calendar.start_date", START), ("general.language", "en")] {
            ms.session.set_setting(key, value).expect("setting");
        }
        CalendarUser {
            ms,
            upn: upn.to_owned(),
        }
    }

    /// Runs the calendar job (or previews it).
    pub async fn sync(&self, dry_run: bool) -> CalendarRun {
        self.try_sync(dry_run)
            .await
            .expect("the calendar run starts")
    }

    /// Runs the calendar job; why it could not start, in English, when it could not.
    pub async fn try_sync(&self, dry_run: bool) -> Result<CalendarRun, String> {
        use office_connector_core::error_code::UserFacing;
        self.ms
            .session
            .sync_calendar(
                &self.ms.runtime(),
                &*self.ms.secrets,
                CalendarSyncRequest {
                    trigger: Trigger::Manual,
                    dry_run,
                    page_size: None,
                },
                &NoProgress,
            )
            .await
            .map_err(|e| e.to_ui(office_connector_core::i18n::Language::En).message)
    }

    /// Creates an event in this person's Outlook (control API); the action answer.
    pub async fn create(&self, graph: &GraphFixture, event: Value) -> Value {
        crate::calendar::create_event(graph, &self.upn, event).await
    }
}

/// Odoo's events named `name` (archived ones too), as the administrator reads them.
pub async fn odoo_events(odoo: &FakeOdoo, name: &str) -> Vec<Value> {
    let admin = odoo.user("admin");
    let found = odoo
        .ok(
            &admin,
            "calendar.event",
            "search_read",
            json!([[["name", "=", name]]]),
            json!({"fields": ["name", "start", "stop", "allday", "start_date", "stop_date",
                "partner_ids", "user_id", "location", "description", "privacy", "show_as",
                "videocall_location", "active"],
                "context": {"active_test": false}, "order": "id asc"}),
        )
        .await;
    found.as_array().cloned().unwrap_or_default()
}

/// The partner id of the seed user `login`.
pub fn partner_of(odoo: &FakeOdoo, login: &str) -> i64 {
    odoo.user(login).odoo_partner_id
}

/// Asserts the fake Odoo mailed nobody (no invitation, no update, no reminder).
pub async fn assert_nobody_mailed(odoo: &FakeOdoo) {
    let outbox = odoo.outbox().await;
    assert!(outbox.is_empty(), "Odoo would have sent: {outbox:#?}");
}
