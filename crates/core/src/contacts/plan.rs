//! The contacts job's planner: what Odoo says of the subscribed contacts, what the store
//! remembers of the Outlook contacts it made, and what Outlook's delta says of them, in; a
//! sorted [`Plan`] out. Pure: no I/O, no clock. The engine reads from Odoo every partner that
//! changed, every new or ended subscription, and every partner whose Outlook contact the delta
//! shows edited or removed. Odoo leads: a contact changed in Odoo is
//! written again, one edited in Outlook is written over (and the run log names the fields),
//! one deleted in Outlook while still subscribed is created again. When the subscription ends
//! the contact is moved to Deleted Items (option) or left alone and no longer updated. The
//! person's own contacts are never in the input: only contacts carrying our identity are.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use super::mapping::{MappingNote, body_hash};
use super::selection::Selection;

/// What the store remembers of one exported contact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactLink {
    /// The Outlook contact's id.
    pub outlook_id: String,
    /// Its change key after our last write.
    pub change_key: String,
    /// The hash of the body we last wrote.
    pub body_hash: String,
    /// The checksum of the photo we last uploaded, if any.
    pub photo: Option<String>,
    /// The folder the contact is in (empty: the main folder of a then empty address book).
    pub folder: String,
}

/// One Odoo contact as the job sees it this run.
#[derive(Debug, Clone, PartialEq)]
pub struct OdooSide {
    /// Whether, and why, it is exported.
    pub selection: Selection,
    /// The Graph body it maps to, and what did not fit (only for exported contacts).
    pub body: Option<(Value, Vec<MappingNote>)>,
    /// The checksum of its image (`ir.attachment`), if it has one.
    pub photo: Option<String>,
}

/// What Outlook's delta says of a contact the connector made.
#[derive(Debug, Clone, PartialEq)]
pub enum OutlookSide {
    /// Changed in Outlook since our write: its change key and current body.
    Edited {
        /// The new change key.
        change_key: String,
        /// Its fields now.
        body: Value,
    },
    /// Deleted or moved away in Outlook.
    Removed,
}

/// The options the plan follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlanOptions {
    /// An ended subscription moves the contact to Deleted Items (else it stays, not updated).
    pub delete_on_unsubscribe: bool,
    /// Photos are copied.
    pub photos: bool,
}

/// The planner's input.
#[derive(Debug, Clone, Copy)]
pub struct PlanInput<'a> {
    /// The Odoo contacts read this run (changed ones, new subscriptions, ended ones), by id.
    pub odoo: &'a BTreeMap<i64, OdooSide>,
    /// The contacts exported before, by partner id.
    pub links: &'a BTreeMap<i64, ContactLink>,
    /// What Outlook's delta said of our contacts, by Outlook id.
    pub outlook: &'a BTreeMap<String, OutlookSide>,
    /// Our contacts found in Outlook by their identity property (a reinstall), by partner id.
    pub found: &'a BTreeMap<i64, String>,
    /// Options.
    pub options: PlanOptions,
}

/// What to do with one contact, in apply order.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum ActionKind {
    /// Link an Outlook contact found by its identity (no write).
    Relink,
    /// Remember a new change key that carries no edit (no write; the body holds the key).
    Remember,
    /// Create the Outlook contact.
    Create,
    /// Write Odoo's values over it.
    Update,
    /// Upload its photo.
    Photo,
    /// Move it to Deleted Items (subscription ended, option on).
    Delete,
    /// Stop following it (subscription ended, option off): forget the link, leave the contact.
    Forget,
}

/// One action.
#[derive(Debug, Clone, PartialEq)]
pub struct Action {
    /// What to do.
    pub kind: ActionKind,
    /// The Odoo contact.
    pub partner: i64,
    /// The Outlook contact, when there is one.
    pub outlook_id: Option<String>,
    /// The body to write (create, update).
    pub body: Option<Value>,
}

/// Why a contact is written, for the run log.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Verdict {
    /// New in Outlook.
    Created,
    /// Found in Outlook by its identity (a reinstall or a new computer): linked, not duplicated.
    Relinked,
    /// Changed in Odoo; updated in Outlook.
    Updated,
    /// Edited in Outlook; Odoo's values written over these fields.
    OverwroteOutlook {
        /// Graph's field names.
        fields: Vec<String>,
    },
    /// Deleted in Outlook while still subscribed: created again.
    CreatedAgain,
    /// Subscription ended; moved to Deleted Items.
    Deleted,
    /// Subscription ended; left in Outlook and no longer updated.
    LeftAlone,
    /// Not exported (with the reason), nothing done.
    NotExported(Selection),
}

/// The plan of one run (or page).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Plan {
    /// Actions sorted by kind, then partner.
    pub actions: Vec<Action>,
    /// Per partner: what happens, and what did not fit.
    pub verdicts: BTreeMap<i64, (Verdict, Vec<MappingNote>)>,
}

