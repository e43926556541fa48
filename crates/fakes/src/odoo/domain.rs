//! Odoo search domains: parsing (prefix `&`, `|`, `!` with implicit AND) and evaluation.
//!
//! Semantics follow Odoo 17's `odoo/osv/expression.py`: `like`/`ilike` wrap the value in `%` and
//! keep `%`/`_` in the value as wildcards, `=like`/`=ilike` use the value as the whole pattern,
//! `=` on a many2one compares ids, `in` on an x2many means "shares an id", `child_of` follows
//! `parent_id`, `= False` means "not set", dotted paths follow many2one/x2many fields.

use regex::Regex;
use serde_json::Value;

use super::errors::{RpcError, leaf_repr};
use super::fields::Registry;

/// The operators Odoo 17 accepts in a leaf (`expression.TERM_OPERATORS`).
pub const OPERATORS: &[&str] = &[
    "=",
    "!=",
    "<=",
    "<",
    ">",
    ">=",
    "=?",
    "=like",
    "=ilike",
    "like",
    "not like",
    "ilike",
    "not ilike",
    "in",
    "not in",
    "child_of",
    "parent_of",
];

/// A parsed domain.
#[derive(Debug, Clone)]
pub enum Domain {
    /// Matches everything (empty domain, or the TRUE leaf).
    True,
    /// Matches nothing (the FALSE leaf).
    False,
    /// All of them.
    And(Vec<Domain>),
    /// Any of them.
    Or(Vec<Domain>),
    /// Not this one.
    Not(Box<Domain>),
    /// A `(path, operator, value)` condition.
    Leaf {
        /// Field path split at dots.
        path: Vec<String>,
        /// One of [`OPERATORS`].
        op: String,
        /// The right-hand value.
        value: Value,
    },
}

/// What evaluating a domain needs to know about records.
pub trait RecordSource {
    /// Models and fields.
    fn registry(&self) -> &Registry;
    /// A field's value in cache form (many2one id or false, x2many id list), computed or stored.
    fn value(&self, model: &str, id: i64, field: &str) -> Value;
    /// The record's display name.
    fn display_name(&self, model: &str, id: i64) -> String;
    /// All ids of a model, archived included.
    fn all_ids(&self, model: &str) -> Vec<i64>;
}

fn invalid_leaf(leaf: &[Value]) -> RpcError {
    RpcError::value(format!("Invalid leaf {}", leaf_repr(leaf)))
}

/// Parses a domain and checks every field path against the model (FACTS 8).
pub fn parse(registry: &Registry, model: &str, domain: &Value) -> Result<Domain, RpcError> {
    let items = match domain {
        Value::Array(items) => items.clone(),
        Value::Bool(false) | Value::Null => vec![],
        other => {
            return Err(RpcError::value(format!(
                "Invalid domain {}",
                super::errors::py_repr(other)
            )));
        }
    };
    let mut stack: Vec<Domain> = Vec::new();
    for item in items.iter().rev() {
        match item {
            Value::String(op) if op == "&" || op == "|" => {
                let (Some(a), Some(b)) = (stack.pop(), stack.pop()) else {
                    return Err(RpcError::value(format!(
                        "Invalid domain: missing operands for '{op}'"
                    )));
                };
                stack.push(if op == "&" {
                    Domain::And(vec![a, b])
                } else {
                    Domain::Or(vec![a, b])
                });
            }
            Value::String(op) if op == "!" => {
                let Some(a) = stack.pop() else {
                    return Err(RpcError::value("Invalid domain: missing operand for '!'"));
                };
                stack.push(Domain::Not(Box::new(a)));
            }
            Value::Array(leaf) => stack.push(parse_leaf(registry, model, leaf)?),
            Value::Bool(true) => stack.push(Domain::True),
            Value::Bool(false) => stack.push(Domain::False),
            other => return Err(invalid_leaf(std::slice::from_ref(other))),
        }
    }
    stack.reverse();
    Ok(match stack.len() {
        0 => Domain::True,
        1 => stack.pop().unwrap_or(Domain::True),
        _ => Domain::And(stack),
    })
}

