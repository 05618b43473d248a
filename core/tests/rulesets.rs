//! Every shipped ruleset loads and is listed; every broken ruleset in
//! tests/rulesets/broken is refused with the message its `.expected` file gives.

mod common;

use common::*;
use chamdiem_core::ruleset::index::{RulesetIndex, INDEX_FORMAT};
use chamdiem_core::json::parse_json;
use chamdiem_core::{load_ruleset, Lang, Scorer};
use std::collections::HashSet;
use std::sync::Arc;

#[test]
fn every_shipped_ruleset_loads_and_is_in_the_index() {
    let dir = repo().join("rulesets");
    let index: RulesetIndex = parse_json(&std::fs::read_to_string(dir.join("index.json")).unwrap()).unwrap();
    assert_eq!(index.format, INDEX_FORMAT);
    assert!(index.default_entry().is_some_and(|e| e.id == "daklak-2025-chi-so-01"), "Chỉ số 01 opens first");
    let listed: HashSet<&str> = index.rulesets.iter().map(|e| e.file.as_str()).collect();
    for path in json_files(&dir) {
        let name = path.file_name().unwrap().to_str().unwrap();
        if name == "index.json" {
            continue;
        }
        assert!(listed.contains(name), "{name} is not listed in rulesets/index.json");
    }
    for e in &index.rulesets {
        let text = std::fs::read_to_string(dir.join(&e.file)).unwrap_or_else(|_| panic!("{} is listed but missing", e.file));
        let rs = load_ruleset(&text).unwrap_or_else(|p| {
            panic!("{}: {}", e.file, p.iter().map(|p| p.describe(Lang::Vi)).collect::<Vec<_>>().join("; "))
        });
        assert_eq!(rs.id, e.id, "{}: id differs from the index", e.file);
        // public/start.js asks for `<id>.json` before the index arrives.
        assert_eq!(e.file, format!("{}.json", e.id), "a bundled ruleset's file is named after its id");
        assert!(!rs.source.document.is_empty() && !rs.source.date.is_empty() && !rs.source.issuer.is_empty());
        // A fresh self-assessment has the declared maximum and nothing scored.
        let sum = Scorer::new(Arc::new(rs)).summary();
        assert!(sum.unscored > 0);
    }
}

#[test]
fn daklak_rulesets_follow_the_decision() {
    for n in ["01", "02", "03"] {
        let text = std::fs::read_to_string(repo().join(format!("rulesets/daklak-2025-chi-so-{n}.json"))).unwrap();
        let rs = load_ruleset(&text).unwrap();
        let maxima: Vec<String> =
            rs.roots.iter().map(|&r| rs.node(r).max.map(|m| m.to_string()).unwrap_or_else(|| "-".into())).collect();
        assert_eq!(maxima, ["45", "35", "12", "5", "3", "-"], "Chỉ số {n}: 45 / 35 / 12 / 5 / cộng 3 / trừ");
        assert_eq!(rs.max_total.to_string(), "100");
        assert!(!rs.not_verified.is_empty(), "the missing annex is marked as not verified");
        assert_eq!(rs.source.document, "Quyết định số 02050/QĐ-UBND");
        let labels: Vec<&str> = rs.classifications[0].levels.iter().map(|l| l.label.as_str()).collect();
        assert_eq!(labels, ["Không hoàn thành nhiệm vụ", "Hoàn thành nhiệm vụ", "Hoàn thành tốt nhiệm vụ", "Hoàn thành xuất sắc nhiệm vụ"]);
        let cchc: Vec<&str> = rs.classifications[1].sections.iter().map(|&s| rs.node(s).code.as_str()).collect();
        assert_eq!(cchc, ["2", "3", "4", "5", "6"]);
        // §4a: ranked on points, ties by content 1 then content 2; the quota
        // on "xuất sắc". What the decision leaves open is marked.
        let r = rs.ranking.as_ref().expect("Chỉ số {n} declares its ranking");
        assert_eq!(r.by, chamdiem_core::ruleset::file::RankBy::Points);
        let ties: Vec<&str> = r.tie_breaks.iter().map(|&t| rs.node(t).key.as_str()).collect();
        assert_eq!(ties, ["1", "2"]);
        assert!(r.not_verified.as_deref().is_some_and(|t| t.contains("xếp theo thứ tự điểm") && t.contains("nhóm")));
        let q = r.quota.as_ref().expect("the 20 % quota");
        assert_eq!(rs.classifications[q.classification].levels[q.level].label, "Hoàn thành xuất sắc nhiệm vụ");
        assert_eq!(q.percent.to_string(), "20");
        assert_eq!(q.base, chamdiem_core::ruleset::file::QuotaBase::AtOrAboveLevelBelow);
        assert!(q.not_verified.as_deref().is_some_and(|t| t.contains("làm tròn")));
    }
}

