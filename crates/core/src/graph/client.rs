//! The Microsoft Graph v1.0 HTTP client every job uses (GRAPH_FACTS §5).
//!
//! Contract:
//! - Every request carries `Authorization: Bearer …`, `Prefer: outlook.timezone="UTC"`,
//!   `Prefer: IdType="ImmutableId"` (ids that survive moves, §2.4) and a `client-request-id`.
//! - Paging follows `@odata.nextLink` verbatim (absolute URL, opaque `$skip`/`$skiptoken`);
//!   never built by hand. Delta rounds end with `@odata.deltaLink`, which the caller persists.
//! - Links are followed only on the configured Graph origin (scheme, host, port): the access
//!   token goes with every request, so a link naming any other server is refused before a token
//!   is taken ([`GraphErrorKind::ForeignLink`]).
//! - Paging ends: a next link seen before in the same read, or more than
//!   [`MAX_PAGES_PER_ROUND`] pages, stops the read ([`GraphErrorKind::EndlessPaging`]).
//! - Bodies are UTF-8 by contract; a byte that is not is read as U+FFFD (see [`json_of`]).
//! - 401 `InvalidAuthenticationToken`: the access token is refreshed once (shared by every
//!   request that saw the same token) and the request repeated once.
//! - 429 / 503 / 504 (and dropped connections): wait `Retry-After` seconds when given, else a
//!   capped exponential backoff with jitter; waits go through an injectable [`Sleeper`].
//! - At most 4 requests in flight per mailbox (Exchange's MailboxConcurrency limit, §5.2):
//!   a semaphore; a request gives its slot back while it waits to retry.
//! - Errors keep Graph's `code` and the `request-id` header for the run log; 410 carries the
//!   `Location` of a fresh delta round.

use std::collections::HashSet;
use std::hash::{Hash, Hasher};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use reqwest::{Method, StatusCode};
use secrecy::ExposeSecret;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::graph::auth::TokenSource;
use crate::graph::error::{GraphError, GraphErrorKind, SignInError};
pub use crate::graph::sleep::{RecordingSleeper, Sleeper, TokioSleeper};

/// How often and how long to retry throttled or failed requests.
#[derive(Debug, Clone, Copy)]
pub struct RetryPolicy {
    /// Attempts per request, the first included.
    pub max_attempts: u32,
    /// First backoff when the server gives no `Retry-After`.
    pub base_delay: Duration,
    /// Longest backoff (and longest `Retry-After` honoured).
    pub max_delay: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_attempts: 6,
            base_delay: Duration::from_secs(1),
            max_delay: Duration::from_secs(120),
        }
    }
}

/// Settings of a [`GraphClient`].
#[derive(Clone)]
pub struct GraphClientOptions {
    /// Requests in flight per mailbox (Exchange allows 4).
    pub max_concurrent: usize,
    /// The mailbox these requests count against (e.g. `graph URL + UPN`): every client of the
    /// process with the same key shares one limit, so jobs running side by side stay within
    /// it. None: this client has its own limit.
    pub mailbox: Option<String>,
    /// Retry behaviour.
    pub retry: RetryPolicy,
    /// How waits happen.
    pub sleeper: Arc<dyn Sleeper>,
    /// Per-request timeout.
    pub timeout: Duration,
    /// Most pages one paged read (a listing, or one delta round) may have.
    pub max_pages_per_round: usize,
}

/// Most pages one paged read may have before it is taken to be endless. Generous on purpose:
/// 10,000 pages are 100,000 mails at Graph's default page size and 500,000 at the mail job's,
/// far beyond a real transfer folder, while a paging loop is stopped within minutes instead of
/// holding the job lock for ever.
pub const MAX_PAGES_PER_ROUND: usize = 10_000;

impl Default for GraphClientOptions {
    fn default() -> Self {
        Self {
            max_concurrent: 4,
            mailbox: None,
            retry: RetryPolicy::default(),
            sleeper: Arc::new(TokioSleeper),
            timeout: Duration::from_secs(100),
            max_pages_per_round: MAX_PAGES_PER_ROUND,
        }
    }
}

/// A successful Graph answer.
#[derive(Debug, Clone)]
pub struct GraphResponse {
    /// HTTP status.
    pub status: u16,
    /// JSON body (`Null` when empty).
    pub body: Value,
    /// `request-id`.
    pub request_id: Option<String>,
}

