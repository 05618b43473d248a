//! `ruleset::catalog`: the command line carries every bundled ruleset file,
//! current and archived, byte for byte, and finds each by its SHA-256.
#![cfg(feature = "bundled-rulesets")]

use chamdiem_core::json::parse_json;
use chamdiem_core::record::sha256_hex;
use chamdiem_core::ruleset::catalog;
use chamdiem_core::ruleset::index::RulesetIndex;
use std::path::{Path, PathBuf};

fn rulesets() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../rulesets")
}

/// Paths relative to rulesets/ of every ruleset file on disk, current and archived.
fn on_disk() -> Vec<String> {
    let mut v = Vec::new();
    for (dir, prefix) in [(rulesets(), ""), (rulesets().join("archive"), "archive/")] {
        for e in std::fs::read_dir(dir).unwrap() {
            let path = e.unwrap().path();
            let name = path.file_name().unwrap().to_str().unwrap();
            if path.is_file() && name.ends_with(".json") && name != "index.json" {
                v.push(format!("{prefix}{name}"));
            }
        }
    }
    v.sort();
    v
}

#[test]
fn every_ruleset_file_is_carried_byte_for_byte() {
    let paths: Vec<&str> = catalog::files().iter().map(|f| f.path).collect();
    assert_eq!(paths, on_disk(), "the catalog is rulesets/*.json (not the index) and rulesets/archive/*.json");
    for f in catalog::files() {
        assert_eq!(f.text, std::fs::read_to_string(rulesets().join(f.path)).unwrap(), "{}", f.path);
        assert_eq!(f.is_archived(), f.path.starts_with("archive/"));
    }
    assert!(catalog::files().iter().filter(|f| f.is_archived()).count() >= 8);
}

#[test]
fn each_file_is_found_by_its_hash() {
    for path in on_disk() {
        let text = std::fs::read_to_string(rulesets().join(&path)).unwrap();
        let sha = sha256_hex(text.as_bytes());
        assert_eq!(catalog::by_sha256(&sha), Some(text.as_str()), "{path}");
        assert_eq!(catalog::by_sha256(&sha.to_ascii_uppercase()), Some(text.as_str()), "{path}, upper case");
    }
    let archived = "a17cacf9df7ac855f489e049dc48ecb58c59b92c472efc2fca5c32b4a9d24b36";
    let text = catalog::by_sha256(archived).expect("Chỉ số 01's first version is archived");
    assert_eq!(sha256_hex(text.as_bytes()), archived);
    assert_ne!(catalog::current("daklak-2025-chi-so-01"), Some(text));
    assert_eq!(catalog::by_sha256(&"0".repeat(64)), None);
    assert_eq!(catalog::by_sha256(""), None);
}

#[test]
fn the_current_file_of_each_indexed_ruleset() {
    let index: RulesetIndex = parse_json(&std::fs::read_to_string(rulesets().join("index.json")).unwrap()).unwrap();
    for e in &index.rulesets {
        let text = std::fs::read_to_string(rulesets().join(&e.file)).unwrap();
        assert_eq!(catalog::current(&e.id), Some(text.as_str()), "{}", e.id);
        for a in &e.archive {
            assert!(catalog::by_sha256(&a.sha256).is_some(), "{}", a.file);
        }
    }
    assert_eq!(catalog::current("index"), None);
    assert_eq!(catalog::current("khong-co"), None);
    assert_eq!(catalog::current("archive/a17cacf9df7ac855f489e049dc48ecb58c59b92c472efc2fca5c32b4a9d24b36"), None);
}
