//! The Odoo address a person pastes, reduced to the server's base URL.
//!
//! People paste what their browser shows: `erp.example.com/odoo/contacts/7`,
//! `https://erp.example.com/web#id=3&model=res.partner`, `.../web/login?db=prod`, or the API
//! endpoint `.../jsonrpc`. Odoo serves its external API at the root of the host
//! (`/jsonrpc`), so everything after the authority is dropped; a `db` query parameter is kept
//! as a hint for the database. A bare host gets `https://`, except loopback (`localhost`,
//! `127.0.0.1`, `::1`), which gets `http://` because a local Odoo rarely has a certificate. An
//! explicit `http://` or `https://` is kept as given.

use std::fmt;

use serde::Serialize;
use url::Url;

/// Why a pasted address cannot be an Odoo server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[serde(rename_all = "snake_case")]
pub enum UrlProblem {
    /// Nothing was entered.
    #[error("empty")]
    Empty,
    /// A scheme other than http or https.
    #[error("unsupported scheme {0}")]
    Scheme(String),
    /// Not parseable as a web address (spaces, bad host, ...).
    #[error("not a web address: {0}")]
    Malformed(String),
}

/// The base URL of an Odoo server (scheme, host, port; no path), plus a database hint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OdooUrl {
    base: Url,
    db_hint: Option<String>,
}

impl OdooUrl {
    /// Normalises what a person pasted (see the module doc).
    pub fn parse(input: &str) -> Result<OdooUrl, UrlProblem> {
        let text = input.trim();
        if text.is_empty() {
            return Err(UrlProblem::Empty);
        }
        if text.chars().any(char::is_whitespace) {
            return Err(UrlProblem::Malformed(text.to_owned()));
        }
        let with_scheme = match text.split_once("://") {
            Some((scheme, _)) => {
                let scheme = scheme.to_ascii_lowercase();
                if scheme != "http" && scheme != "https" {
                    return Err(UrlProblem::Scheme(scheme));
                }
                text.to_owned()
            }
            None => {
                // NOTE: without a scheme, `mailto:x@y.z` would parse as user `mailto` on host
                // `y.z`; an address with credentials but no scheme is not something to guess.
                let authority = text.split(['/', '?', '#']).next().unwrap_or_default();
                if authority.contains('@') {
                    return Err(UrlProblem::Malformed(text.to_owned()));
                }
                let scheme = if is_loopback_authority(text) {
                    "http"
                } else {
                    "https"
                };
                format!("{scheme}://{text}")
            }
        };
        let parsed =
            Url::parse(&with_scheme).map_err(|e| UrlProblem::Malformed(format!("{text} ({e})")))?;
        let Some(host) = parsed.host_str().filter(|h| !h.is_empty()) else {
            return Err(UrlProblem::Malformed(text.to_owned()));
        };
        // NOTE: a host needs at least one letter or digit; "https://..." or "https://-" is not
        // an address anybody meant.
        if !host.chars().any(|c| c.is_ascii_alphanumeric()) {
            return Err(UrlProblem::Malformed(text.to_owned()));
        }
        let db_hint = db_from(&parsed);
        let mut base = parsed.clone();
        base.set_path("");
        base.set_query(None);
        base.set_fragment(None);
        // NOTE: credentials in a pasted URL would end up in the accounts table; drop them.
        let _ = base.set_username("");
        let _ = base.set_password(None);
        Ok(OdooUrl { base, db_hint })
    }

    /// The base URL without a trailing slash, e.g. `https://erp.example.com:8069`.
    pub fn as_str(&self) -> &str {
        self.base.as_str().trim_end_matches('/')
    }

    /// The JSON-RPC endpoint, `<base>/jsonrpc`.
    pub fn jsonrpc(&self) -> Url {
        let mut url = self.base.clone();
        url.set_path("/jsonrpc");
        url
    }

    /// A database named in the pasted address (`?db=prod`), if any.
    pub fn db_hint(&self) -> Option<&str> {
        self.db_hint.as_deref()
    }

    /// The link to a record in the Odoo web client (FACTS 39: built from the connect URL).
    pub fn record_link(&self, model: &str, id: i64) -> String {
        format!("{}/web#id={id}&model={model}&view_type=form", self.as_str())
    }
}

impl fmt::Display for OdooUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for OdooUrl {
    type Err = UrlProblem;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        OdooUrl::parse(s)
    }
}

fn is_loopback_authority(text: &str) -> bool {
    let authority = text
        .split(['/', '?', '#'])
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    let host = if let Some(rest) = authority.strip_prefix('[') {
        rest.split(']').next().unwrap_or_default().to_owned()
    } else {
        authority.split(':').next().unwrap_or_default().to_owned()
    };
    host == "localhost" || host == "::1" || host.starts_with("127.")
}

fn db_from(url: &Url) -> Option<String> {
    let from_query = url
        .query_pairs()
        .find(|(k, _)| k == "db")
        .map(|(_, v)| v.into_owned());
    // NOTE: the web client also puts parameters in the fragment (`/web#db=x&id=3`) on old versions.
    let from_fragment = || {
        url.fragment().and_then(|f| {
            url::form_urlencoded::parse(f.as_bytes())
                .find(|(k, _)| k == "db")
                .map(|(_, v)| v.into_owned())
        })
    };
    from_query
        .or_else(from_fragment)
        .map(|d| d.trim().to_owned())
        .filter(|d| !d.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bare_host_gets_https_and_loopback_gets_http() {
        let ok = |s: &str| OdooUrl::parse(s).expect(s).as_str().to_owned();
        assert_eq!(ok("erp.example.com"), "https://erp.example.com");
        assert_eq!(ok("localhost:8069"), "http://localhost:8069");
        assert_eq!(ok("127.0.0.1:8069/web"), "http://127.0.0.1:8069");
        assert_eq!(ok("[::1]:8069"), "http://[::1]:8069");
    }

    #[test]
    fn garbage_is_refused() {
        for bad in [
            "",
            "   ",
            "ftp://erp.example.com",
            "not a url",
            "https://",
            "https://...",
        ] {
            assert!(OdooUrl::parse(bad).is_err(), "{bad:?} should be refused");
        }
    }
}
