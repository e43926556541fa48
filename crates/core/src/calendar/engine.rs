//! One calendar run: per window (see [`super::window`]) read the delta round a page at a
//! time; per page with anything new: look up (contacts, colleagues' users, Odoo's events of
//! those meetings), plan (pure) → apply ([`super::apply`]) → report. A preview stops after the
//! plan. A window's delta link is saved only when every page of it settled, so a rerun reads
//! again what failed (replays are harmless: an event already imported with the same change
//! key is passed over before Odoo is asked anything, so a quiet run costs one Graph request
//! and no Odoo request).

use std::collections::{BTreeMap, BTreeSet};

use super::apply::{self, Context};
use super::event::OutlookEvent;
use super::notes::EventNote;
use super::options::CalendarOptions;
use super::plan::{self, Change, Gone, OdooState, People, PlanInput, PlanOptions};
use super::remote::{OdooCalendar, OutlookCalendar};
use super::report::{CalendarReport, Progress};
use super::window::{self, SyncWindow};
use crate::crash_points::{CrashPoints, KillAtPlannedSteps};
use crate::graph::error::GraphErrorKind;
use crate::graph::events::EventChange;
use crate::graph::messages::{DeltaCursor, DeltaFrom};
use crate::mail::matching::ContactIndex;
use crate::model::{Job, OdooId};
use crate::odoo::OdooError;
use crate::odoo::calendar::{CalendarFacts, IdentityField};
use crate::store::{Cursor, EventLink, Store};

pub use super::error::CalendarRunError;

/// Runs the calendar job once.
pub async fn run(
    calendar: &impl OutlookCalendar,
    odoo: &impl OdooCalendar,
    store: &Store,
    options: &CalendarOptions,
    progress: &dyn Progress,
) -> Result<CalendarReport, CalendarRunError> {
    run_with_crash_points(
        calendar,
        odoo,
        store,
        options,
        progress,
        &KillAtPlannedSteps,
    )
    .await
}

/// [`run`] with the given crash points.
pub async fn run_with_crash_points(
    calendar: &impl OutlookCalendar,
    odoo: &impl OdooCalendar,
    store: &Store,
    options: &CalendarOptions,
    progress: &dyn Progress,
    crash: &dyn CrashPoints,
) -> Result<CalendarReport, CalendarRunError> {
    let mut cx = Context {
        calendar,
        odoo,
        store,
        options,
        crash,
        facts: None,
    };
    let mut report = CalendarReport {
        dry_run: options.dry_run,
        ..CalendarReport::default()
    };
    let current = window::windows(options.start_date, options.today);
    // NOTE: a window that today left behind is read to its end first: what changed since its
    // last round (deletions above all) is not in a new round's first listing.
    for scope in store.cursor_scopes(Job::Calendar)? {
        if current.iter().any(|w| w.scope == scope) {
            continue;
        }
        let done = match window::from_scope(&scope) {
            Some(old) => read_window(&mut cx, &old, &mut report, progress).await?,
            None => true,
        };
        if done && !options.dry_run {
            store.clear_cursor(Job::Calendar, &scope)?;
        }
    }
    for w in &current {
        read_window(&mut cx, w, &mut report, progress).await?;
    }
    Ok(report)
}

/// Reads one window's round; true when every page settled (its delta link is then saved).
async fn read_window<C: OutlookCalendar, O: OdooCalendar>(
    cx: &mut Context<'_, C, O>,
    w: &SyncWindow,
    report: &mut CalendarReport,
    progress: &dyn Progress,
) -> Result<bool, CalendarRunError> {
    let saved = cx
        .store
        .cursor(Job::Calendar, &w.scope)?
        .and_then(|c| c.graph_delta_link);
    let max_pages = cx.calendar.max_delta_pages();
    let mut cursor = DeltaCursor::bounded(saved.as_deref(), max_pages);
    let (mut settled, mut restarted) = (true, false);
    loop {
        let from: Option<String> = match cursor.next() {
            None => break,
            Some(DeltaFrom::Start) => None,
            Some(DeltaFrom::Link(link)) => Some(link.to_owned()),
        };
        let at = from.as_deref().map_or(DeltaFrom::Start, DeltaFrom::Link);
        let page = match cx
            .calendar
            .delta_page(&w.window, at, cx.options.page_size)
            .await
        {
            Ok(page) => page,
            // an expired token: read the window again, never take the gap for deletions
            Err(e) if e.kind == GraphErrorKind::ResyncRequired && !restarted => {
                restarted = true;
                cursor = DeltaCursor::bounded(None, max_pages);
                continue;
            }
            Err(e) => {
                report.microsoft_sign_in_refused |= e.kind == GraphErrorKind::Auth;
                report.incomplete.push(format!("{}: {e}", w.scope));
                return Ok(false);
            }
        };
        report.pages_read += 1;
        let changes = match cursor.take(page) {
            Ok(changes) => changes,
            Err(e) => {
                report.incomplete.push(format!("{}: {e}", w.scope));
                return Ok(false);
            }
        };
        settled &= handle_page(cx, changes, report).await?;
        progress.events(report.events.len());
    }
    if settled
        && !cx.options.dry_run
        && let Some(end) = cursor.end()
    {
        cx.store.save_cursor(&Cursor {
            job: Job::Calendar,
            scope: w.scope.clone(),
            graph_delta_link: Some(end.0),
            odoo_since: None,
            last_full_scan: None,
        })?;
    }
    Ok(settled)
}

