//! Every typed message, rendered from sample values in every language: a message whose key no
//! catalogue has, or whose arguments do not fit its text, fails here rather than in front of a
//! person.

use std::path::PathBuf;

use crate::desktop_texts::DesktopMsg;
use crate::graph::texts::{MicrosoftMsg, SignInProblem};
use crate::i18n::{Expected, FileProblem, Msg};
use crate::language::Language;
use crate::mail::notes::MailNote;
use crate::mail::plan::Direction;
use crate::mail::texts::MailMsg;
use crate::model::{AccountKind, ItemOutcome, Job, Outcome, Trigger};
use crate::odoo::messages::{NoAnswer, OdooMsg};
use crate::odoo::url::UrlProblem;
use crate::store::texts::{PendingWrite, PendingWrites, StoreMsg};

const EXPECTED: [Expected; 10] = [
    Expected::Bool,
    Expected::Minutes { min: 1, max: 1440 },
    Expected::Megabytes { min: 1, max: 25 },
    Expected::Date,
    Expected::Language,
    Expected::Text,
    Expected::Url,
    Expected::KeyList,
    Expected::Table,
    Expected::Bool,
];

const ACCOUNTS: [AccountKind; 2] = [AccountKind::Microsoft, AccountKind::Odoo];

fn file_samples() -> Vec<Msg> {
    let file = PathBuf::from("/home/a/settings.toml");
    let mut problems = vec![
        FileProblem::Syntax {
            detail: "expected `=`".into(),
        },
        FileProblem::UnknownKey,
    ];
    problems.extend(EXPECTED.map(|expected| FileProblem::BadValue { expected }));
    let mut out = Vec::new();
    for policy in [false, true] {
        for problem in &problems {
            for key in [None, Some("mail.interval".to_owned())] {
                out.push(Msg::FileMalformed {
                    file: file.clone(),
                    line: 3,
                    key,
                    problem: problem.clone(),
                    policy,
                });
            }
        }
        out.push(Msg::FileUnreadable {
            file: file.clone(),
            detail: "denied".into(),
            policy,
        });
    }
    out.extend(EXPECTED.map(|expected| Msg::InvalidSettingValue {
        key: "mail.interval".into(),
        value: "x".into(),
        expected,
    }));
    out
}

fn simple_samples() -> Vec<Msg> {
    let path = PathBuf::from("/home/a/state");
    let mut out = vec![
        Msg::FileUnwritable {
            file: path.clone(),
            detail: "full".into(),
        },
        Msg::SettingLocked { key: "k".into() },
        Msg::UnknownSetting { key: "k".into() },
        Msg::KeyringUnavailable { detail: "d".into() },
        Msg::KeyringFailed { detail: "d".into() },
        Msg::StateHomeUnavailable {
            path: path.clone(),
            detail: "d".into(),
        },
        Msg::NoStateHome,
        Msg::DatabaseFailed {
            file: path.clone(),
            detail: "d".into(),
        },
        Msg::RunNotFound { id: 12 },
        Msg::Internal,
        Msg::NoRuns,
        Msg::HeadingAccounts,
        Msg::HeadingJobs,
        Msg::HeadingEvents,
        Msg::NotConnected,
        Msg::AccountChecked { at: None },
        Msg::AccountChecked {
            at: Some("3 May 10:00".into()),
        },
        Msg::ScheduleEvery { minutes: 15 },
        Msg::ScheduleOffNotSetUp,
        Msg::ScheduleOffDisabled,
        Msg::NeverRan,
        Msg::DemoExplanation,
        Msg::DemoConnecting { name: "Ada".into() },
        Msg::DemoNotConnected,
        Msg::DemoFolders,
        Msg::DemoMailRun {
            incoming: "In".into(),
            outgoing: "Out".into(),
        },
        Msg::DemoStateKept { path },
        Msg::LastRun,
        Msg::RunHeading(7),
        Msg::Started,
        Msg::Finished,
        Msg::Running,
        Msg::NoEvents,
    ];
    for kind in ACCOUNTS {
        out.push(Msg::AccountName(kind));
        for at in [None, Some("3 May".to_owned())] {
            out.push(Msg::AccountRefused { kind, at });
        }
    }
    out
}

