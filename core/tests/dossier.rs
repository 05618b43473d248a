//! The dossier (format v2) through the core's API: the Đắk Lắk worked
//! example taken through four stages, verified, kept as the format's worked
//! example (tests/dossiers/), and each kind of tampering detected.

mod common;

use chamdiem_core::json::ProblemKind;
use chamdiem_core::record::{
    parse_dossier, parse_submission, seal, verify_dossier, Dossier, Entry, Evidence, Results, Signer, Stage, StageKind,
};
use chamdiem_core::Lang;
use common::*;
use serde_json::{json, Value};

/// Self 85,5 → appraisal 1 lowers content 2 from 31,5 to 30 → the agency
/// explains → appraisal 2 sets 31.
fn worked_example() -> Dossier {
    let (rs, _) = ruleset_and_hash(DAKLAK_01);
    let sub = parse_submission(&read_repo(DAKLAK_01_SUBMISSION)).unwrap();
    let mut d = Dossier::from_submission(&sub, &rs, "0.1.0").unwrap();

    let mut a1 = Stage::new(StageKind::ThamDinh1, council(), "2025-12-20T10:00:00+07:00");
    a1.entries.insert("1".into(), appraised("42", ""));
    a1.entries.insert(
        "2".into(),
        appraised("30", "Chưa có tài liệu kiểm chứng kết quả kiểm soát thủ tục hành chính quý IV (tiêu chí 2.3)."),
    );
    a1.entries.insert("5".into(), appraised("1", ""));
    a1.entries.insert("6".into(), appraised("2", ""));
    d.append(a1, &rs).unwrap();

    let mut r = Stage::new(
        StageKind::GiaiTrinh,
        Signer { unit: "Sở Nội vụ".into(), person: "Nguyễn Thị Lan".into() },
        "2025-12-22T15:30:00+07:00",
    );
    r.entries.insert(
        "2".into(),
        Entry {
            explanation: "Báo cáo quý IV đã gửi ngày 28/12/2025; bổ sung văn bản.".into(),
            evidence: vec![Evidence {
                number: "245/BC-SNV".into(),
                date: "28/12/2025".into(),
                summary: "Báo cáo kiểm soát thủ tục hành chính quý IV năm 2025".into(),
                ..Evidence::default()
            }],
            ..Entry::default()
        },
    );
    d.append(r, &rs).unwrap();

    let mut a2 = Stage::new(StageKind::ThamDinh2, council(), "2025-12-25T09:00:00+07:00");
    a2.entries.insert("2".into(), appraised("31", "Chấp nhận một phần giải trình: báo cáo quý IV gửi sau thời hạn."));
    d.append(a2, &rs).unwrap();
    d
}

fn pretty(d: &Dossier) -> String {
    let d = Dossier { schema: Some("../../docs/dossier.schema.json".into()), ..d.clone() };
    serde_json::to_string_pretty(&d).unwrap() + "\n"
}

#[test]
fn the_worked_example_through_four_stages() {
    let d = worked_example();
    let kinds: Vec<StageKind> = d.stages.iter().map(|s| s.stage).collect();
    assert_eq!(kinds, [StageKind::TuCham, StageKind::ThamDinh1, StageKind::GiaiTrinh, StageKind::ThamDinh2]);

    let results: Vec<&Results> = d.stages.iter().map(|s| &s.results).collect();
    assert_eq!([&results[0].points, &results[1].points, &results[2].points, &results[3].points], ["85.5", "84", "84", "85"]);
    let last = results[3];
    assert_eq!((last.points.as_str(), last.max.as_str(), last.percent.as_deref()), ("85", "100", Some("85.00")));
    assert_eq!(last.classifications[0].level.as_deref(), Some("Hoàn thành tốt nhiệm vụ"));
    let cchc = &last.classifications[1];
    assert_eq!((cchc.points.as_str(), cchc.max.as_str(), cchc.percent.as_deref()), ("43", "55", Some("78.18")));
    assert_eq!(cchc.level.as_deref(), Some("Khá"));
    // Contents 3 and 4 are the agency's estimates in every stage: provisional.
    for r in &results {
        assert_eq!(r.estimates, ["3", "4"]);
        assert!(!r.is_final);
    }
    // The appraised item says its points and who scores it; the response none.
    assert_eq!(d.stages[1].entries["2"].points.as_deref(), Some("30"));
    assert_eq!(d.stages[2].entries["2"].points, None);
    assert_eq!(d.stages[3].entries["2"].points.as_deref(), Some("31"));
    // The chain starts at the ruleset file's hash.
    let (_, sha) = ruleset_and_hash(DAKLAK_01);
    assert_eq!(d.stages[0].hash, seal(&sha, &d.stages[0]));
    assert_eq!(d.stages[3].hash, seal(&d.stages[2].hash, &d.stages[3]));
    assert_eq!(d.stages[3].short_hash().len(), 12);
    assert_eq!(d.file_name(), "so-noi-vu_daklak-2025-chi-so-01_2025-tham-dinh-2.json");

    let (rs, sha) = ruleset_and_hash(DAKLAK_01);
    let check = verify_dossier(&d, Some((rs, &sha)), Lang::Vi);
    assert!(check.is_sound(), "{:#?}", check.findings);
    assert_eq!(check.stages.len(), 4);
}

