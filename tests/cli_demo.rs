//! `office-connector demo` on a headless machine: it prints the fakes' JSON line and the status
//! of a throwaway state folder, then exits 0 — and never touches the user's own state.

use it::cli::{CliRun, command};
use it::home::TempHome;

fn demo(home: &TempHome, args: &[&str]) -> CliRun {
    command(home)
        .arg("demo")
        .args(args)
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .output()
        .expect("run office-connector demo")
        .into()
}

#[test]
fn demo_prints_how_to_reach_the_fakes_and_the_demo_people_first() {
    let home = TempHome::new();
    let run = demo(&home, &["--no-window"]);
    assert_eq!(run.code, 0, "stderr: {}", run.stderr);
    let first = run.stdout.lines().next().expect("a first line");
    let line: serde_json::Value = serde_json::from_str(first).expect("the first line is JSON");
    let odoo = line["odoo"].as_str().expect("odoo URL");
    assert!(odoo.starts_with("http://127.0.0.1:"), "{odoo}");
    let users = line["users"].as_array().expect("users");
    assert_eq!(users.len(), 2, "a salesperson and a colleague: {users:?}");
    for user in users {
        for key in ["odoo_db", "odoo_login", "odoo_api_key", "odoo_password"] {
            assert!(
                user[key].as_str().is_some_and(|v| !v.is_empty()),
                "{key} in {user}"
            );
        }
    }
    assert!(run.stdout.contains("not set up"), "{}", run.stdout);
}

#[test]
fn demo_uses_a_throwaway_state_folder_and_leaves_the_users_home_alone() {
    let home = TempHome::new();
    let before: Vec<_> = std::fs::read_dir(home.path()).expect("home").collect();
    let run = demo(&home, &["--no-window"]);
    assert_eq!(run.code, 0, "stderr: {}", run.stderr);
    let after: Vec<_> = std::fs::read_dir(home.path()).expect("home").collect();
    assert_eq!(before.len(), after.len(), "demo wrote into --home");

    let state_line = run
        .stdout
        .lines()
        .find(|l| l.starts_with("Office Connector — "))
        .expect("the status names its state folder");
    let state = std::path::PathBuf::from(state_line.trim_start_matches("Office Connector — "));
    assert_ne!(state, home.path());
    assert!(!state.exists(), "the throwaway folder {state:?} is removed");
}

#[test]
fn demo_keeps_its_state_folder_on_request() {
    let home = TempHome::new();
    let run = demo(&home, &["--no-window", "--keep-state"]);
    assert_eq!(run.code, 0, "stderr: {}", run.stderr);
    let kept = run
        .stdout
        .lines()
        .find_map(|l| l.strip_prefix("Demo state kept in "))
        .expect("the kept folder is named");
    let kept = std::path::Path::new(kept);
    assert!(kept.is_dir(), "{kept:?}");
    std::fs::remove_dir_all(kept).expect("clean up");
}

