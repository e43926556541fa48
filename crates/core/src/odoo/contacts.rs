//! The contacts a person subscribes to in Odoo, as the contacts job reads them.
//!
//! Contract (FACTS 14–16, 25–26, 40, 44; transcript 209):
//! - Following: `mail.followers` rows with `res_model = res.partner` and `partner_id` = the
//!   person's partner (`res_id` is the followed contact). `message_subscribe(ids,
//!   partner_ids)` answers true and is idempotent; `message_unsubscribe` answers None; a user
//!   without write access on a contact may (un)subscribe only their own partner.
//! - `write_date` moves on every write (second precision): contacts changed since the last run
//!   are `write_date > cursor`. Archived contacts are hidden unless `active_test` is false.
//! - Images are watched without reading them: `ir.attachment` rows with `res_model =
//!   res.partner`, `res_field = image_128` carry a `checksum` a salesperson may read (FACTS 44);
//!   the picture itself (`image_512`, base64) is read only when the checksum moved.
//! - many2one fields read as `[id, name]` or `false`; `category_id` as ids only.

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};

use super::{OdooClient, OdooError, SearchRead};
use crate::contacts::mapping::OdooPartner;
use crate::model::OdooId;

/// Contacts read per call when exporting.
pub const PAGE: usize = 200;

/// The fields the job reads of a contact.
const FIELDS: [&str; 22] = [
    "name",
    "is_company",
    "parent_id",
    "title",
    "function",
    "email",
    "phone",
    "mobile",
    "street",
    "street2",
    "zip",
    "city",
    "state_id",
    "country_id",
    "website",
    "comment",
    "category_id",
    "user_id",
    "create_uid",
    "write_date",
    "active",
    "commercial_company_name",
];

/// A contact as read, with what the selection needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartnerRow {
    /// The mapped fields.
    pub partner: OdooPartner,
    /// Its salesperson.
    pub user: Option<OdooId>,
    /// Who created it.
    pub created_by: Option<OdooId>,
    /// `write_date` (UTC, `YYYY-MM-DD HH:MM:SS`).
    pub write_date: String,
    /// Not archived.
    pub active: bool,
    /// Its tags' ids (`category_id`; their names go into `partner.tags`).
    pub tags: Vec<i64>,
    /// Its salutation's id (`title`; the short form goes into `partner.title`).
    pub title: Option<i64>,
}

/// Where the last run's read of changed contacts ended. Odoo stores `write_date` with
/// microseconds but reads it to the second, so `write_date > second` also matches what was
/// written later in that second — and what the last run already read in it. The contacts read
/// in that second are left out unless written again in a later second, so a quiet run answers
/// nothing instead of the last second's contacts again (a bulk import writes thousands in one).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ChangedSince {
    /// The newest `write_date` read (`YYYY-MM-DD HH:MM:SS`, UTC).
    pub write_date: String,
    /// The contacts read whose `write_date` is in that second.
    #[serde(default)]
    pub read: Vec<i64>,
    /// The job's options when it was saved (other options read everything again).
    #[serde(default)]
    pub options: String,
    /// Contacts subscribed to but left out (no address, a company…): read again when they
    /// change, not on every run as a new subscription would be.
    #[serde(default)]
    pub left_out: Vec<i64>,
}

impl ChangedSince {
    /// The saved text: JSON, or the bare `write_date` older versions saved.
    pub fn parse(saved: &str) -> ChangedSince {
        serde_json::from_str(saved).unwrap_or_else(|_| ChangedSince {
            write_date: saved.to_owned(),
            ..ChangedSince::default()
        })
    }

