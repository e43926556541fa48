//! Which mail folder a person means when they name a transfer folder: its id, or its path as
//! `office-connector folders` shows it (display names from the mailbox root joined with `/`,
//! compared regardless of case and of spaces around the `/`, so the window's "Inbox / Kunden"
//! works too).
//!
//! Outlook forbids two sibling folders with one name, but a name may hold a `/` itself, so a
//! path can name several folders; then the person must give the id.

use serde::Serialize;

use super::plan::Direction;
use super::texts::MailMsg;
use crate::error_code::{ErrorCode, UserFacing};
use crate::graph::mail_folders::FolderNode;
use crate::i18n::Msg;

/// A folder that a typed id or path names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NamedFolder {
    /// Folder id (what the settings keep).
    pub id: String,
    /// Names from the mailbox root, joined with `/`.
    pub path: String,
}

/// What a typed id or path names in a folder tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Named {
    /// Exactly one folder.
    One(NamedFolder),
    /// Several folders have this path.
    Several(Vec<NamedFolder>),
    /// No folder in the tree.
    Nothing,
}

/// The folder `input` names in `tree`: by id first (ids are unique), else by path.
pub fn find(tree: &[FolderNode], input: &str) -> Named {
    let mut all = Vec::new();
    flatten(tree, &mut all);
    let input = input.trim();
    if let Some(node) = all.iter().find(|n| n.id == input) {
        return Named::One(named(node));
    }
    let wanted = comparable(input);
    if wanted.is_empty() {
        return Named::Nothing;
    }
    let mut found: Vec<NamedFolder> = all
        .into_iter()
        .filter(|n| comparable(&n.path) == wanted)
        .map(named)
        .collect();
    match found.len() {
        0 => Named::Nothing,
        1 => Named::One(found.remove(0)),
        _ => Named::Several(found),
    }
}

fn flatten<'a>(nodes: &'a [FolderNode], out: &mut Vec<&'a FolderNode>) {
    for node in nodes {
        out.push(node);
        flatten(&node.children, out);
    }
}

fn named(node: &FolderNode) -> NamedFolder {
    NamedFolder {
        id: node.id.clone(),
        path: node.path.clone(),
    }
}

/// A path as compared: lower case, without empty parts or spaces around the `/`.
fn comparable(path: &str) -> String {
    path.split('/')
        .map(|part| part.trim().to_lowercase())
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("/")
}

/// Why a typed text cannot become a transfer folder.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FolderChoiceError {
    /// Neither the id nor the path of a folder in the mailbox.
    #[error("no mail folder has the id or path {input:?}")]
    NotAFolder {
        /// What was given.
        input: String,
        /// Which transfer folder it was meant for.
        direction: Direction,
    },
    /// A path that several folders have.
    #[error("{} mail folders have the path {input:?}", matches.len())]
    Ambiguous {
        /// What was given.
        input: String,
        /// The folders it names.
        matches: Vec<NamedFolder>,
    },
}

impl UserFacing for FolderChoiceError {
    fn code(&self) -> ErrorCode {
        match self {
            FolderChoiceError::NotAFolder { .. } => ErrorCode::InvalidInput,
            FolderChoiceError::Ambiguous { .. } => ErrorCode::ChoiceRequired,
        }
    }

    fn msg(&self) -> Msg {
        Msg::Mail(match self {
            FolderChoiceError::NotAFolder { input, direction } => MailMsg::NotAFolder {
                input: input.clone(),
                direction: *direction,
            },
            FolderChoiceError::Ambiguous { input, matches } => MailMsg::AmbiguousFolder {
                input: input.clone(),
                folders: matches
                    .iter()
                    .map(|m| (m.path.clone(), m.id.clone()))
                    .collect(),
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(id: &str, path: &str, children: Vec<FolderNode>) -> FolderNode {
        FolderNode {
            id: id.into(),
            name: path.rsplit('/').next().unwrap_or(path).into(),
            path: path.into(),
            unread: 0,
            total: 0,
            children,
        }
    }

    fn mailbox() -> Vec<FolderNode> {
        vec![
            node(
                "AAMk-inbox",
                "Inbox",
                vec![
                    node("AAMk-in", "Inbox/Transfer In", vec![]),
                    node(
                        "AAMk-customers",
                        "Inbox/Customers",
                        vec![node("AAMk-north", "Inbox/Customers/North", vec![])],
                    ),
                ],
            ),
            node("AAMk-sent", "Sent Items", vec![]),
        ]
    }

    fn one(id: &str, path: &str) -> Named {
        Named::One(NamedFolder {
            id: id.into(),
            path: path.into(),
        })
    }

    #[test]
    fn a_path_as_folders_shows_it_names_its_folder_at_any_depth() {
        let tree = mailbox();
        assert_eq!(
            find(&tree, "Inbox/Transfer In"),
            one("AAMk-in", "Inbox/Transfer In")
        );
        assert_eq!(
            find(&tree, "Inbox/Customers/North"),
            one("AAMk-north", "Inbox/Customers/North")
        );
        assert_eq!(find(&tree, "Sent Items"), one("AAMk-sent", "Sent Items"));
    }

    #[test]
    fn case_and_spaces_around_the_slashes_do_not_matter() {
        let tree = mailbox();
        for typed in [
            "inbox/transfer in",
            "INBOX / Transfer In",
            " Inbox/Transfer In/ ",
            "/Inbox/Transfer In",
        ] {
            assert_eq!(
                find(&tree, typed),
                one("AAMk-in", "Inbox/Transfer In"),
                "{typed:?}"
            );
        }
    }

    #[test]
    fn an_id_names_its_folder_and_wins_over_a_path() {
        let mut tree = mailbox();
        // a folder whose name looks like another folder's id
        tree.push(node("AAMk-odd", "AAMk-sent", vec![]));
        assert_eq!(find(&tree, "AAMk-sent"), one("AAMk-sent", "Sent Items"));
        assert_eq!(
            find(&tree, "AAMk-north"),
            one("AAMk-north", "Inbox/Customers/North")
        );
    }

    #[test]
    fn a_name_alone_or_nothing_names_no_folder_below_the_root() {
        let tree = mailbox();
        assert_eq!(find(&tree, "Transfer In"), Named::Nothing);
        assert_eq!(find(&tree, "Inbox/Transfer"), Named::Nothing);
        assert_eq!(find(&tree, ""), Named::Nothing);
        assert_eq!(find(&tree, " / "), Named::Nothing);
    }

    #[test]
    fn a_name_holding_a_slash_can_make_a_path_name_two_folders() {
        let mut tree = mailbox();
        tree.push(node("AAMk-slash", "Inbox/Transfer In", vec![]));
        assert_eq!(
            find(&tree, "Inbox/Transfer In"),
            Named::Several(vec![
                NamedFolder {
                    id: "AAMk-in".into(),
                    path: "Inbox/Transfer In".into()
                },
                NamedFolder {
                    id: "AAMk-slash".into(),
                    path: "Inbox/Transfer In".into()
                },
            ])
        );
        assert_eq!(
            find(&tree, "AAMk-slash"),
            one("AAMk-slash", "Inbox/Transfer In"),
            "the id tells them apart"
        );
    }
}