fn parse_leaf(registry: &Registry, model: &str, leaf: &[Value]) -> Result<Domain, RpcError> {
    if leaf.len() != 3 {
        return Err(invalid_leaf(leaf));
    }
    // TRUE_LEAF / FALSE_LEAF
    if leaf[0] == 1 && leaf[1] == "=" && leaf[2] == 1 {
        return Ok(Domain::True);
    }
    if leaf[0] == 0 && leaf[1] == "=" && leaf[2] == 1 {
        return Ok(Domain::False);
    }
    let (Some(path), Some(op)) = (leaf[0].as_str(), leaf[1].as_str()) else {
        return Err(invalid_leaf(leaf));
    };
    let op = op.to_lowercase();
    if !OPERATORS.contains(&op.as_str()) {
        return Err(invalid_leaf(leaf));
    }
    let segments: Vec<String> = path.split('.').map(str::to_string).collect();
    let mut current = model.to_string();
    for (i, seg) in segments.iter().enumerate() {
        let def = registry.models.get(&current).and_then(|m| m.field(seg));
        let Some(def) = def else {
            return Err(RpcError::value(format!(
                "Invalid field {current}.{seg} in leaf {}",
                leaf_repr(leaf)
            )));
        };
        if i + 1 < segments.len() {
            match &def.relation {
                Some(rel) => current = rel.clone(),
                None => return Err(invalid_leaf(leaf)),
            }
        }
    }
    // computed fields with a search method stand for a domain on stored ones
    if segments.len() == 1
        && let Some(rewritten) = super::microsoft::search_domain(&segments[0], &op, &leaf[2])
    {
        return parse(registry, model, &rewritten);
    }
    if (op == "in" || op == "not in") && !leaf[2].is_array() && !leaf[2].is_boolean() {
        // NOTE: Odoo accepts a scalar for in/not in and treats it as a one-element list.
        return Ok(Domain::Leaf {
            path: segments,
            op,
            value: Value::Array(vec![leaf[2].clone()]),
        });
    }
    Ok(Domain::Leaf {
        path: segments,
        op,
        value: leaf[2].clone(),
    })
}

/// Converts a SQL LIKE pattern to a regex (`%` any run, `_` one character).
pub fn like_regex(pattern: &str, case_insensitive: bool) -> Option<Regex> {
    let mut re = String::from(if case_insensitive { "(?is)^" } else { "(?s)^" });
    for c in pattern.chars() {
        match c {
            '%' => re.push_str(".*"),
            '_' => re.push('.'),
            other => re.push_str(&regex::escape(&other.to_string())),
        }
    }
    re.push('$');
    Regex::new(&re).ok()
}

fn is_unset(v: &Value) -> bool {
    match v {
        Value::Null | Value::Bool(false) => true,
        Value::String(s) => s.is_empty(),
        Value::Array(a) => a.is_empty(),
        _ => false,
    }
}

/// A datetime or date text as PostgreSQL would compare it (a date is its midnight).
fn as_datetime(text: &str) -> Option<chrono::NaiveDateTime> {
    if text.len() == 10 {
        return chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .ok()?
            .and_hms_opt(0, 0, 0);
    }
    if text.len() < 19 || text.as_bytes().get(10) != Some(&b' ') {
        return None;
    }
    chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S%.f").ok()
}

fn cmp_values(a: &Value, b: &Value) -> Option<std::cmp::Ordering> {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64()?.partial_cmp(&y.as_f64()?),
        (Value::String(x), Value::String(y)) => match (as_datetime(x), as_datetime(y)) {
            // stored datetimes carry microseconds; compare instants, not text
            (Some(dx), Some(dy)) => Some(dx.cmp(&dy)),
            _ => Some(x.as_str().cmp(y.as_str())),
        },
        (Value::Bool(x), Value::Bool(y)) => Some(x.cmp(y)),
        _ => None,
    }
}

fn scalar_eq(a: &Value, b: &Value) -> bool {
    if is_unset(b) && matches!(b, Value::Bool(false) | Value::Null) {
        return is_unset(a) || *a == Value::Bool(false);
    }
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::String(x), Value::String(y)) if x != y => {
            matches!((as_datetime(x), as_datetime(y)), (Some(dx), Some(dy)) if dx == dy && x.len() > 10 && y.len() > 10)
        }
        _ => a == b,
    }
}

/// Evaluates a domain on one record.
pub fn matches(src: &dyn RecordSource, model: &str, id: i64, domain: &Domain) -> bool {
    match domain {
        Domain::True => true,
        Domain::False => false,
        Domain::And(parts) => parts.iter().all(|d| matches(src, model, id, d)),
        Domain::Or(parts) => parts.iter().any(|d| matches(src, model, id, d)),
        Domain::Not(inner) => !matches(src, model, id, inner),
        Domain::Leaf { path, op, value } => leaf_matches(src, model, id, path, op, value),
    }
}

