//! Chatter: `message_post`, followers, the mail gateway and whom a real Odoo would e-mail.
//!
//! Contract (FACTS 18-26, Odoo 17 `mail.thread`):
//! - `message_post` runs on exactly one record, needs write access to it, accepts mail.message
//!   fields and the notify parameters as kwargs and rejects `model`, `res_id`, `subtype` and
//!   unknown names with one ValueError; a plain-text body is HTML-escaped unless `body_is_html`.
//! - Author: `author_id` if given; else the partner whose e-mail matches `email_from` (or none);
//!   else the caller's partner.
//! - Notifications (the OUTBOX): subtype Discussions (`mail.mt_comment`) mails every follower
//!   except the CALLING user's partner; `partner_ids` are always mailed; a Note mails only
//!   `partner_ids`. Each mail becomes a `mail.notification` row (email, sent) and an outbox entry;
//!   the `mail.mail` row is sent and auto-deleted at once, as with a real mail server.
//! - Creating a record logs `<Model> created`; changing a tracked field logs a tracking
//!   message. Who follows what, and when Odoo adds followers by itself, is `followers.rs`.

use base64::Engine;
use serde_json::{Map, Value};
use sha1::Digest;

use super::access::Operation;
use super::errors::{RpcError, RpcResult, recordset_repr};
use super::models::{CallArgs, ids_of};
use super::orm::{Env, apply_commands, ids_value, normalize_email, parse_datetime, sanitize_html};
use super::store::{OutboxKind, OutboxMail, Record};
use super::{followers, images};

/// `mail.mt_comment` (Discussions).
pub const SUBTYPE_COMMENT: i64 = 1;
/// `mail.mt_note` (Note).
pub const SUBTYPE_NOTE: i64 = 2;
/// `calendar.subtype_invitation`.
pub const SUBTYPE_INVITATION: i64 = 4;

/// Keyword arguments `message_post` takes besides mail.message fields.
const POST_PARAMS: &[&str] = &[
    "body",
    "subject",
    "message_type",
    "email_from",
    "author_id",
    "parent_id",
    "subtype_xmlid",
    "subtype_id",
    "partner_ids",
    "attachments",
    "attachment_ids",
    "body_is_html",
    "outgoing_email_to",
    "force_email_company",
    "force_email_lang",
    "force_send",
    "mail_auto_delete",
    "model_description",
    "notify_author",
    "resend_existing",
    "scheduled_date",
    "send_after_commit",
    "skip_existing",
    "subtitles",
    "email_layout_xmlid",
    "email_add_signature",
    "record_name",
];
const FORBIDDEN: &[&str] = &["model", "res_id", "subtype"];

/// Fields whose change a record's chatter logs (`tracking=True` in Odoo 17).
pub fn tracked_fields(model: &str) -> &'static [&'static str] {
    match model {
        "res.partner" => &["email", "phone", "parent_id", "user_id", "vat"],
        "calendar.event" => &["start", "stop", "location"],
        "crm.lead" => &["stage_id", "user_id", "partner_id"],
        _ => &[],
    }
}

fn model_label(model: &str) -> &str {
    super::access::model_description(model)
}

fn html_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#x27;")
}

/// Odoo's `plaintext2html`: escape, newlines to `<br>`, wrap in a paragraph.
fn plaintext_to_html(text: &str) -> String {
    format!(
        "<p>{}</p>",
        html_escape(text)
            .replace("\r\n", "\n")
            .replace('\n', "<br>")
    )
}

fn generated_message_id(env: &Env, model: &str, res_id: i64) -> String {
    let n: u64 = rand::random::<u64>() % 1_000_000_000_000_000;
    format!(
        "<{n}.{}-openerp-{res_id}-{model}@fake-odoo>",
        env.now.and_utc().timestamp()
    )
}

fn partner_formatted(env: &Env, partner: i64) -> Value {
    match (
        env.db.text("res.partner", partner, "name"),
        env.db.text("res.partner", partner, "email"),
    ) {
        (Some(name), Some(email)) => Value::from(format!("\"{name}\" <{email}>")),
        (_, Some(email)) => Value::from(email),
        _ => Value::Bool(false),
    }
}

