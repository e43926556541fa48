//! The product's Odoo client (core `odoo::*`) against the fake Odoo over real HTTP: connecting
//! (URL, database, login, version), the typed calls, and Odoo's errors as typed errors.

use std::sync::Arc;

use it::fakes_odoo::FakeOdoo;
use it::odoo_client::StubOdoo;
use office_connector_core::error::{ErrorCode, UserFacing};
use office_connector_core::i18n::Language;
use office_connector_core::model::OdooId;
use office_connector_core::odoo::connect::{self, ConnectRequest};
use office_connector_core::odoo::{OdooClient, OdooError, OdooUrl, SearchRead, Timeouts};
use office_connector_fakes::odoo::{OdooVersion, Seed, SeedUser};
use secrecy::SecretString;
use serde_json::{Map, Value, json};

const LENA: &str = "lena.schaefer@yourcompany.example.com";

fn request(url: &str, db: Option<&str>, login: &str, secret: &str) -> ConnectRequest {
    ConnectRequest {
        url: url.to_owned(),
        db: db.map(str::to_owned),
        login: login.to_owned(),
        secret: SecretString::from(secret.to_owned()),
    }
}

fn quick() -> Timeouts {
    Timeouts {
        connect: std::time::Duration::from_secs(2),
        call: std::time::Duration::from_secs(5),
    }
}

async fn demo() -> (FakeOdoo, SeedUser) {
    let fake = FakeOdoo::start(Seed::Demo, OdooVersion::V17).await;
    let lena = fake.user(LENA);
    (fake, lena)
}

async fn client_of(fake: &FakeOdoo, user: &SeedUser) -> OdooClient {
    connect::connect(
        &request(
            &fake.url(),
            Some(&user.odoo_db),
            &user.odoo_login,
            &user.odoo_api_key,
        ),
        quick(),
    )
    .await
    .expect("connects")
    .client
}

fn map(v: Value) -> Map<String, Value> {
    v.as_object().cloned().expect("an object")
}

#[tokio::test]
async fn an_api_key_connects_and_reads_the_user_once() {
    let (fake, lena) = demo().await;
    let connected = connect::connect(
        &request(&fake.url(), Some("demo"), LENA, &lena.odoo_api_key),
        quick(),
    )
    .await
    .expect("connects with the API key");
    let a = &connected.account;
    assert_eq!(a.url, fake.url());
    assert_eq!((a.db.as_str(), a.uid), ("demo", lena.odoo_uid));
    assert_eq!(a.name, "Lena Schäfer");
    assert_eq!(a.partner_id, lena.odoo_partner_id);
    assert_eq!(a.tz.as_deref(), Some("Europe/Berlin"));
    assert_eq!(a.lang.as_deref(), Some("de_DE"));
    assert_eq!((a.version.as_str(), a.version_major), ("17.0", 17));
    assert!(a.calendar_installed && a.crm_installed);
    assert!(
        !connected.used_password,
        "a 40-hex API key is not a password"
    );
}

#[tokio::test]
async fn a_password_connects_too_and_is_flagged_so_the_user_is_told_to_prefer_a_key() {
    let (fake, lena) = demo().await;
    let connected = connect::connect(
        &request(&fake.url(), Some("demo"), LENA, &lena.odoo_password),
        quick(),
    )
    .await
    .expect("connects with the password");
    assert_eq!(connected.account.uid, lena.odoo_uid);
    assert!(connected.used_password);
}

#[tokio::test]
async fn a_wrong_key_and_an_unknown_login_are_rejected_credentials_the_user_must_fix() {
    let (fake, lena) = demo().await;
    for (login, secret) in [
        (LENA, "0000000000000000000000000000000000000000"),
        ("nobody@example.com", lena.odoo_api_key.as_str()),
    ] {
        let err = connect::connect(&request(&fake.url(), Some("demo"), login, secret), quick())
            .await
            .expect_err("rejected");
        assert!(
            matches!(&err, OdooError::LoginFailed { login: l, db } if l == login && db == "demo"),
            "{err:?}"
        );
        let ui = err.to_ui(Language::En);
        assert_eq!(ui.code, ErrorCode::CredentialsRejected);
        assert!(!ui.retryable);
        assert!(ui.message.contains(login), "{}", ui.message);
        assert!(ui.message.contains("New API Key"), "{}", ui.message);
        assert!(err.to_ui(Language::De).message.contains("nicht akzeptiert"));
    }
}

