//! How fast the mail job files mail, against the loopback fakes (issue 6's request economy in
//! wall-clock terms). A benchmark, not a test: it prints numbers and asserts only that the
//! work was done. Run it with
//!
//!   cargo bench -p it --bench mail_transfer            (optimised)
//!   cargo bench -p it --bench mail_transfer -- 5000    (other mail counts)
//!
//! Each case starts fresh fakes, generates the mails in the incoming transfer folder, and times
//! (1) the run that files them all (delta pages of 50, one contact and one duplicate lookup per
//! page, one `message_post` per mail), (2) the next run with nothing new, (3) a second colleague
//! filing the same mails (every one is linked, none posted again).

use std::time::Instant;

use it::mail::{IN, JONAS, LENA, MailUser, mail, odoo};
use office_connector_core::model::ItemOutcome;

const MUELLER: &str = "juergen.mueller@mueller-soehne.example";

async fn case(mails: usize) {
    let odoo = odoo().await;
    // NOTE: each person's mailbox lives on its own fake Graph; Odoo is the shared one
    let lena = MailUser::connect(it::graph::GraphFixture::demo().await, &odoo, LENA).await;
    let jonas = MailUser::connect(it::graph::GraphFixture::demo().await, &odoo, JONAS).await;
    for i in 0..mails {
        let m = mail(
            &format!("Bestellung {i}"),
            MUELLER,
            &[LENA, JONAS],
            &format!("<order-{i}@mueller-soehne.example>"),
        );
        lena.put(IN, m.clone()).await;
        jonas.put(IN, m).await;
    }

    let started = Instant::now();
    let first = lena.sync_paged(false, Some(50)).await;
    let filing = started.elapsed();
    assert_eq!(
        first.report.count(ItemOutcome::Filed),
        mails,
        "{}",
        first.summary
    );

    let started = Instant::now();
    let idle = lena.sync_paged(false, Some(50)).await;
    let nothing_new = started.elapsed();
    assert!(idle.report.mails.is_empty(), "{}", idle.summary);

    let started = Instant::now();
    let colleague = jonas.sync_paged(false, Some(50)).await;
    let linking = started.elapsed();
    assert_eq!(
        colleague.report.count(ItemOutcome::Linked),
        mails,
        "{}",
        colleague.summary
    );

    let per_second = |d: std::time::Duration| mails as f64 / d.as_secs_f64().max(1e-9);
    println!(
        "{mails:>6} mails: filed in {:>8.1} ms ({:>7.0} mails/s) · run with nothing new {:>6.1} ms · \
         colleague links all in {:>8.1} ms ({:>7.0} mails/s)",
        filing.as_secs_f64() * 1e3,
        per_second(filing),
        nothing_new.as_secs_f64() * 1e3,
        linking.as_secs_f64() * 1e3,
        per_second(linking),
    );
}

fn main() {
    // NOTE: `cargo bench` passes `--bench`; any number given is a mail count
    let counts: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let counts = if counts.is_empty() {
        vec![200, 1000]
    } else {
        counts
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("tokio runtime");
    for mails in counts {
        runtime.block_on(case(mails));
    }
}
