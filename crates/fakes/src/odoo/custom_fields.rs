//! The model catalogue and custom fields: `ir.model` and `ir.model.fields`, as Odoo 17's
//! `base/models/ir_model.py` serves them over RPC (transcripts 130-132, FACTS 31 and 35).
//!
//! - Both models are for administrators: a salesperson may not even read them (FACTS 35); what
//!   every user may call to learn a model's fields is `fields_get` on the model itself.
//! - Each database lists its models and fields as rows (state `base`); `calendar.event` is
//!   `ir.model` 352 as in the recorded database (transcript 130), other ids are the fake's.
//! - `ir.model.fields.create` by an administrator adds a real field (state `manual`) to the
//!   model in this database only: it shows in `fields_get` (with `manual: true`) and can be
//!   written, read and searched like any stored field. Private events show it unmasked: Odoo
//!   17's `calendar.event._get_public_fields` counts custom fields as public.
//! - Refusals, in Odoo's order: a name without `x_` (SQL constraint `name_manual_field`), a name
//!   the model already has (`name_unique`), a name that is no SQL identifier (`_check_name`), an
//!   unknown relation ("Model %s does not exist!"), an unknown type (the selection).
//! - `unlink` of a custom field drops it with its values; of a base field it is refused
//!   ("This column contains module data and cannot be removed!"). `write` may relabel or rename
//!   a custom field; base fields and a change of type or model are refused as Odoo does.
//!
//! NOTE: the fake serves the custom field types a sync needs (char, text, html, integer, float,
//! monetary, boolean, date, datetime, many2one); another type is refused with a message saying
//! that the fake does not model it, never accepted half-way.

use std::sync::Arc;

use serde_json::{Map, Value, json};

use super::errors::RpcError;
use super::fields::FieldDef;
use super::orm::Env;
use super::store::{Database, Record};

const MODEL: &str = "ir.model";
const FIELDS: &str = "ir.model.fields";

/// `ir.model` id of `calendar.event` in the recorded database (transcript 130).
pub const CALENDAR_EVENT_MODEL_ID: i64 = 352;

/// The field types Odoo 17 knows (`ir.model.fields.ttype`).
const ODOO_TYPES: &[&str] = &[
    "binary",
    "boolean",
    "char",
    "date",
    "datetime",
    "float",
    "html",
    "integer",
    "json",
    "many2many",
    "many2one",
    "many2one_reference",
    "monetary",
    "one2many",
    "properties",
    "properties_definition",
    "reference",
    "selection",
    "text",
];

/// The types the fake can add as a custom field.
const SERVED_TYPES: &[&str] = &[
    "boolean", "char", "date", "datetime", "float", "html", "integer", "many2one", "monetary",
    "text",
];

/// Writes the catalogue rows of every model and field of the database's registry.
pub fn seed(db: &mut Database, at: &str) {
    let registry = db.registry.clone();
    let mut next_model = 1;
    let mut next_field = 1;
    for (name, model) in &registry.models {
        let model_id = if name == "calendar.event" {
            CALENDAR_EVENT_MODEL_ID
        } else {
            // NOTE: ids skip the recorded one so no other model takes it
            if next_model == CALENDAR_EVENT_MODEL_ID {
                next_model += 1;
            }
            next_model += 1;
            next_model - 1
        };
        let row = json!({"model": name, "name": super::access::model_description(name),
            "state": "base", "transient": false, "create_date": at, "write_date": at,
            "create_uid": 1, "write_uid": 1});
        db.insert(
            MODEL,
            model_id,
            row.as_object().cloned().unwrap_or_default(),
        );
        for (fname, def) in &model.fields {
            let mut row = field_row(name, model_id, fname, def, "base");
            row.insert("create_date".into(), Value::from(at));
            row.insert("write_date".into(), Value::from(at));
            db.insert(FIELDS, next_field, row);
            next_field += 1;
        }
    }
}

fn field_row(model: &str, model_id: i64, name: &str, def: &FieldDef, state: &str) -> Record {
    let attr = |k: &str| def.attrs.get(k).cloned().unwrap_or(Value::Bool(false));
    let row = json!({
        "name": name, "model": model, "model_id": model_id, "state": state,
        "field_description": attr("string"), "ttype": def.ttype,
        "relation": def.relation.clone().map(Value::from).unwrap_or(Value::Bool(false)),
        "required": attr("required") == Value::Bool(true),
        "readonly": attr("readonly") == Value::Bool(true),
        "store": attr("store") != Value::Bool(false),
        "help": attr("help"), "index": false, "copied": state == "manual",
    });
    row.as_object().cloned().unwrap_or_default()
}

fn constraint(message: &str) -> RpcError {
    RpcError::validation(format!("The operation cannot be completed: {message}"))
}

