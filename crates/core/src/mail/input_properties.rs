//! Properties of the parsers that take outside input (issue 13, "keep the probes"): whatever
//! a mailbox or an Odoo server sends, they never panic, and what they let through is safe.

use proptest::prelude::*;
use serde_json::{Value, json};

use super::address::{Address, split_email_field};
use super::body::sanitize;
use super::file_names::FileNames;
use crate::odoo::error::CallSite;
use crate::odoo::rpc::decode_answer;

/// HTML that mixes tags, handlers and URL schemes as hostile mail does.
fn hostile_html() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<a href=\"JaVaScRiPt&#58;alert(1)\">x</a>",
        "<a href=\"java\tscript:alert(1)\">x</a>",
        "<svg><script>alert(1)</script></svg>",
        "<iframe src=\"https://evil.example\"></iframe>",
        "<div style=\"background:url(javascript:alert(1))\">x</div>",
        "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
        "<form action=\"https://evil.example\"><input name=a></form>",
        "<p onclick=\"alert(1)\">text</p>",
        "<object data=\"x.swf\"></object>",
        "<b>bold</b>",
        "plain text & more",
        "<",
        ">",
        "\"",
        "'",
    ]);
    prop::collection::vec(pieces, 0..12).prop_map(|p| p.concat())
}

/// Whether `html` still holds something a browser would run.
fn executable(html: &str) -> bool {
    let lower = html.to_lowercase();
    lower.contains("<script")
        || lower.contains("javascript:")
        || lower.contains("<iframe")
        || lower.contains("<object")
        || lower.contains("<form")
        || regex_like_handler(&lower)
}

/// An `on…=` attribute inside a tag (quoted attribute values are text, not attributes).
fn regex_like_handler(lower: &str) -> bool {
    lower.split('<').skip(1).any(|tag| {
        let tag = tag.split('>').next().unwrap_or_default();
        let mut outside = String::new();
        let mut quote: Option<char> = None;
        for c in tag.chars() {
            match quote {
                Some(q) if c == q => quote = None,
                Some(_) => {}
                None if c == '"' || c == '\'' => quote = Some(c),
                None => outside.push(c),
            }
        }
        outside
            .split_whitespace()
            .skip(1)
            .any(|attr| attr.starts_with("on") && attr.contains('='))
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn nothing_executable_survives_the_sanitiser(html in hostile_html()) {
        let clean = sanitize(&html);
        prop_assert!(!executable(&clean), "{html:?} → {clean:?}");
    }

    #[test]
    fn the_sanitiser_takes_any_text(text in any::<String>()) {
        let _ = sanitize(&text);
    }

    #[test]
    fn a_parsed_address_has_one_at_and_no_space_or_control_character(
        raw in prop_oneof![
            any::<String>(),
            "[a-zA-Z\\x00-\\x1f\\x7f\\u{85}\\u{9b} ]{1,6}@[a-z\\x1b]{1,5}\\.[a-z]{2}",
        ]
    ) {
        if let Some(a) = Address::parse(&raw) {
            let s = a.as_str();
            prop_assert!(s.contains('@'));
            prop_assert!(!s.chars().any(|c| c.is_whitespace() || c.is_control()), "{s:?}");
            prop_assert_eq!(s.to_lowercase(), s);
        }
    }

    #[test]
    fn an_email_field_yields_only_addresses_and_each_once(
        parts in prop::collection::vec("[a-zA-Z0-9 <>@.,;\"'\\n-]{0,20}", 0..8)
    ) {
        let field = parts.join(", ");
        let found = split_email_field(&field);
        let mut seen = std::collections::BTreeSet::new();
        for a in &found {
            prop_assert!(Address::parse(a.as_str()).as_ref() == Some(a));
            prop_assert!(seen.insert(a.clone()), "{a} twice in {found:?}");
        }
    }

    #[test]
    fn attachment_names_are_never_empty_unsafe_or_repeated(
        names in prop::collection::vec(prop::option::of(any::<String>()), 1..6),
        types in prop::collection::vec(prop::option::of("[a-z]{1,8}/[a-z0-9.+-]{1,12}"), 6)
    ) {
        let mut given = FileNames::default();
        let mut seen = std::collections::BTreeSet::new();
        for (raw, ct) in names.iter().zip(&types) {
            let name = given.name(raw.as_deref(), ct.as_deref());
            prop_assert!(!name.trim().is_empty());
            prop_assert!(name.len() <= 200, "{} bytes", name.len());
            prop_assert!(!name.chars().any(|c| c.is_control() || c == '/' || c == '\\'), "{name:?}");
            prop_assert!(seen.insert(name.to_lowercase()), "{name} twice");
        }
    }

    #[test]
    fn any_json_rpc_answer_decodes_or_is_a_typed_error(answer in json_value(3)) {
        let site = CallSite { model: Some("res.partner".into()), method: "read".into() };
        let _ = decode_answer(answer, &site);
    }
}

/// Arbitrary JSON, with Odoo's answer keys more likely than chance would give.
fn json_value(depth: u32) -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<String>().prop_map(Value::String),
        Just(json!({"code": 200, "message": "Odoo Server Error", "data": {"name": 7}})),
        Just(json!({"error": {"data": null}})),
    ];
    leaf.prop_recursive(depth, 32, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map(
                prop::sample::select(vec![
                    "jsonrpc", "id", "result", "error", "data", "name", "message", "code"
                ]),
                inner,
                0..4
            )
            .prop_map(|m| Value::Object(m.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())),
        ]
    })
}
