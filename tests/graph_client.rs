//! The core's Graph client against the fake Graph over real HTTP: throttling with Retry-After
//! (waits observed through the injected sleeper), at most 4 requests in flight per mailbox,
//! paging and delta over several pages, 410 resync, the folder tree, `$batch` and typed errors.

use std::collections::HashSet;
use std::sync::Arc;
use std::time::Duration;

use it::microsoft::{MsFixture, lena};
use office_connector_core::api::MicrosoftRuntime;
use office_connector_core::error::{ErrorCode, UserFacing};
use office_connector_core::graph::batch::{self, BatchRequest};
use office_connector_core::graph::client::{
    GraphClient, GraphClientOptions, RecordingSleeper, RetryPolicy,
};
use office_connector_core::graph::error::GraphErrorKind;
use office_connector_core::graph::mail_folders;
use office_connector_core::graph::me::get_me;
use office_connector_core::graph::messages::{self, MessageChange};
use office_connector_core::i18n::Language;
use serde_json::json;

async fn connected() -> (MsFixture, GraphClient) {
    let fx = MsFixture::demo().await;
    fx.connect(lena()).await;
    let client = fx.session.microsoft_client(&fx.runtime()).expect("client");
    (fx, client)
}

fn client_with(
    fx: &MsFixture,
    max_concurrent: usize,
    max_attempts: u32,
    sleeper: &RecordingSleeper,
) -> GraphClient {
    let runtime = MicrosoftRuntime {
        client: GraphClientOptions {
            max_concurrent,
            // NOTE: a client allowing more than 4 must not share the mailbox's slots.
            mailbox: (max_concurrent != 4).then(|| format!("own limit of {max_concurrent}")),
            sleeper: Arc::new(sleeper.clone()),
            retry: RetryPolicy {
                max_attempts,
                ..RetryPolicy::default()
            },
            ..GraphClientOptions::default()
        },
        ..fx.runtime()
    };
    fx.session.microsoft_client(&runtime).expect("client")
}

async fn mails(fx: &MsFixture, folder: &str, n: usize) -> Vec<String> {
    let mut ids = Vec::new();
    for i in 0..n {
        let v = fx
            .graph
            .control_post(
                &format!("/graph/mailboxes/{}/messages", lena()),
                json!({"folder": folder, "subject": format!("Mail {i}"),
                       "from": {"name": "Kunde", "address": "kunde@example.com"},
                       "to": [{"name": "Lena", "address": lena()}]}),
            )
            .await;
        ids.push(v["immutable_id"].as_str().expect("immutable id").to_owned());
    }
    ids
}

#[tokio::test]
async fn a_429_storm_is_waited_out_exactly_as_retry_after_says() {
    let (fx, client) = connected().await;
    get_me(&client).await.expect("warm up");
    fx.graph
        .control_post(
            "/graph/faults",
            json!({"kind": "throttle", "retry_after_secs": 7, "path_contains": "/me", "count": 3}),
        )
        .await;
    let me = get_me(&client).await.expect("succeeds after the storm");
    assert_eq!(me.user_principal_name, lena());
    assert_eq!(fx.sleeper.waits(), vec![Duration::from_secs(7); 3]);
}

#[tokio::test]
async fn a_throttle_that_outlasts_the_retries_is_a_retry_later_error() {
    let fx = MsFixture::demo().await;
    fx.connect(lena()).await;
    let sleeper = RecordingSleeper::new();
    let runtime = MicrosoftRuntime {
        client: GraphClientOptions {
            sleeper: Arc::new(sleeper.clone()),
            retry: RetryPolicy {
                max_attempts: 3,
                ..RetryPolicy::default()
            },
            ..GraphClientOptions::default()
        },
        ..fx.runtime()
    };
    let client = fx.session.microsoft_client(&runtime).expect("client");
    get_me(&client).await.expect("warm up");
    fx.graph
        .control_post(
            "/graph/faults",
            json!({"kind": "throttle", "retry_after_secs": 30, "path_contains": "/me"}),
        )
        .await;
    let err = get_me(&client).await.expect_err("still throttled");
    assert_eq!(err.kind, GraphErrorKind::Throttled);
    assert_eq!(err.retry_after, Some(Duration::from_secs(30)));
    assert!(err.request_id.is_some(), "request-id kept for the run log");
    assert_eq!(sleeper.waits(), vec![Duration::from_secs(30); 2]);
    let ui = err.to_ui(Language::En);
    assert_eq!(ui.code, ErrorCode::Unreachable);
    assert!(ui.retryable);
}

