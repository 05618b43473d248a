//! The rulesets added for Hà Nội 2019, An Giang 2021, Nghị định 335/2025
//! (civil servants) and the training ruleset, scored as a user would score
//! them. Every expected figure is computed by hand in the comment next to it.

mod common;

use chamdiem_core::ruleset::model::Ruleset;
use chamdiem_core::score::ValueError;
use chamdiem_core::{Scorer, Summary, Value};
use common::{d, level, na, node_id, run, ruleset, scorer, set, text, TRAINING};
use rust_decimal::Decimal;

fn pair(s: &mut Scorer, key: &str, a: &str, b: &str) {
    let i = node_id(s, key);
    s.set_pair(i, a, b);
}

fn answer(s: &mut Scorer, condition: &str, a: bool) {
    let i = s.ruleset().conditions.iter().position(|c| c.id == condition).unwrap_or_else(|| panic!("no condition {condition}"));
    s.set_answer(i, Some(a));
}

/// The points item `key` earns for what was typed.
fn points(s: &Scorer, key: &str) -> Decimal {
    match s.value(node_id(s, key)) {
        Value::Valid(v) => *v,
        other => panic!("{key}: {other:?}"),
    }
}

fn error(s: &Scorer, key: &str) -> ValueError {
    match s.value(node_id(s, key)) {
        Value::Invalid(e) => e.clone(),
        other => panic!("{key}: expected an error, got {other:?}"),
    }
}

/// What each section contributes to the declared maximum: an ordinary
/// section its max, a bonus section its cap, a penalty nothing.
fn section_maxima(rs: &Ruleset) -> Vec<(String, Decimal)> {
    rs.roots
        .iter()
        .map(|&r| {
            let n = rs.node(r);
            let m = match n.kind {
                chamdiem_core::ruleset::file::Kind::Normal => n.max.unwrap(),
                chamdiem_core::ruleset::file::Kind::Bonus => n.cap.or(n.max).unwrap(),
                chamdiem_core::ruleset::file::Kind::Penalty => Decimal::ZERO,
            };
            (n.code.clone(), m)
        })
        .collect()
}

fn assert_final(sum: &Summary, points: &str, max: &str, percent: &str) {
    assert_eq!((sum.points, sum.max, sum.percent), (d(points), d(max), Some(d(percent))));
    assert!(sum.is_final(), "{sum:?}");
}

// ───────────────────────── Hà Nội 2019 ─────────────────────────

const HANOI: &str = "hanoi-2019-phong-chuyen-mon.json";

#[test]
fn hanoi_has_the_seven_areas_of_the_source_and_a_30_point_survey() {
    let rs = ruleset(HANOI);
    // SOURCES.md: 7 areas with (criteria, sub-criteria); 29 and 22 in all.
    let expected = [
        ("1", "Công tác chỉ đạo, điều hành", 6, 8),
        ("2", "Tổ chức thực hiện các văn bản quy phạm pháp luật, văn bản chỉ đạo, điều hành của cấp trên", 4, 0),
        ("3", "Cải cách thủ tục hành chính", 6, 4),
        ("4", "Cải cách tổ chức bộ máy hành chính", 2, 0),
        ("5", "Xây dựng và nâng cao chất lượng đội ngũ công chức, viên chức", 5, 2),
        ("6", "Cải cách tài chính công", 4, 0),
        ("7", "Hiện đại hóa hành chính", 2, 8),
    ];
    assert_eq!(expected.iter().map(|e| e.2).sum::<i32>(), 29);
    assert_eq!(expected.iter().map(|e| e.3).sum::<i32>(), 22);
    for (i, (code, title, c, sc)) in expected.iter().enumerate() {
        let n = rs.node(rs.roots[i]);
        assert_eq!((n.code.as_str(), n.title.as_str()), (*code, *title));
        let note = n.note.as_deref().unwrap();
        assert!(note.contains(&format!("gồm {c} tiêu chí")), "{code}: {note}");
        if *sc > 0 {
            assert!(note.contains(&format!("{sc} tiêu chí thành phần")), "{code}: {note}");
        }
        // Per-area points are not in the source: the screen must say so.
        assert!(n.not_verified.as_deref().unwrap().contains("TẠM ĐẶT"), "{code}");
    }
    let survey = rs.node(rs.roots[7]);
    assert_eq!((survey.max, survey.assessed_by, survey.not_applicable_allowed), (Some(d("30")), chamdiem_core::ruleset::file::AssessedBy::Survey, true));
    // Maxima: 7 × 10 (placeholders) + 30 = 100 = the declared total.
    let maxima = section_maxima(&rs);
    assert_eq!(maxima.iter().map(|m| m.1).sum::<Decimal>(), rs.max_total);
    assert_eq!(rs.max_total, d("100"));
    assert!(rs.not_verified[0].contains("TẠM ĐẶT"), "the placeholder points come first in the ruleset's notes");
    assert!(rs.classifications.is_empty(), "the source gives no levels");
}

