//! Seeds: the demo tenant with its app registrations and the demo people's mailboxes.
//!
//! Demo tenant `yourcompany.example.com` ([`DEMO_TENANT_ID`]) with two registrations:
//! - the desktop app [`DEMO_CLIENT_ID`] ("Mobile and desktop", redirect `http://localhost`, port
//!   ignored, public client flows allowed, so auth code + PKCE and device code work);
//! - a Web app [`WEB_CLIENT_ID`] with secret [`WEB_CLIENT_SECRET`] and redirect
//!   `http://localhost/office365/authorization` (what an Odoo server-side setup registers).
//!
//! Demo people ([`DEMO_PEOPLE`]): the salesperson Lena Schäfer and her colleague Jonas Weiß — the
//! demo people of the fake Odoo (`odoo::seeds`), with the same addresses.
//! Each mailbox has the transfer folders `Odoo Eingang` and `Odoo Ausgang` directly under the
//! root, holding mails with file attachments, an inline image, an attached mail, one mail sent to
//! both colleagues (same Message-ID in both mailboxes), one from an unknown sender, one from the
//! address several Odoo contacts share (`info@schroeder-design.example`: Eva and Paul Schröder
//! and their company), one without subject —
//! plus ordinary Inbox and Sent Items mail that must never be transferred. Customer addresses are
//! those of the fake Odoo's demo data (Müller & Söhne, Nordwind Logistik, …). Their calendars hold
//! a week of meetings ([`calendar`]); their Contacts folders a few contacts of their own
//! ([`contacts`]), one of them named as an Odoo partner.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, Utc};

use super::identity::apps::{DirectoryUser, Platform, RedirectUri, RegisteredApp, Tenant};
use super::identity::tokens::Identity;
use super::mailbox::Mailbox;
use super::mailbox::ids;
use super::mailbox::message::{Address, Attachment, AttachmentContent, MessageData};
use super::state::World;

pub mod calendar;
pub mod contacts;

/// Tenant id of the demo tenant.
pub const DEMO_TENANT_ID: &str = "4d3c2b1a-5e6f-4a7b-8c9d-0e1f2a3b4c5d";
/// Primary domain of the demo tenant.
pub const DEMO_TENANT_DOMAIN: &str = "yourcompany.example.com";
/// Client id of the desktop (public client) app registration.
pub const DEMO_CLIENT_ID: &str = "8f5e2d1c-3b4a-4c5d-9e6f-7a8b9c0d1e2f";
/// Client id of the Web (confidential) app registration.
pub const WEB_CLIENT_ID: &str = "2a1b0c9d-8e7f-4a6b-5c4d-3e2f1a0b9c8d";
/// Secret of the Web app registration.
pub const WEB_CLIENT_SECRET: &str = "fake~Web.Secret_0123456789abcdefghij";

/// A demo person: UPN, display name, given name, surname, object id.
pub const DEMO_PEOPLE: &[(&str, &str, &str, &str, &str)] = &[
    (
        "lena.schaefer@yourcompany.example.com",
        "Lena Schäfer",
        "Lena",
        "Schäfer",
        "0b7f6a1e-2c3d-4e5f-8a9b-1c2d3e4f5a6b",
    ),
    (
        "jonas.weiss@yourcompany.example.com",
        "Jonas Weiß",
        "Jonas",
        "Weiß",
        "1c8a7b2f-3d4e-4f5a-9b0c-2d3e4f5a6b7c",
    ),
];

/// A 1×1 PNG (the inline logo).
const PNG: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4,
    0x89, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0xF8, 0xCF, 0xC0, 0xF0,
    0x1F, 0x00, 0x05, 0x00, 0x01, 0xFF, 0x89, 0x99, 0x3D, 0x1D, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45,
    0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
];

/// A PNG whose image data has one byte too many (transcripts-2 204): Odoo cannot read it.
const DAMAGED_PNG: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4,
    0x89, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0xF8, 0xCF, 0xC0, 0xF0,
    0x1F, 0x00, 0x05, 0x00, 0x01, 0x01, 0xFF, 0x89, 0x99, 0x3D, 0x1D, 0x00, 0x00, 0x00, 0x00, 0x49,
    0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
];

