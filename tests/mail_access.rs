//! "Check before the first mutation" (STYLE.md) for the mail transfer (issue 6 §5, FACTS 20): a
//! plain internal user may read contacts but not write their chatter; Odoo refuses the filing,
//! the mail stays in the transfer folder, nothing half-filed is left in Odoo, and the person is
//! told in their language what to do.

use it::mail::{IN, LENA, MailUser, entries, mail, odoo, partner, take_odoo_counts};
use office_connector_core::model::{ItemOutcome, Outcome};
use serde_json::json;

const MUELLER: &str = "juergen.mueller@mueller-soehne.example";

#[tokio::test]
async fn a_user_without_write_access_keeps_the_mails_is_asked_once_per_contact_and_told_in_german()
{
    let odoo = odoo().await;
    let admin = odoo.user("admin");
    // base.group_user only: reads contacts, may not write them
    odoo.ok(
        &admin,
        "res.users",
        "create",
        json!([{"name": "Ina Intern", "login": "ina", "password": "ina-pw-123", "groups_id": [1]}]),
        json!({}),
    )
    .await;
    let attachments_before = odoo
        .ok(
            &admin,
            "ir.attachment",
            "search_count",
            json!([[]]),
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
    lena.ms
        .session
        .set_setting("general.language", "de")
        .expect("language");
    let mut m = mail(
        "Gesperrt",
        MUELLER,
        &[LENA],
        "<locked@mueller-soehne.example>",
    );
    m["attachments"] = json!([{"name": "angebot.txt", "content_type": "text/plain",
                               "content_base64": "YW5nZWJvdA=="}]);
    lena.put(IN, m).await;
    lena.put(
        IN,
        mail(
            "Auch gesperrt",
            MUELLER,
            &[LENA],
            "<locked-2@mueller-soehne.example>",
        ),
    )
    .await;

    for _ in 0..2 {
        take_odoo_counts(&odoo).await;
        let run = lena.sync(false).await;
        let counts = take_odoo_counts(&odoo).await;
        assert_eq!(
            counts["counts"]["res.partner.message_post"], 1,
            "a contact that refused once is not asked again in the same run: {counts}"
        );
        for mail in &run.report.mails {
            assert_eq!(mail.outcome, ItemOutcome::Failed, "{run:?}");
        }
        assert_eq!(run.report.mails.len(), 2, "{run:?}");
        assert_eq!(
            run.outcome,
            Outcome::NeedsAttention,
            "a rerun alone will not help"
        );
        let p = partner(&odoo, MUELLER).await;
        assert!(
            run.report.needs_attention.iter().any(|n| n
                .contains(&format!("Odoo-Kontakt {p} nicht bearbeiten"))
                && n.contains("Odoo-Administrator")),
            "{:?}",
            run.report.needs_attention
        );
        assert_eq!(
            lena.subjects_in(IN).await,
            vec!["Auch gesperrt", "Gesperrt"],
            "the mails stay"
        );
        assert!(
            entries(&odoo, p, "<locked@mueller-soehne.example>")
                .await
                .is_empty()
        );
    }
    assert_eq!(
        odoo.ok(
            &admin,
            "ir.attachment",
            "search_count",
            json!([[]]),
            json!({})
        )
        .await,
        attachments_before,
        "no attachment is left behind in Odoo"
    );
    assert!(odoo.outbox().await.is_empty());
}
