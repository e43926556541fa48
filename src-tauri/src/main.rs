//! `office-connector-desktop`: the tray app and settings window.

// NOTE: no console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    office_connector_desktop::run();
}