fn pdf(title: &str) -> Vec<u8> {
    format!(
        "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n\
         3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n% {title}\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    )
    .into_bytes()
}

/// A user of the demo tenant.
pub fn demo_user(upn: &str, display: &str, given: &str, surname: &str, id: &str) -> DirectoryUser {
    DirectoryUser {
        id: id.to_string(),
        upn: upn.to_string(),
        display_name: display.to_string(),
        given_name: Some(given.to_string()),
        surname: Some(surname.to_string()),
        job_title: Some(
            if given == "Lena" {
                "Vertrieb"
            } else {
                "Projektleitung"
            }
            .to_string(),
        ),
        mobile_phone: None,
        office_location: Some("Berlin".to_string()),
        preferred_language: Some("de-DE".to_string()),
        tenant_id: DEMO_TENANT_ID.to_string(),
    }
}

/// The demo tenant and its two app registrations, without people.
pub fn demo_identity(access_token_lifetime: Duration) -> Identity {
    let mut identity = Identity::new(access_token_lifetime);
    identity.tenants.push(Tenant {
        id: DEMO_TENANT_ID.into(),
        domain: DEMO_TENANT_DOMAIN.into(),
    });
    identity.apps.push(RegisteredApp {
        client_id: DEMO_CLIENT_ID.into(),
        display_name: "Odoo Office Connector".into(),
        redirect_uris: vec![RedirectUri {
            uri: "http://localhost".into(),
            platform: Platform::PublicClient,
        }],
        secrets: Vec::new(),
        allow_public_client_flows: true,
    });
    identity.apps.push(RegisteredApp {
        client_id: WEB_CLIENT_ID.into(),
        display_name: "Odoo Office 365 (Web)".into(),
        redirect_uris: vec![RedirectUri {
            uri: "http://localhost/office365/authorization".into(),
            platform: Platform::Web,
        }],
        secrets: vec![WEB_CLIENT_SECRET.into()],
        allow_public_client_flows: false,
    });
    identity
}

fn addr(name: &str, address: &str) -> Address {
    Address {
        name: name.to_string(),
        address: address.to_string(),
    }
}

struct Mail {
    subject: &'static str,
    from: Address,
    to: Vec<Address>,
    cc: Vec<Address>,
    body: String,
    hours_ago: i64,
    message_id: String,
    attachments: Vec<Attachment>,
}

impl Mail {
    fn new(
        subject: &'static str,
        from: Address,
        to: Vec<Address>,
        body: &str,
        hours_ago: i64,
    ) -> Self {
        let domain = from
            .address
            .split('@')
            .nth(1)
            .unwrap_or("example.com")
            .to_string();
        Self {
            subject,
            from,
            to,
            cc: Vec::new(),
            body: format!(
                "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\"></head><body><p>{body}</p></body></html>"
            ),
            hours_ago,
            message_id: format!("<{}@{domain}>", uuid::Uuid::new_v4().simple()),
            attachments: Vec::new(),
        }
    }

    fn data(self, now: DateTime<Utc>) -> MessageData {
        let received = now - Duration::hours(self.hours_ago);
        MessageData {
            subject: self.subject.to_string(),
            body_html: self.body,
            from: Some(self.from),
            sender: None,
            to: self.to,
            cc: self.cc,
            bcc: Vec::new(),
            reply_to: Vec::new(),
            received,
            sent: received - Duration::seconds(4),
            internet_message_id: self.message_id,
            is_read: self.hours_ago > 30,
            is_draft: false,
            importance: "normal".to_string(),
            categories: Vec::new(),
            attachments: self.attachments,
        }
    }
}

fn file(name: &str, content_type: &str, bytes: Vec<u8>, now: DateTime<Utc>) -> Attachment {
    Attachment {
        id: ids::attachment_id(),
        name: name.to_string(),
        content_type: content_type.to_string(),
        is_inline: false,
        content_id: None,
        content: AttachmentContent::File(bytes),
        last_modified: now,
    }
}

fn folder(mb: &mut Mailbox, name: &str) -> String {
    let root = mb.root().id.clone();
    mb.create_folder(&root, name, false).unwrap_or_else(|_| {
        mb.folder_by_path(name)
            .map(|f| f.id.clone())
            .unwrap_or_default()
    })
}

/// The demo mailbox of `user`, with `colleague` as the other demo person.
fn demo_mailbox(
    user: DirectoryUser,
    colleague: &Address,
    shared_mail_id: &str,
    now: DateTime<Utc>,
) -> Mailbox {
    let me = addr(&user.display_name, &user.upn);
    let mut mb = Mailbox::new(user);
    let eingang = folder(&mut mb, "Odoo Eingang");
    let ausgang = folder(&mut mb, "Odoo Ausgang");
    for mail in incoming_mails(&me, colleague, shared_mail_id, now) {
        mb.deliver(&eingang, mail.data(now), now);
    }
    for mail in outgoing_mails(&me, now) {
        mb.deliver(&ausgang, mail.data(now), now);
    }
    deliver_ordinary_mail(&mut mb, &me, colleague, now);
    mb
}

fn mueller() -> Address {
    addr("Jürgen Müller", "juergen.mueller@mueller-soehne.example")
}

fn lukas() -> Address {
    addr("Lukas Gruber", "lukas.gruber@donau-maschinenbau.example")
}

/// Odoo Eingang: incoming mails the person filed for transfer.
fn incoming_mails(
    me: &Address,
    colleague: &Address,
    shared_mail_id: &str,
    now: DateTime<Utc>,
) -> Vec<Mail> {
    let (mueller, lukas) = (mueller(), lukas());
    let nordwind = addr("Nordwind Logistik AG", "info@nordwind-logistik.example");
    let shared = addr("Eva Schröder", "info@schroeder-design.example");
    let theresa = addr("Theresa Huber", "theresa.huber@alpenblick-hotels.example");
    let maren = addr(
        "Maren Jürgensen",
        "maren.juergensen@nordwind-logistik.example",
    );
    let offer = offer_mail(me, &mueller, now);
    let delivery = delivery_mail(me, &nordwind, now);
    let mut both = Mail::new(
        "Projekttreffen Showroom",
        maren.clone(),
        vec![me.clone(), colleague.clone()],
        "Hallo zusammen, passt euch Donnerstag 10 Uhr für das Treffen im Showroom?",
        8,
    );
    both.message_id = shared_mail_id.to_string();
    let unknown = Mail::new(
        "Anfrage über das Kontaktformular",
        addr("Max Unbekannt", "max@unbekannt-gmbh.example"),
        vec![me.clone()],
        "Wir interessieren uns für Ihre Produkte. Bitte rufen Sie uns an.",
        10,
    );
    let shared_sender = Mail::new(
        "Rechnungsfrage INV/2026/00017",
        shared.clone(),
        vec![me.clone()],
        "Bitte senden Sie uns die Rechnung erneut zu.",
        12,
    );
    let no_subject = Mail::new(
        "",
        theresa.clone(),
        vec![me.clone()],
        "Kurze Info: Muster sind angekommen.",
        14,
    );
    let forwarded = forwarded_mail(me, &lukas, now);
    vec![
        offer,
        delivery,
        both,
        unknown,
        shared_sender,
        no_subject,
        forwarded,
    ]
}

/// The offer question, with a damaged photo among its files.
fn offer_mail(me: &Address, mueller: &Address, now: DateTime<Utc>) -> Mail {
    let mut offer = Mail::new(
        "Rückfrage zu Angebot S00042",
        mueller.clone(),
        vec![me.clone()],
        "Guten Tag,<br>anbei unsere Änderungswünsche zum Angebot. Viele Grüße, Jürgen Müller",
        3,
    );
    offer.attachments.push(file(
        "Änderungswünsche S00042.pdf",
        "application/pdf",
        pdf("Aenderungswuensche"),
        now,
    ));
    // NOTE: the photo is damaged as in transcripts-2 204 (one byte too many in its image data):
    // Odoo refuses it for good, so the demo shows a mail filed without it, saying so.
    offer.attachments.push(file(
        "Foto Tisch.png",
        "image/png",
        DAMAGED_PNG.to_vec(),
        now,
    ));
    offer.attachments.push(file(
        "Maße.txt",
        "text/plain",
        "Tisch: 160 x 80 cm\r\nStuhl: 45 cm\r\n".as_bytes().to_vec(),
        now,
    ));
    offer
}

/// A delivery notice with an inline logo.
fn delivery_mail(me: &Address, nordwind: &Address, now: DateTime<Utc>) -> Mail {
    let mut delivery = Mail::new(
        "Lieferung KW 48",
        nordwind.clone(),
        vec![me.clone()],
        "Die Lieferung kommt am Dienstag.<br><img src=\"cid:logo@nordwind-logistik.example\" alt=\"Nordwind\">",
        5,
    );
    delivery.attachments.push(Attachment {
        id: ids::attachment_id(),
        name: "logo.png".into(),
        content_type: "image/png".into(),
        is_inline: true,
        content_id: Some("logo@nordwind-logistik.example".into()),
        content: AttachmentContent::File(PNG.to_vec()),
        last_modified: now,
    });
    delivery
}

/// A forwarded complaint carrying the original mail as an item attachment.
fn forwarded_mail(me: &Address, lukas: &Address, now: DateTime<Utc>) -> Mail {
    let mut forwarded = Mail::new(
        "WG: Reklamation Lieferung",
        lukas.clone(),
        vec![me.clone()],
        "Siehe angehängte Mail unseres Lagers.",
        20,
    );
    let inner = Mail::new(
        "Reklamation Lieferung",
        addr(
            "Lager Donau Maschinenbau",
            "lager@donau-maschinenbau.example",
        ),
        vec![lukas.clone()],
        "Zwei Stühle sind beschädigt angekommen.",
        26,
    )
    .data(now);
    forwarded.attachments.push(Attachment {
        id: ids::attachment_id(),
        name: "Reklamation Lieferung".into(),
        content_type: "message/rfc822".into(),
        is_inline: false,
        content_id: None,
        content: AttachmentContent::Item(Box::new(inner)),
        last_modified: now,
    });
    forwarded
}

/// Odoo Ausgang: mails the person sent and filed for transfer.
fn outgoing_mails(me: &Address, now: DateTime<Utc>) -> Vec<Mail> {
    let (mueller, lukas) = (mueller(), lukas());
    let kaethe = addr("Käthe Groß", "kaethe.gross@baeckerei-gross.example");
    let mut reply = Mail::new(
        "Ihr Angebot S00042",
        me.clone(),
        vec![mueller.clone()],
        "Sehr geehrter Herr Müller,<br>anbei das überarbeitete Angebot.",
        2,
    );
    reply.attachments.push(file(
        "Angebot S00042 v2.pdf",
        "application/pdf",
        pdf("Angebot v2"),
        now,
    ));
    let mut meeting = Mail::new(
        "Terminbestätigung",
        me.clone(),
        vec![kaethe.clone()],
        "Hiermit bestätige ich unseren Termin am Freitag.",
        6,
    );
    meeting.cc.push(lukas.clone());
    let cold = Mail::new(
        "Unser Katalog",
        me.clone(),
        vec![addr("", "einkauf@neukunde.example")],
        "Anbei wie besprochen der Link zum Katalog.",
        30,
    );
    vec![reply, meeting, cold]
}

/// Ordinary mail that must never be transferred: in the inbox and in Sent Items.
fn deliver_ordinary_mail(mb: &mut Mailbox, me: &Address, colleague: &Address, now: DateTime<Utc>) {
    let inbox = mb.folder("inbox").map(|f| f.id.clone()).unwrap_or_default();
    let sent = mb
        .folder("sentitems")
        .map(|f| f.id.clone())
        .unwrap_or_default();
    let newsletter = Mail::new(
        "Newsletter November",
        addr("Möbelmesse", "newsletter@moebelmesse.example"),
        vec![me.clone()],
        "Die Neuheiten des Monats.",
        40,
    );
    let internal = Mail::new(
        "Mittagessen?",
        colleague.clone(),
        vec![me.clone()],
        "Gehen wir um 12?",
        4,
    );
    for mail in [newsletter, internal] {
        mb.deliver(&inbox, mail.data(now), now);
    }
    let private = Mail::new(
        "Urlaubsantrag",
        me.clone(),
        vec![addr("Personal", "personal@yourcompany.example.com")],
        "Ich beantrage Urlaub.",
        50,
    );
    mb.deliver(&sent, private.data(now), now);
}

/// The demo world: tenant, apps, Anna and Ben with their mailboxes.
pub fn demo_world(access_token_lifetime: Duration, now: DateTime<Utc>) -> World {
    let mut identity = demo_identity(access_token_lifetime);
    let users: Vec<DirectoryUser> = DEMO_PEOPLE
        .iter()
        .map(|(u, d, g, s, id)| demo_user(u, d, g, s, id))
        .collect();
    identity.users = users.clone();
    let shared_mail_id = format!("<{}@example.com>", uuid::Uuid::new_v4().simple());
    let mut mailboxes = BTreeMap::new();
    for (i, user) in users.iter().enumerate() {
        let other = &users[(i + 1) % users.len()];
        let colleague = addr(&other.display_name, &other.upn);
        mailboxes.insert(
            user.upn.to_ascii_lowercase(),
            demo_mailbox(user.clone(), &colleague, &shared_mail_id, now),
        );
    }
    let people: Vec<Address> = users
        .iter()
        .map(|u| addr(&u.display_name, &u.upn))
        .collect();
    calendar::seed(&mut mailboxes, &people, now);
    contacts::seed(&mut mailboxes, now);
    World {
        identity,
        mailboxes,
    }
}

/// A world with the demo tenant and apps but no people (tests seed their own).
pub fn empty_world(access_token_lifetime: Duration) -> World {
    World {
        identity: demo_identity(access_token_lifetime),
        mailboxes: BTreeMap::new(),
    }
}