/// The first active partner (in `_order`) whose normalized e-mail matches.
fn partner_by_email(env: &Env, email: &str) -> Option<i64> {
    let wanted = normalize_email(email);
    if wanted.is_empty() {
        return None;
    }
    let mut hits: Vec<i64> = env
        .db
        .ids("res.partner")
        .into_iter()
        .filter(|p| env.db.raw("res.partner", *p, "active") != Value::Bool(false))
        .filter(|p| {
            env.db
                .text("res.partner", *p, "email")
                .is_some_and(|e| normalize_email(&e) == wanted)
        })
        .collect();
    env.sort_ids("res.partner", &mut hits, None);
    hits.first().copied()
}

fn subtype_from_xmlid(env: &Env, xmlid: &str) -> Result<i64, RpcError> {
    let (module, name) = xmlid.split_once('.').unwrap_or(("", xmlid));
    env.db
        .ids("ir.model.data")
        .into_iter()
        .find(|d| {
            env.db.text("ir.model.data", *d, "module").as_deref() == Some(module)
                && env.db.text("ir.model.data", *d, "name").as_deref() == Some(name)
        })
        .and_then(|d| env.db.raw("ir.model.data", d, "res_id").as_i64())
        .ok_or_else(|| RpcError::value(format!("External ID not found in the system: {xmlid}")))
}

fn follower_subtypes(env: &Env, model: &str, res_id: i64) -> Vec<(i64, Vec<i64>)> {
    env.db
        .ids("mail.followers")
        .into_iter()
        .filter(|f| {
            env.db.text("mail.followers", *f, "res_model").as_deref() == Some(model)
                && env.db.raw("mail.followers", *f, "res_id").as_i64() == Some(res_id)
        })
        .filter_map(|f| {
            let partner = env.db.m2o("mail.followers", f, "partner_id")?;
            let subtypes = ids_of(Some(&env.db.raw("mail.followers", f, "subtype_ids")));
            Some((partner, subtypes))
        })
        .collect()
}

/// Stores a mail.message (cache form) and returns its id.
pub fn store_message(env: &mut Env, mut rec: Record) -> i64 {
    rec.entry("is_internal").or_insert(Value::Bool(false));
    env.insert_new("mail.message", rec)
}

/// One e-mail to one partner, as `record_mail` files it.
pub struct Mail<'a> {
    /// Why it is sent.
    pub kind: OutboxKind,
    /// Its mail.message.
    pub message: i64,
    /// The recipient.
    pub partner: i64,
    /// Its subject.
    pub subject: &'a str,
    /// The document it is about.
    pub model: &'a str,
    /// The document's id.
    pub res_id: i64,
    /// The queued `mail.mail` row, `None` when it was sent and deleted at once.
    pub queued: Option<i64>,
}

/// Records one e-mail to a partner: a mail.notification row (`ready` while queued, `sent`
/// after) and an outbox entry.
pub fn record_mail(env: &mut Env, mail: Mail) {
    let Mail {
        kind,
        message,
        partner,
        subject,
        model,
        res_id,
        queued,
    } = mail;
    let status = if queued.is_some() { "ready" } else { "sent" };
    let mut n = Record::new();
    n.insert("mail_message_id".into(), Value::from(message));
    n.insert("res_partner_id".into(), Value::from(partner));
    n.insert("notification_type".into(), Value::from("email"));
    n.insert("notification_status".into(), Value::from(status));
    n.insert("is_read".into(), Value::Bool(true));
    env.insert_new("mail.notification", n);
    let email = env
        .db
        .text("res.partner", partner, "email")
        .unwrap_or_default();
    let db = env.db.name.clone();
    let uid = env.uid;
    env.db.outbox.push(OutboxMail {
        db,
        kind,
        partner_id: partner,
        email,
        subject: subject.to_string(),
        model: model.to_string(),
        res_id,
        mail_message_id: message,
        mail_id: queued,
        state: if queued.is_some() { "outgoing" } else { "sent" }.to_string(),
        caused_by_uid: uid,
    });
}

