//! The control API under `/_fake/...`: what tests and the demo use to set the scene, act as the
//! person in Outlook and inject faults. Plain JSON; UPNs are case-insensitive; a folder is named by
//! id, well-known name (`inbox`) or display-name path from the root (`Odoo Eingang`,
//! `Posteingang/Kunden`, URL-encoded in paths).
//!
//! Identity:
//! - `GET  /_fake/identity` — tenants, app registrations, people.
//! - `POST /_fake/identity/apps` — register an app (`client_id`, `display_name`, `redirect_uris`
//!   `[{uri, platform: publicClient|web}]`, `secrets`, `allow_public_client_flows`).
//! - `POST /_fake/identity/devicecode/approve {user_code, upn}` — the person signs in on the
//!   verification page; `POST /_fake/identity/devicecode/decline {user_code}` — they refuse
//!   (`authorization_declined`).
//! - `POST /_fake/identity/refresh-tokens/revoke {upn, reason}` — the person's refresh tokens
//!   fail: `revoked` AADSTS50173, `expired` AADSTS700082 (inactivity), `mfa_required` AADSTS50076,
//!   `consent_required` AADSTS65001.
//! - `POST /_fake/identity/access-tokens/expire {upn}` — the person's access tokens expire now.
//!
//! Clock: `GET /_fake/clock`, `POST /_fake/clock/advance {seconds}`, `POST /_fake/clock/set
//! {now}` (RFC 3339; the clock runs on from there) — all answer `{now}`.
//!
//! Mailboxes (acting as the person in Outlook):
//! - `POST /_fake/graph/mailboxes {upn, display_name, preferred_language?}` — a person with an
//!   empty mailbox (well-known folders only).
//! - `GET  /_fake/graph/mailboxes/{upn}/folders` — `[{id, path, display_name, well_known}]`.
//! - `POST /_fake/graph/mailboxes/{upn}/folders {display_name, parent?}` — create a folder.
//! - `PATCH /_fake/graph/mailboxes/{upn}/folders/{folder} {display_name}` — rename it.
//! - `GET  /_fake/graph/mailboxes/{upn}/messages?folder=…` — `[{id, immutable_id, folder_id,
//!   subject, internet_message_id}]`.
//! - `POST /_fake/graph/mailboxes/{upn}/messages {folder, subject?, body_html?, from?, sender?,
//!   to?, cc?, bcc?, received?, internet_message_id?, is_read?, attachments?: [{name,
//!   content_type, content_base64, is_inline?, content_id?} | {name, content_type, size_bytes} |
//!   {name, item: {…mail…}}]}` — put a mail into a folder; answers `{id, immutable_id}`.
//!   `size_bytes` makes the fake generate a file of that size (up to Graph's 150 MB), so a test
//!   can have a true 30 MB attachment although control requests are limited to 2 MB.
//! - `POST /_fake/graph/mailboxes/{upn}/messages/{id}/move {folder}` — answers the new `{id}`.
//! - `POST /_fake/graph/mailboxes/{upn}/messages/{id}/read {read}`.
//! - `DELETE /_fake/graph/mailboxes/{upn}/messages/{id}` — to Deleted Items (or gone from there).
//! - `POST /_fake/graph/mailboxes/{upn}/generate {folder, count, from?}` — `count` plain mails,
//!   one minute apart, newest now (for paging tests and benchmarks); answers `{created}`.
//! - `POST /_fake/graph/mailboxes/{upn}/empty-delta-pages {on}` — every mail and contacts delta
//!   round then opens with an empty page whose nextLink leads to the rest (Graph does that;
//!   clients must not stop).
//! - `POST /_fake/graph/mailboxes/{upn}/expire-delta` — every mail delta token of the mailbox
//!   answers 410.
//!
//! Calendars (acting as the person in Outlook; handlers in `control/calendar.rs`). Times are local
//! wall times without offset (`2026-03-30T09:00:00`, or a date `2026-03-30` for all-day events)
//! in the named zone (`UTC`, IANA or Windows name; an unknown one is 400). Meetings reach the
//! mailboxes of attendees who have one here (see `mailbox::meetings`). Action answers are
//! `{id, ical_uid, change_key, copies: [{upn, id}]}` (`copies`: the attendees' copies created,
//! changed or cancelled). Errors: 400 bad input, 404 no mailbox/event/occurrence, 409 an
//! attendee cancelling (they delete instead).
//! - `GET  /_fake/graph/mailboxes/{upn}/events` — the stored singles and series masters, raw:
//!   `[{id, ical_uid, type, change_key, last_modified, is_organizer, response, subject, start,
//!   end, time_zone, end_time_zone, is_all_day, is_cancelled, organizer: {name, address},
//!   attendees: [{name, address, type, response}], location, sensitivity, show_as, importance,
//!   categories, is_online_meeting, join_url, recurrence (Graph's patternedRecurrence or null),
//!   occurrences: [{original_start_date, id, state: changed|cancelled, change_key?, …fields as
//!   above when changed}]}]`.
//! - `POST /_fake/graph/mailboxes/{upn}/events {subject?, body_html? | body_text?, start, end,
//!   time_zone, end_time_zone?, is_all_day?, location?: "name" | {display_name, address?:
//!   {street, city, state, country_or_region, postal_code}}, attendees?: [{address, name?,
//!   type?: required|optional|resource}], organizer?: {name, address} (default: the owner),
//!   sensitivity?: normal|personal|private|confidential, show_as?: free|tentative|busy|oof|
//!   workingElsewhere|unknown (default busy), importance?: low|normal|high, categories?,
//!   is_online_meeting?, join_url? (generated for online meetings), recurrence?: {pattern:
//!   {type: daily|weekly|absoluteMonthly, interval?: 1, days_of_week?: ["monday", …],
//!   first_day_of_week?: "sunday", day_of_month?}, range: {type: endDate|numbered|noEnd,
//!   end_date?, number_of_occurrences?}}}` — 201 with the action answer. Unknown fields are 400.
//! - `PATCH /_fake/graph/mailboxes/{upn}/events/{id} {any field of the create but organizer and
//!   recurrence}` — a partial change (`time_zone` alone re-reads the same wall times in the new
//!   zone; changing the times of a series drops its changed and cancelled occurrences); an
//!   occurrence id changes that occurrence. 200 with the action answer.
//! - `POST /_fake/graph/mailboxes/{upn}/events/{id}/cancel` — the organizer cancels (an
//!   occurrence id: that occurrence). 200 with the action answer.
//! - `DELETE /_fake/graph/mailboxes/{upn}/events/{id}` — removes this mailbox's event (or
//!   occurrence) only. 204.
//! - `PATCH /_fake/graph/mailboxes/{upn}/events/{series}/occurrences/{YYYY-MM-DD} {fields as
//!   PATCH}` — change the occurrence originally on that date (it becomes an exception); the
//!   answer's `id`, `ical_uid`, `change_key` are the occurrence's.
//! - `POST /_fake/graph/mailboxes/{upn}/events/{series}/occurrences/{YYYY-MM-DD}/cancel` —
//!   cancel that occurrence (gone from the view; cancelled in attendees' copies).
//! - `POST /_fake/graph/mailboxes/{upn}/calendar/expire-delta` — every calendarView delta token
//!   of the mailbox answers 410; answers `{expired}`.
//! - `POST /_fake/graph/mailboxes/{upn}/calendar/ignore-timezone-preference {on}` — the mailbox
//!   then answers `start`/`end` in each event's own original zones (named as created, e.g. a
//!   Windows name) whatever `Prefer: outlook.timezone` says, as real servers do for events made
//!   by other clients. 204.
//!
//! Contacts (acting as the person in Outlook; handlers in `control/contacts.rs`). A contact
//! folder is named by id or by display-name path below the default Contacts folder (`Odoo`,
//! `Odoo/Kunden`); an absent or empty folder is the default folder. A contact is named by its
//! REST or immutable id. `fields` are Graph's contact properties as Graph names them
//! (`givenName`, `emailAddresses: [{name?, address}]`, `businessAddress: {street, city, state,
//! countryOrRegion, postalCode}`, …) under Graph's rules (≤ 3 e-mail addresses, ≤ 2 business and
//! 2 home phones, unknown or read-only properties refused); Outlook cannot set extended
//! properties (400). Without `displayName` a new contact gets one made from the name parts; an
//! edit makes it anew only when it changes a name part (given, middle, surname, company, e-mail
//! addresses) and does not name `displayName`. A photo is `{content_type: image/jpeg|image/png,
//! content_base64}`. Every change gives the contact a new change key, which delta reports.
//! Action answers are `{id, immutable_id, change_key}`. Errors: 400 bad input, 404 no
//! mailbox/folder/contact, 409 a folder name taken or the default folder deleted.
//! - `GET  /_fake/graph/mailboxes/{upn}/contact-folders` — `[{id, path, display_name,
//!   parent_id, is_default}]` (the default folder first, its path `""`).
//! - `POST /_fake/graph/mailboxes/{upn}/contact-folders {display_name, parent?}` — 201 `{id}`.
//! - `PATCH /_fake/graph/mailboxes/{upn}/contact-folders/{folder} {display_name}` — rename; 204.
//! - `DELETE /_fake/graph/mailboxes/{upn}/contact-folders/{folder}` — the folder, its subfolders
//!   and contacts (their folders' delta reports them removed; the folder's id is then 404); 204.
//! - `GET  /_fake/graph/mailboxes/{upn}/contacts?folder=…` — every contact (of that folder), raw:
//!   `[{id, immutable_id, folder_id, folder (path), change_key, created, last_modified, fields
//!   (all Graph properties as Graph writes them, unset ones null/""/[]/{}), extended_properties:
//!   [{id, value}], photo: {content_type, size, sha256, width, height} | null}]`.
//! - `POST /_fake/graph/mailboxes/{upn}/contacts {folder?, fields, photo?}` — the person adds a
//!   contact; 201 with the action answer.
//! - `PATCH /_fake/graph/mailboxes/{upn}/contacts/{id} {fields?, photo?, remove_photo?}` — the
//!   person edits any contact (one the connector exported included; its extended properties
//!   stay); collections and addresses given are replaced whole; 200 with the action answer.
//! - `POST /_fake/graph/mailboxes/{upn}/contacts/{id}/move {folder}` — moves it (a new REST id;
//!   the old folder's delta reports it removed, the new one's as new); 200 with the action answer.
//! - `DELETE /_fake/graph/mailboxes/{upn}/contacts/{id}` — deletes it for good; 204.
//! - `POST /_fake/graph/mailboxes/{upn}/contacts/expire-delta` — every contacts delta token of
//!   the mailbox answers 410; answers `{expired}`.
//!
//! Protocol:
//! - `POST /_fake/graph/faults {kind: latency{ms}|throttle{retry_after_secs}|server_error{status}|
//!   drop_connection|cut_body{after_bytes}|hold|foreign_link{base_url}|endless_paging|
//!   malformed_item{subject_contains?, set?, invalid_utf8?}, mailbox?, path_contains?, count?}`;
//!   `DELETE /_fake/graph/faults` clears them; `POST /_fake/graph/release` lets held requests
//!   finish (and removes `hold` faults). The last three spoil a JSON page the fake answered, as
//!   a hostile or broken server would (issue 13): `foreign_link` moves its `@odata.nextLink` and
//!   `@odata.deltaLink` to `base_url` (path and query kept); `endless_paging` gives it an
//!   `@odata.nextLink` naming the request's own URL (its deltaLink dropped); `malformed_item`
//!   sets the fields of `set` (e.g. `{"subject": 42}`, `{"from": "x"}`) on the messages of its
//!   `value` whose subject contains `subject_contains` (else on the first), and with
//!   `invalid_utf8` puts a byte that is not UTF-8 at the start of their subject. A request
//!   answered with an error by another fault leaves them (and their `count`) for the next.
//! - `GET|PUT /_fake/graph/limits {max_concurrent_per_mailbox, concurrency_retry_after_secs,
//!   requests_per_window, window_secs}`.
//! - `GET /_fake/graph/requests` — `[{endpoint, mailbox, count, bytes}]` (identity endpoints have
//!   mailbox `""`; `bytes`: response body bytes served); `DELETE` resets the counts.

