//! What the chatter entry shows: the mail's HTML body, sanitised with `ammonia` (scripts, event
//! handlers, styles that load things and remote images — trackers — removed; inline `cid:`
//! images are dropped from the body and filed as attachments instead), under a small header
//! naming sender, recipients and date. The recipients are only listed here, never passed as
//! `partner_ids`, which would e-mail them (FACTS 23).

use std::collections::HashSet;

/// Log filter directives every log subscriber (CLI, desktop) must add: the HTML parser under
/// `ammonia` logs each text it reads at debug level, and logs never hold mail bodies.
pub const QUIET_LOG_DIRECTIVES: &[&str] = &["html5ever=off", "markup5ever=off", "ammonia=off"];

use super::address::Address;

/// The sanitised body: no scripts, handlers or remote content.
pub fn sanitize(html: &str) -> String {
    let mut schemes = HashSet::new();
    for s in ["http", "https", "mailto", "tel"] {
        schemes.insert(s);
    }
    ammonia::Builder::default()
        .url_schemes(schemes)
        .attribute_filter(|element, attribute, value| {
            // NOTE: an image that loads from elsewhere is how trackers work; a cid: image is
            // filed as an attachment. Either way the body keeps no image source.
            if element == "img" && attribute == "src" {
                return None;
            }
            Some(value.into())
        })
        .clean(html)
        .to_string()
}

/// The header shown above the body: From, To, Cc and the original date.
pub fn header(
    from: Option<&Address>,
    to: &[Address],
    cc: &[Address],
    date: Option<&str>,
) -> String {
    let list = |addresses: &[Address]| {
        addresses
            .iter()
            .map(|a| escape(a.as_str()))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut rows = Vec::new();
    if let Some(from) = from {
        rows.push(format!("<b>From:</b> {}", escape(from.as_str())));
    }
    if !to.is_empty() {
        rows.push(format!("<b>To:</b> {}", list(to)));
    }
    if !cc.is_empty() {
        rows.push(format!("<b>Cc:</b> {}", list(cc)));
    }
    if let Some(date) = date {
        rows.push(format!("<b>Date:</b> {}", escape(date)));
    }
    format!("<p style=\"font-size:small\">{}</p>", rows.join("<br>"))
}

/// When a mail was sent, as the header shows it: in the person's time zone with its offset
/// (`2026-03-01 10:29 +01:00`), in UTC (`+00:00`) when their zone is unknown.
pub fn shown_date(rfc3339: &str, time_zone: Option<chrono_tz::Tz>) -> Option<String> {
    let at = chrono::DateTime::parse_from_rfc3339(rfc3339).ok()?;
    let format = "%Y-%m-%d %H:%M %:z";
    Some(match time_zone {
        Some(tz) => at.with_timezone(&tz).format(format).to_string(),
        None => at.with_timezone(&chrono::Utc).format(format).to_string(),
    })
}

/// The list of what was left out of a mail's entry (attachments over the limit, links, files
/// Odoo refused), at the end of its body, in the person's language; empty when nothing was.
pub fn left_out_list(notes: &[super::notes::MailNote], lang: crate::language::Language) -> String {
    if notes.is_empty() {
        return String::new();
    }
    let items: String = notes
        .iter()
        .map(|n| format!("<li>{}</li>", escape(&n.render(lang))))
        .collect();
    format!("<ul style=\"font-size:small\">{items}</ul>")
}

/// `text` safe inside HTML text and quoted attributes (`& < > " ' /` escaped).
fn escape(text: &str) -> std::borrow::Cow<'_, str> {
    html_escape::encode_safe(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_handlers_and_trackers_are_removed() {
        let dirty = r#"<p onclick="steal()">Hallo<script>alert(1)</script>
            <img src="https://track.example/pixel.gif" onerror="x()">
            <img src="cid:logo@x"><a href="javascript:evil()">link</a></p>"#;
        let clean = sanitize(dirty);
        for bad in [
            "script",
            "onclick",
            "onerror",
            "track.example",
            "cid:",
            "javascript",
        ] {
            assert!(!clean.contains(bad), "{bad} left in {clean}");
        }
        assert!(clean.contains("Hallo"));
    }

    #[test]
    fn the_header_lists_recipients_escaped() {
        let a = Address::parse("anna@x.de").expect("address");
        let h = header(
            Some(&a),
            std::slice::from_ref(&a),
            &[],
            Some("2026-03-02 09:00:00"),
        );
        assert!(h.contains("From:</b> anna@x.de"));
        assert!(h.contains("2026-03-02 09:00:00"));
    }

    #[test]
    fn the_header_date_is_in_the_persons_zone_with_its_offset_across_daylight_saving() {
        let berlin: Option<chrono_tz::Tz> = Some(chrono_tz::Europe::Berlin);
        // winter (CET) and summer (CEST)
        assert_eq!(
            shown_date("2026-03-01T09:29:00Z", berlin).as_deref(),
            Some("2026-03-01 10:29 +01:00")
        );
        assert_eq!(
            shown_date("2026-07-01T09:29:00Z", berlin).as_deref(),
            Some("2026-07-01 11:29 +02:00")
        );
        // across the date line
        assert_eq!(
            shown_date("2026-03-01T23:30:00Z", Some(chrono_tz::Pacific::Auckland)).as_deref(),
            Some("2026-03-02 12:30 +13:00")
        );
        // no zone known: UTC, said as such
        assert_eq!(
            shown_date("2026-03-01T09:29:00Z", None).as_deref(),
            Some("2026-03-01 09:29 +00:00")
        );
        assert_eq!(shown_date("not a date", berlin), None);
    }
}