/// Deletes messages with what hangs on them in Odoo (`ondelete='cascade'`): their
/// notifications, tracking values and still-queued `mail.mail` rows, which then never leave,
/// so they leave the outbox too.
pub fn drop_messages(env: &mut Env, messages: &[i64]) {
    let db = &mut *env.db;
    for (model, link) in [
        ("mail.notification", "mail_message_id"),
        ("mail.tracking.value", "mail_message_id"),
        ("mail.mail", "mail_message_id"),
    ] {
        let rows: Vec<i64> = db
            .ids(model)
            .into_iter()
            .filter(|r| {
                db.m2o(model, *r, link)
                    .is_some_and(|m| messages.contains(&m))
            })
            .collect();
        for r in rows {
            db.table(model).rows.remove(&r);
        }
    }
    for m in messages {
        db.table("mail.message").rows.remove(m);
    }
    db.outbox
        .retain(|o| o.state != "outgoing" || !messages.contains(&o.mail_message_id));
}

/// Mails the recipients of a chatter message (FACTS 23).
fn notify(
    env: &mut Env,
    message: i64,
    model: &str,
    res_id: i64,
    subtype: i64,
    partner_ids: &[i64],
) {
    let me = env.user_partner();
    let internal = env.db.raw("mail.message.subtype", subtype, "internal") == Value::Bool(true);
    let mut recipients: Vec<i64> = Vec::new();
    if !internal {
        for (partner, subtypes) in follower_subtypes(env, model, res_id) {
            if partner != me && subtypes.contains(&subtype) && !recipients.contains(&partner) {
                recipients.push(partner);
            }
        }
    }
    for p in partner_ids {
        if !recipients.contains(p) {
            recipients.push(*p);
        }
    }
    let subject = match env.db.text("mail.message", message, "subject") {
        Some(s) => s,
        None => env
            .display(model, res_id)
            .as_str()
            .unwrap_or_default()
            .to_string(),
    };
    if !recipients.is_empty() {
        // one mail.mail is created per notified message, sent and auto-deleted at once
        env.db.table("mail.mail").allocate();
    }
    for partner in recipients {
        record_mail(
            env,
            Mail {
                kind: OutboxKind::Notification,
                message,
                partner,
                subject: &subject,
                model,
                res_id,
                queued: None,
            },
        );
    }
}

/// Subscribes the creator and logs `<Model> created` (mail.thread create).
pub fn after_create(env: &mut Env, model: &str, id: i64) {
    followers::after_create(env, model, id);
    if !env.context_flag("mail_create_nolog") && !env.context_flag("tracking_disable") {
        log_note(
            env,
            model,
            id,
            &format!("<p>{} created</p>", model_label(model)),
            "notification",
            SUBTYPE_NOTE,
        );
    }
}

/// Logs a notification message in a record's chatter (no e-mail).
pub fn log_note(
    env: &mut Env,
    model: &str,
    res_id: i64,
    body: &str,
    message_type: &str,
    subtype: i64,
) -> i64 {
    let me = env.user_partner();
    let mut rec = Record::new();
    rec.insert("model".into(), Value::from(model));
    rec.insert("res_id".into(), Value::from(res_id));
    rec.insert("body".into(), Value::from(body));
    rec.insert("message_type".into(), Value::from(message_type));
    rec.insert("subtype_id".into(), Value::from(subtype));
    rec.insert("author_id".into(), Value::from(me));
    rec.insert("email_from".into(), partner_formatted(env, me));
    rec.insert("reply_to".into(), partner_formatted(env, me));
    rec.insert("date".into(), Value::from(env.now_stored()));
    rec.insert(
        "message_id".into(),
        Value::from(
            generated_message_id(env, "message-notify", 0)
                .replace("-0-message-notify", "-message-notify"),
        ),
    );
    store_message(env, rec)
}

