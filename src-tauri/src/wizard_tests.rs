//! The setup wizard's and Settings page's commands through the IPC of the mock runtime, against
//! the fake Odoo and the fake Microsoft identity platform + Graph, with an in-memory keyring.
//! The test plays the person's browser: it opens the authorize URL with the person's
//! `login_hint` (what they would type), and the fake redirects at once to the app's loopback
//! listener.

use std::net::TcpListener;
use std::path::Path;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use office_connector_core::api::Session;
use office_connector_core::graph::auth::UrlOpener;
use office_connector_core::graph::client::{GraphClientOptions, Sleeper};
use office_connector_core::graph::error::SignInError;
use office_connector_core::home::StateHome;
use office_connector_core::secrets::{MemoryKeyring, SecretStore};
use office_connector_fakes::graph::seed::{DEMO_CLIENT_ID, DEMO_PEOPLE, DEMO_TENANT_ID};
use office_connector_fakes::graph::{FakeGraph, GraphConfig};
use office_connector_fakes::odoo::server::OdooServer;
use office_connector_fakes::odoo::{OdooState, OdooVersion, Seed, SeedUser};
use serde_json::{Value, json};
use tauri::Manager;
use tauri::test::MockRuntime;
use tauri::{App, WebviewWindow};

use crate::state::AppState;
use crate::tests::{app, invoke, options, settings_window};
use crate::wizard::Connectors;

/// The first demo person's UPN.
pub(crate) fn lena() -> &'static str {
    DEMO_PEOPLE[0].0
}

/// A browser the person drives: opens the authorize URL with their `login_hint` and follows
/// the redirect to the loopback listener. `idle` never browses (the person walked away).
#[derive(Clone, Default)]
pub(crate) struct Browser {
    upn: Option<String>,
    forge_state: bool,
    opened: Arc<Mutex<Vec<String>>>,
}

impl Browser {
    pub(crate) fn of(upn: &str) -> Self {
        Self {
            upn: Some(upn.to_owned()),
            ..Self::default()
        }
    }

    /// Someone else's answer reaches the listener: the `state` is not the app's.
    fn forging(upn: &str) -> Self {
        Self {
            forge_state: true,
            ..Self::of(upn)
        }
    }

    fn idle() -> Self {
        Self::default()
    }

    fn opened(&self) -> usize {
        self.opened.lock().expect("opened").len()
    }
}

impl UrlOpener for Browser {
    fn open(&self, url: &str) -> Result<(), SignInError> {
        self.opened.lock().expect("opened").push(url.to_owned());
        let Some(upn) = self.upn.clone() else {
            return Ok(());
        };
        let mut url = url::Url::parse(url).expect("authorize url");
        url.query_pairs_mut().append_pair("login_hint", &upn);
        let forge = self.forge_state;
        tauri::async_runtime::spawn(async move {
            let http = reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .expect("client");
            let answer = http.get(url).send().await.expect("authorize");
            // NOTE: no redirect = Microsoft shows the person an error page; the app waits
            let Some(location) = answer.headers().get("location") else {
                return;
            };
            let mut location =
                url::Url::parse(location.to_str().expect("text")).expect("redirect url");
            if forge {
                let pairs: Vec<(String, String)> = location
                    .query_pairs()
                    .map(|(k, v)| {
                        let v = if k == "state" {
                            "forged".into()
                        } else {
                            v.into_owned()
                        };
                        (k.into_owned(), v)
                    })
                    .collect();
                location.query_pairs_mut().clear().extend_pairs(pairs);
            }
            let _ = http.get(location).send().await;
        });
        Ok(())
    }
}

/// Polls the device-code endpoint without the real 5 s waits.
struct Quick;

impl Sleeper for Quick {
    fn sleep(&self, _: Duration) -> Pin<Box<dyn Future<Output = ()> + Send + '_>> {
        Box::pin(tokio::time::sleep(Duration::from_millis(20)))
    }
}

/// The app over a fresh home, wired to the fakes with an in-memory keyring.
pub(crate) struct Wizard {
    pub(crate) app: App<MockRuntime>,
    pub(crate) window: WebviewWindow<MockRuntime>,
    pub(crate) keyring: MemoryKeyring,
    pub(crate) graph: FakeGraph,
    pub(crate) odoo: OdooServer,
    pub(crate) home: tempfile::TempDir,
}

