//! Shared by the core's tests: where the repository and its fixtures are,
//! reading its files, loading the bundled rulesets, typing values into a
//! scorer by key, running the `chamdiem` program. Each test file includes it
//! with `mod common;` and uses what it needs.
#![allow(dead_code)]

use chamdiem_core::record::sha256_hex;
use chamdiem_core::{load_ruleset, Lang, Problem, Ruleset, Scorer};
use rust_decimal::Decimal;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::str::FromStr;
use std::sync::Arc;

// ───────────────────────────── paths and files ─────────────────────────────

/// The Đắk Lắk worked example as the app exports it (a submission, format v1).
pub const DAKLAK_01_SUBMISSION: &str = "tests/submissions/daklak-01-worked-example.submission.json";

/// The Đắk Lắk worked example taken through four stages (a dossier).
pub const DAKLAK_01_DOSSIER: &str = "tests/dossiers/daklak-01-worked-example.dossier.json";

/// The repository's root.
pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// A file of the repository, by its path from the root (or an absolute path).
pub fn read_repo(path: impl AsRef<Path>) -> String {
    let path = repo().join(path);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A JSON file of the repository, by its path from the root (or an absolute path), parsed.
pub fn read_json(path: impl AsRef<Path>) -> serde_json::Value {
    let path = repo().join(path);
    serde_json::from_str(&read_repo(&path)).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The `.json` files of a folder, sorted.
pub fn json_files(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    v.sort();
    v
}

// ───────────────────────────────── rulesets ─────────────────────────────────

/// The Đắk Lắk 2025 ruleset "Chỉ số 01", by its file name in rulesets/.
pub const DAKLAK_01: &str = "daklak-2025-chi-so-01.json";

/// The same, by its path from the repository's root (as the command line is given it).
pub const DAKLAK_01_PATH: &str = "rulesets/daklak-2025-chi-so-01.json";

/// The illustrative training ruleset, by its file name in rulesets/.
pub const TRAINING: &str = "tap-huan-mau.json";

/// Problems as the Vietnamese messages a user reads, joined by "; ".
pub fn described(problems: &[Problem]) -> String {
    problems.iter().map(|p| p.describe(Lang::Vi)).collect::<Vec<_>>().join("; ")
}

/// A ruleset from its JSON text; panics with `what` and the problems when refused.
pub fn ruleset_from(what: &str, text: &str) -> Arc<Ruleset> {
    Arc::new(load_ruleset(text).unwrap_or_else(|p| panic!("{what}: {}", described(&p))))
}

/// A bundled ruleset by file name ("tap-huan-mau.json"), loaded.
pub fn ruleset(file: &str) -> Arc<Ruleset> {
    ruleset_from(file, &read_repo(format!("rulesets/{file}")))
}

/// A bundled ruleset and the SHA-256 of its file's bytes.
pub fn ruleset_and_hash(file: &str) -> (Arc<Ruleset>, String) {
    let text = read_repo(format!("rulesets/{file}"));
    (ruleset_from(file, &text), sha256_hex(text.as_bytes()))
}

/// The files of the bundled rulesets (not the index), sorted.
pub fn bundled_ruleset_files() -> Vec<PathBuf> {
    json_files(&repo().join("rulesets")).into_iter().filter(|p| !p.ends_with("index.json")).collect()
}

/// Every bundled ruleset (not the index), loaded, in the order of their file names.
pub fn bundled_rulesets() -> Vec<Arc<Ruleset>> {
    bundled_ruleset_files().iter().map(|p| ruleset(p.file_name().unwrap().to_str().unwrap())).collect()
}

// ────────────────────────────── scorer helpers ──────────────────────────────

/// A decimal from its text ("31.5"), as the expected figures are written.
pub fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

/// A fresh scorer on a bundled ruleset.
pub fn scorer(file: &str) -> Scorer {
    Scorer::new(ruleset(file))
}

/// The id of the node with key `key` ("1/1.2"); panics when there is none.
pub fn node_id(s: &Scorer, key: &str) -> usize {
    s.ruleset().find(key).unwrap_or_else(|| panic!("no node {key}"))
}

/// Types `raw` into the item with key `key`.
pub fn set(s: &mut Scorer, key: &str, raw: &str) {
    let id = node_id(s, key);
    s.set_value(id, raw);
}

/// Marks the node with key `key` not applicable, asserting that it can be.
pub fn na(s: &mut Scorer, key: &str) {
    let id = node_id(s, key);
    assert!(!s.set_not_applicable(id, true).is_empty(), "{key} can be marked not applicable");
}

/// The label of the level classification `ci` decides; panics when undetermined.
pub fn level(s: &Scorer, ci: usize) -> String {
    let sum = s.summary();
    let o = sum.classifications[ci].outcome.as_ref().expect("a level");
    s.ruleset().classifications[ci].levels[o.level].label.clone()
}

// ────────────────────────────────── the CLI ─────────────────────────────────

/// Runs `chamdiem` from the repository's root.
pub fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_chamdiem")).args(args).current_dir(repo()).output().unwrap()
}

/// Program output as text (invalid UTF-8 replaced).
pub fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// A scratch directory of one test alone (tests run in parallel).
pub fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("chamdiem-test-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

// ─────────────────────────── the office's consolidation ───────────────────────────

/// One agency's file for the office's tests, made through the core's API.
pub struct AgencyFile {
    pub code: &'static str,
    pub name: &'static str,
    /// Self-scores by item key ("1", "2", "5", "6"), and the agency's own
    /// estimates of the parts scored by others ("3", "4").
    pub scores: &'static [(&'static str, &'static str)],
    /// An appraisal (round 1): (key, value, reason); none = self-scores only.
    pub appraisal: Option<&'static [(&'static str, &'static str, &'static str)]>,
    /// Written as a v1 submission instead of a dossier.
    pub v1: bool,
}