#[tokio::test]
async fn a_database_that_does_not_exist_is_named_in_the_error() {
    let (fake, lena) = demo().await;
    let err = connect::connect(
        &request(&fake.url(), Some("no_such_db"), LENA, &lena.odoo_api_key),
        quick(),
    )
    .await
    .expect_err("no such db");
    assert!(
        matches!(&err, OdooError::DatabaseMissing { db } if db == "no_such_db"),
        "{err:?}"
    );
    let ui = err.to_ui(Language::En);
    assert_eq!(ui.code, ErrorCode::InvalidInput);
    assert!(
        ui.message.contains("\"no_such_db\" does not exist"),
        "{}",
        ui.message
    );
}

#[tokio::test]
async fn a_revoked_key_on_a_stored_account_is_access_denied() {
    let (fake, lena) = demo().await;
    let client = OdooClient::new(
        connect::transport(&fake.url(), quick()).expect("url"),
        "demo".into(),
        OdooId(lena.odoo_uid),
        SecretString::from("revoked-key"),
    );
    let err = connect::read_user(&client).await.expect_err("denied");
    assert!(matches!(err, OdooError::AccessDenied), "{err:?}");
    assert_eq!(err.code(), ErrorCode::CredentialsRejected);
    assert!(
        err.to_ui(Language::En)
            .message
            .contains("Connect Odoo again")
    );
}

#[tokio::test]
async fn a_single_database_is_detected_and_several_make_the_user_choose() {
    let (fake, lena) = demo().await;
    let connected = connect::connect(
        &request(&fake.url(), None, LENA, &lena.odoo_api_key),
        quick(),
    )
    .await
    .expect("the only database is used");
    assert_eq!(connected.account.db, "demo");

    let several = FakeOdoo::start(Seed::Transcripts, OdooVersion::V17).await;
    let admin = several.user("admin");
    let err = connect::connect(
        &request(&several.url(), None, "admin", &admin.odoo_api_key),
        quick(),
    )
    .await
    .expect_err("must choose");
    match &err {
        OdooError::DatabaseChoice { databases } => {
            assert_eq!(databases, &vec!["o365".to_string(), "o365_ms".to_string()]);
        }
        other => panic!("expected a choice, got {other:?}"),
    }
    let ui = err.to_ui(Language::En);
    assert_eq!(ui.code, ErrorCode::ChoiceRequired);
    assert!(ui.message.contains("o365, o365_ms"), "{}", ui.message);

    // the database named in the pasted address (?db=) counts as chosen
    let url = format!("{}/web/login?db=o365_ms", several.url());
    let connected = connect::connect(&request(&url, None, "admin", &admin.odoo_api_key), quick())
        .await
        .expect("db from the address");
    assert_eq!(connected.account.db, "o365_ms");
    assert_eq!(connected.account.url, several.url());
}

#[tokio::test]
async fn the_wizard_gets_the_database_list_of_a_pasted_address() {
    let several = FakeOdoo::start(Seed::Transcripts, OdooVersion::V17).await;
    let url = format!("{}/odoo", several.url());
    let dbs = office_connector_core::api::odoo_databases(&url)
        .await
        .expect("listed");
    assert_eq!(dbs, ["o365", "o365_ms"]);
    let hidden = StubOdoo::with_version("17.0", None).await;
    let err = office_connector_core::api::odoo_databases(hidden.url())
        .await
        .expect_err("hidden");
    assert_eq!(err.code(), ErrorCode::ChoiceRequired);
    let old = StubOdoo::with_version("14.0", Some(vec!["prod"])).await;
    let err = office_connector_core::api::odoo_databases(old.url())
        .await
        .expect_err("too old");
    assert!(err.to_ui(Language::En).message.contains("version 14.0"));
}

