//! Native throughput of the scoring core on the benchmark's generated ruleset
//! (20 areas × 10 criteria × 10 sub-criteria = 2,000 items, maxima 0.5, 1, 2,
//! step 0.25, as ../../shared/bench/gen-form.mjs and ../gen-ruleset.mjs make
//! it) and on the largest bundled ruleset. What the browser figures cannot
//! separate: how much of a keystroke is the core's own work.
use chamdiem_core::{load_ruleset, Scorer};
use criterion::{black_box, criterion_group, criterion_main, BatchSize, Criterion};
use serde_json::{json, Value};
use std::sync::Arc;

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");

/// The same ruleset as bench/gen-ruleset.mjs writes from tree-2000.json.
fn generated(areas: usize) -> String {
    let maxes = [50u32, 100, 200]; // hundredths
    let dec = |h: u32| if h % 100 == 0 { format!("{}", h / 100) } else { format!("{}.{:02}", h / 100, h % 100).trim_end_matches('0').to_string() };
    let (mut k, mut total) = (0usize, 0u32);
    let mut sections = Vec::new();
    for a in 0..areas {
        let (mut area_max, mut crits) = (0u32, Vec::new());
        for c in 0..10 {
            let (mut crit_max, mut items) = (0u32, Vec::new());
            for i in 0..10 {
                let m = maxes[k % 3];
                k += 1;
                crit_max += m;
                items.push(json!({ "code": format!("{}.{}.{}", a + 1, c + 1, i + 1),
                    "title": format!("Tiêu chí thành phần {}.{}.{}", a + 1, c + 1, i + 1), "max": dec(m), "step": "0.25" }));
            }
            area_max += crit_max;
            crits.push(json!({ "code": format!("{}.{}", a + 1, c + 1), "title": format!("Tiêu chí {}.{}", a + 1, c + 1), "max": dec(crit_max), "children": items }));
        }
        total += area_max;
        sections.push(json!({ "code": format!("{}", a + 1), "title": format!("Lĩnh vực {}", a + 1), "max": dec(area_max), "children": crits }));
    }
    let daklak: Value = serde_json::from_str(&std::fs::read_to_string(format!("{ROOT}/rulesets/daklak-2025-chi-so-01.json")).unwrap()).unwrap();
    let cls = daklak["classifications"].as_array().unwrap().iter().find(|c| c["id"] == "chat_luong").unwrap().clone();
    json!({
        "format": "cham-diem/ruleset", "format_version": 1, "id": format!("sinh-tu-dong-{}", areas * 100), "version": "1",
        "title": "Bộ chỉ số sinh tự động để đo (không phải văn bản chính thức)", "illustrative": true,
        "source": { "document": "Không có", "date": "24/11/2026", "issuer": "Nhóm phát triển Chấm điểm" },
        "max_total": dec(total), "sections": sections,
        "conditions": daklak["conditions"], "classifications": [cls],
    })
    .to_string()
}

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

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30).measurement_time(std::time::Duration::from_secs(3)).warm_up_time(std::time::Duration::from_secs(1));
    targets = bench
}
criterion_main!(benches);
