//! Faults that spoil the content of a JSON page the handler answered, as a hostile server, or
//! a broken one, would send it (issue 13): links to another server, paging that never ends, and
//! message items a client cannot read. Which fault does what is documented on
//! [`FaultKind`]; the gate applies them after the handler ran.

use axum::body::Body;
use axum::response::Response;
use serde_json::{Map, Value};

use super::throttle::FaultKind;

/// Stands in for the byte that is not UTF-8 while the page is still a JSON value.
const NOT_UTF8: &str = "~~fake-byte-not-utf8~~";

/// `response` with its JSON page spoiled by `faults`; `own_url` is the request's own URL.
/// Answers that are no JSON object (errors included) pass unchanged.
pub async fn page(response: Response, faults: &[FaultKind], own_url: &str) -> Response {
    let (mut parts, body) = response.into_parts();
    let bytes = axum::body::to_bytes(body, usize::MAX)
        .await
        .unwrap_or_default();
    let Ok(Value::Object(mut page)) = serde_json::from_slice::<Value>(&bytes) else {
        return Response::from_parts(parts, Body::from(bytes));
    };
    if !parts.status.is_success() {
        return Response::from_parts(parts, Body::from(bytes));
    }
    for fault in faults {
        match fault {
            FaultKind::ForeignLink { base_url } => foreign_links(&mut page, base_url),
            FaultKind::EndlessPaging => {
                page.remove("@odata.deltaLink");
                page.insert("@odata.nextLink".into(), Value::from(own_url));
            }
            FaultKind::MalformedItem {
                subject_contains,
                set,
                invalid_utf8,
            } => malformed_items(&mut page, subject_contains.as_deref(), set, *invalid_utf8),
            _ => {}
        }
    }
    let mut out = serde_json::to_vec(&Value::Object(page)).unwrap_or_default();
    out = replace_marker(out);
    parts.headers.insert(
        axum::http::header::CONTENT_LENGTH,
        axum::http::HeaderValue::from(out.len()),
    );
    Response::from_parts(parts, Body::from(out))
}

/// Moves the page's links to `base_url`, keeping their path and query.
fn foreign_links(page: &mut Map<String, Value>, base_url: &str) {
    for key in ["@odata.nextLink", "@odata.deltaLink"] {
        let Some(link) = page.get(key).and_then(Value::as_str) else {
            continue;
        };
        let Ok(url) = url::Url::parse(link) else {
            continue;
        };
        let moved = match url.query() {
            Some(q) => format!("{}{}?{q}", base_url.trim_end_matches('/'), url.path()),
            None => format!("{}{}", base_url.trim_end_matches('/'), url.path()),
        };
        page.insert(key.into(), Value::from(moved));
    }
}

/// Spoils the message items named by `subject_contains` (else the first message).
fn malformed_items(
    page: &mut Map<String, Value>,
    subject_contains: Option<&str>,
    set: &Map<String, Value>,
    invalid_utf8: bool,
) {
    let Some(Value::Array(items)) = page.get_mut("value") else {
        return;
    };
    let mut messages = items
        .iter_mut()
        .filter_map(Value::as_object_mut)
        .filter(|item| !item.contains_key("@removed"));
    let chosen: Vec<&mut Map<String, Value>> = match subject_contains {
        Some(part) => messages
            .filter(|item| {
                item.get("subject")
                    .and_then(Value::as_str)
                    .is_some_and(|s| s.contains(part))
            })
            .collect(),
        None => messages.next().into_iter().collect(),
    };
    for item in chosen {
        if invalid_utf8 {
            let subject = item
                .get("subject")
                .and_then(Value::as_str)
                .unwrap_or_default();
            let spoiled = format!("{NOT_UTF8}{subject}");
            item.insert("subject".into(), Value::from(spoiled));
        }
        for (key, value) in set {
            item.insert(key.clone(), value.clone());
        }
    }
}

/// The serialised page with each marker replaced by a byte that is not UTF-8.
fn replace_marker(bytes: Vec<u8>) -> Vec<u8> {
    let marker = NOT_UTF8.as_bytes();
    if !bytes.windows(marker.len()).any(|w| w == marker) {
        return bytes;
    }
    let mut out = Vec::with_capacity(bytes.len());
    let mut rest = bytes.as_slice();
    while let Some(at) = rest.windows(marker.len()).position(|w| w == marker) {
        out.extend_from_slice(&rest[..at]);
        out.push(0xFF);
        rest = &rest[at + marker.len()..];
    }
    out.extend_from_slice(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_marker_becomes_one_byte_that_is_not_utf8() {
        let out = replace_marker(format!("{{\"s\":\"{NOT_UTF8}Hallo\"}}").into_bytes());
        assert_eq!(out, b"{\"s\":\"\xFFHallo\"}".to_vec());
        assert!(std::str::from_utf8(&out).is_err());
    }

    #[test]
    fn only_the_named_messages_are_spoiled_and_removals_never() {
        let mut page = json!({"value": [
            {"id": "r", "@removed": {"reason": "deleted"}},
            {"id": "a", "subject": "Angebot"},
            {"id": "b", "subject": "Rechnung"},
        ]});
        let set = json!({"from": "x"});
        let map = page.as_object_mut().expect("object");
        malformed_items(map, Some("Rech"), set.as_object().expect("set"), false);
        assert_eq!(page["value"][2]["from"], "x");
        assert!(page["value"][1].get("from").is_none());
        let mut first =
            json!({"value": [{"id": "r", "@removed": {}}, {"id": "a", "subject": "A"}]});
        let map = first.as_object_mut().expect("object");
        malformed_items(map, None, &Map::new(), true);
        assert_eq!(first["value"][1]["subject"], format!("{NOT_UTF8}A"));
    }

    #[test]
    fn foreign_links_keep_path_and_query() {
        let mut page = json!({"@odata.nextLink": "http://127.0.0.1:1/v1.0/me/mailfolders('A')/messages/delta?$skiptoken=x"});
        foreign_links(
            page.as_object_mut().expect("object"),
            "http://127.0.0.2:4711/",
        );
        assert_eq!(
            page["@odata.nextLink"],
            "http://127.0.0.2:4711/v1.0/me/mailfolders('A')/messages/delta?$skiptoken=x"
        );
    }
}
