//! Runs the real `office-connector` binary, found next to the test executable
//! (`target/<profile>/office-connector`): the test package cannot use `CARGO_BIN_EXE_*` of
//! another package, so the binaries must be built first (`cargo build --bins`, as
//! `scripts/test.sh` and CI do).

use std::path::PathBuf;
use std::process::{Command, Output};

use crate::home::TempHome;

/// The path of the built `office-connector` binary; panics with how to build it if missing.
pub fn office_connector_bin() -> PathBuf {
    let exe = std::env::current_exe().expect("the test executable's path");
    // target/<profile>/deps/it-<hash> → target/<profile>/office-connector
    let profile_dir = exe
        .parent()
        .and_then(|deps| deps.parent())
        .expect("the test executable lives in target/<profile>/deps");
    let bin = profile_dir.join(format!("office-connector{}", std::env::consts::EXE_SUFFIX));
    assert!(
        bin.exists(),
        "{} is missing: build the binaries first with `cargo build --bins` \
         (scripts/test.sh does this before running the tests)",
        bin.display()
    );
    bin
}

/// What one CLI invocation printed and returned.
#[derive(Debug)]
pub struct CliRun {
    /// The exit code (-1 if killed by a signal).
    pub code: i32,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
}

impl CliRun {
    /// Standard output parsed as JSON; panics with both streams if it is not JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| {
            panic!(
                "stdout is not JSON ({e}):\n{}\nstderr:\n{}",
                self.stdout, self.stderr
            )
        })
    }
}

impl From<Output> for CliRun {
    fn from(out: Output) -> Self {
        CliRun {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }
}

/// A command for `office-connector` in `home`, with a clean, English environment: the home's
/// own policy path, no inherited `OFFICE_CONNECTOR_*` or locale variables.
pub fn command(home: &TempHome) -> Command {
    command_at(home.path(), &home.policy_file())
}

/// Like [`command`], for a home at `path` that is no [`TempHome`] (a file, a folder under a
/// file), with the admin policy at `policy`.
pub fn command_at(path: &std::path::Path, policy: &std::path::Path) -> Command {
    let mut cmd = Command::new(office_connector_bin());
    cmd.arg("--home").arg(path);
    for var in [
        "OFFICE_CONNECTOR_HOME",
        "LC_ALL",
        "LC_MESSAGES",
        "LANGUAGE",
        "NO_COLOR",
    ] {
        cmd.env_remove(var);
    }
    cmd.env("OFFICE_CONNECTOR_POLICY", policy);
    cmd.env("LANG", "C.UTF-8");
    cmd
}

/// Runs `office-connector --home HOME ARGS…` in English and collects its output.
pub fn run(home: &TempHome, args: &[&str]) -> CliRun {
    command(home)
        .args(args)
        .output()
        .expect("run office-connector")
        .into()
}

/// Like [`run`], with extra environment variables (e.g. `LANG=de_DE.UTF-8`).
pub fn run_with_env(home: &TempHome, env: &[(&str, &str)], args: &[&str]) -> CliRun {
    let mut cmd = command(home);
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.args(args)
        .output()
        .expect("run office-connector")
        .into()
}

/// Texts a mail subject, a name or a server message may carry to take over a terminal, each
/// with how the CLI shows it instead (caret notation, C1 as `\u{..}`).
pub const TERMINAL_ATTACKS: [(&str, &str); 5] = [
    // clipboard write (OSC 52), then clear the screen (CSI 2J)
    ("\u{1b}]52;c;AAAA\u{7}\u{1b}[2J", "^[]52;c;AAAA^G^[[2J"),
    // window title (OSC 0)
    ("\u{1b}]0;pwned\u{7}", "^[]0;pwned^G"),
    ("ding\u{7}dong", "ding^Gdong"),
    // C1 CSI: clears the screen on terminals that take 8-bit controls
    ("\u{9b}2J", "\\u{9b}2J"),
    // carriage return: what follows overwrites the line
    ("paid\rUNPAID", "paid^MUNPAID"),
];

/// Panics unless `text` is free of control characters a terminal acts on (all but newline and
/// tab), naming `what` and showing the first offending line.
pub fn assert_no_raw_controls(what: &str, text: &str) {
    let bad = |c: char| c.is_control() && c != '\n' && c != '\t';
    if let Some(line) = text.lines().find(|l| l.chars().any(bad)) {
        panic!("{what} reaches the terminal raw: {line:?}");
    }
    assert!(
        !text.contains('\r'),
        "{what} holds a carriage return: {text:?}"
    );
}

/// The `office-connector` binary where user `uid` may run it: the built one if every folder
/// above it lets others in, else a copy in a temporary folder that does (kept for the test
/// run).
#[cfg(unix)]
pub fn binary_for(uid: u32) -> PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let bin = office_connector_bin();
    let runs = std::process::Command::new("setpriv")
        .arg(format!("--reuid={uid}"))
        .arg(format!("--regid={uid}"))
        .args(["--clear-groups", "--"])
        .arg(&bin)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if runs {
        return bin;
    }
    let dir = tempfile::Builder::new()
        .prefix("oc-bin-")
        .tempdir()
        .expect("a folder for the binary")
        .keep();
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    let copy = dir.join("office-connector");
    std::fs::copy(&bin, &copy).expect("copy the binary");
    copy
}
