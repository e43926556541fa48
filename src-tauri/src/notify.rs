//! Desktop notifications: only when the user must act or something failed repeatedly — never
//! for an uneventful run.
//!
//! Contract of the remote (the desktop's notification server, freedesktop.org Desktop
//! Notifications over D-Bus, through `notify-rust`): a notification may carry a `default`
//! action, invoked when the user clicks the notification body; the server may not exist (a
//! headless machine, a minimal desktop), in which case showing fails fast and we only log it.
//!
//! The decision is a pure function of the job's newest outcomes ([`notice_for`]): a notice is
//! given on the transition into "needs attention", and once when a job has not succeeded
//! [`REPEATED_FAILURES`] times in a row — not again on every further failed run, and not for a
//! recovery (that is uneventful).

use office_connector_core::i18n::Language;
use std::collections::BTreeMap;

use office_connector_core::model::{AccountKind, ItemOutcome, Job, Outcome};

use crate::texts::{self, Text};

/// After this many runs in a row that failed or stayed incomplete, the user hears about it.
pub const REPEATED_FAILURES: usize = 3;

/// Something the user should hear about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// The job waits for a person (a decision, an unknown address, a sign-in).
    NeedsAttention {
        /// The job.
        job: Job,
    },
    /// The remote refused the stored sign-in: every job pauses until the person signs in again.
    SignInNeeded {
        /// Whose sign-in.
        account: AccountKind,
    },
    /// A run did something, and the person asked to hear about every such run.
    RunDone {
        /// The job.
        job: Job,
        /// What the run did, in the user's language (the run log's one line).
        summary: String,
    },
    /// The job has not succeeded for this many runs in a row.
    FailingRepeatedly {
        /// The job.
        job: Job,
        /// Runs in a row that failed or stayed incomplete.
        runs: usize,
    },
}

impl Notice {
    /// The settings window's page a click opens (the UI routes by `location.hash`).
    pub fn page(&self) -> &'static str {
        match self {
            // decisions and unassigned items live on the job's own page
            Notice::NeedsAttention { job: Job::Mail } => "#/mail",
            Notice::NeedsAttention { job: Job::Calendar } => "#/calendar",
            Notice::NeedsAttention { job: Job::Contacts } => "#/contacts",
            // the wizard's sign-in step
            Notice::SignInNeeded { .. } => "#/setup",
            // what went wrong, or what was done, is in the run log
            Notice::FailingRepeatedly { .. } | Notice::RunDone { .. } => "#/logs",
        }
    }

    /// The notification's title in `lang`.
    pub fn title(&self, lang: Language) -> String {
        match *self {
            Notice::NeedsAttention { job } => texts::render(Text::AttentionTitle(job), lang),
            Notice::SignInNeeded { account } => texts::render(Text::SignInTitle(account), lang),
            Notice::RunDone { job, .. } => texts::render(Text::RunDoneTitle(job), lang),
            Notice::FailingRepeatedly { job, .. } => texts::render(Text::FailingTitle(job), lang),
        }
    }

    /// The notification's body in `lang`: what to do next.
    pub fn body(&self, lang: Language) -> String {
        match *self {
            Notice::NeedsAttention { .. } => texts::render(Text::AttentionBody, lang),
            Notice::SignInNeeded { account } => texts::render(Text::SignInBody(account), lang),
            Notice::RunDone { ref summary, .. } => summary.clone(),
            Notice::FailingRepeatedly { runs, .. } => texts::render(Text::FailingBody(runs), lang),
        }
    }
}

fn is_failure(outcome: Option<Outcome>) -> bool {
    matches!(outcome, Some(Outcome::Failed | Outcome::Incomplete))
}

/// What the notification decision needs to know about a run that just ended.
#[derive(Debug, Clone, Copy)]
pub struct RunEnded<'a> {
    /// The job.
    pub job: Job,
    /// Outcomes of the job's newest runs including this one, newest first.
    pub recent_outcomes: &'a [Option<Outcome>],
    /// The run's items per outcome.
    pub counts: &'a BTreeMap<ItemOutcome, u32>,
    /// The run's one line, in the user's language.
    pub summary: &'a str,
    /// Accounts whose refused sign-in the person has not been told about yet.
    pub sign_in_refused: &'a [AccountKind],
    /// The person asked to hear about every run that did something.
    pub every_run: bool,
}

