//! `office-connector decisions list [--json]` and `decisions choose ADDRESS PARTNER_ID…|none`:
//! the addresses mails wait on (several contacts match: choose; nobody matches: pick a contact
//! or `none` to ignore the address; `decisions create ADDRESS [--name N]` makes a new Odoo
//! contact for it). A choice is remembered for the address; the next run
//! files the waiting mails. Mails Odoo refuses as they are wait here too: `decisions refused
//! [--json]` lists them, `decisions retry KEY` has the next run try again, `decisions skip KEY`
//! leaves it in the transfer folder unfiled.

use std::path::PathBuf;
use std::process::ExitCode;

use office_connector_core::error::UserFacing;
use office_connector_core::i18n::Msg;
use office_connector_core::mail::address::Address;
use office_connector_core::mail::plan::AddressChoice;
use office_connector_core::mail::texts::MailMsg;
use office_connector_core::model::OdooId;

use super::exit::{open_session, open_session_for_reading, report};
use super::output::{emit, print_json, say};

/// Arguments of `office-connector decisions`.
#[derive(Debug, clap::Args)]
pub struct DecisionsArgs {
    #[command(subcommand)]
    command: DecisionsCommand,
}

#[derive(Debug, clap::Subcommand)]
enum DecisionsCommand {
    /// List the addresses mails wait on, with the candidate contacts.
    List {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Choose the contacts (Odoo partner ids) for an address, or `none` to ignore it.
    Choose {
        /// The mail address.
        address: String,
        /// One or more partner ids, or `none`.
        #[arg(required = true, num_args = 1..)]
        partners: Vec<String>,
    },
    /// List the mails Odoo refuses as they are (retry or skip each).
    Refused {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Have the next run try a mail Odoo refused again (its key, as listed).
    Retry {
        /// The mail's key (Message-ID) as `decisions refused` shows it.
        key: String,
    },
    /// Skip a mail Odoo refused: it stays in the transfer folder and is not filed.
    Skip {
        /// The mail's key (Message-ID) as `decisions refused` shows it.
        key: String,
    },
    /// Create an Odoo contact for an unassigned address and file its mails there.
    Create {
        /// The mail address.
        address: String,
        /// The contact's name (default: the part before the `@`).
        #[arg(long)]
        name: Option<String>,
        /// The company it works for: an existing company of that name, else a new one.
        #[arg(long)]
        company: Option<String>,
    },
}

/// Runs `office-connector decisions`.
pub fn run(home: Option<PathBuf>, args: DecisionsArgs) -> anyhow::Result<ExitCode> {
    let json = matches!(
        args.command,
        DecisionsCommand::List { json: true } | DecisionsCommand::Refused { json: true }
    );
    // NOTE: the lists work in a home this user may not write
    let open = match args.command {
        DecisionsCommand::List { .. } | DecisionsCommand::Refused { .. } => {
            open_session_for_reading
        }
        _ => open_session,
    };
    let session = match open(home, json) {
        Ok(s) => s,
        Err(code) => return Ok(code),
    };
    let lang = session.language();
    match args.command {
        DecisionsCommand::List { json } => list(&session, json),
        DecisionsCommand::Refused { json } => match session.refused_mails() {
            Ok(list) if json => print_json(&list),
            Ok(list) => {
                emit(&refused_text(&list, lang));
                Ok(ExitCode::SUCCESS)
            }
            Err(e) => Ok(report(&e.to_ui(lang), json)),
        },
        DecisionsCommand::Retry { key } => settle_refused(&session, &key, true),
        DecisionsCommand::Skip { key } => settle_refused(&session, &key, false),
        DecisionsCommand::Create {
            address,
            name,
            company,
        } => create(&session, &address, name.as_deref(), company.as_deref()),
        DecisionsCommand::Choose { address, partners } => {
            let Some(parsed) = Address::parse(&address) else {
                say(&Msg::Mail(MailMsg::NotAnAddress { input: address }).render(lang));
                return Ok(ExitCode::from(1));
            };
            let choice = match choice_of(&partners) {
                Ok(choice) => choice,
                Err(input) => {
                    say(&Msg::Mail(MailMsg::NotAContactId { input }).render(lang));
                    return Ok(ExitCode::from(1));
                }
            };
            match session.choose_mail_contacts(&parsed, &choice) {
                Ok(()) => {
                    let address = parsed.to_string();
                    emit(&format!(
                        "{}\n",
                        Msg::Mail(MailMsg::Remembered { address }).render(lang)
                    ));
                    Ok(ExitCode::SUCCESS)
                }
                Err(e) => Ok(report(&e.to_ui(lang), false)),
            }
        }
    }
}

/// Creates an Odoo contact for an unassigned address; prints its id and what happens next.
fn create(
    session: &office_connector_core::api::Session,
    address: &str,
    name: Option<&str>,
    company: Option<&str>,
) -> anyhow::Result<ExitCode> {
    let lang = session.language();
    let Some(parsed) = Address::parse(address) else {
        let input = address.to_owned();
        say(&Msg::Mail(MailMsg::NotAnAddress { input }).render(lang));
        return Ok(ExitCode::from(1));
    };
    let rt = super::exit::runtime()?;
    let secrets = session.secrets();
    match rt.block_on(session.create_mail_contact(&secrets, &parsed, name, company)) {
        Ok(id) => {
            let address = parsed.to_string();
            emit(&format!(
                "{}\n{}\n",
                id.0,
                Msg::Mail(MailMsg::Remembered { address }).render(lang)
            ));
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => Ok(report(&e.to_ui(lang), false)),
    }
}

/// The Decisions and Unassigned lists, then the mails Odoo refuses.
fn list(session: &office_connector_core::api::Session, json: bool) -> anyhow::Result<ExitCode> {
    let lang = session.language();
    let listed = session
        .mail_decisions()
        .and_then(|d| Ok((d, session.refused_mails()?)));
    match listed {
        Ok((decisions, _)) if json => print_json(&decisions),
        Ok((decisions, refused)) => {
            let mut text = decision_list_text(&decisions, lang, refused.is_empty());
            text.push_str(&refused_text(&refused, lang));
            emit(&text);
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => Ok(report(&e.to_ui(lang), json)),
    }
}

/// Retries or skips a refused mail; says what was done.
fn settle_refused(
    session: &office_connector_core::api::Session,
    key: &str,
    retry: bool,
) -> anyhow::Result<ExitCode> {
    match session.settle_refused_mail(key, retry) {
        Ok(done) => {
            emit(&format!("{done}\n"));
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => Ok(report(&e.to_ui(session.language()), false)),
    }
}

/// The mails Odoo refuses, each with its key (for `retry`/`skip`) and why; empty when none.
fn refused_text(
    list: &[office_connector_core::mail::decisions::RefusedMail],
    lang: office_connector_core::i18n::Language,
) -> String {
    if list.is_empty() {
        return String::new();
    }
    let mut out = format!("{}\n", Msg::Mail(MailMsg::RefusedHeading).render(lang));
    for mail in list {
        let line = MailMsg::RefusedLine {
            subject: mail.subject.clone(),
            key: mail.key.clone(),
        };
        out.push_str(&format!(
            "  {}\n    {}\n",
            Msg::Mail(line).render(lang),
            mail.reason
        ));
    }
    out
}

/// The Decisions and Unassigned lists as plain text: each address with its mails and candidates
/// (and that nothing waits, when `say_empty` and the list is empty).
fn decision_list_text(
    list: &[office_connector_core::mail::decisions::Decision],
    lang: office_connector_core::i18n::Language,
    say_empty: bool,
) -> String {
    let mut out = String::new();
    for d in list {
        let line = MailMsg::DecisionLine {
            address: d.address.to_string(),
            choose: d.kind == office_connector_core::mail::decisions::OpenKind::Waiting,
            mails: d.mails.len(),
        };
        out.push_str(&Msg::Mail(line).render(lang));
        out.push('\n');
        for c in &d.candidates {
            out.push_str(&format!(
                "  {:>6}  {}{}{}\n",
                c.id.0,
                c.name,
                c.company
                    .as_deref()
                    .map(|x| format!(", {x}"))
                    .unwrap_or_default(),
                c.city
                    .as_deref()
                    .map(|x| format!(", {x}"))
                    .unwrap_or_default()
            ));
        }
    }
    if list.is_empty() && say_empty {
        out.push_str(&Msg::Mail(MailMsg::NoDecisions).render(lang));
        out.push('\n');
    }
    out
}

/// `none` (file this address's mails nowhere) or contact ids; the first word that is neither.
fn choice_of(partners: &[String]) -> Result<AddressChoice, String> {
    if let [only] = partners
        && only.eq_ignore_ascii_case("none")
    {
        return Ok(AddressChoice::Ignore);
    }
    partners
        .iter()
        .map(|p| match p.parse::<i64>() {
            Ok(id) if id > 0 => Ok(OdooId(id)),
            _ => Err(p.clone()),
        })
        .collect::<Result<Vec<_>, _>>()
        .map(AddressChoice::Contacts)
}
