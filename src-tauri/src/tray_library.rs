//! Whether the tray can be made: on Linux, whether the AppIndicator library loads.
//!
//! Tauri's tray on Linux (tray-icon → libappindicator-sys 0.9) loads
//! `libayatana-appindicator3` with `dlopen` at its first call and **panics** when no such
//! library loads; it returns no error. The .deb depends on the library, but a package for
//! another distribution, a copied binary or a removed package leaves it out, and the app then
//! died before its window opened (decision 0014).
//!
//! Catching that panic was the other way, and the worse one: it happens inside the crate's
//! `once_cell::Lazy`, which stays poisoned; the panic message is printed unless the
//! process-wide panic hook is swapped; the unwind runs through Tauri's tray builder and its
//! event-loop callback; and a profile with `panic = "abort"` could not catch it at all. So the app asks first, the same way: the same
//! names in the same order, with `dlopen` through the same crate (libloading), so the answer is
//! exactly the tray crate's. Looking for the file instead would have to redo the dynamic
//! loader's search (`LD_LIBRARY_PATH`, the binary's run path, `ld.so.cache`) and could not
//! tell a file that exists from one that loads.

/// The names libappindicator-sys 0.9 tries, in its order; the last two come with its
/// `backcompat` feature, which libappindicator's default features turn on.
// NOTE: check this list (libappindicator-sys's `LIB`) when tray-icon or Tauri is updated.
pub const LINUX_NAMES: [&str; 4] = [
    "libayatana-appindicator3.so.1",
    "libappindicator3.so.1",
    "libayatana-appindicator3.so",
    "libappindicator3.so",
];

/// No tray library loads: why each name did not.
#[derive(Debug, thiserror::Error)]
#[error("no tray library loads ({})", join(.0))]
pub struct LibraryMissing(pub Vec<libloading::Error>);

fn join(errors: &[libloading::Error]) -> String {
    let texts: Vec<String> = errors.iter().map(ToString::to_string).collect();
    texts.join("; ")
}

/// Whether the tray can be made on this system: on Linux, whether one of [`LINUX_NAMES`]
/// loads; elsewhere the tray is part of the operating system.
pub fn check() -> Result<(), LibraryMissing> {
    if cfg!(target_os = "linux") {
        first_loadable(&LINUX_NAMES)
    } else {
        Ok(())
    }
}

/// Loads the first of `names` that loads and keeps it loaded, or says why none does.
pub fn first_loadable(names: &[&str]) -> Result<(), LibraryMissing> {
    let mut errors = Vec::new();
    for name in names {
        match load(name) {
            Ok(library) => {
                // NOTE: kept loaded for the life of the process: the tray crate's own dlopen
                // of the same name then finds it loaded, and a library that registered its
                // GObject types is never unloaded under them.
                std::mem::forget(library);
                return Ok(());
            }
            Err(e) => errors.push(e),
        }
    }
    Err(LibraryMissing(errors))
}

#[allow(unsafe_code)]
fn load(name: &str) -> Result<libloading::Library, libloading::Error> {
    // SAFETY: loading runs the library's initialisers. These are the libraries the tray crate
    // loads a moment later in the same process by the same names, so this runs nothing that
    // making the tray would not run; no symbol is looked up or called here.
    unsafe { libloading::Library::new(name) }
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;

    #[test]
    fn a_library_that_is_not_installed_is_named_with_why_it_did_not_load() {
        let missing = first_loadable(&["libno-such-tray.so.1", "libno-such-tray.so"])
            .expect_err("no such library");
        assert_eq!(missing.0.len(), 2);
        let said = missing.to_string();
        assert!(said.starts_with("no tray library loads ("), "{said}");
        assert!(
            said.contains("libno-such-tray.so.1: cannot open shared object file"),
            "{said}"
        );
        assert!(
            said.contains("libno-such-tray.so: cannot open shared object file"),
            "{said}"
        );
    }

    #[test]
    fn the_first_name_that_loads_is_enough() {
        // libc is loaded in every Linux process, so this asks the loader without changing it
        assert!(first_loadable(&["libno-such-tray.so.1", "libc.so.6"]).is_ok());
    }
}
