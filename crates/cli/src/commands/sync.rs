//! `office-connector sync [--job mail|calendar] [--dry-run] [--json]`: runs a job once (the
//! same use case as the tray's "Sync now"; without `--job` every job that is set up) and prints
//! its report — per mail: key, subject, outcome (`filed|linked|waiting|unassigned|skipped|failed`)
//! and Odoo ids; per event: outcome, subject, when and what it became. Exits by the outcome the
//! reports decide (the worst of them): 0 done, 2 decisions or unassigned addresses wait, 3 a
//! rerun will fix it. `--dry-run` is the preview: it reads and plans, and writes nothing.

use std::path::PathBuf;
use std::process::ExitCode;

use office_connector_core::api::{
    CalendarRun, CalendarSyncRequest, ContactsRun, MailRun, MailSyncRequest, MicrosoftRuntime,
    Session,
};
use office_connector_core::error::UserFacing;
use office_connector_core::i18n::{Language, Msg};
use office_connector_core::mail::engine::Progress;
use office_connector_core::mail::texts::MailMsg;
use office_connector_core::model::{Job, Trigger};

use super::exit::{exit_number, open_session, report, runtime};
use super::output::{emit, print_json, say};

/// Arguments of `office-connector sync`.
#[derive(Debug, clap::Args)]
pub struct SyncArgs {
    /// The job to run (`mail`, `calendar`, `contacts`); without it the mail and calendar jobs
    /// that are set up.
    #[arg(long)]
    job: Option<String>,
    /// Show what would happen; write nothing anywhere.
    #[arg(long)]
    dry_run: bool,
    /// Print the run report as JSON.
    #[arg(long)]
    json: bool,
    /// Mails or events per delta page (tests and benchmarks).
    #[arg(long, hide = true)]
    page_size: Option<u32>,
}

/// Progress as log lines on stderr (the tray shows it in its tooltip instead).
struct LogProgress;

impl Progress for LogProgress {
    fn mails(&self, done: usize, total: usize) {
        tracing::info!(done, total, "mails handled");
    }
}

impl office_connector_core::calendar::report::Progress for LogProgress {
    fn events(&self, done: usize) {
        tracing::info!(done, "events handled");
    }
}

/// Runs `office-connector sync`.
pub fn run(home: Option<PathBuf>, args: SyncArgs) -> anyhow::Result<ExitCode> {
    let session = match open_session(home, args.json) {
        Ok(s) => s,
        Err(code) => return Ok(code),
    };
    let lang = session.language();
    let jobs = match &args.job {
        Some(name) => match name.parse::<Job>() {
            Ok(job) => vec![job],
            Err(_) => {
                say(&Msg::Mail(MailMsg::OnlyMailJob { job: name.clone() }).render(lang));
                return Ok(ExitCode::from(1));
            }
        },
        None => match session.jobs_set_up() {
            Ok(jobs) if !jobs.is_empty() => jobs,
            Ok(_) => vec![Job::Mail],
            Err(e) => return Ok(report(&e.to_ui(lang), args.json)),
        },
    };
    let mut worst = 0u8;
    for job in jobs {
        let code = match job {
            Job::Calendar => sync_calendar(&session, &args)?,
            Job::Contacts => sync_contacts(&session, &args)?,
            Job::Mail => sync_mail(&session, &args)?,
        };
        worst = worst.max(code);
    }
    Ok(ExitCode::from(worst))
}

fn sync_mail(session: &Session, args: &SyncArgs) -> anyhow::Result<u8> {
    let lang = session.language();
    let rt = runtime()?;
    let env = MicrosoftRuntime::keyring(session);
    let secrets = session.secrets();
    let request = MailSyncRequest {
        trigger: Trigger::Cli,
        dry_run: args.dry_run,
        page_size: args.page_size,
    };
    match rt.block_on(session.sync_mail(&env, &secrets, request, &LogProgress)) {
        Ok(done) => {
            if args.json {
                print_json(&done)?;
            } else {
                emit(&mail_run_text(&done, lang));
            }
            Ok(done.outcome.exit_code())
        }
        Err(e) => {
            let ui = e.to_ui(lang);
            report(&ui, args.json);
            Ok(exit_number(ui.code))
        }
    }
}

fn sync_calendar(session: &Session, args: &SyncArgs) -> anyhow::Result<u8> {
    let lang = session.language();
    let rt = runtime()?;
    let env = MicrosoftRuntime::keyring(session);
    let secrets = session.secrets();
    let request = CalendarSyncRequest {
        trigger: Trigger::Cli,
        dry_run: args.dry_run,
        page_size: args.page_size,
    };
    match rt.block_on(session.sync_calendar(&env, &secrets, request, &LogProgress)) {
        Ok(done) => {
            if args.json {
                print_json(&done)?;
            } else {
                emit(&calendar_run_text(&done, lang));
            }
            Ok(done.outcome.exit_code())
        }
        Err(e) => {
            let ui = e.to_ui(lang);
            report(&ui, args.json);
            Ok(exit_number(ui.code))
        }
    }
}

fn sync_contacts(session: &Session, args: &SyncArgs) -> anyhow::Result<u8> {
    let lang = session.language();
    let rt = runtime()?;
    let env = MicrosoftRuntime::keyring(session);
    let secrets = session.secrets();
    match rt.block_on(session.sync_contacts(&env, &secrets, Trigger::Cli, args.dry_run)) {
        Ok(done) => {
            if args.json {
                print_json(&done)?;
            } else {
                let mut out = String::new();
                for c in &done.report.contacts {
                    let label = Msg::ItemOutcomeName(c.outcome).render(lang);
                    out.push_str(&format!("{label} {}  ({})\n", c.name, c.verdict));
                }
                out.push_str(&done.summary);
                out.push('\n');
                for note in &done.report.incomplete {
                    out.push_str(note);
                    out.push('\n');
                }
                emit(&out);
            }
            Ok(done.outcome.exit_code())
        }
        Err(e) => {
            let ui = e.to_ui(lang);
            report(&ui, args.json);
            Ok(exit_number(ui.code))
        }
    }
}