fn leaf_matches(
    src: &dyn RecordSource,
    model: &str,
    id: i64,
    path: &[String],
    op: &str,
    value: &Value,
) -> bool {
    let Some(def) = src
        .registry()
        .models
        .get(model)
        .and_then(|m| m.field(&path[0]))
        .cloned()
    else {
        return false;
    };
    let raw = if path[0] == "id" {
        Value::from(id)
    } else {
        src.value(model, id, &path[0])
    };
    if path.len() > 1 {
        let Some(rel) = def.relation.as_deref() else {
            return false;
        };
        let targets: Vec<i64> = match &raw {
            Value::Number(n) => n.as_i64().into_iter().collect(),
            Value::Array(a) => a.iter().filter_map(Value::as_i64).collect(),
            _ => vec![],
        };
        let negative = matches!(op, "!=" | "not in" | "not like" | "not ilike");
        let hit = targets
            .iter()
            .any(|t| leaf_matches(src, rel, *t, &path[1..], op, value));
        // NOTE: a negative operator on a path with no target behaves like Odoo's subquery: no match.
        return if targets.is_empty() && negative {
            false
        } else {
            hit
        };
    }
    // `id child_of [...]` / `id parent_of [...]` walk the model's own hierarchy
    let relational = if path[0] == "id" && (op == "child_of" || op == "parent_of") {
        Some(model.to_string())
    } else {
        def.relation
            .clone()
            .filter(|_| def.ttype == "many2one" || def.is_x2many())
    };
    if let Some(rel) = relational {
        let ids: Vec<i64> = match &raw {
            Value::Number(n) => n.as_i64().into_iter().collect(),
            Value::Array(a) => a.iter().filter_map(Value::as_i64).collect(),
            _ => vec![],
        };
        return relational_matches(src, &rel, &ids, op, value);
    }
    scalar_matches(&raw, op, value)
}

fn value_ids(value: &Value) -> Vec<i64> {
    match value {
        Value::Number(n) => n.as_i64().into_iter().collect(),
        Value::Array(a) => a.iter().filter_map(Value::as_i64).collect(),
        _ => vec![],
    }
}

fn descendants(src: &dyn RecordSource, model: &str, roots: &[i64]) -> Vec<i64> {
    let mut found: Vec<i64> = roots.to_vec();
    let all = src.all_ids(model);
    loop {
        let before = found.len();
        for id in &all {
            if found.contains(id) {
                continue;
            }
            if let Some(p) = src.value(model, *id, "parent_id").as_i64()
                && found.contains(&p)
            {
                found.push(*id);
            }
        }
        if found.len() == before {
            return found;
        }
    }
}

fn relational_matches(
    src: &dyn RecordSource,
    rel: &str,
    ids: &[i64],
    op: &str,
    value: &Value,
) -> bool {
    let names = || {
        ids.iter()
            .map(|i| src.display_name(rel, *i))
            .collect::<Vec<_>>()
    };
    match op {
        "=" | "!=" | "in" | "not in" => {
            let positive = op == "=" || op == "in";
            let hit = match value {
                Value::Bool(false) | Value::Null => ids.is_empty(),
                Value::String(s) => names().iter().any(|n| n == s),
                Value::Array(list) => {
                    let wants_unset = list
                        .iter()
                        .any(|v| matches!(v, Value::Bool(false) | Value::Null));
                    (wants_unset && ids.is_empty())
                        || ids
                            .iter()
                            .any(|i| list.iter().any(|v| v.as_i64() == Some(*i)))
                }
                other => other.as_i64().is_some_and(|v| ids.contains(&v)),
            };
            if positive { hit } else { !hit }
        }
        "=?" => is_unset(value) || relational_matches(src, rel, ids, "=", value),
        "child_of" => {
            let roots = value_ids(value);
            let family = descendants(src, rel, &roots);
            ids.iter().any(|i| family.contains(i))
        }
        "parent_of" => {
            let wanted = value_ids(value);
            ids.iter().any(|i| {
                descendants(src, rel, &[*i])
                    .iter()
                    .any(|d| wanted.contains(d))
            })
        }
        "like" | "ilike" | "not like" | "not ilike" | "=like" | "=ilike" => {
            let names = names();
            let positive = !op.starts_with("not");
            let hit = names.iter().any(|n| {
                scalar_matches(
                    &Value::from(n.clone()),
                    op.trim_start_matches("not "),
                    value,
                )
            });
            if positive { hit } else { !hit }
        }
        _ => {
            // comparisons on a relational field compare ids
            let first = ids
                .first()
                .map(|i| Value::from(*i))
                .unwrap_or(Value::Bool(false));
            scalar_matches(&first, op, value)
        }
    }
}

