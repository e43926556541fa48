//! The worlds the fake Odoo can start from: `empty`, `demo` and `transcripts`.
//!
//! - `empty`: one database `odoo` with the administrator only.
//! - `demo`: database `demo` with the administrator, a salesperson and a colleague, about 50
//!   partners (companies and their people, German umlauts, two people sharing one address, one
//!   without e-mail) and an open opportunity of a customer of the salesperson.
//! - `transcripts`: the world of `shared/reference/odoo/transcripts` (databases `o365` and
//!   `o365_ms`, admin uid 2 / partner 3, demo uid 6 / partner 7, next uid 8 for demo2 whom
//!   transcript 42 creates, and the demo-data records the transcripts read, from
//!   `data/seed_transcripts.json`).

use std::collections::BTreeMap;

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};

use super::access::Role;
use super::fields::{Modules, registry};
use super::store::{Credentials, Database, Record, stored_datetime};
use super::version::OdooVersion;

const TRANSCRIPT_RECORDS: &str = include_str!("data/seed_transcripts.json");

/// A named starting world.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Seed {
    /// The administrator only.
    Empty,
    /// Two demo users and about 50 partners.
    Demo,
    /// The world of the recorded transcripts.
    Transcripts,
}

impl Seed {
    /// Parses `empty`, `demo` or `transcripts`.
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "empty" => Some(Self::Empty),
            "demo" => Some(Self::Demo),
            "transcripts" => Some(Self::Transcripts),
            _ => None,
        }
    }
}

/// A person the seed created, with what a client needs to log in.
#[derive(Debug, Clone, Serialize)]
pub struct SeedUser {
    /// Database.
    pub odoo_db: String,
    /// Login.
    pub odoo_login: String,
    /// API key (RPC and JSON-2).
    pub odoo_api_key: String,
    /// Password.
    pub odoo_password: String,
    /// User id.
    pub odoo_uid: i64,
    /// The user's partner.
    pub odoo_partner_id: i64,
    /// Display name.
    pub name: String,
    /// Role in this world.
    pub role: Role,
    /// Whether the user is a demo person (listed in the `fakes` announcement).
    pub demo_person: bool,
}

/// Databases and people of a seed.
#[derive(Debug)]
pub struct World {
    /// Databases by name.
    pub dbs: BTreeMap<String, Database>,
    /// The people with their secrets.
    pub users: Vec<SeedUser>,
}

fn api_key() -> String {
    (0..40)
        .map(|_| format!("{:x}", rand::random::<u8>() % 16))
        .collect()
}

fn rec(pairs: Value) -> Record {
    pairs.as_object().cloned().unwrap_or_default()
}

struct Builder {
    db: Database,
    at: String,
}

impl Builder {
    fn put(&mut self, model: &str, id: i64, values: Value) {
        let mut r = rec(values);
        r.entry("create_date")
            .or_insert(Value::from(self.at.clone()));
        r.entry("write_date")
            .or_insert(Value::from(self.at.clone()));
        r.entry("create_uid").or_insert(json!(1));
        r.entry("write_uid").or_insert(json!(1));
        self.db.insert(model, id, r);
    }

    fn next(&mut self, model: &str) -> i64 {
        self.db.table(model).allocate()
    }

    fn add(&mut self, model: &str, values: Value) -> i64 {
        let id = self.next(model);
        self.put(model, id, values);
        id
    }

    fn follow(&mut self, model: &str, res_id: i64, partner: i64) {
        self.add("mail.followers", json!({"res_model": model, "res_id": res_id, "partner_id": partner, "subtype_ids": [1], "is_active": true}));
    }
}

