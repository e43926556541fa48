//! The schema, as an append-only list of migrations (versioned through `PRAGMA user_version`).
//!
//! NOTE: never edit a migration that has shipped; add a new one. The store tests migrate from
//! every earlier version with representative rows ([`SAMPLE_ROWS`]), so a new migration must
//! come with its own sample rows.

use rusqlite_migration::{M, Migrations};

const V1_SYNC_STATE: &str = r#"
CREATE TABLE accounts (
    kind           TEXT PRIMARY KEY CHECK (kind IN ('microsoft', 'odoo')),
    identity       TEXT NOT NULL,
    display_name   TEXT,
    endpoints_json TEXT NOT NULL DEFAULT '{}',
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
) STRICT;

CREATE TABLE cursors (
    job              TEXT NOT NULL,
    scope            TEXT NOT NULL,
    graph_delta_link TEXT,
    odoo_since       TEXT,
    last_full_scan   TEXT,
    updated_at       TEXT NOT NULL,
    PRIMARY KEY (job, scope)
) STRICT;

CREATE TABLE links (
    id               INTEGER PRIMARY KEY,
    job              TEXT NOT NULL,
    domain           TEXT NOT NULL,
    remote_id        TEXT NOT NULL,
    odoo_model       TEXT NOT NULL,
    odoo_id          INTEGER NOT NULL,
    state            TEXT NOT NULL DEFAULT 'synced'
                     CHECK (state IN ('synced', 'pending', 'parked', 'tombstone')),
    remote_change_key TEXT,
    odoo_write_date  TEXT,
    remote_hash      TEXT,
    odoo_hash        TEXT,
    last_error       TEXT,
    updated_at       TEXT NOT NULL,
    UNIQUE (job, domain, remote_id),
    UNIQUE (job, domain, odoo_model, odoo_id)
) STRICT;

CREATE TABLE journal (
    id          INTEGER PRIMARY KEY,
    job         TEXT NOT NULL,
    item_key    TEXT NOT NULL,
    operation   TEXT NOT NULL,
    target      TEXT NOT NULL DEFAULT '',
    state       TEXT NOT NULL
                CHECK (state IN ('seen', 'intent', 'written', 'confirmed', 'removed', 'failed')),
    odoo_model  TEXT,
    odoo_id     INTEGER,
    remote_id   TEXT,
    request_id  TEXT,
    detail      TEXT,
    attempts    INTEGER NOT NULL DEFAULT 0,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    UNIQUE (job, item_key, operation, target)
) STRICT;
CREATE INDEX journal_open ON journal (job, state);
"#;

const V2_RUN_HISTORY: &str = r#"
CREATE TABLE runs (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    job         TEXT NOT NULL,
    trigger     TEXT NOT NULL CHECK (trigger IN ('manual', 'timer', 'cli')),
    started_at  TEXT NOT NULL,
    finished_at TEXT,
    outcome     TEXT CHECK (outcome IN ('success', 'needs_attention', 'incomplete', 'failed')),
    counts_json TEXT NOT NULL DEFAULT '{}',
    notes_json  TEXT NOT NULL DEFAULT '[]',
    error       TEXT
) STRICT;
CREATE INDEX runs_by_job ON runs (job, started_at);

CREATE TABLE run_events (
    id         INTEGER PRIMARY KEY,
    run_id     INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    at         TEXT NOT NULL,
    item_key   TEXT NOT NULL,
    summary    TEXT NOT NULL DEFAULT '',
    outcome    TEXT NOT NULL,
    detail     TEXT,
    odoo_ids   TEXT NOT NULL DEFAULT '[]',
    request_id TEXT
) STRICT;
CREATE INDEX run_events_by_run ON run_events (run_id);
"#;

