//! The control API under `/_fake/...` (JSON), for tests, `demo` and benchmarks.
//!
//! The routes and their bodies are listed in the `odoo` module doc. The two a calendar test needs
//! after every step:
//!
//! - `GET /_fake/outbox` (optionally `?db=o365&kind=invitation`): every e-mail a real Odoo would
//!   have sent or still holds in its queue, one entry per recipient, oldest first:
//!   `[{"db": "demo", "kind": "notification"|"invitation"|"date_updated"|"reminder",
//!   "partner_id": 7, "email": "x@y" ("" without an address), "subject": "Invitation to Kick-off",
//!   "model": "calendar.event", "res_id": 12, "mail_message_id": 140, "mail_id": 31|null,
//!   "state": "outgoing"|"sent", "caused_by_uid": 6}]`. A queued mail (`outgoing`, with its
//!   `mail.mail` id) becomes `sent` when the mail job runs; one that Odoo drops before (its event
//!   deleted) leaves the outbox. `DELETE /_fake/outbox` forgets them all (the queue stays).
//! - `POST /_fake/cron` with `{"job": "calendar_reminder"}` (the "Calendar: Event Reminder" job:
//!   e-mail reminders now due) or `{"job": "mail_queue"}` (the mail job: sends the queue), in
//!   every database, as OdooBot; answers `{"job": "...", "sent": N}`.
//!
//! - `POST /_fake/act`: a person does something in Odoo, as in its web client — with their
//!   rights and the full ORM (write_date, followers, tracking, the photo's attachments), without
//!   their password, not counted in `/_fake/requests`. Body `{"db": "demo" (optional: the
//!   login's seed database), "login": "lena.schaefer@yourcompany.example.com", "model":
//!   "res.partner", "method": "write", "args": [[14], {"phone": "+49 40 999"}], "kwargs": {}}`;
//!   answers HTTP 200 `{"result": <the method's result>}`, `{}` when the method returns None
//!   (`message_unsubscribe`), or `{"error": {"code": 200, "message": "Odoo Server Error",
//!   "data": {"name", "message", ...}}}` as `/jsonrpc` would; HTTP 400 `{"error": "..."}` for an
//!   unknown database or login. What a contacts test needs:
//!   follow `{"method": "message_subscribe", "args": [[id]], "kwargs": {"partner_ids": [me]}}`,
//!   unfollow `"message_unsubscribe"` likewise, edit `"write"` with `[[id], {"email": "..."}]`,
//!   archive `"write"` with `[[id], {"active": false}]` (or `"action_archive"` with `[[id]]`),
//!   change the photo `"write"` with `[[id], {"image_1920": "<base64>"}]` (`false` removes it).
//!
//! Faults apply to the API routes only (`/jsonrpc`, `/json/2`), never to the control API: a
//! server that is `down` closes every API connection without an answer.

use std::collections::BTreeMap;

use axum::Json;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde::Deserialize;
use serde_json::{Value, json};

use super::fields::Modules;
use super::orm::Env;
use super::seeds::Seed;
use super::server::{SharedState, lock};
use super::state::{Faults, OdooState};
use super::{alarms, calendar_mail, rpc};

/// Stores the server's real URL as `web.base.url` in every database (also after a reseed).
pub fn set_base_url(state: &SharedState, url: &str) {
    lock(state).apply_base_url(url);
}

fn bad_request(message: &str) -> Response {
    (StatusCode::BAD_REQUEST, Json(json!({"error": message}))).into_response()
}

async fn health(State(state): State<SharedState>) -> Json<Value> {
    let guard = lock(&state);
    Json(
        json!({"ok": true, "version": guard.version.major(), "seed": guard.seed,
        "modules": guard.modules.names()}),
    )
}

async fn users(State(state): State<SharedState>) -> Json<Value> {
    Json(json!(lock(&state).users))
}

#[derive(Deserialize)]
struct SeedRequest {
    seed: String,
    #[serde(default)]
    modules: Vec<String>,
}

