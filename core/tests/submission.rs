//! Drafts and submission files as a user meets them: export and re-import,
//! refusals with their reasons, the checklist before export, opening a draft
//! on a changed ruleset, evidence references and the export's file name.

mod common;

use chamdiem_core::record::{EntriesFile, Results};
use chamdiem_core::json::parse_json;
use chamdiem_core::record::{
    outline, parse_submission, ruleset_changes, sha256_hex, slug, valid_date, verify, Agency, AgencyKind, Checklist, Draft,
    Entry, Evidence, EvidenceError, ImportVerdict, RulesetChanges, RulesetStamp, Submission,
};
use chamdiem_core::{Lang, ProblemKind, Ruleset, Scorer, Value};
use common::{described, read_json, read_repo, repo, ruleset, ruleset_and_hash, ruleset_from, DAKLAK_01, DAKLAK_01_SUBMISSION, TRAINING};
use serde_json::{json, Value as Json};
use std::collections::BTreeMap;
use std::sync::Arc;

const NOW: &str = "2025-12-05T09:30:00+07:00";
const LATER: &str = "2025-12-06T16:45:10+07:00";

fn stamp(rs: &Ruleset, sha256: &str) -> RulesetStamp {
    RulesetStamp { id: rs.id.clone(), version: rs.version.clone(), sha256: sha256.into() }
}

fn typed(v: &str) -> Entry {
    Entry { value: Some(v.into()), ..Entry::default() }
}

fn pair(a: &str, b: &str) -> Entry {
    Entry { value: Some(a.into()), of: Some(b.into()), ..Entry::default() }
}

fn not_applicable() -> Entry {
    Entry { not_applicable: true, ..Entry::default() }
}

fn doc(number: &str, date: &str, summary: &str) -> Evidence {
    Evidence { number: number.into(), date: date.into(), summary: summary.into(), link: String::new(), files: Vec::new() }
}

fn with_evidence(mut e: Entry, ev: Evidence) -> Entry {
    e.evidence.push(ev);
    e
}

fn explained(mut e: Entry, why: &str) -> Entry {
    e.explanation = why.into();
    e
}

fn agency() -> Agency {
    Agency {
        name: "Sở Nội vụ".into(),
        kind: AgencyKind::Department,
        year: "2025".into(),
        preparer: "Nguyễn Thị Lan".into(),
        contact: "lan.nt@example.gov.vn".into(),
        ..Agency::default()
    }
}

/// A complete self-assessment on the training ruleset: every rule, comma
/// decimals, a not-applicable criterion and section, evidence (with a link)
/// and an explanation, both conditions answered.
fn training_draft(rs: &Ruleset, sha: &str) -> Draft {
    let mut d = Draft::new("draft-1".into(), stamp(rs, sha), NOW);
    d.name = "Tự đánh giá 2025".into();
    d.agency = agency();
    d.updated_at = LATER.into();
    let kh = Evidence { link: "https://example.gov.vn/van-ban/12-kh-snv".into(), ..doc("12/KH-SNV", "05/01/2025", "Kế hoạch CCHC năm 2025") };
    let entries: [(&str, Entry); 19] = [
        ("1/1.1", with_evidence(typed("có"), kh)),
        ("1/1.2", explained(typed("Hoàn thành từ 80% đến dưới 100%"), "Hoàn thành 17/20 nhiệm vụ; báo cáo tổng kết kèm theo.")),
        ("1/1.3", with_evidence(typed("5,5"), doc("45/BC-SNV", "20/12/2025", ""))),
        ("1/1.4", not_applicable()),
        ("2/2.1", with_evidence(pair("45", "50"), doc("", "", "Báo cáo kết quả giải quyết TTHC năm 2025"))),
        ("2/2.2", with_evidence(pair("3", "4"), doc("7/KH-SNV", "1/2/2025", "Kế hoạch rà soát TTHC"))),
        ("2/2.3", with_evidence(typed("3"), doc("8/BC-SNV", "3/3/2025", ""))),
        ("2/2.4/a", with_evidence(typed("2"), doc("9/BC-SNV", "", ""))),
        ("2/2.4/b", with_evidence(typed("1"), doc("10/BC-SNV", "", ""))),
        ("2/2.5", explained(typed("9,5"), "Số liệu trên Cổng dịch vụ công tỉnh.")),
        ("3", not_applicable()),
        ("4/4.1", typed("A")),
        ("4/4.2", typed("B")),
        ("4/4.3", typed("C")),
        ("5", typed("8,5")),
        ("6/6.1", with_evidence(typed("2,5"), doc("15/QĐ-HĐSK", "10/10/2025", "Công nhận sáng kiến"))),
        ("6/6.2", with_evidence(typed("3"), doc("", "", "Ba bằng khen năm 2025"))),
        ("7/7.1", explained(typed("3"), "Ba báo cáo quý gửi chậm.")),
        ("7/7.2", explained(typed("0,5"), "Công văn phê bình số 3/UBND.")),
    ];
    d.entries = entries.into_iter().map(|(k, e)| (k.to_string(), e)).collect();
    d.conditions = BTreeMap::from([("lanh_dao_bi_ky_luat".into(), false), ("de_xay_ra_tham_nhung".into(), false)]);
    d
}

fn scorer(d: &Draft, rs: &Arc<Ruleset>) -> Scorer {
    let (s, problems) = d.scorer(rs.clone());
    assert!(problems.is_empty(), "{}", described(&problems));
    s
}

