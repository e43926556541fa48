//! Schema contract: bodies captured from the fake Graph's real HTTP responses (requests without
//! `$select`) are validated against Microsoft's schemas in shared/reference/graph/schemas.json by
//! the rules of SCHEMAS.md — an unknown property, a wrong type or enum value fails.

use it::calendar::fixture_at;
use it::graph::GraphFixture;
use it::graph_schema::GraphSchemas;
use office_connector_fakes::graph::GraphSeed;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

const LENA: &str = "lena.schaefer@yourcompany.example.com";
const MESSAGE: &str = "microsoft.graph.message";
const FOLDER: &str = "microsoft.graph.mailFolder";
const ATTACHMENT: &str = "microsoft.graph.attachment";
const ERROR: &str = "microsoft.graph.ODataErrors.ODataError";
const EVENT: &str = "microsoft.graph.event";
const CONTACT: &str = "microsoft.graph.contact";
const CONTACT_FOLDER: &str = "microsoft.graph.contactFolder";

fn assert_valid(schemas: &GraphSchemas, what: &str, type_name: &str, body: &Value) {
    let errors = schemas.validate(type_name, body);
    assert!(
        errors.is_empty(),
        "{what} violates {type_name}: {errors:#?}\n{body:#}"
    );
}

fn assert_valid_collection(schemas: &GraphSchemas, what: &str, type_name: &str, body: &Value) {
    assert!(
        body["value"].as_array().is_some_and(|v| !v.is_empty()),
        "{what}: empty collection {body}"
    );
    let errors = schemas.validate_collection(type_name, body);
    assert!(
        errors.is_empty(),
        "{what} violates {type_name}: {errors:#?}"
    );
}

