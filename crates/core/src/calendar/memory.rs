//! The calendar job's seams in memory, for the engine tests: an Outlook calendar per person
//! with a change log (its delta), and one Odoo shared by colleagues that applies `partner_ids`
//! commands and all-day dates as Odoo 17 does (FACTS 27, 29, 30).

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use serde_json::{Map, Value, json};

use super::remote::{OdooCalendar, OutlookCalendar};
use crate::graph::error::{GraphError, GraphErrorKind};
use crate::graph::events::{Event, EventChange, Window};
use crate::graph::messages::{DeltaFrom, DeltaLink, DeltaPage};
use crate::model::OdooId;
use crate::odoo::OdooError;
use crate::odoo::calendar::{CalendarFacts, IdentityField, OdooEvent};
use crate::odoo::partners::Contact;

/// One person's Outlook calendar: events and the log of their changes.
#[derive(Default)]
pub struct MemoryCalendar {
    log: Mutex<Vec<(String, Option<Value>)>>,
    /// Graph requests made.
    pub requests: AtomicUsize,
}

impl MemoryCalendar {
    /// Adds or changes an event (its JSON as Graph sends it).
    pub fn put(&self, event: Value) {
        let id = event["id"].as_str().unwrap_or_default().to_owned();
        lock(&self.log).push((id, Some(event)));
    }

    /// Deletes an event.
    pub fn delete(&self, id: &str) {
        lock(&self.log).push((id.to_owned(), None));
    }

