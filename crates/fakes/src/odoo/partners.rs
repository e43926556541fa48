//! Contacts (`res.partner`) as Odoo 17's ORM has them: the computed fields a contacts sync
//! reads, photos stored as attachments, what `create` and `write` do besides storing values.
//!
//! Contract (FACTS 14-17, 38-40, 43-44, transcripts 28, 30-34, 180, 190-192, 208, 209; Odoo 17
//! `base/models/res_partner.py`, `fields.Binary`/`fields.Image`, `tools/image.py`):
//! - `display_name` is "Company, Person" for a person of a company (the commercial company's
//!   name, else the parent's); `commercial_partner_id` is the topmost company (or the contact
//!   itself); `commercial_company_name` that company's name (else `company_name`).
//! - `create` and `write`: a website without scheme gets `http://`; a person of a company takes
//!   the company's salesperson when given none and the company's language when given none; a
//!   contact (`type` contact) of a company takes the company's address when the company has one;
//!   the first contact with an address of a company without one gives it to the company; a
//!   company's changed address is copied to its contacts (a write: their `write_date` moves).
//! - `write`: archiving a contact of an active user is refused (RedirectWarning for someone who
//!   may change users, else ValidationError); changing the contact of another internal user
//!   needs the right to change users.
//! - Photos: `image_1920` (or any smaller size, which writes it through) is raw base64; Odoo
//!   opens it (a PNG's pixels are decoded) and refuses what is no image. Every size is stored
//!   as an attachment (`ir.attachment`, `res_model` res.partner, `res_field` the size, `name`
//!   the field name) whose `checksum` (SHA-1) and `file_size` change exactly when the picture
//!   does; no picture, no attachment. Each size is the picture shrunk to fit it
//!   ([`super::image_sizes`]): a 10 MB `image_1920` has a small `image_512` and `image_128`.
//!
//! Versions (checked against Odoo's source of each): 16.0-18.0 have `mobile` and `title`
//! (`res.partner.title`); 19.0 has neither (`mobile` dropped in saas-18.2, odoo/odoo 6b820eb6;
//! the title model and field in saas-18.1, odoo/odoo#187357), see `version.rs`.

use base64::Engine;
use serde_json::{Map, Value};

use super::access::{self, Operation, Role};
use super::errors::RpcError;
use super::mail::prepare_attachment;
use super::orm::{Env, ids_value, normalize_email};
use super::store::{Database, Record};

const MODEL: &str = "res.partner";
/// The stored picture sizes, largest first (`image.mixin`).
pub const IMAGE_FIELDS: [&str; 5] = [
    "image_1920",
    "image_1024",
    "image_512",
    "image_256",
    "image_128",
];
/// `_address_fields()` of Odoo 17.
const ADDRESS_FIELDS: [&str; 6] = ["street", "street2", "zip", "city", "state_id", "country_id"];

fn is_company(db: &Database, id: i64) -> bool {
    db.raw(MODEL, id, "is_company") == Value::Bool(true)
}

/// The topmost company of a contact, or the contact itself (`_compute_commercial_partner`).
pub fn commercial_partner(db: &Database, id: i64) -> i64 {
    let mut current = id;
    // NOTE: a bounded walk: a parent loop (which Odoo's `_check_recursion` forbids) must not hang
    for _ in 0..64 {
        if is_company(db, current) {
            break;
        }
        match db.m2o(MODEL, current, "parent_id") {
            Some(p) if db.get(MODEL, p).is_some() => current = p,
            _ => break,
        }
    }
    current
}

/// `_compute_commercial_company_name`: the commercial company's name, else `company_name`.
fn commercial_company_name(db: &Database, id: i64) -> Value {
    let commercial = commercial_partner(db, id);
    if is_company(db, commercial) {
        db.raw(MODEL, commercial, "name")
    } else {
        db.raw(MODEL, id, "company_name")
    }
}

