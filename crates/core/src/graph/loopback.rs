//! The loopback listener that receives the browser's redirect after sign-in (RFC 8252 §7.3).
//!
//! Contract: the browser comes back as `GET {path}?code&state` or `GET
//! {path}?error&error_description&state` on 127.0.0.1 (GRAPH_FACTS §1.3). Any local process can
//! reach that port too, so only a redirect that carries this sign-in's `state` decides anything:
//! a request without it, or with it but neither a non-empty `code` nor an `error`, is answered
//! 400 and the wait goes on; another path is answered 404. The first deciding redirect closes
//! the listener. HTTP itself is hyper's; what a parsed request means is [`judge_request`], a
//! pure function (tested with arbitrary input).

use std::collections::HashMap;
use std::convert::Infallible;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use hyper::header::{CACHE_CONTROL, CONNECTION, CONTENT_TYPE, HeaderValue};
use hyper::{Method, Request, Response, StatusCode, Uri};
use hyper_util::rt::{TokioIo, TokioTimer};
use serde::{Deserialize, Serialize};
use tokio::net::{TcpListener, TcpStream};

use crate::graph::error::{AadError, SignInError};
use crate::graph::texts::MicrosoftMsg;
use crate::i18n::Language;

/// How long a connection may take to send its request head; browsers open speculative
/// connections that never send one.
const HEAD_TIMEOUT: Duration = Duration::from_secs(10);

/// The listener on 127.0.0.1 waiting for the browser's redirect.
#[derive(Debug)]
pub struct LoopbackListener {
    listener: TcpListener,
    redirect_uri: String,
    path: &'static str,
}

/// What one request to the listener means for the sign-in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Another path (e.g. `/favicon.ico`): 404, keep waiting.
    NotFound,
    /// Not this sign-in's answer, or no usable one: 400, keep waiting.
    Ignored,
    /// This sign-in's code: the success page, then redeem it.
    Code(String),
    /// This sign-in's error answer: the failure page, then say why.
    Refused(AadError),
}

/// What a request with `method` and target `uri` means for a listener on `path` waiting for
/// `state`.
pub fn judge_request(method: &Method, uri: &Uri, path: &str, state: &str) -> Verdict {
    // NOTE: a browser sends the origin form (`/?…`); an absolute target is a proxy request.
    if uri.scheme().is_some() || uri.authority().is_some() {
        return Verdict::Ignored;
    }
    if uri.path() != path {
        return Verdict::NotFound;
    }
    if method != Method::GET {
        return Verdict::Ignored;
    }
    // NOTE: the first of a repeated parameter counts, so a later one cannot replace it.
    let mut params: HashMap<String, String> = HashMap::new();
    for (k, v) in url::form_urlencoded::parse(uri.query().unwrap_or_default().as_bytes()) {
        params
            .entry(k.into_owned())
            .or_insert_with(|| v.into_owned());
    }
    if state.is_empty() || params.get("state").map(String::as_str) != Some(state) {
        return Verdict::Ignored;
    }
    if let Some(error) = params.get("error").filter(|e| !e.is_empty()) {
        let description = params.get("error_description").cloned().unwrap_or_default();
        return Verdict::Refused(AadError::local(error, Vec::new(), description));
    }
    match params.get("code").filter(|c| !c.trim().is_empty()) {
        Some(code) => Verdict::Code(code.clone()),
        None => Verdict::Ignored,
    }
}

/// How the app is registered in Entra ID, which decides the redirect path and the secret.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Registration {
    /// "Mobile and desktop applications", redirect `http://localhost`: no secret (recommended).
    #[default]
    Desktop,
    /// "Web", redirect `http://localhost/office365/authorization`, with a client secret.
    Web,
}

impl Registration {
    /// The path of the loopback redirect URI.
    pub fn redirect_path(self) -> &'static str {
        match self {
            Registration::Desktop => "/",
            Registration::Web => "/office365/authorization",
        }
    }
}

/// This sign-in's redirect as the connections see it; the first deciding answer claims it.
struct Awaited {
    path: &'static str,
    state: String,
    lang: Language,
    claimed: AtomicBool,
}

type Answer = Result<String, AadError>;