fn hanoi_areas() -> Scorer {
    let mut s = scorer(HANOI);
    // 9 + 8,5 + 10 + 7 + 9,5 + 8 + 6 = 58 (of the 7 × 10 = 70 self-scored).
    for (k, v) in [("1", "9"), ("2", "8,5"), ("3", "10"), ("4", "7"), ("5", "9,5"), ("6", "8"), ("7", "6")] {
        set(&mut s, k, v);
    }
    s
}

#[test]
fn hanoi_with_a_survey_is_out_of_100() {
    let mut s = hanoi_areas();
    set(&mut s, "8", "25");
    // 58 + 25 = 83 of 100 → 83,00%.
    assert_final(&s.summary(), "83", "100", "83.00");
}

#[test]
fn hanoi_without_a_survey_is_converted_to_100_over_what_remains() {
    let mut s = hanoi_areas();
    // A survey that is planned but not yet scored: 58 of 70, provisional.
    let sum = s.summary();
    assert_eq!((sum.points, sum.max, sum.awaiting), (d("58"), d("70"), 1));
    assert!(!sum.is_final(), "tạm tính while the survey is awaited");
    // No survey held: not applicable; 58 / 70 = 82,857…% → 82,86%, final.
    na(&mut s, "8");
    assert_final(&s.summary(), "58", "70", "82.86");
}

// ───────────────────────── An Giang 2021 ─────────────────────────

const ANGIANG: &str = "angiang-2021.json";

#[test]
fn angiang_is_60_self_assessed_plus_sipas_24_and_civil_servants_16() {
    let rs = ruleset(ANGIANG);
    assert_eq!(rs.source.document, "Quyết định số 2366/QĐ-UBND");
    assert_eq!(rs.source.date, "14/10/2021");
    let maxima = section_maxima(&rs);
    assert_eq!(maxima.len(), 10, "8 self-assessed areas, SIPAS, the civil-servant survey");
    let self_scored: Decimal = rs.roots.iter().zip(&maxima).filter(|(&r, _)| rs.is_self_scored(r)).map(|(_, m)| m.1).sum();
    assert_eq!(self_scored, d("60"));
    let others: Vec<(&str, Decimal)> =
        rs.roots.iter().zip(&maxima).filter(|(&r, _)| !rs.is_self_scored(r)).map(|(&r, m)| (rs.node(r).title.as_str(), m.1)).collect();
    assert_eq!(others.len(), 2);
    assert!(others[0].0.contains("SIPAS") && others[0].1 == d("24"));
    assert!(others[1].0.contains("cán bộ, công chức, viên chức") && others[1].1 == d("16"));
    assert_eq!(maxima.iter().map(|m| m.1).sum::<Decimal>(), rs.max_total);
    assert_eq!(rs.max_total, d("100"));
    for &r in &rs.roots[..8] {
        assert!(rs.node(r).not_verified.as_deref().unwrap().contains("TẠM ĐẶT"), "{}", rs.node(r).code);
    }
    assert_eq!(rs.node(rs.roots[8]).code, "9", "SIPAS is the ninth area");
}