use std::collections::HashMap;
use std::sync::Arc;

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use chrono::{DateTime, Duration, Utc};
use serde::Deserialize;
use serde_json::{Value, json};

use super::identity::apps::{DirectoryUser, RegisteredApp};
use super::identity::tokens::RefreshRevocation;
use super::mailbox::message::{Address, Attachment, AttachmentContent, MessageData};
use super::mailbox::{Mailbox, ids};
use super::protocol::throttle::{Fault, Limits};
use super::state::GraphState;

mod calendar;
mod contacts;

/// Routes of the control API (nested under `/_fake`).
pub fn routes() -> axum::Router<Arc<GraphState>> {
    axum::Router::new()
        .route("/identity", get(identity))
        .route("/identity/apps", post(register_app))
        .route("/identity/devicecode/approve", post(approve_device))
        .route("/identity/devicecode/decline", post(decline_device))
        .route("/identity/refresh-tokens/revoke", post(revoke_refresh))
        .route("/identity/access-tokens/expire", post(expire_access))
        .route("/clock", get(clock))
        .route("/clock/advance", post(advance_clock))
        .route("/clock/set", post(set_clock))
        .route("/graph/mailboxes", post(create_mailbox))
        .route(
            "/graph/mailboxes/{upn}/folders",
            get(list_folders).post(create_folder),
        )
        .route(
            "/graph/mailboxes/{upn}/folders/{folder}",
            axum::routing::patch(rename_folder),
        )
        .route(
            "/graph/mailboxes/{upn}/messages",
            get(list_messages).post(put_message),
        )
        .route(
            "/graph/mailboxes/{upn}/messages/{id}",
            axum::routing::delete(delete_message),
        )
        .route(
            "/graph/mailboxes/{upn}/messages/{id}/move",
            post(move_message),
        )
        .route("/graph/mailboxes/{upn}/messages/{id}/read", post(mark_read))
        .route("/graph/mailboxes/{upn}/expire-delta", post(expire_delta))
        .route("/graph/mailboxes/{upn}/generate", post(generate))
        .route(
            "/graph/mailboxes/{upn}/empty-delta-pages",
            post(empty_delta_pages),
        )
        .route("/graph/faults", post(add_fault).delete(clear_faults))
        .route("/graph/release", post(release))
        .route("/graph/limits", get(get_limits).put(set_limits))
        .route("/graph/requests", get(requests).delete(reset_requests))
        .merge(calendar::routes())
        .merge(contacts::routes())
}