/// `_get_complete_name` (FACTS 15): "Company, Person" for a person of a company.
pub fn display_name(db: &Database, id: i64) -> Value {
    let name = db.text(MODEL, id, "name").unwrap_or_default();
    let parent = db.m2o(MODEL, id, "parent_id");
    let company_name = db.text(MODEL, id, "company_name");
    if (parent.is_none() && company_name.is_none()) || is_company(db, id) {
        return Value::from(name.trim().to_string());
    }
    let company = match commercial_company_name(db, id) {
        Value::String(s) if !s.is_empty() => s,
        _ => parent
            .and_then(|p| db.text(MODEL, p, "name"))
            .unwrap_or_default(),
    };
    Value::from(format!("{company}, {name}").trim().to_string())
}

/// The computed fields of a contact a client reads, or `None` for a stored field.
pub fn computed(env: &Env, id: i64, field: &str) -> Option<Value> {
    let db = &*env.db;
    Some(match field {
        "complete_name" => display_name(db, id),
        "commercial_partner_id" => Value::from(commercial_partner(db, id)),
        "commercial_company_name" => commercial_company_name(db, id),
        "child_ids" => {
            let mut kids: Vec<i64> = referencing(db, MODEL, "parent_id", id)
                .into_iter()
                .filter(|k| db.raw(MODEL, *k, "active") != Value::Bool(false))
                .collect();
            env.sort_ids(MODEL, &mut kids, None);
            ids_value(kids)
        }
        "user_ids" => ids_value(
            referencing(db, "res.users", "partner_id", id)
                .into_iter()
                .filter(|u| db.raw("res.users", *u, "active") != Value::Bool(false))
                .collect(),
        ),
        "email_normalized" => db
            .text(MODEL, id, "email")
            .map(|e| normalize_email(&e))
            .filter(|e| !e.is_empty())
            .map_or(Value::Bool(false), Value::from),
        "email_formatted" => match db.text(MODEL, id, "email") {
            Some(e) => Value::from(format!(
                "\"{}\" <{e}>",
                db.text(MODEL, id, "name").unwrap_or_default()
            )),
            None => Value::Bool(false),
        },
        "company_type" => Value::from(if is_company(db, id) {
            "company"
        } else {
            "person"
        }),
        "parent_name" => db
            .m2o(MODEL, id, "parent_id")
            .map_or(Value::Bool(false), |p| db.raw(MODEL, p, "name")),
        "country_code" => db
            .m2o(MODEL, id, "country_id")
            .map_or(Value::Bool(false), |c| db.raw("res.country", c, "code")),
        "self" => Value::from(id),
        "meeting_ids" | "meeting_count" => {
            let events: Vec<i64> = db
                .ids("calendar.event")
                .into_iter()
                .filter(|e| {
                    db.raw("calendar.event", *e, "partner_ids")
                        .as_array()
                        .is_some_and(|a| a.contains(&Value::from(id)))
                })
                .collect();
            if field == "meeting_count" {
                Value::from(events.len())
            } else {
                ids_value(events)
            }
        }
        "opportunity_ids" => ids_value(referencing(db, "crm.lead", "partner_id", id)),
        "opportunity_count" => Value::from(referencing(db, "crm.lead", "partner_id", id).len()),
        _ => return None,
    })
}

/// Ids of `model` whose many2one `field` points at `target`.
fn referencing(db: &Database, model: &str, field: &str, target: i64) -> Vec<i64> {
    db.ids(model)
        .into_iter()
        .filter(|r| db.m2o(model, *r, field) == Some(target))
        .collect()
}

// ----- create and write ------------------------------------------------------------------------

/// `_clean_website`: a website without scheme gets `http://` (transcript 28 reads one back).
fn clean_website(website: &str) -> String {
    let scheme = website.split_once(':').is_some_and(|(s, _)| {
        let mut chars = s.chars();
        chars.next().is_some_and(|c| c.is_ascii_alphabetic())
            && chars.all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    });
    match (scheme, website.starts_with("//")) {
        (true, _) => website.to_string(),
        (false, true) => format!("http:{website}"),
        (false, false) => format!("http://{website}"),
    }
}

/// What `create` and `write` change in the given values before storing them (`_clean_website`,
/// `company_name` cleared under a company, a photo given in any size).
pub fn prepare(record: &mut Record) -> Result<(), RpcError> {
    if let Some(Value::String(w)) = record.get("website")
        && !w.is_empty()
    {
        let cleaned = clean_website(w);
        record.insert("website".into(), Value::from(cleaned));
    }
    if record
        .get("parent_id")
        .is_some_and(|p| p.as_i64().is_some())
    {
        record.insert("company_name".into(), Value::Bool(false));
    }
    prepare_images(record)
}

