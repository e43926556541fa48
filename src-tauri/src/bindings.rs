//! Writes the generated part of `ui/src/lib/bindings.ts`, the window's IPC types, from the
//! shell's Rust types: the command answers of [`crate::commands`] through `ts-rs`, and the names
//! of the core's enums (jobs, outcomes, ...) from the core itself, so a renamed field or a new
//! job changes the file. A test fails when the file's generated part differs; `UPDATE_BINDINGS=1`
//! rewrites that part. NOTE: only the part between the markers: the rest of the file (types of
//! commands that do not exist in the shell yet) is written by hand.

use office_connector_core::i18n::Language;
use office_connector_core::mail::decisions::OpenKind;
use office_connector_core::model::{AccountKind, ItemOutcome, Job, Outcome, Trigger};
use office_connector_core::settings::{SettingKey, SettingValue, Source};
use ts_rs::{Config, TS};

use crate::calendar::{CalendarProgressView, CalendarRunView, CalendarSyncRequestView};
use crate::commands::{
    AccountState, AccountView, AppStatus, JobView, RunDetailsView, RunEventView, RunQuery, RunView,
    SettingsView,
};
use crate::contacts::{
    ContactOutcomeView, ContactsReportView, ContactsRunView, ContactsSyncRequestView,
};
use crate::mail::{MailProgressView, MailRunView, MailSyncRequestView};
use crate::wizard::{
    ConnectionTestView, DeviceCodeView, MicrosoftConnectionView, MicrosoftEndpointsView,
    MicrosoftSignInRequestView, OdooConnectRequestView, RegistrationKind, SettingEntryView,
};
use office_connector_core::api::{
    ContactDirectory, ContactState, DirectoryContact, DirectoryFilter, DirectoryQuery,
    FollowChange, MailFolderEntry, MicrosoftCheck, OdooCheck, OdooConnection, RememberedChoice,
};
use office_connector_core::calendar::report::{CalendarReport, EventOutcome};
use office_connector_core::contacts::selection::Selection;
use office_connector_core::mail::decisions::{Decision, RefusedMail, WaitingMail};
use office_connector_core::mail::engine::{MailOutcome, MailReport};
use office_connector_core::mail::matching::Contact;
use office_connector_core::mail::plan::AddressChoice;
use office_connector_core::odoo::OdooAccount;

/// The first line of the generated part.
const BEGIN: &str = "// ---- GENERATED from the Rust types of src-tauri: do not edit by hand ----";
/// The last line of the generated part.
const END: &str = "// ---- END GENERATED ----";

const HEADER: &str = "\
// Made by src-tauri/src/bindings.rs from the shell's command types and the core's enums. After
// changing those types, regenerate with
//   UPDATE_BINDINGS=1 cargo nextest run -p office-connector-desktop -E 'test(bindings)'
// A test fails while this part and the Rust types differ.
";

fn union<S: AsRef<str>>(doc: &str, name: &str, members: impl IntoIterator<Item = S>) -> String {
    let members: Vec<String> = members
        .into_iter()
        .map(|m| format!("\"{}\"", m.as_ref()))
        .collect();
    format!(
        "/** {doc} */\nexport type {name} = {};\n",
        members.join(" | ")
    )
}

/// A JSDoc block (`/**\n * line\n */`) as one line: `/** line */`.
fn one_line_doc(doc: &str) -> String {
    let text: Vec<&str> = doc
        .lines()
        .map(|l| l.trim().trim_start_matches("/**").trim_end_matches("*/"))
        .map(|l| l.trim().trim_start_matches('*').trim())
        .filter(|l| !l.is_empty())
        .collect();
    format!("/** {} */", text.join(" "))
}