#[tokio::test]
async fn every_body_the_fake_serves_matches_microsofts_schema() {
    let schemas = GraphSchemas::load();
    let fx = GraphFixture::demo().await;
    let token = fx.access_token(LENA).await;
    let get = |path: String| {
        let fx = &fx;
        let token = token.clone();
        async move { fx.get(&token, &fx.graph(&path), &[]).await }
    };

    let me = get("/me".into()).await;
    assert_valid(&schemas, "GET /me", "microsoft.graph.user", &me.body);

    let folders = get("/me/mailFolders?$top=50".into()).await;
    assert_valid_collection(&schemas, "GET /me/mailFolders", FOLDER, &folders.body);
    assert_valid(
        &schemas,
        "GET /me/mailFolders/inbox",
        FOLDER,
        &get("/me/mailFolders/inbox".into()).await.body,
    );
    let created = fx
        .send(
            &token,
            Method::POST,
            &fx.graph("/me/mailFolders"),
            Some(json!({"displayName": "Vertrag"})),
            &[],
        )
        .await;
    assert_valid(&schemas, "POST /me/mailFolders", FOLDER, &created.body);
    let children = get("/me/mailFolders/msgfolderroot/childFolders?$top=50".into()).await;
    assert_valid_collection(&schemas, "GET childFolders", FOLDER, &children.body);

    let eingang = folders.body["value"]
        .as_array()
        .expect("folders")
        .iter()
        .find(|f| f["displayName"] == "Odoo Eingang")
        .and_then(|f| f["id"].as_str())
        .expect("Odoo Eingang")
        .to_string();
    let messages = get(format!("/me/mailFolders/{eingang}/messages?$top=50")).await;
    assert_valid_collection(&schemas, "GET messages", MESSAGE, &messages.body);
    let first = &messages.body["value"][0];
    for key in [
        "internetMessageId",
        "receivedDateTime",
        "body",
        "from",
        "toRecipients",
        "conversationIndex",
        "flag",
    ] {
        assert!(first.get(key).is_some(), "default message body has {key}");
    }
    let expanded = get(format!(
        "/me/mailFolders/{eingang}/messages?$top=50&$expand=attachments"
    ))
    .await;
    assert_valid_collection(
        &schemas,
        "GET messages $expand=attachments",
        MESSAGE,
        &expanded.body,
    );

    let mut kinds = Vec::new();
    for m in expanded.body["value"].as_array().expect("messages") {
        let id = m["id"].as_str().expect("id");
        assert_valid(
            &schemas,
            "GET /me/messages/{id}",
            MESSAGE,
            &get(format!("/me/messages/{id}")).await.body,
        );
        if m["attachments"].as_array().is_some_and(|a| !a.is_empty()) {
            let list = get(format!("/me/messages/{id}/attachments")).await;
            assert_valid_collection(&schemas, "GET attachments", ATTACHMENT, &list.body);
            for a in list.body["value"].as_array().expect("attachments") {
                kinds.push(a["@odata.type"].as_str().expect("type").to_string());
                let one = get(format!(
                    "/me/messages/{id}/attachments/{}",
                    a["id"].as_str().expect("aid")
                ))
                .await;
                assert_valid(&schemas, "GET attachment", ATTACHMENT, &one.body);
            }
        }
    }
    assert!(
        kinds.iter().any(|k| k == "#microsoft.graph.fileAttachment"),
        "{kinds:?}"
    );
    assert!(
        kinds.iter().any(|k| k == "#microsoft.graph.itemAttachment"),
        "{kinds:?}"
    );

    let delta = fx
        .get(
            &token,
            &fx.graph(&format!("/me/mailFolders/{eingang}/messages/delta")),
            &[("Prefer", "odata.maxpagesize=50")],
        )
        .await;
    assert_valid_collection(&schemas, "GET delta", MESSAGE, &delta.body);
    let id = first["id"].as_str().expect("id");
    let moved = fx
        .send(
            &token,
            Method::POST,
            &fx.graph(&format!("/me/messages/{id}/move")),
            Some(json!({"destinationId": "inbox"})),
            &[],
        )
        .await;
    assert_valid(&schemas, "POST move", MESSAGE, &moved.body);
    let patched = fx
        .send(
            &token,
            Method::PATCH,
            &fx.graph(&format!(
                "/me/messages/{}",
                moved.body["id"].as_str().expect("id")
            )),
            Some(json!({"isRead": true, "categories": ["In Odoo"]})),
            &[],
        )
        .await;
    assert_valid(&schemas, "PATCH message", MESSAGE, &patched.body);
    let removed = fx
        .get(
            &token,
            delta.body["@odata.deltaLink"].as_str().expect("deltaLink"),
            &[],
        )
        .await;
    assert_valid_collection(&schemas, "GET delta with @removed", MESSAGE, &removed.body);

    let batch = fx
        .send(&token, Method::POST, &fx.graph("/$batch"), Some(json!({"requests": [{"id": "1", "method": "GET", "url": format!("/me/messages/{}", moved.body["id"].as_str().expect("id"))}]})), &[])
        .await;
    assert_valid(
        &schemas,
        "$batch item body",
        MESSAGE,
        &batch.body["responses"][0]["body"],
    );

    // Errors of every kind the fake answers.
    let mut errors = vec![
        get("/me/messages/AAMkAGI2doesnotexistAAAAAAAAAAAAAAAAAAA=".into()).await,
        get("/me/messages/bad".into()).await,
        get(format!("/me/mailFolders/{eingang}/messages?$select=nosuch")).await,
        fx.get("not-a-token", &fx.graph("/me"), &[]).await,
        fx.send(
            &token,
            Method::POST,
            &fx.graph("/me/mailFolders"),
            Some(json!({"displayName": "Vertrag"})),
            &[],
        )
        .await,
    ];
    fx.control_post(&format!("/graph/mailboxes/{LENA}/expire-delta"), json!({}))
        .await;
    errors.push(
        fx.get(
            &token,
            delta.body["@odata.deltaLink"].as_str().expect("deltaLink"),
            &[],
        )
        .await,
    );
    fx.control_post(
        "/graph/faults",
        json!({"kind": "throttle", "retry_after_secs": 2, "count": 1}),
    )
    .await;
    errors.push(get("/me".into()).await);
    let statuses: Vec<u16> = errors.iter().map(|e| e.status.as_u16()).collect();
    assert_eq!(statuses, vec![404, 400, 400, 401, 409, 410, 429]);
    for e in &errors {
        assert_valid(&schemas, &format!("error {}", e.status), ERROR, &e.body);
    }
}

