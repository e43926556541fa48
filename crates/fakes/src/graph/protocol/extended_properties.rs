//! Outlook single-value extended properties as Graph takes and finds them
//! (https://learn.microsoft.com/graph/api/resources/extended-properties-overview,
//! https://learn.microsoft.com/graph/api/singlevaluelegacyextendedproperty-get):
//!
//! - An id has one of three forms: `{type} {guid} Name {name}`, `{type} {guid} Id {number}` or
//!   `{type} {proptag}` (e.g. `String {66f5a359-4659-4830-9070-00047ec6ac6e} Name Color`,
//!   `Integer {…} Id 0x8012`, `String 0x4001001E`). The type is a MAPI type name (`String`,
//!   `Integer`, `Boolean`, `SystemTime`, …), the GUID is written in braces as the documentation
//!   writes it. Anything else is 400 `ErrorInvalidExtendedProperty` ("The extended property
//!   attribute combination is invalid.", the answer seen in microsoft-graph-docs#2251).
//! - The string name is case-sensitive; type, GUID and numbers are not. The value is a string in
//!   the JSON and must read as the type says (an `Integer` of `"x"` is 400
//!   `ErrorInvalidExtendedPropertyValue`).
//! - `$filter=singleValueExtendedProperties/Any(ep: ep/id eq '{id}' and ep/value eq '{value}')`
//!   finds items that have the property with that value (value compared case-insensitively);
//!   `ne` and the id alone (`Any(ep: ep/id eq '{id}')`) work too. Keywords and the lambda variable
//!   are free in case and name. Other forms (`contains`, `cast(…)`) are 400 here: the
//!   documentation offers them for messages and events only, or needs typed values this fake
//!   does not keep.
//! - `$expand=singleValueExtendedProperties($filter=id eq '{id}' [or id eq '{id}' …])` returns the
//!   named properties an item has; without a filter it is 400, because Graph cannot return all of
//!   an item's extended properties at once. A `$filter` answer never includes the property.

use axum::http::StatusCode;

use super::errors::GraphError;

/// One single-value extended property as stored on an item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExtendedProperty {
    /// The id as the client wrote it (Graph answers with it).
    pub id: String,
    /// The value, as text.
    pub value: String,
}

/// The MAPI type names Graph accepts in a single-value property id.
const TYPES: &[&str] = &[
    "ApplicationTime",
    "Binary",
    "Boolean",
    "CLSID",
    "Currency",
    "Double",
    "Float",
    "Integer",
    "Long",
    "Object",
    "Short",
    "String",
    "SystemTime",
];

/// Which property an id names, in a form two spellings of the same id compare equal in.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PropertyKey {
    kind: String,
    namespace: Option<String>,
    name: KeyName,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum KeyName {
    Name(String),
    Number(u32),
}

/// Why an extended property was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExtendedError {
    /// The id has none of the three forms.
    #[error("The extended property attribute combination is invalid.")]
    InvalidId(String),
    /// The value does not read as the id's type.
    #[error("The extended property value is invalid for type {kind}: '{value}'.")]
    InvalidValue {
        /// The type of the id.
        kind: String,
        /// The value given.
        value: String,
    },
}

impl From<ExtendedError> for GraphError {
    fn from(e: ExtendedError) -> Self {
        let code = match e {
            ExtendedError::InvalidId(_) => "ErrorInvalidExtendedProperty",
            ExtendedError::InvalidValue { .. } => "ErrorInvalidExtendedPropertyValue",
        };
        GraphError::new(StatusCode::BAD_REQUEST, code, e.to_string())
    }
}

fn number(text: &str) -> Option<u32> {
    match text.strip_prefix("0x").or_else(|| text.strip_prefix("0X")) {
        Some(hex) => u32::from_str_radix(hex, 16).ok(),
        None => text.parse().ok(),
    }
}

fn is_guid(text: &str) -> bool {
    let Some(inner) = text.strip_prefix('{').and_then(|t| t.strip_suffix('}')) else {
        return false;
    };
    let groups: Vec<&str> = inner.split('-').collect();
    groups.iter().map(|g| g.len()).eq([8, 4, 4, 4, 12])
        && groups
            .iter()
            .all(|g| g.chars().all(|c| c.is_ascii_hexdigit()))
}

