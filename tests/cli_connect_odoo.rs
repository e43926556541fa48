//! `office-connector connect odoo`, `test` and `disconnect odoo` in temp homes, against the fake
//! Odoo, with the key in a REAL Secret Service (D-Bus + gnome-keyring, see
//! `it::odoo_client::KeyringSession`): there is no file fallback to test against.

use it::fakes_odoo::FakeOdoo;
use it::home::TempHome;
use it::odoo_client::{KeyringSession, Step, files_containing};
use office_connector_fakes::odoo::{OdooVersion, Seed};
use serde_json::{Value, json};

const LENA: &str = "lena.schaefer@yourcompany.example.com";

/// Runs blocking CLI steps while the in-process fake keeps serving on the other worker.
async fn run(
    keyring: &KeyringSession,
    home: &TempHome,
    steps: Vec<Step<'static>>,
) -> Vec<it::cli::CliRun> {
    tokio::task::block_in_place(|| keyring.run(home, &steps))
}

fn leak(s: String) -> &'static str {
    Box::leak(s.into_boxed_str())
}

fn json_of(run: &it::cli::CliRun) -> Value {
    run.json()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connect_stores_the_account_and_keeps_the_key_only_in_the_keyring() {
    let fake = FakeOdoo::start(Seed::Demo, OdooVersion::V18).await;
    let key = fake.user(LENA).odoo_api_key;
    let home = TempHome::new();
    // trace level: not even the diagnostic log may carry the key
    let keyring = KeyringSession::new().with_env("RUST_LOG", "trace");
    let url = leak(format!("{}/odoo/contacts/7", fake.url()));
    let stdin = leak(format!("{key}\n"));
    let runs = run(
        &keyring,
        &home,
        vec![
            Step::new(
                &[
                    "connect",
                    "odoo",
                    "--url",
                    url,
                    "--login",
                    LENA,
                    "--api-key-stdin",
                    "--json",
                ],
                stdin,
            ),
            Step::new(&["test", "odoo", "--json"], ""),
            Step::new(&["test", "odoo"], ""),
            Step::new(&["status", "--json"], ""),
        ],
    )
    .await;
    let connect = &runs[0];
    assert_eq!(connect.code, 0, "{connect:?}");
    let body = json_of(connect);
    assert_eq!(body["account"]["url"], fake.url());
    assert_eq!(
        body["account"]["db"], "demo",
        "the only database is detected"
    );
    assert_eq!(body["account"]["name"], "Lena Schäfer");
    assert_eq!(body["account"]["version"], "18.0");
    assert_eq!(body["used_password"], false);
    assert!(
        connect.stderr.contains("odoo call"),
        "the trace log is on: {}",
        connect.stderr
    );

    let test = &runs[1];
    assert_eq!(test.code, 0, "{test:?}");
    let odoo = &json_of(test)["odoo"];
    assert_eq!(odoo["ok"], true, "{odoo}");
    assert_eq!(odoo["reachable"], true);
    assert_eq!(odoo["login_ok"], true, "the key came back from the keyring");
    assert_eq!(odoo["version"], "18.0");
    assert_eq!(odoo["database"], "demo");
    assert_eq!(odoo["user"], "Lena Schäfer");
    assert!(
        runs[2].stdout.contains("Odoo: connection ok"),
        "{:?}",
        runs[2]
    );
    assert!(
        runs[2]
            .stdout
            .contains("user: Lena Schäfer (lena.schaefer@"),
        "{:?}",
        runs[2]
    );
    assert!(
        runs[3].stdout.contains(LENA),
        "status shows the account: {:?}",
        runs[3]
    );

    // the key is nowhere in the state home (SQLite, -wal/-shm, settings, logs) nor in any output
    assert_eq!(
        files_containing(home.path(), &key),
        Vec::<std::path::PathBuf>::new()
    );
    for r in &runs {
        assert!(
            !r.stdout.contains(&key) && !r.stderr.contains(&key),
            "{r:?}"
        );
    }
    let stored = home
        .session()
        .odoo_account()
        .expect("read")
        .expect("stored");
    assert_eq!(
        (stored.uid, stored.partner_id),
        (6, fake.user(LENA).odoo_partner_id)
    );

    // a different keyring (another machine, a wiped keyring) does not have the key: the stored
    // account alone cannot log in, and the test says the user must act
    let other = KeyringSession::new();
    let runs = run(
        &other,
        &home,
        vec![Step::new(&["test", "odoo", "--json"], "")],
    )
    .await;
    assert_eq!(runs[0].code, 2, "{:?}", runs[0]);
    let odoo = &json_of(&runs[0])["odoo"];
    assert_eq!(odoo["error"]["code"], "credentials_rejected");
    assert!(
        odoo["error"]["message"]
            .as_str()
            .unwrap_or_default()
            .contains("missing from the keyring"),
        "{odoo}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_down_server_exits_3_and_a_wrong_key_exits_2_with_the_uis_message() {
    let fake = FakeOdoo::start(Seed::Demo, OdooVersion::V17).await;
    let key = fake.user(LENA).odoo_api_key;
    let home = TempHome::new();
    let keyring = KeyringSession::new();
    let url = leak(fake.url());
    let stdin = leak(format!("{key}\n"));
    let connect: &'static [&'static str] = leak_args(vec![
        "connect",
        "odoo",
        "--url",
        url,
        "--db",
        "demo",
        "--login",
        LENA,
        "--api-key-stdin",
    ]);
    let runs = run(
        &keyring,
        &home,
        vec![
            Step::new(connect, "0000000000000000000000000000000000000000\n"),
            Step::new(connect, stdin),
            Step::new(&["test", "odoo", "--json"], "").with_faults(url, json!({"down": true})),
            Step::new(&["test", "odoo"], ""),
            Step::new(&["test", "odoo"], "")
                .with_faults(url, json!({"http_error": {"status": 503}})),
            Step::new(&["test", "odoo"], "").with_faults(url, json!({})),
            Step::new(connect, stdin).with_faults(url, json!({"down": true})),
            Step::new(connect, ""),
        ],
    )
    .await;
    let wrong = &runs[0];
    assert_eq!(wrong.code, 2, "{wrong:?}");
    assert!(
        wrong
            .stderr
            .contains("Odoo did not accept the login \"lena.schaefer@yourcompany.example.com\""),
        "{wrong:?}"
    );
    assert_eq!(runs[1].code, 0, "{:?}", runs[1]);

    let down = &runs[2];
    assert_eq!(down.code, 3, "{down:?}");
    let odoo = &json_of(down)["odoo"];
    assert_eq!(odoo["reachable"], false);
    assert_eq!(odoo["error"]["retryable"], true);
    assert!(
        runs[3].stdout.contains("cannot be reached"),
        "{:?}",
        runs[3]
    );
    assert_eq!(runs[3].code, 3);
    assert_eq!(runs[4].code, 3, "5xx: {:?}", runs[4]);
    assert!(runs[4].stdout.contains("HTTP 503"), "{:?}", runs[4]);
    assert_eq!(runs[5].code, 0, "back up: {:?}", runs[5]);
    let connect_down = &runs[6];
    assert_eq!(connect_down.code, 3, "{connect_down:?}");
    assert!(
        connect_down.stderr.contains("try again later"),
        "{connect_down:?}"
    );
    let no_key = &runs[7];
    assert_eq!(no_key.code, 1, "{no_key:?}");
    assert!(
        no_key.stderr.contains("Enter your Odoo API key"),
        "{no_key:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn disconnect_removes_the_account_and_the_key_and_messages_follow_the_language() {
    let fake = FakeOdoo::start(Seed::Demo, OdooVersion::V17).await;
    let user = fake.user(LENA);
    let home = TempHome::new();
    home.write_settings("[general]\nlanguage = \"de\"\n");
    let keyring = KeyringSession::new();
    let url = leak(fake.url());
    let password = leak(format!("{}\n", user.odoo_password));
    let runs = run(
        &keyring,
        &home,
        vec![
            Step::new(
                &[
                    "connect",
                    "odoo",
                    "--url",
                    url,
                    "--login",
                    LENA,
                    "--api-key-stdin",
                ],
                password,
            ),
            Step::new(&["disconnect", "odoo"], ""),
            Step::new(&["test", "odoo", "--json"], ""),
            Step::new(&["disconnect", "odoo"], ""),
            Step::new(
                &[
                    "connect",
                    "odoo",
                    "--url",
                    "not a url",
                    "--login",
                    LENA,
                    "--api-key-stdin",
                ],
                "x\n",
            ),
        ],
    )
    .await;
    let connect = &runs[0];
    assert_eq!(connect.code, 0, "{connect:?}");
    assert!(
        connect.stdout.contains("verbunden als Lena Schäfer"),
        "{connect:?}"
    );
    assert!(
        connect
            .stdout
            .contains("Empfohlen ist stattdessen ein API-Schlüssel"),
        "a password gets the API key advice: {connect:?}"
    );
    assert_eq!(runs[1].code, 0);
    assert!(
        runs[1].stdout.contains("Odoo ist getrennt"),
        "{:?}",
        runs[1]
    );
    assert_eq!(runs[2].code, 2, "not connected: the user must act");
    assert_eq!(json_of(&runs[2])["odoo"]["connected"], false);
    assert!(
        runs[3].stdout.contains("Odoo war nicht verbunden"),
        "{:?}",
        runs[3]
    );
    assert_eq!(runs[4].code, 1, "{:?}", runs[4]);
    assert!(
        runs[4].stderr.contains("„not a url“ ist keine Webadresse"),
        "{:?}",
        runs[4]
    );
    assert!(home.session().odoo_account().expect("read").is_none());
    assert!(files_containing(home.path(), &user.odoo_password).is_empty());
}

fn leak_args(v: Vec<&'static str>) -> &'static [&'static str] {
    Box::leak(v.into_boxed_slice())
}
