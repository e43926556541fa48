//! Exchange-shaped opaque ids. Real ids are long base64 strings that clients must treat as opaque
//! and URL-encode; these use the URL-safe alphabet plus `=` so they survive naive path handling
//! only when the client encodes `=` correctly, and have a recognisable prefix per kind so a
//! malformed id (400 `ErrorInvalidIdMalformed`) can be told from an unknown one (404).

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

fn random_part(bytes: usize) -> String {
    let raw: Vec<u8> = (0..bytes).map(|_| rand::random::<u8>()).collect();
    URL_SAFE_NO_PAD.encode(raw)
}

/// A new REST id for a message (changes when the message moves).
pub fn message_id() -> String {
    format!("AAMkAGI2{}AAA=", random_part(60))
}

/// A new immutable id for a message (stable for the message's life in the mailbox).
pub fn immutable_message_id() -> String {
    format!(
        "AAkALgAAAAAAHYQDEapmEc2byACqAC-EWg0A{}AAA=",
        random_part(45)
    )
}

/// A new mail folder id.
pub fn folder_id() -> String {
    format!("AQMkAGI2{}AAAA", random_part(48))
}

/// A new attachment id.
pub fn attachment_id() -> String {
    format!("AAMkAGI2{}BEgAQA=", random_part(66))
}

/// A new conversation id.
pub fn conversation_id() -> String {
    format!("AAQkAGI2{}=", random_part(30))
}

/// Whether `id` has the shape of an Exchange id (else Graph answers `ErrorInvalidIdMalformed`).
pub fn is_well_formed(id: &str) -> bool {
    id.len() >= 24
        && id.starts_with('A')
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '=' | '+' | '/'))
}
