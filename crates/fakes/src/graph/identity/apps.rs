//! The directory of the fake identity platform: tenants, their users and the registered apps
//! with their platforms and redirect URIs.
//!
//! Redirect matching follows Microsoft's reply-URL rules (GRAPH_FACTS §1.2): exact and
//! case-sensitive, except that for `http://localhost` and `http://127.0.0.1` the port is ignored
//! (RFC 8252 loopback exception) while the path still matters; a URI without a path equals the
//! same URI with `/`. The platform of the matched redirect decides whether the token request is
//! public (no secret allowed: AADSTS700025) or confidential (secret required: AADSTS7000218).

use serde::{Deserialize, Serialize};

/// A tenant: its id (GUID) and its verified domain.
#[derive(Debug, Clone, Serialize)]
pub struct Tenant {
    /// Directory (tenant) id, a GUID.
    pub id: String,
    /// Primary domain, e.g. `demo-firma.onmicrosoft.com`.
    pub domain: String,
}

/// A person in a tenant's directory, who signs in with their user principal name.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DirectoryUser {
    /// Object id (GUID), also the Graph `user.id`.
    pub id: String,
    /// User principal name, e.g. `anna.vertrieb@demo-firma.de`.
    pub upn: String,
    /// Display name.
    pub display_name: String,
    /// Given name.
    pub given_name: Option<String>,
    /// Surname.
    pub surname: Option<String>,
    /// Job title.
    pub job_title: Option<String>,
    /// Mobile phone.
    pub mobile_phone: Option<String>,
    /// Office location.
    pub office_location: Option<String>,
    /// Preferred language, e.g. `de-DE`.
    pub preferred_language: Option<String>,
    /// Tenant id the user belongs to.
    pub tenant_id: String,
}

/// The platform a redirect URI is registered under.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Platform {
    /// "Mobile and desktop applications": public client, no secret allowed.
    PublicClient,
    /// "Web": confidential client, needs the secret at the token endpoint.
    Web,
}

/// A registered redirect URI.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RedirectUri {
    /// The URI as registered.
    pub uri: String,
    /// The platform it is registered under.
    pub platform: Platform,
}

/// An app registration.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RegisteredApp {
    /// Application (client) id, a GUID.
    pub client_id: String,
    /// Display name shown on consent pages.
    pub display_name: String,
    /// Registered redirect URIs with their platforms.
    pub redirect_uris: Vec<RedirectUri>,
    /// Client secrets (values) valid for this app.
    #[serde(default)]
    pub secrets: Vec<String>,
    /// "Allow public client flows" (needed for the device code flow).
    #[serde(default)]
    pub allow_public_client_flows: bool,
}

impl RegisteredApp {
    /// The registered redirect that `requested` matches, following Microsoft's rules.
    pub fn match_redirect(&self, requested: &str) -> Option<&RedirectUri> {
        self.redirect_uris
            .iter()
            .find(|r| redirect_matches(&r.uri, requested))
    }
}

fn redirect_matches(registered: &str, requested: &str) -> bool {
    if registered == requested {
        return true;
    }
    let (Ok(reg), Ok(req)) = (url::Url::parse(registered), url::Url::parse(requested)) else {
        return false;
    };
    let loopback = |u: &url::Url| {
        u.scheme() == "http" && matches!(u.host_str(), Some("localhost") | Some("127.0.0.1"))
    };
    // NOTE: only the loopback exception ignores the port; everything else is exact, and the
    // parser only normalises an empty path to "/" (Microsoft answers such URIs with a slash).
    if loopback(&reg) && loopback(&req) {
        reg.host_str() == req.host_str() && reg.path() == req.path() && reg.query() == req.query()
    } else {
        reg.as_str() == req.as_str() && registered.len() + 1 >= requested.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_redirects_ignore_the_port_but_not_the_path() {
        assert!(redirect_matches(
            "http://localhost",
            "http://localhost:53123/"
        ));
        assert!(redirect_matches(
            "http://localhost/cb",
            "http://localhost:1/cb"
        ));
        assert!(!redirect_matches(
            "http://localhost/cb",
            "http://localhost:1/other"
        ));
        assert!(!redirect_matches(
            "https://app.example/cb",
            "https://app.example:444/cb"
        ));
        assert!(!redirect_matches(
            "http://localhost",
            "http://127.0.0.1:5000/"
        ));
    }
}
