//! The mail transfer (issue 6) end to end through the core use case, against the fake Graph and
//! the fake Odoo: what lands in the chatter, what waits for a person, what a rerun costs.

use it::mail::{IN, JONAS, LENA, MailUser, OUT, entries, mail, odoo, partner, take_odoo_counts};
use office_connector_core::mail::address::Address;
use office_connector_core::mail::plan::AddressChoice;
use office_connector_core::model::{ItemOutcome, OdooId, Outcome};
use office_connector_core::store::RunFilter;
use serde_json::{Value, json};

const MUELLER: &str = "juergen.mueller@mueller-soehne.example";
const HUBER: &str = "theresa.huber@alpenblick-hotels.example";
const SHARED: &str = "info@schroeder-design.example";
const UNKNOWN: &str = "nobody@unknown-company.example";

fn write_calls(counts: &Value) -> u64 {
    counts["counts"]
        .as_object()
        .map(|c| {
            c.iter()
                .filter(|(k, _)| {
                    [".create", ".write", ".unlink", ".message_post"]
                        .iter()
                        .any(|w| k.ends_with(w))
                })
                .map(|(_, v)| v.as_u64().unwrap_or(0))
                .sum()
        })
        .unwrap_or(0)
}

#[tokio::test]
async fn an_outgoing_mail_to_two_known_and_one_unknown_recipient_makes_two_entries_and_one_unassigned()
 {
    let odoo = odoo().await;
    let lena = MailUser::connect(it::graph::GraphFixture::demo().await, &odoo, LENA).await;
    odoo.control_delete("outbox").await;
    lena.put(
        OUT,
        mail(
            "Angebot Sommerfest",
            LENA,
            &[MUELLER, HUBER, UNKNOWN],
            "<offer-1@yourcompany.example.com>",
        ),
    )
    .await;

    let run = lena.sync(false).await;

    assert_eq!(run.report.mails.len(), 1, "{run:?}");
    let m = &run.report.mails[0];
    assert_eq!(m.outcome, ItemOutcome::Unassigned, "{m:?}");
    assert_eq!(run.outcome, Outcome::NeedsAttention, "exit code 2");
    for address in [MUELLER, HUBER] {
        let p = partner(&odoo, address).await;
        let found = entries(&odoo, p, "<offer-1@yourcompany.example.com>").await;
        assert_eq!(found.len(), 1, "one entry on {address}: {found:?}");
        let e = &found[0];
        assert_eq!(e["subject"], "Angebot Sommerfest");
        assert_eq!(e["message_type"], "email");
        assert_eq!(e["subtype_id"][1], "Note", "a note mails nobody: {e}");
        assert_eq!(
            e["partner_ids"],
            json!([]),
            "recipients are never partner_ids"
        );
        // the fake sends a few seconds before it receives: the sent time is the original date
        assert!(
            e["date"]
                .as_str()
                .is_some_and(|d| d.starts_with("2026-03-01 09:29:")),
            "the original date, not now: {e}"
        );
        assert!(
            e["body"].as_str().is_some_and(|b| b.contains(UNKNOWN)),
            "header lists recipients"
        );
        // Lena's Odoo user lives in Europe/Berlin: 09:29 UTC is 10:29 there, said with the offset
        assert!(
            e["body"]
                .as_str()
                .is_some_and(|b| b.contains("2026-03-01 10:29 +01:00")),
            "the header's date is in the person's zone: {e}"
        );
        assert!(m.contacts.contains(&p));
    }
    assert!(odoo.outbox().await.is_empty(), "filing e-mails nobody");
    let decisions = lena.ms.session.mail_decisions().expect("decisions");
    assert_eq!(decisions.len(), 1, "{decisions:?}");
    assert_eq!(decisions[0].address.as_str(), UNKNOWN);
    assert_eq!(decisions[0].suggested_company, "unknown-company.example");
    assert_eq!(decisions[0].mails[0].subject, "Angebot Sommerfest");
}

