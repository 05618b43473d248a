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
