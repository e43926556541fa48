//! The delta page reader against hostile and broken pages (issue 13): a round ends at a link it
//! followed before or past its page bound.

use super::error::GraphErrorKind;
use super::messages::{DeltaCursor, DeltaFrom, DeltaPage};

#[test]
fn a_round_ends_at_a_next_link_it_followed_before_or_past_its_page_bound() {
    let more = |next: &str| DeltaPage::More {
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
