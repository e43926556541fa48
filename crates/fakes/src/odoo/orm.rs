//! The ORM semantics the external API exposes: search (domain, order, limit, offset, active_test),
//! read (formatting per field type, FACTS 14-16), create, write, unlink, fields_get, name_search.
//!
//! Model-specific behaviour (chatter, calendar, users) hooks in from `mail.rs`, `calendar.rs` and
//! `models.rs`; this file keeps what every model shares.

use std::cmp::Ordering;
use std::sync::OnceLock;

use chrono::NaiveDateTime;
use regex::Regex;
use serde_json::{Map, Value};

use super::access::{self, Operation, Role};
use super::domain::{self, Domain, RecordSource};
use super::errors::{RpcError, py_repr};
use super::fields::{FieldDef, ModelDef, Registry};
use super::store::{Database, Record, stored_datetime};
use super::version::OdooVersion;

/// One call's environment: the database, the calling user and the context (Odoo's `env`).
pub struct Env<'a> {
    /// The database the call runs in.
    pub db: &'a mut Database,
    /// The calling user.
    pub uid: i64,
    /// The calling user's access role.
    pub role: Role,
    /// The call's context (`lang`, `tz`, `active_test`, `no_mail_to_attendees`, ...).
    pub context: Map<String, Value>,
    /// The server's "now" for this call.
    pub now: NaiveDateTime,
    /// The Odoo version the fake pretends to be.
    pub version: OdooVersion,
}

/// The default `_order` of a model (Odoo 17).
pub fn default_order(model: &str) -> &'static str {
    match model {
        "res.partner" => "complete_name asc, id desc",
        "res.users" => "name asc, login asc",
        "mail.message" | "mail.mail" | "ir.attachment" => "id desc",
        "calendar.event" => "start desc, id desc",
        "crm.lead" => "priority desc, id desc",
        "res.country" | "res.partner.title" | "res.groups" | "crm.stage" => "name asc",
        "res.partner.category" => "name asc",
        "res.country.state" => "country_id asc, code asc",
        "ir.model.data" => "module asc, model asc, name asc",
        _ => "id asc",
    }
}

/// Models that inherit mail.thread (chatter and followers).
pub fn is_mail_thread(model: &str) -> bool {
    matches!(model, "res.partner" | "calendar.event" | "crm.lead")
}

fn invalid_field(model: &str, field: &str) -> RpcError {
    RpcError::value(format!("Invalid field '{field}' on model '{model}'"))
}

/// Strict Odoo datetime parsing with Python's `strptime` messages (FACTS 14).
pub fn parse_datetime(text: &str) -> Result<NaiveDateTime, RpcError> {
    if text.len() == 10
        && let Ok(d) = chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
    {
        return Ok(d.and_hms_opt(0, 0, 0).unwrap_or_default());
    }
    let head = text.get(..19).unwrap_or(text);
    match NaiveDateTime::parse_from_str(head, "%Y-%m-%d %H:%M:%S") {
        Ok(dt) if text.len() == 19 => Ok(dt),
        Ok(_) => Err(RpcError::value(format!(
            "unconverted data remains: {}",
            &text[19..]
        ))),
        Err(_) => Err(RpcError::value(format!(
            "time data '{text}' does not match format '%Y-%m-%d %H:%M:%S'"
        ))),
    }
}

/// Odoo 17's `html_sanitize` (`tools/mail.py`) with the defaults of an `Html` field, in the
/// parts a client meets (FACTS 17, transcripts 64 and 201): `<br/>` → `<br>`; the elements Odoo
/// kills go with their content (`script`, `style`, `head`, `title`, `iframe`, `object`,
/// `noscript`; `base`, `link`, `meta`, `embed`, `frame`); `html` and `body` are unwrapped;
/// event attributes (`onclick`, ...) are dropped and `javascript:` links emptied. Comments and
/// `style` attributes stay, as in Odoo.
pub fn sanitize_html(html: &str) -> String {
    const PAIRED: [&str; 7] = [
        "head", "script", "style", "title", "iframe", "object", "noscript",
    ];
    static RULES: OnceLock<(Vec<Regex>, [Regex; 4])> = OnceLock::new();
    let (killed, [unclosed, single, wrapper, tag]) = RULES.get_or_init(|| {
        let re = |p: &str| Regex::new(p).expect("a constant pattern");
        let killed = PAIRED
            .iter()
            .map(|t| re(&format!(r"(?is)<{t}\b[^>]*>.*?</{t}\s*>")))
            .collect();
        let unclosed = re(&format!(r"(?is)<({})\b.*\z", PAIRED.join("|")));
        (
            killed,
            [
                unclosed,
                re(r"(?i)</?(base|link|meta|embed|frame)\b[^>]*>"),
                re(r"(?i)</?(html|body)\b[^>]*>"),
                re(r"<[a-zA-Z][^>]*>"),
            ],
        )
    });
    let mut out = html.replace("<br/>", "<br>").replace("<br />", "<br>");
    for rule in killed {
        out = rule.replace_all(&out, "").into_owned();
    }
    // an element never closed runs to the end of the text, as the parser reads it
    let out = unclosed.replace_all(&out, "");
    let out = single.replace_all(&out, "");
    let out = wrapper.replace_all(&out, "");
    tag.replace_all(&out, |c: &regex::Captures| clean_tag(&c[0]))
        .into_owned()
}

