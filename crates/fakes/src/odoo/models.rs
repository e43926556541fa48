//! The model methods callable over RPC: generic CRUD with each model's hooks, plus the few
//! model-specific methods the product and the transcripts use (name_search, context_get,
//! get_param/set_param, read_group).

use serde_json::{Map, Value, json};

use super::access::{Operation, Role};
use super::errors::{RpcError, RpcResult};
use super::orm::{Env, ids_value, is_mail_thread};
use super::store::{Credentials, Record};
use super::{calendar, custom_fields, followers, images, mail, partners};

/// Positional-or-keyword arguments of one call, like Python's binding.
pub struct CallArgs<'a> {
    /// Positional arguments after the model and method.
    pub args: &'a [Value],
    /// Keyword arguments (without `context`).
    pub kwargs: &'a Map<String, Value>,
}

impl CallArgs<'_> {
    /// The argument at `pos` or named `name`.
    pub fn get(&self, pos: usize, name: &str) -> Option<&Value> {
        self.args.get(pos).or_else(|| self.kwargs.get(name))
    }

    /// The ids of the recordset the method runs on (first positional argument).
    pub fn ids(&self) -> Vec<i64> {
        ids_of(self.args.first())
    }
}

/// Ids from an id or a list of ids.
pub fn ids_of(value: Option<&Value>) -> Vec<i64> {
    match value {
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_i64).collect(),
        Some(Value::Number(n)) => n.as_i64().into_iter().collect(),
        _ => vec![],
    }
}

fn usize_arg(v: Option<&Value>) -> Option<usize> {
    v.and_then(Value::as_u64).map(|n| n as usize)
}