async fn seed(State(state): State<SharedState>, Json(body): Json<SeedRequest>) -> Response {
    let Some(seed) = Seed::parse(&body.seed) else {
        return bad_request("unknown seed (empty, demo, transcripts)");
    };
    let modules = match Modules::parse(&body.modules) {
        Ok(m) => m,
        Err(unknown) => {
            return bad_request(&format!(
                "unknown module {unknown} (optional modules: microsoft_calendar)"
            ));
        }
    };
    let mut guard = lock(&state);
    guard.reset_with(seed, modules);
    Json(json!(guard.users)).into_response()
}

async fn faults_get(State(state): State<SharedState>) -> Json<Value> {
    Json(json!(lock(&state).faults))
}

async fn faults_put(State(state): State<SharedState>, Json(body): Json<Faults>) -> Json<Value> {
    let mut guard = lock(&state);
    guard.faults = body;
    Json(json!(guard.faults))
}

async fn faults_delete(State(state): State<SharedState>) -> Json<Value> {
    let mut guard = lock(&state);
    guard.faults = Faults::default();
    Json(json!(guard.faults))
}

async fn requests_get(State(state): State<SharedState>) -> Json<Value> {
    let guard = lock(&state);
    let total: u64 = guard.counts.values().sum();
    Json(json!({"total": total, "counts": guard.counts}))
}

async fn requests_delete(State(state): State<SharedState>) -> Json<Value> {
    lock(&state).counts.clear();
    Json(json!({"total": 0, "counts": {}}))
}

async fn outbox_get(
    State(state): State<SharedState>,
    Query(query): Query<BTreeMap<String, String>>,
) -> Json<Value> {
    let guard = lock(&state);
    let all: Vec<Value> = guard
        .dbs
        .values()
        .filter(|db| query.get("db").is_none_or(|d| *d == db.name))
        .flat_map(|db| db.outbox.iter().map(|m| json!(m)))
        .filter(|m| query.get("kind").is_none_or(|k| m["kind"] == k.as_str()))
        .collect();
    Json(Value::Array(all))
}

#[derive(Deserialize)]
struct CronRequest {
    job: String,
}

/// Runs a scheduled job in every database as OdooBot (uid 1), the cron user.
fn run_job(state: &mut OdooState, job: fn(&mut Env) -> usize) -> usize {
    let now = state.clock.now();
    let version = state.version;
    let mut sent = 0;
    for db in state.dbs.values_mut() {
        let mut context = serde_json::Map::new();
        // the reminder job mails the organizer too (`mail_notify_author`)
        context.insert("mail_notify_author".into(), Value::Bool(true));
        let mut env = Env {
            db,
            uid: 1,
            role: super::access::Role::Admin,
            context,
            now,
            version,
        };
        sent += job(&mut env);
    }
    sent
}

async fn cron(State(state): State<SharedState>, Json(body): Json<CronRequest>) -> Response {
    let job: fn(&mut Env) -> usize = match body.job.as_str() {
        "calendar_reminder" => alarms::run_reminders,
        "mail_queue" => calendar_mail::send_queue,
        _ => return bad_request("unknown job (calendar_reminder, mail_queue)"),
    };
    let sent = run_job(&mut lock(&state), job);
    Json(json!({"job": body.job, "sent": sent})).into_response()
}

async fn outbox_delete(State(state): State<SharedState>) -> Json<Value> {
    lock(&state).outbox_clear();
    Json(json!([]))
}

async fn records_get(
    State(state): State<SharedState>,
    Path((db, model)): Path<(String, String)>,
    Query(query): Query<BTreeMap<String, String>>,
) -> Response {
    let guard = lock(&state);
    let Some(database) = guard.dbs.get(&db) else {
        return bad_request("no such database");
    };
    let wanted: Option<Vec<i64>> = query
        .get("ids")
        .map(|s| s.split(',').filter_map(|p| p.trim().parse().ok()).collect());
    let rows: Vec<Value> = database
        .ids(&model)
        .into_iter()
        .filter(|id| wanted.as_ref().is_none_or(|w| w.contains(id)))
        .filter_map(|id| {
            let mut row = database.get(&model, id)?.clone();
            row.insert("id".into(), Value::from(id));
            Some(Value::Object(row))
        })
        .collect();
    Json(Value::Array(rows)).into_response()
}

