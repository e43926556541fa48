//! What the contact endpoints share: their OData options and how a contact is answered.
//!
//! - `$select` names contact properties (an unknown one is 400); `id` and `@odata.etag` always
//!   come.
//! - `$expand` takes `singleValueExtendedProperties($filter=id eq '…' [or id eq '…'])` only; the
//!   named properties the contact has come as `singleValueExtendedProperties: [{id, value}]`
//!   (an empty array when it has none of them). Without `$expand` they never come.
//! - `$filter` takes the extended-property form of
//!   [`crate::graph::protocol::extended_properties`] only; `$orderby`, `$search` and `$count`
//!   are 400 rather than ignored, so a client never believes an option worked that was not
//!   applied. Lists are answered oldest first (Graph documents no default order).
//! - A body Graph refuses is answered with the codes of [`ContactError`].

use std::collections::HashMap;

use axum::http::StatusCode;
use serde_json::Value;

use super::project;
use crate::graph::mailbox::contact::{ContactError, StoredContact, is_selectable};
use crate::graph::protocol::errors::GraphError;
use crate::graph::protocol::extended_properties::{
    ExtendedFilter, PropertyKey, expanded, parse_expand, parse_filter,
};
use crate::graph::protocol::query::OData;

/// The largest `$top` for contacts (Outlook's).
pub const MAX_TOP: usize = 1000;
/// Outlook's default page size.
pub const DEFAULT_PAGE: usize = 10;

/// The OData options of a contact request.
#[derive(Debug, Clone, Default)]
pub struct ContactQuery {
    /// `$select`.
    pub select: Option<Vec<String>>,
    /// Extended properties to expand.
    pub expand: Option<Vec<PropertyKey>>,
    /// `$filter`.
    pub filter: Option<ExtendedFilter>,
    /// `$top` (page size).
    pub top: usize,
    /// `$skip`.
    pub skip: usize,
    /// The raw options, for the nextLink.
    pub raw: OData,
}

fn parse_uri_error(name: &str) -> GraphError {
    GraphError::new(
        StatusCode::BAD_REQUEST,
        "RequestBroker--ParseUri",
        format!("Could not find a property named '{name}' on type 'microsoft.graph.contact'."),
    )
}

/// Refuses query options the contact endpoints do not apply.
fn refuse_others(odata: &OData, list: bool) -> Result<(), GraphError> {
    let mut refused: Vec<&str> = odata
        .other
        .keys()
        .map(String::as_str)
        .filter(|k| k.starts_with('$'))
        .collect();
    if odata.orderby.is_some() {
        refused.push("$orderby");
    }
    if !list && (odata.filter.is_some() || odata.top.is_some() || odata.skip > 0) {
        refused.push("$filter/$top/$skip");
    }
    if refused.is_empty() {
        return Ok(());
    }
    Err(GraphError::new(
        StatusCode::BAD_REQUEST,
        "ErrorInvalidUrlQuery",
        format!(
            "The fake Graph does not apply '{}' to contacts.",
            refused.join(", ")
        ),
    ))
}

impl ContactQuery {
    /// Parses and checks the options of a list (`list`) or single-contact request.
    pub fn parse(query: &HashMap<String, String>, list: bool) -> Result<Self, GraphError> {
        let odata = OData::parse(query, MAX_TOP)?;
        refuse_others(&odata, list)?;
        if let Some(bad) = odata.select.iter().flatten().find(|s| !is_selectable(s)) {
            return Err(parse_uri_error(bad));
        }
        let mut expand = None;
        for item in &odata.expand {
            match parse_expand(item)? {
                Some(keys) => expand.get_or_insert_with(Vec::new).extend(keys),
                None => return Err(parse_uri_error(item)),
            }
        }
        let filter = odata.filter.as_deref().map(parse_filter).transpose()?;
        Ok(Self {
            select: odata.select.clone(),
            expand,
            filter,
            top: odata.top.unwrap_or(DEFAULT_PAGE),
            skip: odata.skip,
            raw: odata,
        })
    }

    /// Whether a contact passes `$filter`.
    pub fn passes(&self, contact: &StoredContact) -> bool {
        self.filter
            .as_ref()
            .is_none_or(|f| f.matches(&contact.extended))
    }

    /// The contact as answered: selected properties, expanded extended properties.
    pub fn render(&self, contact: &StoredContact, immutable: bool) -> Value {
        let mut value = project(contact.to_json(immutable), self.select.as_deref());
        if let (Some(keys), Value::Object(map)) = (&self.expand, &mut value) {
            map.insert(
                "singleValueExtendedProperties".into(),
                expanded(&contact.extended, keys),
            );
        }
        value
    }

    /// The query pairs a nextLink repeats, with `$skip` moved on.
    pub fn next_pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs: Vec<(&'static str, String)> = Vec::new();
        if let Some(select) = &self.raw.select {
            pairs.push(("$select", select.join(",")));
        }
        if !self.raw.expand.is_empty() {
            pairs.push(("$expand", self.raw.expand.join(",")));
        }
        if let Some(filter) = &self.raw.filter {
            pairs.push(("$filter", filter.clone()));
        }
        pairs.push(("$top", self.top.to_string()));
        pairs.push(("$skip", (self.skip + self.top).to_string()));
        pairs
    }
}

/// Graph's answer to a contact body it refuses.
pub fn refused(e: ContactError) -> GraphError {
    let code = match &e {
        ContactError::Extended(inner) => return GraphError::from(inner.clone()),
        ContactError::TooMany { .. } => "ErrorInvalidProperty",
        ContactError::ReadOnly(_) => "ErrorInvalidPropertySet",
        ContactError::NotAnObject
        | ContactError::UnknownProperty(_)
        | ContactError::Navigation(_)
        | ContactError::WrongType { .. }
        | ContactError::NullCollection(_) => "RequestBodyRead",
    };
    GraphError::new(StatusCode::BAD_REQUEST, code, e.to_string())
}