/// Base data every Odoo database has: company, OdooBot, admin, subtypes, countries, titles,
/// the models and fields (`ir.model`, `ir.model.fields`), the calendar's reminders and jobs.
fn base(name: &str, version: OdooVersion, modules: Modules, at: NaiveDateTime) -> Builder {
    let mut b = Builder {
        db: Database::new(name, registry(version, modules)),
        at: stored_datetime(at - chrono::Duration::days(30)),
    };

    b.put(
        "res.company",
        1,
        json!({"name": "YourCompany", "partner_id": 1}),
    );
    b.put("res.partner", 1, json!({"name": "YourCompany", "is_company": true, "active": true, "email": "info@yourcompany.example.com", "type": "contact", "lang": "en_US"}));
    b.put("res.partner", 2, json!({"name": "OdooBot", "active": false, "email": "odoobot@example.com", "type": "contact"}));
    b.put("res.partner", 3, json!({"name": "Mitchell Admin", "parent_id": 1, "is_company": false, "active": true, "email": "admin@yourcompany.example.com", "type": "contact", "lang": "en_US", "tz": "Europe/Brussels"}));
    b.put("res.users", 1, json!({"name": "OdooBot", "login": "__system__", "partner_id": 2, "active": false, "share": false, "company_id": 1, "lang": "en_US", "tz": "Europe/Brussels"}));
    b.put("res.users", 2, json!({"name": "Mitchell Admin", "login": "admin", "partner_id": 3, "active": true, "share": false, "company_id": 1, "lang": "en_US", "tz": "Europe/Brussels", "email": "admin@yourcompany.example.com", "groups_id": [1, 2, 3, 4]}));
    for (id, group) in [
        (1, "Internal User"),
        (2, "Access Rights"),
        (3, "Settings"),
        (4, "Contact Creation"),
        (5, "User: Own Documents Only"),
    ] {
        b.put("res.groups", id, json!({"name": group}));
    }
    for (id, subtype, internal) in [
        (1, "Discussions", false),
        (2, "Note", true),
        (3, "Activities", true),
        (4, "Invitation", false),
    ] {
        b.put(
            "mail.message.subtype",
            id,
            json!({"name": subtype, "internal": internal}),
        );
    }
    for (id, module, xml, model, res_id) in [
        (5, "base", "group_user", "res.groups", 1),
        (8384, "mail", "mt_comment", "mail.message.subtype", 1),
        (8385, "mail", "mt_note", "mail.message.subtype", 2),
        (8386, "mail", "mt_activities", "mail.message.subtype", 3),
        (
            8387,
            "calendar",
            "subtype_invitation",
            "mail.message.subtype",
            4,
        ),
    ] {
        b.put("ir.model.data", id, json!({"module": module, "name": xml, "model": model, "res_id": res_id, "noupdate": true}));
    }
    geography(&mut b);
    if b.db.registry.models.contains_key("crm.stage") {
        for (id, stage) in [(1, "New"), (2, "Qualified"), (3, "Proposition"), (4, "Won")] {
            b.put("crm.stage", id, json!({"name": stage}));
        }
    }
    b.put(
        "ir.config_parameter",
        1,
        json!({"key": "web.base.url", "value": "http://127.0.0.1:8069"}),
    );
    b.db.roles.insert(2, Role::Admin);
    let at = b.at.clone();
    super::custom_fields::seed(&mut b.db, &at);
    super::alarms::seed(&mut b.db, &at);
    b
}