fn strings(v: Option<&Value>) -> Vec<String> {
    v.and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

/// Keyword arguments each method's Python signature accepts (`None`: any, e.g. message_post).
fn keywords(model: &str, method: &str) -> Option<(&'static str, &'static [&'static str])> {
    const BASE: &str = "BaseModel";
    Some(match method {
        "search" => (BASE, &["domain", "offset", "limit", "order"]),
        "search_count" => (BASE, &["domain", "limit"]),
        "search_read" => (
            BASE,
            &["domain", "fields", "offset", "limit", "order", "load"],
        ),
        "read" => (BASE, &["fields", "load"]),
        "create" => (BASE, &["vals_list"]),
        "write" => (BASE, &["vals"]),
        "unlink" => (BASE, &[]),
        "fields_get" => (BASE, &["allfields", "attributes"]),
        "name_search" => (BASE, &["name", "args", "domain", "operator", "limit"]),
        "read_group" => (
            BASE,
            &[
                "domain", "fields", "groupby", "offset", "limit", "orderby", "lazy",
            ],
        ),
        "message_subscribe" => ("MailThread", &["partner_ids", "subtype_ids"]),
        "message_unsubscribe" => ("MailThread", &["partner_ids"]),
        "message_process" => (
            "MailThread",
            &[
                "model",
                "message",
                "custom_values",
                "save_original",
                "strip_attachments",
                "thread_id",
            ],
        ),
        "action_archive" | "action_unarchive" => (BASE, &[]),
        "get_param" => ("IrConfigParameter", &["key", "default"]),
        "set_param" => ("IrConfigParameter", &["key", "value"]),
        "context_get" if model == "res.users" => ("Users", &[]),
        "do_accept" | "do_decline" | "do_tentative" => ("Attendee", &[]),
        _ => return None,
    })
}

/// Python's TypeError for a keyword the method does not take (a typo must not pass silently).
fn check_keywords(model: &str, method: &str, a: &CallArgs) -> Result<(), RpcError> {
    let Some((class, allowed)) = keywords(model, method) else {
        return Ok(());
    };
    // search_read hands unknown keywords on to read(), which raises
    let shown = if method == "search_read" {
        "read"
    } else {
        method
    };
    match a.kwargs.keys().find(|k| !allowed.contains(&k.as_str())) {
        Some(unexpected) => Err(RpcError::type_error(format!(
            "{class}.{shown}() got an unexpected keyword argument '{unexpected}'"
        ))),
        None => Ok(()),
    }
}

/// Runs a model method for the calling user.
pub fn call(env: &mut Env, model: &str, method: &str, a: &CallArgs) -> RpcResult {
    if method.starts_with('_') {
        return Err(RpcError::access(format!(
            "Private methods (such as {method}) cannot be called remotely."
        )));
    }
    check_keywords(model, method, a)?;
    match method {
        "search" | "search_count" | "search_read" | "read" => read_call(env, model, method, a),
        "fields_get" => {
            env.model(model)?;
            Ok(Some(fields_get(
                env,
                model,
                &strings(a.get(0, "allfields")),
                &strings(a.get(1, "attributes")),
            )))
        }
        "name_search" => name_search(env, model, a),
        "create" => create_call(env, model, a),
        "write" => {
            let vals = a
                .get(1, "vals")
                .and_then(Value::as_object)
                .cloned()
                .unwrap_or_default();
            write(env, model, &a.ids(), &vals)?;
            Ok(Some(Value::Bool(true)))
        }
        "unlink" => {
            unlink(env, model, &a.ids())?;
            Ok(Some(Value::Bool(true)))
        }
        "read_group" => {
            env.check_access(model, Operation::Read)?;
            read_group(env, model, a)
        }
        "action_archive" | "action_unarchive" if env.field(model, "active").is_ok() => {
            archive(env, model, &a.ids(), method == "action_unarchive")
        }
        "context_get" if model == "res.users" => {
            let uid = env.uid;
            let lang = env.db.raw("res.users", uid, "lang");
            let tz = env.db.raw("res.users", uid, "tz");
            Ok(Some(
                json!({"lang": if lang.is_string() { lang } else { json!("en_US") }, "tz": tz, "uid": uid}),
            ))
        }
        "get_param" | "set_param" if model == "ir.config_parameter" => {
            system_parameter(env, method, a)
        }
        "message_post" | "message_subscribe" | "message_unsubscribe" if is_mail_thread(model) => {
            mail::call(env, model, method, a)
        }
        "message_process" if model == "mail.thread" || is_mail_thread(model) => {
            mail::message_process(env, a)
        }
        "do_accept" | "do_decline" | "do_tentative" if model == "calendar.attendee" => {
            calendar::respond(env, method, &a.ids())
        }
        _ => Err(RpcError::new(
            "builtins.AttributeError",
            format!("The method '{method}' does not exist on the model '{model}'"),
        )),
    }
}

/// `search`, `search_count`, `search_read` and `read`.
fn read_call(env: &mut Env, model: &str, method: &str, a: &CallArgs) -> RpcResult {
    env.check_access(model, Operation::Read)?;
    let empty = Value::Array(vec![]);
    match method {
        "search" => {
            let domain = a.get(0, "domain").or(a.get(0, "args")).unwrap_or(&empty);
            let ids = env.search(
                model,
                domain,
                usize_arg(a.get(1, "offset")).unwrap_or(0),
                usize_arg(a.get(2, "limit")),
                a.get(3, "order").and_then(Value::as_str),
            )?;
            Ok(Some(ids_value(ids)))
        }
        "search_count" => {
            let domain = a.get(0, "domain").or(a.get(0, "args")).unwrap_or(&empty);
            Ok(Some(Value::from(
                env.search(model, domain, 0, usize_arg(a.get(1, "limit")), None)?
                    .len(),
            )))
        }
        "search_read" => {
            let domain = a.get(0, "domain").unwrap_or(&empty).clone();
            super::domain::parse(&env.db.registry.clone(), model, &domain)?;
            let fields = env.read_fields(model, &strings(a.get(1, "fields")))?;
            let ids = env.search(
                model,
                &domain,
                usize_arg(a.get(2, "offset")).unwrap_or(0),
                usize_arg(a.get(3, "limit")),
                a.get(4, "order").and_then(Value::as_str),
            )?;
            Ok(Some(Value::Array(env.read(model, &ids, &fields))))
        }
        _ => {
            let fields = env.read_fields(model, &strings(a.get(1, "fields")))?;
            Ok(Some(Value::Array(env.read(model, &a.ids(), &fields))))
        }
    }
}

fn name_search(env: &mut Env, model: &str, a: &CallArgs) -> RpcResult {
    env.check_access(model, Operation::Read)?;
    let name = a
        .get(0, "name")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    let mut domain = a
        .get(1, "args")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let op = a
        .get(2, "operator")
        .and_then(Value::as_str)
        .unwrap_or("ilike")
        .to_string();
    let limit = usize_arg(a.get(3, "limit")).unwrap_or(100);
    if !name.is_empty() {
        if model == "res.partner" {
            // res.partner._rec_names_search (Odoo 17): name, e-mail, reference, VAT
            domain.extend([
                json!("|"),
                json!("|"),
                json!("|"),
                json!(["complete_name", op, name]),
                json!(["email", op, name]),
                json!(["ref", op, name]),
                json!(["vat", op, name]),
            ]);
        } else {
            domain.push(json!(["display_name", op, name]));
        }
    }
    let ids = env.search(model, &Value::Array(domain), 0, Some(limit), None)?;
    Ok(Some(Value::Array(
        ids.into_iter()
            .map(|id| json!([id, env.display(model, id)]))
            .collect(),
    )))
}

/// `create` with a dict (answers an id) or a list of dicts (answers a list, FACTS 16).
fn create_call(env: &mut Env, model: &str, a: &CallArgs) -> RpcResult {
    let Some(vals) = a.get(0, "vals_list") else {
        return Err(RpcError::type_error(
            "create() missing 1 required positional argument: 'vals_list'",
        ));
    };
    if model == "ir.attachment" {
        images::check_create(env, vals)?;
    }
    match vals {
        Value::Array(list) => {
            let mut ids = Vec::new();
            for v in list {
                ids.push(create(
                    env,
                    model,
                    v.as_object().cloned().unwrap_or_default(),
                )?);
            }
            Ok(Some(ids_value(ids)))
        }
        Value::Object(map) => Ok(Some(Value::from(create(env, model, map.clone())?))),
        _ => Err(RpcError::value(
            "create() expects a dict or a list of dicts",
        )),
    }
}

/// `ir.config_parameter.get_param` / `set_param` (Odoo 17: a false value removes the key).
fn system_parameter(env: &mut Env, method: &str, a: &CallArgs) -> RpcResult {
    const MODEL: &str = "ir.config_parameter";
    let op = if method == "get_param" {
        Operation::Read
    } else {
        Operation::Write
    };
    env.check_access(MODEL, op)?;
    let key = a
        .get(0, "key")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    let old = config_param(env, &key);
    if method == "get_param" {
        let default = || a.get(1, "default").cloned().unwrap_or(Value::Bool(false));
        return Ok(Some(old.map(Value::from).unwrap_or_else(default)));
    }
    let value = a.get(1, "value").cloned().unwrap_or(Value::Bool(false));
    let existing = env
        .db
        .ids(MODEL)
        .into_iter()
        .find(|id| env.db.text(MODEL, *id, "key").as_deref() == Some(key.as_str()));
    let mut rec = Record::new();
    rec.insert("key".into(), Value::from(key));
    let stored = match value {
        // set_param(key, False) or None removes the parameter
        Value::Bool(false) | Value::Null => None,
        Value::String(s) => Some(Value::from(s)),
        other => Some(Value::from(super::errors::py_repr(&other))),
    };
    match (existing, stored) {
        (Some(id), None) => {
            env.db.table(MODEL).rows.remove(&id);
        }
        (Some(id), Some(v)) => {
            rec.insert("value".into(), v);
            env.update(MODEL, id, rec);
        }
        (None, Some(v)) => {
            rec.insert("value".into(), v);
            env.insert_new(MODEL, rec);
        }
        (None, None) => {}
    }
    Ok(Some(old.map(Value::from).unwrap_or(Value::Bool(false))))
}

/// A system parameter (`ir.config_parameter`), read as superuser like Odoo's `sudo().get_param`.
pub fn config_param(env: &Env, key: &str) -> Option<String> {
    env.db
        .ids("ir.config_parameter")
        .into_iter()
        .find(|id| env.db.text("ir.config_parameter", *id, "key").as_deref() == Some(key))
        .and_then(|id| env.db.text("ir.config_parameter", id, "value"))
}

fn read_group(env: &mut Env, model: &str, a: &CallArgs) -> RpcResult {
    let empty = Value::Array(vec![]);
    let domain = a.get(0, "domain").unwrap_or(&empty).clone();
    let groupby = strings(a.get(2, "groupby"));
    let Some(group_field) = groupby
        .first()
        .map(|g| g.split(':').next().unwrap_or(g).to_string())
    else {
        return Err(RpcError::value("read_group needs a groupby"));
    };
    let def = env.field(model, &group_field)?;
    let ids = env.search(model, &domain, 0, None, None)?;
    let mut groups: Vec<(Value, Vec<i64>)> = Vec::new();
    for id in ids {
        let key = env.read_value(model, id, &group_field, &def);
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, members)) => members.push(id),
            None => groups.push((key, vec![id])),
        }
    }
    let rows = groups
        .into_iter()
        .map(|(key, members)| {
            let raw = match &key {
                Value::Array(pair) => pair.first().cloned().unwrap_or(Value::Bool(false)),
                other => other.clone(),
            };
            json!({
                format!("{group_field}_count"): members.len(),
                group_field.clone(): key,
                "__domain": [[group_field.clone(), "=", raw]],
            })
        })
        .collect();
    Ok(Some(Value::Array(rows)))
}

