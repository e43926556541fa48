//! RFC 5322/2045 rendering of a message, as `GET /me/messages/{id}/$value` and the `$value` of an
//! item attachment return it: `multipart/mixed` with the HTML body (inside `multipart/related`
//! when there are inline images) and base64 parts per attachment; non-ASCII header text is
//! RFC 2047 encoded.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;

use super::message::{Address, AttachmentContent, MessageData};

fn encode_word(text: &str) -> String {
    if text.is_ascii() {
        text.to_string()
    } else {
        format!("=?utf-8?B?{}?=", STANDARD.encode(text.as_bytes()))
    }
}

fn mailbox(a: &Address) -> String {
    if a.name.is_empty() {
        format!("<{}>", a.address)
    } else if a.name.is_ascii() {
        format!("\"{}\" <{}>", a.name.replace('"', "'"), a.address)
    } else {
        format!("{} <{}>", encode_word(&a.name), a.address)
    }
}

fn base64_lines(bytes: &[u8]) -> String {
    let encoded = STANDARD.encode(bytes);
    let mut out = String::with_capacity(encoded.len() + encoded.len() / 76 * 2 + 2);
    for chunk in encoded.as_bytes().chunks(76) {
        out.push_str(&String::from_utf8_lossy(chunk));
        out.push_str("\r\n");
    }
    out
}

/// The full MIME text of `data`.
pub fn render(data: &MessageData) -> String {
    render_at(data, 0)
}

// NOTE: boundaries carry the nesting depth so an attached mail's parts never close ours.
fn render_at(data: &MessageData, depth: usize) -> String {
    let mut out = String::new();
    let mut header = |name: &str, value: String| {
        out.push_str(name);
        out.push_str(": ");
        out.push_str(&value);
        out.push_str("\r\n");
    };
    if let Some(from) = &data.from {
        header("From", mailbox(from));
    }
    if let Some(sender) = &data.sender {
        header("Sender", mailbox(sender));
    }
    let list = |l: &[Address]| l.iter().map(mailbox).collect::<Vec<_>>().join(", ");
    if !data.to.is_empty() {
        header("To", list(&data.to));
    }
    if !data.cc.is_empty() {
        header("CC", list(&data.cc));
    }
    if !data.reply_to.is_empty() {
        header("Reply-To", list(&data.reply_to));
    }
    header("Subject", encode_word(&data.subject));
    header("Date", data.sent.to_rfc2822());
    header("Message-ID", data.internet_message_id.clone());
    header("MIME-Version", "1.0".to_string());
    let mixed = format!("_004_fake_mixed_{depth}_");
    let related = format!("_003_fake_related_{depth}_");
    header(
        "Content-Type",
        format!("multipart/mixed; boundary=\"{mixed}\""),
    );
    out.push_str("\r\n");

    out.push_str(&format!("--{mixed}\r\n"));
    let inline: Vec<_> = data.attachments.iter().filter(|a| a.is_inline).collect();
    if !inline.is_empty() {
        out.push_str(&format!(
            "Content-Type: multipart/related; boundary=\"{related}\"; type=\"text/html\"\r\n\r\n"
        ));
        out.push_str(&format!("--{related}\r\n"));
    }
    out.push_str(
        "Content-Type: text/html; charset=\"utf-8\"\r\nContent-Transfer-Encoding: base64\r\n\r\n",
    );
    out.push_str(&base64_lines(data.body_html.as_bytes()));
    if !inline.is_empty() {
        for a in &inline {
            out.push_str(&format!("--{related}\r\n"));
            out.push_str(&format!(
                "Content-Type: {}; name=\"{}\"\r\n",
                a.content_type,
                encode_word(&a.name)
            ));
            out.push_str(&format!(
                "Content-Description: {}\r\n",
                encode_word(&a.name)
            ));
            out.push_str(&format!(
                "Content-Disposition: inline; filename=\"{}\"\r\n",
                encode_word(&a.name)
            ));
            if let Some(cid) = &a.content_id {
                out.push_str(&format!("Content-ID: <{cid}>\r\n"));
            }
            out.push_str("Content-Transfer-Encoding: base64\r\n\r\n");
            out.push_str(&base64_lines(&a.raw()));
        }
        out.push_str(&format!("--{related}--\r\n"));
    }
    for a in data.attachments.iter().filter(|a| !a.is_inline) {
        out.push_str(&format!("--{mixed}\r\n"));
        match &a.content {
            AttachmentContent::File(bytes) => {
                out.push_str(&format!(
                    "Content-Type: {}; name=\"{}\"\r\n",
                    a.content_type,
                    encode_word(&a.name)
                ));
                out.push_str(&format!(
                    "Content-Disposition: attachment; filename=\"{}\"\r\n",
                    encode_word(&a.name)
                ));
                out.push_str("Content-Transfer-Encoding: base64\r\n\r\n");
                out.push_str(&base64_lines(bytes));
            }
            AttachmentContent::Item(item) => {
                out.push_str("Content-Type: message/rfc822\r\n");
                out.push_str(&format!(
                    "Content-Disposition: attachment; filename=\"{}.eml\"\r\n\r\n",
                    encode_word(&a.name)
                ));
                out.push_str(&render_at(item, depth + 1));
                out.push_str("\r\n");
            }
        }
    }
    out.push_str(&format!("--{mixed}--\r\n"));
    out
}
