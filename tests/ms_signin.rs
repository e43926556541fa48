//! Microsoft sign-in through the core against the fake identity platform over real HTTP:
//! authorization code + PKCE with the loopback listener, device code, state checks, refresh
//! rotation, single-flight refresh, revoked sign-ins pausing the jobs, the Web registration,
//! and the AADSTS messages in both languages.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use it::microsoft::{Browser, LoopbackVisitor, MsFixture, lena};
use office_connector_core::api::{DeviceCodePrompt, SignInMethod};
use office_connector_core::error::{ErrorCode, UserFacing};
use office_connector_core::graph::auth::{
    DeviceCode, IdentityClient, MicrosoftApp, Registration, sign_in_with_browser,
};
use office_connector_core::graph::client::RecordingSleeper;
use office_connector_core::graph::error::SignInError;
use office_connector_core::graph::me::get_me;
use office_connector_core::graph::texts::SignInProblem;
use office_connector_core::i18n::Language;
use office_connector_core::model::{AccountKind, Job};
use office_connector_core::store::NewAccount;
use office_connector_fakes::graph::seed::{
    DEMO_CLIENT_ID, DEMO_PEOPLE, DEMO_TENANT_ID, WEB_CLIENT_ID, WEB_CLIENT_SECRET,
};
use secrecy::SecretString;
use serde_json::json;

#[tokio::test]
async fn a_person_signs_in_with_pkce_through_the_loopback_listener() {
    let fx = MsFixture::demo().await;
    let browser = Browser::new();
    let connection = fx
        .try_connect(fx.request(
            SignInMethod::Browser(Arc::new(browser.clone())),
            Some(lena()),
        ))
        .await
        .expect("connect");
    assert_eq!(connection.upn, lena());
    assert_eq!(connection.display_name.as_deref(), Some(DEMO_PEOPLE[0].1));
    assert!(
        connection.message.contains(lena()),
        "{}",
        connection.message
    );

    let visit = browser.visit().await;
    let authorize = url::Url::parse(&visit.authorize_url).expect("url");
    let q: std::collections::HashMap<_, _> = authorize.query_pairs().into_owned().collect();
    assert_eq!(q["code_challenge_method"], "S256");
    assert_eq!(q["response_type"], "code");
    assert_eq!(
        q["scope"],
        "offline_access User.Read Mail.ReadWrite Mail.Send Calendars.ReadWrite Contacts.ReadWrite"
    );
    let redirect = url::Url::parse(&q["redirect_uri"]).expect("redirect uri");
    assert_eq!(redirect.host_str(), Some("localhost"));
    assert_eq!(redirect.path(), "/");
    assert_eq!(visit.loopback_status, Some(200));
    assert!(
        visit.loopback_page.contains("Signed in"),
        "{}",
        visit.loopback_page
    );

    // The refresh token is in the keyring and nowhere in the database; the account is stored.
    let refresh = fx.refresh_token().expect("refresh token stored");
    let account = fx
        .session
        .store()
        .account(AccountKind::Microsoft)
        .expect("store")
        .expect("account");
    assert_eq!(account.identity, lena());
    assert!(!account.endpoints.to_string().contains(&refresh));
    let db = std::fs::read(fx.session.home().database_file()).expect("database file");
    assert!(!String::from_utf8_lossy(&db).contains(&refresh));
}

#[tokio::test]
async fn the_page_after_sign_in_speaks_the_users_language() {
    let fx = MsFixture::demo().await;
    fx.session
        .set_setting("general.language", "de")
        .expect("set language");
    let browser = Browser::new();
    fx.try_connect(fx.request(
        SignInMethod::Browser(Arc::new(browser.clone())),
        Some(lena()),
    ))
    .await
    .expect("connect");
    let page = browser.visit().await.loopback_page;
    assert!(page.contains("Angemeldet"), "{page}");
    assert!(page.contains("lang=\"de\""), "{page}");
}

