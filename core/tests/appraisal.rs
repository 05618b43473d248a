//! The appraisal rounds as the appraisal page writes them (record::appraisal):
//! the Đắk Lắk worked example taken through its stages with `Work`,
//! `preview` and `remaining` at each step; each item's history; merging the
//! parts of two council members, with a conflict.

mod common;

use chamdiem_core::record::{
    history, merge, parse_dossier, parse_submission, preview, remaining, Conflict, Dossier, Entry, Evidence, MergeError, Next, Signer, Stage, StageKind, Todo, Work,
};
use chamdiem_core::text::merge_error;
use chamdiem_core::Lang;
use common::*;
use std::collections::BTreeMap;

fn self_assessed() -> Dossier {
    let (rs, _) = ruleset_and_hash(DAKLAK_01);
    let sub = parse_submission(&read_repo(DAKLAK_01_SUBMISSION)).unwrap();
    Dossier::from_submission(&sub, &rs, "0.1.0").unwrap()
}

#[test]
fn the_worked_example_through_the_rounds_as_the_page_writes_them() {
    let (rs, _) = ruleset_and_hash(DAKLAK_01);
    let mut d = self_assessed();
    assert_eq!(d.next(), Next::Write(StageKind::ThamDinh1));

    // Round 1: every self-scored content is still to appraise; the parts
    // scored by others (3, 4) are not the council's.
    let mut w = Work::start(&d, council(), "2025-12-20T10:00:00+07:00").unwrap();
    assert_eq!(w.stage.stage, StageKind::ThamDinh1);
    let p = preview(&rs, &d, &w.stage);
    assert_eq!(p.own.results.points, "85.5");
    let keys = |t: &[Todo]| t.iter().map(|t| format!("{t:?}")).collect::<Vec<_>>().join(" ");
    assert_eq!(keys(&remaining(&rs, &w.stage, &p)), r#"NotAppraised("1") NotAppraised("2") NotAppraised("5") NotAppraised("6")"#);

    // Lowered without a reason; then a value that is not valid.
    w.stage.entries.insert("2".into(), appraised("30", ""));
    w.stage.entries.insert("1".into(), appraised("4x", ""));
    let p = preview(&rs, &d, &w.stage);
    assert_eq!(keys(&remaining(&rs, &w.stage, &p)), r#"Invalid("1") NotAppraised("5") NotAppraised("6") ReasonMissing("2")"#);
    assert_eq!(p.problems_of("2").count(), 1, "the reason is asked at item 2's field");

    // "Đồng ý": the self-score taken as it is needs no reason.
    w.stage.entries.insert("1".into(), appraised("42", ""));
    w.stage.entries.insert("2".into(), appraised("30", "Chưa có tài liệu kiểm chứng quý IV."));
    w.stage.entries.insert("5".into(), appraised("1", ""));
    w.stage.entries.insert("6".into(), appraised("2", ""));
    let p = preview(&rs, &d, &w.stage);
    assert!(remaining(&rs, &w.stage, &p).is_empty());
    assert_eq!(p.after.results.points, "84");

    // The work kept in the browser reads back as it was.
    let kept = serde_json::to_string(&w).unwrap();
    assert_eq!(Work::parse(&kept), Some(w.clone()));
    assert_eq!(Work::parse(&kept.replace("cham-diem/work", "cham-diem/draft")), None);
    assert_eq!(w.dossier, d.key());
    d.append(w.stage, &rs).unwrap();

    // The agency's response: item 2, lowered, is the one to answer; it
    // cannot be answered by a new score.
    assert_eq!(d.next(), Next::Write(StageKind::GiaiTrinh));
    let agency = Signer { unit: "Sở Nội vụ".into(), person: "Nguyễn Thị Lan".into() };
    let mut w = Work::start(&d, agency, "2025-12-22T15:30:00+07:00").unwrap();
    let p = preview(&rs, &d, &w.stage);
    assert_eq!(remaining(&rs, &w.stage, &p), vec![Todo::Unanswered { key: "2".into(), lowered: true }]);
    w.stage.entries.insert("2".into(), Entry { value: Some("31,5".into()), ..Entry::default() });
    assert!(!preview(&rs, &d, &w.stage).problems.is_empty(), "a response that sets a score is refused");
    w.stage.entries.insert(
        "2".into(),
        Entry {
            explanation: "Báo cáo quý IV đã gửi ngày 28/12/2025.".into(),
            evidence: vec![Evidence { number: "245/BC-SNV".into(), date: "28/12/2025".into(), ..Evidence::default() }],
            ..Entry::default()
        },
    );
    let p = preview(&rs, &d, &w.stage);
    assert!(p.problems.is_empty() && remaining(&rs, &w.stage, &p).is_empty());
    d.append(w.stage, &rs).unwrap();

    // Round 2 starts at round 1's scores; the disputed item needs a reason.
    assert_eq!(d.next(), Next::Write(StageKind::ThamDinh2));
    let mut w = Work::start(&d, council(), "2025-12-25T09:00:00+07:00").unwrap();
    let p = preview(&rs, &d, &w.stage);
    assert_eq!(p.after.results.points, "84");
    assert_eq!(remaining(&rs, &w.stage, &p), vec![Todo::ReasonMissing("2".into())]);
    w.stage.entries.insert("2".into(), appraised("31", "Chấp nhận một phần giải trình."));
    let p = preview(&rs, &d, &w.stage);
    assert!(remaining(&rs, &w.stage, &p).is_empty());
    assert_eq!(p.after.results.points, "85");
    d.append(w.stage, &rs).unwrap();
    assert_eq!(d.next(), Next::ToOffice);
    assert!(Work::start(&d, council(), "2025-12-26T09:00:00+07:00").is_none());
    // A file with no stage at all (refused on reading) gives no stage to write, and no panic.
    let empty = Dossier { stages: Vec::new(), ..d.clone() };
    assert!(Work::start(&empty, council(), "2025-12-26T09:00:00+07:00").is_none());
    let p = preview(&rs, &empty, &Stage::new(StageKind::ThamDinh1, council(), "t"));
    assert_eq!(p.own.results.points, p.after.results.points);

    // Item 2's history: one line per stage.
    let h = history(&d);
    let lines: Vec<String> = h["2"].iter().map(|l| format!("{} {} {:?} {}", l.stage.code(), l.by.person, l.points, l.words)).collect();
    assert_eq!(
        lines,
        [
            "tu_cham Nguyễn Thị Lan Some(\"31.5\") ",
            "tham_dinh_1 Trần Văn Minh Some(\"30\") Chưa có tài liệu kiểm chứng quý IV.",
            "giai_trinh Nguyễn Thị Lan None Báo cáo quý IV đã gửi ngày 28/12/2025.",
            "tham_dinh_2 Trần Văn Minh Some(\"31\") Chấp nhận một phần giải trình.",
        ]
    );
    assert_eq!(h["2"][2].evidence.len(), 1);
}

/// A council member's part: a copy of `d` with a partial round-1 stage.
fn part(d: &Dossier, who: &str, areas: &[&str], entries: &[(&str, Entry)]) -> Dossier {
    let (rs, _) = ruleset_and_hash(DAKLAK_01);
    let mut st = Stage::new(StageKind::ThamDinh1, Signer { unit: "Sở Tư pháp".into(), person: who.into() }, "2025-12-20T10:00:00+07:00");
    st.areas = areas.iter().map(|a| a.to_string()).collect();
    st.entries = entries.iter().map(|(k, e)| (k.to_string(), e.clone())).collect();
    let mut d = d.clone();
    d.append(st, &rs).unwrap();
    d
}

#[test]
fn two_members_parts_merge_into_one_stage_and_a_conflict_waits_for_a_choice() {
    let (rs, sha) = ruleset_and_hash(DAKLAK_01);
    let d = self_assessed();
    let a = part(&d, "Người A", &["1", "2"], &[("1", appraised("42", "")), ("2", appraised("30", "Thiếu quý IV."))]);
    let b = part(&d, "Người B", &["2", "5", "6"], &[("2", appraised("31", "Thiếu một phần quý IV.")), ("5", appraised("1", "")), ("6", appraised("2", ""))]);
    assert_eq!(a.next(), Next::Merge(StageKind::ThamDinh1));
    let group = Signer { unit: "Tổ giúp việc, Sở Nội vụ".into(), person: "Lê Văn Hùng".into() };

    // Item 2 was appraised by both, differently: never settled silently.
    let err = merge(&rs, &[a.clone(), b.clone()], &BTreeMap::new(), group.clone(), "2025-12-21T08:00:00+07:00").unwrap_err();
    assert_eq!(err, MergeError::Conflicts(vec![Conflict { key: "2".into(), condition: false, parts: vec![0, 1] }]));
    assert_eq!(merge_error(&err, Lang::Vi), ["mục \"2\" được thẩm định khác nhau ở các tệp 1, 2: chọn một"]);

    // Chosen: B's value for item 2. Each item says who appraised it.
    let choices = BTreeMap::from([("2".to_string(), 1)]);
    let m = merge(&rs, &[a.clone(), b.clone()], &choices, group.clone(), "2025-12-21T08:00:00+07:00").unwrap();
    let st = m.stages.last().unwrap();
    assert!(st.areas.is_empty(), "the merged stage is whole");
    assert_eq!(st.by, group);
    assert_eq!(st.entries["1"].by.as_ref().unwrap().person, "Người A");
    assert_eq!(st.entries["2"].by.as_ref().unwrap().person, "Người B");
    assert_eq!(st.results.points, "85");
    assert_eq!(m.next(), Next::Write(StageKind::GiaiTrinh));
    assert!(chamdiem_core::record::verify_dossier(&m, Some((rs.clone(), &sha)), Lang::Vi).is_sound());

    // Another agency's part is refused; so is a single part, or a whole stage.
    let mut other = self_assessed();
    other.stages[0].agency.as_mut().unwrap().name = "Sở Tư pháp".into();
    other.stages[0].hash = chamdiem_core::record::seal(&other.ruleset.sha256, &other.stages[0]);
    let c = part(&other, "Người C", &["5"], &[("5", appraised("1", ""))]);
    assert_eq!(merge(&rs, &[a.clone(), c], &choices, group.clone(), "2025-12-21T08:00:00+07:00").unwrap_err(), MergeError::OtherDossier { part: 1 });
    assert_eq!(merge(&rs, std::slice::from_ref(&a), &choices, group.clone(), "t").unwrap_err(), MergeError::TooFew);
    let whole = parse_dossier(&read_repo(DAKLAK_01_DOSSIER)).unwrap();
    assert_eq!(merge(&rs, &[a, whole], &choices, group, "t").unwrap_err(), MergeError::NotPartial { part: 1 });
}
