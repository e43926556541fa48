//! Store tests: in-memory SQLite where possible, temp files for modes and locking.

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::{Duration, TimeZone, Utc};
use rusqlite::Connection;
use rusqlite::types::Value;

use super::migrations::{SAMPLE_ROWS, latest_version, migrations};
use super::*;
use crate::clock::ManualClock;
use crate::error::CoreError;
use crate::home::StateHome;
use crate::model::{GraphId, ItemOutcome, Job, OdooId, OdooRef, Outcome, RunId, Trigger};
use crate::runlog::start_run;

fn clock() -> Arc<ManualClock> {
    Arc::new(ManualClock::new(
        Utc.with_ymd_and_hms(2026, 3, 1, 8, 0, 0)
            .single()
            .expect("valid time"),
    ))
}

fn memory() -> Store {
    Store::open_in_memory(clock()).expect("in-memory store")
}

type Snapshot = BTreeMap<String, Vec<BTreeMap<String, Value>>>;

fn snapshot(conn: &Connection) -> Snapshot {
    let mut tables = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        .expect("prepare");
    let names: Vec<String> = tables
        .query_map([], |r| r.get(0))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("names");
    names
        .into_iter()
        .map(|table| {
            let mut stmt = conn
                .prepare(&format!("SELECT * FROM \"{table}\""))
                .expect("select");
            let columns: Vec<String> = stmt.column_names().iter().map(|c| c.to_string()).collect();
            let rows = stmt
                .query_map([], |r| {
                    columns
                        .iter()
                        .enumerate()
                        .map(|(i, c)| Ok((c.clone(), r.get::<_, Value>(i)?)))
                        .collect::<rusqlite::Result<BTreeMap<_, _>>>()
                })
                .expect("rows")
                .collect::<Result<Vec<_>, _>>()
                .expect("collect");
            (table, rows)
        })
        .collect()
}

#[test]
fn a_new_database_is_migrated_to_the_latest_version() {
    let store = memory();
    assert_eq!(store.schema_version().expect("version"), latest_version());
    assert!(store.accounts().expect("accounts").is_empty());
    assert!(
        store
            .list_runs(&RunFilter::default())
            .expect("runs")
            .is_empty()
    );
}

#[test]
fn every_migration_comes_with_sample_rows() {
    assert_eq!(
        SAMPLE_ROWS.len(),
        latest_version(),
        "add representative rows for the new migration to SAMPLE_ROWS"
    );
}

#[test]
fn migrating_from_every_earlier_version_keeps_the_data() {
    for from in 0..=latest_version() {
        let mut conn = Connection::open_in_memory().expect("open");
        migrations()
            .to_version(&mut conn, from)
            .expect("migrate to the old version");
        for rows in &SAMPLE_ROWS[..from] {
            conn.execute_batch(rows)
                .expect("sample rows fit their version");
        }
        let before = snapshot(&conn);
        migrations()
            .to_latest(&mut conn)
            .expect("migrate to the latest version");
        let after = snapshot(&conn);
        for (table, rows) in &before {
            let now = after
                .get(table)
                .unwrap_or_else(|| panic!("table {table} vanished migrating from v{from}"));
            for row in rows {
                let kept = now
                    .iter()
                    .any(|new| row.iter().all(|(col, v)| new.get(col) == Some(v)));
                assert!(
                    kept,
                    "a {table} row was lost or changed migrating from v{from}: {row:?}"
                );
            }
        }
        // The store can use what it migrated.
        let store = Store::init(conn, ":memory:".into(), clock(), false).expect("open migrated");
        if from >= 1 {
            assert_eq!(store.accounts().expect("accounts").len(), 1);
            assert!(
                store
                    .cursor(Job::Mail, "inbox-transfer")
                    .expect("cursor")
                    .is_some()
            );
        }
        if from >= 2 {
            let runs = store.list_runs(&RunFilter::default()).expect("runs");
            assert_eq!(runs.len(), 1);
            assert_eq!(runs[0].counts.get(&ItemOutcome::Filed), Some(&1));
        }
    }
}

