//! Secrets (refresh tokens, Odoo API keys, client secrets) live only in the OS keyring.
//!
//! Contract: service name [`KEYRING_SERVICE`], entry (user) name `<home namespace>/<secret>`,
//! where the namespace is a hash of the canonical state-home path ([`StateHome::namespace`]).
//! So the demo, tests and a script using `--home` never see or overwrite a real user's tokens.
//! There is no plain-file fallback, ever: without a keyring the error says so and how to get
//! one. Secrets stay in `SecretString` in memory and are never logged.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use secrecy::{ExposeSecret, SecretString};

use crate::error_code::{ErrorCode, UserFacing};
use crate::home::StateHome;
use crate::i18n::Msg;

/// The keyring service name of every entry.
pub const KEYRING_SERVICE: &str = "office-connector";

/// Errors of the secret store.
#[derive(Debug, thiserror::Error)]
pub enum SecretsError {
    /// No keyring is reachable (no Secret Service, locked, no D-Bus).
    #[error("no keyring available")]
    KeyringUnavailable {
        /// The keyring library's error.
        #[source]
        source: keyring::Error,
    },
    /// The keyring failed the request.
    #[error("keyring request failed")]
    Keyring {
        /// The keyring library's error.
        #[source]
        source: keyring::Error,
    },
}

impl From<keyring::Error> for SecretsError {
    fn from(source: keyring::Error) -> Self {
        match source {
            keyring::Error::PlatformFailure(_) | keyring::Error::NoStorageAccess(_) => {
                SecretsError::KeyringUnavailable { source }
            }
            other => SecretsError::Keyring { source: other },
        }
    }
}

impl UserFacing for SecretsError {
    fn code(&self) -> ErrorCode {
        match self {
            SecretsError::KeyringUnavailable { .. } => ErrorCode::KeyringUnavailable,
            SecretsError::Keyring { .. } => ErrorCode::Internal,
        }
    }

    fn msg(&self) -> Msg {
        match self {
            SecretsError::KeyringUnavailable { source } => Msg::KeyringUnavailable {
                detail: source.to_string(),
            },
            SecretsError::Keyring { source } => Msg::KeyringFailed {
                detail: source.to_string(),
            },
        }
    }
}

/// Keeps named secrets of one state home.
pub trait SecretStore: Send + Sync {
    /// The secret called `name`, if stored.
    fn get(&self, name: &str) -> Result<Option<SecretString>, SecretsError>;
    /// Stores `secret` as `name`, replacing any previous one.
    fn set(&self, name: &str, secret: &SecretString) -> Result<(), SecretsError>;
    /// Removes `name`; removing a missing secret is fine.
    fn delete(&self, name: &str) -> Result<(), SecretsError>;
}

/// The keyring entry (user) name of secret `name` in `home`.
pub fn entry_name(home: &StateHome, name: &str) -> String {
    format!("{}/{name}", home.namespace())
}

/// The OS keyring (Secret Service on Linux, Keychain on macOS, Credential Manager on Windows).
#[derive(Debug, Clone)]
pub struct KeyringSecretStore {
    home: StateHome,
}

impl KeyringSecretStore {
    /// The keyring entries of `home`.
    pub fn new(home: StateHome) -> Self {
        Self { home }
    }

    fn entry(&self, name: &str) -> Result<keyring::Entry, SecretsError> {
        Ok(keyring::Entry::new(
            KEYRING_SERVICE,
            &entry_name(&self.home, name),
        )?)
    }
}

impl SecretStore for KeyringSecretStore {
    fn get(&self, name: &str) -> Result<Option<SecretString>, SecretsError> {
        match self.entry(name)?.get_password() {
            Ok(p) => Ok(Some(SecretString::from(p))),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(e.into()),
        }
    }

    fn set(&self, name: &str, secret: &SecretString) -> Result<(), SecretsError> {
        Ok(self.entry(name)?.set_password(secret.expose_secret())?)
    }

    fn delete(&self, name: &str) -> Result<(), SecretsError> {
        match self.entry(name)?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(e.into()),
        }
    }
}

/// An in-memory stand-in for one OS keyring, shared by every [`MemorySecretStore`] made from
/// it — so tests can show that two homes on one keyring stay apart.
#[derive(Debug, Clone, Default)]
pub struct MemoryKeyring {
    entries: Arc<Mutex<HashMap<(String, String), SecretString>>>,
}

impl MemoryKeyring {
    /// An empty keyring.
    pub fn new() -> Self {
        Self::default()
    }