/// A control-API failure: status and message.
struct Problem(StatusCode, String);

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        (self.0, Json(json!({"error": self.1}))).into_response()
    }
}

fn problem(status: StatusCode, message: impl Into<String>) -> Problem {
    Problem(status, message.into())
}

fn with_mailbox<R>(
    state: &GraphState,
    upn: &str,
    f: impl FnOnce(&mut Mailbox) -> Result<R, Problem>,
) -> Result<R, Problem> {
    let mut world = state.world();
    let mb = world
        .mailboxes
        .get_mut(&upn.to_ascii_lowercase())
        .ok_or_else(|| problem(StatusCode::NOT_FOUND, format!("no mailbox {upn}")))?;
    f(mb)
}

fn folder_id(mb: &Mailbox, key: &str) -> Result<String, Problem> {
    mb.folder_by_path(key)
        .map(|f| f.id.clone())
        .ok_or_else(|| problem(StatusCode::NOT_FOUND, format!("no folder {key}")))
}

async fn identity(State(state): State<Arc<GraphState>>) -> Json<Value> {
    let world = state.world();
    Json(json!({
        "tenants": world.identity.tenants,
        "apps": world.identity.apps,
        "users": world.identity.users,
    }))
}

async fn register_app(
    State(state): State<Arc<GraphState>>,
    Json(app): Json<RegisteredApp>,
) -> Response {
    let mut world = state.world();
    world.identity.apps.retain(|a| a.client_id != app.client_id);
    world.identity.apps.push(app);
    StatusCode::CREATED.into_response()
}

