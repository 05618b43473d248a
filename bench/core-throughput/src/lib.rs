//! What the benchmarks of this crate share (benches/core.rs and
//! examples/office_files.rs): the generated ruleset, and the four-stage
//! dossiers of the office's consolidation made on it.
//!
//! Nothing here is an official text: the ruleset says so in its title and
//! is marked `illustrative`.
use chamdiem_core::office::{consolidate, Consolidation, Loaded, Options};
use chamdiem_core::record::{parse_dossier, sha256_hex, verify_dossier, Agency, AgencyKind, Dossier, Draft, Entry, Evidence, RulesetStamp, Signer, Stage, StageKind};
use chamdiem_core::{load_ruleset, Lang, Ruleset};
use serde_json::{json, Value};
use std::sync::Arc;

/// The repository's root.
pub const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");

/// The same ruleset as bench/gen-ruleset.mjs writes from tree-N.json:
/// `areas` × 10 criteria × 10 sub-criteria (`generated(2)` = 200 items,
/// `generated(20)` = 2,000), maxima 0.5, 1, 2 in turn, step 0.25, each group's
/// max the sum of its parts; the classification "Xếp loại chất lượng hoạt
/// động" and its condition copied from Đắk Lắk 2025 Chỉ số 01. Its id is
/// `sinh-tu-dong-<items>`.
pub fn generated(areas: usize) -> String {
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

/// Hundredths as users type them: 425 → "4,25", 50 → "0,5", 200 → "2".
pub fn vi(h: u32) -> String {
    match h % 100 {
        0 => format!("{}", h / 100),
        r if r % 10 == 0 => format!("{},{}", h / 100, r / 10),
        r => format!("{},{:02}", h / 100, r),
    }
}

/// A decimal's text in hundredths ("0.5" → 50, "2" → 200).
fn hundredths(s: &str) -> u32 {
    let (i, f) = s.split_once('.').unwrap_or((s, ""));
    assert!(f.len() <= 2, "{s}: more than two decimals");
    i.parse::<u32>().unwrap() * 100 + format!("{f:0<2}").parse::<u32>().unwrap()
}

/// A ruleset's text loaded, with its file's SHA-256.
pub fn loaded(text: &str) -> Loaded {
    (Arc::new(load_ruleset(text).unwrap_or_else(|p| panic!("the generated ruleset is refused: {p:?}"))), sha256_hex(text.as_bytes()))
}

/// Items changed by each appraisal round 1.
pub const CHANGED: usize = 6;

/// The `i`-th agency's dossier on the generated ruleset `rs` (its file's
/// SHA-256 `sha`), through the four stages of the process:
/// - tự chấm: every item scored, deterministically varied within its max and
///   step 0.25; every 7th item with an explanation, every 25th with evidence;
///   the discipline condition answered "no";
/// - thẩm định lần 1: [`CHANGED`] items lowered (or raised from 0) by one or
///   two steps, each with a reason, and two confirmed as they were;
/// - giải trình: the agency agrees with two of the changes and disputes the
///   others with an explanation (and evidence for one);
/// - thẩm định lần 2: every disputed item given a value (half restored to the
///   self-score, half kept) and a reason.
pub fn four_stage_dossier(i: usize, rs: &Arc<Ruleset>, sha: &str) -> Dossier {
    let n = rs.items.len();
    let step = 25u32; // hundredths
    // Each item's maximum in hundredths.
    let max_of = |id: usize| -> u32 { hundredths(&rs.node(id).max.expect("an item's max").to_string()) };
    let self_score = |j: usize| -> u32 {
        let id = rs.items[j];
        let steps = max_of(id) / step;
        let k = (i * 7 + j * 13 + (i * j) % 5) as u32;
        // Mostly near the top, as real self-assessments are.
        let s = steps - (k % (steps + 1)).min(k % 3);
        s * step
    };
    let key = |j: usize| rs.node(rs.items[j]).key.clone();
    let stamp = RulesetStamp { id: rs.id.clone(), version: rs.version.clone(), sha256: sha.into() };
    let name = format!("Cơ quan số {:03}", i + 1);
    let mut draft = Draft::new(format!("d-{i}"), stamp, "2025-12-05T09:30:00+07:00");
    draft.agency = Agency {
        name: name.clone(),
        code: format!("CQ{:03}", i + 1),
        kind: if i % 3 == 0 { AgencyKind::Commune } else { AgencyKind::Department },
        year: "2025".into(),
        preparer: "Nguyễn Thị Lan".into(),
        contact: "lan.nt@example.gov.vn".into(),
    };
    for j in 0..n {
        let mut e = Entry { value: Some(vi(self_score(j))), ..Entry::default() };
        if j % 7 == i % 7 {
            e.explanation = format!("Đã thực hiện theo kế hoạch số {}/KH năm 2025.", 10 + j);
        }
        if j % 25 == i % 25 {
            e.evidence.push(Evidence { number: format!("{}/BC-CQ", 100 + i), date: "10/12/2025".into(), summary: "Báo cáo kết quả năm 2025".into(), ..Evidence::default() });
        }
        draft.entries.insert(key(j), e);
    }
    draft.conditions.insert("lanh_dao_bi_ky_luat".into(), false);
    let agency = Signer { unit: name.clone(), person: "Nguyễn Thị Lan".into() };
    let mut d = Dossier::from_draft(&draft, rs, "0.1.0", agency.clone(), "2025-12-10T09:00:00+07:00").unwrap_or_else(|p| panic!("{name} tự chấm: {p:?}"));

    // Round 1: CHANGED distinct items, spread over the ruleset.
    let changed: Vec<usize> = (0..CHANGED).map(|m| (i * 31 + m * (n / CHANGED) + m * 7) % n).collect();
    let council = Signer { unit: "Hội đồng thẩm định (sinh tự động)".into(), person: "Trần Văn Minh".into() };
    let mut st = Stage::new(StageKind::ThamDinh1, council.clone(), "2025-12-20T10:00:00+07:00");
    let mut round1 = Vec::new();
    for (m, &j) in changed.iter().enumerate() {
        let s = self_score(j);
        let down = step * (1 + (m as u32 % 2));
        let v = if s >= down { s - down } else { s + step };
        round1.push(v);
        st.entries.insert(key(j), Entry { value: Some(vi(v)), reason: format!("Tài liệu kiểm chứng chưa đủ cho tiêu chí {} (lần 1).", rs.node(rs.items[j]).code), ..Entry::default() });
    }
    for m in 0..2 {
        let j = (changed[m] + 1) % n;
        if !changed.contains(&j) {
            st.entries.insert(key(j), Entry { value: Some(vi(self_score(j))), ..Entry::default() });
        }
    }
    d.append(st, rs).unwrap_or_else(|p| panic!("{name} thẩm định 1: {p:?}"));

    // The response: agreed with the first two, the others disputed.
    let mut st = Stage::new(StageKind::GiaiTrinh, agency, "2025-12-22T15:30:00+07:00");
    for (m, &j) in changed.iter().enumerate() {
        let e = if m < 2 {
            Entry { agreed: true, ..Entry::default() }
        } else {
            let mut e = Entry { explanation: format!("Đề nghị giữ điểm tự chấm: đã bổ sung tài liệu cho tiêu chí {}.", rs.node(rs.items[j]).code), ..Entry::default() };
            if m == 2 {
                e.evidence.push(Evidence { number: format!("{}/BS-CQ", 200 + i), date: "22/12/2025".into(), summary: "Tài liệu bổ sung".into(), ..Evidence::default() });
            }
            e
        };
        st.entries.insert(key(j), e);
    }
    d.append(st, rs).unwrap_or_else(|p| panic!("{name} giải trình: {p:?}"));

    // Round 2: every disputed item, with a reason; half restored.
    let mut st = Stage::new(StageKind::ThamDinh2, council, "2025-12-26T09:00:00+07:00");
    for (m, &j) in changed.iter().enumerate().skip(2) {
        let (v, why) = if m % 2 == 0 { (self_score(j), "Chấp nhận giải trình.") } else { (round1[m], "Giữ kết quả thẩm định lần 1: tài liệu bổ sung chưa đáp ứng.") };
        st.entries.insert(key(j), Entry { value: Some(vi(v)), reason: why.into(), ..Entry::default() });
    }
    d.append(st, rs).unwrap_or_else(|p| panic!("{name} thẩm định 2: {p:?}"));
    d
}

/// `n` distinct four-stage dossiers on the ruleset file `text`, as the app
/// exports them (pretty JSON and a newline), each named by its default file
/// name; every one parsed back and verified against the ruleset (panics
/// otherwise), so that a benchmark never measures refusals.
pub fn office_files(text: &str, n: usize) -> Vec<(String, String)> {
    let (rs, sha) = loaded(text);
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let d = four_stage_dossier(i, &rs, &sha);
        assert_eq!(d.stages.len(), 4);
        let file = serde_json::to_string_pretty(&d).unwrap() + "\n";
        let back = parse_dossier(&file).unwrap_or_else(|p| panic!("dossier {i} does not parse back: {p:?}"));
        let check = verify_dossier(&back, Some((rs.clone(), &sha)), Lang::Vi);
        assert!(check.is_sound(), "dossier {i} does not verify: {:?}", check.findings);
        out.push((d.file_name(), file));
    }
    let names: std::collections::BTreeSet<&String> = out.iter().map(|(n, _)| n).collect();
    assert_eq!(names.len(), n, "file names are distinct");
    out
}

