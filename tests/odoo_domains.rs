//! Search domains of the fake Odoo: every operator, prefix nesting, dotted paths, archived
//! records and the exact errors of a real Odoo 17 (FACTS 8, 17, 40).

// NOTE: a test panics to report a failure; unwrapping the fake's answers is the point.
#![allow(clippy::unwrap_used)]

use it::fakes_odoo::FakeOdoo;
use office_connector_fakes::odoo::{OdooVersion, Seed};
use serde_json::{Value, json};

async fn demo() -> (FakeOdoo, office_connector_fakes::odoo::SeedUser) {
    let fake = FakeOdoo::start(Seed::Demo, OdooVersion::V17).await;
    let admin = fake.user("admin");
    (fake, admin)
}

async fn names(
    fake: &FakeOdoo,
    user: &office_connector_fakes::odoo::SeedUser,
    domain: Value,
) -> Vec<String> {
    let rows = fake
        .ok(
            user,
            "res.partner",
            "search_read",
            json!([domain]),
            json!({"fields": ["name"]}),
        )
        .await;
    let mut names: Vec<String> = rows
        .as_array()
        .expect("list")
        .iter()
        .map(|r| r["name"].as_str().unwrap_or_default().to_string())
        .collect();
    names.sort();
    names
}

async fn id_of(fake: &FakeOdoo, user: &office_connector_fakes::odoo::SeedUser, name: &str) -> i64 {
    let ids = fake
        .ok(
            user,
            "res.partner",
            "search",
            json!([[["name", "=", name]]]),
            json!({}),
        )
        .await;
    ids[0].as_i64().expect("partner exists")
}

#[tokio::test]
async fn equality_operators_compare_exactly_and_false_means_unset() {
    let (fake, admin) = demo().await;
    assert_eq!(
        names(&fake, &admin, json!([["name", "=", "Anna Müller"]])).await,
        ["Anna Müller"]
    );
    assert!(
        names(&fake, &admin, json!([["name", "=", "anna müller"]]))
            .await
            .is_empty(),
        "= is case-sensitive"
    );
    let without_email = names(&fake, &admin, json!([["email", "=", false]])).await;
    assert_eq!(
        without_email,
        ["Ömer Yılmaz"],
        "exactly one demo partner has no e-mail"
    );
    let with_email = names(&fake, &admin, json!([["email", "!=", false]])).await;
    assert!(!with_email.contains(&"Ömer Yılmaz".to_string()));
    let not_anna = names(&fake, &admin, json!([["name", "!=", "Anna Müller"]])).await;
    assert!(!not_anna.contains(&"Anna Müller".to_string()) && not_anna.len() > 40);
}

#[tokio::test]
async fn in_and_not_in_take_lists_and_match_ids() {
    let (fake, admin) = demo().await;
    let anna = id_of(&fake, &admin, "Anna Müller").await;
    let ole = id_of(&fake, &admin, "Ole Hansen").await;
    assert_eq!(
        names(&fake, &admin, json!([["id", "in", [anna, ole]]])).await,
        ["Anna Müller", "Ole Hansen"]
    );
    let rest = names(&fake, &admin, json!([["id", "not in", [anna, ole]]])).await;
    assert!(
        !rest.contains(&"Anna Müller".to_string()) && !rest.contains(&"Ole Hansen".to_string())
    );
    assert_eq!(
        names(
            &fake,
            &admin,
            json!([
                ["city", "in", ["Zürich", "Linz"]],
                ["is_company", "=", true]
            ])
        )
        .await,
        ["Donau Maschinenbau GmbH", "Zürcher Treuhand AG"]
    );
}

#[tokio::test]
async fn eq_ilike_is_a_case_insensitive_pattern_with_percent_and_underscore_wildcards() {
    let (fake, admin) = demo().await;
    // two people share one address; =ilike finds both whatever the case
    assert_eq!(
        names(
            &fake,
            &admin,
            json!([["email", "=ilike", "INFO@Schroeder-Design.example"]])
        )
        .await,
        ["Eva Schröder", "Paul Schröder", "Schröder Design Studio"]
    );
    // `_` matches any one character, so it is not a literal underscore
    assert_eq!(
        names(
            &fake,
            &admin,
            json!([["email", "=ilike", "info@schroeder_design.example"]])
        )
        .await
        .len(),
        3
    );
    let nordwind = names(
        &fake,
        &admin,
        json!([["email", "=ilike", "%@nordwind-logistik.example"]]),
    )
    .await;
    assert_eq!(
        nordwind.len(),
        4,
        "the company and its three people: {nordwind:?}"
    );
    assert!(
        names(&fake, &admin, json!([["email", "=ilike", "nordwind"]]))
            .await
            .is_empty(),
        "=ilike is anchored"
    );
}