/// Countries, German states and titles the transcripts read.
fn geography(b: &mut Builder) {
    for (id, country, code) in [
        (12, "Austria", "AT"),
        (43, "Switzerland", "CH"),
        (57, "Germany", "DE"),
        (233, "United States", "US"),
        (75, "France", "FR"),
        (20, "Belgium", "BE"),
    ] {
        b.put("res.country", id, json!({"name": country, "code": code}));
    }
    for (id, state, code, country) in [
        (1387, "Baden-Württemberg", "DE-BW", 57),
        (1388, "Bayern", "DE-BY", 57),
        (1389, "Berlin", "DE-BE", 57),
        (1390, "Brandenburg", "DE-BB", 57),
        (1391, "Bremen", "DE-HB", 57),
        (1392, "Hamburg", "DE-HH", 57),
        (1393, "Hessen", "DE-HE", 57),
        (1397, "Nordrhein-Westfalen", "DE-NW", 57),
        (13, "California", "CA", 233),
    ] {
        b.put(
            "res.country.state",
            id,
            json!({"name": state, "code": code, "country_id": country}),
        );
    }
    for (id, title, short) in [
        (1, "Madam", "Mrs."),
        (2, "Miss", "Miss"),
        (3, "Mister", "Mr."),
        (4, "Doctor", "Dr."),
        (5, "Professor", "Prof."),
    ] {
        b.put(
            "res.partner.title",
            id,
            json!({"name": title, "shortcut": short}),
        );
    }
}

#[allow(clippy::too_many_arguments)]
fn add_user(
    b: &mut Builder,
    users: &mut Vec<SeedUser>,
    uid: i64,
    partner: i64,
    login: &str,
    password: &str,
    role: Role,
    demo_person: bool,
) {
    let key = api_key();
    b.db.roles.insert(uid, role);
    b.db.credentials.insert(
        uid,
        Credentials {
            password: password.to_string(),
            api_keys: vec![key.clone()],
        },
    );
    users.push(SeedUser {
        odoo_db: b.db.name.clone(),
        odoo_login: login.to_string(),
        odoo_api_key: key,
        odoo_password: password.to_string(),
        odoo_uid: uid,
        odoo_partner_id: partner,
        name: b
            .db
            .text("res.partner", partner, "name")
            .unwrap_or_default(),
        role,
        demo_person,
    });
}

/// Builds the databases and people of a seed; `modules` applies to the `empty` and `demo`
/// databases (the `transcripts` world keeps the recorded ones: `o365` without
/// microsoft_calendar, `o365_ms` with it and without crm).
pub fn build(seed: Seed, version: OdooVersion, modules: Modules, now: NaiveDateTime) -> World {
    match seed {
        Seed::Empty => {
            let mut users = Vec::new();
            let mut b = base("odoo", version, modules, now);
            add_user(
                &mut b,
                &mut users,
                2,
                3,
                "admin",
                "admin",
                Role::Admin,
                true,
            );
            World {
                dbs: BTreeMap::from([("odoo".to_string(), b.db)]),
                users,
            }
        }
        Seed::Demo => demo(version, modules, now),
        Seed::Transcripts => transcripts(version, now),
    }
}