/// Every size of a photo from the one given (the smaller sizes are related to `image_1920`:
/// writing one writes the picture), after Odoo has opened it.
fn prepare_images(record: &mut Record) -> Result<(), RpcError> {
    let Some(given) = IMAGE_FIELDS.iter().find_map(|f| record.get(*f)).cloned() else {
        return Ok(());
    };
    let picture = match given {
        Value::String(s) if !s.is_empty() => {
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(s.trim())
                .map_err(|_| RpcError::user("Image is not encoded in base64."))?;
            super::images::check_image_field(&bytes)?;
            Some(bytes)
        }
        _ => None,
    };
    // each size is `image_1920` shrunk to fit it (a picture that fits is kept as it came)
    let mut largest = picture;
    for field in IMAGE_FIELDS {
        let stored = match (&largest, super::image_sizes::max_side(field)) {
            (Some(bytes), Some(side)) => {
                let fitted = super::image_sizes::fit(bytes, side);
                // Odoo stores `b64encode` of what it kept: canonical base64 without line breaks
                let text = base64::engine::general_purpose::STANDARD.encode(&fitted);
                largest = Some(fitted);
                Value::from(text)
            }
            _ => Value::Bool(false),
        };
        record.insert(field.to_string(), stored);
    }
    Ok(())
}

/// The checks of `res.partner.write` before it stores anything.
pub fn check_write(env: &Env, ids: &[i64], vals: &Map<String, Value>) -> Result<(), RpcError> {
    if vals.get("active") == Some(&Value::Bool(false)) {
        check_archive(env, ids)?;
    }
    for id in ids {
        // the contact of another internal user is part of that user: changing it needs the
        // right to change users
        let other_users = env
            .db
            .ids("res.users")
            .into_iter()
            .any(|u| u != env.uid && is_active_user_of(env.db, u, *id));
        if other_users {
            access::check("res.users", Operation::Write, env.role)?;
        }
    }
    Ok(())
}

fn is_active_user_of(db: &Database, user: i64, partner: i64) -> bool {
    db.m2o("res.users", user, "partner_id") == Some(partner)
        && db.raw("res.users", user, "active") != Value::Bool(false)
}

/// Archiving the contact of an active user is refused (Odoo 17 `res.partner.write`).
fn check_archive(env: &Env, ids: &[i64]) -> Result<(), RpcError> {
    let users: Vec<i64> = env
        .db
        .ids("res.users")
        .into_iter()
        .filter(|u| ids.iter().any(|p| is_active_user_of(env.db, *u, *p)))
        .collect();
    if users.is_empty() {
        return Ok(());
    }
    let names: Vec<String> = users
        .iter()
        .map(|u| env.db.text("res.users", *u, "name").unwrap_or_default())
        .collect();
    let names = names.join(", ");
    // NOTE: a RedirectWarning carries the action and button label as further arguments; the
    // fake sends the message only
    Err(if env.role == Role::Admin {
        RpcError::new(
            "odoo.exceptions.RedirectWarning",
            format!(
                "You cannot archive contacts linked to an active user.\nYou first need to archive their associated user.\n\nLinked active users : {names}"
            ),
        )
    } else {
        RpcError::validation(format!(
            "You cannot archive contacts linked to an active user.\nAsk an administrator to archive their associated user first.\n\nLinked active users :\n{names}"
        ))
    })
}

/// What `create` does after storing a contact: defaults from the company (salesperson,
/// language, address), the first contact's address for an address-less company, the photo's
/// attachments.
pub fn after_create(env: &mut Env, id: i64, vals: &Map<String, Value>) {
    let db = &*env.db;
    let mut inherited = Record::new();
    if let Some(parent) = db.m2o(MODEL, id, "parent_id") {
        if !vals.contains_key("lang") {
            inherited.insert("lang".into(), db.raw(MODEL, parent, "lang"));
        }
        if !is_company(db, id)
            && db.m2o(MODEL, id, "user_id").is_none()
            && let Some(user) = db.m2o(MODEL, parent, "user_id")
        {
            inherited.insert("user_id".into(), Value::from(user));
        }
    }
    if !inherited.is_empty() {
        store(env.db, id, inherited);
    }
    sync_from_parent(env, id);
    first_contact_address(env, id);
    sync_images(env.db, env.uid, &env.now_stored(), id);
}

