//! Open opportunities (`crm.lead`, CRM app) of contacts.
//!
//! Contract (FACTS 40): an opportunity is a `crm.lead` of `type = opportunity`; it is open
//! while its `probability` is below 100; archived ones are left out by Odoo's default
//! `active_test`. A company's opportunities are those on it and on its people (`child_of`); a
//! person's are its company's (FACTS 43: in Odoo's demo data opportunities sit on companies).

use serde_json::{Value, json};

use super::{OdooClient, OdooError, SearchRead};
use crate::model::OdooId;

/// The opportunity model.
pub const LEAD: &str = "crm.lead";

/// The open opportunities on `companies` or their people: (opportunity, its partner).
pub async fn open_of(
    odoo: &OdooClient,
    companies: &[i64],
) -> Result<Vec<(OdooId, OdooId)>, OdooError> {
    let query = SearchRead {
        domain: json!([
            ["partner_id", "child_of", companies],
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