fn demo(version: OdooVersion, modules: Modules, now: NaiveDateTime) -> World {
    let mut users = Vec::new();
    let mut b = base("demo", version, modules, now);
    add_user(
        &mut b,
        &mut users,
        2,
        3,
        "admin",
        "admin",
        Role::Admin,
        false,
    );
    let lena_partner = b.add("res.partner", json!({"name": "Lena Schäfer", "parent_id": 1, "email": "lena.schaefer@yourcompany.example.com", "phone": "+49 30 555 0101", "function": "Vertrieb", "type": "contact", "active": true, "lang": "de_DE", "tz": "Europe/Berlin"}));
    let jonas_partner = b.add("res.partner", json!({"name": "Jonas Weiß", "parent_id": 1, "email": "jonas.weiss@yourcompany.example.com", "phone": "+49 30 555 0102", "function": "Projektleitung", "type": "contact", "active": true, "lang": "de_DE", "tz": "Europe/Berlin"}));
    b.put("res.users", 6, json!({"name": "Lena Schäfer", "login": "lena.schaefer@yourcompany.example.com", "partner_id": lena_partner, "active": true, "share": false, "company_id": 1, "lang": "de_DE", "tz": "Europe/Berlin", "email": "lena.schaefer@yourcompany.example.com", "groups_id": [1, 4, 5]}));
    b.put("res.users", 7, json!({"name": "Jonas Weiß", "login": "jonas.weiss@yourcompany.example.com", "partner_id": jonas_partner, "active": true, "share": false, "company_id": 1, "lang": "de_DE", "tz": "Europe/Berlin", "email": "jonas.weiss@yourcompany.example.com", "groups_id": [1, 4, 5]}));
    add_user(
        &mut b,
        &mut users,
        6,
        lena_partner,
        "lena.schaefer@yourcompany.example.com",
        "lena-demo",
        Role::Salesperson,
        true,
    );
    add_user(
        &mut b,
        &mut users,
        7,
        jonas_partner,
        "jonas.weiss@yourcompany.example.com",
        "jonas-demo",
        Role::Salesperson,
        true,
    );

    // (company, domain, street, zip, city, country, state, people [(name, email-local or "" for none, function)])
    type Person = (&'static str, &'static str, &'static str);
    type Company = (
        &'static str,
        &'static str,
        &'static str,
        &'static str,
        &'static str,
        i64,
        Option<i64>,
        &'static [Person],
    );
    let companies: [Company; 10] = [
        (
            "Müller & Söhne GmbH",
            "mueller-soehne.example",
            "Domstraße 12",
            "50667",
            "Köln",
            57,
            Some(1397),
            &[
                ("Jürgen Müller", "juergen.mueller", "Geschäftsführer"),
                ("Anna Müller", "anna.mueller", "Einkauf"),
                ("Björn Köhler", "bjoern.koehler", "Technik"),
            ],
        ),
        (
            "Bäckerei Groß KG",
            "baeckerei-gross.example",
            "Marienplatz 3",
            "80331",
            "München",
            57,
            Some(1388),
            &[
                ("Käthe Groß", "kaethe.gross", "Inhaberin"),
                ("Günther Weiß", "guenther.weiss", "Filialleitung"),
            ],
        ),
        (
            "Nordwind Logistik AG",
            "nordwind-logistik.example",
            "Speicherstadt 7",
            "20457",
            "Hamburg",
            57,
            Some(1392),
            &[
                ("Sönke Petersen", "soenke.petersen", "Vorstand"),
                ("Maren Jürgensen", "maren.juergensen", "Fuhrparkleitung"),
                ("Finn Lüders", "finn.lueders", "Disposition"),
            ],
        ),
        (
            "Alpenblick Hotels GmbH",
            "alpenblick-hotels.example",
            "Zugspitzstraße 21",
            "82467",
            "Garmisch-Partenkirchen",
            57,
            Some(1388),
            &[
                ("Theresa Huber", "theresa.huber", "Direktion"),
                ("Franz Öttl", "franz.oettl", "Haustechnik"),
                ("Zoë Brandstätter", "zoe.brandstaetter", "Rezeption"),
            ],
        ),
        (
            "Schröder Design Studio",
            "schroeder-design.example",
            "Kastanienallee 45",
            "10435",
            "Berlin",
            57,
            Some(1389),
            &[
                ("Eva Schröder", "info", "Inhaberin"),
                ("Paul Schröder", "info", "Inhaber"),
                ("Ömer Yılmaz", "", "Grafik"),
            ],
        ),
        (
            "Weingut Fröhlich",
            "weingut-froehlich.example",
            "Rebenweg 2",
            "55278",
            "Mommenheim",
            57,
            None,
            &[
                ("Ulrike Fröhlich", "ulrike.froehlich", "Kellermeisterin"),
                ("Matthias Fröhlich", "matthias.froehlich", "Vertrieb"),
            ],
        ),
        (
            "Donau Maschinenbau GmbH",
            "donau-maschinenbau.example",
            "Industriestraße 88",
            "4020",
            "Linz",
            12,
            None,
            &[
                ("Lukas Gruber", "lukas.gruber", "Einkauf"),
                ("Sophie Bäumler", "sophie.baeumler", "Qualitätssicherung"),
                ("Andreas Pöschl", "andreas.poeschl", "Werksleitung"),
            ],
        ),
        (
            "Zürcher Treuhand AG",
            "zuercher-treuhand.example",
            "Bahnhofstrasse 10",
            "8001",
            "Zürich",
            43,
            None,
            &[
                ("Beat Meier", "beat.meier", "Partner"),
                ("Corinne Schnyder", "corinne.schnyder", "Buchhaltung"),
            ],
        ),
        (
            "Rheinufer Kliniken",
            "rheinufer-kliniken.example",
            "Uferstraße 1",
            "40213",
            "Düsseldorf",
            57,
            Some(1397),
            &[
                ("Dr. Hannah Kößler", "hannah.koessler", "Chefärztin"),
                ("Timo Brückner", "timo.brueckner", "IT-Leitung"),
                ("Selin Aydın", "selin.aydin", "Verwaltung"),
                ("Jörg Staß", "joerg.stass", "Einkauf"),
            ],
        ),
        (
            "Hansen Elektrotechnik",
            "hansen-elektro.example",
            "Hafenstraße 5",
            "28195",
            "Bremen",
            57,
            Some(1391),
            &[
                ("Ole Hansen", "ole.hansen", "Meister"),
                ("Ida Hansen", "ida.hansen", "Büro"),
            ],
        ),
    ];
    let mut nordwind = 0;
    let mut nordwind_people = Vec::new();
    for (name, domain, street, zip, city, country, state, people) in companies {
        let user = if name.starts_with("Nordwind") || name.starts_with("Alpenblick") {
            json!(6)
        } else {
            json!(false)
        };
        let company = b.add("res.partner", json!({"name": name, "is_company": true, "email": format!("info@{domain}"), "phone": "+49 40 1234 5600", "street": street, "zip": zip, "city": city, "country_id": country, "state_id": state.map(Value::from).unwrap_or(Value::Bool(false)), "website": format!("https://www.{domain}"), "type": "contact", "active": true, "lang": "de_DE", "user_id": user}));
        if name.starts_with("Nordwind") {
            nordwind = company;
        }
        for (person, local, function) in people {
            let email = if local.is_empty() {
                Value::Bool(false)
            } else {
                Value::from(format!("{local}@{domain}"))
            };
            let title = if person.starts_with("Dr.") {
                json!(4)
            } else {
                json!(false)
            };
            let id = b.add("res.partner", json!({"name": person, "parent_id": company, "is_company": false, "email": email, "function": function, "phone": "+49 40 1234 5601", "mobile": "+49 170 000 0000", "street": street, "zip": zip, "city": city, "country_id": country, "state_id": state.map(Value::from).unwrap_or(Value::Bool(false)), "type": "contact", "active": true, "lang": "de_DE", "title": title, "user_id": user}));
            if name.starts_with("Nordwind") {
                nordwind_people.push(id);
            }
        }
    }
    for (person, email, city) in [
        ("Renate Köster", "renate.koester@mail.example", "Leipzig"),
        ("Klaus-Dieter Möbius", "kd.moebius@mail.example", "Dresden"),
        (
            "Chloé Dubois",
            "chloe.dubois@courriel.example",
            "Strasbourg",
        ),
        ("Mehmet Öztürk", "mehmet.oeztuerk@mail.example", "Stuttgart"),
        (
            "Sarah Nguyễn",
            "sarah.nguyen@mail.example",
            "Frankfurt am Main",
        ),
        ("Henrik Sjöberg", "henrik.sjoeberg@post.example", "Kiel"),
        (
            "Marie-Luise Großmann",
            "ml.grossmann@mail.example",
            "Potsdam",
        ),
        (
            "Wolfgang Übelacker",
            "w.uebelacker@mail.example",
            "Nürnberg",
        ),
    ] {
        b.add("res.partner", json!({"name": person, "is_company": false, "email": email, "city": city, "country_id": 57, "type": "contact", "active": true, "lang": "de_DE"}));
    }
    b.add("res.partner", json!({"name": "Altkunde Archiv GmbH", "is_company": true, "email": "info@altkunde.example", "active": false, "type": "contact"}));
    // A few people have a photo (a 1x1 PNG is enough for a client that copies it).
    const PHOTO: &str = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";
    for id in b.db.ids("res.partner") {
        let name = b.db.text("res.partner", id, "name").unwrap_or_default();
        if ["Sönke Petersen", "Käthe Groß", "Theresa Huber"].contains(&name.as_str())
            && let Some(row) = b.db.table("res.partner").rows.get_mut(&id)
        {
            for field in [
                "image_1920",
                "image_1024",
                "image_512",
                "image_256",
                "image_128",
            ] {
                row.insert(field.into(), Value::from(PHOTO));
            }
        }
    }
    // The salesperson follows her customers (what "Contacts I follow" syncs).
    for id in std::iter::once(nordwind).chain(nordwind_people.iter().copied()) {
        b.follow("res.partner", id, lena_partner);
    }
    b.add("crm.lead", json!({"name": "Fuhrpark-Software 2027", "type": "opportunity", "partner_id": nordwind, "user_id": 6, "stage_id": 2, "probability": 40.0, "expected_revenue": 48000.0, "email_from": "info@nordwind-logistik.example", "active": true, "priority": "1"}));
    World {
        dbs: BTreeMap::from([("demo".to_string(), b.db)]),
        users,
    }
}

/// Converts a read-form value (many2one `[id, name]`) to cache form, noting stub targets.
fn cache_form(
    value: &Value,
    relation: Option<&str>,
    stubs: &mut Vec<(String, i64, String)>,
) -> Value {
    match (value, relation) {
        (Value::Array(pair), Some(rel))
            if pair.len() == 2 && pair[0].is_i64() && pair[1].is_string() =>
        {
            let id = pair[0].as_i64().unwrap_or(0);
            stubs.push((
                rel.to_string(),
                id,
                pair[1].as_str().unwrap_or_default().to_string(),
            ));
            Value::from(id)
        }
        _ => value.clone(),
    }
}

/// The demo-data records the transcripts read (`data/seed_transcripts.json`), in cache form,
/// with a stub for every record they point at.
fn load_recorded(b: &mut Builder) {
    let records: Map<String, Value> = serde_json::from_str::<Value>(TRANSCRIPT_RECORDS)
        .ok()
        .and_then(|v| v.get("o365").and_then(Value::as_object).cloned())
        .unwrap_or_default();
    let registry = b.db.registry.clone();
    let computed = [
        "display_name",
        "complete_name",
        "message_follower_ids",
        "message_partner_ids",
        "message_ids",
        "message_is_follower",
        "attendee_ids",
        "child_ids",
        "user_ids",
        "email_normalized",
    ];
    let mut stubs = Vec::new();
    for (model, rows) in &records {
        let Some(rows) = rows.as_array() else {
            continue;
        };
        let model_def = registry.models.get(model).cloned().unwrap_or_default();
        for row in rows {
            let Some(obj) = row.as_object() else { continue };
            let Some(id) = obj.get("id").and_then(Value::as_i64) else {
                continue;
            };
            let mut r: Record = b.db.get(model, id).cloned().unwrap_or_default();
            for (k, v) in obj {
                if k == "id" || computed.contains(&k.as_str()) {
                    continue;
                }
                let relation = model_def.field(k).and_then(|f| {
                    if f.ttype == "many2one" {
                        f.relation.clone()
                    } else {
                        None
                    }
                });
                r.insert(k.clone(), cache_form(v, relation.as_deref(), &mut stubs));
            }
            if model == "res.partner" && !r.contains_key("parent_id") {
                // a person known by display name ("Company, Person"): rebuild name and company
                if let Some(display) = obj.get("display_name").and_then(Value::as_str) {
                    match display.split_once(", ") {
                        Some((company, person)) => {
                            r.entry("name").or_insert(Value::from(person));
                            let parent = rows.iter().find_map(|p| {
                                let named = p.get("name").and_then(Value::as_str) == Some(company)
                                    || p.get("display_name").and_then(Value::as_str)
                                        == Some(company);
                                named.then(|| p.get("id").cloned()).flatten()
                            });
                            r.insert("parent_id".into(), parent.unwrap_or(Value::Bool(false)));
                        }
                        None => {
                            r.entry("name").or_insert(Value::from(display));
                        }
                    }
                }
            }
            r.entry("active").or_insert(Value::Bool(true));
            b.put(model, id, Value::Object(r));
        }
    }
    for (model, id, display) in stubs {
        if b.db.get(&model, id).is_none() {
            let name = display.rsplit(", ").next().unwrap_or(&display).to_string();
            b.put(&model, id, json!({"name": name, "active": true}));
        }
    }
}

fn transcripts(version: OdooVersion, now: NaiveDateTime) -> World {
    let mut users = Vec::new();
    let mut b = base("o365", version, Modules::default(), now);
    b.at = "2026-11-27 05:45:07.000000".to_string();
    load_recorded(&mut b);
    // Marc Demo (partner 7) works for YourCompany and follows one partner (transcript 189).
    b.put("res.partner", 7, json!({"name": "Marc Demo", "parent_id": 1, "is_company": false, "email": "mark.brown23@example.com", "active": true, "type": "contact", "lang": "en_US", "tz": "Europe/Brussels"}));
    for lead in b.db.ids("crm.lead") {
        if let Some(row) = b.db.table("crm.lead").rows.get_mut(&lead) {
            row.insert("type".into(), json!("opportunity"));
            row.insert("active".into(), json!(true));
        }
    }
    b.follow("res.partner", 26, 7);
    b.db.table("res.partner").next_id = 41;
    b.db.table("res.users").next_id = 8;
    b.db.table("mail.followers").next_id = 49;
    b.db.table("mail.message").next_id = 108;
    b.db.table("calendar.event").next_id = 8;
    b.db.table("calendar.attendee").next_id = 15;
    b.db.table("ir.attachment").next_id = 200;
    // The recorded server's sequences at the start of the transcripts (ids the replay reuses).
    b.db.table("mail.notification").next_id = 17;
    b.db.table("mail.mail").next_id = 14;
    b.db.table("mail.tracking.value").next_id = 13;
    add_user(
        &mut b,
        &mut users,
        2,
        3,
        "admin",
        "admin",
        Role::Admin,
        true,
    );
    add_user(
        &mut b,
        &mut users,
        6,
        7,
        "demo",
        "demo",
        Role::Salesperson,
        true,
    );
    let admin_credentials = b.db.credentials.get(&2).cloned().unwrap_or_default();
    let mut dbs = BTreeMap::from([("o365".to_string(), b.db)]);
    let ms = o365_ms(version, now, &mut users, admin_credentials);
    dbs.insert("o365_ms".into(), ms);
    World { dbs, users }
}

/// The second recorded database: contacts and calendar with microsoft_calendar, no crm, no
/// demo data, the same administrator with the same API key (transcripts 136-140).
fn o365_ms(
    version: OdooVersion,
    now: NaiveDateTime,
    users: &mut Vec<SeedUser>,
    admin_credentials: Credentials,
) -> Database {
    let modules = Modules {
        microsoft_calendar: true,
        crm: false,
    };
    let mut ms = base("o365_ms", version, modules, now);
    add_user(&mut ms, users, 2, 3, "admin", "admin", Role::Admin, false);
    ms.db.credentials.insert(2, admin_credentials.clone());
    if let Some(u) = users.last_mut() {
        u.odoo_api_key = admin_credentials
            .api_keys
            .first()
            .cloned()
            .unwrap_or_default();
    }
    ms.db
}