/// One line per contact (outcome, name, what happened), then the summary line.
pub(crate) fn contacts_run_text(done: &ContactsRun, lang: Language) -> String {
    let mut out = String::new();
    let label = |o| Msg::ItemOutcomeName(o).render(lang);
    let width = done
        .report
        .contacts
        .iter()
        .map(|c| label(c.outcome).chars().count())
        .max()
        .unwrap_or(0);
    for c in &done.report.contacts {
        out.push_str(&format!(
            "{:<width$} {}  ({})\n",
            label(c.outcome),
            c.name,
            c.verdict
        ));
    }
    out.push_str(&done.summary);
    out.push('\n');
    for note in &done.report.incomplete {
        out.push_str(note);
        out.push('\n');
    }
    out
}

/// One line per event (outcome, subject, when, what it became), then the summary line.
pub(crate) fn calendar_run_text(done: &CalendarRun, lang: Language) -> String {
    let mut out = String::new();
    let label = |o| Msg::ItemOutcomeName(o).render(lang);
    let width = done
        .report
        .events
        .iter()
        .map(|e| label(e.outcome).chars().count())
        .max()
        .unwrap_or(0);
    for event in &done.report.events {
        let when = event.when.map(|w| shown_when(&w)).unwrap_or_default();
        out.push_str(&format!(
            "{:<width$} {}  {}  ({})\n",
            label(event.outcome),
            event.subject,
            when,
            event.detail
        ));
    }
    out.push_str(&done.summary);
    out.push('\n');
    for note in done
        .report
        .needs_attention
        .iter()
        .chain(&done.report.incomplete)
    {
        out.push_str(note);
        out.push('\n');
    }
    out
}

fn shown_when(when: &office_connector_core::calendar::event::When) -> String {
    use office_connector_core::calendar::event::When;
    match when {
        When::Timed { start, stop } => format!(
            "{} – {} UTC",
            start.format("%Y-%m-%d %H:%M"),
            stop.format("%H:%M")
        ),
        When::AllDay { first, last } if first == last => first.to_string(),
        When::AllDay { first, last } => format!("{first} – {last}"),
    }
}

/// One line per mail (outcome, subject, key, detail), then the run's summary line.
pub(crate) fn mail_run_text(done: &MailRun, lang: Language) -> String {
    let mut out = String::new();
    let no_subject = Msg::Mail(MailMsg::NoSubject).render(lang);
    let label = |mail: &office_connector_core::mail::engine::MailOutcome| {
        Msg::ItemOutcomeName(mail.outcome).render(lang)
    };
    // NOTE: the outcome column is as wide as its longest word in this language
    let width = done
        .report
        .mails
        .iter()
        .map(|m| label(m).chars().count())
        .max()
        .unwrap_or(0);
    for mail in &done.report.mails {
        out.push_str(&format!(
            "{:<width$} {}  {}{}\n",
            label(mail),
            if mail.subject.is_empty() {
                no_subject.as_str()
            } else {
                mail.subject.as_str()
            },
            mail.key,
            mail.detail
                .as_deref()
                .map(|d| format!("  ({d})"))
                .unwrap_or_default()
        ));
    }
    out.push_str(&done.summary);
    out.push('\n');
    // NOTE: what the person must do, or why a rerun is needed, belongs on the screen too
    for note in done
        .report
        .needs_attention
        .iter()
        .chain(&done.report.incomplete)
    {
        out.push_str(note);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use office_connector_core::api::MailRun;
    use office_connector_core::i18n::Language;
    use office_connector_core::mail::engine::{MailOutcome, MailReport};
    use office_connector_core::model::{ItemOutcome, Outcome};

    #[test]
    fn the_plain_output_counts_failed_mails_and_says_what_the_person_must_do() {
        let failed = MailOutcome {
            key: "<a@x>".into(),
            subject: "Angebot".into(),
            outcome: ItemOutcome::Failed,
            contacts: vec![],
            messages: vec![],
            opportunities: vec![],
            detail: Some("Odoo did not answer; the next run tries again.".into()),
            technical: Some("odoo at http://127.0.0.1:1 unreachable".into()),
        };
        let report = MailReport {
            mails: vec![failed],
            needs_attention: vec!["Odoo refused the stored key. Connect Odoo again.".into()],
            incomplete: vec!["Odoo did not answer. The mails stay.".into()],
            ..MailReport::default()
        };
        let done = MailRun {
            run: None,
            outcome: Outcome::NeedsAttention,
            summary: report.summary(Language::En),
            report,
        };
        let text = super::mail_run_text(&done, Language::En);
        assert!(
            text.contains("1 mail → 0 contacts, 0 need a decision, 0 unassigned, 1 failed"),
            "{text}"
        );
        assert!(text.contains("Odoo refused the stored key."), "{text}");
        assert!(
            text.contains("Odoo did not answer. The mails stay."),
            "{text}"
        );
        assert!(
            text.contains("(Odoo did not answer; the next run tries again.)"),
            "{text}"
        );
        assert!(
            !text.contains("127.0.0.1"),
            "the technical detail stays out of the plain output: {text}"
        );
    }
}