#[tokio::test]
async fn a_hidden_database_list_asks_the_user_to_type_the_name() {
    let stub = StubOdoo::with_version("17.0", None).await;
    let err = connect::connect(&request(stub.url(), None, "a@b.c", "x"), quick())
        .await
        .expect_err("list disabled");
    assert!(matches!(err, OdooError::DatabaseListDisabled), "{err:?}");
    assert_eq!(err.code(), ErrorCode::ChoiceRequired);
    assert!(
        err.to_ui(Language::En)
            .message
            .contains("Enter the database name")
    );
}

#[tokio::test]
async fn versions_16_to_19_are_detected() {
    for (version, text) in [
        (OdooVersion::V16, "16.0"),
        (OdooVersion::V17, "17.0"),
        (OdooVersion::V18, "18.0"),
        (OdooVersion::V19, "19.0"),
    ] {
        let fake = FakeOdoo::start(Seed::Demo, version).await;
        let lena = fake.user(LENA);
        let connected = connect::connect(
            &request(&fake.url(), None, LENA, &lena.odoo_api_key),
            quick(),
        )
        .await
        .unwrap_or_else(|e| panic!("{text}: {e:?}"));
        assert_eq!(connected.account.version, text);
        assert_eq!(connected.account.version_major, version.major());
    }
}

#[tokio::test]
async fn odoo_15_and_20_are_refused_as_unsupported_before_any_login() {
    for version in ["15.0", "20.0"] {
        let stub = StubOdoo::with_version(version, Some(vec!["prod"])).await;
        let err = connect::connect(&request(stub.url(), Some("prod"), "a@b.c", "k"), quick())
            .await
            .expect_err("unsupported");
        assert!(
            matches!(&err, OdooError::UnsupportedVersion { version: v } if v == version),
            "{err:?}"
        );
        let ui = err.to_ui(Language::En);
        assert!(
            ui.message.contains(&format!("version {version}"))
                && ui.message.contains("16, 17, 18 and 19"),
            "{}",
            ui.message
        );
        assert!(!ui.retryable);
    }
}

#[tokio::test]
async fn a_server_that_is_down_is_a_retryable_error() {
    let (fake, lena) = demo().await;
    let client = client_of(&fake, &lena).await;
    fake.control_put("faults", json!({"down": true})).await;
    let err = connect::read_user(&client).await.expect_err("down");
    assert!(matches!(err, OdooError::Unreachable { .. }), "{err:?}");
    let ui = err.to_ui(Language::En);
    assert_eq!(ui.code, ErrorCode::Unreachable);
    assert!(ui.retryable);
    assert!(ui.message.contains("try again later"), "{}", ui.message);

    let err = connect::connect(
        &request(&fake.url(), None, LENA, &lena.odoo_api_key),
        quick(),
    )
    .await
    .expect_err("down at connect too");
    assert!(err.is_retryable(), "{err:?}");

    fake.control_delete("faults").await;
    connect::read_user(&client)
        .await
        .expect("works again once the server is back");
}

#[tokio::test]
async fn a_refused_connection_is_retryable() {
    // a port nobody listens on: bind, read the port, close
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("free port")
        .port();
    let err = connect::connect(
        &request(&format!("http://127.0.0.1:{port}"), Some("x"), "a", "b"),
        quick(),
    )
    .await
    .expect_err("refused");
    assert!(
        matches!(
            err,
            OdooError::Unreachable {
                timed_out: false,
                ..
            }
        ),
        "{err:?}"
    );
    assert!(err.is_retryable());
}

#[tokio::test]
async fn http_5xx_is_a_retryable_server_error() {
    let (fake, lena) = demo().await;
    let client = client_of(&fake, &lena).await;
    fake.control_put("faults", json!({"http_error": {"status": 502, "count": 1}}))
        .await;
    let err = connect::read_user(&client).await.expect_err("502");
    assert!(
        matches!(err, OdooError::ServerUnavailable { status: 502, .. }),
        "{err:?}"
    );
    assert!(err.is_retryable());
    assert!(err.to_ui(Language::De).message.contains("HTTP 502"));
    connect::read_user(&client)
        .await
        .expect("the next call goes through");
}

