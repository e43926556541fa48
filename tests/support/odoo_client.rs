//! Support for the tests of the product's Odoo client and of `connect odoo`: a stand-in server
//! for answers the fake Odoo cannot give (versions outside 16–19, a hidden database list), and
//! a real Secret Service (D-Bus + gnome-keyring) for CLI runs, as ../shared/PLATFORM.md shows.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;

use axum::Json;
use axum::Router;
use axum::extract::State;
use axum::routing::post;
use serde_json::{Value, json};

use crate::cli::{CliRun, office_connector_bin};
use crate::home::TempHome;

/// Answers one JSON-RPC `(service, method, args)` with a `result` value or an `error` object.
pub type Answer = Arc<dyn Fn(&str, &str, &Value) -> Result<Value, Value> + Send + Sync>;

/// A minimal JSON-RPC server on loopback whose answers a test scripts.
pub struct StubOdoo {
    url: String,
    task: tokio::task::JoinHandle<()>,
}

impl StubOdoo {
    /// Starts the server on a free port.
    pub async fn start(answer: Answer) -> StubOdoo {
        let app = Router::new()
            .route("/jsonrpc", post(jsonrpc))
            .with_state(answer);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind a loopback port");
        let url = format!("http://{}", listener.local_addr().expect("local addr"));
        let task = tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        StubOdoo { url, task }
    }

    /// A server reporting `version` (e.g. "15.0") with databases `dbs` (None: list disabled).
    pub async fn with_version(version: &'static str, dbs: Option<Vec<&'static str>>) -> StubOdoo {
        StubOdoo::start(Arc::new(move |service, method, _args| {
            match (service, method) {
                ("common", "version") => {
                    let major: u64 = version
                        .split('.')
                        .next()
                        .and_then(|m| m.parse().ok())
                        .unwrap_or(0);
                    Ok(
                        json!({"server_version": version, "server_version_info": [major, 0, 0, "final", 0, ""],
                               "server_serie": version, "protocol_version": 1}),
                    )
                }
                ("db", "list") => match &dbs {
                    Some(list) => Ok(json!(list)),
                    // NOTE: odoo/service/db.py exp_list: `if not config['list_db']: raise AccessDenied()`
                    None => Err(
                        json!({"code": 200, "message": "Odoo Server Error", "data": {"name": "odoo.exceptions.AccessDenied",
                               "debug": "Traceback ...", "message": "Access Denied", "arguments": ["Access Denied"], "context": {}}}),
                    ),
                },
                _ => Ok(Value::Bool(false)),
            }
        }))
        .await
    }

    /// The base URL.
    pub fn url(&self) -> &str {
        &self.url
    }
}

impl Drop for StubOdoo {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn jsonrpc(State(answer): State<Answer>, Json(body): Json<Value>) -> Json<Value> {
    let params = &body["params"];
    let service = params["service"].as_str().unwrap_or_default();
    let method = params["method"].as_str().unwrap_or_default();
    let outcome = answer(service, method, &params["args"]);
    let id = body.get("id").cloned().unwrap_or(Value::Null);
    Json(match outcome {
        Ok(result) => json!({"jsonrpc": "2.0", "id": id, "result": result}),
        Err(error) => json!({"jsonrpc": "2.0", "id": id, "error": error}),
    })
}

/// One CLI invocation inside a [`KeyringSession`]: arguments and what to feed on stdin.
pub struct Step<'a> {
    /// Arguments after `--home HOME`.
    pub args: Vec<&'a str>,
    /// Standard input (e.g. the API key and a newline).
    pub stdin: &'a str,
    /// Fake Odoo faults to set (PUT `/_fake/faults` of `fake_url`) before the step, if any.
    pub faults_before: Option<(String, serde_json::Value)>,
}

impl<'a> Step<'a> {
    /// `office-connector ARGS` with `stdin`.
    pub fn new(args: &[&'a str], stdin: &'a str) -> Step<'a> {
        Step {
            args: args.to_vec(),
            stdin,
            faults_before: None,
        }
    }

    /// Sets the fake Odoo's faults at `fake_url` right before this step.
    pub fn with_faults(mut self, fake_url: &str, faults: serde_json::Value) -> Step<'a> {
        self.faults_before = Some((fake_url.to_owned(), faults));
        self
    }
}

/// Runs CLI steps one after another in ONE D-Bus session with an unlocked gnome-keyring, so
/// what one step stores in the keyring the next can read. Each session gets a fresh
/// `XDG_DATA_HOME` (an old keyring with another password would wait for a dialog forever)
/// and the whole run a `timeout`.
pub struct KeyringSession {
    dir: tempfile::TempDir,
    env: Vec<(String, String)>,
}