fn scalar_matches(raw: &Value, op: &str, value: &Value) -> bool {
    match op {
        "=" => scalar_eq(raw, value),
        "!=" => !scalar_eq(raw, value),
        "=?" => is_unset(value) || scalar_eq(raw, value),
        "in" | "not in" => {
            let list = match value {
                Value::Array(l) => l.clone(),
                other => vec![other.clone()],
            };
            let hit = list.iter().any(|v| scalar_eq(raw, v));
            if op == "in" { hit } else { !hit }
        }
        "<" | ">" | "<=" | ">=" => {
            if is_unset(raw) && !matches!(raw, Value::Number(_))
                || matches!(value, Value::Bool(false) | Value::Null)
            {
                return false;
            }
            match cmp_values(raw, value) {
                Some(ord) => match op {
                    "<" => ord.is_lt(),
                    ">" => ord.is_gt(),
                    "<=" => ord.is_le(),
                    _ => ord.is_ge(),
                },
                None => false,
            }
        }
        "like" | "ilike" | "not like" | "not ilike" | "=like" | "=ilike" => {
            let negative = op.starts_with("not ");
            let base = op.trim_start_matches("not ");
            let text = match raw {
                Value::String(s) => Some(s.clone()),
                Value::Number(n) => Some(n.to_string()),
                _ => None,
            };
            let pattern = match value {
                Value::String(s) => s.clone(),
                Value::Number(n) => n.to_string(),
                Value::Bool(false) | Value::Null => {
                    // NOTE: ('name', 'ilike', False) matches unset values in Odoo.
                    let hit = text.as_deref().is_none_or(str::is_empty);
                    return if negative { !hit } else { hit };
                }
                _ => return false,
            };
            let full = if base.starts_with('=') {
                pattern
            } else {
                format!("%{pattern}%")
            };
            let hit = match (text, like_regex(&full, base.ends_with("ilike"))) {
                (Some(t), Some(re)) => re.is_match(&t),
                _ => false,
            };
            if negative { !hit } else { hit }
        }
        _ => false,
    }
}

/// Whether the domain names the `active` field anywhere (then no implicit active filter applies).
pub fn mentions_active(domain: &Domain) -> bool {
    mentions(domain, "active")
}

/// Whether a leaf of the domain starts with that field.
pub fn mentions(domain: &Domain, field: &str) -> bool {
    match domain {
        Domain::Leaf { path, .. } => path.first().is_some_and(|p| p == field),
        Domain::And(parts) | Domain::Or(parts) => parts.iter().any(|d| mentions(d, field)),
        Domain::Not(inner) => mentions(inner, field),
        Domain::True | Domain::False => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn like_patterns_treat_percent_and_underscore_as_wildcards_and_escape_the_rest() {
        let re = like_regex("%@example.com", true).expect("valid");
        assert!(re.is_match("Shared@EXAMPLE.com"));
        assert!(!re.is_match("x@exampleXcom"), "a dot is literal");
        let one = like_regex("a_c", false).expect("valid");
        assert!(one.is_match("abc") && !one.is_match("ac") && !one.is_match("ABC"));
    }

    #[test]
    fn datetimes_compare_as_instants_and_dates_as_midnight() {
        let stored = Value::from("2026-06-01 08:00:00.000000");
        assert_eq!(
            cmp_values(&stored, &Value::from("2026-06-01 08:00:00")),
            Some(std::cmp::Ordering::Equal)
        );
        assert!(scalar_eq(&stored, &Value::from("2026-06-01 08:00:00")));
        assert_eq!(
            cmp_values(&stored, &Value::from("2026-06-01")),
            Some(std::cmp::Ordering::Greater)
        );
        assert!(
            !scalar_eq(
                &Value::from("2026-06-01"),
                &Value::from("2026-06-01 00:00:00")
            ),
            "a date field never equals a datetime text"
        );
    }
}
