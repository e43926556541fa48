//! Odoo's server errors as the JSON-RPC layer reports them.
//!
//! Every error is HTTP 200 with `error = {code: 200, message: "Odoo Server Error", data: {name,
//! debug, message, arguments: [message], context: {}}}` (FACTS 3). `name` is the Python class path
//! of the exception; the messages below are copied from the recorded transcripts.

use serde_json::{Value, json};

/// A Python exception raised by the fake Odoo, as it crosses the RPC boundary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RpcError {
    /// Python class path, e.g. `odoo.exceptions.AccessError`.
    pub name: String,
    /// The exception's message (`str(exc)`).
    pub message: String,
}

/// Result of an RPC method: a JSON value, or `None` for a Python method returning None.
pub type RpcResult = Result<Option<Value>, RpcError>;

impl RpcError {
    /// An exception of the given class with the given message.
    pub fn new(name: &str, message: impl Into<String>) -> Self {
        Self {
            name: name.to_string(),
            message: message.into(),
        }
    }

    /// `builtins.ValueError`.
    pub fn value(message: impl Into<String>) -> Self {
        Self::new("builtins.ValueError", message)
    }

    /// `odoo.exceptions.AccessDenied` with Odoo's fixed text.
    pub fn access_denied() -> Self {
        Self::new("odoo.exceptions.AccessDenied", "Access Denied")
    }

    /// `odoo.exceptions.AccessError`.
    pub fn access(message: impl Into<String>) -> Self {
        Self::new("odoo.exceptions.AccessError", message)
    }

    /// `odoo.exceptions.ValidationError`.
    pub fn validation(message: impl Into<String>) -> Self {
        Self::new("odoo.exceptions.ValidationError", message)
    }

    /// `odoo.exceptions.UserError`.
    pub fn user(message: impl Into<String>) -> Self {
        Self::new("odoo.exceptions.UserError", message)
    }

    /// `builtins.KeyError`: Python prints the key without quotes in `message`.
    pub fn key(key: &str) -> Self {
        Self::new("builtins.KeyError", key)
    }

    /// `builtins.TypeError`.
    pub fn type_error(message: impl Into<String>) -> Self {
        Self::new("builtins.TypeError", message)
    }

    /// `odoo.exceptions.MissingError` for a record that is gone.
    pub fn missing(model: &str, ids: &[i64], uid: i64) -> Self {
        Self::new(
            "odoo.exceptions.MissingError",
            format!(
                "Record does not exist or has been deleted.\n(Record: {}, User: {uid})",
                recordset_repr(model, ids)
            ),
        )
    }

    /// PostgreSQL refusing a database that does not exist (FACTS 6).
    pub fn no_database(db: &str) -> Self {
        Self::new(
            "psycopg2.OperationalError",
            format!(
                "connection to server on socket \"/var/run/postgresql/.s.PGSQL.5432\" failed: FATAL:  database \"{db}\" does not exist\n"
            ),
        )
    }

    /// The `error` member of the JSON-RPC response.
    pub fn to_json(&self) -> Value {
        let short = self.name.rsplit('.').next().unwrap_or(&self.name);
        json!({
            "code": 200,
            "message": "Odoo Server Error",
            "data": {
                "name": self.name,
                "debug": format!("Traceback (most recent call last):\n  (fake odoo)\n{short}: {}", self.message),
                "message": self.message,
                "arguments": [self.message],
                "context": {},
            }
        })
    }
}

/// Python's `repr()` of a recordset, e.g. `res.partner(41, 42)` or `res.partner(999999,)`.
pub fn recordset_repr(model: &str, ids: &[i64]) -> String {
    let inner: Vec<String> = ids.iter().map(i64::to_string).collect();
    if ids.len() == 1 {
        format!("{model}({},)", inner[0])
    } else {
        format!("{model}({})", inner.join(", "))
    }
}

/// Python's `repr()` of a JSON value as Odoo would have received it (for error texts).
pub fn py_repr(value: &Value) -> String {
    match value {
        Value::Null => "None".into(),
        Value::Bool(true) => "True".into(),
        Value::Bool(false) => "False".into(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => {
            if s.contains('\'') && !s.contains('"') {
                format!("\"{s}\"")
            } else {
                format!("'{}'", s.replace('\\', "\\\\").replace('\'', "\\'"))
            }
        }
        Value::Array(items) => {
            format!(
                "[{}]",
                items.iter().map(py_repr).collect::<Vec<_>>().join(", ")
            )
        }
        Value::Object(map) => format!(
            "{{{}}}",
            map.iter()
                .map(|(k, v)| format!("'{k}': {}", py_repr(v)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// Python's `repr()` of a domain leaf tuple, e.g. `('name', '~~', 'x')`.
pub fn leaf_repr(leaf: &[Value]) -> String {
    format!(
        "({})",
        leaf.iter().map(py_repr).collect::<Vec<_>>().join(", ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reprs_match_python() {
        assert_eq!(
            leaf_repr(&[json!("name"), json!("~~"), json!("x")]),
            "('name', '~~', 'x')"
        );
        assert_eq!(
            leaf_repr(&[json!("active"), json!("="), json!(false)]),
            "('active', '=', False)"
        );
        assert_eq!(py_repr(&json!([1, "a", null])), "[1, 'a', None]");
        assert_eq!(py_repr(&json!("it's")), "\"it's\"");
        assert_eq!(
            recordset_repr("res.partner", &[999999]),
            "res.partner(999999,)"
        );
        assert_eq!(
            recordset_repr("res.partner", &[41, 42]),
            "res.partner(41, 42)"
        );
    }

    #[test]
    fn errors_have_odoos_envelope() {
        let e = RpcError::access_denied().to_json();
        assert_eq!(e["code"], 200);
        assert_eq!(e["message"], "Odoo Server Error");
        assert_eq!(e["data"]["name"], "odoo.exceptions.AccessDenied");
        assert_eq!(e["data"]["arguments"], json!(["Access Denied"]));
        assert_eq!(e["data"]["context"], json!({}));
    }
}