/// Parses an id into the key it names.
pub fn parse_id(id: &str) -> Result<PropertyKey, ExtendedError> {
    let invalid = || ExtendedError::InvalidId(id.to_string());
    let mut parts = id.trim().splitn(4, ' ');
    let kind = parts.next().unwrap_or_default();
    let kind = TYPES
        .iter()
        .find(|t| t.eq_ignore_ascii_case(kind))
        .ok_or_else(invalid)?;
    let second = parts.next().ok_or_else(invalid)?;
    let (namespace, name) = if is_guid(second) {
        let name = match (parts.next(), parts.next()) {
            (Some(k), Some(n)) if k.eq_ignore_ascii_case("Name") && !n.trim().is_empty() => {
                KeyName::Name(n.to_string())
            }
            (Some(k), Some(n)) if k.eq_ignore_ascii_case("Id") => {
                KeyName::Number(number(n.trim()).ok_or_else(invalid)?)
            }
            _ => return Err(invalid()),
        };
        (Some(second.to_ascii_lowercase()), name)
    } else {
        // A proptag: eight hex digits after 0x, nothing after it.
        let hex = second
            .strip_prefix("0x")
            .or_else(|| second.strip_prefix("0X"))
            .filter(|h| h.len() == 8 && parts.next().is_none())
            .ok_or_else(invalid)?;
        let tag = u32::from_str_radix(hex, 16).map_err(|_| invalid())?;
        (None, KeyName::Number(tag))
    };
    Ok(PropertyKey {
        kind: kind.to_string(),
        namespace,
        name,
    })
}

/// Checks that `value` reads as the type of `key`.
pub fn check_value(key: &PropertyKey, value: &str) -> Result<(), ExtendedError> {
    use base64::Engine;
    let ok = match key.kind.as_str() {
        "Integer" | "Long" | "Short" => value.trim().parse::<i64>().is_ok(),
        "Double" | "Float" | "Currency" => value.trim().parse::<f64>().is_ok(),
        "Boolean" => value.eq_ignore_ascii_case("true") || value.eq_ignore_ascii_case("false"),
        "SystemTime" | "ApplicationTime" => chrono::DateTime::parse_from_rfc3339(value).is_ok(),
        "CLSID" => is_guid(&format!("{{{}}}", value.trim_matches(['{', '}']))),
        "Binary" => base64::engine::general_purpose::STANDARD
            .decode(value)
            .is_ok(),
        _ => true,
    };
    if ok {
        Ok(())
    } else {
        Err(ExtendedError::InvalidValue {
            kind: key.kind.clone(),
            value: value.to_string(),
        })
    }
}

/// The value `properties` hold for `key`, if any.
pub fn value_of<'a>(properties: &'a [ExtendedProperty], key: &PropertyKey) -> Option<&'a str> {
    properties
        .iter()
        .find(|p| parse_id(&p.id).is_ok_and(|k| &k == key))
        .map(|p| p.value.as_str())
}

/// Sets or replaces the property `property` names in `properties` (checked by the caller).
pub fn upsert(properties: &mut Vec<ExtendedProperty>, property: ExtendedProperty) {
    let key = parse_id(&property.id).ok();
    match properties
        .iter_mut()
        .find(|p| key.is_some() && parse_id(&p.id).ok() == key)
    {
        Some(existing) => *existing = property,
        None => properties.push(property),
    }
}

/// A `$filter` on a single-value extended property.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExtendedFilter {
    key: PropertyKey,
    /// `Some((true, v))`: value eq v; `Some((false, v))`: value ne v; `None`: the id alone.
    value: Option<(bool, String)>,
}

impl ExtendedFilter {
    /// Whether an item with `properties` passes.
    pub fn matches(&self, properties: &[ExtendedProperty]) -> bool {
        let Some(have) = value_of(properties, &self.key) else {
            return false;
        };
        match &self.value {
            None => true,
            // NOTE: Graph compares extended property values case-insensitively.
            Some((eq, wanted)) => (have.to_lowercase() == wanted.to_lowercase()) == *eq,
        }
    }
}

/// Tokens of the small OData expressions read here.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    Word(String),
    Text(String),
    Open,
    Close,
    Slash,
    Colon,
    Equals,
}

fn tokens(text: &str) -> Option<Vec<Token>> {
    let mut out = Vec::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            c if c.is_whitespace() => {}
            '(' => out.push(Token::Open),
            ')' => out.push(Token::Close),
            '/' => out.push(Token::Slash),
            ':' => out.push(Token::Colon),
            '=' => out.push(Token::Equals),
            '\'' => {
                let mut literal = String::new();
                loop {
                    match chars.next()? {
                        // NOTE: OData doubles a quote inside a literal.
                        '\'' if chars.peek() == Some(&'\'') => {
                            chars.next();
                            literal.push('\'');
                        }
                        '\'' => break,
                        c => literal.push(c),
                    }
                }
                out.push(Token::Text(literal));
            }
            c => {
                let mut word = c.to_string();
                while let Some(&n) = chars.peek() {
                    if n.is_whitespace() || "()/:='".contains(n) {
                        break;
                    }
                    word.push(n);
                    chars.next();
                }
                out.push(Token::Word(word));
            }
        }
    }
    Some(out)
}