/// The file's JSON text on the bundled ruleset `file` (e.g. [`DAKLAK_01`]):
/// a dossier (self-assessment, then the appraisal if any) or a v1 submission.
/// The discipline question is answered "no".
pub fn agency_file(ruleset_file: &str, a: &AgencyFile) -> String {
    let (rs, sha) = ruleset_and_hash(ruleset_file);
    agency_file_on(&rs, &sha, a)
}

/// As [`agency_file`], on a ruleset given loaded, with its file's SHA-256.
pub fn agency_file_on(rs: &Arc<Ruleset>, sha: &str, a: &AgencyFile) -> String {
    use chamdiem_core::record::{Agency, Dossier, Draft, Entry, RulesetStamp, Signer, Stage, StageKind, Submission};
    let (rs, sha) = (rs.clone(), sha.to_string());
    let stamp = RulesetStamp { id: rs.id.clone(), version: rs.version.clone(), sha256: sha };
    let mut draft = Draft::new(a.code.to_lowercase(), stamp, "2025-12-10T09:00:00+07:00");
    draft.agency = Agency { name: a.name.into(), code: a.code.into(), year: "2025".into(), ..Agency::default() };
    for (k, v) in a.scores {
        draft.entries.insert((*k).into(), Entry { value: Some((*v).into()), ..Entry::default() });
    }
    draft.conditions.insert("lanh_dao_bi_ky_luat".into(), false);
    if a.v1 {
        let (s, problems) = draft.scorer(rs.clone());
        assert!(problems.is_empty(), "{}", described(&problems));
        return serde_json::to_string_pretty(&Submission::build(&draft, &s, "0.1.0")).unwrap();
    }
    let unit = Signer { unit: a.name.into(), person: "Người lập".into() };
    let mut d = Dossier::from_draft(&draft, &rs, "0.1.0", unit, "2025-12-10T09:00:00+07:00").unwrap_or_else(|p| panic!("{}: {}", a.name, described(&p)));
    if let Some(appraisal) = a.appraisal {
        let council = Signer { unit: "Hội đồng thẩm định".into(), person: "Thành viên".into() };
        let mut st = Stage::new(StageKind::ThamDinh1, council, "2025-12-20T10:00:00+07:00");
        for (k, v, why) in appraisal {
            st.entries.insert((*k).into(), Entry { value: Some((*v).into()), reason: (*why).into(), ..Entry::default() });
        }
        d.append(st, &rs).unwrap_or_else(|p| panic!("{}: {}", a.name, described(&p)));
    }
    serde_json::to_string_pretty(&d).unwrap()
}

/// Confirms content 1 as self-scored (an appraisal that changes nothing needs no reason).
const SAME: Option<&[(&str, &str, &str)]> = Some(&[("1", "45", "")]);