/// `fields_get` with only the attributes asked for (all when none are named).
pub fn fields_get(env: &Env, model: &str, allfields: &[String], attributes: &[String]) -> Value {
    let Ok(def) = env.model(model) else {
        return json!({});
    };
    let mut out = Map::new();
    for (name, field) in &def.fields {
        if !allfields.is_empty() && !allfields.contains(name) {
            continue;
        }
        // a field of a group the caller lacks is not there for them (Odoo 17 `fields_get`)
        if field.admin_only() && env.role != Role::Admin {
            continue;
        }
        let mut attrs = Map::new();
        for (k, v) in &field.attrs {
            if attributes.is_empty() || attributes.contains(k) {
                attrs.insert(k.clone(), v.clone());
            }
        }
        out.insert(name.clone(), Value::Object(attrs));
    }
    Value::Object(out)
}

fn defaults(env: &Env, model: &str) -> Record {
    let mut d = Record::new();
    let mut put = |k: &str, v: Value| {
        d.insert(k.to_string(), v);
    };
    match model {
        "res.partner" => {
            put("active", Value::Bool(true));
            put("type", Value::from("contact"));
            put("is_company", Value::Bool(false));
            put("lang", env.db.raw("res.users", env.uid, "lang"));
            put("tz", env.db.raw("res.users", env.uid, "tz"));
        }
        "res.users" => {
            put("active", Value::Bool(true));
            put("share", Value::Bool(false));
            put("company_id", Value::from(1));
            put("lang", Value::from("en_US"));
        }
        "crm.lead" => {
            put("active", Value::Bool(true));
            put("type", Value::from("lead"));
            put("probability", Value::from(10.0));
            put("priority", Value::from("0"));
            put("user_id", Value::from(env.uid));
        }
        "calendar.event" => {
            put("active", Value::Bool(true));
            put("privacy", Value::from("public"));
            put("show_as", Value::from("busy"));
            put("allday", Value::Bool(false));
            put("recurrency", Value::Bool(false));
            put("user_id", Value::from(env.uid));
        }
        "calendar.attendee" => {
            put("state", Value::from("needsAction"));
            put("availability", Value::Bool(false));
        }
        "mail.followers" => {
            put("is_active", Value::Bool(true));
            put("subtype_ids", json!([1]));
        }
        "ir.attachment" => put("type", Value::from("binary")),
        "res.partner.category" => put("active", Value::Bool(true)),
        _ => {}
    }
    d
}

