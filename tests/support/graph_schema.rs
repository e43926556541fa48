//! A validator for Graph bodies against Microsoft's schemas in
//! `shared/reference/graph/schemas.json`, following the rules of `SCHEMAS.md` beside it:
//! keys containing `@` are skipped; a key the schema does not list is an error; missing keys are
//! fine (`required` only counts for `ODataErrors.*`); `null` is allowed for `nullable` and for
//! single-valued `$ref` properties, never for arrays; `int32/int64` must be JSON integers;
//! `date-time` is ISO-8601 with `Z` or an offset; `date` is `YYYY-MM-DD`; `base64url` must decode;
//! enums are case-sensitive; attachments dispatch on `@odata.type`; free-form and
//! not-included targets accept any object.

use std::path::PathBuf;

use base64::Engine;
use serde_json::{Map, Value};

/// Microsoft's schemas, loaded from the shared reference.
#[derive(Debug)]
pub struct GraphSchemas {
    schemas: Map<String, Value>,
}

/// Where `shared/` lives: beside the workspace (CI has it there).
pub fn shared_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared")
}

fn is_datetime(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() < 20 || !is_date(&s[..10]) || b[10] != b'T' {
        return false;
    }
    let time = &b[11..19];
    let time_ok = time.iter().enumerate().all(|(i, c)| {
        if i == 2 || i == 5 {
            *c == b':'
        } else {
            c.is_ascii_digit()
        }
    });
    if !time_ok {
        return false;
    }
    let mut rest = &s[19..];
    if let Some(frac) = rest.strip_prefix('.') {
        let digits = frac.chars().take_while(char::is_ascii_digit).count();
        if digits == 0 || digits > 12 {
            return false;
        }
        rest = &frac[digits..];
    }
    rest == "Z"
        || (rest.len() == 6
            && matches!(rest.as_bytes()[0], b'+' | b'-')
            && rest.as_bytes()[3] == b':'
            && rest
                .bytes()
                .enumerate()
                .all(|(i, c)| i == 0 || i == 3 || c.is_ascii_digit()))
}

fn is_date(s: &str) -> bool {
    s.len() == 10
        && s.bytes().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                c == b'-'
            } else {
                c.is_ascii_digit()
            }
        })
}

fn is_base64(s: &str) -> bool {
    use base64::engine::general_purpose::{STANDARD, URL_SAFE, URL_SAFE_NO_PAD};
    STANDARD.decode(s).is_ok() || URL_SAFE.decode(s).is_ok() || URL_SAFE_NO_PAD.decode(s).is_ok()
}

impl GraphSchemas {
    /// Loads `shared/reference/graph/schemas.json`.
    pub fn load() -> Self {
        let path = shared_dir().join("reference/graph/schemas.json");
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
        let root: Value = serde_json::from_str(&text).expect("schemas.json is JSON");
        let schemas = root["schemas"].as_object().expect("schemas object").clone();
        Self { schemas }
    }

    /// Every violation of `value` against schema `type_name` (empty when valid).
    pub fn validate(&self, type_name: &str, value: &Value) -> Vec<String> {
        let mut errors = Vec::new();
        self.check_object(type_name, value, "$", &mut errors);
        errors
    }

    /// Validates each item of a collection's `value` array.
    pub fn validate_collection(&self, type_name: &str, body: &Value) -> Vec<String> {
        let mut errors = Vec::new();
        match body.get("value").and_then(Value::as_array) {
            Some(items) => {
                for (i, item) in items.iter().enumerate() {
                    self.check_object(type_name, item, &format!("$.value[{i}]"), &mut errors);
                }
            }
            None => errors.push("$: collection without a value array".into()),
        }
        errors
    }

    fn check_object(&self, type_name: &str, value: &Value, path: &str, errors: &mut Vec<String>) {
        // Polymorphic attachments: the concrete type comes from @odata.type.
        let type_name = match (type_name, value.get("@odata.type").and_then(Value::as_str)) {
            ("microsoft.graph.attachment", Some(t)) => t.trim_start_matches('#').to_string(),
            (t, _) => t.to_string(),
        };
        let Some(schema) = self.schemas.get(&type_name) else {
            errors.push(format!("{path}: no schema {type_name}"));
            return;
        };
        let Some(object) = value.as_object() else {
            errors.push(format!(
                "{path}: expected an object of {type_name}, got {value}"
            ));
            return;
        };
        if schema.get("free_form").and_then(Value::as_bool) == Some(true) {
            return;
        }
        let properties = schema["properties"]
            .as_object()
            .cloned()
            .unwrap_or_default();
        if type_name.starts_with("microsoft.graph.ODataErrors.") {
            for required in schema["required"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
            {
                if !object.contains_key(required) {
                    errors.push(format!("{path}: required property {required} missing"));
                }
            }
        }
        for (key, v) in object {
            if key.contains('@') {
                continue;
            }
            let Some(property) = properties.get(key) else {
                errors.push(format!("{path}.{key}: not a property of {type_name}"));
                continue;
            };
            self.check_value(property, v, &format!("{path}.{key}"), errors);
        }
    }

    fn check_value(&self, property: &Value, v: &Value, path: &str, errors: &mut Vec<String>) {
        let is_array = property.get("type").and_then(Value::as_str) == Some("array");
        if v.is_null() {
            let nullable = property.get("nullable").and_then(Value::as_bool) == Some(true);
            if is_array || !(nullable || property.get("$ref").is_some()) {
                errors.push(format!("{path}: null not allowed"));
            }
            return;
        }
        if is_array {
            match v.as_array() {
                Some(items) => {
                    for (i, item) in items.iter().enumerate() {
                        self.check_value(&property["items"], item, &format!("{path}[{i}]"), errors);
                    }
                }
                None => errors.push(format!("{path}: expected an array")),
            }
            return;
        }
        if let Some(enum_values) = property.get("enum").and_then(Value::as_array) {
            if !enum_values.contains(v) {
                errors.push(format!(
                    "{path}: {v} is not one of {}",
                    Value::Array(enum_values.clone())
                ));
            }
            return;
        }
        if let Some(target) = property.get("$ref").and_then(Value::as_str) {
            if property.get("ref_not_included").and_then(Value::as_bool) == Some(true) {
                if !v.is_object() {
                    errors.push(format!("{path}: expected an object"));
                }
                return;
            }
            match self.schemas.get(target) {
                Some(s) if s.get("kind").and_then(Value::as_str) == Some("enum") => {
                    let allowed = s["enum"].as_array().cloned().unwrap_or_default();
                    if !allowed.contains(v) {
                        errors.push(format!("{path}: {v} is not a {target}"));
                    }
                }
                _ => self.check_object(target, v, path, errors),
            }
            return;
        }
        let format = property.get("format").and_then(Value::as_str);
        let ok = match (property.get("type").and_then(Value::as_str), format) {
            (_, Some("int32" | "int64")) => v.is_i64() || v.is_u64(),
            (_, Some("double")) => v.is_number(),
            (_, Some("date-time")) => v.as_str().is_some_and(is_datetime),
            (_, Some("date")) => v.as_str().is_some_and(is_date),
            (_, Some("base64url")) => v.as_str().is_some_and(is_base64),
            (Some("string"), _) => v.is_string(),
            (Some("boolean"), _) => v.is_boolean(),
            (Some("integer"), _) => v.is_i64() || v.is_u64(),
            (Some("number"), _) => v.is_number(),
            _ => true,
        };
        if !ok {
            errors.push(format!("{path}: {v} does not match {property}"));
        }
    }
}
