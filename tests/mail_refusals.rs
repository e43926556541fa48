//! What Odoo refuses for good (issue 12 §2): an attachment Odoo will not take (a damaged image,
//! FACTS 42) is left out and named in the entry; a mail Odoo refuses as it is waits for the
//! person (retry or skip) instead of being retried every run; a mail that left its transfer
//! folder before it was filed is never filed, and the folder's delta link advances past mails
//! that failed.

use it::mail::{
    IN, LENA, MailUser, attachment_names, entries, mail, odoo, outcome_of, partner,
    take_odoo_counts,
};
use office_connector_core::model::{ItemOutcome, Outcome};
use serde_json::{Value, json};

const MUELLER: &str = "juergen.mueller@mueller-soehne.example";

/// The damaged 1×1 PNG of transcripts-2 204/205: Odoo answers "Truncated File Read".
const DAMAGED_PNG: &str = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGP4z8DwHwAFAAEB/4mZPR0AAAAASUVORK5CYII=";

fn calls(counts: &Value, suffix: &str) -> u64 {
    counts["counts"]
        .as_object()
        .map(|c| {
            c.iter()
                .filter(|(k, _)| k.ends_with(suffix))
                .map(|(_, v)| v.as_u64().unwrap_or(0))
                .sum()
        })
        .unwrap_or(0)
}

#[tokio::test]
async fn an_attachment_odoo_refuses_is_left_out_and_named_in_the_entry_and_the_rest_is_filed() {
    let odoo = odoo().await;
    let lena = MailUser::connect(it::graph::GraphFixture::demo().await, &odoo, LENA).await;
    let mueller = partner(&odoo, MUELLER).await;
    let mut m = mail(
        "Fotos",
        MUELLER,
        &[LENA],
        "<fotos-1@mueller-soehne.example>",
    );
    m["attachments"] = json!([
        {"name": "baustelle.png", "content_type": "image/png", "content_base64": DAMAGED_PNG},
        {"name": "notiz.txt", "content_type": "text/plain", "content_base64": "bm90aXo="}
    ]);
    lena.put(IN, m).await;

    let run = lena.sync(false).await;

    let filed = outcome_of(&run, "Fotos");
    assert_eq!(filed.outcome, ItemOutcome::Filed, "{filed:?}");
    assert_eq!(run.outcome, Outcome::Success, "{run:?}");
    assert_eq!(
        filed.detail.as_deref(),
        Some("Attachment baustelle.png left out: Odoo refused it (“Truncated File Read”).")
    );
    let found = entries(&odoo, mueller, "<fotos-1@mueller-soehne.example>").await;
    assert_eq!(found.len(), 1, "filed once: {found:?}");
    let body = found[0]["body"].as_str().unwrap_or_default();
    assert!(
        body.contains("baustelle.png") && body.contains("Truncated File Read"),
        "the entry names what was left out and why: {body}"
    );
    let names = attachment_names(&odoo, &found[0]).await;
    assert_eq!(names, ["notiz.txt"], "the sound file is attached");

    take_odoo_counts(&odoo).await;
    let again = lena.sync(false).await;
    assert!(again.report.mails.is_empty(), "settled: {again:?}");
    assert_eq!(calls(&take_odoo_counts(&odoo).await, ".create"), 0);
}

