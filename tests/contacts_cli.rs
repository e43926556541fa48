//! `office-connector contacts list|follow` and the contacts job through the real CLI, connected
//! under a real Secret Service, against both fakes: what Lena follows, following one more from
//! the terminal (Odoo shows it), switching the job on, and `sync` exporting them.

use it::contacts::partner_named;
use it::graph::GraphFixture;
use it::home::TempHome;
use it::mail::{LENA, odoo};
use it::microsoft::{browse_first_printed_url, connect_microsoft_args, connect_odoo_args};
use it::odoo_client::{KeyringSession, Step};
use serde_json::Value;

fn names(list: &Value) -> Vec<String> {
    list["contacts"]
        .as_array()
        .expect("contacts")
        .iter()
        .filter_map(|c| c["name"].as_str().map(str::to_owned))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_terminal_lists_follows_and_exports_contacts() {
    let graph = GraphFixture::demo().await;
    let odoo = odoo().await;
    let theresa_id = partner_named(&odoo, "Theresa Huber").await;
    let theresa = theresa_id.to_string();
    let lena_key = format!("{}\n", odoo.user(LENA).odoo_api_key);
    let home = TempHome::new();
    let keyring = KeyringSession::new();
    let browser = tokio::spawn(browse_first_printed_url(keyring.path().to_path_buf()));
    let (authority, graph_url, odoo_url) =
        (graph.fake.login_url(), graph.fake.graph_url(), odoo.url());
    let follow_arg = theresa.clone();
    let (runs, _home) = tokio::task::spawn_blocking(move || {
        let runs = keyring.run(
            &home,
            &[
                Step::new(&connect_microsoft_args(&authority, &graph_url, LENA), ""),
                Step::new(&connect_odoo_args(&odoo_url, LENA), &lena_key),
                Step::new(&["contacts", "list", "--filter", "followed", "--json"], ""),
                Step::new(&["contacts", "follow", &follow_arg, "--json"], ""),
                Step::new(&["sync"], ""),
                Step::new(&["config", "set", "contacts.enabled", "true"], ""),
                Step::new(&["sync"], ""),
                Step::new(&["contacts", "list", "--filter", "exported", "--json"], ""),
                Step::new(
                    &["contacts", "list", "--filter", "followed-not-exported"],
                    "",
                ),
            ],
        );
        (runs, home)
    })
    .await
    .expect("keyring session");
    browser.await.expect("browser");

    let followed = runs[2].json();
    assert_eq!(runs[2].code, 0, "{:?}", runs[2]);
    assert!(names(&followed).contains(&"Sönke Petersen".to_owned()));
    assert!(!names(&followed).contains(&"Theresa Huber".to_owned()));

    assert_eq!(runs[3].code, 0, "{:?}", runs[3]);
    assert_eq!(
        runs[3].json()["changed"].to_string(),
        format!("[{theresa}]")
    );
    let partner = odoo.user(LENA).odoo_partner_id;
    let followers = it::contacts::followers_of(&odoo, theresa_id).await;
    assert!(
        followers.contains(&partner),
        "Odoo shows Lena following: {followers:?}"
    );

    // the job waits for Lena's yes: `sync` without it exports nothing
    assert!(!runs[4].stdout.contains("Theresa"), "{:?}", runs[4]);
    assert_eq!(runs[6].code, 0, "{:?}", runs[6]);
    assert!(
        runs[6].stdout.contains("Theresa Huber"),
        "{}",
        runs[6].stdout
    );
    let exported = runs[7].json();
    assert!(
        names(&exported).contains(&"Theresa Huber".to_owned()),
        "{exported}"
    );
    assert!(names(&exported).contains(&"Sönke Petersen".to_owned()));
    assert!(
        runs[8].stdout.contains("Ömer"),
        "the one without an address, with why: {}",
        runs[8].stdout
    );
}