#[derive(Deserialize)]
struct Approve {
    user_code: String,
    upn: String,
}

async fn approve_device(
    State(state): State<Arc<GraphState>>,
    Json(body): Json<Approve>,
) -> Response {
    match state
        .world()
        .identity
        .approve_device(&body.user_code, &body.upn)
    {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(e) => problem(StatusCode::NOT_FOUND, e).into_response(),
    }
}

#[derive(Deserialize)]
struct Decline {
    user_code: String,
}

async fn decline_device(
    State(state): State<Arc<GraphState>>,
    Json(body): Json<Decline>,
) -> Response {
    match state.world().identity.decline_device(&body.user_code) {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(e) => problem(StatusCode::NOT_FOUND, e).into_response(),
    }
}

#[derive(Deserialize)]
struct Revoke {
    upn: String,
    reason: RefreshRevocation,
}

async fn revoke_refresh(
    State(state): State<Arc<GraphState>>,
    Json(body): Json<Revoke>,
) -> Json<Value> {
    let n = state
        .world()
        .identity
        .revoke_refresh_tokens(&body.upn, body.reason);
    Json(json!({"revoked": n}))
}

#[derive(Deserialize)]
struct Upn {
    upn: String,
}

async fn expire_access(State(state): State<Arc<GraphState>>, Json(body): Json<Upn>) -> Json<Value> {
    let now = state.clock.now();
    let n = state.world().identity.expire_access_tokens(&body.upn, now);
    Json(json!({"expired": n}))
}

