//! Everything the command prints goes through here.
//!
//! Human-readable output carries text others wrote (mail subjects, contact names, server
//! messages). A terminal obeys the control characters in it: set the window title, clear the
//! screen, write the clipboard (OSC 52). So every control character except newline and tab is
//! printed as a visible escape instead:
//!
//! - C0 controls and DEL in caret notation, as `cat -v` and `less` show them: ESC → `^[`,
//!   BEL → `^G`, CR → `^M`, DEL → `^?`. An escape sequence loses its ESC and is left as
//!   harmless text: `\e]52;c;…\a` prints as `^[]52;c;…^G`.
//! - C1 controls (U+0080–U+009F, which some terminals obey like ESC sequences) as `\u{9b}`.
//!
//! JSON output is serde's, which escapes C0 controls (`\u001b`); DEL and C1 it writes raw, so
//! they are written as `\u007f`/`\u009b` too — the same JSON text to any JSON reader.

use std::borrow::Cow;
use std::io::Write;
use std::process::ExitCode;

/// Whether a terminal may act on `c` (every control character but newline and tab).
fn is_unsafe(c: char) -> bool {
    c.is_control() && c != '\n' && c != '\t'
}

/// `text` with every control character but newline and tab as a visible escape.
pub fn visible(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match u32::from(c) {
            _ if !is_unsafe(c) => out.push(c),
            0x7f => out.push_str("^?"),
            n @ 0..=0x1f => {
                out.push('^');
                out.push(char::from(b'@' + (n as u8)));
            }
            n => out.push_str(&format!("\\u{{{n:x}}}")),
        }
    }
    Cow::Owned(out)
}

/// JSON text `json` with DEL and C1 controls written as `\u00XX` escapes (serde escapes C0).
pub fn json_safe(json: &str) -> Cow<'_, str> {
    if !json.chars().any(is_unsafe) {
        return Cow::Borrowed(json);
    }
    // NOTE: outside strings JSON has only ASCII punctuation and whitespace, so every control
    // character here sits inside a string, where `\u00XX` means the same character.
    let mut out = String::with_capacity(json.len() + 8);
    for c in json.chars() {
        if is_unsafe(c) {
            out.push_str(&format!("\\u{:04x}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Writes human-readable `text` to stdout, control characters made visible; a closed pipe
/// (`| head`) is not an error worth a panic.
pub(crate) fn emit(text: &str) {
    write_stdout(&visible(text));
}

/// Writes JSON text to stdout (see [`json_safe`]).
pub(crate) fn emit_json(json: &str) {
    write_stdout(&json_safe(json));
}

/// Prints `value` as pretty JSON on stdout; exit 0.
pub(crate) fn print_json(value: &impl serde::Serialize) -> anyhow::Result<ExitCode> {
    emit_json(&format!("{}\n", serde_json::to_string_pretty(value)?));
    Ok(ExitCode::SUCCESS)
}

/// Writes one human-readable line to stderr, control characters made visible.
pub(crate) fn say(line: &str) {
    let mut err = std::io::stderr().lock();
    let _ = writeln!(err, "{}", visible(line));
}

fn write_stdout(text: &str) {
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes()).and_then(|()| out.flush());
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Sequences a mail subject or a server message may carry to take over a terminal.
    const ATTACKS: [(&str, &str); 8] = [
        // clipboard write (OSC 52), then clear the screen (CSI 2J)
        ("\u{1b}]52;c;AAAA\u{7}\u{1b}[2J", "^[]52;c;AAAA^G^[[2J"),
        // window title (OSC 0)
        ("\u{1b}]0;pwned\u{7}", "^[]0;pwned^G"),
        ("ding\u{7}", "ding^G"),
        // C1 CSI: clears the screen on terminals that take 8-bit controls
        ("\u{9b}2J", "\\u{9b}2J"),
        // C1 OSC with its string terminator
        ("\u{9d}0;t\u{9c}", "\\u{9d}0;t\\u{9c}"),
        // carriage return overwrites what the line said
        ("paid\rnot ", "paid^Mnot "),
        ("\u{7f}\u{0}", "^?^@"),
        ("Zeile\n\tEinzug", "Zeile\n\tEinzug"),
    ];

    #[test]
    fn hostile_sequences_are_shown_not_obeyed() {
        for (attack, shown) in ATTACKS {
            assert_eq!(visible(attack), shown, "{attack:?}");
        }
        assert!(matches!(visible("Angebot Müller"), Cow::Borrowed(_)));
    }

    #[test]
    fn json_keeps_the_text_and_carries_no_raw_control() {
        for (attack, _) in ATTACKS {
            let json = serde_json::to_string(&attack).expect("json");
            let safe = json_safe(&json);
            assert!(!safe.chars().any(is_unsafe), "{safe:?}");
            let back: String = serde_json::from_str(&safe).expect("still JSON");
            assert_eq!(back, attack);
        }
    }

    proptest! {
        #[test]
        fn no_text_reaches_the_terminal_with_a_control_in_it(text in any::<String>()) {
            let shown = visible(&text);
            prop_assert!(!shown.chars().any(is_unsafe), "{:?}", shown);
            let json = serde_json::to_string(&serde_json::json!({ "subject": text })).expect("json");
            let safe = json_safe(&json);
            prop_assert!(!safe.chars().any(is_unsafe), "{:?}", safe);
            let back: serde_json::Value = serde_json::from_str(&safe).expect("still JSON");
            prop_assert_eq!(back["subject"].as_str(), Some(text.as_str()));
        }
    }
}
