//! A contact as Exchange stores it, what a Graph create or PATCH body may set on it, and its
//! Graph v1.0 JSON (https://learn.microsoft.com/graph/api/resources/contact, GRAPH_FACTS §4.2):
//! exactly the properties of shared/reference/graph/schemas.json, in the order Graph writes
//! them (contact-get example: unset text is `null`, `fileAs` and `personalNotes` are `""`,
//! collections `[]`, an unset address `{}`).
//!
//! Writes are checked as Exchange checks them:
//! - a property the type does not have is 400 `RequestBodyRead`; the read-only ones (`id`,
//!   `changeKey`, `createdDateTime`, `lastModifiedDateTime`, `parentFolderId`) are 400
//!   `ErrorInvalidPropertySet`; `null` for a collection is 400 `RequestBodyRead`;
//! - Outlook keeps at most 3 e-mail addresses, 2 business and 2 home phones (and 3 IM
//!   addresses): more is 400 `ErrorInvalidProperty` "The multi value property EmailAddresses has
//!   4 entries, that exceeds the max allowed value of 3." (the answer real servers give,
//!   microsoft-graph-docs-contrib#560) — never silently cut;
//! - collections and addresses are replaced whole; an e-mail address without `name` gets its
//!   address as name, as the contact-get example shows;
//! - `displayName` is generated from the name parts (given, middle, surname; else the company;
//!   else the first address) when a create leaves it out, and — the OpenAPI description warns
//!   "later updates to other properties may cause an automatically generated value to overwrite
//!   the displayName value" — on every Graph PATCH that leaves it out (see
//!   [`ContactData::regenerate_display_name`]).

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use serde_json::{Map, Value, json};

use super::message::graph_datetime;
use super::photo::Photo;
use crate::graph::protocol::extended_properties::{
    self, ExtendedError, ExtendedProperty, check_value, parse_id,
};

/// What a property holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Text or `null`.
    Text,
    /// Text, `""` when unset.
    TextOrEmpty,
    /// A collection of text, at most `Some(n)` entries.
    Texts(Option<usize>),
    /// `emailAddresses`: at most 3 `{name, address}`.
    Emails,
    /// A `physicalAddress`.
    Address,
    /// A date-time (`birthday`).
    DateTime,
}

/// The writable properties of a contact, in Graph's order (`categories` is written earlier,
/// with the `outlookItem` properties).
pub const PROPERTIES: &[(&str, Kind)] = &[
    ("categories", Kind::Texts(None)),
    ("birthday", Kind::DateTime),
    ("fileAs", Kind::TextOrEmpty),
    ("displayName", Kind::Text),
    ("givenName", Kind::Text),
    ("initials", Kind::Text),
    ("middleName", Kind::Text),
    ("nickName", Kind::Text),
    ("surname", Kind::Text),
    ("title", Kind::Text),
    ("yomiGivenName", Kind::Text),
    ("yomiSurname", Kind::Text),
    ("yomiCompanyName", Kind::Text),
    ("generation", Kind::Text),
    ("imAddresses", Kind::Texts(Some(3))),
    ("jobTitle", Kind::Text),
    ("companyName", Kind::Text),
    ("department", Kind::Text),
    ("officeLocation", Kind::Text),
    ("profession", Kind::Text),
    ("businessHomePage", Kind::Text),
    ("assistantName", Kind::Text),
    ("manager", Kind::Text),
    ("homePhones", Kind::Texts(Some(2))),
    ("mobilePhone", Kind::Text),
    ("businessPhones", Kind::Texts(Some(2))),
    ("spouseName", Kind::Text),
    ("personalNotes", Kind::TextOrEmpty),
    ("children", Kind::Texts(None)),
    ("emailAddresses", Kind::Emails),
    ("homeAddress", Kind::Address),
    ("businessAddress", Kind::Address),
    ("otherAddress", Kind::Address),
];

/// Properties Graph computes; a body may not set them.
const READ_ONLY: &[&str] = &[
    "id",
    "changeKey",
    "createdDateTime",
    "lastModifiedDateTime",
    "parentFolderId",
];