fn build(d: &Draft, rs: &Arc<Ruleset>) -> Submission {
    Submission::build(d, &scorer(d, rs), "0.1.0")
}

fn to_json(sub: &Submission) -> String {
    serde_json::to_string_pretty(sub).unwrap()
}

/// Parses `text` as a submission; panics with the problems when refused.
fn parse(text: &str) -> Submission {
    parse_submission(text).unwrap_or_else(|p| panic!("refused: {}", described(&p)))
}

fn reasons(v: ImportVerdict) -> Vec<String> {
    match v {
        ImportVerdict::ReadOnly(r) => r,
        ImportVerdict::Verified => panic!("verified, expected read-only"),
    }
}

/// The submission's JSON after `edit`, as a file a user would import.
fn edited(sub: &Submission, edit: impl FnOnce(&mut Json)) -> String {
    let mut v = serde_json::to_value(sub).unwrap();
    edit(&mut v);
    serde_json::to_string_pretty(&v).unwrap()
}

// ---------------------------------------------------------------- round trip

#[test]
fn export_and_import_give_back_the_same_draft_and_results() {
    let (rs, sha) = ruleset_and_hash(TRAINING);
    let draft = training_draft(&rs, &sha);
    let s = scorer(&draft, &rs);
    let before = Results::of(&s, Lang::Vi);
    // Hand-computed: 2 + 2.5 + 5.5 | 5 + 1.5 + 3 + 2 + 3 + 9.5 | A 5 + B 3 + C 2
    // | 8.5 | bonus 5.5 capped at 5 | penalty −(1.5 capped at 1) − 0.5
    // = 10 + 24 + 10 + 8.5 + 5 − 1.5 = 56, over 100 − 8 (1.4) − 15 (3) = 77.
    assert_eq!((before.points.as_str(), before.max.as_str()), ("56", "77"));
    assert!(before.is_final);

    let sub = Submission::build(&draft, &s, "0.1.0");
    assert_eq!(sub.format, "cham-diem/submission");
    assert_eq!(sub.format_version, 1);
    assert_eq!(sub.ruleset, stamp(&rs, &sha));
    assert!(sub.checklist.complete, "{:?}", sub.checklist);
    let text = to_json(&sub);

    let back = parse(&text);
    assert_eq!(back, sub);
    let (s2, verdict) = verify(&back, rs.clone(), &sha, Lang::Vi);
    assert_eq!(verdict, ImportVerdict::Verified);
    assert_eq!(Results::of(&s2, Lang::Vi), before);

    let reopened = back.to_draft("draft-2".into());
    assert_eq!(reopened.entries, draft.entries);
    assert_eq!(reopened.conditions, draft.conditions);
    assert_eq!(reopened.agency, draft.agency);
    assert_eq!(reopened.ruleset, draft.ruleset);
    assert_eq!((reopened.created_at.as_str(), reopened.updated_at.as_str()), (NOW, LATER));
    assert_eq!(Results::of(&scorer(&reopened, &rs), Lang::Vi), before);
}

#[test]
fn decimals_travel_as_strings_never_as_json_numbers() {
    let (rs, sha) = ruleset_and_hash(TRAINING);
    let sub = build(&training_draft(&rs, &sha), &rs);
    let v: Json = serde_json::from_str(&to_json(&sub)).unwrap();

    fn numbers(v: &Json, path: String, out: &mut Vec<String>) {
        match v {
            Json::Number(_) => out.push(path),
            Json::Array(a) => a.iter().enumerate().for_each(|(i, x)| numbers(x, format!("{path}[{i}]"), out)),
            Json::Object(o) => o.iter().for_each(|(k, x)| numbers(x, format!("{path}.{k}"), out)),
            _ => {}
        }
    }
    let mut found = Vec::new();
    numbers(&v, String::new(), &mut found);
    assert_eq!(found, [".format_version"], "only the format version is a JSON number");

    // What was typed is kept as typed; the points are plain decimal strings.
    assert_eq!(v["entries"]["1/1.3"]["value"], "5,5");
    assert_eq!(v["entries"]["1/1.3"]["points"], "5.5");
    assert_eq!(v["entries"]["2/2.2"]["value"], "3");
    assert_eq!(v["entries"]["2/2.2"]["of"], "4");
    assert_eq!(v["entries"]["2/2.2"]["points"], "1.5");
    assert_eq!(v["entries"]["7/7.2"]["points"], "0.5", "a deduction is written as typed, without a sign");
    assert_eq!(v["entries"]["4/4.1"]["scored_by"], "survey");
    assert_eq!(v["entries"]["5"]["scored_by"], "leaders");
    assert_eq!(v["entries"]["1/1.3"]["scored_by"], "self");
    assert!(v["entries"]["1/1.4"].get("points").is_none(), "not applicable: no points");
    assert_eq!(v["entries"]["1/1.4"]["not_applicable"], true);
    assert_eq!(v["results"]["points"], "56");
    assert_eq!(v["results"]["percent"], "72.73");
}

#[test]
fn empty_entries_and_blank_evidence_are_left_out_of_the_export() {
    let (rs, sha) = ruleset_and_hash(TRAINING);
    let mut d = training_draft(&rs, &sha);
    d.entries.insert("2/2.5".into(), Entry { value: Some(String::new()), ..Entry::default() });
    d.entries.get_mut("1/1.3").unwrap().evidence.push(Evidence::default());
    let sub = build(&d, &rs);
    assert!(!sub.entries.contains_key("2/2.5"));
    assert_eq!(sub.entries["1/1.3"].evidence, [doc("45/BC-SNV", "20/12/2025", "")]);
}

