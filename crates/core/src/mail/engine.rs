//! One mail run: collect (per transfer folder, the folder's delta round plus the mails still
//! pending from earlier runs) → per page of mails: look up (one contact `search_read`, one
//! duplicate `search_read`), plan (pure) → apply (see [`super::apply`]) → report. A preview
//! stops after the plan: it is the plan, told as a report, and writes nothing.
//!
//! Exactly once across users (issue 6 §6): Odoo has no unique constraint on `message_id`, so
//! after posting the page's entries are read back by (`message_id`, `model`, `res_id`); where
//! two colleagues posted the same mail at once, the lowest `mail.message` id survives, the
//! others are removed (a `MissingError` means a colleague already did) and the journal points
//! at the survivor.
//!
//! A folder's delta link is saved only when every action of its mails settled, so a rerun
//! re-reads what failed; the journal makes that re-read harmless.

use std::collections::BTreeSet;

use super::address::Address;
use super::apply::{self, Applied, Context, CrashPoints, KillAtPlannedSteps};
use super::collect::{self, Collected, Lookups, PageError, ReadProblem};
use super::decisions::{OpenAddress, OpenKind};
use super::matching::ContactIndex;
use super::plan::{Action, Direction, MailItem, MailPlan, Plan, PlanInput, Resolution};
use super::remote::{Mailbox, OdooSide};
use super::report::Outcomes;
use super::round::{Found, StagedRound};
use super::state::PendingMail;
use super::texts::MailMsg;
use crate::error_code::UserFacing;
use crate::i18n::Msg;
use crate::model::{ItemOutcome, Job};
use crate::store::{Cursor, Store, StoreError};

pub use super::options::MailOptions;
pub use super::report::{MailOutcome, MailReport, NoProgress, Progress};

/// Errors that stop a mail run before it finished.
#[derive(Debug, thiserror::Error)]
pub enum MailRunError {
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A test's crash point stopped the run (as a kill would).
    #[error("stopped at a crash point")]
    Crashed,
}

/// Runs the mail job once.
pub async fn run(
    mailbox: &impl Mailbox,
    odoo: &impl OdooSide,
    store: &Store,
    options: &MailOptions,
    own: &BTreeSet<Address>,
    progress: &dyn Progress,
) -> Result<MailReport, MailRunError> {
    run_with_crash_points(
        mailbox,
        odoo,
        store,
        options,
        own,
        progress,
        &KillAtPlannedSteps,
    )
    .await
}

/// [`run`] with the given crash points (tests stop runs there, as a kill would).
pub async fn run_with_crash_points(
    mailbox: &impl Mailbox,
    odoo: &impl OdooSide,
    store: &Store,
    options: &MailOptions,
    own: &BTreeSet<Address>,
    progress: &dyn Progress,
    crash: &dyn CrashPoints,
) -> Result<MailReport, MailRunError> {
    let cx = Context {
        mailbox,
        odoo,
        store,
        options,
        crash,
    };
    run_with(&cx, own, progress).await
}

