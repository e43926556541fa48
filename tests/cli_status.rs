//! `office-connector status`: what is set up and how the last runs went.

use it::cli;
use it::home::TempHome;
use office_connector_core::model::{AccountKind, Job, Trigger};
use office_connector_core::store::NewAccount;

#[test]
fn status_json_on_a_fresh_home_shows_nothing_connected_and_every_timer_off() {
    let home = TempHome::new();
    let out = cli::run(&home, &["status", "--json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let status = out.json();
    assert_eq!(status["policy_present"], false);
    let accounts = status["accounts"].as_array().expect("accounts");
    assert_eq!(
        accounts
            .iter()
            .map(|a| a["kind"].as_str().expect("kind"))
            .collect::<Vec<_>>(),
        vec!["microsoft", "odoo"]
    );
    assert!(
        accounts
            .iter()
            .all(|a| a["connected"] == false && a["identity"].is_null())
    );
    let jobs = status["jobs"].as_array().expect("jobs");
    assert_eq!(
        jobs.iter()
            .map(|j| (
                j["job"].as_str().expect("job"),
                j["interval_minutes"].as_u64().expect("interval")
            ))
            .collect::<Vec<_>>(),
        vec![("mail", 15), ("calendar", 30), ("contacts", 60)]
    );
    for job in jobs {
        assert_eq!(job["set_up"], false, "{job}");
        assert_eq!(
            job["timer_on"], false,
            "timers are off until a job is set up: {job}"
        );
        assert_eq!(job["running"], false);
        assert!(job["last_run"].is_null());
    }

    let human = cli::run(&home, &["status"]);
    assert_eq!(human.code, 0, "{}", human.stderr);
    assert!(
        human.stdout.contains("Microsoft 365: not connected"),
        "{}",
        human.stdout
    );
    assert!(
        human.stdout.contains("timer off (not set up)"),
        "{}",
        human.stdout
    );
    let de = cli::run_with_env(&home, &[("LANG", "de_DE.UTF-8")], &["status"]);
    assert!(de.stdout.contains("Odoo: nicht verbunden"), "{}", de.stdout);
    assert!(
        de.stdout.contains("Zeitplan aus (nicht eingerichtet)"),
        "{}",
        de.stdout
    );
}

#[test]
fn a_set_up_job_has_its_timer_on_clamped_to_the_policy_minimum_and_shows_its_last_run() {
    let home = TempHome::new();
    let session = home.session();
    for (kind, identity) in [
        (AccountKind::Microsoft, "sally@contoso.example"),
        (AccountKind::Odoo, "sally"),
    ] {
        session
            .store()
            .save_account(&NewAccount {
                kind,
                identity: identity.into(),
                display_name: None,
                endpoints: serde_json::json!({}),
            })
            .expect("save account");
    }
    home.write_settings(
        "[mail]\nenabled = true\nincoming_folder = \"AQMk-transfer-in\"\nsync_interval_minutes = 2\n\
         [contacts]\nenabled = true\n",
    );
    home.write_policy("minimum_sync_interval_minutes = 10\n");
    session
        .start_run(Job::Mail, Trigger::Timer)
        .expect("start")
        .finish()
        .expect("finish");
    let running = session
        .start_run(Job::Contacts, Trigger::Manual)
        .expect("start contacts");

    let status = cli::run(&home, &["status", "--json"]).json();
    assert_eq!(status["policy_present"], true);
    assert_eq!(status["accounts"][0]["identity"], "sally@contoso.example");
    let mail = &status["jobs"][0];
    assert_eq!(
        (mail["set_up"].clone(), mail["timer_on"].clone()),
        (true.into(), true.into())
    );
    assert_eq!(
        mail["interval_minutes"], 10,
        "2 minutes is below the policy minimum"
    );
    assert_eq!(mail["last_run"]["outcome"], "success");
    let calendar = &status["jobs"][1];
    assert_eq!(
        calendar["timer_on"], false,
        "calendar is not switched on and has no start date"
    );
    let contacts = &status["jobs"][2];
    assert_eq!(
        contacts["running"], true,
        "the CLI sees the run another process holds"
    );
    running.finish().expect("finish contacts");

    let human = cli::run(&home, &["status"]);
    assert!(human.stdout.contains("every 10 min"), "{}", human.stdout);
    assert!(human.stdout.contains("last run: #"), "{}", human.stdout);
}

#[test]
fn a_malformed_settings_file_is_reported_with_file_line_and_key_and_nothing_crashes() {
    let home = TempHome::new();
    home.write_settings("[mail]\nenabled = true\ndelete_after_transfer = \"yes please\"\n");
    let file = home.settings_file().display().to_string();

    let en = cli::run(&home, &["status"]);
    assert_eq!(en.code, 1, "an error, not a crash: {}", en.stderr);
    assert_eq!(
        en.stderr.trim(),
        format!(
            "The settings file {file} has an error in line 3, key \"mail.delete_after_transfer\": \
             expected true or false. Correct or delete the line, then try again."
        )
    );

    let de = cli::run_with_env(&home, &[("LANG", "de_DE.UTF-8")], &["status"]);
    assert_eq!(de.code, 1);
    assert_eq!(
        de.stderr.trim(),
        format!(
            "Die Einstellungsdatei {file} enthält einen Fehler in Zeile 3, Schlüssel \
             „mail.delete_after_transfer“: erwartet wird true oder false. Korrigieren oder löschen \
             Sie die Zeile und versuchen Sie es erneut."
        )
    );

    let json = cli::run(&home, &["status", "--json"]);
    assert_eq!(json.code, 1);
    assert_eq!(json.json()["error"]["code"], "config_invalid");

    // The run history does not need the settings and stays readable.
    assert_eq!(cli::run(&home, &["runs", "--json"]).code, 0);
}

#[test]
fn a_malformed_policy_file_names_the_policy_file_line_and_key() {
    let home = TempHome::new();
    home.write_policy(
        "minimum_sync_interval_minutes = 10\nlocked = [\"mail.delete_everything\"]\n",
    );
    let out = cli::run(&home, &["status"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr.starts_with(&format!(
            "The administrator's policy file {} has an error in line 2, key \"mail.delete_everything\"",
            home.policy_file().display()
        )),
        "{}",
        out.stderr
    );
}

#[test]
fn garbage_in_the_settings_file_never_panics_the_cli() {
    let home = TempHome::new();
    for text in [
        "[",
        "\u{0}\u{1}",
        "[mail]\nenabled = true\n[mail]\n",
        "a = [1, \"x\"",
        "mail = 3",
    ] {
        home.write_settings(text);
        let out = cli::run(&home, &["status"]);
        assert_eq!(out.code, 1, "{text:?}: {}", out.stderr);
        assert!(
            out.stderr.contains("settings.toml"),
            "{text:?}: {}",
            out.stderr
        );
        assert!(!out.stderr.contains("panicked"), "{}", out.stderr);
    }
    std::fs::write(home.settings_file(), [0xff, 0xfe, b'\n']).expect("write bytes");
    let out = cli::run(&home, &["status"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(out.stderr.contains("line 1"), "{}", out.stderr);
}

#[test]
fn office_connector_home_moves_all_state_like_the_home_flag() {
    let home = TempHome::new();
    let out: cli::CliRun = std::process::Command::new(cli::office_connector_bin())
        .args(["status", "--json"])
        .env("OFFICE_CONNECTOR_HOME", home.path())
        .env("OFFICE_CONNECTOR_POLICY", home.policy_file())
        .env("LANG", "C.UTF-8")
        .output()
        .expect("run office-connector")
        .into();
    assert_eq!(out.code, 0, "{}", out.stderr);
    let status = out.json();
    assert_eq!(status["home"], home.path().display().to_string());
    assert_eq!(
        status["settings_file"],
        home.settings_file().display().to_string()
    );
    assert!(home.path().join("office-connector.db").exists());
}

#[test]
fn a_garbage_policy_file_is_named_as_the_policy_file_an_administrator_must_fix() {
    let home = TempHome::new();
    std::fs::write(
        home.policy_file(),
        [0x7f, b'E', b'L', b'F', 0xff, 0xfe, 0, 1],
    )
    .expect("write");
    for args in [&["status"][..], &["config", "get"][..]] {
        let out = cli::run(&home, args);
        assert_eq!(out.code, 1, "{out:?}");
        assert!(
            out.stderr.starts_with(&format!(
                "The administrator's policy file {} has an error",
                home.policy_file().display()
            )),
            "{out:?}"
        );
        assert!(out.stderr.contains("Ask your administrator"), "{out:?}");
        assert!(!out.stderr.contains("settings file"), "{out:?}");
    }
    let de = cli::run_with_env(&home, &[("LANG", "de_DE.UTF-8")], &["status"]);
    assert!(
        de.stderr.contains("Richtliniendatei des Administrators")
            && de.stderr.contains("Bitten Sie Ihren Administrator"),
        "{de:?}"
    );
}

#[test]
fn diagnostic_logs_in_a_file_or_pipe_carry_no_colour_codes() {
    let home = TempHome::new();
    // A fresh home logs its migrations at debug level; stderr is a pipe here.
    let out = cli::run_with_env(&home, &[("RUST_LOG", "debug")], &["status"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert!(
        out.stderr.contains("DEBUG"),
        "something was logged: {out:?}"
    );
    assert!(!out.stderr.contains('\u{1b}'), "{}", out.stderr);
}