#[tokio::test]
async fn a_redirect_with_a_foreign_state_is_refused_and_nothing_is_stored() {
    let fx = MsFixture::demo().await;
    let browser = Browser::with_forged_state();
    let mut request = fx.request(
        SignInMethod::Browser(Arc::new(browser.clone())),
        Some(lena()),
    );
    request.timeout = Duration::from_secs(2);
    let err = fx
        .try_connect(request)
        .await
        .expect_err("a forged state never signs in");
    // The forged answer is not ours: refused, and the wait went on until nobody came.
    assert!(
        matches!(
            err,
            office_connector_core::error::CoreError::SignIn(SignInError::TimedOut)
        ),
        "{err:?}"
    );
    assert_eq!(browser.visit().await.loopback_status, Some(400));
    assert!(fx.refresh_token().is_none());
    assert!(
        fx.session
            .store()
            .account(AccountKind::Microsoft)
            .expect("store")
            .is_none()
    );
}

#[tokio::test]
async fn stray_requests_to_the_sign_in_listener_are_refused_and_the_sign_in_goes_on() {
    let fx = MsFixture::demo().await;
    let hostile = [
        // any local process: no state at all
        "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n",
        "GET /?code=stolen HTTP/1.1\r\n\r\n",
        "GET /?state=forged&code=stolen HTTP/1.1\r\n\r\n",
        "GET /?state=forged&error=access_denied&error_description=AADSTS65004 HTTP/1.1\r\n\r\n",
        // the right state, but no usable code
        "GET /?state={state}&code= HTTP/1.1\r\n\r\n",
        "GET /?state={state} HTTP/1.1\r\n\r\n",
        "POST /?state={state}&code=abc HTTP/1.1\r\nContent-Length: 0\r\n\r\n",
        "\u{16}\u{3}\u{1}not http at all\r\n\r\n",
    ];
    let visitor = LoopbackVisitor::new(&hostile, true);
    let connection = fx
        .try_connect(fx.request(
            SignInMethod::Browser(Arc::new(visitor.clone())),
            Some(lena()),
        ))
        .await
        .expect("the real redirect still signs in");
    assert_eq!(connection.upn, lena());
    assert_eq!(visitor.statuses().await, vec![Some(400); hostile.len()]);
    let visit = visitor.browser.visit().await;
    assert_eq!(visit.loopback_status, Some(200));
    assert!(visit.loopback_page.contains("Signed in"));
    assert!(fx.refresh_token().is_some());
}

#[tokio::test]
async fn an_empty_code_is_no_success_page() {
    let fx = MsFixture::demo().await;
    let visitor = LoopbackVisitor::new(&["GET /?state={state}&code= HTTP/1.1\r\n\r\n"], false);
    let mut request = fx.request(
        SignInMethod::Browser(Arc::new(visitor.clone())),
        Some(lena()),
    );
    request.timeout = Duration::from_secs(2);
    let err = fx
        .try_connect(request)
        .await
        .expect_err("no code, no sign-in");
    assert_eq!(visitor.statuses().await, vec![Some(400)]);
    assert!(
        matches!(
            err,
            office_connector_core::error::CoreError::SignIn(SignInError::TimedOut)
        ),
        "{err:?}"
    );
    assert_eq!(fx.request_count("/token").await, 0, "no code was redeemed");
}

#[tokio::test]
async fn missing_consent_asks_for_an_administrator_and_means_the_person_must_act() {
    let cases = [
        // consent is reserved for administrators (or was declined)
        (
            "AADSTS65004%3A+User+declined+to+consent+to+access+the+app.",
            65004,
            "administrator",
            "Administrator",
        ),
        // nobody consented yet: the person or an administrator
        (
            "AADSTS65001%3A+The+user+or+administrator+has+not+consented.",
            65001,
            "accept the permissions",
            "stimmen Sie den Berechtigungen zu",
        ),
    ];
    for (description, code, en_part, de_part) in cases {
        let fx = MsFixture::demo().await;
        let redirect = format!(
            "GET /?error=access_denied&error_description={description}&state={{state}} HTTP/1.1\r\n\r\n"
        );
        let visitor = LoopbackVisitor::new(&[redirect.as_str()], false);
        let err = fx
            .try_connect(fx.request(
                SignInMethod::Browser(Arc::new(visitor.clone())),
                Some(lena()),
            ))
            .await
            .expect_err("consent missing");
        assert_eq!(visitor.statuses().await, vec![Some(400)]);
        assert_eq!(err.code(), ErrorCode::PermissionDenied, "{code}: {err:?}");
        let (en, de) = (
            err.to_ui(Language::En).message,
            err.to_ui(Language::De).message,
        );
        assert!(
            en.contains(en_part)
                && en.contains("administrator")
                && en.contains(&format!("AADSTS{code}")),
            "{en}"
        );
        assert!(de.contains(de_part) && de.contains("Administrator"), "{de}");
        assert!(fx.refresh_token().is_none());
    }
}