macro_rules! agency {
    ($code:literal, $name:literal, $c1:literal, $c2:literal, $c5:literal, $c6:literal, $appraisal:expr, $v1:literal) => {
        AgencyFile {
            code: $code,
            name: $name,
            scores: &[("1", $c1), ("2", $c2), ("3", "12"), ("4", "5"), ("5", $c5), ("6", $c6)],
            appraisal: $appraisal,
            v1: $v1,
        }
    };
}

/// Twenty-nine agencies of Chỉ số 01 with files (with the Chỉ số 02 file of
/// `office_scenario`, the thirty files of the browser test), for the office's tests. Every
/// one estimates contents 3 and 4 at their maximum (12 and 5); the office's
/// scores ([`OFFICE_OTHERS_CSV`]) replace the estimates. Totals, by hand:
/// A01 97 · A02 94 · A03 94 · A04 91 · A05 85 · A06 85 · A07 84 · A08 84 ·
/// A09 82 · A10 82 · A11 77 · A12 75 · A13 73,5 · A14 66 · A15 54;
/// A16 100 (assessed, not ranked: the roster says so); A17 is missing
/// content 4 in the office's scores; A19 53 down to A30 42, one point apart.
pub const OFFICE_AGENCIES: &[AgencyFile] = &[
    agency!("A01", "Cơ quan 01", "45", "35", "0", "0", Some(&[("1", "45", "")]), false),
    agency!("A02", "Cơ quan 02", "44", "34", "0,5", "0", Some(&[("1", "44", "")]), false),
    agency!("A03", "Cơ quan 03", "44", "34", "0", "0", Some(&[("1", "44", "")]), false),
    // Self-scored 44 on content 1, appraised 43.
    agency!("A04", "Cơ quan 04", "44", "33", "0", "0", Some(&[("1", "43", "Thiếu tài liệu kiểm chứng một nhiệm vụ.")]), false),
    agency!("A05", "Cơ quan 05", "40", "30", "1", "0", Some(&[("1", "40", "")]), false),
    agency!("A06", "Cơ quan 06", "41", "29", "1", "0", Some(&[("1", "41", "")]), false),
    agency!("A07", "Cơ quan 07", "40", "31", "0", "0", Some(&[("1", "40", "")]), false),
    agency!("A08", "Cơ quan 08", "40", "30", "0", "0", Some(&[("1", "40", "")]), false),
    agency!("A09", "Cơ quan 09", "38", "30", "0", "0", Some(&[("1", "38", "")]), false),
    agency!("A10", "Cơ quan 10", "38", "30", "1", "0", Some(&[("1", "38", "")]), false),
    agency!("A11", "Cơ quan 11", "36", "28", "0", "0", None, false),
    agency!("A12", "Cơ quan 12", "35", "27", "0", "0", None, false),
    agency!("A13", "Cơ quan 13", "35", "26", "0", "0,5", None, false),
    agency!("A14", "Cơ quan 14", "30", "25", "0", "0", None, true),
    agency!("A15", "Cơ quan 15", "25", "20", "0", "1", None, false),
    agency!("A16", "Cơ quan 16", "45", "35", "3", "0", SAME, false),
    agency!("A17", "Cơ quan 17", "40", "30", "0", "0", None, false),
    // Twelve more, self-assessed only, below A15 and below "hoàn thành tốt":
    // the quota's base (12) is unchanged. Totals 53 down to 42 with the
    // office's 7 and 3 for contents 3 and 4.
    agency!("A19", "Cơ quan 19", "25", "18", "0", "0", None, false),
    agency!("A20", "Cơ quan 20", "25", "17", "0", "0", None, false),
    agency!("A21", "Cơ quan 21", "24", "17", "0", "0", None, false),
    agency!("A22", "Cơ quan 22", "24", "16", "0", "0", None, false),
    agency!("A23", "Cơ quan 23", "23", "16", "0", "0", None, false),
    agency!("A24", "Cơ quan 24", "23", "15", "0", "0", None, false),
    agency!("A25", "Cơ quan 25", "22", "15", "0", "0", None, false),
    agency!("A26", "Cơ quan 26", "22", "14", "0", "0", None, false),
    agency!("A27", "Cơ quan 27", "21", "14", "0", "0", None, false),
    agency!("A28", "Cơ quan 28", "21", "13", "0", "0", None, false),
    agency!("A29", "Cơ quan 29", "20", "13", "0", "0", None, false),
    agency!("A30", "Cơ quan 30", "20", "12", "0", "0", None, true),
];

