//! `office-connector status`: what is set up (accounts, jobs and their timers) and how the
//! last runs went. `--json` prints the core's `Status` DTO as stable machine output.

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::{DateTime, Utc};
use office_connector_core::api::Status;
use office_connector_core::error::UserFacing;
use office_connector_core::i18n::{Language, Msg};

use super::exit::{open_session_for_reading, report};
use super::output::{emit, print_json};
use super::runs::{local_time, run_line};

/// Arguments of `office-connector status`.
#[derive(Debug, clap::Args)]
pub struct StatusArgs {
    /// Print machine-readable JSON.
    #[arg(long)]
    json: bool,
}

/// Runs `office-connector status`.
pub fn run(home: Option<PathBuf>, args: StatusArgs) -> anyhow::Result<ExitCode> {
    let session = match open_session_for_reading(home, args.json) {
        Ok(s) => s,
        Err(code) => return Ok(code),
    };
    let lang = session.language();
    match session.status() {
        Ok(status) if args.json => print_json(&status),
        Ok(status) => {
            emit(&status_text(&status, lang, &local_time));
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => Ok(report(&e.to_ui(lang), args.json)),
    }
}

/// The status as the person reads it, times shown by `show_time`.
pub(crate) fn status_text(
    status: &Status,
    lang: Language,
    show_time: &dyn Fn(DateTime<Utc>) -> String,
) -> String {
    let mut out = format!("Office Connector — {}\n\n", status.home.display());
    out.push_str(&format!("{}\n", Msg::HeadingAccounts.render(lang)));
    for account in &status.accounts {
        let name = Msg::AccountName(account.kind).render(lang);
        let state = account.state(show_time).render(lang);
        match &account.identity {
            Some(who) => out.push_str(&format!("  {name}: {who} — {state}\n")),
            None => out.push_str(&format!("  {name}: {state}\n")),
        }
    }
    out.push_str(&format!("\n{}\n", Msg::HeadingJobs.render(lang)));
    for job in &status.jobs {
        let timer = if job.timer_on {
            Msg::ScheduleEvery {
                minutes: job.interval_minutes,
            }
        } else {
            Msg::ScheduleOffNotSetUp
        };
        out.push_str(&format!(
            "  {:<10} {}",
            Msg::JobName(job.job).render(lang),
            timer.render(lang)
        ));
        if job.running {
            out.push_str(&format!(" · {}", Msg::Running.render(lang)));
        }
        out.push('\n');
        match &job.last_run {
            Some(run) => out.push_str(&format!(
                "    {}: {}\n",
                Msg::LastRun.render(lang),
                run_line(run, lang)
            )),
            None => out.push_str(&format!("    {}\n", Msg::NeverRan.render(lang))),
        }
    }
    out
}
