//! Followers: the `mail.followers` rows and the follower API of `mail.thread`, as Odoo 17 has them.
//!
//! Contract (FACTS 25-26, transcripts 51 and 83-96; Odoo 17 `mail/models/mail_followers.py`,
//! `mail/models/mail_thread.py` `message_subscribe`, `_message_subscribe`,
//! `message_unsubscribe`, `_message_auto_subscribe`, `message_post`, and
//! `mail/security/ir.model.access.csv`):
//! - A row is `res_model`, `res_id`, `partner_id`, `subtype_ids`; `name`, `email` and `is_active`
//!   are the partner's (related fields, read live); no create/write columns (`_log_access =
//!   False`). One partner follows one document once: a second row is the unique index's
//!   ValidationError.
//! - Rights: every internal user reads every row; only Administration/Settings creates,
//!   changes or deletes rows directly (`access.rs`).
//! - `message_subscribe(ids, partner_ids, subtype_ids)` answers `true`: at once without a check
//!   when there is nothing to do; for the caller's own partner alone it needs read access to
//!   the documents and answers `false` (no error) without it; for anyone else it needs write
//!   access (AccessError) and skips archived partners. A partner who already follows keeps
//!   their subtypes, unless `subtype_ids` is given (then they are replaced).
//! - `message_unsubscribe(ids, partner_ids)` answers None (no `result` key, FACTS 2); without
//!   partners `true`. An internal user removes their own partner without any check; anyone else
//!   needs write access.
//! - Automatic followers: the creator of a record (unless `mail_create_nosubscribe` or
//!   `tracking_disable`), the caller posting anything but a notification (unless
//!   `mail_create_nosubscribe`), the `partner_ids` of a post with `mail_post_autofollow`, the
//!   salesperson (`user_id`, a tracked field) given to a contact — who is also mailed "You have
//!   been assigned to ..." unless it is the caller or the context has
//!   `mail_auto_subscribe_no_notify` —, the author of a gateway mail (`mail.rs`).
//! - A deleted document loses its followers; a deleted partner stops following anything
//!   (`ondelete='cascade'`).

use serde_json::{Map, Value, json};

use super::access::Operation;
use super::errors::{RpcError, RpcResult};
use super::mail::{self, Mail, SUBTYPE_COMMENT};
use super::models::{CallArgs, ids_of};
use super::orm::Env;
use super::store::{OutboxKind, Record};

const MODEL: &str = "mail.followers";

/// The default subtypes of a new follower: Discussions (transcripts 84, 86).
fn default_subtypes() -> Vec<i64> {
    vec![SUBTYPE_COMMENT]
}

/// The follower row of `partner` on a document, if they follow it.
pub fn find(env: &Env, model: &str, res_id: i64, partner: i64) -> Option<i64> {
    rows_of(env, model, res_id)
        .into_iter()
        .find(|f| env.db.m2o(MODEL, *f, "partner_id") == Some(partner))
}

/// The follower rows of a document, oldest first.
pub fn rows_of(env: &Env, model: &str, res_id: i64) -> Vec<i64> {
    let db = &*env.db;
    db.ids(MODEL)
        .into_iter()
        .filter(|f| {
            db.text(MODEL, *f, "res_model").as_deref() == Some(model)
                && db.raw(MODEL, *f, "res_id").as_i64() == Some(res_id)
        })
        .collect()
}

/// Adds a follower with the default subtypes unless they already follow (Odoo's
/// `_insert_followers` with `existing_policy='skip'`, FACTS 26: idempotent).
pub fn subscribe(env: &mut Env, model: &str, res_id: i64, partner: i64) {
    subscribe_with(env, model, res_id, partner, None);
}

/// Adds a follower; with `subtypes` an existing follower's subtypes are replaced
/// (`existing_policy='replace'`), without them an existing follower stays as they are.
fn subscribe_with(env: &mut Env, model: &str, res_id: i64, partner: i64, subtypes: Option<&[i64]>) {
    if partner == 0 {
        return;
    }
    let wanted = subtypes.map_or_else(default_subtypes, <[i64]>::to_vec);
    if let Some(row) = find(env, model, res_id, partner) {
        if subtypes.is_some()
            && let Some(r) = env.db.table(MODEL).rows.get_mut(&row)
        {
            r.insert("subtype_ids".into(), json!(wanted));
        }
        return;
    }
    let mut rec = Record::new();
    rec.insert("res_model".into(), Value::from(model));
    rec.insert("res_id".into(), Value::from(res_id));
    rec.insert("partner_id".into(), Value::from(partner));
    rec.insert("subtype_ids".into(), json!(wanted));
    insert_row(env, rec);
}

/// Stores a row without log columns (`_log_access = False`: fields_get of transcript 83 has
/// no create or write dates).
fn insert_row(env: &mut Env, rec: Record) -> i64 {
    let id = env.db.table(MODEL).allocate();
    env.db.insert(MODEL, id, rec);
    id
}

