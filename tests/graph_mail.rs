//! Mail through the fake Graph, as a client sees it over HTTP: folders, paging, delta rounds,
//! move/delete ids, attachments and MIME, `$batch`, and the demo mailboxes.

use std::collections::HashSet;

use it::graph::GraphFixture;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

const LENA: &str = "lena.schaefer@yourcompany.example.com";
const JONAS: &str = "jonas.weiss@yourcompany.example.com";
const TEST: &str = "paula.pruef@yourcompany.example.com";

async fn person_with_folder(fx: &GraphFixture, folder: &str, mails: usize) -> (String, String) {
    fx.add_person(TEST, "Paula Prüf").await;
    let folder_id = fx.add_folder(TEST, folder).await;
    for i in 0..mails {
        fx.put_mail(
            TEST,
            json!({
                "folder": folder,
                "subject": format!("Mail {i:02}"),
                "from": {"name": "Kunde", "address": "kunde@example.com"},
                "to": [{"name": "Paula Prüf", "address": TEST}],
                "received": format!("2026-11-{:02}T08:{:02}:00Z", 1 + i / 60, i % 60),
            }),
        )
        .await;
    }
    (fx.access_token(TEST).await, folder_id)
}

fn ids(page: &Value) -> Vec<String> {
    page["value"]
        .as_array()
        .expect("value")
        .iter()
        .map(|m| m["id"].as_str().expect("id").to_string())
        .collect()
}

#[tokio::test]
async fn folders_list_the_root_children_with_well_known_names_and_counts() {
    let fx = GraphFixture::demo().await;
    let token = fx.access_token(LENA).await;
    let mut names = Vec::new();
    let mut next = Some(fx.graph("/me/mailFolders?$top=4"));
    let mut pages = 0;
    while let Some(url) = next {
        let page = fx.get(&token, &url, &[]).await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        pages += 1;
        for f in page.body["value"].as_array().expect("value") {
            names.push(f["displayName"].as_str().expect("name").to_string());
            if f["displayName"] == "Odoo Eingang" {
                assert_eq!(f["totalItemCount"], 7);
                assert_eq!(f["childFolderCount"], 0);
            }
        }
        next = page.body["@odata.nextLink"].as_str().map(str::to_string);
    }
    assert!(pages >= 3, "10 folders in pages of 4");
    for expected in [
        "Posteingang",
        "Gesendete Elemente",
        "Gelöschte Elemente",
        "Odoo Eingang",
        "Odoo Ausgang",
    ] {
        assert!(
            names.iter().any(|n| n == expected),
            "{expected} in {names:?}"
        );
    }
    let inbox = fx
        .get(&token, &fx.graph("/me/mailFolders/inbox"), &[])
        .await;
    assert_eq!(inbox.status, StatusCode::OK);
    assert_ne!(inbox.body["id"], "inbox", "the real opaque id comes back");
    let root = fx
        .get(&token, &fx.graph("/me/mailFolders/msgfolderroot"), &[])
        .await;
    assert_eq!(inbox.body["parentFolderId"], root.body["id"]);
}

