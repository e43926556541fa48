//! Contacts through the fake Graph, as a client sees them over HTTP (reqwest, not the product
//! client): the default folder and child folders, every contact property, Outlook's limits, the
//! displayName rule, change keys and conflicts, extended properties, per-folder delta, photos,
//! `$batch`, the person acting in Outlook, and the demo contacts. The fake's clock is fixed;
//! nothing depends on the machine's date.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use it::calendar::fixture_at;
use it::contacts::{
    LINK_ID, NOW, create, folder, jpeg, outlook_add, patch, person, png, raw, values,
};
use it::graph::{GraphFixture, Reply};
use office_connector_fakes::graph::GraphSeed;
use office_connector_fakes::odoo::{OdooState, OdooVersion, Seed};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

const ANNA: &str = "anna.kontakt@yourcompany.example.com";
const LENA: &str = "lena.schaefer@yourcompany.example.com";
const JONAS: &str = "jonas.weiss@yourcompany.example.com";

fn expand(id: &str) -> String {
    format!("$expand=singleValueExtendedProperties($filter=id eq '{id}')")
}

fn link_filter(value: &str) -> String {
    format!(
        "$filter=singleValueExtendedProperties/Any(ep: ep/id eq '{LINK_ID}' and ep/value eq '{value}')"
    )
}

fn error_code(reply: &Reply) -> &str {
    reply.body["error"]["code"].as_str().unwrap_or_default()
}

async fn put_photo(
    fx: &GraphFixture,
    token: &str,
    path: &str,
    content_type: &str,
    bytes: Vec<u8>,
) -> Reply {
    let response = fx
        .http
        .put(fx.graph(path))
        .bearer_auth(token)
        .header("Content-Type", content_type)
        .body(bytes)
        .send()
        .await
        .expect("photo put");
    it::graph::to_reply(response).await
}

#[tokio::test]
async fn the_default_folder_is_not_listed_and_its_id_is_the_parent_of_contacts_and_folders() {
    let (fx, token) = person(ANNA, "Anna Kontakt").await;
    let listed = fx.get(&token, &fx.graph("/me/contactFolders"), &[]).await;
    assert_eq!(listed.status, StatusCode::OK, "{}", listed.body);
    assert!(
        values(&listed).is_empty(),
        "the default folder is not listed"
    );
    let contact = create(&fx, &token, "/me/contacts", json!({"givenName": "Eva"})).await;
    let default = contact["parentFolderId"]
        .as_str()
        .expect("parent")
        .to_string();
    let odoo = create(
        &fx,
        &token,
        "/me/contactFolders",
        json!({"displayName": "Odoo"}),
    )
    .await;
    assert_eq!(odoo["parentFolderId"], default.as_str());
    let odoo_id = odoo["id"].as_str().expect("id");
    let listed = fx.get(&token, &fx.graph("/me/contactFolders"), &[]).await;
    assert_eq!(
        values(&listed),
        vec![json!({"id": odoo_id, "displayName": "Odoo", "parentFolderId": default})]
    );
    let again = fx
        .send(
            &token,
            Method::POST,
            &fx.graph("/me/contactFolders"),
            Some(json!({"displayName": "odoo"})),
            &[],
        )
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    assert_eq!(error_code(&again), "ErrorFolderExists");
    let own = fx
        .get(
            &token,
            &fx.graph(&format!("/me/contactFolders/{default}")),
            &[],
        )
        .await;
    assert_eq!(own.body["displayName"], "Contacts");
    let child = create(
        &fx,
        &token,
        &format!("/me/contactFolders/{odoo_id}/childFolders"),
        json!({"displayName": "Archiv"}),
    )
    .await;
    assert_eq!(child["parentFolderId"], odoo_id);
    let children = fx
        .get(
            &token,
            &fx.graph(&format!("/me/contactFolders/{odoo_id}/childFolders")),
            &[],
        )
        .await;
    assert_eq!(values(&children).len(), 1);
    let by_name = fx
        .get(
            &token,
            &fx.graph("/me/contactFolders?$filter=displayName eq 'ODOO'"),
            &[],
        )
        .await;
    assert_eq!(values(&by_name).len(), 1, "{}", by_name.body);
    let empty = fx.get(&token, &fx.graph("/me/contactFolders"), &[]).await;
    assert_eq!(
        values(&empty).len(),
        1,
        "child folders stay below their parent"
    );
    let no_name = fx
        .send(
            &token,
            Method::POST,
            &fx.graph("/me/contactFolders"),
            Some(json!({"displayName": ""})),
            &[],
        )
        .await;
    assert_eq!(no_name.status, StatusCode::BAD_REQUEST);
    let default_contacts = fx.get(&token, &fx.graph("/me/contacts"), &[]).await;
    assert_eq!(values(&default_contacts).len(), 1);
    let in_odoo = fx
        .get(
            &token,
            &fx.graph(&format!("/me/contactFolders/{odoo_id}/contacts")),
            &[],
        )
        .await;
    assert!(values(&in_odoo).is_empty());
}

fn full_contact() -> Value {
    json!({
        "givenName": "Jürgen", "middleName": "K.", "surname": "Müller", "displayName": "Jürgen Müller",
        "title": "Dr.", "initials": "J.K.M.", "nickName": "Jü", "generation": "Jr.",
        "fileAs": "Müller, Jürgen", "jobTitle": "Geschäftsführer", "companyName": "Müller & Söhne GmbH",
        "department": "Leitung", "officeLocation": "Köln", "profession": "Kaufmann", "manager": "Anna Müller",
        "assistantName": "Björn Köhler", "yomiGivenName": "", "yomiSurname": "", "yomiCompanyName": "",
        "emailAddresses": [
            {"name": "Jürgen Müller", "address": "juergen.mueller@mueller-soehne.example"},
            {"address": "jm@mail.example"},
        ],
        "businessPhones": ["+49 221 555 0142", "+49 221 555 0143"], "homePhones": ["+49 221 555 0144"],
        "mobilePhone": "+49 171 555 0142", "imAddresses": ["sip:jm@mueller-soehne.example"],
        "businessAddress": {"street": "Domstraße 12", "city": "Köln", "state": "NRW", "postalCode": "50667", "countryOrRegion": "Deutschland"},
        "homeAddress": {"city": "Bonn"},
        "businessHomePage": "https://www.mueller-soehne.example", "personalNotes": "Bevorzugt Anrufe vormittags",
        "birthday": "1968-03-14T00:00:00Z", "spouseName": "Anna", "children": ["Paul", "Lea"],
        "categories": ["Kunde", "Odoo"],
    })
}

