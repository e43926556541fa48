//! The MIME the fake Graph serves at `/me/messages/{id}/$value`, read back with a maintained
//! parser (`mail-parser`): what a mail program or Odoo would take from it must be what the
//! message holds, also with non-ASCII names, an inline image and attachments.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use it::graph::GraphFixture;
use mail_parser::{MessageParser, MimeHeaders};
use serde_json::json;

const TEST: &str = "paula.pruef@yourcompany.example.com";
const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR fake image bytes \xff\xfe";
const PDF: &[u8] = b"%PDF-1.4\n\xe2\xe3\xcf\xd3\n1 0 obj << >> endobj\n%%EOF\n";
const NOTE: &[u8] = b"Zeile eins\nZeile zwei mit \xc3\xbc\r\nohne Ende";

async fn mime_of(fx: &GraphFixture, mail: serde_json::Value) -> String {
    fx.add_person(TEST, "Paula Prüf").await;
    fx.add_folder(TEST, "Test").await;
    let id = fx.put_mail(TEST, mail).await;
    let token = fx.access_token(TEST).await;
    let response = fx
        .http
        .get(fx.graph(&format!("/me/messages/{id}/$value")))
        .bearer_auth(&token)
        .send()
        .await
        .expect("mime");
    assert!(response.status().is_success(), "{}", response.status());
    response.text().await.expect("text")
}

#[tokio::test]
async fn a_mail_with_umlauts_an_inline_image_and_two_attachments_reads_back_whole() {
    let fx = GraphFixture::empty().await;
    let long_name = "Angebot Müller & Söhne GmbH Nr. 4711 über Lieferung KW 48 – endgültig.pdf";
    let html = "<p>Grüße aus Köln</p><img src=\"cid:image001.png@01DA4F2B.5C3E8A10\">";
    let mime = mime_of(
        &fx,
        json!({
            "folder": "Test",
            "subject": "Angebot für Müller & Söhne – Größe „XL“",
            "body_html": html,
            "from": {"name": "Jürgen Müller", "address": "juergen.mueller@mueller-soehne.example"},
            "to": [{"name": "Paula Prüf", "address": TEST}],
            "received": "2026-03-01T09:30:00Z",
            "internet_message_id": "<umlaut-1@mueller-soehne.example>",
            "attachments": [
                {"name": "Logo Müller.png", "content_type": "image/png",
                 "content_base64": STANDARD.encode(PNG), "is_inline": true, "content_id": "image001.png@01DA4F2B.5C3E8A10"},
                {"name": long_name, "content_type": "application/pdf",
                 "content_base64": STANDARD.encode(PDF)},
                {"name": "Notiz zur Größe.txt", "content_type": "text/plain",
                 "content_base64": STANDARD.encode(NOTE)},
            ],
        }),
    )
    .await;

    assert!(mime.is_ascii(), "MIME is 7-bit: {mime}");
    assert!(
        mime.contains("Message-ID: <umlaut-1@mueller-soehne.example>\r\n"),
        "{mime}"
    );
    assert!(
        mime.contains("Date: Sun, 1 Mar 2026 09:29:58 +0000\r\n"),
        "{mime}"
    );
    // Exchange's form of a non-ASCII name: encoded words inside the quotes
    assert!(mime.contains("filename=\"=?utf-8?B?"), "{mime}");
    assert!(!mime.contains("filename*"), "{mime}");

    let parsed = MessageParser::default()
        .parse(mime.as_bytes())
        .expect("parsed");
    assert_eq!(
        parsed.subject(),
        Some("Angebot für Müller & Söhne – Größe „XL“")
    );
    assert_eq!(parsed.message_id(), Some("umlaut-1@mueller-soehne.example"));
    let from = parsed.from().and_then(|a| a.first()).expect("from");
    assert_eq!(from.name(), Some("Jürgen Müller"));
    assert_eq!(
        from.address(),
        Some("juergen.mueller@mueller-soehne.example")
    );
    let to = parsed.to().and_then(|a| a.first()).expect("to");
    assert_eq!(to.name(), Some("Paula Prüf"));
    assert_eq!(to.address(), Some(TEST));
    assert_eq!(parsed.body_html(0).as_deref(), Some(html));

    let parts: Vec<_> = parsed.attachments().collect();
    let names: Vec<_> = parts.iter().map(|p| p.attachment_name()).collect();
    assert_eq!(
        names,
        [
            Some("Logo Müller.png"),
            Some(long_name),
            Some("Notiz zur Größe.txt")
        ],
        "{mime}"
    );
    let contents: Vec<_> = parts.iter().map(|p| p.contents()).collect();
    assert_eq!(contents, [PNG, PDF, NOTE]);
    assert_eq!(
        parts[0].content_id(),
        Some("image001.png@01DA4F2B.5C3E8A10")
    );
    assert_eq!(parts[1].content_id(), None);
    let types: Vec<_> = parts
        .iter()
        .map(|p| {
            p.content_type()
                .map(|t| format!("{}/{}", t.ctype(), t.subtype().unwrap_or_default()))
        })
        .collect();
    assert_eq!(
        types,
        [
            Some("image/png".to_string()),
            Some("application/pdf".to_string()),
            Some("text/plain".to_string())
        ]
    );
    let disposition = |i: usize| {
        parts[i]
            .content_disposition()
            .map(|d| d.ctype().to_string())
    };
    assert_eq!(disposition(0).as_deref(), Some("inline"));
    assert_eq!(disposition(1).as_deref(), Some("attachment"));
}

#[tokio::test]
async fn an_attached_mail_reads_back_as_a_message_inside_the_message() {
    let fx = GraphFixture::empty().await;
    let mime = mime_of(
        &fx,
        json!({
            "folder": "Test",
            "subject": "WG: Reklamation",
            "body_html": "<p>siehe unten</p>",
            "from": {"name": "Paula Prüf", "address": TEST},
            "to": [{"name": "Einkauf", "address": "einkauf@kunde.example"}],
            "internet_message_id": "<fw-1@yourcompany.example.com>",
            "attachments": [
                {"name": "Reklamation Größe", "item": {
                    "subject": "Reklamation Größe", "body_html": "<p>Die Größe passt nicht</p>",
                    "from": {"name": "Jürgen Müller", "address": "juergen.mueller@mueller-soehne.example"},
                    "internet_message_id": "<inner-1@mueller-soehne.example>"}}
            ],
        }),
    )
    .await;

    // RFC 2046 §5.2.1: an attached mail is never base64; it stays readable inside ours
    assert!(
        mime.contains("Content-Type: message/rfc822\r\n")
            && mime.contains("Content-Transfer-Encoding: 7bit\r\n\r\nFrom: "),
        "{mime}"
    );
    let parsed = MessageParser::default()
        .parse(mime.as_bytes())
        .expect("parsed");
    let part = parsed.attachments().next().expect("attached mail");
    assert_eq!(part.attachment_name(), Some("Reklamation Größe.eml"));
    let inner = part.message().expect("message/rfc822 part");
    assert_eq!(inner.subject(), Some("Reklamation Größe"));
    assert_eq!(inner.message_id(), Some("inner-1@mueller-soehne.example"));
    assert_eq!(
        inner.body_html(0).as_deref(),
        Some("<p>Die Größe passt nicht</p>")
    );
}
