//! The delta page reader against hostile and broken pages (issue 13): whatever Graph (or
//! something pretending to be it) sends, reading never panics; one malformed item is reported
//! on its own and the rest of the page is kept; a broken envelope fails the page clearly.

use proptest::prelude::*;
use serde_json::{Value, json};

use super::client::json_of;
use super::error::GraphErrorKind;
use super::messages::{DeltaCursor, DeltaFrom, DeltaPage, MessageChange, read_delta_page};

/// A message as Graph sends it in a delta page.
fn message(id: &str, subject: &str) -> Value {
    json!({
        "@odata.type": "#microsoft.graph.message",
        "id": id,
        "internetMessageId": format!("<{id}@example.com>"),
        "subject": subject,
        "from": {"emailAddress": {"name": "Kunde", "address": "kunde@example.com"}},
        "toRecipients": [{"emailAddress": {"address": "lena@example.com"}}],
        "ccRecipients": [],
        "receivedDateTime": "2026-03-01T09:30:00Z",
        "hasAttachments": false,
        "isRead": false,
    })
}

/// The ways an item comes spoiled; each makes it unreadable as a message.
#[derive(Debug, Clone, Copy)]
enum Spoil {
    SubjectIsANumber,
    FromIsText,
    RecipientsAreANumber,
    FlagIsText,
    NoId,
    IdIsANumber,
    IdWithAByteThatWasNotText,
    NotAnObject,
    RemovalWithoutId,
}

fn spoil(item: Value, how: Spoil) -> Value {
    let mut item = item;
    match how {
        Spoil::SubjectIsANumber => item["subject"] = json!(42),
        Spoil::FromIsText => item["from"] = json!("x"),
        Spoil::RecipientsAreANumber => item["toRecipients"] = json!(7),
        Spoil::FlagIsText => item["hasAttachments"] = json!("yes"),
        Spoil::NoId => {
            item.as_object_mut().map(|m| m.remove("id"));
        }
        Spoil::IdIsANumber => item["id"] = json!(5),
        Spoil::IdWithAByteThatWasNotText => item["id"] = json!("AAMk\u{FFFD}x"),
        Spoil::NotAnObject => item = json!(17),
        Spoil::RemovalWithoutId => item = json!({"@removed": {"reason": "deleted"}}),
    }
    item
}

fn spoils() -> impl Strategy<Value = Spoil> {
    prop_oneof![
        Just(Spoil::SubjectIsANumber),
        Just(Spoil::FromIsText),
        Just(Spoil::RecipientsAreANumber),
        Just(Spoil::FlagIsText),
        Just(Spoil::NoId),
        Just(Spoil::IdIsANumber),
        Just(Spoil::IdWithAByteThatWasNotText),
        Just(Spoil::NotAnObject),
        Just(Spoil::RemovalWithoutId),
    ]
}

/// Any JSON, leaning towards the names a delta page uses.
fn any_json() -> impl Strategy<Value = Value> {
    let key = prop_oneof![
        prop::sample::select(vec![
            "id",
            "subject",
            "from",
            "toRecipients",
            "emailAddress",
            "address",
            "value",
            "@removed",
            "@odata.nextLink",
            "@odata.deltaLink",
        ])
        .prop_map(str::to_owned),
        any::<String>(),
    ];
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        any::<String>().prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 64, 8, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
            prop::collection::vec((key.clone(), inner), 0..8)
                .prop_map(|fields| Value::Object(fields.into_iter().collect())),
        ]
    })
}

fn counts(page: &DeltaPage) -> (Vec<&str>, usize) {
    let changes = match page {
        DeltaPage::More { changes, .. } | DeltaPage::Last { changes, .. } => changes,
    };
    let read = changes
        .iter()
        .filter_map(|c| match c {
            MessageChange::Upsert(m) => Some(m.id.as_str()),
            MessageChange::Removed { id } => Some(id.as_str()),
            MessageChange::Unreadable(_) => None,
        })
        .collect();
    let unreadable = changes
        .iter()
        .filter(|c| matches!(c, MessageChange::Unreadable(_)))
        .count();
    (read, unreadable)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn any_json_is_read_or_refused_without_panicking(body in any_json()) {
        let items = body.get("value").and_then(Value::as_array).map(Vec::len);
        if let Ok(page) = read_delta_page(body) {
            let (read, unreadable) = counts(&page);
            prop_assert_eq!(Some(read.len() + unreadable), items.or(Some(0)));
        }
    }

    #[test]
    fn any_bytes_are_read_or_refused_without_panicking(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let _ = read_delta_page(json_of(&bytes));
    }

    #[test]
    fn a_page_of_n_items_with_k_spoiled_keeps_the_n_minus_k_in_order_and_reports_the_k(
        items in prop::collection::vec((any::<String>(), prop::option::of(spoils())), 0..40),
        bad_byte_in in prop::option::of(0usize..40),
        last in any::<bool>(),
    ) {
        let mut good = Vec::new();
        let mut value = Vec::new();
        for (i, (subject, how)) in items.iter().enumerate() {
            let id = format!("AAMk-{i}");
            let item = message(&id, subject);
            match how {
                Some(how) => value.push(spoil(item, *how)),
                None => {
                    good.push(id);
                    value.push(item);
                }
            }
        }
        let link = if last { "@odata.deltaLink" } else { "@odata.nextLink" };
        let page = json!({"@odata.context": "x", "value": value, link: "https://graph/next"});
        let mut bytes = serde_json::to_vec(&page).expect("json");
        // a byte that is not UTF-8 inside a readable subject spoils a character, not the item
        if let Some(at) = bad_byte_in.filter(|n| *n < items.len() && items[*n].1.is_none()) {
            let marker = format!("\"AAMk-{at}\",\"internetMessageId\"");
            let text = String::from_utf8(bytes.clone()).expect("utf8");
            if let Some(pos) = text.find(&marker) {
                let subject = text[pos..].find("\"subject\":\"").map(|s| pos + s + 11);
                if let Some(s) = subject {
                    bytes.insert(s, 0xFF);
                }
            }
        }
        let page = read_delta_page(json_of(&bytes)).expect("the envelope is whole");
        let (read, unreadable) = counts(&page);
        prop_assert_eq!(read, good.iter().map(String::as_str).collect::<Vec<_>>());
        prop_assert_eq!(unreadable, items.iter().filter(|(_, how)| how.is_some()).count());
        prop_assert_eq!(matches!(page, DeltaPage::Last { .. }), last);
    }
}