#[tokio::test]
async fn every_contact_property_round_trips_and_lists_page_by_top_and_skip() {
    let (fx, token) = person(ANNA, "Anna Kontakt").await;
    let odoo = folder(&fx, &token, "Odoo").await;
    let sent = full_contact();
    let made = create(
        &fx,
        &token,
        &format!("/me/contactFolders/{odoo}/contacts"),
        sent.clone(),
    )
    .await;
    let id = made["id"].as_str().expect("id");
    let got = fx
        .get(&token, &fx.graph(&format!("/me/contacts/{id}")), &[])
        .await;
    assert_eq!(got.status, StatusCode::OK, "{}", got.body);
    for (key, value) in sent.as_object().expect("object") {
        if key == "emailAddresses" {
            continue;
        }
        assert_eq!(&got.body[key], value, "{key}");
    }
    assert_eq!(
        got.body["emailAddresses"][1],
        json!({"name": "jm@mail.example", "address": "jm@mail.example"}),
        "a missing name is the address"
    );
    assert_eq!(got.body["parentFolderId"], odoo.as_str());
    assert_eq!(
        got.body["createdDateTime"],
        got.body["lastModifiedDateTime"]
    );
    assert!(
        got.body["createdDateTime"]
            .as_str()
            .is_some_and(|t| t.starts_with("2026-05-04T08:")),
        "fixed clock"
    );
    let bare = create(&fx, &token, "/me/contacts", json!({"givenName": "Eva"})).await;
    assert_eq!(
        (
            bare["surname"].clone(),
            bare["personalNotes"].clone(),
            bare["homeAddress"].clone(),
            bare["businessPhones"].clone()
        ),
        (Value::Null, json!(""), json!({}), json!([]))
    );
    for i in 0..24 {
        create(
            &fx,
            &token,
            "/me/contacts",
            json!({"givenName": format!("Person {i:02}")}),
        )
        .await;
    }
    let first = fx.get(&token, &fx.graph("/me/contacts"), &[]).await;
    assert_eq!(values(&first).len(), 10, "default page size 10");
    let mut next = Some(fx.graph("/me/contacts?$top=10&$select=displayName"));
    let mut names = Vec::new();
    while let Some(url) = next {
        let page = fx.get(&token, &url, &[]).await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        for c in values(&page) {
            let keys: Vec<&String> = c.as_object().expect("object").keys().collect();
            assert_eq!(
                keys,
                ["@odata.etag", "id", "displayName"],
                "$select keeps id and etag"
            );
            names.push(c["displayName"].as_str().unwrap_or_default().to_string());
        }
        next = page.body["@odata.nextLink"].as_str().map(str::to_string);
        assert!(
            next.as_deref().is_none_or(|l| l.contains("%24skip=")),
            "{next:?}"
        );
    }
    assert_eq!(names.len(), 25);
    assert_eq!(names[0], "Eva", "oldest first");
    for bad in [
        "$top=1001",
        "$orderby=displayName",
        "$select=nosuch",
        "$filter=displayName eq 'Eva'",
        "$expand=photo",
    ] {
        let reply = fx
            .get(&token, &fx.graph(&format!("/me/contacts?{bad}")), &[])
            .await;
        assert_eq!(
            reply.status,
            StatusCode::BAD_REQUEST,
            "{bad}: {}",
            reply.body
        );
    }
}

#[tokio::test]
async fn more_addresses_or_phones_than_outlook_keeps_and_unknown_properties_are_refused() {
    let (fx, token) = person(ANNA, "Anna Kontakt").await;
    let four: Vec<Value> = (0..4)
        .map(|i| json!({"address": format!("p{i}@x.example")}))
        .collect();
    let cases = [
        (
            json!({"givenName": "A", "emailAddresses": four}),
            "ErrorInvalidProperty",
        ),
        (
            json!({"businessPhones": ["1", "2", "3"]}),
            "ErrorInvalidProperty",
        ),
        (
            json!({"homePhones": ["1", "2", "3"]}),
            "ErrorInvalidProperty",
        ),
        (json!({"nickname": "x"}), "RequestBodyRead"),
        (
            json!({"id": "AAMkAGI2xxxxxxxxxxxxxxxxxxxxxx"}),
            "ErrorInvalidPropertySet",
        ),
        (json!({"parentFolderId": "x"}), "ErrorInvalidPropertySet"),
        (json!({"categories": null}), "RequestBodyRead"),
        (json!({"givenName": 7}), "RequestBodyRead"),
        (json!({"businessAddress": {"zip": "1"}}), "RequestBodyRead"),
        (json!({"birthday": "14.03.1968"}), "RequestBodyRead"),
    ];
    for (body, code) in &cases {
        let reply = fx
            .send(
                &token,
                Method::POST,
                &fx.graph("/me/contacts"),
                Some(body.clone()),
                &[],
            )
            .await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{body}");
        assert_eq!(error_code(&reply), *code, "{body}: {}", reply.body);
    }
    let four_again: Vec<Value> = (0..4)
        .map(|i| json!({"address": format!("p{i}@x.example")}))
        .collect();
    let reply = fx
        .send(
            &token,
            Method::POST,
            &fx.graph("/me/contacts"),
            Some(json!({"emailAddresses": four_again})),
            &[],
        )
        .await;
    assert_eq!(
        reply.body["error"]["message"],
        "The multi value property EmailAddresses has 4 entries, that exceeds the max allowed value of 3."
    );
    let three: Vec<Value> = (0..3)
        .map(|i| json!({"address": format!("p{i}@x.example")}))
        .collect();
    let made = create(
        &fx,
        &token,
        "/me/contacts",
        json!({"emailAddresses": three, "businessPhones": ["1", "2"]}),
    )
    .await;
    let id = made["id"].as_str().expect("id");
    let five: Vec<Value> = (0..5)
        .map(|i| json!({"address": format!("q{i}@x.example")}))
        .collect();
    let refused = patch(
        &fx,
        &token,
        &format!("/me/contacts/{id}"),
        json!({"emailAddresses": five}),
        &[],
    )
    .await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST);
    let after = fx
        .get(&token, &fx.graph(&format!("/me/contacts/{id}")), &[])
        .await;
    assert_eq!(
        after.body["changeKey"], made["changeKey"],
        "a refused PATCH changes nothing"
    );
    assert_eq!(
        after.body["emailAddresses"].as_array().map(Vec::len),
        Some(3)
    );
    assert_eq!(
        made["displayName"], "p0@x.example",
        "no name parts: the first address"
    );
}