/// `T`'s declaration with its docs, one field per line (ts-rs writes it on few long lines).
fn declared<T: TS>(cfg: &Config) -> String {
    let docs = T::docs()
        .map(|d| one_line_doc(&d) + "\n")
        .unwrap_or_default();
    let decl = T::decl(cfg);
    let (Some(open), Some(close)) = (decl.find("= {"), decl.rfind('}')) else {
        return format!("{docs}export {decl}\n");
    };
    let mut out = format!("{docs}export {}\n", &decl[..open + 3]);
    let mut doc: Vec<&str> = Vec::new();
    for line in decl[open + 3..close].lines().map(str::trim) {
        if line.starts_with("/**") || line.starts_with('*') && line != "*/" {
            doc.push(line);
        } else if line == "*/" {
            doc.push(line);
            out.push_str(&format!("  {}\n", one_line_doc(&doc.join("\n"))));
            doc.clear();
        } else if !line.is_empty() {
            out.push_str(&format!("  {};\n", line.trim_end_matches(',')));
        }
    }
    out.push_str("};\n");
    out
}

// NOTE: the core has no list of these; the match makes a new variant a compile error here.
fn account_kinds() -> [AccountKind; 2] {
    match AccountKind::Microsoft {
        AccountKind::Microsoft | AccountKind::Odoo => [AccountKind::Microsoft, AccountKind::Odoo],
    }
}

fn triggers() -> [Trigger; 3] {
    match Trigger::Manual {
        Trigger::Manual | Trigger::Timer | Trigger::Cli => {
            [Trigger::Manual, Trigger::Timer, Trigger::Cli]
        }
    }
}

fn languages() -> [Language; 2] {
    match Language::En {
        Language::En | Language::De => [Language::De, Language::En],
    }
}

fn setting_sources() -> [Source; 4] {
    match Source::Default {
        Source::Default | Source::User | Source::Policy | Source::PolicyDefault => [
            Source::Default,
            Source::User,
            Source::Policy,
            Source::PolicyDefault,
        ],
    }
}

/// A JSON value's name as serde writes it (a unit variant of a core enum).
fn serde_name(value: impl serde::Serialize) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(name)) => name,
        other => panic!("not a plain name: {other:?}"),
    }
}

/// The TypeScript type of each of the core's setting values (untagged, so by their JSON).
fn setting_value_types() -> Vec<&'static str> {
    fn ts(value: &SettingValue) -> &'static str {
        match value {
            SettingValue::Unset => "null",
            SettingValue::Bool(_) => "boolean",
            SettingValue::Number(_) => "number",
            SettingValue::Text(_) | SettingValue::Date(_) | SettingValue::Language(_) => "string",
        }
    }
    let all = [
        SettingValue::Unset,
        SettingValue::Bool(false),
        SettingValue::Number(0),
        SettingValue::Text(String::new()),
        SettingValue::Date(chrono::NaiveDate::MIN),
        SettingValue::Language(Language::En),
    ];
    let mut types: Vec<&'static str> = Vec::new();
    for t in all.iter().map(ts) {
        if !types.contains(&t) {
            types.push(t);
        }
    }
    types
}

/// What the settings' values must look like, as serde writes the core's `Expected` of every key.
fn setting_expected() -> String {
    let mut members: Vec<String> = Vec::new();
    for key in SettingKey::ALL {
        let member = match serde_json::to_value(key.expected()) {
            Ok(serde_json::Value::String(name)) => format!("\"{name}\""),
            Ok(serde_json::Value::Object(outer)) => {
                let (name, inner) = outer.iter().next().expect("one variant");
                let fields: Vec<String> = inner
                    .as_object()
                    .expect("named fields")
                    .keys()
                    .map(|f| format!("{f}: number"))
                    .collect();
                format!("{{ {name}: {{ {} }} }}", fields.join("; "))
            }
            other => panic!("unexpected shape of Expected: {other:?}"),
        };
        if !members.contains(&member) {
            members.push(member);
        }
    }
    format!(
        "/** What a setting's value must look like. */\nexport type SettingExpected = {};\n",
        members.join(" | ")
    )
}