/// What `write` does after storing the values: `_fields_sync` both ways and the photo.
pub fn after_write(env: &mut Env, id: i64, vals: &Map<String, Value>) {
    if vals.get("parent_id").is_some_and(|p| p.as_i64().is_some())
        || vals.get("type").and_then(Value::as_str) == Some("contact")
    {
        let db = &*env.db;
        if !is_company(db, id) && db.m2o(MODEL, id, "user_id").is_none() {
            let parent_user = db
                .m2o(MODEL, id, "parent_id")
                .and_then(|p| db.m2o(MODEL, p, "user_id"));
            if let Some(user) = parent_user {
                let mut rec = Record::new();
                rec.insert("user_id".into(), Value::from(user));
                store(env.db, id, rec);
            }
        }
        sync_from_parent(env, id);
    }
    sync_to_children(env, id, vals);
    if IMAGE_FIELDS.iter().any(|f| vals.contains_key(*f)) {
        sync_images(env.db, env.uid, &env.now_stored(), id);
    }
}

/// Stores values without the ORM's bookkeeping: they belong to the write under way.
fn store(db: &mut Database, id: i64, values: Record) {
    if let Some(row) = db.table(MODEL).rows.get_mut(&id) {
        row.extend(values);
    }
}

/// The address values of a contact that are set, in stored form.
fn address_of(db: &Database, id: i64) -> Record {
    ADDRESS_FIELDS
        .iter()
        .map(|f| (f.to_string(), db.raw(MODEL, id, f)))
        .collect()
}

fn has_address(db: &Database, id: i64) -> bool {
    ADDRESS_FIELDS.iter().any(|f| match db.raw(MODEL, id, f) {
        Value::Bool(false) | Value::Null => false,
        Value::String(s) => !s.is_empty(),
        _ => true,
    })
}

fn is_contact_type(db: &Database, id: i64) -> bool {
    db.text(MODEL, id, "type").as_deref().unwrap_or("contact") == "contact"
}

/// `onchange_parent_id` as `_fields_sync` uses it: a contact of a company that has an address
/// takes the company's address, whatever it was given.
fn sync_from_parent(env: &mut Env, id: i64) {
    let db = &*env.db;
    let Some(parent) = db.m2o(MODEL, id, "parent_id") else {
        return;
    };
    if !is_contact_type(db, id) || !has_address(db, parent) {
        return;
    }
    let address = address_of(db, parent);
    store(env.db, id, address);
}

/// `_handle_first_contact_creation`: the first contact of a company (or a root contact) without
/// an address gives its address to the company.
fn first_contact_address(env: &mut Env, id: i64) {
    let db = &*env.db;
    let Some(parent) = db.m2o(MODEL, id, "parent_id") else {
        return;
    };
    let root = is_company(db, parent) || db.m2o(MODEL, parent, "parent_id").is_none();
    let only_child = referencing(db, MODEL, "parent_id", parent)
        .into_iter()
        .filter(|k| db.raw(MODEL, *k, "active") != Value::Bool(false))
        .count()
        == 1;
    if root && only_child && has_address(db, id) && !has_address(db, parent) {
        let address = address_of(db, id);
        env.update(MODEL, parent, address);
    }
}

/// `_children_sync`: a changed address goes to the company's contacts (a write of theirs).
fn sync_to_children(env: &mut Env, id: i64, vals: &Map<String, Value>) {
    let changed: Record = ADDRESS_FIELDS
        .iter()
        .filter(|f| vals.contains_key(**f))
        .map(|f| (f.to_string(), env.db.raw(MODEL, id, f)))
        .collect();
    if changed.is_empty() {
        return;
    }
    let db = &*env.db;
    let contacts: Vec<i64> = referencing(db, MODEL, "parent_id", id)
        .into_iter()
        .filter(|k| db.raw(MODEL, *k, "active") != Value::Bool(false) && is_contact_type(db, *k))
        .collect();
    for contact in contacts {
        env.update(MODEL, contact, changed.clone());
    }
}