#[tokio::test]
async fn every_event_body_the_fake_serves_matches_microsofts_schema() {
    let schemas = GraphSchemas::load();
    // The demo week (series with exception and cancelled occurrence, all-day, private, Teams,
    // shared meeting) on a fixed Wednesday.
    let fx = fixture_at(GraphSeed::Demo, "2026-03-25T09:00:00Z").await;
    let token = fx.access_token(LENA).await;
    let window = "startDateTime=2026-03-23T00:00:00Z&endDateTime=2026-04-06T00:00:00Z";
    let prefer = [("Prefer", "outlook.timezone=\"W. Europe Standard Time\"")];
    let view = fx
        .get(
            &token,
            &fx.graph(&format!("/me/calendarView?{window}&$top=100")),
            &prefer,
        )
        .await;
    assert_valid_collection(&schemas, "GET calendarView", EVENT, &view.body);
    let kinds: Vec<&str> = view.body["value"]
        .as_array()
        .expect("value")
        .iter()
        .filter_map(|e| e["type"].as_str())
        .collect();
    for kind in ["singleInstance", "occurrence", "exception"] {
        assert!(kinds.contains(&kind), "{kind} in {kinds:?}");
    }
    let events = fx.get(&token, &fx.graph("/me/events?$top=50"), &[]).await;
    assert_valid_collection(&schemas, "GET events", EVENT, &events.body);
    for e in events.body["value"].as_array().expect("events") {
        let id = e["id"].as_str().expect("id");
        let one = fx
            .get(&token, &fx.graph(&format!("/me/events/{id}")), &[])
            .await;
        assert_valid(&schemas, "GET /me/events/{id}", EVENT, &one.body);
        if e["type"] == "seriesMaster" {
            let instances = fx
                .get(
                    &token,
                    &fx.graph(&format!("/me/events/{id}/instances?{window}")),
                    &[],
                )
                .await;
            assert_valid_collection(&schemas, "GET instances", EVENT, &instances.body);
        }
    }
    for e in view.body["value"].as_array().expect("view") {
        let id = e["id"].as_str().expect("id");
        let one = fx
            .get(&token, &fx.graph(&format!("/me/events/{id}")), &prefer)
            .await;
        assert_valid(&schemas, "GET occurrence/exception by id", EVENT, &one.body);
    }
    let first = fx.graph(&format!("/me/calendarView/delta?{window}"));
    let delta = fx
        .get(&token, &first, &[("Prefer", "odata.maxpagesize=100")])
        .await;
    assert_valid_collection(&schemas, "GET calendarView/delta", EVENT, &delta.body);
    let mine = view.body["value"]
        .as_array()
        .expect("view")
        .iter()
        .find(|e| e["type"] == "singleInstance" && e["isOrganizer"] == true)
        .and_then(|e| e["id"].as_str())
        .expect("an event Lena organizes")
        .to_string();
    fx.control_call(
        Method::POST,
        &format!("/graph/mailboxes/{LENA}/events/{mine}/cancel"),
        None,
    )
    .await;
    let removed = fx
        .get(
            &token,
            delta.body["@odata.deltaLink"].as_str().expect("deltaLink"),
            &[],
        )
        .await;
    assert_valid_collection(
        &schemas,
        "GET calendar delta with @removed",
        EVENT,
        &removed.body,
    );
    let errors = [
        fx.get(&token, &fx.graph("/me/calendarView"), &[]).await,
        fx.get(&token, &format!("{first}&$select=subject"), &[])
            .await,
        fx.get(
            &token,
            &fx.graph(&format!("/me/calendarView?{window}")),
            &[("Prefer", "outlook.timezone=\"Nowhere\"")],
        )
        .await,
    ];
    for e in &errors {
        assert_eq!(e.status, StatusCode::BAD_REQUEST, "{}", e.body);
        assert_valid(&schemas, &format!("error {}", e.status), ERROR, &e.body);
    }
}