/// A start tag without event attributes and with `javascript:` links emptied.
fn clean_tag(tag: &str) -> String {
    static RULES: OnceLock<(Regex, Regex)> = OnceLock::new();
    let (events, scripts) = RULES.get_or_init(|| {
        let re = |p: &str| Regex::new(p).expect("a constant pattern");
        (
            re(r#"(?i)\s+on[a-z]+\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)"#),
            re(r#"(?i)\b(href|src)\s*=\s*("\s*javascript:[^"]*"|'\s*javascript:[^']*')"#),
        )
    });
    let tag = events.replace_all(tag, "");
    scripts.replace_all(&tag, "$1=\"\"").into_owned()
}

fn sort_key_cmp(a: &Value, b: &Value) -> Ordering {
    let unset = |v: &Value| matches!(v, Value::Bool(false) | Value::Null);
    match (unset(a), unset(b)) {
        (true, true) => Ordering::Equal,
        // PostgreSQL: NULLS LAST for ASC
        (true, false) => Ordering::Greater,
        (false, true) => Ordering::Less,
        _ => match (a, b) {
            (Value::Number(x), Value::Number(y)) => x
                .as_f64()
                .unwrap_or(0.0)
                .partial_cmp(&y.as_f64().unwrap_or(0.0))
                .unwrap_or(Ordering::Equal),
            (Value::String(x), Value::String(y)) => x.to_lowercase().cmp(&y.to_lowercase()),
            (Value::Bool(x), Value::Bool(y)) => x.cmp(y),
            _ => Ordering::Equal,
        },
    }
}

impl RecordSource for Env<'_> {
    fn registry(&self) -> &Registry {
        &self.db.registry
    }
    fn value(&self, model: &str, id: i64, field: &str) -> Value {
        self.cache_value(model, id, field)
    }
    fn display_name(&self, model: &str, id: i64) -> String {
        match self.display(model, id) {
            Value::String(s) => s,
            _ => String::new(),
        }
    }
    fn all_ids(&self, model: &str) -> Vec<i64> {
        self.db.ids(model)
    }
}

impl Env<'_> {
    /// The model's definition, or Odoo's error for an unknown model (FACTS 7).
    pub fn model(&self, model: &str) -> Result<ModelDef, RpcError> {
        self.db
            .registry
            .models
            .get(model)
            .cloned()
            .ok_or_else(|| RpcError::user(format!("Object {model} doesn't exist")))
    }

    /// The field definition, or ValueError "Invalid field".
    pub fn field(&self, model: &str, field: &str) -> Result<FieldDef, RpcError> {
        self.db
            .registry
            .models
            .get(model)
            .and_then(|m| m.field(field))
            .cloned()
            .ok_or_else(|| invalid_field(model, field))
    }

    /// Checks the calling user's ACL for an operation.
    pub fn check_access(&self, model: &str, op: Operation) -> Result<(), RpcError> {
        access::check(model, op, self.role)
    }

    /// The calling user's partner.
    pub fn user_partner(&self) -> i64 {
        self.db.user_partner(self.uid).unwrap_or(0)
    }

    /// `now` as stored (microseconds).
    pub fn now_stored(&self) -> String {
        stored_datetime(self.now)
    }

    /// Whether the context flag is set to a truthy value.
    pub fn context_flag(&self, key: &str) -> bool {
        match self.context.get(key) {
            Some(Value::Bool(b)) => *b,
            Some(Value::Number(n)) => n.as_f64().unwrap_or(0.0) != 0.0,
            Some(Value::String(s)) => !s.is_empty(),
            _ => false,
        }
    }

    // ----- values -------------------------------------------------------------------------

    /// Display name (`[id, name]`'s name) of a record, `false` when it has none.
    pub fn display(&self, model: &str, id: i64) -> Value {
        let db = &*self.db;
        let name = || db.raw(model, id, "name");
        match model {
            "res.partner" => super::partners::display_name(db, id),
            "res.country.state" => {
                let code = db
                    .m2o(model, id, "country_id")
                    .and_then(|c| db.text("res.country", c, "code"))
                    .unwrap_or_default();
                Value::from(format!(
                    "{} ({code})",
                    db.text(model, id, "name").unwrap_or_default()
                ))
            }
            "calendar.attendee" => db.raw(model, id, "common_name"),
            // `_compute_display_name`: the tag's path, "Parent / Child"
            "res.partner.category" => {
                let mut names = Vec::new();
                let mut current = Some(id);
                while let Some(tag) = current.filter(|_| names.len() < 64) {
                    names.push(db.text(model, tag, "name").unwrap_or_default());
                    current = db.m2o(model, tag, "parent_id");
                }
                names.reverse();
                Value::from(names.join(" / "))
            }
            "calendar.event" if super::calendar::is_hidden_from(self, id) => Value::from("Busy"),
            "mail.message" | "mail.mail" => self.cache_value("mail.message", id, "record_name"),
            "ir.model.data" => self.cache_value(model, id, "complete_name"),
            // `_rec_name = 'partner_id'`: the partner's display name
            "mail.followers" => db
                .m2o(model, id, "partner_id")
                .map(|p| self.display("res.partner", p))
                .unwrap_or(Value::Bool(false)),
            "mail.notification" | "mail.tracking.value" => Value::from(format!("{model},{id}")),
            _ => match name() {
                Value::Bool(false) | Value::Null => Value::from(format!("{model},{id}")),
                v => v,
            },
        }
    }

    fn followers_of(&self, model: &str, id: i64) -> Vec<i64> {
        let db = &*self.db;
        db.ids("mail.followers")
            .into_iter()
            .filter(|f| {
                db.text("mail.followers", *f, "res_model").as_deref() == Some(model)
                    && db.raw("mail.followers", *f, "res_id").as_i64() == Some(id)
            })
            .collect()
    }

    /// Ids of `model` whose many2one `field` points at `target`.
    fn referencing(&self, model: &str, field: &str, target: i64) -> Vec<i64> {
        let db = &*self.db;
        db.ids(model)
            .into_iter()
            .filter(|r| db.m2o(model, *r, field) == Some(target))
            .collect()
    }

    /// A field's value in cache form, computed fields included.
    pub fn cache_value(&self, model: &str, id: i64, field: &str) -> Value {
        match field {
            "id" => return Value::from(id),
            "display_name" => return self.display(model, id),
            _ => {}
        }
        let computed = if is_mail_thread(model) {
            self.mail_thread_value(model, id, field)
        } else {
            None
        };
        if let Some(v) = computed.or_else(|| self.computed_value(model, id, field)) {
            return v;
        }
        match self.db.get(model, id).and_then(|r| r.get(field)) {
            Some(v) => v.clone(),
            None => self
                .field(model, field)
                .map(|f| f.empty_value())
                .unwrap_or(Value::Bool(false)),
        }
    }

    /// The fields every mail thread computes: its followers and its messages.
    fn mail_thread_value(&self, model: &str, id: i64, field: &str) -> Option<Value> {
        let db = &*self.db;
        let follower_partners = || {
            self.followers_of(model, id)
                .into_iter()
                .filter_map(|f| db.m2o("mail.followers", f, "partner_id"))
        };
        Some(match field {
            "message_follower_ids" => ids_value(self.followers_of(model, id)),
            "message_partner_ids" => {
                let mut partners: Vec<i64> = follower_partners().collect();
                self.sort_ids("res.partner", &mut partners, None);
                ids_value(partners)
            }
            "message_is_follower" => {
                let me = self.user_partner();
                Value::Bool(follower_partners().any(|p| p == me))
            }
            "message_ids" | "website_message_ids" => {
                let mut msgs: Vec<i64> = db
                    .ids("mail.message")
                    .into_iter()
                    .filter(|m| {
                        db.text("mail.message", *m, "model").as_deref() == Some(model)
                            && db.raw("mail.message", *m, "res_id").as_i64() == Some(id)
                    })
                    .collect();
                msgs.reverse();
                ids_value(msgs)
            }
            "has_message" => Value::Bool(
                !self
                    .cache_value(model, id, "message_ids")
                    .as_array()
                    .is_none_or(Vec::is_empty),
            ),
            _ => return None,
        })
    }

    /// The fields a model computes (none: the stored value stands).
    fn computed_value(&self, model: &str, id: i64, field: &str) -> Option<Value> {
        let db = &*self.db;
        Some(match (model, field) {
            ("res.partner", _) => return super::partners::computed(self, id, field),
            ("calendar.event", "attendee_ids") => {
                ids_value(self.referencing("calendar.attendee", "event_id", id))
            }
            ("calendar.event", "partner_ids") => {
                let mut ids: Vec<i64> = db
                    .raw(model, id, "partner_ids")
                    .as_array()
                    .map(|a| a.iter().filter_map(Value::as_i64).collect())
                    .unwrap_or_default();
                self.sort_ids("res.partner", &mut ids, None);
                ids_value(ids)
            }
            ("calendar.event", "duration") => super::calendar::duration(db, id),
            ("calendar.event", "display_time") => super::calendar::display_time(db, id),
            ("calendar.event", "ms_organizer_event_id" | "ms_universal_event_id") => {
                super::microsoft::computed_id(db.text(model, id, "microsoft_id"), field)
            }
            ("mail.message", "record_name") => self.record_name(id),
            ("mail.message", "notification_ids") => {
                ids_value(self.referencing("mail.notification", "mail_message_id", id))
            }
            ("mail.message", "tracking_value_ids") => {
                let mut ids = self.referencing("mail.tracking.value", "mail_message_id", id);
                ids.reverse();
                ids_value(ids)
            }
            ("mail.followers", "name" | "email" | "is_active") => {
                super::followers::related(self, id, field).unwrap_or(Value::Bool(false))
            }
            ("ir.model.data", "complete_name") => Value::from(format!(
                "{}.{}",
                db.text(model, id, "module").unwrap_or_default(),
                db.text(model, id, "name").unwrap_or_default()
            )),
            _ => return None,
        })
    }

    /// A message's `record_name`: stored, else the display name of the record it is on.
    fn record_name(&self, id: i64) -> Value {
        let db = &*self.db;
        let model = "mail.message";
        if let Some(stored) = db.get(model, id).and_then(|r| r.get("record_name")) {
            return stored.clone();
        }
        match (
            db.text(model, id, "model"),
            db.raw(model, id, "res_id").as_i64(),
        ) {
            (Some(m), Some(r)) if db.get(&m, r).is_some() => self.display(&m, r),
            _ => Value::Bool(false),
        }
    }

    /// A field formatted as `read` returns it.
    pub fn read_value(&self, model: &str, id: i64, field: &str, def: &FieldDef) -> Value {
        let raw = self.cache_value(model, id, field);
        match def.ttype.as_str() {
            "many2one" => match (raw.as_i64(), def.relation.as_deref()) {
                (Some(target), Some(rel)) if self.db.get(rel, target).is_some() => {
                    Value::Array(vec![Value::from(target), self.display(rel, target)])
                }
                _ => Value::Bool(false),
            },
            // a many2many reads in the target's `_order`, not in the order it was written
            // (FACTS 14)
            "many2many" => match (raw, def.relation.as_deref()) {
                (Value::Array(a), Some(rel)) => {
                    let mut ids: Vec<i64> = a.iter().filter_map(Value::as_i64).collect();
                    self.sort_ids(rel, &mut ids, None);
                    ids_value(ids)
                }
                (Value::Array(a), None) => Value::Array(a),
                _ => Value::Array(vec![]),
            },
            "one2many" => match raw {
                Value::Array(a) => Value::Array(a),
                _ => Value::Array(vec![]),
            },
            "datetime" => match raw {
                Value::String(s) => Value::from(s.get(..19).unwrap_or(&s).to_string()),
                _ => Value::Bool(false),
            },
            // NOTE: NULL reads as false, a stored '' stays '' (tracking messages, transcript 128)
            "char" | "text" | "html" | "selection" | "date" | "binary" => match raw {
                Value::Null => Value::Bool(false),
                other => other,
            },
            "integer" | "many2one_reference" => match raw {
                Value::Bool(false) | Value::Null => Value::from(0),
                other => other,
            },
            "float" | "monetary" => match raw {
                Value::Bool(false) | Value::Null => Value::from(0.0),
                Value::Number(n) => Value::from(n.as_f64().unwrap_or(0.0)),
                other => other,
            },
            "boolean" => Value::Bool(matches!(raw, Value::Bool(true))),
            _ => raw,
        }
    }

    // ----- search ---------------------------------------------------------------------------

    /// Sorts ids by an `order` clause (default: the model's `_order`).
    pub fn sort_ids(&self, model: &str, ids: &mut [i64], order: Option<&str>) {
        let order = order
            .filter(|o| !o.trim().is_empty())
            .unwrap_or(default_order(model));
        let keys: Vec<(String, bool)> = order
            .split(',')
            .filter_map(|part| {
                let mut words = part.split_whitespace();
                let field = words.next()?.to_string();
                let desc = words.next().is_some_and(|d| d.eq_ignore_ascii_case("desc"));
                Some((field, desc))
            })
            .collect();
        let registry = self.db.registry.clone();
        let model_def = registry.models.get(model);
        ids.sort_by(|a, b| {
            for (field, desc) in &keys {
                let def = model_def.and_then(|m| m.field(field));
                let key = |id: i64| -> Value {
                    match def {
                        Some(d) if d.ttype == "many2one" => {
                            let raw = self.cache_value(model, id, field);
                            match (raw.as_i64(), d.relation.as_deref()) {
                                (Some(t), Some(rel)) => self.display(rel, t),
                                _ => Value::Bool(false),
                            }
                        }
                        _ => self.cache_value(model, id, field),
                    }
                };
                let mut ord = sort_key_cmp(&key(*a), &key(*b));
                if *desc {
                    // DESC reverses, NULLS FIRST
                    ord = ord.reverse();
                }
                if ord != Ordering::Equal {
                    return ord;
                }
            }
            a.cmp(b)
        });
    }

    /// `search` with Odoo's implicit `active` filter unless `active_test` is false (FACTS 40).
    pub fn search(
        &self,
        model: &str,
        domain: &Value,
        offset: usize,
        limit: Option<usize>,
        order: Option<&str>,
    ) -> Result<Vec<i64>, RpcError> {
        let registry = self.db.registry.clone();
        let parsed = domain::parse(&registry, model, domain)?;
        let active_filter = registry
            .models
            .get(model)
            .and_then(|m| m.field("active"))
            .is_some()
            && !domain::mentions_active(&parsed)
            && self.context.get("active_test") != Some(&Value::Bool(false));
        // ir.attachment `_search`: the attachments holding binary fields (photos) stay hidden
        // unless the domain names `res_field` or `id`
        let field_rows_hidden = model == "ir.attachment"
            && !domain::mentions(&parsed, "res_field")
            && !domain::mentions(&parsed, "id")
            && !self.context_flag("skip_res_field_check");
        let mut ids: Vec<i64> = self
            .db
            .ids(model)
            .into_iter()
            .filter(|id| !active_filter || self.db.raw(model, *id, "active") != Value::Bool(false))
            .filter(|id| self.passes_record_rules(model, *id))
            .filter(|id| !field_rows_hidden || is_unset(&self.db.raw(model, *id, "res_field")))
            .filter(|id| domain::matches(self, model, *id, &parsed))
            .collect();
        self.sort_ids(model, &mut ids, order);
        let ids = ids.into_iter().skip(offset);
        Ok(match limit {
            Some(l) => ids.take(l).collect(),
            None => ids.collect(),
        })
    }

    /// Record rules: a salesperson ("Own Documents Only") sees only his own and unassigned
    /// leads (crm.lead rule `crm_rule_personal_lead`).
    pub fn passes_record_rules(&self, model: &str, id: i64) -> bool {
        match (model, self.role) {
            ("crm.lead", Role::Salesperson) => self
                .db
                .m2o(model, id, "user_id")
                .is_none_or(|owner| owner == self.uid),
            ("ir.attachment", _) => self.attachment_visible(id),
            _ => true,
        }
    }

    /// ir.attachment `_search`: an attachment is found by who may read what it is attached to;
    /// one attached to nothing only by its creator and administrators, a public one by all.
    fn attachment_visible(&self, id: i64) -> bool {
        const ATT: &str = "ir.attachment";
        if self.db.raw(ATT, id, "public") == Value::Bool(true) {
            return true;
        }
        let res_model = self.db.text(ATT, id, "res_model").unwrap_or_default();
        let res_id = self.db.raw(ATT, id, "res_id").as_i64().unwrap_or(0);
        if res_id == 0 {
            return self.role == Role::Admin
                || self.db.m2o(ATT, id, "create_uid") == Some(self.uid);
        }
        if !self.db.registry.models.contains_key(&res_model) {
            return true;
        }
        access::check(&res_model, Operation::Read, self.role).is_ok()
            && self.passes_record_rules(&res_model, res_id)
    }

    /// Evaluates a parsed domain on explicit ids (no active filter).
    pub fn filter(&self, model: &str, ids: &[i64], parsed: &Domain) -> Vec<i64> {
        ids.iter()
            .copied()
            .filter(|id| domain::matches(self, model, *id, parsed))
            .collect()
    }

    // ----- read ----------------------------------------------------------------------------

    /// Odoo 17's `check_field_access_rights`: a field of a group the caller lacks (e.g. the
    /// Microsoft tokens, `base.group_system`) is an AccessError when named.
    pub fn check_field_groups(
        &self,
        model: &str,
        names: &[&str],
        operation: &str,
    ) -> Result<(), RpcError> {
        if self.role == Role::Admin {
            return Ok(());
        }
        let mut denied: Vec<&str> = names
            .iter()
            .copied()
            .filter(|n| self.field(model, n).is_ok_and(|f| f.admin_only()))
            .collect();
        if denied.is_empty() {
            return Ok(());
        }
        denied.sort_unstable();
        Err(RpcError::access(format!(
            "You do not have enough rights to access the fields \"{}\" on {} ({model}). Please contact your system administrator.\n\n(Operation: {operation})",
            denied.join(","),
            access::model_description(model)
        )))
    }

    /// Validates a `fields` list; empty means every field the caller may see (FACTS 16).
    pub fn read_fields(
        &self,
        model: &str,
        fields: &[String],
    ) -> Result<Vec<(String, FieldDef)>, RpcError> {
        let def = self.model(model)?;
        if fields.is_empty() {
            return Ok(def
                .fields
                .iter()
                .filter(|(n, f)| n != "id" && (self.role == Role::Admin || !f.admin_only()))
                .cloned()
                .collect());
        }
        let names: Vec<&str> = fields.iter().map(String::as_str).collect();
        for name in &names {
            if def.field(name).is_none() && *name != "id" {
                return Err(invalid_field(model, name));
            }
        }
        self.check_field_groups(model, &names, "read")?;
        fields
            .iter()
            .filter(|f| f.as_str() != "id")
            .map(|f| {
                def.field(f)
                    .cloned()
                    .map(|d| (f.clone(), d))
                    .ok_or_else(|| invalid_field(model, f))
            })
            .collect()
    }

    /// `read`: missing ids are silently skipped (FACTS 11); private events are masked (FACTS 30,
    /// `calendar::masked`).
    pub fn read(&self, model: &str, ids: &[i64], fields: &[(String, FieldDef)]) -> Vec<Value> {
        let mut out = Vec::new();
        for id in ids {
            if self.db.get(model, *id).is_none() {
                continue;
            }
            let masked = model == "calendar.event" && super::calendar::is_hidden_from(self, *id);
            let mut row = Map::new();
            row.insert("id".into(), Value::from(*id));
            for (name, def) in fields {
                let hidden = masked.then(|| super::calendar::masked(name, def)).flatten();
                let v = match hidden {
                    Some(Value::Bool(false)) if def.ttype == "boolean" => Value::Bool(false),
                    Some(v) => v,
                    None => self.read_value(model, *id, name, def),
                };
                row.insert(name.clone(), v);
            }
            out.push(Value::Object(row));
        }
        out
    }

    // ----- writes --------------------------------------------------------------------------

    /// Converts a vals dict to cache form, checking fields and formats.
    pub fn convert_vals(
        &self,
        model: &str,
        vals: &Map<String, Value>,
        existing: Option<i64>,
    ) -> Result<Record, RpcError> {
        // Odoo keeps the log columns to itself: given values are ignored
        let is_log =
            |n: &str| matches!(n, "create_uid" | "create_date" | "write_uid" | "write_date");
        let names: Vec<&str> = vals
            .keys()
            .map(String::as_str)
            .filter(|n| !is_log(n))
            .collect();
        for name in &names {
            self.field(model, name)?;
        }
        let operation = if existing.is_some() {
            "write"
        } else {
            "create"
        };
        self.check_field_groups(model, &names, operation)?;
        let mut out = Record::new();
        for (name, value) in vals.iter().filter(|(n, _)| !is_log(n)) {
            let def = self.field(model, name)?;
            let converted = match def.ttype.as_str() {
                "many2one" => self.convert_many2one(model, name, &def, value)?,
                "many2many" | "one2many" => {
                    let current: Vec<i64> = existing
                        .map(|id| self.db.raw(model, id, name))
                        .and_then(|v| v.as_array().cloned())
                        .map(|a| a.iter().filter_map(Value::as_i64).collect())
                        .unwrap_or_default();
                    ids_value(apply_commands(current, value)?)
                }
                _ => convert_scalar(model, name, &def, value)?,
            };
            out.insert(name.clone(), converted);
        }
        Ok(out)
    }

    /// A many2one value: an id that must exist, `false`, or `[id, name]`.
    fn convert_many2one(
        &self,
        model: &str,
        name: &str,
        def: &FieldDef,
        value: &Value,
    ) -> Result<Value, RpcError> {
        match value {
            Value::Bool(false) | Value::Null => Ok(Value::Bool(false)),
            Value::Number(n) => {
                let target = n.as_i64().unwrap_or(0);
                // a FOREIGN KEY violation, translated like a NOT NULL one by Odoo 17
                if let Some(rel) = def.relation.as_deref()
                    && self.db.tables.get(rel).is_some_and(|t| !t.rows.is_empty())
                    && self.db.get(rel, target).is_none()
                {
                    return Err(RpcError::validation(format!(
                        "The operation cannot be completed:\n- Create/update: a mandatory field is not set.\n- Delete: another model requires the record being deleted. If possible, archive it instead.\n\nModel: {} ({model})\nField: {} ({name})",
                        access::model_description(model),
                        def.attrs
                            .get("string")
                            .and_then(Value::as_str)
                            .unwrap_or(name)
                    )));
                }
                Ok(Value::from(target))
            }
            Value::Array(a) if !a.is_empty() => Ok(a[0].clone()),
            other => Err(RpcError::value(format!(
                "Wrong value for {model}.{name}: {}",
                py_repr(other)
            ))),
        }
    }

    /// Stores a new record with magic fields; returns its id.
    pub fn insert_new(&mut self, model: &str, mut record: Record) -> i64 {
        let now = self.now_stored();
        record
            .entry("create_date")
            .or_insert_with(|| Value::from(now.clone()));
        record.insert("write_date".into(), Value::from(now));
        record.entry("create_uid").or_insert(Value::from(self.uid));
        record.insert("write_uid".into(), Value::from(self.uid));
        let id = self.db.table(model).allocate();
        self.db.insert(model, id, record);
        id
    }

    /// Updates stored fields and moves `write_date` to now (FACTS 16), on every write, values
    /// changed or not. NOTE: never backwards, also when the control API set the clock back: a
    /// client that asks for `write_date > last seen` must not miss a change.
    pub fn update(&mut self, model: &str, id: i64, record: Record) {
        let now = self.now_stored();
        let uid = self.uid;
        if let Some(row) = self.db.table(model).rows.get_mut(&id) {
            for (k, v) in record {
                row.insert(k, v);
            }
            let stamp = match row.get("write_date").and_then(Value::as_str) {
                Some(before) if before > now.as_str() => before.to_string(),
                _ => now,
            };
            row.insert("write_date".into(), Value::from(stamp));
            row.insert("write_uid".into(), Value::from(uid));
        }
    }

    /// Raises MissingError for ids that do not exist (FACTS 11).
    pub fn ensure_exist(&self, model: &str, ids: &[i64]) -> Result<(), RpcError> {
        let missing: Vec<i64> = ids
            .iter()
            .copied()
            .filter(|id| self.db.get(model, *id).is_none())
            .collect();
        if missing.is_empty() {
            Ok(())
        } else {
            Err(RpcError::missing(model, &missing, self.uid))
        }
    }
}

