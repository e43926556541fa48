//! Mail addresses as the mail job compares them: trimmed and lower-cased, so `Anna@X.de ` and
//! `anna@x.de` are one address. Odoo's `email` field is free text and may hold several
//! addresses (`a@x.de, b@x.de`, `Name <a@x.de>`, `a@x.de; b@x.de`); each of them matches.

use serde::{Deserialize, Serialize};

/// A normalised mail address (trimmed, lower case, with one `@` between non-empty parts).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Address(String);

impl Address {
    /// Normalises `raw`; none when it is not an address (empty, no `@`, spaces or control
    /// characters inside — an address that could rewrite a terminal is no address).
    pub fn parse(raw: &str) -> Option<Address> {
        let trimmed = raw
            .trim()
            .trim_start_matches("mailto:")
            .trim_matches(|c| c == '<' || c == '>' || c == '"' || c == '\'')
            .trim();
        let (local, domain) = trimmed.rsplit_once('@')?;
        let bad_label = domain.split('.').any(str::is_empty);
        if local.is_empty()
            || domain.is_empty()
            || bad_label
            || !domain.contains('.') && domain != "localhost"
            || trimmed
                .chars()
                .any(|c| matches!(c, '<' | '>' | '"' | '(' | ')' | '[' | ']' | '\\'))
            || trimmed
                .chars()
                .any(|c| c.is_whitespace() || c.is_control() || c == ',' || c == ';')
        {
            return None;
        }
        Some(Address(trimmed.to_lowercase()))
    }

    /// The address text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The part after the `@` (to suggest a company).
    pub fn domain(&self) -> &str {
        self.0.rsplit_once('@').map(|(_, d)| d).unwrap_or_default()
    }
}

impl std::fmt::Display for Address {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Every address in an Odoo e-mail field (`a@x.de, b@x.de`, `Name <a@x.de>`, `;` too), in
/// order, without repeats; text that holds no address gives none.
pub fn split_email_field(field: &str) -> Vec<Address> {
    let mut found: Vec<Address> = Vec::new();
    for part in field.split([',', ';', '\n']) {
        // NOTE: "Name <a@x.de>" keeps the bracketed part; a bare address is the part itself.
        let candidate = match (part.find('<'), part.rfind('>')) {
            (Some(open), Some(close)) if open < close => &part[open + 1..close],
            _ => part,
        };
        let address = Address::parse(candidate).or_else(|| {
            candidate
                .split_whitespace()
                .find(|w| w.contains('@'))
                .and_then(Address::parse)
        });
        if let Some(address) = address
            && !found.contains(&address)
        {
            found.push(address);
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn a(s: &str) -> Address {
        Address::parse(s).expect("address")
    }

    #[test]
    fn addresses_compare_case_insensitively_after_trimming() {
        assert_eq!(a("  Anna.Berg@Example.DE "), a("anna.berg@example.de"));
        assert_eq!(a("<anna@example.de>").as_str(), "anna@example.de");
        assert_eq!(a("anna@example.de").domain(), "example.de");
    }

    #[test]
    fn text_that_is_no_address_is_refused() {
        for bad in [
            "",
            "  ",
            "anna",
            "@example.de",
            "anna@",
            "an na@example.de",
            "a@b",
        ] {
            assert_eq!(Address::parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn an_odoo_email_field_with_several_addresses_yields_each() {
        let table: &[(&str, &[&str])] = &[
            ("a@x.de, b@x.de", &["a@x.de", "b@x.de"]),
            ("a@x.de;B@X.de", &["a@x.de", "b@x.de"]),
            ("Anna Berg <Anna@X.de>", &["anna@x.de"]),
            (
                "\"Berg, Anna\" <anna@x.de>, Bob <bob@y.com>",
                &["anna@x.de", "bob@y.com"],
            ),
            ("a@x.de, a@x.de", &["a@x.de"]),
            ("call me", &[]),
            ("", &[]),
        ];
        for (field, want) in table {
            let got: Vec<String> = split_email_field(field).into_iter().map(|x| x.0).collect();
            assert_eq!(got, *want, "field {field:?}");
        }
    }
}