#[tokio::test]
async fn every_contact_body_the_fake_serves_matches_microsofts_schema() {
    let schemas = GraphSchemas::load();
    // The demo contacts (one with a photo) on a fixed date, plus a full one made over Graph.
    let fx = fixture_at(GraphSeed::Demo, "2026-05-04T08:00:00Z").await;
    let token = fx.access_token(LENA).await;
    let get = |path: String| {
        let fx = &fx;
        let token = token.clone();
        async move { fx.get(&token, &fx.graph(&path), &[]).await }
    };
    let send = |method: Method, path: String, body: Value| {
        let fx = &fx;
        let token = token.clone();
        async move {
            fx.send(&token, method, &fx.graph(&path), Some(body), &[])
                .await
        }
    };
    let own = get("/me/contacts".into()).await;
    assert_valid_collection(&schemas, "GET /me/contacts", CONTACT, &own.body);
    let folder = send(
        Method::POST,
        "/me/contactFolders".into(),
        json!({"displayName": "Odoo"}),
    )
    .await;
    assert_valid(
        &schemas,
        "POST /me/contactFolders",
        CONTACT_FOLDER,
        &folder.body,
    );
    let folder_id = folder.body["id"].as_str().expect("folder id").to_string();
    let folders = get("/me/contactFolders".into()).await;
    assert_valid_collection(
        &schemas,
        "GET /me/contactFolders",
        CONTACT_FOLDER,
        &folders.body,
    );
    let default = folder.body["parentFolderId"]
        .as_str()
        .expect("parent")
        .to_string();
    assert_valid(
        &schemas,
        "GET default folder",
        CONTACT_FOLDER,
        &get(format!("/me/contactFolders/{default}")).await.body,
    );
    let full = json!({
        "givenName": "Eva", "surname": "Schröder", "displayName": "Eva Schröder", "title": "Dr.",
        "jobTitle": "Inhaberin", "companyName": "Schröder Design Studio",
        "emailAddresses": [{"name": "Eva Schröder", "address": "info@schroeder-design.example"}],
        "businessPhones": ["+49 30 555 0100"], "mobilePhone": "+49 170 555 0100",
        "businessAddress": {"street": "Kastanienallee 45", "city": "Berlin", "postalCode": "10435", "countryOrRegion": "Deutschland"},
        "businessHomePage": "https://www.schroeder-design.example", "personalNotes": "Aus Odoo",
        "birthday": "1980-06-01T00:00:00Z", "categories": ["Odoo"],
        "singleValueExtendedProperties": [{"id": it::contacts::LINK_ID, "value": "res.partner,42"}],
    });
    let made = send(
        Method::POST,
        format!("/me/contactFolders/{folder_id}/contacts"),
        full,
    )
    .await;
    assert_eq!(made.status, StatusCode::CREATED, "{}", made.body);
    assert_valid(&schemas, "POST contact", CONTACT, &made.body);
    let id = made.body["id"].as_str().expect("id").to_string();
    let expand = format!(
        "$expand=singleValueExtendedProperties($filter=id eq '{}')",
        it::contacts::LINK_ID
    );
    let expanded = get(format!("/me/contacts/{id}?{expand}")).await;
    assert_eq!(
        expanded.body["singleValueExtendedProperties"]
            .as_array()
            .map(Vec::len),
        Some(1)
    );
    assert_valid(&schemas, "GET contact $expand", CONTACT, &expanded.body);
    let delta = get(format!("/me/contactFolders/{folder_id}/contacts/delta")).await;
    assert_valid_collection(&schemas, "GET contacts delta", CONTACT, &delta.body);
    let patched = send(
        Method::PATCH,
        format!("/me/contacts/{id}"),
        json!({"displayName": "Eva Schröder", "jobTitle": "Chefin"}),
    )
    .await;
    assert_valid(&schemas, "PATCH contact", CONTACT, &patched.body);
    let photo_owner = own.body["value"]
        .as_array()
        .expect("own")
        .iter()
        .map(|c| c["id"].as_str().expect("id").to_string())
        .collect::<Vec<_>>();
    let mut photos = 0;
    for contact in &photo_owner {
        let meta = get(format!("/me/contacts/{contact}/photo")).await;
        if meta.status == StatusCode::OK {
            photos += 1;
            assert_valid(
                &schemas,
                "GET contact photo",
                "microsoft.graph.profilePhoto",
                &meta.body,
            );
        }
    }
    assert_eq!(photos, 1, "the demo has one contact with a photo");
    fx.send(
        &token,
        Method::DELETE,
        &fx.graph(&format!("/me/contacts/{id}")),
        None,
        &[],
    )
    .await;
    let removed = get(delta.body["@odata.deltaLink"]
        .as_str()
        .expect("deltaLink")
        .trim_start_matches(&fx.graph(""))
        .to_string())
    .await;
    assert_valid_collection(
        &schemas,
        "GET contacts delta with @removed",
        CONTACT,
        &removed.body,
    );

    let four: Vec<Value> = (0..4)
        .map(|i| json!({"address": format!("p{i}@x.example")}))
        .collect();
    let stale = fx
        .send(
            &token,
            Method::PATCH,
            &fx.graph(&format!("/me/contacts/{}", photo_owner[0])),
            Some(json!({"displayName": "x"})),
            &[("If-Match", "W/\"EQAAABYAAAAstale\"")],
        )
        .await;
    let errors = [
        get(format!("/me/contacts/{id}")).await,
        get("/me/contacts/bad".into()).await,
        send(
            Method::POST,
            "/me/contacts".into(),
            json!({"emailAddresses": four}),
        )
        .await,
        send(
            Method::POST,
            "/me/contactFolders".into(),
            json!({"displayName": "Odoo"}),
        )
        .await,
        stale,
        get(format!("/me/contacts/{}/photo/$value", photo_owner[2])).await,
    ];
    let statuses: Vec<u16> = errors.iter().map(|e| e.status.as_u16()).collect();
    assert_eq!(statuses, vec![404, 400, 400, 409, 412, 404]);
    for e in &errors {
        assert_valid(&schemas, &format!("error {}", e.status), ERROR, &e.body);
    }
}