#[tokio::test]
async fn creating_a_folder_twice_is_error_folder_exists() {
    let fx = GraphFixture::demo().await;
    let token = fx.access_token(LENA).await;
    let url = fx.graph("/me/mailFolders/inbox/childFolders");
    let created = fx
        .send(
            &token,
            Method::POST,
            &url,
            Some(json!({"displayName": "Kunden"})),
            &[],
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    let inbox = fx
        .get(&token, &fx.graph("/me/mailFolders/inbox"), &[])
        .await;
    assert_eq!(created.body["parentFolderId"], inbox.body["id"]);
    assert_eq!(inbox.body["childFolderCount"], 1);
    let children = fx.get(&token, &url, &[]).await;
    assert_eq!(children.body["value"][0]["displayName"], "Kunden");
    let again = fx
        .send(
            &token,
            Method::POST,
            &url,
            Some(json!({"displayName": "kunden"})),
            &[],
        )
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    assert_eq!(again.body["error"]["code"], "ErrorFolderExists");
}

#[tokio::test]
async fn paging_follows_next_link_verbatim_over_three_pages() {
    let fx = GraphFixture::empty().await;
    let (token, folder_id) = person_with_folder(&fx, "Odoo Eingang", 25).await;
    let mut next = Some(fx.graph(&format!(
        "/me/mailFolders/{folder_id}/messages?$top=10&$select=subject,receivedDateTime"
    )));
    let mut seen = Vec::new();
    let mut subjects = Vec::new();
    let mut pages = 0;
    while let Some(url) = next {
        let page = fx.get(&token, &url, &[]).await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        pages += 1;
        seen.extend(ids(&page.body));
        for m in page.body["value"].as_array().expect("value") {
            subjects.push(m["subject"].as_str().expect("subject").to_string());
            assert!(m.get("body").is_none(), "$select limits the properties");
        }
        next = page.body["@odata.nextLink"].as_str().map(str::to_string);
    }
    assert_eq!(pages, 3);
    assert_eq!(seen.len(), 25);
    assert_eq!(
        seen.iter().collect::<HashSet<_>>().len(),
        25,
        "no duplicates across pages"
    );
    assert_eq!(
        subjects.first().map(String::as_str),
        Some("Mail 24"),
        "newest first by default"
    );
    assert_eq!(subjects.last().map(String::as_str), Some("Mail 00"));

    let too_many = fx
        .get(
            &token,
            &fx.graph(&format!("/me/mailFolders/{folder_id}/messages?$top=1001")),
            &[],
        )
        .await;
    assert_eq!(too_many.status, StatusCode::BAD_REQUEST);
    let unknown = fx
        .get(
            &token,
            &fx.graph(&format!(
                "/me/mailFolders/{folder_id}/messages?$select=nosuch"
            )),
            &[],
        )
        .await;
    assert_eq!(unknown.status, StatusCode::BAD_REQUEST);
}

async fn delta_round(
    fx: &GraphFixture,
    token: &str,
    first: &str,
    page_size: usize,
) -> (Vec<Value>, String, usize) {
    let prefer = format!("odata.maxpagesize={page_size}");
    let mut items = Vec::new();
    let mut url = first.to_string();
    let mut pages = 0;
    loop {
        let page = fx.get(token, &url, &[("Prefer", prefer.as_str())]).await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        assert_eq!(page.header("preference-applied"), Some(prefer.as_str()));
        pages += 1;
        items.extend(
            page.body["value"]
                .as_array()
                .expect("value")
                .iter()
                .cloned(),
        );
        if let Some(next) = page.body["@odata.nextLink"].as_str() {
            assert!(
                next.contains("/me/mailfolders('"),
                "Graph's key syntax: {next}"
            );
            assert!(
                next.contains("%24skiptoken=") || next.contains("$skiptoken="),
                "{next}"
            );
            url = next.to_string();
        } else {
            let delta = page.body["@odata.deltaLink"]
                .as_str()
                .expect("final page has a deltaLink");
            assert!(delta.contains("deltatoken="), "{delta}");
            return (items, delta.to_string(), pages);
        }
    }
}

#[tokio::test]
async fn delta_reports_changes_and_removals_then_410_and_a_resync() {
    let fx = GraphFixture::empty().await;
    let (token, folder_id) = person_with_folder(&fx, "Odoo Eingang", 12).await;
    let first = fx.graph(&format!(
        "/me/mailFolders/{folder_id}/messages/delta?$select=subject,internetMessageId"
    ));
    let (items, delta_link, pages) = delta_round(&fx, &token, &first, 5).await;
    assert_eq!(pages, 3);
    assert_eq!(items.len(), 12);
    assert!(
        items.iter().all(|m| m.get("@removed").is_none()),
        "the first round has no removals"
    );

    let (items, delta_link, _) = delta_round(&fx, &token, &delta_link, 5).await;
    assert!(items.is_empty(), "nothing changed: {items:?}");

    // The person acts in Outlook: a new mail arrives, one is dragged out, one deleted by the app.
    let new_id = fx
        .put_mail(TEST, json!({"folder": "Odoo Eingang", "subject": "Neu"}))
        .await;
    let listed = fx
        .get(
            &token,
            &fx.graph(&format!("/me/mailFolders/{folder_id}/messages?$top=20")),
            &[],
        )
        .await;
    let all = ids(&listed.body);
    let moved_out = all
        .iter()
        .find(|id| **id != new_id)
        .expect("a mail")
        .clone();
    let deleted = all
        .iter()
        .rfind(|id| **id != new_id && **id != moved_out)
        .expect("another mail")
        .clone();
    fx.control_post(
        &format!("/graph/mailboxes/{TEST}/messages/{moved_out}/move"),
        json!({"folder": "inbox"}),
    )
    .await;
    let del = fx
        .send(
            &token,
            Method::DELETE,
            &fx.graph(&format!("/me/messages/{deleted}")),
            None,
            &[],
        )
        .await;
    assert_eq!(del.status, StatusCode::NO_CONTENT);

    let (items, delta_link, _) = delta_round(&fx, &token, &delta_link, 5).await;
    let removed: HashSet<&str> = items
        .iter()
        .filter(|m| m["@removed"]["reason"] == "deleted")
        .filter_map(|m| m["id"].as_str())
        .collect();
    let changed: Vec<&Value> = items
        .iter()
        .filter(|m| m.get("@removed").is_none())
        .collect();
    assert_eq!(
        removed,
        HashSet::from([moved_out.as_str(), deleted.as_str()])
    );
    assert_eq!(changed.len(), 1, "only the new mail: {changed:?}");
    assert_eq!(changed[0]["id"], new_id.as_str());
    assert_eq!(
        changed[0]["subject"], "Neu",
        "the $select of the first request is kept"
    );

    fx.control_post(&format!("/graph/mailboxes/{TEST}/expire-delta"), json!({}))
        .await;
    let gone = fx.get(&token, &delta_link, &[]).await;
    assert_eq!(gone.status, StatusCode::GONE);
    assert_eq!(gone.body["error"]["code"], "SyncStateNotFound");
    let resync = gone
        .header("location")
        .expect("Location with a fresh delta URL")
        .to_string();
    let (items, _, _) = delta_round(&fx, &token, &resync, 5).await;
    assert_eq!(items.len(), 11, "full resync: 12 + 1 new - 2 gone");
}

#[tokio::test]
async fn move_gives_a_new_id_unless_immutable_ids_are_asked_for() {
    let fx = GraphFixture::empty().await;
    let (token, _) = person_with_folder(&fx, "Odoo Eingang", 2).await;
    let listed = fx
        .get(
            &token,
            &fx.graph("/me/mailFolders/Odoo%20Eingang/messages"),
            &[],
        )
        .await;
    assert_eq!(
        listed.status,
        StatusCode::BAD_REQUEST,
        "display names are not ids"
    );

    let folder = fx.add_folder(TEST, "Erledigt").await;
    let all = fx
        .control_post(
            &format!("/graph/mailboxes/{TEST}/folders"),
            json!({"display_name": "Tmp"}),
        )
        .await;
    assert!(all["id"].is_string());
    let messages: Value = fx
        .http
        .get(fx.control(&format!(
            "/graph/mailboxes/{TEST}/messages?folder=Odoo%20Eingang"
        )))
        .send()
        .await
        .expect("list")
        .json()
        .await
        .expect("json");
    let first = messages[0]["id"].as_str().expect("id").to_string();
    let second = messages[1]["id"].as_str().expect("id").to_string();

    let moved = fx
        .send(
            &token,
            Method::POST,
            &fx.graph(&format!("/me/messages/{first}/move")),
            Some(json!({"destinationId": folder})),
            &[],
        )
        .await;
    assert_eq!(moved.status, StatusCode::CREATED, "{}", moved.body);
    assert_ne!(moved.body["id"], first.as_str(), "a move changes the id");
    assert_eq!(moved.body["parentFolderId"], folder.as_str());
    let old = fx
        .get(&token, &fx.graph(&format!("/me/messages/{first}")), &[])
        .await;
    assert_eq!(old.status, StatusCode::NOT_FOUND);
    assert_eq!(old.body["error"]["code"], "ErrorItemNotFound");

    let immutable = [("Prefer", "IdType=\"ImmutableId\"")];
    let before = fx
        .get(
            &token,
            &fx.graph(&format!("/me/messages/{second}")),
            &immutable,
        )
        .await;
    let stable = before.body["id"]
        .as_str()
        .expect("immutable id")
        .to_string();
    let moved = fx
        .send(
            &token,
            Method::POST,
            &fx.graph(&format!("/me/messages/{stable}/move")),
            Some(json!({"destinationId": "deleteditems"})),
            &immutable,
        )
        .await;
    assert_eq!(moved.status, StatusCode::CREATED);
    assert_eq!(
        moved.body["id"],
        stable.as_str(),
        "immutable ids survive a move"
    );
    let again = fx
        .get(
            &token,
            &fx.graph(&format!("/me/messages/{stable}")),
            &immutable,
        )
        .await;
    assert_eq!(again.status, StatusCode::OK);
}

#[tokio::test]
async fn deleted_mail_is_404_and_a_malformed_id_is_400() {
    let fx = GraphFixture::empty().await;
    let (token, _) = person_with_folder(&fx, "Odoo Eingang", 1).await;
    let id = fx
        .put_mail(TEST, json!({"folder": "Odoo Eingang", "subject": "weg"}))
        .await;
    let url = fx.graph(&format!("/me/messages/{id}"));
    assert_eq!(
        fx.send(&token, Method::DELETE, &url, None, &[])
            .await
            .status,
        StatusCode::NO_CONTENT
    );
    let after = fx.get(&token, &url, &[]).await;
    assert_eq!(after.status, StatusCode::NOT_FOUND);
    assert_eq!(after.body["error"]["code"], "ErrorItemNotFound");
    let bin = fx
        .get(&token, &fx.graph("/me/mailFolders/deleteditems"), &[])
        .await;
    assert_eq!(
        bin.body["totalItemCount"], 1,
        "deleted mail lands in Deleted Items"
    );

    let malformed = fx
        .get(&token, &fx.graph("/me/messages/not-an-id"), &[])
        .await;
    assert_eq!(malformed.status, StatusCode::BAD_REQUEST);
    assert_eq!(malformed.body["error"]["code"], "ErrorInvalidIdMalformed");
    let folder = fx.get(&token, &fx.graph("/me/mailFolders/xyz"), &[]).await;
    assert_eq!(folder.body["error"]["code"], "ErrorInvalidIdMalformed");
}

async fn demo_mail(fx: &GraphFixture, token: &str, folder: &str, subject: &str) -> Value {
    let folders = fx
        .get(token, &fx.graph("/me/mailFolders?$top=50"), &[])
        .await;
    let folder_id = folders.body["value"]
        .as_array()
        .expect("folders")
        .iter()
        .find(|f| f["displayName"] == folder)
        .and_then(|f| f["id"].as_str())
        .expect("folder")
        .to_string();
    let page = fx
        .get(
            token,
            &fx.graph(&format!(
                "/me/mailFolders/{folder_id}/messages?$top=100&$expand=attachments"
            )),
            &[],
        )
        .await;
    page.body["value"]
        .as_array()
        .expect("value")
        .iter()
        .find(|m| m["subject"] == subject)
        .cloned()
        .expect(subject)
}

#[tokio::test]
async fn attachments_inline_images_attached_mails_and_mime_are_served() {
    let fx = GraphFixture::demo().await;
    let token = fx.access_token(LENA).await;

    let offer = demo_mail(&fx, &token, "Odoo Eingang", "Rückfrage zu Angebot S00042").await;
    assert_eq!(offer["hasAttachments"], true);
    let pdf = offer["attachments"]
        .as_array()
        .expect("expanded")
        .iter()
        .find(|a| a["contentType"] == "application/pdf")
        .expect("pdf");
    assert_eq!(pdf["@odata.type"], "#microsoft.graph.fileAttachment");
    let id = offer["id"].as_str().expect("id");
    let raw = fx
        .http
        .get(fx.graph(&format!(
            "/me/messages/{id}/attachments/{}/$value",
            pdf["id"].as_str().expect("aid")
        )))
        .bearer_auth(&token)
        .send()
        .await
        .expect("value");
    assert_eq!(raw.headers()["content-type"], "application/pdf");
    assert!(raw.bytes().await.expect("bytes").starts_with(b"%PDF"));

    let delivery = demo_mail(&fx, &token, "Odoo Eingang", "Lieferung KW 48").await;
    assert_eq!(
        delivery["hasAttachments"], false,
        "inline-only mail reports no attachments"
    );
    let listed = fx
        .get(
            &token,
            &fx.graph(&format!(
                "/me/messages/{}/attachments",
                delivery["id"].as_str().expect("id")
            )),
            &[],
        )
        .await;
    let logo = &listed.body["value"][0];
    assert_eq!(logo["isInline"], true);
    assert!(
        delivery["body"]["content"]
            .as_str()
            .expect("html")
            .contains(&format!("cid:{}", logo["contentId"].as_str().expect("cid")))
    );

    let forwarded = demo_mail(&fx, &token, "Odoo Eingang", "WG: Reklamation Lieferung").await;
    let item = &forwarded["attachments"][0];
    assert_eq!(item["@odata.type"], "#microsoft.graph.itemAttachment");
    assert!(item.get("contentBytes").is_none());
    let fid = forwarded["id"].as_str().expect("id");
    let eml = fx
        .http
        .get(fx.graph(&format!(
            "/me/messages/{fid}/attachments/{}/$value",
            item["id"].as_str().expect("aid")
        )))
        .bearer_auth(&token)
        .send()
        .await
        .expect("value")
        .text()
        .await
        .expect("text");
    assert!(eml.contains("Subject: Reklamation Lieferung"), "{eml}");

    let mime = fx
        .http
        .get(fx.graph(&format!("/me/messages/{id}/$value")))
        .bearer_auth(&token)
        .send()
        .await
        .expect("mime");
    let mime = mime.text().await.expect("text");
    let message_id = offer["internetMessageId"]
        .as_str()
        .expect("internetMessageId");
    assert!(
        message_id.starts_with('<') && message_id.ends_with('>'),
        "angle brackets kept: {message_id}"
    );
    assert!(mime.contains(&format!("Message-ID: {message_id}")));
    assert!(mime.contains("Content-Type: multipart/mixed"));
    assert!(mime.contains("Content-Type: application/pdf"));
    let folder = offer["parentFolderId"].as_str().expect("folder");
    let in_folder = fx
        .http
        .get(fx.graph(&format!("/me/mailFolders/{folder}/messages/{id}/$value")))
        .bearer_auth(&token)
        .send()
        .await
        .expect("mime in folder");
    assert_eq!(
        in_folder.text().await.expect("text"),
        mime,
        "same MIME under the folder path"
    );
}

#[tokio::test]
async fn the_demo_mailboxes_hold_the_promised_transfer_mails() {
    let fx = GraphFixture::demo().await;
    let mut ids_by_person = Vec::new();
    for upn in [LENA, JONAS] {
        let token = fx.access_token(upn).await;
        let folders = fx
            .get(&token, &fx.graph("/me/mailFolders?$top=50"), &[])
            .await;
        let folder = |name: &str| {
            folders.body["value"]
                .as_array()
                .expect("value")
                .iter()
                .find(|f| f["displayName"] == name)
                .cloned()
                .expect(name)
        };
        let root = fx
            .get(&token, &fx.graph("/me/mailFolders/msgfolderroot"), &[])
            .await;
        let eingang = folder("Odoo Eingang");
        assert_eq!(
            eingang["parentFolderId"], root.body["id"],
            "directly under the root"
        );
        assert_eq!(folder("Odoo Ausgang")["parentFolderId"], root.body["id"]);
        let page = fx
            .get(
                &token,
                &fx.graph(&format!(
                    "/me/mailFolders/{}/messages?$top=50",
                    eingang["id"].as_str().expect("id")
                )),
                &[],
            )
            .await;
        let mails = page.body["value"].as_array().expect("value").clone();
        assert!(
            mails.iter().any(|m| m["subject"] == ""),
            "one without subject"
        );
        assert!(
            mails
                .iter()
                .any(|m| m["from"]["emailAddress"]["address"] == "max@unbekannt-gmbh.example")
        );
        assert!(
            mails
                .iter()
                .any(|m| m["from"]["emailAddress"]["address"] == "info@schroeder-design.example")
        );
        let both = mails
            .iter()
            .find(|m| m["toRecipients"].as_array().is_some_and(|r| r.len() == 2))
            .expect("mail to both");
        ids_by_person.push(both["internetMessageId"].clone());
        let inbox = fx
            .get(&token, &fx.graph("/me/mailFolders/inbox"), &[])
            .await;
        assert!(
            inbox.body["totalItemCount"].as_u64().is_some_and(|n| n > 0),
            "ordinary inbox mail"
        );
    }
    assert_eq!(
        ids_by_person[0], ids_by_person[1],
        "the mail to both colleagues has one Message-ID"
    );
}

#[tokio::test]
async fn batch_answers_each_item_and_424_for_a_failed_dependency() {
    let fx = GraphFixture::demo().await;
    let token = fx.access_token(LENA).await;
    let batch = json!({"requests": [
        {"id": "1", "method": "GET", "url": "/me/mailFolders/inbox"},
        {"id": "2", "method": "GET", "url": "/me/messages/AAMkAGI2doesnotexistAAAAAAAAAAAAAAAAAAA="},
        {"id": "3", "dependsOn": ["2"], "method": "POST", "url": "/me/mailFolders", "headers": {"Content-Type": "application/json"}, "body": {"displayName": "Nie"}},
        {"id": "4", "dependsOn": ["1"], "method": "POST", "url": "/me/mailFolders", "headers": {"Content-Type": "application/json"}, "body": {"displayName": "Batch"}},
    ]});
    let reply = fx
        .send(&token, Method::POST, &fx.graph("/$batch"), Some(batch), &[])
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let responses = reply.body["responses"].as_array().expect("responses");
    let by_id = |id: &str| responses.iter().find(|r| r["id"] == id).cloned().expect(id);
    assert_eq!(by_id("1")["status"], 200);
    assert!(by_id("1")["body"]["id"].is_string());
    assert_eq!(by_id("2")["status"], 404);
    assert_eq!(by_id("2")["body"]["error"]["code"], "ErrorItemNotFound");
    assert_eq!(by_id("3")["status"], 424);
    assert_eq!(by_id("4")["status"], 201);
    let folders = fx
        .get(&token, &fx.graph("/me/mailFolders?$top=50"), &[])
        .await;
    let names: Vec<&str> = folders.body["value"]
        .as_array()
        .expect("value")
        .iter()
        .filter_map(|f| f["displayName"].as_str())
        .collect();
    assert!(
        names.contains(&"Batch") && !names.contains(&"Nie"),
        "{names:?}"
    );

    let too_big = json!({"requests": (0..21).map(|i| json!({"id": i.to_string(), "method": "GET", "url": "/me"})).collect::<Vec<_>>()});
    let reply = fx
        .send(
            &token,
            Method::POST,
            &fx.graph("/$batch"),
            Some(too_big),
            &[],
        )
        .await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    let duplicate = json!({"requests": [{"id": "1", "method": "GET", "url": "/me"}, {"id": "1", "method": "GET", "url": "/me"}]});
    assert_eq!(
        fx.send(
            &token,
            Method::POST,
            &fx.graph("/$batch"),
            Some(duplicate),
            &[]
        )
        .await
        .status,
        StatusCode::BAD_REQUEST
    );
}

#[tokio::test]
async fn received_date_filters_limit_lists_and_delta_rounds() {
    let fx = GraphFixture::empty().await;
    let (token, folder_id) = person_with_folder(&fx, "Odoo Eingang", 12).await;
    let filter = "receivedDateTime ge 2026-11-01T08:05:00Z";
    let list = fx
        .get(
            &token,
            &fx.graph(&format!(
                "/me/mailFolders/{folder_id}/messages?$top=50&$filter={filter}"
            )),
            &[],
        )
        .await;
    assert_eq!(list.status, StatusCode::OK, "{}", list.body);
    assert_eq!(ids(&list.body).len(), 7, "08:05 to 08:11");

    let first = fx.graph(&format!(
        "/me/mailFolders/{folder_id}/messages/delta?$filter={filter}"
    ));
    let (items, delta_link, _) = delta_round(&fx, &token, &first, 50).await;
    assert_eq!(items.len(), 7);
    fx.put_mail(
        TEST,
        json!({"folder": "Odoo Eingang", "subject": "alt", "received": "2026-10-01T08:00:00Z"}),
    )
    .await;
    fx.put_mail(
        TEST,
        json!({"folder": "Odoo Eingang", "subject": "neu", "received": "2026-11-02T08:00:00Z"}),
    )
    .await;
    let (items, _, _) = delta_round(&fx, &token, &delta_link, 50).await;
    let subjects: Vec<&str> = items.iter().filter_map(|m| m["subject"].as_str()).collect();
    assert_eq!(
        subjects,
        vec!["neu"],
        "the filter of the first request holds for later rounds"
    );

    let unsupported = fx
        .get(
            &token,
            &fx.graph(&format!(
                "/me/mailFolders/{folder_id}/messages?$filter=subject eq 'x'"
            )),
            &[],
        )
        .await;
    assert_eq!(unsupported.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn a_text_body_is_returned_when_preferred() {
    let fx = GraphFixture::empty().await;
    let (token, _) = person_with_folder(&fx, "Odoo Eingang", 0).await;
    let id = fx
        .put_mail(TEST, json!({"folder": "Odoo Eingang", "subject": "Text", "body_html": "<html><body><p>Hallo <b>Welt</b></p></body></html>"}))
        .await;
    let url = fx.graph(&format!("/me/messages/{id}"));
    let html = fx.get(&token, &url, &[]).await;
    assert_eq!(html.body["body"]["contentType"], "html");
    let text = fx
        .get(
            &token,
            &url,
            &[("Prefer", "outlook.body-content-type=\"text\"")],
        )
        .await;
    assert_eq!(text.body["body"]["contentType"], "text");
    assert_eq!(text.body["body"]["content"], "Hallo Welt");
    assert_eq!(
        text.header("preference-applied"),
        Some("outlook.body-content-type=\"text\"")
    );
}

#[tokio::test]
async fn select_narrows_the_person_and_folders() {
    let fx = GraphFixture::demo().await;
    let token = fx.access_token(LENA).await;
    let me = fx
        .get(
            &token,
            &fx.graph("/me?$select=id,displayName,userPrincipalName,mail"),
            &[],
        )
        .await;
    let mut keys: Vec<&str> = me
        .body
        .as_object()
        .expect("object")
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        vec![
            "@odata.context",
            "displayName",
            "id",
            "mail",
            "userPrincipalName"
        ]
    );

    let select = "$select=displayName,parentFolderId,totalItemCount";
    let mut next = Some(fx.graph(&format!("/me/mailFolders?{select}&$top=3")));
    let mut seen = 0;
    while let Some(url) = next {
        let page = fx.get(&token, &url, &[]).await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        for f in page.body["value"].as_array().expect("value") {
            seen += 1;
            assert!(
                f.get("unreadItemCount").is_none() && f.get("isHidden").is_none(),
                "{f}"
            );
            assert!(f["id"].is_string() && f["totalItemCount"].is_u64(), "{f}");
        }
        next = page.body["@odata.nextLink"].as_str().map(str::to_string);
    }
    assert_eq!(seen, 10, "the $select survives paging");
    let one = fx
        .get(
            &token,
            &fx.graph(&format!("/me/mailFolders/inbox?{select}")),
            &[],
        )
        .await;
    assert!(one.body.get("childFolderCount").is_none());
    let unknown = fx
        .get(
            &token,
            &fx.graph("/me/mailFolders?$select=wellKnownName"),
            &[],
        )
        .await;
    assert_eq!(
        unknown.status,
        StatusCode::BAD_REQUEST,
        "wellKnownName is beta-only"
    );
}

#[tokio::test]
async fn a_large_folder_pages_with_top_up_to_1000() {
    let fx = GraphFixture::empty().await;
    let (token, folder_id) = person_with_folder(&fx, "Odoo Eingang", 0).await;
    let created = fx
        .control_post(
            &format!("/graph/mailboxes/{TEST}/generate"),
            json!({"folder": "Odoo Eingang", "count": 2500}),
        )
        .await;
    assert_eq!(created["created"], 2500);
    let mut next = Some(fx.graph(&format!(
        "/me/mailFolders/{folder_id}/messages?$top=1000&$select=subject"
    )));
    let mut sizes = Vec::new();
    let mut seen = HashSet::new();
    while let Some(url) = next {
        let page = fx.get(&token, &url, &[]).await;
        assert_eq!(page.status, StatusCode::OK);
        let page_ids = ids(&page.body);
        sizes.push(page_ids.len());
        seen.extend(page_ids);
        next = page.body["@odata.nextLink"].as_str().map(str::to_string);
    }
    assert_eq!(sizes, vec![1000, 1000, 500]);
    assert_eq!(seen.len(), 2500);
}

#[tokio::test]
async fn an_update_changes_the_change_key_and_a_stale_if_match_is_412() {
    let fx = GraphFixture::empty().await;
    let (token, folder_id) = person_with_folder(&fx, "Odoo Eingang", 1).await;
    let first = fx.graph(&format!("/me/mailFolders/{folder_id}/messages/delta"));
    let (items, delta_link, _) = delta_round(&fx, &token, &first, 10).await;
    let id = items[0]["id"].as_str().expect("id").to_string();
    let old_etag = items[0]["@odata.etag"].as_str().expect("etag").to_string();
    let url = fx.graph(&format!("/me/messages/{id}"));

    let updated = fx
        .send(
            &token,
            Method::PATCH,
            &url,
            Some(json!({"isRead": true, "categories": ["In Odoo"]})),
            &[("If-Match", &old_etag)],
        )
        .await;
    assert_eq!(updated.status, StatusCode::OK, "{}", updated.body);
    assert_eq!(updated.body["isRead"], true);
    assert_eq!(updated.body["categories"], json!(["In Odoo"]));
    assert_ne!(
        updated.body["@odata.etag"],
        old_etag.as_str(),
        "a change gets a new change key"
    );
    let folder = fx
        .get(
            &token,
            &fx.graph(&format!("/me/mailFolders/{folder_id}")),
            &[],
        )
        .await;
    assert_eq!(folder.body["unreadItemCount"], 0);
    let (changes, _, _) = delta_round(&fx, &token, &delta_link, 10).await;
    assert_eq!(changes.len(), 1, "delta reports the update");

    let stale = fx
        .send(
            &token,
            Method::PATCH,
            &url,
            Some(json!({"isRead": false})),
            &[("If-Match", &old_etag)],
        )
        .await;
    assert_eq!(stale.status, StatusCode::PRECONDITION_FAILED);
    assert_eq!(stale.body["error"]["code"], "ErrorIrresolvableConflict");
    let stale_delete = fx
        .send(
            &token,
            Method::DELETE,
            &url,
            None,
            &[("If-Match", &old_etag)],
        )
        .await;
    assert_eq!(stale_delete.status, StatusCode::PRECONDITION_FAILED);
}

#[tokio::test]
async fn a_delta_round_may_open_with_an_empty_page() {
    let fx = GraphFixture::empty().await;
    let (token, folder_id) = person_with_folder(&fx, "Odoo Eingang", 3).await;
    fx.control_post(
        &format!("/graph/mailboxes/{TEST}/empty-delta-pages"),
        json!({"on": true}),
    )
    .await;
    let first = fx
        .get(
            &token,
            &fx.graph(&format!("/me/mailFolders/{folder_id}/messages/delta")),
            &[],
        )
        .await;
    assert_eq!(first.body["value"], json!([]));
    assert!(
        first.body["@odata.deltaLink"].is_null(),
        "an empty page is not the end"
    );
    let next = first.body["@odata.nextLink"]
        .as_str()
        .expect("nextLink")
        .to_string();
    let (items, _, pages) = delta_round(&fx, &token, &next, 10).await;
    assert_eq!((items.len(), pages), (3, 1));
}

#[tokio::test]
async fn page_faults_spoil_links_and_items_as_a_hostile_server_would() {
    let fx = GraphFixture::empty().await;
    let (token, folder_id) = person_with_folder(&fx, "Odoo Eingang", 3).await;
    let delta = fx.graph(&format!("/me/mailFolders/{folder_id}/messages/delta"));
    let fault = |f: Value| fx.control_post("/graph/faults", f);

    fault(
        json!({"kind": "foreign_link", "base_url": "http://127.0.0.2:4711",
                 "path_contains": "/messages/delta", "count": 1}),
    )
    .await;
    let foreign = fx
        .get(&token, &delta, &[("Prefer", "odata.maxpagesize=2")])
        .await;
    let next = foreign.body["@odata.nextLink"].as_str().expect("nextLink");
    assert!(
        next.starts_with("http://127.0.0.2:4711/v1.0/me/mailfolders("),
        "{next}"
    );

    fault(json!({"kind": "endless_paging", "path_contains": "/messages/delta", "count": 1})).await;
    let endless = fx.get(&token, &delta, &[]).await;
    assert_eq!(endless.body["@odata.nextLink"], json!(delta), "its own URL");
    assert!(endless.body["@odata.deltaLink"].is_null());

    fault(
        json!({"kind": "malformed_item", "subject_contains": "Mail 01",
                 "set": {"from": "x"}, "invalid_utf8": true,
                 "path_contains": "/messages/delta", "count": 1}),
    )
    .await;
    let raw = fx
        .http
        .get(&delta)
        .bearer_auth(&token)
        .send()
        .await
        .expect("delta")
        .bytes()
        .await
        .expect("body");
    assert!(
        std::str::from_utf8(&raw).is_err(),
        "a byte that is not UTF-8"
    );
    let page: Value =
        serde_json::from_str(&String::from_utf8_lossy(&raw)).expect("JSON apart from that byte");
    let items = page["value"].as_array().expect("value");
    assert_eq!(items.len(), 3);
    let spoiled: Vec<&Value> = items.iter().filter(|m| m["from"] == "x").collect();
    assert_eq!(spoiled.len(), 1, "only the named mail");
    assert_eq!(spoiled[0]["subject"], "\u{FFFD}Mail 01");
    assert_eq!(
        fx.get(&token, &delta, &[]).await.body["value"]
            .as_array()
            .map(Vec::len),
        Some(3),
        "the faults were used up"
    );
}
