//! Names for a mail's attachments that Odoo and a file system take: Odoo refuses an empty name
//! (a mandatory field) and a person downloading the file needs one their system can save. A
//! name with no usable characters becomes `attachment` with the content type's extension; names
//! that repeat within one mail get `-2`, `-3`, … so each file can be told apart.

use std::collections::BTreeSet;

/// The longest name kept (in UTF-8 bytes), extension included: file systems stop at 255.
const MAX_BYTES: usize = 200;

/// Gives one mail's attachments their names, in order.
#[derive(Debug, Default)]
pub struct FileNames {
    taken: BTreeSet<String>,
}

impl FileNames {
    /// The name for the next attachment: `raw` made safe, or `attachment.<ext>` from its
    /// content type; unique within the mail (case-insensitively).
    pub fn name(&mut self, raw: Option<&str>, content_type: Option<&str>) -> String {
        let cleaned = clean(raw.unwrap_or_default());
        let base = if cleaned.is_empty() {
            match extension_of(content_type) {
                Some(ext) => format!("attachment.{ext}"),
                None => "attachment".to_owned(),
            }
        } else {
            cleaned
        };
        let mut name = base.clone();
        let mut n = 1;
        while !self.taken.insert(name.to_lowercase()) {
            n += 1;
            name = numbered(&base, n);
        }
        name
    }
}

/// Control characters, path separators and characters Windows refuses become `_`; reserved
/// names (`CON`, `..`) and trailing dots or spaces are dealt with; at most [`MAX_BYTES`].
fn clean(raw: &str) -> String {
    let options = sanitize_filename::Options {
        truncate: false,
        windows: true,
        replacement: "_",
    };
    let cleaned = sanitize_filename::sanitize_with_options(raw.trim(), options);
    let cleaned = cleaned.trim().trim_matches('_');
    // NOTE: a name of only underscores said nothing; the content type names it instead
    if cleaned.chars().all(|c| c == '_' || c == '.') {
        return String::new();
    }
    shorten(cleaned)
}

/// At most [`MAX_BYTES`] bytes, keeping a short extension, cut between characters.
fn shorten(name: &str) -> String {
    if name.len() <= MAX_BYTES {
        return name.to_owned();
    }
    let (stem, ext) = split_extension(name);
    let mut keep = MAX_BYTES.saturating_sub(ext.len());
    while !stem.is_char_boundary(keep) {
        keep -= 1;
    }
    format!("{}{ext}", &stem[..keep])
}

/// `report.pdf` → (`report`, `.pdf`); an extension longer than 10 characters is no extension.
fn split_extension(name: &str) -> (&str, &str) {
    match name.rfind('.') {
        Some(i) if i > 0 && name.len() - i <= 11 => name.split_at(i),
        _ => (name, ""),
    }
}

fn numbered(base: &str, n: usize) -> String {
    let (stem, ext) = split_extension(base);
    format!("{stem}-{n}{ext}")
}

/// `image/png` → `png`; none for an unknown or missing type.
fn extension_of(content_type: Option<&str>) -> Option<String> {
    let essence = content_type?.split(';').next()?.trim().to_ascii_lowercase();
    let extensions = mime_guess::get_mime_extensions_str(&essence)?;
    // NOTE: the table lists `jpe` before `jpg`; prefer what people know
    let preferred = [
        "jpg", "png", "pdf", "txt", "html", "eml", "zip", "docx", "xlsx",
    ];
    extensions
        .iter()
        .find(|e| preferred.contains(e))
        .or_else(|| extensions.first())
        .map(|e| (*e).to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_and_unsafe_names_become_names_odoo_and_a_file_system_take() {
        let mut names = FileNames::default();
        assert_eq!(names.name(Some(""), Some("image/png")), "attachment.png");
        assert_eq!(names.name(None, Some("image/png")), "attachment-2.png");
        assert_eq!(names.name(Some("   "), None), "attachment");
        assert_eq!(
            names.name(Some("../../etc/passwd"), None),
            ".._.._etc_passwd"
        );
        assert_eq!(names.name(Some("a\u{1b}[2Jb.txt"), None), "a_[2Jb.txt");
        assert_eq!(
            names.name(Some("CON"), Some("text/plain")),
            "attachment.txt"
        );
        assert_eq!(names.name(Some("Angebot.pdf"), None), "Angebot.pdf");
        assert_eq!(names.name(Some("angebot.PDF"), None), "angebot-2.PDF");
        assert_eq!(names.name(Some("Bild.jpg"), Some("image/jpeg")), "Bild.jpg");
        assert_eq!(
            names.name(Some(""), Some("image/jpeg; name=x")),
            "attachment.jpg"
        );
        let long = format!("{}.pdf", "ä".repeat(500));
        let short = names.name(Some(&long), None);
        assert!(
            short.len() <= MAX_BYTES && short.len() > MAX_BYTES - 4,
            "{short}"
        );
        assert!(short.ends_with(".pdf"));
    }
}