#[tokio::test]
async fn an_address_that_is_not_odoo_is_said_so() {
    let stub = StubOdoo::start(Arc::new(|_, _, _| Ok(json!("not a version")))).await;
    let err = connect::connect(&request(stub.url(), Some("d"), "a", "b"), quick())
        .await
        .expect_err("not odoo");
    assert!(matches!(err, OdooError::NotOdoo { .. }), "{err:?}");
}

#[tokio::test]
async fn access_error_missing_record_and_validation_are_typed_with_the_model() {
    let (fake, lena) = demo().await;
    let client = client_of(&fake, &lena).await;

    let mut vals = Map::new();
    vals.insert("name".into(), json!("Hacked"));
    let err = client
        .write("res.users", &[OdooId(2)], vals)
        .await
        .expect_err("a salesperson may not modify users");
    match &err {
        OdooError::AccessError { site, detail } => {
            assert_eq!(site.model.as_deref(), Some("res.users"));
            assert_eq!(site.method, "write");
            assert!(detail.contains("not allowed to modify"), "{detail}");
        }
        other => panic!("expected an access error, got {other:?}"),
    }
    let ui = err.to_ui(Language::En);
    assert_eq!(ui.code, ErrorCode::PermissionDenied);
    assert!(ui.message.contains("res.users, write"), "{}", ui.message);
    assert!(
        !ui.message
            .contains("This operation is allowed for the following groups"),
        "only the first paragraph: {}",
        ui.message
    );

    let mut vals = Map::new();
    vals.insert("name".into(), json!("Gone"));
    let err = client
        .write("res.partner", &[OdooId(999_999)], vals)
        .await
        .expect_err("missing");
    assert!(
        matches!(&err, OdooError::MissingRecord { site, .. } if site.model.as_deref() == Some("res.partner")),
        "{err:?}"
    );
    assert_eq!(err.code(), ErrorCode::NotFound);

    let err = client
        .create(
            "calendar.event",
            vec![map(json!({"name": "Backwards", "start": "2026-12-01 10:00:00", "stop": "2026-12-01 09:00:00"}))],
        )
        .await
        .expect_err("stop before start");
    assert!(matches!(err, OdooError::Validation { .. }), "{err:?}");
    assert_eq!(err.code(), ErrorCode::RemoteRejected);

    let err = client
        .search_read(
            "x_no.such.model",
            &SearchRead {
                fields: vec!["name".into()],
                ..SearchRead::default()
            },
        )
        .await
        .expect_err("unknown model");
    assert!(
        matches!(&err, OdooError::UnknownModel { model } if model == "x_no.such.model"),
        "{err:?}"
    );
    assert!(!client.has_model("x_no.such.model").await.expect("asked"));

    let err = client
        .read("res.partner", &[OdooId(1)], &["no_such_field"])
        .await
        .expect_err("unknown field");
    assert!(matches!(err, OdooError::UnknownField { .. }), "{err:?}");
}

