//! The mail job as a state machine on the in-memory seams (vdirsyncer's `SyncMachine` idea):
//! random mail sets, two colleagues whose runs interleave at every remote call, and runs killed
//! at random journal steps; then the job must have filed every mail exactly once per contact,
//! lost none, and a further run must change nothing.
//!
//! A fixed series of seeds runs on every test run; one more test draws a random seed and names
//! it when it fails (`MAIL_MACHINE_SEED=N cargo test -p office-connector-core machine` repeats
//! it).

use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, Mutex};

use chrono::{TimeZone, Utc};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use super::address::Address;
use super::apply::CrashPoints;
use super::engine::{MailOptions, MailReport, MailRunError, run_with_crash_points};
use super::memory::{MemoryMailbox, MemoryOdoo};
use crate::clock::ManualClock;
use crate::i18n::Language;
use crate::mail::matching::tests::contact;
use crate::model::{ItemOutcome, OdooId};
use crate::odoo::chatter::Record;
use crate::odoo::partners::Contact;
use crate::store::Store;

const FOLDER: &str = "in";

/// Senders: one contact each, a shared address (waits for a decision), and a stranger.
const SENDERS: [(&str, &[i64]); 4] = [
    ("anna@kunde.example", &[1]),
    ("bob@kunde.example", &[2]),
    ("info@shared.example", &[3, 4]),
    ("who@nowhere.example", &[]),
];

fn contacts() -> Vec<Contact> {
    vec![
        contact(1, "anna@kunde.example"),
        contact(2, "bob@kunde.example"),
        contact(3, "info@shared.example"),
        contact(4, "info@shared.example"),
    ]
}

/// Stops a run at the n-th journal step it reaches, for each n still planned.
struct CrashPlan {
    reached: Mutex<usize>,
    at: Mutex<BTreeSet<usize>>,
}

impl CrashPoints for CrashPlan {
    fn reached(&self, _step: &'static str) -> bool {
        let mut n = self.reached.lock().unwrap_or_else(|p| p.into_inner());
        *n += 1;
        let mut at = self.at.lock().unwrap_or_else(|p| p.into_inner());
        at.remove(&*n)
    }
}

struct Person {
    mailbox: MemoryMailbox,
    store: Store,
    crashes: CrashPlan,
}

/// One random world: which mails each person has and where their runs crash.
struct Case {
    mails: Vec<(String, usize, [bool; 2])>,
    page_size: u32,
    delete_after_transfer: bool,
    crashes: [BTreeSet<usize>; 2],
    seed: u64,
}

fn case_of(seed: u64) -> Case {
    let mut rng = StdRng::seed_from_u64(seed);
    let count = rng.random_range(1..=8);
    let mails = (0..count)
        .map(|i| {
            let sender = rng.random_range(0..SENDERS.len());
            let who = match rng.random_range(0..4) {
                0 => [true, false],
                1 => [false, true],
                _ => [true, true],
            };
            (format!("<m{i}-{seed}@t.example>"), sender, who)
        })
        .collect();
    let mut crashes = || {
        (0..rng.random_range(0..4))
            .map(|_| rng.random_range(1..40))
            .collect()
    };
    let crashes = [crashes(), crashes()];
    Case {
        mails,
        page_size: rng.random_range(1..5),
        delete_after_transfer: rng.random_bool(0.5),
        crashes,
        seed,
    }
}

fn options(case: &Case) -> MailOptions {
    MailOptions {
        incoming: Some(FOLDER.into()),
        outgoing: None,
        include_colleagues: false,
        delete_after_transfer: case.delete_after_transfer,
        attachment_limit_bytes: 25_000_000,
        file_on_opportunity: false,
        page_size: case.page_size,
        dry_run: false,
        lang: Language::En,
        time_zone: None,
    }
}

async fn run_once(
    person: &Person,
    odoo: &MemoryOdoo,
    options: &MailOptions,
) -> Result<MailReport, MailRunError> {
    let own: BTreeSet<Address> = Address::parse("me@ours.example").into_iter().collect();
    run_with_crash_points(
        &person.mailbox,
        odoo,
        &person.store,
        options,
        &own,
        &super::engine::NoProgress,
        &person.crashes,
    )
    .await
}

/// Runs the case; returns a description of the first broken promise.
async fn check(case: &Case) -> Result<(), String> {
    let odoo = MemoryOdoo::new(contacts(), case.seed);
    let clock = Arc::new(ManualClock::new(
        Utc.with_ymd_and_hms(2026, 3, 1, 10, 0, 0)
            .single()
            .unwrap_or_default(),
    ));
    let people: Vec<Person> = (0..2)
        .map(|p| {
            Ok(Person {
                mailbox: MemoryMailbox::new(case.seed.wrapping_add(p as u64 + 1)),
                store: Store::open_in_memory(clock.clone()).map_err(|e| e.to_string())?,
                crashes: CrashPlan {
                    reached: Mutex::new(0),
                    at: Mutex::new(case.crashes[p].clone()),
                },
            })
        })
        .collect::<Result<_, String>>()?;
    for (i, (key, sender, who)) in case.mails.iter().enumerate() {
        for (p, person) in people.iter().enumerate() {
            if who[p] {
                person
                    .mailbox
                    .put(FOLDER, &format!("g{p}-{i}"), SENDERS[*sender].0, key);
            }
        }
    }
    let options = options(case);
    // runs until no crash is left: both colleagues at the same moment, interleaved
    for _ in 0..10 {
        let _ = tokio::join!(
            run_once(&people[0], &odoo, &options),
            run_once(&people[1], &odoo, &options)
        );
    }
    let posts = odoo.posts();
    for person in &people {
        let report = run_once(person, &odoo, &options)
            .await
            .map_err(|e| format!("a run after the crashes failed: {e}"))?;
        if let Some(m) = report
            .mails
            .iter()
            .find(|m| matches!(m.outcome, ItemOutcome::Filed | ItemOutcome::Failed))
        {
            return Err(format!("a settled run still did something: {m:?}"));
        }
    }
    if odoo.posts() != posts {
        return Err("a settled run posted again".into());
    }
    promises_kept(case, &people, &odoo)
}

