//! The `chamdiem` command as the provincial office runs it.

mod common;

use common::{bundled_ruleset_files, read_json, read_repo, run, scratch, text, DAKLAK_01_DOSSIER, DAKLAK_01_PATH, DAKLAK_01_SUBMISSION};

#[test]
fn validate_accepts_every_shipped_ruleset() {
    let files: Vec<String> =
        bundled_ruleset_files().iter().map(|p| format!("rulesets/{}", p.file_name().unwrap().to_string_lossy())).collect();
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
    let dir = scratch("entries-that-do-not-fit");
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


/// The example submission after `edit`, written to `dir`.
fn edited_submission(dir: &std::path::Path, name: &str, edit: impl FnOnce(&mut serde_json::Value)) -> String {
    let mut v = read_json(DAKLAK_01_SUBMISSION);
    edit(&mut v);
    let path = dir.join(name);
    std::fs::write(&path, serde_json::to_string_pretty(&v).unwrap()).unwrap();
    path.to_str().unwrap().to_string()
}

#[test]
fn score_on_a_submission_prints_the_same_results_as_on_its_entries() {
    let from_entries = run(&["score", DAKLAK_01_PATH, "tests/entries/daklak-01-worked-example.json"]);
    assert!(from_entries.status.success(), "{}", text(&from_entries.stderr));
    let from_submission = run(&["score", DAKLAK_01_PATH, DAKLAK_01_SUBMISSION]);
    assert_eq!(from_submission.status.code(), Some(0), "{}", text(&from_submission.stderr));
    assert_eq!(text(&from_submission.stderr), "");
    assert_eq!(text(&from_submission.stdout), text(&from_entries.stdout));
    let v: serde_json::Value = serde_json::from_slice(&from_submission.stdout).unwrap();
    assert_eq!(v["points"], "85.5");

    // Saved again by Windows Notepad ("UTF-8" with a byte-order mark).
    let dir = scratch("bom");
    let bom = dir.join("bom.json");
    std::fs::write(&bom, format!("\u{feff}{}", read_repo(DAKLAK_01_SUBMISSION))).unwrap();
    let out = run(&["score", DAKLAK_01_PATH, bom.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), text(&from_entries.stdout));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn score_on_a_tampered_submission_exits_1_with_the_reason_and_prints_the_recomputation() {
    let dir = scratch("tampered");
    let file = edited_submission(&dir, "tampered.json", |v| {
        v["results"]["points"] = serde_json::json!("95.5");
        v["results"]["percent"] = serde_json::json!("95.50");
    });
    let out = run(&["score", DAKLAK_01_PATH, &file]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert_eq!(err, format!("{file}: Kết quả ghi trong tệp khác kết quả tính lại: tệp ghi 95.5 / 100 điểm, tính lại được 85.5 / 100 điểm.\n"));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["points"], "85.5", "the recomputed results, not the file's");

    let out = run(&["score", "--lang", "en", DAKLAK_01_PATH, &file]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("the file says 95.5 / 100 points, recomputed 85.5 / 100"), "{}", text(&out.stderr));

    // An entry's points edited by hand.
    let file = edited_submission(&dir, "entry.json", |v| v["entries"]["2"]["points"] = serde_json::json!("35"));
    let out = run(&["score", DAKLAK_01_PATH, &file]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("Mục \"2\": tệp ghi 35, tính lại được 31.5."), "{}", text(&out.stderr));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn score_on_a_submission_made_with_another_copy_of_the_ruleset_exits_1() {
    let dir = scratch("other-copy");
    // The same ruleset re-saved with a trailing newline: same content, other bytes.
    let ruleset = dir.join("daklak-2025-chi-so-01.json");
    std::fs::write(&ruleset, format!("{}\n", read_repo(DAKLAK_01_PATH))).unwrap();
    let out = run(&["score", ruleset.to_str().unwrap(), DAKLAK_01_SUBMISSION]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(err.contains("bộ chỉ số \"daklak-2025-chi-so-01\" (phiên bản 2025.2): mã băm không khớp"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn score_refuses_a_submission_it_cannot_read_with_the_place() {
    let dir = scratch("refused");
    let file = edited_submission(&dir, "unknown.json", |v| v["entries"]["1"]["diem"] = serde_json::json!("45"));
    let out = run(&["score", DAKLAK_01_PATH, &file]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("entries.1.diem (dòng"), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "", "nothing scored");

    let file = edited_submission(&dir, "future.json", |v| v["format_version"] = serde_json::json!(2));
    let out = run(&["score", DAKLAK_01_PATH, &file]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("format_version: phiên bản định dạng 2"), "{}", text(&out.stderr));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn usage_names_both_inputs_of_score() {
    let out = run(&["score", DAKLAK_01_PATH]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(err.contains("chamdiem score RULESET.json ENTRIES.json") && err.contains("chamdiem score RULESET.json SUBMISSION.json"), "{err}");
}

#[test]
fn verify_accepts_the_worked_example_dossier_and_the_v1_submission() {
    let out = run(&["verify", DAKLAK_01_PATH, DAKLAK_01_DOSSIER]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), format!("{DAKLAK_01_DOSSIER}: OK\n"));
    let out = run(&["verify", DAKLAK_01_PATH, DAKLAK_01_SUBMISSION]);
    assert!(out.status.success(), "{}", text(&out.stderr));
}

#[test]
fn verify_names_the_stage_and_the_place_of_each_problem_and_exits_1() {
    let dir = scratch("verify-tampered");
    let mut v = read_json(DAKLAK_01_DOSSIER);
    v["stages"][2]["entries"]["2"]["value"] = serde_json::json!("35");
    v["stages"][1]["results"]["points"] = serde_json::json!("90");
    let path = dir.join("tampered.json");
    std::fs::write(&path, v.to_string()).unwrap();
    let path = path.to_str().unwrap();
    let out = run(&["verify", DAKLAK_01_PATH, path, "--lang", "en"]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(err.contains(&format!("{path}: (tham_dinh_1) stages[1].hash: the hash does not match")), "{err}");
    assert!(err.contains(&format!("{path}: (giai_trinh) stages[2].entries.2.value: a \"giai_trinh\" stage has no field \"value\"")), "{err}");
    assert!(err.contains(&format!("{path}: stages[1] (tham_dinh_1): The results stored in the file differ")), "{err}");
    assert!(err.lines().all(|l| l.starts_with(path)), "one line per problem: {err}");
    assert!(text(&out.stdout).is_empty());
}

#[test]
fn verify_without_the_ruleset_finds_the_published_version_the_file_names() {
    let out = run(&["verify", DAKLAK_01_DOSSIER]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), format!("{DAKLAK_01_DOSSIER}: OK\n"));
    // A version no one published: the chain is checked, the results cannot be.
    let dir = scratch("verify-unknown-version");
    let mut v: serde_json::Value = serde_json::from_str(&read_repo(DAKLAK_01_DOSSIER)).unwrap();
    v["ruleset"]["sha256"] = serde_json::json!("0".repeat(64));
    let path = dir.join("unknown.json");
    std::fs::write(&path, v.to_string()).unwrap();
    let out = run(&["verify", path.to_str().unwrap(), "--lang", "en"]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(err.contains("stages[0].hash: the hash does not match"), "the chain starts at the ruleset's hash: {err}");
    assert!(err.contains("The results cannot be checked"), "{err}");
}

#[test]
fn score_on_a_dossier_prints_the_results_of_each_stage() {
    let out = run(&["score", DAKLAK_01_PATH, DAKLAK_01_DOSSIER]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let stages: Vec<(&str, &str)> = v["stages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["stage"].as_str().unwrap(), s["results"]["points"].as_str().unwrap()))
        .collect();
    assert_eq!(stages, [("tu_cham", "85.5"), ("tham_dinh_1", "84"), ("giai_trinh", "84"), ("tham_dinh_2", "85")]);
    assert_eq!(v["stages"][3]["results"]["classifications"][1]["level"], "Khá");
}

/// `chamdiem rank` on the office's scenario (common::office_scenario):
/// the table written as CSV with a BOM, one stderr line per file refused,
/// the rest still ranked, exit 1.
#[test]
fn rank_writes_the_ranked_table_and_names_each_refused_file() {
    let dir = scratch("rank");
    let (mut files, roster, others) = common::office_scenario(&dir);
    let missing = dir.join("khong-co.json");
    files.push(missing.clone());
    let out_csv = dir.join("xep-hang.csv");
    let out_xlsx = dir.join("xep-hang.xlsx");
    let out_zip = dir.join("ho-so.zip");
    let mut args: Vec<String> = vec!["rank".into(), "rulesets/daklak-2025-chi-so-01.json".into()];
    args.extend(files.iter().map(|p| p.to_string_lossy().into_owned()));
    for (flag, path) in [("--roster", &roster), ("--others", &others), ("--csv", &out_csv), ("--xlsx", &out_xlsx), ("--dossiers", &out_zip)] {
        args.push(flag.into());
        args.push(path.to_string_lossy().into_owned());
    }
    let out = run(&args.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 2, "{err}");
    assert!(lines[0].starts_with(&format!("{}: ", missing.display())), "{err}");
    assert_eq!(lines[1], format!("{}: ruleset.id: tệp lập cho bộ chỉ số \"daklak-2025-chi-so-02\", không phải \"daklak-2025-chi-so-01\"", dir.join("other-ruleset.json").display()));
    let csv = std::fs::read_to_string(&out_csv).unwrap();
    let rows: Vec<&str> = csv.split("\r\n").collect();
    assert_eq!(rows[0], "\u{feff}group,rank,code,agency,points,max,percent,note,level:chat_luong,level:cchc,part:1,part:2,part:3,part:4,part:5,part:6");
    let g = "\"Đắk Lắk 2025 — Chỉ số 01: sở, ban, ngành\"";
    // CCHC of A01: (35 + 12 + 5) / 55 = 94,55 % → Tốt; A04: (33 + 11 + 4) / 55 = 87,27 %.
    assert_eq!(rows[1], format!("{g},1,A01,Cơ quan 01,97,100,97.00,,Hoàn thành xuất sắc nhiệm vụ,Tốt,45,35,12,5,0,0"));
    assert_eq!(rows[4], format!("{g},4,A04,Cơ quan 04,91,100,91.00,vượt hạn mức 20%,Hoàn thành tốt nhiệm vụ,Tốt,43,33,11,4,0,0"));
    assert_eq!(rows[9], format!("{g},9,A09,Cơ quan 09,82,100,82.00,\"bằng điểm — Chủ tịch, các Phó Chủ tịch UBND tỉnh quyết định\",Hoàn thành tốt nhiệm vụ,Tốt,38,30,10,4,0,0"));
    assert_eq!(rows[13], format!("{g},13,A13,Cơ quan 13,73.5,100,73.50,chưa thẩm định,Hoàn thành nhiệm vụ,Khá,35,26,9,4,0,-0.5"));
    // Content 4 missing: no total, no level, and never the agency's estimate.
    // A19–A30 below A15, one point apart; A30's file is a v1 submission.
    assert_eq!(rows[27], format!("{g},27,A30,Cơ quan 30,42,100,42.00,chưa thẩm định,Không hoàn thành nhiệm vụ,Yếu,20,12,7,3,0,0"));
    assert_eq!(rows[29], format!("{g},,A17,Cơ quan 17,,,,chưa thẩm định; chưa có điểm do cơ quan khác chấm (4): chưa xếp hạng,,,40,30,10,,0,0"));
    assert_eq!(rows[30], format!("{g},,A18,Cơ quan 18,,,,\"chưa có hồ sơ (chưa nộp, hoặc tệp bị từ chối)\",,,,,,,,"));
    assert_eq!((rows.len(), rows[31]), (32, ""), "one row per agency on the roster");

    // Each consolidated dossier in the archive (A17 waits for a part, A18 sent nothing).
    let zip = zip::ZipArchive::new(std::fs::File::open(&out_zip).unwrap()).unwrap();
    assert_eq!(zip.len(), 28);

    // The same table in the workbook, read back: numbers stored as numbers.
    use calamine::{Data, DataType, Reader};
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&out_xlsx).unwrap();
    assert_eq!(book.sheet_names(), ["Tổng hợp", "Đắk Lắk 2025 — Chỉ số 01- sở, b", "Tồn tại, hạn chế"]);
    let group = book.worksheet_range_at(1).unwrap().unwrap();
    let row = |r: usize| (0..16).map(|c| group.get((r, c)).cloned().unwrap_or(Data::Empty)).collect::<Vec<_>>();
    let s = |t: &str| Data::String(t.into());
    assert_eq!(row(2)[..12], [s("Hạng"), s("Mã"), s("Cơ quan, đơn vị"), s("Nội dung 1"), s("Nội dung 2"), s("Nội dung 3"), s("Nội dung 4"), s("Nội dung 5"), s("Nội dung 6"), s("Tổng điểm"), s("Điểm tối đa"), s("Tỷ lệ (%)")]);
    assert_eq!(row(15)[..12], [Data::Float(13.0), s("A13"), s("Cơ quan 13"), Data::Float(35.0), Data::Float(26.0), Data::Float(9.0), Data::Float(4.0), Data::Float(0.0), Data::Float(-0.5), Data::Float(73.5), Data::Float(100.0), Data::Float(73.5)]);
    assert_eq!(row(15)[12..], [s("Hoàn thành nhiệm vụ"), s("Khá"), s("chưa thẩm định"), Data::Empty]);
    assert_eq!(row(31)[..4], [Data::Empty, s("A17"), s("Cơ quan 17"), Data::Float(40.0)], "A17 unranked, its content 1 given");
    assert_eq!(row(31)[6..10], [Data::Empty, Data::Float(0.0), Data::Float(0.0), Data::Empty], "no estimate of content 4, no total");
    let summary = book.worksheet_range_at(0).unwrap().unwrap();
    let counted: Vec<(String, f64)> = summary.rows().skip(3).filter_map(|r| Some((r.get(2)?.to_string(), r.get(3)?.as_f64()?))).collect();
    let in_csv = |level: &str| rows.iter().filter(|r| r.contains(&format!(",{level},"))).count() as f64;
    for level in ["Hoàn thành xuất sắc nhiệm vụ", "Hoàn thành tốt nhiệm vụ", "Hoàn thành nhiệm vụ", "Không hoàn thành nhiệm vụ"] {
        assert!(counted.contains(&(level.to_string(), in_csv(level))), "{level}: {counted:?}");
    }
    let losses = book.worksheet_range_at(2).unwrap().unwrap();
    assert_eq!(losses.get((3, 1)), Some(&s("1. Kết quả thực hiện nhiệm vụ theo chức năng")), "the content most agencies lost points on first");

    // Without --csv the table goes to stdout (no BOM); English notes and levels with --lang en.
    let mut args: Vec<String> = vec!["rank".into(), "--lang".into(), "en".into()];
    args.extend(files[..29].iter().map(|p| p.to_string_lossy().into_owned()));
    args.extend(["--others".into(), others.to_string_lossy().into_owned()]);
    let out = run(&args.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(stdout.starts_with("group,rank,"), "{stdout}");
    assert!(stdout.contains(",1,A16,Cơ quan 16,100,100,100.00,,"), "without the roster A16 is ranked: {stdout}");
    assert!(stdout.contains(",A02,Cơ quan 02,94,100,94.00,tied — the Chair and Vice-Chairs of the provincial People's Committee decide; beyond the 20% quota,Well completed duties,Good,"), "{stdout}");
    let _ = std::fs::remove_dir_all(&dir);
}
