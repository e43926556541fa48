//! `office-connector contacts list [--filter F] [--search TEXT] [--offset N] [--limit N] [--json]`
//! and `contacts follow|unfollow ID… [--json]`: the Contacts page's list of Odoo contacts (each
//! with whether the person follows it, whether the contacts job put it into Outlook, and why
//! not) and following or unfollowing contacts in Odoo, one or many at once (Odoo shows the
//! same thing; the next contacts sync picks it up).

use std::path::PathBuf;
use std::process::ExitCode;

use office_connector_core::api::{
    ContactDirectory, DirectoryFilter, DirectoryQuery, Session, contact_state_text,
};
use office_connector_core::contacts::directory_texts::DirectoryMsg;
use office_connector_core::error::UserFacing;
use office_connector_core::i18n::{Language, Msg};

use super::exit::{open_session, report};
use super::output::{emit, print_json, say};

/// Arguments of `office-connector contacts`.
#[derive(Debug, clap::Args)]
pub struct ContactsArgs {
    #[command(subcommand)]
    command: ContactsCommand,
}

/// Which contacts `contacts list` shows.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum Filter {
    /// Every contact (archived ones left out).
    All,
    /// Those you follow in Odoo.
    Followed,
    /// Those the contacts sync put into Outlook.
    Exported,
    /// Followed, but not in Outlook (with why).
    FollowedNotExported,
    /// Those you do not follow.
    NotFollowed,
    /// Those with an e-mail address.
    HasEmail,
}

impl From<Filter> for DirectoryFilter {
    fn from(f: Filter) -> Self {
        match f {
            Filter::All => DirectoryFilter::All,
            Filter::Followed => DirectoryFilter::Followed,
            Filter::Exported => DirectoryFilter::Exported,
            Filter::FollowedNotExported => DirectoryFilter::FollowedNotExported,
            Filter::NotFollowed => DirectoryFilter::NotFollowed,
            Filter::HasEmail => DirectoryFilter::HasEmail,
        }
    }
}

#[derive(Debug, clap::Subcommand)]
enum ContactsCommand {
    /// List Odoo contacts with what the contacts sync does with each.
    List {
        /// Which contacts.
        #[arg(long, value_enum, default_value = "all")]
        filter: Filter,
        /// Part of the name or e-mail address.
        #[arg(long)]
        search: Option<String>,
        /// Contacts to skip.
        #[arg(long, default_value_t = 0)]
        offset: u32,
        /// Contacts to show (at most 200).
        #[arg(long, default_value_t = 50)]
        limit: u32,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Follow contacts in Odoo (their ids, as `contacts list` shows them).
    Follow {
        /// One or more contact ids.
        #[arg(required = true, num_args = 1..)]
        ids: Vec<String>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Stop following contacts in Odoo.
    Unfollow {
        /// One or more contact ids.
        #[arg(required = true, num_args = 1..)]
        ids: Vec<String>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
}

/// Runs `office-connector contacts`.
pub fn run(home: Option<PathBuf>, args: ContactsArgs) -> anyhow::Result<ExitCode> {
    let json = match &args.command {
        ContactsCommand::List { json, .. }
        | ContactsCommand::Follow { json, .. }
        | ContactsCommand::Unfollow { json, .. } => *json,
    };
    let session = match open_session(home, json) {
        Ok(s) => s,
        Err(code) => return Ok(code),
    };
    match args.command {
        ContactsCommand::List {
            filter,
            search,
            offset,
            limit,
            json,
        } => {
            let query = DirectoryQuery {
                filter: filter.into(),
                search,
                offset,
                limit,
            };
            list(&session, &query, json)
        }
        ContactsCommand::Follow { ids, json } => follow(&session, &ids, true, json),
        ContactsCommand::Unfollow { ids, json } => follow(&session, &ids, false, json),
    }
}

fn list(session: &Session, query: &DirectoryQuery, json: bool) -> anyhow::Result<ExitCode> {
    let lang = session.language();
    let rt = super::exit::runtime()?;
    let secrets = session.secrets();
    match rt.block_on(session.contact_directory(&secrets, query)) {
        Ok(page) if json => print_json(&page),
        Ok(page) => {
            emit(&list_text(&page, lang));
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => Ok(report(&e.to_ui(lang), json)),
    }
}

/// The list as plain text: the columns, one line per contact, the count.
fn list_text(page: &ContactDirectory, lang: Language) -> String {
    let msg = |m: DirectoryMsg| Msg::ContactDirectory(m).render(lang);
    let mut out = format!("{}\n", msg(DirectoryMsg::Columns));
    for c in &page.contacts {
        let details: Vec<&str> = [c.email.as_deref(), c.company.as_deref()]
            .into_iter()
            .flatten()
            .collect();
        let details = if details.is_empty() {
            String::new()
        } else {
            format!(" · {}", details.join(" · "))
        };
        out.push_str(&format!(
            "{:>6}  {}{} → {}\n",
            c.id,
            c.name,
            details,
            contact_state_text(c, lang)
        ));
    }
    let shown = page.contacts.len() as u64;
    out.push_str(&msg(DirectoryMsg::Count {
        shown,
        total: page.total,
    }));
    out.push('\n');
    out
}

fn follow(session: &Session, ids: &[String], follow: bool, json: bool) -> anyhow::Result<ExitCode> {
    let lang = session.language();
    let mut parsed = Vec::new();
    for id in ids {
        match id.trim().parse::<i64>() {
            Ok(n) if n > 0 => parsed.push(n),
            _ => {
                let input = id.clone();
                say(&Msg::ContactDirectory(DirectoryMsg::NotAnId { input }).render(lang));
                return Ok(ExitCode::from(1));
            }
        }
    }
    let rt = super::exit::runtime()?;
    let secrets = session.secrets();
    match rt.block_on(session.set_following(&secrets, &parsed, follow)) {
        Ok(change) => {
            // NOTE: Odoo left some as they were: the person must ask for access (exit 2)
            let code = if change.refused.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(2)
            };
            if json {
                print_json(&change)?;
            } else {
                emit(&format!("{}\n", change.message));
            }
            Ok(code)
        }
        Err(e) => Ok(report(&e.to_ui(lang), json)),
    }
}