#[tokio::test]
async fn server_errors_without_retry_after_back_off_exponentially() {
    let (fx, client) = connected().await;
    get_me(&client).await.expect("warm up");
    fx.graph
        .control_post(
            "/graph/faults",
            json!({"kind": "server_error", "status": 504, "path_contains": "/me", "count": 3}),
        )
        .await;
    get_me(&client).await.expect("succeeds after three 504s");
    let waits = fx.sleeper.waits();
    assert_eq!(waits.len(), 3);
    for (i, w) in waits.iter().enumerate() {
        let full = Duration::from_secs(1 << i);
        assert!(*w <= full && *w >= full / 2, "wait {i}: {w:?}");
    }
}

#[tokio::test]
async fn never_more_than_four_requests_are_in_flight_for_one_mailbox() {
    let (fx, _) = connected().await;
    let sleeper = RecordingSleeper::new();
    let client = client_with(&fx, 4, 30, &sleeper);
    get_me(&client).await.expect("warm up");
    fx.graph
        .control_post(
            "/graph/faults",
            json!({"kind": "latency", "ms": 150, "path_contains": "/me"}),
        )
        .await;
    let calls: Vec<_> = (0..12)
        .map(|_| {
            let c = client.clone();
            async move { get_me(&c).await }
        })
        .collect();
    for result in futures_join(calls).await {
        assert_eq!(result.expect("me").user_principal_name, lena());
    }
    assert_eq!(client.max_in_flight(), 4);
    assert!(
        sleeper.waits().is_empty(),
        "the fake never had to throttle: {:?}",
        sleeper.waits()
    );

    // Control: a client allowing 8 (and not retrying) trips Exchange's concurrency limit.
    let greedy_sleeper = RecordingSleeper::new();
    let greedy = client_with(&fx, 8, 1, &greedy_sleeper);
    get_me(&greedy).await.expect("warm up");
    let calls: Vec<_> = (0..12)
        .map(|_| {
            let c = greedy.clone();
            async move { get_me(&c).await }
        })
        .collect();
    let throttled = futures_join(calls)
        .await
        .into_iter()
        .filter(|r| r.as_ref().is_err_and(|e| e.code == "ApplicationThrottled"))
        .count();
    assert!(greedy.max_in_flight() > 4);
    assert!(
        throttled > 0,
        "the fake enforces the limit the client keeps"
    );
}

async fn futures_join<F>(futures: Vec<F>) -> Vec<F::Output>
where
    F: std::future::Future + Send + 'static,
    F::Output: Send + 'static,
{
    let mut set = Vec::new();
    for f in futures {
        set.push(tokio::spawn(f));
    }
    let mut out = Vec::new();
    for h in set {
        out.push(h.await.expect("task"));
    }
    out
}

#[tokio::test]
async fn a_listing_follows_next_links_over_several_pages() {
    let (fx, client) = connected().await;
    let folder = fx.graph.add_folder(lena(), "Paging").await;
    let ids = mails(&fx, "Paging", 120).await;
    fx.reset_counts().await;
    let listed = messages::list(&client, &folder).await.expect("list");
    assert_eq!(listed.len(), 120);
    let seen: HashSet<_> = listed.iter().map(|m| m.id.clone()).collect();
    assert_eq!(
        seen,
        ids.into_iter().collect::<HashSet<_>>(),
        "immutable ids, no duplicates"
    );
    assert_eq!(fx.request_count("/messages").await, 3, "three pages of 50");
}