// ----- photos as attachments ------------------------------------------------------------------

/// The attachment holding one size of a contact's photo.
fn image_attachment(db: &Database, id: i64, field: &str) -> Option<i64> {
    db.ids("ir.attachment").into_iter().find(|a| {
        db.text("ir.attachment", *a, "res_model").as_deref() == Some(MODEL)
            && db.text("ir.attachment", *a, "res_field").as_deref() == Some(field)
            && db.raw("ir.attachment", *a, "res_id").as_i64() == Some(id)
    })
}

/// `fields.Binary(attachment=True)` write: each size's attachment gets the new content (same
/// id, new checksum), is created when missing and deleted when the photo is removed. `uid` and
/// `now` are the writing user and time (Odoo writes them as superuser, keeping the uid).
pub fn sync_images(db: &mut Database, uid: i64, now: &str, id: i64) {
    sync_images_with(db, uid, now, id, &mut |db, _| {
        db.table("ir.attachment").allocate()
    });
}

/// [`sync_images`] taking the ids of new attachments from `new_id(db, field)` (a seed
/// reproducing recorded ids).
pub fn sync_images_with(
    db: &mut Database,
    uid: i64,
    now: &str,
    id: i64,
    new_id: &mut dyn FnMut(&mut Database, &str) -> i64,
) {
    for field in IMAGE_FIELDS {
        let value = db.raw(MODEL, id, field);
        let existing = image_attachment(db, id, field);
        match (value, existing) {
            (Value::String(datas), Some(att)) if !datas.is_empty() => {
                if db.raw("ir.attachment", att, "datas").as_str() == Some(datas.as_str()) {
                    continue;
                }
                let Some(mut row) = db.get("ir.attachment", att).cloned() else {
                    continue;
                };
                row.insert("datas".into(), Value::from(datas));
                row.remove("mimetype");
                prepare_attachment(&mut row);
                row.insert("write_date".into(), Value::from(now));
                row.insert("write_uid".into(), Value::from(uid));
                db.insert("ir.attachment", att, row);
            }
            (Value::String(datas), None) if !datas.is_empty() => {
                let mut row = Record::new();
                for (k, v) in [
                    ("name", Value::from(field)),
                    ("res_model", Value::from(MODEL)),
                    ("res_field", Value::from(field)),
                    ("res_id", Value::from(id)),
                    ("type", Value::from("binary")),
                    ("datas", Value::from(datas)),
                    ("create_date", Value::from(now)),
                    ("write_date", Value::from(now)),
                    ("create_uid", Value::from(uid)),
                    ("write_uid", Value::from(uid)),
                ] {
                    row.insert(k.to_string(), v);
                }
                prepare_attachment(&mut row);
                let att = new_id(db, field);
                db.insert("ir.attachment", att, row);
            }
            (_, Some(att)) => {
                db.table("ir.attachment").rows.remove(&att);
            }
            _ => {}
        }
    }
}

/// Every attachment of deleted records goes with them (`BaseModel.unlink`).
pub fn drop_attachments(db: &mut Database, model: &str, ids: &[i64]) {
    let gone: Vec<i64> = db
        .ids("ir.attachment")
        .into_iter()
        .filter(|a| {
            db.text("ir.attachment", *a, "res_model").as_deref() == Some(model)
                && db
                    .raw("ir.attachment", *a, "res_id")
                    .as_i64()
                    .is_some_and(|r| ids.contains(&r))
        })
        .collect();
    for a in gone {
        db.table("ir.attachment").rows.remove(&a);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn websites_without_scheme_get_http_like_clean_website() {
        assert_eq!(clean_website("www.x.de"), "http://www.x.de");
        assert_eq!(clean_website("x.de/kontakt"), "http://x.de/kontakt");
        assert_eq!(clean_website("//x.de"), "http://x.de");
        assert_eq!(clean_website("https://x.de"), "https://x.de");
    }
}