/// Fields the database refuses to leave empty (NOT NULL columns and SQL constraints).
fn required_fields(env: &Env, model: &str) -> Vec<String> {
    let mut fields: Vec<String> = env
        .model(model)
        .map(|m| {
            m.fields
                .iter()
                .filter(|(_, f)| f.attrs.get("required") == Some(&Value::Bool(true)))
                .map(|(n, _)| n.clone())
                .collect()
        })
        .unwrap_or_default();
    let known: &[&str] = match model {
        "calendar.event" => &["name", "start", "stop"],
        "crm.lead" => &["name"],
        "res.users" => &["login"],
        "ir.attachment" => &["name"],
        "ir.model.data" => &["name", "model"],
        "mail.followers" => &["res_model", "res_id", "partner_id"],
        _ => &[],
    };
    for k in known {
        if !fields.iter().any(|f| f == k) {
            fields.push((*k).to_string());
        }
    }
    fields
}

fn is_empty(v: Option<&Value>) -> bool {
    match v {
        None | Some(Value::Null) | Some(Value::Bool(false)) => true,
        Some(Value::String(s)) => s.is_empty(),
        _ => false,
    }
}

/// Odoo's translation of a NOT NULL violation (`odoo/service/model.py`), and res.partner's
/// `check_name` constraint ("Contacts require a name").
pub fn check_required(env: &Env, model: &str, record: &Record) -> Result<(), RpcError> {
    if model == "res.partner"
        && is_empty(record.get("name"))
        && record
            .get("type")
            .and_then(Value::as_str)
            .unwrap_or("contact")
            == "contact"
    {
        return Err(RpcError::validation(
            "The operation cannot be completed: Contacts require a name",
        ));
    }
    for field in required_fields(env, model) {
        if matches!(field.as_str(), "id" | "display_name") || !is_empty(record.get(&field)) {
            continue;
        }
        if field == "partner_id" && model == "res.users" {
            continue;
        }
        let label = env
            .field(model, &field)
            .ok()
            .and_then(|f| {
                f.attrs
                    .get("string")
                    .and_then(Value::as_str)
                    .map(str::to_string)
            })
            .unwrap_or_else(|| field.clone());
        return Err(RpcError::validation(format!(
            "The operation cannot be completed:\n- Create/update: a mandatory field is not set.\n- Delete: another model requires the record being deleted. If possible, archive it instead.\n\nModel: {} ({model})\nField: {label} ({field})",
            super::access::model_description(model)
        )));
    }
    Ok(())
}