/// Logs a tracking message when a tracked field changed.
pub fn track_changes(env: &mut Env, model: &str, id: i64, before: &[(String, Value)]) {
    let changed: Vec<(String, Value, Value)> = before
        .iter()
        .filter_map(|(f, old)| {
            let new = env.cache_value(model, id, f);
            (new != *old).then(|| (f.clone(), old.clone(), new))
        })
        .collect();
    if changed.is_empty() {
        return;
    }
    let msg = log_note(env, model, id, "", "notification", SUBTYPE_NOTE);
    for (field, old, new) in changed {
        let text = |v: &Value| match v {
            Value::String(s) => Value::from(s.clone()),
            Value::Number(n) => Value::from(n.to_string()),
            _ => Value::Bool(false),
        };
        let mut t = Record::new();
        t.insert("field_id".into(), Value::from(field));
        t.insert("old_value_char".into(), text(&old));
        t.insert("new_value_char".into(), text(&new));
        t.insert("mail_message_id".into(), Value::from(msg));
        env.insert_new("mail.tracking.value", t);
    }
}

fn check_document_write(env: &Env, model: &str) -> Result<(), RpcError> {
    env.check_access(model, Operation::Write)
}

/// `message_post`, `message_subscribe`, `message_unsubscribe`.
pub fn call(env: &mut Env, model: &str, method: &str, a: &CallArgs) -> RpcResult {
    let ids = a.ids();
    match method {
        "message_post" => {
            if ids.len() != 1 {
                return Err(RpcError::value(format!(
                    "Expected singleton: {}",
                    recordset_repr(model, &ids)
                )));
            }
            message_post(env, model, ids[0], a.kwargs).map(|id| Some(Value::from(id)))
        }
        "message_subscribe" => followers::message_subscribe(env, model, a),
        "message_unsubscribe" => followers::message_unsubscribe(env, model, a),
        _ => Err(RpcError::new(
            "builtins.AttributeError",
            format!("The method '{method}' does not exist on the model '{model}'"),
        )),
    }
}

/// Refuses the keyword arguments `message_post` does not take (one ValueError naming them all).
fn check_post_kwargs(env: &mut Env, kwargs: &Map<String, Value>) -> Result<(), RpcError> {
    let registry = env.db.registry.clone();
    let message_fields = registry
        .models
        .get("mail.message")
        .cloned()
        .unwrap_or_default();
    let mut invalid: Vec<&str> = kwargs
        .keys()
        .map(String::as_str)
        .filter(|k| {
            FORBIDDEN.contains(k) || (!POST_PARAMS.contains(k) && message_fields.field(k).is_none())
        })
        .collect();
    if invalid.is_empty() {
        return Ok(());
    }
    invalid.sort_unstable();
    // NOTE: the recorded server took a mail.message id for these failed posts (ids 121, 122)
    env.db.table("mail.message").allocate();
    Err(RpcError::value(format!(
        "Those values are not supported when posting or notifying: {}",
        invalid.join(", ")
    )))
}

/// The stored body: HTML sanitized with `body_is_html`, else escaped plain text (FACTS 19).
fn post_body(kwargs: &Map<String, Value>) -> String {
    let body_is_html = kwargs.get("body_is_html") == Some(&Value::Bool(true));
    match kwargs.get("body") {
        Some(Value::String(s)) if body_is_html => sanitize_html(s),
        Some(Value::String(s)) if s.is_empty() => String::new(),
        Some(Value::String(s)) => plaintext_to_html(s),
        _ => String::new(),
    }
}

/// `author_id` and `email_from` of a post (`_message_compute_author`, FACTS 20).
fn post_author(env: &Env, kwargs: &Map<String, Value>) -> (Value, Value) {
    let email_from_kw = kwargs
        .get("email_from")
        .and_then(Value::as_str)
        .map(str::to_string);
    match (
        kwargs.get("author_id").and_then(Value::as_i64),
        email_from_kw,
    ) {
        (Some(author), Some(from)) => (Value::from(author), Value::from(from)),
        (Some(author), None) => (Value::from(author), partner_formatted(env, author)),
        (None, Some(from)) => (
            partner_by_email(env, &from)
                .map(Value::from)
                .unwrap_or(Value::Bool(false)),
            Value::from(from),
        ),
        (None, None) => {
            let me = env.user_partner();
            (Value::from(me), partner_formatted(env, me))
        }
    }
}