#[test]
fn a_database_from_a_newer_build_is_refused_not_damaged() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("db.sqlite");
    drop(Store::open(&file, clock()).expect("create"));
    let conn = Connection::open(&file).expect("raw open");
    conn.pragma_update(None, "user_version", latest_version() as i64 + 1)
        .expect("bump");
    drop(conn);
    let err = Store::open(&file, clock()).expect_err("too new");
    assert!(matches!(err, StoreError::TooNew { .. }), "{err:?}");
}

#[cfg(unix)]
#[test]
fn the_database_and_its_wal_and_shm_files_are_private() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("office-connector.db");
    let store = Store::open(&file, clock()).expect("open");
    // A second connection keeps the WAL and shared-memory files in place while we look.
    let other = Store::open(&file, clock()).expect("open again");
    store.insert_run(Job::Mail, Trigger::Manual).expect("write");
    other.list_runs(&RunFilter::default()).expect("read");
    for suffix in ["", "-wal", "-shm"] {
        let path = dir.path().join(format!("office-connector.db{suffix}"));
        let mode = std::fs::metadata(&path)
            .unwrap_or_else(|e| panic!("{} should exist: {e}", path.display()))
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600, "{}", path.display());
    }
}

#[test]
fn accounts_hold_identity_and_endpoints_one_per_kind() {
    let store = memory();
    let odoo = NewAccount {
        kind: crate::model::AccountKind::Odoo,
        identity: "sales@example.com".into(),
        display_name: Some("Sally".into()),
        endpoints: serde_json::json!({"url": "https://erp.example.com", "db": "prod"}),
    };
    store.save_account(&odoo).expect("save");
    store
        .save_account(&NewAccount {
            identity: "sally@example.com".into(),
            ..odoo.clone()
        })
        .expect("replace");
    let accounts = store.accounts().expect("accounts");
    assert_eq!(accounts.len(), 1);
    assert_eq!(accounts[0].identity, "sally@example.com");
    assert_eq!(accounts[0].endpoints["db"], "prod");
    assert!(
        store
            .remove_account(crate::model::AccountKind::Odoo)
            .expect("remove")
    );
    assert!(store.accounts().expect("accounts").is_empty());
}

#[test]
fn an_account_remembers_when_its_remote_last_accepted_and_refused_it() {
    let clock = clock();
    let store = Store::open_in_memory(clock.clone()).expect("store");
    let odoo = crate::model::AccountKind::Odoo;
    store
        .save_account(&NewAccount {
            kind: odoo,
            identity: "sales@example.com".into(),
            display_name: None,
            endpoints: serde_json::json!({}),
        })
        .expect("save");
    let account = || store.account(odoo).expect("read").expect("there");
    assert_eq!((account().checked_at, account().refused_at), (None, None));

    store.note_accepted(odoo).expect("accepted");
    let accepted_at = clock.now();
    clock.advance(Duration::hours(2));
    store.note_refused(odoo).expect("refused");
    let refused_at = clock.now();
    assert_eq!(
        (account().checked_at, account().refused_at),
        (Some(accepted_at), Some(refused_at)),
        "a refusal keeps when it last worked"
    );
    // saving the account again (new endpoints, flags) does not pretend it was checked
    store
        .save_account(&NewAccount {
            kind: odoo,
            identity: "sales@example.com".into(),
            display_name: Some("Sally".into()),
            endpoints: serde_json::json!({}),
        })
        .expect("save again");
    assert_eq!(account().refused_at, Some(refused_at));

    clock.advance(Duration::minutes(5));
    store.note_accepted(odoo).expect("accepted again");
    assert_eq!(
        (account().checked_at, account().refused_at),
        (Some(clock.now()), None),
        "accepted again: the refusal is over"
    );
    // nothing to note without an account of that kind
    store
        .note_refused(crate::model::AccountKind::Microsoft)
        .expect("no account, no error");
    assert!(
        store
            .account(crate::model::AccountKind::Microsoft)
            .expect("read")
            .is_none()
    );
}

