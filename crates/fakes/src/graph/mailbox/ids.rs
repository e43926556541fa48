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

/// A new contact id (changes when the contact moves to another folder).
pub fn contact_id() -> String {
    format!("AAMkAGI2{}AAA=", random_part(63))
}

/// A new immutable id for a contact.
pub fn immutable_contact_id() -> String {
    format!(
        "AAkALgAAAAAAHYQDEapmEc2byACqAC-EWg0A{}AAB=",
        random_part(45)
    )
}

/// A new id of a contact folder below the default Contacts folder.
pub fn contact_folder_id() -> String {
    format!("AAMkAGI2{}AAA=", random_part(51))
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

/// A new event id (single instance or series master; stable for the event's life).
pub fn event_id() -> String {
    format!("AAMkAGI2{}AAA=", random_part(60))
}

/// Marks the original start date inside an occurrence id.
const OCCURRENCE_MARK: &str = "BEQ";

/// The id of the occurrence of series `master_id` originally starting on `date` (local date in
/// the series' zone): derived, so an occurrence keeps its id when it becomes an exception, as in
/// Exchange.
pub fn occurrence_id(master_id: &str, date: chrono::NaiveDate) -> String {
    let stem = master_id.trim_end_matches('=');
    let day = URL_SAFE_NO_PAD.encode(date.format("%Y%m%d").to_string());
    format!("{stem}{OCCURRENCE_MARK}{day}=")
}

/// The original start date encoded in `id` if it is an occurrence id of series `master_id`.
pub fn occurrence_date(master_id: &str, id: &str) -> Option<chrono::NaiveDate> {
    let rest = id
        .strip_prefix(master_id.trim_end_matches('='))?
        .strip_prefix(OCCURRENCE_MARK)?
        .strip_suffix('=')?;
    let day = String::from_utf8(URL_SAFE_NO_PAD.decode(rest).ok()?).ok()?;
    chrono::NaiveDate::parse_from_str(&day, "%Y%m%d").ok()
}

/// The fixed head of an Outlook global object id (MS-OXOCAL PidLidGlobalObjectId).
const GOID_HEAD: &str = "040000008200E00074C5B7101A82E008";

/// A new iCalUId: an Outlook global object id with a zero instance date, the creation time as a
/// FILETIME and a random 16-byte uid, as Exchange writes it for a meeting.
pub fn ical_uid(now: chrono::DateTime<chrono::Utc>) -> String {
    // FILETIME: 100 ns ticks since 1601-01-01.
    let ticks = u64::try_from(now.timestamp() + 11_644_473_600).unwrap_or(0) * 10_000_000;
    let random: Vec<u8> = (0..16).map(|_| rand::random::<u8>()).collect();
    format!(
        "{GOID_HEAD}00000000{}{}10000000{}",
        hex_upper(&ticks.to_le_bytes()),
        "0".repeat(16),
        hex_upper(&random)
    )
}

/// The iCalUId of the occurrence of the series `series_uid` originally on `date`: Exchange writes
/// the instance date into bytes 16–19 of the series' global object id (year big-endian, month,
/// day), so every occurrence has its own iCalUId, the same in every mailbox.
pub fn occurrence_ical_uid(series_uid: &str, date: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    let year = u16::try_from(date.year()).unwrap_or(0);
    let stamp = format!("{year:04X}{:02X}{:02X}", date.month(), date.day());
    match (series_uid.get(..32), series_uid.get(40..)) {
        (Some(head), Some(tail)) => format!("{head}{stamp}{tail}"),
        _ => format!("{series_uid}{stamp}"),
    }
}

fn hex_upper(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02X}")).collect()
}