/// Links pending attachments to the document and creates those given as `(name, content)`
/// (`_process_attachments_for_post`); the message's attachment ids in `_order`.
fn post_attachments(
    env: &mut Env,
    model: &str,
    res_id: i64,
    kwargs: &Map<String, Value>,
) -> Vec<i64> {
    let mut attachment_ids = ids_of(kwargs.get("attachment_ids"));
    for att in &attachment_ids.clone() {
        let pending = env.db.text("ir.attachment", *att, "res_model").as_deref()
            == Some("mail.compose.message")
            && env
                .db
                .raw("ir.attachment", *att, "res_id")
                .as_i64()
                .unwrap_or(0)
                == 0;
        if pending {
            let mut rec = Record::new();
            rec.insert("res_model".into(), Value::from(model));
            rec.insert("res_id".into(), Value::from(res_id));
            env.update("ir.attachment", *att, rec);
        }
    }
    if let Some(Value::Array(tuples)) = kwargs.get("attachments") {
        for t in tuples {
            let name = t
                .get(0)
                .and_then(Value::as_str)
                .unwrap_or("attachment")
                .to_string();
            let content = t.get(1).and_then(Value::as_str).unwrap_or_default();
            let mut rec = Record::new();
            rec.insert("name".into(), Value::from(name));
            rec.insert(
                "datas".into(),
                Value::from(base64::engine::general_purpose::STANDARD.encode(content.as_bytes())),
            );
            rec.insert("res_model".into(), Value::from(model));
            rec.insert("res_id".into(), Value::from(res_id));
            rec.insert("type".into(), Value::from("binary"));
            prepare_attachment(&mut rec);
            attachment_ids.push(env.insert_new("ir.attachment", rec));
        }
    }
    env.sort_ids("ir.attachment", &mut attachment_ids, None);
    attachment_ids
}

/// `message_post` on one document (FACTS 18-23): the new message's id.
fn message_post(
    env: &mut Env,
    model: &str,
    res_id: i64,
    kwargs: &Map<String, Value>,
) -> Result<i64, RpcError> {
    check_post_kwargs(env, kwargs)?;
    env.ensure_exist(model, &[res_id])?;
    check_document_write(env, model)?;
    let subtype = match (
        kwargs.get("subtype_id").and_then(Value::as_i64),
        kwargs.get("subtype_xmlid").and_then(Value::as_str),
    ) {
        (Some(id), _) => id,
        (None, Some(xmlid)) => subtype_from_xmlid(env, xmlid)?,
        (None, None) => SUBTYPE_NOTE,
    };
    let (author, email_from) = post_author(env, kwargs);
    let date = match kwargs.get("date") {
        Some(Value::String(s)) => parse_datetime(s)?.format("%Y-%m-%d %H:%M:%S").to_string(),
        _ => env.now_stored(),
    };
    let partner_ids = ids_of(kwargs.get("partner_ids"));
    if env.context_flag("mail_post_autofollow") && !partner_ids.is_empty() {
        followers::subscribe_checked(env, model, &[res_id], &partner_ids, &[])?;
    }
    let attachment_ids = post_attachments(env, model, res_id, kwargs);

    let mut rec = Record::new();
    // any other mail.message field given as kwarg is stored as given (FACTS 18)
    for (k, v) in kwargs {
        if POST_PARAMS.contains(&k.as_str()) || k == "date" {
            continue;
        }
        let converted = env.convert_vals(
            "mail.message",
            &Map::from_iter([(k.clone(), v.clone())]),
            None,
        )?;
        rec.extend(converted);
    }
    let message_id = match kwargs.get("message_id").and_then(Value::as_str) {
        Some(m) => m.to_string(),
        None => generated_message_id(env, model, res_id),
    };
    let message_type = kwargs
        .get("message_type")
        .and_then(Value::as_str)
        .unwrap_or("notification")
        .to_string();
    rec.insert("model".into(), Value::from(model));
    rec.insert("res_id".into(), Value::from(res_id));
    rec.insert("body".into(), Value::from(post_body(kwargs)));
    rec.insert(
        "subject".into(),
        kwargs.get("subject").cloned().unwrap_or(Value::Bool(false)),
    );
    rec.insert("message_type".into(), Value::from(message_type.clone()));
    rec.insert("subtype_id".into(), Value::from(subtype));
    rec.insert("author_id".into(), author);
    rec.insert("reply_to".into(), email_from.clone());
    rec.insert("email_from".into(), email_from);
    rec.insert("date".into(), Value::from(date));
    rec.insert("message_id".into(), Value::from(message_id));
    rec.insert("partner_ids".into(), ids_value(partner_ids.clone()));
    rec.insert("attachment_ids".into(), ids_value(attachment_ids));
    rec.insert("record_name".into(), env.display(model, res_id));
    let msg = store_message(env, rec);
    followers::after_post(env, model, res_id, &message_type);
    notify(env, msg, model, res_id, subtype, &partner_ids);
    Ok(msg)
}