#[test]
fn angiang_fully_scored_and_before_the_survey() {
    let mut s = scorer(ANGIANG);
    // 7 + 6,5 + 7,5 + 7 + 6 + 7,25 + 5,5 + 7 = 53,75 of 60.
    for (k, v) in [("1", "7"), ("2", "6,5"), ("3", "7,5"), ("4", "7"), ("5", "6"), ("6", "7,25"), ("7", "5,5"), ("8", "7")] {
        set(&mut s, k, v);
    }
    // Before the survey: 53,75 / 60 = 89,583…% → 89,58%, provisional.
    let sum = s.summary();
    assert_eq!((sum.points, sum.max, sum.percent, sum.awaiting), (d("53.75"), d("60"), Some(d("89.58")), 2));
    assert!(!sum.is_final());
    // SIPAS 20,5 and civil-servant survey 13: 53,75 + 20,5 + 13 = 87,25 of 100.
    set(&mut s, "9", "20,5");
    set(&mut s, "KS", "13");
    assert_final(&s.summary(), "87.25", "100", "87.25");
    // A self-score above the (placeholder) maximum is refused, not clamped.
    set(&mut s, "1", "8");
    assert_eq!(error(&s, "1"), ValueError::AboveMax { max: d("7.5") });
}

// ───────────────────────── Nghị định 335/2025, civil servants ─────────────────────────

const ND335: &str = "nd335-2025-cong-chuc.json";
const ND_LEVELS: [&str; 4] = ["Không hoàn thành nhiệm vụ", "Hoàn thành nhiệm vụ", "Hoàn thành tốt nhiệm vụ", "Hoàn thành xuất sắc nhiệm vụ"];

fn nd335(general: &str, done: &str, assigned: &str, errors: &str, delays: &str) -> Scorer {
    let mut s = scorer(ND335);
    set(&mut s, "1", general);
    pair(&mut s, "2/2.1", done, assigned);
    set(&mut s, "2/2.2", errors);
    set(&mut s, "2/2.3", delays);
    s
}

fn all_clear(s: &mut Scorer) {
    for c in ["bi_ky_luat", "suy_thoai", "don_vi_tham_nhung_lang_phi"] {
        answer(s, c, false);
    }
}

#[test]
fn nd335_is_30_general_plus_70_task_results_with_the_decree_levels() {
    let rs = ruleset(ND335);
    let maxima = section_maxima(&rs);
    assert_eq!(maxima, [("1".to_string(), d("30")), ("2".to_string(), d("70"))]);
    assert_eq!(rs.max_total, d("100"));
    let c = &rs.classifications[0];
    let levels: Vec<(&str, Decimal)> = c.levels.iter().map(|l| (l.label.as_str(), l.min_percent)).collect();
    assert_eq!(levels, [(ND_LEVELS[0], d("0")), (ND_LEVELS[1], d("50")), (ND_LEVELS[2], d("70")), (ND_LEVELS[3], d("90"))]);
    assert_eq!(c.vetoes.len(), 3);
    assert!(c.vetoes.iter().all(|v| v.level == 0 && v.answer), "each veto forces không hoàn thành");
    // The split of the 70 is a placeholder and says so.
    for k in ["2", "2/2.1", "2/2.2", "2/2.3"] {
        let n = rs.node(rs.find(k).unwrap());
        assert!(n.not_verified.as_deref().unwrap().contains("tạm đặt"), "{k}");
    }
    assert!(rs.not_verified.iter().any(|t| t.contains("cơ quan hành chính") && t.contains("không tìm thấy")));
}

#[test]
fn nd335_worked_example_hoan_thanh_tot() {
    // General 27; quantity 9 of 10 → 30 × 9/10 = 27; quality 1 major error →
    // 20 − 25% = 15; progress no delay → 20. 27 + 27 + 15 + 20 = 89 → tốt.
    let mut s = nd335("27", "9", "10", "1", "0");
    assert_eq!(points(&s, "2/2.1"), d("27"));
    assert_eq!(points(&s, "2/2.2"), d("15"));
    assert_eq!(points(&s, "2/2.3"), d("20"));
    all_clear(&mut s);
    assert_final(&s.summary(), "89", "100", "89.00");
    assert_eq!(level(&s, 0), ND_LEVELS[2]);
}

