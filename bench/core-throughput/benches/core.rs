//! Native throughput of the scoring core on the benchmark's generated ruleset
//! (20 areas × 10 criteria × 10 sub-criteria = 2,000 items, maxima 0.5, 1, 2,
//! step 0.25, as ../../shared/bench/gen-form.mjs and ../gen-ruleset.mjs make
//! it) and on the largest bundled ruleset. What the browser figures cannot
//! separate: how much of a keystroke is the core's own work.
//!
//! Group "submissions" (`cargo bench -- submissions`): the provincial office's
//! side, on Đắk Lắk 2025 Chỉ số 01 (rulesets/daklak-2025-chi-so-01.json).
//! Setup, not timed: the ruleset is loaded and hashed once, and N = 1,000
//! distinct, valid submission files are exported (`Submission::build`) from
//! drafts whose values vary deterministically within each item's range and
//! step (0.01); every one is checked to verify as matching. Timed, per batch
//! of N (criterion's thrpt = submissions/s): `parse_submission` + `verify`
//! (re-scoring the entries and comparing results, points and checklist with
//! the file); and, separately, scoring only: `Draft::scorer` + `summary()`
//! for N drafts. Target of the issue: ≥ 10,000 submissions scored per second.
//!
//! Group "office" (`cargo bench -- office`): the office's consolidation of
//! four-stage dossiers, 250 on the generated ruleset of 200 items and 25 on
//! the 2,000-item one (see `office` below; the ruleset and the dossiers are
//! made in src/lib.rs, shared with examples/office_files.rs, which writes
//! them for ../office.mjs).
use chamdiem_core::record::{parse_submission, sha256_hex, verify, Agency, AgencyKind, Draft, Entry, Evidence, ImportVerdict, RulesetStamp, Submission};
use chamdiem_core::{load_ruleset, Lang, Ruleset, Scorer};
use chamdiem_core_throughput::{assert_all_ranked, consolidate_given, generated, loaded, office_files, vi, ROOT};
use criterion::{black_box, criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use std::sync::Arc;

fn bench(c: &mut Criterion) {
    let text = generated(20);
    let rs = Arc::new(load_ruleset(&text).expect("generated ruleset loads"));
    assert_eq!(rs.items.len(), 2000);
    let bundled = std::fs::read_to_string(format!("{ROOT}/rulesets/tap-huan-mau.json")).unwrap();

    c.bench_function("load_ruleset 2000 items (parse + check)", |b| b.iter(|| load_ruleset(black_box(&text)).unwrap()));
    c.bench_function("load_ruleset tap-huan-mau (21 items)", |b| b.iter(|| load_ruleset(black_box(&bundled)).unwrap()));
    c.bench_function("Scorer::new 2000 items", |b| b.iter(|| Scorer::new(black_box(rs.clone()))));

    // One keystroke's core work: set one item's text, refresh its path, recompute the summary.
    let mut s = Scorer::new(rs.clone());
    for (j, &id) in rs.items.iter().enumerate() {
        s.set_value(id, if j % 2 == 0 { "0,25" } else { "0,5" });
    }
    let mut j = 0usize;
    c.bench_function("keystroke: set_value + summary, 2000 items", |b| {
        b.iter(|| {
            let id = rs.items[j % rs.items.len()];
            j = j.wrapping_add(7);
            let changed = s.set_value(id, if j % 2 == 0 { "0,25" } else { "0,5" });
            black_box((changed, s.summary()))
        })
    });
    c.bench_function("summary 2000 items", |b| b.iter(|| black_box(s.summary())));
    c.bench_function("fill all 2000 items from blank", |b| {
        b.iter_batched(|| Scorer::new(rs.clone()), |mut s| {
            for &id in &rs.items {
                s.set_value(id, "0,25");
            }
            s
        }, BatchSize::LargeInput)
    });
}

/// Number of submissions per timed batch.
const N: usize = 1_000;

/// The i-th agency's draft on Đắk Lắk 2025 Chỉ số 01: every value within its
/// item's range (1: 0–45, 2: 0–35, 3: 0–12, 4: 0–5, bonus 5: 0–3, penalty 6:
/// 0–5), step 0.01; now and then a section not applicable, the survey item
/// left to the surveyors, the condition answered yes, evidence or an explanation.
fn daklak_draft(i: usize, rs: &Ruleset, sha: &str) -> Draft {
    let stamp = RulesetStamp { id: rs.id.clone(), version: rs.version.clone(), sha256: sha.into() };
    let mut d = Draft::new(format!("d-{i}"), stamp, "2025-12-05T09:30:00+07:00");
    d.agency = Agency {
        name: format!("Cơ quan số {i}"),
        code: String::new(),
        kind: if i % 3 == 0 { AgencyKind::Commune } else { AgencyKind::Department },
        year: "2025".into(),
        preparer: "Nguyễn Thị Lan".into(),
        contact: "lan.nt@example.gov.vn".into(),
    };
    d.updated_at = "2025-12-06T16:45:10+07:00".into();
    let k = i as u32;
    let value = |h: u32| Entry { value: Some(vi(h)), ..Entry::default() };
    let mut e1 = value((k * 173 + 2500) % 4501);
    if i % 4 == 0 {
        e1.evidence.push(Evidence { number: format!("{}/BC-UBND", 100 + i), date: "10/12/2025".into(), summary: "Báo cáo kết quả năm 2025".into(), ..Evidence::default() });
    } else {
        e1.explanation = "Số liệu trong báo cáo tổng kết.".into();
    }
    let e2 = if i % 50 == 7 { Entry { not_applicable: true, ..Entry::default() } } else { value((k * 97 + 1800) % 3501) };
    d.entries.insert("1".into(), e1);
    d.entries.insert("2".into(), e2);
    if i % 10 != 3 {
        d.entries.insert("3".into(), value((k * 61 + 600) % 1201));
    }
    d.entries.insert("4".into(), value((k * 31) % 501));
    d.entries.insert("5".into(), value((k * 13) % 301));
    d.entries.insert("6".into(), value((k * 7) % 501));
    d.conditions.insert("lanh_dao_bi_ky_luat".into(), i % 9 == 0);
    d
}

fn submissions(c: &mut Criterion) {
    let text = std::fs::read_to_string(format!("{ROOT}/rulesets/daklak-2025-chi-so-01.json")).unwrap();
    let rs = Arc::new(load_ruleset(&text).expect("daklak-2025-chi-so-01 loads"));
    let sha = sha256_hex(text.as_bytes());
    let drafts: Vec<Draft> = (0..N).map(|i| daklak_draft(i, &rs, &sha)).collect();
    let files: Vec<String> = drafts
        .iter()
        .map(|d| {
            let (s, problems) = d.scorer(rs.clone());
            assert!(problems.is_empty(), "{}: {problems:?}", d.id);
            serde_json::to_string_pretty(&Submission::build(d, &s, "0.1.0")).unwrap()
        })
        .collect();
    // Distinct files, all verifying: the timed loop cannot silently measure refusals.
    assert_eq!(files.iter().collect::<std::collections::BTreeSet<_>>().len(), N);
    let mut totals = std::collections::BTreeSet::new();
    for f in &files {
        let sub = parse_submission(f).expect("parses");
        assert_eq!(verify(&sub, rs.clone(), &sha, Lang::Vi).1, ImportVerdict::Verified, "{}", sub.agency.name);
        totals.insert(sub.results.points.clone());
    }
    assert!(totals.len() > N / 2, "scores vary: {} distinct totals", totals.len());

    let mut g = c.benchmark_group("submissions");
    g.throughput(Throughput::Elements(N as u64));
    g.bench_function("parse_submission + verify, 1000 daklak-2025-chi-so-01", |b| {
        b.iter(|| {
            let mut verified = 0usize;
            for f in &files {
                let sub = parse_submission(black_box(f)).unwrap();
                let (s, v) = verify(&sub, rs.clone(), &sha, Lang::Vi);
                verified += usize::from(v == ImportVerdict::Verified);
                black_box(s);
            }
            assert_eq!(verified, N);
        })
    });
    g.bench_function("score only: Draft::scorer + summary, 1000 daklak-2025-chi-so-01", |b| {
        b.iter(|| {
            for d in &drafts {
                let (s, problems) = d.scorer(rs.clone());
                black_box((problems, s.summary()));
            }
        })
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30).measurement_time(std::time::Duration::from_secs(3)).warm_up_time(std::time::Duration::from_secs(1));
    targets = bench, submissions
}

/// Dossiers per timed consolidation: 250 at 200 items (the case);
/// 25 at 2,000 items, where one consolidation of 250 takes ~30 s natively.
const OFFICE_N: [(usize, usize); 2] = [(2, 250), (20, 25)];

/// Group "office" (`cargo bench -- office`): the provincial office's
/// consolidation (`office::consolidate`, what `chamdiem rank RULESET FILE...`
/// and the office page run) of distinct four-stage dossiers (tự chấm, thẩm
/// định 1, giải trình, thẩm định 2; lib.rs `four_stage_dossier`): 250 on the
/// generated ruleset of 200 items, the ruleset given; and 25 on the 2,000-item
/// one (no target). Setup, not timed: the files are made and each verified, and
/// one consolidation checks that all are taken and ranked. Timed, per batch
/// (thrpt = files/s): every file parsed and its dossier verified (hash chain,
/// every stage replayed), the office's `tong_hop` stage replayed, ranked and
/// sealed onto it. Not timed: reading the files from disk and writing the
/// table. Target of issue 14: ≥ 2,000 files/s at 200 items.
/// examples/office_breakdown.rs times the phases one by one.
fn office(c: &mut Criterion) {
    for (areas, n) in OFFICE_N {
        let text = generated(areas);
        let given = loaded(&text);
        let items = given.0.items.len();
        let files: Vec<(String, Vec<u8>)> = office_files(&text, n).into_iter().map(|(n, f)| (n, f.into_bytes())).collect();
        assert_all_ranked(&consolidate_given(&files, &given), n);
        let mut g = c.benchmark_group("office");
        g.throughput(Throughput::Elements(n as u64));
        // Ten batches of ~1.5 s (200 items) or ~2.5 s (2,000 items): criterion's least.
        g.measurement_time(std::time::Duration::from_secs(if items > 1000 { 30 } else { 20 }));
        g.bench_function(format!("consolidate {n} four-stage dossiers, {items} items"), |b| {
            b.iter(|| {
                let c = consolidate_given(black_box(&files), &given);
                assert_eq!(c.groups[0].rows.len(), n);
                c
            })
        });
        g.finish();
    }
}

criterion_group! {
    name = office_benches;
    config = Criterion::default().sample_size(10).warm_up_time(std::time::Duration::from_secs(1));
    targets = office
}
criterion_main!(benches, office_benches);