/// A cursor over tokens that matches words case-insensitively.
struct Cursor {
    tokens: Vec<Token>,
    at: usize,
}

impl Cursor {
    fn next(&mut self) -> Option<Token> {
        let t = self.tokens.get(self.at).cloned();
        self.at += 1;
        t
    }

    fn word(&mut self, expected: &str) -> Option<()> {
        match self.next()? {
            Token::Word(w) if w.eq_ignore_ascii_case(expected) => Some(()),
            _ => None,
        }
    }

    fn any_word(&mut self) -> Option<String> {
        match self.next()? {
            Token::Word(w) => Some(w),
            _ => None,
        }
    }

    fn token(&mut self, expected: Token) -> Option<()> {
        (self.next()? == expected).then_some(())
    }

    fn text(&mut self) -> Option<String> {
        match self.next()? {
            Token::Text(t) => Some(t),
            _ => None,
        }
    }

    fn peek_word(&self, expected: &str) -> bool {
        matches!(self.tokens.get(self.at), Some(Token::Word(w)) if w.eq_ignore_ascii_case(expected))
    }

    fn done(&self) -> bool {
        self.at >= self.tokens.len()
    }
}

fn unsupported_filter(filter: &str) -> GraphError {
    GraphError::new(
        StatusCode::BAD_REQUEST,
        "ErrorInvalidParameter",
        format!(
            "The fake Graph filters contacts only by 'singleValueExtendedProperties/Any(ep: ep/id eq '<id>' [and ep/value eq|ne '<value>'])', not '{filter}'."
        ),
    )
}

/// `var/value eq|ne 'text'` (optionally in parentheses) after `and`.
fn value_comparison(cursor: &mut Cursor, var: &str) -> Option<(bool, String)> {
    let parenthesised = cursor.tokens.get(cursor.at) == Some(&Token::Open);
    if parenthesised {
        cursor.next();
    }
    cursor.word(var)?;
    cursor.token(Token::Slash)?;
    cursor.word("value")?;
    let eq = match cursor.any_word()?.to_ascii_lowercase().as_str() {
        "eq" => true,
        "ne" => false,
        _ => return None,
    };
    let value = cursor.text()?;
    if parenthesised {
        cursor.token(Token::Close)?;
    }
    Some((eq, value))
}

/// Reads a lambda filter on `singleValueExtendedProperties`; the id and value as given.
fn read_filter(filter: &str) -> Option<(String, Option<(bool, String)>)> {
    let mut c = Cursor {
        tokens: tokens(filter)?,
        at: 0,
    };
    c.word("singleValueExtendedProperties")?;
    c.token(Token::Slash)?;
    c.word("any")?;
    c.token(Token::Open)?;
    let var = c.any_word()?;
    c.token(Token::Colon)?;
    c.word(&var)?;
    c.token(Token::Slash)?;
    c.word("id")?;
    c.word("eq")?;
    let id = c.text()?;
    let value = if c.peek_word("and") {
        c.next();
        Some(value_comparison(&mut c, &var)?)
    } else {
        None
    };
    c.token(Token::Close)?;
    c.done().then_some((id, value))
}

/// Parses a contact `$filter` (only the extended-property form is modelled).
pub fn parse_filter(filter: &str) -> Result<ExtendedFilter, GraphError> {
    let (id, value) = read_filter(filter).ok_or_else(|| unsupported_filter(filter))?;
    Ok(ExtendedFilter {
        key: parse_id(&id)?,
        value,
    })
}

/// Parses one `$expand` item; `Ok(None)` when it is not about extended properties.
pub fn parse_expand(item: &str) -> Result<Option<Vec<PropertyKey>>, GraphError> {
    let head = item.split('(').next().unwrap_or_default().trim();
    if !head.eq_ignore_ascii_case("singleValueExtendedProperties") {
        return Ok(None);
    }
    let refused = || {
        GraphError::new(
            StatusCode::BAD_REQUEST,
            "ErrorInvalidUrlQueryFilter",
            format!(
                "Expanding singleValueExtendedProperties needs '($filter=id eq '<id>' [or id eq '<id>' …])', not '{item}'."
            ),
        )
    };
    let ids = read_expand(item).ok_or_else(refused)?;
    ids.iter()
        .map(|id| parse_id(id).map_err(GraphError::from))
        .collect::<Result<Vec<_>, _>>()
        .map(Some)
}