    /// The secret store of `home` on this keyring.
    pub fn store_for(&self, home: &StateHome) -> MemorySecretStore {
        MemorySecretStore {
            keyring: self.clone(),
            home: home.clone(),
        }
    }

    /// How many entries the keyring holds (all homes).
    pub fn len(&self) -> usize {
        self.lock().len()
    }

    /// Whether the keyring is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<(String, String), SecretString>> {
        self.entries.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// The in-memory secret store of one home, for tests.
#[derive(Debug, Clone)]
pub struct MemorySecretStore {
    keyring: MemoryKeyring,
    home: StateHome,
}

impl MemorySecretStore {
    fn key(&self, name: &str) -> (String, String) {
        (KEYRING_SERVICE.to_owned(), entry_name(&self.home, name))
    }
}

impl SecretStore for MemorySecretStore {
    fn get(&self, name: &str) -> Result<Option<SecretString>, SecretsError> {
        Ok(self.keyring.lock().get(&self.key(name)).cloned())
    }

    fn set(&self, name: &str, secret: &SecretString) -> Result<(), SecretsError> {
        self.keyring.lock().insert(self.key(name), secret.clone());
        Ok(())
    }

    fn delete(&self, name: &str) -> Result<(), SecretsError> {
        self.keyring.lock().remove(&self.key(name));
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Language;

    #[test]
    fn the_memory_store_keeps_replaces_and_deletes_secrets() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = MemoryKeyring::new().store_for(&StateHome::at(dir.path()));
        assert!(store.get("odoo.api_key").expect("get").is_none());
        store
            .set("odoo.api_key", &SecretString::from("k1"))
            .expect("set");
        store
            .set("odoo.api_key", &SecretString::from("k2"))
            .expect("replace");
        let got = store.get("odoo.api_key").expect("get").expect("stored");
        assert_eq!(got.expose_secret(), "k2");
        store.delete("odoo.api_key").expect("delete");
        store
            .delete("odoo.api_key")
            .expect("deleting twice is fine");
        assert!(store.get("odoo.api_key").expect("get").is_none());
    }

    #[test]
    fn two_homes_on_one_keyring_do_not_see_each_others_entries() {
        let (a, b) = (
            tempfile::tempdir().expect("a"),
            tempfile::tempdir().expect("b"),
        );
        let keyring = MemoryKeyring::new();
        let (sa, sb) = (
            keyring.store_for(&StateHome::at(a.path())),
            keyring.store_for(&StateHome::at(b.path())),
        );
        sa.set("microsoft.refresh_token", &SecretString::from("token-a"))
            .expect("set a");
        assert!(sb.get("microsoft.refresh_token").expect("get b").is_none());
        sb.set("microsoft.refresh_token", &SecretString::from("token-b"))
            .expect("set b");
        let got = sa
            .get("microsoft.refresh_token")
            .expect("get a")
            .expect("a kept");
        assert_eq!(got.expose_secret(), "token-a");
        assert_eq!(keyring.len(), 2);
        assert_ne!(
            entry_name(&StateHome::at(a.path()), "x"),
            entry_name(&StateHome::at(b.path()), "x")
        );
    }

    #[test]
    fn a_missing_keyring_is_explained_in_both_languages_without_a_file_fallback() {
        let err = SecretsError::from(keyring::Error::PlatformFailure(
            "org.freedesktop.DBus.Error.ServiceUnknown".into(),
        ));
        assert_eq!(err.code(), ErrorCode::KeyringUnavailable);
        let ui = err.to_ui(Language::En);
        assert!(!ui.retryable);
        assert!(
            ui.message.starts_with("No keyring is available"),
            "{}",
            ui.message
        );
        assert!(ui.message.contains("gnome-keyring"), "{}", ui.message);
        assert!(ui.message.contains("never in a file"), "{}", ui.message);
        let de = err.to_ui(Language::De).message;
        assert!(
            de.starts_with("Es ist kein Schlüsselbund verfügbar"),
            "{de}"
        );
        assert!(de.contains("nie in einer Datei"), "{de}");

        let locked = SecretsError::from(keyring::Error::NoStorageAccess("locked".into()));
        assert_eq!(locked.code(), ErrorCode::KeyringUnavailable);
    }

    #[test]
    fn secrets_do_not_show_in_debug_output() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = MemoryKeyring::new().store_for(&StateHome::at(dir.path()));
        store
            .set("odoo.api_key", &SecretString::from("s3cr3t-value"))
            .expect("set");
        let secret = store.get("odoo.api_key").expect("get").expect("stored");
        assert!(!format!("{secret:?} {store:?}").contains("s3cr3t-value"));
    }
}