fn promises_kept(case: &Case, people: &[Person], odoo: &MemoryOdoo) -> Result<(), String> {
    let mut expected: BTreeMap<(String, i64), usize> = BTreeMap::new();
    for (key, sender, _) in &case.mails {
        for contact in [1, 2, 3, 4] {
            let unique = SENDERS[*sender].1 == [contact];
            expected.insert((key.clone(), contact), usize::from(unique));
        }
    }
    for ((key, contact), want) in &expected {
        let got = odoo.count(key, Record::contact(OdooId(*contact)));
        if got != *want {
            return Err(format!(
                "{key} on contact {contact}: {got} entries, expected {want}"
            ));
        }
    }
    for (p, person) in people.iter().enumerate() {
        let left = person.mailbox.ids_in(FOLDER);
        for (i, (_, sender, who)) in case.mails.iter().enumerate() {
            let id = format!("g{p}-{i}");
            let filed = SENDERS[*sender].1.len() == 1;
            let should_stay = !(case.delete_after_transfer && filed);
            if who[p] && left.contains(&id) != should_stay {
                return Err(format!(
                    "mail {id}: in the folder {}, expected {should_stay}",
                    !should_stay
                ));
            }
        }
    }
    Ok(())
}

fn run_cases(seeds: impl Iterator<Item = u64>) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap_or_else(|e| panic!("a runtime: {e}"));
    for seed in seeds {
        let case = case_of(seed);
        if let Err(broken) = runtime.block_on(check(&case)) {
            panic!(
                "seed {seed} ({} mails, pages of {}, move {}, crashes at {:?}): {broken}\n\
                 repeat with MAIL_MACHINE_SEED={seed}",
                case.mails.len(),
                case.page_size,
                case.delete_after_transfer,
                case.crashes
            );
        }
    }
}

#[test]
fn every_mail_is_filed_exactly_once_across_crashes_and_colleagues_for_a_fixed_series_of_seeds() {
    let base: u64 = std::env::var("MAIL_MACHINE_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(20_261_204);
    run_cases(base..base + 600);
}

#[test]
fn every_mail_is_filed_exactly_once_for_a_random_seed() {
    let seed: u64 = rand::rng().random();
    run_cases(std::iter::once(seed));
}

/// Stops a run the first time it reaches the named step.
struct CrashAt(&'static str, Mutex<bool>);

impl CrashPoints for CrashAt {
    fn reached(&self, step: &'static str) -> bool {
        let mut done = self.1.lock().unwrap_or_else(|p| p.into_inner());
        let now = step == self.0 && !*done;
        *done |= now;
        now
    }
}

#[test]
fn after_a_kill_the_next_report_says_what_happened_to_each_mail_in_that_run() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap_or_else(|e| panic!("a runtime: {e}"));
    for (step, note) in [
        (
            "posted",
            Some("Filed in an earlier run that could not check it; found in Odoo now."),
        ),
        (
            "written",
            Some("Filed in an earlier run that could not check it; found in Odoo now."),
        ),
        ("intent", None),
    ] {
        let odoo = MemoryOdoo::new(contacts(), 7);
        let clock = Arc::new(ManualClock::new(
            Utc.with_ymd_and_hms(2026, 3, 1, 10, 0, 0)
                .single()
                .unwrap_or_default(),
        ));
        let person = Person {
            mailbox: MemoryMailbox::new(7),
            store: Store::open_in_memory(clock).unwrap_or_else(|e| panic!("{e}")),
            crashes: CrashPlan {
                reached: Mutex::new(0),
                at: Mutex::new(BTreeSet::new()),
            },
        };
        person
            .mailbox
            .put(FOLDER, "g1", "anna@kunde.example", "<k1@t.example>");
        person
            .mailbox
            .put(FOLDER, "g2", "bob@kunde.example", "<k2@t.example>");
        let case = case_of(1);
        let options = MailOptions {
            page_size: 10,
            delete_after_transfer: false,
            ..options(&case)
        };
        let own: BTreeSet<Address> = Address::parse("me@ours.example").into_iter().collect();
        let crash = CrashAt(step, Mutex::new(false));
        let killed = runtime.block_on(run_with_crash_points(
            &person.mailbox,
            &odoo,
            &person.store,
            &options,
            &own,
            &super::engine::NoProgress,
            &crash,
        ));
        assert!(matches!(killed, Err(MailRunError::Crashed)), "{step}");
        let report = runtime
            .block_on(run_once(&person, &odoo, &options))
            .unwrap_or_else(|e| panic!("{e}"));
        let first = report
            .mails
            .iter()
            .find(|m| m.key == "<k1@t.example>")
            .unwrap_or_else(|| panic!("reported after {step}: {report:?}"));
        assert_eq!(first.outcome, ItemOutcome::Filed, "after {step}: {first:?}");
        assert_eq!(first.detail.as_deref(), note, "after {step}");
        let second = report.mails.iter().find(|m| m.key == "<k2@t.example>");
        assert_eq!(second.map(|m| m.outcome), Some(ItemOutcome::Filed));
        assert_eq!(odoo.count("<k1@t.example>", Record::contact(OdooId(1))), 1);
    }
}