#[tokio::test]
async fn a_patch_without_display_name_regenerates_it_and_collections_are_replaced_whole() {
    let (fx, token) = person(ANNA, "Anna Kontakt").await;
    let made = create(
        &fx,
        &token,
        "/me/contacts",
        json!({
            "givenName": "Jürgen", "surname": "Müller", "displayName": "Müller (Köln)",
            "emailAddresses": [{"address": "a@x.example"}, {"address": "b@x.example"}],
            "businessAddress": {"street": "Domstraße 12", "city": "Köln"},
            "categories": ["Kunde"],
        }),
    )
    .await;
    assert_eq!(
        made["displayName"], "Müller (Köln)",
        "a create keeps the given name"
    );
    let id = made["id"].as_str().expect("id");
    let path = format!("/me/contacts/{id}");
    let forgot = patch(&fx, &token, &path, json!({"jobTitle": "Einkauf"}), &[]).await;
    assert_eq!(forgot.status, StatusCode::OK, "{}", forgot.body);
    assert_eq!(
        forgot.body["displayName"], "Jürgen Müller",
        "a PATCH without displayName regenerates it"
    );
    let kept = patch(
        &fx,
        &token,
        &path,
        json!({"displayName": "Müller (Köln)", "surname": "Müller-Lang"}),
        &[],
    )
    .await;
    assert_eq!(kept.body["displayName"], "Müller (Köln)");
    assert_eq!(kept.body["surname"], "Müller-Lang");
    let whole = patch(
        &fx,
        &token,
        &path,
        json!({
            "displayName": "Müller (Köln)",
            "emailAddresses": [{"address": "c@x.example"}],
            "businessAddress": {"city": "Bonn"},
            "categories": [],
            "jobTitle": null,
        }),
        &[],
    )
    .await;
    assert_eq!(
        whole.body["emailAddresses"],
        json!([{"name": "c@x.example", "address": "c@x.example"}])
    );
    assert_eq!(
        whole.body["businessAddress"],
        json!({"city": "Bonn"}),
        "an address is replaced whole"
    );
    assert_eq!(whole.body["categories"], json!([]));
    assert_eq!(whole.body["jobTitle"], Value::Null, "null clears a text");
    assert_eq!(
        whole.body["givenName"], "Jürgen",
        "what a PATCH leaves out stays"
    );
}