#[tokio::test]
async fn a_mail_odoo_refuses_waits_for_the_person_who_retries_or_skips_it() {
    let odoo = odoo().await;
    let lena = MailUser::connect(it::graph::GraphFixture::demo().await, &odoo, LENA).await;
    odoo.control_put(
        "faults",
        json!({"refuse_posts_containing": "Geheimprojekt"}),
    )
    .await;
    let key = "<geheim-1@mueller-soehne.example>";
    lena.put(IN, mail("Geheimprojekt", MUELLER, &[LENA], key))
        .await;
    lena.put(
        IN,
        mail(
            "Angebot",
            MUELLER,
            &[LENA],
            "<angebot-9@mueller-soehne.example>",
        ),
    )
    .await;

    let first = lena.sync(false).await;
    let refused = outcome_of(&first, "Geheimprojekt");
    assert_eq!(refused.outcome, ItemOutcome::Refused, "{refused:?}");
    let detail = refused.detail.as_deref().unwrap_or_default();
    assert!(detail.starts_with("Odoo refuses this mail"), "{detail}");
    assert!(
        refused
            .technical
            .as_deref()
            .is_some_and(|t| t.contains("res.partner.message_post")),
        "the technical detail is kept beside the sentence: {refused:?}"
    );
    assert_eq!(outcome_of(&first, "Angebot").outcome, ItemOutcome::Filed);
    assert_eq!(first.outcome, Outcome::NeedsAttention, "exit 2: {first:?}");
    assert!(
        first.summary.ends_with(", 1 refused by Odoo"),
        "{}",
        first.summary
    );
    let waiting = lena.ms.session.refused_mails().expect("refused list");
    assert_eq!(waiting.len(), 1, "{waiting:?}");
    assert_eq!(waiting[0].key, key);

    // nothing is asked again while the person has not decided
    take_odoo_counts(&odoo).await;
    lena.ms.reset_counts().await;
    let second = lena.sync(false).await;
    assert_eq!(
        outcome_of(&second, "Geheimprojekt").outcome,
        ItemOutcome::Refused
    );
    assert_eq!(second.outcome, Outcome::NeedsAttention);
    assert_eq!(calls(&take_odoo_counts(&odoo).await, ".message_post"), 0);
    assert_eq!(lena.ms.request_count("/attachments").await, 0);

    // the CLI lists it with the same sentence, in the person's language, and retries it
    let listed = it::cli::run(&lena.ms.home, &["decisions", "list"]);
    assert_eq!(listed.code, 0, "{listed:?}");
    assert!(
        listed.stdout.contains("Refused by Odoo") && listed.stdout.contains(detail),
        "{listed:?}"
    );
    lena.ms
        .session
        .set_setting("general.language", "de")
        .expect("german");
    let listed = it::cli::run(&lena.ms.home, &["decisions", "refused"]);
    assert!(
        listed.stdout.contains("Von Odoo abgelehnt")
            && listed.stdout.contains("Odoo lehnt diese Mail ab"),
        "{listed:?}"
    );
    let unknown = it::cli::run(&lena.ms.home, &["decisions", "retry", "<nie@x.example>"]);
    assert_eq!(unknown.code, 1, "{unknown:?}");
    assert!(unknown.stderr.contains("<nie@x.example>"), "{unknown:?}");
    let said = it::cli::run(&lena.ms.home, &["decisions", "retry", key]);
    assert_eq!(said.code, 0, "{said:?}");
    assert_eq!(
        said.stdout.trim(),
        "„Geheimprojekt“ wird im nächsten Lauf erneut versucht."
    );
    lena.ms
        .session
        .set_setting("general.language", "en")
        .expect("english");
    let third = lena.sync(false).await;
    assert_eq!(
        outcome_of(&third, "Geheimprojekt").outcome,
        ItemOutcome::Refused
    );
    assert_eq!(calls(&take_odoo_counts(&odoo).await, ".message_post"), 1);

    // skip: it stays in the folder, unfiled, and nothing waits on it
    lena.ms
        .session
        .settle_refused_mail(key, false)
        .expect("skip");
    odoo.control_delete("faults").await;
    let fourth = lena.sync(false).await;
    let skipped = outcome_of(&fourth, "Geheimprojekt");
    assert_eq!(skipped.outcome, ItemOutcome::Skipped, "{skipped:?}");
    assert_eq!(fourth.outcome, Outcome::Success, "{fourth:?}");
    assert!(lena.ms.session.refused_mails().expect("list").is_empty());
    let mueller = partner(&odoo, MUELLER).await;
    assert!(entries(&odoo, mueller, key).await.is_empty(), "never filed");
    assert!(lena.subjects_in(IN).await.contains(&"Geheimprojekt".into()));
}

#[tokio::test]
async fn a_mail_taken_out_of_the_transfer_folder_before_it_was_filed_is_never_filed() {
    let odoo = odoo().await;
    let lena = MailUser::connect(it::graph::GraphFixture::demo().await, &odoo, LENA).await;
    let graph = &lena.ms.graph;
    let mueller = partner(&odoo, MUELLER).await;
    let gone = lena
        .put(
            IN,
            mail(
                "Entwurf",
                MUELLER,
                &[LENA],
                "<entwurf-1@mueller-soehne.example>",
            ),
        )
        .await;
    let stays = lena
        .put(
            IN,
            mail(
                "Bleibt",
                MUELLER,
                &[LENA],
                "<bleibt-1@mueller-soehne.example>",
            ),
        )
        .await;
    odoo.control_put("faults", json!({"down": true})).await;
    let down = lena.sync(false).await;
    assert_eq!(outcome_of(&down, "Entwurf").outcome, ItemOutcome::Failed);
    assert_eq!(
        outcome_of(&down, "Entwurf").detail.as_deref(),
        Some("Odoo did not answer; the next run tries again.")
    );
    odoo.control_delete("faults").await;

    // the person takes one out; the folder's delta reports it as removed
    lena.move_mail(&gone, "deleteditems").await;
    let next = lena.sync(false).await;
    assert!(
        next.report.mails.iter().all(|m| m.subject != "Entwurf"),
        "the delta link advanced past the failed mail and saw it leave: {next:?}"
    );
    assert_eq!(outcome_of(&next, "Bleibt").outcome, ItemOutcome::Filed);
    assert!(
        entries(&odoo, mueller, "<entwurf-1@mueller-soehne.example>")
            .await
            .is_empty()
    );

    // without a delta to say so (an expired link: the folder is read again) the mail's folder
    // is looked at before filing
    let later = lena
        .put(
            IN,
            mail(
                "Später",
                MUELLER,
                &[LENA],
                "<spaeter-1@mueller-soehne.example>",
            ),
        )
        .await;
    odoo.control_put("faults", json!({"down": true})).await;
    lena.sync(false).await;
    odoo.control_delete("faults").await;
    lena.move_mail(&later, "archive").await;
    graph
        .control_post(&format!("/graph/mailboxes/{LENA}/expire-delta"), json!({}))
        .await;
    let resynced = lena.sync(false).await;
    let left = outcome_of(&resynced, "Später");
    assert_eq!(left.outcome, ItemOutcome::Skipped, "{left:?}");
    assert_eq!(
        left.detail.as_deref(),
        Some("Taken out of the transfer folder before it was filed, so it was not filed.")
    );
    assert!(
        entries(&odoo, mueller, "<spaeter-1@mueller-soehne.example>")
            .await
            .is_empty()
    );
    let _ = stays;
    let again = lena.sync(false).await;
    assert!(
        again.report.mails.iter().all(|m| m.subject != "Später"),
        "nothing waits on it: {again:?}"
    );
}