/// The office's roster: the twenty-nine with files, A16 not ranked, and A18,
/// whose file never came.
pub const OFFICE_ROSTER_CSV: &str = "code,agency,group,ranked\nA01,Cơ quan 01,Sở,\nA02,Cơ quan 02,Sở,\nA03,Cơ quan 03,Sở,\n\
A04,Cơ quan 04,Sở,\nA05,Cơ quan 05,Sở,\nA06,Cơ quan 06,Sở,\nA07,Cơ quan 07,Sở,\nA08,Cơ quan 08,Sở,\nA09,Cơ quan 09,Sở,\n\
A10,Cơ quan 10,Sở,\nA11,Cơ quan 11,Sở,\nA12,Cơ quan 12,Sở,\nA13,Cơ quan 13,Sở,\nA14,Cơ quan 14,Sở,\nA15,Cơ quan 15,Sở,\n\
A16,Cơ quan 16,Sở,không\nA17,Cơ quan 17,Sở,\nA18,Cơ quan 18,Sở,\nA19,Cơ quan 19,Sở,\nA20,Cơ quan 20,Sở,\n\
A21,Cơ quan 21,Sở,\nA22,Cơ quan 22,Sở,\nA23,Cơ quan 23,Sở,\nA24,Cơ quan 24,Sở,\nA25,Cơ quan 25,Sở,\nA26,Cơ quan 26,Sở,\n\
A27,Cơ quan 27,Sở,\nA28,Cơ quan 28,Sở,\nA29,Cơ quan 29,Sở,\nA30,Cơ quan 30,Sở,\n";

/// Contents 3 and 4 as the office's spreadsheet gives them: Excel's
/// Vietnamese export (BOM, semicolons, decimal commas; one point too).
pub const OFFICE_OTHERS_CSV: &str = "\u{feff}code;agency;3;part:4\r\nA01;Cơ quan 01;12;5\r\nA02;Cơ quan 02;11;4,5\r\n\
A03;Cơ quan 03;11;5\r\nA04;Cơ quan 04;11;4\r\nA05;Cơ quan 05;10;4\r\nA06;Cơ quan 06;10;4\r\nA07;Cơ quan 07;9;4\r\n\
A08;Cơ quan 08;10;4\r\nA09;Cơ quan 09;10;4\r\nA10;Cơ quan 10;9;4\r\nA11;Cơ quan 11;9;4\r\nA12;Cơ quan 12;9;4\r\n\
A13;Cơ quan 13;9;4\r\nA14;Cơ quan 14;8;3.0\r\nA15;Cơ quan 15;7;3\r\nA16;Cơ quan 16;12;5\r\nA17;Cơ quan 17;10;\r\n\
A19;Cơ quan 19;7;3\r\nA20;Cơ quan 20;7;3\r\nA21;Cơ quan 21;7;3\r\nA22;Cơ quan 22;7;3\r\nA23;Cơ quan 23;7;3\r\n\
A24;Cơ quan 24;7;3\r\nA25;Cơ quan 25;7;3\r\nA26;Cơ quan 26;7;3\r\nA27;Cơ quan 27;7;3\r\nA28;Cơ quan 28;7;3\r\n\
A29;Cơ quan 29;7;3\r\nA30;Cơ quan 30;7;3\r\n";

/// Writes the office's scenario into `dir`: one file per agency (named
/// `<code>.json`), one Chỉ số 02 dossier (`other-ruleset.json`), the roster
/// and the others' scores. Returns the files' paths, the agencies' first.
pub fn office_scenario(dir: &Path) -> (Vec<PathBuf>, PathBuf, PathBuf) {
    let mut files = Vec::new();
    for a in OFFICE_AGENCIES {
        let p = dir.join(format!("{}.json", a.code));
        std::fs::write(&p, agency_file(DAKLAK_01, a)).unwrap();
        files.push(p);
    }
    let other = agency!("B01", "Đơn vị 01", "40", "30", "0", "0", None, false);
    let p = dir.join("other-ruleset.json");
    std::fs::write(&p, agency_file("daklak-2025-chi-so-02.json", &other)).unwrap();
    files.push(p);
    let (roster, others) = (dir.join("roster.csv"), dir.join("others.csv"));
    std::fs::write(&roster, OFFICE_ROSTER_CSV).unwrap();
    std::fs::write(&others, OFFICE_OTHERS_CSV).unwrap();
    (files, roster, others)
}