/// The committed worked example is what the API builds, and verifies.
/// `UPDATE_FIXTURES=1` rewrites it.
#[test]
fn the_committed_worked_example_is_current_and_sound() {
    let built = pretty(&worked_example());
    if std::env::var_os("UPDATE_FIXTURES").is_some() {
        std::fs::create_dir_all(repo().join("tests/dossiers")).unwrap();
        std::fs::write(repo().join(DAKLAK_01_DOSSIER), &built).unwrap();
    }
    let text = read_repo(DAKLAK_01_DOSSIER);
    assert_eq!(text, built, "out of date: run `UPDATE_FIXTURES=1 cargo test -p chamdiem-core --test dossier`");
    let d = parse_dossier(&text).unwrap();
    let (rs, sha) = ruleset_and_hash(DAKLAK_01);
    assert!(verify_dossier(&d, Some((rs, &sha)), Lang::En).is_sound());
}

/// The fixture as JSON, edited, with every hash from stage `from` on
/// recomputed (someone who rewrites the chain behind the edit).
fn edited(edit: impl FnOnce(&mut Value), reseal_from: Option<usize>) -> Dossier {
    let mut v = read_json(DAKLAK_01_DOSSIER);
    edit(&mut v);
    let mut d: Dossier = serde_json::from_value(v).unwrap();
    if let Some(from) = reseal_from {
        for i in from..d.stages.len() {
            let prev = if i == 0 { d.ruleset.sha256.clone() } else { d.stages[i - 1].hash.clone() };
            d.stages[i].hash = seal(&prev, &d.stages[i]);
        }
    }
    d
}

fn findings(d: &Dossier) -> Vec<String> {
    let (rs, sha) = ruleset_and_hash(DAKLAK_01);
    verify_dossier(d, Some((rs, &sha)), Lang::En).findings.iter().map(|f| f.text.clone()).collect()
}

#[test]
fn an_edited_stage_is_found_by_its_hash_or_by_the_next_one() {
    // Edited, hash left: the stage itself.
    let d = edited(|v| v["stages"][1]["entries"]["2"]["value"] = json!("31,5"), None);
    let f = findings(&d);
    assert!(f.iter().any(|t| t.starts_with("stages[1].hash: the hash does not match")), "{f:#?}");
    // Edited and its own hash recomputed: the next stage's chain breaks.
    let d = edited(
        |v| {
            v["stages"][1]["entries"]["2"]["value"] = json!("31,5");
            v["stages"][1]["entries"]["2"]["points"] = json!("31.5");
        },
        Some(1),
    );
    let mut d2 = d.clone();
    d2.stages[2].hash = edited(|_| {}, None).stages[2].hash.clone();
    d2.stages[3].hash = edited(|_| {}, None).stages[3].hash.clone();
    let f = findings(&d2);
    assert!(f.iter().any(|t| t.starts_with("stages[2].hash")), "{f:#?}");
    // The whole chain rewritten: the chain holds (the printed hashes are the
    // defence), but the results still do not add up.
    let f = findings(&d);
    assert!(f.iter().all(|t| !t.contains(".hash")), "{f:#?}");
    assert!(f.iter().any(|t| t.contains("The results stored in the file differ")), "{f:#?}");
}