impl Wizard {
    pub(crate) fn start() -> Self {
        let home = tempfile::tempdir().expect("tempdir");
        let (app, _runs) = app(home.path());
        Self::over(home, app)
    }

    /// The app built by `app` over `home`, wired to fresh fakes.
    pub(crate) fn over(home: tempfile::TempDir, app: App<MockRuntime>) -> Self {
        let (graph, odoo) = tauri::async_runtime::block_on(async {
            let graph = FakeGraph::start(GraphConfig::default())
                .await
                .expect("fake graph");
            let odoo = OdooServer::start(OdooState::new(OdooVersion::V17, Seed::Demo), 0)
                .await
                .expect("fake odoo");
            (graph, odoo)
        });
        let session = Session::open(options(home.path())).expect("session");
        session
            .set_setting("microsoft.authority_url", &graph.login_url())
            .expect("authority");
        session
            .set_setting("microsoft.graph_url", &graph.graph_url())
            .expect("graph");
        let window = settings_window(&app);
        let wizard = Self {
            app,
            window,
            keyring: MemoryKeyring::new(),
            graph,
            odoo,
            home,
        };
        wizard.use_browser(Browser::of(lena()));
        wizard
    }

    pub(crate) fn use_browser(&self, browser: Browser) {
        let state = self.app.state::<AppState>();
        state.set_connectors(Connectors {
            secrets: Arc::new(self.keyring.store_for(&StateHome::at(self.home.path()))),
            opener: Arc::new(browser),
            sleeper: Arc::new(Quick),
            client: GraphClientOptions::default(),
            sign_in_timeout: Duration::from_secs(30),
        });
    }

    pub(crate) fn call(&self, cmd: &str, args: Value) -> Result<Value, Value> {
        invoke(&self.window, cmd, args)
    }

    pub(crate) fn lena_in_odoo(&self) -> SeedUser {
        let state = self.odoo.state();
        let guard = office_connector_fakes::odoo::server::lock(&state);
        guard
            .users
            .iter()
            .find(|u| u.odoo_login == lena())
            .cloned()
            .expect("the demo seed has Lena")
    }

    pub(crate) fn account_state(&self, index: usize) -> Value {
        self.call("status", json!({})).expect("status")["accounts"][index]["state"].clone()
    }

    pub(crate) fn control(&self, path: &str, body: Value) {
        let url = format!("{}/_fake{path}", self.graph.base_url());
        let status = tauri::async_runtime::block_on(async move {
            reqwest::Client::new()
                .post(url)
                .json(&body)
                .send()
                .await
                .expect("control call")
                .status()
        });
        assert!(status.is_success(), "control {path}: {status}");
    }

    /// How many requests the fake counted for endpoints containing `fragment`.
    pub(crate) fn requests(&self, fragment: &str) -> u64 {
        let url = format!("{}/_fake/graph/requests", self.graph.base_url());
        let counts: Value = tauri::async_runtime::block_on(async move {
            reqwest::get(url)
                .await
                .expect("requests")
                .json()
                .await
                .expect("json")
        });
        counts
            .as_array()
            .expect("counts")
            .iter()
            .filter(|r| r["endpoint"].as_str().is_some_and(|e| e.contains(fragment)))
            .map(|r| r["count"].as_u64().unwrap_or(0))
            .sum()
    }

    pub(crate) fn sign_in_request(&self) -> Value {
        json!({ "request": { "client_id": DEMO_CLIENT_ID, "tenant": DEMO_TENANT_ID, "client_secret": null } })
    }
}

/// An address where nothing listens (a port just freed).
fn nothing_listens() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    drop(listener);
    format!("http://127.0.0.1:{port}")
}

pub(crate) fn code(error: &Value) -> &str {
    error["code"].as_str().expect("an error code")
}

