//! What the status and the connection test know of each account, and since when: the last time
//! its remote accepted the stored sign-in or key, a refusal since (Odoo refusing the key in a
//! mail run, Microsoft refusing the sign-in), and — while Odoo does not answer — the version
//! and apps last read, with when, instead of passing them off as current. Through the core with
//! a manual clock, and through the real CLI with its time zone pinned.

use chrono::{DateTime, Duration, Utc};
use it::fakes_odoo::FakeOdoo;
use it::graph::GraphFixture;
use it::home::TempHome;
use it::mail::{IN, LENA, MailUser, mail, odoo};
use it::microsoft::connect_odoo_args;
use it::odoo_client::{KeyringSession, Step};
use office_connector_core::api::AccountStatus;
use office_connector_core::clock::Clock;
use office_connector_core::i18n::Language;
use office_connector_core::model::AccountKind;
use office_connector_core::secrets::SecretStore;
use office_connector_fakes::odoo::{OdooVersion, Seed};
use secrecy::SecretString;
use serde_json::{Value, json};

/// Times as the tests show them: fixed zone, so no test depends on the machine's.
fn shown(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%d %H:%M UTC").to_string()
}

fn account(session: &office_connector_core::api::Session, kind: AccountKind) -> AccountStatus {
    session
        .status()
        .expect("status")
        .accounts
        .into_iter()
        .find(|a| a.kind == kind)
        .expect("listed")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_key_odoo_refuses_in_a_mail_run_shows_in_the_status_until_odoo_is_connected_again() {
    let odoo = odoo().await;
    let lena = MailUser::connect(GraphFixture::demo().await, &odoo, LENA).await;
    let (session, clock) = (&lena.ms.session, &lena.ms.clock);
    let connected_at = clock.now();
    for kind in [AccountKind::Microsoft, AccountKind::Odoo] {
        let a = account(session, kind);
        assert_eq!((a.checked_at, a.refused_at), (Some(connected_at), None));
    }
    assert_eq!(
        account(session, AccountKind::Odoo)
            .state(shown)
            .render(Language::En),
        "connected, last checked 2026-03-02 08:00 UTC"
    );

    clock.advance(Duration::minutes(90));
    lena.ms
        .secrets
        .set(
            office_connector_core::odoo::SECRET_NAME,
            &SecretString::from("0123456789abcdef0123456789abcdef01234567"),
        )
        .expect("a key Odoo does not know");
    lena.put(
        IN,
        mail(
            "Angebot",
            "kunde@example.com",
            &[LENA],
            "<refused-1@example.com>",
        ),
    )
    .await;
    let run = lena.sync(false).await;
    assert!(
        run.report
            .needs_attention
            .iter()
            .any(|n| n.contains("Odoo refused the stored key")),
        "{run:?}"
    );

    let refused = account(session, AccountKind::Odoo);
    assert_eq!(
        (refused.checked_at, refused.refused_at),
        (Some(connected_at), Some(clock.now())),
        "when it last worked stays known"
    );
    assert_eq!(
        refused.state(shown).render(Language::En),
        "Odoo refused the stored key at 2026-03-02 09:30 UTC — connect Odoo again"
    );
    assert_eq!(
        refused.state(shown).render(Language::De),
        "Odoo hat den gespeicherten Schlüssel am 2026-03-02 09:30 UTC abgelehnt — verbinden Sie \
         Odoo erneut"
    );
    let microsoft = account(session, AccountKind::Microsoft);
    assert_eq!(
        (microsoft.checked_at, microsoft.refused_at),
        (Some(clock.now()), None),
        "the run read the transfer folders"
    );

    // a preview writes nothing, not even what it heard
    clock.advance(Duration::minutes(5));
    lena.sync(true).await;
    assert_eq!(
        account(session, AccountKind::Odoo).refused_at,
        Some(clock.now() - Duration::minutes(5))
    );

    clock.advance(Duration::minutes(10));
    lena.ms
        .session
        .connect_odoo_with(
            &*lena.ms.secrets,
            &office_connector_core::odoo::ConnectRequest {
                url: odoo.url(),
                db: Some("demo".into()),
                login: LENA.into(),
                secret: SecretString::from(odoo.user(LENA).odoo_api_key),
            },
        )
        .await
        .expect("connect again");
    let again = account(session, AccountKind::Odoo);
    assert_eq!(
        (again.checked_at, again.refused_at),
        (Some(clock.now()), None)
    );
    assert_eq!(
        again.state(shown).render(Language::De),
        "verbunden, zuletzt geprüft am 2026-03-02 09:45 UTC"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_test_while_odoo_is_down_shows_what_was_last_known_and_when() {
    let odoo = odoo().await;
    let lena = MailUser::connect(GraphFixture::demo().await, &odoo, LENA).await;
    let (session, clock) = (&lena.ms.session, &lena.ms.clock);
    clock.advance(Duration::hours(1));
    let passed = session.test_odoo_with(&*lena.ms.secrets).await;
    assert!(passed.ok(), "{passed:?}");
    let read_at = clock.now();
    assert_eq!(
        (passed.known_at, passed.checked_at),
        (Some(read_at), Some(read_at))
    );
    assert!(passed.last_known(shown).is_none(), "all of it is current");

    clock.advance(Duration::hours(2));
    odoo.control_put("faults", json!({"down": true})).await;
    let down = session.test_odoo_with(&*lena.ms.secrets).await;
    assert!(!down.ok());
    assert_eq!(down.reachable, Some(false));
    assert_eq!(down.no_answer.as_deref(), Some("cannot be reached"));
    assert_eq!(
        (down.known_at, down.checked_at, down.refused_at),
        (Some(read_at), Some(read_at), None)
    );
    assert_eq!(down.version.as_deref(), Some("17.0"));
    let apps = |installed: Option<bool>| match installed {
        Some(true) => "installed",
        _ => "not installed",
    };
    let said = office_connector_core::i18n::Msg::Odoo(down.last_known(shown).expect("stale"));
    assert_eq!(
        said.render(Language::En),
        format!(
            "Odoo did not answer (cannot be reached); last known on 2026-03-02 09:00 UTC: \
             version 17.0, Calendar {}, CRM {}",
            apps(down.calendar_installed),
            apps(down.crm_installed)
        )
    );
    assert!(
        said.render(Language::De).starts_with(
            "Odoo hat nicht geantwortet (nicht erreichbar); zuletzt bekannt am 2026-03-02 \
             09:00 UTC: Version 17.0, Calendar "
        ),
        "{}",
        said.render(Language::De)
    );
    assert_eq!(
        account(session, AccountKind::Odoo).checked_at,
        Some(read_at),
        "no answer is no check"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_microsoft_sign_in_shows_in_the_status_with_its_time() {
    let lena = MailUser::connect(GraphFixture::demo().await, &odoo().await, LENA).await;
    let (session, clock) = (&lena.ms.session, &lena.ms.clock);
    clock.advance(Duration::minutes(20));
    lena.ms
        .graph
        .control_post(
            "/identity/refresh-tokens/revoke",
            json!({"upn": LENA, "reason": "revoked"}),
        )
        .await;
    let check = session.test_microsoft(&lena.ms.runtime()).await;
    assert!(check.needs_sign_in, "{check:?}");
    let microsoft = account(session, AccountKind::Microsoft);
    assert_eq!(microsoft.refused_at, Some(clock.now()));
    assert_eq!(
        microsoft.state(shown).render(Language::En),
        "Microsoft refused the sign-in at 2026-03-02 08:20 UTC — sign in to Microsoft 365 again"
    );
}

/// The CLI's times are local; the tests pin its zone to UTC and read the times it shows back
/// from its own JSON, so neither the date nor the machine's zone matter.
fn minute(json: &Value) -> String {
    let at: DateTime<Utc> = json
        .as_str()
        .and_then(|t| t.parse().ok())
        .unwrap_or_else(|| panic!("a time: {json}"));
    at.format("%Y-%m-%d %H:%M").to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_cli_says_what_it_knows_of_odoo_and_since_when() {
    let fake = FakeOdoo::start(Seed::Demo, OdooVersion::V17).await;
    let home = TempHome::new();
    let keyring = KeyringSession::new().with_env("TZ", "UTC");
    let url: &'static str = Box::leak(fake.url().into_boxed_str());
    let key: &'static str = Box::leak(format!("{}\n", fake.user(LENA).odoo_api_key).into());
    let run =
        |steps: Vec<Step<'static>>| tokio::task::block_in_place(|| keyring.run(&home, &steps));
    let runs = run(vec![
        Step::new(&connect_odoo_args(url, LENA), key),
        Step::new(&["status", "--json"], ""),
        Step::new(&["status"], ""),
        Step::new(&["test", "odoo", "--json"], "").with_faults(url, json!({"down": true})),
        Step::new(&["test", "odoo"], ""),
    ]);
    assert_eq!(runs[0].code, 0, "{:?}", runs[0]);
    let odoo = &runs[1].json()["accounts"][1];
    assert!(odoo["refused_at"].is_null(), "{odoo}");
    assert!(
        runs[2].stdout.contains(&format!(
            "  Odoo: {LENA} — connected, last checked {}\n",
            minute(&odoo["checked_at"])
        )),
        "{:?}",
        runs[2]
    );

    let down = &runs[3].json()["odoo"];
    assert_eq!(runs[3].code, 3, "{:?}", runs[3]);
    assert_eq!(
        (&down["reachable"], &down["no_answer"], &down["version"]),
        (&json!(false), &json!("cannot be reached"), &json!("17.0"))
    );
    let text = &runs[4];
    assert!(
        text.stdout.contains(&format!(
            "  Odoo did not answer (cannot be reached); last known on {}: version 17.0, Calendar ",
            minute(&down["known_at"])
        )),
        "{text:?}"
    );
    assert!(
        !text.stdout.contains("  version: 17.0"),
        "nothing old passes for current: {text:?}"
    );

    // Odoo is set up afresh: the stored key is no longer one it knows
    fake.control_post("seed", json!({"seed": "demo"})).await;
    let runs = run(vec![
        Step::new(&["test", "odoo"], "").with_faults(url, json!({})),
        Step::new(&["status", "--json"], ""),
        Step::new(&["status"], ""),
        Step::new(&["config", "set", "general.language", "de"], ""),
        Step::new(&["status"], ""),
    ]);
    assert_eq!(runs[0].code, 2, "{:?}", runs[0]);
    assert!(runs[0].stdout.contains("  Last known on "), "{:?}", runs[0]);
    let odoo = &runs[1].json()["accounts"][1];
    let at = minute(&odoo["refused_at"]);
    assert!(!odoo["checked_at"].is_null(), "{odoo}");
    assert!(
        runs[2].stdout.contains(&format!(
            "  Odoo: {LENA} — Odoo refused the stored key at {at} — connect Odoo again\n"
        )),
        "{:?}",
        runs[2]
    );
    assert!(
        runs[4].stdout.contains(&format!(
            "Odoo hat den gespeicherten Schlüssel am {at} abgelehnt — verbinden Sie Odoo erneut"
        )),
        "{:?}",
        runs[4]
    );
}
