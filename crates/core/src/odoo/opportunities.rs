//! Open opportunities (`crm.lead`, CRM app) of contacts.
//!
//! Contract (FACTS 40): an opportunity is a `crm.lead` of `type = opportunity`; it is open
//! while its `probability` is below 100; archived ones are left out by Odoo's default
//! `active_test`. A contact's opportunities are those on it and on its people (`child_of`).

use serde_json::{Value, json};

use super::{OdooClient, OdooError, SearchRead};
use crate::model::OdooId;

/// The opportunity model.
pub const LEAD: &str = "crm.lead";

/// The open opportunities on `contacts` or their people: (opportunity, its contact).
pub async fn open_of(
    odoo: &OdooClient,
    contacts: &[i64],
) -> Result<Vec<(OdooId, OdooId)>, OdooError> {
    let query = SearchRead {
        domain: json!([
            ["partner_id", "child_of", contacts],
            ["type", "=", "opportunity"],
            ["probability", "<", 100]
        ]),
        fields: vec!["id".into(), "partner_id".into()],
        ..SearchRead::default()
    };
    Ok(odoo
        .search_read(LEAD, &query)
        .await?
        .iter()
        .filter_map(|row| {
            let id = row.get("id").and_then(Value::as_i64)?;
            let partner = row.get("partner_id")?.get(0)?.as_i64()?;
            Some((OdooId(id), OdooId(partner)))
        })
        .collect())
}
