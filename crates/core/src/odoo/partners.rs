//! Contacts (`res.partner`) as the jobs read them.
//!
//! Contract (FACTS 14, 17): `search_read` answers many2one fields as `[id, name]` or `false`;
//! `ilike` is a substring match and `=ilike` a pattern match where `%` and `_` are wildcards;
//! archived partners are left out unless the domain asks for `active in (true, false)`. An
//! Odoo e-mail field may hold several addresses, so a lookup by address is a substring search
//! and the exact match is the caller's.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};

use super::{OdooClient, OdooError, SearchRead};
use crate::model::OdooId;

/// The contact model.
pub const PARTNER: &str = "res.partner";

/// An Odoo contact as matching and the Decisions list need it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "MailContact"))]
pub struct Contact {
    /// The `res.partner` id.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: OdooId,
    /// Its display name.
    pub name: String,
    /// The raw `email` field (may hold several addresses).
    pub email: String,
    /// The company it belongs to, if any.
    pub company: Option<String>,
    /// Its city.
    pub city: Option<String>,
    /// False for archived contacts.
    pub active: bool,
    /// Whether an Odoo user (a colleague) has this partner.
    pub is_colleague: bool,
    /// When the contact last changed in Odoo (`write_date`, UTC), shown to tell candidates apart.
    #[serde(default)]
    pub last_activity: Option<String>,
    /// The Odoo users this partner belongs to (a colleague's own user), for the calendar's
    /// organizer; not shown anywhere.
    #[serde(skip)]
    #[cfg_attr(feature = "ts", ts(skip))]
    pub users: Vec<OdooId>,
}

/// One `search_read` for every contact holding one of `addresses` (lower-case `local@domain`).
pub async fn with_addresses(
    odoo: &OdooClient,
    addresses: &[&str],
) -> Result<Vec<Contact>, OdooError> {
    // NOTE: many addresses of one mail domain (a circular to 2,000 people) become one
    // `ilike '@domain'` leaf, so the domain Odoo evaluates stays small; matching is exact later.
    let mut by_domain: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for a in addresses {
        let domain = a.rsplit_once('@').map_or(*a, |(_, d)| d);
        by_domain.entry(domain).or_default().push(a);
    }
    let mut leaves: Vec<Value> = Vec::new();
    for (mail_domain, list) in by_domain {
        if list.len() >= 3 {
            leaves.push(json!(["email", "ilike", format!("@{mail_domain}")]));
        } else {
            leaves.extend(list.iter().map(|a| json!(["email", "ilike", a])));
        }
    }
    if leaves.is_empty() {
        return Ok(Vec::new());
    }
    let mut domain: Vec<Value> = vec![json!("|"); leaves.len() - 1];
    domain.extend(leaves);
    read(odoo, Value::Array(domain), None).await
}

/// Contacts whose name (with their company's, Odoo's `complete_name`) or e-mail contains
/// `query`, for picking a contact by hand; at most `limit`, archived ones left out.
pub async fn find(odoo: &OdooClient, query: &str, limit: usize) -> Result<Vec<Contact>, OdooError> {
    let domain = json!([
        "|",
        ["complete_name", "ilike", query],
        ["email", "ilike", query]
    ]);
    read(odoo, domain, Some(limit)).await
}

/// The contacts with these ids, archived ones included; ids Odoo does not know are left out.
pub async fn by_id(odoo: &OdooClient, ids: &[OdooId]) -> Result<Vec<Contact>, OdooError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<i64> = ids.iter().map(|i| i.0).collect();
    let domain = json!([["id", "in", ids], ["active", "in", [true, false]]]);
    read(odoo, domain, None).await
}

const CONTACT_FIELDS: [&str; 8] = [
    "id",
    "name",
    "email",
    "parent_id",
    "city",
    "active",
    "user_ids",
    "write_date",
];

/// One `search_read` of `res.partner` with the fields a [`Contact`] needs.
async fn read(
    odoo: &OdooClient,
    domain: Value,
    limit: Option<usize>,
) -> Result<Vec<Contact>, OdooError> {
    let query = SearchRead {
        domain,
        fields: CONTACT_FIELDS.map(String::from).to_vec(),
        limit,
        ..SearchRead::default()
    };
    let rows = odoo.search_read(PARTNER, &query).await?;
    Ok(rows.iter().filter_map(contact_of).collect())
}

fn contact_of(row: &Map<String, Value>) -> Option<Contact> {
    let text = |name: &str| row.get(name).and_then(Value::as_str).map(str::to_owned);
    Some(Contact {
        id: OdooId(row.get("id")?.as_i64()?),
        name: text("name").unwrap_or_default(),
        email: text("email").unwrap_or_default(),
        company: row
            .get("parent_id")
            .and_then(|p| p.get(1))
            .and_then(Value::as_str)
            .map(str::to_owned),
        city: text("city"),
        active: row.get("active").and_then(Value::as_bool).unwrap_or(true),
        is_colleague: row
            .get("user_ids")
            .and_then(Value::as_array)
            .is_some_and(|u| !u.is_empty()),
        last_activity: text("write_date"),
        users: row
            .get("user_ids")
            .and_then(Value::as_array)
            .map(|u| u.iter().filter_map(Value::as_i64).map(OdooId).collect())
            .unwrap_or_default(),
    })
}

/// The company called `name` (case-insensitive, exact), created if Odoo has none, so a new
/// contact lands under the company the person typed or accepted.
pub async fn company_named(odoo: &OdooClient, name: &str) -> Result<OdooId, OdooError> {
    let query = SearchRead {
        domain: json!([
            ["is_company", "=", true],
            ["name", "=ilike", like_literal(name)]
        ]),
        fields: vec!["id".into()],
        limit: Some(1),
        ..SearchRead::default()
    };
    let found = odoo.search_read(PARTNER, &query).await?;
    if let Some(id) = found
        .first()
        .and_then(|r| r.get("id"))
        .and_then(Value::as_i64)
    {
        return Ok(OdooId(id));
    }
    let mut values = Map::new();
    values.insert("name".into(), json!(name));
    values.insert("is_company".into(), json!(true));
    odoo.create(PARTNER, vec![values])
        .await?
        .first()
        .copied()
        .ok_or_else(|| OdooError::UnexpectedAnswer {
            what: "res.partner.create".into(),
            detail: "no id".into(),
        })
}

/// Each contact's commercial partner (its company, or itself; FACTS 43, transcript 208);
/// archived ones too, ids Odoo does not know are left out.
pub async fn commercial_partners(
    odoo: &OdooClient,
    contacts: &[i64],
) -> Result<BTreeMap<OdooId, OdooId>, OdooError> {
    let query = SearchRead {
        domain: json!([["id", "in", contacts], ["active", "in", [true, false]]]),
        fields: vec!["id".into(), "commercial_partner_id".into()],
        ..SearchRead::default()
    };
    let mut commercial = BTreeMap::new();
    for row in odoo.search_read(PARTNER, &query).await? {
        let id = row.get("id").and_then(Value::as_i64);
        let of = row
            .get("commercial_partner_id")
            .and_then(|p| p.get(0)?.as_i64());
        if let (Some(id), Some(of)) = (id, of) {
            commercial.insert(OdooId(id), OdooId(of));
        }
    }
    Ok(commercial)
}

/// `text` with `=ilike`'s wildcards escaped (FACTS 17: `%` and `_` are wildcards).
fn like_literal(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}