/// Plans the contacts.
pub fn plan(input: PlanInput<'_>) -> Plan {
    let mut plan = Plan::default();
    let partners: BTreeSet<i64> = input
        .odoo
        .keys()
        .chain(input.links.keys())
        .copied()
        .collect();
    for partner in partners {
        plan_one(&input, partner, &mut plan);
    }
    plan.actions
        .sort_by(|a, b| (&a.kind, a.partner).cmp(&(&b.kind, b.partner)));
    plan
}

fn plan_one(input: &PlanInput<'_>, partner: i64, plan: &mut Plan) {
    let link = input.links.get(&partner);
    let odoo = input.odoo.get(&partner);
    let exported = odoo.is_some_and(|o| o.selection.exported());
    match (odoo, link, exported) {
        // not read this run, linked: unchanged in Odoo and untouched in Outlook (the engine
        // reads every partner whose Outlook contact changed, so those come as read)
        (None, Some(_), _) => {}
        // read, subscribed, linked before
        (Some(odoo), Some(link), true) => linked(input, partner, odoo, link, plan),
        // read, subscribed, never exported (or the link was lost: a reinstall)
        (Some(odoo), None, true) => fresh(input, partner, odoo, plan),
        // the subscription ended (unfollowed, archived, filtered out)
        (Some(_), Some(link), false) => ended(input, partner, link, plan),
        // not subscribed and never exported: only the Contacts page cares
        (Some(odoo), None, false) => {
            plan.verdicts
                .insert(partner, (Verdict::NotExported(odoo.selection), Vec::new()));
        }
        // neither read nor linked: impossible by construction of the key set
        (None, None, _) => {}
    }
}

fn linked(
    input: &PlanInput<'_>,
    partner: i64,
    odoo: &OdooSide,
    link: &ContactLink,
    plan: &mut Plan,
) {
    let Some((body, notes)) = &odoo.body else {
        return;
    };
    let outlook = input.outlook.get(&link.outlook_id);
    let (kind, verdict) = match outlook {
        // deleted in Outlook while still subscribed: Odoo leads, so it comes back
        Some(OutlookSide::Removed) => (ActionKind::Create, Verdict::CreatedAgain),
        // only its change key moved (our photo upload, which answers no change key): remember
        Some(OutlookSide::Edited {
            body: now,
            change_key,
        }) if differing(body, now).is_empty() && body_hash(body) == link.body_hash => {
            plan.actions.push(Action {
                kind: ActionKind::Remember,
                partner,
                outlook_id: Some(link.outlook_id.clone()),
                body: Some(Value::String(change_key.clone())),
            });
            let (had, id) = (link.photo.as_deref(), link.outlook_id.as_str());
            photo(input, partner, odoo, had, id, plan);
            return;
        }
        // edited in Outlook: Odoo's values go back over the fields that differ
        Some(OutlookSide::Edited { body: now, .. }) => (
            ActionKind::Update,
            Verdict::OverwroteOutlook {
                fields: differing(body, now),
            },
        ),
        // changed in Odoo only
        None if body_hash(body) != link.body_hash => (ActionKind::Update, Verdict::Updated),
        // nothing changed on either side: maybe the photo
        None => {
            photo(
                input,
                partner,
                odoo,
                link.photo.as_deref(),
                &link.outlook_id,
                plan,
            );
            return;
        }
    };
    let outlook_id = (kind == ActionKind::Update).then(|| link.outlook_id.clone());
    plan.actions.push(Action {
        kind: kind.clone(),
        partner,
        outlook_id: outlook_id.clone(),
        body: Some(body.clone()),
    });
    plan.verdicts.insert(partner, (verdict, notes.clone()));
    // a new contact has no photo yet; an updated one keeps its own unless Odoo's changed
    let had = if kind == ActionKind::Create {
        None
    } else {
        link.photo.as_deref()
    };
    photo(
        input,
        partner,
        odoo,
        had,
        outlook_id.as_deref().unwrap_or_default(),
        plan,
    );
}

fn fresh(input: &PlanInput<'_>, partner: i64, odoo: &OdooSide, plan: &mut Plan) {
    let Some((body, notes)) = &odoo.body else {
        return;
    };
    match input.found.get(&partner) {
        // ours already, found by its identity: link it and write Odoo's values over it
        Some(outlook_id) => {
            plan.actions.push(Action {
                kind: ActionKind::Relink,
                partner,
                outlook_id: Some(outlook_id.clone()),
                body: None,
            });
            plan.actions.push(Action {
                kind: ActionKind::Update,
                partner,
                outlook_id: Some(outlook_id.clone()),
                body: Some(body.clone()),
            });
            plan.verdicts
                .insert(partner, (Verdict::Relinked, notes.clone()));
            photo(input, partner, odoo, None, outlook_id, plan);
        }
        // new subscription: create it
        None => {
            plan.actions.push(Action {
                kind: ActionKind::Create,
                partner,
                outlook_id: None,
                body: Some(body.clone()),
            });
            plan.verdicts
                .insert(partner, (Verdict::Created, notes.clone()));
            photo(input, partner, odoo, None, "", plan);
        }
    }
}

