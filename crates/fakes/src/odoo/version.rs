//! The Odoo major versions the fake can pretend to be, and what differs between them.
//!
//! Modelled differences (each checked against Odoo's source of that version):
//! - the JSON-2 API (`/json/2/<model>/<method>`, bearer API key) exists only from 19.0; before it
//!   the path is an HTML 404 (transcript 163);
//! - `common.version` reports the chosen version;
//! - `res.partner.mobile` is gone in 19.0 (dropped in saas-18.2 by odoo/odoo commit 6b820eb6;
//!   OCA/partner-contact#2193 adds it back as `partner_mobile` for 19.0), so reading it raises
//!   "Invalid field 'mobile' on model 'res.partner'" there;
//! - the field `res.partner.title` and the model `res.partner.title` are gone in 19.0 (removed in
//!   saas-18.1 by odoo/odoo#187357; OCA/partner-contact#2188 brings them back as a module).

use serde::{Deserialize, Serialize};

/// An Odoo major version.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum OdooVersion {
    /// Odoo 16.0.
    V16,
    /// Odoo 17.0 (the recorded reference).
    #[default]
    V17,
    /// Odoo 18.0.
    V18,
    /// Odoo 19.0.
    V19,
}

impl OdooVersion {
    /// Parses "16", "17.0", "saas~18" style input into a version.
    pub fn parse(text: &str) -> Option<Self> {
        let major = text.trim().trim_start_matches("saas~").split('.').next()?;
        match major {
            "16" => Some(Self::V16),
            "17" => Some(Self::V17),
            "18" => Some(Self::V18),
            "19" => Some(Self::V19),
            _ => None,
        }
    }

    /// The major number, e.g. 17.
    pub fn major(self) -> u32 {
        match self {
            Self::V16 => 16,
            Self::V17 => 17,
            Self::V18 => 18,
            Self::V19 => 19,
        }
    }

    /// Whether `/json/2/...` with bearer API keys exists.
    pub fn has_json2(self) -> bool {
        self >= Self::V19
    }

    /// Whether `res.partner` still has the `mobile` field.
    pub fn partner_has_mobile(self) -> bool {
        self < Self::V19
    }

    /// Whether contacts have a salutation (`res.partner.title` and its model).
    pub fn partner_has_title(self) -> bool {
        self < Self::V19
    }

    /// The answer of `common.version()`.
    pub fn version_info(self) -> serde_json::Value {
        let major = self.major();
        serde_json::json!({
            "server_version": format!("{major}.0"),
            "server_version_info": [major, 0, 0, "final", 0, ""],
            "server_serie": format!("{major}.0"),
            "protocol_version": 1,
        })
    }
}