/// Navigation properties of a contact other than `singleValueExtendedProperties`.
const NAVIGATION: &[&str] = &["extensions", "multiValueExtendedProperties", "photo"];

/// The keys of a `physicalAddress`.
const ADDRESS_KEYS: &[&str] = &["street", "city", "state", "countryOrRegion", "postalCode"];

/// The properties `displayName` is generated from.
pub const NAME_SOURCES: &[&str] = &[
    "givenName",
    "middleName",
    "surname",
    "companyName",
    "emailAddresses",
];

/// Why a contact body was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ContactError {
    /// The body is no JSON object.
    #[error("The request body must be a JSON object.")]
    NotAnObject,
    /// A property the contact type does not have.
    #[error(
        "The property '{0}' does not exist on type 'microsoft.graph.contact'. Make sure to only use property names that are defined by the type or mark the type as open type."
    )]
    UnknownProperty(String),
    /// A navigation property this fake does not take in a contact body.
    #[error("The navigation property '{0}' cannot be set in a contact body.")]
    Navigation(String),
    /// A read-only property.
    #[error("Set action is invalid for property '{0}'.")]
    ReadOnly(String),
    /// A value of the wrong JSON type.
    #[error(
        "Cannot convert the literal '{value}' to the expected type '{expected}' of property '{name}'."
    )]
    WrongType {
        /// Property.
        name: String,
        /// What it takes.
        expected: &'static str,
        /// What came.
        value: String,
    },
    /// `null` for a collection.
    #[error(
        "A null value was found for the property named '{0}', which has the expected type 'Collection'[Nullable=False]. The expected type 'Collection' does not allow null values."
    )]
    NullCollection(String),
    /// More entries than Outlook keeps.
    #[error(
        "The multi value property {name} has {count} entries, that exceeds the max allowed value of {max}."
    )]
    TooMany {
        /// Property, as Exchange names it (`EmailAddresses`).
        name: String,
        /// Entries given.
        count: usize,
        /// Entries kept.
        max: usize,
    },
    /// An extended property Graph refuses.
    #[error(transparent)]
    Extended(#[from] ExtendedError),
}

/// What a contact holds: the set properties by Graph name, normalised.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ContactData {
    values: HashMap<&'static str, Value>,
}