#[test]
fn nd335_xuat_sac_and_every_veto() {
    // 28 + 30 (10 of 10) + 20 (no error) + 15 (one delay) = 93 → xuất sắc.
    let mut s = nd335("28", "10", "10", "0", "1");
    all_clear(&mut s);
    assert_final(&s.summary(), "93", "100", "93.00");
    assert_eq!(level(&s, 0), ND_LEVELS[3]);
    // Any veto answered "có" → không hoàn thành, whatever the 93 points.
    for c in ["bi_ky_luat", "suy_thoai", "don_vi_tham_nhung_lang_phi"] {
        answer(&mut s, c, true);
        assert_eq!(level(&s, 0), ND_LEVELS[0], "{c}");
        let o = s.summary().classifications[0].outcome.clone().unwrap();
        assert_eq!(o.level_if_clear, 3, "the screen can say what the points alone give");
        answer(&mut s, c, false);
    }
    // An unanswered veto: the level assumes the worst and stays provisional.
    let mut s = nd335("28", "10", "10", "0", "1");
    answer(&mut s, "bi_ky_luat", false);
    answer(&mut s, "suy_thoai", false);
    let sum = s.summary();
    let o = sum.classifications[0].outcome.as_ref().unwrap();
    assert_eq!((o.level, o.level_if_clear, o.pending_vetoes.clone()), (0, 3, vec![2]));
    assert!(!sum.is_final());
}

#[test]
fn nd335_thresholds_50_70_90_on_the_exact_points() {
    // Quality and progress at their 20 each; quantity 0 of 1, 2 of 3 (= 20).
    for (general, done, total, want) in [
        ("9.99", "0", "49.99", 0),  // 9,99 + 0 + 40
        ("10", "0", "50", 1),       // 10 + 0 + 40
        ("29.99", "0", "69.99", 1), // 29,99 + 0 + 40
        ("30", "0", "70", 2),       // 30 + 0 + 40
        ("29.99", "2", "89.99", 2), // 29,99 + 20 + 40
        ("30", "2", "90", 3),       // 30 + 20 + 40
    ] {
        let assigned = if done == "0" { "1" } else { "3" };
        let mut s = nd335(general, done, assigned, "0", "0");
        all_clear(&mut s);
        assert_eq!(s.summary().points, d(total));
        assert_eq!(level(&s, 0), ND_LEVELS[want], "{total} points");
    }
}

#[test]
fn nd335_task_rules() {
    // 7 of 9 → 30 × 7/9 = 23,333… → 23,33 (half-up to 0,01).
    let mut s = nd335("0", "7", "9", "4", "5");
    assert_eq!(points(&s, "2/2.1"), d("23.33"));
    // Four major errors take all 20 quality points; five cannot go below 0.
    assert_eq!(points(&s, "2/2.2"), d("0"));
    assert_eq!(points(&s, "2/2.3"), d("0"));
    // More products than assigned: at most the 30.
    pair(&mut s, "2/2.1", "12", "10");
    assert_eq!(points(&s, "2/2.1"), d("30"));
    pair(&mut s, "2/2.1", "3", "0");
    assert_eq!(error(&s, "2/2.1"), ValueError::ZeroDenominator);
    set(&mut s, "2/2.2", "1,5");
    assert_eq!(error(&s, "2/2.2"), ValueError::NotACount);
}

// ───────────────────────── Training ruleset ─────────────────────────