/// Odoo's `check_pg_name`: an SQL identifier of at most 63 characters.
fn is_sql_name(name: &str) -> bool {
    let mut chars = name.chars();
    let first_ok = chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_');
    first_ok && name.len() <= 63 && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$')
}

/// Checks a new field name for a model in Odoo's order (SQL constraints, then `_check_name`).
fn check_name(env: &Env, model: &str, name: &str) -> Result<(), RpcError> {
    if !name.starts_with("x_") {
        return Err(constraint(
            "Custom fields must have a name that starts with 'x_'!",
        ));
    }
    if env.model(model)?.field(name).is_some() {
        return Err(constraint("Field names must be unique per model."));
    }
    if !is_sql_name(name) {
        return Err(RpcError::validation(
            "Field names can only contain characters, digits and underscores (up to 63).",
        ));
    }
    Ok(())
}

/// The model a new field goes to: `model_id` (an `ir.model` row) or `model`.
fn target_model(env: &Env, vals: &Map<String, Value>) -> Result<(String, i64), RpcError> {
    if let Some(id) = vals.get("model_id").and_then(Value::as_i64) {
        return match env.db.text(MODEL, id, "model") {
            Some(model) => Ok((model, id)),
            None => Err(RpcError::missing(MODEL, &[id], env.uid)),
        };
    }
    let model = vals.get("model").and_then(Value::as_str).unwrap_or("");
    let id = env
        .db
        .ids(MODEL)
        .into_iter()
        .find(|m| env.db.text(MODEL, *m, "model").as_deref() == Some(model));
    match id {
        Some(id) => Ok((model.to_string(), id)),
        None => Err(RpcError::validation(format!(
            "The operation cannot be completed:\n- Create/update: a mandatory field is not set.\n- Delete: another model requires the record being deleted. If possible, archive it instead.\n\nModel: Fields ({FIELDS})\nField: Model (model_id)"
        ))),
    }
}

/// The definition a custom field gets, or why the type cannot be served.
fn custom_def(env: &Env, vals: &Map<String, Value>, ttype: &str) -> Result<FieldDef, RpcError> {
    if !ODOO_TYPES.contains(&ttype) {
        return Err(RpcError::value(format!(
            "Wrong value for {FIELDS}.ttype: {}",
            super::errors::py_repr(&Value::from(ttype))
        )));
    }
    let relation = vals
        .get("relation")
        .and_then(Value::as_str)
        .filter(|r| !r.is_empty());
    if let Some(rel) = relation
        && !env.db.registry.models.contains_key(rel)
    {
        return Err(RpcError::user(format!("Model {rel} does not exist!")));
    }
    if !SERVED_TYPES.contains(&ttype) || (ttype == "many2one" && relation.is_none()) {
        return Err(RpcError::user(format!(
            "The fake Odoo does not model custom fields of type '{ttype}'{}",
            if ttype == "many2one" {
                " without a relation"
            } else {
                ""
            }
        )));
    }
    let label = vals
        .get("field_description")
        .cloned()
        .unwrap_or(Value::from(""));
    let mut attrs = Map::new();
    attrs.insert("string".into(), label);
    attrs.insert("type".into(), Value::from(ttype));
    if let Some(rel) = relation {
        attrs.insert("relation".into(), Value::from(rel));
    }
    for (key, default) in [("required", false), ("readonly", false)] {
        let given = vals.get(key).and_then(Value::as_bool).unwrap_or(default);
        attrs.insert(key.into(), Value::Bool(given));
    }
    attrs.insert("store".into(), Value::Bool(true));
    attrs.insert("manual".into(), Value::Bool(true));
    if let Some(help) = vals.get("help").filter(|h| h.is_string()) {
        attrs.insert("help".into(), help.clone());
    }
    Ok(FieldDef {
        ttype: ttype.to_string(),
        relation: relation.map(str::to_string),
        attrs,
        groups: None,
    })
}

