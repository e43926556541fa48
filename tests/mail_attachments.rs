//! Attachments of filed mails (issue 6 §5): one over the limit is decided from the listing's
//! metadata and never downloaded; an attached mail (`itemAttachment`) is filed as an `.eml`.

use it::mail::{IN, LENA, MailUser, entries, mail, odoo, partner};
use office_connector_core::model::ItemOutcome;
use serde_json::{Value, json};

const MUELLER: &str = "juergen.mueller@mueller-soehne.example";

/// Response bytes the fake Graph served for endpoints containing `fragment`.
async fn served_bytes(user: &MailUser, fragment: &str) -> u64 {
    let graph = &user.ms.graph;
    let list: Value = graph
        .http
        .get(graph.control("/graph/requests"))
        .send()
        .await
        .expect("requests")
        .json()
        .await
        .expect("json");
    list.as_array()
        .expect("array")
        .iter()
        .filter(|r| r["endpoint"].as_str().is_some_and(|e| e.contains(fragment)))
        .map(|r| r["bytes"].as_u64().expect("bytes counted"))
        .sum()
}

#[tokio::test]
async fn a_30_mb_attachment_is_left_out_without_being_downloaded_and_an_attached_mail_is_filed_as_eml()
 {
    let odoo = odoo().await;
    let lena = MailUser::connect(it::graph::GraphFixture::demo().await, &odoo, LENA).await;
    let mueller = partner(&odoo, MUELLER).await;
    let mut big = mail(
        "Große Pläne",
        MUELLER,
        &[LENA],
        "<big-1@mueller-soehne.example>",
    );
    big["attachments"] = json!([
        {"name": "plaene.zip", "content_type": "application/zip", "size_bytes": 31_457_280},
        {"name": "notiz.txt", "content_type": "text/plain", "content_base64": "bm90aXo="},
        {"name": "Anfrage vom Montag", "item": {"subject": "Anfrage", "body_html": "<p>Bitte um Angebot</p>",
         "from": {"name": "Einkauf", "address": "einkauf@kunde.example"}}}
    ]);
    lena.put(IN, big).await;
    lena.ms.reset_counts().await;

    let run = lena.sync(false).await;

    let outcome = run
        .report
        .mails
        .iter()
        .find(|m| m.subject == "Große Pläne")
        .expect("reported");
    assert_eq!(outcome.outcome, ItemOutcome::Filed, "{outcome:?}");
    let note = outcome.detail.as_deref().unwrap_or_default();
    assert!(
        note.contains("plaene.zip") && note.contains("limit"),
        "{note}"
    );
    assert!(
        !note.contains("Anfrage vom Montag"),
        "the attached mail is filed: {note}"
    );
    // the 30 MB were never downloaded: not in the listing, never fetched on their own
    let downloaded = served_bytes(&lena, "/attachments").await;
    assert!(
        downloaded < 1_000_000,
        "{downloaded} bytes of attachments downloaded"
    );
    assert!(
        lena.ms.request_count("/attachments").await >= 1,
        "the listing was read"
    );

    let entry = &entries(&odoo, mueller, "<big-1@mueller-soehne.example>").await[0];
    assert!(
        entry["body"]
            .as_str()
            .is_some_and(|b| b.contains("plaene.zip")),
        "the entry says what was left out: {entry}"
    );
    let ids = entry["attachment_ids"].clone();
    let admin = odoo.user("admin");
    let files = odoo
        .ok(
            &admin,
            "ir.attachment",
            "read",
            json!([ids]),
            json!({"fields": ["name", "mimetype", "datas"]}),
        )
        .await;
    let mut names: Vec<&str> = files
        .as_array()
        .expect("attachments")
        .iter()
        .filter_map(|f| f["name"].as_str())
        .collect();
    names.sort_unstable();
    assert_eq!(names, ["Anfrage vom Montag.eml", "notiz.txt"], "{files}");
    let eml = files
        .as_array()
        .expect("attachments")
        .iter()
        .find(|f| f["name"] == "Anfrage vom Montag.eml")
        .expect("eml");
    assert_eq!(eml["mimetype"], "message/rfc822");
    let mime = base64::Engine::decode(
        &base64::engine::general_purpose::STANDARD,
        eml["datas"].as_str().expect("datas"),
    )
    .expect("base64");
    let mime = String::from_utf8_lossy(&mime);
    assert!(
        mime.contains("Subject: Anfrage") && mime.contains("einkauf@kunde.example"),
        "{mime}"
    );
    assert!(odoo.outbox().await.is_empty());
}

#[tokio::test]
async fn an_attachment_whose_download_breaks_off_is_not_filed_and_the_next_run_files_it_whole() {
    let odoo = odoo().await;
    let lena = MailUser::connect(it::graph::GraphFixture::demo().await, &odoo, LENA).await;
    let mueller = partner(&odoo, MUELLER).await;
    let content = "Zeile mit Inhalt. ".repeat(2_000);
    let b64 = base64::Engine::encode(&base64::engine::general_purpose::STANDARD, &content);
    let mut m = mail(
        "Vertrag",
        MUELLER,
        &[LENA],
        "<cut-1@mueller-soehne.example>",
    );
    m["attachments"] =
        json!([{"name": "vertrag.txt", "content_type": "text/plain", "content_base64": b64}]);
    lena.put(IN, m).await;
    // every attempt of the attachment's download breaks off after 1,000 bytes
    lena.ms
        .graph
        .control_post(
            "/graph/faults",
            json!({"kind": "cut_body", "after_bytes": 1000, "path_contains": "/$value"}),
        )
        .await;

    let first = lena.sync(false).await;

    let outcome = &first.report.mails[0];
    assert_eq!(outcome.outcome, ItemOutcome::Failed, "{outcome:?}");
    assert!(
        entries(&odoo, mueller, "<cut-1@mueller-soehne.example>")
            .await
            .is_empty(),
        "nothing filed from a broken download"
    );

    let graph = &lena.ms.graph;
    graph
        .http
        .delete(graph.control("/graph/faults"))
        .send()
        .await
        .expect("faults cleared");
    let second = lena.sync(false).await;

    assert_eq!(second.report.mails[0].outcome, ItemOutcome::Filed);
    let filed = entries(&odoo, mueller, "<cut-1@mueller-soehne.example>").await;
    assert_eq!(filed.len(), 1, "filed once: {filed:?}");
    let files = odoo
        .ok(
            &odoo.user("admin"),
            "ir.attachment",
            "read",
            json!([filed[0]["attachment_ids"].clone()]),
            json!({"fields": ["name", "datas"]}),
        )
        .await;
    assert_eq!(files[0]["name"], "vertrag.txt");
    assert_eq!(files[0]["datas"], b64, "the attachment arrived whole");
}