#[test]
fn odoo_lists_databases_connects_with_the_key_and_explains_a_wrong_key_and_a_server_down() {
    let w = Wizard::start();
    let lena = w.lena_in_odoo();

    let databases = w
        .call("odoo_databases", json!({ "url": w.odoo.url() }))
        .expect("databases");
    assert_eq!(databases, json!([lena.odoo_db]));
    let down = w
        .call("odoo_databases", json!({ "url": nothing_listens() }))
        .expect_err("nobody answers");
    assert_eq!(code(&down), "unreachable");
    assert_eq!(
        down["retryable"],
        json!(true),
        "a server that is down is worth retrying"
    );

    let request = |secret: &str| json!({ "request": { "url": format!("{}/odoo", w.odoo.url()), "db": null, "login": lena.odoo_login, "secret": secret } });
    let wrong = w
        .call(
            "connect_odoo",
            request("0000000000000000000000000000000000000000"),
        )
        .expect_err("wrong key");
    assert_eq!(code(&wrong), "credentials_rejected");
    assert_eq!(wrong["retryable"], json!(false));
    w.call("set_setting", json!({ "key": "language", "value": "de" }))
        .expect("German");
    let german = w
        .call(
            "connect_odoo",
            request("0000000000000000000000000000000000000000"),
        )
        .expect_err("wrong key");
    assert!(
        german["message"]
            .as_str()
            .expect("message")
            .contains("API-Schlüssel"),
        "in the user's language: {german}"
    );
    w.call("set_setting", json!({ "key": "language", "value": "en" }))
        .expect("English");
    assert!(w.keyring.is_empty(), "a refused key is not kept");
    assert_eq!(w.account_state(1), json!("not_connected"));

    let mut down_request = request(&lena.odoo_api_key);
    down_request["request"]["url"] = json!(nothing_listens());
    let down = w.call("connect_odoo", down_request).expect_err("down");
    assert_eq!(code(&down), "unreachable");
    assert_eq!(down["retryable"], json!(true));

    let connected = w
        .call("connect_odoo", request(&format!(" {} ", lena.odoo_api_key)))
        .expect("connected with the API key (pasted with blanks)");
    assert_eq!(connected["account"]["login"], json!(lena.odoo_login));
    assert_eq!(
        connected["account"]["db"],
        json!(lena.odoo_db),
        "the only database is used"
    );
    assert_eq!(
        connected["account"]["url"],
        json!(w.odoo.url()),
        "the pasted /odoo is dropped"
    );
    assert_eq!(connected["used_password"], json!(false));
    assert!(
        connected["message"]
            .as_str()
            .expect("message")
            .contains(&lena.odoo_login),
        "{connected}"
    );
    let stored = w
        .keyring
        .store_for(&StateHome::at(w.home.path()))
        .get("odoo.api_key")
        .expect("keyring");
    assert!(stored.is_some(), "the key is in the (test) keyring");
    assert_eq!(w.account_state(1), json!("connected"));

    let test = w.call("test_connection", json!({})).expect("test");
    assert_eq!(test["odoo"]["login_ok"], json!(true), "{test}");
    assert_eq!(test["odoo"]["reachable"], json!(true));
    assert_eq!(test["odoo"]["error"], Value::Null);
    assert_eq!(
        test["microsoft"]["connected"],
        json!(false),
        "not signed in yet"
    );

    // the server goes down: the test says so and that trying again helps
    let url = format!("{}/_fake/faults", w.odoo.url());
    let status = tauri::async_runtime::block_on(async move {
        reqwest::Client::new()
            .put(url)
            .json(&json!({ "down": true }))
            .send()
            .await
            .expect("fault")
            .status()
    });
    assert!(status.is_success(), "{status}");
    let test = w.call("test_connection", json!({})).expect("test");
    assert_eq!(test["odoo"]["reachable"], json!(false), "{test}");
    assert_eq!(test["odoo"]["error"]["code"], json!("unreachable"));
    assert_eq!(test["odoo"]["error"]["retryable"], json!(true));
    assert_eq!(
        test["odoo"]["connected"],
        json!(true),
        "still connected, just down"
    );

    let state_files: Vec<String> = walk(w.home.path());
    for file in state_files {
        let text = String::from_utf8_lossy(&std::fs::read(&file).expect("read")).into_owned();
        assert!(
            !text.contains(&lena.odoo_api_key),
            "the key leaked into {file}"
        );
    }
}

fn walk(dir: &Path) -> Vec<String> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).expect("dir").flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path.display().to_string());
        }
    }
    files
}