async fn clock(State(state): State<Arc<GraphState>>) -> Json<Value> {
    Json(json!({"now": state.clock.now().to_rfc3339()}))
}

#[derive(Deserialize)]
struct Advance {
    seconds: i64,
}

async fn advance_clock(
    State(state): State<Arc<GraphState>>,
    Json(body): Json<Advance>,
) -> Json<Value> {
    state.clock.advance(Duration::seconds(body.seconds));
    Json(json!({"now": state.clock.now().to_rfc3339()}))
}

#[derive(Deserialize)]
struct SetClock {
    now: DateTime<Utc>,
}

async fn set_clock(
    State(state): State<Arc<GraphState>>,
    Json(body): Json<SetClock>,
) -> Json<Value> {
    state.clock.set(body.now);
    Json(json!({"now": state.clock.now().to_rfc3339()}))
}

#[derive(Deserialize)]
struct NewPerson {
    upn: String,
    display_name: String,
    #[serde(default)]
    preferred_language: Option<String>,
}

async fn create_mailbox(
    State(state): State<Arc<GraphState>>,
    Json(body): Json<NewPerson>,
) -> Response {
    let mut world = state.world();
    let key = body.upn.to_ascii_lowercase();
    if world.mailboxes.contains_key(&key) {
        return problem(StatusCode::CONFLICT, format!("mailbox {} exists", body.upn))
            .into_response();
    }
    let tenant_id = world
        .identity
        .tenants
        .first()
        .map(|t| t.id.clone())
        .unwrap_or_default();
    let mut names = body.display_name.splitn(2, ' ');
    let user = DirectoryUser {
        id: uuid::Uuid::new_v4().to_string(),
        upn: body.upn.clone(),
        display_name: body.display_name.clone(),
        given_name: names.next().map(str::to_string),
        surname: names.next().map(str::to_string),
        job_title: None,
        mobile_phone: None,
        office_location: None,
        preferred_language: body.preferred_language.or(Some("en-US".into())),
        tenant_id,
    };
    world.identity.users.push(user.clone());
    world.mailboxes.insert(key, Mailbox::new(user.clone()));
    (
        StatusCode::CREATED,
        Json(json!({"id": user.id, "upn": user.upn})),
    )
        .into_response()
}

fn folder_path(mb: &Mailbox, id: &str) -> String {
    display_path(&mb.folders, &mb.root().id, id, |f| {
        (&f.id, &f.parent_id, &f.display_name)
    })
}

/// The display-name path of folder `id` below the root `root` (`""` for the root itself), for
/// mail and contact folders alike; `parts` names a folder's id, parent id and display name.
fn display_path<F>(
    folders: &[F],
    root: &str,
    id: &str,
    parts: impl Fn(&F) -> (&String, &String, &String),
) -> String {
    let mut names = Vec::new();
    let mut current = folders.iter().find(|f| parts(f).0 == id);
    while let Some(f) = current {
        let (id, parent, name) = parts(f);
        if id == root {
            break;
        }
        names.push(name.clone());
        current = folders.iter().find(|p| parts(p).0 == parent);
    }
    names.reverse();
    names.join("/")
}

