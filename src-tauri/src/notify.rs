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
use office_connector_core::model::{AccountKind, Job, Outcome};

use crate::texts::{self, Text};

/// After this many runs in a row that failed or stayed incomplete, the user hears about it.
pub const REPEATED_FAILURES: usize = 3;

/// Something the user should hear about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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
    pub fn page(self) -> &'static str {
        match self {
            // decisions and unassigned items live on the job's own page
            Notice::NeedsAttention { job: Job::Mail } => "#/mail",
            Notice::NeedsAttention { job: Job::Calendar } => "#/calendar",
            Notice::NeedsAttention { job: Job::Contacts } => "#/contacts",
            // the wizard's sign-in step
            Notice::SignInNeeded { .. } => "#/setup",
            // what went wrong is in the run log
            Notice::FailingRepeatedly { .. } => "#/logs",
        }
    }

    /// The notification's title in `lang`.
    pub fn title(self, lang: Language) -> String {
        match self {
            Notice::NeedsAttention { job } => texts::render(Text::AttentionTitle(job), lang),
            Notice::SignInNeeded { account } => texts::render(Text::SignInTitle(account), lang),
            Notice::FailingRepeatedly { job, .. } => texts::render(Text::FailingTitle(job), lang),
        }
    }

    /// The notification's body in `lang`: what to do next.
    pub fn body(self, lang: Language) -> String {
        match self {
            Notice::NeedsAttention { .. } => texts::render(Text::AttentionBody, lang),
            Notice::SignInNeeded { account } => texts::render(Text::SignInBody(account), lang),
            Notice::FailingRepeatedly { runs, .. } => texts::render(Text::FailingBody(runs), lang),
        }
    }
}

fn is_failure(outcome: Option<Outcome>) -> bool {
    matches!(outcome, Some(Outcome::Failed | Outcome::Incomplete))
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
pub fn show(notice: Notice, lang: Language, on_click: impl FnOnce() + Send + 'static) {
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
        assert_eq!(notice.map(Notice::page), Some("#/mail"));
        assert_eq!(
            notice_for(Job::Contacts, &[ATTENTION]).map(Notice::page),
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
        assert_eq!(third.map(Notice::page), Some("#/logs"));
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