#[derive(Deserialize)]
struct InsertRequest {
    id: Option<i64>,
    values: serde_json::Map<String, Value>,
}

async fn records_post(
    State(state): State<SharedState>,
    Path((db, model)): Path<(String, String)>,
    Json(body): Json<InsertRequest>,
) -> Response {
    let mut guard = lock(&state);
    let now = super::store::stored_datetime(guard.clock.now());
    let Some(database) = guard.dbs.get_mut(&db) else {
        return bad_request("no such database");
    };
    if !database.registry.models.contains_key(&model) {
        return bad_request("no such model");
    }
    let id = body.id.unwrap_or_else(|| database.table(&model).allocate());
    let mut values = body.values;
    values
        .entry("create_date")
        .or_insert(Value::from(now.clone()));
    values.entry("write_date").or_insert(Value::from(now));
    if let Some(existing) = database.get(&model, id).cloned() {
        let mut merged = existing;
        merged.extend(values);
        values = merged;
    }
    database.insert(&model, id, values);
    Json(json!({"id": id})).into_response()
}

#[derive(Deserialize)]
struct ActRequest {
    db: Option<String>,
    login: String,
    model: String,
    method: String,
    #[serde(default)]
    args: Vec<Value>,
    #[serde(default)]
    kwargs: serde_json::Map<String, Value>,
}

/// `POST /_fake/act`: a person does something in Odoo (see the module doc).
async fn act(State(state): State<SharedState>, Json(body): Json<ActRequest>) -> Response {
    let mut guard = lock(&state);
    let db = body.db.clone().or_else(|| {
        guard
            .users
            .iter()
            .find(|u| u.odoo_login == body.login)
            .map(|u| u.odoo_db.clone())
    });
    let Some(db) = db else {
        return bad_request("no seed user has that login; name the database (db)");
    };
    let outcome = rpc::act_as(
        &mut guard,
        &db,
        &body.login,
        &body.model,
        &body.method,
        &body.args,
        body.kwargs,
    );
    match outcome {
        Err(message) => bad_request(&message),
        Ok(Ok(Some(result))) => Json(json!({"result": result})).into_response(),
        Ok(Ok(None)) => Json(json!({})).into_response(),
        Ok(Err(error)) => Json(json!({"error": error.to_json()})).into_response(),
    }
}

#[derive(Deserialize)]
struct ClockRequest {
    now: Option<String>,
    advance_seconds: Option<i64>,
}

async fn clock_get(State(state): State<SharedState>) -> Json<Value> {
    let now = lock(&state).clock.now();
    Json(json!({"now": now.format("%Y-%m-%d %H:%M:%S").to_string()}))
}

async fn clock_put(State(state): State<SharedState>, Json(body): Json<ClockRequest>) -> Response {
    let mut guard = lock(&state);
    if let Some(text) = body.now {
        match chrono::NaiveDateTime::parse_from_str(&text, "%Y-%m-%d %H:%M:%S") {
            Ok(at) => {
                guard.clock.frozen = Some(at);
                guard.clock.offset = chrono::Duration::zero();
            }
            Err(_) => return bad_request("now must be 'YYYY-MM-DD HH:MM:SS' (UTC)"),
        }
    }
    if let Some(secs) = body.advance_seconds {
        guard.clock.offset += chrono::Duration::seconds(secs);
    }
    let now = guard.clock.now();
    Json(json!({"now": now.format("%Y-%m-%d %H:%M:%S").to_string()})).into_response()
}

/// The `/_fake` routes.
pub fn router() -> Router<SharedState> {
    Router::new()
        .route("/health", get(health))
        .route("/users", get(users))
        .route("/seed", axum::routing::post(seed))
        .route(
            "/faults",
            get(faults_get)
                .put(faults_put)
                .post(faults_put)
                .delete(faults_delete),
        )
        .route("/requests", get(requests_get).delete(requests_delete))
        .route("/outbox", get(outbox_get).delete(outbox_delete))
        .route("/cron", axum::routing::post(cron))
        .route("/records/{db}/{model}", get(records_get).post(records_post))
        .route("/clock", get(clock_get).put(clock_put).post(clock_put))
        .route("/act", axum::routing::post(act))
}