#[tokio::test]
async fn delta_rounds_span_pages_and_report_changes_and_removals() {
    let (fx, client) = connected().await;
    let folder = fx.graph.add_folder(lena(), "Delta").await;
    let ids = mails(&fx, "Delta", 25).await;
    let first = messages::delta(&client, &folder, None, 10)
        .await
        .expect("initial round");
    assert_eq!(first.pages, 3);
    assert_eq!(first.changes.len(), 25);
    assert!(
        first
            .changes
            .iter()
            .all(|c| matches!(c, MessageChange::Upsert(_)))
    );
    assert!(
        first.delta_link.0.contains("deltatoken"),
        "{}",
        first.delta_link.0
    );

    // Outlook: two mails leave the folder, one arrives.
    for id in &ids[..2] {
        fx.graph
            .control_post(
                &format!("/graph/mailboxes/{}/messages/{id}/move", lena()),
                json!({"folder": "inbox"}),
            )
            .await;
    }
    let new = mails(&fx, "Delta", 1).await;
    let second = messages::delta(&client, &folder, Some(&first.delta_link), 10)
        .await
        .expect("next round");
    let removed: HashSet<_> = second
        .changes
        .iter()
        .filter_map(|c| match c {
            MessageChange::Removed { id } => Some(id.clone()),
            MessageChange::Upsert(_) | MessageChange::Unreadable(_) => None,
        })
        .collect();
    let upserted: Vec<_> = second
        .changes
        .iter()
        .filter_map(|c| match c {
            MessageChange::Upsert(m) => Some(m.id.clone()),
            MessageChange::Removed { .. } | MessageChange::Unreadable(_) => None,
        })
        .collect();
    assert_eq!(removed, ids[..2].iter().cloned().collect::<HashSet<_>>());
    assert_eq!(upserted, new);
    let third = messages::delta(&client, &folder, Some(&second.delta_link), 10)
        .await
        .expect("quiet round");
    assert!(third.changes.is_empty());

    // An expired delta link is a typed resync, with the fresh round's URL.
    fx.graph
        .control_post(
            &format!("/graph/mailboxes/{}/expire-delta", lena()),
            json!({}),
        )
        .await;
    let err = messages::delta(&client, &folder, Some(&third.delta_link), 10)
        .await
        .expect_err("410");
    assert_eq!(err.kind, GraphErrorKind::ResyncRequired);
    assert_eq!(err.status, 410);
    assert!(err.location.is_some());
}

#[tokio::test]
async fn the_folder_tree_has_every_level_with_paths_and_counts() {
    let (fx, client) = connected().await;
    fx.graph.add_folder(lena(), "Kunden").await;
    fx.graph
        .control_post(
            &format!("/graph/mailboxes/{}/folders", lena()),
            json!({"display_name": "Nord", "parent": "Kunden"}),
        )
        .await;
    fx.graph
        .control_post(
            &format!("/graph/mailboxes/{}/folders", lena()),
            json!({"display_name": "Hamburg", "parent": "Kunden/Nord"}),
        )
        .await;
    mails(&fx, "Kunden/Nord/Hamburg", 3).await;
    let tree = fx.session.mail_folders(&fx.runtime()).await.expect("tree");
    let kunden = tree.iter().find(|n| n.name == "Kunden").expect("Kunden");
    let nord = &kunden.children[0];
    let hamburg = &nord.children[0];
    assert_eq!(hamburg.path, "Kunden/Nord/Hamburg");
    assert_eq!((hamburg.total, hamburg.unread), (3, 3));
    assert!(tree.iter().any(|n| n.name == "Odoo Eingang"));
    let direct = mail_folders::list_root(&client).await.expect("root");
    assert_eq!(direct.len(), tree.len());
}