/// A non-relational value in cache form: strict datetimes (FACTS 14), lenient dates (FACTS
/// 36), sanitized html, known selection values.
fn convert_scalar(
    model: &str,
    name: &str,
    def: &FieldDef,
    value: &Value,
) -> Result<Value, RpcError> {
    Ok(match def.ttype.as_str() {
        "datetime" => match value {
            Value::String(s) => {
                let dt = parse_datetime(s)?;
                Value::from(dt.format("%Y-%m-%d %H:%M:%S").to_string())
            }
            Value::Bool(false) | Value::Null => Value::Bool(false),
            other => {
                return Err(RpcError::type_error(format!(
                    "strptime() argument 1 must be str, not {}",
                    py_type(other)
                )));
            }
        },
        "date" => match value {
            Value::String(s) => {
                let head = s.get(..10).unwrap_or(s);
                chrono::NaiveDate::parse_from_str(head, "%Y-%m-%d").map_err(|_| {
                    RpcError::value(format!(
                        "time data '{head}' does not match format '%Y-%m-%d'"
                    ))
                })?;
                Value::from(head.to_string())
            }
            _ => Value::Bool(false),
        },
        "html" => match value {
            Value::String(s) => Value::from(sanitize_html(s)),
            other => other.clone(),
        },
        "selection" => {
            if let (Some(Value::Array(options)), Value::String(s)) =
                (def.attrs.get("selection"), value)
            {
                let known = options
                    .iter()
                    .any(|o| o.get(0).and_then(Value::as_str) == Some(s.as_str()));
                if !known {
                    return Err(RpcError::value(format!(
                        "Wrong value for {model}.{name}: {}",
                        py_repr(value)
                    )));
                }
            }
            value.clone()
        }
        "float" | "monetary" => match value {
            Value::Number(n) => Value::from(n.as_f64().unwrap_or(0.0)),
            other => other.clone(),
        },
        _ => value.clone(),
    })
}

