//! Models and their fields, as `fields_get` of a real Odoo 17 describes them.
//!
//! The field lists are derived from the transcripts' `fields_get` answers (res.partner,
//! calendar.event, calendar.attendee, mail.followers, mail.mail) and, for models the transcripts
//! only read, from the values they read plus Odoo 17's source (`data/fields_extra.json`).
//! `data/generate.py` regenerates `data/fields_observed.json` from the transcripts.

use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

use serde_json::{Map, Value};

use super::version::OdooVersion;

const OBSERVED: &str = include_str!("data/fields_observed.json");
const EXTRA: &str = include_str!("data/fields_extra.json");

/// Models whose field list comes from a recorded `fields_get` answer (authoritative).
const FROM_FIELDS_GET: &[&str] = &[
    "res.partner",
    "calendar.event",
    "calendar.attendee",
    "mail.followers",
    "mail.mail",
];

/// One field of a model.
#[derive(Debug, Clone)]
pub struct FieldDef {
    /// Odoo field type (`char`, `many2one`, ...).
    pub ttype: String,
    /// Target model of a relational field.
    pub relation: Option<String>,
    /// Every attribute `fields_get` can report for this field.
    pub attrs: Map<String, Value>,
}

impl FieldDef {
    /// Whether the field holds ids of another model (many2many / one2many).
    pub fn is_x2many(&self) -> bool {
        self.ttype == "many2many" || self.ttype == "one2many"
    }

    /// The value an unset field reads as (FACTS 14: empty values are `false`).
    pub fn empty_value(&self) -> Value {
        match self.ttype.as_str() {
            "integer" | "many2one_reference" => Value::from(0),
            "float" | "monetary" => Value::from(0.0),
            "many2many" | "one2many" => Value::Array(vec![]),
            _ => Value::Bool(false),
        }
    }
}

/// Static description of a model: its fields in `fields_get` order.
#[derive(Debug, Clone, Default)]
pub struct ModelDef {
    /// Fields by name, in declaration order.
    pub fields: Vec<(String, FieldDef)>,
}

impl ModelDef {
    /// The field of that name, if the model has it.
    pub fn field(&self, name: &str) -> Option<&FieldDef> {
        self.fields.iter().find(|(n, _)| n == name).map(|(_, f)| f)
    }
}

/// All models of one database flavour (plain, or with `microsoft_calendar` installed).
#[derive(Debug, Clone, Default)]
pub struct Registry {
    /// Models by technical name.
    pub models: BTreeMap<String, ModelDef>,
}

fn to_def(attrs: &Map<String, Value>) -> FieldDef {
    FieldDef {
        ttype: attrs
            .get("type")
            .and_then(Value::as_str)
            .unwrap_or("char")
            .to_string(),
        relation: attrs
            .get("relation")
            .and_then(Value::as_str)
            .map(str::to_string),
        attrs: attrs.clone(),
    }
}

fn model_from(map: &Map<String, Value>) -> ModelDef {
    ModelDef {
        fields: map
            .iter()
            .filter_map(|(k, v)| v.as_object().map(|a| (k.clone(), to_def(a))))
            .collect(),
    }
}

fn parsed(text: &str) -> Map<String, Value> {
    serde_json::from_str::<Value>(text)
        .ok()
        .and_then(|v| v.as_object().cloned())
        .unwrap_or_default()
}

fn add_magic_fields(model: &mut ModelDef) {
    let magic: [(&str, &str, &str, Option<&str>); 6] = [
        ("id", "ID", "integer", None),
        ("display_name", "Display Name", "char", None),
        ("create_uid", "Created by", "many2one", Some("res.users")),
        ("create_date", "Created on", "datetime", None),
        (
            "write_uid",
            "Last Updated by",
            "many2one",
            Some("res.users"),
        ),
        ("write_date", "Last Updated on", "datetime", None),
    ];
    for (name, string, ttype, relation) in magic {
        if model.field(name).is_none() {
            let mut attrs = Map::new();
            attrs.insert("string".into(), string.into());
            attrs.insert("type".into(), ttype.into());
            if let Some(r) = relation {
                attrs.insert("relation".into(), r.into());
            }
            attrs.insert("readonly".into(), true.into());
            attrs.insert("required".into(), false.into());
            attrs.insert("store".into(), true.into());
            model.fields.push((name.to_string(), to_def(&attrs)));
        }
    }
}

fn build(with_microsoft_calendar: bool, version: OdooVersion) -> Registry {
    let observed = parsed(OBSERVED);
    let extra = parsed(EXTRA);
    let plain = observed
        .get("o365")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    let mut models = BTreeMap::new();
    for (name, fields) in &plain {
        if let Some(map) = fields.as_object() {
            models.insert(name.clone(), model_from(map));
        }
    }
    for (name, fields) in &extra {
        if FROM_FIELDS_GET.contains(&name.as_str()) {
            continue;
        }
        let Some(map) = fields.as_object() else {
            continue;
        };
        let mut model = model_from(map);
        if let Some(inferred) = models.get(name) {
            for (fname, def) in &inferred.fields {
                if model.field(fname).is_none() {
                    model.fields.push((fname.clone(), def.clone()));
                }
            }
        }
        models.insert(name.clone(), model);
    }
    if with_microsoft_calendar
        && let Some(map) = observed
            .get("o365_ms")
            .and_then(|m| m.get("calendar.event"))
            .and_then(Value::as_object)
    {
        {
            let mut model = model_from(map);
            // NOTE: the o365_ms fields_get asked other attributes; keep relations from the plain db.
            if let Some(plain_event) = models.get("calendar.event") {
                for (fname, def) in &mut model.fields {
                    if let Some(p) = plain_event.field(fname) {
                        for (k, v) in &p.attrs {
                            def.attrs.entry(k.clone()).or_insert_with(|| v.clone());
                        }
                        def.relation = def.relation.clone().or_else(|| p.relation.clone());
                    }
                }
            }
            models.insert("calendar.event".into(), model);
        }
    }
    // mail.thread is abstract but callable (message_process).
    models.entry("mail.thread".into()).or_default();
    for (name, model) in models.iter_mut() {
        // NOTE: recorded field lists are complete (mail.followers has no create/write columns)
        if !FROM_FIELDS_GET.contains(&name.as_str()) {
            add_magic_fields(model);
        }
    }
    if !version.partner_has_mobile()
        && let Some(p) = models.get_mut("res.partner")
    {
        p.fields.retain(|(n, _)| n != "mobile");
    }
    Registry { models }
}

/// The registry for a version and database flavour (built once, shared).
pub fn registry(version: OdooVersion, with_microsoft_calendar: bool) -> Arc<Registry> {
    type Cache = std::sync::Mutex<BTreeMap<(OdooVersion, bool), Arc<Registry>>>;
    static CACHE: OnceLock<Cache> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    let mut guard = match cache.lock() {
        Ok(g) => g,
        Err(poisoned) => poisoned.into_inner(),
    };
    guard
        .entry((version, with_microsoft_calendar))
        .or_insert_with(|| Arc::new(build(with_microsoft_calendar, version)))
        .clone()
}