#[tokio::test]
async fn a_second_run_files_nothing_new_and_costs_two_graph_requests_per_folder_and_no_odoo_call() {
    let odoo = odoo().await;
    let lena = MailUser::connect(it::graph::GraphFixture::demo().await, &odoo, LENA).await;
    lena.put(
        IN,
        mail(
            "Rückfrage",
            MUELLER,
            &[LENA],
            "<q-1@mueller-soehne.example>",
        ),
    )
    .await;
    lena.put(
        OUT,
        mail(
            "Antwort",
            LENA,
            &[MUELLER, HUBER],
            "<a-1@yourcompany.example.com>",
        ),
    )
    .await;
    let first = lena.sync(false).await;
    assert_eq!(first.outcome, Outcome::Success, "{first:?}");
    assert_eq!(first.report.count(ItemOutcome::Filed), 2);

    take_odoo_counts(&odoo).await;
    lena.ms.reset_counts().await;
    let second = lena.sync(false).await;

    assert_eq!(second.outcome, Outcome::Success);
    assert!(second.report.mails.is_empty(), "{second:?}");
    let graph_requests = lena.ms.request_count("").await;
    assert!(
        graph_requests <= 4,
        "at most 2 per folder, got {graph_requests}"
    );
    let counts = take_odoo_counts(&odoo).await;
    assert_eq!(counts["total"], 0, "no Odoo call: {counts}");
    let p = partner(&odoo, MUELLER).await;
    assert_eq!(
        entries(&odoo, p, "<q-1@mueller-soehne.example>")
            .await
            .len(),
        1
    );
}

#[tokio::test]
async fn a_dry_run_writes_nothing_anywhere() {
    let odoo = odoo().await;
    let lena = MailUser::connect(it::graph::GraphFixture::demo().await, &odoo, LENA).await;
    lena.put(
        IN,
        mail(
            "Rückfrage",
            MUELLER,
            &[LENA],
            "<dry-1@mueller-soehne.example>",
        ),
    )
    .await;
    lena.put(
        IN,
        mail("Wer?", SHARED, &[LENA], "<dry-2@schroeder-design.example>"),
    )
    .await;
    take_odoo_counts(&odoo).await;

    let preview = lena.sync(true).await;

    assert!(preview.report.dry_run);
    assert!(preview.run.is_none(), "no run row");
    let outcomes: Vec<ItemOutcome> = preview.report.mails.iter().map(|m| m.outcome).collect();
    assert!(outcomes.contains(&ItemOutcome::Filed), "{outcomes:?}");
    assert!(outcomes.contains(&ItemOutcome::Waiting), "{outcomes:?}");
    assert!(preview.summary.contains("2 mails"), "{}", preview.summary);
    let counts = take_odoo_counts(&odoo).await;
    assert_eq!(write_calls(&counts), 0, "no Odoo write: {counts}");
    let session = &lena.ms.session;
    assert!(
        session
            .list_runs(&RunFilter::default())
            .expect("runs")
            .is_empty()
    );
    assert!(session.mail_decisions().expect("decisions").is_empty());
    assert!(
        session
            .store()
            .cursor(
                office_connector_core::model::Job::Mail,
                &format!("incoming:{}", lena.incoming)
            )
            .expect("cursor")
            .is_none(),
        "no cursor saved"
    );
    let real = lena.sync(false).await;
    assert_eq!(
        real.report.count(ItemOutcome::Filed),
        1,
        "the preview kept nothing back"
    );
}

#[tokio::test]
async fn an_ambiguous_sender_waits_until_the_person_decides_and_the_decision_is_remembered() {
    let odoo = odoo().await;
    let lena = MailUser::connect(it::graph::GraphFixture::demo().await, &odoo, LENA).await;
    lena.put(
        IN,
        mail("Entwurf", SHARED, &[LENA], "<d-1@schroeder-design.example>"),
    )
    .await;

    let first = lena.sync(false).await;
    assert_eq!(first.report.mails[0].outcome, ItemOutcome::Waiting);
    assert_eq!(first.outcome, Outcome::NeedsAttention);
    let decisions = lena.ms.session.mail_decisions().expect("decisions");
    assert_eq!(decisions.len(), 1);
    let candidates: Vec<i64> = decisions[0].candidates.iter().map(|c| c.id.0).collect();
    assert!(
        candidates.len() >= 2,
        "several contacts share it: {decisions:?}"
    );
    assert!(
        decisions[0]
            .candidates
            .iter()
            .all(|c| !c.name.is_empty() && c.last_activity.is_some()),
        "name and last activity tell the candidates apart: {decisions:?}"
    );

    let chosen = candidates[0];
    lena.ms
        .session
        .choose_mail_contacts(
            &Address::parse(SHARED).expect("address"),
            &AddressChoice::Contacts(vec![OdooId(chosen)]),
        )
        .expect("choose");
    let second = lena.sync(false).await;
    assert_eq!(second.report.mails.len(), 1, "{second:?}");
    assert_eq!(second.report.mails[0].outcome, ItemOutcome::Filed);
    assert_eq!(second.outcome, Outcome::Success);
    assert_eq!(
        entries(&odoo, chosen, "<d-1@schroeder-design.example>")
            .await
            .len(),
        1
    );
    for other in &candidates[1..] {
        assert!(
            entries(&odoo, *other, "<d-1@schroeder-design.example>")
                .await
                .is_empty()
        );
    }
    assert!(
        lena.ms
            .session
            .mail_decisions()
            .expect("decisions")
            .is_empty()
    );

    lena.put(
        IN,
        mail(
            "Nachtrag",
            SHARED,
            &[LENA],
            "<d-2@schroeder-design.example>",
        ),
    )
    .await;
    let third = lena.sync(false).await;
    assert_eq!(
        third.report.mails[0].outcome,
        ItemOutcome::Filed,
        "remembered"
    );
    assert_eq!(
        entries(&odoo, chosen, "<d-2@schroeder-design.example>")
            .await
            .len(),
        1
    );
}