async fn run_with<M: Mailbox, O: OdooSide>(
    cx: &Context<'_, M, O>,
    own: &BTreeSet<Address>,
    progress: &dyn Progress,
) -> Result<MailReport, MailRunError> {
    let options = cx.options;
    let mut report = MailReport {
        dry_run: options.dry_run,
        ..MailReport::default()
    };
    let folders = [
        (Direction::Incoming, options.incoming.as_deref()),
        (Direction::Outgoing, options.outgoing.as_deref()),
    ];
    let round = StagedRound::new(cx.store)?;
    let collected =
        collect::transfer_folders(cx.mailbox, cx.store, &round, folders, options.page_size).await?;
    report.microsoft_answered = !collected.rounds.is_empty();
    for problem in &collected.problems {
        match problem {
            ReadProblem::SignInRefused => sign_in_refused(&mut report, options.lang),
            ReadProblem::Incomplete(what) => report.incomplete.push(what.clone()),
        }
    }
    let mut failed_scopes = collected.unread_scopes.clone();
    let page_size = usize::try_from(options.page_size.max(1)).unwrap_or(50);
    let total = round.count()?;
    let (mut done, mut after) = (0, 0);
    loop {
        let page = round.page(after, page_size)?;
        let Some((last, _)) = page.last() else { break };
        after = *last;
        let (items, scopes): (Vec<MailItem>, Vec<Option<String>>) = page
            .into_iter()
            .map(|(_, Found { item, scope })| (item, scope))
            .unzip();
        let outcomes = handle_page(cx, own, &items, &mut report).await?;
        for (scope, outcome) in scopes.into_iter().zip(&outcomes) {
            if outcome.outcome == ItemOutcome::Failed
                && let Some(scope) = scope
            {
                failed_scopes.insert(scope);
            }
        }
        report.mails.extend(outcomes);
        done += items.len();
        progress.mails(done, total);
    }
    if !options.dry_run {
        round.forget_the_ones_that_left()?;
        save_cursors(cx.store, &collected, &failed_scopes)?;
    }
    Ok(report)
}

/// Saves each fully settled folder's delta link.
fn save_cursors(
    store: &Store,
    collected: &Collected,
    failed_scopes: &BTreeSet<String>,
) -> Result<(), StoreError> {
    for (scope, link) in &collected.rounds {
        // a folder with a mail that failed is read again from its old link
        if failed_scopes.contains(scope) {
            continue;
        }
        store.save_cursor(&Cursor {
            job: Job::Mail,
            scope: scope.clone(),
            graph_delta_link: Some(link.0.clone()),
            odoo_since: None,
            last_full_scan: None,
        })?;
    }
    Ok(())
}

/// Microsoft refused the stored sign-in: a person must sign in again (not a rerun), so it is
/// told once as something to act on and the account gets flagged by the caller.
fn sign_in_refused(report: &mut MailReport, lang: crate::i18n::Language) {
    report.microsoft_sign_in_refused = true;
    let note = Msg::Mail(MailMsg::MicrosoftSignInRefused).render(lang);
    if !report.needs_attention.contains(&note) {
        report.needs_attention.push(note);
    }
}

/// Looks up, plans and (unless previewing) applies one page; Odoo failing to answer fails the
/// page's mails, not the run.
async fn handle_page<M: Mailbox, O: OdooSide>(
    cx: &Context<'_, M, O>,
    own: &BTreeSet<Address>,
    items: &[MailItem],
    report: &mut MailReport,
) -> Result<Vec<MailOutcome>, MailRunError> {
    match file_page(cx, own, items, &mut report.needs_attention).await {
        Ok(outcomes) => {
            report.odoo_answered = true;
            Ok(outcomes)
        }
        Err(PageError::Store(e)) => Err(e.into()),
        Err(PageError::Crashed) => Err(MailRunError::Crashed),
        Err(PageError::Odoo(e)) => {
            tracing::warn!(error = %e, "odoo lookup failed");
            // NOTE: a refused key is for a person to fix (connect Odoo again), not a rerun.
            if e.code() == crate::error_code::ErrorCode::CredentialsRejected {
                report.odoo_key_refused |= e.is_refusal();
                let note = Msg::Mail(MailMsg::KeyRefused).render(cx.options.lang);
                if !report.needs_attention.contains(&note) {
                    report.needs_attention.push(note);
                }
            } else {
                report.incomplete.push(format!("odoo: {e}"));
            }
            let detail = format!("Odoo could not be asked: {e}");
            Ok(items
                .iter()
                .map(|item| MailOutcome::failed(item, detail.clone()))
                .collect())
        }
    }
}