#[test]
fn training_ruleset_is_labelled_illustrative_and_uses_every_rule() {
    let rs = ruleset(TRAINING);
    assert!(rs.illustrative);
    assert!(rs.title.contains("(minh họa)") && rs.short_title.as_deref().unwrap().contains("(minh họa)"));
    assert!(rs.not_verified[0].contains("minh họa"));
    for n in &rs.nodes {
        assert!(n.title.ends_with("(minh họa)"), "{}: {}", n.key, n.title);
    }
    assert!((15..=25).contains(&rs.items.len()), "{} items: small enough to demo", rs.items.len());
    use chamdiem_core::ruleset::model::Rule;
    let has = |f: &dyn Fn(&chamdiem_core::ruleset::model::Node) -> bool| rs.nodes.iter().any(|n| n.is_item() && f(n));
    assert!(has(&|n| n.rule == Rule::Number && n.step == d("0.5")));
    assert!(has(&|n| n.rule == Rule::YesNo));
    assert!(has(&|n| matches!(n.rule, Rule::Choice(_))));
    assert!(has(&|n| matches!(n.rule, Rule::RatioBands { .. })));
    assert!(has(&|n| matches!(n.rule, Rule::Proportional { .. })));
    assert!(has(&|n| matches!(n.rule, Rule::PerOccurrence { .. }) && n.kind == chamdiem_core::ruleset::file::Kind::Penalty && n.max.is_some()));
    assert!(has(&|n| matches!(n.rule, Rule::DeductPercentPerOccurrence { .. })));
    assert!(has(&|n| n.rule == Rule::Survey(["A", "B", "C", "D"].iter().zip(["100", "60", "20", "0"]).map(|(l, p)| (l.to_string(), d(p))).collect())));
    use chamdiem_core::ruleset::file::AssessedBy;
    assert!(has(&|n| n.assessed_by == AssessedBy::Survey) && has(&|n| n.assessed_by == AssessedBy::Leaders));
    // 20 + 30 + 15 + 20 + 10 + bonus cap 5 + penalty 0 = 100.
    let maxima = section_maxima(&rs);
    assert_eq!(maxima.iter().map(|m| m.1).collect::<Vec<_>>(), ["20", "30", "15", "20", "10", "5", "0"].map(d));
    assert_eq!(maxima.iter().map(|m| m.1).sum::<Decimal>(), rs.max_total);
    assert_eq!(rs.classifications.len(), 2);
    let cchc: Vec<&str> = rs.classifications[1].sections.iter().map(|&r| rs.node(r).code.as_str()).collect();
    assert_eq!(cchc, ["2", "4", "6", "7"]);
    assert!(!rs.classifications[0].levels[3].requires.is_empty() && !rs.classifications[0].vetoes.is_empty());
}

/// The example of tests/entries/tap-huan-mau-example.json, typed by hand.
fn training_example() -> Scorer {
    let mut s = scorer(TRAINING);
    set(&mut s, "1/1.1", "có"); // 2
    set(&mut s, "1/1.2", "Hoàn thành từ 80% đến dưới 100%"); // 2,5
    set(&mut s, "1/1.3", "5,5"); // 5,5
    na(&mut s, "1/1.4"); // criterion not applicable: −8 from the maximum
    pair(&mut s, "2/2.1", "45", "50"); // 90% → 5
    pair(&mut s, "2/2.2", "3", "4"); // 2 × 3/4 = 1,5
    na(&mut s, "2/2.3"); // item not applicable: −4
    set(&mut s, "2/2.4/a", "2"); // 4 − 2 × 25% = 2
    set(&mut s, "2/2.4/b", "1"); // 4 − 25% = 3
    set(&mut s, "2/2.5", "9"); // 9
    na(&mut s, "3"); // whole area not applicable: −15
    set(&mut s, "4/4.1", "A"); // 5 × 100% = 5
    set(&mut s, "4/4.2", "B"); // 5 × 60% = 3
    set(&mut s, "4/4.3", "C"); // 10 × 20% = 2
    set(&mut s, "5", "8,5"); // leaders: 8,5
    set(&mut s, "6/6.1", "2,5"); // 2,5
    set(&mut s, "6/6.2", "3"); // 3 × 1 = 3 → bonus 5,5 capped at 5
    set(&mut s, "7/7.1", "3"); // 3 × 0,5 = 1,5 capped at 1 → −1
    set(&mut s, "7/7.2", "0,5"); // −0,5
    answer(&mut s, "lanh_dao_bi_ky_luat", false);
    answer(&mut s, "de_xay_ra_tham_nhung", false);
    s
}

