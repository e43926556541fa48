//! The contacts job's use case: a run (or its preview) — the Odoo contacts the person follows
//! into their Outlook address book (issue 16).

use serde::Serialize;

use super::Session;
use super::microsoft::MicrosoftRuntime;
use crate::catalogue::{n, text};
use crate::contacts::engine::{self, ContactsOptions, ContactsReport, ContactsRunError};
use crate::contacts::mapping::MappingOptions;
use crate::contacts::plan::PlanOptions;
use crate::contacts::selection::SelectionOptions;
use crate::error::CoreError;
use crate::model::{ItemOutcome, Job, OdooId, Outcome, Trigger};
use crate::settings::SettingKey;
use crate::store::RunSummary;

/// A finished (or previewed) contacts run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ContactsRun {
    /// The recorded run (none for a preview).
    pub run: Option<RunSummary>,
    /// The outcome the report decides.
    pub outcome: Outcome,
    /// "12 contacts → 3 new in Outlook, 2 updated".
    pub summary: String,
    /// Per contact.
    pub report: ContactsReport,
}

impl Session {
    /// Runs the contacts job once: followed Odoo contacts → the person's Outlook address book.
    /// Fails only when it cannot start (recorded as a failed run, as the other jobs do).
    pub async fn sync_contacts(
        &self,
        runtime: &MicrosoftRuntime,
        odoo_secrets: &dyn crate::secrets::SecretStore,
        trigger: Trigger,
        dry_run: bool,
    ) -> Result<ContactsRun, CoreError> {
        let result = self
            .try_sync_contacts(runtime, odoo_secrets, trigger, dry_run)
            .await;
        self.note_failed_start(Job::Contacts, trigger, dry_run, result)
    }

    async fn try_sync_contacts(
        &self,
        runtime: &MicrosoftRuntime,
        odoo_secrets: &dyn crate::secrets::SecretStore,
        trigger: Trigger,
        dry_run: bool,
    ) -> Result<ContactsRun, CoreError> {
        let odoo = self
            .odoo_client_with(odoo_secrets)?
            .ok_or(crate::odoo::OdooError::KeyMissing)?;
        let graph = self.microsoft_client(runtime)?;
        let (options, target) = self.contacts_options(&graph, dry_run).await?;
        let running = if dry_run {
            None
        } else {
            Some(self.start_run(Job::Contacts, trigger)?)
        };
        let report = engine::run(&graph, &odoo, &self.store, &options)
            .await
            .map_err(|e| match e {
                ContactsRunError::Store(s) => CoreError::Store(s),
                ContactsRunError::Crashed => CoreError::Interrupted(Job::Contacts),
            })?;
        self.place_folder(&report, target)?;
        let mut counts = crate::runlog::RunReport::default();
        for contact in &report.contacts {
            counts.count(contact.outcome);
        }
        counts.incomplete = report.incomplete.clone();
        let outcome = counts.outcome();
        let run = match running {
            None => None,
            Some(running) => {
                let events = report.contacts.iter().map(|c| crate::store::RunEvent {
                    item_key: format!("res.partner/{}", c.partner),
                    summary: c.name.clone(),
                    outcome: c.outcome,
                    detail: Some(c.verdict.clone()),
                    odoo_ids: vec![c.partner],
                    request_id: None,
                    technical: None,
                });
                Some(super::finish_run(running, events, &report.incomplete, &[])?)
            }
        };
        Ok(ContactsRun {
            run,
            outcome,
            summary: summary(&report, self.language()),
            report,
        })
    }

