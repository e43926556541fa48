//! Bad input for the contacts job over HTTP against both fakes (issue 16, "Bad input"): each
//! contact of unusual shape is exported or left out with a clear line in the run log, and none
//! stops the run; the person's own Outlook contact of the same name is never touched.

use base64::Engine as _;
use it::calendar_job::{CalendarUser, graph};
use it::contacts::{admin_writes, exported_named, follow, later, line, partner_named, raw, sync};
use it::mail::{LENA, odoo};
use office_connector_core::model::{ItemOutcome, Outcome};
use serde_json::{Value, json};

fn addresses(contact: &Value) -> Vec<&str> {
    contact["fields"]["emailAddresses"]
        .as_array()
        .map(|a| a.iter().filter_map(|e| e["address"].as_str()).collect())
        .unwrap_or_default()
}

#[tokio::test]
async fn contacts_of_unusual_shape_are_exported_each_with_its_line() {
    let (fx, odoo) = (graph().await, odoo().await);
    let lena = CalendarUser::connect(&fx, &odoo, LENA).await;
    let cafe = partner_named(&odoo, "Café Sonnenschein ☀️").await;
    let noa = partner_named(&odoo, "נועה בן-דוד").await;
    follow(&odoo, LENA, &[cafe, noa]).await;
    let own_maren = exported_named(&fx, LENA, "Maren").await;
    assert!(own_maren.is_empty(), "Lena's own Maren carries no identity");
    let before = raw(&fx, LENA).await;

    let run = sync(&lena).await;

    assert_eq!(run.outcome, Outcome::Success, "{}", run.summary);
    // a company only: a company name and no person's name
    let company = &exported_named(&fx, LENA, "Café Sonnenschein").await[0];
    assert_eq!(company["fields"]["displayName"], "Café Sonnenschein ☀️");
    assert_eq!(company["fields"]["companyName"], "Café Sonnenschein ☀️");
    assert_eq!(company["fields"]["givenName"], Value::Null);
    assert_eq!(company["fields"]["surname"], Value::Null);
    assert_eq!(line(&run, cafe).outcome, ItemOutcome::Created);
    // right-to-left names arrive whole
    for name in ["يوسف الحداد", "נועה בן-דוד"] {
        let found = exported_named(&fx, LENA, name).await;
        assert_eq!(found.len(), 1, "{name}");
        assert_eq!(found[0]["fields"]["displayName"], name);
    }
    // three addresses in Odoo's field: all three in Outlook, no complaint
    let lindqvist = partner_named(&odoo, "Büro Lindqvist").await;
    let three = &exported_named(&fx, LENA, "Büro Lindqvist").await[0];
    assert_eq!(
        addresses(three),
        [
            "anna@lindqvist.example",
            "buero@lindqvist.example",
            "rechnung@lindqvist.example"
        ]
    );
    assert_eq!(line(&run, lindqvist).verdict, "Created in Outlook.");
    // a phone with letters is copied as it is, and said
    let brandt = partner_named(&odoo, "Blumen Brandt").await;
    let vanity = &exported_named(&fx, LENA, "Blumen Brandt").await[0];
    assert_eq!(vanity["fields"]["businessPhones"], json!(["0800 BLUMEN 1"]));
    assert!(
        line(&run, brandt)
            .verdict
            .contains("0800 BLUMEN 1 has letters"),
        "{:?}",
        line(&run, brandt)
    );
    // an address without a country
    let kim = partner_named(&odoo, "Kim Lee").await;
    assert!(line(&run, kim).verdict.contains("no country"));
    let address = &exported_named(&fx, LENA, "Kim Lee").await[0]["fields"]["businessAddress"];
    assert_eq!(address["city"], "Berlin");
    assert!(line(&run, noa).verdict.contains("no country"));
    // her own Outlook contact of the same name as an exported one is never touched
    let marens: Vec<Value> = raw(&fx, LENA)
        .await
        .into_iter()
        .filter(|c| c["fields"]["displayName"] == "Maren Jürgensen")
        .collect();
    assert_eq!(marens.len(), 2, "hers and the connector's: {marens:#?}");
    for contact in &before {
        let now = raw(&fx, LENA)
            .await
            .into_iter()
            .find(|c| c["id"] == contact["id"])
            .expect("still there");
        assert_eq!(now["change_key"], contact["change_key"]);
    }
}