#[tokio::test]
async fn typed_calls_batch_create_read_write_search_and_post() {
    let (fake, lena) = demo().await;
    let client = client_of(&fake, &lena).await;
    fake.control_delete("requests").await;

    let ids = client
        .create(
            "res.partner",
            vec![
                map(json!({"name": "Anna Zweig", "email": "anna@zweig.example"})),
                map(json!({"name": "Bert Zweig", "email": "bert@zweig.example"})),
                map(json!({"name": "Carla Zweig", "email": "carla@zweig.example"})),
            ],
        )
        .await
        .expect("create a list");
    assert_eq!(ids.len(), 3);
    let counts = fake.control_get("requests").await;
    assert_eq!(
        counts["counts"]["res.partner.create"], 1,
        "one call for three records: {counts}"
    );

    let rows = client
        .read("res.partner", &ids, &["name", "email"])
        .await
        .expect("read many");
    let names: Vec<&str> = rows.iter().filter_map(|r| r["name"].as_str()).collect();
    assert_eq!(names, ["Anna Zweig", "Bert Zweig", "Carla Zweig"]);

    let mut vals = Map::new();
    vals.insert("function".into(), json!("Einkauf"));
    client
        .write("res.partner", &ids[..2], vals)
        .await
        .expect("write");
    let query = SearchRead {
        domain: json!([
            ["email", "=ilike", "%@zweig.example"],
            ["function", "=", "Einkauf"]
        ]),
        fields: vec!["name".into()],
        limit: Some(1),
        offset: Some(1),
        order: Some("name asc".into()),
        context: None,
    };
    let page = client
        .search_read("res.partner", &query)
        .await
        .expect("search_read");
    assert_eq!(page.len(), 1);
    assert_eq!(page[0]["name"], "Bert Zweig");
    assert_eq!(
        client
            .search_count(
                "res.partner",
                json!([["email", "=ilike", "%@zweig.example"]])
            )
            .await
            .expect("count"),
        3
    );

    let message = client
        .message_post(
            "res.partner",
            ids[0],
            map(
                json!({"body": "<p>Angebot</p>", "body_is_html": true, "subject": "Angebot",
                       "message_type": "comment", "subtype_xmlid": "mail.mt_note",
                       "message_id": "<offer-1@zweig.example>", "date": "2026-11-02 08:15:00"}),
            ),
        )
        .await
        .expect("message_post");
    let stored = client
        .search_read(
            "mail.message",
            &SearchRead {
                domain: json!([["message_id", "=", "<offer-1@zweig.example>"]]),
                fields: vec!["id".into(), "date".into(), "res_id".into()],
                ..SearchRead::default()
            },
        )
        .await
        .expect("find the message");
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0]["id"], message.0);
    assert_eq!(stored[0]["date"], "2026-11-02 08:15:00");
    assert_eq!(stored[0]["res_id"], ids[0].0);

    // message_unsubscribe returns None: the answer has no "result" key (FACTS 2, 26)
    let none = client
        .execute_kw(
            "res.partner",
            "message_unsubscribe",
            vec![json!([ids[0].0]), json!([lena.odoo_partner_id])],
            Map::new(),
        )
        .await
        .expect("None is fine");
    assert_eq!(none, None);

    // archived contacts are hidden unless the context says otherwise (FACTS 40)
    let mut archive = Map::new();
    archive.insert("active".into(), json!(false));
    client
        .write("res.partner", &ids[1..2], archive)
        .await
        .expect("archive");
    let mut by_name = SearchRead {
        domain: json!([["name", "=", "Bert Zweig"]]),
        fields: vec!["active".into()],
        ..SearchRead::default()
    };
    assert!(
        client
            .search_read("res.partner", &by_name)
            .await
            .expect("search")
            .is_empty()
    );
    by_name.context = Some(map(json!({"active_test": false})));
    let archived = client
        .search_read("res.partner", &by_name)
        .await
        .expect("search with context");
    assert_eq!(archived.len(), 1);
    assert_eq!(archived[0]["active"], false);

    let fields = client
        .fields_get("res.partner", &["type"])
        .await
        .expect("fields_get");
    assert_eq!(fields["email"]["type"], "char");

    client
        .unlink("res.partner", &ids[2..])
        .await
        .expect("unlink");
    let left = client
        .read("res.partner", &ids, &["name"])
        .await
        .expect("read");
    assert_eq!(
        left.len(),
        2,
        "a read of a deleted id returns nothing for it"
    );
}

