//! `office-connector connect microsoft --no-browser`, `test microsoft`, `folders` and
//! `disconnect microsoft` through the real CLI, under a real Secret Service (D-Bus +
//! gnome-keyring, `it::odoo_client::KeyringSession`), against the fake Graph. The test plays the
//! browser: it reads the authorize URL from the FIRST stdout line and follows the redirect to
//! the CLI's loopback listener.

use std::time::Duration;

use it::graph::GraphFixture;
use it::home::TempHome;
use it::microsoft::{
    LoopbackVisitor, browse_first_printed_url, connect_microsoft_args, lena,
    visit_first_printed_url,
};
use it::odoo_client::{KeyringSession, Step, files_containing};
use office_connector_fakes::graph::seed::{DEMO_CLIENT_ID, DEMO_TENANT_ID};
use serde_json::{Value, json};

/// Prefixes of the fake's refresh and access tokens: none may be written anywhere.
const TOKEN_MARKERS: [&str; 2] = ["1.AXkAPf", "EwB4A8l6BAAU"];

/// Waits for the first line of step 0's stdout (the authorize URL) and plays the browser.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connect_with_no_browser_test_folders_and_disconnect_through_the_real_cli() {
    let graph = GraphFixture::demo().await;
    let home = TempHome::new();
    let keyring = KeyringSession::new().with_env("RUST_LOG", "trace");
    let authority = graph.fake.login_url();
    let graph_url = graph.fake.graph_url();
    let browser = tokio::spawn(browse_first_printed_url(keyring.path().to_path_buf()));
    let home_path = home.path().to_path_buf();
    let (runs, home, keyring) = tokio::task::spawn_blocking(move || {
        let steps = [
            Step::new(&connect_microsoft_args(&authority, &graph_url, lena()), ""),
            Step::new(&["test", "microsoft", "--json"], ""),
            Step::new(&["folders", "--json"], ""),
            Step::new(&["status", "--json"], ""),
        ];
        let runs = keyring.run(&home, &steps);
        (runs, home, keyring)
    })
    .await
    .expect("keyring session");
    assert_eq!(home.path(), home_path);
    let visit = browser.await.expect("browser").visit().await;
    assert_eq!(visit.loopback_status, Some(200), "{visit:?}");

    let connect = &runs[0];
    assert_eq!(connect.code, 0, "connect: {connect:?}");
    let first = connect.stdout.lines().next().expect("a first line");
    assert!(
        first.starts_with(&format!("{}/", graph.fake.login_url())),
        "{first}"
    );
    assert!(first.contains("code_challenge_method=S256"), "{first}");
    assert!(
        connect
            .stdout
            .contains(&format!("Signed in to Microsoft 365 as {}", lena())),
        "{connect:?}"
    );

    let test = &runs[1];
    assert_eq!(test.code, 0, "test: {test:?}");
    let t = test.json();
    assert_eq!(t["microsoft"]["ok"], json!(true));
    assert_eq!(t["microsoft"]["upn"], json!(lena()));
    assert_eq!(t["microsoft"]["mailbox_reachable"], json!(true));

    let folders = &runs[2];
    assert_eq!(folders.code, 0, "folders: {folders:?}");
    let tree = folders.json();
    let names: Vec<&str> = tree
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|n| n["name"].as_str())
        .collect();
    assert!(names.contains(&"Odoo Eingang"), "{names:?}");
    let node = &tree[0];
    for field in ["id", "name", "path", "unread", "total", "children"] {
        assert!(node.get(field).is_some(), "{field} missing in {node}");
    }

    let status = runs[3].json();
    assert_eq!(status["accounts"][0]["identity"], json!(lena()));
    assert_eq!(status["accounts"][0]["needs_sign_in"], json!(false));

    // No token in any file of the state home, nor in any output (logs at trace level).
    for marker in TOKEN_MARKERS {
        assert!(
            files_containing(home.path(), marker).is_empty(),
            "{marker} in a file"
        );
        for run in &runs {
            assert!(!run.stdout.contains(marker) && !run.stderr.contains(marker));
        }
    }

    // Microsoft revokes the sign-in: the test asks to sign in again (exit 2) and pauses jobs.
    graph
        .control_post(
            "/identity/refresh-tokens/revoke",
            json!({"upn": lena(), "reason": "revoked"}),
        )
        .await;
    let (runs, home) = tokio::task::spawn_blocking(move || {
        let runs = keyring.run(
            &home,
            &[
                Step::new(&["test", "microsoft", "--json"], ""),
                Step::new(&["status", "--json"], ""),
                Step::new(&["disconnect", "microsoft"], ""),
                Step::new(&["test", "microsoft", "--json"], ""),
            ],
        );
        (runs, home)
    })
    .await
    .expect("second keyring session");
    let revoked = &runs[0];
    assert_eq!(revoked.code, 2, "{revoked:?}");
    let r: Value = revoked.json();
    assert_eq!(r["microsoft"]["needs_sign_in"], json!(true));
    assert_eq!(r["microsoft"]["error"]["code"], json!("needs_sign_in"));
    assert!(
        r["microsoft"]["error"]["message"]
            .as_str()
            .is_some_and(|m| m.contains("Sign in again")),
        "{r}"
    );
    assert_eq!(runs[1].json()["accounts"][0]["needs_sign_in"], json!(true));

    let disconnect = &runs[2];
    assert_eq!(disconnect.code, 0, "{disconnect:?}");
    assert!(
        disconnect.stdout.contains("myaccount.microsoft.com"),
        "{disconnect:?}"
    );
    let after = &runs[3];
    assert_eq!(after.code, 2);
    assert_eq!(after.json()["microsoft"]["connected"], json!(false));
    drop(home);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connect_without_a_keyring_says_so_before_the_sign_in_and_keeps_nothing() {
    let graph = GraphFixture::demo().await;
    let home = TempHome::new();
    let authority = graph.fake.login_url();
    let graph_url = graph.fake.graph_url();
    let bin = it::cli::office_connector_bin();
    let home_path = home.path().to_path_buf();
    let out = tokio::task::spawn_blocking(move || {
        // No D-Bus session at all: the keyring is unreachable.
        std::process::Command::new("timeout")
            .args(["-k", "5", "60"])
            .arg(bin)
            .arg("--home")
            .arg(&home_path)
            .args(connect_microsoft_args(&authority, &graph_url, lena()))
            .env("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus")
            .env("LANG", "C.UTF-8")
            .env_remove("LC_ALL")
            .env_remove("OFFICE_CONNECTOR_HOME")
            .stdin(std::process::Stdio::null())
            .output()
            .expect("run office-connector")
    })
    .await
    .expect("cli task");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stdout.is_empty(), "no sign-in is started: {stdout}");
    assert!(stderr.contains("No keyring is available"), "{stderr}");
    assert!(stderr.contains("never in a file"), "{stderr}");
    for marker in TOKEN_MARKERS {
        assert!(files_containing(home.path(), marker).is_empty());
    }
    let asked = graph.fake.state().requests.lock().expect("counts").len();
    assert_eq!(asked, 0, "Microsoft was never asked");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_browser_can_be_replaced_by_the_url_opener_variable() {
    let graph = GraphFixture::demo().await;
    let home = TempHome::new();
    let tools = tempfile::tempdir().expect("tools dir");
    // The "browser": follows the authorize redirect to the loopback listener, like a person.
    let opener = tools.path().join("open-url.sh");
    std::fs::write(
        &opener,
        "#!/bin/sh\ncurl -s -o /dev/null -L --max-time 20 \"$1\" &\n",
    )
    .expect("write opener");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&opener, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    }
    let keyring = KeyringSession::new().with_env(
        "OFFICE_CONNECTOR_URL_OPENER",
        opener.to_str().expect("utf-8 path"),
    );
    let authority = graph.fake.login_url();
    let graph_url = graph.fake.graph_url();
    let runs = tokio::task::spawn_blocking(move || {
        keyring.run(
            &home,
            &[
                Step::new(
                    &[
                        "connect",
                        "microsoft",
                        "--client-id",
                        DEMO_CLIENT_ID,
                        "--tenant",
                        DEMO_TENANT_ID,
                        "--authority",
                        &authority,
                        "--graph",
                        &graph_url,
                        "--login-hint",
                        lena(),
                        "--json",
                        "--wait-minutes",
                        "1",
                    ],
                    "",
                ),
                Step::new(&["test", "microsoft"], ""),
            ],
        )
    })
    .await
    .expect("keyring session");
    assert_eq!(runs[0].code, 0, "{:?}", runs[0]);
    assert_eq!(runs[0].json()["upn"], json!(lena()));
    assert!(
        runs[0].stderr.contains("code_challenge_method=S256"),
        "the address is shown in case no browser opens: {:?}",
        runs[0]
    );
    assert_eq!(runs[1].code, 0, "{:?}", runs[1]);
    assert!(
        runs[1].stdout.contains("The mailbox can be read."),
        "{:?}",
        runs[1]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connect_with_a_device_code_prints_the_code_and_waits_for_approval() {
    let graph = GraphFixture::demo().await;
    let home = TempHome::new();
    let keyring = KeyringSession::new();
    let out = keyring.path().join("steps").join("0.out");
    let approve_url = graph.control("/identity/devicecode/approve");
    let approver = tokio::spawn(async move {
        for _ in 0..600 {
            if let Ok(text) = std::fs::read_to_string(&out)
                && let Some(code) = text
                    .split("enter the code ")
                    .nth(1)
                    .map(|rest| rest.trim_end().trim_end_matches('.').to_owned())
                    .filter(|c| !c.is_empty() && text.contains('\n'))
            {
                let response = reqwest::Client::new()
                    .post(&approve_url)
                    .json(&json!({"user_code": code, "upn": lena()}))
                    .send()
                    .await
                    .expect("approve");
                assert!(response.status().is_success(), "approve {code}");
                return code;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("no device code printed");
    });
    let authority = graph.fake.login_url();
    let graph_url = graph.fake.graph_url();
    let runs = tokio::task::spawn_blocking(move || {
        keyring.run(
            &home,
            &[Step::new(
                &[
                    "connect",
                    "microsoft",
                    "--client-id",
                    DEMO_CLIENT_ID,
                    "--tenant",
                    DEMO_TENANT_ID,
                    "--authority",
                    &authority,
                    "--graph",
                    &graph_url,
                    "--device-code",
                ],
                "",
            )],
        )
    })
    .await
    .expect("keyring session");
    let code = approver.await.expect("approver");
    let connect = &runs[0];
    assert_eq!(connect.code, 0, "{connect:?}");
    let first = connect.stdout.lines().next().expect("first line");
    assert!(
        first.contains("/devicelogin") && first.contains(&code),
        "{first}"
    );
    assert!(connect.stdout.contains(lena()), "{connect:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_web_registration_connects_with_its_secret_from_stdin() {
    use office_connector_fakes::graph::seed::{WEB_CLIENT_ID, WEB_CLIENT_SECRET};
    let graph = GraphFixture::demo().await;
    let home = TempHome::new();
    let keyring = KeyringSession::new();
    let browser = tokio::spawn(browse_first_printed_url(keyring.path().to_path_buf()));
    let authority = graph.fake.login_url();
    let graph_url = graph.fake.graph_url();
    let stdin = format!("{WEB_CLIENT_SECRET}\n");
    let (runs, home) = tokio::task::spawn_blocking(move || {
        let runs = keyring.run(
            &home,
            &[
                Step::new(
                    &[
                        "connect",
                        "microsoft",
                        "--client-id",
                        WEB_CLIENT_ID,
                        "--tenant",
                        DEMO_TENANT_ID,
                        "--authority",
                        &authority,
                        "--graph",
                        &graph_url,
                        "--login-hint",
                        lena(),
                        "--client-secret-stdin",
                        "--no-browser",
                        "--wait-minutes",
                        "1",
                    ],
                    &stdin,
                ),
                Step::new(&["test", "microsoft", "--json"], ""),
            ],
        );
        (runs, home)
    })
    .await
    .expect("keyring session");
    let visit = browser.await.expect("browser").visit().await;
    assert!(
        visit.authorize_url.contains("office365%2Fauthorization"),
        "{}",
        visit.authorize_url
    );
    assert_eq!(runs[0].code, 0, "{:?}", runs[0]);
    // A new process refreshes with the secret it reads from the keyring.
    assert_eq!(runs[1].code, 0, "{:?}", runs[1]);
    assert!(files_containing(home.path(), WEB_CLIENT_SECRET).is_empty());
    for run in &runs {
        assert!(!run.stdout.contains(WEB_CLIENT_SECRET) && !run.stderr.contains(WEB_CLIENT_SECRET));
    }
}

/// `connect microsoft --no-browser` in a keyring session while `visitor` plays the port.
async fn connect_with_visitor(visitor: LoopbackVisitor) -> (it::cli::CliRun, LoopbackVisitor) {
    let graph = GraphFixture::demo().await;
    let home = TempHome::new();
    let keyring = KeyringSession::new();
    let visiting = tokio::spawn(visit_first_printed_url(
        keyring.path().to_path_buf(),
        visitor,
    ));
    let authority = graph.fake.login_url();
    let graph_url = graph.fake.graph_url();
    let mut runs = tokio::task::spawn_blocking(move || {
        keyring.run(
            &home,
            &[Step::new(
                &connect_microsoft_args(&authority, &graph_url, lena()),
                "",
            )],
        )
    })
    .await
    .expect("keyring session");
    (runs.remove(0), visiting.await.expect("visitor"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stray_request_to_the_sign_in_port_does_not_cancel_connect() {
    // What `curl http://127.0.0.1:PORT/` sends, then a right state without a code.
    let visitor = LoopbackVisitor::new(
        &[
            "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: curl/8.5.0\r\nAccept: */*\r\n\r\n",
            "GET /?state={state}&code= HTTP/1.1\r\n\r\n",
        ],
        true,
    );
    let (connect, visitor) = connect_with_visitor(visitor).await;
    assert_eq!(visitor.statuses().await, vec![Some(400), Some(400)]);
    assert_eq!(connect.code, 0, "{connect:?}");
    assert!(
        connect
            .stdout
            .contains(&format!("Signed in to Microsoft 365 as {}", lena())),
        "{connect:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn consent_only_an_administrator_can_give_exits_2_and_says_so() {
    let visitor = LoopbackVisitor::new(
        &[
            "GET /?error=access_denied&error_description=AADSTS65004%3A+User+declined+to+consent+to+access+the+app.&state={state} HTTP/1.1\r\n\r\n",
        ],
        false,
    );
    let (connect, _) = connect_with_visitor(visitor).await;
    assert_eq!(connect.code, 2, "{connect:?}");
    assert!(
        connect.stderr.contains("administrator") && connect.stderr.contains("AADSTS65004"),
        "{connect:?}"
    );
}

#[test]
fn a_tenant_that_is_no_directory_id_or_domain_is_refused_before_any_sign_in() {
    let home = TempHome::new();
    for tenant in [
        "../../evil?x=",
        "evil.example/x",
        "contoso.onmicrosoft.com#frag",
        "a b",
        "",
        "common/../organizations",
    ] {
        let args = [
            "connect",
            "microsoft",
            "--client-id",
            DEMO_CLIENT_ID,
            "--tenant",
            tenant,
            "--authority",
            "http://127.0.0.1:9",
            "--no-browser",
        ];
        let run = it::cli::run(&home, &args);
        assert_eq!(run.code, 1, "{tenant:?}: {run:?}");
        assert!(run.stdout.is_empty(), "no sign-in address: {run:?}");
        assert!(
            run.stderr.contains("is not a directory (tenant) ID")
                && run.stderr.contains("organizations"),
            "{run:?}"
        );
        let de = it::cli::run_with_env(&home, &[("LANG", "de_DE.UTF-8")], &args);
        assert_eq!(de.code, 1, "{de:?}");
        assert!(de.stderr.contains("keine Verzeichnis-ID"), "{de:?}");
    }
}