#[test]
fn the_browser_sign_in_connects_the_mailbox_and_a_forged_answer_is_refused() {
    let w = Wizard::start();

    w.use_browser(Browser::forging(lena()));
    let refused = w
        .call("sign_in_microsoft", w.sign_in_request())
        .expect_err("not the app's state");
    assert_eq!(code(&refused), "needs_sign_in", "{refused}");
    assert_eq!(refused["retryable"], json!(false));
    assert_eq!(w.account_state(0), json!("not_connected"));
    assert!(w.keyring.is_empty(), "no token kept from a forged answer");

    w.use_browser(Browser::of(lena()));
    let connected = w
        .call("sign_in_microsoft", w.sign_in_request())
        .expect("signed in");
    assert_eq!(connected["upn"], json!(lena()));
    assert_eq!(
        connected["endpoints"]["registration"],
        json!("public_client")
    );
    assert_eq!(connected["endpoints"]["graph"], json!(w.graph.graph_url()));
    assert_eq!(w.account_state(0), json!("connected"));

    let test = w.call("test_connection", json!({})).expect("test");
    assert_eq!(test["microsoft"]["signed_in"], json!(true), "{test}");
    assert_eq!(test["microsoft"]["mailbox_reachable"], json!(true));
    assert_eq!(test["microsoft"]["upn"], json!(lena()));

    // Microsoft revokes the sign-in: the window says "sign in again" and the jobs pause
    w.control(
        "/identity/refresh-tokens/revoke",
        json!({ "upn": lena(), "reason": "revoked" }),
    );
    let refused = w
        .call("list_mail_folders", json!({ "parentId": null }))
        .expect_err("revoked");
    assert_eq!(code(&refused), "needs_sign_in", "{refused}");
    assert_eq!(w.account_state(0), json!("needs_sign_in"));
    let test = w.call("test_connection", json!({})).expect("test");
    assert_eq!(test["microsoft"]["needs_sign_in"], json!(true), "{test}");
    w.call("sign_in_microsoft", w.sign_in_request())
        .expect("signed in again");
    assert_eq!(w.account_state(0), json!("connected"));
}

#[test]
fn the_folder_tree_loads_one_level_at_a_time_and_a_transfer_folder_is_created_once() {
    let w = Wizard::start();
    let not_yet = w
        .call("list_mail_folders", json!({ "parentId": null }))
        .expect_err("no mailbox connected yet");
    assert_eq!(code(&not_yet), "needs_sign_in", "{not_yet}");
    let not_yet = w
        .call("create_mail_folder", json!({ "name": "Odoo Eingang" }))
        .expect_err("no mailbox connected yet");
    assert_eq!(code(&not_yet), "needs_sign_in", "{not_yet}");
    w.call("sign_in_microsoft", w.sign_in_request())
        .expect("signed in");
    let upn = lena();
    let folders = format!("/graph/mailboxes/{upn}/folders");
    w.control(
        &folders,
        json!({ "display_name": "Kunden", "parent": "inbox" }),
    );
    let refreshes_before = w.requests("token");

    let root = w
        .call("list_mail_folders", json!({ "parentId": null }))
        .expect("root");
    let inbox = root
        .as_array()
        .expect("folders")
        .iter()
        .find(|f| f["child_count"].as_u64() > Some(0) && f["total"].is_u64())
        .expect("the inbox has a sub-folder")
        .clone();
    let inbox_name = inbox["name"].as_str().expect("name").to_owned();
    assert_eq!(inbox["path"], json!(inbox_name));

    let level = w
        .call("list_mail_folders", json!({ "parentId": inbox["id"] }))
        .expect("children");
    let kunden = level
        .as_array()
        .expect("folders")
        .iter()
        .find(|f| f["name"] == json!("Kunden"))
        .expect("Kunden")
        .clone();
    assert_eq!(kunden["path"], json!(format!("{inbox_name} / Kunden")));
    assert_eq!(kunden["child_count"], json!(0));
    w.control(
        &folders,
        json!({ "display_name": "Müller GmbH", "parent": kunden["id"] }),
    );
    let deeper = w
        .call("list_mail_folders", json!({ "parentId": kunden["id"] }))
        .expect("grandchildren");
    assert_eq!(
        deeper[0]["path"],
        json!(format!("{inbox_name} / Kunden / Müller GmbH")),
        "the path runs from the root through every level"
    );

    let chosen = w
        .call("get_mail_folder", json!({ "id": deeper[0]["id"] }))
        .expect("a chosen folder by id");
    assert_eq!(chosen, deeper[0], "the same entry as in the tree");
    let gone = w
        .call(
            "get_mail_folder",
            json!({ "id": format!("AQMkAGI2{}AAAA", "x".repeat(48)) }),
        )
        .expect_err("a folder deleted in Outlook");
    assert_eq!(code(&gone), "not_found", "{gone}");

    let created = w
        .call("create_mail_folder", json!({ "name": "Odoo Eingang" }))
        .expect("created");
    assert_eq!(created["path"], json!("Odoo Eingang"));
    let again = w
        .call("create_mail_folder", json!({ "name": "odoo eingang " }))
        .expect("the one that is there");
    assert_eq!(
        again["id"], created["id"],
        "no second folder of the same name"
    );
    let root = w
        .call("list_mail_folders", json!({ "parentId": null }))
        .expect("root");
    let named = root
        .as_array()
        .expect("folders")
        .iter()
        .filter(|f| f["name"] == json!("Odoo Eingang"))
        .count();
    assert_eq!(named, 1, "directly under the root, once");
    assert_eq!(
        w.requests("token") - refreshes_before,
        1,
        "opening folders does not refresh the sign-in each time"
    );
}

