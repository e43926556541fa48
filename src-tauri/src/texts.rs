//! The shell's texts (tray menu, tooltips, notifications): the core's catalog
//! ([`DesktopMsg`], rendered as `Msg::Desktop`), so every text of the product lives in one
//! place and the job names and item counts are the same words the CLI and the window use.

use office_connector_core::i18n::{Language, Msg};

/// A text of the shell.
pub use office_connector_core::desktop_texts::DesktopMsg as Text;

/// `text` in `lang`.
pub fn render(text: Text, lang: Language) -> String {
    Msg::Desktop(text).render(lang)
}