/// What to tell after a run, if anything: a refused sign-in first (the job's own "needs
/// attention" would only repeat it), else what [`notice_for`] says, else — only on request —
/// that the run wrote something (never for a run that wrote nothing: mails still waiting are
/// planned again every run and would be told again and again).
pub fn after_run(run: &RunEnded<'_>) -> Option<Notice> {
    if let Some(&account) = run.sign_in_refused.first() {
        return Some(Notice::SignInNeeded { account });
    }
    if let Some(notice) = notice_for(run.job, run.recent_outcomes) {
        return Some(notice);
    }
    let written: u32 = run
        .counts
        .iter()
        .filter(|(outcome, _)| {
            matches!(
                outcome,
                ItemOutcome::Filed
                    | ItemOutcome::Linked
                    | ItemOutcome::Created
                    | ItemOutcome::Updated
                    | ItemOutcome::Deleted
            )
        })
        .map(|(_, n)| n)
        .sum();
    (run.every_run && written > 0).then(|| Notice::RunDone {
        job: run.job,
        summary: run.summary.to_owned(),
    })
}

/// Whether the run that just ended deserves a notification, from the job's newest outcomes
/// (newest first, the finished run at index 0; `None` for a run still going).
pub fn notice_for(job: Job, recent: &[Option<Outcome>]) -> Option<Notice> {
    let (&latest, earlier) = recent.split_first()?;
    match latest {
        // someone must act: tell them once, when the job enters this state
        Some(Outcome::NeedsAttention) => (earlier.first() != Some(&Some(Outcome::NeedsAttention)))
            .then_some(Notice::NeedsAttention { job }),
        // a single failure is left to the rerun; the Nth in a row is told, once
        Some(Outcome::Failed | Outcome::Incomplete) => {
            let in_a_row = recent.iter().take_while(|o| is_failure(**o)).count();
            (in_a_row == REPEATED_FAILURES).then_some(Notice::FailingRepeatedly {
                job,
                runs: in_a_row,
            })
        }
        // an uneventful run, a recovery, or a run still going: nothing to say
        Some(Outcome::Success) | None => None,
    }
}