#[test]
fn the_device_code_sign_in_waits_for_the_person_and_a_declined_one_is_explained() {
    let w = Wizard::start();
    let code_view = w
        .call("start_device_code", w.sign_in_request())
        .expect("a code");
    let user_code = code_view["user_code"]
        .as_str()
        .expect("user code")
        .to_owned();
    assert!(
        code_view["verification_uri"]
            .as_str()
            .is_some_and(|u| !u.is_empty())
    );
    w.control(
        "/identity/devicecode/approve",
        json!({ "user_code": user_code, "upn": lena() }),
    );
    let connected = w.call("finish_device_code", json!({})).expect("signed in");
    assert_eq!(connected["upn"], json!(lena()));
    assert_eq!(w.account_state(0), json!("connected"));

    let code_view = w
        .call("start_device_code", w.sign_in_request())
        .expect("a code");
    w.control(
        "/identity/devicecode/decline",
        json!({ "user_code": code_view["user_code"] }),
    );
    let declined = w
        .call("finish_device_code", json!({}))
        .expect_err("declined");
    assert_eq!(code(&declined), "needs_sign_in", "{declined}");

    let unknown = w
        .call(
            "start_device_code",
            json!({ "request": { "client_id": "00000000-0000-0000-0000-000000000000", "tenant": DEMO_TENANT_ID, "client_secret": null } }),
        )
        .expect_err("unknown app");
    assert_eq!(code(&unknown), "invalid_input", "{unknown}");
}