async fn list_folders(State(state): State<Arc<GraphState>>, Path(upn): Path<String>) -> Response {
    match with_mailbox(&state, &upn, |mb| {
        Ok(mb
            .folders
            .iter()
            .map(|f| json!({"id": f.id, "path": folder_path(mb, &f.id), "display_name": f.display_name, "well_known": f.well_known}))
            .collect::<Vec<_>>())
    }) {
        Ok(list) => Json(Value::Array(list)).into_response(),
        Err(r) => r.into_response(),
    }
}

#[derive(Deserialize)]
struct NewFolder {
    display_name: String,
    #[serde(default)]
    parent: Option<String>,
}

async fn create_folder(
    State(state): State<Arc<GraphState>>,
    Path(upn): Path<String>,
    Json(body): Json<NewFolder>,
) -> Response {
    match with_mailbox(&state, &upn, |mb| {
        let parent = match &body.parent {
            Some(p) => folder_id(mb, p)?,
            None => mb.root().id.clone(),
        };
        mb.create_folder(&parent, &body.display_name, false)
            .map_err(|_| problem(StatusCode::CONFLICT, "a folder with that name exists"))
    }) {
        Ok(id) => (StatusCode::CREATED, Json(json!({"id": id}))).into_response(),
        Err(r) => r.into_response(),
    }
}

#[derive(Deserialize)]
struct Rename {
    display_name: String,
}

async fn rename_folder(
    State(state): State<Arc<GraphState>>,
    Path((upn, folder)): Path<(String, String)>,
    Json(body): Json<Rename>,
) -> Response {
    match with_mailbox(&state, &upn, |mb| {
        let id = folder_id(mb, &folder)?;
        mb.rename_folder(&id, &body.display_name)
            .map_err(|_| problem(StatusCode::CONFLICT, "a folder with that name exists"))
    }) {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(r) => r.into_response(),
    }
}

async fn list_messages(
    State(state): State<Arc<GraphState>>,
    Path(upn): Path<String>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    match with_mailbox(&state, &upn, |mb| {
        let folder = match q.get("folder") {
            Some(f) => Some(folder_id(mb, f)?),
            None => None,
        };
        Ok(mb
            .messages
            .iter()
            .filter(|m| folder.as_ref().is_none_or(|f| &m.folder_id == f))
            .map(|m| {
                json!({"id": m.rest_id, "immutable_id": m.immutable_id, "folder_id": m.folder_id,
                       "subject": m.data.subject, "internet_message_id": m.data.internet_message_id})
            })
            .collect::<Vec<_>>())
    }) {
        Ok(list) => Json(Value::Array(list)).into_response(),
        Err(r) => r.into_response(),
    }
}

/// An attachment in a control-API mail.
#[derive(Debug, Deserialize)]
pub struct AttachmentInput {
    name: String,
    #[serde(default)]
    content_type: Option<String>,
    #[serde(default)]
    content_base64: Option<String>,
    #[serde(default)]
    is_inline: bool,
    #[serde(default)]
    content_id: Option<String>,
    #[serde(default)]
    item: Option<Box<MailInput>>,
    #[serde(default)]
    size_bytes: Option<usize>,
}

/// Graph's largest attachment (upload sessions go up to 150 MB).
const MAX_ATTACHMENT_BYTES: usize = 150 * 1024 * 1024;

/// A mail given to the control API.
#[derive(Debug, Deserialize)]
pub struct MailInput {
    #[serde(default)]
    folder: String,
    #[serde(default)]
    subject: Option<String>,
    #[serde(default)]
    body_html: Option<String>,
    #[serde(default)]
    from: Option<Address>,
    #[serde(default)]
    sender: Option<Address>,
    #[serde(default)]
    to: Vec<Address>,
    #[serde(default)]
    cc: Vec<Address>,
    #[serde(default)]
    bcc: Vec<Address>,
    #[serde(default)]
    received: Option<DateTime<Utc>>,
    #[serde(default)]
    internet_message_id: Option<String>,
    #[serde(default)]
    is_read: bool,
    #[serde(default)]
    attachments: Vec<AttachmentInput>,
}

