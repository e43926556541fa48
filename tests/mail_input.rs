//! Bad input and request economy of the mail transfer (issue 6): odd mails are filed or
//! skipped with a note and never crash the run; a page of mails costs a fixed number of Odoo
//! lookups whatever its size.

use base64::Engine;
use it::mail::{
    IN, LENA, MailUser, OUT, attachment_names, entries, mail, odoo, outcome_of, partner,
    take_odoo_counts,
};
use office_connector_core::model::ItemOutcome;
use serde_json::{Value, json};

const MUELLER: &str = "juergen.mueller@mueller-soehne.example";

#[tokio::test]
async fn odd_mails_are_filed_or_skipped_with_a_note_and_none_stops_the_run() {
    let odoo = odoo().await;
    let lena = MailUser::connect(it::graph::GraphFixture::demo().await, &odoo, LENA).await;
    lena.ms
        .session
        .set_setting("mail.attachment_limit_mb", "1")
        .expect("limit");
    let b64 = base64::engine::general_purpose::STANDARD;
    let mueller = partner(&odoo, MUELLER).await;

    // no subject
    let mut no_subject = mail("", MUELLER, &[LENA], "<odd-1@mueller-soehne.example>");
    no_subject["subject"] = json!("");
    lena.put(IN, no_subject).await;
    // scripts, handlers and a tracker in the body
    let mut dirty = mail("Skript", MUELLER, &[LENA], "<odd-2@mueller-soehne.example>");
    dirty["body_html"] = json!(
        "<p onclick=\"x()\">Hallo<script>alert(1)</script><img src=\"https://t.example/p.gif\" onerror=\"y()\"></p>"
    );
    lena.put(IN, dirty).await;
    // an attachment over the limit next to a small one, and an attached mail
    let mut big = mail(
        "Anhänge",
        MUELLER,
        &[LENA],
        "<odd-3@mueller-soehne.example>",
    );
    big["attachments"] = json!([
        {"name": "gross.bin", "content_type": "application/octet-stream",
         "content_base64": b64.encode(vec![7u8; 1_200_000])},
        {"name": "klein.txt", "content_type": "text/plain",
         "content_base64": b64.encode(b"klein")},
        {"name": "Weitergeleitet", "item": {"subject": "Innen", "body_html": "<p>innen</p>",
         "from": {"name": "X", "address": "x@example.com"}}}
    ]);
    lena.put(IN, big).await;
    // a name that is not valid text (Graph hands such bytes on as U+FFFD) and no Message-ID
    let mut odd_name = mail("Ohne ID", MUELLER, &[LENA], "");
    odd_name["from"] = json!({"name": "M\u{FFFD}ller \u{0}\u{7}", "address": MUELLER});
    lena.put(IN, odd_name).await;
    // 2,000 recipients, one of them known
    let mut many: Vec<String> = (0..1999)
        .map(|i| format!("person{i}@many-recipients.example"))
        .collect();
    many.push(MUELLER.to_owned());
    let many_refs: Vec<&str> = many.iter().map(String::as_str).collect();
    lena.put(
        OUT,
        mail(
            "Rundschreiben",
            LENA,
            &many_refs,
            "<odd-5@yourcompany.example.com>",
        ),
    )
    .await;

    let run = lena.sync(false).await;

    assert_eq!(outcome_of(&run, "").outcome, ItemOutcome::Filed);
    assert_eq!(outcome_of(&run, "Skript").outcome, ItemOutcome::Filed);
    let body = entries(&odoo, mueller, "<odd-2@mueller-soehne.example>").await[0]["body"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    for bad in ["<script", "onclick", "onerror", "t.example"] {
        assert!(!body.contains(bad), "{bad} left in {body}");
    }
    assert!(body.contains("Hallo"));

    let attachments = outcome_of(&run, "Anhänge");
    assert_eq!(attachments.outcome, ItemOutcome::Filed, "{attachments:?}");
    let note = attachments.detail.as_deref().unwrap_or_default();
    assert!(
        note.contains("gross.bin") && note.contains("limit"),
        "{note}"
    );
    assert!(
        !note.contains("Weitergeleitet"),
        "the attached mail is filed as .eml: {note}"
    );
    let entry = &entries(&odoo, mueller, "<odd-3@mueller-soehne.example>").await[0];
    assert_eq!(
        entry["attachment_ids"].as_array().map(Vec::len),
        Some(2),
        "{entry}"
    );
    assert!(
        entry["body"]
            .as_str()
            .is_some_and(|b| b.contains("gross.bin")),
        "the entry says what was left out: {entry}"
    );

    let no_id = outcome_of(&run, "Ohne ID");
    assert_eq!(no_id.outcome, ItemOutcome::Filed);
    assert!(
        no_id.key.ends_with("@content.office-connector.invalid>"),
        "a content key: {}",
        no_id.key
    );
    assert_eq!(entries(&odoo, mueller, &no_id.key).await.len(), 1);

    let many = outcome_of(&run, "Rundschreiben");
    assert_eq!(many.outcome, ItemOutcome::Unassigned);
    assert_eq!(many.contacts, vec![mueller]);
    assert_eq!(
        entries(&odoo, mueller, "<odd-5@yourcompany.example.com>")
            .await
            .len(),
        1
    );
    assert!(odoo.outbox().await.is_empty());
}

fn count(counts: &Value, key: &str) -> u64 {
    counts["counts"][key].as_u64().unwrap_or(0)
}

#[tokio::test]
async fn two_hundred_mails_in_pages_of_fifty_cost_a_fixed_number_of_odoo_lookups_per_page() {
    let odoo = odoo().await;
    let lena = MailUser::connect(it::graph::GraphFixture::demo().await, &odoo, LENA).await;
    lena.ms
        .graph
        .control_post(
            &format!("/graph/mailboxes/{LENA}/generate"),
            json!({"folder": IN, "count": 200, "from": {"name": "Müller", "address": MUELLER}}),
        )
        .await;
    take_odoo_counts(&odoo).await;

    let progress = it::mail::RecordedProgress::default();
    let run = lena.sync_watched(false, Some(50), &progress).await;

    assert_eq!(
        run.report.count(ItemOutcome::Filed),
        200,
        "{:?}",
        run.summary
    );
    let counts = take_odoo_counts(&odoo).await;
    let pages = 4;
    assert_eq!(count(&counts, "res.partner.search_read"), pages, "{counts}");
    assert_eq!(
        count(&counts, "mail.message.search_read"),
        2 * pages,
        "one duplicate check and one read-back per page: {counts}"
    );
    assert_eq!(count(&counts, "res.partner.message_post"), 200, "{counts}");
    assert_eq!(
        counts["total"].as_u64().unwrap_or(0),
        3 * pages + 200,
        "nothing else: {counts}"
    );
    assert_eq!(
        *progress.0.lock().expect("progress"),
        vec![(50, 200), (100, 200), (150, 200), (200, 200)],
        "n of m, once per page"
    );
}

#[tokio::test]
async fn an_inline_image_is_filed_as_an_attachment_and_left_out_of_the_body() {
    let odoo = odoo().await;
    let lena = MailUser::connect(it::graph::GraphFixture::demo().await, &odoo, LENA).await;
    let b64 = base64::engine::general_purpose::STANDARD;
    let mut m = mail("Logo", MUELLER, &[LENA], "<inline@mueller-soehne.example>");
    m["body_html"] = json!("<p>Unser Logo: <img src=\"cid:logo@mueller\"></p>");
    m["attachments"] = json!([{"name": "logo.png", "content_type": "image/png",
        "content_base64": b64.encode(b"\x89PNG fake"), "is_inline": true, "content_id": "logo@mueller"}]);
    lena.put(IN, m).await;

    let run = lena.sync(false).await;

    assert_eq!(run.report.mails[0].outcome, ItemOutcome::Filed, "{run:?}");
    let mueller = partner(&odoo, MUELLER).await;
    let entry = &entries(&odoo, mueller, "<inline@mueller-soehne.example>").await[0];
    assert_eq!(
        entry["attachment_ids"].as_array().map(Vec::len),
        Some(1),
        "{entry}"
    );
    let body = entry["body"].as_str().unwrap_or_default();
    assert!(
        !body.contains("cid:") && body.contains("Unser Logo"),
        "{body}"
    );
}

#[tokio::test]
async fn an_expired_delta_link_reads_the_folder_again_and_files_nothing_twice() {
    let odoo = odoo().await;
    let lena = MailUser::connect(it::graph::GraphFixture::demo().await, &odoo, LENA).await;
    lena.put(
        IN,
        mail(
            "Eins",
            MUELLER,
            &[LENA],
            "<expire-1@mueller-soehne.example>",
        ),
    )
    .await;
    assert_eq!(lena.sync(false).await.report.count(ItemOutcome::Filed), 1);
    lena.ms
        .graph
        .control_post(&format!("/graph/mailboxes/{LENA}/expire-delta"), json!({}))
        .await;
    lena.put(
        IN,
        mail(
            "Zwei",
            MUELLER,
            &[LENA],
            "<expire-2@mueller-soehne.example>",
        ),
    )
    .await;
    take_odoo_counts(&odoo).await;

    let run = lena.sync(false).await;

    assert!(run.report.incomplete.is_empty(), "{run:?}");
    let two = run
        .report
        .mails
        .iter()
        .find(|m| m.subject == "Zwei")
        .expect("new mail");
    assert_eq!(two.outcome, ItemOutcome::Filed);
    let one = run
        .report
        .mails
        .iter()
        .find(|m| m.subject == "Eins")
        .expect("re-read");
    assert_eq!(one.outcome, ItemOutcome::Skipped, "already filed: {one:?}");
    let counts = take_odoo_counts(&odoo).await;
    assert_eq!(count(&counts, "res.partner.message_post"), 1, "{counts}");
    let mueller = partner(&odoo, MUELLER).await;
    assert_eq!(
        entries(&odoo, mueller, "<expire-1@mueller-soehne.example>")
            .await
            .len(),
        1
    );
}

#[tokio::test]
async fn a_mail_that_cannot_be_read_is_read_again_by_the_next_run_not_lost() {
    let odoo = odoo().await;
    let lena = MailUser::connect(it::graph::GraphFixture::demo().await, &odoo, LENA).await;
    // no Message-ID: its key needs the body, and reading the body fails for now
    lena.put(IN, mail("Ohne Kennung", MUELLER, &[LENA], ""))
        .await;
    lena.ms
        .graph
        .control_post(
            "/graph/faults",
            json!({"kind": "server_error", "status": 503, "path_contains": "/me/messages/", "count": 50}),
        )
        .await;

    let first = lena.sync(false).await;
    assert!(first.report.mails.is_empty(), "{first:?}");
    assert!(!first.report.incomplete.is_empty(), "{first:?}");
    assert_eq!(
        first.outcome,
        office_connector_core::model::Outcome::Incomplete
    );

    lena.ms.clear_faults().await;
    let second = lena.sync(false).await;
    assert_eq!(second.report.count(ItemOutcome::Filed), 1, "{second:?}");
}

#[tokio::test]
async fn a_different_mail_reusing_a_filed_message_id_is_filed_and_a_true_copy_is_not() {
    let odoo = odoo().await;
    let lena = MailUser::connect(it::graph::GraphFixture::demo().await, &odoo, LENA).await;
    let mueller = partner(&odoo, MUELLER).await;
    let id = "<reuse-1@mueller-soehne.example>";
    let mut first = mail("Angebot", MUELLER, &[LENA], id);
    first["body_html"] = json!("<p>Erste Fassung</p>");
    lena.put(IN, first.clone()).await;
    assert_eq!(
        outcome_of(&lena.sync(false).await, "Angebot").outcome,
        ItemOutcome::Filed
    );

    // the same mail again (moved back by hand): still once in Odoo
    lena.put(IN, first).await;
    let copy = lena.sync(false).await;
    assert_eq!(outcome_of(&copy, "Angebot").outcome, ItemOutcome::Skipped);
    // a different mail with the same Message-ID and sender: its content reaches Odoo
    let mut second = mail("Angebot", MUELLER, &[LENA], id);
    second["body_html"] = json!("<p>Zweite Fassung</p>");
    lena.put(IN, second).await;
    let other = lena.sync(false).await;
    assert_eq!(
        outcome_of(&other, "Angebot").outcome,
        ItemOutcome::Filed,
        "{other:?}"
    );

    let admin = odoo.user("admin");
    let found = odoo
        .ok(
            &admin,
            "mail.message",
            "search_read",
            json!([[
                ["model", "=", "res.partner"],
                ["res_id", "=", mueller],
                ["message_id", "=like", "<reuse-1@mueller-soehne.example%"]
            ]]),
            json!({"fields": ["body", "message_id"]}),
        )
        .await;
    let bodies: Vec<&str> = found
        .as_array()
        .expect("entries")
        .iter()
        .filter_map(|e| e["body"].as_str())
        .collect();
    assert_eq!(bodies.len(), 2, "{found}");
    assert!(bodies.iter().any(|b| b.contains("Erste Fassung")));
    assert!(bodies.iter().any(|b| b.contains("Zweite Fassung")));
}

#[tokio::test]
async fn attachments_without_a_usable_name_are_named_and_filed() {
    let odoo = odoo().await;
    let lena = MailUser::connect(it::graph::GraphFixture::demo().await, &odoo, LENA).await;
    let mueller = partner(&odoo, MUELLER).await;
    let id = "<names-1@mueller-soehne.example>";
    let mut m = mail("Namenlos", MUELLER, &[LENA], id);
    m["attachments"] = json!([
        {"name": "", "content_type": "text/plain", "content_base64": "ZWlucw=="},
        {"name": "", "content_type": "text/plain", "content_base64": "endlaQ=="},
        {"name": "..\\..\\boot.ini", "content_type": "text/plain", "content_base64": "ZHJlaQ=="}
    ]);
    lena.put(IN, m).await;

    let run = lena.sync(false).await;

    assert_eq!(
        outcome_of(&run, "Namenlos").outcome,
        ItemOutcome::Filed,
        "{run:?}"
    );
    let names = attachment_names(&odoo, &entries(&odoo, mueller, id).await[0]).await;
    assert_eq!(
        names,
        [".._.._boot.ini", "attachment-2.txt", "attachment.txt"]
    );
}

fn file_of(name: &str, bytes: usize) -> Value {
    let content = base64::engine::general_purpose::STANDARD.encode(vec![b'x'; bytes]);
    json!({"name": name, "content_type": "application/octet-stream", "content_base64": content})
}

#[tokio::test]
async fn big_mails_under_the_limit_are_filed_whole() {
    let odoo = odoo().await;
    let lena = MailUser::connect(it::graph::GraphFixture::demo().await, &odoo, LENA).await;
    let mueller = partner(&odoo, MUELLER).await;
    let id = "<gross-1@mueller-soehne.example>";
    let mut m = mail("Große Anhänge", MUELLER, &[LENA], id);
    m["attachments"] = json!([
        file_of("zwei.bin", 2_000_000),
        file_of("drei.bin", 3_000_000),
        file_of("zehn.bin", 10_000_000)
    ]);
    m["body_html"] = json!(format!("<p>{}</p>", "Text ".repeat(2_000_000)));
    lena.put(IN, m).await;

    let run = lena.sync(false).await;

    let filed = outcome_of(&run, "Große Anhänge");
    assert_eq!(filed.outcome, ItemOutcome::Filed, "{:?}", filed.detail);
    assert_eq!(filed.detail, None);
    let entry = &entries(&odoo, mueller, id).await[0];
    assert_eq!(entry["attachment_ids"].as_array().map(Vec::len), Some(3));
    assert!(entry["body"].as_str().is_some_and(|b| b.len() > 9_000_000));
}

#[tokio::test]
async fn what_a_server_refuses_as_too_large_is_left_out_or_waits_for_the_person_not_retried() {
    let odoo = odoo().await;
    let lena = MailUser::connect(it::graph::GraphFixture::demo().await, &odoo, LENA).await;
    let mueller = partner(&odoo, MUELLER).await;
    odoo.control_put("faults", json!({"max_request_bytes": 4_000_000}))
        .await;
    let id = "<proxy-1@mueller-soehne.example>";
    let mut m = mail("Hinter dem Proxy", MUELLER, &[LENA], id);
    m["attachments"] = json!([file_of("klein.bin", 1_000), file_of("gross.bin", 6_000_000)]);
    lena.put(IN, m).await;
    let mut long = mail(
        "Langer Text",
        MUELLER,
        &[LENA],
        "<proxy-2@mueller-soehne.example>",
    );
    long["body_html"] = json!(format!("<p>{}</p>", "Text ".repeat(1_000_000)));
    lena.put(IN, long).await;

    let run = lena.sync(false).await;

    let filed = outcome_of(&run, "Hinter dem Proxy");
    assert_eq!(filed.outcome, ItemOutcome::Filed, "{filed:?}");
    assert_eq!(
        filed.detail.as_deref(),
        Some("Attachment gross.bin left out: Odoo refused it (“Request Entity Too Large”).")
    );
    assert_eq!(
        entries(&odoo, mueller, id).await[0]["attachment_ids"]
            .as_array()
            .map(Vec::len),
        Some(1)
    );
    let refused = outcome_of(&run, "Langer Text");
    assert_eq!(refused.outcome, ItemOutcome::Refused, "{refused:?}");
    assert!(
        refused
            .technical
            .as_deref()
            .is_some_and(|t| t.contains("too large")),
        "{refused:?}"
    );
}