#[test]
fn stages_out_of_order_and_unknown_stages_are_refused() {
    let d = edited(|v| v["stages"].as_array_mut().unwrap().swap(1, 2), Some(0));
    let f = findings(&d);
    assert!(f.iter().any(|t| t.starts_with("stages[1].stage: stage \"giai_trinh\" cannot follow \"tu_cham\"")), "{f:#?}");

    let d = edited(|v| { v["stages"].as_array_mut().unwrap().remove(0); }, Some(0));
    assert!(findings(&d).iter().any(|t| t.contains("the first stage must be \"tu_cham\"")));

    let mut v = read_json(DAKLAK_01_DOSSIER);
    v["stages"][3]["stage"] = json!("tham_dinh_3");
    let p = parse_dossier(&v.to_string()).unwrap_err();
    assert_eq!(p[0].path, "stages[3].stage", "{p:?}");

    v["stages"][3]["stage"] = json!("tham_dinh_2");
    v["stages"][3]["diem"] = json!("31");
    let p = parse_dossier(&v.to_string()).unwrap_err();
    assert_eq!(p[0].path, "stages[3].diem");
    assert_eq!(p[0].kind, ProblemKind::UnknownField { field: "diem".into() });
}

#[test]
fn a_response_cannot_change_a_score_and_an_appraisal_needs_its_reasons() {
    let d = edited(|v| v["stages"][2]["entries"]["2"]["value"] = json!("35"), Some(2));
    let f = findings(&d);
    assert!(f.contains(&"stages[2].entries.2.value: a \"giai_trinh\" stage has no field \"value\"".to_string()), "{f:#?}");

    // Round 1 lowered content 2 without a reason.
    let d = edited(|v| v["stages"][1]["entries"]["2"]["reason"] = json!(""), Some(1));
    let f = findings(&d);
    assert!(f.iter().any(|t| t.starts_with("stages[1].entries.2.reason: no reason for \"2\"")), "{f:#?}");

    // Round 2 must answer a disputed item even when it keeps round 1's score.
    let d = edited(
        |v| {
            v["stages"][3]["entries"]["2"]["value"] = json!("30");
            v["stages"][3]["entries"]["2"]["points"] = json!("30");
            v["stages"][3]["entries"]["2"]["reason"] = json!("");
        },
        Some(3),
    );
    let f = findings(&d);
    assert!(f.iter().any(|t| t.starts_with("stages[3].entries.2.reason")), "{f:#?}");

    // Parts scored by others are not appraised.
    let (rs, _) = ruleset_and_hash(DAKLAK_01);
    let mut d = parse_dossier(&read_repo(DAKLAK_01_DOSSIER)).unwrap();
    d.stages.truncate(1);
    let mut a = Stage::new(StageKind::ThamDinh1, council(), "2025-12-20T10:00:00+07:00");
    a.entries.insert("3".into(), appraised("8", "Khảo sát"));
    let p = d.append(a, &rs).unwrap_err();
    assert_eq!(p[0].kind, ProblemKind::NotAppraisable { key: "3".into() });
    assert_eq!(d.stages.len(), 1, "a refused stage leaves the dossier as it was");
}

#[test]
fn a_partial_appraisal_stays_in_its_areas_and_last() {
    let (rs, sha) = ruleset_and_hash(DAKLAK_01);
    let mut d = parse_dossier(&read_repo(DAKLAK_01_DOSSIER)).unwrap();
    d.stages.truncate(1);
    let mut a = Stage::new(StageKind::ThamDinh1, council(), "2025-12-20T10:00:00+07:00");
    a.areas = vec!["1".into()];
    a.entries.insert("2".into(), appraised("30", "…"));
    assert_eq!(d.clone().append(a.clone(), &rs).unwrap_err()[0].kind, ProblemKind::OutsideAreas { key: "2".into() });
    a.entries.clear();
    a.entries.insert("1".into(), Entry { by: Some(council()), ..appraised("40", "Thiếu minh chứng nhiệm vụ 3") });
    d.append(a, &rs).unwrap();
    assert!(verify_dossier(&d, Some((rs.clone(), &sha)), Lang::Vi).is_sound());
    let r = Stage::new(StageKind::GiaiTrinh, Signer::default(), "2025-12-22T15:30:00+07:00");
    let p = d.append(r, &rs).unwrap_err();
    assert_eq!(p[0].kind, ProblemKind::PartialNotLast);
}