#[test]
fn cursors_are_saved_per_job_and_scope() {
    let store = memory();
    let cursor = Cursor {
        job: Job::Mail,
        scope: "folder-1".into(),
        graph_delta_link: Some("https://graph/delta?t=2".into()),
        odoo_since: None,
        last_full_scan: None,
    };
    store.save_cursor(&cursor).expect("save");
    assert_eq!(
        store.cursor(Job::Mail, "folder-1").expect("get"),
        Some(cursor)
    );
    assert_eq!(store.cursor(Job::Calendar, "folder-1").expect("get"), None);
    store.clear_cursor(Job::Mail, "folder-1").expect("clear");
    assert_eq!(store.cursor(Job::Mail, "folder-1").expect("get"), None);
}

#[test]
fn links_are_unique_both_ways_within_a_job_domain() {
    let store = memory();
    let link = |remote: &str, odoo: i64| NewLink {
        job: Job::Calendar,
        domain: "event".into(),
        remote_id: GraphId(remote.into()),
        odoo: OdooRef {
            model: "calendar.event".into(),
            id: OdooId(odoo),
        },
        state: LinkState::Synced,
        remote_change_key: None,
        odoo_write_date: None,
        remote_hash: None,
        odoo_hash: None,
    };
    let id = store.save_link(&link("AAMk-1", 7)).expect("first");
    assert_eq!(
        store
            .save_link(&link("AAMk-1", 8))
            .expect("update by remote id"),
        id
    );
    assert!(
        store.save_link(&link("AAMk-2", 8)).is_err(),
        "an Odoo record linked to two Outlook items would duplicate"
    );
    let found = store
        .link_by_odoo(
            Job::Calendar,
            "event",
            &OdooRef {
                model: "calendar.event".into(),
                id: OdooId(8),
            },
        )
        .expect("lookup")
        .expect("linked");
    assert_eq!(found.remote_id, GraphId("AAMk-1".into()));
    let mut other_domain = link("AAMk-2", 8);
    other_domain.job = Job::Contacts;
    store
        .save_link(&other_domain)
        .expect("another job may link the same ids");
}

fn intent(key: &str, target: &str) -> JournalIntent {
    JournalIntent {
        job: Job::Mail,
        item_key: key.into(),
        operation: "file".into(),
        target: target.into(),
        remote_id: Some("AAMk-mail".into()),
    }
}

#[test]
fn a_journal_entry_goes_from_intent_to_confirmed_and_is_never_written_twice() {
    let store = memory();
    let seen = store
        .journal_seen(&intent("<m1@x>", "res.partner/3"))
        .expect("seen");
    assert_eq!(seen.state, JournalState::Seen);
    let entry = store
        .journal_intent(&intent("<m1@x>", "res.partner/3"))
        .expect("intent");
    assert_eq!(
        (entry.id, entry.state, entry.attempts),
        (seen.id, JournalState::Intent, 1)
    );

    let written = store
        .journal_advance(
            entry.id,
            JournalState::Written,
            &JournalNote {
                odoo: Some(OdooRef {
                    model: "mail.message".into(),
                    id: OdooId(91),
                }),
                request_id: Some("req-1".into()),
                detail: None,
            },
        )
        .expect("written");
    assert_eq!(written.odoo.as_ref().map(|o| o.id), Some(OdooId(91)));

    // A rerun asking to write the same thing again learns it is already written.
    let again = store
        .journal_intent(&intent("<m1@x>", "res.partner/3"))
        .expect("again");
    assert_eq!((again.state, again.attempts), (JournalState::Written, 1));

    let confirmed = store
        .journal_advance(entry.id, JournalState::Confirmed, &JournalNote::default())
        .expect("confirmed");
    assert_eq!(
        confirmed.odoo.map(|o| o.id),
        Some(OdooId(91)),
        "the result is kept"
    );
    let removed = store
        .journal_advance(entry.id, JournalState::Removed, &JournalNote::default())
        .expect("removed");
    assert_eq!(removed.state, JournalState::Removed);
    assert!(matches!(
        store.journal_advance(entry.id, JournalState::Intent, &JournalNote::default()),
        Err(StoreError::InvalidTransition { .. })
    ));
}