fn model_samples() -> Vec<Msg> {
    let mut out = Vec::new();
    for job in Job::ALL {
        out.extend([
            Msg::JobBusy { job },
            Msg::RunInterrupted { job },
            Msg::JobName(job),
        ]);
    }
    out.extend(Outcome::ALL.map(Msg::OutcomeName));
    out.extend([Trigger::Manual, Trigger::Timer, Trigger::Cli].map(Msg::TriggerName));
    for outcome in ItemOutcome::ALL {
        out.extend([
            Msg::ItemOutcomeName(outcome),
            Msg::ItemCount(outcome, 0),
            Msg::ItemCount(outcome, 1),
            Msg::ItemCount(outcome, 3),
        ]);
    }
    out
}

fn desktop_samples() -> Vec<DesktopMsg> {
    use DesktopMsg as D;
    let mut out = vec![
        D::AppName,
        D::Demo,
        D::SyncNow,
        D::NothingSetUp,
        D::Pause,
        D::Resume,
        D::OpenSettings,
        D::StartAtLogin,
        D::Quit,
        D::Idle,
        D::Attention,
        D::Failing,
        D::Paused,
        D::AttentionBody,
        D::FailingBody(1),
        D::FailingBody(3),
        D::Open,
        D::NothingToDo,
    ];
    for job in Job::ALL {
        out.extend([
            D::Syncing(job, None),
            D::Syncing(job, Some((2, 9))),
            D::AttentionTitle(job),
            D::FailingTitle(job),
            D::RunDoneTitle(job),
        ]);
    }
    for kind in ACCOUNTS {
        out.extend([D::SignInTitle(kind), D::SignInBody(kind)]);
    }
    out
}

fn store_samples() -> Vec<StoreMsg> {
    let file = PathBuf::from("/home/a/state/connector.db");
    let write = |i: usize| PendingWrite {
        job: "mail".into(),
        item_key: format!("<m{i}@x>"),
        operation: "file".into(),
        target: if i == 0 {
            String::new()
        } else {
            "res.partner/42".into()
        },
    };
    let pendings = [
        PendingWrites::Unreadable,
        PendingWrites::Listed(vec![]),
        PendingWrites::Listed((0..2).map(write).collect()),
        PendingWrites::Listed((0..11).map(write).collect()),
        PendingWrites::Listed((0..13).map(write).collect()),
    ];
    let mut out = Vec::new();
    for pending in pendings {
        out.push(StoreMsg::Damaged {
            file: file.clone(),
            detail: "malformed".into(),
            pending: pending.clone(),
        });
        out.push(StoreMsg::FromNewerVersion {
            file: file.clone(),
            found: 9,
            known: 4,
            pending,
        });
    }
    out.push(StoreMsg::NotWritable {
        path: file.clone(),
        detail: "read-only".into(),
    });
    out.push(StoreMsg::NotAFolder { path: file });
    out
}

fn mail_samples() -> Vec<MailMsg> {
    use MailMsg as M;
    let mut out = vec![
        M::NoDecisions,
        M::Remembered {
            address: "a@b.de".into(),
        },
        M::NotAnAddress { input: "x".into() },
        M::NotAContactId { input: "x".into() },
        M::NoContactChosen,
        M::OnlyMailJob {
            job: "calendar".into(),
        },
        M::NoSubject,
        M::NoWriteAccess { contact: 42 },
        M::KeyRefused,
        M::MicrosoftSignInRefused,
        M::NoTransferFolder,
        M::OdooDidNotAnswer,
        M::RefusedLine {
            subject: "Hi".into(),
            key: "<k@x>".into(),
        },
        M::RefusedHeading,
        M::WillRetry {
            subject: "Hi".into(),
        },
        M::WillSkip {
            subject: "Hi".into(),
        },
        M::NoSuchRefusedMail { input: "k".into() },
        M::AmbiguousFolder {
            input: "Inbox/T".into(),
            folders: vec![
                ("Inbox/T".into(), "A1".into()),
                ("Inbox/T".into(), "B2".into()),
            ],
        },
        M::ChooseFolderByPath {
            example: "Inbox/T".into(),
        },
    ];
    out.extend(mail_variant_samples());
    out
}