#[tokio::test]
async fn batch_moves_go_twenty_at_a_time_and_throttled_items_are_retried() {
    let (fx, client) = connected().await;
    fx.graph.add_folder(lena(), "Quelle").await;
    let ids = mails(&fx, "Quelle", 25).await;
    fx.reset_counts().await;
    fx.graph
        .control_post(
            "/graph/faults",
            json!({"kind": "throttle", "retry_after_secs": 4, "path_contains": "/move", "count": 2}),
        )
        .await;
    let requests: Vec<_> = ids
        .iter()
        .enumerate()
        .map(|(i, id)| BatchRequest {
            id: format!("{i}"),
            method: "POST".into(),
            url: format!("/me/messages/{id}/move"),
            body: Some(json!({"destinationId": "archive"})),
            content_type: None,
        })
        .collect();
    let sleeper = RecordingSleeper::new();
    let answers = batch::send(&client, &requests, 5, &sleeper)
        .await
        .expect("batch");
    assert_eq!(answers.len(), 25);
    assert!(answers.iter().all(|a| a.is_success()), "{answers:?}");
    assert_eq!(
        answers.iter().map(|a| a.id.clone()).collect::<Vec<_>>(),
        (0..25).map(|i| i.to_string()).collect::<Vec<_>>()
    );
    assert_eq!(sleeper.waits(), vec![Duration::from_secs(4)]);
    let all = fx.request_count("$batch").await;
    let items = fx.request_count(" $batch/").await;
    assert_eq!(items, 27, "25 moves, 2 of them again");
    assert_eq!(all - items, 3, "20 + 5, plus one batch for the retries");
}

#[tokio::test]
async fn a_missing_folder_is_a_typed_not_found_with_its_request_id() {
    let (fx, client) = connected().await;
    // A well-formed id that is not in Lena's mailbox: a folder of her colleague.
    let elsewhere = fx
        .graph
        .add_folder(
            office_connector_fakes::graph::seed::DEMO_PEOPLE[1].0,
            "Fremd",
        )
        .await;
    let err = mail_folders::get(&client, &elsewhere)
        .await
        .expect_err("no such folder");
    assert_eq!(err.kind, GraphErrorKind::NotFound);
    assert!(err.request_id.is_some());
    let ui = err.to_ui(Language::De);
    assert_eq!(ui.code, ErrorCode::NotFound);
    assert!(
        ui.message.contains("existiert im Postfach nicht mehr"),
        "{}",
        ui.message
    );
}

#[tokio::test]
async fn a_moved_mail_keeps_its_immutable_id() {
    let (fx, client) = connected().await;
    let folder = fx.graph.add_folder(lena(), "Ids").await;
    let ids = mails(&fx, "Ids", 1).await;
    let moved = messages::move_to(&client, &ids[0], "archive")
        .await
        .expect("move");
    assert_eq!(moved.id, ids[0], "an immutable id survives the move");
    let listed = messages::list(&client, &folder).await.expect("list");
    assert!(listed.is_empty());
    let archived = messages::list(&client, "archive").await.expect("archive");
    let mail = archived
        .iter()
        .find(|m| m.id == ids[0])
        .expect("moved mail");
    assert!(
        mail.received_date_time
            .as_deref()
            .is_some_and(|t| t.ends_with('Z'))
    );
}

#[tokio::test]
async fn two_clients_of_one_mailbox_share_its_four_slots() {
    let (fx, _) = connected().await;
    let (sleeper_a, sleeper_b) = (RecordingSleeper::new(), RecordingSleeper::new());
    let a = client_with(&fx, 4, 30, &sleeper_a);
    let b = client_with(&fx, 4, 30, &sleeper_b);
    get_me(&a).await.expect("warm up a");
    get_me(&b).await.expect("warm up b");
    fx.graph
        .control_post(
            "/graph/faults",
            json!({"kind": "latency", "ms": 150, "path_contains": "/me"}),
        )
        .await;
    let calls: Vec<_> = (0..16)
        .map(|i| {
            let c = if i % 2 == 0 { a.clone() } else { b.clone() };
            async move { get_me(&c).await }
        })
        .collect();
    for result in futures_join(calls).await {
        result.expect("me");
    }
    assert!(
        sleeper_a.waits().is_empty() && sleeper_b.waits().is_empty(),
        "together they never went over Exchange's limit"
    );
}