/// `create` of one record, with the model's side effects.
pub fn create(env: &mut Env, model: &str, vals: Map<String, Value>) -> Result<i64, RpcError> {
    env.model(model)?;
    env.check_access(model, Operation::Create)?;
    match model {
        "mail.message" => return mail::create_message_direct(env, vals),
        "mail.followers" => return followers::create_direct(env, vals),
        "calendar.event" => return calendar::create_event(env, vals),
        "ir.model.fields" => return custom_fields::create_field(env, vals),
        "ir.model" => return Err(no_custom_models()),
        _ => {}
    }
    let mut record = defaults(env, model);
    let converted = env.convert_vals(model, &vals, None)?;
    record.extend(converted);
    check_required(env, model, &record)?;
    match model {
        "res.users" => return create_user(env, record, &vals),
        "ir.attachment" => {
            check_attachment_target(env, &record)?;
            mail::prepare_attachment(&mut record)
        }
        "res.partner" => partners::prepare(&mut record)?,
        "ir.model.data" => {
            record.entry("noupdate").or_insert(Value::Bool(false));
        }
        _ => {}
    }
    let id = env.insert_new(model, record);
    if model == "res.partner" {
        partners::after_create(env, id, &vals);
    }
    if is_mail_thread(model) {
        mail::after_create(env, model, id);
        followers::after_assignment(env, model, id, &vals);
    }
    Ok(id)
}