/// A checked create or PATCH body: properties to set (`None` clears) and extended properties.
#[derive(Debug, Clone, Default)]
pub struct ContactWrite {
    /// Properties in body order.
    pub values: Vec<(&'static str, Option<Value>)>,
    /// `singleValueExtendedProperties` of the body.
    pub extended: Vec<ExtendedProperty>,
}

impl ContactWrite {
    /// Whether the body sets `name`.
    pub fn sets(&self, name: &str) -> bool {
        self.values.iter().any(|(n, _)| *n == name)
    }
}

fn wrong(name: &str, expected: &'static str, value: &Value) -> ContactError {
    ContactError::WrongType {
        name: name.to_string(),
        expected,
        value: value.to_string(),
    }
}

fn text(name: &str, value: &Value) -> Result<Option<Value>, ContactError> {
    match value {
        Value::Null => Ok(None),
        Value::String(_) => Ok(Some(value.clone())),
        other => Err(wrong(name, "Edm.String", other)),
    }
}

fn limited(name: &str, count: usize, max: Option<usize>) -> Result<(), ContactError> {
    match max {
        Some(max) if count > max => {
            let mut exchange = name.to_string();
            if let Some(first) = exchange.get_mut(..1) {
                first.make_ascii_uppercase();
            }
            Err(ContactError::TooMany {
                name: exchange,
                count,
                max,
            })
        }
        _ => Ok(()),
    }
}

fn texts(name: &str, value: &Value, max: Option<usize>) -> Result<Option<Value>, ContactError> {
    let items = match value {
        Value::Null => return Err(ContactError::NullCollection(name.to_string())),
        Value::Array(items) => items,
        other => return Err(wrong(name, "Collection(Edm.String)", other)),
    };
    if let Some(bad) = items.iter().find(|i| !i.is_string()) {
        return Err(wrong(name, "Edm.String", bad));
    }
    limited(name, items.len(), max)?;
    Ok(Some(value.clone()))
}

fn emails(value: &Value) -> Result<Option<Value>, ContactError> {
    let name = "emailAddresses";
    let items = match value {
        Value::Null => return Err(ContactError::NullCollection(name.into())),
        Value::Array(items) => items,
        other => {
            return Err(wrong(
                name,
                "Collection(microsoft.graph.emailAddress)",
                other,
            ));
        }
    };
    limited(name, items.len(), Some(3))?;
    let mut out = Vec::new();
    for item in items {
        let Value::Object(map) = item else {
            return Err(wrong(name, "microsoft.graph.emailAddress", item));
        };
        if let Some(key) = map
            .keys()
            .find(|k| !["name", "address"].contains(&k.as_str()))
        {
            return Err(ContactError::UnknownProperty(key.clone()));
        }
        let field = |key: &str| text(key, map.get(key).unwrap_or(&Value::Null));
        let address = field("address")?;
        // NOTE: Exchange shows the address as the name when none is given (contact-get example).
        let name_value = field("name")?.or_else(|| address.clone());
        let mut entry = Map::new();
        if let Some(n) = name_value {
            entry.insert("name".into(), n);
        }
        if let Some(a) = address {
            entry.insert("address".into(), a);
        }
        out.push(Value::Object(entry));
    }
    Ok(Some(Value::Array(out)))
}

fn address(name: &str, value: &Value) -> Result<Option<Value>, ContactError> {
    let map = match value {
        Value::Null => return Ok(None),
        Value::Object(map) => map,
        other => return Err(wrong(name, "microsoft.graph.physicalAddress", other)),
    };
    let mut out = Map::new();
    for (key, v) in map {
        let Some(known) = ADDRESS_KEYS.iter().find(|k| **k == key) else {
            return Err(ContactError::UnknownProperty(key.clone()));
        };
        if let Some(v) = text(known, v)? {
            out.insert((*known).to_string(), v);
        }
    }
    Ok((!out.is_empty()).then_some(Value::Object(out)))
}

fn date_time(name: &str, value: &Value) -> Result<Option<Value>, ContactError> {
    match value {
        Value::Null => Ok(None),
        Value::String(s) => DateTime::parse_from_rfc3339(s)
            .map(|t| Some(json!(graph_datetime(t.with_timezone(&Utc)))))
            .map_err(|_| wrong(name, "Edm.DateTimeOffset", value)),
        other => Err(wrong(name, "Edm.DateTimeOffset", other)),
    }
}

/// Checks one property value of a body; `None` clears the property.
fn checked(name: &str, kind: Kind, value: &Value) -> Result<Option<Value>, ContactError> {
    match kind {
        Kind::Text => text(name, value),
        Kind::TextOrEmpty => Ok(text(name, value)?.or_else(|| Some(json!("")))),
        Kind::Texts(max) => texts(name, value, max),
        Kind::Emails => emails(value),
        Kind::Address => address(name, value),
        Kind::DateTime => date_time(name, value),
    }
}

fn extended(value: &Value) -> Result<Vec<ExtendedProperty>, ContactError> {
    let name = "singleValueExtendedProperties";
    let Value::Array(items) = value else {
        return Err(wrong(
            name,
            "Collection(microsoft.graph.singleValueLegacyExtendedProperty)",
            value,
        ));
    };
    let mut out = Vec::new();
    for item in items {
        let (Some(Value::String(id)), Some(Value::String(v))) = (item.get("id"), item.get("value"))
        else {
            return Err(wrong(
                name,
                "microsoft.graph.singleValueLegacyExtendedProperty",
                item,
            ));
        };
        check_value(&parse_id(id)?, v)?;
        extended_properties::upsert(
            &mut out,
            ExtendedProperty {
                id: id.clone(),
                value: v.clone(),
            },
        );
    }
    Ok(out)
}

/// Checks a create or PATCH body.
pub fn parse_write(body: &Value) -> Result<ContactWrite, ContactError> {
    let Value::Object(map) = body else {
        return Err(ContactError::NotAnObject);
    };
    let mut write = ContactWrite::default();
    for (key, value) in map {
        if key.contains('@') {
            // NOTE: annotations such as `@odata.type` are allowed and carry nothing.
            continue;
        }
        if key == "singleValueExtendedProperties" {
            write.extended = extended(value)?;
            continue;
        }
        if READ_ONLY.contains(&key.as_str()) {
            return Err(ContactError::ReadOnly(key.clone()));
        }
        if NAVIGATION.contains(&key.as_str()) {
            return Err(ContactError::Navigation(key.clone()));
        }
        let Some((name, kind)) = PROPERTIES.iter().find(|(n, _)| n == key) else {
            return Err(ContactError::UnknownProperty(key.clone()));
        };
        write.values.push((name, checked(name, *kind, value)?));
    }
    Ok(write)
}

impl ContactData {
    /// A property's text, if set and not empty.
    pub fn text(&self, name: &str) -> Option<&str> {
        self.values
            .get(name)
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty())
    }

