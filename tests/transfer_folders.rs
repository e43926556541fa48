//! Choosing a transfer folder the way `office-connector folders` shows it (its path) or by its
//! id: looked up in the (fake) mailbox and stored as the id, or refused with what was given and
//! how to see the folders, storing nothing. Through the core (as the window could) and through
//! the real CLI under a real Secret Service.

use it::graph::GraphFixture;
use it::home::TempHome;
use it::microsoft::{MsFixture, browse_first_printed_url, connect_microsoft_args, lena};
use it::odoo_client::{KeyringSession, Step};
use office_connector_core::error::{CoreError, ErrorCode, UserFacing};
use office_connector_core::i18n::Language;
use office_connector_core::mail::plan::Direction;
use office_connector_core::settings::SettingValue;
use serde_json::json;

/// Lena's (German) inbox.
const INBOX: &str = "Posteingang";

/// Creates `name` under `parent` (a well-known name or path; none: the root); its id.
async fn add_folder(graph: &GraphFixture, parent: Option<&str>, name: &str) -> String {
    let mut body = json!({ "display_name": name });
    if let Some(parent) = parent {
        body["parent"] = json!(parent);
    }
    let created = graph
        .control_post(&format!("/graph/mailboxes/{}/folders", lena()), body)
        .await;
    created["id"].as_str().expect("folder id").to_owned()
}

fn stored(ms: &MsFixture, key: &str) -> SettingValue {
    ms.session.get_setting(key).expect("setting").value
}