#[tokio::test]
async fn a_fourth_address_in_odoo_is_left_out_with_a_line_not_refused_by_outlook() {
    let (fx, odoo) = (graph().await, odoo().await);
    let lena = CalendarUser::connect(&fx, &odoo, LENA).await;
    sync(&lena).await;
    let lindqvist = partner_named(&odoo, "Büro Lindqvist").await;
    later(&odoo).await;
    admin_writes(&odoo, lindqvist, json!({"email": "lager@lindqvist.example, anna@lindqvist.example, buero@lindqvist.example; rechnung@lindqvist.example"})).await;

    let run = sync(&lena).await;

    assert_eq!(run.outcome, Outcome::Success, "{}", run.summary);
    let said = line(&run, lindqvist);
    assert_eq!(said.outcome, ItemOutcome::Updated);
    assert!(
        said.verdict.contains("the first three of 4 were taken"),
        "{said:?}"
    );
    let now = &exported_named(&fx, LENA, "Büro Lindqvist").await[0];
    assert_eq!(
        addresses(now),
        [
            "lager@lindqvist.example",
            "anna@lindqvist.example",
            "buero@lindqvist.example"
        ]
    );
}

#[tokio::test]
async fn a_contact_without_address_waits_for_the_option_and_then_arrives() {
    let (fx, odoo) = (graph().await, odoo().await);
    let lena = CalendarUser::connect(&fx, &odoo, LENA).await;
    let omer = partner_named(&odoo, "Ömer Yılmaz").await;
    let first = sync(&lena).await;
    let left_out = line(&first, omer);
    assert_eq!(left_out.outcome, ItemOutcome::Skipped);
    assert!(
        left_out.verdict.contains("no e-mail address"),
        "{}",
        left_out.verdict
    );
    assert!(exported_named(&fx, LENA, "Ömer").await.is_empty());
    let again = sync(&lena).await;
    assert!(
        again.report.contacts.iter().all(|c| c.partner != omer),
        "said once, not on every run: {again:#?}"
    );

    lena.ms
        .session
        .set_setting("contacts.only_with_email", "false")
        .expect("setting");
    let run = sync(&lena).await;

    assert_eq!(line(&run, omer).outcome, ItemOutcome::Created);
    let found = exported_named(&fx, LENA, "Ömer").await;
    assert_eq!(found.len(), 1);
    assert!(addresses(&found[0]).is_empty());
}

/// A PNG of `width`×`height` whose pixels are noise (so it barely compresses): about
/// `width * height * 3` bytes.
fn noisy_png(width: u32, height: u32) -> Vec<u8> {
    let mut bytes = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut bytes, width, height);
        encoder.set_color(png::ColorType::Rgb);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder.write_header().expect("header");
        let mut state: u32 = 0x9E37_79B9;
        let pixels: Vec<u8> = (0..width * height * 3)
            .map(|_| {
                // xorshift: noise without a dependency
                state ^= state << 13;
                state ^= state >> 17;
                state ^= state << 5;
                state.to_le_bytes()[0]
            })
            .collect();
        writer.write_image_data(&pixels).expect("pixels");
    }
    bytes
}

#[tokio::test]
async fn a_ten_megabyte_photo_in_odoo_arrives_as_odoo_resized_it() {
    let (fx, odoo) = (graph().await, odoo().await);
    let lena = CalendarUser::connect(&fx, &odoo, LENA).await;
    sync(&lena).await;
    let finn = partner_named(&odoo, "Finn Lüders").await;
    let huge = noisy_png(1900, 1800);
    assert!(huge.len() > 10_000_000, "{}", huge.len());
    let encoded = base64::engine::general_purpose::STANDARD.encode(&huge);
    later(&odoo).await;
    admin_writes(&odoo, finn, json!({"image_1920": encoded})).await;

    let run = sync(&lena).await;

    assert_eq!(run.outcome, Outcome::Success, "{run:#?}");
    let photo = &exported_named(&fx, LENA, "Finn Lüders").await[0]["photo"];
    assert!(photo.is_object(), "{photo}");
    assert!(photo["width"].as_u64().is_some_and(|w| w <= 512), "{photo}");
    assert!(
        photo["size"].as_u64().is_some_and(|s| s < 4 * 1024 * 1024),
        "{photo}"
    );
    assert!(sync(&lena).await.report.contacts.is_empty());
}