#[tokio::test]
async fn change_keys_move_and_stale_deleted_or_malformed_ids_are_refused() {
    let (fx, token) = person(ANNA, "Anna Kontakt").await;
    let odoo = folder(&fx, &token, "Odoo").await;
    let made = create(
        &fx,
        &token,
        &format!("/me/contactFolders/{odoo}/contacts"),
        json!({"givenName": "Eva", "surname": "Schröder"}),
    )
    .await;
    let id = made["id"].as_str().expect("id").to_string();
    let key = made["changeKey"].as_str().expect("key").to_string();
    assert_eq!(made["@odata.etag"], format!("W/\"{key}\""));
    assert!(key.starts_with("EQAAABYAAAA"), "{key}");
    let path = format!("/me/contacts/{id}");
    let old_etag = format!("W/\"{key}\"");
    let changed = patch(
        &fx,
        &token,
        &path,
        json!({"displayName": "Eva Schröder", "jobTitle": "Inhaberin"}),
        &[("If-Match", &old_etag)],
    )
    .await;
    assert_eq!(changed.status, StatusCode::OK, "{}", changed.body);
    assert_ne!(
        changed.body["changeKey"],
        key.as_str(),
        "every change moves the change key"
    );
    let stale = patch(
        &fx,
        &token,
        &path,
        json!({"displayName": "Eva Schröder"}),
        &[("If-Match", &old_etag)],
    )
    .await;
    assert_eq!(stale.status, StatusCode::PRECONDITION_FAILED);
    assert_eq!(error_code(&stale), "ErrorIrresolvableConflict");
    let stale_delete = fx
        .send(
            &token,
            Method::DELETE,
            &fx.graph(&path),
            None,
            &[("If-Match", &old_etag)],
        )
        .await;
    assert_eq!(stale_delete.status, StatusCode::PRECONDITION_FAILED);
    let scoped = fx
        .get(
            &token,
            &fx.graph(&format!("/me/contactFolders/{odoo}/contacts/{id}")),
            &[],
        )
        .await;
    assert_eq!(scoped.status, StatusCode::OK);
    let listed = fx.get(&token, &fx.graph("/me/contactFolders"), &[]).await;
    let default = values(&listed)[0]["parentFolderId"]
        .as_str()
        .expect("default")
        .to_string();
    let elsewhere = fx
        .get(
            &token,
            &fx.graph(&format!("/me/contactFolders/{default}/contacts/{id}")),
            &[],
        )
        .await;
    assert_eq!(
        elsewhere.status,
        StatusCode::NOT_FOUND,
        "a folder-scoped read of another folder's contact: {}",
        elsewhere.body
    );
    let immutable = fx
        .get(
            &token,
            &fx.graph(&path),
            &[("Prefer", "IdType=\"ImmutableId\"")],
        )
        .await;
    let immutable_id = immutable.body["id"].as_str().expect("immutable id");
    assert_ne!(immutable_id, id);
    assert_eq!(
        immutable.header("preference-applied"),
        Some("IdType=\"ImmutableId\"")
    );
    assert_eq!(
        fx.get(
            &token,
            &fx.graph(&format!("/me/contacts/{immutable_id}")),
            &[]
        )
        .await
        .status,
        StatusCode::OK
    );
    let deleted = fx
        .send(&token, Method::DELETE, &fx.graph(&path), None, &[])
        .await;
    assert_eq!(deleted.status, StatusCode::NO_CONTENT);
    for reply in [
        fx.get(&token, &fx.graph(&path), &[]).await,
        patch(&fx, &token, &path, json!({"displayName": "x"}), &[]).await,
        fx.send(&token, Method::DELETE, &fx.graph(&path), None, &[])
            .await,
    ] {
        assert_eq!(reply.status, StatusCode::NOT_FOUND);
        assert_eq!(error_code(&reply), "ErrorItemNotFound");
    }
    let malformed = fx
        .get(&token, &fx.graph("/me/contacts/not-an-id"), &[])
        .await;
    assert_eq!(malformed.status, StatusCode::BAD_REQUEST);
    assert_eq!(error_code(&malformed), "ErrorInvalidIdMalformed");
    let no_folder = fx
        .get(
            &token,
            &fx.graph("/me/contactFolders/AAMkAGI2nosuchfolderAAAAAAAAAAAA=/contacts"),
            &[],
        )
        .await;
    assert_eq!(no_folder.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn extended_properties_are_stored_returned_only_when_expanded_and_found_by_filter() {
    let (fx, token) = person(ANNA, "Anna Kontakt").await;
    let odoo = folder(&fx, &token, "Odoo").await;
    let in_odoo = format!("/me/contactFolders/{odoo}/contacts");
    let made = create(
        &fx,
        &token,
        &in_odoo,
        json!({
            "givenName": "Eva", "displayName": "Eva Schröder",
            "singleValueExtendedProperties": [{"id": LINK_ID, "value": "res.partner,42"}],
        }),
    )
    .await;
    assert!(
        made.get("singleValueExtendedProperties").is_none(),
        "not returned unless expanded"
    );
    create(&fx, &token, &in_odoo, json!({"givenName": "Paul"})).await;
    let id = made["id"].as_str().expect("id");
    let plain = fx
        .get(&token, &fx.graph(&format!("/me/contacts/{id}")), &[])
        .await;
    assert!(plain.body.get("singleValueExtendedProperties").is_none());
    let expanded = fx
        .get(
            &token,
            &fx.graph(&format!("/me/contacts/{id}?{}", expand(LINK_ID))),
            &[],
        )
        .await;
    assert_eq!(expanded.status, StatusCode::OK, "{}", expanded.body);
    assert_eq!(
        expanded.body["singleValueExtendedProperties"],
        json!([{"id": LINK_ID, "value": "res.partner,42"}])
    );
    let other = "String {6c1d7a52-3f0e-4c5b-9a8d-2e4f6b7c8d9e} Name Other";
    let none = fx
        .get(
            &token,
            &fx.graph(&format!("/me/contacts/{id}?{}", expand(other))),
            &[],
        )
        .await;
    assert_eq!(none.body["singleValueExtendedProperties"], json!([]));
    let found = fx
        .get(
            &token,
            &fx.graph(&format!("{in_odoo}?{}", link_filter("RES.PARTNER,42"))),
            &[],
        )
        .await;
    assert_eq!(found.status, StatusCode::OK, "{}", found.body);
    assert_eq!(values(&found).len(), 1, "values compare case-insensitively");
    assert!(
        values(&found)[0]
            .get("singleValueExtendedProperties")
            .is_none()
    );
    let with_both = fx
        .get(
            &token,
            &fx.graph(&format!(
                "{in_odoo}?{}&{}&$select=displayName",
                link_filter("res.partner,42"),
                expand(LINK_ID)
            )),
            &[],
        )
        .await;
    assert_eq!(
        values(&with_both)[0]["singleValueExtendedProperties"][0]["value"],
        "res.partner,42"
    );
    assert!(
        values(
            &fx.get(
                &token,
                &fx.graph(&format!("{in_odoo}?{}", link_filter("res.partner,43"))),
                &[]
            )
            .await
        )
        .is_empty()
    );
    let lower_name = LINK_ID.replace("OdooLinkId", "odoolinkid");
    let by_lower = fx
        .get(
            &token,
            &fx.graph(&format!(
                "{in_odoo}?$filter=singleValueExtendedProperties/any(ep:ep/id eq '{lower_name}')"
            )),
            &[],
        )
        .await;
    assert!(values(&by_lower).is_empty(), "the name is case-sensitive");
    let default_only = fx
        .get(
            &token,
            &fx.graph(&format!("/me/contacts?{}", link_filter("res.partner,42"))),
            &[],
        )
        .await;
    assert!(
        values(&default_only).is_empty(),
        "a filter searches the listed folder only"
    );
    let second = patch(&fx, &token, &format!("/me/contacts/{id}"), json!({"displayName": "Eva Schröder", "singleValueExtendedProperties": [{"id": other, "value": "x"}]}), &[]).await;
    assert_eq!(second.status, StatusCode::OK, "{}", second.body);
    let both = fx.get(&token, &fx.graph(&format!("/me/contacts/{id}?$expand=singleValueExtendedProperties($filter=id eq '{LINK_ID}' or id eq '{other}')")), &[]).await;
    assert_eq!(
        both.body["singleValueExtendedProperties"]
            .as_array()
            .map(Vec::len),
        Some(2),
        "a PATCH adds, it does not replace"
    );
    patch(&fx, &token, &format!("/me/contacts/{id}"), json!({"displayName": "Eva Schröder", "singleValueExtendedProperties": [{"id": LINK_ID, "value": "res.partner,7"}]}), &[]).await;
    let raw_contact = raw(&fx, ANNA)
        .await
        .into_iter()
        .find(|c| c["id"] == id)
        .expect("raw");
    assert_eq!(
        raw_contact["extended_properties"],
        json!([{"id": LINK_ID, "value": "res.partner,7"}, {"id": other, "value": "x"}])
    );
    for (body, code) in [
        (
            json!({"singleValueExtendedProperties": [{"id": "OdooLinkId", "value": "1"}]}),
            "ErrorInvalidExtendedProperty",
        ),
        (
            json!({"singleValueExtendedProperties": [{"id": "Integer {6c1d7a52-3f0e-4c5b-9a8d-2e4f6b7c8d9e} Name N", "value": "x"}]}),
            "ErrorInvalidExtendedPropertyValue",
        ),
    ] {
        let reply = fx
            .send(
                &token,
                Method::POST,
                &fx.graph("/me/contacts"),
                Some(body),
                &[],
            )
            .await;
        assert_eq!(
            (reply.status, error_code(&reply)),
            (StatusCode::BAD_REQUEST, code)
        );
    }
    let unfiltered = fx
        .get(
            &token,
            &fx.graph(&format!(
                "/me/contacts/{id}?$expand=singleValueExtendedProperties"
            )),
            &[],
        )
        .await;
    assert_eq!(
        unfiltered.status,
        StatusCode::BAD_REQUEST,
        "Graph cannot return all extended properties at once"
    );
}

async fn round(
    fx: &GraphFixture,
    token: &str,
    first: &str,
    size: usize,
) -> (Vec<Value>, String, usize) {
    let mut url = first.to_string();
    let (mut all, mut pages) = (Vec::new(), 0);
    let prefer = format!("odata.maxpagesize={size}");
    for _ in 0..50 {
        let page = fx.get(token, &url, &[("Prefer", &prefer)]).await;
        assert_eq!(page.status, StatusCode::OK, "delta page: {}", page.body);
        assert_eq!(page.header("preference-applied"), Some(prefer.as_str()));
        pages += 1;
        all.extend(values(&page));
        if let Some(next) = page.body["@odata.nextLink"].as_str() {
            assert!(next.contains("%24skiptoken="), "{next}");
            url = next.to_string();
            continue;
        }
        let delta = page.body["@odata.deltaLink"].as_str().expect("deltaLink");
        assert!(
            delta.contains("/me/contactfolders('") && delta.contains("%24deltatoken="),
            "{delta}"
        );
        return (all, delta.to_string(), pages);
    }
    panic!("the round did not end");
}

fn by_name<'a>(items: &'a [Value], name: &str) -> &'a Value {
    items
        .iter()
        .find(|c| c["givenName"] == name)
        .unwrap_or_else(|| panic!("no {name} in {items:#?}"))
}

