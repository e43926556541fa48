//! Models and their fields, as `fields_get` of a real Odoo 17 describes them.
//!
//! The field lists are derived from the transcripts' `fields_get` answers (res.partner,
//! calendar.event, calendar.attendee, mail.followers, mail.mail) and, for models the transcripts
//! only read, from the values they read plus Odoo 17's source (`data/fields_extra.json`).
//! `data/generate.py` regenerates `data/fields_observed.json` from the transcripts.
//!
//! Which fields a database has depends on its [`Modules`]: `microsoft_calendar` adds the Outlook
//! ids to `calendar.event` (transcript 137) and the Microsoft token and sync fields to
//! `res.users` (Odoo 17's `microsoft_account/models/res_users.py` and
//! `microsoft_calendar/models/res_users.py`, in `data/fields_microsoft.json`). A registry is
//! shared between databases until an administrator adds a custom field to one of them
//! (`custom_fields.rs`), which gives that database its own copy.

use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

use serde_json::{Map, Value};

use super::version::OdooVersion;

const OBSERVED: &str = include_str!("data/fields_observed.json");
const EXTRA: &str = include_str!("data/fields_extra.json");
const MICROSOFT: &str = include_str!("data/fields_microsoft.json");

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
    /// The group a user needs to see the field at all (Odoo's `groups=`, e.g.
    /// `base.group_system`); `None` for fields everybody may read.
    pub groups: Option<String>,
}

impl FieldDef {
    /// Whether the field holds ids of another model (many2many / one2many).
    pub fn is_x2many(&self) -> bool {
        self.ttype == "many2many" || self.ttype == "one2many"
    }

    /// Whether only administrators may see the field (`groups="base.group_system"`).
    pub fn admin_only(&self) -> bool {
        self.groups.is_some()
    }

    /// Whether an administrator added it (`ir.model.fields` state `manual`, an `x_` field).
    pub fn is_manual(&self) -> bool {
        self.attrs.get("manual") == Some(&Value::Bool(true))
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

/// The optional modules of a database that change its models.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Modules {
    /// `microsoft_calendar` (with `microsoft_account`): Outlook ids on events, tokens on users.
    pub microsoft_calendar: bool,
    /// `crm` (with `portal` through `digest`): opportunities; `calendar.event` gets
    /// `opportunity_id` and `website_message_ids` from it (transcripts 100 and 137).
    pub crm: bool,
}

impl Default for Modules {
    fn default() -> Self {
        Self {
            microsoft_calendar: false,
            crm: true,
        }
    }
}

impl Modules {
    /// The names the control API takes and shows (`["microsoft_calendar"]`); `crm` is implied.
    pub fn names(self) -> Vec<&'static str> {
        let mut names = Vec::new();
        if self.microsoft_calendar {
            names.push("microsoft_calendar");
        }
        names
    }

    /// Parses a list of optional module names; the error is the first unknown name.
    pub fn parse(names: &[String]) -> Result<Self, String> {
        let mut modules = Self::default();
        for name in names {
            match name.as_str() {
                "microsoft_calendar" => modules.microsoft_calendar = true,
                other => return Err(other.to_string()),
            }
        }
        Ok(modules)
    }
}

/// All models of one database flavour (see [`Modules`]).
#[derive(Debug, Clone, Default)]
pub struct Registry {
    /// Models by technical name.
    pub models: BTreeMap<String, ModelDef>,
}

