//! `office-connector fakes` also serves the fake Graph: the announcement's `graph`, `login` and
//! per-person `upn`, `client_id`, `tenant` are enough to sign a demo person in and read their
//! transfer folders.

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use it::cli::office_connector_bin;
use it::graph::{SCOPES, pkce_pair};
use serde_json::Value;

#[tokio::test]
async fn the_fakes_command_announces_a_graph_the_demo_people_can_sign_in_to() {
    let mut child = Command::new(office_connector_bin())
        .args(["fakes", "--seed", "demo"])
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
    let graph = announcement["graph"]
        .as_str()
        .expect("graph URL")
        .to_string();
    let login = announcement["login"]
        .as_str()
        .expect("login URL")
        .to_string();
    assert!(graph.ends_with("/v1.0"), "{graph}");
    let users = announcement["users"].as_array().expect("users");
    assert_eq!(users.len(), 2, "{announcement}");
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    for user in users {
        let upn = user["upn"].as_str().expect("upn");
        assert_eq!(
            Some(upn),
            user["odoo_login"].as_str(),
            "the same person on both sides"
        );
        let client_id = user["client_id"].as_str().expect("client_id");
        let tenant = user["tenant"].as_str().expect("tenant");
        let (verifier, challenge) = pkce_pair();
        let redirect = "http://localhost:47000/";
        let authorize = http
            .get(format!("{login}/{tenant}/oauth2/v2.0/authorize"))
            .query(&[
                ("client_id", client_id),
                ("response_type", "code"),
                ("redirect_uri", redirect),
                ("scope", SCOPES),
                ("state", "s"),
                ("code_challenge", &challenge),
                ("code_challenge_method", "S256"),
                ("login_hint", upn),
            ])
            .send()
            .await
            .expect("authorize");
        let location = url::Url::parse(authorize.headers()["location"].to_str().expect("location"))
            .expect("url");
        let params: HashMap<String, String> = location.query_pairs().into_owned().collect();
        let tokens: Value = http
            .post(format!("{login}/{tenant}/oauth2/v2.0/token"))
            .form(&[
                ("client_id", client_id),
                ("grant_type", "authorization_code"),
                ("code", &params["code"]),
                ("redirect_uri", redirect),
                ("code_verifier", &verifier),
            ])
            .send()
            .await
            .expect("token")
            .json()
            .await
            .expect("json");
        let token = tokens["access_token"].as_str().expect("access token");
        let folders: Value = http
            .get(format!("{graph}/me/mailFolders?$top=50"))
            .bearer_auth(token)
            .send()
            .await
            .expect("folders")
            .json()
            .await
            .expect("json");
        let names: Vec<&str> = folders["value"]
            .as_array()
            .expect("value")
            .iter()
            .filter_map(|f| f["displayName"].as_str())
            .collect();
        assert!(
            names.contains(&"Odoo Eingang") && names.contains(&"Odoo Ausgang"),
            "{upn}: {names:?}"
        );
    }
    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(status.success());
    assert!(child.wait().expect("the command ends").success());
}
