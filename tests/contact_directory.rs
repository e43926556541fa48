//! The Contacts page's list and following from the connector (issue 16), through the core's
//! session against the fake Odoo's demo world (and the fake Graph for an export): Lena follows
//! ten contacts, one archived and one without e-mail; she is the salesperson of Nordwind and
//! Alpenblick and their people. What the list says of each contact is what the contacts job
//! does with it; following from the list is what Odoo then shows.

use it::calendar_job::{CalendarUser, graph};
use it::mail::{LENA, odoo};
use office_connector_core::api::{
    ContactDirectory, ContactDirectoryError, ContactState, DirectoryFilter, DirectoryQuery,
};
use office_connector_core::contacts::selection::Selection;
use office_connector_core::error::{ErrorCode, UserFacing};
use office_connector_core::i18n::Language;
use office_connector_core::model::Trigger;
use serde_json::json;

async fn list(
    lena: &CalendarUser,
    filter: DirectoryFilter,
    search: Option<&str>,
) -> ContactDirectory {
    lena.ms
        .session
        .contact_directory(
            &*lena.ms.secrets,
            &DirectoryQuery {
                filter,
                search: search.map(str::to_owned),
                offset: 0,
                limit: 200,
            },
        )
        .await
        .expect("the list")
}

fn names(page: &ContactDirectory) -> Vec<&str> {
    page.contacts.iter().map(|c| c.name.as_str()).collect()
}

fn find<'a>(
    page: &'a ContactDirectory,
    name: &str,
) -> &'a office_connector_core::api::DirectoryContact {
    page.contacts
        .iter()
        .find(|c| c.name == name)
        .unwrap_or_else(|| panic!("no {name} in {:?}", names(page)))
}

/// Lena's partner follows `id` in Odoo, as Odoo's administrator reads `mail.followers`.
async fn odoo_shows_following(odoo: &it::fakes_odoo::FakeOdoo, id: i64) -> bool {
    let admin = odoo.user("admin");
    let partner = odoo.user(LENA).odoo_partner_id;
    let rows = odoo
        .ok(
            &admin,
            "mail.followers",
            "search_read",
            json!([[
                ["res_model", "=", "res.partner"],
                ["res_id", "=", id],
                ["partner_id", "=", partner]
            ]]),
            json!({"fields": ["partner_id"]}),
        )
        .await;
    rows.as_array().is_some_and(|r| !r.is_empty())
}

#[tokio::test]
async fn the_list_shows_what_lena_follows_what_went_to_outlook_and_why_the_rest_did_not() {
    let (graph, odoo) = (graph().await, odoo().await);
    let lena = CalendarUser::connect(&graph, &odoo, LENA).await;

    let followed = list(&lena, DirectoryFilter::Followed, None).await;
    assert_eq!(followed.total, 10, "{:?}", names(&followed));
    assert!(followed.contacts.iter().all(|c| c.followed && !c.exported));
    let sonke = find(&followed, "Sönke Petersen");
    assert_eq!(
        (sonke.state, sonke.reason),
        (ContactState::NextSync, Some(Selection::Followed))
    );
    let omer = find(&followed, "Ömer Yılmaz");
    assert_eq!(
        (omer.state, omer.reason, omer.email.as_deref()),
        (ContactState::NotExported, Some(Selection::NoEmail), None)
    );
    let archived = find(&followed, "Altkunde Archiv GmbH");
    assert_eq!(
        (archived.active, archived.reason),
        (false, Some(Selection::Archived))
    );

    // every active contact is either followed or not: the two lists split the whole list
    let all = list(&lena, DirectoryFilter::All, None).await;
    let not_followed = list(&lena, DirectoryFilter::NotFollowed, None).await;
    assert_eq!(not_followed.total + followed.total - 1, all.total);
    assert!(
        !names(&all).contains(&"Altkunde Archiv GmbH"),
        "archived: only in her lists"
    );
    assert!(not_followed.contacts.iter().all(|c| !c.followed));
    let with_email = list(&lena, DirectoryFilter::HasEmail, None).await;
    assert!(with_email.contacts.iter().all(|c| c.email.is_some()));
    assert!(!names(&with_email).contains(&"Ömer Yılmaz"));

    // search by name and by part of the address, case-insensitive
    let by_name = list(&lena, DirectoryFilter::All, Some("PETERSEN")).await;
    assert_eq!(names(&by_name), ["Sönke Petersen"]);
    let by_mail = list(&lena, DirectoryFilter::All, Some("lindqvist.example")).await;
    assert_eq!(names(&by_mail), ["Büro Lindqvist"]);

    // pages do not overlap and carry the same total
    let page = |offset| DirectoryQuery {
        filter: DirectoryFilter::All,
        search: None,
        offset,
        limit: 5,
    };
    let secrets = &*lena.ms.secrets;
    let first = lena
        .ms
        .session
        .contact_directory(secrets, &page(0))
        .await
        .expect("page 1");
    let second = lena
        .ms
        .session
        .contact_directory(secrets, &page(5))
        .await
        .expect("page 2");
    assert_eq!((first.contacts.len(), first.total), (5, all.total));
    assert!(
        first
            .contacts
            .iter()
            .all(|c| !names(&second).contains(&c.name.as_str()))
    );

    // after a contacts run the exported ones say so; the rest still say why not
    let runtime = lena.ms.runtime();
    let run = lena
        .ms
        .session
        .sync_contacts(&runtime, secrets, Trigger::Manual, false)
        .await
        .expect("the contacts run");
    let exported = list(&lena, DirectoryFilter::Exported, None).await;
    let created = run
        .report
        .contacts
        .iter()
        .filter(|c| c.outcome == office_connector_core::model::ItemOutcome::Created)
        .count();
    assert_eq!(exported.total as usize, created, "{}", run.summary);
    assert!(names(&exported).contains(&"Sönke Petersen"));
    assert!(
        exported
            .contacts
            .iter()
            .all(|c| c.state == ContactState::Exported)
    );
    let open = list(&lena, DirectoryFilter::FollowedNotExported, None).await;
    let mut open_names = names(&open);
    open_names.sort_unstable();
    assert_eq!(open_names, ["Altkunde Archiv GmbH", "Ömer Yılmaz"]);
}