fn to_def(attrs: &Map<String, Value>) -> FieldDef {
    let mut attrs = attrs.clone();
    // NOTE: fields_get never reports `groups`; a user outside the group does not see the field
    let groups = attrs
        .remove("groups")
        .and_then(|g| g.as_str().map(str::to_string));
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
        attrs,
        groups,
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

/// The models of the recorded database `o365` (contacts, mail, calendar, crm): the recorded
/// `fields_get` answers, completed by `fields_extra.json` for models only read.
fn standard_models() -> BTreeMap<String, ModelDef> {
    let observed = parsed(OBSERVED);
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
    for (name, fields) in &parsed(EXTRA) {
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
    models
}

/// `calendar.event` as `microsoft_calendar` makes it: the recorded `o365_ms` answer
/// (transcript 137), whose database has no crm.
fn microsoft_event(models: &BTreeMap<String, ModelDef>) -> Option<ModelDef> {
    let observed = parsed(OBSERVED);
    let map = observed
        .get("o365_ms")
        .and_then(|m| m.get("calendar.event"))
        .and_then(Value::as_object)?;
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
        // crm's and portal's fields, which the recorded o365_ms database lacks
        for (fname, def) in &plain_event.fields {
            if model.field(fname).is_none() {
                model.fields.push((fname.clone(), def.clone()));
            }
        }
    }
    Some(model)
}

/// Adds what `microsoft_calendar` and `microsoft_account` add to users and their credentials.
fn add_microsoft_users(models: &mut BTreeMap<String, ModelDef>) {
    for (name, fields) in &parsed(MICROSOFT) {
        let Some(map) = fields.as_object() else {
            continue;
        };
        let model = models.entry(name.clone()).or_default();
        for (fname, def) in model_from(map).fields {
            if model.field(&fname).is_none() {
                model.fields.push((fname, def));
            }
        }
    }
}

/// What a database without crm (and so without portal) lacks: its models and the fields it
/// adds to others (`opportunity_*`, `team_id` of sales_team, `website_message_ids` of portal).
fn remove_crm(models: &mut BTreeMap<String, ModelDef>) {
    models.remove("crm.lead");
    models.remove("crm.stage");
    const CRM_FIELDS: &[&str] = &[
        "opportunity_id",
        "opportunity_ids",
        "opportunity_count",
        "team_id",
        "website_message_ids",
    ];
    for model in models.values_mut() {
        model
            .fields
            .retain(|(n, _)| !CRM_FIELDS.contains(&n.as_str()));
    }
}

/// Odoo 17's selection values of `calendar.event` (`calendar/models/calendar_event.py`): the
/// recorded `fields_get` answers asked for no `selection`, so a wrong value would pass unseen.
fn add_event_selections(models: &mut BTreeMap<String, ModelDef>) {
    let Some(event) = models.get_mut("calendar.event") else {
        return;
    };
    let values: [(&str, Value); 2] = [
        (
            "privacy",
            serde_json::json!([
                ["public", "Public"],
                ["private", "Private"],
                ["confidential", "Only internal users"]
            ]),
        ),
        (
            "show_as",
            serde_json::json!([["free", "Available"], ["busy", "Busy"]]),
        ),
    ];
    for (name, selection) in values {
        if let Some((_, def)) = event.fields.iter_mut().find(|(n, _)| n == name) {
            def.attrs.insert("selection".into(), selection);
        }
    }
}

fn build(modules: Modules, version: OdooVersion) -> Registry {
    let mut models = standard_models();
    if modules.microsoft_calendar {
        if let Some(event) = microsoft_event(&models) {
            models.insert("calendar.event".into(), event);
        }
        add_microsoft_users(&mut models);
    }
    if !modules.crm {
        remove_crm(&mut models);
    }
    add_event_selections(&mut models);
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
    if !version.partner_has_title() {
        models.remove("res.partner.title");
        if let Some(p) = models.get_mut("res.partner") {
            p.fields.retain(|(n, _)| n != "title");
        }
    }
    Registry { models }
}

/// The registry for a version and set of modules (built once, shared).
pub fn registry(version: OdooVersion, modules: Modules) -> Arc<Registry> {
    type Cache = std::sync::Mutex<BTreeMap<(OdooVersion, Modules), Arc<Registry>>>;
    static CACHE: OnceLock<Cache> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    let mut guard = match cache.lock() {
        Ok(g) => g,
        Err(poisoned) => poisoned.into_inner(),
    };
    guard
        .entry((version, modules))
        .or_insert_with(|| Arc::new(build(modules, version)))
        .clone()
}
