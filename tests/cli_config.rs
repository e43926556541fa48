//! `office-connector config get|set|unset` in temp homes: the per-user options through the
//! core's settings, with the admin policy's locks and the same messages the settings page shows.

use it::cli::{run, run_with_env};
use it::home::TempHome;
use serde_json::Value;

#[test]
fn a_value_set_is_read_back_and_stored_in_the_users_settings_file() {
    let home = TempHome::new();
    let set = run(
        &home,
        &["config", "set", "mail.delete_after_transfer", "true"],
    );
    assert_eq!(set.code, 0, "{set:?}");
    assert!(
        set.stdout
            .contains("mail.delete_after_transfer = true  (user)"),
        "{set:?}"
    );
    let get = run(&home, &["config", "get", "mail.delete_after_transfer"]);
    assert_eq!((get.code, get.stdout.as_str()), (0, "true\n"), "{get:?}");
    let file = std::fs::read_to_string(home.settings_file()).expect("settings written");
    assert!(file.contains("delete_after_transfer = true"), "{file}");

    let json = run(
        &home,
        &[
            "config",
            "set",
            "calendar.start_date",
            "2026-03-01",
            "--json",
        ],
    )
    .json();
    assert_eq!(json["key"], "calendar.start_date");
    assert_eq!(json["value"], "2026-03-01");
    assert_eq!(json["source"], "user");

    let unset = run(&home, &["config", "unset", "mail.delete_after_transfer"]);
    assert_eq!(unset.code, 0, "{unset:?}");
    assert!(
        unset.stdout.contains("(default)"),
        "back to the default: {unset:?}"
    );
}

#[test]
fn get_without_a_key_lists_every_option_with_source_and_lock() {
    let home = TempHome::new();
    home.write_policy("[presets]\ncontacts.sync_photos = false\n");
    run(
        &home,
        &["config", "set", "mail.sync_interval_minutes", "30"],
    );
    let all = run(&home, &["config", "get", "--json"]).json();
    let entries = all.as_array().expect("a list");
    let by_key = |k: &str| -> &Value {
        entries
            .iter()
            .find(|e| e["key"] == k)
            .unwrap_or_else(|| panic!("{k} listed"))
    };
    for key in [
        "mail.incoming_folder",
        "mail.outgoing_folder",
        "mail.delete_after_transfer",
        "calendar.start_date",
        "contacts.sync_salutations",
        "contacts.backlink_to_odoo",
        "contacts.export_all_my_customers",
    ] {
        by_key(key);
    }
    assert_eq!(by_key("mail.sync_interval_minutes")["value"], 30);
    assert_eq!(by_key("mail.sync_interval_minutes")["source"], "user");
    let photos = by_key("contacts.sync_photos");
    assert_eq!(
        (&photos["value"], &photos["source"], &photos["locked"]),
        (
            &Value::Bool(false),
            &Value::from("policy"),
            &Value::Bool(true)
        )
    );

    let text = run(&home, &["config", "get"]);
    assert_eq!(text.code, 0);
    assert!(
        text.stdout
            .contains("contacts.sync_photos = false  (policy, locked)"),
        "{}",
        text.stdout
    );
    assert!(
        text.stdout.contains("mail.incoming_folder = -  (default)"),
        "{}",
        text.stdout
    );
}

#[test]
fn a_locked_key_is_refused_with_the_policy_message_and_left_unchanged() {
    let home = TempHome::new();
    home.write_policy("locked = [\"mail.delete_after_transfer\"]\n");
    let refused = run(
        &home,
        &["config", "set", "mail.delete_after_transfer", "true"],
    );
    assert_eq!(refused.code, 2, "the user must ask the admin: {refused:?}");
    assert!(
        refused
            .stderr
            .contains("\"mail.delete_after_transfer\" is locked by your administrator"),
        "{refused:?}"
    );
    let json = run(
        &home,
        &[
            "config",
            "set",
            "mail.delete_after_transfer",
            "true",
            "--json",
        ],
    );
    assert_eq!(json.json()["error"]["code"], "locked_by_policy");
    assert_eq!(
        run(&home, &["config", "get", "mail.delete_after_transfer"]).stdout,
        "false\n"
    );
    assert!(
        !home.settings_file().exists() || {
            let text = std::fs::read_to_string(home.settings_file()).unwrap_or_default();
            !text.contains("delete_after_transfer")
        }
    );
}

#[test]
fn malformed_values_and_unknown_keys_are_refused_with_what_is_expected() {
    let home = TempHome::new();
    let bad = run(
        &home,
        &["config", "set", "mail.sync_interval_minutes", "often"],
    );
    assert_eq!(bad.code, 1, "{bad:?}");
    assert!(
        bad.stderr.contains(
            "\"often\" is not a valid value for \"mail.sync_interval_minutes\": expected a whole number of minutes"
        ),
        "{bad:?}"
    );
    let date = run(
        &home,
        &["config", "set", "calendar.start_date", "01.03.2026"],
    );
    assert_eq!(date.code, 1);
    assert!(
        date.stderr.contains("a date like \"2026-01-31\""),
        "{date:?}"
    );
    let unknown = run(&home, &["config", "get", "mail.no_such_option"]);
    assert_eq!(unknown.code, 1);
    assert!(
        unknown
            .stderr
            .contains("There is no setting \"mail.no_such_option\""),
        "{unknown:?}"
    );
    let german = run_with_env(
        &home,
        &[("LANG", "de_DE.UTF-8")],
        &["config", "set", "mail.delete_after_transfer", "vielleicht"],
    );
    assert_eq!(german.code, 1);
    assert!(
        german
            .stderr
            .contains("„vielleicht“ ist kein gültiger Wert für „mail.delete_after_transfer“"),
        "{german:?}"
    );
    assert!(
        !home.settings_file().exists(),
        "nothing was written for refused values"
    );
}

#[test]
fn a_transfer_folder_is_not_stored_before_the_mailbox_can_say_which_folder_it_is() {
    let home = TempHome::new();
    let out = run(
        &home,
        &["config", "set", "mail.incoming_folder", "Inbox/Transfer In"],
    );
    assert_eq!(out.code, 2, "connect Microsoft first: {out:?}");
    assert!(
        out.stderr.contains("No Microsoft 365 mailbox is connected"),
        "{out:?}"
    );
    assert_eq!(
        run(&home, &["config", "get", "mail.incoming_folder"]).stdout,
        "-\n"
    );
}