/// Odoo 17 `ir.attachment.check`: creating an attachment on a record counts as changing that
/// record, so it needs WRITE access to the record's model (a plain internal user may not attach
/// files to a contact). Pending attachments (`mail.compose.message`, res_id 0) pass.
fn check_attachment_target(env: &Env, record: &Record) -> Result<(), RpcError> {
    match record.get("res_model").and_then(Value::as_str) {
        Some(res_model) if !res_model.is_empty() => env.check_access(res_model, Operation::Write),
        _ => Ok(()),
    }
}

fn create_user(
    env: &mut Env,
    mut record: Record,
    vals: &Map<String, Value>,
) -> Result<i64, RpcError> {
    let login = record
        .get("login")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    let taken = env
        .db
        .ids("res.users")
        .into_iter()
        .any(|u| env.db.text("res.users", u, "login").as_deref() == Some(login.as_str()));
    if taken {
        return Err(RpcError::validation(
            "You can not have two users with the same login!",
        ));
    }
    let password = record
        .remove("password")
        .and_then(|p| p.as_str().map(str::to_string))
        .unwrap_or_default();
    if record.get("partner_id").and_then(Value::as_i64).is_none() {
        let mut partner = Map::new();
        partner.insert(
            "name".into(),
            vals.get("name")
                .cloned()
                .unwrap_or(Value::from(login.clone())),
        );
        if let Some(email) = vals.get("email") {
            partner.insert("email".into(), email.clone());
        }
        // NOTE: the user's partner is created with the caller's rights (transcript 84 shows the
        // admin following the new user's partner 46).
        let pid = create(env, "res.partner", partner)?;
        record.insert("partner_id".into(), Value::from(pid));
    }
    let groups: Vec<i64> = record
        .get("groups_id")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_i64).collect())
        .unwrap_or_default();
    let id = env.insert_new("res.users", record);
    // base.group_user alone (id 1) is a plain internal user; anything else we treat as sales.
    let role = if groups.is_empty() || groups == [1] {
        Role::Internal
    } else {
        Role::Salesperson
    };
    // NOTE: a new internal user gets OdooBot's onboarding chat (two messages in a discuss
    // channel the fake does not model); their ids are taken so later ids match a real server.
    env.db.table("mail.message").allocate();
    env.db.table("mail.message").allocate();
    env.db.roles.insert(id, role);
    env.db.credentials.insert(
        id,
        Credentials {
            password,
            api_keys: vec![],
        },
    );
    Ok(id)
}