/// Whether the calling user may read every one of the documents (ACL and record rules).
fn may_read(env: &Env, model: &str, ids: &[i64]) -> bool {
    env.check_access(model, Operation::Read).is_ok()
        && ids.iter().all(|id| env.passes_record_rules(model, *id))
}

/// `message_subscribe(partner_ids=..., subtype_ids=...)` on the documents `ids`.
pub fn message_subscribe(env: &mut Env, model: &str, a: &CallArgs) -> RpcResult {
    let partners = ids_of(a.get(1, "partner_ids"));
    let subtypes = ids_of(a.get(2, "subtype_ids"));
    subscribe_checked(env, model, &a.ids(), &partners, &subtypes)
}

/// The public follower API with Odoo's checks: `true`, or `false` when the caller may not even
/// read the documents they want to follow themselves.
pub fn subscribe_checked(
    env: &mut Env,
    model: &str,
    ids: &[i64],
    partners: &[i64],
    subtypes: &[i64],
) -> RpcResult {
    if ids.is_empty() || partners.is_empty() {
        return Ok(Some(Value::Bool(true)));
    }
    let me = env.user_partner();
    let partners: Vec<i64> = if partners.iter().all(|p| *p == me) {
        env.ensure_exist(model, ids)?;
        // reading is enough to follow a document oneself; without it Odoo answers False
        if !may_read(env, model, ids) {
            return Ok(Some(Value::Bool(false)));
        }
        vec![me]
    } else {
        env.check_access(model, Operation::Write)?;
        env.ensure_exist(model, ids)?;
        // archived (and unknown) partners are left out without a word
        partners
            .iter()
            .copied()
            .filter(|p| {
                env.db.get("res.partner", *p).is_some()
                    && env.db.raw("res.partner", *p, "active") != Value::Bool(false)
            })
            .collect()
    };
    let replace = (!subtypes.is_empty()).then_some(subtypes);
    for id in ids {
        for p in &partners {
            subscribe_with(env, model, *id, *p, replace);
        }
    }
    Ok(Some(Value::Bool(true)))
}

/// `message_unsubscribe(partner_ids=...)`: answers None, so the response has no `result` key.
pub fn message_unsubscribe(env: &mut Env, model: &str, a: &CallArgs) -> RpcResult {
    let ids = a.ids();
    let partners = ids_of(a.get(1, "partner_ids"));
    if partners.is_empty() {
        return Ok(Some(Value::Bool(true)));
    }
    let me = env.user_partner();
    // NOTE: Odoo 17 lets an internal user unfollow without any check, so that the inbox can
    // unfollow a document of another company; every user of the fake is internal
    if partners.iter().any(|p| *p != me) {
        env.check_access(model, Operation::Write)?;
        env.ensure_exist(model, &ids)?;
    }
    for id in &ids {
        for p in &partners {
            if let Some(row) = find(env, model, *id, *p) {
                env.db.table(MODEL).rows.remove(&row);
            }
        }
    }
    Ok(None)
}

/// `mail.followers.create` (administrators only, `access.rs`): a partner follows a document
/// once; a second row fails on the unique index (transcripts 95, 96).
pub fn create_direct(env: &mut Env, vals: Map<String, Value>) -> Result<i64, RpcError> {
    let mut rec = env.convert_vals(MODEL, &vals, None)?;
    // the related fields are the partner's: given values do not stick
    for related in ["name", "email", "is_active"] {
        rec.remove(related);
    }
    super::models::check_required(env, MODEL, &rec)?;
    let model = rec
        .get("res_model")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    let res_id = rec.get("res_id").and_then(Value::as_i64).unwrap_or(0);
    let partner = rec.get("partner_id").and_then(Value::as_i64).unwrap_or(0);
    if find(env, &model, res_id, partner).is_some() {
        // the unique index rejects the INSERT after the sequence gave it an id
        env.db.table(MODEL).allocate();
        return Err(duplicate());
    }
    rec.entry("subtype_ids").or_insert(json!([]));
    Ok(insert_row(env, rec))
}

/// `mail.followers.write` (administrators only): the same unique index guards a change.
pub fn write_direct(env: &mut Env, ids: &[i64], vals: &Map<String, Value>) -> Result<(), RpcError> {
    for id in ids {
        let mut rec = env.convert_vals(MODEL, vals, Some(*id))?;
        for related in ["name", "email", "is_active"] {
            rec.remove(related);
        }
        let get = |k: &str| rec.get(k).cloned().unwrap_or(env.db.raw(MODEL, *id, k));
        let (model, res_id, partner) = (get("res_model"), get("res_id"), get("partner_id"));
        let clash = find(
            env,
            model.as_str().unwrap_or_default(),
            res_id.as_i64().unwrap_or(0),
            partner.as_i64().unwrap_or(0),
        )
        .is_some_and(|other| other != *id);
        if clash {
            return Err(duplicate());
        }
        if let Some(row) = env.db.table(MODEL).rows.get_mut(id) {
            row.extend(rec);
        }
    }
    Ok(())
}