impl KeyringSession {
    /// A fresh keyring folder.
    pub fn new() -> KeyringSession {
        KeyringSession {
            dir: tempfile::Builder::new()
                .prefix("oc-keyring-")
                .tempdir()
                .expect("keyring dir"),
            env: Vec::new(),
        }
    }

    /// Adds an environment variable for every step (e.g. `RUST_LOG=trace`).
    pub fn with_env(mut self, name: &str, value: &str) -> KeyringSession {
        self.env.push((name.to_owned(), value.to_owned()));
        self
    }

    /// The folder holding the keyring files (not part of any state home).
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Runs `steps` with `office-connector --home HOME` in English; one [`CliRun`] per step.
    pub fn run(&self, home: &TempHome, steps: &[Step<'_>]) -> Vec<CliRun> {
        let bin = office_connector_bin();
        let work = self.dir.path().join("steps");
        let data = self.dir.path().join("data");
        let runtime = self.dir.path().join("runtime");
        for d in [&work, &data, &runtime] {
            std::fs::create_dir_all(d).expect("mkdir");
        }
        set_private(&runtime);
        // NOTE: the daemon claims org.freedesktop.secrets a moment after --unlock returns; a
        // request before that D-Bus-activates a second daemon that exits without answering
        // ("recipient disconnected"), so wait until the name has its owner.
        let mut script = String::from(
            "printf 'keyring-pw' | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1\n\
             i=0; while [ $i -lt 100 ] && ! dbus-send --session --print-reply --dest=org.freedesktop.DBus \
             /org/freedesktop/DBus org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null \
             | grep -q 'boolean true'; do sleep 0.05; i=$((i+1)); done\n",
        );
        for (i, step) in steps.iter().enumerate() {
            let input = work.join(format!("{i}.in"));
            std::fs::write(&input, step.stdin).expect("write stdin");
            if let Some((url, faults)) = &step.faults_before {
                script.push_str(&format!(
                    "curl -sf -X PUT -H 'content-type: application/json' --data {} {} >/dev/null\n",
                    quote(Path::new(&faults.to_string())),
                    quote(Path::new(&format!("{url}/_fake/faults")))
                ));
            }
            let mut line = format!("{} --home {}", quote(&bin), quote(home.path()));
            for a in &step.args {
                line.push(' ');
                line.push_str(&quote(Path::new(a)));
            }
            let out = |ext: &str| quote(&work.join(format!("{i}.{ext}")));
            script.push_str(&format!(
                "{line} <{} >{} 2>{}; echo $? >{}\n",
                quote(&input),
                out("out"),
                out("err"),
                out("code")
            ));
        }
        let script_file = work.join("run.sh");
        std::fs::write(&script_file, script).expect("write script");
        let mut command = Command::new("timeout");
        command.envs(self.env.iter().map(|(k, v)| (k, v)));
        let status = command
            .args(["-k", "5", "90", "dbus-run-session", "--", "sh"])
            .arg(&script_file)
            .env("XDG_DATA_HOME", &data)
            .env("XDG_RUNTIME_DIR", &runtime)
            .env_remove("DBUS_SESSION_BUS_ADDRESS")
            .env_remove("OFFICE_CONNECTOR_HOME")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env_remove("LANGUAGE")
            .env("LANG", "C.UTF-8")
            .env("OFFICE_CONNECTOR_POLICY", home.policy_file())
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status()
            .expect("dbus-run-session and gnome-keyring-daemon are installed (scripts/setup.sh)");
        assert!(status.success(), "the keyring session failed: {status}");
        (0..steps.len())
            .map(|i| {
                let read = |ext: &str| {
                    std::fs::read_to_string(work.join(format!("{i}.{ext}"))).unwrap_or_default()
                };
                CliRun {
                    code: read("code").trim().parse().unwrap_or(-1),
                    stdout: read("out"),
                    stderr: read("err"),
                }
            })
            .collect()
    }
}

impl Default for KeyringSession {
    fn default() -> Self {
        KeyringSession::new()
    }
}

fn set_private(dir: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700)).expect("chmod 700");
    }
}

/// Single-quotes a path or word for `sh`.
fn quote(p: &Path) -> String {
    format!("'{}'", p.display().to_string().replace('\'', r"'\''"))
}

/// Every file under `dir` (recursively) whose bytes contain `needle`.
pub fn files_containing(dir: &Path, needle: &str) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if std::fs::read(&path)
                .map(|b| b.windows(needle.len()).any(|w| w == needle.as_bytes()))
                .unwrap_or(false)
            {
                found.push(path);
            }
        }
    }
    found
}
