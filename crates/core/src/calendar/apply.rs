//! Apply: a page's plan against Odoo. Creates go in one `create` call, each journaled
//! (`intent`) before it and `written` after; then one read-back of every event the page
//! touched gives the snapshots the links keep and shows where a colleague created the same
//! meeting at the same moment: everyone keeps the lowest id, so a later copy of ours moves its
//! attendees to the lowest and is removed. A crash anywhere is picked up by the next run:
//! the meeting's identity in Odoo (or its name and time) finds what was created, so it is
//! joined, not created twice.

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};

use super::error::CalendarRunError;
use super::notes::EventNote;
use super::options::CalendarOptions;
use super::plan::{Action, ActionKind, Link, Plan, Verdict, WRITTEN_DESCRIPTION, description_hash};
use super::remote::{OdooCalendar, OutlookCalendar};
use super::report::CalendarReport;
use crate::crash_points::CrashPoints;
use crate::model::JournalId;
use crate::model::OdooRef;
use crate::model::{Job, OdooId};
use crate::odoo::OdooError;
use crate::odoo::calendar::{CalendarFacts, EVENT};
use crate::store::{JournalIntent, JournalNote, JournalState, Store};

/// What the job works with while running.
pub(super) struct Context<'a, C, O> {
    pub(super) calendar: &'a C,
    pub(super) odoo: &'a O,
    pub(super) store: &'a Store,
    pub(super) options: &'a CalendarOptions,
    pub(super) crash: &'a dyn CrashPoints,
    /// Learned from Odoo before the first write of the run (none until a page needs Odoo).
    pub(super) facts: Option<CalendarFacts>,
}

impl<C: OutlookCalendar, O: OdooCalendar> Context<'_, C, O> {
    /// What this Odoo offers, asked once per run; `None` when Odoo did not answer. Refuses the
    /// run when Odoo's own Outlook sync runs for this person.
    pub(super) async fn facts(&mut self) -> Result<Option<CalendarFacts>, CalendarRunError> {
        if let Some(facts) = &self.facts {
            return Ok(Some(facts.clone()));
        }
        let Ok(facts) = self.odoo.facts().await else {
            return Ok(None);
        };
        if facts.own_outlook_sync {
            return Err(CalendarRunError::OdooSyncsOutlook);
        }
        self.facts = Some(facts.clone());
        Ok(Some(facts))
    }

    fn stop_at(&self, step: &'static str) -> Result<(), CalendarRunError> {
        if self.crash.reached(step) {
            return Err(CalendarRunError::Crashed);
        }
        Ok(())
    }
}

/// Where each action ended: the Odoo event, or why not.
type Results = BTreeMap<String, Result<OdooId, (EventNote, String)>>;

/// The journal entry of each event created this page, by Outlook id (confirmed after the
/// read-back).
type Journal = BTreeMap<String, JournalId>;

/// Applies a page's plan and adds each event's outcome to the report; true when all settled.
pub(super) async fn apply<C: OutlookCalendar, O: OdooCalendar>(
    cx: &Context<'_, C, O>,
    plan: Plan,
    facts: &CalendarFacts,
    report: &mut CalendarReport,
) -> Result<bool, CalendarRunError> {
    let mut results: Results = BTreeMap::new();
    let creates: Vec<&Action> = plan
        .actions
        .iter()
        .filter(|a| a.kind == ActionKind::Create)
        .collect();
    let journal = create(cx, &creates, facts, &mut results).await?;
    for action in plan.actions.iter().filter(|a| a.kind != ActionKind::Create) {
        let result = write(cx, action).await.map_err(failure);
        results.insert(
            action.outlook_id.clone(),
            result.map(|()| action.odoo.unwrap_or_default()),
        );
    }
    settle(cx, &plan.actions, facts, &mut results, &journal).await?;
    let settled = results.values().all(Result::is_ok);
    tell(plan.verdicts, &results, report, cx.options.lang);
    Ok(settled)
}

fn failure(e: OdooError) -> (EventNote, String) {
    let note = if e.is_transport() || e.no_answer().is_some() {
        EventNote::OdooDidNotAnswer
    } else {
        EventNote::Refused { reason: e.reason() }
    };
    (note, e.to_string())
}

fn journal_item(action: &Action) -> JournalIntent {
    JournalIntent {
        job: Job::Calendar,
        // NOTE: per change key: an event created again after it was deleted in Odoo is a new write
        item_key: format!("{} {}", action.ical_uid, action.change_key),
        operation: "create_event".into(),
        target: String::new(),
        remote_id: Some(action.outlook_id.clone()),
    }
}