/// A Graph client for one mailbox (the signed-in person's).
#[derive(Clone)]
pub struct GraphClient {
    inner: Arc<Inner>,
}

struct Inner {
    http: reqwest::Client,
    base: String,
    /// The only origin requests (and so the token) go to; none when the base is no URL.
    origin: Option<url::Origin>,
    tokens: Arc<TokenSource>,
    permits: Arc<tokio::sync::Semaphore>,
    options: GraphClientOptions,
    in_flight: AtomicUsize,
    max_in_flight: AtomicUsize,
}

impl std::fmt::Debug for GraphClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GraphClient")
            .field("base", &self.inner.base)
            .finish_non_exhaustive()
    }
}

struct InFlight<'a>(&'a Inner);

impl Drop for InFlight<'_> {
    fn drop(&mut self) {
        self.0.in_flight.fetch_sub(1, Ordering::SeqCst);
    }
}

impl GraphClient {
    /// A client for Graph at `base_url` (e.g. `https://graph.microsoft.com/v1.0`).
    pub fn new(base_url: &str, tokens: Arc<TokenSource>, options: GraphClientOptions) -> Self {
        let http = reqwest::Client::builder()
            .timeout(options.timeout)
            .build()
            .unwrap_or_default();
        Self {
            inner: Arc::new(Inner {
                http,
                base: base_url.trim_end_matches('/').to_owned(),
                origin: url::Url::parse(base_url).ok().map(|u| u.origin()),
                tokens,
                permits: match &options.mailbox {
                    Some(key) => shared_permits(key, options.max_concurrent),
                    None => Arc::new(tokio::sync::Semaphore::new(options.max_concurrent.max(1))),
                },
                options,
                in_flight: AtomicUsize::new(0),
                max_in_flight: AtomicUsize::new(0),
            }),
        }
    }

    /// The token source (shared with other clients of the same account).
    pub fn tokens(&self) -> &Arc<TokenSource> {
        &self.inner.tokens
    }

    /// The most requests this client ever had in flight at once.
    pub fn max_in_flight(&self) -> usize {
        self.inner.max_in_flight.load(Ordering::SeqCst)
    }

    /// How this client waits (the batch retry waits the same way).
    pub fn sleeper(&self) -> &dyn Sleeper {
        self.inner.options.sleeper.as_ref()
    }

    /// Most pages one paged read may have (see [`MAX_PAGES_PER_ROUND`]).
    pub fn max_pages_per_round(&self) -> usize {
        self.inner.options.max_pages_per_round.max(1)
    }

    /// `path` (`/me/…`) under the base URL, or an absolute link (nextLink, deltaLink) as is.
    pub fn url(&self, path_or_url: &str) -> String {
        if path_or_url.starts_with('/') {
            format!("{}{path_or_url}", self.inner.base)
        } else {
            path_or_url.to_owned()
        }
    }

    /// The URL a request for `path_or_url` goes to, provided it is on the configured Graph
    /// origin (scheme, host and port); a link anywhere else is refused and logged.
    pub fn checked_url(&self, path_or_url: &str) -> Result<String, GraphError> {
        on_origin(self.inner.origin.as_ref(), self.url(path_or_url))
    }

    /// GETs `path_or_url` and decodes the JSON body.
    pub async fn get<T: DeserializeOwned>(&self, path_or_url: &str) -> Result<T, GraphError> {
        let response = self.send(Method::GET, path_or_url, None, &[]).await?;
        decode(response)
    }

    /// Every item of a collection, following `@odata.nextLink` verbatim until it ends (a link
    /// that comes again, or too many pages, is an error).
    pub async fn get_all<T: DeserializeOwned>(
        &self,
        path_or_url: &str,
    ) -> Result<Vec<T>, GraphError> {
        let mut items = Vec::new();
        let mut trail = PageTrail::new(self.max_pages_per_round(), None);
        let mut next = Some(path_or_url.to_owned());
        while let Some(url) = next.take() {
            let page: Page<T> = self.get(&url).await?;
            items.extend(page.value);
            trail.page(page.next_link.as_deref())?;
            next = page.next_link;
        }
        Ok(items)
    }

    /// Sends one request with retries; `prefer` adds `Prefer` values (e.g.
    /// `odata.maxpagesize=50`). Non-2xx answers become a [`GraphError`].
    pub async fn send(
        &self,
        method: Method,
        path_or_url: &str,
        body: Option<&Value>,
        prefer: &[&str],
    ) -> Result<GraphResponse, GraphError> {
        let (status, request_id, bytes) = self.exchange(method, path_or_url, body, prefer).await?;
        Ok(GraphResponse {
            status,
            body: json_of(&bytes),
            request_id,
        })
    }