#[tokio::test]
async fn folder_delta_reports_changes_in_full_and_removals_for_deleted_and_moved_contacts() {
    let (fx, token) = person(ANNA, "Anna Kontakt").await;
    let odoo = folder(&fx, &token, "Odoo").await;
    let in_odoo = format!("/me/contactFolders/{odoo}/contacts");
    let mut ids = Vec::new();
    for name in ["Eva", "Paul", "Ömer"] {
        ids.push(
            create(&fx, &token, &in_odoo, json!({"givenName": name})).await["id"]
                .as_str()
                .expect("id")
                .to_string(),
        );
    }
    let first = fx.graph(&format!("{in_odoo}/delta"));
    let (items, delta, pages) = round(&fx, &token, &first, 2).await;
    assert_eq!((items.len(), pages), (3, 2));
    assert!(
        items
            .iter()
            .all(|c| c["@odata.type"] == "#microsoft.graph.contact"
                && c["emailAddresses"].is_array()),
        "full contacts"
    );
    let (quiet, delta, _) = round(&fx, &token, &delta, 10).await;
    assert!(quiet.is_empty(), "nothing changed: {quiet:#?}");
    patch(
        &fx,
        &token,
        &format!("/me/contacts/{}", ids[0]),
        json!({"displayName": "Eva S.", "jobTitle": "Inhaberin"}),
        &[],
    )
    .await;
    fx.control_call(
        Method::PATCH,
        &format!("/graph/mailboxes/{ANNA}/contacts/{}", ids[1]),
        Some(json!({"fields": {"mobilePhone": "+49 170 1"}})),
    )
    .await;
    let moved = fx
        .control_call(
            Method::POST,
            &format!("/graph/mailboxes/{ANNA}/contacts/{}/move", ids[2]),
            Some(json!({"folder": ""})),
        )
        .await;
    assert_eq!(moved.status, StatusCode::OK, "{}", moved.body);
    let new_id = moved.body["id"].as_str().expect("new id");
    assert_ne!(new_id, ids[2], "a move gives a new REST id");
    create(&fx, &token, &in_odoo, json!({"givenName": "Zoë"})).await;
    let gone = create(&fx, &token, &in_odoo, json!({"givenName": "Kurz"})).await;
    fx.send(
        &token,
        Method::DELETE,
        &fx.graph(&format!(
            "/me/contacts/{}",
            gone["id"].as_str().expect("id")
        )),
        None,
        &[],
    )
    .await;
    let (changes, delta, _) = round(&fx, &token, &delta, 10).await;
    assert_eq!(by_name(&changes, "Eva")["jobTitle"], "Inhaberin");
    assert_eq!(
        by_name(&changes, "Paul")["mobilePhone"],
        "+49 170 1",
        "an Outlook edit is a change"
    );
    assert!(changes.iter().any(|c| c["givenName"] == "Zoë"));
    let removed: Vec<&str> = changes
        .iter()
        .filter(|c| c.get("@removed").is_some())
        .filter_map(|c| c["id"].as_str())
        .collect();
    assert!(
        removed.contains(&ids[2].as_str()),
        "moved away: {changes:#?}"
    );
    assert!(
        removed.contains(&gone["id"].as_str().expect("id")),
        "deleted"
    );
    for r in changes.iter().filter(|c| c.get("@removed").is_some()) {
        assert_eq!(r["@removed"], json!({"reason": "deleted"}));
        assert_eq!(
            r.as_object().map(|o| o.len()),
            Some(3),
            "only @odata.type, id, @removed: {r}"
        );
    }
    assert!(
        changes.iter().all(|c| c["givenName"] != "Kurz"),
        "created and deleted within the round"
    );
    let default = fx
        .get(&token, &fx.graph("/me/contactFolders"), &[])
        .await
        .body["value"][0]["parentFolderId"]
        .as_str()
        .expect("default")
        .to_string();
    let (arrived, _, _) = round(
        &fx,
        &token,
        &fx.graph(&format!("/me/contactFolders/{default}/contacts/delta")),
        10,
    )
    .await;
    assert_eq!(
        arrived.iter().filter(|c| c["id"] == new_id).count(),
        1,
        "the moved contact is new in its new folder"
    );
    let selected = fx
        .get(
            &token,
            &fx.graph(&format!("{in_odoo}/delta?$select=displayName")),
            &[],
        )
        .await;
    let selected_items = values(&selected);
    let keys: Vec<&String> = selected_items[0]
        .as_object()
        .expect("object")
        .keys()
        .collect();
    assert_eq!(keys, ["@odata.type", "@odata.etag", "id", "displayName"]);
    for refused in [
        "$expand=singleValueExtendedProperties($filter=id eq 'String 0x3A25001F')",
        "$filter=displayName eq 'x'",
        "$top=5",
    ] {
        let reply = fx
            .get(
                &token,
                &fx.graph(&format!("{in_odoo}/delta?{refused}")),
                &[],
            )
            .await;
        assert_eq!(
            (reply.status, error_code(&reply)),
            (StatusCode::BAD_REQUEST, "ErrorInvalidUrlQuery"),
            "{refused}"
        );
    }
    let selected_delta = selected.body["@odata.deltaLink"]
        .as_str()
        .expect("deltaLink")
        .to_string();
    let expired = fx
        .control_post(
            &format!("/graph/mailboxes/{ANNA}/contacts/expire-delta"),
            json!({}),
        )
        .await;
    assert!(expired["expired"].as_u64().is_some_and(|n| n > 0));
    for link in [&delta, &selected_delta] {
        let reply = fx.get(&token, link, &[]).await;
        assert_eq!(
            (reply.status, error_code(&reply)),
            (StatusCode::GONE, "SyncStateNotFound")
        );
        let location = reply.header("location").expect("Location").to_string();
        let fresh = fx.get(&token, &location, &[]).await;
        assert_eq!(fresh.status, StatusCode::OK, "{}", fresh.body);
        if link == &selected_delta {
            assert!(location.contains("%24select=displayName"), "{location}");
        }
    }
}