/// `mail.message.create` (FACTS 20): needs write access to the document; notifies nobody.
pub fn create_message_direct(env: &mut Env, vals: Map<String, Value>) -> Result<i64, RpcError> {
    if let Some(model) = vals.get("model").and_then(Value::as_str)
        && model != "mail.message"
        && env.db.registry.models.contains_key(model)
    {
        check_document_write(env, model)?;
    }
    let mut rec = env.convert_vals("mail.message", &vals, None)?;
    let me = env.user_partner();
    rec.entry("author_id").or_insert(Value::from(me));
    if !rec.contains_key("email_from") {
        rec.insert("email_from".into(), partner_formatted(env, me));
    }
    let from = rec.get("email_from").cloned().unwrap_or(Value::Bool(false));
    rec.entry("reply_to").or_insert(from);
    rec.entry("message_type").or_insert(Value::from("comment"));
    rec.entry("date").or_insert(Value::from(env.now_stored()));
    let model = rec
        .get("model")
        .and_then(Value::as_str)
        .unwrap_or("mail.message")
        .to_string();
    let res_id = rec.get("res_id").and_then(Value::as_i64).unwrap_or(0);
    if !rec.contains_key("message_id") {
        rec.insert(
            "message_id".into(),
            Value::from(generated_message_id(env, &model, res_id)),
        );
    }
    Ok(store_message(env, rec))
}

/// Fills an attachment's computed columns (size, SHA-1 checksum, mimetype) from `datas`.
pub fn prepare_attachment(rec: &mut Record) {
    let data = images::datas(rec);
    rec.insert("file_size".into(), Value::from(data.len()));
    // Odoo's checksum is the SHA-1 of the content (ir.attachment._compute_checksum)
    let digest = sha1::Sha1::digest(&data);
    rec.insert(
        "checksum".into(),
        Value::from(hex_string(&digest)[..40].to_string()),
    );
    let mime = images::mimetype(
        rec.get("mimetype").and_then(Value::as_str),
        rec.get("name").and_then(Value::as_str),
        &data,
    );
    rec.insert("mimetype".into(), Value::from(mime));
}

