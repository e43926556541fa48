//! Collect: what the transfer folders hold, as the planner sees it, and the Odoo contacts the
//! page's addresses may match (one `search_read` per page).

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value, json};

use super::address::Address;
use super::key::{KeyContent, MailKey};
use super::matching::Contact;
use super::plan::{Direction, MailItem};
use crate::graph::client::GraphClient;
use crate::graph::error::GraphError;
use crate::graph::messages::Message;
use crate::model::OdooId;
use crate::odoo::{OdooClient, OdooError, SearchRead};

use super::apply::PARTNER;

pub(super) fn direction_name(direction: Direction) -> &'static str {
    match direction {
        Direction::Incoming => "incoming",
        Direction::Outgoing => "outgoing",
    }
}

/// The planner's view of a Graph message; reads the body only to key a mail without Message-ID.
pub(super) async fn item_of(
    graph: &GraphClient,
    message: &Message,
    direction: Direction,
) -> Result<MailItem, GraphError> {
    let from = message
        .from
        .as_ref()
        .or(message.sender.as_ref())
        .and_then(|r| r.email_address.address.as_deref())
        .and_then(Address::parse);
    let addresses = |list: &[crate::graph::messages::Recipient]| {
        list.iter()
            .filter_map(|r| r.email_address.address.as_deref().and_then(Address::parse))
            .collect::<Vec<_>>()
    };
    let subject = message.subject.clone().unwrap_or_default();
    let sent = message
        .sent_date_time
        .clone()
        .or(message.received_date_time.clone());
    let has_id = message
        .internet_message_id
        .as_deref()
        .is_some_and(|m| m.trim().len() > 2);
    let key = if has_id {
        MailKey::of(message.internet_message_id.as_deref(), empty_content())
    } else {
        let body = read_body(graph, &message.id).await?;
        MailKey::from_content(KeyContent {
            sender: from.as_ref().map(Address::as_str).unwrap_or_default(),
            sent: sent.as_deref().unwrap_or_default(),
            subject: &subject,
            body: &body,
        })
    };
    Ok(MailItem {
        graph_id: message.id.clone(),
        direction,
        key,
        subject,
        from,
        to: addresses(&message.to_recipients),
        cc: addresses(&message.cc_recipients),
        sent,
        has_attachments: message.has_attachments,
    })
}

fn empty_content() -> KeyContent<'static> {
    KeyContent {
        sender: "",
        sent: "",
        subject: "",
        body: "",
    }
}

pub(super) async fn read_body(graph: &GraphClient, id: &str) -> Result<String, GraphError> {
    let value: Value = graph
        .get(&format!(
            "/me/messages/{}?$select=body",
            crate::graph::mail_folders::encode(id)
        ))
        .await?;
    Ok(value
        .pointer("/body/content")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned())
}

/// One `search_read` for every contact holding one of `addresses` (substring match, since an
/// Odoo e-mail field may hold several addresses; the exact match is ours).
pub(super) async fn search_contacts(
    odoo: &OdooClient,
    addresses: &BTreeSet<Address>,
) -> Result<Vec<Contact>, OdooError> {
    // NOTE: many addresses of one mail domain (a circular to 2,000 people) become one
    // `ilike '@domain'` leaf, so the domain Odoo evaluates stays small; matching is exact here.
    let mut by_domain: BTreeMap<&str, Vec<&Address>> = BTreeMap::new();
    for a in addresses {
        by_domain.entry(a.domain()).or_default().push(a);
    }
    let mut leaves: Vec<Value> = Vec::new();
    for (mail_domain, list) in by_domain {
        if list.len() >= 3 {
            leaves.push(json!(["email", "ilike", format!("@{mail_domain}")]));
        } else {
            leaves.extend(list.iter().map(|a| json!(["email", "ilike", a.as_str()])));
        }
    }
    let mut domain: Vec<Value> = Vec::new();
    for _ in 1..leaves.len() {
        domain.push(json!("|"));
    }
    domain.extend(leaves);
    read_contacts(odoo, Value::Array(domain), None).await
}

/// Contacts whose name (with their company's, Odoo's `complete_name`) or e-mail contains
/// `query`, for picking a contact by hand; at most `limit`, archived ones left out.
pub(crate) async fn find_contacts(
    odoo: &OdooClient,
    query: &str,
    limit: usize,
) -> Result<Vec<Contact>, OdooError> {
    let domain = json!([
        "|",
        ["complete_name", "ilike", query],
        ["email", "ilike", query]
    ]);
    read_contacts(odoo, domain, Some(limit)).await
}

/// The contacts with these ids, archived ones included (a remembered choice may name one);
/// ids Odoo does not know are left out.
pub(crate) async fn contacts_by_id(
    odoo: &OdooClient,
    ids: &[OdooId],
) -> Result<Vec<Contact>, OdooError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<i64> = ids.iter().map(|i| i.0).collect();
    let domain = json!([["id", "in", ids], ["active", "in", [true, false]]]);
    read_contacts(odoo, domain, None).await
}

/// One `search_read` of `res.partner` with the fields a [`Contact`] needs.
async fn read_contacts(
    odoo: &OdooClient,
    domain: Value,
    limit: Option<usize>,
) -> Result<Vec<Contact>, OdooError> {
    let rows = odoo
        .search_read(
            PARTNER,
            &SearchRead {
                domain,
                fields: [
                    "id",
                    "name",
                    "email",
                    "parent_id",
                    "city",
                    "active",
                    "user_ids",
                    "write_date",
                ]
                .map(String::from)
                .to_vec(),
                limit,
                ..SearchRead::default()
            },
        )
        .await?;
    Ok(rows
        .iter()
        .filter_map(|row| {
            Some(Contact {
                id: OdooId(row.get("id")?.as_i64()?),
                name: row
                    .get("name")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_owned(),
                email: row
                    .get("email")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_owned(),
                company: row
                    .get("parent_id")
                    .and_then(|p| p.get(1))
                    .and_then(Value::as_str)
                    .map(str::to_owned),
                city: row.get("city").and_then(Value::as_str).map(str::to_owned),
                active: row.get("active").and_then(Value::as_bool).unwrap_or(true),
                is_colleague: row
                    .get("user_ids")
                    .and_then(Value::as_array)
                    .is_some_and(|u| !u.is_empty()),
                last_activity: row
                    .get("write_date")
                    .and_then(Value::as_str)
                    .map(str::to_owned),
            })
        })
        .collect())
}

/// The company called `name` (case-insensitive, exact), created if Odoo has none, so a new
/// contact lands under the company the person typed or accepted.
pub(crate) async fn company_named(odoo: &OdooClient, name: &str) -> Result<OdooId, OdooError> {
    let found = odoo
        .search_read(
            PARTNER,
            &SearchRead {
                domain: json!([
                    ["is_company", "=", true],
                    ["name", "=ilike", like_literal(name)]
                ]),
                fields: vec!["id".into()],
                limit: Some(1),
                ..SearchRead::default()
            },
        )
        .await?;
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

/// `text` with `=ilike`'s wildcards escaped (FACTS 17: `%` and `_` are wildcards).
fn like_literal(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}
