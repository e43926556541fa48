//! What happened to one contact, as the sentence the person reads in the run log: the `ct-`
//! messages of the Fluent catalogue.

use super::mapping::MappingNote;
use super::plan::Verdict;
use crate::catalogue::{n, s, text};
use crate::language::Language;

/// The run log's sentence for a planned contact, with what did not fit.
pub fn verdict(verdict: &Verdict, notes: &[MappingNote], lang: Language) -> String {
    let mut out = match verdict {
        Verdict::Created => text(lang, "ct-created", &[]),
        Verdict::Relinked => text(lang, "ct-relinked", &[]),
        Verdict::Updated => text(lang, "ct-updated", &[]),
        Verdict::OverwroteOutlook { fields } => {
            text(lang, "ct-overwrote", &[s("fields", fields.join(", "))])
        }
        Verdict::CreatedAgain => text(lang, "ct-created-again", &[]),
        Verdict::Deleted => text(lang, "ct-deleted", &[]),
        Verdict::LeftAlone => text(lang, "ct-left-alone", &[]),
        Verdict::NotExported(reason) => text(
            lang,
            "ct-not-exported",
            &[s(
                "reason",
                serde_json::to_value(reason)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_owned))
                    .unwrap_or_default(),
            )],
        ),
    };
    for note in notes {
        out.push(' ');
        out.push_str(&match note {
            MappingNote::TooManyAddresses { count } => {
                text(lang, "ct-too-many-addresses", &[n("count", *count)])
            }
            MappingNote::PhoneWithLetters { phone } => {
                text(lang, "ct-phone-with-letters", &[s("phone", phone)])
            }
            MappingNote::NoCountry => text(lang, "ct-no-country", &[]),
        });
    }
    out
}

/// The demo's heading before its contacts run.
pub fn demo_heading(lang: Language) -> String {
    text(lang, "ct-demo-run", &[])
}

/// Outlook refused a write.
pub fn refused(status: u16, message: &str, lang: Language) -> String {
    text(
        lang,
        "ct-refused",
        &[s("status", status), s("message", message)],
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contacts::selection::Selection;

    #[test]
    fn every_contact_sentence_renders_in_both_languages() {
        let verdicts = [
            Verdict::Created,
            Verdict::Relinked,
            Verdict::Updated,
            Verdict::OverwroteOutlook {
                fields: vec!["displayName".into()],
            },
            Verdict::CreatedAgain,
            Verdict::Deleted,
            Verdict::LeftAlone,
            Verdict::NotExported(Selection::NoEmail),
            Verdict::NotExported(Selection::Company),
            Verdict::NotExported(Selection::Archived),
            Verdict::NotExported(Selection::OnlyCreated),
        ];
        let notes = [
            MappingNote::TooManyAddresses { count: 4 },
            MappingNote::PhoneWithLetters {
                phone: "0800-FLOWERS".into(),
            },
            MappingNote::NoCountry,
        ];
        for v in &verdicts {
            let (en, de) = (
                verdict(v, &notes, Language::En),
                verdict(v, &notes, Language::De),
            );
            assert!(!en.is_empty() && en != de, "{v:?}: {en} / {de}");
        }
        assert_ne!(demo_heading(Language::En), demo_heading(Language::De));
        assert_ne!(
            refused(412, "x", Language::En),
            refused(412, "x", Language::De)
        );
    }
}