/// The three steps of a page: look up → plan → apply (or, previewing, the plan as is).
async fn file_page<M: Mailbox, O: OdooSide>(
    cx: &Context<'_, M, O>,
    own: &BTreeSet<Address>,
    items: &[MailItem],
    needs_attention: &mut Vec<String>,
) -> Result<Vec<MailOutcome>, PageError> {
    let options = cx.options;
    let lookups = collect::look_up(
        cx.odoo,
        cx.store,
        items,
        own,
        options.include_colleagues,
        options.file_on_opportunity,
    )
    .await?;
    let index = ContactIndex::new(&lookups.contacts, options.include_colleagues);
    let plan = super::plan::plan(PlanInput {
        mails: items,
        contacts: &index,
        choices: &lookups.choices,
        known: &lookups.known,
        own,
        opportunities: &lookups.opportunities,
        delete_after_transfer: options.delete_after_transfer,
        duplicates: &lookups.duplicates,
    });
    if options.dry_run {
        let preview = Applied::preview(&plan);
        let outcomes = Outcomes::new(&plan, &lookups.known, &preview);
        return Ok(items.iter().filter_map(|i| outcomes.of(i)).collect());
    }
    let applied = apply::entries(cx, items, &plan).await?;
    for note in &applied.needs_attention {
        if !needs_attention.contains(note) {
            needs_attention.push(note.clone());
        }
    }
    settle(cx, items, &plan, &lookups, &index, &applied).await
}

/// After the entries: each mail's outcome, the moves to Deleted Items and what stays pending.
async fn settle<M: Mailbox, O: OdooSide>(
    cx: &Context<'_, M, O>,
    items: &[MailItem],
    plan: &Plan,
    lookups: &Lookups,
    index: &ContactIndex,
    applied: &Applied,
) -> Result<Vec<MailOutcome>, PageError> {
    let outcomes = Outcomes::new(plan, &lookups.known, applied);
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        let (Some(mut outcome), Some(mail)) = (
            outcomes.of(item),
            plan.mails.iter().find(|m| m.graph_id == item.graph_id),
        ) else {
            continue;
        };
        let wants_move = plan.actions.iter().any(
            |a| matches!(a, Action::MoveToDeletedItems { graph_id, .. } if graph_id == &item.graph_id),
        );
        if wants_move && outcome.outcome != ItemOutcome::Failed {
            let targets: Vec<_> = plan.targets_of(mail).collect();
            if let Err(e) = apply::move_to_deleted_items(cx, item, &targets).await? {
                tracing::warn!(error = %e, "filed mail not moved to deleted items");
                outcome.add_detail(format!("filed, but not moved to Deleted Items: {}", e.code));
                outcome.outcome = ItemOutcome::Failed;
            }
        }
        let keep = outcome.outcome == ItemOutcome::Failed
            || plan.actions.iter().any(
                |a| matches!(a, Action::KeepPending { graph_id } if graph_id == &item.graph_id),
            );
        keep_or_forget(cx.store, item, mail, index, keep.then_some(outcome.outcome))?;
        out.push(outcome);
    }
    Ok(out)
}

/// The plan's "keep pending" (or a mail that failed in this run: it stays for the next run as
/// `failed`) saves the mail with why it waits (`keep`); else nothing waits on it any more.
fn keep_or_forget(
    store: &Store,
    item: &MailItem,
    mail: &MailPlan,
    index: &ContactIndex,
    keep: Option<ItemOutcome>,
) -> Result<(), StoreError> {
    match keep {
        Some(outcome) => store.save_pending_mail(&PendingMail {
            mail: item.clone(),
            verdict: outcome.as_str().to_owned(),
            open: open_addresses(mail, index),
        }),
        None => store.remove_pending_mail(&item.graph_id),
    }
}

fn open_addresses(mail: &MailPlan, index: &ContactIndex) -> Vec<OpenAddress> {
    mail.addresses
        .iter()
        .filter_map(|a| match &a.resolution {
            Resolution::Waiting(ids) => Some(OpenAddress {
                address: a.address.clone(),
                kind: OpenKind::Waiting,
                candidates: ids
                    .iter()
                    .filter_map(|id| index.contact(*id).cloned())
                    .collect(),
            }),
            Resolution::Unassigned => Some(OpenAddress {
                address: a.address.clone(),
                kind: OpenKind::Unassigned,
                candidates: Vec::new(),
            }),
            _ => None,
        })
        .collect()
}