#[test]
fn a_wrongly_typed_field_makes_one_item_unreadable_with_what_is_known_of_it() {
    let mut bad = message("AAMk-2", "Angebot");
    bad["from"] = json!("x");
    let page = json!({
        "value": [message("AAMk-1", "Hallo"), bad, message("AAMk-3", "Tschüss")],
        "@odata.deltaLink": "https://graph/delta?$deltatoken=1",
    });
    let DeltaPage::Last { changes, .. } = read_delta_page(page).expect("page") else {
        panic!("a last page");
    };
    let MessageChange::Unreadable(item) = &changes[1] else {
        panic!("{changes:?}");
    };
    assert_eq!(item.id.as_deref(), Some("AAMk-2"));
    assert_eq!(item.subject.as_deref(), Some("Angebot"));
    assert_eq!(
        item.internet_message_id.as_deref(),
        Some("<AAMk-2@example.com>")
    );
    assert!(item.problem.contains("invalid type"), "{}", item.problem);
    assert!(matches!(&changes[0], MessageChange::Upsert(m) if m.id == "AAMk-1"));
    assert!(matches!(&changes[2], MessageChange::Upsert(m) if m.id == "AAMk-3"));
}

#[test]
fn a_broken_envelope_fails_the_page_as_an_answer_that_is_not_graphs() {
    let broken = [
        Value::Null,
        json!([]),
        json!("page"),
        json!({"value": {"id": "a"}, "@odata.deltaLink": "https://graph/d"}),
        json!({"value": [], "@odata.nextLink": 5}),
        json!({"value": [], "@odata.deltaLink": ["https://graph/d"]}),
    ];
    for body in broken {
        let e = read_delta_page(body.clone()).expect_err("broken envelope");
        assert_eq!(e.kind, GraphErrorKind::BadAnswer, "{body}");
    }
    let no_end = read_delta_page(json!({"value": []})).expect_err("no link");
    assert_eq!(no_end.code, "deltaIncomplete");
}

#[test]
fn a_round_ends_at_a_next_link_it_followed_before_or_past_its_page_bound() {
    let more = |next: &str| DeltaPage::<MessageChange>::More {
        changes: vec![],
        next_link: next.to_owned(),
    };
    let mut looping = DeltaCursor::new(None);
    looping
        .take(more("https://g/d?$skiptoken=1"))
        .expect("page 1");
    looping
        .take(more("https://g/d?$skiptoken=2"))
        .expect("page 2");
    let e = looping
        .take(more("https://g/d?$skiptoken=1"))
        .expect_err("back to page 2's link");
    assert_eq!(e.kind, GraphErrorKind::EndlessPaging);
    assert_eq!(looping.next(), None, "nothing more is read");
    assert_eq!(looping.end(), None, "and nothing is saved");

    let mut itself = DeltaCursor::new(Some("https://g/d?$deltatoken=a"));
    assert_eq!(
        itself.next(),
        Some(DeltaFrom::Link("https://g/d?$deltatoken=a"))
    );
    let e = itself
        .take(more("https://g/d?$deltatoken=a"))
        .expect_err("a page linking to itself");
    assert_eq!(e.code, "pagingRepeated");

    let mut endless = DeltaCursor::bounded(None, 5);
    for n in 1..5 {
        endless
            .take(more(&format!("https://g/d?$skiptoken={n}")))
            .expect("within the bound");
    }
    let e = endless
        .take(more("https://g/d?$skiptoken=5"))
        .expect_err("page 5 wants a sixth");
    assert_eq!(e.code, "pagingTooLong");
    assert_eq!(endless.pages(), 5);
}