impl Awaited {
    /// The response to `request`; a deciding one also lands in `decided`.
    fn respond<B>(
        &self,
        request: &Request<B>,
        decided: &Mutex<Option<Answer>>,
    ) -> Response<String> {
        let answer = match judge_request(request.method(), request.uri(), self.path, &self.state) {
            Verdict::NotFound => return plain(StatusCode::NOT_FOUND, String::new()),
            Verdict::Ignored => return plain(StatusCode::BAD_REQUEST, String::new()),
            Verdict::Code(code) => Ok(code),
            Verdict::Refused(e) => Err(e),
        };
        // NOTE: one redirect decides; a second one (even a valid copy) is no longer awaited.
        if self.claimed.swap(true, Ordering::SeqCst) {
            return plain(StatusCode::BAD_REQUEST, String::new());
        }
        let status = if answer.is_ok() {
            StatusCode::OK
        } else {
            StatusCode::BAD_REQUEST
        };
        let page = result_page(answer.is_ok(), self.lang);
        *decided.lock().unwrap_or_else(|p| p.into_inner()) = Some(answer);
        plain(status, page)
    }
}

/// A response that closes its connection: nothing else is expected from the same browser.
fn plain(status: StatusCode, body: String) -> Response<String> {
    let mut response = Response::new(body);
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.insert(
        CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(CONNECTION, HeaderValue::from_static("close"));
    response
}

impl LoopbackListener {
    /// Listens on 127.0.0.1 on a free port for `registration`'s redirect path.
    pub async fn bind(registration: Registration) -> Result<LoopbackListener, SignInError> {
        let listener = TcpListener::bind(("127.0.0.1", 0))
            .await
            .map_err(SignInError::Listener)?;
        let port = listener.local_addr().map_err(SignInError::Listener)?.port();
        let path = registration.redirect_path();
        Ok(LoopbackListener {
            listener,
            redirect_uri: format!("http://localhost:{port}{path}"),
            path,
        })
    }

    /// The redirect URI to send (`http://localhost:PORT/…`).
    pub fn redirect_uri(&self) -> &str {
        &self.redirect_uri
    }

    /// Waits for the redirect carrying `state`, answers it with a page in `lang`, and returns
    /// the code. Everything else is answered (404 or 400) and does not end the wait. Returning
    /// (or being dropped at the caller's deadline) closes the listener and every connection.
    pub async fn wait_for_code(self, state: &str, lang: Language) -> Result<String, SignInError> {
        let awaited = Arc::new(Awaited {
            path: self.path,
            state: state.to_owned(),
            lang,
            claimed: AtomicBool::new(false),
        });
        let (tx, mut rx) = tokio::sync::mpsc::channel(1);
        // NOTE: each connection is served in its own task so an idle one cannot hold up the
        // real redirect.
        let mut connections = tokio::task::JoinSet::new();
        loop {
            tokio::select! {
                accepted = self.listener.accept() => {
                    let (stream, _) = accepted.map_err(SignInError::Listener)?;
                    connections.spawn(serve(stream, awaited.clone(), tx.clone()));
                }
                Some(answer) = rx.recv() => return answer.map_err(SignInError::Aad),
                Some(_) = connections.join_next() => {}
            }
        }
    }
}

/// Serves one connection; its deciding answer is handed on once the page was sent.
async fn serve(stream: TcpStream, awaited: Arc<Awaited>, tx: tokio::sync::mpsc::Sender<Answer>) {
    let decided = Arc::new(Mutex::new(None));
    let service = {
        let decided = decided.clone();
        hyper::service::service_fn(move |request| {
            let response = awaited.respond(&request, &decided);
            async move { Ok::<_, Infallible>(response) }
        })
    };
    // NOTE: half-closing clients (the request sent, their writing side shut) still get their
    // answer.
    let _ = hyper::server::conn::http1::Builder::new()
        .timer(TokioTimer::new())
        .header_read_timeout(HEAD_TIMEOUT)
        .half_close(true)
        .serve_connection(TokioIo::new(stream), service)
        .await;
    let answer = decided.lock().unwrap_or_else(|p| p.into_inner()).take();
    if let Some(answer) = answer {
        let _ = tx.send(answer).await;
    }
}

/// The page the browser shows once the sign-in's answer came.
fn result_page(ok: bool, lang: Language) -> String {
    let text = if ok {
        MicrosoftMsg::BrowserPageSuccess
    } else {
        MicrosoftMsg::BrowserPageFailure
    }
    .render(lang);
    format!(
        "<!DOCTYPE html><html lang=\"{}\"><head><meta charset=\"utf-8\"><title>Office Connector</title></head>\
         <body style=\"font-family:sans-serif;margin:3em\"><h1>Office Connector</h1><p>{text}</p></body></html>",
        lang.as_str()
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::texts::SignInProblem;
    use proptest::prelude::*;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    async fn request(port: u16, raw: &str) -> String {
        let mut stream = tokio::net::TcpStream::connect(("127.0.0.1", port))
            .await
            .expect("connect");
        stream.write_all(raw.as_bytes()).await.expect("write");
        let mut answer = String::new();
        stream.read_to_string(&mut answer).await.expect("read");
        answer
    }

    async fn get(port: u16, target: &str) -> String {
        request(
            port,
            &format!("GET {target} HTTP/1.1\r\nHost: localhost\r\n\r\n"),
        )
        .await
    }

    fn port_of(listener: &LoopbackListener) -> u16 {
        url::Url::parse(listener.redirect_uri())
            .expect("uri")
            .port()
            .expect("port")
    }

    #[tokio::test]
    async fn an_idle_browser_connection_and_a_favicon_do_not_hold_up_the_redirect() {
        let listener = LoopbackListener::bind(Registration::Desktop)
            .await
            .expect("bind");
        assert!(listener.redirect_uri().starts_with("http://localhost:"));
        assert!(listener.redirect_uri().ends_with('/'));
        let port = port_of(&listener);
        let wait = tokio::spawn(listener.wait_for_code("s1", Language::En));
        // A speculative connection that never sends anything stays open meanwhile.
        let _idle = tokio::net::TcpStream::connect(("127.0.0.1", port))
            .await
            .expect("idle");
        // Without per-connection reading, the idle connection would block the others for 10 s.
        let (favicon, page, code) = tokio::time::timeout(Duration::from_secs(5), async {
            let favicon = get(port, "/favicon.ico").await;
            let page = get(port, "/?code=abc&state=s1").await;
            (favicon, page, wait.await)
        })
        .await
        .expect("not held up by the idle connection");
        assert!(favicon.starts_with("HTTP/1.1 404"), "{favicon}");
        assert!(page.starts_with("HTTP/1.1 200"), "{page}");
        let code = code.expect("task").expect("code");
        assert_eq!(code, "abc");
    }

    #[tokio::test]
    async fn an_error_redirect_becomes_the_aadsts_problem() {
        let listener = LoopbackListener::bind(Registration::Web)
            .await
            .expect("bind");
        assert!(
            listener
                .redirect_uri()
                .ends_with("/office365/authorization")
        );
        let port = port_of(&listener);
        let wait = tokio::spawn(listener.wait_for_code("s2", Language::De));
        let page = get(
            port,
            "/office365/authorization?error=access_denied&error_description=AADSTS65004%3A+User+declined+to+consent&state=s2",
        )
        .await;
        assert!(page.starts_with("HTTP/1.1 400"), "{page}");
        assert!(page.contains("nicht gelungen"), "{page}");
        let err = wait.await.expect("task").expect_err("declined");
        assert_eq!(err.problem(), Some(SignInProblem::AdminConsentRequired));
    }

    #[tokio::test]
    async fn the_first_deciding_redirect_closes_the_listener() {
        let listener = LoopbackListener::bind(Registration::Desktop)
            .await
            .expect("bind");
        let port = port_of(&listener);
        let wait = tokio::spawn(listener.wait_for_code("s4", Language::En));
        let post = request(
            port,
            "POST /?state=s4&code=abc HTTP/1.1\r\nContent-Length: 0\r\n\r\n",
        )
        .await;
        assert!(post.starts_with("HTTP/1.1 400"), "{post}");
        let page = get(port, "/?state=s4&code=abc").await;
        assert!(page.starts_with("HTTP/1.1 200"), "{page}");
        assert_eq!(wait.await.expect("task").expect("code"), "abc");
        assert!(
            tokio::net::TcpStream::connect(("127.0.0.1", port))
                .await
                .is_err(),
            "nobody listens after the answer"
        );
    }

    /// The method and target of a request line, as hyper hands them over; none where hyper
    /// answers 400 itself.
    fn parsed(head: &[u8]) -> Option<(Method, Uri)> {
        let end = head
            .iter()
            .position(|b| *b == b'\r' || *b == b'\n')
            .unwrap_or(head.len());
        let mut parts = head[..end].split(|b| *b == b' ');
        let (method, target, version) = (parts.next()?, parts.next()?, parts.next()?);
        if !version.starts_with(b"HTTP/") || parts.next().is_some() {
            return None;
        }
        Some((
            Method::from_bytes(method).ok()?,
            Uri::try_from(target).ok()?,
        ))
    }

    fn judge(head: &[u8], state: &str) -> Verdict {
        match parsed(head) {
            Some((method, uri)) => judge_request(&method, &uri, "/", state),
            None => Verdict::Ignored,
        }
    }

    #[test]
    fn only_the_right_state_with_a_code_or_an_error_decides() {
        let judge = |line: &str| judge(line.as_bytes(), "s3");
        assert_eq!(
            judge("GET /?state=s3&code=c HTTP/1.1\r\n\r\n"),
            Verdict::Code("c".into())
        );
        assert_eq!(
            judge("GET /favicon.ico HTTP/1.1\r\n\r\n"),
            Verdict::NotFound
        );
        for ignored in [
            "GET / HTTP/1.1\r\n\r\n",
            "GET /?code=c HTTP/1.1\r\n\r\n",
            "GET /?state=S3&code=c HTTP/1.1\r\n\r\n",
            "GET /?state=s3&code= HTTP/1.1\r\n\r\n",
            "GET /?state=s3&code=%20 HTTP/1.1\r\n\r\n",
            "GET /?state=s3 HTTP/1.1\r\n\r\n",
            "GET /?state=s3&error= HTTP/1.1\r\n\r\n",
            "GET /?state=x&state=s3&code=c HTTP/1.1\r\n\r\n",
            "POST /?state=s3&code=c HTTP/1.1\r\n\r\n",
            "HEAD /?state=s3&code=c HTTP/1.1\r\n\r\n",
            "GET http://localhost/?state=s3&code=c HTTP/1.1\r\n\r\n",
            "GET /?state=s3&code=c\r\n\r\n",
            "",
        ] {
            assert_eq!(judge(ignored), Verdict::Ignored, "{ignored:?}");
        }
        let Verdict::Refused(e) = judge(
            "GET /?state=s3&error=access_denied&error_description=AADSTS65004%3A+declined HTTP/1.1\r\n\r\n",
        ) else {
            panic!("an error answer decides");
        };
        assert_eq!(e.aadsts(), Some(65004));
    }

    /// Request lines a browser, a port scanner or a local attacker might send.
    fn request_line() -> impl Strategy<Value = Vec<u8>> {
        let word = |w: &str| Just(w.to_owned());
        let param = prop_oneof![
            word("state=right"),
            word("state="),
            "state=[a-z%&=]{0,8}",
            word("code="),
            "code=[ -~]{0,6}",
            "error=[a-z_]{0,8}",
            "[a-z_]{0,6}=[^ ]{0,6}",
            "[^ \r\n]{0,10}",
        ];
        let method = prop_oneof![word("GET"), word("POST"), word("get"), "[A-Z]{0,5}"];
        let path = prop_oneof![word("/"), word("/office365/authorization"), "/[^ ?]{0,8}"];
        let tail = prop_oneof![
            word(" HTTP/1.1\r\n\r\n"),
            word("\r\n"),
            word(""),
            "[ -~\r\n]{0,12}"
        ];
        (method, path, prop::collection::vec(param, 0..5), tail).prop_map(
            |(method, path, params, tail)| {
                format!("{method} {path}?{}{tail}", params.join("&")).into_bytes()
            },
        )
    }

    /// The first `state` of the request line's target, read independently of the listener.
    fn first_state(text: &str) -> Option<String> {
        let line = text.split(['\r', '\n']).next()?;
        let query = line.split(' ').nth(1)?.split_once('?')?.1;
        url::form_urlencoded::parse(query.as_bytes())
            .find(|(k, _)| k == "state")
            .map(|(_, v)| v.into_owned())
    }

    proptest! {
        #[test]
        fn arbitrary_bytes_never_end_the_wait(head in prop::collection::vec(any::<u8>(), 0..300)) {
            // NOTE: random bytes cannot carry a 32-character state by chance.
            let verdict = judge(&head, "kT-e7tIEn47s05T6R4HqeYf9MqWlcXH8");
            prop_assert!(
                matches!(verdict, Verdict::Ignored | Verdict::NotFound),
                "{:?}",
                verdict
            );
        }

        #[test]
        fn arbitrary_targets_never_end_the_wait(target in "[ -~]{0,40}", method in "[A-Z]{1,7}") {
            let (Ok(uri), Ok(method)) = (Uri::try_from(target.as_str()), Method::from_bytes(method.as_bytes())) else {
                return Ok(());
            };
            let verdict = judge_request(&method, &uri, "/", "kT-e7tIEn47s05T6R4HqeYf9MqWlcXH8");
            prop_assert!(matches!(verdict, Verdict::Ignored | Verdict::NotFound), "{:?}", verdict);
        }

        #[test]
        fn only_the_right_state_ends_the_wait_and_only_a_real_code_signs_in(head in request_line()) {
            let verdict = judge(&head, "right");
            let text = String::from_utf8_lossy(&head);
            if let Verdict::Code(_) | Verdict::Refused(_) = &verdict {
                prop_assert!(text.starts_with("GET /?"), "{:?}", text);
                let state = first_state(&text);
                prop_assert_eq!(state.as_deref(), Some("right"), "{:?}", text);
            }
            if let Verdict::Code(code) = &verdict {
                prop_assert!(!code.trim().is_empty(), "{:?}", text);
            }
        }
    }
}