#[test]
fn a_failed_write_can_be_retried_and_unsettled_entries_are_found_after_a_crash() {
    let store = memory();
    let a = store
        .journal_intent(&intent("<a@x>", "res.partner/1"))
        .expect("a");
    let b = store
        .journal_intent(&intent("<b@x>", "res.partner/1"))
        .expect("b");
    store
        .journal_advance(
            b.id,
            JournalState::Failed,
            &JournalNote {
                detail: Some("Odoo is down".into()),
                ..JournalNote::default()
            },
        )
        .expect("failed");
    let open = store
        .journal_in_states(Job::Mail, &[JournalState::Intent, JournalState::Written])
        .expect("open");
    assert_eq!(open.iter().map(|e| e.id).collect::<Vec<_>>(), vec![a.id]);
    let retried = store
        .journal_intent(&intent("<b@x>", "res.partner/1"))
        .expect("retry");
    assert_eq!((retried.state, retried.attempts), (JournalState::Intent, 2));
    assert!(matches!(
        store.journal_advance(a.id, JournalState::Removed, &JournalNote::default()),
        Err(StoreError::InvalidTransition { .. })
    ));
}

fn event(key: &str, summary: &str, outcome: ItemOutcome) -> RunEvent {
    RunEvent {
        item_key: key.into(),
        summary: summary.into(),
        outcome,
        detail: None,
        odoo_ids: vec![],
        request_id: None,
        technical: None,
    }
}

#[test]
fn runs_are_listed_newest_first_and_filtered_by_job_outcome_and_text() {
    let dir = tempfile::tempdir().expect("tempdir");
    let home = StateHome::at(dir.path());
    let clock = clock();
    let store = Store::open(&home.database_file(), clock.clone()).expect("open");

    let mut run = start_run(&store, &home, Job::Mail, Trigger::Manual).expect("start");
    run.record(&event("<m1@x>", "Offer 100% sure", ItemOutcome::Filed))
        .expect("record");
    let first = run.finish().expect("finish");
    assert_eq!(first.outcome, Some(Outcome::Success));

    clock.advance(Duration::minutes(5));
    let mut run = start_run(&store, &home, Job::Mail, Trigger::Timer).expect("start");
    run.record(&event("<m2@x>", "Invoice", ItemOutcome::Waiting))
        .expect("record");
    let second = run.finish().expect("finish");
    assert_eq!(second.outcome, Some(Outcome::NeedsAttention));

    clock.advance(Duration::minutes(5));
    let run = start_run(&store, &home, Job::Calendar, Trigger::Manual).expect("start");
    let third = run.fail("sign-in expired").expect("fail");

    let all = store.list_runs(&RunFilter::default()).expect("list");
    assert_eq!(
        all.iter().map(|r| r.id).collect::<Vec<_>>(),
        vec![third.id, second.id, first.id]
    );
    let mail = store
        .list_runs(&RunFilter {
            job: Some(Job::Mail),
            ..RunFilter::default()
        })
        .expect("by job");
    assert_eq!(
        mail.iter().map(|r| r.id).collect::<Vec<_>>(),
        vec![second.id, first.id]
    );
    let failed = store
        .list_runs(&RunFilter {
            outcome: Some(Outcome::Failed),
            ..RunFilter::default()
        })
        .expect("by outcome");
    assert_eq!(
        failed.iter().map(|r| r.id).collect::<Vec<_>>(),
        vec![third.id]
    );
    let text = |t: &str| {
        store
            .list_runs(&RunFilter {
                text: Some(t.into()),
                ..RunFilter::default()
            })
            .expect("by text")
            .iter()
            .map(|r| r.id)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        text("invoice"),
        vec![second.id],
        "case-insensitive subject match"
    );
    assert_eq!(text("100%"), vec![first.id], "% is matched literally");
    assert_eq!(
        text("sign-in"),
        vec![third.id],
        "the run's error is searched"
    );
    assert!(text("nothing like this").is_empty());
    let limited = store
        .list_runs(&RunFilter {
            limit: Some(1),
            ..RunFilter::default()
        })
        .expect("limit");
    assert_eq!(limited.len(), 1);

    let detail = store
        .run_detail(second.id)
        .expect("detail")
        .expect("exists");
    assert_eq!(detail.events.len(), 1);
    assert_eq!(detail.events[0].event.summary, "Invoice");
    assert_eq!(detail.run.counts.get(&ItemOutcome::Waiting), Some(&1));
    assert!(store.run_detail(RunId(999)).expect("detail").is_none());
}