    /// GETs the raw bytes of `path_or_url` (an attachment's or a message's `$value`), with the
    /// same retries as [`GraphClient::send`].
    pub async fn get_bytes(&self, path_or_url: &str) -> Result<Vec<u8>, GraphError> {
        let (_, _, bytes) = self.exchange(Method::GET, path_or_url, None, &[]).await?;
        Ok(bytes)
    }

    /// One request with retries: status, `request-id` and body of a 2xx answer.
    async fn exchange(
        &self,
        method: Method,
        path_or_url: &str,
        body: Option<&Value>,
        prefer: &[&str],
    ) -> Result<(u16, Option<String>, Vec<u8>), GraphError> {
        let inner = &self.inner;
        // NOTE: the one place every request passes before it gets the token.
        let url = self.checked_url(path_or_url)?;
        let policy = inner.options.retry;
        let mut token = inner
            .tokens
            .access_token()
            .await
            .map_err(GraphError::from_sign_in)?;
        let mut refreshed = false;
        let mut attempt = 0u32;
        loop {
            attempt += 1;
            let outcome = self
                .attempt(method.clone(), &url, token.expose_secret(), body, prefer)
                .await?;
            let (status, headers, bytes) = match outcome {
                Ok(answer) => answer,
                Err(e) => {
                    if attempt >= policy.max_attempts {
                        return Err(GraphError {
                            message: crate::graph::error::network_detail(&e).into(),
                            ..GraphError::local(GraphErrorKind::Transient, "network", "")
                        });
                    }
                    tracing::debug!(attempt, "graph request failed in transport; retrying");
                    inner.options.sleeper.sleep(backoff(&policy, attempt)).await;
                    continue;
                }
            };
            if status.is_success() {
                return Ok((status.as_u16(), header(&headers, "request-id"), bytes));
            }
            let error = graph_error(status, &headers, &json_of(&bytes));
            match status {
                StatusCode::UNAUTHORIZED if !refreshed => {
                    refreshed = true;
                    token = inner
                        .tokens
                        .after_rejection(&token)
                        .await
                        .map_err(GraphError::from_sign_in)?;
                    attempt -= 1;
                    continue;
                }
                StatusCode::TOO_MANY_REQUESTS
                | StatusCode::SERVICE_UNAVAILABLE
                | StatusCode::GATEWAY_TIMEOUT
                | StatusCode::BAD_GATEWAY
                    if attempt < policy.max_attempts =>
                {
                    let wait = error
                        .retry_after
                        .map(|d| d.min(policy.max_delay))
                        .unwrap_or_else(|| backoff(&policy, attempt));
                    tracing::debug!(
                        status = status.as_u16(),
                        wait_ms = wait.as_millis() as u64,
                        "graph asked to wait"
                    );
                    inner.options.sleeper.sleep(wait).await;
                }
                _ => return Err(error),
            }
        }
    }
}

impl GraphClient {
    /// One HTTP exchange in a request slot: the answer, or the transport's failure (a body
    /// that breaks off included).
    async fn attempt(
        &self,
        method: Method,
        url: &str,
        token: &str,
        body: Option<&Value>,
        prefer: &[&str],
    ) -> Result<Result<Answer, reqwest::Error>, GraphError> {
        let inner = &self.inner;
        let _permit =
            inner.permits.acquire().await.map_err(|_| {
                GraphError::local(GraphErrorKind::Transient, "closed", "client closed")
            })?;
        let now = inner.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
        inner.max_in_flight.fetch_max(now, Ordering::SeqCst);
        let _guard = InFlight(inner);
        let mut request = inner
            .http
            .request(method, url)
            .bearer_auth(token)
            .header("Prefer", "outlook.timezone=\"UTC\"")
            .header("Prefer", "IdType=\"ImmutableId\"")
            .header("client-request-id", uuid::Uuid::new_v4().to_string());
        for p in prefer {
            request = request.header("Prefer", *p);
        }
        if let Some(body) = body {
            request = request.json(body);
        }
        Ok(match request.send().await {
            Ok(response) => read(response).await,
            Err(e) => Err(e),
        })
    }
}

/// Status, headers and the whole body of an answer.
type Answer = (StatusCode, reqwest::header::HeaderMap, Vec<u8>);