#[tokio::test]
async fn a_delta_link_saved_as_a_store_cursor_resumes_the_next_round() {
    use office_connector_core::graph::messages::DeltaLink;
    use office_connector_core::model::Job;
    use office_connector_core::store::Cursor;
    let (fx, client) = connected().await;
    let folder = fx.graph.add_folder(lena(), "Cursor").await;
    mails(&fx, "Cursor", 3).await;
    let round = messages::delta(&client, &folder, None, 2)
        .await
        .expect("round");
    assert_eq!(round.changes.len(), 3);
    fx.session
        .store()
        .save_cursor(&Cursor {
            job: Job::Mail,
            scope: folder.clone(),
            graph_delta_link: Some(round.delta_link.0.clone()),
            odoo_since: None,
            last_full_scan: None,
        })
        .expect("save cursor");
    let added = mails(&fx, "Cursor", 1).await;
    let saved = fx
        .session
        .store()
        .cursor(Job::Mail, &folder)
        .expect("read cursor")
        .and_then(|c| c.graph_delta_link)
        .map(DeltaLink)
        .expect("saved link");
    let next = messages::delta(&client, &folder, Some(&saved), 2)
        .await
        .expect("next round");
    let ids: Vec<_> = next
        .changes
        .iter()
        .map(|c| match c {
            MessageChange::Upsert(m) => m.id.clone(),
            MessageChange::Removed { id } => id.clone(),
            MessageChange::Unreadable(item) => panic!("unreadable item {item:?}"),
        })
        .collect();
    assert_eq!(
        ids, added,
        "only the mail that arrived since the saved link"
    );
}

#[tokio::test]
async fn a_delta_round_opening_with_an_empty_page_is_followed_to_the_end() {
    let (fx, client) = connected().await;
    let folder = fx.graph.add_folder(lena(), "Leer zuerst").await;
    let ids = mails(&fx, "Leer zuerst", 4).await;
    fx.graph
        .control_post(
            &format!("/graph/mailboxes/{}/empty-delta-pages", lena()),
            json!({"on": true}),
        )
        .await;
    let round = messages::delta(&client, &folder, None, 10)
        .await
        .expect("round");
    assert!(round.pages >= 2, "the empty page was followed");
    let seen: HashSet<_> = round
        .changes
        .iter()
        .filter_map(|c| match c {
            MessageChange::Upsert(m) => Some(m.id.clone()),
            MessageChange::Removed { .. } | MessageChange::Unreadable(_) => None,
        })
        .collect();
    assert_eq!(seen, ids.into_iter().collect::<HashSet<_>>());
}

#[tokio::test]
async fn a_folder_listing_whose_next_link_names_its_own_page_is_stopped() {
    let (fx, client) = connected().await;
    fx.graph
        .control_post(
            "/graph/faults",
            json!({"kind": "endless_paging", "path_contains": "/mailFolders"}),
        )
        .await;
    let err = tokio::time::timeout(Duration::from_secs(60), mail_folders::tree(&client))
        .await
        .expect("the listing ends")
        .expect_err("a listing without end");
    assert_eq!(err.kind, GraphErrorKind::EndlessPaging);
    assert!(
        err.to_ui(Language::De)
            .message
            .contains("ohne Ende weitere Seiten"),
        "{err}"
    );
}

#[tokio::test]
async fn a_delta_round_whose_next_link_leaves_graph_fails_without_a_request_there() {
    let (fx, client) = connected().await;
    let folder = fx.graph.add_folder(lena(), "Fremd").await;
    mails(&fx, "Fremd", 3).await;
    // NOTE: nothing listens there; a request would fail differently (unreachable, retried).
    let elsewhere = "http://127.0.0.1:9";
    fx.graph
        .control_post(
            "/graph/faults",
            json!({"kind": "foreign_link", "base_url": elsewhere, "path_contains": "/messages/delta"}),
        )
        .await;
    let err = messages::delta(&client, &folder, None, 2)
        .await
        .expect_err("the second page is on another server");
    assert_eq!(err.kind, GraphErrorKind::ForeignLink);
    assert_eq!(&*err.message, elsewhere);
    assert!(
        fx.sleeper.waits().is_empty(),
        "refused at once, never retried"
    );
}