#[tokio::test]
async fn two_colleagues_filing_the_same_mail_in_either_order_make_one_entry_per_contact() {
    for lena_first in [true, false] {
        let odoo = odoo().await;
        // NOTE: each person's mailbox lives on its own fake Graph; Odoo is the shared one.
        let lena = MailUser::connect(it::graph::GraphFixture::demo().await, &odoo, LENA).await;
        let jonas = MailUser::connect(it::graph::GraphFixture::demo().await, &odoo, JONAS).await;
        let id = format!("<both-{lena_first}@mueller-soehne.example>");
        let m = mail("An euch beide", MUELLER, &[LENA, JONAS], &id);
        lena.put(IN, m.clone()).await;
        jonas.put(IN, m).await;

        let (first, second) = if lena_first {
            (&lena, &jonas)
        } else {
            (&jonas, &lena)
        };
        let a = first.sync(false).await;
        let b = second.sync(false).await;
        assert_eq!(a.report.mails[0].outcome, ItemOutcome::Filed, "{a:?}");
        assert_eq!(b.report.mails[0].outcome, ItemOutcome::Linked, "{b:?}");
        assert_eq!(
            a.report.mails[0].messages, b.report.mails[0].messages,
            "same entry"
        );
        let p = partner(&odoo, MUELLER).await;
        assert_eq!(
            entries(&odoo, p, &id).await.len(),
            1,
            "lena first: {lena_first}"
        );
    }
}

#[tokio::test]
async fn two_colleagues_filing_the_same_mail_at_the_same_moment_leave_one_entry_per_contact() {
    let odoo = odoo().await;
    let lena = MailUser::connect(it::graph::GraphFixture::demo().await, &odoo, LENA).await;
    let jonas = MailUser::connect(it::graph::GraphFixture::demo().await, &odoo, JONAS).await;
    let id = "<race@mueller-soehne.example>";
    let m = mail("Gleichzeitig", MUELLER, &[LENA, JONAS], id);
    lena.put(IN, m.clone()).await;
    jonas.put(IN, m).await;
    // NOTE: both posts wait until both arrived, so both pre-filing checks saw nothing.
    odoo.control_put("faults", json!({"hold_posts": 2})).await;
    take_odoo_counts(&odoo).await;

    let (a, b) = tokio::join!(lena.sync(false), jonas.sync(false));

    let counts = take_odoo_counts(&odoo).await;
    assert_eq!(
        counts["counts"]["res.partner.message_post"], 2,
        "both filed: the race happened: {counts}"
    );
    assert!(
        counts["counts"]["mail.message.unlink"]
            .as_u64()
            .unwrap_or(0)
            >= 1,
        "the duplicate was removed: {counts}"
    );
    let p = partner(&odoo, MUELLER).await;
    let left = entries(&odoo, p, id).await;
    assert_eq!(left.len(), 1, "one entry: {left:?}");
    let survivor = left[0]["id"].as_i64().expect("id");
    for run in [&a, &b] {
        assert_eq!(run.report.mails[0].outcome, ItemOutcome::Filed, "{run:?}");
        assert_eq!(
            run.report.mails[0].messages,
            vec![survivor],
            "both journals point at the survivor"
        );
    }
}