/// The mail texts with a variant per case (folder, direction, counts).
fn mail_variant_samples() -> Vec<MailMsg> {
    use MailMsg as M;
    let mut out = Vec::new();
    for incoming in [true, false] {
        out.push(M::FolderNotRead { incoming });
        out.push(M::FolderNotReadBecause {
            incoming,
            reason: "timeout".into(),
        });
    }
    for direction in [Direction::Incoming, Direction::Outgoing] {
        out.push(M::TransferFolderChosen {
            direction,
            path: "Inbox/T".into(),
        });
        out.push(M::NotAFolder {
            input: "x".into(),
            direction,
        });
    }
    for n in [0, 1, 2, 5, 21] {
        for choose in [true, false] {
            out.push(M::DecisionLine {
                address: "a@b.de".into(),
                choose,
                mails: n,
            });
        }
        out.push(M::Summary {
            mails: n,
            contacts: n,
            waiting: n,
            unassigned: n,
            failed: 0,
            refused: 0,
        });
        out.push(M::Summary {
            mails: n,
            contacts: 1,
            waiting: 1,
            unassigned: 0,
            failed: n,
            refused: n,
        });
    }
    out
}

fn odoo_samples() -> Vec<OdooMsg> {
    use OdooMsg as O;
    let d = || "detail".to_owned();
    let mut out = vec![
        O::DatabaseListDisabled,
        O::NoDatabase,
        O::AccessDenied,
        O::SessionExpired,
        O::TooLarge,
        O::Busy,
        O::PreferApiKey,
        O::Disconnected,
        O::WasNotConnected,
        O::TestOk,
        O::LabelVersion,
        O::LabelDatabase,
        O::LabelUser,
        O::LabelServer,
        O::NoKeyGiven,
        O::KeyMissing,
        O::ServerUnavailable {
            url: "https://o.example".into(),
            status: 503,
        },
        O::NotOdoo {
            url: "https://o.example".into(),
        },
        O::UnsupportedVersion {
            version: "15.0".into(),
        },
        O::DatabaseMissing { db: "prod".into() },
        O::DatabaseChoice {
            databases: vec!["a".into(), "b".into()],
        },
        O::LoginFailed {
            login: "a@b.de".into(),
            db: "prod".into(),
        },
        O::AccessError {
            model: "res.partner".into(),
            method: "write".into(),
            detail: d(),
        },
        O::MissingRecord {
            model: "res.partner".into(),
        },
        O::Validation { detail: d() },
        O::UserError { detail: d() },
        O::UnknownModel {
            model: "crm.lead".into(),
        },
        O::UnknownField { detail: d() },
        O::ServerError { detail: d() },
        O::Connected {
            name: "Ada".into(),
            login: "a@b.de".into(),
            db: "prod".into(),
            url: "https://o.example".into(),
            version: "18.0".into(),
        },
    ];
    out.extend(odoo_variant_samples());
    out
}

/// The Odoo texts with a variant per case (URL problems, reachability, apps, no answer).
fn odoo_variant_samples() -> Vec<OdooMsg> {
    use OdooMsg as O;
    let mut out = Vec::new();
    for problem in [
        UrlProblem::Empty,
        UrlProblem::Scheme("ftp".into()),
        UrlProblem::Malformed("x y".into()),
    ] {
        out.push(O::InvalidUrl {
            input: "ftp://x".into(),
            problem,
        });
    }
    for flag in [true, false] {
        out.push(O::Unreachable {
            url: "https://o.example".into(),
            timed_out: flag,
        });
        out.push(O::AppInstalled {
            app: "CRM",
            installed: flag,
        });
    }
    let reasons = [
        None,
        Some(NoAnswer::Unreachable),
        Some(NoAnswer::TimedOut),
        Some(NoAnswer::Unavailable(502)),
        Some(NoAnswer::Busy),
    ];
    for no_answer in reasons {
        if let Some(reason) = no_answer {
            out.push(O::NoAnswer(reason));
        }
        out.push(O::LastKnown {
            no_answer,
            at: "3 May".into(),
            version: "18.0".into(),
            apps: vec![("CRM", true), ("Calendar", false)],
        });
    }
    out
}

