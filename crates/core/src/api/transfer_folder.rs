//! Choosing a transfer folder by what the person types (an id, or a path as
//! `office-connector folders` shows it): checked against the mailbox before anything is stored,
//! because a name stored as if it were an id makes every later run read nothing, silently.

use serde::Serialize;

use super::Session;
use super::microsoft::{MicrosoftRuntime, folder_names};
use crate::error::CoreError;
use crate::graph::client::GraphClient;
use crate::graph::error::{GraphError, GraphErrorKind};
use crate::graph::mail_folders;
use crate::i18n::Msg;
use crate::mail::plan::Direction;
use crate::mail::texts::MailMsg;
use crate::mail::transfer_folder::{FolderChoiceError, Named, NamedFolder, find};
use crate::settings::{SettingEntry, SettingKey, SettingsError};

/// A transfer folder the person chose, as now stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChosenTransferFolder {
    /// Incoming or outgoing.
    pub direction: Direction,
    /// The folder's id (what the setting holds).
    pub id: String,
    /// Its path from the mailbox root, names joined with `/`.
    pub path: String,
    /// "Incoming transfer folder: Inbox/Transfer In", in the person's language.
    pub message: String,
    /// The setting as stored.
    pub setting: SettingEntry,
}

/// The setting that holds the transfer folder of `direction`.
pub fn transfer_folder_key(direction: Direction) -> SettingKey {
    match direction {
        Direction::Incoming => SettingKey::MailIncomingFolder,
        Direction::Outgoing => SettingKey::MailOutgoingFolder,
    }
}

impl Session {
    /// Makes the folder that `id_or_path` names the transfer folder of `direction`: a folder
    /// id, or a path as `office-connector folders` shows it. Nothing is stored when it names
    /// no folder or several (the error says which), or the administrator locked the setting.
    pub async fn choose_transfer_folder(
        &self,
        runtime: &MicrosoftRuntime,
        direction: Direction,
        id_or_path: &str,
    ) -> Result<ChosenTransferFolder, CoreError> {
        let key = transfer_folder_key(direction);
        // NOTE: a locked setting is refused before the mailbox is asked anything.
        if self.effective_settings()?.is_locked(key) {
            return Err(SettingsError::Locked { key }.into());
        }
        let client = self.microsoft_client(runtime)?;
        let folder = match named_folder(&client, direction, id_or_path.trim()).await {
            Ok(folder) => folder,
            Err(CoreError::Graph(e)) => {
                self.note_microsoft_error(&e);
                return Err(CoreError::Graph(e));
            }
            Err(e) => return Err(e),
        };
        self.note_microsoft_answered();
        let setting = self.set_setting(key.name(), &folder.id)?;
        let message = Msg::Mail(MailMsg::TransferFolderChosen {
            direction,
            path: folder.path.clone(),
        })
        .render(self.language());
        Ok(ChosenTransferFolder {
            direction,
            id: folder.id,
            path: folder.path,
            message,
            setting,
        })
    }
}

/// The one folder `input` names: in the folder tree by id or path, else the folder Graph
/// knows by that id or well-known name (hidden folders, `inbox` in a German mailbox).
async fn named_folder(
    client: &GraphClient,
    direction: Direction,
    input: &str,
) -> Result<NamedFolder, CoreError> {
    let not_a_folder = || FolderChoiceError::NotAFolder {
        input: input.to_owned(),
        direction,
    };
    match find(&mail_folders::tree(client).await?, input) {
        Named::One(folder) => return Ok(folder),
        Named::Several(matches) => {
            return Err(FolderChoiceError::Ambiguous {
                input: input.to_owned(),
                matches,
            }
            .into());
        }
        Named::Nothing if input.is_empty() => return Err(not_a_folder().into()),
        Named::Nothing => {}
    }
    match mail_folders::get(client, input).await {
        Ok(folder) => Ok(NamedFolder {
            path: folder_names(client, &folder.id).await?.join("/"),
            id: folder.id,
        }),
        Err(e) if names_nothing(&e) => Err(not_a_folder().into()),
        Err(e) => Err(e.into()),
    }
}

/// Graph's answer for an id that is no folder: unknown (404), or not shaped like an id.
fn names_nothing(e: &GraphError) -> bool {
    e.kind == GraphErrorKind::NotFound
        || (e.kind == GraphErrorKind::Permanent && e.code == "ErrorInvalidIdMalformed")
}