#[tokio::test]
async fn like_is_case_sensitive_and_ilike_is_not_and_both_are_substring_matches() {
    let (fake, admin) = demo().await;
    let like = names(&fake, &admin, json!([["name", "like", "Müller"]])).await;
    assert_eq!(
        like,
        ["Anna Müller", "Jürgen Müller", "Müller & Söhne GmbH"]
    );
    assert!(
        names(&fake, &admin, json!([["name", "like", "müller"]]))
            .await
            .is_empty()
    );
    assert_eq!(
        names(&fake, &admin, json!([["name", "ilike", "müller"]])).await,
        like
    );
    assert_eq!(
        names(&fake, &admin, json!([["name", "=like", "Anna%"]])).await,
        ["Anna Müller"]
    );
    assert!(
        names(&fake, &admin, json!([["name", "not ilike", "müller"]]))
            .await
            .iter()
            .all(|n| !n.contains("Müller"))
    );
}

#[tokio::test]
async fn comparisons_order_numbers_and_timestamps() {
    let (fake, admin) = demo().await;
    let anna = id_of(&fake, &admin, "Anna Müller").await;
    let below = fake
        .ok(
            &admin,
            "res.partner",
            "search",
            json!([[["id", "<", anna]]]),
            json!({"context": {"active_test": false}}),
        )
        .await;
    let at_most = fake
        .ok(
            &admin,
            "res.partner",
            "search",
            json!([[["id", "<=", anna]]]),
            json!({"context": {"active_test": false}}),
        )
        .await;
    assert_eq!(
        at_most.as_array().unwrap().len(),
        below.as_array().unwrap().len() + 1
    );
    assert!(
        below
            .as_array()
            .unwrap()
            .iter()
            .all(|i| i.as_i64().unwrap() < anna)
    );
    let above = fake
        .ok(
            &admin,
            "res.partner",
            "search",
            json!([[["id", ">", anna]]]),
            json!({}),
        )
        .await;
    let from = fake
        .ok(
            &admin,
            "res.partner",
            "search",
            json!([[["id", ">=", anna]]]),
            json!({}),
        )
        .await;
    assert_eq!(
        from.as_array().unwrap().len(),
        above.as_array().unwrap().len() + 1
    );
    let leads = fake
        .ok(
            &admin,
            "crm.lead",
            "search_count",
            json!([[["probability", "<", 100]]]),
            json!({}),
        )
        .await;
    assert_eq!(leads, 1);
    let none = fake
        .ok(
            &admin,
            "crm.lead",
            "search_count",
            json!([[["probability", ">", 40]]]),
            json!({}),
        )
        .await;
    assert_eq!(none, 0, "40.0 is not > 40");
    // a date-only value compares against datetimes (transcript 183)
    let changed = fake
        .ok(
            &admin,
            "res.partner",
            "search_count",
            json!([[["write_date", ">", "2000-01-01"]]]),
            json!({}),
        )
        .await;
    assert!(changed.as_i64().unwrap() > 40);
}

#[tokio::test]
async fn child_of_follows_parent_companies() {
    let (fake, admin) = demo().await;
    let nordwind = id_of(&fake, &admin, "Nordwind Logistik AG").await;
    let family = names(&fake, &admin, json!([["id", "child_of", [nordwind]]])).await;
    assert_eq!(
        family,
        [
            "Finn Lüders",
            "Maren Jürgensen",
            "Nordwind Logistik AG",
            "Sönke Petersen"
        ]
    );
    // open opportunities of a customer (transcript 186)
    let leads = fake
        .ok(
            &admin,
            "crm.lead",
            "search_read",
            json!([[
                ["partner_id", "child_of", [nordwind]],
                ["type", "=", "opportunity"],
                ["probability", "<", 100]
            ]]),
            json!({"fields": ["name", "partner_id"]}),
        )
        .await;
    assert_eq!(leads[0]["name"], "Fuhrpark-Software 2027");
    assert_eq!(leads[0]["partner_id"][1], "Nordwind Logistik AG");
}