/// Whether a stored value is empty (`False`, NULL or '').
fn is_unset(v: &Value) -> bool {
    match v {
        Value::Bool(false) | Value::Null => true,
        Value::String(s) => s.is_empty(),
        _ => false,
    }
}

/// A JSON list of ids.
pub fn ids_value(ids: Vec<i64>) -> Value {
    Value::Array(ids.into_iter().map(Value::from).collect())
}

/// Odoo's `email_normalize(text, strict=False)`: the first address of a list (`"a@x, B <b@y>"`)
/// with an `@`, lowercased (a non-ASCII local part is kept as it is, SMTPUTF8); empty when the
/// text holds no address.
pub fn normalize_email(text: &str) -> String {
    let first = text.split(',').find_map(|part| {
        let inner = match (part.rfind('<'), part.rfind('>')) {
            (Some(a), Some(b)) if a < b => &part[a + 1..b],
            _ => part,
        };
        let inner = inner.trim();
        inner.contains('@').then_some(inner)
    });
    let Some(address) = first else {
        return String::new();
    };
    let (local, domain) = address.rsplit_once('@').unwrap_or((address, ""));
    let local = if local.is_ascii() {
        local.to_lowercase()
    } else {
        local.to_string()
    };
    format!("{local}@{}", domain.to_lowercase())
}