struct ApprovingPrompt {
    fx_control: String,
    shown: Arc<Mutex<Vec<DeviceCode>>>,
}

impl DeviceCodePrompt for ApprovingPrompt {
    fn show(&self, code: &DeviceCode) {
        self.shown.lock().expect("shown").push(code.clone());
        let url = self.fx_control.clone();
        let body = json!({"user_code": code.user_code, "upn": lena()});
        tokio::spawn(async move {
            reqwest::Client::new()
                .post(url)
                .json(&body)
                .send()
                .await
                .expect("approve");
        });
    }
}

#[tokio::test]
async fn a_person_signs_in_with_a_device_code_and_polling_honours_the_interval() {
    let fx = MsFixture::demo().await;
    let shown = Arc::new(Mutex::new(Vec::new()));
    let sleeper = RecordingSleeper::new();
    let method = SignInMethod::DeviceCode {
        prompt: Arc::new(ApprovingPrompt {
            fx_control: fx.graph.control("/identity/devicecode/approve"),
            shown: shown.clone(),
        }),
        sleeper: Arc::new(sleeper.clone()),
    };
    let connection = fx
        .try_connect(fx.request(method, None))
        .await
        .expect("device code sign-in");
    assert_eq!(connection.upn, lena());
    let code = shown.lock().expect("shown")[0].clone();
    assert!(!code.user_code.is_empty());
    assert!(code.verification_uri.ends_with("/devicelogin"));
    let waits = sleeper.waits();
    assert!(!waits.is_empty());
    assert!(
        waits.iter().all(|w| *w == Duration::from_secs(5)),
        "{waits:?}"
    );
    assert!(fx.refresh_token().is_some());
}

#[tokio::test]
async fn an_unapproved_device_code_expires_with_a_clear_message() {
    let fx = MsFixture::demo().await;
    let identity = IdentityClient::new(
        MicrosoftApp {
            authority: fx.authority(),
            tenant: DEMO_TENANT_ID.into(),
            client_id: DEMO_CLIENT_ID.into(),
            registration: Registration::Desktop,
            client_secret: None,
        },
        fx.clock.clone(),
    );
    let mut code = identity.start_device_code().await.expect("device code");
    code.expires_in = 20; // four polls of 5 s, then give up
    let sleeper = RecordingSleeper::new();
    let err = identity
        .poll_device_code(&code, &sleeper)
        .await
        .expect_err("never approved");
    assert_eq!(err.problem(), Some(SignInProblem::DeviceCodeExpired));
    assert_eq!(sleeper.waits().len(), 4);
    assert!(
        err.to_ui(Language::En)
            .message
            .contains("not entered in time"),
        "{}",
        err.to_ui(Language::En).message
    );
    assert!(
        err.to_ui(Language::De)
            .message
            .contains("nicht rechtzeitig")
    );
}

#[tokio::test]
async fn a_refresh_stores_the_rotated_refresh_token_at_once() {
    let fx = MsFixture::demo().await;
    fx.connect(lena()).await;
    let first = fx.refresh_token().expect("stored");
    let client = fx.session.microsoft_client(&fx.runtime()).expect("client");
    // A fresh client has no access token in memory: its first call refreshes.
    get_me(&client).await.expect("me");
    let second = fx.refresh_token().expect("stored");
    assert_ne!(first, second, "the rotated token replaced the old one");
    assert_eq!(client.tokens().refreshes(), 1);

    // When the access token's lifetime is over by our clock, the next call refreshes again.
    fx.clock.advance(chrono::Duration::minutes(90));
    get_me(&client).await.expect("me after expiry");
    let third = fx.refresh_token().expect("stored");
    assert_ne!(second, third);
    assert_eq!(client.tokens().refreshes(), 2);
}