/// Plans and applies one page; true when all of it settled.
async fn handle_page<C: OutlookCalendar, O: OdooCalendar>(
    cx: &mut Context<'_, C, O>,
    raw: Vec<EventChange>,
    report: &mut CalendarReport,
) -> Result<bool, CalendarRunError> {
    let changes = usable(raw);
    let ids: Vec<&str> = changes.iter().map(change_id).collect();
    let links = cx.store.event_links(&ids)?;
    let changes: Vec<Change> = changes.into_iter().filter(|c| is_new(c, &links)).collect();
    if changes.is_empty() {
        return Ok(true);
    }
    let Some(facts) = cx.facts().await? else {
        fail_all(&changes, report, cx.options.lang, "Odoo did not answer");
        return Ok(false);
    };
    let looked_up = match look_up(cx, &changes, &links, &facts).await {
        Ok(found) => found,
        Err(e) => {
            report.odoo_key_refused |= matches!(e, OdooError::AccessDenied);
            fail_all(&changes, report, cx.options.lang, &e.to_string());
            return Ok(false);
        }
    };
    report.odoo_answered = true;
    let (people, odoo, gone, gone_settled) = looked_up;
    let options = plan_options(cx.options, &facts);
    let plan = plan::plan(PlanInput {
        changes: &changes,
        links: &links,
        odoo: &odoo,
        people: &people,
        gone: &gone,
        options: &options,
    });
    if cx.options.dry_run {
        for verdict in plan.verdicts {
            report.add(verdict, None, cx.options.lang);
        }
        return Ok(true);
    }
    let applied = apply::apply(cx, plan, &facts, report).await?;
    Ok(applied && gone_settled)
}

fn plan_options(options: &CalendarOptions, facts: &CalendarFacts) -> PlanOptions {
    PlanOptions {
        start_date: options.start_date,
        tz: options.tz,
        skip_private: options.skip_private,
        archive_cancelled: options.archive_cancelled,
        identity: facts.identity,
        microsoft_calendar: facts.microsoft_calendar,
        lang: options.lang,
    }
}

/// Graph's changes as the planner reads them: unreadable ones become a line in the run log.
fn usable(raw: Vec<EventChange>) -> Vec<Change> {
    raw.into_iter()
        .map(|change| match change {
            EventChange::Upsert(event) => match OutlookEvent::read(&event) {
                Ok(e) => Change::Event(Box::new(e)),
                Err(problem) => Change::Unusable {
                    id: event.id.clone(),
                    subject: event.subject.clone().unwrap_or_default(),
                    note: EventNote::BadTime {
                        problem: problem.to_string(),
                    },
                },
            },
            EventChange::Removed { id } => Change::Removed { id },
            EventChange::Unreadable {
                id,
                subject,
                problem,
            } => Change::Unusable {
                id: id.unwrap_or_default(),
                subject: subject.unwrap_or_default(),
                note: EventNote::Unreadable { problem },
            },
        })
        .collect()
}

fn change_id(change: &Change) -> &str {
    match change {
        Change::Event(e) => &e.id,
        Change::Removed { id } | Change::Unusable { id, .. } => id,
    }
}

/// Whether a change asks anything of Odoo: a new or changed event, the removal of one we
/// imported, or an unreadable one (told in the run log).
fn is_new(change: &Change, links: &BTreeMap<String, EventLink>) -> bool {
    match change {
        Change::Event(e) => links
            .get(&e.id)
            .is_none_or(|l| l.change_key != e.change_key),
        Change::Removed { id } => links.contains_key(id),
        Change::Unusable { .. } => true,
    }
}

fn fail_all(
    changes: &[Change],
    report: &mut CalendarReport,
    lang: crate::language::Language,
    why: &str,
) {
    for change in changes {
        let (subject, when) = match change {
            Change::Event(e) => (e.subject.clone(), Some(e.when)),
            Change::Unusable { subject, .. } => (subject.clone(), None),
            Change::Removed { .. } => (String::new(), None),
        };
        let verdict = plan::Verdict {
            outlook_id: change_id(change).to_owned(),
            subject,
            when,
            outcome: crate::model::ItemOutcome::Failed,
            notes: Vec::new(),
        };
        report.add_failed(verdict, EventNote::OdooDidNotAnswer, why.to_owned(), lang);
    }
}