async fn create<C: OutlookCalendar, O: OdooCalendar>(
    cx: &Context<'_, C, O>,
    creates: &[&Action],
    facts: &CalendarFacts,
    results: &mut Results,
) -> Result<Journal, CalendarRunError> {
    let mut journal = Journal::new();
    if creates.is_empty() {
        return Ok(journal);
    }
    let mut values = Vec::new();
    let mut entries = Vec::new();
    for action in creates {
        entries.push(cx.store.journal_intent(&journal_item(action))?.id);
        let v = action
            .values
            .as_ref()
            .map(|v| v.to_odoo(true, &[], facts.microsoft_calendar));
        values.push(v.unwrap_or_default());
    }
    cx.stop_at("calendar:intent")?;
    match cx.odoo.create(values).await {
        Ok(ids) => {
            for ((action, id), entry) in creates.iter().zip(ids).zip(&entries) {
                let note = JournalNote {
                    odoo: Some(OdooRef {
                        model: EVENT.into(),
                        id,
                    }),
                    ..JournalNote::default()
                };
                cx.store
                    .journal_advance(*entry, JournalState::Written, &note)?;
                journal.insert(action.outlook_id.clone(), *entry);
                results.insert(action.outlook_id.clone(), Ok(id));
            }
            cx.stop_at("calendar:written")?;
        }
        Err(e) => {
            let (note, technical) = failure(e);
            for (action, entry) in creates.iter().zip(&entries) {
                let failed = JournalNote {
                    detail: Some(technical.clone()),
                    ..JournalNote::default()
                };
                cx.store
                    .journal_advance(*entry, JournalState::Failed, &failed)?;
                results.insert(
                    action.outlook_id.clone(),
                    Err((note.clone(), technical.clone())),
                );
            }
        }
    }
    Ok(journal)
}

/// One action other than a create.
async fn write<C: OutlookCalendar, O: OdooCalendar>(
    cx: &Context<'_, C, O>,
    action: &Action,
) -> Result<(), OdooError> {
    let Some(id) = action.odoo else { return Ok(()) };
    match action.kind {
        // a colleague's event: add our attendees, then remove later duplicates
        ActionKind::Join => {
            if !action.partners.is_empty() {
                cx.odoo
                    .write(id, partner_commands(&action.partners, 4))
                    .await?;
            }
            if !action.duplicates.is_empty() {
                cx.odoo.remove(&action.duplicates).await?;
            }
            Ok(())
        }
        // Outlook leads: its values overwrite Odoo's
        ActionKind::Update => {
            let values = action
                .values
                .as_ref()
                .map(|v| v.to_odoo(false, &action.partners, false))
                .unwrap_or_default();
            cx.odoo.write(id, values).await
        }
        // cancelled or deleted by its organizer
        ActionKind::Archive => {
            let mut values = Map::new();
            values.insert("active".into(), json!(false));
            cx.odoo.write(id, values).await
        }
        // the person no longer attends
        ActionKind::Leave => {
            cx.odoo
                .write(id, partner_commands(&action.partners, 3))
                .await
        }
        ActionKind::Create => Ok(()),
    }
}

fn partner_commands(partners: &[OdooId], command: i64) -> Map<String, Value> {
    let commands: Vec<Value> = partners.iter().map(|p| json!([command, p.0])).collect();
    let mut values = Map::new();
    values.insert("partner_ids".into(), Value::Array(commands));
    values
}

/// Reads back every event the page touched, keeps the lowest where a colleague created the
/// same meeting at the same moment, and saves the links.
async fn settle<C: OutlookCalendar, O: OdooCalendar>(
    cx: &Context<'_, C, O>,
    actions: &[Action],
    facts: &CalendarFacts,
    results: &mut Results,
    journal: &Journal,
) -> Result<(), CalendarRunError> {
    let touched: Vec<OdooId> = results
        .values()
        .filter_map(|r| r.as_ref().ok().copied())
        .collect();
    if touched.is_empty() {
        return Ok(());
    }
    let created: Vec<&Action> = actions
        .iter()
        .filter(|a| {
            a.kind == ActionKind::Create && results.get(&a.outlook_id).is_some_and(Result::is_ok)
        })
        .collect();
    let uids: Vec<&str> = created.iter().map(|a| a.ical_uid.as_str()).collect();
    let read = read_back(cx, &created, &uids, &touched, facts).await;
    let state = match read {
        Ok(found) => Some(super::plan::OdooState::from_events(found, facts.identity)),
        // NOTE: written but not checked: the links are saved without a snapshot; the journal
        // keeps `written`, and a duplicate a colleague made at the same moment stays until
        // one of us changes the meeting.
        Err(_) => None,
    };
    for action in actions {
        let Some(Ok(mut id)) = results.get(&action.outlook_id).cloned() else {
            continue;
        };
        if let (Some(state), ActionKind::Create) = (&state, &action.kind) {
            id = keep_lowest(cx, action, id, state).await;
            results.insert(action.outlook_id.clone(), Ok(id));
        }
        save(
            cx,
            action,
            id,
            state.as_ref(),
            journal.get(&action.outlook_id),
        )?;
    }
    Ok(())
}