#[test]
fn pasted_addresses_are_normalised_to_the_server_base() {
    let table: &[(&str, &str, Option<&str>)] = &[
        ("erp.example.com", "https://erp.example.com", None),
        ("https://erp.example.com/", "https://erp.example.com", None),
        (
            "https://erp.example.com/odoo",
            "https://erp.example.com",
            None,
        ),
        (
            "https://erp.example.com/odoo/contacts/7",
            "https://erp.example.com",
            None,
        ),
        (
            "https://erp.example.com/web",
            "https://erp.example.com",
            None,
        ),
        (
            "https://erp.example.com/web#id=12&model=res.partner&view_type=form",
            "https://erp.example.com",
            None,
        ),
        (
            "https://erp.example.com/web/login",
            "https://erp.example.com",
            None,
        ),
        (
            "https://erp.example.com/jsonrpc",
            "https://erp.example.com",
            None,
        ),
        (
            "HTTPS://ERP.Example.COM/Odoo",
            "https://erp.example.com",
            None,
        ),
        (
            "   erp.example.com/odoo  \n",
            "https://erp.example.com",
            None,
        ),
        (
            "https://erp.example.com/web/login?db=prod",
            "https://erp.example.com",
            Some("prod"),
        ),
        (
            "https://erp.example.com:8443/odoo",
            "https://erp.example.com:8443",
            None,
        ),
        (
            "http://erp.example.com:8069/web",
            "http://erp.example.com:8069",
            None,
        ),
        (
            "https://erp.example.com:443/",
            "https://erp.example.com",
            None,
        ),
        ("localhost:8069", "http://localhost:8069", None),
        (
            "127.0.0.1:8069/odoo?db=demo",
            "http://127.0.0.1:8069",
            Some("demo"),
        ),
        (
            "mycompany.odoo.com/odoo/action-123",
            "https://mycompany.odoo.com",
            None,
        ),
        (
            "https://user:pw@erp.example.com/odoo",
            "https://erp.example.com",
            None,
        ),
    ];
    for (pasted, base, db) in table {
        let url = OdooUrl::parse(pasted).unwrap_or_else(|e| panic!("{pasted:?}: {e}"));
        assert_eq!(url.as_str(), *base, "{pasted:?}");
        assert_eq!(url.db_hint(), *db, "{pasted:?}");
        assert_eq!(url.jsonrpc().as_str(), format!("{base}/jsonrpc"));
    }
}

#[tokio::test]
async fn garbage_addresses_get_a_clear_error_in_both_languages() {
    for garbage in [
        "",
        "not a url",
        "ftp://erp.example.com",
        "https://",
        "mailto:x@y.z",
    ] {
        let err = connect::connect(&request(garbage, None, "a", "b"), quick())
            .await
            .expect_err(garbage);
        assert!(
            matches!(err, OdooError::InvalidUrl { .. }),
            "{garbage:?}: {err:?}"
        );
        let ui = err.to_ui(Language::En);
        assert_eq!(ui.code, ErrorCode::InvalidInput);
        assert!(
            ui.message.contains("https://mycompany.odoo.com")
                || ui.message.contains("https:// (or http://)"),
            "{garbage:?}: {}",
            ui.message
        );
        assert!(!err.to_ui(Language::De).message.is_empty());
    }
}

#[tokio::test]
async fn the_session_stores_the_key_in_the_secret_store_and_a_failed_connect_stores_nothing() {
    use office_connector_core::secrets::{MemoryKeyring, SecretStore};
    use secrecy::ExposeSecret;
    let (fake, lena) = demo().await;
    let home = it::home::TempHome::new();
    let session = home.session();
    let keyring = MemoryKeyring::new();
    let secrets = keyring.store_for(session.home());

    let err = session
        .connect_odoo_with(
            &secrets,
            &request(&fake.url(), Some("demo"), LENA, "wrong-key"),
        )
        .await
        .expect_err("wrong key");
    assert_eq!(err.code(), ErrorCode::CredentialsRejected);
    assert!(keyring.is_empty(), "nothing stored for a failed connect");
    assert!(session.odoo_account().expect("read").is_none());

    let connection = session
        .connect_odoo_with(
            &secrets,
            &request(
                &fake.url(),
                None,
                LENA,
                &format!("  {}\n", lena.odoo_api_key),
            ),
        )
        .await
        .expect("connects");
    assert!(!connection.used_password);
    assert!(
        connection.message.contains("as Lena Schäfer"),
        "{}",
        connection.message
    );
    let stored = secrets
        .get(office_connector_core::odoo::SECRET_NAME)
        .expect("get")
        .expect("stored");
    assert_eq!(stored.expose_secret(), lena.odoo_api_key, "stored trimmed");
    let account = session.odoo_account().expect("read").expect("saved");
    assert_eq!(account, connection.account);
    let status = session.status().expect("status");
    let odoo = status
        .accounts
        .iter()
        .find(|a| a.kind == office_connector_core::model::AccountKind::Odoo)
        .expect("odoo row");
    assert!(odoo.connected);
    assert_eq!(odoo.identity.as_deref(), Some(LENA));

    let check = session.test_odoo_with(&secrets).await;
    assert!(check.ok(), "{check:?}");
    assert_eq!(check.user.as_deref(), Some("Lena Schäfer"));

    assert!(session.disconnect_odoo_with(&secrets).expect("disconnect"));
    assert!(keyring.is_empty());
    assert!(session.odoo_account().expect("read").is_none());
    let check = session.test_odoo_with(&secrets).await;
    assert!(!check.connected && !check.ok());
}