#[test]
fn training_worked_example() {
    let s = training_example();
    // Sections: 1: 2 + 2,5 + 5,5 = 10 of 20 − 8 = 12; 2: 5 + 1,5 + 2 + 3 + 9
    // = 20,5 of 30 − 4 = 26; 3: not applicable; 4: 10 of 20; 5: 8,5 of 10;
    // 6: 5 (capped) of 5; 7: −1,5.
    let sec = |k: &str| {
        let a = s.agg(node_id(&s, k));
        (a.points, a.max)
    };
    assert_eq!(sec("1"), (d("10"), d("12")));
    assert_eq!(sec("2"), (d("20.5"), d("26")));
    assert_eq!(sec("3"), (d("0"), d("0")));
    assert_eq!(sec("4"), (d("10"), d("20")));
    assert_eq!(sec("5"), (d("8.5"), d("10")));
    assert_eq!(sec("6"), (d("5"), d("5")));
    assert_eq!(sec("7"), (d("-1.5"), d("0")));
    // Total 10 + 20,5 + 10 + 8,5 + 5 − 1,5 = 52,5 of 12 + 26 + 20 + 10 + 5 = 73
    // → 71,917…% → 71,92% → hoàn thành nhiệm vụ (60 ≤ % < 75).
    let sum = s.summary();
    assert_final(&sum, "52.5", "73", "71.92");
    assert_eq!(level(&s, 0), "Hoàn thành nhiệm vụ");
    // CCHC over 2, 4, 6, 7: 20,5 + 10 + 5 − 1,5 = 34 of 26 + 20 + 5 = 51
    // → 66,666…% → 66,67% → trung bình (50 ≤ % < 70).
    let c = &sum.classifications[1];
    assert_eq!((c.points, c.max, c.percent), (d("34"), d("51"), Some(d("66.67"))));
    assert_eq!(level(&s, 1), "Trung bình");
}

#[test]
fn training_number_with_a_step() {
    let mut s = scorer(TRAINING);
    set(&mut s, "1/1.3", "5,5");
    assert_eq!(points(&s, "1/1.3"), d("5.5"));
    set(&mut s, "1/1.3", "5,25");
    assert_eq!(error(&s, "1/1.3"), ValueError::NotMultiple { step: d("0.5") });
    set(&mut s, "1/1.3", "6,5");
    assert_eq!(error(&s, "1/1.3"), ValueError::AboveMax { max: d("6") });
}

#[test]
fn training_yes_no() {
    let mut s = scorer(TRAINING);
    set(&mut s, "1/1.1", "Có");
    assert_eq!(points(&s, "1/1.1"), d("2"));
    set(&mut s, "1/1.1", "không");
    assert_eq!(points(&s, "1/1.1"), d("0"));
    set(&mut s, "1/1.1", "1");
    assert_eq!(error(&s, "1/1.1"), ValueError::NotAnOption);
}

#[test]
fn training_choice() {
    let mut s = scorer(TRAINING);
    set(&mut s, "1/1.2", "Hoàn thành 100% kế hoạch");
    assert_eq!(points(&s, "1/1.2"), d("4"));
    set(&mut s, "1/1.2", "hoàn thành từ 80% đến dưới 100%");
    assert_eq!(points(&s, "1/1.2"), d("2.5"));
    set(&mut s, "1/1.2", "4");
    assert_eq!(error(&s, "1/1.2"), ValueError::NotAnOption, "the points are not an option label");
}

#[test]
fn training_ratio_bands() {
    // Bands: from 0% → 0; 70% → 3; 90% → 5; 100% → 6 (max 6).
    let mut s = scorer(TRAINING);
    for (on_time, all, pts) in [("45", "50", "5"), ("44", "50", "3"), ("35", "50", "3"), ("34", "50", "0"), ("50", "50", "6"), ("0", "7", "0")] {
        pair(&mut s, "2/2.1", on_time, all);
        assert_eq!(points(&s, "2/2.1"), d(pts), "{on_time} of {all}");
    }
    pair(&mut s, "2/2.1", "51", "50");
    assert_eq!(error(&s, "2/2.1"), ValueError::NumeratorAboveDenominator);
    pair(&mut s, "2/2.1", "45", "");
    assert_eq!(error(&s, "2/2.1"), ValueError::MissingSecond);
}