fn ended(input: &PlanInput<'_>, partner: i64, link: &ContactLink, plan: &mut Plan) {
    let gone = matches!(
        input.outlook.get(&link.outlook_id),
        Some(OutlookSide::Removed)
    );
    let (kind, verdict) = if input.options.delete_on_unsubscribe && !gone {
        // option on: it goes to Deleted Items (never a hard delete)
        (ActionKind::Delete, Verdict::Deleted)
    } else {
        // option off (or already gone): the connector lets go of it
        (ActionKind::Forget, Verdict::LeftAlone)
    };
    plan.actions.push(Action {
        kind,
        partner,
        outlook_id: Some(link.outlook_id.clone()),
        body: None,
    });
    plan.verdicts.insert(partner, (verdict, Vec::new()));
}

/// Uploads the photo when photos are on and Odoo's image checksum differs from the one last
/// uploaded: a no-change run sends nothing.
fn photo(
    input: &PlanInput<'_>,
    partner: i64,
    odoo: &OdooSide,
    had: Option<&str>,
    outlook_id: &str,
    plan: &mut Plan,
) {
    if !input.options.photos || odoo.photo.is_none() || odoo.photo.as_deref() == had {
        return;
    }
    plan.actions.push(Action {
        kind: ActionKind::Photo,
        partner,
        // empty for a contact created in the same run: apply fills in the new id
        outlook_id: Some(outlook_id.to_owned()).filter(|id| !id.is_empty()),
        body: None,
    });
}

/// The top-level fields of `ours` that Outlook shows differently now.
/// The fields of `ours` that Outlook's `now` holds differently.
pub(crate) fn differing(ours: &Value, now: &Value) -> Vec<String> {
    let Some(ours) = ours.as_object() else {
        return Vec::new();
    };
    ours.iter()
        .filter(|(k, _)| k.as_str() != "singleValueExtendedProperties")
        .filter(|(k, v)| {
            let theirs = now.get(k.as_str()).unwrap_or(&Value::Null);
            !same(v, theirs)
        })
        .map(|(k, _)| k.clone())
        .collect()
}

