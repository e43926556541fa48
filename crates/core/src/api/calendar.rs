//! The calendar job's use cases: a run (or its preview) and the administrator's one-time
//! `odoo prepare` (the identity field on `calendar.event`).

use serde::Serialize;

use super::Session;
use super::microsoft::MicrosoftRuntime;
use crate::calendar::engine::{self, CalendarRunError};
use crate::calendar::notes::CalendarMsg;
use crate::calendar::options::{CalendarOptions, DEFAULT_PAGE_SIZE};
use crate::calendar::report::{CalendarReport, Progress};
use crate::error::CoreError;
use crate::model::{AccountKind, Job, OdooId, Outcome, Trigger};
use crate::odoo::calendar::{self as odoo_calendar, IdentityField};
use crate::settings::SettingKey;
use crate::store::RunSummary;

/// What starts a calendar run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarSyncRequest {
    /// What started it.
    pub trigger: Trigger,
    /// Preview only: read, plan and report, write nothing anywhere (no run row either).
    pub dry_run: bool,
    /// Events per delta page (default: Graph's largest).
    pub page_size: Option<u32>,
}

/// A finished (or previewed) calendar run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CalendarRun {
    /// The recorded run (none for a preview).
    pub run: Option<RunSummary>,
    /// The outcome the report decides (exit code 0 / 2 / 3).
    pub outcome: Outcome,
    /// "14 events → 9 new in Odoo, 3 updated, 2 already there from a colleague".
    pub summary: String,
    /// Per event.
    pub report: CalendarReport,
}

impl Session {
    /// Runs the calendar job once: Outlook calendar → Odoo events (issue 15). Fails only when
    /// it cannot start; per-event problems are in the report. A run that cannot start (other
    /// than for a run already going) is recorded as failed with the reason.
    pub async fn sync_calendar(
        &self,
        runtime: &MicrosoftRuntime,
        odoo_secrets: &dyn crate::secrets::SecretStore,
        request: CalendarSyncRequest,
        progress: &dyn Progress,
    ) -> Result<CalendarRun, CoreError> {
        let (trigger, preview) = (request.trigger, request.dry_run);
        let result = self
            .try_sync_calendar(runtime, odoo_secrets, request, progress)
            .await;
        self.note_failed_start(Job::Calendar, trigger, preview, result)
    }

    async fn try_sync_calendar(
        &self,
        runtime: &MicrosoftRuntime,
        odoo_secrets: &dyn crate::secrets::SecretStore,
        request: CalendarSyncRequest,
        progress: &dyn Progress,
    ) -> Result<CalendarRun, CoreError> {
        let options = self.calendar_options(&request)?;
        let odoo = self
            .odoo_client_with(odoo_secrets)?
            .ok_or(crate::odoo::OdooError::KeyMissing)?;
        let graph = self.microsoft_client(runtime)?;
        let running = if request.dry_run {
            None
        } else {
            Some(self.start_run(Job::Calendar, request.trigger)?)
        };
        let report = engine::run(&graph, &odoo, &self.store, &options, progress)
            .await
            .map_err(|e| match e {
                CalendarRunError::Store(s) => CoreError::Store(s),
                CalendarRunError::Crashed => CoreError::Interrupted(Job::Calendar),
                CalendarRunError::OdooSyncsOutlook => {
                    CoreError::Calendar(CalendarMsg::OdooSyncsOutlook)
                }
            })?;
        if report.microsoft_sign_in_refused {
            self.set_microsoft_needs_sign_in(true)?;
        }
        if report.odoo_answered {
            self.store.note_accepted(AccountKind::Odoo)?;
        }
        if report.odoo_key_refused {
            self.store.note_refused(AccountKind::Odoo)?;
        }
        let mut run_report = crate::runlog::RunReport::default();
        for event in &report.events {
            run_report.count(event.outcome);
        }
        run_report.incomplete = report.incomplete.clone();
        run_report.needs_attention = report.needs_attention.clone();
        let outcome = run_report.outcome();
        let run = match running {
            None => None,
            Some(running) => Some(record_calendar_run(running, &report)?),
        };
        Ok(CalendarRun {
            run,
            outcome,
            summary: report.summary(self.language()),
            report,
        })
    }