#[tokio::test]
async fn the_empty_page_fault_opens_contact_rounds_too() {
    let (fx, token) = person(ANNA, "Anna Kontakt").await;
    create(&fx, &token, "/me/contacts", json!({"givenName": "Eva"})).await;
    let default =
        values(&fx.get(&token, &fx.graph("/me/contacts"), &[]).await)[0]["parentFolderId"]
            .as_str()
            .expect("default")
            .to_string();
    fx.control_post(
        &format!("/graph/mailboxes/{ANNA}/empty-delta-pages"),
        json!({"on": true}),
    )
    .await;
    let first = fx
        .get(
            &token,
            &fx.graph(&format!("/me/contactFolders/{default}/contacts/delta")),
            &[],
        )
        .await;
    assert!(values(&first).is_empty());
    let next = first.body["@odata.nextLink"]
        .as_str()
        .expect("an empty page links on");
    let rest = fx.get(&token, next, &[]).await;
    assert_eq!(values(&rest).len(), 1);
    assert!(rest.body["@odata.deltaLink"].is_string());
}

#[tokio::test]
async fn photos_are_stored_returned_and_move_the_change_key() {
    let (fx, token) = person(ANNA, "Anna Kontakt").await;
    let odoo = folder(&fx, &token, "Odoo").await;
    let made = create(
        &fx,
        &token,
        &format!("/me/contactFolders/{odoo}/contacts"),
        json!({"givenName": "Eva"}),
    )
    .await;
    let id = made["id"].as_str().expect("id");
    let value_path = format!("/me/contacts/{id}/photo/$value");
    for path in [value_path.clone(), format!("/me/contacts/{id}/photo")] {
        let none = fx.get(&token, &fx.graph(&path), &[]).await;
        assert_eq!(
            (none.status, error_code(&none)),
            (StatusCode::NOT_FOUND, "ErrorItemNotFound"),
            "{path}"
        );
    }
    let initial = fx
        .get(
            &token,
            &fx.graph(&format!("/me/contactFolders/{odoo}/contacts/delta")),
            &[],
        )
        .await;
    let first = initial.body["@odata.deltaLink"]
        .as_str()
        .expect("deltaLink")
        .to_string();
    let photo = jpeg(96, 64, 2000);
    let put = put_photo(&fx, &token, &value_path, "image/jpeg", photo.clone()).await;
    assert_eq!(put.status, StatusCode::OK, "{}", put.body);
    let bytes = fx
        .http
        .get(fx.graph(&value_path))
        .bearer_auth(&token)
        .send()
        .await
        .expect("get photo");
    assert_eq!(bytes.headers()["content-type"], "image/jpeg");
    assert_eq!(bytes.bytes().await.expect("bytes").to_vec(), photo);
    let meta = fx
        .get(&token, &fx.graph(&format!("/me/contacts/{id}/photo")), &[])
        .await;
    assert_eq!(
        (
            meta.body["width"].clone(),
            meta.body["height"].clone(),
            meta.body["id"].clone()
        ),
        (json!(96), json!(64), json!("96x64"))
    );
    assert_eq!(meta.body["@odata.mediaContentType"], "image/jpeg");
    let after = fx
        .get(&token, &fx.graph(&format!("/me/contacts/{id}")), &[])
        .await;
    assert_ne!(
        after.body["changeKey"], made["changeKey"],
        "a photo moves the change key"
    );
    let changes = fx.get(&token, &first, &[]).await;
    assert_eq!(values(&changes).len(), 1, "delta reports the photo change");
    let patched = fx
        .http
        .patch(fx.graph(&format!(
            "/me/contactFolders/{odoo}/contacts/{id}/photo/$value"
        )))
        .bearer_auth(&token)
        .header("Content-Type", "image/png")
        .body(png(48, 48))
        .send()
        .await
        .expect("patch photo");
    assert_eq!(patched.status(), StatusCode::OK);
    let meta = fx
        .get(
            &token,
            &fx.graph(&format!("/me/contactFolders/{odoo}/contacts/{id}/photo")),
            &[],
        )
        .await;
    assert_eq!(meta.body["@odata.mediaContentType"], "image/png");
    let key = fx
        .get(&token, &fx.graph(&format!("/me/contacts/{id}")), &[])
        .await
        .body["changeKey"]
        .clone();
    let refused = [
        (
            put_photo(
                &fx,
                &token,
                &value_path,
                "image/jpeg",
                b"not an image".to_vec(),
            )
            .await,
            StatusCode::BAD_REQUEST,
        ),
        (
            put_photo(
                &fx,
                &token,
                &value_path,
                "application/octet-stream",
                jpeg(10, 10, 100),
            )
            .await,
            StatusCode::BAD_REQUEST,
        ),
        (
            put_photo(
                &fx,
                &token,
                &value_path,
                "image/jpeg",
                jpeg(10, 10, 4 * 1024 * 1024),
            )
            .await,
            StatusCode::PAYLOAD_TOO_LARGE,
        ),
    ];
    for (reply, status) in &refused {
        assert_eq!(reply.status, *status, "{}", reply.body);
        assert!(reply.body["error"]["code"].is_string());
    }
    assert_eq!(
        refused[2].0.body["error"]["message"],
        "The maximum request length supported is 4MB."
    );
    let just_under = put_photo(
        &fx,
        &token,
        &value_path,
        "image/jpeg",
        jpeg(10, 10, 4 * 1024 * 1024 - 1),
    )
    .await;
    assert_eq!(just_under.status, StatusCode::OK, "{}", just_under.body);
    let raw_photo = raw(&fx, ANNA).await[0]["photo"].clone();
    assert_eq!(raw_photo["size"], 4 * 1024 * 1024 - 1);
    assert!(raw_photo["sha256"].as_str().is_some_and(|h| h.len() == 64));
    assert_ne!(
        fx.get(&token, &fx.graph(&format!("/me/contacts/{id}")), &[])
            .await
            .body["changeKey"],
        key
    );
}

