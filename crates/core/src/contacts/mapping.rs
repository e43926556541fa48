//! An Odoo contact as it lands in Outlook: the Graph `contact` body the job writes (Odoo
//! leads), its hash (a no-change run sends nothing), and the notes the run log shows where the
//! data did not fit (more than three addresses, a phone with letters, ...).
//!
//! Graph's limits (GRAPH_FACTS §4.2): at most three e-mail addresses and two business phones;
//! arrays are replaced whole on PATCH, and `displayName` must always be sent, or Exchange may
//! generate one over ours.

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use super::backlink::record_link;
use crate::mail::address::split_email_field;

/// The extended property that carries a contact's Odoo identity (`<db>:<partner id>`), so a
/// reinstall relinks instead of duplicating and the person's own contacts are told apart.
pub const IDENTITY_PROPERTY: &str =
    "String {6f2a3b1c-5d4e-4f60-9a7b-8c9d0e1f2a3b} Name OdooOfficeConnectorPartner";

/// An Odoo contact as the job reads it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OdooPartner {
    /// `res.partner` id.
    pub id: i64,
    /// `name` as Odoo shows it.
    pub name: String,
    /// A company, not a person.
    pub is_company: bool,
    /// The person's company name.
    pub company: Option<String>,
    /// The salutation's short form (`title.shortcut`, else its name), e.g. "Dr.".
    pub title: Option<String>,
    /// `function`: the job title.
    pub function: Option<String>,
    /// The raw `email` field (may hold several addresses).
    pub email: String,
    /// `phone`.
    pub phone: Option<String>,
    /// `mobile`.
    pub mobile: Option<String>,
    /// `street` and `street2`.
    pub street: Option<String>,
    /// `zip`.
    pub zip: Option<String>,
    /// `city`.
    pub city: Option<String>,
    /// The state's name.
    pub state: Option<String>,
    /// The country's name.
    pub country: Option<String>,
    /// `website`.
    pub website: Option<String>,
    /// `comment`, Odoo's internal notes (HTML).
    pub notes: Option<String>,
    /// The tags' names.
    pub tags: Vec<String>,
}

/// The choices that shape the contact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MappingOptions {
    /// Put the salutation into `title` and the display name.
    pub salutations: bool,
    /// Odoo tags become Outlook categories.
    pub categories: bool,
    /// The website field holds a link back to the Odoo record.
    pub backlink: bool,
    /// The connected Odoo URL (with or without a trailing slash).
    pub odoo_url: String,
    /// The connected Odoo's version text, e.g. "17.0", "saas~17.2", "18.0".
    pub odoo_version: String,
    /// The database (part of the identity).
    pub db: String,
}

/// What did not fit, for the run log.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum MappingNote {
    /// More addresses than Outlook keeps; the first three were taken.
    TooManyAddresses {
        /// How many the Odoo field holds.
        count: u64,
    },
    /// A phone number with letters, copied as it is.
    PhoneWithLetters {
        /// The number.
        phone: String,
    },
    /// An address without a country.
    NoCountry,
}

/// The Graph body of the contact, and what did not fit.
pub fn contact_body(partner: &OdooPartner, options: &MappingOptions) -> (Value, Vec<MappingNote>) {
    let mut notes = Vec::new();
    let name = partner.name.trim();
    let mut body = json!({
        "displayName": display_name(partner, options),
        "emailAddresses": addresses(partner, &mut notes),
        "businessPhones": phones(partner.phone.as_deref(), &mut notes),
        "mobilePhone": text(partner.mobile.as_deref()).inspect(|m| check_phone(m, &mut notes)),
        "jobTitle": text(partner.function.as_deref()),
        "businessAddress": address(partner, &mut notes),
        "businessHomePage": website(partner, options),
        "personalNotes": partner.notes.as_deref().map(plain_text).unwrap_or_default(),
        "categories": if options.categories { partner.tags.clone() } else { Vec::new() },
        "singleValueExtendedProperties": [
            {"id": IDENTITY_PROPERTY, "value": identity(&options.db, partner.id)}
        ],
    });
    if partner.is_company {
        // a company is a company name, with no person's name
        body["companyName"] = json!(name);
        body["givenName"] = Value::Null;
        body["surname"] = Value::Null;
        body["title"] = Value::Null;
    } else {
        let (given, surname) = split_name(name);
        body["givenName"] = json!(given);
        body["surname"] = json!(surname);
        body["companyName"] = json!(text(partner.company.as_deref()));
        body["title"] = json!(partner.title.as_deref().filter(|_| options.salutations));
    }
    (body, notes)
}

