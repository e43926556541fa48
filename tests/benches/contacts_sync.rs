//! How fast and how frugally the contacts job exports, against the loopback fakes with 40 ms
//! injected on every Graph and Odoo request (issue 16's performance goal). A benchmark, not a
//! test: it prints numbers, and asserts only that the work was done (every contact arrived,
//! none twice). Run it with
//!
//!   cargo bench -p it --bench contacts_sync            (2,000 contacts)
//!   cargo bench -p it --bench contacts_sync -- 500     (other counts)
//!
//! Each case: fresh fakes, N new contacts in Odoo (every tenth with a photo) that Lena follows,
//! then (1) the run that exports them into her Outlook address book, its HTTP requests against
//! the lower bound — Graph: `$batch`es of 20 for the creates and for the photos, plus the
//! delta; Odoo: the followers, pages of 200 contacts, the image checksums and one read of the
//! pictures — and (2) the next run with nothing new, whose goal is one Graph and two Odoo
//! requests.

use std::time::Instant;

use it::calendar_job::{CalendarUser, graph};
use it::contacts::{act, exported, raw, sync};
use it::fakes_odoo::FakeOdoo;
use it::graph::GraphFixture;
use it::mail::{LENA, odoo};
use office_connector_core::model::ItemOutcome;
use serde_json::{Value, json};

/// HTTP requests the fake Graph served for mailboxes (a `$batch` is one, its items are not
/// counted again).
async fn graph_requests(fx: &GraphFixture) -> u64 {
    let v: Value = fx
        .http
        .get(fx.control("/graph/requests"))
        .send()
        .await
        .expect("requests")
        .json()
        .await
        .expect("json");
    v.as_array()
        .expect("array")
        .iter()
        .filter(|r| r["mailbox"].as_str().is_some_and(|m| !m.is_empty()))
        .filter(|r| {
            r["endpoint"]
                .as_str()
                .is_some_and(|e| !e.contains(" $batch/"))
        })
        .map(|r| r["count"].as_u64().unwrap_or(0))
        .sum()
}

async fn odoo_requests(odoo: &FakeOdoo) -> u64 {
    odoo.control_get("requests").await["total"]
        .as_u64()
        .unwrap_or(0)
}

/// A 4×4 PNG of one colour, base64 (each contact's own checksum).
fn photo(i: usize) -> String {
    use base64::Engine as _;
    let mut bytes = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut bytes, 4, 4);
        encoder.set_color(png::ColorType::Rgb);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder.write_header().expect("header");
        let [a, b, c, _] = (i as u32).to_le_bytes();
        let pixels: Vec<u8> = (0..16).flat_map(|_| [a, b, c]).collect();
        writer.write_image_data(&pixels).expect("pixels");
    }
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// N new contacts in Odoo that Lena follows; how many have a photo.
async fn seed(odoo: &FakeOdoo, count: usize) -> usize {
    let admin = odoo.user("admin").odoo_login;
    let values: Vec<Value> = (0..count)
        .map(|i| {
            let mut v = json!({"name": format!("Kontakt{i} Bench"),
                "email": format!("kontakt{i}@bench.example"), "city": "Kiel", "country_id": 57});
            if i % 10 == 0 {
                v["image_1920"] = json!(photo(i));
            }
            v
        })
        .collect();
    let ids = act(
        odoo,
        &admin,
        "res.partner",
        "create",
        json!([values]),
        json!({}),
    )
    .await;
    let partner = odoo.user(LENA).odoo_partner_id;
    act(
        odoo,
        LENA,
        "res.partner",
        "message_subscribe",
        json!([ids]),
        json!({"partner_ids": [partner]}),
    )
    .await;
    count.div_ceil(10)
}

async fn case(count: usize) {
    let (fx, odoo) = (graph().await, odoo().await);
    let lena = CalendarUser::connect(&fx, &odoo, LENA).await;
    let photos = seed(&odoo, count).await;
    let before = exported(&raw(&fx, LENA).await).len();
    assert_eq!(before, 0, "an empty address book of the connector's");
    fx.control_post("/graph/faults", json!({"kind": "latency", "ms": 40}))
        .await;
    odoo.control_put("faults", json!({"latency_ms": 40})).await;

    let (g0, o0) = (graph_requests(&fx).await, odoo_requests(&odoo).await);
    let started = Instant::now();
    let first = sync(&lena).await;
    let exporting = started.elapsed();
    let (g1, o1) = (graph_requests(&fx).await, odoo_requests(&odoo).await);
    let created = first
        .report
        .contacts
        .iter()
        .filter(|c| c.outcome == ItemOutcome::Created)
        .count();
    assert!(created >= count, "{}", first.summary);
    let ours = exported(&raw(&fx, LENA).await);
    let mut identities: Vec<String> = ours
        .iter()
        .map(|c| c["extended_properties"][0]["value"].to_string())
        .collect();
    identities.sort();
    identities.dedup();
    assert_eq!(identities.len(), ours.len(), "none twice");
    assert_eq!(ours.len(), created, "every created contact is in Outlook");
    let with_photo = ours.iter().filter(|c| c["photo"].is_object()).count();
    assert!(with_photo >= photos, "{with_photo} of {photos} photos");

    let all = created as u64;
    let graph_bound = all.div_ceil(20) + (with_photo as u64).div_ceil(20) + 1;
    let odoo_bound = 1 + all.div_ceil(200) + 1 + 1;

    let counts_before = odoo.control_get("requests").await["counts"].clone();
    let started = Instant::now();
    let idle = sync(&lena).await;
    let quiet = started.elapsed();
    assert!(
        idle.report.contacts.is_empty(),
        "{}: {:?}",
        idle.summary,
        idle.report.contacts.first()
    );
    let (g2, o2) = (graph_requests(&fx).await, odoo_requests(&odoo).await);
    let counts_after = odoo.control_get("requests").await["counts"].clone();
    let asked: Vec<String> = counts_after
        .as_object()
        .map(|all| {
            all.iter()
                .filter(|(k, v)| counts_before.get(k.as_str()) != Some(*v))
                .map(|(k, _)| k.clone())
                .collect()
        })
        .unwrap_or_default();

    println!(
        "{count:>6} contacts ({with_photo} with photo): exported in {:>6.1} s with {} Graph + {} Odoo requests \
         (lower bound {graph_bound} + {odoo_bound}: {:.2}x; goal ≤ 1.2x) · nothing new: {:>5.0} ms, \
         {} Graph + {} Odoo requests (goal 1 + 2; Odoo was asked {:?})",
        exporting.as_secs_f64(),
        g1 - g0,
        o1 - o0,
        (g1 - g0 + o1 - o0) as f64 / (graph_bound + odoo_bound) as f64,
        quiet.as_secs_f64() * 1e3,
        g2 - g1,
        o2 - o1,
        asked,
    );
}

fn main() {
    // NOTE: `cargo bench` passes `--bench`; any number given is a contact count
    let counts: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let counts = if counts.is_empty() {
        vec![2000]
    } else {
        counts
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("tokio runtime");
    for count in counts {
        runtime.block_on(case(count));
    }
}