    async fn contacts_options(
        &self,
        graph: &crate::graph::client::GraphClient,
        dry_run: bool,
    ) -> Result<(ContactsOptions, &'static str), CoreError> {
        let settings = self.effective_settings()?;
        let account = self
            .odoo_account()?
            .ok_or(crate::odoo::OdooError::KeyMissing)?;
        let target = target_of(&settings);
        let folder = self.target_folder(graph, target, dry_run).await?;
        let options = ContactsOptions {
            folder,
            own_partner: OdooId(account.partner_id),
            own_user: OdooId(account.uid),
            selection: selection_options(&settings),
            mapping: MappingOptions {
                salutations: settings.flag(SettingKey::ContactsSyncSalutations),
                categories: settings.flag(SettingKey::ContactsSyncCategories),
                backlink: settings.flag(SettingKey::ContactsBacklink),
                odoo_url: account.url.clone(),
                odoo_version: account.version.clone(),
                db: account.db.clone(),
            },
            plan: PlanOptions {
                delete_on_unsubscribe: settings.flag(SettingKey::ContactsDeleteAfterUnfollow),
                photos: settings.flag(SettingKey::ContactsSyncPhotos),
            },
            dry_run,
            lang: self.language(),
        };
        Ok((options, target))
    }
}

impl Session {
    /// The id of the `target` folder (`main` or `odoo`): remembered, else looked up (the main Contacts folder; a folder
    /// "Odoo" under it, created on the first run that writes). Empty: the main folder of an
    /// address book without a contact, whose id cannot be read yet.
    async fn target_folder(
        &self,
        graph: &crate::graph::client::GraphClient,
        target: &'static str,
        dry_run: bool,
    ) -> Result<String, CoreError> {
        if let Some(id) = self.store.contact_folder(target)? {
            return Ok(id);
        }
        let found = match target {
            ODOO_FOLDER_TARGET if dry_run => {
                crate::graph::contacts::folder_if_there(graph, ODOO_FOLDER).await?
            }
            ODOO_FOLDER_TARGET => {
                Some(crate::graph::contacts::folder_named(graph, ODOO_FOLDER).await?)
            }
            _ => crate::graph::contacts::default_folder_id(graph).await?,
        };
        if let Some(id) = &found {
            self.store.save_contact_folder(target, Some(id))?;
        }
        Ok(found.unwrap_or_default())
    }

    /// After a run: a folder that is gone is looked up again next time; the main folder
    /// learned from the first contacts of an empty address book is remembered.
    fn place_folder(&self, report: &ContactsReport, target: &str) -> Result<(), CoreError> {
        if report.folder_missing {
            self.store.save_contact_folder(target, None)?;
        }
        if let Some(id) = &report.folder_learned {
            self.store.save_contact_folder(target, Some(id))?;
        }
        Ok(())
    }
}

/// The name of the folder the option "own folder" puts the contacts in.
const ODOO_FOLDER: &str = "Odoo";
const ODOO_FOLDER_TARGET: &str = "odoo";

fn target_of(settings: &crate::settings::Settings) -> &'static str {
    if settings.flag(SettingKey::ContactsOwnFolder) {
        ODOO_FOLDER_TARGET
    } else {
        "main"
    }
}

/// Which contacts the person's settings export (the job and the Contacts page agree).
pub(crate) fn selection_options(settings: &crate::settings::Settings) -> SelectionOptions {
    SelectionOptions {
        my_customers: settings.flag(SettingKey::ContactsExportAllMyCustomers),
        created_by_me: settings.flag(SettingKey::ContactsAutoExportNew),
        only_with_email: settings.flag(SettingKey::ContactsOnlyWithEmail),
        include_companies: settings.flag(SettingKey::ContactsIncludeCompanies),
    }
}

fn summary(report: &ContactsReport, lang: crate::language::Language) -> String {
    let count = |o| report.contacts.iter().filter(|c| c.outcome == o).count() as u64;
    text(
        lang,
        "ct-summary",
        &[
            n("contacts", report.contacts.len() as u64),
            n("created", count(ItemOutcome::Created)),
            n(
                "updated",
                count(ItemOutcome::Updated) + count(ItemOutcome::Linked),
            ),
            n("deleted", count(ItemOutcome::Deleted)),
        ],
    )
}