#[tokio::test]
async fn two_requests_on_an_expired_token_cause_one_refresh() {
    let fx = MsFixture::demo().await;
    fx.connect(lena()).await;
    let client = fx.session.microsoft_client(&fx.runtime()).expect("client");
    get_me(&client).await.expect("warm up");

    // The server expires the access token while our clock still thinks it is valid: both
    // requests get 401 and must share one refresh.
    fx.graph
        .control_post("/identity/access-tokens/expire", json!({"upn": lena()}))
        .await;
    fx.reset_counts().await;
    let (a, b) = tokio::join!(get_me(&client), get_me(&client));
    assert_eq!(a.expect("a").user_principal_name, lena());
    assert_eq!(b.expect("b").user_principal_name, lena());
    assert_eq!(
        fx.request_count("/token").await,
        1,
        "exactly one token request"
    );
    assert_eq!(client.tokens().refreshes(), 2);

    // And when our clock says it expired, parallel callers also wait for one refresh.
    fx.clock.advance(chrono::Duration::hours(2));
    fx.reset_counts().await;
    let (a, b, c) = tokio::join!(get_me(&client), get_me(&client), get_me(&client));
    assert!(a.is_ok() && b.is_ok() && c.is_ok());
    assert_eq!(fx.request_count("/token").await, 1);
}

#[tokio::test]
async fn a_revoked_sign_in_flags_the_account_and_pauses_its_jobs() {
    let fx = MsFixture::demo().await;
    fx.connect(lena()).await;
    // Odoo connected and the contacts job switched on: its timer runs.
    fx.session
        .store()
        .save_account(&NewAccount {
            kind: AccountKind::Odoo,
            identity: "lena".into(),
            display_name: None,
            endpoints: json!({}),
        })
        .expect("odoo account");
    fx.session
        .set_setting("contacts.enabled", "true")
        .expect("enable contacts");
    let contacts = |s: &office_connector_core::api::Status| {
        s.jobs
            .iter()
            .find(|j| j.job == Job::Contacts)
            .expect("contacts")
            .timer_on
    };
    assert!(contacts(&fx.session.status().expect("status")));

    fx.graph
        .control_post(
            "/identity/refresh-tokens/revoke",
            json!({"upn": lena(), "reason": "revoked"}),
        )
        .await;
    let check = fx.session.test_microsoft(&fx.runtime()).await;
    assert!(check.needs_sign_in, "{check:?}");
    assert_eq!(check.signed_in, Some(false));
    let error = check.error.expect("error");
    assert_eq!(error.code, ErrorCode::NeedsSignIn);
    assert!(!error.retryable);
    assert!(error.message.contains("Sign in again"), "{}", error.message);
    assert!(error.message.contains("AADSTS50173"), "{}", error.message);

    let status = fx.session.status().expect("status");
    let ms = &status.accounts[0];
    assert_eq!(ms.kind, AccountKind::Microsoft);
    assert!(ms.needs_sign_in);
    assert!(
        !contacts(&status),
        "jobs pause while the sign-in is refused"
    );

    // Signing in again clears the flag and the timer runs again.
    fx.connect(lena()).await;
    let status = fx.session.status().expect("status");
    assert!(!status.accounts[0].needs_sign_in);
    assert!(contacts(&status));
}

#[tokio::test]
async fn a_sign_in_unused_for_ninety_days_asks_to_sign_in_again_in_both_languages() {
    let fx = MsFixture::demo().await;
    fx.connect(lena()).await;
    fx.graph
        .control_post(
            "/identity/refresh-tokens/revoke",
            json!({"upn": lena(), "reason": "expired"}),
        )
        .await;
    let client = fx.session.microsoft_client(&fx.runtime()).expect("client");
    let err = get_me(&client).await.expect_err("refused");
    assert!(err.needs_sign_in());
    let en = err.to_ui(Language::En).message;
    let de = err.to_ui(Language::De).message;
    assert!(
        en.contains("not used for 90 days") && en.contains("AADSTS700082"),
        "{en}"
    );
    assert!(
        de.contains("90 Tage nicht genutzt") && de.contains("AADSTS700082"),
        "{de}"
    );
}