    fn current(&self, after: usize) -> Vec<EventChange> {
        let log = lock(&self.log);
        let mut latest: BTreeMap<String, (usize, Option<Value>)> = BTreeMap::new();
        for (seq, (id, event)) in log.iter().enumerate().skip(after) {
            latest.insert(id.clone(), (seq, event.clone()));
        }
        let mut changes: Vec<(usize, EventChange)> = latest
            .into_iter()
            .filter(|(_, (_, e))| after > 0 || e.is_some())
            .map(|(id, (seq, event))| {
                let change = match event {
                    Some(e) => crate::graph::events::change_of(e),
                    None => EventChange::Removed { id },
                };
                (seq, change)
            })
            .collect();
        changes.sort_by_key(|(seq, _)| *seq);
        changes.into_iter().map(|(_, c)| c).collect()
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

impl OutlookCalendar for MemoryCalendar {
    async fn delta_page(
        &self,
        _window: &Window,
        from: DeltaFrom<'_>,
        _page_size: u32,
    ) -> Result<DeltaPage<EventChange>, GraphError> {
        self.requests.fetch_add(1, Ordering::SeqCst);
        let after = match from {
            DeltaFrom::Start => 0,
            DeltaFrom::Link(link) => link
                .strip_prefix("mem:")
                .and_then(|n| n.parse().ok())
                .ok_or_else(|| {
                    GraphError::local(GraphErrorKind::BadAnswer, "link", link.to_owned())
                })?,
        };
        let changes = self.current(after);
        let end = lock(&self.log).len();
        Ok(DeltaPage::Last {
            changes,
            delta_link: DeltaLink(format!("mem:{end}")),
        })
    }

    async fn event(&self, id: &str) -> Result<Option<Event>, GraphError> {
        self.requests.fetch_add(1, Ordering::SeqCst);
        let log = lock(&self.log);
        let last = log
            .iter()
            .rev()
            .find(|(i, _)| i == id)
            .and_then(|(_, e)| e.clone());
        Ok(last.and_then(|e| serde_json::from_value(e).ok()))
    }
}

/// One Odoo shared by colleagues.
pub struct MemoryOdoo {
    events: Mutex<BTreeMap<i64, Map<String, Value>>>,
    /// The partners matching knows.
    pub contacts: Vec<Contact>,
    /// Colleagues' users by partner.
    pub users: BTreeMap<OdooId, OdooId>,
    /// Where the identity goes.
    pub identity: IdentityField,
    /// Odoo requests made.
    pub requests: AtomicUsize,
    /// Odoo answers nothing while set.
    pub down: std::sync::atomic::AtomicBool,
}

impl MemoryOdoo {
    /// An Odoo with these contacts.
    pub fn new(contacts: Vec<Contact>, identity: IdentityField) -> MemoryOdoo {
        MemoryOdoo {
            events: Mutex::new(BTreeMap::new()),
            contacts,
            users: BTreeMap::new(),
            identity,
            requests: AtomicUsize::new(0),
            down: std::sync::atomic::AtomicBool::new(false),
        }
    }

    /// Every event (archived included), by id.
    pub fn events(&self) -> BTreeMap<i64, Map<String, Value>> {
        lock(&self.events).clone()
    }

    /// Changes a field as a person in Odoo would.
    pub fn edit(&self, id: i64, field: &str, value: Value) {
        if let Some(e) = lock(&self.events).get_mut(&id) {
            e.insert(field.into(), value);
        }
    }

    fn ask(&self) -> Result<(), OdooError> {
        self.requests.fetch_add(1, Ordering::SeqCst);
        if self.down.load(Ordering::SeqCst) {
            return Err(OdooError::ServerUnavailable {
                url: "memory".into(),
                status: 503,
            });
        }
        Ok(())
    }
}

fn apply_values(event: &mut Map<String, Value>, values: &Map<String, Value>) {
    for (key, value) in values {
        match key.as_str() {
            "partner_ids" => {
                let mut ids: Vec<i64> = event
                    .get("partner_ids")
                    .and_then(Value::as_array)
                    .map(|a| a.iter().filter_map(Value::as_i64).collect())
                    .unwrap_or_default();
                for command in value.as_array().into_iter().flatten() {
                    match (command[0].as_i64(), command[1].as_i64()) {
                        (Some(6), _) => {
                            ids = command[2]
                                .as_array()
                                .into_iter()
                                .flatten()
                                .filter_map(Value::as_i64)
                                .collect();
                        }
                        (Some(4), Some(id)) if !ids.contains(&id) => ids.push(id),
                        (Some(3), Some(id)) => ids.retain(|p| *p != id),
                        _ => {}
                    }
                }
                ids.sort_unstable();
                event.insert(key.clone(), json!(ids));
            }
            "start_date" => {
                event.insert(
                    "start".into(),
                    json!(format!("{} 08:00:00", value.as_str().unwrap_or_default())),
                );
                event.insert(key.clone(), value.clone());
            }
            "stop_date" => {
                event.insert(
                    "stop".into(),
                    json!(format!("{} 18:00:00", value.as_str().unwrap_or_default())),
                );
                event.insert(key.clone(), value.clone());
            }
            "alarm_ids" | "need_sync_m" => {}
            _ => {
                event.insert(key.clone(), value.clone());
            }
        }
    }
}

fn as_event(id: i64, fields: &Map<String, Value>) -> OdooEvent {
    OdooEvent {
        id: OdooId(id),
        fields: fields.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
    }
}

impl OdooCalendar for MemoryOdoo {
    async fn facts(&self) -> Result<CalendarFacts, OdooError> {
        self.ask()?;
        Ok(CalendarFacts {
            identity: self.identity,
            microsoft_calendar: false,
            own_outlook_sync: false,
        })
    }

    async fn contacts_with(&self, addresses: &[&str]) -> Result<Vec<Contact>, OdooError> {
        self.ask()?;
        Ok(self
            .contacts
            .iter()
            .filter(|c| addresses.iter().any(|a| c.email.to_lowercase().contains(a)))
            .map(|c| {
                let mut c = c.clone();
                c.users = self.users.get(&c.id).copied().into_iter().collect();
                c
            })
            .collect())
    }

    async fn events(
        &self,
        identity: IdentityField,
        uids: &[&str],
        ids: &[OdooId],
    ) -> Result<Vec<OdooEvent>, OdooError> {
        if uids.is_empty() && ids.is_empty() {
            return Ok(Vec::new());
        }
        self.ask()?;
        let events = lock(&self.events);
        Ok(events
            .iter()
            .filter(|(id, e)| {
                ids.contains(&OdooId(**id))
                    || identity
                        .field()
                        .and_then(|f| e.get(f))
                        .and_then(Value::as_str)
                        .is_some_and(|u| uids.contains(&u))
            })
            .map(|(id, e)| as_event(*id, e))
            .collect())
    }

    async fn events_by_name_and_time(
        &self,
        keys: &[(String, String, String)],
        partners: &[OdooId],
        ids: &[OdooId],
    ) -> Result<Vec<OdooEvent>, OdooError> {
        if keys.is_empty() && ids.is_empty() {
            return Ok(Vec::new());
        }
        self.ask()?;
        let events = lock(&self.events);
        let text = |e: &Map<String, Value>, k: &str| {
            e.get(k)
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned()
        };
        let attended = |e: &Map<String, Value>| {
            e.get("partner_ids")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(Value::as_i64)
                .any(|p| partners.contains(&OdooId(p)))
        };
        Ok(events
            .iter()
            .filter(|(id, e)| {
                ids.contains(&OdooId(**id))
                    || keys.contains(&(text(e, "name"), text(e, "start"), text(e, "stop")))
                        && attended(e)
            })
            .map(|(id, e)| as_event(*id, e))
            .collect())
    }

    async fn create(&self, values: Vec<Map<String, Value>>) -> Result<Vec<OdooId>, OdooError> {
        self.ask()?;
        let mut events = lock(&self.events);
        let mut ids = Vec::new();
        for v in values {
            let id = events.keys().next_back().copied().unwrap_or(0) + 1;
            let mut event = Map::new();
            event.insert("active".into(), json!(true));
            apply_values(&mut event, &v);
            events.insert(id, event);
            ids.push(OdooId(id));
        }
        Ok(ids)
    }

    async fn write(&self, id: OdooId, values: Map<String, Value>) -> Result<(), OdooError> {
        self.ask()?;
        let mut events = lock(&self.events);
        let event = events
            .get_mut(&id.0)
            .ok_or_else(|| OdooError::MissingRecord {
                site: crate::odoo::error::CallSite {
                    model: Some("calendar.event".into()),
                    method: "write".into(),
                },
                detail: "Record does not exist or has been deleted.".into(),
            })?;
        apply_values(event, &values);
        Ok(())
    }

    async fn remove(&self, ids: &[OdooId]) -> Result<(), OdooError> {
        self.ask()?;
        let mut events = lock(&self.events);
        for id in ids {
            events.remove(&id.0);
        }
        Ok(())
    }
}