/// The process-wide request slots of one mailbox, created with `size` slots on first use.
fn shared_permits(key: &str, size: usize) -> Arc<tokio::sync::Semaphore> {
    static SLOTS: std::sync::OnceLock<
        Mutex<std::collections::HashMap<String, std::sync::Weak<tokio::sync::Semaphore>>>,
    > = std::sync::OnceLock::new();
    let mut slots = SLOTS
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|p| p.into_inner());
    slots.retain(|_, weak| weak.strong_count() > 0);
    if let Some(existing) = slots.get(key).and_then(std::sync::Weak::upgrade) {
        return existing;
    }
    let created = Arc::new(tokio::sync::Semaphore::new(size.max(1)));
    slots.insert(key.to_owned(), Arc::downgrade(&created));
    created
}

/// One page of a Graph collection.
#[derive(Debug, serde::Deserialize)]
pub struct Page<T> {
    /// The items.
    #[serde(default = "Vec::new")]
    pub value: Vec<T>,
    /// The next page, verbatim.
    #[serde(rename = "@odata.nextLink", default)]
    pub next_link: Option<String>,
    /// The end of a delta round, verbatim.
    #[serde(rename = "@odata.deltaLink", default)]
    pub delta_link: Option<String>,
}

/// `url` when it is on `origin` (scheme, host and port); else the refusal, logged.
fn on_origin(origin: Option<&url::Origin>, url: String) -> Result<String, GraphError> {
    let Ok(parsed) = url::Url::parse(&url) else {
        return Err(GraphError::local(
            GraphErrorKind::BadAnswer,
            "badLink",
            "a link that is not a URL",
        ));
    };
    let named = parsed.origin();
    if origin == Some(&named) {
        return Ok(url);
    }
    // NOTE: the origin only: a link's path and query are the remote's and may be long.
    let named = named.ascii_serialization();
    tracing::warn!(
        origin = %named,
        "graph named a link on another server; not followed, no token sent"
    );
    Err(GraphError::local(
        GraphErrorKind::ForeignLink,
        "foreignLink",
        named,
    ))
}

/// The links one paged read (a listing, or one delta round) followed so far.
///
/// Graph's paging has no end of its own: a next link naming its own page or an earlier one
/// would keep a run, and the job lock, going for ever. So a link that comes again in the same
/// read ends it, and so does a page past the bound.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageTrail {
    /// Hashes of the links followed (the links themselves may be long).
    seen: HashSet<u64>,
    pages: usize,
    max_pages: usize,
}

impl PageTrail {
    /// A read of at most `max_pages` pages, starting from `first` (a saved link) or a path.
    pub fn new(max_pages: usize, first: Option<&str>) -> Self {
        let mut trail = PageTrail {
            seen: HashSet::new(),
            pages: 0,
            max_pages: max_pages.max(1),
        };
        if let Some(link) = first {
            trail.seen.insert(link_hash(link));
        }
        trail
    }

    /// Counts a page read; `next` is the link it names to go on (none on the last page).
    /// Refuses a link followed before in this read, and a page beyond the bound.
    pub fn page(&mut self, next: Option<&str>) -> Result<(), GraphError> {
        self.pages += 1;
        let Some(link) = next else { return Ok(()) };
        if !self.seen.insert(link_hash(link)) {
            tracing::warn!(
                pages = self.pages,
                "graph paging links back to an earlier page"
            );
            return Err(GraphError::local(
                GraphErrorKind::EndlessPaging,
                "pagingRepeated",
                format!("page {} links back to an earlier page", self.pages),
            ));
        }
        if self.pages >= self.max_pages {
            tracing::warn!(pages = self.pages, "graph paging goes on past the bound");
            return Err(GraphError::local(
                GraphErrorKind::EndlessPaging,
                "pagingTooLong",
                format!("more than {} pages", self.max_pages),
            ));
        }
        Ok(())
    }

    /// Pages read so far.
    pub fn pages(&self) -> usize {
        self.pages
    }
}

fn link_hash(link: &str) -> u64 {
    let mut hasher = std::hash::DefaultHasher::new();
    link.hash(&mut hasher);
    hasher.finish()
}

fn decode<T: DeserializeOwned>(response: GraphResponse) -> Result<T, GraphError> {
    serde_json::from_value(response.body).map_err(|e| GraphError {
        request_id: response.request_id,
        ..GraphError::local(
            GraphErrorKind::BadAnswer,
            "unexpectedBody",
            format!("unexpected Graph body: {e}"),
        )
    })
}