#[tokio::test]
async fn when_odoo_stops_answering_mid_run_the_report_says_what_happened_to_each_mail() {
    let odoo = odoo().await;
    let lena = MailUser::connect(it::graph::GraphFixture::demo().await, &odoo, LENA).await;
    let mueller = partner(&odoo, MUELLER).await;
    let keys: Vec<String> = (1..=10)
        .map(|i| format!("<serie-{i}@mueller-soehne.example>"))
        .collect();
    for (i, key) in keys.iter().enumerate() {
        lena.put(IN, mail(&format!("Serie {}", i + 1), MUELLER, &[LENA], key))
            .await;
    }
    // the preview asks Odoo exactly what the run asks before its first post
    take_odoo_counts(&odoo).await;
    lena.sync(true).await;
    let lookups: u64 = take_odoo_counts(&odoo).await["counts"]
        .as_object()
        .map(|c| c.values().filter_map(Value::as_u64).sum())
        .unwrap_or(0);
    assert!(lookups > 0);
    odoo.control_put(
        "faults",
        json!({"http_error": {"status": 502, "skip": lookups + 4}}),
    )
    .await;

    let broken = lena.sync(false).await;

    let filed: Vec<_> = broken
        .report
        .mails
        .iter()
        .filter(|m| m.outcome == ItemOutcome::Filed)
        .collect();
    assert_eq!(
        filed.len(),
        4,
        "the four posted before Odoo stopped: {broken:?}"
    );
    assert!(filed.iter().all(|m| m.detail.as_deref()
        == Some(
            "Filed, but Odoo stopped answering before it was checked; the next run checks it."
        )));
    assert_eq!(broken.report.count(ItemOutcome::Failed), 6, "{broken:?}");
    assert!(broken.summary.ends_with(", 6 failed"), "{}", broken.summary);
    assert_eq!(broken.outcome, Outcome::Incomplete);
    odoo.control_delete("faults").await;

    let next = lena.sync(false).await;
    let checked = next
        .report
        .mails
        .iter()
        .filter(|m| {
            m.detail.as_deref()
                == Some("Filed in an earlier run that could not check it; found in Odoo now.")
        })
        .count();
    assert_eq!(checked, 4, "{next:?}");
    assert_eq!(next.report.count(ItemOutcome::Filed), 10, "{next:?}");
    for key in &keys {
        assert_eq!(entries(&odoo, mueller, key).await.len(), 1, "{key} once");
    }
}

#[tokio::test]
async fn a_mail_taken_out_and_put_back_before_a_run_is_filed() {
    let odoo = odoo().await;
    let lena = MailUser::connect(it::graph::GraphFixture::demo().await, &odoo, LENA).await;
    let mueller = partner(&odoo, MUELLER).await;
    // a first run, so the next one reads the folder's changes since then
    lena.sync(false).await;
    let id = lena
        .put(
            IN,
            mail(
                "Hin und her",
                MUELLER,
                &[LENA],
                "<zurueck-1@mueller-soehne.example>",
            ),
        )
        .await;
    let archived = lena.move_mail(&id, "archive").await;
    lena.move_mail(&archived, &lena.incoming).await;

    let run = lena.sync(false).await;

    assert_eq!(
        outcome_of(&run, "Hin und her").outcome,
        ItemOutcome::Filed,
        "{run:?}"
    );
    assert_eq!(
        entries(&odoo, mueller, "<zurueck-1@mueller-soehne.example>")
            .await
            .len(),
        1
    );
}
