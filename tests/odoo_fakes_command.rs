//! `office-connector fakes`: the first stdout line announces a reachable fake Odoo and working
//! credentials for every demo person; SIGTERM ends it cleanly.

// NOTE: a test panics to report a failure; unwrapping the fake's answers is the point.
#![allow(clippy::unwrap_used)]

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use it::cli::office_connector_bin;
use serde_json::{Value, json};

async fn rpc(http: &reqwest::Client, url: &str, service: &str, method: &str, args: Value) -> Value {
    let body = json!({"jsonrpc": "2.0", "method": "call", "params": {"service": service, "method": method, "args": args}, "id": 1});
    http.post(format!("{url}/jsonrpc"))
        .json(&body)
        .send()
        .await
        .expect("fake odoo answers")
        .json()
        .await
        .expect("json")
}

#[tokio::test]
async fn the_fakes_command_announces_working_credentials_and_stops_on_sigterm() {
    let mut child = Command::new(office_connector_bin())
        .args(["fakes", "--seed", "demo", "--odoo-version", "18"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("office-connector starts");
    let mut first = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut first)
        .expect("a first line");
    let announcement: Value = serde_json::from_str(&first)
        .unwrap_or_else(|e| panic!("first line is JSON ({e}): {first}"));
    let url = announcement["odoo"].as_str().expect("odoo URL").to_string();
    let users = announcement["users"].as_array().expect("users");
    assert_eq!(
        users.len(),
        2,
        "a salesperson and a colleague: {announcement}"
    );
    let http = reqwest::Client::new();
    let version = rpc(&http, &url, "common", "version", json!([])).await;
    assert_eq!(version["result"]["server_version"], "18.0");
    for user in users {
        for secret in ["odoo_password", "odoo_api_key"] {
            let resp = rpc(
                &http,
                &url,
                "common",
                "authenticate",
                json!([user["odoo_db"], user["odoo_login"], user[secret], {}]),
            )
            .await;
            assert!(
                resp["result"].as_i64().is_some(),
                "{} logs in with its {secret}: {resp}",
                user["odoo_login"]
            );
        }
    }

    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(status.success());
    let exit = child.wait().expect("the command ends");
    assert!(exit.success(), "SIGTERM ends the fakes cleanly: {exit:?}");
}