/// Shows `notice` on the desktop; `on_click` runs (on a helper thread) when the user clicks it.
/// Without a notification server this only logs: the tray icon still shows the state.
pub fn show(notice: &Notice, lang: Language, on_click: impl FnOnce() + Send + 'static) {
    let mut notification = notify_rust::Notification::new();
    notification
        .appname("Office Connector")
        .summary(&notice.title(lang))
        .body(&notice.body(lang))
        .action("default", &texts::render(Text::Open, lang));
    #[cfg(all(unix, not(target_os = "macos")))]
    {
        match notification.show() {
            Ok(handle) => {
                let spawned = std::thread::Builder::new()
                    .name("notification".into())
                    .spawn(move || {
                        handle.wait_for_action(|action| {
                            if action == "default" {
                                on_click();
                            }
                        });
                    });
                if let Err(e) = spawned {
                    tracing::warn!(error = %e, "cannot wait for the notification click");
                }
            }
            Err(e) => tracing::warn!(error = %e, "cannot show a notification"),
        }
    }
    #[cfg(not(all(unix, not(target_os = "macos"))))]
    {
        // NOTE: clicks are only reported by the freedesktop server; elsewhere the notice shows
        // and the tray still leads to the page.
        drop(on_click);
        if let Err(e) = notification.show() {
            tracing::warn!(error = %e, "cannot show a notification");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const OK: Option<Outcome> = Some(Outcome::Success);
    const ATTENTION: Option<Outcome> = Some(Outcome::NeedsAttention);
    const FAILED: Option<Outcome> = Some(Outcome::Failed);
    const INCOMPLETE: Option<Outcome> = Some(Outcome::Incomplete);

    #[test]
    fn an_uneventful_run_is_never_announced() {
        assert_eq!(notice_for(Job::Mail, &[OK]), None);
        assert_eq!(notice_for(Job::Mail, &[OK, OK, OK]), None);
        assert_eq!(notice_for(Job::Mail, &[]), None);
        assert_eq!(
            notice_for(Job::Mail, &[None, OK]),
            None,
            "a run still going"
        );
    }

    #[test]
    fn entering_needs_attention_is_announced_once_and_opens_the_jobs_page() {
        let notice = notice_for(Job::Mail, &[ATTENTION, OK]);
        assert_eq!(notice, Some(Notice::NeedsAttention { job: Job::Mail }));
        assert_eq!(notice.as_ref().map(Notice::page), Some("#/mail"));
        assert_eq!(
            notice_for(Job::Contacts, &[ATTENTION])
                .as_ref()
                .map(Notice::page),
            Some("#/contacts"),
            "the very first run may need a person too"
        );
        assert_eq!(
            notice_for(Job::Mail, &[ATTENTION, ATTENTION]),
            None,
            "still waiting for the same person: no new notification every run"
        );
        assert!(notice_for(Job::Calendar, &[ATTENTION, FAILED]).is_some());
    }

    #[test]
    fn failures_are_announced_only_when_repeated_and_only_once() {
        assert_eq!(
            notice_for(Job::Calendar, &[FAILED, OK]),
            None,
            "a rerun may fix it"
        );
        assert_eq!(notice_for(Job::Calendar, &[INCOMPLETE, FAILED, OK]), None);
        let third = notice_for(Job::Calendar, &[FAILED, INCOMPLETE, FAILED, OK]);
        assert_eq!(
            third,
            Some(Notice::FailingRepeatedly {
                job: Job::Calendar,
                runs: 3
            })
        );
        assert_eq!(third.as_ref().map(Notice::page), Some("#/logs"));
        assert_eq!(
            notice_for(Job::Calendar, &[FAILED, FAILED, FAILED, FAILED]),
            None,
            "the fourth failure in a row says nothing new"
        );
        assert_eq!(
            notice_for(Job::Calendar, &[OK, FAILED, FAILED, FAILED]),
            None,
            "a recovery is uneventful"
        );
    }

    #[test]
    fn a_refused_sign_in_leads_to_the_sign_in_step_in_both_languages() {
        let notice = Notice::SignInNeeded {
            account: AccountKind::Microsoft,
        };
        assert_eq!(notice.page(), "#/setup");
        assert!(notice.title(Language::En).contains("Microsoft"));
        assert!(notice.body(Language::En).contains("Sign in again"));
        assert!(notice.body(Language::De).contains("erneut an"));
    }

    fn ended<'a>(
        recent: &'a [Option<Outcome>],
        counts: &'a BTreeMap<ItemOutcome, u32>,
        refused: &'a [AccountKind],
        every_run: bool,
    ) -> RunEnded<'a> {
        RunEnded {
            job: Job::Mail,
            recent_outcomes: recent,
            counts,
            summary: "3 mails → 2 contacts",
            sign_in_refused: refused,
            every_run,
        }
    }

    #[test]
    fn every_run_is_told_only_on_request_and_only_when_it_wrote_something() {
        let filed = BTreeMap::from([(ItemOutcome::Filed, 3)]);
        let waiting = BTreeMap::from([(ItemOutcome::Waiting, 2), (ItemOutcome::Skipped, 1)]);
        let none = BTreeMap::new();
        assert_eq!(
            after_run(&ended(&[OK], &filed, &[], false)),
            None,
            "not asked"
        );
        let notice = after_run(&ended(&[OK], &filed, &[], true)).expect("asked");
        assert_eq!(notice.page(), "#/logs");
        assert_eq!(notice.body(Language::En), "3 mails → 2 contacts");
        assert!(
            notice.title(Language::De).contains("E-Mail"),
            "{}",
            notice.title(Language::De)
        );
        assert_eq!(
            after_run(&ended(&[OK], &none, &[], true)),
            None,
            "an empty run"
        );
        assert_eq!(
            after_run(&ended(&[ATTENTION, ATTENTION], &waiting, &[], true)),
            None,
            "mails still waiting are no news"
        );
    }

    #[test]
    fn a_refused_sign_in_is_told_instead_of_the_jobs_own_notice() {
        let none = BTreeMap::new();
        let refused = [AccountKind::Microsoft];
        assert_eq!(
            after_run(&ended(&[ATTENTION, OK], &none, &refused, false)),
            Some(Notice::SignInNeeded {
                account: AccountKind::Microsoft
            })
        );
        assert_eq!(
            after_run(&ended(&[ATTENTION, OK], &none, &[], true)),
            Some(Notice::NeedsAttention { job: Job::Mail }),
            "decisions waiting are told once, also without the option"
        );
    }

    #[test]
    fn notices_speak_the_users_language() {
        let notice = Notice::FailingRepeatedly {
            job: Job::Mail,
            runs: 3,
        };
        assert_ne!(notice.title(Language::En), notice.title(Language::De));
        assert!(notice.body(Language::En).contains('3'));
        assert!(notice.body(Language::De).contains('3'));
    }
}