async fn choose(
    ms: &MsFixture,
    direction: Direction,
    typed: &str,
) -> Result<office_connector_core::api::ChosenTransferFolder, CoreError> {
    ms.session
        .choose_transfer_folder(&ms.runtime(), direction, typed)
        .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_path_as_folders_shows_it_or_an_id_is_stored_as_the_folders_id() {
    let ms = MsFixture::demo().await;
    ms.connect(lena()).await;
    ms.session
        .set_setting("general.language", "en")
        .expect("english");
    let transfer = add_folder(&ms.graph, Some("inbox"), "Transfer In").await;

    let chosen = choose(&ms, Direction::Incoming, "posteingang / transfer in")
        .await
        .expect("a path in any case, with the window's spaces");
    assert_eq!(
        (chosen.id.as_str(), chosen.path.as_str()),
        (transfer.as_str(), "Posteingang/Transfer In")
    );
    assert_eq!(
        chosen.message,
        "Incoming transfer folder: Posteingang/Transfer In"
    );
    assert_eq!(
        stored(&ms, "mail.incoming_folder"),
        SettingValue::Text(transfer.clone())
    );

    // Graph's well-known names work as ids do: the folder's real id is stored
    let sent = choose(&ms, Direction::Outgoing, "sentitems")
        .await
        .expect("well-known name");
    assert_eq!(sent.path, "Gesendete Elemente");
    assert_ne!(sent.id, "sentitems");
    assert_eq!(
        stored(&ms, "mail.outgoing_folder"),
        SettingValue::Text(sent.id)
    );

    ms.session
        .set_setting("general.language", "de")
        .expect("german");
    let by_id = choose(&ms, Direction::Outgoing, &transfer)
        .await
        .expect("by id");
    assert_eq!(
        by_id.message,
        "Übertragungsordner für ausgehende Mails: Posteingang/Transfer In"
    );
    assert_eq!(
        stored(&ms, "mail.outgoing_folder"),
        SettingValue::Text(transfer)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn what_names_no_folder_or_several_is_refused_and_nothing_is_stored() {
    let ms = MsFixture::demo().await;
    ms.connect(lena()).await;
    ms.session
        .set_setting("general.language", "en")
        .expect("english");
    let transfer = add_folder(&ms.graph, Some("inbox"), "Transfer In").await;
    choose(&ms, Direction::Incoming, &transfer)
        .await
        .expect("chosen");

    for typed in [
        "Transfer In",
        "Posteingang/Transfer",
        "AAMkAGI2TAAA-no-such-folder-AAAA=",
        "",
    ] {
        let err = choose(&ms, Direction::Incoming, typed)
            .await
            .expect_err("no such folder");
        let ui = err.to_ui(Language::En);
        assert_eq!(ui.code, ErrorCode::InvalidInput, "{typed:?}: {ui:?}");
        assert_eq!(
            ui.message,
            format!(
                "\"{typed}\" is neither the path nor the id of a folder in your mailbox; the \
                 incoming transfer folder stays as it was. office-connector folders lists your \
                 folders: give the path as shown there, e.g. \"Inbox/Transfer In\"."
            )
        );
    }
    let de = choose(&ms, Direction::Outgoing, "Nirgendwo")
        .await
        .expect_err("no such folder")
        .to_ui(Language::De)
        .message;
    assert!(
        de.starts_with(
            "„Nirgendwo“ ist weder der Pfad noch die ID eines Ordners in Ihrem Postfach; der \
             Übertragungsordner für ausgehende Mails bleibt, wie er war."
        ),
        "{de}"
    );

    // a root folder whose name holds a slash has the same path as the sub-folder
    let slashed = add_folder(&ms.graph, None, "Posteingang/Transfer In").await;
    let err = choose(&ms, Direction::Outgoing, "Posteingang/Transfer In")
        .await
        .expect_err("two folders");
    let ui = err.to_ui(Language::En);
    assert_eq!(ui.code, ErrorCode::ChoiceRequired);
    assert_eq!(
        ui.message,
        format!(
            "\"Posteingang/Transfer In\" is the path of 2 folders: Posteingang/Transfer In (id \
             {transfer}), Posteingang/Transfer In (id {slashed}). Give the id of the one you \
             mean (office-connector folders --ids shows the ids)."
        )
    );
    assert_eq!(
        (
            stored(&ms, "mail.incoming_folder"),
            stored(&ms, "mail.outgoing_folder")
        ),
        (SettingValue::Text(transfer), SettingValue::Unset),
        "nothing refused was stored"
    );
    let by_id = choose(&ms, Direction::Outgoing, &slashed)
        .await
        .expect("the id tells them apart");
    assert_eq!(by_id.path, "Posteingang/Transfer In");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_locked_transfer_folder_is_refused_before_the_mailbox_is_asked() {
    let ms = MsFixture::demo().await;
    ms.connect(lena()).await;
    ms.home
        .write_policy("[presets]\nmail.incoming_folder = \"AAMk-admins-choice\"\n");
    ms.reset_counts().await;
    let err = choose(&ms, Direction::Incoming, INBOX)
        .await
        .expect_err("locked");
    assert_eq!(err.code(), ErrorCode::LockedByPolicy);
    assert_eq!(ms.request_count("mailFolders").await, 0);
    assert_eq!(
        stored(&ms, "mail.incoming_folder"),
        SettingValue::Text("AAMk-admins-choice".into())
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_cli_takes_a_path_as_folders_prints_it_and_says_which_folder_it_chose() {
    let graph = GraphFixture::demo().await;
    let transfer = add_folder(&graph, Some("inbox"), "Transfer In").await;
    let home = TempHome::new();
    let keyring = KeyringSession::new();
    let browser = tokio::spawn(browse_first_printed_url(keyring.path().to_path_buf()));
    let (authority, graph_url) = (graph.fake.login_url(), graph.fake.graph_url());
    let runs = tokio::task::spawn_blocking(move || {
        keyring.run(
            &home,
            &[
                Step::new(&connect_microsoft_args(&authority, &graph_url, lena()), ""),
                Step::new(&["folders"], ""),
                Step::new(&["folders", "--ids"], ""),
                Step::new(
                    &[
                        "config",
                        "set",
                        "mail.incoming_folder",
                        "Posteingang/Transfer In",
                    ],
                    "",
                ),
                Step::new(
                    &["config", "set", "mail.outgoing_folder", "Transfer In"],
                    "",
                ),
                Step::new(&["config", "get", "mail.outgoing_folder"], ""),
                Step::new(
                    &[
                        "config",
                        "set",
                        "mail.outgoing_folder",
                        "posteingang/transfer in",
                        "--json",
                    ],
                    "",
                ),
                Step::new(&["config", "set", "general.language", "de"], ""),
                Step::new(&["config", "set", "mail.incoming_folder", "Kunden"], ""),
                Step::new(&["config", "get", "mail.incoming_folder"], ""),
            ],
        )
    })
    .await
    .expect("keyring session");
    browser.await.expect("browser");
    assert_eq!(runs[0].code, 0, "{:?}", runs[0]);

    let tree = &runs[1];
    assert_eq!(tree.code, 0, "{tree:?}");
    assert!(tree.stdout.contains("\n  Transfer In (0/0)\n"), "{tree:?}");
    assert!(!tree.stdout.contains(&transfer), "no ids unless asked");
    assert!(
        tree.stdout.contains(
            "Choose a transfer folder by its path: office-connector config set \
             mail.incoming_folder \""
        ),
        "{tree:?}"
    );
    assert!(
        runs[2]
            .stdout
            .contains(&format!("  Transfer In (0/0)  {transfer}\n")),
        "{:?}",
        runs[2]
    );

    let set = &runs[3];
    assert_eq!(set.code, 0, "{set:?}");
    assert_eq!(
        set.stdout,
        format!(
            "Incoming transfer folder: Posteingang/Transfer In\n\
             mail.incoming_folder = {transfer}  (user)\n"
        )
    );
    let refused = &runs[4];
    assert_eq!(refused.code, 1, "{refused:?}");
    assert!(
        refused
            .stderr
            .contains("\"Transfer In\" is neither the path nor the id of a folder in your mailbox"),
        "{refused:?}"
    );
    assert_eq!(runs[5].stdout, "-\n", "nothing stored: {:?}", runs[5]);
    let json = runs[6].json();
    assert_eq!(json["key"], "mail.outgoing_folder");
    assert_eq!(json["value"], transfer.as_str());
    assert_eq!(json["folder"]["path"], "Posteingang/Transfer In");

    let german = &runs[8];
    assert_eq!(german.code, 1, "{german:?}");
    assert!(
        german
            .stderr
            .contains("„Kunden“ ist weder der Pfad noch die ID eines Ordners in Ihrem Postfach"),
        "{german:?}"
    );
    assert_eq!(runs[9].stdout, format!("{transfer}\n"), "unchanged");
}
