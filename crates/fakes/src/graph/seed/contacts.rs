//! The demo people's own Outlook contacts, in their default Contacts folder — made by the person,
//! not by the connector, so none carries an extended property:
//! - Lena keeps Jürgen Müller (the Müller & Söhne contact of the fake Odoo's demo data, with
//!   another phone number than Odoo's), Maren Jürgensen of Nordwind Logistik with a photo, and
//!   her aunt Inge (private: home phone, birthday, notes);
//! - Jonas keeps Käthe Groß (Bäckerei Groß, also in Odoo), Lukas Gruber of Donau Maschinenbau
//!   with two addresses, and an electrician known only by his company.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde_json::{Value, json};

use crate::graph::mailbox::Mailbox;
use crate::graph::mailbox::contact::{ContactData, parse_write};
use crate::graph::mailbox::photo::Photo;

/// Adds a contact the person made in Outlook; its display name is made as Outlook makes it.
fn own(mb: &mut Mailbox, fields: Value, photo: Option<Photo>, now: DateTime<Utc>) {
    let Ok(write) = parse_write(&fields) else {
        tracing::error!(%fields, "demo contact refused");
        return;
    };
    let mut data = ContactData::default();
    data.apply(&write);
    if !write.sets("displayName") {
        data.regenerate_display_name();
    }
    let folder = mb.contacts.default_folder().id.clone();
    let index = mb.contacts.add(&folder, data, Vec::new(), now);
    if photo.is_some() {
        mb.contacts.set_photo(index, photo, now);
    }
}

fn lena(mb: &mut Mailbox, now: DateTime<Utc>) {
    own(
        mb,
        json!({
            "givenName": "Jürgen", "surname": "Müller", "companyName": "Müller & Söhne GmbH",
            "jobTitle": "Geschäftsführer",
            "emailAddresses": [{"name": "Jürgen Müller", "address": "juergen.mueller@mueller-soehne.example"}],
            "businessPhones": ["+49 221 555 0142"], "mobilePhone": "+49 171 555 0142",
            "businessAddress": {"street": "Domstraße 12", "city": "Köln", "postalCode": "50667", "countryOrRegion": "Deutschland"},
            "categories": ["Kunde"],
        }),
        None,
        now,
    );
    let photo = Photo::parse("image/png", super::PNG.to_vec()).ok();
    own(
        mb,
        json!({
            "givenName": "Maren", "surname": "Jürgensen", "companyName": "Nordwind Logistik AG",
            "jobTitle": "Fuhrparkleitung", "department": "Fuhrpark",
            "emailAddresses": [{"name": "Maren Jürgensen", "address": "maren.juergensen@nordwind-logistik.example"}],
            "businessPhones": ["+49 40 1234 5602"],
            "businessHomePage": "https://www.nordwind-logistik.example",
        }),
        photo,
        now,
    );
    own(
        mb,
        json!({
            "givenName": "Inge", "surname": "Schäfer", "nickName": "Tante Inge",
            "homePhones": ["+49 89 555 0177"], "birthday": "1956-04-12T00:00:00Z",
            "homeAddress": {"street": "Lindenweg 4", "city": "München", "postalCode": "80331", "countryOrRegion": "Deutschland"},
            "personalNotes": "Geburtstag nicht vergessen!",
        }),
        None,
        now,
    );
}

fn jonas(mb: &mut Mailbox, now: DateTime<Utc>) {
    own(
        mb,
        json!({
            "givenName": "Käthe", "surname": "Groß", "companyName": "Bäckerei Groß KG", "jobTitle": "Inhaberin",
            "emailAddresses": [{"name": "Käthe Groß", "address": "kaethe.gross@baeckerei-gross.example"}],
            "businessPhones": ["+49 89 555 0300"],
            "businessAddress": {"street": "Marienplatz 3", "city": "München", "postalCode": "80331", "countryOrRegion": "Deutschland"},
        }),
        None,
        now,
    );
    own(
        mb,
        json!({
            "givenName": "Lukas", "surname": "Gruber", "companyName": "Donau Maschinenbau GmbH", "jobTitle": "Einkauf",
            "emailAddresses": [
                {"name": "Lukas Gruber", "address": "lukas.gruber@donau-maschinenbau.example"},
                {"name": "Lukas Gruber (privat)", "address": "lukas.gruber@mail.example"},
            ],
            "businessAddress": {"street": "Industriestraße 88", "city": "Linz", "postalCode": "4020", "countryOrRegion": "Österreich"},
        }),
        None,
        now,
    );
    own(
        mb,
        json!({
            "companyName": "Elektro Meier",
            "businessPhones": ["+49 30 555 0199"],
            "personalNotes": "Notdienst auch am Wochenende",
        }),
        None,
        now,
    );
}

/// Adds the demo people's own contacts to their mailboxes.
pub fn seed(mailboxes: &mut BTreeMap<String, Mailbox>, now: DateTime<Utc>) {
    for (upn, mb) in mailboxes.iter_mut() {
        if upn.starts_with("lena.") {
            lena(mb, now);
        } else if upn.starts_with("jonas.") {
            jonas(mb, now);
        }
    }
}