impl MailInput {
    /// The message content, or why the input is unusable.
    pub fn into_data(self, now: DateTime<Utc>) -> Result<MessageData, String> {
        let received = self.received.unwrap_or(now);
        let domain = self
            .from
            .as_ref()
            .and_then(|f| f.address.split('@').nth(1).map(str::to_string))
            .unwrap_or_else(|| "example.com".into());
        let mut attachments = Vec::new();
        for a in self.attachments {
            let content = match (a.item, a.content_base64) {
                (Some(item), _) => AttachmentContent::Item(Box::new(item.into_data(now)?)),
                (None, None) if a.size_bytes.is_some() => {
                    let size = a.size_bytes.unwrap_or_default();
                    if size > MAX_ATTACHMENT_BYTES {
                        return Err(format!("attachment {}: over 150 MB", a.name));
                    }
                    AttachmentContent::File((0..size).map(|i| (i % 251) as u8).collect())
                }
                (None, Some(b64)) => AttachmentContent::File(
                    STANDARD
                        .decode(b64.as_bytes())
                        .map_err(|e| format!("attachment {}: {e}", a.name))?,
                ),
                (None, None) => AttachmentContent::File(Vec::new()),
            };
            attachments.push(Attachment {
                id: ids::attachment_id(),
                name: a.name,
                content_type: a
                    .content_type
                    .unwrap_or_else(|| "application/octet-stream".into()),
                is_inline: a.is_inline,
                content_id: a.content_id,
                content,
                last_modified: now,
            });
        }
        Ok(MessageData {
            subject: self.subject.unwrap_or_default(),
            body_html: self
                .body_html
                .unwrap_or_else(|| "<html><body></body></html>".into()),
            from: self.from,
            sender: self.sender,
            to: self.to,
            cc: self.cc,
            bcc: self.bcc,
            reply_to: Vec::new(),
            received,
            sent: received - Duration::seconds(2),
            internet_message_id: self
                .internet_message_id
                .unwrap_or_else(|| format!("<{}@{domain}>", uuid::Uuid::new_v4().simple())),
            is_read: self.is_read,
            is_draft: false,
            importance: "normal".into(),
            categories: Vec::new(),
            attachments,
        })
    }
}

async fn put_message(
    State(state): State<Arc<GraphState>>,
    Path(upn): Path<String>,
    Json(body): Json<MailInput>,
) -> Response {
    let now = state.clock.now();
    let folder = body.folder.clone();
    let data = match body.into_data(now) {
        Ok(d) => d,
        Err(e) => return problem(StatusCode::BAD_REQUEST, e).into_response(),
    };
    match with_mailbox(&state, &upn, |mb| {
        let folder = folder_id(mb, &folder)?;
        let index = mb.deliver(&folder, data, now);
        let m = &mb.messages[index];
        Ok(json!({"id": m.rest_id, "immutable_id": m.immutable_id}))
    }) {
        Ok(v) => (StatusCode::CREATED, Json(v)).into_response(),
        Err(r) => r.into_response(),
    }
}

fn message_index(mb: &Mailbox, id: &str) -> Result<usize, Problem> {
    mb.message_index(id)
        .map_err(|_| problem(StatusCode::NOT_FOUND, format!("no message {id}")))
}

#[derive(Deserialize)]
struct MoveTo {
    folder: String,
}

async fn move_message(
    State(state): State<Arc<GraphState>>,
    Path((upn, id)): Path<(String, String)>,
    Json(body): Json<MoveTo>,
) -> Response {
    let now = state.clock.now();
    match with_mailbox(&state, &upn, |mb| {
        let index = message_index(mb, &id)?;
        let dest = folder_id(mb, &body.folder)?;
        mb.move_message(index, &dest, now);
        Ok(json!({"id": mb.messages[index].rest_id}))
    }) {
        Ok(v) => Json(v).into_response(),
        Err(r) => r.into_response(),
    }
}

#[derive(Deserialize)]
struct Read {
    read: bool,
}

async fn mark_read(
    State(state): State<Arc<GraphState>>,
    Path((upn, id)): Path<(String, String)>,
    Json(body): Json<Read>,
) -> Response {
    let now = state.clock.now();
    match with_mailbox(&state, &upn, |mb| {
        let index = message_index(mb, &id)?;
        mb.set_read(index, body.read, now);
        Ok(())
    }) {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(r) => r.into_response(),
    }
}

async fn delete_message(
    State(state): State<Arc<GraphState>>,
    Path((upn, id)): Path<(String, String)>,
) -> Response {
    let now = state.clock.now();
    match with_mailbox(&state, &upn, |mb| {
        let index = message_index(mb, &id)?;
        mb.delete_message(index, now);
        Ok(())
    }) {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(r) => r.into_response(),
    }
}

