//! A state home that cannot be used as it is: a damaged database, one from a newer version, a
//! home that is a file, a home this user may only read. Every command says what is wrong and
//! what to do (exit 1, never "try again"), names the unfinished writes before anything is
//! moved, and the commands that only show something still work on a read-only home.

use it::cli;
use it::home::{ReadOnlyHome, TempHome};
use office_connector_core::model::{Job, Trigger};
use office_connector_core::store::{JournalIntent, JournalNote, JournalState};

/// Every kind of command: showing something, changing the settings, running a job.
const COMMANDS: [&[&str]; 6] = [
    &["status"],
    &["runs"],
    &["runs", "show", "1"],
    &["config", "get"],
    &["decisions", "list"],
    &["sync", "--job", "mail"],
];

/// A home with one recorded mail run and one setting.
fn used_home() -> TempHome {
    let home = TempHome::new();
    let session = home.session();
    session
        .set_setting("mail.enabled", "true")
        .expect("a setting");
    session
        .start_run(Job::Mail, Trigger::Manual)
        .expect("start")
        .finish()
        .expect("finish");
    home
}

fn intent(key: &str) -> JournalIntent {
    JournalIntent {
        job: Job::Mail,
        item_key: key.into(),
        operation: "file".into(),
        target: "res.partner/42".into(),
        remote_id: None,
    }
}

#[test]
fn a_damaged_database_is_said_to_be_damaged_with_how_to_start_fresh() {
    for damage in ["truncated", "not a database"] {
        let home = used_home();
        let db = home.path().join("office-connector.db");
        match damage {
            "truncated" => std::fs::File::options()
                .write(true)
                .open(&db)
                .and_then(|f| f.set_len(100))
                .expect("truncate"),
            _ => std::fs::write(&db, "Office Connector ".repeat(500)).expect("garbage"),
        }
        let before = std::fs::read(&db).expect("read");
        for args in COMMANDS {
            let out = cli::run(&home, args);
            assert_eq!(out.code, 1, "{damage} {args:?}: {out:?}");
            assert!(
                out.stderr.starts_with(&format!(
                    "The local database {} is damaged and cannot be used",
                    db.display()
                )),
                "{damage} {args:?}: {out:?}"
            );
            assert!(
                out.stderr.contains("move") && out.stderr.contains("new, empty database"),
                "{out:?}"
            );
            assert!(out.stderr.contains("cannot be read from it"), "{out:?}");
            assert!(!out.stderr.contains("try again"), "{out:?}");
        }
        let json = cli::run(&home, &["status", "--json"]).json();
        assert_eq!(json["error"]["code"], "local_state_unusable");
        assert_eq!(json["error"]["retryable"], false);
        let de = cli::run_with_env(&home, &[("LANG", "de_DE.UTF-8")], &["status"]);
        assert!(
            de.stderr.contains("ist beschädigt") && de.stderr.contains("Neuanfang"),
            "{de:?}"
        );
        assert_eq!(std::fs::read(&db).expect("read"), before, "left as it was");
    }
}

#[test]
fn a_database_from_a_newer_version_names_its_unfinished_writes() {
    let home = used_home();
    let session = home.session();
    let store = session.store();
    store
        .journal_intent(&intent("<offer@example.com>"))
        .expect("intent");
    let done = store
        .journal_intent(&intent("<done@example.com>"))
        .expect("intent");
    store
        .journal_advance(done.id, JournalState::Confirmed, &JournalNote::default())
        .expect("confirmed");
    drop(session);
    let db = home.path().join("office-connector.db");
    rusqlite::Connection::open(&db)
        .and_then(|c| c.pragma_update(None, "user_version", 99))
        .expect("a newer build's version");

    for args in COMMANDS {
        let out = cli::run(&home, args);
        assert_eq!(out.code, 1, "{args:?}: {out:?}");
        assert!(
            out.stderr.contains(&format!(
                "The local database {} was written by a newer version of Office Connector (database version 99",
                db.display()
            )),
            "{out:?}"
        );
        assert!(
            out.stderr.contains("Install the newer version again"),
            "{out:?}"
        );
        assert!(
            out.stderr
                .contains("unfinished in it; check them in Odoo afterwards: mail <offer@example.com> (file res.partner/42)."),
            "{out:?}"
        );
        assert!(!out.stderr.contains("<done@example.com>"), "{out:?}");
    }
    let de = cli::run_with_env(&home, &[("LANG", "de_DE.UTF-8")], &["runs"]);
    assert!(
        de.stderr.contains("stammt von einer neueren Version")
            && de.stderr.contains("<offer@example.com>"),
        "{de:?}"
    );
}

#[test]
fn a_home_that_is_a_file_is_said_to_be_one() {
    let dir = TempHome::new();
    let file = dir.path().join("not-a-folder");
    std::fs::write(&file, "x").expect("a file");
    for home in [file.clone(), file.join("below")] {
        for args in COMMANDS {
            let out: cli::CliRun = cli::command_at(&home, &dir.policy_file())
                .args(args)
                .output()
                .expect("run")
                .into();
            assert_eq!(out.code, 1, "{args:?}: {out:?}");
            assert!(
                out.stderr
                    .starts_with(&format!("{} is a file, not a folder", file.display())),
                "{out:?}"
            );
            assert!(out.stderr.contains("--home"), "{out:?}");
        }
    }
    let de: cli::CliRun = cli::command_at(&file, &dir.policy_file())
        .env("LANG", "de_DE.UTF-8")
        .arg("status")
        .output()
        .expect("run")
        .into();
    assert!(de.stderr.contains("ist eine Datei, kein Ordner"), "{de:?}");
}

#[cfg(unix)]
#[test]
fn a_read_only_home_still_shows_what_is_there_and_refuses_to_change_it() {
    let home = used_home();
    let read_only = ReadOnlyHome::of(&home);
    let before = read_only.listing();

    let status = read_only.run(&["status"]);
    assert_eq!(status.code, 0, "{status:?}");
    assert!(status.stdout.contains("Microsoft 365"), "{status:?}");
    let runs = read_only.run(&["runs"]);
    assert_eq!(runs.code, 0, "{runs:?}");
    assert!(runs.stdout.starts_with("#1 "), "{runs:?}");
    assert_eq!(read_only.run(&["runs", "show", "1"]).code, 0);
    let setting = read_only.run(&["config", "get", "mail.enabled"]);
    assert_eq!(
        (setting.code, setting.stdout.trim()),
        (0, "true"),
        "{setting:?}"
    );
    let decisions = read_only.run(&["decisions", "list", "--json"]);
    assert_eq!(decisions.code, 0, "{decisions:?}");

    for args in [
        &["sync", "--job", "mail"][..],
        &["config", "set", "mail.enabled", "false"][..],
    ] {
        let out = read_only.run(args);
        assert_eq!(out.code, 1, "{args:?}: {out:?}");
        assert!(
            out.stderr.starts_with("Office Connector may not write in")
                && out
                    .stderr
                    .contains("status, runs, config get, decisions list"),
            "{out:?}"
        );
    }
    assert_eq!(read_only.listing(), before, "nothing created or changed");
}
