//! The stable key of a mail, shared by every colleague's copy of it: the RFC 5322 Message-ID
//! when the mail has one (Exchange keeps it across mailboxes), else a key derived from its
//! content (sender, sent time, subject, body hash), issue 6 §6.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The domain part of content keys: they look like Message-IDs so Odoo stores and finds them
/// in `message_id` as it does real ones.
const CONTENT_SUFFIX: &str = "@content.office-connector.invalid>";

/// A mail's key: `<id@host>` (its Message-ID) or `<sha256 hex@content.office-connector.invalid>`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct MailKey(pub String);

/// What a content key is derived from, for mails without a Message-ID.
#[derive(Debug, Clone, Copy, Default)]
pub struct KeyContent<'a> {
    /// The sender's address as the mail states it.
    pub sender: &'a str,
    /// When it was sent (RFC 3339 as Graph gives it).
    pub sent: &'a str,
    /// The subject.
    pub subject: &'a str,
    /// The body as Graph gives it.
    pub body: &'a str,
}

impl MailKey {
    /// The Message-ID when there is a usable one, else the content key.
    pub fn of(message_id: Option<&str>, content: KeyContent<'_>) -> MailKey {
        match message_id.map(str::trim).filter(|m| m.len() > 2) {
            Some(id) => MailKey(id.to_owned()),
            None => MailKey::from_content(content),
        }
    }

    /// The content key: the same for every copy of the same mail.
    pub fn from_content(content: KeyContent<'_>) -> MailKey {
        let body_hash = Sha256::digest(content.body.trim().as_bytes());
        let mut h = Sha256::new();
        // NOTE: fields are separated by a byte that cannot occur in them, so ("ab","c") and
        // ("a","bc") differ.
        for part in [
            content.sender.trim().to_lowercase().as_bytes(),
            content.sent.trim().as_bytes(),
            content.subject.trim().as_bytes(),
            body_hash.as_slice(),
        ] {
            h.update(part);
            h.update([0u8]);
        }
        MailKey(format!("<{}{CONTENT_SUFFIX}", hex_of(&h.finalize())))
    }

    /// Whether this is a real Message-ID (and so searchable in Odoo's `message_id`).
    pub fn is_message_id(&self) -> bool {
        !self.0.ends_with(CONTENT_SUFFIX)
    }

    /// What one copy of a mail looks like (sender, sent time, subject, body hash): equal for
    /// the same mail moved back into a folder, different for another mail that reuses a
    /// Message-ID (issue 13 #12).
    pub fn fingerprint(content: KeyContent<'_>) -> String {
        let key = MailKey::from_content(content);
        key.0
            .trim_start_matches('<')
            .trim_end_matches(CONTENT_SUFFIX)
            .to_owned()
    }

    /// The key of a different mail that reuses this Message-ID: the Message-ID with its
    /// fingerprint, still shaped like a Message-ID (Odoo finds it in `message_id` as any other).
    pub fn reused_by(&self, fingerprint: &str) -> MailKey {
        let short: String = fingerprint.chars().take(16).collect();
        MailKey(format!("{}#{short}>", self.0.trim_end_matches('>')))
    }

    /// The key text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for MailKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

fn hex_of(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn content<'a>(sender: &'a str, subject: &'a str, body: &'a str) -> KeyContent<'a> {
        KeyContent {
            sender,
            sent: "2026-03-02T09:00:00Z",
            subject,
            body,
        }
    }

    #[test]
    fn a_mail_with_a_message_id_is_keyed_by_it() {
        let key = MailKey::of(Some(" <m1@x.de> "), content("a@x.de", "Hi", "b"));
        assert_eq!(key.as_str(), "<m1@x.de>");
        assert!(key.is_message_id());
    }

    #[test]
    fn colleagues_copies_without_message_id_share_a_content_key() {
        let lena = MailKey::of(None, content("Anna@X.de", "Offer", "body "));
        let jonas = MailKey::of(Some(""), content("anna@x.de", "Offer", "body"));
        assert_eq!(lena, jonas);
        assert!(!lena.is_message_id());
        let other = MailKey::of(None, content("anna@x.de", "Offer 2", "body"));
        assert_ne!(lena, other, "another subject is another mail");
        let other = MailKey::of(None, content("anna@x.de", "Offer", "other body"));
        assert_ne!(lena, other, "another body is another mail");
    }

    #[test]
    fn another_mail_reusing_a_message_id_gets_a_key_of_its_own() {
        let first = MailKey::fingerprint(content("a@x.de", "Offer", "body"));
        let moved_back = MailKey::fingerprint(content("A@x.de", "Offer", "body "));
        let other = MailKey::fingerprint(content("a@x.de", "Offer", "another body"));
        assert_eq!(first, moved_back);
        assert_ne!(first, other);
        let key = MailKey("<m1@x.de>".into()).reused_by(&other);
        assert!(key.as_str().starts_with("<m1@x.de#") && key.as_str().ends_with('>'));
        assert_ne!(key, MailKey("<m1@x.de>".into()).reused_by(&first));
    }
}