#[tokio::test]
async fn delete_after_transfer_moves_a_mail_only_once_odoo_confirmed_every_entry() {
    let odoo = odoo().await;
    let lena = MailUser::connect(it::graph::GraphFixture::demo().await, &odoo, LENA).await;
    lena.ms
        .session
        .set_setting("mail.delete_after_transfer", "true")
        .expect("option");
    lena.put(
        OUT,
        mail(
            "Zwei Empfänger",
            LENA,
            &[MUELLER, HUBER],
            "<two@yourcompany.example.com>",
        ),
    )
    .await;
    lena.put(
        IN,
        mail(
            "Wer von beiden?",
            SHARED,
            &[LENA],
            "<which@schroeder-design.example>",
        ),
    )
    .await;
    // Odoo fails from the second post on: the mail is filed on one contact only.
    odoo.control_put(
        "faults",
        json!({"http_error": {"status": 500, "method": "message_post", "skip": 1}}),
    )
    .await;

    let first = lena.sync(false).await;

    assert_eq!(first.outcome, Outcome::NeedsAttention, "{first:?}");
    let two = first
        .report
        .mails
        .iter()
        .find(|m| m.subject == "Zwei Empfänger")
        .expect("reported");
    assert_eq!(two.outcome, ItemOutcome::Failed, "{two:?}");
    assert_eq!(
        lena.subjects_in(OUT).await,
        vec!["Zwei Empfänger"],
        "nothing moved"
    );
    assert_eq!(
        lena.subjects_in(IN).await,
        vec!["Wer von beiden?"],
        "waiting stays"
    );
    assert!(lena.subjects_in("deleteditems").await.is_empty());

    odoo.control_delete("faults").await;
    let second = lena.sync(false).await;

    let two = second
        .report
        .mails
        .iter()
        .find(|m| m.subject == "Zwei Empfänger")
        .expect("reported");
    assert_eq!(two.outcome, ItemOutcome::Filed, "{second:?}");
    assert!(
        lena.subjects_in(OUT).await.is_empty(),
        "moved once confirmed"
    );
    assert_eq!(
        lena.subjects_in("deleteditems").await,
        vec!["Zwei Empfänger"]
    );
    assert_eq!(
        lena.subjects_in(IN).await,
        vec!["Wer von beiden?"],
        "waiting stays"
    );
    for address in [MUELLER, HUBER] {
        let p = partner(&odoo, address).await;
        let found = entries(&odoo, p, "<two@yourcompany.example.com>").await;
        assert_eq!(found.len(), 1, "once on {address}");
    }
}

#[tokio::test]
async fn choosing_another_transfer_folder_does_not_file_again_what_was_filed() {
    let odoo = odoo().await;
    let lena = MailUser::connect(it::graph::GraphFixture::demo().await, &odoo, LENA).await;
    let m = mail("Einmal", MUELLER, &[LENA], "<once@mueller-soehne.example>");
    lena.put(IN, m.clone()).await;
    assert_eq!(
        lena.sync(false).await.report.mails[0].outcome,
        ItemOutcome::Filed
    );
    let other = lena.ms.graph.add_folder(LENA, "Neuer Eingang").await;
    lena.put("Neuer Eingang", m).await;
    lena.ms
        .session
        .set_setting("mail.incoming_folder", &other)
        .expect("folder");
    take_odoo_counts(&odoo).await;

    let run = lena.sync(false).await;

    assert_eq!(run.report.mails.len(), 1, "{run:?}");
    assert_eq!(run.report.mails[0].outcome, ItemOutcome::Skipped);
    assert_eq!(
        run.report.mails[0].detail.as_deref(),
        Some("Already filed in an earlier run.")
    );
    let counts = take_odoo_counts(&odoo).await;
    assert_eq!(write_calls(&counts), 0, "{counts}");
    let p = partner(&odoo, MUELLER).await;
    assert_eq!(
        entries(&odoo, p, "<once@mueller-soehne.example>")
            .await
            .len(),
        1
    );
}

#[tokio::test]
async fn with_the_option_a_mail_is_also_filed_on_the_contacts_only_open_opportunity() {
    const NORDWIND: &str = "info@nordwind-logistik.example";
    let odoo = odoo().await;
    let lena = MailUser::connect(it::graph::GraphFixture::demo().await, &odoo, LENA).await;
    lena.ms
        .session
        .set_setting("mail.file_on_opportunity", "true")
        .expect("option");
    lena.put(
        IN,
        mail(
            "Fuhrpark",
            NORDWIND,
            &[LENA],
            "<fleet@nordwind-logistik.example>",
        ),
    )
    .await;
    lena.put(
        IN,
        mail("Maße", MUELLER, &[LENA], "<size@mueller-soehne.example>"),
    )
    .await;
    let nordwind = partner(&odoo, NORDWIND).await;
    let admin = odoo.user("admin");
    let leads = odoo
        .ok(
            &admin,
            "crm.lead",
            "search_read",
            json!([[["partner_id", "=", nordwind], ["type", "=", "opportunity"]]]),
            json!({"fields": ["id"]}),
        )
        .await;
    let lead = leads[0]["id"].as_i64().expect("the demo has one");

    let run = lena.sync(false).await;

    let fleet = run
        .report
        .mails
        .iter()
        .find(|m| m.subject == "Fuhrpark")
        .expect("reported");
    assert_eq!(fleet.outcome, ItemOutcome::Filed);
    assert_eq!(fleet.opportunities, vec![lead], "{fleet:?}");
    let on_lead = odoo
        .ok(
            &admin,
            "mail.message",
            "search_read",
            json!([[
                ["model", "=", "crm.lead"],
                ["res_id", "=", lead],
                ["message_id", "=", "<fleet@nordwind-logistik.example>"]
            ]]),
            json!({"fields": ["id", "subtype_id"]}),
        )
        .await;
    assert_eq!(on_lead.as_array().map(Vec::len), Some(1), "{on_lead}");
    assert_eq!(
        entries(&odoo, nordwind, "<fleet@nordwind-logistik.example>")
            .await
            .len(),
        1
    );
    let size = run
        .report
        .mails
        .iter()
        .find(|m| m.subject == "Maße")
        .expect("reported");
    assert!(
        size.opportunities.is_empty(),
        "Müller has no open opportunity: {size:?}"
    );
    assert!(odoo.outbox().await.is_empty());
    let again = lena.sync(false).await;
    assert!(again.report.mails.is_empty(), "{again:?}");
}