// ------------------------------------------------------------------ refusals

#[test]
fn text_that_is_not_json_is_refused_with_line_and_column() {
    let p = parse_submission("{\n  \"format\": \"cham-diem/submission\",\n  oops\n}").unwrap_err();
    assert_eq!(p[0].line_col.map(|(l, _)| l), Some(3), "{p:?}");
    assert!(matches!(p[0].kind, ProblemKind::Syntax { .. }), "{p:?}");
    assert!(described(&p).starts_with("dòng 3, cột 3: JSON không hợp lệ"), "{}", described(&p));
}

#[test]
fn a_ruleset_or_an_entries_file_is_not_a_submission() {
    for (file, format) in [
        ("rulesets/tap-huan-mau.json", "cham-diem/ruleset"),
        ("tests/entries/tap-huan-mau-example.json", "cham-diem/entries"),
        ("rulesets/index.json", "cham-diem/ruleset-index"),
    ] {
        let p = parse_submission(&read_repo(file)).unwrap_err();
        assert_eq!(p.len(), 1, "{file}: {p:?}");
        assert_eq!(p[0].path, "format", "{file}");
        let msg = described(&p);
        assert!(msg.contains(&format!("format là \"{format}\"")) && msg.contains("không phải tệp loại \"cham-diem/submission\""), "{file}: {msg}");
    }
    // Valid JSON of another shape altogether.
    for text in ["[]", "42", "{}"] {
        let p = parse_submission(text).unwrap_err();
        assert_eq!(p[0].path, "format", "{text}: {p:?}");
    }
}

#[test]
fn a_future_format_version_is_refused() {
    let (rs, sha) = ruleset_and_hash(TRAINING);
    let sub = build(&training_draft(&rs, &sha), &rs);
    let p = parse_submission(&edited(&sub, |v| v["format_version"] = json!(2))).unwrap_err();
    assert_eq!(p[0].path, "format_version");
    assert_eq!(p[0].kind, ProblemKind::UnsupportedVersion { found: 2, reads: 1 });
    assert!(described(&p).contains("phiên bản định dạng 2"), "{}", described(&p));
    // No version at all, or not a number: named by its field.
    let p = parse_submission(&edited(&sub, |v| drop(v.as_object_mut().unwrap().remove("format_version")))).unwrap_err();
    assert_eq!(p[0].kind, ProblemKind::MissingField { field: "format_version".into() }, "{p:?}");
    let p = parse_submission(&edited(&sub, |v| v["format_version"] = json!("1"))).unwrap_err();
    assert_eq!(p[0].path, "format_version", "{p:?}");
}

#[test]
fn an_unknown_field_is_refused_with_its_path() {
    let (rs, sha) = ruleset_and_hash(TRAINING);
    let sub = build(&training_draft(&rs, &sha), &rs);
    type Edit = Box<dyn Fn(&mut Json)>;
    let cases: [(&str, Edit, &str); 7] = [
        ("top level", Box::new(|v| v["ghi_chu"] = json!("x")), "ghi_chu"),
        ("in the results", Box::new(|v| v["results"]["xep_hang"] = json!("1")), "results.xep_hang"),
        ("in a group's result", Box::new(|v| v["results"]["groups"][0]["note"] = json!("x")), "results.groups[0].note"),
        ("in the checklist", Box::new(|v| v["checklist"]["da_duyet"] = json!(true)), "checklist.da_duyet"),
        ("in an entry", Box::new(|v| v["entries"]["1/1.3"]["diem"] = json!("6")), "entries.1/1.3.diem"),
        ("in evidence", Box::new(|v| v["entries"]["1/1.1"]["evidence"][0]["file"] = json!("a.pdf")), "entries.1/1.1.evidence[0].file"),
        ("in the agency", Box::new(|v| v["agency"]["address"] = json!("Buôn Ma Thuột")), "agency.address"),
    ];
    for (what, edit, path) in cases {
        let p = parse_submission(&edited(&sub, edit)).unwrap_err();
        let field = path.rsplit('.').next().unwrap();
        assert_eq!(p[0].kind, ProblemKind::UnknownField { field: field.into() }, "{what}: {p:?}");
        assert!(described(&p).starts_with(&format!("{path} (dòng")), "{what}: {}", described(&p));
    }
}

#[test]
fn a_file_saved_with_a_byte_order_mark_is_read() {
    // Windows Notepad's "UTF-8" writes one.
    let (rs, sha) = ruleset_and_hash(TRAINING);
    let sub = build(&training_draft(&rs, &sha), &rs);
    let back = parse(&format!("\u{feff}{}", to_json(&sub)));
    assert_eq!(back, sub);
}

#[test]
fn points_as_a_json_number_are_refused() {
    let (rs, sha) = ruleset_and_hash(TRAINING);
    let sub = build(&training_draft(&rs, &sha), &rs);
    let p = parse_submission(&edited(&sub, |v| v["entries"]["1/1.3"]["points"] = json!(5.5))).unwrap_err();
    assert!(described(&p).starts_with("entries.1/1.3.points"), "{}", described(&p));
}