#[tokio::test]
async fn the_web_registration_signs_in_with_its_secret_kept_in_the_keyring() {
    let fx = MsFixture::demo().await;
    let browser = Browser::new();
    let mut request = fx.request(
        SignInMethod::Browser(Arc::new(browser.clone())),
        Some(lena()),
    );
    request.client_id = WEB_CLIENT_ID.into();
    request.client_secret = Some(SecretString::from(WEB_CLIENT_SECRET));
    let connection = fx.try_connect(request).await.expect("web app sign-in");
    assert_eq!(connection.endpoints.registration, Registration::Web);
    let visit = browser.visit().await;
    assert!(
        visit.authorize_url.contains("%2Foffice365%2Fauthorization"),
        "{}",
        visit.authorize_url
    );
    use office_connector_core::secrets::SecretStore;
    use secrecy::ExposeSecret;
    let kept = fx
        .secrets
        .get("microsoft.client_secret")
        .expect("secrets")
        .expect("client secret kept");
    assert_eq!(kept.expose_secret(), WEB_CLIENT_SECRET);
    // Refreshing a Web app's token needs the secret too; the client reads it from the keyring.
    let client = fx.session.microsoft_client(&fx.runtime()).expect("client");
    assert_eq!(
        get_me(&client).await.expect("me").user_principal_name,
        lena()
    );
}

async fn browser_sign_in(
    fx: &MsFixture,
    client_id: &str,
    tenant: &str,
    registration: Registration,
    secret: Option<&str>,
) -> SignInError {
    let identity = IdentityClient::new(
        MicrosoftApp {
            authority: fx.authority(),
            tenant: tenant.into(),
            client_id: client_id.into(),
            registration,
            client_secret: secret.map(SecretString::from),
        },
        fx.clock.clone(),
    );
    sign_in_with_browser(
        &identity,
        &Browser::new(),
        Some(lena()),
        Language::En,
        Duration::from_secs(1),
    )
    .await
    .expect_err("sign-in must fail")
}

fn messages(err: &SignInError) -> (String, String) {
    (
        err.to_ui(Language::En).message,
        err.to_ui(Language::De).message,
    )
}

#[tokio::test]
async fn the_web_registration_without_its_secret_explains_aadsts7000218() {
    let fx = MsFixture::demo().await;
    let err = browser_sign_in(&fx, WEB_CLIENT_ID, DEMO_TENANT_ID, Registration::Web, None).await;
    assert_eq!(err.problem(), Some(SignInProblem::SecretMissing));
    let (en, de) = messages(&err);
    assert!(
        en.contains("registered as a Web application") && en.contains("AADSTS7000218"),
        "{en}"
    );
    assert!(
        de.contains("als Webanwendung registriert") && de.contains("AADSTS7000218"),
        "{de}"
    );
    assert_eq!(err.code(), ErrorCode::InvalidInput);
}

#[tokio::test]
async fn a_secret_sent_by_a_desktop_registration_explains_aadsts700025() {
    let fx = MsFixture::demo().await;
    // An admin added the Odoo-style path, but under "Mobile and desktop applications".
    let client_id = "5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e";
    fx.graph
        .control_post(
            "/identity/apps",
            json!({"client_id": client_id, "display_name": "Mixed up",
                   "redirect_uris": [{"uri": "http://localhost/office365/authorization", "platform": "publicClient"}],
                   "secrets": [], "allow_public_client_flows": true}),
        )
        .await;
    let err = browser_sign_in(
        &fx,
        client_id,
        DEMO_TENANT_ID,
        Registration::Web,
        Some("s3cret"),
    )
    .await;
    assert_eq!(err.problem(), Some(SignInProblem::SecretNotAllowed));
    let (en, de) = messages(&err);
    assert!(
        en.contains("without the client secret") && en.contains("AADSTS700025"),
        "{en}"
    );
    assert!(
        de.contains("ohne geheimen Schlüssel") && de.contains("AADSTS700025"),
        "{de}"
    );
}

#[tokio::test]
async fn a_wrong_client_secret_says_to_create_a_new_one() {
    let fx = MsFixture::demo().await;
    let err = browser_sign_in(
        &fx,
        WEB_CLIENT_ID,
        DEMO_TENANT_ID,
        Registration::Web,
        Some("wrong"),
    )
    .await;
    assert_eq!(err.problem(), Some(SignInProblem::SecretExpiredOrWrong));
    let (en, de) = messages(&err);
    assert!(en.contains("Create a new client secret"), "{en}");
    assert!(de.contains("neuen geheimen Schlüssel"), "{de}");
}