/// `ir.model.fields.create` of one field (the caller checked the ACL).
pub fn create_field(env: &mut Env, vals: Map<String, Value>) -> Result<i64, RpcError> {
    for key in vals.keys() {
        env.field(FIELDS, key)?;
    }
    let (model, model_id) = target_model(env, &vals)?;
    let name = vals
        .get("name")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    // the INSERT takes an id before its constraints refuse it (a PostgreSQL sequence)
    let id = env.db.table(FIELDS).allocate();
    if vals.get("state").and_then(Value::as_str) == Some("base") {
        // NOTE: Odoo instantiates only manual fields from rows: a `base` row without Python
        // code is just a row
        let converted = env.convert_vals(FIELDS, &vals, None)?;
        env.db.insert(FIELDS, id, converted);
        return Ok(id);
    }
    check_name(env, &model, &name)?;
    let ttype = vals.get("ttype").and_then(Value::as_str).unwrap_or("");
    let def = custom_def(env, &vals, ttype)?;
    let mut row = field_row(&model, model_id, &name, &def, "manual");
    for key in ["index", "copied", "translate", "tracking"] {
        if let Some(v) = vals.get(key) {
            row.insert(key.into(), v.clone());
        }
    }
    Arc::make_mut(&mut env.db.registry)
        .models
        .entry(model)
        .or_default()
        .fields
        .push((name, def));
    let now = env.now_stored();
    row.insert("create_date".into(), Value::from(now.clone()));
    row.insert("write_date".into(), Value::from(now));
    row.insert("create_uid".into(), Value::from(env.uid));
    row.insert("write_uid".into(), Value::from(env.uid));
    env.db.insert(FIELDS, id, row);
    Ok(id)
}

fn row_field(env: &Env, id: i64) -> (String, String) {
    (
        env.db.text(FIELDS, id, "model").unwrap_or_default(),
        env.db.text(FIELDS, id, "name").unwrap_or_default(),
    )
}

fn refuse_base_fields(env: &Env, ids: &[i64], message: &str) -> Result<(), RpcError> {
    if ids
        .iter()
        .any(|id| env.db.text(FIELDS, *id, "state").as_deref() != Some("manual"))
    {
        return Err(RpcError::user(message));
    }
    Ok(())
}

/// `ir.model.fields.unlink`: drops custom fields and their values.
pub fn unlink_fields(env: &mut Env, ids: &[i64]) -> Result<(), RpcError> {
    env.ensure_exist(FIELDS, ids)?;
    refuse_base_fields(
        env,
        ids,
        "This column contains module data and cannot be removed!",
    )?;
    for id in ids {
        let (model, name) = row_field(env, *id);
        if let Some(def) = Arc::make_mut(&mut env.db.registry).models.get_mut(&model) {
            def.fields.retain(|(n, _)| *n != name);
        }
        for record in env.db.ids(&model) {
            if let Some(row) = env.db.table(&model).rows.get_mut(&record) {
                row.remove(&name);
            }
        }
        env.db.table(FIELDS).rows.remove(id);
    }
    Ok(())
}

/// `ir.model.fields.write`: relabels or renames custom fields.
pub fn write_fields(env: &mut Env, ids: &[i64], vals: &Map<String, Value>) -> Result<(), RpcError> {
    env.ensure_exist(FIELDS, ids)?;
    refuse_base_fields(
        env,
        ids,
        "Properties of base fields cannot be altered in this manner! Please modify them through Python code, preferably through a custom addon!",
    )?;
    if vals.contains_key("ttype") {
        return Err(RpcError::user(
            "Changing the type of a field is not yet supported. Please drop it and create it again!",
        ));
    }
    if vals.contains_key("model") || vals.contains_key("model_id") {
        return Err(RpcError::user(
            "Changing the model of a field is forbidden!",
        ));
    }
    for id in ids {
        let (model, old) = row_field(env, *id);
        let new = vals
            .get("name")
            .and_then(Value::as_str)
            .unwrap_or(&old)
            .to_string();
        if new != old {
            check_name(env, &model, &new)?;
            rename_values(env.db, &model, &old, &new);
        }
        let registry = Arc::make_mut(&mut env.db.registry);
        if let Some((name, def)) = registry
            .models
            .get_mut(&model)
            .and_then(|m| m.fields.iter_mut().find(|(n, _)| *n == old))
        {
            *name = new.clone();
            for (key, attr) in [("field_description", "string"), ("help", "help")] {
                if let Some(v) = vals.get(key) {
                    def.attrs.insert(attr.into(), v.clone());
                }
            }
            if let Some(v) = vals.get("required").and_then(Value::as_bool) {
                def.attrs.insert("required".into(), Value::Bool(v));
            }
        }
        let converted = env.convert_vals(FIELDS, vals, Some(*id))?;
        env.update(FIELDS, *id, converted);
    }
    Ok(())
}

fn rename_values(db: &mut Database, model: &str, old: &str, new: &str) {
    for record in db.ids(model) {
        if let Some(row) = db.table(model).rows.get_mut(&record)
            && let Some(v) = row.remove(old)
        {
            row.insert(new.to_string(), v);
        }
    }
}

/// The custom fields of a model (Odoo's `_get_custom_fields`).
pub fn manual_fields(env: &Env, model: &str) -> Vec<String> {
    env.db
        .registry
        .models
        .get(model)
        .map(|m| {
            m.fields
                .iter()
                .filter(|(_, f)| f.is_manual())
                .map(|(n, _)| n.clone())
                .collect()
        })
        .unwrap_or_default()
}