#[test]
fn another_copy_of_the_ruleset_opens_read_only_naming_it() {
    let (rs, sha) = ruleset_and_hash(TRAINING);
    let sub = parse(&to_json(&build(&training_draft(&rs, &sha), &rs)));
    // The same ruleset with one byte more (e.g. re-saved by an editor).
    let other = sha256_hex(format!("{}\n", read_repo("rulesets/tap-huan-mau.json")).as_bytes());
    assert_ne!(other, sha);
    let (s, verdict) = verify(&sub, rs.clone(), &other, Lang::Vi);
    let r = reasons(verdict);
    assert_eq!(r.len(), 1, "{r:?}");
    assert!(r[0].contains("\"tap-huan-mau\"") && r[0].contains("phiên bản 1") && r[0].contains("mã băm"), "{}", r[0]);
    // Still shown: the recomputed results.
    assert_eq!(Results::of(&s, Lang::Vi), sub.results);
    let (_, verdict) = verify(&sub, rs, &other, Lang::En);
    assert!(reasons(verdict)[0].contains("another copy of ruleset \"tap-huan-mau\""));
}

#[test]
fn tampered_results_open_read_only_with_both_figures() {
    let (rs, sha) = ruleset_and_hash(TRAINING);
    let sub = build(&training_draft(&rs, &sha), &rs);
    let tampered = parse(&edited(&sub, |v| v["results"]["points"] = json!("76")));
    let (s, verdict) = verify(&tampered, rs.clone(), &sha, Lang::Vi);
    let r = reasons(verdict);
    assert_eq!(r.len(), 1, "{r:?}");
    assert!(r[0].contains("tệp ghi 76 / 77 điểm, tính lại được 56 / 77 điểm"), "{}", r[0]);
    assert_eq!(Results::of(&s, Lang::Vi).points, "56", "the recomputation is what is shown");

    // A level changed by hand, the points left alone, is caught too.
    // A level or a subtotal changed by hand, the total left alone, is caught
    // and named (not "56 / 77, recomputed 56 / 77").
    let tampered = parse(&edited(&sub, |v| v["results"]["classifications"][0]["level"] = json!("Hoàn thành xuất sắc nhiệm vụ")));
    assert_eq!(
        reasons(verify(&tampered, rs.clone(), &sha, Lang::Vi).1),
        ["Kết quả ghi trong tệp khác kết quả tính lại: xếp loại \"chat_luong\": tệp ghi \"Hoàn thành xuất sắc nhiệm vụ\", \
          tính lại được \"Hoàn thành nhiệm vụ\"."]
    );
    let group = |v: &mut Json, key: &str| -> usize {
        v["results"]["groups"].as_array().unwrap().iter().position(|g| g["key"] == key).unwrap()
    };
    let tampered = parse(&edited(&sub, |v| {
        let (i, j) = (group(v, "1"), group(v, "2"));
        v["results"]["groups"][i]["points"] = json!("12");
        v["results"]["groups"][j]["points"] = json!("22");
    }));
    assert_eq!(
        reasons(verify(&tampered, rs.clone(), &sha, Lang::Vi).1),
        ["Kết quả ghi trong tệp khác kết quả tính lại: nội dung \"1\": tệp ghi 12 / 12 điểm, tính lại được 10 / 12 điểm; \
          nội dung \"2\": tệp ghi 22 / 30 điểm, tính lại được 24 / 30 điểm."]
    );
    let tampered = parse(&edited(&sub, |v| v["results"]["is_final"] = json!(false)));
    assert_eq!(
        reasons(verify(&tampered, rs.clone(), &sha, Lang::En).1),
        ["The results stored in the file differ from a recomputation: final: the file says no, recomputed yes."]
    );

    let (_, verdict) = verify(&parse(&edited(&sub, |v| v["results"]["points"] = json!("76"))), rs, &sha, Lang::En);
    assert!(reasons(verdict)[0].contains("the file says 76 / 77 points, recomputed 56 / 77"));
}

#[test]
fn tampered_entry_points_or_checklist_open_read_only() {
    let (rs, sha) = ruleset_and_hash(TRAINING);
    let mut d = training_draft(&rs, &sha);
    d.entries.get_mut("1/1.3").unwrap().evidence.clear();
    let sub = build(&d, &rs);
    assert_eq!(sub.checklist.missing_evidence, ["1/1.3"]);

    let tampered = parse(&edited(&sub, |v| v["entries"]["1/1.3"]["points"] = json!("6")));
    let r = reasons(verify(&tampered, rs.clone(), &sha, Lang::Vi).1);
    assert_eq!(r.len(), 1, "{r:?}");
    assert_eq!(r[0], "Mục \"1/1.3\": tệp ghi 6, tính lại được 5.5.");

    let tampered = parse(&edited(&sub, |v| v["entries"]["4/4.1"]["scored_by"] = json!("self")));
    let r = reasons(verify(&tampered, rs.clone(), &sha, Lang::Vi).1);
    assert_eq!(r, ["Mục \"4/4.1\": tệp ghi người chấm là \"self\", bộ chỉ số ghi \"survey\"."]);

    let tampered = parse(&edited(&sub, |v| {
        v["checklist"]["missing_evidence"] = json!([]);
        v["checklist"]["complete"] = json!(true);
    }));
    let r = reasons(verify(&tampered, rs, &sha, Lang::Vi).1);
    assert_eq!(r.len(), 1, "{r:?}");
    assert_eq!(
        r[0],
        "Danh sách kiểm tra ghi trong tệp khác danh sách tính lại \
         (thiếu tài liệu kiểm chứng: tệp ghi —, tính lại được 1/1.3; đã đủ: tệp ghi có, tính lại được không)."
    );
}