/// A ranking declaration is checked like the rest: every problem, each at its path.
#[test]
fn a_broken_ranking_declaration_names_every_problem_at_its_path() {
    let mut v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(repo().join("rulesets/daklak-2025-chi-so-01.json")).unwrap()).unwrap();
    v["ranking"] = serde_json::json!({
        "classification": "chat-luong",
        "tie_breaks": ["1", "7", "1"],
        "quota": { "classification": "chat_luong", "level": "Không hoàn thành nhiệm vụ", "percent": "120", "base": "level_below_after_cut" }
    });
    let problems = load_ruleset(&v.to_string()).unwrap_err();
    let said: Vec<String> = problems.iter().map(|p| p.describe(Lang::Vi)).collect();
    assert_eq!(said, [
        "ranking.classification: không có xếp loại id \"chat-luong\"",
        "ranking.tie_breaks[1]: bộ chỉ số không có mục \"7\"",
        "ranking.tie_breaks[2]: id \"1\" bị trùng",
        "ranking.quota.percent: tỷ lệ phải từ 0 đến 100",
        "ranking.quota.level: không thể đặt hạn mức cho mức thấp nhất \"Không hoàn thành nhiệm vụ\" (không có mức dưới để chuyển xuống)",
    ]);
    v["ranking"] = serde_json::json!({ "quota": { "classification": "cchc", "level": "Xuất sắc", "percent": "20", "base": "every_agency" } });
    let problems = load_ruleset(&v.to_string()).unwrap_err();
    assert_eq!(problems[0].path, "ranking.quota.base", "{problems:?}");
    v["ranking"] = serde_json::json!({ "quota": { "classification": "cchc", "level": "Xuất sắc", "percent": "20", "base": "level_below_before_cut" } });
    let said: Vec<String> = load_ruleset(&v.to_string()).unwrap_err().iter().map(|p| p.describe(Lang::En)).collect();
    assert_eq!(said, ["ranking.quota.level: this classification has no level \"Xuất sắc\""]);
}

#[test]
fn broken_rulesets_are_refused_with_their_message() {
    let dir = repo().join("tests/rulesets/broken");
    let files = json_files(&dir);
    assert!(files.len() >= 15, "the broken corpus is there");
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap();
        let expected = std::fs::read_to_string(path.with_extension("expected")).unwrap();
        let expected = expected.trim();
        let name = path.file_name().unwrap().to_string_lossy();
        match load_ruleset(&text) {
            Ok(_) => panic!("{name} was accepted"),
            Err(problems) => {
                let all: Vec<String> = problems.iter().map(|p| p.describe(Lang::Vi)).collect();
                assert!(all.iter().any(|m| m.contains(expected)), "{name}: expected «{expected}», got {all:#?}");
            }
        }
    }
}

#[test]
fn every_bundled_example_scores_completely_and_without_problems() {
    use chamdiem_core::record::{EntriesFile, Results};
    let dir = repo().join("rulesets");
    let index: RulesetIndex = parse_json(&std::fs::read_to_string(dir.join("index.json")).unwrap()).unwrap();
    let mut seen = 0;
    for e in &index.rulesets {
        let Some(example) = &e.example else { continue };
        seen += 1;
        let rs = load_ruleset(&std::fs::read_to_string(dir.join(&e.file)).unwrap()).unwrap();
        let entries: EntriesFile = parse_json(&std::fs::read_to_string(dir.join(example)).unwrap())
            .unwrap_or_else(|p| panic!("{example}: {p:?}"));
        assert_eq!(entries.ruleset.version, rs.version, "{example}: made for another version of {}", e.id);
        let mut s = Scorer::new(Arc::new(rs));
        let problems = entries.apply(&mut s);
        assert!(problems.is_empty(), "{example}: {problems:?}");
        let r = Results::of(&s, Lang::Vi);
        assert!(r.is_final && r.invalid.is_empty(), "{example}: a trainer's example is complete: {r:?}");
    }
    assert_eq!(seen, index.rulesets.len(), "every bundled ruleset has an example");
}

/// The rosters bundled with an index read without a problem, one agency per
/// row of the source's annex (rulesets/rosters/README.md).
#[test]
fn every_bundled_roster_reads_without_problems() {
    let dir = repo().join("rulesets");
    let index: RulesetIndex = parse_json(&std::fs::read_to_string(dir.join("index.json")).unwrap()).unwrap();
    let mut counts = Vec::new();
    for e in &index.rulesets {
        let Some(roster) = &e.roster else { continue };
        let (r, problems) = chamdiem_core::office::read_roster(roster, &std::fs::read(dir.join(roster)).unwrap());
        assert!(problems.is_empty(), "{roster}: {problems:?}");
        counts.push((e.id.as_str(), r.entries.len()));
    }
    // Phụ lục 1 of Decision 02050/QĐ-UBND: 15 departments, 11 public service units.
    assert_eq!(counts, [("daklak-2025-chi-so-01", 15), ("daklak-2025-chi-so-02", 11)]);
}