#[tokio::test]
async fn the_validator_rejects_a_broken_body() {
    let schemas = GraphSchemas::load();
    let fx = GraphFixture::demo().await;
    let token = fx.access_token(LENA).await;
    let page = fx
        .get(
            &token,
            &fx.graph("/me/mailFolders/inbox/messages?$top=1"),
            &[],
        )
        .await;
    assert_eq!(page.status, StatusCode::OK);
    let good = page.body["value"][0].clone();
    assert_valid(&schemas, "captured message", MESSAGE, &good);

    let broken = |edit: &dyn Fn(&mut Value)| {
        let mut body = good.clone();
        edit(&mut body);
        schemas.validate(MESSAGE, &body)
    };
    assert!(
        !broken(&|b| b["unknownProperty"] = json!("x")).is_empty(),
        "unknown property"
    );
    assert!(
        !broken(&|b| b["isRead"] = json!("yes")).is_empty(),
        "wrong type"
    );
    assert!(
        !broken(&|b| b["importance"] = json!("Normal")).is_empty(),
        "enum is case-sensitive"
    );
    assert!(
        !broken(&|b| b["toRecipients"] = Value::Null).is_empty(),
        "arrays are never null"
    );
    assert!(
        !broken(&|b| b["receivedDateTime"] = json!("2026-11-20 08:00:00")).is_empty(),
        "date-time format"
    );
    assert!(
        !broken(&|b| b["from"]["emailAddress"]["mailbox"] = json!("x")).is_empty(),
        "unknown nested property"
    );
    assert!(
        broken(&|b| b["@odata.whatever"] = json!(1)).is_empty(),
        "annotations are skipped"
    );
    assert!(
        broken(&|b| b["from"] = Value::Null).is_empty(),
        "single-valued refs may be null"
    );

    let no_message = json!({"error": {"code": "ErrorItemNotFound"}});
    assert!(
        !schemas.validate(ERROR, &no_message).is_empty(),
        "required message missing"
    );
    let bad_bytes = json!({"@odata.type": "#microsoft.graph.fileAttachment", "id": "x", "isInline": false, "size": 1, "contentBytes": "not base64!"});
    assert!(
        !schemas.validate(ATTACHMENT, &bad_bytes).is_empty(),
        "contentBytes must be base64"
    );
    let wrong_int = json!({"id": "x", "totalItemCount": true});
    assert!(
        !schemas.validate(FOLDER, &wrong_int).is_empty(),
        "int32 is not a bool"
    );
}