// ───────────────────────────── appraisal rounds ─────────────────────────────

/// The appraisal council of the Đắk Lắk worked example, as a stage's signer.
pub fn council() -> chamdiem_core::record::Signer {
    chamdiem_core::record::Signer { unit: "Hội đồng thẩm định tỉnh Đắk Lắk (Tổ giúp việc, Sở Nội vụ)".into(), person: "Trần Văn Minh".into() }
}

/// An appraised entry: the value as typed and its reason.
pub fn appraised(value: &str, reason: &str) -> chamdiem_core::record::Entry {
    chamdiem_core::record::Entry { value: Some(value.into()), reason: reason.into(), ..Default::default() }
}

// ─────────────────────────── evidence packages ───────────────────────────

/// An evidence file's content, made up: `n` bytes from `seed` (a PDF's head
/// first, so it looks like one).
pub fn file_bytes(seed: u8, n: usize) -> Vec<u8> {
    let mut b = b"%PDF-1.7\n".to_vec();
    b.extend((0..n).map(|i| (i as u8).wrapping_mul(31).wrapping_add(seed)));
    b
}

/// A `FileRef` for `bytes` named `name` (its path not yet given).
pub fn file_ref(name: &str, media_type: &str, bytes: &[u8]) -> chamdiem_core::record::FileRef {
    chamdiem_core::record::FileRef { name: name.into(), media_type: media_type.into(), size: bytes.len() as u64, sha256: sha256_hex(bytes), path: String::new() }
}

/// The training ruleset's example as a dossier at `tu_cham` with evidence
/// files attached, their paths given as the stage is sealed: on 1/1.1 a
/// decision and a photo, and two files whose names differ only in case; on
/// 2/2.1 a file named like a Windows device and one with `:` and `?`; the
/// decision again on 2/2.1. Returns the dossier and each content by SHA-256.
pub fn evidence_dossier() -> (chamdiem_core::record::Dossier, std::collections::BTreeMap<String, Vec<u8>>) {
    use chamdiem_core::record::{Agency, Dossier, Draft, EntriesFile, Evidence, RulesetStamp, Signer};
    let (rs, sha) = ruleset_and_hash(TRAINING);
    let example: EntriesFile = serde_json::from_str(&read_repo("rulesets/examples/tap-huan-mau.json")).unwrap();
    let mut draft = Draft::new("d1".into(), RulesetStamp { id: rs.id.clone(), version: rs.version.clone(), sha256: sha }, "2025-12-10T09:00:00+07:00");
    draft.agency = Agency { name: "Sở Tư pháp".into(), code: "STP".into(), year: "2025".into(), ..Agency::default() };
    draft.entries = example.entries.clone();
    draft.conditions = example.conditions.clone();
    let contents = [file_bytes(1, 3000), file_bytes(2, 500), file_bytes(3, 40), file_bytes(4, 41), file_bytes(5, 7), file_bytes(6, 9)];
    let refs = [
        file_ref("Quyết định 215.pdf", "application/pdf", &contents[0]),
        file_ref("Ảnh chụp hội nghị.png", "image/png", &contents[1]),
        file_ref("Báo cáo.pdf", "application/pdf", &contents[2]),
        file_ref("báo cáo.pdf", "application/pdf", &contents[3]),
        file_ref("CON.pdf", "application/pdf", &contents[4]),
        file_ref("Kế hoạch: ai? làm gì.docx", "", &contents[5]),
    ];
    let evidence = |files: Vec<chamdiem_core::record::FileRef>| Evidence { files, ..Evidence::default() };
    draft.entries.get_mut("1/1.1").unwrap().evidence = vec![
        Evidence { number: "215/QĐ-STP".into(), summary: "Quyết định ban hành kế hoạch".into(), files: vec![refs[0].clone()], ..Evidence::default() },
        evidence(vec![refs[1].clone(), refs[2].clone(), refs[3].clone()]),
    ];
    draft.entries.get_mut("2/2.1").unwrap().evidence = vec![evidence(vec![refs[4].clone(), refs[5].clone(), refs[0].clone()])];
    // Sealing gives each file its path in the package (`package::plan`).
    let d = Dossier::from_draft(&draft, &rs, "0.1.0", Signer { unit: "Sở Tư pháp".into(), person: "Lê Thị Hoa".into() }, "2025-12-10T09:00:00+07:00")
        .unwrap_or_else(|p| panic!("{}", described(&p)));
    (d, contents.into_iter().map(|c| (sha256_hex(&c), c)).collect())
}

