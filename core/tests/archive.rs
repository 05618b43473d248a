//! rulesets/archive: earlier versions of the bundled rulesets, kept so that a
//! submission made on one of them is checked against the file it was made
//! with. Each file is named after its SHA-256, loads, belongs to the index
//! entry that lists it; every listed file is there; a current file is never
//! in the archive.

use chamdiem_core::json::parse_json;
use chamdiem_core::record::sha256_hex;
use chamdiem_core::ruleset::index::RulesetIndex;
use chamdiem_core::{load_ruleset, Lang};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

fn rulesets() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../rulesets")
}

fn index() -> RulesetIndex {
    parse_json(&std::fs::read_to_string(rulesets().join("index.json")).unwrap()).unwrap()
}

#[test]
fn every_archived_file_hashes_to_its_name_loads_and_is_listed_under_its_id() {
    let index = index();
    // file → (index entry id, listed version)
    let mut listed: HashMap<String, (&str, &str)> = HashMap::new();
    for e in &index.rulesets {
        for a in &e.archive {
            assert!(listed.insert(a.file.clone(), (e.id.as_str(), a.version.as_str())).is_none(), "{} is listed twice", a.file);
        }
    }
    let mut seen = 0;
    for entry in std::fs::read_dir(rulesets().join("archive")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_string();
        let bytes = std::fs::read(&path).unwrap();
        assert_eq!(name, format!("{}.json", sha256_hex(&bytes)), "an archived file is named after its SHA-256 (and never edited)");
        let text = String::from_utf8(bytes).unwrap();
        let rs = load_ruleset(&text).unwrap_or_else(|p| {
            panic!("archive/{name}: {}", p.iter().map(|p| p.describe(Lang::Vi)).collect::<Vec<_>>().join("; "))
        });
        let Some(&(id, version)) = listed.get(&format!("archive/{name}")) else {
            panic!("archive/{name} is not listed in rulesets/index.json");
        };
        assert_eq!(rs.id, id, "archive/{name} is listed under another ruleset");
        assert_eq!(rs.version, version, "archive/{name}: the index gives another version");
        seen += 1;
    }
    assert!(seen >= 8, "the archive holds the earlier version of each bundled ruleset");
}

#[test]
fn every_listed_version_is_there_and_no_current_file_is_archived() {
    let index = index();
    let current: HashSet<String> =
        index.rulesets.iter().map(|e| sha256_hex(&std::fs::read(rulesets().join(&e.file)).unwrap())).collect();
    for e in &index.rulesets {
        for a in &e.archive {
            assert_eq!(a.file, format!("archive/{}.json", a.sha256), "{}: an archived file is named after its SHA-256", e.id);
            let bytes = std::fs::read(rulesets().join(&a.file)).unwrap_or_else(|_| panic!("{} is listed but missing", a.file));
            assert_eq!(sha256_hex(&bytes), a.sha256, "{}: listed hash", a.file);
            assert!(!current.contains(&a.sha256), "{}: the current file of a ruleset is not in the archive", a.file);
            assert_eq!(e.archived(&a.sha256).map(|x| &x.file), Some(&a.file));
        }
        assert!(e.archived(&sha256_hex(&std::fs::read(rulesets().join(&e.file)).unwrap())).is_none());
    }
}