/// Equal as Outlook keeps them: an unset property reads back as null, "" or missing, an
/// address part we left empty the same way, so emptiness is compared field by field.
fn same(a: &Value, b: &Value) -> bool {
    let empty = |v: &Value| match v {
        Value::Null => true,
        Value::String(s) => s.is_empty(),
        Value::Array(a) => a.is_empty(),
        Value::Object(o) => o.is_empty(),
        _ => false,
    };
    match (a, b) {
        _ if a == b || (empty(a) && empty(b)) => true,
        (Value::Object(x), Value::Object(y)) => x.keys().chain(y.keys()).all(|k| {
            same(
                x.get(k).unwrap_or(&Value::Null),
                y.get(k).unwrap_or(&Value::Null),
            )
        }),
        (Value::Object(x), other) | (other, Value::Object(x)) if empty(other) => {
            x.values().all(|v| same(v, &Value::Null))
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same(a, b))
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn an_address_outlook_reads_back_with_empty_parts_is_the_address_we_wrote() {
        let ours = json!({"businessAddress": {"city": "Kiel", "street": null, "postalCode": null},
            "emailAddresses": [{"address": "a@x.example", "name": null}], "jobTitle": null});
        let outlook = json!({"businessAddress": {"city": "Kiel", "street": "", "state": "",
            "countryOrRegion": ""}, "emailAddresses": [{"address": "a@x.example", "name": ""}]});
        assert!(differing(&ours, &outlook).is_empty());
        let moved = json!({"businessAddress": {"city": "Husum"},
            "emailAddresses": [{"address": "a@x.example"}]});
        assert_eq!(differing(&ours, &moved), ["businessAddress"]);
        assert!(same(&json!({"street": null}), &Value::Null));
        assert!(!same(&json!({"street": "Hafen 1"}), &json!("")));
    }

    fn odoo(selection: Selection, city: &str, photo: Option<&str>) -> OdooSide {
        OdooSide {
            selection,
            body: Some((
                json!({"displayName": "Anna", "city": city, "emailAddresses": []}),
                Vec::new(),
            )),
            photo: photo.map(str::to_owned),
        }
    }

    fn link(body: &Value, photo: Option<&str>) -> ContactLink {
        ContactLink {
            folder: "F".into(),
            outlook_id: "O1".into(),
            change_key: "ck".into(),
            body_hash: body_hash(body),
            photo: photo.map(str::to_owned),
        }
    }

    fn run(
        odoo: &[(i64, OdooSide)],
        links: &[(i64, ContactLink)],
        outlook: &[(&str, OutlookSide)],
        found: &[(i64, &str)],
        delete: bool,
    ) -> Plan {
        let odoo = odoo.iter().cloned().collect();
        let links = links.iter().cloned().collect();
        let outlook = outlook
            .iter()
            .map(|(k, v)| ((*k).to_owned(), v.clone()))
            .collect();
        let found = found.iter().map(|(k, v)| (*k, (*v).to_owned())).collect();
        plan(PlanInput {
            odoo: &odoo,
            links: &links,
            outlook: &outlook,
            found: &found,
            options: PlanOptions {
                delete_on_unsubscribe: delete,
                photos: true,
            },
        })
    }

    fn kinds(p: &Plan) -> Vec<ActionKind> {
        p.actions.iter().map(|a| a.kind.clone()).collect()
    }

    #[test]
    fn a_new_subscription_is_created_with_its_photo_and_a_reinstall_relinks() {
        let p = run(
            &[(1, odoo(Selection::Followed, "Berlin", Some("c1")))],
            &[],
            &[],
            &[],
            false,
        );
        assert_eq!(kinds(&p), [ActionKind::Create, ActionKind::Photo]);
        assert_eq!(p.verdicts[&1].0, Verdict::Created);
        let p = run(
            &[(1, odoo(Selection::Followed, "Berlin", None))],
            &[],
            &[],
            &[(1, "O9")],
            false,
        );
        assert_eq!(kinds(&p), [ActionKind::Relink, ActionKind::Update]);
        assert_eq!(p.actions[0].outlook_id.as_deref(), Some("O9"));
    }

    #[test]
    fn a_no_change_run_writes_nothing_not_even_the_photo() {
        let side = odoo(Selection::Followed, "Berlin", Some("c1"));
        let l = link(&side.body.as_ref().expect("body").0, Some("c1"));
        let p = run(&[(1, side)], &[(1, l.clone())], &[], &[], false);
        assert!(p.actions.is_empty(), "{:?}", p.actions);
        let p = run(&[], &[(1, l)], &[], &[], false);
        assert!(p.actions.is_empty());
    }

    #[test]
    fn odoo_leads_over_changes_edits_and_deletions_in_outlook() {
        let before = odoo(Selection::Followed, "Berlin", None);
        let l = link(&before.body.as_ref().expect("body").0, None);
        let moved = odoo(Selection::Followed, "Potsdam", Some("new"));
        let p = run(&[(1, moved.clone())], &[(1, l.clone())], &[], &[], false);
        assert_eq!(kinds(&p), [ActionKind::Update, ActionKind::Photo]);
        assert_eq!(p.verdicts[&1].0, Verdict::Updated);

        let edited = OutlookSide::Edited {
            change_key: "ck2".into(),
            body: json!({"displayName": "Anna B.", "city": "Berlin", "emailAddresses": []}),
        };
        let p = run(
            &[(1, before.clone())],
            &[(1, l.clone())],
            &[("O1", edited)],
            &[],
            false,
        );
        assert_eq!(kinds(&p), [ActionKind::Update]);
        assert_eq!(
            p.verdicts[&1].0,
            Verdict::OverwroteOutlook {
                fields: vec!["displayName".into()]
            }
        );

        let p = run(
            &[(1, before)],
            &[(1, l)],
            &[("O1", OutlookSide::Removed)],
            &[],
            false,
        );
        assert_eq!(kinds(&p), [ActionKind::Create]);
        assert_eq!(p.verdicts[&1].0, Verdict::CreatedAgain);
    }

    #[test]
    fn an_ended_subscription_deletes_only_with_the_option() {
        let side = odoo(Selection::NotSubscribed, "Berlin", None);
        let l = link(&side.body.as_ref().expect("body").0, None);
        let p = run(&[(1, side.clone())], &[(1, l.clone())], &[], &[], false);
        assert_eq!(kinds(&p), [ActionKind::Forget]);
        let p = run(&[(1, side.clone())], &[(1, l.clone())], &[], &[], true);
        assert_eq!(kinds(&p), [ActionKind::Delete]);
        let p = run(
            &[(1, side)],
            &[(1, l)],
            &[("O1", OutlookSide::Removed)],
            &[],
            true,
        );
        assert_eq!(
            kinds(&p),
            [ActionKind::Forget],
            "already gone: nothing to delete"
        );
        let p = run(
            &[(2, odoo(Selection::NoEmail, "Berlin", None))],
            &[],
            &[],
            &[],
            true,
        );
        assert!(p.actions.is_empty());
        assert_eq!(p.verdicts[&2].0, Verdict::NotExported(Selection::NoEmail));
    }
}
