//! A mail-transfer world for one test: the demo fake Graph and fake Odoo, a state home of one
//! demo person connected to both (in-memory keyring), and two fresh transfer folders in that
//! person's mailbox chosen in the settings.

use office_connector_core::api::{MailRun, MailSyncRequest};
use office_connector_core::mail::engine::{NoProgress, Progress};
use office_connector_core::model::Trigger;
use office_connector_core::odoo::ConnectRequest;
use office_connector_fakes::odoo::{OdooVersion, Seed};
use secrecy::SecretString;
use serde_json::{Value, json};

use crate::fakes_odoo::FakeOdoo;
use crate::graph::GraphFixture;
use crate::microsoft::MsFixture;

/// Lena's UPN and Odoo login.
pub const LENA: &str = "lena.schaefer@yourcompany.example.com";
/// Jonas's UPN and Odoo login.
pub const JONAS: &str = "jonas.weiss@yourcompany.example.com";
/// The incoming transfer folder the tests create.
pub const IN: &str = "Transfer In";
/// The outgoing transfer folder the tests create.
pub const OUT: &str = "Transfer Out";

/// One person's state home connected to the fakes, with transfer folders set up.
pub struct MailUser {
    /// The Microsoft side (fake Graph, home, keyring).
    pub ms: MsFixture,
    /// The person's UPN.
    pub upn: String,
    /// The incoming transfer folder's id.
    pub incoming: String,
    /// The outgoing transfer folder's id.
    pub outgoing: String,
}

/// Starts the demo fake Odoo.
pub async fn odoo() -> FakeOdoo {
    FakeOdoo::start(Seed::Demo, OdooVersion::V17).await
}

impl MailUser {
    /// `upn` on `graph` (shared between colleagues) and `odoo`, with new transfer folders.
    pub async fn connect(graph: GraphFixture, odoo: &FakeOdoo, upn: &str) -> MailUser {
        let user = odoo.user(upn);
        Self::connect_as(graph, odoo, upn, upn, &user.odoo_api_key).await
    }

    /// `upn`'s mailbox with the Odoo login `login` and its key or password.
    pub async fn connect_as(
        graph: GraphFixture,
        odoo: &FakeOdoo,
        upn: &str,
        login: &str,
        secret: &str,
    ) -> MailUser {
        let ms = MsFixture::on(graph);
        ms.connect(upn).await;
        ms.session
            .connect_odoo_with(
                &*ms.secrets,
                &ConnectRequest {
                    url: odoo.url(),
                    db: Some("demo".to_owned()),
                    login: login.to_owned(),
                    secret: SecretString::from(secret.to_owned()),
                },
            )
            .await
            .expect("connect odoo");
        let incoming = folder_id(&ms.graph, upn, IN).await;
        let outgoing = folder_id(&ms.graph, upn, OUT).await;
        ms.session
            .set_setting("mail.incoming_folder", &incoming)
            .expect("set incoming");
        ms.session
            .set_setting("mail.outgoing_folder", &outgoing)
            .expect("set outgoing");
        // NOTE: English notes whatever the machine's locale.
        ms.session
            .set_setting("general.language", "en")
            .expect("set language");
        MailUser {
            ms,
            upn: upn.to_owned(),
            incoming,
            outgoing,
        }
    }

    /// Puts a mail into `folder` (IN or OUT) of this person's mailbox; returns its id.
    pub async fn put(&self, folder: &str, mut mail: Value) -> String {
        mail["folder"] = json!(folder);
        self.ms.graph.put_mail(&self.upn, mail).await
    }

    /// Runs the mail job (or previews it).
    pub async fn sync(&self, dry_run: bool) -> MailRun {
        self.sync_paged(dry_run, None).await
    }

    /// Runs the mail job with a delta page size.
    pub async fn sync_paged(&self, dry_run: bool, page_size: Option<u32>) -> MailRun {
        self.sync_watched(dry_run, page_size, &NoProgress).await
    }

    /// Runs the mail job, telling `progress` how far it is.
    pub async fn sync_watched(
        &self,
        dry_run: bool,
        page_size: Option<u32>,
        progress: &dyn Progress,
    ) -> MailRun {
        self.sync_with(&self.ms.runtime(), dry_run, page_size, progress)
            .await
    }

    /// Runs the mail job (not a preview) with the Graph client settings of `runtime`.
    pub async fn sync_on(
        &self,
        runtime: &office_connector_core::api::MicrosoftRuntime,
        page_size: Option<u32>,
    ) -> MailRun {
        self.sync_with(runtime, false, page_size, &NoProgress).await
    }

    async fn sync_with(
        &self,
        runtime: &office_connector_core::api::MicrosoftRuntime,
        dry_run: bool,
        page_size: Option<u32>,
        progress: &dyn Progress,
    ) -> MailRun {
        self.ms
            .session
            .sync_mail(
                runtime,
                &*self.ms.secrets,
                MailSyncRequest {
                    trigger: Trigger::Manual,
                    dry_run,
                    page_size,
                },
                progress,
            )
            .await
            .expect("the mail run starts")
    }
}

