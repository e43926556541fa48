//! `office-connector runs`: the run history (list, filters, one run with its items).
//!
//! Human output is concise and in the user's language; `--json` prints the core's DTOs
//! (`RunSummary[]`, `RunDetail`) unchanged, as stable machine output. Exit codes: 0 ok,
//! 1 error (e.g. an unknown run id), with the same message the UI shows.

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::{DateTime, Local, Utc};
use office_connector_core::error::UserFacing;
use office_connector_core::i18n::{Language, Msg};
use office_connector_core::model::{Job, Outcome, RunId};
use office_connector_core::store::{RunFilter, RunSummary};

use super::exit::{open_session_for_reading, report};
use super::output::{emit, print_json};

/// Arguments of `office-connector runs`.
#[derive(Debug, clap::Args)]
pub struct RunsArgs {
    #[command(subcommand)]
    command: Option<RunsCommand>,
    /// Print machine-readable JSON.
    #[arg(long, global = true)]
    json: bool,
    /// Only runs of this job.
    #[arg(long, value_parser = parse_job, value_name = "mail|calendar|contacts")]
    job: Option<Job>,
    /// Only runs with this outcome.
    #[arg(long, value_parser = parse_outcome, value_name = "success|needs_attention|incomplete|failed")]
    outcome: Option<Outcome>,
    /// Only runs whose items, notes or error contain this text.
    #[arg(long)]
    text: Option<String>,
    /// At most this many runs, newest first.
    #[arg(long, default_value_t = 50)]
    limit: u32,
}

#[derive(Debug, clap::Subcommand)]
enum RunsCommand {
    /// Show one run with its items.
    Show {
        /// The run's number, as listed by `office-connector runs`.
        id: i64,
    },
}

fn parse_job(s: &str) -> Result<Job, String> {
    s.parse()
        .map_err(|_| "expected mail, calendar or contacts".to_owned())
}

fn parse_outcome(s: &str) -> Result<Outcome, String> {
    s.parse()
        .map_err(|_| "expected success, needs_attention, incomplete or failed".to_owned())
}

/// Runs `office-connector runs`.
pub fn run(home: Option<PathBuf>, args: RunsArgs) -> anyhow::Result<ExitCode> {
    let session = match open_session_for_reading(home, args.json) {
        Ok(s) => s,
        Err(code) => return Ok(code),
    };
    let lang = session.language();
    match args.command {
        Some(RunsCommand::Show { id }) => match session.show_run(RunId(id)) {
            Ok(detail) if args.json => print_json(&detail),
            Ok(detail) => {
                let mut out = run_header(&detail.run, lang);
                out.push('\n');
                if detail.events.is_empty() {
                    out.push_str(&format!("{}\n", Msg::NoEvents.render(lang)));
                } else {
                    out.push_str(&format!("{}\n", Msg::HeadingEvents.render(lang)));
                    for e in &detail.events {
                        let ev = &e.event;
                        let mut line = format!(
                            "  {:<22} {}  {}",
                            Msg::ItemCount(ev.outcome, 1)
                                .render(lang)
                                .trim_start_matches("1 "),
                            ev.summary,
                            ev.item_key
                        );
                        if !ev.odoo_ids.is_empty() {
                            let ids: Vec<String> =
                                ev.odoo_ids.iter().map(ToString::to_string).collect();
                            line.push_str(&format!("  (Odoo {})", ids.join(", ")));
                        }
                        if let Some(detail) = &ev.detail {
                            line.push_str(&format!("  — {detail}"));
                        }
                        if let Some(req) = &ev.request_id {
                            line.push_str(&format!("  [request-id {req}]"));
                        }
                        out.push_str(&format!("{line}\n"));
                    }
                }
                emit(&out);
                Ok(ExitCode::SUCCESS)
            }
            Err(e) => Ok(report(&e.to_ui(lang), args.json)),
        },
        None => {
            let filter = RunFilter {
                job: args.job,
                outcome: args.outcome,
                text: args.text,
                limit: Some(args.limit),
            };
            match session.list_runs(&filter) {
                Ok(runs) if args.json => print_json(&runs),
                Ok(runs) if runs.is_empty() => {
                    emit(&format!("{}\n", Msg::NoRuns.render(lang)));
                    Ok(ExitCode::SUCCESS)
                }
                Ok(runs) => {
                    let lines: String = runs
                        .iter()
                        .map(|run| format!("{}\n", run_line(run, lang)))
                        .collect();
                    emit(&lines);
                    Ok(ExitCode::SUCCESS)
                }
                Err(e) => Ok(report(&e.to_ui(lang), args.json)),
            }
        }
    }
}

/// One line per run: number, job, start, trigger, outcome, counts.
pub(crate) fn run_line(run: &RunSummary, lang: Language) -> String {
    let outcome = run
        .outcome
        .map(|o| Msg::OutcomeName(o).render(lang))
        .unwrap_or_else(|| Msg::Running.render(lang));
    let mut line = format!(
        "#{:<5} {:<10} {}  {:<14} {:<17}",
        run.id.0,
        Msg::JobName(run.job).render(lang),
        local_time(run.started_at),
        Msg::TriggerName(run.trigger).render(lang),
        outcome
    );
    let counts = counts_text(run, lang);
    if !counts.is_empty() {
        line.push(' ');
        line.push_str(&counts);
    }
    if let Some(error) = &run.error {
        line.push_str(&format!(" — {error}"));
    }
    line.trim_end().to_owned()
}

fn counts_text(run: &RunSummary, lang: Language) -> String {
    run.counts
        .iter()
        .filter(|(_, n)| **n > 0)
        .map(|(o, n)| Msg::ItemCount(*o, *n).render(lang))
        .collect::<Vec<_>>()
        .join(", ")
}

fn run_header(run: &RunSummary, lang: Language) -> String {
    let outcome = run
        .outcome
        .map(|o| Msg::OutcomeName(o).render(lang))
        .unwrap_or_else(|| Msg::Running.render(lang));
    let mut out = format!(
        "{} · {} · {} · {}\n",
        Msg::RunHeading(run.id.0).render(lang),
        Msg::JobName(run.job).render(lang),
        Msg::TriggerName(run.trigger).render(lang),
        outcome
    );
    out.push_str(&format!(
        "{} {}",
        Msg::Started.render(lang),
        local_time(run.started_at)
    ));
    if let Some(done) = run.finished_at {
        out.push_str(&format!(
            ", {} {}",
            Msg::Finished.render(lang),
            local_time(done)
        ));
    }
    out.push('\n');
    let counts = counts_text(run, lang);
    if !counts.is_empty() {
        out.push_str(&format!("{counts}\n"));
    }
    for note in run.notes.iter().chain(&run.error) {
        out.push_str(&format!("! {note}\n"));
    }
    out
}

/// A time as the user reads it: local, to the minute.
pub(crate) fn local_time(at: DateTime<Utc>) -> String {
    at.with_timezone(&Local)
        .format("%Y-%m-%d %H:%M")
        .to_string()
}