#[test]
fn an_entry_the_ruleset_does_not_have_opens_read_only_naming_it() {
    let (rs, sha) = ruleset_and_hash(TRAINING);
    let sub = build(&training_draft(&rs, &sha), &rs);
    let tampered = parse(&edited(&sub, |v| v["entries"]["2/2.9"] = json!({"value": "4", "scored_by": "self"})));
    let r = reasons(verify(&tampered, rs.clone(), &sha, Lang::Vi).1);
    assert_eq!(r.len(), 1, "{r:?}");
    assert!(r[0].contains("entries.2/2.9") && r[0].contains("không có mục \"2/2.9\""), "{}", r[0]);

    let tampered = parse(&edited(&sub, |v| v["conditions"]["chua_co"] = json!(true)));
    let r = reasons(verify(&tampered, rs, &sha, Lang::Vi).1);
    assert!(r.len() == 1 && r[0].contains("chua_co"), "{r:?}");
}

#[test]
fn a_submission_for_another_ruleset_is_not_verified_against_this_one() {
    let (rs, sha) = ruleset_and_hash(TRAINING);
    let (other, other_sha) = ruleset_and_hash(DAKLAK_01);
    let sub = build(&training_draft(&rs, &sha), &rs);
    let (_, verdict) = verify(&sub, other, &other_sha, Lang::Vi);
    let r = reasons(verdict);
    assert!(r.iter().any(|x| x.contains("\"tap-huan-mau\"")), "{r:?}");
}

// ----------------------------------------------------------------- checklist

fn checklist_of(d: &Draft, rs: &Arc<Ruleset>) -> Checklist {
    let (s, problems) = d.scorer(rs.clone());
    assert!(problems.is_empty(), "{}", described(&problems));
    chamdiem_core::record::checklist(&d.entries, &s)
}