#[tokio::test]
async fn an_unassigned_sender_becomes_a_new_contact_and_its_mail_is_filed_there() {
    let odoo = odoo().await;
    let lena = MailUser::connect(it::graph::GraphFixture::demo().await, &odoo, LENA).await;
    lena.put(
        IN,
        mail("Anfrage", UNKNOWN, &[LENA], "<new@unknown-company.example>"),
    )
    .await;
    let first = lena.sync(false).await;
    assert_eq!(first.report.mails[0].outcome, ItemOutcome::Unassigned);

    let address = Address::parse(UNKNOWN).expect("address");
    let id = lena
        .ms
        .session
        .create_mail_contact(
            &*lena.ms.secrets,
            &address,
            Some("Nora Neu"),
            Some("Unbekannt GmbH"),
        )
        .await
        .expect("created");
    let second = lena.sync(false).await;

    assert_eq!(
        second.report.mails[0].outcome,
        ItemOutcome::Filed,
        "{second:?}"
    );
    assert_eq!(second.report.mails[0].contacts, vec![id.0]);
    assert_eq!(
        entries(&odoo, id.0, "<new@unknown-company.example>")
            .await
            .len(),
        1
    );
    assert_eq!(partner(&odoo, UNKNOWN).await, id.0);
    assert!(lena.ms.session.mail_decisions().expect("list").is_empty());
    assert!(
        odoo.outbox().await.is_empty(),
        "creating and filing mails nobody"
    );

    // the contact works for the company the person accepted, which now exists once
    let admin = odoo.user("admin");
    let created = odoo
        .ok(
            &admin,
            "res.partner",
            "read",
            json!([[id.0]]),
            json!({"fields": ["parent_id"]}),
        )
        .await;
    let company = created[0]["parent_id"][0].as_i64().expect("a company");
    assert_eq!(created[0]["parent_id"][1], json!("Unbekannt GmbH"));
    let second_address = Address::parse("ina@unknown-company.example").expect("address");
    let colleague = lena
        .ms
        .session
        .create_mail_contact(
            &*lena.ms.secrets,
            &second_address,
            None,
            Some("unbekannt gmbh"),
        )
        .await
        .expect("created");
    let read = odoo
        .ok(
            &admin,
            "res.partner",
            "read",
            json!([[colleague.0]]),
            json!({"fields": ["parent_id", "name"]}),
        )
        .await;
    assert_eq!(
        read[0]["parent_id"][0].as_i64(),
        Some(company),
        "the existing company is reused"
    );
    assert_eq!(read[0]["name"], json!("ina"));
}

#[tokio::test]
async fn contacts_can_be_searched_by_name_company_or_address_for_picking_by_hand() {
    let odoo = odoo().await;
    let lena = MailUser::connect(it::graph::GraphFixture::demo().await, &odoo, LENA).await;
    let session = &lena.ms.session;
    let secrets = &*lena.ms.secrets;

    let by_company = session
        .search_mail_contacts(secrets, "nordwind")
        .await
        .expect("search");
    assert!(!by_company.is_empty(), "Nordwind Logistik and its people");
    assert!(
        by_company.iter().all(|c| {
            c.name.to_lowercase().contains("nordwind")
                || c.company
                    .as_deref()
                    .is_some_and(|n| n.to_lowercase().contains("nordwind"))
        }),
        "{by_company:?}"
    );
    let by_address = session
        .search_mail_contacts(secrets, "schroeder-design.example")
        .await
        .expect("search");
    assert!(
        by_address.len() >= 2,
        "the two contacts sharing info@: {by_address:?}"
    );
    assert!(
        session
            .search_mail_contacts(secrets, "  ")
            .await
            .expect("search")
            .is_empty(),
        "an empty query asks Odoo nothing"
    );
}