#[tokio::test]
async fn a_wrong_tenant_and_a_wrong_client_id_are_explained_in_both_languages() {
    let fx = MsFixture::demo().await;
    let identity = |tenant: &str, client: &str| {
        IdentityClient::new(
            MicrosoftApp {
                authority: fx.authority(),
                tenant: tenant.into(),
                client_id: client.into(),
                registration: Registration::Desktop,
                client_secret: None,
            },
            fx.clock.clone(),
        )
    };
    let err = identity("no-such-tenant.example", DEMO_CLIENT_ID)
        .start_device_code()
        .await
        .expect_err("unknown tenant");
    assert_eq!(err.problem(), Some(SignInProblem::WrongTenant));
    let (en, de) = messages(&err);
    assert!(
        en.contains("directory (tenant) ID") && en.contains("AADSTS90002"),
        "{en}"
    );
    assert!(
        de.contains("Verzeichnis-ID") && de.contains("AADSTS90002"),
        "{de}"
    );

    let err = identity(DEMO_TENANT_ID, "00000000-0000-4000-8000-000000000000")
        .start_device_code()
        .await
        .expect_err("unknown app");
    assert_eq!(err.problem(), Some(SignInProblem::WrongClientId));
    let (en, de) = messages(&err);
    assert!(
        en.contains("application (client) ID") && en.contains("AADSTS700016"),
        "{en}"
    );
    assert!(
        de.contains("Anwendungs-ID") && de.contains("AADSTS700016"),
        "{de}"
    );
}

#[tokio::test]
async fn a_device_code_for_an_app_without_public_client_flows_explains_the_setting() {
    let fx = MsFixture::demo().await;
    let identity = IdentityClient::new(
        MicrosoftApp {
            authority: fx.authority(),
            tenant: DEMO_TENANT_ID.into(),
            client_id: WEB_CLIENT_ID.into(),
            registration: Registration::Desktop,
            client_secret: None,
        },
        fx.clock.clone(),
    );
    let code = identity.start_device_code().await.expect("code");
    let err = identity
        .poll_device_code(&code, &RecordingSleeper::new())
        .await
        .expect_err("public client flows are off");
    let (en, _) = messages(&err);
    assert!(en.contains("Allow public client flows"), "{en}");
}

#[tokio::test]
async fn a_redirect_uri_that_is_not_registered_shows_microsofts_page_and_times_out_cleanly() {
    let fx = MsFixture::demo().await;
    // The desktop app has only http://localhost registered; the Web path does not match.
    let err = browser_sign_in(&fx, DEMO_CLIENT_ID, DEMO_TENANT_ID, Registration::Web, None).await;
    assert!(matches!(err, SignInError::TimedOut), "{err:?}");
    // What the person sees, and what we say when they paste Microsoft's error to us:
    let mapped = office_connector_core::graph::error::problem_of("invalid_request", Some(50011));
    assert_eq!(mapped, SignInProblem::RedirectMismatch);
    let text = SignInError::NeedsSignIn {
        aadsts: Some(50011),
        problem: mapped,
    }
    .to_ui(Language::En)
    .message;
    assert!(text.contains("http://localhost"), "{text}");
}

#[tokio::test]
async fn an_unknown_account_and_mfa_and_consent_problems_have_their_own_advice() {
    use office_connector_core::graph::error::problem_of;
    let cases = [
        (
            50034,
            SignInProblem::WrongAccount,
            "does not belong",
            "gehört nicht",
        ),
        (
            50076,
            SignInProblem::MfaOrConditionalAccess,
            "multi-factor",
            "Mehrstufige",
        ),
        (
            53003,
            SignInProblem::MfaOrConditionalAccess,
            "policy",
            "Richtlinie",
        ),
        (
            65001,
            SignInProblem::ConsentMissing,
            "Grant admin consent",
            "Administratorzustimmung",
        ),
        (
            90094,
            SignInProblem::AdminApprovalRequired,
            "administrator",
            "Administrator",
        ),
        (
            7000222,
            SignInProblem::SecretExpiredOrWrong,
            "expired",
            "abgelaufen",
        ),
    ];
    for (code, problem, en_part, de_part) in cases {
        assert_eq!(problem_of("invalid_grant", Some(code)), problem, "{code}");
        let err = SignInError::NeedsSignIn {
            aadsts: Some(code),
            problem,
        };
        let (en, de) = messages(&err);
        assert!(
            en.contains(en_part) && en.contains(&format!("AADSTS{code}")),
            "{en}"
        );
        assert!(de.contains(de_part), "{de}");
    }
}