type LookedUp = (People, OdooState, BTreeMap<String, Gone>, bool);

/// What the planner needs of Odoo and Outlook for one page: three Odoo reads at most.
async fn look_up<C: OutlookCalendar, O: OdooCalendar>(
    cx: &Context<'_, C, O>,
    changes: &[Change],
    links: &BTreeMap<String, EventLink>,
    facts: &CalendarFacts,
) -> Result<LookedUp, OdooError> {
    let options = cx.options;
    let events: Vec<&OutlookEvent> = changes
        .iter()
        .filter_map(|c| match c {
            Change::Event(e) => Some(e.as_ref()),
            _ => None,
        })
        .collect();
    let people = people(cx, &events).await?;
    let linked: Vec<OdooId> = changes
        .iter()
        .filter_map(|c| links.get(change_id(c)).map(|l| l.odoo))
        .collect();
    let odoo = odoo_state(cx, &events, &linked, &people, facts).await?;
    let (gone, settled) = if options.archive_cancelled {
        ask_about_removed(cx, changes, links).await
    } else {
        (BTreeMap::new(), true)
    };
    Ok((people, odoo, gone, settled))
}

async fn people<C: OutlookCalendar, O: OdooCalendar>(
    cx: &Context<'_, C, O>,
    events: &[&OutlookEvent],
) -> Result<People, OdooError> {
    let options = cx.options;
    let addresses: BTreeSet<&str> = events
        .iter()
        .flat_map(|e| e.attendees.iter().chain(e.organizer.as_ref()))
        .filter_map(|a| a.address.as_ref())
        .filter(|a| !options.own_addresses.contains(*a))
        .map(|a| a.as_str())
        .collect();
    let addresses: Vec<&str> = addresses.into_iter().collect();
    let contacts = if addresses.is_empty() {
        Vec::new()
    } else {
        cx.odoo.contacts_with(&addresses).await?
    };
    // NOTE: a colleague's partner names their user (`user_ids`): no further read
    let users: BTreeMap<OdooId, OdooId> = contacts
        .iter()
        .filter(|c| c.is_colleague && c.active)
        .filter_map(|c| c.users.first().map(|u| (c.id, *u)))
        .collect();
    Ok(People {
        contacts: ContactIndex::new(&contacts, true),
        users,
        own_partner: options.own_partner,
        own_user: options.own_user,
        own_addresses: options.own_addresses.clone(),
    })
}

async fn odoo_state<C: OutlookCalendar, O: OdooCalendar>(
    cx: &Context<'_, C, O>,
    events: &[&OutlookEvent],
    linked: &[OdooId],
    people: &People,
    facts: &CalendarFacts,
) -> Result<OdooState, OdooError> {
    let uids: Vec<&str> = events.iter().map(|e| e.ical_uid.as_str()).collect();
    if facts.identity != IdentityField::NameAndTime {
        let found = cx.odoo.events(facts.identity, &uids, linked).await?;
        return Ok(OdooState::from_events(found, facts.identity));
    }
    {
        let keys: Vec<(String, String, String)> = events
            .iter()
            .map(|e| {
                let (start, stop) = plan::odoo_times(&e.when);
                (plan::odoo_name(e, cx.options.lang), start, stop)
            })
            .collect();
        let mut partners: BTreeSet<OdooId> = BTreeSet::from([people.own_partner]);
        for e in events {
            for a in e.attendees.iter().chain(e.organizer.as_ref()) {
                if let Some(address) = &a.address {
                    partners.extend(people.contacts.matches(address).iter().map(|c| c.id));
                }
            }
        }
        let partners: Vec<OdooId> = partners.into_iter().collect();
        let found = cx
            .odoo
            .events_by_name_and_time(&keys, &partners, linked)
            .await?;
        Ok(OdooState::from_events(found, facts.identity))
    }
}

/// Asks Outlook about each removed event we imported: deleted, cancelled, or elsewhere.
/// One that cannot be asked is left out (nothing is archived on a failed read).
async fn ask_about_removed<C: OutlookCalendar, O: OdooCalendar>(
    cx: &Context<'_, C, O>,
    changes: &[Change],
    links: &BTreeMap<String, EventLink>,
) -> (BTreeMap<String, Gone>, bool) {
    let mut gone = BTreeMap::new();
    let mut settled = true;
    for change in changes {
        let Change::Removed { id } = change else {
            continue;
        };
        if !links.contains_key(id) {
            continue;
        }
        match cx.calendar.event(id).await {
            Ok(None) => {
                gone.insert(id.clone(), Gone::Deleted);
            }
            Ok(Some(e)) if e.is_cancelled => {
                gone.insert(id.clone(), Gone::Cancelled);
            }
            Ok(Some(_)) => {
                gone.insert(id.clone(), Gone::Elsewhere);
            }
            Err(_) => settled = false,
        }
    }
    (gone, settled)
}