#[tokio::test]
async fn prefix_operators_nest_and_a_plain_list_is_an_implicit_and() {
    let (fake, admin) = demo().await;
    let or = names(
        &fake,
        &admin,
        json!([
            "|",
            ["name", "=", "Anna Müller"],
            ["name", "=", "Ole Hansen"]
        ]),
    )
    .await;
    assert_eq!(or, ["Anna Müller", "Ole Hansen"]);
    let and = names(
        &fake,
        &admin,
        json!([["city", "=", "Bremen"], ["is_company", "=", false]]),
    )
    .await;
    assert_eq!(and, ["Ida Hansen", "Ole Hansen"]);
    let explicit_and = names(
        &fake,
        &admin,
        json!(["&", ["city", "=", "Bremen"], ["is_company", "=", false]]),
    )
    .await;
    assert_eq!(explicit_and, and);
    let not = names(
        &fake,
        &admin,
        json!([["city", "=", "Bremen"], "!", ["name", "=", "Ole Hansen"]]),
    )
    .await;
    assert_eq!(not, ["Hansen Elektrotechnik", "Ida Hansen"]);
    // '|' A '&' B C  ==  A or (B and C)
    let nested = names(
        &fake,
        &admin,
        json!([
            "|",
            ["name", "=", "Beat Meier"],
            "&",
            ["city", "=", "Bremen"],
            "!",
            ["is_company", "=", true]
        ]),
    )
    .await;
    assert_eq!(nested, ["Beat Meier", "Ida Hansen", "Ole Hansen"]);
    // '!' '|' A B  ==  neither A nor B
    let neither = names(
        &fake,
        &admin,
        json!([
            ["city", "=", "Bremen"],
            "!",
            "|",
            ["name", "=", "Ole Hansen"],
            ["name", "=", "Ida Hansen"]
        ]),
    )
    .await;
    assert_eq!(neither, ["Hansen Elektrotechnik"]);
}

#[tokio::test]
async fn dotted_paths_follow_many2one_fields() {
    let (fake, admin) = demo().await;
    let austrians = names(&fake, &admin, json!([["country_id.code", "=", "AT"]])).await;
    assert_eq!(austrians.len(), 4, "{austrians:?}");
    let berliners = names(
        &fake,
        &admin,
        json!([["parent_id.name", "ilike", "schröder"]]),
    )
    .await;
    assert_eq!(berliners, ["Eva Schröder", "Paul Schröder", "Ömer Yılmaz"]);
}

#[tokio::test]
async fn archived_partners_are_hidden_unless_active_test_is_false() {
    let (fake, admin) = demo().await;
    assert!(
        names(&fake, &admin, json!([["name", "ilike", "Altkunde"]]))
            .await
            .is_empty()
    );
    let rows = fake
        .ok(
            &admin,
            "res.partner",
            "search_read",
            json!([[["name", "ilike", "Altkunde"]]]),
            json!({"fields": ["name", "active"], "context": {"active_test": false}}),
        )
        .await;
    assert_eq!(rows[0]["active"], false);
    let explicit = names(
        &fake,
        &admin,
        json!([
            ["name", "ilike", "Altkunde"],
            ["active", "in", [true, false]]
        ]),
    )
    .await;
    assert_eq!(
        explicit,
        ["Altkunde Archiv GmbH"],
        "naming `active` in the domain lifts the implicit filter"
    );
}

#[tokio::test]
async fn unknown_fields_and_operators_fail_with_odoos_messages() {
    let (fake, admin) = demo().await;
    let (name, message) = fake
        .err(
            &admin,
            "res.partner",
            "search",
            json!([[["no_such_field", "=", 1]]]),
            json!({}),
        )
        .await;
    assert_eq!(name, "builtins.ValueError");
    assert_eq!(
        message,
        "Invalid field res.partner.no_such_field in leaf ('no_such_field', '=', 1)"
    );
    let (_, message) = fake
        .err(
            &admin,
            "res.partner",
            "search",
            json!([[["name", "~~", "x"]]]),
            json!({}),
        )
        .await;
    assert_eq!(message, "Invalid leaf ('name', '~~', 'x')");
    let (_, message) = fake
        .err(
            &admin,
            "res.partner",
            "search_read",
            json!([[["country_id.no_code", "=", "DE"]]]),
            json!({"fields": ["name"]}),
        )
        .await;
    assert_eq!(
        message,
        "Invalid field res.country.no_code in leaf ('country_id.no_code', '=', 'DE')"
    );
}