fn microsoft_samples() -> Vec<MicrosoftMsg> {
    use MicrosoftMsg as M;
    let d = || "connection refused".to_owned();
    let mut out = Vec::new();
    for problem in SignInProblem::ALL {
        for aadsts in [None, Some(50020)] {
            out.push(M::SignInFailed { problem, aadsts });
        }
    }
    out.extend([
        M::BadTenant {
            tenant: "contoso".into(),
        },
        M::ListenerFailed { detail: d() },
        M::BrowserFailed {
            command: "xdg-open".into(),
            detail: d(),
        },
        M::SignInTimedOut,
        M::Unreachable { detail: d() },
        M::BadAnswer { detail: d() },
        M::BadUrl {
            url: "ftp://x".into(),
        },
        M::Throttled { seconds: None },
        M::Throttled { seconds: Some(30) },
        M::ForeignLink {
            origin: "https://evil.example:443".into(),
        },
        M::EndlessPaging,
        M::NotConnected,
        M::BrowserPageSuccess,
        M::BrowserPageFailure,
        M::DeviceCodePrompt {
            url: "https://microsoft.com/devicelogin".into(),
            code: "ABCD-EFGH".into(),
        },
        M::OpenThisUrl,
        M::SignedInAs {
            upn: "ada@contoso.com".into(),
        },
        M::Disconnected,
        M::MailboxReachable,
    ]);
    for request_id in [None, Some("r-1".to_owned())] {
        out.extend([
            M::AccessDenied {
                request_id: request_id.clone(),
            },
            M::NotFound {
                request_id: request_id.clone(),
            },
            M::GraphUnavailable {
                status: 503,
                request_id: request_id.clone(),
            },
            M::GraphRefused {
                code: "ErrorInvalidRequest".into(),
                status: 400,
                request_id,
            },
        ]);
    }
    out
}

/// Every sample message of every module migrated to the Fluent catalogue.
pub(crate) fn samples() -> Vec<Msg> {
    let mut out = file_samples();
    out.extend(simple_samples());
    out.extend(model_samples());
    out.extend(desktop_samples().into_iter().map(Msg::Desktop));
    out.extend(store_samples().into_iter().map(Msg::Store));
    out.extend(mail_samples().into_iter().map(Msg::Mail));
    out.extend(odoo_samples().into_iter().map(Msg::Odoo));
    out.extend(microsoft_samples().into_iter().map(Msg::Microsoft));
    out
}

fn note_samples() -> Vec<MailNote> {
    use MailNote as N;
    let mut out = vec![
        N::AlreadyFiled,
        N::ConfirmedFromInterruptedRun,
        N::NoAddress,
        N::OnlyColleagues,
        N::EveryAddressIgnored,
        N::NotReadFromOutlook,
        N::UnreadableFromOutlook,
        N::OdooDidNotAnswer,
        N::KeyRefused,
        N::NoWriteAccess { contact: 42 },
        N::Refused { reason: "r".into() },
        N::NotConfirmed,
        N::NotFoundWhenChecked,
        N::NotMoved,
        N::AttachmentOverLimit {
            name: "a.pdf".into(),
            mb: 30,
            limit_mb: 25,
        },
        N::AttachmentIsLink { name: "a".into() },
        N::AttachmentRefused {
            name: "a".into(),
            reason: "r".into(),
        },
        N::LeftTheFolder,
        N::SkippedByPerson,
    ];
    let on_opportunity: Vec<_> = out
        .iter()
        .map(|note| N::OnOpportunity {
            note: Box::new(note.clone()),
        })
        .collect();
    out.extend(on_opportunity);
    out
}

/// Renders every sample in every language (a message that is missing or does not fit its
/// arguments panics in `catalogue::text` under test). With `OC_CATALOGUE_SNAPSHOT=<file>` the
/// texts are written there: run it before and after moving a module's texts and compare.
#[test]
fn every_sample_renders_in_every_language() {
    let mut all = String::new();
    for lang in [Language::En, Language::De] {
        for msg in samples() {
            all.push_str(&format!("{lang} {msg:?}\n{}\n", msg.render(lang)));
        }
        for note in note_samples() {
            all.push_str(&format!("{lang} {note:?}\n{}\n", note.render(lang)));
        }
    }
    if let Ok(path) = std::env::var("OC_CATALOGUE_SNAPSHOT") {
        std::fs::write(path, &all).expect("the snapshot file can be written");
    }
}