async fn read(response: reqwest::Response) -> Result<Answer, reqwest::Error> {
    let status = response.status();
    let headers = response.headers().clone();
    // NOTE: a body that breaks off is a failed transfer, never a short success: an
    // attachment cut in the middle must not be filed as if it were whole.
    let bytes = response.bytes().await?;
    Ok((status, headers, bytes.to_vec()))
}

/// The JSON of a body (`Null` when empty or not JSON).
///
/// Graph's bodies are UTF-8 by contract. A byte that is not would make the JSON parser refuse
/// the whole page for one bad character in one mail, so such bytes are read as U+FFFD (as
/// Graph itself hands on header bytes it cannot decode) and the rest of the page stays
/// readable. The page reader skips an item whose id was hit: it could not be asked for again.
pub(crate) fn json_of(bytes: &[u8]) -> Value {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Value::Null;
    }
    let text = String::from_utf8_lossy(bytes);
    if matches!(text, std::borrow::Cow::Owned(_)) {
        tracing::warn!("graph answer held bytes that are not UTF-8; read as U+FFFD");
    }
    serde_json::from_str(&text).unwrap_or(Value::Null)
}

fn header(headers: &reqwest::header::HeaderMap, name: &str) -> Option<String> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
}

/// Exponential backoff `base · 2^(attempt-1)`, capped, with full jitter in [50 %, 100 %].
fn backoff(policy: &RetryPolicy, attempt: u32) -> Duration {
    let exp = policy
        .base_delay
        .saturating_mul(1u32 << attempt.saturating_sub(1).min(16));
    let capped = exp.min(policy.max_delay);
    capped.mul_f64(rand::random_range(0.5..=1.0))
}