#[test]
fn training_proportional() {
    let mut s = scorer(TRAINING);
    pair(&mut s, "2/2.2", "3", "4"); // 2 × 3/4 = 1,5
    assert_eq!(points(&s, "2/2.2"), d("1.5"));
    pair(&mut s, "2/2.2", "1", "3"); // 2 × 1/3 = 0,666… → 0,67
    assert_eq!(points(&s, "2/2.2"), d("0.67"));
    pair(&mut s, "2/2.2", "5", "4"); // above the target: at most 2
    assert_eq!(points(&s, "2/2.2"), d("2"));
}

#[test]
fn training_survey_answers() {
    let mut s = scorer(TRAINING);
    set(&mut s, "4/4.2", "B"); // 5 × 60% = 3
    assert_eq!(points(&s, "4/4.2"), d("3"));
    set(&mut s, "4/4.3", "c"); // 10 × 20% = 2
    assert_eq!(points(&s, "4/4.3"), d("2"));
    set(&mut s, "4/4.1", "D");
    assert_eq!(points(&s, "4/4.1"), d("0"));
    set(&mut s, "4/4.1", "E");
    assert_eq!(error(&s, "4/4.1"), ValueError::NotAnOption);
}

#[test]
fn training_deduct_percent_per_occurrence() {
    let mut s = scorer(TRAINING);
    set(&mut s, "2/2.4/a", "2"); // 4 × (100% − 2 × 25%) = 2
    assert_eq!(points(&s, "2/2.4/a"), d("2"));
    set(&mut s, "2/2.4/a", "0");
    assert_eq!(points(&s, "2/2.4/a"), d("4"));
    set(&mut s, "2/2.4/a", "5"); // never below 0
    assert_eq!(points(&s, "2/2.4/a"), d("0"));
    set(&mut s, "2/2.4/a", "1,5");
    assert_eq!(error(&s, "2/2.4/a"), ValueError::NotACount);
}

#[test]
fn training_per_occurrence_penalty_is_capped_at_its_max() {
    let mut s = scorer(TRAINING);
    set(&mut s, "7/7.1", "1"); // 0,5
    assert_eq!(s.agg(node_id(&s, "7")).points, d("-0.5"));
    set(&mut s, "7/7.1", "3"); // 3 × 0,5 = 1,5, at most 1
    assert_eq!(points(&s, "7/7.1"), d("1"));
    set(&mut s, "7/7.2", "2");
    let a = s.agg(node_id(&s, "7"));
    assert_eq!((a.points, a.max), (d("-3"), d("0")), "a penalty lowers the points, never the maximum");
    // The bonus counterpart: 2 commendations × 1 = 2.
    set(&mut s, "6/6.2", "2");
    assert_eq!(points(&s, "6/6.2"), d("2"));
}

#[test]
fn training_bonus_group_is_capped() {
    let mut s = scorer(TRAINING);
    set(&mut s, "6/6.1", "3");
    set(&mut s, "6/6.2", "3"); // 3 + 3 = 6 → 5
    let a = s.agg(node_id(&s, "6"));
    assert_eq!((a.points, a.uncapped, a.capped, a.max), (d("5"), d("6"), true, d("5")));
}

#[test]
fn training_not_applicable_at_every_level_and_parts_scored_by_others() {
    let mut s = scorer(TRAINING);
    // Fresh: survey (20) and leaders (10) are awaited and left out: the
    // maximum is 20 + 30 + 15 + bonus 5 = 70.
    let sum = s.summary();
    assert_eq!((sum.max, sum.awaiting), (d("70"), 4));
    na(&mut s, "2/2.3"); // item: −4
    assert_eq!(s.summary().max, d("66"));
    na(&mut s, "1/1.4"); // criterion: −8
    assert_eq!(s.summary().max, d("58"));
    na(&mut s, "3"); // area: −15
    assert_eq!(s.summary().max, d("43"));
    for (k, v) in [("4/4.1", "A"), ("4/4.2", "A"), ("4/4.3", "A"), ("5", "10")] {
        set(&mut s, k, v);
    }
    let sum = s.summary();
    assert_eq!((sum.max, sum.awaiting), (d("73"), 0));
    // Only where the ruleset allows it.
    for k in ["1/1.1", "4", "6", "7"] {
        let i = node_id(&s, k);
        assert!(s.set_not_applicable(i, true).is_empty(), "{k} cannot be marked not applicable");
    }
}