#[tokio::test]
async fn a_batch_creates_patches_and_deletes_contacts_and_sets_a_photo_each_item_throttled_on_its_own()
 {
    let (fx, token) = person(ANNA, "Anna Kontakt").await;
    let odoo = folder(&fx, &token, "Odoo").await;
    let in_odoo = format!("/me/contactFolders/{odoo}/contacts");
    let keep = create(&fx, &token, &in_odoo, json!({"givenName": "Eva"})).await;
    let drop = create(&fx, &token, &in_odoo, json!({"givenName": "Paul"})).await;
    let (keep_id, drop_id) = (
        keep["id"].as_str().expect("id"),
        drop["id"].as_str().expect("id"),
    );
    let json_header = json!({"Content-Type": "application/json"});
    let photo = png(32, 32);
    let batch = json!({"requests": [
        {"id": "1", "method": "POST", "url": in_odoo, "headers": json_header, "body": {"givenName": "Ömer", "displayName": "Ömer Yılmaz", "singleValueExtendedProperties": [{"id": LINK_ID, "value": "res.partner,9"}]}},
        {"id": "2", "method": "PATCH", "url": format!("/me/contacts/{keep_id}"), "headers": json_header, "body": {"displayName": "Eva Schröder", "jobTitle": "Inhaberin"}},
        {"id": "3", "method": "DELETE", "url": format!("/me/contacts/{drop_id}")},
        {"id": "4", "method": "PUT", "url": format!("/me/contacts/{keep_id}/photo/$value"), "headers": {"Content-Type": "image/png"}, "body": STANDARD.encode(&photo)},
        {"id": "5", "dependsOn": ["4"], "method": "GET", "url": format!("/me/contacts/{keep_id}/photo/$value")},
    ]});
    let reply = fx
        .send(&token, Method::POST, &fx.graph("/$batch"), Some(batch), &[])
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let responses = reply.body["responses"]
        .as_array()
        .cloned()
        .expect("responses");
    let item = |id: &str| responses.iter().find(|r| r["id"] == id).cloned().expect(id);
    assert_eq!(item("1")["status"], 201);
    assert!(
        item("1")["body"]
            .get("singleValueExtendedProperties")
            .is_none()
    );
    assert_eq!(item("2")["status"], 200);
    assert_eq!(item("2")["body"]["jobTitle"], "Inhaberin");
    assert_eq!(item("3")["status"], 204);
    assert_eq!(item("4")["status"], 200, "{}", item("4"));
    assert_eq!(item("5")["status"], 200);
    assert_eq!(item("5")["headers"]["Content-Type"], "image/png");
    assert_eq!(
        STANDARD
            .decode(item("5")["body"].as_str().expect("base64"))
            .expect("decodes"),
        photo
    );
    let found = fx
        .get(
            &token,
            &fx.graph(&format!("{in_odoo}?{}", link_filter("res.partner,9"))),
            &[],
        )
        .await;
    assert_eq!(values(&found).len(), 1);

    fx.control_post("/graph/faults", json!({"kind": "throttle", "retry_after_secs": 3, "path_contains": "/me/contacts", "count": 1})).await;
    let two = json!({"requests": [
        {"id": "a", "method": "PATCH", "url": format!("/me/contacts/{keep_id}"), "headers": json_header, "body": {"displayName": "Eva Schröder", "jobTitle": "Chefin"}},
        {"id": "b", "method": "POST", "url": "/me/contacts", "headers": json_header, "body": {"givenName": "Ida"}},
    ]});
    let reply = fx
        .send(&token, Method::POST, &fx.graph("/$batch"), Some(two), &[])
        .await;
    let statuses: Vec<u64> = reply.body["responses"]
        .as_array()
        .expect("responses")
        .iter()
        .filter_map(|r| r["status"].as_u64())
        .collect();
    assert_eq!(
        statuses,
        vec![429, 201],
        "one item throttled, the other not: {}",
        reply.body
    );
    assert_eq!(reply.body["responses"][0]["headers"]["Retry-After"], "3");
    assert_eq!(
        reply.body["responses"][0]["body"]["error"]["code"],
        "ApplicationThrottled"
    );
    let no_type = json!({"requests": [{"id": "x", "method": "POST", "url": "/me/contacts", "body": {"givenName": "Ida"}}]});
    let whole = fx
        .send(
            &token,
            Method::POST,
            &fx.graph("/$batch"),
            Some(no_type),
            &[],
        )
        .await;
    assert_eq!(
        whole.status,
        StatusCode::BAD_REQUEST,
        "a body needs its Content-Type"
    );
}

