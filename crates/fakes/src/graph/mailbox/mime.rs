//! RFC 5322/2045 rendering of a message, as `GET /me/messages/{id}/$value` and the `$value` of an
//! item attachment return it, built with `mail-builder`: `multipart/mixed` with the HTML body
//! (inside `multipart/related` when there are inline images) and a part per attachment.
//!
//! Where Exchange writes something a client can tell apart, the fake writes it as Exchange does:
//! the stored `Message-ID` and the sent date, headers `CC` and `Content-Description`, inline parts
//! with their `Content-ID`, and non-ASCII attachment names as RFC 2047 encoded words inside the
//! quoted `name`/`filename` (mail-builder's own choice, RFC 2231 `filename*=`, is what the
//! standard asks for but not what Exchange sends).

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use mail_builder::MessageBuilder;
use mail_builder::headers::address::Address as MailAddress;
use mail_builder::headers::content_type::ContentType;
use mail_builder::headers::date::Date;
use mail_builder::headers::raw::Raw;
use mail_builder::headers::text::Text;
use mail_builder::mime::{BodyPart, MimePart};

use super::message::{Address, Attachment, AttachmentContent, MessageData};

/// The full MIME text of `data`.
pub fn render(data: &MessageData) -> String {
    render_at(data, 0)
}

// NOTE: boundaries are fixed (and carry the nesting depth, so an attached mail's parts never close
// ours): the same message renders to the same bytes, so `size` and every `$value` agree.
fn render_at(data: &MessageData, depth: usize) -> String {
    let mut message = MessageBuilder::new();
    if let Some(from) = &data.from {
        message = message.from(mailbox(from));
    }
    if let Some(sender) = &data.sender {
        message = message.sender(mailbox(sender));
    }
    if !data.to.is_empty() {
        message = message.to(mailboxes(&data.to));
    }
    if !data.cc.is_empty() {
        message = message.header("CC", mailboxes(&data.cc));
    }
    if !data.reply_to.is_empty() {
        message = message.reply_to(mailboxes(&data.reply_to));
    }
    let id = &data.internet_message_id;
    let bare_id = id
        .strip_prefix('<')
        .and_then(|i| i.strip_suffix('>'))
        .unwrap_or(id);
    message = message
        .subject(data.subject.as_str())
        .date(Date::new(data.sent.timestamp()))
        .message_id(bare_id)
        .body(body(data, depth));
    let mut out = Vec::new();
    message.serialize(&mut out);
    String::from_utf8_lossy(&out).into_owned()
}

fn mailbox(a: &Address) -> MailAddress<'_> {
    let name = (!a.name.is_empty()).then_some(a.name.as_str());
    MailAddress::new_address(name, a.address.as_str())
}

fn mailboxes(list: &[Address]) -> MailAddress<'_> {
    MailAddress::new_list(list.iter().map(mailbox).collect())
}

fn body(data: &MessageData, depth: usize) -> MimePart<'_> {
    let html = MimePart::new(
        ContentType::new("text/html").attribute("charset", "utf-8"),
        data.body_html.as_str(),
    );
    let inline: Vec<MimePart<'_>> = data
        .attachments
        .iter()
        .filter(|a| a.is_inline)
        .map(inline_part)
        .collect();
    let first = if inline.is_empty() {
        html
    } else {
        let related = ContentType::new("multipart/related")
            .attribute("boundary", format!("_003_fake_related_{depth}_"))
            .attribute("type", "text/html");
        MimePart::new(
            related,
            std::iter::once(html).chain(inline).collect::<Vec<_>>(),
        )
    };
    let mut parts = vec![first];
    for a in data.attachments.iter().filter(|a| !a.is_inline) {
        parts.push(match &a.content {
            AttachmentContent::File(bytes) => {
                file_part(a, "attachment", BodyPart::Binary(bytes.as_slice().into()))
            }
            AttachmentContent::Item(item) => {
                let mime = render_at(item, depth + 1);
                let encoding = if mime.is_ascii() { "7bit" } else { "8bit" };
                MimePart::new("message/rfc822", BodyPart::Binary(mime.into_bytes().into()))
                    .header(
                        "Content-Disposition",
                        with_name("attachment", "filename", &format!("{}.eml", a.name)),
                    )
                    .transfer_encoding(encoding)
            }
        });
    }
    let mixed = ContentType::new("multipart/mixed")
        .attribute("boundary", format!("_004_fake_mixed_{depth}_"));
    MimePart::new(mixed, parts)
}

fn inline_part(a: &Attachment) -> MimePart<'_> {
    let part = file_part(a, "inline", BodyPart::Binary(a.raw().into()));
    match &a.content_id {
        Some(cid) => part.cid(cid.as_str()),
        None => part,
    }
}

/// A file as Exchange writes it: `Content-Type` with `name`, `Content-Description` and
/// `Content-Disposition` with `filename`, base64 (mail-builder's choice for a binary part).
fn file_part<'x>(a: &'x Attachment, disposition: &str, bytes: BodyPart<'x>) -> MimePart<'x> {
    MimePart::raw(bytes)
        .header("Content-Type", with_name(&a.content_type, "name", &a.name))
        .header("Content-Description", Text::new(a.name.as_str()))
        .header(
            "Content-Disposition",
            with_name(disposition, "filename", &a.name),
        )
}

/// `value; key="name"`: an ASCII name as mail-builder quotes it, a non-ASCII one as Exchange
/// writes it, RFC 2047 encoded words inside the quotes (folded between the words).
fn with_name<'x>(value: &str, key: &'x str, name: &str) -> mail_builder::headers::HeaderType<'x> {
    if name.is_ascii() {
        ContentType::new(value.to_string())
            .attribute(key, name.to_string())
            .into()
    } else {
        Raw::new(format!("{value}; {key}=\"{}\"", encoded_words(name))).into()
    }
}

/// `=?utf-8?B?…?=` words of at most 75 characters, split between characters, separated by spaces.
fn encoded_words(text: &str) -> String {
    const BYTES_PER_WORD: usize = 45; // 60 base64 characters + 12 of `=?utf-8?B?` and `?=`
    let mut words = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if i + c.len_utf8() - start > BYTES_PER_WORD {
            words.push(&text[start..i]);
            start = i;
        }
    }
    words.push(&text[start..]);
    words
        .iter()
        .map(|w| format!("=?utf-8?B?{}?=", STANDARD.encode(w.as_bytes())))
        .collect::<Vec<_>>()
        .join(" ")
}