/// A folder's id, creating it if the mailbox does not have it yet.
async fn folder_id(graph: &GraphFixture, upn: &str, name: &str) -> String {
    let list: Value = graph
        .http
        .get(graph.control(&format!("/graph/mailboxes/{upn}/folders")))
        .send()
        .await
        .expect("folders")
        .json()
        .await
        .expect("json");
    if let Some(id) = list.as_array().and_then(|l| {
        l.iter()
            .find(|f| f["display_name"] == name)
            .and_then(|f| f["id"].as_str())
    }) {
        return id.to_owned();
    }
    graph.add_folder(upn, name).await
}

/// A mail from `from` to `to` (addresses), with a Message-ID.
pub fn mail(subject: &str, from: &str, to: &[&str], message_id: &str) -> Value {
    json!({
        "subject": subject,
        "body_html": format!("<p>{subject}</p>"),
        "from": {"name": from, "address": from},
        "to": to.iter().map(|t| json!({"name": t, "address": t})).collect::<Vec<_>>(),
        "received": "2026-03-01T09:30:00Z",
        "internet_message_id": message_id,
    })
}

/// The chatter entries of `partner` with that Message-ID, as the fake Odoo holds them.
pub async fn entries(odoo: &FakeOdoo, partner: i64, message_id: &str) -> Vec<Value> {
    let admin = odoo.user("admin");
    odoo.ok(
        &admin,
        "mail.message",
        "search_read",
        json!([[["model", "=", "res.partner"], ["res_id", "=", partner], ["message_id", "=", message_id]]]),
        json!({"fields": ["id", "subject", "message_type", "subtype_id", "date", "body", "attachment_ids", "partner_ids", "email_from"]}),
    )
    .await
    .as_array()
    .cloned()
    .unwrap_or_default()
}

/// The id of the partner whose e-mail is exactly `email`.
pub async fn partner(odoo: &FakeOdoo, email: &str) -> i64 {
    let admin = odoo.user("admin");
    let rows = odoo
        .ok(
            &admin,
            "res.partner",
            "search_read",
            json!([[["email", "=ilike", email]]]),
            json!({"fields": ["id"]}),
        )
        .await;
    rows[0]["id"].as_i64().expect("partner exists")
}

/// The fake Odoo's request counts by `model.method`, then resets them.
pub async fn take_odoo_counts(odoo: &FakeOdoo) -> Value {
    let v = odoo.control_get("requests").await;
    odoo.control_delete("requests").await;
    v
}

impl MailUser {
    /// The subjects of the mails in `folder` (a name such as `Transfer Out` or `deleteditems`).
    pub async fn subjects_in(&self, folder: &str) -> Vec<String> {
        let graph = &self.ms.graph;
        let list: Value = graph
            .http
            .get(graph.control(&format!("/graph/mailboxes/{}/messages", self.upn)))
            .query(&[("folder", folder)])
            .send()
            .await
            .expect("messages")
            .json()
            .await
            .expect("json");
        let mut subjects: Vec<String> = list
            .as_array()
            .map(|l| {
                l.iter()
                    .map(|m| m["subject"].as_str().unwrap_or_default().to_owned())
                    .collect()
            })
            .unwrap_or_default();
        subjects.sort();
        subjects
    }
}

/// Records every progress report.
#[derive(Default)]
pub struct RecordedProgress(pub std::sync::Mutex<Vec<(usize, usize)>>);

impl Progress for RecordedProgress {
    fn mails(&self, done: usize, total: usize) {
        self.0
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push((done, total));
    }
}

/// The outcome of the mail with `subject` in a run's report.
pub fn outcome_of<'r>(
    run: &'r MailRun,
    subject: &str,
) -> &'r office_connector_core::mail::engine::MailOutcome {
    run.report
        .mails
        .iter()
        .find(|m| m.subject == subject)
        .unwrap_or_else(|| panic!("{subject:?} reported: {run:?}"))
}

/// The names of a chatter entry's attachments, sorted.
pub async fn attachment_names(odoo: &FakeOdoo, entry: &Value) -> Vec<String> {
    let admin = odoo.user("admin");
    let files = odoo
        .ok(
            &admin,
            "ir.attachment",
            "read",
            json!([entry["attachment_ids"].clone()]),
            json!({"fields": ["name"]}),
        )
        .await;
    let mut names: Vec<String> = files
        .as_array()
        .expect("attachments")
        .iter()
        .filter_map(|f| f["name"].as_str().map(str::to_owned))
        .collect();
    names.sort_unstable();
    names
}

impl MailUser {
    /// Moves a mail to `destination` (a folder id or well-known name) as the person would in
    /// Outlook; the moved mail's new id.
    pub async fn move_mail(&self, id: &str, destination: &str) -> String {
        let graph = &self.ms.graph;
        let token = graph.access_token(&self.upn).await;
        let moved = graph
            .send(
                &token,
                reqwest::Method::POST,
                &format!("{}/me/messages/{id}/move", graph.fake.graph_url()),
                Some(json!({"destinationId": destination})),
                &[],
            )
            .await;
        assert_eq!(moved.status.as_u16(), 201, "move: {}", moved.body);
        moved.body["id"]
            .as_str()
            .expect("the moved mail's id")
            .to_owned()
    }
}