#[test]
fn the_checklist_lists_what_needs_attention_and_is_complete_only_when_empty() {
    let (rs, sha) = ruleset_and_hash(TRAINING);
    let full = training_draft(&rs, &sha);
    let c = checklist_of(&full, &rs);
    assert_eq!(c, Checklist { complete: true, ..Checklist::default() });

    // Nothing typed: every self-scored item of a normal section unscored, the
    // survey and leaders' parts awaited, both conditions unanswered; "1.1"
    // always needs evidence, even before it is scored.
    let empty = Draft::new("d".into(), stamp(&rs, &sha), NOW);
    let c = checklist_of(&empty, &rs);
    assert!(!c.complete);
    assert_eq!(c.unscored, ["1/1.1", "1/1.2", "1/1.3", "1/1.4/a", "1/1.4/b", "2/2.1", "2/2.2", "2/2.3", "2/2.4/a", "2/2.4/b", "2/2.5", "3/3.1", "3/3.2"]);
    assert_eq!(c.awaiting_others, ["4/4.1", "4/4.2", "4/4.3", "5"]);
    assert_eq!(c.unanswered_conditions, ["lanh_dao_bi_ky_luat", "de_xay_ra_tham_nhung"]);
    assert_eq!(c.missing_evidence, ["1/1.1"]);
    assert!(c.invalid.is_empty());

    // One problem of each kind on the complete draft.
    let mut d = full.clone();
    d.entries.insert("2/2.5".into(), typed("11")); // above the maximum 10
    d.entries.remove("2/2.3"); // unscored
    d.entries.remove("4/4.2"); // awaiting the survey
    d.conditions.remove("de_xay_ra_tham_nhung");
    d.entries.get_mut("1/1.3").unwrap().evidence.clear(); // 5.5 points, no evidence
    let c = checklist_of(&d, &rs);
    assert_eq!(
        c,
        Checklist {
            complete: false,
            unscored: vec!["2/2.3".into()],
            invalid: vec!["2/2.5".into()],
            missing_evidence: vec!["1/1.3".into()],
            unanswered_conditions: vec!["de_xay_ra_tham_nhung".into()],
            awaiting_others: vec!["4/4.2".into()],
        }
    );
    // Each problem alone is enough to make the checklist incomplete.
    type Break = (&'static str, fn(&mut Draft));
    let breaks: [Break; 5] = [
        ("invalid", |d| {
            d.entries.insert("2/2.5".into(), explained(typed("11"), "x"));
        }),
        ("unscored", |d| {
            d.entries.remove("2/2.3");
        }),
        ("awaiting", |d| {
            d.entries.remove("4/4.2");
        }),
        ("unanswered", |d| {
            d.conditions.remove("de_xay_ra_tham_nhung");
        }),
        ("missing evidence", |d| d.entries.get_mut("1/1.3").unwrap().evidence.clear()),
    ];
    for (what, brk) in breaks {
        let mut d = full.clone();
        brk(&mut d);
        let c = checklist_of(&d, &rs);
        assert!(!c.complete, "{what}: {c:?}");
        let listed = c.unscored.len() + c.invalid.len() + c.missing_evidence.len() + c.unanswered_conditions.len() + c.awaiting_others.len();
        assert_eq!(listed, 1, "{what}: {c:?}");
    }
}

#[test]
fn evidence_is_asked_for_points_above_zero_and_an_explanation_is_enough() {
    let (rs, sha) = ruleset_and_hash(TRAINING);
    let mut d = training_draft(&rs, &sha);
    for k in ["1/1.3", "2/2.5", "6/6.2", "7/7.1"] {
        d.entries.insert(k.into(), typed(d.entries[k].value.as_deref().unwrap()));
    }
    assert_eq!(checklist_of(&d, &rs).missing_evidence, ["1/1.3", "2/2.5", "6/6.2", "7/7.1"]);

    // 0 points: nothing to prove (when_points).
    d.entries.insert("1/1.3".into(), typed("0"));
    // An explanation alone satisfies it.
    d.entries.insert("2/2.5".into(), explained(typed("9,5"), "Số liệu trên Cổng dịch vụ công tỉnh."));
    // A blank evidence row does not count.
    d.entries.insert("6/6.2".into(), with_evidence(typed("3"), Evidence::default()));
    assert_eq!(checklist_of(&d, &rs).missing_evidence, ["6/6.2", "7/7.1"]);

    // "always": even "không" (0 points) needs evidence or an explanation.
    d.entries.insert("1/1.1".into(), typed("không"));
    assert_eq!(checklist_of(&d, &rs).missing_evidence, ["1/1.1", "6/6.2", "7/7.1"]);

    // "never" (survey, leaders): scored with points and no evidence, not listed.
    for k in ["4/4.1", "4/4.2", "4/4.3", "5"] {
        assert!(d.entries[k].evidence.is_empty() && d.entries[k].explanation.is_empty());
    }
    // "never" on an item the agency scores itself: not listed either.
    let mut v = read_json("rulesets/tap-huan-mau.json");
    let s2 = v["sections"][1]["children"].as_array_mut().unwrap();
    let i = s2.iter().position(|c| c["code"] == "2.5").unwrap();
    s2[i]["evidence"] = json!("never");
    let never = ruleset_from("evidence never", &v.to_string());
    d.entries.insert("2/2.5".into(), typed("9,5"));
    assert_eq!(checklist_of(&d, &rs).missing_evidence, ["1/1.1", "2/2.5", "6/6.2", "7/7.1"]);
    assert_eq!(checklist_of(&d, &never).missing_evidence, ["1/1.1", "6/6.2", "7/7.1"]);

    // A not-applicable part is not listed whatever it holds.
    d.entries.insert("1/1.4/b".into(), typed("4"));
    assert!(!checklist_of(&d, &rs).missing_evidence.contains(&"1/1.4/b".to_string()));
}

// ----------------------------------------------------------------- migration

/// The training ruleset, version 2: item 2.3 (max 4) replaced by a new 2.6
/// (max 4), so section 2 still adds up to 30; the penalty 7.1 now deducts at
/// most 2 points instead of 1 (a penalty group has no maximum to keep).
fn training_v2() -> Arc<Ruleset> {
    let mut v = read_json("rulesets/tap-huan-mau.json");
    v["version"] = json!("2");
    let s2 = v["sections"][1]["children"].as_array_mut().unwrap();
    let i = s2.iter().position(|c| c["code"] == "2.3").unwrap();
    s2.remove(i);
    s2.push(json!({"code": "2.6", "title": "Số hóa hồ sơ (minh họa)", "max": "4", "step": "0.5"}));
    let s7 = v["sections"][6]["children"].as_array_mut().unwrap();
    assert_eq!(s7[0]["code"], "7.1");
    s7[0]["max"] = json!("2");
    ruleset_from("version 2", &v.to_string())
}

#[test]
fn a_draft_opened_on_a_changed_ruleset_lists_the_changes_and_keeps_every_entry() {
    let (old, sha) = ruleset_and_hash(TRAINING);
    let new = training_v2();
    let mut draft = training_draft(&old, &sha);
    // As the app saves it: with the outline of the ruleset it was made on.
    draft.outline = outline(&old);
    assert_eq!(draft.outline["2/2.3"], "4");
    assert_eq!(draft.outline["7"], "", "a penalty group has no maximum");

    let c = ruleset_changes(&draft.outline, &new, &draft.entries);
    assert_eq!(
        c,
        RulesetChanges {
            added: vec!["2/2.6".into()],
            removed: vec!["2/2.3".into()],
            max_changed: vec![("7/7.1".into(), "1".into(), "2".into())],
            orphaned: vec!["2/2.3".into()],
        }
    );
    assert!(ruleset_changes(&draft.outline, &old, &draft.entries).is_empty());

    let (s, problems) = draft.scorer(new.clone());
    // The orphan is reported, not silently dropped…
    assert_eq!(problems.len(), 1, "{}", described(&problems));
    assert_eq!(problems[0].kind, ProblemKind::UnknownItem { key: "2/2.3".into() });
    // …and stays in the draft, to be exported again if the item comes back.
    assert_eq!(draft.entries["2/2.3"], with_evidence(typed("3"), doc("8/BC-SNV", "3/3/2025", "")));
    // Every other value is kept and scored on the new ruleset.
    for (k, e) in &draft.entries {
        let Some(id) = new.find(k) else { continue };
        assert_eq!(s.raw(id), e.value.as_deref().unwrap_or(""), "{k}");
        assert_eq!(s.is_not_applicable(id), e.not_applicable, "{k}");
    }
    let id = |k: &str| new.find(k).unwrap();
    assert_eq!(s.value(id("1/1.3")), &Value::Valid("5.5".parse().unwrap()));
    // 7.1: 3 late reports × 0.5 = 1.5, no longer capped at 1.
    assert_eq!(s.value(id("7/7.1")), &Value::Valid("1.5".parse().unwrap()));
    assert_eq!(s.value(id("2/2.6")), &Value::Blank);
    assert_eq!(s.answer(0), Some(false));
    // Old total 56 − 3 (2.3 gone) − 0.5 (7.1 deducts 0.5 more) = 52.5.
    assert_eq!(Results::of(&s, Lang::Vi).points, "52.5");
    assert_eq!(chamdiem_core::record::checklist(&draft.entries, &s).unscored, ["2/2.6"]);
}

#[test]
fn a_draft_moved_to_a_new_ruleset_exports_a_file_that_verifies_and_keeps_its_orphan() {
    let (old, sha) = ruleset_and_hash(TRAINING);
    let new = training_v2();
    let new_sha = "0".repeat(64); // the new file's hash, as the app would stamp it
    let mut draft = training_draft(&old, &sha);
    // As the app does on opening: the draft now belongs to the new ruleset.
    draft.ruleset = stamp(&new, &new_sha);
    draft.outline = outline(&new);
    draft.entries.insert("2/2.6".into(), with_evidence(typed("3,5"), doc("30/BC-SNV", "", "")));
    // An answer to a condition the old version had and the new one dropped.
    draft.conditions.insert("da_bo".into(), true);
    let (s, problems) = draft.scorer(new.clone());
    assert_eq!(problems.len(), 2, "the orphans are reported on opening: {}", described(&problems));

    let sub = Submission::build(&draft, &s, "0.1.0");
    assert!(!sub.entries.contains_key("2/2.3"), "an entry with no item is not exported");
    assert!(!sub.conditions.contains_key("da_bo"), "nor an answer to a condition the ruleset lacks");
    assert!(draft.entries.contains_key("2/2.3") && draft.conditions.contains_key("da_bo"), "both stay in the draft");
    let (_, verdict) = verify(&parse(&to_json(&sub)), new, &new_sha, Lang::Vi);
    assert_eq!(verdict, ImportVerdict::Verified);
}

// ------------------------------------------------------- evidence, file name

#[test]
fn evidence_dates_links_and_documents_are_checked() {
    assert!(!valid_date("31/02/2025"));
    assert!(valid_date("29/02/2024"));
    assert!(!valid_date("29/02/2025"));
    assert!(!valid_date("29/02/1900"), "1900 is not a leap year");
    assert!(valid_date("29/02/2000"));
    assert!(valid_date("5/1/2025") && valid_date("05/01/2025") && valid_date("31/12/2025"));
    for bad in ["2025-01-05", "05.01.2025", "32/01/2025", "00/01/2025", "05/13/2025", "05/01/25", "a/b/c", ""] {
        assert!(!valid_date(bad), "{bad:?}");
    }

    let ok = doc("123/QĐ-SNV", "29/02/2024", "Quyết định ban hành kế hoạch");
    assert_eq!(ok.problems(), []);
    let with = |f: &dyn Fn(&mut Evidence)| {
        let mut e = ok.clone();
        f(&mut e);
        e.problems()
    };
    assert_eq!(with(&|e| e.date = "31/02/2025".into()), [EvidenceError::BadDate]);
    assert_eq!(with(&|e| e.date = String::new()), [], "the date is optional");
    assert_eq!(with(&|e| e.link = "javascript:alert(1)".into()), [EvidenceError::BadLink]);
    assert_eq!(with(&|e| e.link = "JavaScript:alert(1)".into()), [EvidenceError::BadLink]);
    assert_eq!(with(&|e| e.link = "data:text/html,<b>x</b>".into()), [EvidenceError::BadLink]);
    assert_eq!(with(&|e| e.link = "https://example.gov.vn/a b".into()), [EvidenceError::BadLink]);
    assert_eq!(with(&|e| e.link = "https://example.gov.vn/a".into()), []);
    assert_eq!(with(&|e| e.link = "http://example.gov.vn/a".into()), []);
    assert_eq!(with(&|e| e.number = String::new()), [], "a summary alone identifies the document");
    assert_eq!(with(&|e| e.summary = String::new()), [], "a number alone identifies the document");
    assert_eq!(
        with(&|e| {
            e.number = " ".into();
            e.summary = String::new();
            e.date = "31/02/2025".into();
        }),
        [EvidenceError::NoNumberOrSummary, EvidenceError::BadDate]
    );
    assert!(chamdiem_core::text::evidence_error(EvidenceError::BadLink, Lang::Vi).contains("http://"));
}

#[test]
fn the_export_file_name_is_ascii_without_diacritics() {
    let (rs, sha) = ruleset_and_hash(DAKLAK_01);
    let mut d = Draft::new("d".into(), stamp(&rs, &sha), NOW);
    d.agency = agency();
    assert_eq!(d.file_name(), "so-noi-vu_daklak-2025-chi-so-01_2025.json");
    d.agency.name = "UBND phường Tân Lập (Buôn Ma Thuột)".into();
    assert_eq!(d.file_name(), "ubnd-phuong-tan-lap-buon-ma-thuot_daklak-2025-chi-so-01_2025.json");
    d.agency.name = "Đài Phát thanh – Truyền hình Đắk Lắk".into();
    assert_eq!(d.file_name(), "dai-phat-thanh-truyen-hinh-dak-lak_daklak-2025-chi-so-01_2025.json");
    d.agency = Agency::default();
    assert_eq!(d.file_name(), "co-quan_daklak-2025-chi-so-01_nam.json");
    // Typed with combining marks (decomposed Unicode, as some keyboards and
    // macOS produce): the same name.
    assert_eq!(slug("So\u{31b}\u{309} No\u{302}\u{323}i vu\u{323}"), "so-noi-vu");
    assert_eq!(slug("ĐẮK LẮK"), "dak-lak");
    assert_eq!(slug("../../etc/passwd"), "etc-passwd");
    assert_eq!(slug("!!!"), "x");
}

// ------------------------------------------------- the committed example file

const REGENERATE: &str = "UPDATE_SUBMISSIONS=1 cargo test -p chamdiem-core --test submission";

/// The worked example of Đắk Lắk 2025 Chỉ số 01 (tests/entries) as the app
/// exports it, with agency details and evidence.
fn daklak_example() -> Submission {
    let (rs, sha) = ruleset_and_hash(DAKLAK_01);
    let entries: EntriesFile = parse_json(&read_repo("tests/entries/daklak-01-worked-example.json")).unwrap();
    let mut d = Draft::new("vi-du".into(), stamp(&rs, &sha), NOW);
    d.agency = agency();
    d.updated_at = LATER.into();
    d.conditions = entries.conditions;
    for (k, e) in entries.entries {
        d.entries.insert(k, Entry { value: e.value, of: e.of, not_applicable: e.not_applicable, ..Entry::default() });
    }
    let mut ev = |k: &str, e: Evidence| d.entries.get_mut(k).unwrap().evidence.push(e);
    ev("1", Evidence { link: "https://example.gov.vn/snv/bao-cao-2025".into(), ..doc("215/BC-SNV", "10/12/2025", "Báo cáo kết quả thực hiện nhiệm vụ năm 2025") });
    ev("2", doc("220/BC-SNV", "12/12/2025", "Báo cáo kết quả cải cách hành chính năm 2025"));
    ev("5", doc("1502/QĐ-UBND", "15/10/2025", "Khen thưởng tập thể Sở Nội vụ"));
    d.entries.get_mut("6").unwrap().explanation = "Hai lần chậm gửi báo cáo định kỳ (quý I, quý III).".into();
    build(&d, &rs)
}

#[test]
fn the_example_submission_is_what_the_code_exports_for_the_committed_ruleset() {
    let expected = format!("{}\n", to_json(&daklak_example()));
    let path = repo().join(DAKLAK_01_SUBMISSION);
    let committed = std::fs::read_to_string(&path).ok().map(|s| s.replace("\r\n", "\n"));
    if committed.as_deref() != Some(expected.as_str()) {
        if std::env::var_os("UPDATE_SUBMISSIONS").is_some_and(|v| !v.is_empty() && v != "0") {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, &expected).unwrap();
            eprintln!("rewrote {DAKLAK_01_SUBMISSION}");
        } else {
            let (_, sha) = ruleset_and_hash(DAKLAK_01);
            let stamped = committed.as_deref().and_then(|t| parse_submission(t).ok()).map(|s| s.ruleset.sha256);
            panic!(
                "{DAKLAK_01_SUBMISSION} is not what the code exports now{}.\nRegenerate it with:\n  {REGENERATE}",
                match stamped {
                    Some(s) if s != sha => format!(
                        " (rulesets/{DAKLAK_01} changed: the file is stamped {s}, the ruleset now hashes to {sha})"
                    ),
                    None => " (missing or unreadable)".to_string(),
                    _ => String::new(),
                }
            );
        }
    }
    let sub = parse(&read_repo(DAKLAK_01_SUBMISSION));
    let (rs, sha) = ruleset_and_hash(DAKLAK_01);
    assert_eq!(sub.ruleset.sha256, sha, "stamped with the committed ruleset's bytes; regenerate: {REGENERATE}");
    assert_eq!(verify(&sub, rs, &sha, Lang::Vi).1, ImportVerdict::Verified);
    assert!(sub.checklist.complete, "{:?}", sub.checklist);
    assert_eq!((sub.results.points.as_str(), sub.results.max.as_str()), ("85.5", "100"));
}