/// The package of `dossier` (its files by SHA-256 from `contents`), as the
/// app assembles it: `ho-so.json` first, then each planned file, stored.
pub fn package_of(dossier: &chamdiem_core::record::Dossier, contents: &std::collections::BTreeMap<String, Vec<u8>>) -> Vec<u8> {
    let json = serde_json::to_string_pretty(dossier).unwrap() + "\n";
    let (plan, problems) = chamdiem_core::package::listed(dossier.stages.iter().flat_map(|s| &s.entries));
    assert!(problems.is_empty(), "{problems:?}");
    let mut files: Vec<(&str, &[u8])> = vec![(chamdiem_core::package::DOSSIER_NAME, json.as_bytes())];
    files.extend(plan.files.iter().map(|f| (f.path.as_str(), contents[&f.sha256].as_slice())));
    let time = chamdiem_core::package::write::dos_time(&dossier.stages.last().unwrap().at);
    chamdiem_core::package::write::assemble(&files, time).unwrap()
}

/// The evidence dossier's package and its parts.
pub fn evidence_package() -> (Vec<u8>, chamdiem_core::record::Dossier, std::collections::BTreeMap<String, Vec<u8>>) {
    let (d, contents) = evidence_dossier();
    (package_of(&d, &contents), d, contents)
}

/// One entry of a hand-made ZIP (`raw_zip`): any name, method, flags and
/// declared size, to build what no honest writer would.
pub struct RawEntry {
    pub name: Vec<u8>,
    pub data: Vec<u8>,
    pub method: u16,
    pub flags: u16,
    pub crc32: u32,
    /// The uncompressed size declared.
    pub size: u32,
}

impl RawEntry {
    /// A stored entry, declared truthfully.
    pub fn stored(name: &str, data: &[u8]) -> Self {
        RawEntry { name: name.as_bytes().to_vec(), data: data.to_vec(), method: 0, flags: 0x800, crc32: chamdiem_core::package::crc32::crc32(data), size: data.len() as u32 }
    }

    /// A deflated entry of `plain`, declared truthfully.
    pub fn deflated(name: &str, plain: &[u8]) -> Self {
        use std::io::Write;
        let mut enc = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::fast());
        enc.write_all(plain).unwrap();
        RawEntry { name: name.as_bytes().to_vec(), data: enc.finish().unwrap(), method: 8, flags: 0x800, crc32: chamdiem_core::package::crc32::crc32(plain), size: plain.len() as u32 }
    }
}

/// A ZIP written by hand, independently of the core's writer: each entry's
/// local header and data, the central directory, the end record.
pub fn raw_zip(entries: &[RawEntry]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut cd = Vec::new();
    for e in entries {
        let offset = out.len() as u32;
        let fixed = |sig: u32, central: bool| {
            let mut h = sig.to_le_bytes().to_vec();
            if central {
                h.extend(20u16.to_le_bytes());
            }
            for v in [20u16, e.flags, e.method, 0, 33] {
                h.extend(v.to_le_bytes());
            }
            for v in [e.crc32, e.data.len() as u32, e.size] {
                h.extend(v.to_le_bytes());
            }
            h.extend((e.name.len() as u16).to_le_bytes());
            h.extend(0u16.to_le_bytes());
            if central {
                for v in [0u16, 0, 0] {
                    h.extend(v.to_le_bytes());
                }
                h.extend(0u32.to_le_bytes());
                h.extend(offset.to_le_bytes());
            }
            h.extend(&e.name);
            h
        };
        out.extend(fixed(0x0403_4b50, false));
        out.extend(&e.data);
        cd.extend(fixed(0x0201_4b50, true));
    }
    let cd_offset = out.len() as u32;
    out.extend(&cd);
    out.extend(0x0605_4b50u32.to_le_bytes());
    let n = entries.len().min(0xFFFF) as u16;
    for v in [0u16, 0, n, n] {
        out.extend(v.to_le_bytes());
    }
    out.extend((cd.len() as u32).to_le_bytes());
    out.extend(cd_offset.to_le_bytes());
    out.extend(0u16.to_le_bytes());
    out
}
