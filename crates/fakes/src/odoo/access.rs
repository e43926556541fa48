//! Access rights of the fake's users: model ACLs by role, with Odoo 17's error texts.
//!
//! Three roles cover the transcripts' users: the administrator, a salesperson (`demo`, group
//! Sales/User: Own Documents Only) and a plain internal user (`demo2`, only base.group_user, who
//! may read contacts but not create or modify them, transcripts 44-49).

use serde::{Deserialize, Serialize};

use super::errors::RpcError;

/// What a user may do, as the groups of a real database would decide it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Administration/Settings and Access Rights: everything.
    Admin,
    /// Sales/User: may create and modify contacts and leads.
    Salesperson,
    /// Only base.group_user: reads contacts, writes calendar events.
    Internal,
}

/// A model operation an ACL guards.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Operation {
    /// read / search.
    Read,
    /// write.
    Write,
    /// create.
    Create,
    /// unlink.
    Unlink,
}

impl Operation {
    fn verb(self) -> &'static str {
        match self {
            Self::Read => "access",
            Self::Write => "modify",
            Self::Create => "create",
            Self::Unlink => "delete",
        }
    }
}

/// The `_description` Odoo uses in access errors.
pub fn model_description(model: &str) -> &str {
    match model {
        "res.partner" => "Contact",
        "res.users" => "User",
        "ir.config_parameter" => "System Parameter",
        "mail.mail" => "Outgoing Mails",
        "ir.model.data" => "Model Data",
        "ir.model.fields" => "Fields",
        "ir.model" => "Models",
        "ir.cron" => "Scheduled Actions",
        "ir.cron.trigger" => "Triggered actions",
        "calendar.alarm" => "Event Alarm",
        "microsoft.calendar.credentials" => "Microsoft Account Calendar",
        "calendar.event" => "Calendar Event",
        "calendar.attendee" => "Calendar Attendee Information",
        "crm.lead" => "Lead/Opportunity",
        "mail.message" => "Message",
        "mail.followers" => "Document Followers",
        "res.country" => "Country",
        "res.country.state" => "Country state",
        "res.partner.title" => "Partner Title",
        "res.partner.category" => "Partner Tags",
        "ir.attachment" => "Attachment",
        other => other,
    }
}

/// Groups that would grant `op` on `model`, and whether `role` has one of them.
fn rule(model: &str, op: Operation, role: Role) -> Option<&'static [&'static str]> {
    use Operation::*;
    const CONTACTS: &[&str] = &[
        "Extra Rights/Contact Creation",
        "Sales/User: Own Documents Only",
    ];
    const SETTINGS: &[&str] = &["Administration/Settings"];
    const ACCESS_RIGHTS: &[&str] = &["Administration/Access Rights"];
    const SALES: &[&str] = &["Sales/User: Own Documents Only"];
    // base's ACL gives contact tags to Contact Creation only
    const TAGS: &[&str] = &["Extra Rights/Contact Creation"];
    let (groups, allowed): (&'static [&'static str], bool) = match (model, op) {
        ("res.partner", Read) => return None,
        ("res.partner", _) => (CONTACTS, role != Role::Internal),
        ("res.users" | "ir.model.data" | "res.groups", Read) => return None,
        ("res.users" | "ir.model.data" | "res.groups", _) => (ACCESS_RIGHTS, role == Role::Admin),
        // NOTE: FACTS 35 (a salesperson may not read ir.model.fields); the groups named in the
        // message are not recorded: Odoo 17's base ACLs give these models to Settings
        ("ir.model" | "ir.model.fields" | "ir.cron" | "ir.cron.trigger", _) => {
            (SETTINGS, role == Role::Admin)
        }
        ("calendar.alarm", Read) => return None,
        ("calendar.alarm", _) => (SETTINGS, role == Role::Admin),
        ("ir.config_parameter" | "mail.mail", _) => (SETTINGS, role == Role::Admin),
        // mail's ACL: internal users read followers; rows change through the follower API
        ("mail.followers", Read) => return None,
        ("mail.followers", _) => (SETTINGS, role == Role::Admin),
        ("crm.lead" | "crm.stage", _) => (SALES, role != Role::Internal),
        ("res.partner.category", Read) => return None,
        ("res.partner.category", _) => (TAGS, role != Role::Internal),
        ("res.country" | "res.country.state" | "res.partner.title" | "res.company", Read) => {
            return None;
        }
        ("res.country" | "res.country.state" | "res.partner.title" | "res.company", _) => {
            (SETTINGS, role == Role::Admin)
        }
        _ => return None,
    };
    if allowed { None } else { Some(groups) }
}

/// Checks the model ACL; the error text lists the groups that would allow it (FACTS 10).
pub fn check(model: &str, op: Operation, role: Role) -> Result<(), RpcError> {
    match rule(model, op, role) {
        None => Ok(()),
        Some(groups) => {
            let list: String = groups.iter().map(|g| format!("\t- {g}\n")).collect();
            Err(RpcError::access(format!(
                "You are not allowed to {} '{}' ({model}) records.\n\nThis operation is allowed for the following groups:\n{list}\nContact your administrator to request access if necessary.",
                op.verb(),
                model_description(model),
            )))
        }
    }
}