#[tokio::test]
async fn following_many_at_once_is_what_odoo_then_shows_and_unfollowing_undoes_it() {
    let (graph, odoo) = (graph().await, odoo().await);
    let lena = CalendarUser::connect(&graph, &odoo, LENA).await;
    let secrets = &*lena.ms.secrets;
    let alpenblick = list(&lena, DirectoryFilter::NotFollowed, Some("alpenblick")).await;
    let mut ids: Vec<i64> = alpenblick.contacts.iter().map(|c| c.id).collect();
    ids.sort_unstable();
    assert!(ids.len() >= 3, "{:?}", names(&alpenblick));
    for id in &ids {
        assert!(!odoo_shows_following(&odoo, *id).await);
    }

    let change = lena
        .ms
        .session
        .set_following(secrets, &ids, true)
        .await
        .expect("followed");
    assert_eq!(
        (change.changed.clone(), change.refused.len()),
        (ids.clone(), 0)
    );
    assert!(
        change
            .message
            .contains(&format!("these {} contacts", ids.len())),
        "{}",
        change.message
    );
    for id in &ids {
        assert!(
            odoo_shows_following(&odoo, *id).await,
            "Odoo shows {id} followed"
        );
    }
    let now = list(&lena, DirectoryFilter::Followed, Some("alpenblick")).await;
    assert_eq!(now.total as usize, ids.len());
    assert!(
        now.contacts
            .iter()
            .all(|c| c.state == ContactState::NextSync)
    );

    // again: nothing changes, and it says the contacts are followed
    let again = lena
        .ms
        .session
        .set_following(secrets, &ids, true)
        .await
        .expect("again");
    assert_eq!((again.changed.len(), again.unchanged.len()), (0, ids.len()));

    let one = ids[0];
    let undone = lena
        .ms
        .session
        .set_following(secrets, &[one], false)
        .await
        .expect("unfollowed");
    assert_eq!(undone.changed, [one]);
    assert!(undone.message.contains("stay"), "{}", undone.message);
    assert!(!odoo_shows_following(&odoo, one).await);
    assert!(
        odoo_shows_following(&odoo, ids[1]).await,
        "the others stay followed"
    );
}

#[tokio::test]
async fn following_nothing_or_an_unknown_contact_is_refused_with_a_sentence() {
    let (graph, odoo) = (graph().await, odoo().await);
    let lena = CalendarUser::connect(&graph, &odoo, LENA).await;
    let secrets = &*lena.ms.secrets;
    let none = lena.ms.session.set_following(secrets, &[], true).await;
    let Err(e @ ContactDirectoryError::NoContactsChosen) = none else {
        panic!("{none:?}");
    };
    assert_eq!(e.code(), ErrorCode::InvalidInput);
    let theresa = list(&lena, DirectoryFilter::All, Some("Theresa Huber"))
        .await
        .contacts[0]
        .id;
    let unknown = lena
        .ms
        .session
        .set_following(secrets, &[theresa, 999_999], true)
        .await;
    let Err(e) = unknown else {
        panic!("{unknown:?}");
    };
    assert_eq!(e.code(), ErrorCode::NotFound);
    let (en, de) = (e.to_ui(Language::En).message, e.to_ui(Language::De).message);
    assert!(
        en.contains("999999") && !en.contains(&theresa.to_string()),
        "{en}"
    );
    assert!(de.contains("999999") && de != en, "{de}");
    assert!(
        !odoo_shows_following(&odoo, theresa).await,
        "nothing was followed half-way"
    );
}

#[tokio::test]
async fn customers_are_exported_without_following_only_with_the_option_and_the_list_says_so() {
    let (graph, odoo) = (graph().await, odoo().await);
    let lena = CalendarUser::connect(&graph, &odoo, LENA).await;
    let off = list(&lena, DirectoryFilter::All, Some("Theresa Huber")).await;
    let theresa = find(&off, "Theresa Huber");
    assert_eq!(
        (
            theresa.salesperson,
            theresa.state,
            theresa.reason,
            off.my_customers
        ),
        (true, ContactState::NotFollowed, None, false)
    );
    lena.ms
        .session
        .set_setting("contacts.export_all_my_customers", "true")
        .expect("option");
    let on = list(&lena, DirectoryFilter::All, Some("Theresa Huber")).await;
    let theresa = find(&on, "Theresa Huber");
    assert!(on.my_customers);
    assert_eq!(
        (theresa.state, theresa.reason),
        (ContactState::NextSync, Some(Selection::MyCustomer))
    );
    let text = office_connector_core::api::contact_state_text(theresa, Language::En);
    assert!(text.contains("your customer"), "{text}");
}