/// The events the page touched, and every event of the meetings it created (by identity, or
/// by name and time where Odoo has no field for it): one read, two without the field.
async fn read_back<C: OutlookCalendar, O: OdooCalendar>(
    cx: &Context<'_, C, O>,
    created: &[&Action],
    uids: &[&str],
    touched: &[OdooId],
    facts: &CalendarFacts,
) -> Result<Vec<crate::odoo::calendar::OdooEvent>, OdooError> {
    if facts.identity.field().is_some() || created.is_empty() {
        return cx.odoo.events(facts.identity, uids, touched).await;
    }
    {
        let keys: Vec<(String, String, String)> = created
            .iter()
            .filter_map(|a| a.values.as_ref())
            .map(|v| {
                let (start, stop) = super::plan::odoo_times(&v.when);
                (v.name.clone(), start, stop)
            })
            .collect();
        let own = [cx.options.own_partner];
        cx.odoo.events_by_name_and_time(&keys, &own, touched).await
    }
}

/// Where a colleague created the same meeting at the same moment: the lowest id stays; ours,
/// if later, gives its attendees to it and is removed.
async fn keep_lowest<C: OutlookCalendar, O: OdooCalendar>(
    cx: &Context<'_, C, O>,
    action: &Action,
    ours: OdooId,
    state: &super::plan::OdooState,
) -> OdooId {
    let Some(lowest) = state
        .by_identity
        .get(&action.key)
        .and_then(|ids| ids.first().copied())
    else {
        return ours;
    };
    if lowest >= ours {
        return ours;
    }
    let partners = action
        .values
        .as_ref()
        .map(|v| v.partners.clone())
        .unwrap_or_default();
    let moved = cx.odoo.write(lowest, partner_commands(&partners, 4)).await;
    if moved.is_ok() && cx.odoo.remove(&[ours]).await.is_ok() {
        return lowest;
    }
    ours
}

fn save<C: OutlookCalendar, O: OdooCalendar>(
    cx: &Context<'_, C, O>,
    action: &Action,
    id: OdooId,
    state: Option<&super::plan::OdooState>,
    entry: Option<&JournalId>,
) -> Result<(), CalendarRunError> {
    match action.kind {
        ActionKind::Archive | ActionKind::Leave => {
            cx.store.forget_event_link(&action.outlook_id)?;
        }
        ActionKind::Create | ActionKind::Join | ActionKind::Update => {
            let mut snapshot = state
                .and_then(|s| s.by_id.get(&id))
                .map(|e| e.fields.clone())
                .unwrap_or_default();
            if let (Some(values), false) = (&action.values, snapshot.is_empty()) {
                snapshot.insert(
                    WRITTEN_DESCRIPTION.to_owned(),
                    json!(description_hash(&values.description)),
                );
            }
            let link = Link {
                odoo: id,
                ical_uid: action.ical_uid.clone(),
                change_key: action.change_key.clone(),
                snapshot,
                organizer_is_me: action.organizer_is_me,
            };
            cx.store.save_event_link(&action.outlook_id, &link)?;
            if let (Some(entry), Some(_)) = (entry, state) {
                cx.store.journal_advance(
                    *entry,
                    JournalState::Confirmed,
                    &JournalNote::default(),
                )?;
            }
        }
    }
    Ok(())
}

fn tell(
    verdicts: Vec<Verdict>,
    results: &Results,
    report: &mut CalendarReport,
    lang: crate::language::Language,
) {
    for verdict in verdicts {
        match results.get(&verdict.outlook_id) {
            Some(Err((note, technical))) => {
                report.add_failed(verdict, note.clone(), technical.clone(), lang);
            }
            Some(Ok(id)) => report.add(verdict, Some(*id), lang),
            None => report.add(verdict, None, lang),
        }
    }
}