#[test]
fn a_run_lock_excludes_a_second_run_of_the_job_from_another_connection() {
    let dir = tempfile::tempdir().expect("tempdir");
    let home = StateHome::at(dir.path());
    let app = Store::open(&home.database_file(), clock()).expect("app's connection");
    let cli = Store::open(&home.database_file(), clock()).expect("cli's connection");
    let running = start_run(&app, &home, Job::Mail, Trigger::Timer).expect("app runs mail");
    assert!(matches!(
        start_run(&cli, &home, Job::Mail, Trigger::Cli),
        Err(CoreError::JobBusy(Job::Mail))
    ));
    let contacts =
        start_run(&cli, &home, Job::Contacts, Trigger::Cli).expect("another job may run");
    contacts.finish().expect("finish contacts");
    running.finish().expect("finish mail");
    start_run(&cli, &home, Job::Mail, Trigger::Cli)
        .expect("mail may run again")
        .finish()
        .expect("finish");
}

#[cfg(target_os = "linux")]
#[test]
fn a_run_lock_excludes_another_process() {
    use std::process::Command;
    let dir = tempfile::tempdir().expect("tempdir");
    let home = StateHome::at(dir.path());
    let store = Store::open(&home.database_file(), clock()).expect("open");
    let lock_file = home.lock_dir().join("mail.lock");
    let running = start_run(&store, &home, Job::Mail, Trigger::Manual).expect("start");
    // util-linux `flock -n` takes the same OS lock from another process, or exits 1 at once.
    let other = Command::new("flock")
        .arg("-n")
        .arg(&lock_file)
        .arg("true")
        .status()
        .expect("flock(1) from util-linux runs");
    assert!(
        !other.success(),
        "another process must not get the mail lock while a run holds it"
    );
    running.finish().expect("finish");
    let after = Command::new("flock")
        .arg("-n")
        .arg(&lock_file)
        .arg("true")
        .status()
        .expect("flock runs");
    assert!(after.success(), "the lock is free once the run finished");
}

#[test]
fn a_run_left_open_by_a_crash_is_closed_as_incomplete_by_the_next_run() {
    let dir = tempfile::tempdir().expect("tempdir");
    let home = StateHome::at(dir.path());
    let store = Store::open(&home.database_file(), clock()).expect("open");
    let crashed = store
        .insert_run(Job::Mail, Trigger::Timer)
        .expect("row of a crashed run");
    start_run(&store, &home, Job::Mail, Trigger::Manual)
        .expect("start")
        .finish()
        .expect("finish");
    let old = store
        .run_detail(crashed)
        .expect("detail")
        .expect("exists")
        .run;
    assert_eq!(old.outcome, Some(Outcome::Incomplete));
    assert!(old.notes[0].contains("interrupted"));
}

#[test]
fn the_app_and_the_cli_opening_a_fresh_database_at_once_both_succeed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("office-connector.db");
    let openers: Vec<_> = (0..4)
        .map(|_| {
            let file = file.clone();
            std::thread::spawn(move || Store::open(&file, clock()).map(|s| s.schema_version()))
        })
        .collect();
    for opener in openers {
        let version = opener
            .join()
            .expect("no panic")
            .expect("opened")
            .expect("version");
        assert_eq!(version, latest_version());
    }
}