#[derive(Deserialize)]
struct Generate {
    folder: String,
    count: usize,
    #[serde(default)]
    from: Option<Address>,
}

async fn generate(
    State(state): State<Arc<GraphState>>,
    Path(upn): Path<String>,
    Json(body): Json<Generate>,
) -> Response {
    let now = state.clock.now();
    let from = body.from.unwrap_or(Address {
        name: "Kunde".into(),
        address: "kunde@example.com".into(),
    });
    match with_mailbox(&state, &upn, |mb| {
        let folder = folder_id(mb, &body.folder)?;
        let me = Address {
            name: mb.user.display_name.clone(),
            address: mb.user.upn.clone(),
        };
        for i in 0..body.count {
            let received = now - Duration::minutes(i64::try_from(body.count - i).unwrap_or(0));
            let input = MailInput {
                folder: String::new(),
                subject: Some(format!("Nachricht {:05}", i + 1)),
                body_html: Some(format!(
                    "<html><body><p>Nachricht Nummer {}</p></body></html>",
                    i + 1
                )),
                from: Some(from.clone()),
                sender: None,
                to: vec![me.clone()],
                cc: Vec::new(),
                bcc: Vec::new(),
                received: Some(received),
                internet_message_id: None,
                is_read: false,
                attachments: Vec::new(),
            };
            let data = input
                .into_data(now)
                .map_err(|e| problem(StatusCode::BAD_REQUEST, e))?;
            mb.deliver(&folder, data, now);
        }
        Ok(body.count)
    }) {
        Ok(n) => (StatusCode::CREATED, Json(json!({"created": n}))).into_response(),
        Err(r) => r.into_response(),
    }
}

#[derive(Deserialize)]
struct Toggle {
    on: bool,
}

async fn empty_delta_pages(
    State(state): State<Arc<GraphState>>,
    Path(upn): Path<String>,
    Json(body): Json<Toggle>,
) -> Response {
    match with_mailbox(&state, &upn, |mb| {
        mb.empty_first_delta_page = body.on;
        Ok(())
    }) {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(r) => r.into_response(),
    }
}

async fn expire_delta(State(state): State<Arc<GraphState>>, Path(upn): Path<String>) -> Response {
    match with_mailbox(&state, &upn, |mb| Ok(mb.expire_sync_states())) {
        Ok(n) => Json(json!({"expired": n})).into_response(),
        Err(r) => r.into_response(),
    }
}

async fn add_fault(State(state): State<Arc<GraphState>>, Json(fault): Json<Fault>) -> Response {
    state
        .faults
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .push(fault);
    StatusCode::CREATED.into_response()
}

async fn release(State(state): State<Arc<GraphState>>) -> Response {
    state.release_held();
    StatusCode::NO_CONTENT.into_response()
}

async fn clear_faults(State(state): State<Arc<GraphState>>) -> Response {
    state.release_held();
    state
        .faults
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .clear();
    StatusCode::NO_CONTENT.into_response()
}

async fn get_limits(State(state): State<Arc<GraphState>>) -> Json<Limits> {
    Json(
        state
            .limits
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone(),
    )
}

async fn set_limits(State(state): State<Arc<GraphState>>, Json(limits): Json<Limits>) -> Response {
    *state.limits.lock().unwrap_or_else(|e| e.into_inner()) = limits;
    StatusCode::NO_CONTENT.into_response()
}

async fn requests(State(state): State<Arc<GraphState>>) -> Json<Value> {
    let bytes = state
        .served_bytes
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .clone();
    let requests = state.requests.lock().unwrap_or_else(|e| e.into_inner());
    Json(Value::Array(
        requests
            .iter()
            .map(|((endpoint, mailbox), count)| {
                let served = bytes
                    .get(&(endpoint.clone(), mailbox.clone()))
                    .copied()
                    .unwrap_or(0);
                json!({"endpoint": endpoint, "mailbox": mailbox, "count": count, "bytes": served})
            })
            .collect(),
    ))
}

async fn reset_requests(State(state): State<Arc<GraphState>>) -> Response {
    state
        .served_bytes
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .clear();
    state
        .requests
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .clear();
    StatusCode::NO_CONTENT.into_response()
}