fn hex_string(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn header(headers: &str, name: &str) -> Option<String> {
    let unfolded = headers
        .replace("\r\n ", " ")
        .replace("\r\n\t", " ")
        .replace("\n ", " ");
    unfolded.lines().find_map(|line| {
        let (k, v) = line.split_once(':')?;
        k.trim()
            .eq_ignore_ascii_case(name)
            .then(|| v.trim().to_string())
    })
}

/// `mail.thread.message_process(model, message, thread_id=...)`: the mail gateway (FACTS 22).
///
/// Dedups by Message-ID (answers `false`), files the mail as an e-mail with subtype Discussions,
/// subscribes the known author and mails the followers except the caller.
pub fn message_process(env: &mut Env, a: &CallArgs) -> RpcResult {
    let model = a
        .get(0, "model")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    let raw = a
        .get(1, "message")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    let Some(thread_id) = a.get(5, "thread_id").and_then(Value::as_i64) else {
        return Err(RpcError::value(
            "No possible route found for incoming message",
        ));
    };
    env.model(&model)?;
    let (headers, body) = raw
        .split_once("\r\n\r\n")
        .or_else(|| raw.split_once("\n\n"))
        .unwrap_or((raw.as_str(), ""));
    let message_id = header(headers, "Message-ID")
        .unwrap_or_else(|| generated_message_id(env, &model, thread_id));
    let duplicate = env.db.ids("mail.message").into_iter().any(|m| {
        env.db.text("mail.message", m, "message_id").as_deref() == Some(message_id.as_str())
    });
    if duplicate {
        return Ok(Some(Value::Bool(false)));
    }
    env.ensure_exist(&model, &[thread_id])?;
    let from = header(headers, "From").unwrap_or_default();
    let author = partner_by_email(env, &from);
    let date = header(headers, "Date")
        .and_then(|d| chrono::DateTime::parse_from_rfc2822(&d).ok())
        .map(|d| d.naive_utc().format("%Y-%m-%d %H:%M:%S").to_string())
        .unwrap_or_else(|| env.now_stored());
    let body = body_html(headers, body);
    let to_partners = addressed_partners(env, headers);
    let mut rec = Record::new();
    rec.insert("model".into(), Value::from(model.clone()));
    rec.insert("res_id".into(), Value::from(thread_id));
    rec.insert("body".into(), Value::from(body));
    rec.insert(
        "subject".into(),
        header(headers, "Subject")
            .map(Value::from)
            .unwrap_or(Value::Bool(false)),
    );
    rec.insert("message_type".into(), Value::from("email"));
    rec.insert("subtype_id".into(), Value::from(SUBTYPE_COMMENT));
    rec.insert(
        "author_id".into(),
        author.map(Value::from).unwrap_or(Value::Bool(false)),
    );
    rec.insert("email_from".into(), Value::from(from.clone()));
    rec.insert("reply_to".into(), Value::from(from));
    rec.insert("date".into(), Value::from(date));
    rec.insert("message_id".into(), Value::from(message_id));
    rec.insert("partner_ids".into(), ids_value(to_partners));
    rec.insert("record_name".into(), env.display(&model, thread_id));
    // the gateway runs as the superuser (OdooBot, uid 1)
    rec.insert("create_uid".into(), Value::from(1));
    let msg = store_message(env, rec);
    if let Some(author) = author {
        followers::subscribe(env, &model, thread_id, author);
    }
    notify(env, msg, &model, thread_id, SUBTYPE_COMMENT, &[]);
    Ok(Some(Value::from(thread_id)))
}

/// The mail's body as Odoo stores it: HTML sanitised, plain text turned into HTML.
fn body_html(headers: &str, body: &str) -> String {
    let html =
        header(headers, "Content-Type").is_some_and(|c| c.to_lowercase().contains("text/html"));
    if html {
        sanitize_html(body)
    } else {
        plaintext_to_html(body.trim_end())
    }
}

/// The partners whose addresses are on the mail's To and Cc.
fn addressed_partners(env: &Env, headers: &str) -> Vec<i64> {
    ["To", "Cc"]
        .into_iter()
        .filter_map(|field| header(headers, field))
        .flat_map(|list| {
            list.split(',')
                .filter_map(|addr| partner_by_email(env, addr))
                .collect::<Vec<_>>()
        })
        .collect()
}

/// Applies x2many commands to a message's stored ids (used by direct creates).
pub fn x2many(current: Vec<i64>, value: &Value) -> Result<Vec<i64>, RpcError> {
    apply_commands(current, value)
}