/// `write` on several records, with tracking and the calendar's side effects.
pub fn write(
    env: &mut Env,
    model: &str,
    ids: &[i64],
    vals: &Map<String, Value>,
) -> Result<(), RpcError> {
    env.model(model)?;
    // a user may change a few fields of their own user without the right to write users
    // (Odoo 17 `res.users.write` with `SELF_WRITEABLE_FIELDS`)
    let installed = super::microsoft::installed(env);
    let own_safe_fields = model == "res.users"
        && ids == [env.uid]
        && vals
            .keys()
            .all(|k| super::microsoft::self_writeable(k, installed));
    if !own_safe_fields {
        env.check_access(model, Operation::Write)?;
    }
    for name in vals.keys() {
        env.field(model, name)?;
    }
    env.ensure_exist(model, ids)?;
    match model {
        "calendar.event" => return calendar::write_events(env, ids, vals),
        "ir.model.fields" => return custom_fields::write_fields(env, ids, vals),
        "ir.model" => return Err(no_custom_models()),
        "mail.followers" => return followers::write_direct(env, ids, vals),
        "res.partner" => partners::check_write(env, ids, vals)?,
        _ => {}
    }
    for id in ids {
        let mut converted = env.convert_vals(model, vals, Some(*id))?;
        if model == "res.partner" {
            partners::prepare(&mut converted)?;
        }
        let before: Vec<(String, Value)> = mail::tracked_fields(model)
            .iter()
            .map(|f| (f.to_string(), env.cache_value(model, *id, f)))
            .collect();
        env.update(model, *id, converted);
        if model == "res.users"
            && let Some(p) = vals.get("password").and_then(Value::as_str)
        {
            env.db.credentials.entry(*id).or_default().password = p.to_string();
        }
        if model == "res.partner" {
            partners::after_write(env, *id, vals);
        }
        mail::track_changes(env, model, *id, &before);
        if is_mail_thread(model) {
            followers::after_assignment(env, model, *id, vals);
        }
    }
    Ok(())
}

/// `action_archive` / `action_unarchive`: `toggle_active` on the records not yet in the wanted
/// state, a `write` of `active`; Odoo returns None (no `result` key).
fn archive(env: &mut Env, model: &str, ids: &[i64], active: bool) -> RpcResult {
    env.ensure_exist(model, ids)?;
    let to_change: Vec<i64> = ids
        .iter()
        .copied()
        .filter(|id| (env.db.raw(model, *id, "active") != Value::Bool(false)) != active)
        .collect();
    if !to_change.is_empty() {
        let vals = Map::from_iter([("active".to_string(), Value::Bool(active))]);
        write(env, model, &to_change, &vals)?;
    }
    Ok(None)
}

/// Odoo can create custom models (`x_` models); the fake serves custom fields only.
fn no_custom_models() -> RpcError {
    RpcError::user("The fake Odoo does not model custom models (ir.model create, write, unlink)")
}

/// `unlink`, cascading to the record's chatter, followers and attendees (transcript 179).
pub fn unlink(env: &mut Env, model: &str, ids: &[i64]) -> Result<(), RpcError> {
    env.model(model)?;
    env.check_access(model, Operation::Unlink)?;
    env.ensure_exist(model, ids)?;
    match model {
        "ir.model.fields" => return custom_fields::unlink_fields(env, ids),
        "ir.model" => return Err(no_custom_models()),
        _ => {}
    }
    // a partner deleted stops following anything (`ondelete='cascade'`), a document deleted
    // loses its followers
    followers::forget(env, model, ids);
    partners::drop_attachments(env.db, model, ids);
    for id in ids {
        env.db.table(model).rows.remove(id);
        if is_mail_thread(model) {
            let db = &*env.db;
            let msgs: Vec<i64> = db
                .ids("mail.message")
                .into_iter()
                .filter(|m| {
                    db.text("mail.message", *m, "model").as_deref() == Some(model)
                        && db.raw("mail.message", *m, "res_id").as_i64() == Some(*id)
                })
                .collect();
            mail::drop_messages(env, &msgs);
        }
        if model == "calendar.event" {
            let db = &mut *env.db;
            let atts: Vec<i64> = db
                .ids("calendar.attendee")
                .into_iter()
                .filter(|a| db.m2o("calendar.attendee", *a, "event_id") == Some(*id))
                .collect();
            for a in atts {
                db.table("calendar.attendee").rows.remove(&a);
            }
        }
    }
    Ok(())
}