#[tokio::test]
async fn a_server_slower_than_the_timeout_is_a_retryable_timeout() {
    let (fake, lena) = demo().await;
    let impatient = Timeouts {
        connect: std::time::Duration::from_secs(2),
        call: std::time::Duration::from_millis(200),
    };
    fake.control_put("faults", json!({"latency_ms": 2000}))
        .await;
    let err = connect::connect(
        &request(&fake.url(), Some("demo"), LENA, &lena.odoo_api_key),
        impatient,
    )
    .await
    .expect_err("too slow");
    assert!(
        matches!(
            err,
            OdooError::Unreachable {
                timed_out: true,
                ..
            }
        ),
        "{err:?}"
    );
    assert!(err.is_retryable());
    assert!(
        err.to_ui(Language::En)
            .message
            .contains("did not answer in time")
    );
}

#[tokio::test]
async fn followed_contacts_are_read_in_pages_of_200_with_their_tag_names_and_a_quiet_read_is_one_call()
 {
    use office_connector_core::odoo::contacts;
    let (fake, lena) = demo().await;
    let client = client_of(&fake, &lena).await;
    let tag = client
        .create(
            "res.partner.category",
            vec![map(json!({"name": "Messe 2026"}))],
        )
        .await
        .expect("a tag");
    let people: Vec<Map<String, Value>> = (0..450)
        .map(|i| {
            map(
                json!({"name": format!("Kunde {i:03}"), "email": format!("k{i}@kunden.example"),
                "category_id": [[6, 0, [tag[0].0]]]}),
            )
        })
        .collect();
    let ids: Vec<i64> = client
        .create("res.partner", people)
        .await
        .expect("450 contacts")
        .into_iter()
        .map(|id| id.0)
        .collect();
    fake.control_delete("requests").await;

    let rows = contacts::read(&client, &ids, None, &[])
        .await
        .expect("read");
    assert_eq!(rows.len(), 450, "every contact, none twice");
    let mut read: Vec<i64> = rows.iter().map(|r| r.partner.id).collect();
    read.dedup();
    assert_eq!(read, ids);
    assert_eq!(rows[449].partner.tags, ["Messe 2026"]);
    let counts = fake.control_get("requests").await;
    assert_eq!(
        counts["counts"]["res.partner.search_read"], 3,
        "pages of 200: {counts}"
    );
    assert_eq!(counts["counts"]["res.partner.category.read"], 1, "{counts}");

    // Odoo keeps microseconds but reads seconds: what was read in the newest second is not
    // read again, what is written afterwards is
    fake.control_delete("requests").await;
    let since = contacts::ChangedSince::after(None, &rows);
    let quiet = contacts::read(&client, &ids, since.as_ref(), &[])
        .await
        .expect("read");
    assert_eq!(quiet.len(), 0, "nothing changed");
    assert_eq!(fake.control_get("requests").await["total"], 1);

    fake.control_post("clock", json!({"advance_seconds": 2}))
        .await;
    let mut vals = Map::new();
    vals.insert("function".into(), json!("Einkauf"));
    client
        .write("res.partner", &[OdooId(ids[7])], vals)
        .await
        .expect("write");
    let changed = contacts::read(&client, &ids, since.as_ref(), &[])
        .await
        .expect("read");
    let changed: Vec<(i64, Option<String>)> = changed
        .iter()
        .map(|r| (r.partner.id, r.partner.function.clone()))
        .collect();
    assert_eq!(changed, [(ids[7], Some("Einkauf".to_owned()))]);
}