/// The identity value: `<db>:<partner id>`.
pub fn identity(db: &str, partner: i64) -> String {
    format!("{db}:{partner}")
}

/// A stable hash of the body (what the job last wrote is compared by it).
pub fn body_hash(body: &Value) -> String {
    // NOTE: serde_json keeps object keys sorted (no preserve_order), so equal bodies hash equal
    let text = serde_json::to_string(body).unwrap_or_default();
    format!("{:x}", Sha256::digest(text.as_bytes()))
}

fn display_name(partner: &OdooPartner, options: &MappingOptions) -> String {
    let name = partner.name.trim();
    match partner.title.as_deref().map(str::trim) {
        // NOTE: Odoo's name often carries the title already ("Dr. Hannah Kößler")
        Some(title)
            if options.salutations
                && !partner.is_company
                && !title.is_empty()
                && !name.starts_with(title) =>
        {
            format!("{title} {name}")
        }
        _ => name.to_owned(),
    }
}

/// "Given names Surname": the last word is the surname, as Odoo shows a person's name in one
/// field (a one-word name is a surname).
pub fn split_name(name: &str) -> (Option<String>, Option<String>) {
    let words: Vec<&str> = name.split_whitespace().collect();
    match words.as_slice() {
        [] => (None, None),
        [one] => (None, Some((*one).to_owned())),
        [given @ .., last] => (Some(given.join(" ")), Some((*last).to_owned())),
    }
}

fn addresses(partner: &OdooPartner, notes: &mut Vec<MappingNote>) -> Vec<Value> {
    let all = split_email_field(&partner.email);
    if all.len() > 3 {
        notes.push(MappingNote::TooManyAddresses {
            count: all.len() as u64,
        });
    }
    all.iter()
        .take(3)
        .map(|a| json!({"address": a.as_str(), "name": partner.name.trim()}))
        .collect()
}

fn phones(phone: Option<&str>, notes: &mut Vec<MappingNote>) -> Vec<String> {
    text(phone)
        .inspect(|p| check_phone(p, notes))
        .into_iter()
        .collect()
}

fn check_phone(phone: &str, notes: &mut Vec<MappingNote>) {
    // NOTE: vanity numbers ("0800-FLOWERS") and extensions ("ext.") are kept; the person sees
    // the line and decides
    if phone.chars().any(char::is_alphabetic) {
        notes.push(MappingNote::PhoneWithLetters {
            phone: phone.to_owned(),
        });
    }
}

fn address(partner: &OdooPartner, notes: &mut Vec<MappingNote>) -> Value {
    let any = [&partner.street, &partner.zip, &partner.city, &partner.state]
        .iter()
        .any(|f| text(f.as_deref()).is_some());
    if any && text(partner.country.as_deref()).is_none() {
        notes.push(MappingNote::NoCountry);
    }
    json!({
        "street": text(partner.street.as_deref()),
        "postalCode": text(partner.zip.as_deref()),
        "city": text(partner.city.as_deref()),
        "state": text(partner.state.as_deref()),
        "countryOrRegion": text(partner.country.as_deref()),
    })
}

fn website(partner: &OdooPartner, options: &MappingOptions) -> Option<String> {
    if options.backlink {
        return Some(record_link(
            &options.odoo_url,
            &options.odoo_version,
            partner.id,
        ));
    }
    text(partner.website.as_deref())
}

fn text(value: Option<&str>) -> Option<String> {
    value
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_owned)
}

