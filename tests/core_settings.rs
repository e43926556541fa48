//! Settings and the admin policy through the core API (`Session`), as the UI and
//! `office-connector config` will use them.

use it::home::TempHome;
use office_connector_core::error::{ErrorCode, UserFacing};
use office_connector_core::i18n::Language;
use office_connector_core::settings::{SettingValue, Source};

#[test]
fn settings_merge_defaults_user_file_and_policy_presets() {
    let home = TempHome::new();
    home.write_settings("[mail]\ndelete_after_transfer = true\n[contacts]\nsync_photos = false\n");
    home.write_policy("[presets]\ncontacts.sync_photos = true\nmicrosoft.graph_url = \"https://graph.microsoft.us/v1.0\"\n");
    let session = home.session();

    let get = |key: &str| session.get_setting(key).expect("known key");
    let mail = get("mail.delete_after_transfer");
    assert_eq!(
        (mail.value, mail.source, mail.locked),
        (SettingValue::Bool(true), Source::User, false)
    );
    let photos = get("contacts.sync_photos");
    assert_eq!(
        (photos.value, photos.source, photos.locked),
        (SettingValue::Bool(true), Source::Policy, true)
    );
    let graph = get("microsoft.graph_url");
    assert_eq!(
        graph.value,
        SettingValue::Text("https://graph.microsoft.us/v1.0".into())
    );
    let authority = get("microsoft.authority_url");
    assert_eq!(
        (authority.value, authority.source),
        (
            SettingValue::Text("https://login.microsoftonline.com".into()),
            Source::Default
        )
    );
    assert_eq!(session.settings().expect("all").len(), 29);
}

#[test]
fn a_person_can_change_an_unlocked_setting_but_not_a_locked_one() {
    let home = TempHome::new();
    home.write_policy("locked = [\"mail.delete_after_transfer\"]\n");
    let session = home.session();

    let entry = session
        .set_setting("calendar.start_date", "2026-02-01")
        .expect("set");
    assert_eq!(entry.source, Source::User);
    assert_eq!(
        session
            .get_setting("calendar.start_date")
            .expect("get")
            .value
            .to_string(),
        "2026-02-01"
    );
    let text = std::fs::read_to_string(home.settings_file()).expect("written");
    assert!(text.contains("start_date = \"2026-02-01\""), "{text}");

    let err = session
        .set_setting("mail.delete_after_transfer", "true")
        .expect_err("locked by the administrator");
    let ui = err.to_ui(Language::En);
    assert_eq!(ui.code, ErrorCode::LockedByPolicy);
    assert_eq!(
        ui.message,
        "The setting \"mail.delete_after_transfer\" is locked by your administrator and cannot be changed."
    );
    assert!(
        err.to_ui(Language::De)
            .message
            .contains("von Ihrem Administrator gesperrt")
    );
    assert!(
        !std::fs::read_to_string(home.settings_file())
            .expect("read")
            .contains("delete_after")
    );

    let bad = session
        .set_setting("mail.sync_interval_minutes", "often")
        .expect_err("bad value");
    assert_eq!(bad.code(), ErrorCode::InvalidInput);
    assert_eq!(
        bad.to_ui(Language::En).message,
        "\"often\" is not a valid value for \"mail.sync_interval_minutes\": expected a whole number of minutes from 1 to 1440."
    );
    let unknown = session
        .set_setting("mail.colour", "blue")
        .expect_err("unknown key");
    assert!(
        unknown
            .to_ui(Language::En)
            .message
            .starts_with("There is no setting \"mail.colour\"")
    );
}

#[test]
fn the_language_setting_wins_over_the_os_locale() {
    let home = TempHome::new();
    let session = home.session();
    session.set_setting("general.language", "de").expect("set");
    assert_eq!(session.language(), Language::De);
    session.unset_setting("general.language").expect("unset");
    assert_eq!(
        session.get_setting("general.language").expect("get").value,
        SettingValue::Unset
    );
}

#[test]
fn a_policy_minimum_interval_clamps_what_the_user_chose() {
    let home = TempHome::new();
    home.write_policy("minimum_sync_interval_minutes = 30\n");
    let session = home.session();
    session
        .set_setting("mail.sync_interval_minutes", "5")
        .expect("allowed, but clamped");
    let entry = session
        .get_setting("mail.sync_interval_minutes")
        .expect("get");
    assert_eq!(entry.value, SettingValue::Number(30));
    session
        .set_setting("mail.sync_interval_minutes", "45")
        .expect("above the minimum");
    assert_eq!(
        session
            .get_setting("mail.sync_interval_minutes")
            .expect("get")
            .value,
        SettingValue::Number(45)
    );
}