#[tokio::test]
async fn remembered_contacts_are_read_back_by_id_with_archived_ones_and_unknown_ids_left_out() {
    let odoo = odoo().await;
    let lena = MailUser::connect(it::graph::GraphFixture::demo().await, &odoo, LENA).await;
    let session = &lena.ms.session;
    let secrets = &*lena.ms.secrets;
    let mueller = partner(&odoo, MUELLER).await;
    let huber = partner(&odoo, HUBER).await;
    let admin = odoo.user("admin");
    odoo.ok(
        &admin,
        "res.partner",
        "write",
        json!([[huber], {"active": false}]),
        json!({}),
    )
    .await;

    let found = session
        .mail_contacts(secrets, &[OdooId(mueller), OdooId(huber), OdooId(999_999)])
        .await
        .expect("read");

    let mut ids: Vec<i64> = found.iter().map(|c| c.id.0).collect();
    ids.sort();
    let mut expected = vec![mueller, huber];
    expected.sort();
    assert_eq!(ids, expected, "{found:?}");
    assert!(
        found.iter().any(|c| c.id.0 == huber && !c.active),
        "archived shown as such"
    );
    assert!(
        found
            .iter()
            .any(|c| c.id.0 == mueller && c.email == MUELLER)
    );
    take_odoo_counts(&odoo).await;
    assert!(
        session
            .mail_contacts(secrets, &[])
            .await
            .expect("none")
            .is_empty()
    );
    let counts = take_odoo_counts(&odoo).await;
    assert_eq!(counts["counts"], json!({}), "no ids, no call: {counts}");
}

#[tokio::test]
async fn without_write_access_on_the_contact_the_mail_stays_and_a_person_is_asked() {
    let odoo = odoo().await;
    let admin = odoo.user("admin");
    // an internal user who may read contacts but not write them (FACTS 20)
    odoo.ok(
        &admin,
        "res.users",
        "create",
        json!([{"name": "Ina Intern", "login": "ina", "password": "ina-pw-123", "groups_id": [1]}]),
        json!({}),
    )
    .await;
    let lena = MailUser::connect_as(
        it::graph::GraphFixture::demo().await,
        &odoo,
        LENA,
        "ina",
        "ina-pw-123",
    )
    .await;
    lena.put(
        IN,
        mail(
            "Keine Rechte",
            MUELLER,
            &[LENA],
            "<acl@mueller-soehne.example>",
        ),
    )
    .await;

    let run = lena.sync(false).await;

    assert_eq!(run.report.mails[0].outcome, ItemOutcome::Failed, "{run:?}");
    assert_eq!(
        run.outcome,
        Outcome::NeedsAttention,
        "a retry alone will not help"
    );
    assert!(
        run.report
            .needs_attention
            .iter()
            .any(|n| n.contains("Ask your Odoo administrator")),
        "{run:?}"
    );
    assert_eq!(
        lena.subjects_in(IN).await,
        vec!["Keine Rechte"],
        "the mail stays"
    );
    let p = partner(&odoo, MUELLER).await;
    assert!(
        entries(&odoo, p, "<acl@mueller-soehne.example>")
            .await
            .is_empty()
    );
}

#[tokio::test]
async fn a_failed_filing_on_the_opportunity_keeps_the_mail_and_the_next_run_completes_it() {
    const NORDWIND: &str = "info@nordwind-logistik.example";
    let odoo = odoo().await;
    let lena = MailUser::connect(it::graph::GraphFixture::demo().await, &odoo, LENA).await;
    lena.ms
        .session
        .set_setting("mail.file_on_opportunity", "true")
        .expect("option");
    lena.put(
        IN,
        mail(
            "Flotte",
            NORDWIND,
            &[LENA],
            "<fleet-2@nordwind-logistik.example>",
        ),
    )
    .await;
    odoo.control_put(
        "faults",
        json!({"http_error": {"status": 502, "model": "crm.lead", "method": "message_post", "count": 1}}),
    )
    .await;

    let first = lena.sync(false).await;
    assert_eq!(
        first.report.mails[0].outcome,
        ItemOutcome::Failed,
        "{first:?}"
    );
    assert_eq!(first.outcome, Outcome::Incomplete, "a rerun will fix it");

    let second = lena.sync(false).await;
    assert_ne!(
        second.report.mails[0].outcome,
        ItemOutcome::Failed,
        "{second:?}"
    );
    let lead = second.report.mails[0].opportunities.clone();
    assert_eq!(lead.len(), 1, "{second:?}");
    let admin = odoo.user("admin");
    let on_lead = odoo
        .ok(
            &admin,
            "mail.message",
            "search_read",
            json!([[
                ["model", "=", "crm.lead"],
                ["res_id", "=", lead[0]],
                ["message_id", "=", "<fleet-2@nordwind-logistik.example>"]
            ]]),
            json!({"fields": ["id"]}),
        )
        .await;
    assert_eq!(on_lead.as_array().map(Vec::len), Some(1), "{on_lead}");
    let p = partner(&odoo, NORDWIND).await;
    assert_eq!(
        entries(&odoo, p, "<fleet-2@nordwind-logistik.example>")
            .await
            .len(),
        1
    );
    assert!(lena.sync(false).await.report.mails.is_empty(), "settled");
}

