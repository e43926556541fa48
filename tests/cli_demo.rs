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