/// The office's consolidation of `files` with the ruleset `given` (as the page
/// does with an index chosen, and `chamdiem rank RULESET FILE...`): no roster,
/// no others' scores (the generated ruleset has no part scored by others).
pub fn consolidate_given(files: &[(String, Vec<u8>)], given: &Loaded) -> Consolidation {
    with_options(given, |o| consolidate(files, o))
}

/// `f` with the options `consolidate_given` uses (the ruleset given, nothing else).
pub fn with_options<T>(given: &Loaded, f: impl FnOnce(&Options) -> T) -> T {
    let by_sha256 = |sha: &str| (sha == given.1).then(|| given.clone());
    let current = |id: &str| (id == given.0.id).then(|| given.0.clone());
    let options = Options {
        given: Some(given.clone()),
        by_sha256: &by_sha256,
        current: &current,
        roster: None,
        others: None,
        by: Signer { unit: "Văn phòng (sinh tự động)".into(), person: "Người tổng hợp".into() },
        at: "2025-12-28T08:00:00+07:00".into(),
        app_version: "0.1.0".into(),
        lang: Lang::Vi,
    };
    f(&options)
}

/// Asserts that a consolidation of `n` files took and ranked them all.
pub fn assert_all_ranked(c: &Consolidation, n: usize) {
    assert!(c.refused.is_empty(), "refused: {:?}", c.refused.iter().take(3).collect::<Vec<_>>());
    assert_eq!(c.groups.len(), 1);
    let ranked = c.groups[0].rows.iter().filter(|r| r.rank.is_some()).count();
    assert_eq!(ranked, n, "every agency ranked");
}
