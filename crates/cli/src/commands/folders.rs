//! `office-connector folders [--ids] [--json]`: the mailbox's folder tree, all levels, with
//! unread and total counts — what the setup wizard shows to pick the transfer folders — and
//! how to choose one by its path (names from the root joined with `/`). `--ids` adds each
//! folder's id; `--json` prints `[{id, name, path, unread, total, children: […]}]`.

use std::path::PathBuf;
use std::process::ExitCode;

use office_connector_core::api::MicrosoftRuntime;
use office_connector_core::error::UserFacing;
use office_connector_core::graph::mail_folders::FolderNode;
use office_connector_core::i18n::Msg;
use office_connector_core::mail::texts::MailMsg;

use super::exit::{open_session, report, runtime};
use super::output::{emit, print_json};

/// Arguments of `office-connector folders`.
#[derive(Debug, clap::Args)]
pub struct FoldersArgs {
    /// Print machine-readable JSON.
    #[arg(long)]
    json: bool,
    /// Show each folder's id after its counts.
    #[arg(long)]
    ids: bool,
}

/// Runs `office-connector folders`.
pub fn run(home: Option<PathBuf>, args: FoldersArgs) -> anyhow::Result<ExitCode> {
    let session = match open_session(home, args.json) {
        Ok(s) => s,
        Err(code) => return Ok(code),
    };
    let lang = session.language();
    let rt = runtime()?;
    let env = MicrosoftRuntime::keyring(&session);
    match rt.block_on(session.mail_folders(&env)) {
        Ok(tree) if args.json => print_json(&tree),
        Ok(tree) => {
            let mut out = String::new();
            for node in &tree {
                render(node, 0, args.ids, &mut out);
            }
            if let Some(example) = example_path(&tree) {
                let hint = Msg::Mail(MailMsg::ChooseFolderByPath { example }).render(lang);
                out.push_str(&format!("\n{hint}\n"));
            }
            emit(&out);
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => Ok(report(&e.to_ui(lang), args.json)),
    }
}

/// One line per folder, indented by depth; ids (long in real mailboxes) only when asked for,
/// so the tree stays readable.
fn render(node: &FolderNode, depth: usize, ids: bool, out: &mut String) {
    out.push_str(&format!(
        "{}{} ({}/{})",
        "  ".repeat(depth),
        node.name,
        node.unread,
        node.total
    ));
    if ids {
        out.push_str(&format!("  {}", node.id));
    }
    out.push('\n');
    for child in &node.children {
        render(child, depth + 1, ids, out);
    }
}

/// A path to show in the hint: the first sub-folder's (what a transfer folder usually is),
/// else the first folder's.
fn example_path(tree: &[FolderNode]) -> Option<String> {
    tree.iter()
        .find_map(|n| n.children.first())
        .or_else(|| tree.first())
        .map(|n| n.path.clone())
}