#[test]
fn another_ruleset_or_an_unknown_version_leaves_the_results_unchecked() {
    let d = parse_dossier(&read_repo(DAKLAK_01_DOSSIER)).unwrap();
    let (other, other_sha) = ruleset_and_hash("daklak-2025-chi-so-02.json");
    let check = verify_dossier(&d, Some((other, &other_sha)), Lang::Vi);
    assert!(!check.is_sound());
    assert!(!check.results_checked);
    assert_eq!(check.findings.len(), 1, "the chain holds: {:#?}", check.findings);
    assert!(check.findings[0].text.starts_with("Không kiểm tra được kết quả"));
    assert!(!verify_dossier(&d, None, Lang::En).results_checked);
}

#[test]
fn the_office_enters_the_others_scores_and_the_results_become_final() {
    let (rs, sha) = ruleset_and_hash(DAKLAK_01);
    let mut d = parse_dossier(&read_repo(DAKLAK_01_DOSSIER)).unwrap();
    let mut t = Stage::new(StageKind::TongHop, Signer { unit: "Sở Nội vụ".into(), person: "Lê Văn Hùng".into() }, "2025-12-28T08:00:00+07:00");
    t.entries.insert("3".into(), Entry { value: Some("10,5".into()), ..Entry::default() });
    t.entries.insert("4".into(), Entry { value: Some("4,5".into()), ..Entry::default() });
    let mut bad = t.clone();
    bad.entries.insert("1".into(), Entry { value: Some("45".into()), ..Entry::default() });
    assert_eq!(d.clone().append(bad, &rs).unwrap_err()[0].kind, ProblemKind::NotOthersPart { key: "1".into() });
    d.append(t, &rs).unwrap();
    let r = &d.stages[4].results;
    assert_eq!(r.points, "87");
    assert!(r.estimates.is_empty());
    assert!(r.is_final);
    assert!(verify_dossier(&d, Some((rs, &sha)), Lang::Vi).is_sound());
}

#[test]
fn opening_a_dossier_continues_a_self_assessment_and_shows_a_later_stage_read_only() {
    use chamdiem_core::record::{parse_incoming, ImportVerdict};
    let (rs, sha) = ruleset_and_hash(DAKLAK_01);
    // At tu_cham: a draft to continue, every value and word kept.
    let mut first = parse_dossier(&read_repo(DAKLAK_01_DOSSIER)).unwrap();
    first.stages.truncate(1);
    let text = serde_json::to_string(&first).unwrap();
    let (draft, verdict) = parse_incoming(&text).unwrap().open("n1".into(), rs.clone(), &sha, Lang::Vi);
    assert_eq!(verdict, ImportVerdict::Verified);
    assert_eq!(draft.agency.name, "Sở Nội vụ");
    assert_eq!(draft.entries["2"].value.as_deref(), Some("31,5"));
    assert_eq!(draft.entries["2"].points, None, "a draft holds what was typed, not what a file computed");
    assert_eq!(draft.entries["6"].explanation, "Hai lần chậm gửi báo cáo định kỳ (quý I, quý III).");

    // Past it: read-only, saying the stage, with the appraised values.
    let (draft, verdict) = parse_incoming(&read_repo(DAKLAK_01_DOSSIER)).unwrap().open("n2".into(), rs.clone(), &sha, Lang::Vi);
    let ImportVerdict::ReadOnly(reasons) = verdict else { panic!("a dossier at tham_dinh_2 opened as a draft") };
    assert_eq!(reasons.len(), 1, "{reasons:#?}");
    assert!(reasons[0].starts_with("Hồ sơ đã qua bước “thẩm định lần 2” (tham_dinh_2)"), "{}", reasons[0]);
    assert_eq!(draft.entries["2"].value.as_deref(), Some("31"));
    let (s, _) = draft.scorer(rs.clone());
    assert_eq!(s.summary().points, d("85"));

    // The v1 submission opens as before.
    let (draft, verdict) = parse_incoming(&read_repo(DAKLAK_01_SUBMISSION)).unwrap().open("n3".into(), rs.clone(), &sha, Lang::Vi);
    assert_eq!(verdict, ImportVerdict::Verified);
    assert_eq!(draft.entries["1"].value.as_deref(), Some("42"));

    // Neither: refused with the place.
    let p = parse_incoming(&read_repo("rulesets/daklak-2025-chi-so-01.json")).unwrap_err();
    assert_eq!(p[0].path, "format");
}