#[tokio::test]
async fn the_person_edits_moves_and_deletes_contacts_in_outlook_an_exported_one_included() {
    let (fx, token) = person(ANNA, "Anna Kontakt").await;
    let odoo = folder(&fx, &token, "Odoo").await;
    let exported = create(&fx, &token, &format!("/me/contactFolders/{odoo}/contacts"), json!({
        "givenName": "Eva", "surname": "Schröder", "displayName": "Eva Schröder (Schröder Design)",
        "singleValueExtendedProperties": [{"id": LINK_ID, "value": "res.partner,42"}],
    }))
    .await;
    let id = exported["id"].as_str().expect("id");
    let edit_path = format!("/graph/mailboxes/{ANNA}/contacts/{id}");
    let edit = |body: Value| fx.control_call(Method::PATCH, &edit_path, Some(body));

    let job = edit(json!({"fields": {"jobTitle": "Inhaberin"}})).await;
    assert_eq!(job.status, StatusCode::OK, "{}", job.body);
    assert_ne!(job.body["change_key"], exported["changeKey"]);
    let seen = fx
        .get(&token, &fx.graph(&format!("/me/contacts/{id}")), &[])
        .await;
    assert_eq!(
        seen.body["displayName"], "Eva Schröder (Schröder Design)",
        "Outlook keeps it when no name part changes"
    );
    edit(json!({"fields": {"surname": "Schröder-Lang"}})).await;
    let seen = fx
        .get(
            &token,
            &fx.graph(&format!("/me/contacts/{id}?{}", expand(LINK_ID))),
            &[],
        )
        .await;
    assert_eq!(
        seen.body["displayName"], "Eva Schröder-Lang",
        "a new surname makes the name anew"
    );
    assert_eq!(
        seen.body["singleValueExtendedProperties"][0]["value"], "res.partner,42",
        "an Outlook edit keeps the mark"
    );
    let refused =
        edit(json!({"fields": {"singleValueExtendedProperties": [{"id": LINK_ID, "value": "x"}]}}))
            .await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST);
    let too_many = edit(json!({"fields": {"businessPhones": ["1", "2", "3"]}})).await;
    assert_eq!(too_many.status, StatusCode::BAD_REQUEST);
    let with_photo = edit(json!({"photo": {"content_type": "image/png", "content_base64": STANDARD.encode(png(8, 8))}})).await;
    assert_eq!(with_photo.status, StatusCode::OK, "{}", with_photo.body);
    assert_eq!(
        fx.get(&token, &fx.graph(&format!("/me/contacts/{id}/photo")), &[])
            .await
            .body["width"],
        8
    );
    edit(json!({"remove_photo": true})).await;
    assert_eq!(
        fx.get(&token, &fx.graph(&format!("/me/contacts/{id}/photo")), &[])
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let own = outlook_add(&fx, ANNA, json!({"folder": "Odoo", "fields": {"givenName": "Tante", "surname": "Inge", "homePhones": ["+49 89 1"]}})).await;
    let listed = raw(&fx, ANNA).await;
    let inge = listed.iter().find(|c| c["id"] == own["id"]).expect("Inge");
    assert_eq!(
        (
            inge["folder"].clone(),
            inge["fields"]["displayName"].clone()
        ),
        (json!("Odoo"), json!("Tante Inge"))
    );
    assert_eq!(inge["extended_properties"], json!([]));
    let folders = fx
        .control_call(
            Method::GET,
            &format!("/graph/mailboxes/{ANNA}/contact-folders"),
            None,
        )
        .await;
    assert_eq!(folders.body[0]["is_default"], true);
    assert_eq!(folders.body[1]["path"], "Odoo");
    let deleted = fx
        .control_call(
            Method::DELETE,
            &format!("/graph/mailboxes/{ANNA}/contacts/{id}"),
            None,
        )
        .await;
    assert_eq!(deleted.status, StatusCode::NO_CONTENT);
    assert_eq!(
        fx.get(&token, &fx.graph(&format!("/me/contacts/{id}")), &[])
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let gone_folder = fx
        .control_call(
            Method::DELETE,
            &format!("/graph/mailboxes/{ANNA}/contact-folders/Odoo"),
            None,
        )
        .await;
    assert_eq!(gone_folder.status, StatusCode::NO_CONTENT);
    for path in [
        format!("/me/contactFolders/{odoo}"),
        format!("/me/contactFolders/{odoo}/contacts/delta"),
    ] {
        let reply = fx.get(&token, &fx.graph(&path), &[]).await;
        assert_eq!(
            (reply.status, error_code(&reply)),
            (StatusCode::NOT_FOUND, "ErrorItemNotFound"),
            "{path}"
        );
    }
    assert!(
        raw(&fx, ANNA).await.is_empty(),
        "the folder's contacts went with it"
    );
    let default = fx
        .control_call(
            Method::DELETE,
            &format!("/graph/mailboxes/{ANNA}/contact-folders/"),
            None,
        )
        .await;
    assert_ne!(default.status, StatusCode::NO_CONTENT);
}

#[tokio::test]
async fn each_demo_mailbox_holds_the_persons_own_contacts_without_extended_properties() {
    let fx = fixture_at(GraphSeed::Demo, NOW).await;
    for (upn, names) in [
        (
            LENA,
            vec!["Jürgen Müller", "Maren Jürgensen", "Inge Schäfer"],
        ),
        (JONAS, vec!["Käthe Groß", "Lukas Gruber", "Elektro Meier"]),
    ] {
        let token = fx.access_token(upn).await;
        let listed = fx.get(&token, &fx.graph("/me/contacts"), &[]).await;
        let shown: Vec<String> = values(&listed)
            .iter()
            .filter_map(|c| c["displayName"].as_str().map(str::to_string))
            .collect();
        assert_eq!(shown, names, "{upn}");
        let contacts = raw(&fx, upn).await;
        assert!(
            contacts
                .iter()
                .all(|c| c["extended_properties"] == json!([])),
            "made by the person, not the connector"
        );
        let folders = fx.get(&token, &fx.graph("/me/contactFolders"), &[]).await;
        assert!(values(&folders).is_empty());
    }
    let lena = raw(&fx, LENA).await;
    let juergen = lena
        .iter()
        .find(|c| c["fields"]["displayName"] == "Jürgen Müller")
        .expect("Jürgen");
    assert_eq!(
        juergen["fields"]["emailAddresses"][0]["address"],
        "juergen.mueller@mueller-soehne.example"
    );
    assert!(
        lena.iter().any(|c| c["photo"].is_object()),
        "one has a photo"
    );
    let odoo = OdooState::new(OdooVersion::V17, Seed::Demo);
    let partner_named = |name: &str| {
        odoo.dbs.values().any(|db| {
            db.ids("res.partner")
                .into_iter()
                .any(|id| db.text("res.partner", id, "name").as_deref() == Some(name))
        })
    };
    assert!(
        partner_named("Jürgen Müller"),
        "the same name as a demo Odoo partner"
    );
}

#[tokio::test]
async fn contacts_need_the_contacts_permission() {
    let (fx, _) = person(ANNA, "Anna Kontakt").await;
    let tokens = fx.sign_in(ANNA).await;
    let refresh = tokens["refresh_token"].as_str().expect("refresh token");
    let narrowed = |scope: &'static str| {
        let fx = &fx;
        async move {
            let reply = fx
                .token(&[
                    (
                        "client_id",
                        office_connector_fakes::graph::seed::DEMO_CLIENT_ID,
                    ),
                    ("grant_type", "refresh_token"),
                    ("refresh_token", refresh),
                    ("scope", scope),
                ])
                .await;
            reply.body["access_token"]
                .as_str()
                .expect("token")
                .to_string()
        }
    };
    let read_only = narrowed("Contacts.Read").await;
    assert_eq!(
        fx.get(&read_only, &fx.graph("/me/contacts"), &[])
            .await
            .status,
        StatusCode::OK
    );
    let write = fx
        .send(
            &read_only,
            Method::POST,
            &fx.graph("/me/contacts"),
            Some(json!({"givenName": "Eva"})),
            &[],
        )
        .await;
    assert_eq!(
        (write.status, error_code(&write)),
        (StatusCode::FORBIDDEN, "ErrorAccessDenied")
    );
    let mail_only = narrowed("Mail.ReadWrite").await;
    assert_eq!(
        fx.get(&mail_only, &fx.graph("/me/contactFolders"), &[])
            .await
            .status,
        StatusCode::FORBIDDEN
    );
}
