//! The `chamdiem` command as the provincial office runs it.

use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_chamdiem"))
        .args(args)
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
        .output()
        .unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn validate_accepts_every_shipped_ruleset() {
    let files: Vec<String> = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../rulesets"))
        .unwrap()
        .map(|e| format!("rulesets/{}", e.unwrap().file_name().to_string_lossy()))
        .filter(|f| f.ends_with(".json") && !f.ends_with("index.json"))
        .collect();
    let mut args = vec!["validate"];
    args.extend(files.iter().map(String::as_str));
    let out = run(&args);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout).matches(": OK").count(), files.len());
}

#[test]
fn validate_reports_every_problem_with_its_path_and_exits_1() {
    let out = run(&["validate", "rulesets/daklak-2025-chi-so-01.json", "tests/rulesets/broken/group-max-mismatch.json"]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(err.contains("tests/rulesets/broken/group-max-mismatch.json: sections[0].max: điểm tối đa khai báo 6 khác tổng điểm các phần 7"), "{err}");
    let out = run(&["validate", "--lang", "en", "tests/rulesets/broken/malformed-json.json"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("line 3, column"), "{}", text(&out.stderr));
    let out = run(&["validate", "no/such/file.json"]);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn score_prints_the_worked_example() {
    let out = run(&["score", "rulesets/daklak-2025-chi-so-01.json", "tests/entries/daklak-01-worked-example.json"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["points"], "85.5");
    assert_eq!(v["max"], "100");
    assert_eq!(v["percent"], "85.50");
    assert_eq!(v["is_final"], true);
    assert_eq!(v["classifications"][0]["level"], "Hoàn thành tốt nhiệm vụ");
    assert_eq!(v["classifications"][1]["percent"], "79.09");
    assert_eq!(v["classifications"][1]["level"], "Khá");
    assert_eq!(v["groups"][5]["points"], "-2", "the penalty is a deduction");
}

#[test]
fn score_refuses_entries_that_do_not_fit() {
    let dir = std::env::temp_dir().join(format!("chamdiem-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.json");
    std::fs::write(&bad, r#"{"format":"cham-diem/entries","format_version":1,"ruleset":{"id":"daklak-2025-chi-so-01","version":"2025.1"},"entries":{"9":{"value":"1"}}}"#).unwrap();
    let out = run(&["score", "rulesets/daklak-2025-chi-so-01.json", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("entries.9: bộ chỉ số không có mục \"9\""), "{}", text(&out.stderr));
    std::fs::write(&bad, "{ not json").unwrap();
    let out = run(&["score", "rulesets/daklak-2025-chi-so-01.json", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("dòng 1"), "{}", text(&out.stderr));
    let out = run(&["score"]);
    assert_eq!(out.status.code(), Some(2));
    let _ = std::fs::remove_dir_all(&dir);
}