/// The generated part, markers included.
pub fn render() -> String {
    let cfg = Config::new();
    let mut out = format!("{BEGIN}\n{HEADER}");
    let sections = [
        union("A sync job: one per direction of data flow.", "Job", Job::ALL.map(Job::as_str)),
        union("What started a run.", "RunTrigger", triggers().map(Trigger::as_str)),
        union(
            "How a run ended (`running` while it is still going).",
            "RunOutcome",
            Outcome::ALL.map(Outcome::as_str).into_iter().chain(["running"]),
        ),
        union(
            "What happened to one item in a run.",
            "ItemOutcome",
            ItemOutcome::ALL.map(ItemOutcome::as_str),
        ),
        union(
            "Which remote an account belongs to.",
            "AccountKind",
            account_kinds().map(AccountKind::as_str),
        ),
        union("A UI language.", "Language", languages().map(Language::as_str)),
        declared::<AccountState>(&cfg),
        declared::<RunView>(&cfg),
        declared::<RunEventView>(&cfg),
        declared::<RunDetailsView>(&cfg),
        declared::<JobView>(&cfg),
        declared::<AccountView>(&cfg),
        declared::<AppStatus>(&cfg),
        declared::<RunQuery>(&cfg),
        declared::<SettingsView>(&cfg),
        declared::<OdooConnectRequestView>(&cfg),
        declared::<OdooAccount>(&cfg),
        declared::<OdooConnection>(&cfg),
        declared::<OdooCheck>(&cfg),
        declared::<MicrosoftSignInRequestView>(&cfg),
        declared::<RegistrationKind>(&cfg),
        declared::<MicrosoftEndpointsView>(&cfg),
        declared::<MicrosoftConnectionView>(&cfg),
        declared::<DeviceCodeView>(&cfg),
        declared::<MicrosoftCheck>(&cfg),
        declared::<ConnectionTestView>(&cfg),
        declared::<MailFolderEntry>(&cfg),
        mail_types(&cfg),
        calendar_types(&cfg),
        contacts_types(&cfg),
        format!(
            "/** A setting's value: null when unset, else a switch, a number, or text (dates \
             `YYYY-MM-DD`). */\nexport type SettingValue = {};\n",
            setting_value_types().join(" | ")
        ),
        union(
            "Where an effective value comes from.",
            "SettingSource",
            setting_sources().map(serde_name),
        ),
        setting_expected(),
        declared::<SettingEntryView>(&cfg),
        // NOTE: the core's error for the window; `code` stays a string because the window also
        // makes up codes of its own (e.g. `unexpected` for a failed transport).
        "/** The error every command returns on failure; `message` is already in the user's \
         language. */\nexport type UiError = { code: string; message: string; retryable: boolean };\n"
            .to_owned(),
    ];
    for section in sections {
        out.push('\n');
        out.push_str(&section);
    }
    out.push_str(END);
    out.push('\n');
    out
}

/// The Mail page's types (`mail.rs` and the core's mail job), in the order the window reads them.
fn mail_types(cfg: &Config) -> String {
    [
        union(
            "Several contacts match (`waiting`) or none does (`unassigned`).",
            "OpenKind",
            [OpenKind::Waiting, OpenKind::Unassigned].map(serde_name),
        ),
        declared::<Contact>(cfg),
        declared::<WaitingMail>(cfg),
        declared::<Decision>(cfg),
        // NOTE: ts-rs writes a tagged enum's field docs inline; the shape is serde's, the core's
        format!(
            "{}\nexport type AddressChoice = {{ kind: \"contacts\"; contacts: number[] }} | \
             {{ kind: \"ignore\" }};\n",
            one_line_doc(&AddressChoice::docs().unwrap_or_default()),
        ),
        declared::<RememberedChoice>(cfg),
        declared::<RefusedMail>(cfg),
        declared::<MailOutcome>(cfg),
        declared::<MailReport>(cfg),
        union(
            "How a finished mail run ended.",
            "MailRunOutcome",
            Outcome::ALL.map(Outcome::as_str),
        ),
        declared::<MailRunView>(cfg),
        declared::<MailSyncRequestView>(cfg),
        declared::<MailProgressView>(cfg),
        "/** How far the mail run in progress is (`mail_progress`); null when none runs. */\n\
         export type MailProgress = MailProgressCount | null;\n"
            .to_owned(),
    ]
    .join("\n")
}

