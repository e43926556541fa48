//! OData query options and `Prefer` headers as Graph reads them, and the paging links it writes.
//!
//! Graph accepts system query options with or without `$`; `$top` for messages is 1–1000
//! (default page size 10); `@odata.nextLink` is absolute, with `$` written as `%24`, and clients
//! must follow it verbatim (GRAPH_FACTS §5.4).

use std::collections::HashMap;

use axum::http::HeaderMap;

use super::errors::GraphError;

/// The OData options of one request.
#[derive(Debug, Clone, Default)]
pub struct OData {
    /// `$select`, split on commas.
    pub select: Option<Vec<String>>,
    /// `$top`.
    pub top: Option<usize>,
    /// `$skip`.
    pub skip: usize,
    /// `$expand`, split on commas.
    pub expand: Vec<String>,
    /// `$orderby`.
    pub orderby: Option<String>,
    /// `$filter`.
    pub filter: Option<String>,
    /// Every other parameter.
    pub other: HashMap<String, String>,
}

impl OData {
    /// Parses the query map; `max_top` bounds `$top`.
    pub fn parse(query: &HashMap<String, String>, max_top: usize) -> Result<Self, GraphError> {
        let mut out = OData::default();
        for (key, value) in query {
            let name = key.strip_prefix('$').unwrap_or(key).to_ascii_lowercase();
            let list = || {
                split_top_level(value)
                    .into_iter()
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
            };
            match name.as_str() {
                "select" => out.select = Some(list()),
                "expand" => out.expand = list(),
                "orderby" => out.orderby = Some(value.trim().to_string()),
                "filter" => out.filter = Some(value.clone()),
                "top" => {
                    let top: usize = value.trim().parse().map_err(|_| {
                        GraphError::bad_request(format!(
                            "Invalid value '{value}' for query option $top."
                        ))
                    })?;
                    if top == 0 || top > max_top {
                        return Err(GraphError::new(
                            axum::http::StatusCode::BAD_REQUEST,
                            "ErrorInvalidParameter",
                            format!("The value of $top must be between 1 and {max_top}."),
                        ));
                    }
                    out.top = Some(top);
                }
                "skip" => {
                    out.skip = value.trim().parse().map_err(|_| {
                        GraphError::bad_request(format!(
                            "Invalid value '{value}' for query option $skip."
                        ))
                    })?;
                }
                _ => {
                    out.other.insert(key.clone(), value.clone());
                }
            }
        }
        Ok(out)
    }

    /// Whether `$expand` names `what`.
    pub fn expands(&self, what: &str) -> bool {
        self.expand.iter().any(|e| e.eq_ignore_ascii_case(what))
    }
}

/// `value` split on the commas outside parentheses and quotes: `$expand` items carry their own
/// options (`singleValueExtendedProperties($filter=id eq '…')`).
fn split_top_level(value: &str) -> Vec<&str> {
    let (mut depth, mut quoted, mut start) = (0usize, false, 0usize);
    let mut parts = Vec::new();
    for (i, c) in value.char_indices() {
        match c {
            '\'' => quoted = !quoted,
            '(' if !quoted => depth += 1,
            ')' if !quoted => depth = depth.saturating_sub(1),
            ',' if !quoted && depth == 0 => {
                parts.push(&value[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&value[start..]);
    parts
}

/// `$filter=receivedDateTime ge|gt <datetime>`, the filter Outlook supports on message delta
/// and the only one this fake understands on message lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReceivedFilter {
    /// The bound.
    pub after: chrono::DateTime<chrono::Utc>,
    /// `ge` (true) or `gt` (false).
    pub inclusive: bool,
}

impl ReceivedFilter {
    /// Parses the filter text; anything else is Graph's 400.
    pub fn parse(filter: &str) -> Result<Self, GraphError> {
        let unsupported = || {
            GraphError::new(
                axum::http::StatusCode::BAD_REQUEST,
                "ErrorInvalidParameter",
                format!(
                    "The fake Graph supports only '$filter=receivedDateTime ge|gt <datetime>', not '{filter}'."
                ),
            )
        };
        let parts: Vec<&str> = filter.split_whitespace().collect();
        let [property, op, value] = parts.as_slice() else {
            return Err(unsupported());
        };
        if !property.eq_ignore_ascii_case("receivedDateTime") {
            return Err(unsupported());
        }
        let inclusive = match op.to_ascii_lowercase().as_str() {
            "ge" => true,
            "gt" => false,
            _ => return Err(unsupported()),
        };
        let value = value.trim_matches('\'');
        let after = chrono::DateTime::parse_from_rfc3339(value)
            .map_err(|_| unsupported())?
            .with_timezone(&chrono::Utc);
        Ok(Self { after, inclusive })
    }

    /// Whether a message received at `t` passes.
    pub fn matches(&self, t: chrono::DateTime<chrono::Utc>) -> bool {
        if self.inclusive {
            t >= self.after
        } else {
            t > self.after
        }
    }
}

/// What the client asked for in `Prefer` headers.
#[derive(Debug, Clone, Default)]
pub struct Preferences {
    /// `IdType="ImmutableId"`.
    pub immutable_ids: bool,
    /// `odata.maxpagesize=N`.
    pub max_page_size: Option<usize>,
    /// `outlook.body-content-type="text"`.
    pub text_body: bool,
    /// `outlook.timezone="X"`: the zone name as given (checked where events are answered).
    pub time_zone: Option<String>,
}

impl Preferences {
    /// Reads every `Prefer` header (comma-joined or repeated).
    pub fn from_headers(headers: &HeaderMap) -> Self {
        let mut out = Preferences::default();
        for value in headers
            .get_all("prefer")
            .iter()
            .filter_map(|v| v.to_str().ok())
        {
            for pref in value.split(',').map(str::trim) {
                let lower = pref.to_ascii_lowercase();
                if lower.replace(' ', "") == "idtype=\"immutableid\"" {
                    out.immutable_ids = true;
                } else if lower.replace(' ', "") == "outlook.body-content-type=\"text\"" {
                    out.text_body = true;
                } else if lower.starts_with("outlook.timezone=") {
                    // NOTE: the name keeps its case; Windows names have spaces and dots.
                    let value = pref["outlook.timezone=".len()..].trim();
                    out.time_zone = Some(value.trim_matches('"').to_string());
                } else if let Some(n) = lower.strip_prefix("odata.maxpagesize=") {
                    out.max_page_size = n.trim().parse().ok().filter(|n| *n > 0);
                }
            }
        }
        out
    }
}

/// An absolute link `base` + `path` with query pairs, `$` written as `%24` like Graph does.
pub fn link(base: &str, path: &str, pairs: &[(&str, String)]) -> String {
    let query: Vec<String> = pairs
        .iter()
        .map(|(k, v)| {
            let key = k.replace('$', "%24");
            let value: String = url::form_urlencoded::byte_serialize(v.as_bytes()).collect();
            format!("{key}={value}")
        })
        .collect();
    if query.is_empty() {
        format!("{base}{path}")
    } else {
        format!("{base}{path}?{}", query.join("&"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expand_items_keep_the_commas_of_their_options() {
        let query = HashMap::from([(
            "$expand".to_string(),
            "attachments,singleValueExtendedProperties($filter=id eq 'a,b' or id eq 'c')"
                .to_string(),
        )]);
        let odata = OData::parse(&query, 10).expect("parses");
        assert_eq!(odata.expand.len(), 2);
        assert!(odata.expand[1].ends_with("'c')"));
    }
}