fn read_expand(item: &str) -> Option<Vec<String>> {
    let mut c = Cursor {
        tokens: tokens(item)?,
        at: 0,
    };
    c.word("singleValueExtendedProperties")?;
    c.token(Token::Open)?;
    c.word("$filter")?;
    c.token(Token::Equals)?;
    let mut ids = Vec::new();
    loop {
        c.word("id")?;
        c.word("eq")?;
        ids.push(c.text()?);
        if c.peek_word("or") {
            c.next();
            continue;
        }
        break;
    }
    c.token(Token::Close)?;
    c.done().then_some(ids)
}

/// The properties of `properties` that `keys` name, as Graph writes them when expanded.
pub fn expanded(properties: &[ExtendedProperty], keys: &[PropertyKey]) -> serde_json::Value {
    let items: Vec<serde_json::Value> = properties
        .iter()
        .filter(|p| parse_id(&p.id).is_ok_and(|k| keys.contains(&k)))
        .map(|p| serde_json::json!({"id": p.id, "value": p.value}))
        .collect();
    serde_json::Value::Array(items)
}

#[cfg(test)]
mod tests {
    use super::*;

    const ID: &str = "String {66f5a359-4659-4830-9070-00047ec6ac6e} Name LinkId";

    fn props(value: &str) -> Vec<ExtendedProperty> {
        vec![ExtendedProperty {
            id: ID.into(),
            value: value.into(),
        }]
    }

    #[test]
    fn the_three_id_forms_parse_and_others_do_not() {
        assert!(parse_id(ID).is_ok());
        assert!(parse_id("Integer {66F5A359-4659-4830-9070-00047EC6AC6E} Id 0x8012").is_ok());
        assert!(parse_id("String 0x4001001E").is_ok());
        for bad in [
            "LinkId",
            "Text {66f5a359-4659-4830-9070-00047ec6ac6e} Name X",
            "String 66f5a359-4659-4830-9070-00047ec6ac6e Name X",
            "String {66f5a359-4659-4830-9070-00047ec6ac6e} Name ",
            "String {66f5a359-4659-4830-9070-00047ec6ac6e} Nom X",
            "String 0x4001",
        ] {
            assert!(parse_id(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn names_are_case_sensitive_types_and_guids_are_not() {
        let lower = "string {66F5A359-4659-4830-9070-00047EC6AC6E} Name LinkId";
        assert_eq!(parse_id(ID).ok(), parse_id(lower).ok());
        let other = "String {66f5a359-4659-4830-9070-00047ec6ac6e} Name linkid";
        assert_ne!(parse_id(ID).ok(), parse_id(other).ok());
    }

    #[test]
    fn a_filter_matches_the_value_case_insensitively() {
        let f = parse_filter(&format!(
            "singleValueExtendedProperties/Any(ep: ep/id eq '{ID}' and ep/value eq 'ABC')"
        ))
        .expect("filter");
        assert!(f.matches(&props("abc")));
        assert!(!f.matches(&props("abd")));
        assert!(!f.matches(&[]));
        let ne = parse_filter(&format!(
            "singleValueExtendedProperties/any(x:x/Id eq '{ID}' and (x/Value ne 'abc'))"
        ))
        .expect("ne filter");
        assert!(ne.matches(&props("other")));
        assert!(!ne.matches(&props("ABC")));
        let id_only = parse_filter(&format!(
            "singleValueExtendedProperties/any(ep: ep/id eq '{ID}')"
        ))
        .expect("id filter");
        assert!(id_only.matches(&props("x")));
        assert!(parse_filter("displayName eq 'x'").is_err());
        assert!(
            parse_filter(&format!(
                "singleValueExtendedProperties/any(ep: ep/id eq '{ID}' and contains(ep/value, 'a'))"
            ))
            .is_err()
        );
    }

    #[test]
    fn an_expand_names_its_properties_and_needs_a_filter() {
        let two = format!(
            "singleValueExtendedProperties($filter=id eq '{ID}' or id eq 'String 0x3A25001F')"
        );
        assert_eq!(parse_expand(&two).expect("ok").map(|k| k.len()), Some(2));
        assert!(parse_expand("singleValueExtendedProperties").is_err());
        assert_eq!(parse_expand("attachments").expect("ok"), None);
    }

    #[test]
    fn values_must_read_as_their_type() {
        let int = parse_id("Integer {66f5a359-4659-4830-9070-00047ec6ac6e} Name N").expect("id");
        assert!(check_value(&int, "12").is_ok());
        assert!(check_value(&int, "x").is_err());
    }
}