#[test]
fn agency_kind_codes_are_the_names_in_the_file() {
    use chamdiem_core::record::AgencyKind::*;
    for k in [Department, PublicServiceUnit, Commune, Other] {
        assert_eq!(serde_json::to_string(&k).unwrap(), format!("\"{}\"", k.code()));
    }
}

/// A draft as the previous version stored it (format version 1, kept in
/// tests/drafts/) reads with every value, upgraded to version 2, and scores
/// as its submission does.
#[test]
fn a_version_1_draft_reads_with_every_value() {
    let text = read_repo("tests/drafts/daklak-01.v1.draft.json");
    let d = chamdiem_core::record::parse_draft(&text).unwrap();
    assert_eq!(d.format_version, 2);
    assert_eq!(d.id, "k3v9x2");
    assert_eq!(d.agency.name, "Sở Nội vụ");
    assert_eq!(d.entries["2"].value.as_deref(), Some("31,5"));
    assert_eq!(d.entries["2"].evidence[0].number, "220/BC-SNV");
    assert_eq!(d.entries["6"].explanation, "Hai lần chậm gửi báo cáo định kỳ (quý I, quý III).");
    assert!(!d.conditions["lanh_dao_bi_ky_luat"], "answered: no one disciplined");
    let rs = ruleset(DAKLAK_01);
    assert_eq!(d.outline, outline(&rs), "the fixture's outline is the ruleset's");
    let (s, problems) = d.scorer(rs);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(s.summary().points.to_string(), "85.5");
    // Another kind of file, or a later version, is refused with the place.
    let p = chamdiem_core::record::parse_draft(&text.replace("\"format_version\": 1", "\"format_version\": 3")).unwrap_err();
    assert_eq!(p[0].path, "format_version");
}