#[test]
fn a_sign_in_is_cancelled_by_cancel_and_by_a_newer_sign_in() {
    let w = Wizard::start();
    let walked_away = Browser::idle();
    w.use_browser(walked_away.clone());

    let pending = |w: &Wizard| {
        let window = w.window.clone();
        let request = w.sign_in_request();
        std::thread::spawn(move || invoke(&window, "sign_in_microsoft", request))
    };
    let wait_opened = |browser: &Browser, n: usize| {
        for _ in 0..500 {
            if browser.opened() >= n {
                return;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        panic!("the browser was never opened");
    };

    let first = pending(&w);
    wait_opened(&walked_away, 1);
    w.call("cancel_microsoft_sign_in", json!({}))
        .expect("cancelled");
    let cancelled = first.join().expect("thread").expect_err("cancelled");
    assert_eq!(code(&cancelled), "needs_sign_in", "{cancelled}");
    assert_eq!(w.account_state(0), json!("not_connected"));

    let second = pending(&w);
    wait_opened(&walked_away, 2);
    w.use_browser(Browser::of(lena()));
    let connected = w
        .call("sign_in_microsoft", w.sign_in_request())
        .expect("the newer sign-in wins");
    assert_eq!(connected["upn"], json!(lena()));
    let superseded = second.join().expect("thread").expect_err("superseded");
    assert_eq!(code(&superseded), "needs_sign_in");
    assert_eq!(w.account_state(0), json!("connected"));
    w.call("cancel_microsoft_sign_in", json!({}))
        .expect("nothing to cancel is fine");
}

#[test]
fn the_settings_page_lists_every_option_and_the_core_judges_a_value() {
    let w = Wizard::start();
    let entries = w.call("get_setting_entries", json!({})).expect("entries");
    let entry = |entries: &Value, key: &str| {
        entries
            .as_array()
            .expect("entries")
            .iter()
            .find(|e| e["key"] == json!(key))
            .unwrap_or_else(|| panic!("{key} is listed"))
            .clone()
    };
    let delete = entry(&entries, "mail.delete_after_transfer");
    assert_eq!(delete["value"], json!(false));
    assert_eq!(delete["source"], json!("default"));
    assert_eq!(delete["expected"], json!("bool"));
    assert_eq!(delete["locked"], json!(false));
    let interval = entry(&entries, "mail.sync_interval_minutes");
    assert!(
        interval["expected"]["minutes"]["min"].is_u64(),
        "{interval}"
    );

    w.call(
        "set_setting",
        json!({ "key": "mail.delete_after_transfer", "value": "true" }),
    )
    .expect("saved");
    let bad = w
        .call(
            "set_setting",
            json!({ "key": "calendar.start_date", "value": "next monday" }),
        )
        .expect_err("not a date");
    assert_eq!(code(&bad), "invalid_input");
    let entries = w.call("get_setting_entries", json!({})).expect("entries");
    let delete = entry(&entries, "mail.delete_after_transfer");
    assert_eq!(delete["value"], json!(true));
    assert_eq!(delete["source"], json!("user"));
    assert_eq!(entry(&entries, "calendar.start_date")["value"], Value::Null);

    let file = Session::open(options(w.home.path()))
        .expect("session")
        .settings_files()
        .user
        .clone();
    std::fs::write(&file, "[mail\ndelete_after_transfer = maybe\n").expect("broken by hand");
    let broken = w
        .call("get_setting_entries", json!({}))
        .expect_err("a broken settings file");
    assert_eq!(code(&broken), "config_invalid", "{broken}");
    assert!(
        broken["message"]
            .as_str()
            .expect("message")
            .contains("settings.toml"),
        "names the file to fix: {broken}"
    );
}

#[test]
fn the_window_may_call_exactly_the_shells_commands_and_each_is_one_ipc_ts_uses() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let read = |path: &str| std::fs::read_to_string(root.join(path)).expect(path);
    let ipc = read("../ui/src/lib/ipc.ts");
    let used: std::collections::BTreeSet<String> = ipc
        .split("call(\"")
        .skip(1)
        .filter_map(|rest| rest.split_once('"'))
        .map(|(name, _)| name.to_owned())
        .collect();
    let commands: std::collections::BTreeSet<String> = crate::ipc::COMMANDS
        .iter()
        .map(|c| (*c).to_owned())
        .collect();
    let capability: Value =
        serde_json::from_str(&read("capabilities/settings-window.json")).expect("json");
    let permissions: Vec<&str> = capability["permissions"]
        .as_array()
        .expect("permissions")
        .iter()
        .map(|p| p.as_str().expect("a permission name"))
        .collect();
    // the only core permissions: listening to the app's events (the mail run's progress)
    let core: Vec<&str> = permissions
        .iter()
        .copied()
        .filter(|p| p.starts_with("core:"))
        .collect();
    assert_eq!(
        core,
        ["core:event:allow-listen", "core:event:allow-unlisten"]
    );
    let allowed: std::collections::BTreeSet<String> = permissions
        .iter()
        .filter(|p| !p.starts_with("core:"))
        .map(|p| {
            p.strip_prefix("allow-")
                .expect("only allow-<command>")
                .replace('-', "_")
        })
        .collect();
    assert!(commands.len() >= 15, "build.rs read: {commands:?}");
    assert_eq!(
        allowed, commands,
        "the window may call every command of the shell"
    );
    let unused: Vec<&String> = commands.difference(&used).collect();
    assert!(
        unused.is_empty(),
        "allowed but never called by ui/src/lib/ipc.ts: {unused:?}"
    );
    // NOTE: a command ipc.ts calls that the shell lacks cannot be allowed (no permission
    // exists for it) and fails in the window with the IPC's own error; the UI's tests mock it
}