    /// The calendar job's options from the settings and the connected accounts; a job without
    /// a start date, or with one in the future, cannot run.
    fn calendar_options(
        &self,
        request: &CalendarSyncRequest,
    ) -> Result<CalendarOptions, CoreError> {
        let settings = self.effective_settings()?;
        let start_date = settings
            .calendar_start_date()
            .ok_or(CoreError::Calendar(CalendarMsg::NoStartDate))?;
        let account = self
            .odoo_account()?
            .ok_or(crate::odoo::OdooError::KeyMissing)?;
        if !account.calendar_installed {
            return Err(CoreError::Calendar(CalendarMsg::CalendarNotInstalled));
        }
        // NOTE: "today" is the person's (their Odoo zone), from the session's clock.
        let tz: chrono_tz::Tz = account
            .tz
            .as_deref()
            .and_then(|tz| tz.parse().ok())
            .unwrap_or(chrono_tz::UTC);
        let today = self.store.now().with_timezone(&tz).date_naive();
        if start_date > today {
            return Err(CoreError::Calendar(CalendarMsg::StartDateInFuture {
                date: start_date.to_string(),
            }));
        }
        let own_addresses = self.own_addresses()?;
        Ok(CalendarOptions {
            start_date,
            today,
            tz,
            skip_private: settings.flag(SettingKey::CalendarSkipPrivate),
            archive_cancelled: settings.flag(SettingKey::CalendarArchiveCancelled),
            page_size: request.page_size.unwrap_or(DEFAULT_PAGE_SIZE),
            dry_run: request.dry_run,
            lang: self.language(),
            own_partner: OdooId(account.partner_id),
            own_user: OdooId(account.uid),
            own_addresses,
        })
    }

    /// `odoo prepare`: tells what it would create (`apply` false) or creates the identity field
    /// on `calendar.event` (administrators only); nothing when the identity has a place already.
    pub async fn prepare_odoo_calendar(
        &self,
        odoo_secrets: &dyn crate::secrets::SecretStore,
        apply: bool,
    ) -> Result<CalendarMsg, CoreError> {
        let odoo = self
            .odoo_client_with(odoo_secrets)?
            .ok_or(crate::odoo::OdooError::KeyMissing)?;
        let facts = odoo_calendar::facts(&odoo).await?;
        if let Some(field) = facts.identity.field() {
            return Ok(CalendarMsg::PrepareNothingToDo {
                field: field.to_owned(),
            });
        }
        let field = odoo_calendar::OUR_UID_FIELD.to_owned();
        if !apply {
            return Ok(CalendarMsg::PrepareWillCreate {
                field,
                model: odoo_calendar::EVENT.to_owned(),
            });
        }
        match odoo_calendar::prepare(&odoo).await {
            Ok(_) => Ok(CalendarMsg::PrepareDone { field }),
            Err(crate::odoo::OdooError::AccessError { .. }) => {
                Err(CoreError::Calendar(CalendarMsg::PrepareNeedsAdmin))
            }
            Err(e) => Err(e.into()),
        }
    }

    /// Where this Odoo keeps each meeting's identity (for the status and the Calendar page).
    pub async fn calendar_identity(
        &self,
        odoo_secrets: &dyn crate::secrets::SecretStore,
    ) -> Result<IdentityField, CoreError> {
        let odoo = self
            .odoo_client_with(odoo_secrets)?
            .ok_or(crate::odoo::OdooError::KeyMissing)?;
        Ok(odoo_calendar::facts(&odoo).await?.identity)
    }
}

fn record_calendar_run(
    running: crate::runlog::RunningRun<'_>,
    report: &CalendarReport,
) -> Result<RunSummary, CoreError> {
    let events = report.events.iter().map(|event| crate::store::RunEvent {
        item_key: event.outlook_id.clone(),
        summary: event.subject.clone(),
        outcome: event.outcome,
        detail: Some(event.detail.clone()),
        odoo_ids: event.odoo.map(|id| id.0).into_iter().collect(),
        request_id: None,
        technical: event.technical.clone(),
    });
    super::finish_run(running, events, &report.incomplete, &report.needs_attention)
}