const V3_MAIL_DECISIONS: &str = r#"
CREATE TABLE mail_choices (
    address     TEXT PRIMARY KEY,
    choice_json TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;

CREATE TABLE mail_pending (
    graph_id    TEXT PRIMARY KEY,
    item_key    TEXT NOT NULL,
    verdict     TEXT NOT NULL CHECK (verdict IN ('waiting', 'unassigned', 'failed')),
    mail_json   TEXT NOT NULL,
    open_json   TEXT NOT NULL DEFAULT '[]',
    updated_at  TEXT NOT NULL
) STRICT;
"#;

// NOTE: SQLite cannot change a CHECK constraint, so the pending table is rebuilt to let a
// mail wait for a person after Odoo refused it (`refused`) or after they skipped it.
const V4_REFUSED_MAILS: &str = r#"
CREATE TABLE mail_pending_v4 (
    graph_id     TEXT PRIMARY KEY,
    item_key     TEXT NOT NULL,
    verdict      TEXT NOT NULL
                 CHECK (verdict IN ('waiting', 'unassigned', 'failed', 'refused', 'skipped')),
    mail_json    TEXT NOT NULL,
    open_json    TEXT NOT NULL DEFAULT '[]',
    refusal_json TEXT,
    updated_at   TEXT NOT NULL
) STRICT;
INSERT INTO mail_pending_v4 (graph_id, item_key, verdict, mail_json, open_json, updated_at)
    SELECT graph_id, item_key, verdict, mail_json, open_json, updated_at FROM mail_pending;
DROP TABLE mail_pending;
ALTER TABLE mail_pending_v4 RENAME TO mail_pending;

ALTER TABLE run_events ADD COLUMN technical TEXT;

-- attachments created for a post that may not have happened (a kill between the two): the
-- next run removes them before filing again
CREATE TABLE mail_orphan_attachments (
    journal_id INTEGER PRIMARY KEY REFERENCES journal (id) ON DELETE CASCADE,
    ids_json   TEXT NOT NULL,
    created_at TEXT NOT NULL
) STRICT;

-- what the filed copy of a Message-ID looked like, so a different mail reusing it is told apart
CREATE TABLE mail_fingerprints (
    item_key    TEXT PRIMARY KEY,
    graph_id    TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    created_at  TEXT NOT NULL
) STRICT;
"#;

// NOTE: the status says what it knows about an account and since when: the last time its
// remote accepted the stored sign-in or key, and a refusal not yet followed by an acceptance.
const V5_ACCOUNT_CHECKS: &str = r#"
ALTER TABLE accounts ADD COLUMN checked_at TEXT;
ALTER TABLE accounts ADD COLUMN refused_at TEXT;
"#;

// NOTE: the calendar job remembers per Outlook event (this mailbox's id) which Odoo event it
// became, the change key last imported, and Odoo's fields as read right after our last write
// (to name the fields someone changed in Odoo meanwhile).
const V6_CALENDAR_EVENTS: &str = r#"
CREATE TABLE calendar_events (
    outlook_id      TEXT PRIMARY KEY,
    ical_uid        TEXT NOT NULL,
    change_key      TEXT NOT NULL,
    odoo_id         INTEGER NOT NULL,
    snapshot_json   TEXT NOT NULL DEFAULT '{}',
    organizer_is_me INTEGER NOT NULL DEFAULT 0,
    updated_at      TEXT NOT NULL
) STRICT;
CREATE INDEX calendar_events_by_odoo ON calendar_events (odoo_id);
"#;

// NOTE: the contacts job remembers per Odoo contact the Outlook contact it made, its change key
// after our write (an edit in Outlook moves it), the hash of the body we wrote (a change in Odoo
// moves it) and the checksum of the photo uploaded (a no-change run sends none).
const V7_CONTACT_LINKS: &str = r#"
CREATE TABLE contact_links (
    partner_id  INTEGER PRIMARY KEY,
    outlook_id  TEXT NOT NULL UNIQUE,
    change_key  TEXT NOT NULL,
    body_hash   TEXT NOT NULL,
    photo       TEXT,
    updated_at  TEXT NOT NULL
) STRICT;
"#;

// NOTE: the contacts go into the main Contacts folder or a folder "Odoo" (option): each link
// knows the folder its contact is in (a changed option moves them), and the folders' ids are
// remembered so a quiet run does not look them up again.
const V8_CONTACT_FOLDERS: &str = r#"
ALTER TABLE contact_links ADD COLUMN folder_id TEXT NOT NULL DEFAULT '';
CREATE TABLE contact_folders (
    target      TEXT PRIMARY KEY,
    folder_id   TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;
"#;

static MIGRATIONS: &[M<'static>] = &[
    M::up(V1_SYNC_STATE),
    M::up(V2_RUN_HISTORY),
    M::up(V3_MAIL_DECISIONS),
    M::up(V4_REFUSED_MAILS),
    M::up(V5_ACCOUNT_CHECKS),
    M::up(V6_CALENDAR_EVENTS),
    M::up(V7_CONTACT_LINKS),
    M::up(V8_CONTACT_FOLDERS),
];

/// The store's migrations, oldest first.
pub fn migrations() -> Migrations<'static> {
    Migrations::from_slice(MIGRATIONS)
}

/// The schema version this build writes.
pub fn latest_version() -> usize {
    MIGRATIONS.len()
}

/// Representative rows valid at each schema version (index 0 = version 1), for the
/// migrate-from-every-version test.
#[cfg(test)]
pub const SAMPLE_ROWS: &[&str] = &[
    r#"
    INSERT INTO accounts (kind, identity, display_name, endpoints_json, created_at, updated_at)
        VALUES ('odoo', 'sales@example.com', 'Sally Sales',
        '{"url":"https://erp.example.com","db":"prod"}', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');
    INSERT INTO cursors VALUES ('mail', 'inbox-transfer', 'https://graph/delta?token=1', NULL, NULL,
        '2026-01-01T00:00:00Z');
    INSERT INTO links (job, domain, remote_id, odoo_model, odoo_id, updated_at)
        VALUES ('calendar', 'event', 'AAMk-1', 'calendar.event', 7, '2026-01-01T00:00:00Z');
    INSERT INTO journal (job, item_key, operation, target, state, created_at, updated_at)
        VALUES ('mail', '<m1@example.com>', 'file', 'res.partner/3', 'written',
        '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');
    "#,
    r#"
    INSERT INTO runs (job, trigger, started_at, finished_at, outcome, counts_json)
        VALUES ('mail', 'timer', '2026-01-02T00:00:00Z', '2026-01-02T00:01:00Z', 'success', '{"filed":1}');
    INSERT INTO run_events (run_id, at, item_key, summary, outcome, odoo_ids)
        VALUES (last_insert_rowid(), '2026-01-02T00:00:30Z', '<m1@example.com>', 'Offer', 'filed', '[12]');
    "#,
    r#"
    INSERT INTO mail_choices VALUES ('info@shared.example', '{"kind":"contacts","contacts":[7]}',
        '2026-01-03T00:00:00Z');
    INSERT INTO mail_pending (graph_id, item_key, verdict, mail_json, open_json, updated_at)
        VALUES ('AAMk-2', '<m2@example.com>', 'waiting',
        '{"graph_id":"AAMk-2"}', '[]', '2026-01-03T00:00:00Z');
    "#,
    r#"
    INSERT INTO mail_pending (graph_id, item_key, verdict, mail_json, open_json, refusal_json,
        updated_at)
        VALUES ('AAMk-3', '<m3@example.com>', 'refused', '{"graph_id":"AAMk-3"}', '[]',
        '{"note":{"kind":"refused","reason":"Truncated File Read"},"technical":null}',
        '2026-01-04T00:00:00Z');
    "#,
    r#"
    UPDATE accounts SET checked_at = '2026-01-04T00:00:00Z', refused_at = '2026-01-04T01:00:00Z'
        WHERE kind = 'odoo';
    "#,
    r#"
    INSERT INTO calendar_events (outlook_id, ical_uid, change_key, odoo_id, snapshot_json,
        organizer_is_me, updated_at)
        VALUES ('AAMk-ev1', '040000008200E00074C5B7101A82E008', 'ck1', 7, '{"name":"Jour fixe"}', 1,
        '2026-01-05T00:00:00Z');
    "#,
    r#"
    INSERT INTO contact_links (partner_id, outlook_id, change_key, body_hash, photo, updated_at)
        VALUES (42, 'AAMk-c1', 'ck1', 'abc', NULL, '2026-01-06T00:00:00Z');
    "#,
    r#"
    UPDATE contact_links SET folder_id = 'AAMk-main' WHERE partner_id = 42;
    INSERT INTO contact_folders (target, folder_id, updated_at)
        VALUES ('main', 'AAMk-main', '2026-01-07T00:00:00Z');
    "#,
];
