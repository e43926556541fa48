//! The text catalogue: one Fluent file per language (`i18n/<code>.ftl` at the repository root),
//! read by the core here and by the settings window through `@fluent/bundle`. The typed
//! messages (`Msg`, `DesktopMsg`, `StoreMsg`, …) stay the API: each variant names a message id
//! and its arguments, and this module formats it. A message a language lacks falls back to
//! English; plural forms come from Fluent's selectors with the language's CLDR rules.

use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

use crate::language::Language;

/// The Fluent source of every language, English first (the fallback).
pub const SOURCES: [(Language, &str); 2] = [
    (Language::En, include_str!("../../../i18n/en.ftl")),
    (Language::De, include_str!("../../../i18n/de.ftl")),
];

type Bundle = FluentBundle<FluentResource>;

/// The parsed bundle of `lang`, built once.
fn bundle(lang: Language) -> &'static Bundle {
    static BUNDLES: OnceLock<Vec<(Language, Bundle)>> = OnceLock::new();
    let bundles = BUNDLES.get_or_init(|| {
        SOURCES
            .iter()
            .map(|(lang, source)| (*lang, build(*lang, source)))
            .collect()
    });
    bundles
        .iter()
        .find(|(l, _)| *l == lang)
        .map(|(_, b)| b)
        .unwrap_or(&bundles[0].1)
}

/// A bundle of one language's file. A syntax error in a shipped file is a build defect the
/// catalogue tests catch, so the parsable rest is kept rather than failing at run time.
fn build(lang: Language, source: &str) -> Bundle {
    let resource = FluentResource::try_new(source.to_owned()).unwrap_or_else(|(res, _)| res);
    let id = lang.as_str().parse().unwrap_or_default();
    let mut bundle = Bundle::new_concurrent(vec![id]);
    // The texts are plain strings shown in terminals, tray menus and notifications: no
    // Unicode isolation marks around arguments.
    bundle.set_use_isolating(false);
    let _ = bundle.add_resource(resource);
    bundle
}

/// One argument of a message: texts are passed as strings, counts that select a plural form
/// as numbers.
pub type Arg<'a> = (&'a str, FluentValue<'a>);

/// Why a message cannot be formatted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TextError {
    /// The language's file has no such message (a partial language falls back to English).
    Missing,
    /// The message exists but does not fit its arguments (one it uses was not given).
    Format(String),
}

/// Message `id` formatted in `lang`, or why it cannot be.
pub fn try_text(lang: Language, id: &str, args: &[Arg<'_>]) -> Result<String, TextError> {
    let bundle = bundle(lang);
    let pattern = bundle
        .get_message(id)
        .and_then(|m| m.value())
        .ok_or(TextError::Missing)?;
    let mut fluent_args = FluentArgs::new();
    for (name, value) in args {
        fluent_args.set(*name, value.clone());
    }
    let mut errors = Vec::new();
    let text = bundle.format_pattern(pattern, Some(&fluent_args), &mut errors);
    if errors.is_empty() {
        Ok(text.into_owned())
    } else {
        Err(TextError::Format(format!("{errors:?}")))
    }
}

/// Message `id` in `lang`; in English when `lang`'s file lacks it. A message no catalogue has,
/// or one that does not fit its arguments, is a defect: it fails the core's unit tests (which
/// render every typed message) and shows as the message id, with a warning in the log.
pub fn text(lang: Language, id: &str, args: &[Arg<'_>]) -> String {
    let result = match try_text(lang, id, args) {
        Err(TextError::Missing) if lang != Language::En => try_text(Language::En, id, args),
        other => other,
    };
    result.unwrap_or_else(|err| {
        if cfg!(test) {
            panic!("text catalogue: message {id} in {lang}: {err:?}");
        }
        tracing::warn!("text catalogue: message {id} in {lang}: {err:?}");
        id.to_owned()
    })
}

/// A string argument.
pub fn s<'a>(name: &'a str, value: impl ToString) -> Arg<'a> {
    (name, FluentValue::from(value.to_string()))
}

/// A number argument, for a text that selects a plural form by it.
pub fn n<'a>(name: &'a str, value: u64) -> Arg<'a> {
    (name, FluentValue::from(value))
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use fluent_syntax::ast::Entry;

    use super::SOURCES;

    /// The message and term ids of one file; a syntax error fails the test.
    fn ids(source: &str) -> BTreeSet<String> {
        let resource = fluent_syntax::parser::parse(source)
            .unwrap_or_else(|(_, errors)| panic!("Fluent syntax errors: {errors:?}"));
        resource
            .body
            .iter()
            .filter_map(|entry| match entry {
                Entry::Message(m) => Some(m.id.name.to_owned()),
                Entry::Term(t) => Some(format!("-{}", t.id.name)),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn every_language_has_every_message_of_every_other() {
        let (_, english) = SOURCES[0];
        let reference = ids(english);
        for (lang, source) in &SOURCES[1..] {
            let theirs = ids(source);
            let missing: Vec<_> = reference.difference(&theirs).collect();
            let extra: Vec<_> = theirs.difference(&reference).collect();
            assert!(missing.is_empty(), "{lang}.ftl lacks {missing:?}");
            assert!(
                extra.is_empty(),
                "{lang}.ftl has ids English lacks: {extra:?}"
            );
        }
    }
}