#[test]
fn without_a_keyring_the_demo_says_why_and_carries_on_unconnected() {
    let home = TempHome::new();
    let run = command(&home)
        .args(["demo", "--no-window"])
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .env(
            "DBUS_SESSION_BUS_ADDRESS",
            "unix:path=/nonexistent/office-connector-test-bus",
        )
        .output()
        .expect("run office-connector demo");
    let run: CliRun = run.into();
    assert_eq!(run.code, 0, "stderr: {}", run.stderr);
    assert!(
        run.stdout
            .contains("The demo continues without a connection:")
            && run.stdout.contains("keyring"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("Odoo: not connected"), "{}", run.stdout);
}

/// The demo under a real Secret Service (a private D-Bus session with a fresh, unlocked GNOME
/// Keyring, as scripts/demo.sh starts on a headless machine): signed in on both sides, the
/// transfer folders listed, and no keyring entry left behind afterwards.
#[test]
fn with_a_keyring_the_demo_signs_the_first_person_in_and_cleans_up_its_secrets() {
    let home = TempHome::new();
    let keyring = tempfile::tempdir().expect("keyring dir");
    let out = keyring.path().join("demo.out");
    let script = format!(
        "printf pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1\n\
         i=0; while [ $i -lt 100 ] && ! dbus-send --session --print-reply --dest=org.freedesktop.DBus \
         /org/freedesktop/DBus org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null \
         | grep -q 'boolean true'; do sleep 0.05; i=$((i+1)); done\n\
         '{bin}' demo --no-window >'{out}' 2>&1; echo \"exit=$?\" >>'{out}'\n\
         echo \"left=$(secret-tool search --all service office-connector 2>&1 | grep -c '^attribute.service')\" >>'{out}'\n",
        bin = it::cli::office_connector_bin().display(),
        out = out.display(),
    );
    let result = std::process::Command::new("timeout")
        .args([
            "-k",
            "5",
            "90",
            "dbus-run-session",
            "--",
            "sh",
            "-c",
            &script,
        ])
        .env("XDG_DATA_HOME", keyring.path())
        .env_remove("DBUS_SESSION_BUS_ADDRESS")
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .env_remove("OFFICE_CONNECTOR_HOME")
        .env_remove("LC_ALL")
        .env("LANG", "C.UTF-8")
        .env("OFFICE_CONNECTOR_POLICY", home.policy_file())
        .status()
        .expect("dbus-run-session and gnome-keyring are installed (scripts/setup.sh)");
    assert!(result.success(), "the keyring session failed: {result}");
    let printed = std::fs::read_to_string(&out).expect("demo output");
    assert!(printed.contains("exit=0"), "{printed}");
    assert!(
        printed.contains("Microsoft 365: lena.schaefer@yourcompany.example.com")
            && printed.contains("Odoo: lena.schaefer@yourcompany.example.com"),
        "{printed}"
    );
    assert!(
        printed.contains("Odoo Eingang") && printed.contains("Odoo Ausgang"),
        "{printed}"
    );
    assert!(
        printed.contains("10 mails → 6 contacts, 1 needs a decision, 2 unassigned"),
        "the demo runs the mail job once over the demo transfer folders: {printed}"
    );
    assert!(printed.contains("last run: #1"), "{printed}");
    assert!(printed.contains("left=0"), "{printed}");
}

#[test]
fn a_fresh_demo_points_the_wizard_at_the_fake_microsoft_not_the_real_one() {
    let home = TempHome::new();
    let run = demo(&home, &["--no-window", "--fresh", "--keep-state"]);
    assert_eq!(run.code, 0, "stderr: {}", run.stderr);
    assert!(
        !run.stdout.contains("Signing in as the demo person"),
        "--fresh starts unconnected: {}",
        run.stdout
    );
    let kept = run
        .stdout
        .lines()
        .find_map(|l| l.strip_prefix("Demo state kept in "))
        .expect("the kept folder is named")
        .to_owned();
    let kept_home = std::path::Path::new(&kept);
    let settings = walk_for(kept_home, "settings.toml").expect("the demo's settings file");
    std::fs::remove_dir_all(kept_home).expect("clean up");
    let line: serde_json::Value =
        serde_json::from_str(run.stdout.lines().next().expect("first line")).expect("JSON");
    for field in ["login", "graph"] {
        let url = line[field].as_str().expect("fake URL");
        assert!(settings.contains(url), "{field} {url} not in {settings}");
    }
}

fn walk_for(dir: &std::path::Path, name: &str) -> std::io::Result<String> {
    for entry in std::fs::read_dir(dir)?.flatten() {
        let path = entry.path();
        if path.is_dir() {
            if let Ok(found) = walk_for(&path, name) {
                return Ok(found);
            }
        } else if path.file_name().is_some_and(|n| n == name) {
            return std::fs::read_to_string(path);
        }
    }
    Err(std::io::Error::from(std::io::ErrorKind::NotFound))
}