/// Odoo's HTML notes as plain text (paragraphs and line breaks kept as new lines).
pub fn plain_text(html: &str) -> String {
    let with_breaks = html
        .replace("<br>", "\n")
        .replace("<br/>", "\n")
        .replace("<br />", "\n")
        .replace("</p>", "\n");
    let cleaned = ammonia::Builder::empty().clean(&with_breaks).to_string();
    html_escape::decode_html_entities(&cleaned)
        .trim()
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options() -> MappingOptions {
        MappingOptions {
            salutations: true,
            categories: true,
            backlink: false,
            odoo_url: "https://erp.example.com/".into(),
            odoo_version: "17.0".into(),
            db: "prod".into(),
        }
    }

    fn person() -> OdooPartner {
        OdooPartner {
            id: 42,
            name: "Hans Peter Müller".into(),
            company: Some("Müller & Söhne".into()),
            title: Some("Dr.".into()),
            function: Some("Einkauf".into()),
            email: "hans@mueller.example, h.mueller@privat.example".into(),
            phone: Some("+49 30 1234".into()),
            mobile: Some("0800-FLOWERS".into()),
            city: Some("Berlin".into()),
            country: Some("Germany".into()),
            notes: Some("<p>Mag <b>Kaffee</b></p><p>Ruft &amp; mailt</p>".into()),
            tags: vec!["VIP".into()],
            ..OdooPartner::default()
        }
    }

    #[test]
    fn a_person_gets_given_names_surname_salutation_and_company() {
        let (body, notes) = contact_body(&person(), &options());
        assert_eq!(body["displayName"], "Dr. Hans Peter Müller");
        assert_eq!(
            (&body["givenName"], &body["surname"]),
            (&json!("Hans Peter"), &json!("Müller"))
        );
        assert_eq!(body["title"], "Dr.");
        assert_eq!(body["companyName"], "Müller & Söhne");
        assert_eq!(body["emailAddresses"].as_array().map(Vec::len), Some(2));
        assert_eq!(body["personalNotes"], "Mag Kaffee\nRuft & mailt");
        assert_eq!(body["categories"], json!(["VIP"]));
        assert_eq!(body["singleValueExtendedProperties"][0]["value"], "prod:42");
        assert_eq!(
            notes,
            [MappingNote::PhoneWithLetters {
                phone: "0800-FLOWERS".into()
            }]
        );
    }

    #[test]
    fn without_salutations_the_title_stays_out_of_the_display_name() {
        let mut o = options();
        o.salutations = false;
        let (body, _) = contact_body(&person(), &o);
        assert_eq!(body["displayName"], "Hans Peter Müller");
        assert_eq!(body["title"], Value::Null);
    }

    #[test]
    fn a_company_is_a_company_name_without_a_person() {
        let company = OdooPartner {
            id: 7,
            name: "Müller & Söhne".into(),
            is_company: true,
            title: Some("GmbH".into()),
            email: "info@mueller.example".into(),
            street: Some("Hauptstr. 1".into()),
            ..OdooPartner::default()
        };
        let (body, notes) = contact_body(&company, &options());
        assert_eq!(body["companyName"], "Müller & Söhne");
        assert_eq!(body["displayName"], "Müller & Söhne");
        assert_eq!(
            (&body["givenName"], &body["surname"]),
            (&Value::Null, &Value::Null)
        );
        assert_eq!(notes, [MappingNote::NoCountry]);
    }

    #[test]
    fn three_addresses_at_most_and_right_to_left_names_stay_whole() {
        let partner = OdooPartner {
            id: 9,
            name: "سارة أحمد 🌟".into(),
            email: "a@x.example; b@x.example, c@x.example, d@x.example".into(),
            ..OdooPartner::default()
        };
        let (body, notes) = contact_body(&partner, &options());
        assert_eq!(body["emailAddresses"].as_array().map(Vec::len), Some(3));
        assert_eq!(notes, [MappingNote::TooManyAddresses { count: 4 }]);
        assert_eq!(body["displayName"], "سارة أحمد 🌟");
        assert_eq!(body["surname"], "🌟");
    }

    #[test]
    fn equal_bodies_hash_equal_and_a_change_moves_the_hash() {
        let (a, _) = contact_body(&person(), &options());
        let (b, _) = contact_body(&person(), &options());
        assert_eq!(body_hash(&a), body_hash(&b));
        let mut moved = person();
        moved.city = Some("Potsdam".into());
        let (c, _) = contact_body(&moved, &options());
        assert_ne!(body_hash(&a), body_hash(&c));
    }
}