fn duplicate() -> RpcError {
    RpcError::validation(
        "The operation cannot be completed: Error, a partner cannot follow twice the same object.",
    )
}

/// A related field of a follower row (`name`, `email`, `is_active` are the partner's).
pub fn related(env: &Env, id: i64, field: &str) -> Option<Value> {
    let source = match field {
        "name" | "email" => field,
        "is_active" => "active",
        _ => return None,
    };
    let partner = env.db.m2o(MODEL, id, "partner_id")?;
    let value = env.db.raw("res.partner", partner, source);
    Some(if field == "is_active" {
        Value::Bool(value != Value::Bool(false))
    } else {
        value
    })
}

/// Removes the followers of deleted documents and the rows of deleted partners.
pub fn forget(env: &mut Env, model: &str, ids: &[i64]) {
    let db = &*env.db;
    let gone: Vec<i64> = db
        .ids(MODEL)
        .into_iter()
        .filter(|f| {
            let document = db.text(MODEL, *f, "res_model").as_deref() == Some(model)
                && db
                    .raw(MODEL, *f, "res_id")
                    .as_i64()
                    .is_some_and(|r| ids.contains(&r));
            let follower = model == "res.partner"
                && db
                    .m2o(MODEL, *f, "partner_id")
                    .is_some_and(|p| ids.contains(&p));
            document || follower
        })
        .collect();
    for f in gone {
        env.db.table(MODEL).rows.remove(&f);
    }
}

/// Who follows a new record: its creator (`mail.thread.create`), unless the context says not to.
pub fn after_create(env: &mut Env, model: &str, id: i64) {
    if env.context_flag("mail_create_nosubscribe") || env.context_flag("tracking_disable") {
        return;
    }
    let me = env.user_partner();
    subscribe(env, model, id, me);
}

/// `message_post` makes the poster a follower, so that answers reach them, unless the post is a
/// notification or the context has `mail_create_nosubscribe`. The caller counts, not the
/// author: an import posting in a customer's name makes the importing user follow.
pub fn after_post(env: &mut Env, model: &str, id: i64, message_type: &str) {
    if message_type == "notification" || env.context_flag("mail_create_nosubscribe") {
        return;
    }
    // NOTE: OdooBot (the gateway, crons) is inactive: it does not follow anything
    if env.db.raw("res.users", env.uid, "active") == Value::Bool(false) {
        return;
    }
    let me = env.user_partner();
    subscribe(env, model, id, me);
}

/// `_message_auto_subscribe`: a salesperson given to a contact (create or write with a
/// `user_id`) follows it and, unless it is the caller, is mailed that they were assigned.
pub fn after_assignment(env: &mut Env, model: &str, id: i64, vals: &Map<String, Value>) {
    if model != "res.partner" || env.context_flag("tracking_disable") {
        return;
    }
    let Some(user) = vals.get("user_id").and_then(salesperson_id) else {
        return;
    };
    let active = env.db.get("res.users", user).is_some()
        && env.db.raw("res.users", user, "active") != Value::Bool(false);
    let Some(partner) = env.db.user_partner(user).filter(|_| active) else {
        return;
    };
    subscribe(env, model, id, partner);
    if user == env.uid || env.context_flag("mail_auto_subscribe_no_notify") {
        return;
    }
    notify_assignment(env, model, id, partner);
}

/// A many2one value as written: an id, or `[id, name]`.
fn salesperson_id(value: &Value) -> Option<i64> {
    match value {
        Value::Array(pair) => pair.first().and_then(Value::as_i64),
        other => other.as_i64(),
    }
}

/// `_message_auto_subscribe_notify`: a `user_notification` message to the new salesperson,
/// e-mailed at once (Odoo's default notification type for users is e-mail).
fn notify_assignment(env: &mut Env, model: &str, id: i64, partner: i64) {
    let name = env
        .display(model, id)
        .as_str()
        .unwrap_or_default()
        .to_string();
    let subject = format!("You have been assigned to {name}");
    let message = mail::log_note(env, model, id, "", "user_notification", mail::SUBTYPE_NOTE);
    if let Some(row) = env.db.table("mail.message").rows.get_mut(&message) {
        row.insert("subject".into(), Value::from(subject.clone()));
        row.insert("partner_ids".into(), json!([partner]));
        row.insert("record_name".into(), Value::from(name));
    }
    mail::record_mail(
        env,
        Mail {
            kind: OutboxKind::Assignment,
            message,
            partner,
            subject: &subject,
            model,
            res_id: id,
            queued: None,
        },
    );
}