    /// The text the store keeps.
    pub fn to_saved(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The cursor after reading `rows` from `self` (none: everything was read).
    pub fn after(since: Option<&ChangedSince>, rows: &[PartnerRow]) -> Option<ChangedSince> {
        let newest = rows
            .iter()
            .map(|r| r.write_date.as_str())
            .chain(since.map(|s| s.write_date.as_str()))
            .max()?
            .to_owned();
        let mut read: Vec<i64> = rows
            .iter()
            .filter(|r| r.write_date == newest)
            .map(|r| r.partner.id)
            .collect();
        if let Some(since) = since.filter(|s| s.write_date == newest) {
            read.extend(&since.read);
        }
        read.sort_unstable();
        read.dedup();
        Some(ChangedSince {
            write_date: newest,
            read,
            options: since.map(|s| s.options.clone()).unwrap_or_default(),
            left_out: since.map(|s| s.left_out.clone()).unwrap_or_default(),
        })
    }

    /// Whether a contact read with `write_date` changed after this cursor (not only read
    /// because the job asked for it by id).
    pub fn is_news(&self, id: i64, write_date: &str) -> bool {
        write_date > self.write_date.as_str()
            || (write_date == self.write_date && !self.read.contains(&id))
    }

    /// The second after `write_date` (`write_date >= next` is "written in a later second").
    fn next_second(&self) -> String {
        chrono::NaiveDateTime::parse_from_str(&self.write_date, "%Y-%m-%d %H:%M:%S")
            .map(|t| {
                (t + chrono::Duration::seconds(1))
                    .format("%Y-%m-%d %H:%M:%S")
                    .to_string()
            })
            .unwrap_or_else(|_| self.write_date.clone())
    }
}

/// The contacts `partner` follows (one read).
pub async fn followed_by(odoo: &OdooClient, partner: OdooId) -> Result<Vec<i64>, OdooError> {
    let rows = odoo
        .search_read(
            "mail.followers",
            &SearchRead {
                domain: json!([
                    ["res_model", "=", "res.partner"],
                    ["partner_id", "=", partner.0]
                ]),
                fields: vec!["res_id".into()],
                ..SearchRead::default()
            },
        )
        .await?;
    Ok(rows
        .iter()
        .filter_map(|r| r.get("res_id").and_then(Value::as_i64))
        .collect())
}

/// Contacts among `ids` changed since `since` (all of them without it) and all of `always`,
/// archived ones too, in pages of [`PAGE`] by ascending id (a quiet run is one read answering
/// nothing; an id cursor, not an offset, so a contact written meanwhile is neither skipped nor
/// read twice).
pub async fn read(
    odoo: &OdooClient,
    ids: &[i64],
    since: Option<&ChangedSince>,
    always: &[i64],
) -> Result<Vec<PartnerRow>, OdooError> {
    let mut rows = Vec::new();
    let mut after = 0;
    loop {
        let page = read_page(odoo, ids, since, always, after).await?;
        let full = page.len() >= PAGE;
        after = page
            .iter()
            .filter_map(|r| r.get("id")?.as_i64())
            .max()
            .unwrap_or(after);
        rows.extend(page.iter().filter_map(row_of));
        if !full {
            break;
        }
    }
    let tags = names_of(
        odoo,
        "res.partner.category",
        &["name"],
        rows.iter().flat_map(|r| r.tags.clone()),
    )
    .await?;
    let titles = names_of(
        odoo,
        "res.partner.title",
        &["shortcut", "name"],
        rows.iter().filter_map(|r| r.title),
    )
    .await?;
    for row in &mut rows {
        row.partner.tags = row
            .tags
            .iter()
            .filter_map(|t| tags.get(t).cloned())
            .collect();
        if let Some(short) = row.title.and_then(|t| titles.get(&t)) {
            row.partner.title = Some(short.clone());
        }
    }
    Ok(rows)
}

async fn read_page(
    odoo: &OdooClient,
    ids: &[i64],
    since: Option<&ChangedSince>,
    always: &[i64],
    after: i64,
) -> Result<Vec<Map<String, Value>>, OdooError> {
    let mut domain = vec![json!(["id", "in", ids]), json!(["id", ">", after])];
    if let Some(since) = since {
        // always, or (written after the second and (not read in it or written in a later one))
        domain.extend([
            json!("|"),
            json!(["id", "in", always]),
            json!("&"),
            json!(["write_date", ">", since.write_date]),
            json!("|"),
            json!(["id", "not in", since.read]),
            json!(["write_date", ">=", since.next_second()]),
        ]);
    }
    let mut context = Map::new();
    context.insert("active_test".into(), json!(false));
    odoo.search_read(
        "res.partner",
        &SearchRead {
            domain: Value::Array(domain),
            fields: FIELDS.iter().map(|f| (*f).to_owned()).collect(),
            limit: Some(PAGE),
            context: Some(context),
            order: Some("id asc".into()),
            ..SearchRead::default()
        },
    )
    .await
}

/// The first set field of `fields` (e.g. a salutation's short form, else its name) of the
/// records `ids` of `model` (one read, none without ids).
async fn names_of(
    odoo: &OdooClient,
    model: &str,
    fields: &[&str],
    ids: impl Iterator<Item = i64>,
) -> Result<BTreeMap<i64, String>, OdooError> {
    let ids: std::collections::BTreeSet<i64> = ids.collect();
    if ids.is_empty() {
        return Ok(BTreeMap::new());
    }
    let ids: Vec<OdooId> = ids.into_iter().map(OdooId).collect();
    let found = odoo.read(model, &ids, fields).await?;
    Ok(found
        .iter()
        .filter_map(|r| {
            let id = r.get("id")?.as_i64()?;
            let text = fields
                .iter()
                .find_map(|f| r.get(*f)?.as_str().filter(|t| !t.trim().is_empty()))?;
            Some((id, text.to_owned()))
        })
        .collect())
}

fn row_of(row: &Map<String, Value>) -> Option<PartnerRow> {
    let text = |k: &str| row.get(k).and_then(Value::as_str).map(str::to_owned);
    let name_of = |k: &str| row.get(k)?.get(1)?.as_str().map(str::to_owned);
    let id_of = |k: &str| row.get(k)?.get(0)?.as_i64().map(OdooId);
    let street = [text("street"), text("street2")]
        .into_iter()
        .flatten()
        .filter(|s| !s.trim().is_empty())
        .collect::<Vec<_>>()
        .join("\n");
    let partner = OdooPartner {
        id: row.get("id")?.as_i64()?,
        name: text("name").unwrap_or_default(),
        is_company: row
            .get("is_company")
            .and_then(Value::as_bool)
            .unwrap_or(false),
        company: name_of("parent_id").or_else(|| text("commercial_company_name")),
        title: name_of("title"),
        function: text("function"),
        email: text("email").unwrap_or_default(),
        phone: text("phone"),
        mobile: text("mobile"),
        street: Some(street).filter(|s| !s.is_empty()),
        zip: text("zip"),
        city: text("city"),
        state: name_of("state_id"),
        country: name_of("country_id"),
        website: text("website"),
        notes: text("comment"),
        tags: Vec::new(),
    };
    Some(PartnerRow {
        partner,
        user: id_of("user_id"),
        created_by: id_of("create_uid"),
        write_date: text("write_date").unwrap_or_default(),
        active: row.get("active").and_then(Value::as_bool).unwrap_or(true),
        title: id_of("title").map(|t| t.0),
        tags: row
            .get("category_id")
            .and_then(Value::as_array)
            .map(|ids| ids.iter().filter_map(Value::as_i64).collect())
            .unwrap_or_default(),
    })
}

/// The contacts whose salesperson `user` is (archived ones too).
pub async fn customers_of(odoo: &OdooClient, user: OdooId) -> Result<Vec<i64>, OdooError> {
    let mut kwargs = Map::new();
    kwargs.insert("context".into(), json!({"active_test": false}));
    odoo.call(
        "res.partner",
        "search",
        vec![json!([["user_id", "=", user.0]])],
        kwargs,
    )
    .await
}

/// The image checksum of each contact among `ids` that has an image (one read).
pub async fn image_checksums(
    odoo: &OdooClient,
    ids: &[i64],
) -> Result<BTreeMap<i64, String>, OdooError> {
    let rows = odoo
        .search_read(
            "ir.attachment",
            &SearchRead {
                domain: json!([
                    ["res_model", "=", "res.partner"],
                    ["res_field", "=", "image_128"],
                    ["res_id", "in", ids]
                ]),
                fields: vec!["res_id".into(), "checksum".into()],
                ..SearchRead::default()
            },
        )
        .await?;
    Ok(rows
        .iter()
        .filter_map(|r| {
            let id = r.get("res_id")?.as_i64()?;
            let sum = r.get("checksum")?.as_str()?.to_owned();
            Some((id, sum))
        })
        .collect())
}

/// The pictures (`image_512`, decoded from base64) of the contacts `ids` that have one, read
/// in pages of [`PAGE`].
pub async fn images(odoo: &OdooClient, ids: &[i64]) -> Result<BTreeMap<i64, Vec<u8>>, OdooError> {
    use base64::Engine as _;
    let mut pictures = BTreeMap::new();
    for page in ids.chunks(PAGE) {
        let page: Vec<OdooId> = page.iter().copied().map(OdooId).collect();
        let rows = odoo.read("res.partner", &page, &["image_512"]).await?;
        pictures.extend(rows.iter().filter_map(|r| {
            let id = r.get("id")?.as_i64()?;
            let text = r.get("image_512")?.as_str()?;
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(text)
                .ok()?;
            Some((id, bytes))
        }));
    }
    Ok(pictures)
}

/// Follows or unfollows `ids` as the person's partner (Odoo shows the same thing).
pub async fn set_following(
    odoo: &OdooClient,
    ids: &[i64],
    partner: OdooId,
    follow: bool,
) -> Result<(), OdooError> {
    let method = if follow {
        "message_subscribe"
    } else {
        "message_unsubscribe"
    };
    let mut kwargs = Map::new();
    kwargs.insert("partner_ids".into(), json!([partner.0]));
    odoo.execute_kw("res.partner", method, vec![json!(ids)], kwargs)
        .await
        .map(drop)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(id: i64, write_date: &str) -> PartnerRow {
        PartnerRow {
            partner: OdooPartner {
                id,
                ..OdooPartner::default()
            },
            user: None,
            created_by: None,
            write_date: write_date.to_owned(),
            active: true,
            tags: Vec::new(),
            title: None,
        }
    }

    #[test]
    fn the_cursor_keeps_the_newest_second_and_who_was_read_in_it() {
        let first = ChangedSince::after(
            None,
            &[
                row(3, "2026-12-04 08:00:01"),
                row(1, "2026-12-04 08:00:02"),
                row(2, "2026-12-04 08:00:02"),
            ],
        )
        .expect("a cursor");
        assert_eq!(first.write_date, "2026-12-04 08:00:02");
        assert_eq!(first.read, [1, 2]);
        assert_eq!(first.next_second(), "2026-12-04 08:00:03");
        // more written in the same second: added; nothing read: the cursor stays
        let same = ChangedSince::after(Some(&first), &[row(5, "2026-12-04 08:00:02")]);
        assert_eq!(same.as_ref().map(|s| s.read.clone()), Some(vec![1, 2, 5]));
        assert_eq!(ChangedSince::after(Some(&first), &[]), Some(first.clone()));
        let later = ChangedSince::after(Some(&first), &[row(2, "2026-12-04 09:00:00")]);
        assert_eq!(later.map(|s| s.read), Some(vec![2]));
        // saved and read back; a bare date saved by an older version is a cursor without ids
        assert_eq!(ChangedSince::parse(&first.to_saved()), first);
        assert_eq!(
            ChangedSince::parse("2026-12-04 08:00:02").read,
            Vec::<i64>::new()
        );
        assert_eq!(ChangedSince::after(None, &[]), None);
    }

    #[test]
    fn a_row_reads_many2one_names_joins_the_streets_and_keeps_archived_state() {
        let row: Map<String, Value> = serde_json::from_value(json!({
            "id": 42, "name": "Anna Schmidt", "is_company": false,
            "parent_id": [7, "Müller & Söhne"], "title": [3, "Doctor"], "function": false,
            "email": "anna@x.example", "phone": "+49 1", "mobile": false,
            "street": "Hauptstr. 1", "street2": "Hinterhaus", "zip": "10115", "city": "Berlin",
            "state_id": false, "country_id": [57, "Germany"], "website": false,
            "comment": "<p>Hi</p>", "category_id": [1, 2], "user_id": [6, "Lena"],
            "create_uid": [2, "Admin"], "write_date": "2026-12-04 08:00:00", "active": false,
            "commercial_company_name": "Müller & Söhne"}))
        .expect("row");
        let r = row_of(&row).expect("parsed");
        assert_eq!(r.partner.company.as_deref(), Some("Müller & Söhne"));
        assert_eq!(r.partner.title.as_deref(), Some("Doctor"));
        assert_eq!(r.partner.street.as_deref(), Some("Hauptstr. 1\nHinterhaus"));
        assert_eq!(r.partner.country.as_deref(), Some("Germany"));
        assert_eq!((r.partner.function, r.partner.mobile), (None, None));
        assert_eq!((r.user, r.created_by), (Some(OdooId(6)), Some(OdooId(2))));
        assert!(!r.active);
    }
}
