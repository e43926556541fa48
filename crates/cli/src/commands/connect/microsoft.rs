//! `office-connector connect microsoft --client-id ID --tenant T [--authority URL] [--graph URL]
//! [--login-hint UPN] [--client-secret-stdin] [--no-browser | --device-code] [--json]`.
//!
//! Signs in with authorization code + PKCE: the system browser opens the authorize page (the
//! command in `OFFICE_CONNECTOR_URL_OPENER` replaces it), and a loopback listener on 127.0.0.1
//! receives the answer. With `--no-browser` the authorize URL is the FIRST line on stdout, so a
//! script or a person on another machine can open it; the command waits for the redirect.
//! `--device-code` prints a code to enter at Microsoft's device login page instead. A client
//! secret (only for apps registered as *Web*) is read from stdin, never from the command line.
//! The refresh token and the secret go to the OS keyring only.

use std::io::{BufRead, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use office_connector_core::api::{
    DeviceCodePrompt, MicrosoftConnectRequest, MicrosoftRuntime, SignInMethod,
};
use office_connector_core::error::UserFacing;
use office_connector_core::graph::auth::{DeviceCode, SystemUrlOpener, UrlOpener};
use office_connector_core::graph::client::TokioSleeper;
use office_connector_core::graph::error::SignInError;
use office_connector_core::graph::texts::MicrosoftMsg;
use office_connector_core::i18n::{Language, Msg};
use secrecy::SecretString;

use crate::commands::exit::{open_session, report, runtime};
use crate::commands::output::{emit, print_json, say};

/// Arguments of `office-connector connect microsoft`.
#[derive(Debug, clap::Args)]
pub struct MicrosoftArgs {
    /// Application (client) ID of the app registration.
    #[arg(long)]
    client_id: String,
    /// Directory (tenant) ID or domain, or `organizations` / `common`.
    #[arg(long)]
    tenant: String,
    /// Identity platform address (default: the `microsoft.authority_url` setting).
    #[arg(long)]
    authority: Option<String>,
    /// Microsoft Graph address including the version (default: `microsoft.graph_url`).
    #[arg(long)]
    graph: Option<String>,
    /// The account to sign in, e.g. your e-mail address.
    #[arg(long)]
    login_hint: Option<String>,
    /// Read a client secret from stdin (only for an app registered as "Web").
    #[arg(long)]
    client_secret_stdin: bool,
    /// Do not open a browser: print the sign-in address as the first line and wait.
    #[arg(long, conflicts_with = "device_code")]
    no_browser: bool,
    /// Sign in with a code entered on another device.
    #[arg(long)]
    device_code: bool,
    /// Minutes to wait for the sign-in to finish.
    #[arg(long, default_value_t = 10)]
    wait_minutes: u64,
    /// Print machine-readable JSON.
    #[arg(long)]
    json: bool,
}

/// Prints the authorize URL as the first stdout line instead of opening a browser.
struct PrintUrl {
    lang: Language,
}

impl UrlOpener for PrintUrl {
    fn open(&self, url: &str) -> Result<(), SignInError> {
        emit(&format!("{url}\n"));
        say(&Msg::Microsoft(MicrosoftMsg::OpenThisUrl).render(self.lang));
        Ok(())
    }
}

/// Opens the system browser and also shows the address on stderr, in case it does not open.
struct OpenBrowser {
    lang: Language,
}

impl UrlOpener for OpenBrowser {
    fn open(&self, url: &str) -> Result<(), SignInError> {
        say(url);
        say(&Msg::Microsoft(MicrosoftMsg::OpenThisUrl).render(self.lang));
        SystemUrlOpener.open(url)
    }
}

/// Shows the device code on stdout.
struct PrintDeviceCode {
    lang: Language,
}

impl DeviceCodePrompt for PrintDeviceCode {
    fn show(&self, code: &DeviceCode) {
        emit(&format!(
            "{}\n",
            Msg::Microsoft(MicrosoftMsg::DeviceCodePrompt {
                url: code.verification_uri.clone(),
                code: code.user_code.clone(),
            })
            .render(self.lang)
        ));
        let _ = std::io::stdout().flush();
    }
}

/// Runs `office-connector connect microsoft`.
pub fn run(home: Option<PathBuf>, args: MicrosoftArgs) -> anyhow::Result<ExitCode> {
    let session = match open_session(home, args.json) {
        Ok(s) => s,
        Err(code) => return Ok(code),
    };
    let lang = session.language();
    let client_secret = if args.client_secret_stdin {
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line)?;
        Some(line.trim().to_owned())
            .filter(|s| !s.is_empty())
            .map(SecretString::from)
    } else {
        None
    };
    let method = if args.device_code {
        SignInMethod::DeviceCode {
            prompt: Arc::new(PrintDeviceCode { lang }),
            sleeper: Arc::new(TokioSleeper),
        }
    } else if args.no_browser {
        SignInMethod::Browser(Arc::new(PrintUrl { lang }))
    } else {
        SignInMethod::Browser(Arc::new(OpenBrowser { lang }))
    };
    let request = MicrosoftConnectRequest {
        client_id: args.client_id,
        tenant: args.tenant,
        authority: args.authority,
        graph: args.graph,
        login_hint: args.login_hint,
        client_secret,
        method,
        timeout: Duration::from_secs(args.wait_minutes.max(1) * 60),
    };
    let runtime_env = MicrosoftRuntime::keyring(&session);
    let rt = runtime()?;
    match rt.block_on(session.connect_microsoft(&runtime_env, request)) {
        Ok(connection) if args.json => print_json(&connection),
        Ok(connection) => {
            emit(&format!("{}\n", connection.message));
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => Ok(report(&e.to_ui(lang), args.json)),
    }
}