#[tokio::test]
async fn a_refused_odoo_key_files_nothing_and_asks_the_person_to_connect_again() {
    use office_connector_core::secrets::SecretStore;
    let odoo = odoo().await;
    let lena = MailUser::connect(it::graph::GraphFixture::demo().await, &odoo, LENA).await;
    lena.put(
        IN,
        mail("Später", MUELLER, &[LENA], "<later@mueller-soehne.example>"),
    )
    .await;
    lena.ms
        .secrets
        .set(
            office_connector_core::odoo::SECRET_NAME,
            &secrecy::SecretString::from("0".repeat(40)),
        )
        .expect("replace the key");

    let run = lena.sync(false).await;

    assert_eq!(run.outcome, Outcome::NeedsAttention, "{run:?}");
    assert!(
        run.report
            .needs_attention
            .iter()
            .any(|n| n.contains("Connect Odoo again")),
        "{run:?}"
    );
    assert_eq!(lena.subjects_in(IN).await, vec!["Später"]);
    let user = odoo.user(LENA);
    lena.ms
        .secrets
        .set(
            office_connector_core::odoo::SECRET_NAME,
            &secrecy::SecretString::from(user.odoo_api_key.clone()),
        )
        .expect("key back");
    let again = lena.sync(false).await;
    assert_eq!(
        again.report.count(ItemOutcome::Filed),
        1,
        "nothing lost: {again:?}"
    );
}

#[tokio::test]
async fn a_refused_microsoft_sign_in_during_a_run_asks_for_a_new_sign_in_once_and_pauses_the_job() {
    let odoo = odoo().await;
    let lena = MailUser::connect(it::graph::GraphFixture::demo().await, &odoo, LENA).await;
    lena.put(
        IN,
        mail("Anfrage", MUELLER, &[LENA], "<ask-1@mueller.example>"),
    )
    .await;
    let session = &lena.ms.session;
    session
        .set_setting("mail.enabled", "true")
        .expect("enable mail");
    let mail_timer = |s: &office_connector_core::api::Status| {
        s.jobs
            .iter()
            .find(|j| j.job == office_connector_core::model::Job::Mail)
            .expect("mail")
            .timer_on
    };
    assert!(mail_timer(&session.status().expect("status")));
    assert!(
        session.take_sign_in_notices().expect("notices").is_empty(),
        "nothing to tell while the sign-in works"
    );
    lena.ms
        .graph
        .control_post(
            "/identity/refresh-tokens/revoke",
            json!({"upn": LENA, "reason": "revoked"}),
        )
        .await;

    let run = lena.sync(false).await;

    assert_eq!(
        run.outcome,
        Outcome::NeedsAttention,
        "a person must act: {run:?}"
    );
    assert!(run.report.mails.is_empty(), "nothing read, nothing filed");
    assert!(
        run.report
            .needs_attention
            .iter()
            .any(|n| n.contains("Sign in to Microsoft 365 again")),
        "{:?}",
        run.report.needs_attention
    );
    let status = session.status().expect("status");
    assert!(status.accounts[0].needs_sign_in, "the account is flagged");
    assert!(!mail_timer(&status), "the job pauses");
    assert_eq!(
        session.take_sign_in_notices().expect("notices"),
        vec![office_connector_core::model::AccountKind::Microsoft],
        "the person is told"
    );
    assert!(
        session.take_sign_in_notices().expect("notices").is_empty(),
        "… once"
    );

    // Signing in again clears it; the mail waited in the folder and is filed now.
    lena.ms.connect(LENA).await;
    assert!(mail_timer(&session.status().expect("status")));
    let run = lena.sync(false).await;
    assert_eq!(run.report.mails.len(), 1, "{run:?}");
    assert_eq!(run.report.mails[0].outcome, ItemOutcome::Filed);
}

