//! A link back to a contact in Odoo, built from the URL the person connected with (users cannot
//! read `web.base.url`, FACTS 39) in the form the connected version uses: `/odoo/contacts/ID`
//! from 17.2 on (the new URL scheme), `/web#id=ID&model=res.partner&view_type=form` before.

/// The link to partner `id` on the Odoo at `base` (with or without a trailing slash) of
/// version `version` ("16.0", "17.0", "saas~17.2", "18.0+e", ...).
pub fn record_link(base: &str, version: &str, id: i64) -> String {
    let base = base.trim().trim_end_matches('/');
    if uses_new_urls(version) {
        format!("{base}/odoo/contacts/{id}")
    } else {
        format!("{base}/web#id={id}&model=res.partner&view_type=form")
    }
}

/// Whether `version` is 17.2 or later.
fn uses_new_urls(version: &str) -> bool {
    let digits: String = version
        .trim_start_matches("saas~")
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    let mut parts = digits.split('.').map(|p| p.parse::<u32>().unwrap_or(0));
    let major = parts.next().unwrap_or(0);
    let minor = parts.next().unwrap_or(0);
    (major, minor) >= (17, 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_link_follows_the_version_and_ignores_a_trailing_slash() {
        for base in ["https://erp.example.com", "https://erp.example.com/"] {
            assert_eq!(
                record_link(base, "17.0", 42),
                "https://erp.example.com/web#id=42&model=res.partner&view_type=form"
            );
            assert_eq!(
                record_link(base, "16.0", 42),
                "https://erp.example.com/web#id=42&model=res.partner&view_type=form"
            );
            for new in ["saas~17.2", "17.2", "18.0", "18.0+e", "19.0"] {
                assert_eq!(
                    record_link(base, new, 42),
                    "https://erp.example.com/odoo/contacts/42",
                    "{new}"
                );
            }
        }
    }

    #[test]
    fn an_odoo_under_a_path_keeps_it() {
        assert_eq!(
            record_link("https://host.example/erp/", "18.0", 7),
            "https://host.example/erp/odoo/contacts/7"
        );
    }
}
