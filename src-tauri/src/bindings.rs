//! Writes the generated part of `ui/src/lib/bindings.ts`, the window's IPC types, from the
//! shell's Rust types: the command answers of [`crate::commands`] through `ts-rs`, and the names
//! of the core's enums (jobs, outcomes, ...) from the core itself, so a renamed field or a new
//! job changes the file. A test fails when the file's generated part differs; `UPDATE_BINDINGS=1`
//! rewrites that part. NOTE: only the part between the markers: the rest of the file (types of
//! commands that do not exist in the shell yet) is written by hand.

use office_connector_core::i18n::Language;
use office_connector_core::model::{AccountKind, ItemOutcome, Job, Outcome, Trigger};
use ts_rs::{Config, TS};

use crate::commands::{
    AccountState, AccountView, AppStatus, JobView, RunDetailsView, RunEventView, RunQuery, RunView,
    SettingsView,
};

/// The first line of the generated part.
const BEGIN: &str = "// ---- GENERATED from the Rust types of src-tauri: do not edit by hand ----";
/// The last line of the generated part.
const END: &str = "// ---- END GENERATED ----";

const HEADER: &str = "\
// Made by src-tauri/src/bindings.rs from src-tauri/src/commands.rs and the core's enums. After
// changing those types, regenerate with
//   UPDATE_BINDINGS=1 cargo nextest run -p office-connector-desktop -E 'test(bindings)'
// A test fails while this part and the Rust types differ.
";

fn union(doc: &str, name: &str, members: impl IntoIterator<Item = &'static str>) -> String {
    let members: Vec<String> = members.into_iter().map(|m| format!("\"{m}\"")).collect();
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
