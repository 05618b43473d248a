//! Shared by the core's tests: where the repository is, reading its files,
//! loading a bundled ruleset, setting values by key, running the
//! `chamdiem` program. Each test file includes it with `mod common;` and
//! uses what it needs.
#![allow(dead_code)]

use chamdiem_core::record::sha256_hex;
use chamdiem_core::{load_ruleset, Ruleset, Scorer};
use rust_decimal::Decimal;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::str::FromStr;
use std::sync::Arc;

pub const DAKLAK_01: &str = "daklak-2025-chi-so-01.json";

/// The repository's root.
pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// A file of the repository, by its path from the root.
pub fn read_repo(rel: &str) -> String {
    std::fs::read_to_string(repo().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
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

pub fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

/// A bundled ruleset by file name ("tap-huan-mau.json"), loaded.
pub fn ruleset(file: &str) -> Arc<Ruleset> {
    let text = read_repo(&format!("rulesets/{file}"));
    Arc::new(load_ruleset(&text).unwrap_or_else(|p| panic!("{file}: {p:?}")))
}

/// A bundled ruleset and the SHA-256 of its file.
pub fn ruleset_and_hash(file: &str) -> (Arc<Ruleset>, String) {
    let text = read_repo(&format!("rulesets/{file}"));
    (ruleset(file), sha256_hex(text.as_bytes()))
}

/// Every bundled ruleset (not the index), by file name.
pub fn bundled_rulesets() -> Vec<Arc<Ruleset>> {
    json_files(&repo().join("rulesets"))
        .iter()
        .filter(|p| !p.ends_with("index.json"))
        .map(|p| ruleset(p.file_name().unwrap().to_str().unwrap()))
        .collect()
}

/// A fresh scorer on a bundled ruleset.
pub fn scorer(file: &str) -> Scorer {
    Scorer::new(ruleset(file))
}

/// Types `raw` into the item with key `key`.
pub fn set(s: &mut Scorer, key: &str, raw: &str) {
    let id = s.ruleset().find(key).unwrap_or_else(|| panic!("no node {key}"));
    s.set_value(id, raw);
}

/// Runs `chamdiem` from the repository's root.
pub fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_chamdiem")).args(args).current_dir(repo()).output().unwrap()
}

pub fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// A scratch directory of one test alone (tests run in parallel).
pub fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("chamdiem-test-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}
