//! The loopback listener that receives the browser's redirect after sign-in (RFC 8252 §7.3).
//!
//! Any local process can reach 127.0.0.1:PORT, so only a redirect that carries this sign-in's
//! `state` decides anything: a request without it, or with it but neither a non-empty `code`
//! nor an `error`, is answered 400 and the wait goes on. What a request means is decided by
//! [`judge_request`], a pure function of the request's bytes (tested with arbitrary input).

use std::collections::HashMap;
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

use serde::{Deserialize, Serialize};

use crate::graph::error::{AadError, SignInError};
use crate::graph::texts::MicrosoftMsg;
use crate::i18n::Language;

/// The most of a request head read; a redirect is a few hundred bytes.
const MAX_HEAD: usize = 16 * 1024;

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

/// What the request head `head` means for a listener on `path` waiting for `state`.
pub fn judge_request(head: &[u8], path: &str, state: &str) -> Verdict {
    let Some(target) = request_target(head) else {
        return Verdict::Ignored;
    };
    let (target_path, query) = target.split_once('?').unwrap_or((target, ""));
    if target_path != path {
        return Verdict::NotFound;
    }
    // NOTE: the first of a repeated parameter counts, so a later one cannot replace it.
    let mut params: HashMap<String, String> = HashMap::new();
    for (k, v) in url::form_urlencoded::parse(query.as_bytes()) {
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

/// The target of a `GET` request line (`GET /?code=… HTTP/1.1`); none for anything else.
fn request_target(head: &[u8]) -> Option<&str> {
    let end = head.iter().position(|b| *b == b'\r' || *b == b'\n')?;
    let line = std::str::from_utf8(&head[..end]).ok()?;
    let mut parts = line.split(' ');
    let (method, target, version) = (parts.next()?, parts.next()?, parts.next()?);
    if method != "GET" || !version.starts_with("HTTP/") || parts.next().is_some() {
        return None;
    }
    Some(target)
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
    /// the code. Everything else is answered (404 or 400) and does not end the wait.
    pub async fn wait_for_code(self, state: &str, lang: Language) -> Result<String, SignInError> {
        // NOTE: browsers open speculative connections that may never send a request; each
        // connection is read in its own task so an idle one cannot hold up the real redirect.
        let (tx, mut rx) = tokio::sync::mpsc::channel(16);
        let mut readers = tokio::task::JoinSet::new();
        loop {
            let (mut stream, head) = tokio::select! {
                accepted = self.listener.accept() => {
                    let (mut stream, _) = accepted.map_err(SignInError::Listener)?;
                    let tx = tx.clone();
                    readers.spawn(async move {
                        if let Some(head) = read_head(&mut stream).await {
                            let _ = tx.send((stream, head)).await;
                        }
                    });
                    continue;
                }
                Some(request) = rx.recv() => request,
            };
            let verdict = judge_request(&head, self.path, state);
            let (status, result) = match verdict {
                Verdict::NotFound => {
                    let _ = respond(&mut stream, "404 Not Found", "").await;
                    continue;
                }
                Verdict::Ignored => {
                    let _ = respond(&mut stream, "400 Bad Request", "").await;
                    continue;
                }
                Verdict::Code(code) => ("200 OK", Ok(code)),
                Verdict::Refused(e) => ("400 Bad Request", Err(SignInError::Aad(e))),
            };
            let page = result_page(result.is_ok(), lang);
            let _ = respond(&mut stream, status, &page).await;
            return result;
        }
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

/// The request head (up to the blank line, the end of input, or [`MAX_HEAD`]); none when the
/// peer sent nothing in time.
async fn read_head(stream: &mut tokio::net::TcpStream) -> Option<Vec<u8>> {
    let mut buf = Vec::with_capacity(2048);
    let mut chunk = [0u8; 1024];
    while !buf.windows(4).any(|w| w == b"\r\n\r\n") && buf.len() < MAX_HEAD {
        let n = tokio::time::timeout(Duration::from_secs(10), stream.read(&mut chunk))
            .await
            .ok()?
            .ok()?;
        if n == 0 {
            break;
        }
        buf.extend_from_slice(&chunk[..n]);
    }
    (!buf.is_empty()).then_some(buf)
}

async fn respond(
    stream: &mut tokio::net::TcpStream,
    status: &str,
    body: &str,
) -> std::io::Result<()> {
    let response = format!(
        "HTTP/1.1 {status}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(response.as_bytes()).await?;
    stream.shutdown().await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::texts::SignInProblem;
    use proptest::prelude::*;

    async fn get(port: u16, target: &str) -> String {
        let mut stream = tokio::net::TcpStream::connect(("127.0.0.1", port))
            .await
            .expect("connect");
        stream
            .write_all(format!("GET {target} HTTP/1.1\r\nHost: localhost\r\n\r\n").as_bytes())
            .await
            .expect("write");
        let mut answer = String::new();
        stream.read_to_string(&mut answer).await.expect("read");
        answer
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

    #[test]
    fn only_the_right_state_with_a_code_or_an_error_decides() {
        let judge = |line: &str| judge_request(line.as_bytes(), "/", "s3");
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
            "GET /?state=s3&code=c\r\n\r\n",
            "",
        ] {
            assert_eq!(judge(ignored), Verdict::Ignored, "{ignored:?}");
        }
        assert!(matches!(
            judge("GET /?state=s3&error=access_denied HTTP/1.1\r\n\r\n"),
            Verdict::Refused(_)
        ));
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
            let verdict = judge_request(&head, "/", "kT-e7tIEn47s05T6R4HqeYf9MqWlcXH8");
            prop_assert!(
                matches!(verdict, Verdict::Ignored | Verdict::NotFound),
                "{:?}",
                verdict
            );
        }

        #[test]
        fn only_the_right_state_ends_the_wait_and_only_a_real_code_signs_in(head in request_line()) {
            let verdict = judge_request(&head, "/", "right");
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