/// Lena's run (or preview) with neither transfer folder chosen: the error it fails with.
async fn run_without_folders(
    lena: &MailUser,
    trigger: office_connector_core::model::Trigger,
    dry_run: bool,
) -> office_connector_core::error::CoreError {
    let session = &lena.ms.session;
    session
        .unset_setting("mail.incoming_folder")
        .expect("unset");
    session
        .unset_setting("mail.outgoing_folder")
        .expect("unset");
    session
        .sync_mail(
            &lena.ms.runtime(),
            &*lena.ms.secrets,
            office_connector_core::api::MailSyncRequest {
                trigger,
                dry_run,
                page_size: None,
            },
            &office_connector_core::mail::engine::NoProgress,
        )
        .await
        .expect_err("no folder to read")
}

#[tokio::test]
async fn a_run_without_a_transfer_folder_says_what_to_choose() {
    let odoo = odoo().await;
    let lena = MailUser::connect(it::graph::GraphFixture::demo().await, &odoo, LENA).await;
    let session = &lena.ms.session;
    let error =
        run_without_folders(&lena, office_connector_core::model::Trigger::Manual, true).await;
    use office_connector_core::error::UserFacing;
    let ui = error.to_ui(office_connector_core::i18n::Language::En);
    assert_eq!(
        ui.code,
        office_connector_core::error::ErrorCode::ConfigInvalid
    );
    assert!(ui.message.contains("No transfer folder"), "{}", ui.message);
    assert!(
        session
            .list_runs(&RunFilter::default())
            .expect("runs")
            .is_empty()
    );
}

#[tokio::test]
async fn a_run_that_cannot_start_is_recorded_as_failed_with_its_reason_whoever_started_it() {
    let odoo = odoo().await;
    let lena = MailUser::connect(it::graph::GraphFixture::demo().await, &odoo, LENA).await;
    let error = run_without_folders(&lena, office_connector_core::model::Trigger::Cli, false).await;
    use office_connector_core::error::UserFacing;
    let reason = error
        .to_ui(office_connector_core::i18n::Language::En)
        .message;
    let runs = lena
        .ms
        .session
        .list_runs(&RunFilter::default())
        .expect("runs");
    assert_eq!(runs.len(), 1, "{runs:?}");
    assert_eq!(
        runs[0].outcome,
        Some(office_connector_core::model::Outcome::Failed)
    );
    assert_eq!(runs[0].trigger, office_connector_core::model::Trigger::Cli);
    assert_eq!(runs[0].error.as_deref(), Some(reason.as_str()), "{runs:?}");
}

#[tokio::test]
async fn a_colleague_on_cc_is_no_unassigned_address_and_a_mail_only_to_colleagues_waits_for_nobody()
{
    let odoo = odoo().await;
    let lena = MailUser::connect(it::graph::GraphFixture::demo().await, &odoo, LENA).await;
    let mut to_customer = mail(
        "Angebot mit Kollegen",
        LENA,
        &[MUELLER],
        "<cc-colleague-1@yourcompany.example.com>",
    );
    to_customer["cc"] = json!([{"name": "Jonas Weiß", "address": JONAS}]);
    lena.put(OUT, to_customer).await;
    lena.put(
        OUT,
        mail(
            "Nur intern",
            LENA,
            &[JONAS],
            "<cc-colleague-2@yourcompany.example.com>",
        ),
    )
    .await;

    let run = lena.sync(false).await;

    let outcome_of = |subject: &str| {
        run.report
            .mails
            .iter()
            .find(|m| m.subject == subject)
            .unwrap_or_else(|| panic!("{subject} reported: {run:?}"))
    };
    assert_eq!(
        outcome_of("Angebot mit Kollegen").outcome,
        ItemOutcome::Filed
    );
    let internal = outcome_of("Nur intern");
    assert_eq!(internal.outcome, ItemOutcome::Skipped, "{internal:?}");
    assert_eq!(
        internal.detail.as_deref(),
        Some("Only colleagues are on it, so it is filed nowhere.")
    );
    assert_eq!(run.outcome, Outcome::Success, "exit 0: {run:?}");
    assert!(
        lena.ms
            .session
            .mail_decisions()
            .expect("decisions")
            .is_empty(),
        "no decision, no new contact offered for a colleague"
    );
    let customer = partner(&odoo, MUELLER).await;
    let filed = entries(&odoo, customer, "<cc-colleague-1@yourcompany.example.com>").await;
    assert_eq!(filed.len(), 1, "{filed:?}");
    let again = lena.sync(false).await;
    assert_eq!(
        again.outcome,
        Outcome::Success,
        "and on every run after: {again:?}"
    );
}