    /// The e-mail addresses.
    pub fn email_addresses(&self) -> Vec<String> {
        self.values
            .get("emailAddresses")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|e| e.get("address").and_then(Value::as_str))
            .map(str::to_string)
            .collect()
    }

    /// Sets the properties of `write` (collections and addresses whole).
    pub fn apply(&mut self, write: &ContactWrite) {
        for (name, value) in &write.values {
            match value {
                Some(v) => self.values.insert(name, v.clone()),
                None => self.values.remove(name),
            };
        }
    }

    /// The display name Exchange makes from the name parts.
    pub fn generated_display_name(&self) -> String {
        let parts: Vec<&str> = ["givenName", "middleName", "surname"]
            .iter()
            .filter_map(|n| self.text(n))
            .collect();
        if !parts.is_empty() {
            return parts.join(" ");
        }
        self.text("companyName")
            .map(str::to_string)
            .or_else(|| self.email_addresses().into_iter().next())
            .unwrap_or_default()
    }

    /// Overwrites `displayName` with the generated one (what Exchange does on a change that does
    /// not name it, so a client that forgets to send it loses its own display name).
    pub fn regenerate_display_name(&mut self) {
        let generated = self.generated_display_name();
        self.values.insert("displayName", json!(generated));
    }

    /// The properties in Graph's order, unset ones as Graph writes them.
    pub fn to_json(&self) -> Map<String, Value> {
        PROPERTIES
            .iter()
            .map(|(name, kind)| {
                let value = self.values.get(name).cloned().unwrap_or(match kind {
                    Kind::Text | Kind::DateTime => Value::Null,
                    Kind::TextOrEmpty => json!(""),
                    Kind::Texts(_) | Kind::Emails => json!([]),
                    Kind::Address => json!({}),
                });
                ((*name).to_string(), value)
            })
            .collect()
    }
}

/// A contact in a mailbox.
#[derive(Debug, Clone)]
pub struct StoredContact {
    /// REST id (changes when the contact moves to another folder).
    pub rest_id: String,
    /// Immutable id (stable while the contact lives in the mailbox).
    pub immutable_id: String,
    /// Contact folder it is in.
    pub folder_id: String,
    /// Its properties.
    pub data: ContactData,
    /// Its single-value extended properties.
    pub extended: Vec<ExtendedProperty>,
    /// Its photo.
    pub photo: Option<Photo>,
    /// Created in this mailbox.
    pub created: DateTime<Utc>,
    /// Last change.
    pub last_modified: DateTime<Utc>,
    /// Change key (new with every change, the photo's included).
    pub change_key: String,
    /// Change sequence of the last change (drives delta).
    pub version: u64,
}

impl StoredContact {
    /// The id Graph shows: immutable with `Prefer: IdType="ImmutableId"`, else the REST id.
    pub fn id(&self, immutable: bool) -> &str {
        if immutable {
            &self.immutable_id
        } else {
            &self.rest_id
        }
    }