#[tokio::test]
async fn disconnect_removes_the_tokens_and_points_to_the_account_portal() {
    let fx = MsFixture::demo().await;
    fx.connect(lena()).await;
    assert!(fx.refresh_token().is_some());
    let message = fx
        .session
        .disconnect_microsoft(&fx.runtime())
        .expect("disconnect");
    assert!(fx.refresh_token().is_none());
    assert!(fx.keyring.is_empty());
    assert!(message.contains("myaccount.microsoft.com"), "{message}");
    let check = fx.session.test_microsoft(&fx.runtime()).await;
    assert!(!check.connected);
}

#[tokio::test]
async fn the_authority_and_graph_addresses_come_from_the_settings() {
    let fx = MsFixture::demo().await;
    fx.session
        .set_setting("microsoft.authority_url", &fx.authority())
        .expect("authority setting");
    fx.session
        .set_setting("microsoft.graph_url", &fx.graph.fake.graph_url())
        .expect("graph setting");
    let mut request = fx.request(
        SignInMethod::Browser(Arc::new(Browser::new())),
        Some(lena()),
    );
    request.authority = None;
    request.graph = None;
    let connection = fx.try_connect(request).await.expect("connect");
    assert_eq!(connection.endpoints.authority, fx.authority());
    assert_eq!(connection.endpoints.graph, fx.graph.fake.graph_url());
}

#[tokio::test]
async fn device_code_polling_slows_down_when_asked() {
    use std::sync::atomic::{AtomicUsize, Ordering};
    // Microsoft may answer `slow_down` (RFC 8628 §3.5); the fake never does, so a stub plays it.
    let polls = Arc::new(AtomicUsize::new(0));
    let counter = polls.clone();
    let app = axum::Router::new().route(
        "/{tenant}/oauth2/v2.0/token",
        axum::routing::post(move || {
            let n = counter.fetch_add(1, Ordering::SeqCst);
            async move {
                let error = match n {
                    0 | 1 => "slow_down",
                    2 => "authorization_pending",
                    _ => {
                        return (
                            axum::http::StatusCode::OK,
                            axum::Json(json!({"token_type": "Bearer", "access_token": "at",
                                              "refresh_token": "rt", "expires_in": 3599})),
                        );
                    }
                };
                (
                    axum::http::StatusCode::BAD_REQUEST,
                    axum::Json(json!({"error": error, "error_description": "", "error_codes": []})),
                )
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    tokio::spawn(async move { axum::serve(listener, app).await });
    let identity = IdentityClient::new(
        MicrosoftApp {
            authority: format!("http://{addr}"),
            tenant: "organizations".into(),
            client_id: DEMO_CLIENT_ID.into(),
            registration: Registration::Desktop,
            client_secret: None,
        },
        Arc::new(office_connector_core::clock::SystemClock),
    );
    let code = DeviceCode {
        device_code: "dc".into(),
        user_code: "ABC".into(),
        verification_uri: "https://microsoft.com/devicelogin".into(),
        expires_in: 900,
        interval: 5,
        message: String::new(),
    };
    let sleeper = RecordingSleeper::new();
    identity
        .poll_device_code(&code, &sleeper)
        .await
        .expect("signed in after slowing down");
    let secs: Vec<u64> = sleeper.waits().iter().map(|d| d.as_secs()).collect();
    assert_eq!(secs, vec![5, 10, 15, 15]);
    assert_eq!(polls.load(Ordering::SeqCst), 4);
}

#[tokio::test]
async fn the_desktop_can_sign_in_on_a_spawned_task_and_save_afterwards() {
    let fx = MsFixture::demo().await;
    let request = fx.request(
        SignInMethod::Browser(Arc::new(Browser::new())),
        Some(lena()),
    );
    let endpoints = fx
        .session
        .microsoft_endpoints_for(&request)
        .expect("endpoints");
    let runtime = fx.runtime();
    // tokio::spawn needs a Send future, as Tauri commands do.
    let signed_in = tokio::spawn(async move {
        office_connector_core::api::sign_in_microsoft(&runtime, endpoints, request, Language::En)
            .await
    })
    .await
    .expect("task")
    .expect("sign-in");
    let connection = fx.session.save_microsoft_sign_in(&signed_in).expect("save");
    assert_eq!(connection.upn, lena());
    assert!(fx.refresh_token().is_some());
    assert!(fx.session.status().expect("status").accounts[0].connected);
}