fn py_type(v: &Value) -> &'static str {
    match v {
        Value::Bool(_) => "bool",
        Value::Number(n) if n.is_i64() => "int",
        Value::Number(_) => "float",
        Value::Array(_) => "list",
        Value::Object(_) => "dict",
        Value::Null => "NoneType",
        Value::String(_) => "str",
    }
}

/// Applies x2many commands (`(6,0,ids)`, `(4,id)`, `(3,id)`, `(5,)`, plain id lists) to ids.
pub fn apply_commands(mut current: Vec<i64>, value: &Value) -> Result<Vec<i64>, RpcError> {
    let Value::Array(items) = value else {
        if matches!(value, Value::Bool(false) | Value::Null) {
            return Ok(vec![]);
        }
        return Err(RpcError::value(format!(
            "Wrong x2many value: {}",
            py_repr(value)
        )));
    };
    if items.iter().all(Value::is_i64) {
        return Ok(items.iter().filter_map(Value::as_i64).collect());
    }
    for item in items {
        let Some(cmd) = item.as_array() else {
            return Err(RpcError::value(format!(
                "Wrong x2many command: {}",
                py_repr(item)
            )));
        };
        let code = cmd.first().and_then(Value::as_i64).unwrap_or(-1);
        let arg = cmd.get(1).and_then(Value::as_i64).unwrap_or(0);
        match code {
            6 => {
                current = cmd
                    .get(2)
                    .and_then(Value::as_array)
                    .map(|a| a.iter().filter_map(Value::as_i64).collect())
                    .unwrap_or_default();
            }
            4 => {
                if !current.contains(&arg) {
                    current.push(arg);
                }
            }
            3 | 2 => current.retain(|x| *x != arg),
            5 => current.clear(),
            _ => {
                return Err(RpcError::value(format!(
                    "Wrong x2many command: {}",
                    py_repr(item)
                )));
            }
        }
    }
    Ok(current)
}

#[cfg(test)]
mod tests {
    use super::sanitize_html;

    #[test]
    fn html_is_sanitized_like_odoo_17s_html_sanitize() {
        // FACTS 17 and transcript 64
        assert_eq!(
            sanitize_html("<p>a<br/>b</p><script>alert(1)</script>"),
            "<p>a<br>b</p>"
        );
        let mail = "<html><head><title>T</title><style>p{color:red}</style><meta charset=\"utf-8\"></head><body><p onclick=\"x()\" style=\"color:red\">Hi <a href=\"javascript:evil()\">x</a></p><!-- c --></body></html>";
        assert_eq!(
            sanitize_html(mail),
            "<p style=\"color:red\">Hi <a href=\"\">x</a></p><!-- c -->"
        );
        assert_eq!(sanitize_html("<p>ok</p><SCRIPT>never closed"), "<p>ok</p>");
        assert_eq!(
            sanitize_html("<p>İstanbul <b>ß</b></p>"),
            "<p>İstanbul <b>ß</b></p>"
        );
    }
}