/// The Calendar page's types (`calendar.rs` and the core's calendar report).
fn calendar_types(cfg: &Config) -> String {
    [
        // NOTE: a tagged enum; its shape is serde's, the core's (checked by a calendar test)
        "/** When an event takes place: from `start` to `stop` (UTC instants), or whole days \
         from `first` to `last` (both included). */\nexport type EventWhen = { kind: \"timed\"; \
         start: string; stop: string } | { kind: \"all_day\"; first: string; last: string };\n"
            .to_owned(),
        declared::<EventOutcome>(cfg),
        declared::<CalendarReport>(cfg),
        declared::<CalendarRunView>(cfg),
        declared::<CalendarSyncRequestView>(cfg),
        declared::<CalendarProgressView>(cfg),
        "/** How far the calendar run in progress is (`calendar_progress`); null when none runs. \
         */\nexport type CalendarProgress = CalendarProgressCount | null;\n"
            .to_owned(),
    ]
    .join("\n")
}

// NOTE: the core has no list of these; the match makes a new variant a compile error here.
fn selections() -> [Selection; 7] {
    match Selection::Followed {
        Selection::Followed
        | Selection::MyCustomer
        | Selection::NotSubscribed
        | Selection::OnlyCreated
        | Selection::NoEmail
        | Selection::Company
        | Selection::Archived => [
            Selection::Followed,
            Selection::MyCustomer,
            Selection::NotSubscribed,
            Selection::OnlyCreated,
            Selection::NoEmail,
            Selection::Company,
            Selection::Archived,
        ],
    }
}

/// The Contacts page's types (`contacts.rs` and the core's contact directory).
fn contacts_types(cfg: &Config) -> String {
    [
        union(
            "Whether the contacts job exports a contact, and why (the job's selection).",
            "ContactSelection",
            selections().map(serde_name),
        ),
        union(
            "Which contacts the Contacts page's list shows.",
            "ContactFilter",
            DirectoryFilter::ALL.map(serde_name),
        ),
        declared::<DirectoryQuery>(cfg),
        declared::<ContactState>(cfg),
        declared::<DirectoryContact>(cfg),
        declared::<ContactDirectory>(cfg),
        declared::<FollowChange>(cfg),
        declared::<ContactOutcomeView>(cfg),
        declared::<ContactsReportView>(cfg),
        declared::<ContactsRunView>(cfg),
        declared::<ContactsSyncRequestView>(cfg),
    ]
    .join("\n")
}

/// `file` with its generated part replaced by `generated` (put first when it has none).
pub fn replace_generated(file: &str, generated: &str) -> String {
    match (file.find(BEGIN), file.find(END)) {
        (Some(begin), Some(end)) if begin < end => {
            let after = file[end..].find('\n').map_or(file.len(), |n| end + n + 1);
            format!("{}{generated}{}", &file[..begin], &file[after..])
        }
        _ => format!("{generated}\n{file}"),
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    #[test]
    fn only_the_generated_part_is_replaced() {
        let generated = format!(
            "{}\nexport type Job = \"mail\";\n{}\n",
            super::BEGIN,
            super::END
        );
        let file = format!(
            "// intro\n{}\nold\n{}\n// by hand\nexport type X = 1;\n",
            super::BEGIN,
            super::END
        );
        assert_eq!(
            super::replace_generated(&file, &generated),
            format!("// intro\n{generated}// by hand\nexport type X = 1;\n")
        );
        assert_eq!(
            super::replace_generated("export type X = 1;\n", &generated),
            format!("{generated}\nexport type X = 1;\n"),
            "a file without the part gets it first"
        );
    }

    #[test]
    fn bindings_ts_matches_the_rust_types() {
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../ui/src/lib/bindings.ts");
        let generated = super::render();
        let file = std::fs::read_to_string(&path).expect("read bindings.ts");
        if std::env::var_os("UPDATE_BINDINGS").is_some() {
            let updated = super::replace_generated(&file, &generated);
            std::fs::write(&path, updated).expect("write bindings.ts");
        }
        let file = std::fs::read_to_string(&path).expect("read bindings.ts");
        assert!(
            super::replace_generated(&file, &generated) == file,
            "ui/src/lib/bindings.ts's generated part differs from the Rust types; regenerate it with\n  \
             UPDATE_BINDINGS=1 cargo nextest run -p office-connector-desktop -E 'test(bindings)'\n\
             generated:\n{generated}"
        );
    }
}
