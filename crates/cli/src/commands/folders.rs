//! `office-connector folders [--json]`: the mailbox's folder tree, all levels, with unread and
//! total counts — what the setup wizard shows to pick the transfer folders. `--json` prints
//! `[{id, name, path, unread, total, children: […]}]`.

use std::path::PathBuf;
use std::process::ExitCode;

use office_connector_core::api::MicrosoftRuntime;
use office_connector_core::error::UserFacing;
use office_connector_core::graph::mail_folders::FolderNode;

use super::exit::{open_session, report, runtime};
use super::output::{emit, print_json};

/// Arguments of `office-connector folders`.
#[derive(Debug, clap::Args)]
pub struct FoldersArgs {
    /// Print machine-readable JSON.
    #[arg(long)]
    json: bool,
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
                render(node, 0, &mut out);
            }
            emit(&out);
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => Ok(report(&e.to_ui(lang), args.json)),
    }
}

fn render(node: &FolderNode, depth: usize, out: &mut String) {
    out.push_str(&format!(
        "{}{} ({}/{})\n",
        "  ".repeat(depth),
        node.name,
        node.unread,
        node.total
    ));
    for child in &node.children {
        render(child, depth + 1, out);
    }
}