#[test]
fn training_requires_and_veto() {
    let mut s = scorer(TRAINING);
    // Everything at its maximum: 20 + 30 + 15 + 20 + 10 + 5 = 100 of 100.
    for (k, v) in [
        ("1/1.1", "có"), ("1/1.2", "Hoàn thành 100% kế hoạch"), ("1/1.3", "6"), ("1/1.4/a", "có"), ("1/1.4/b", "4"),
        ("2/2.3", "4"), ("2/2.4/a", "0"), ("2/2.4/b", "0"), ("2/2.5", "10"), ("3/3.1", "10"), ("3/3.2", "có"),
        ("4/4.1", "A"), ("4/4.2", "A"), ("4/4.3", "A"), ("5", "10"), ("6/6.1", "3"), ("6/6.2", "2"),
    ] {
        set(&mut s, k, v);
    }
    pair(&mut s, "2/2.1", "50", "50");
    pair(&mut s, "2/2.2", "4", "4");
    answer(&mut s, "de_xay_ra_tham_nhung", false);
    assert_eq!((s.summary().points, s.summary().max), (d("100"), d("100")));
    // Xuất sắc requires no disciplined leader: unanswered → tốt, pending.
    let o = s.summary().classifications[0].outcome.clone().unwrap();
    assert_eq!((o.level, o.pending.map(|p| p.0)), (2, Some(3)));
    answer(&mut s, "lanh_dao_bi_ky_luat", false);
    assert_eq!(level(&s, 0), "Hoàn thành xuất sắc nhiệm vụ");
    answer(&mut s, "lanh_dao_bi_ky_luat", true);
    assert_eq!(level(&s, 0), "Hoàn thành tốt nhiệm vụ");
    // The veto forces the lowest level at 100%; the CCHC index has no veto.
    answer(&mut s, "lanh_dao_bi_ky_luat", false);
    answer(&mut s, "de_xay_ra_tham_nhung", true);
    assert_eq!(level(&s, 0), "Không hoàn thành nhiệm vụ");
    assert_eq!(s.summary().classifications[0].percent, Some(d("100.00")));
    assert_eq!(level(&s, 1), "Tốt");
}

#[test]
fn training_example_entries_scored_by_the_cli_give_the_same_totals() {
    let out = run(&["score", "rulesets/tap-huan-mau.json", "tests/entries/tap-huan-mau-example.json"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let sum = training_example().summary();
    let s = |d: Decimal| d.normalize().to_string();
    assert_eq!(v["points"], s(sum.points));
    assert_eq!(v["max"], s(sum.max));
    assert_eq!(v["percent"], sum.percent.unwrap().to_string());
    assert_eq!(v["is_final"], true);
    // And the figures of the hand computation above.
    assert_eq!((v["points"].as_str(), v["max"].as_str(), v["percent"].as_str()), (Some("52.5"), Some("73"), Some("71.92")));
    assert_eq!(v["classifications"][0]["level"], "Hoàn thành nhiệm vụ");
    assert_eq!(v["classifications"][1]["points"], "34");
    assert_eq!(v["classifications"][1]["percent"], "66.67");
    assert_eq!(v["classifications"][1]["level"], "Trung bình");
    let group = |k: &str| v["groups"].as_array().unwrap().iter().find(|g| g["key"] == k).cloned().unwrap();
    assert_eq!(group("3")["not_applicable"], true);
    assert_eq!(group("1/1.4")["not_applicable"], true);
    assert_eq!((group("6")["points"].as_str(), group("6")["capped"].as_bool()), (Some("5"), Some(true)));
    assert_eq!(group("7")["points"], "-1.5");
}
