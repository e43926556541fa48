//! The Odoo side of the Contacts page's list: one page of contacts (`res.partner`) with what the
//! page shows of each, and the total for paging; which ids Odoo knows before following them.
//!
//! Contract (Odoo 17 external API, <https://www.odoo.com/documentation/17.0/developer/reference/external_api.html>;
//! FACTS 14–16, 25–26; the fake Odoo's `orm.rs` and `followers.rs` follow them):
//! - `search_read(domain, fields, offset, limit, order)` pages; `search_count(domain)` is the
//!   total for the same domain. Both hide archived contacts unless the context has
//!   `active_test: false`; the page passes it only for lists of followed or exported contacts
//!   (an archived contact the person still follows is shown with why it stays out of Outlook).
//! - `name` and `email` are searched with `ilike` (case-insensitive, "contains"); `email` may
//!   hold several addresses in one field, or be `false`.
//! - many2one fields (`parent_id`, `user_id`, `create_uid`) read as `[id, name]` or `false`.
//! - No throttling is documented; a page is at most [`MAX_PAGE`] rows, one request each.
//! - Following itself is `odoo::contacts::set_following` (`message_subscribe` /
//!   `message_unsubscribe`); `message_subscribe` answers `false` without an error when the
//!   person may not read a contact, so the caller reads the followers again to see what Odoo did.

use serde_json::{Map, Value, json};

use super::{OdooClient, OdooError, SearchRead};
use crate::model::OdooId;

/// The most contacts one page may hold.
pub const MAX_PAGE: u32 = 200;

/// The fields the list reads of a contact.
const FIELDS: [&str; 8] = [
    "name",
    "email",
    "is_company",
    "parent_id",
    "commercial_company_name",
    "user_id",
    "create_uid",
    "active",
];

/// One contact as the list reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DirectoryRow {
    /// `res.partner` id.
    pub id: i64,
    /// Its name.
    pub name: String,
    /// Odoo's e-mail field as it is (may hold several addresses); empty when `false`.
    pub email: String,
    /// The company it belongs to, if any.
    pub company: Option<String>,
    /// A company, not a person.
    pub is_company: bool,
    /// Its salesperson (`user_id`).
    pub user: Option<OdooId>,
    /// Who created it (`create_uid`).
    pub created_by: Option<OdooId>,
    /// Not archived.
    pub active: bool,
}

/// One page of contacts matching `domain`, by name, and how many match in all.
pub async fn page(
    odoo: &OdooClient,
    domain: Value,
    archived_too: bool,
    offset: u32,
    limit: u32,
) -> Result<(u64, Vec<DirectoryRow>), OdooError> {
    let context = archived_too.then(|| {
        let mut c = Map::new();
        c.insert("active_test".into(), json!(false));
        c
    });
    let mut kwargs = Map::new();
    if let Some(context) = &context {
        kwargs.insert("context".into(), Value::Object(context.clone()));
    }
    let total: u64 = odoo
        .call("res.partner", "search_count", vec![domain.clone()], kwargs)
        .await?;
    let rows = odoo
        .search_read(
            "res.partner",
            &SearchRead {
                domain,
                fields: FIELDS.iter().map(|f| (*f).to_owned()).collect(),
                limit: Some(limit.clamp(1, MAX_PAGE) as usize),
                offset: Some(offset as usize),
                order: Some("name asc, id asc".into()),
                context,
            },
        )
        .await?;
    Ok((total, rows.iter().filter_map(row_of).collect()))
}

/// Which of `ids` Odoo has and lets the person see (archived ones too).
pub async fn known(odoo: &OdooClient, ids: &[i64]) -> Result<Vec<i64>, OdooError> {
    let mut kwargs = Map::new();
    kwargs.insert("context".into(), json!({"active_test": false}));
    odoo.call(
        "res.partner",
        "search",
        vec![json!([["id", "in", ids]])],
        kwargs,
    )
    .await
}

fn row_of(row: &Map<String, Value>) -> Option<DirectoryRow> {
    let text = |k: &str| {
        row.get(k)
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_owned)
    };
    let name_of = |k: &str| row.get(k)?.get(1)?.as_str().map(str::to_owned);
    let id_of = |k: &str| row.get(k)?.get(0)?.as_i64().map(OdooId);
    let is_company = row
        .get("is_company")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    Some(DirectoryRow {
        id: row.get("id")?.as_i64()?,
        name: text("name").unwrap_or_default(),
        email: text("email").unwrap_or_default(),
        // NOTE: a company's commercial company is itself: no company to show then
        company: name_of("parent_id")
            .or_else(|| text("commercial_company_name").filter(|_| !is_company)),
        is_company,
        user: id_of("user_id"),
        created_by: id_of("create_uid"),
        active: row.get("active").and_then(Value::as_bool).unwrap_or(true),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_row_reads_false_as_nothing_and_a_company_has_no_company_of_its_own() {
        let row: Map<String, Value> = serde_json::from_value(json!({
            "id": 13, "name": "Nordwind Logistik AG", "email": false, "is_company": true,
            "parent_id": false, "commercial_company_name": "Nordwind Logistik AG",
            "user_id": [6, "Lena"], "create_uid": [2, "Admin"], "active": true}))
        .expect("row");
        let r = row_of(&row).expect("parsed");
        assert_eq!((r.email.as_str(), r.company), ("", None));
        assert_eq!((r.user, r.created_by), (Some(OdooId(6)), Some(OdooId(2))));
        let person: Map<String, Value> = serde_json::from_value(json!({
            "id": 14, "name": "Sönke Petersen", "email": "s@x.example", "is_company": false,
            "parent_id": [13, "Nordwind Logistik AG"], "user_id": false, "create_uid": false,
            "active": false}))
        .expect("row");
        let p = row_of(&person).expect("parsed");
        assert_eq!(p.company.as_deref(), Some("Nordwind Logistik AG"));
        assert!(!p.active && p.user.is_none());
    }
}