    /// Graph JSON of the contact, without extended properties (they come only when expanded).
    pub fn to_json(&self, immutable: bool) -> Value {
        let mut map = Map::new();
        map.insert(
            "@odata.etag".into(),
            json!(format!("W/\"{}\"", self.change_key)),
        );
        map.insert("id".into(), json!(self.id(immutable)));
        map.insert(
            "createdDateTime".into(),
            json!(graph_datetime(self.created)),
        );
        map.insert(
            "lastModifiedDateTime".into(),
            json!(graph_datetime(self.last_modified)),
        );
        map.insert("changeKey".into(), json!(self.change_key));
        let mut data = self.data.to_json();
        if let Some(categories) = data.remove("categories") {
            map.insert("categories".into(), categories);
        }
        map.insert("parentFolderId".into(), json!(self.folder_id));
        map.extend(data);
        Value::Object(map)
    }
}

/// Whether `$select` may name `name` on a contact.
pub fn is_selectable(name: &str) -> bool {
    READ_ONLY.iter().any(|p| p.eq_ignore_ascii_case(name))
        || PROPERTIES.iter().any(|(p, _)| p.eq_ignore_ascii_case(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(body: Value) -> Result<ContactWrite, ContactError> {
        parse_write(&body)
    }

    #[test]
    fn more_addresses_or_phones_than_outlook_keeps_are_refused() {
        let four = json!({"emailAddresses": [{"address": "a@x"}, {"address": "b@x"}, {"address": "c@x"}, {"address": "d@x"}]});
        let e = write(four).expect_err("four addresses");
        assert_eq!(
            e.to_string(),
            "The multi value property EmailAddresses has 4 entries, that exceeds the max allowed value of 3."
        );
        assert!(matches!(
            write(json!({"businessPhones": ["1", "2", "3"]})),
            Err(ContactError::TooMany { max: 2, .. })
        ));
        assert!(write(json!({"homePhones": ["1", "2"]})).is_ok());
    }

    #[test]
    fn unknown_read_only_and_null_collections_are_refused() {
        assert!(matches!(
            write(json!({"nickname": "x"})),
            Err(ContactError::UnknownProperty(_))
        ));
        assert!(matches!(
            write(json!({"id": "x"})),
            Err(ContactError::ReadOnly(_))
        ));
        assert!(matches!(
            write(json!({"categories": null})),
            Err(ContactError::NullCollection(_))
        ));
        assert!(matches!(
            write(json!({"businessAddress": {"street": "x", "zip": "1"}})),
            Err(ContactError::UnknownProperty(_))
        ));
        assert!(write(json!({"@odata.type": "#microsoft.graph.contact"})).is_ok());
    }

    #[test]
    fn the_display_name_comes_from_the_name_parts_then_company_then_address() {
        let mut data = ContactData::default();
        data.apply(&write(json!({"emailAddresses": [{"address": "a@x"}]})).expect("ok"));
        assert_eq!(data.generated_display_name(), "a@x");
        data.apply(&write(json!({"companyName": "Firma"})).expect("ok"));
        assert_eq!(data.generated_display_name(), "Firma");
        data.apply(&write(json!({"givenName": "Eva", "surname": "Schröder"})).expect("ok"));
        assert_eq!(data.generated_display_name(), "Eva Schröder");
    }

    #[test]
    fn unset_properties_are_written_as_graph_writes_them() {
        let json = ContactData::default().to_json();
        assert_eq!(json["givenName"], Value::Null);
        assert_eq!(json["personalNotes"], "");
        assert_eq!(json["businessPhones"], json!([]));
        assert_eq!(json["homeAddress"], json!({}));
        let mut data = ContactData::default();
        data.apply(&write(json!({"emailAddresses": [{"address": "a@x"}]})).expect("ok"));
        assert_eq!(
            data.to_json()["emailAddresses"],
            json!([{"name": "a@x", "address": "a@x"}])
        );
    }
}
