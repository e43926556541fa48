//! `office-connector test [odoo|microsoft] [--json]`: the connection test of both sides (or
//! one), as the setup wizard shows it. Exit 0 when every tested side is fine, 2 when the user
//! must act (not connected, wrong key, missing rights), 3 when a retry later will do (server
//! down), 1 otherwise.

use std::path::PathBuf;
use std::process::ExitCode;

use office_connector_core::api::{OdooCheck, Session};
use office_connector_core::i18n::{Language, Msg};
use office_connector_core::model::AccountKind;
use office_connector_core::odoo::messages::OdooMsg;
use serde_json::{Value, json};

use super::exit::{exit_number, open_session, runtime};
use super::output::{emit, emit_json};
use super::runs::local_time;

/// Arguments of `office-connector test`.
#[derive(Debug, clap::Args)]
pub struct TestArgs {
    /// Test only this side (default: both).
    #[arg(value_enum)]
    side: Option<Side>,
    /// Print machine-readable JSON.
    #[arg(long)]
    json: bool,
}

/// One side of the connection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Side {
    /// The Odoo account.
    Odoo,
    /// The Microsoft 365 mailbox.
    Microsoft,
}

/// What one side's test gives the command: JSON, text lines and the exit code it asks for.
struct SideReport {
    json: Value,
    text: String,
    exit: u8,
}

/// Runs `office-connector test`.
pub fn run(home: Option<PathBuf>, args: TestArgs) -> anyhow::Result<ExitCode> {
    let session = match open_session(home, args.json) {
        Ok(s) => s,
        Err(code) => return Ok(code),
    };
    let lang = session.language();
    let rt = runtime()?;
    let mut body = serde_json::Map::new();
    let mut text = String::new();
    let mut exits = Vec::new();
    if args.side != Some(Side::Odoo) {
        let side = microsoft_side(&session, &rt, lang);
        body.insert("microsoft".into(), side.json);
        text.push_str(&side.text);
        exits.push(side.exit);
    }
    if args.side != Some(Side::Microsoft) {
        let check = rt.block_on(session.test_odoo());
        let side = odoo_side(&check, lang);
        body.insert("odoo".into(), side.json);
        text.push_str(&side.text);
        exits.push(side.exit);
    }
    if args.json {
        emit_json(&format!(
            "{}\n",
            serde_json::to_string_pretty(&Value::Object(body))?
        ));
    } else {
        emit(&text);
    }
    Ok(ExitCode::from(combined_exit(&exits)))
}

/// The user acting beats waiting beats other failures beats success.
fn combined_exit(exits: &[u8]) -> u8 {
    [2, 3, 1]
        .into_iter()
        .find(|c| exits.contains(c))
        .unwrap_or(0)
}

fn odoo_side(check: &OdooCheck, lang: Language) -> SideReport {
    let name = Msg::AccountName(AccountKind::Odoo).render(lang);
    let mut text = String::new();
    let exit = if !check.connected {
        text.push_str(&format!("{name}: {}\n", Msg::NotConnected.render(lang)));
        2
    } else if let Some(error) = &check.error {
        text.push_str(&format!("{name}: {}\n", error.message));
        exit_number(error.code)
    } else {
        text.push_str(&format!(
            "{name}: {}\n",
            Msg::Odoo(OdooMsg::TestOk).render(lang)
        ));
        0
    };
    if check.connected {
        text.push_str(&odoo_facts(check, lang));
    }
    let mut json = serde_json::to_value(check).unwrap_or(Value::Null);
    if let Value::Object(map) = &mut json {
        map.insert("ok".into(), json!(exit == 0));
    }
    SideReport { json, text, exit }
}

/// Where and as whom, then what Odoo said now; what it could not say now is shown as what was
/// last known and when, never as if current.
fn odoo_facts(check: &OdooCheck, lang: Language) -> String {
    let odoo = |m: OdooMsg| Msg::Odoo(m).render(lang);
    let line = |label: OdooMsg, value: &Option<String>| {
        value
            .as_ref()
            .map(|v| format!("  {}: {v}\n", odoo(label)))
            .unwrap_or_default()
    };
    let mut text = line(OdooMsg::LabelServer, &check.url);
    text.push_str(&line(OdooMsg::LabelDatabase, &check.database));
    let who = match (&check.user, &check.login) {
        (Some(user), Some(login)) => Some(format!("{user} ({login})")),
        (None, login) => login.clone(),
        (user, None) => user.clone(),
    };
    text.push_str(&line(OdooMsg::LabelUser, &who));
    if let Some(last_known) = check.last_known(local_time) {
        text.push_str(&format!("  {}\n", odoo(last_known)));
        return text;
    }
    text.push_str(&line(OdooMsg::LabelVersion, &check.version));
    for (app, installed) in [
        ("Calendar", check.calendar_installed),
        ("CRM", check.crm_installed),
    ] {
        if let Some(installed) = installed {
            text.push_str(&format!(
                "  {}\n",
                odoo(OdooMsg::AppInstalled { app, installed })
            ));
        }
    }
    text
}

/// The Microsoft half: signed in (the token refreshes and `/me` names the stored UPN), and the
/// mailbox answers. A refused sign-in flags the account (jobs pause) and asks to sign in again.
fn microsoft_side(session: &Session, rt: &tokio::runtime::Runtime, lang: Language) -> SideReport {
    use office_connector_core::graph::texts::MicrosoftMsg;
    let name = Msg::AccountName(AccountKind::Microsoft).render(lang);
    let env = office_connector_core::api::MicrosoftRuntime::keyring(session);
    let check = rt.block_on(session.test_microsoft(&env));
    let mut text = String::new();
    let exit = if !check.connected {
        text.push_str(&format!("{name}: {}\n", Msg::NotConnected.render(lang)));
        2
    } else if let Some(error) = &check.error {
        text.push_str(&format!("{name}: {}\n", error.message));
        exit_number(error.code)
    } else {
        let upn = check.upn.clone().unwrap_or_default();
        text.push_str(&format!(
            "{name}: {}\n",
            Msg::Microsoft(MicrosoftMsg::SignedInAs { upn }).render(lang)
        ));
        text.push_str(&format!(
            "  {}\n",
            Msg::Microsoft(MicrosoftMsg::MailboxReachable).render(lang)
        ));
        0
    };
    let mut json = serde_json::to_value(&check).unwrap_or(Value::Null);
    if let Value::Object(map) = &mut json {
        map.insert("ok".into(), json!(exit == 0 && check.ok()));
    }
    SideReport { json, text, exit }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_user_acting_wins_over_waiting_and_other_failures() {
        assert_eq!(combined_exit(&[0, 0]), 0);
        assert_eq!(combined_exit(&[3, 0]), 3);
        assert_eq!(combined_exit(&[1, 3]), 3);
        assert_eq!(combined_exit(&[3, 2]), 2);
        assert_eq!(combined_exit(&[1, 0]), 1);
    }
}