/// Decodes a Graph error answer (envelope `{"error":{"code","message","innerError"}}`).
pub(crate) fn graph_error(
    status: StatusCode,
    headers: &reqwest::header::HeaderMap,
    body: &Value,
) -> GraphError {
    let code = body["error"]["code"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let message = body["error"]["message"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let request_id = header(headers, "request-id").or_else(|| {
        ["innerError", "innererror"]
            .iter()
            .find_map(|k| body["error"][k]["request-id"].as_str())
            .map(str::to_owned)
    });
    let retry_after = header(headers, "retry-after")
        .and_then(|v| v.trim().parse::<u64>().ok())
        .map(Duration::from_secs);
    let kind = kind_of(status.as_u16(), &code);
    GraphError {
        kind,
        status: status.as_u16(),
        code,
        message: message.into(),
        request_id,
        retry_after,
        location: header(headers, "location").map(String::into_boxed_str),
        sign_in: None,
    }
}

/// The kind of a Graph error from its status and code.
pub(crate) fn kind_of(status: u16, code: &str) -> GraphErrorKind {
    match status {
        401 => GraphErrorKind::Auth,
        403 => GraphErrorKind::Forbidden,
        404 => GraphErrorKind::NotFound,
        410 => GraphErrorKind::ResyncRequired,
        429 => GraphErrorKind::Throttled,
        500 | 502 | 503 | 504 => GraphErrorKind::Transient,
        _ if code.eq_ignore_ascii_case("syncStateNotFound")
            || code.eq_ignore_ascii_case("resyncRequired") =>
        {
            GraphErrorKind::ResyncRequired
        }
        _ => GraphErrorKind::Permanent,
    }
}

impl From<SignInError> for GraphError {
    fn from(e: SignInError) -> Self {
        GraphError::from_sign_in(e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_exponentially_and_stays_under_the_cap() {
        let policy = RetryPolicy {
            max_attempts: 10,
            base_delay: Duration::from_secs(1),
            max_delay: Duration::from_secs(10),
        };
        for attempt in 1..=10 {
            let d = backoff(&policy, attempt);
            let full = Duration::from_secs(1 << (attempt - 1)).min(policy.max_delay);
            assert!(d <= full && d >= full / 2, "attempt {attempt}: {d:?}");
        }
    }

    #[test]
    fn only_links_on_graphs_own_scheme_host_and_port_are_followed() {
        let base = url::Url::parse("https://graph.microsoft.com/v1.0").expect("url");
        let origin = Some(base.origin());
        let ours = [
            "https://graph.microsoft.com/v1.0/me/mailFolders('A')/messages/delta?$skiptoken=x",
            "https://graph.microsoft.com:443/v1.0/me/messages",
            "HTTPS://GRAPH.MICROSOFT.COM/v1.0/me/messages",
        ];
        for link in ours {
            assert!(on_origin(origin.as_ref(), link.into()).is_ok(), "{link}");
        }
        let foreign = [
            (
                "http://graph.microsoft.com/v1.0/me",
                "http://graph.microsoft.com",
            ),
            (
                "https://graph.microsoft.com:8443/v1.0/me",
                "https://graph.microsoft.com:8443",
            ),
            (
                "https://graph.microsoft.com.evil.example/v1.0/me",
                "https://graph.microsoft.com.evil.example",
            ),
            (
                "https://graph.microsoft.com@evil.example/v1.0/me",
                "https://evil.example",
            ),
            ("http://127.0.0.2:4711/v1.0/me", "http://127.0.0.2:4711"),
        ];
        for (link, named) in foreign {
            let e = on_origin(origin.as_ref(), link.into()).expect_err(link);
            assert_eq!(e.kind, GraphErrorKind::ForeignLink, "{link}");
            assert_eq!(&*e.message, named, "{link}");
        }
        let e = on_origin(origin.as_ref(), "mailto:x@example.com".into()).expect_err("mailto");
        assert_eq!(e.kind, GraphErrorKind::ForeignLink);
        let e = on_origin(origin.as_ref(), "no url at all".into()).expect_err("garbage");
        assert_eq!(e.kind, GraphErrorKind::BadAnswer);
    }

    #[test]
    fn a_paged_read_ends_at_a_link_that_comes_again_or_past_its_bound() {
        let mut trail = PageTrail::new(100, Some("https://g/delta?$deltatoken=a"));
        trail
            .page(Some("https://g/delta?$skiptoken=1"))
            .expect("new link");
        trail
            .page(Some("https://g/delta?$skiptoken=2"))
            .expect("new link");
        let e = trail
            .page(Some("https://g/delta?$skiptoken=1"))
            .expect_err("the first page's link again");
        assert_eq!(
            (e.kind, e.code.as_str()),
            (GraphErrorKind::EndlessPaging, "pagingRepeated")
        );
        let mut back_to_start = PageTrail::new(100, Some("https://g/delta?$deltatoken=a"));
        let e = back_to_start
            .page(Some("https://g/delta?$deltatoken=a"))
            .expect_err("the saved link again");
        assert_eq!(e.code, "pagingRepeated");

        let mut bounded = PageTrail::new(3, None);
        bounded.page(Some("p2")).expect("page 1");
        bounded.page(Some("p3")).expect("page 2");
        let e = bounded.page(Some("p4")).expect_err("a fourth page");
        assert_eq!(
            (e.kind, e.code.as_str()),
            (GraphErrorKind::EndlessPaging, "pagingTooLong")
        );
        let mut ends = PageTrail::new(3, None);
        for link in [Some("p2"), Some("p3"), None] {
            ends.page(link).expect("three pages are within the bound");
        }
        assert_eq!(ends.pages(), 3);
    }

    #[test]
    fn a_byte_that_is_not_utf8_spoils_one_character_not_the_page() {
        let mut body = br#"{"value":[{"id":"a","subject":"Gr"#.to_vec();
        body.extend([0xFF, 0xFE]);
        body.extend(br#"sse"},{"id":"b","subject":"ok"}]}"#);
        let page = json_of(&body);
        assert_eq!(page["value"][0]["subject"], "Gr\u{FFFD}\u{FFFD}sse");
        assert_eq!(page["value"][1]["subject"], "ok");
        assert_eq!(json_of(b"not json"), Value::Null);
        assert_eq!(json_of(b"  "), Value::Null);
    }

    #[test]
    fn error_kinds_follow_status_and_code() {
        assert_eq!(kind_of(410, ""), GraphErrorKind::ResyncRequired);
        assert_eq!(
            kind_of(400, "SyncStateNotFound"),
            GraphErrorKind::ResyncRequired
        );
        assert_eq!(kind_of(404, "ErrorItemNotFound"), GraphErrorKind::NotFound);
        assert_eq!(
            kind_of(429, "ApplicationThrottled"),
            GraphErrorKind::Throttled
        );
        assert_eq!(kind_of(504, ""), GraphErrorKind::Transient);
        assert_eq!(
            kind_of(400, "ErrorInvalidIdMalformed"),
            GraphErrorKind::Permanent
        );
    }
}
