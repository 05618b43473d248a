//! Hostile and broken input: every loader refuses or handles it with a
//! message, never a panic, and within bounds. Generated here rather than
//! committed where the files would be large (10 MB, 10,000-deep nesting).
//! Property-based fuzzing (proptest) of the same entry points follows.

mod common;

use common::*;
use chamdiem_core::decimal::parse_user_decimal;
use chamdiem_core::record::EntriesFile;
use chamdiem_core::json::parse_json;
use chamdiem_core::record::{parse_dossier, parse_incoming, parse_submission, verify_dossier, Dossier};
use chamdiem_core::{load_ruleset, Lang, Scorer};
use proptest::prelude::*;
use std::sync::Arc;
use std::time::{Duration, Instant};

fn ruleset_text() -> String {
    read_repo("rulesets/tap-huan-mau.json")
}

/// A dossier verified against the Đắk Lắk ruleset it names: the findings.
/// The corpus is bytes as sent, made on a copy of Chỉ số 01 that a later
/// version may have moved to rulesets/archive: as the app does, the copy the
/// dossier names is found there by its hash (the current file otherwise).
fn verify_daklak(d: &Dossier) -> Vec<String> {
    let index: chamdiem_core::ruleset::index::RulesetIndex = parse_json(&read_repo("rulesets/index.json")).unwrap();
    let entry = index.rulesets.iter().find(|e| e.id == "daklak-2025-chi-so-01").unwrap();
    let file = entry.archived(&d.ruleset.sha256).map_or(&entry.file, |a| &a.file);
    let text = read_repo(format!("rulesets/{file}"));
    let rs = Arc::new(load_ruleset(&text).unwrap());
    let sha = chamdiem_core::record::sha256_hex(text.as_bytes());
    verify_dossier(d, Some((rs, &sha)), Lang::Vi).findings.into_iter().map(|f| f.text).collect()
}

/// Every entry point at once; returns the messages (all must be non-empty
/// when refused). A panic fails the test; so does taking more than 2 s.
fn feed(text: &str) -> Vec<String> {
    let t = Instant::now();
    let mut msgs = Vec::new();
    if let Err(p) = load_ruleset(text) {
        msgs.extend(p.iter().map(|p| p.describe(Lang::Vi)));
    }
    if let Err(p) = parse_submission(text) {
        msgs.extend(p.iter().map(|p| p.describe(Lang::Vi)));
    }
    if let Err(p) = parse_json::<EntriesFile>(text) {
        msgs.extend(p.iter().map(|p| p.describe(Lang::En)));
    }
    match parse_dossier(text) {
        Err(p) => msgs.extend(p.iter().map(|p| p.describe(Lang::Vi))),
        Ok(d) => msgs.extend(verify_daklak(&d)),
    }
    assert!(t.elapsed() < Duration::from_secs(2), "took {:?}", t.elapsed());
    assert!(msgs.iter().all(|m| !m.trim().is_empty()));
    msgs
}

#[test]
fn ten_megabytes_are_refused_with_the_size() {
    let big = format!("{{\"title\": \"{}\"}}", "a".repeat(10 * 1024 * 1024));
    let m = feed(&big);
    assert!(m[0].contains("tệp quá lớn"), "{m:?}");
}

#[test]
fn ten_thousand_deep_nesting_is_refused_without_recursion() {
    let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    let m = feed(&deep);
    assert!(m[0].contains("lồng nhau quá sâu"), "{m:?}");
    let deep_obj = format!("{}1{}", "{\"a\":".repeat(10_000), "}".repeat(10_000));
    assert!(feed(&deep_obj)[0].contains("lồng nhau quá sâu"));
}

#[test]
fn numbers_with_forty_digits_nan_and_infinity_are_refused() {
    let text = ruleset_text();
    for bad in ["\"1234567890123456789012345678901234567890\"", "\"NaN\"", "\"Infinity\"", "\"-inf\"", "1e400", "12"] {
        let t = text.replacen("\"max_total\": \"100\"", &format!("\"max_total\": {bad}"), 1);
        assert_ne!(t, text, "the replacement happened");
        let m = feed(&t);
        assert!(m.iter().any(|m| m.starts_with("max_total")), "{bad}: {m:?}");
    }
    for typed in ["1234567890123456789012345678901234567890", "NaN", "Infinity", "1e400", "0x1F", "١٢"] {
        assert!(parse_user_decimal(typed).is_err(), "{typed}");
    }
}

#[test]
fn wrong_types_duplicate_keys_bom_and_utf16() {
    let text = ruleset_text();
    // Wrong type: sections as an object.
    let m = feed(&text.replacen("\"sections\": [", "\"sections\": {\"x\": [", 1));
    assert!(!m.is_empty());
    // Duplicate key: refused with its name, not silently "last one wins".
    let dup = text.replacen("\"title\":", "\"title\": \"một\", \"title\":", 1);
    assert!(feed(&dup).iter().any(|m| m.contains("title")), "{:?}", feed(&dup));
    // A byte-order mark is accepted (files saved by Notepad).
    assert!(load_ruleset(&format!("\u{feff}{text}")).is_ok());
    // UTF-16 arrives as bytes a browser or `read_to_string` cannot turn into
    // this text; what does arrive (with NULs between letters) is refused.
    let utf16: String = text.chars().take(200).flat_map(|c| [c, '\0']).collect();
    assert!(!feed(&utf16).is_empty());
}

#[test]
fn html_and_script_in_text_fields_are_kept_as_plain_text() {
    // The core keeps text as it is; the web view renders it as text (Leptos
    // escapes text nodes), and no field is ever parsed as HTML.
    let text = ruleset_text().replacen("Công tác chỉ đạo, điều hành (minh họa)", "<img src=x onerror=alert(1)><script>alert(2)</script>", 1);
    let rs = load_ruleset(&text).unwrap();
    assert!(rs.nodes.iter().any(|n| n.title.contains("<script>alert(2)</script>")));
}

fn fragments() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("{".to_string()),
        Just("}".to_string()),
        Just("[".to_string()),
        Just("]".to_string()),
        Just(",".to_string()),
        Just(":".to_string()),
        Just("\"".to_string()),
        Just("\"max\"".to_string()),
        Just("\"children\"".to_string()),
        Just("\"0.25\"".to_string()),
        Just("null".to_string()),
        Just("-1".to_string()),
        "[a-z0-9 .,\\\\\"{}\\[\\]:]{0,8}",
        any::<String>(),
    ]
}

proptest! {
    // PROPTEST_CASES overrides the quick default, for long fuzzing runs.
    #![proptest_config(ProptestConfig { cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(200), ..ProptestConfig::default() })]

    /// Any bytes as the office's spreadsheets, and CSV-like text as the
    /// others' scores of a consolidation: no panic, every problem in words
    /// naming the file.
    #[test]
    fn arbitrary_spreadsheets_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..200), text in "[code;agency,3 4/\"part:\n\r0-9A-Z.\u{1ea0}-\u{1ef9}]{0,120}") {
        use chamdiem_core::office::{consolidate, read_others, read_roster, Options};
        for b in [&bytes[..], text.as_bytes()] {
            let (_, p1) = read_roster("r.csv", b);
            let (others, p2) = read_others("o.csv", b);
            for p in p1.iter().chain(&p2) {
                prop_assert!(p.describe(Lang::Vi).starts_with("r.csv") || p.describe(Lang::Vi).starts_with("o.csv"));
            }
            let daklak = read_repo("rulesets/daklak-2025-chi-so-01.json");
            let (rs, sha) = (Arc::new(load_ruleset(&daklak).unwrap()), chamdiem_core::record::sha256_hex(daklak.as_bytes()));
            let dossier = std::fs::read(repo().join("tests/dossiers/daklak-01-worked-example.dossier.json")).unwrap();
            let none = |_: &str| None;
            let options = Options { given: Some((rs, sha)), by_sha256: &none, current: &|_: &str| None, roster: None, others: Some(&others), by: Default::default(), at: String::new(), app_version: String::new(), lang: Lang::En };
            let c = consolidate(&[("d.json", dossier)], &options);
            prop_assert!(c.refused.is_empty(), "{:?}", c.refused);
        }
    }

    /// Any text at all: no panic, a message when refused.
    #[test]
    fn arbitrary_text_never_panics(text in any::<String>()) {
        feed(&text);
        let _ = parse_user_decimal(&text);
    }

    /// Number-like text in a score field: no panic; what is accepted is shown
    /// (Vietnamese and English) in a form that reads back as the same number,
    /// and "0,5" and "0.5" are the same; what is refused is refused either way.
    #[test]
    fn typed_scores_read_back_as_shown(raw in "[ ]?[-\u{2212}]?[0-9]{0,32}([,.][0-9]{0,32})?[ ]?|[0-9,.\\-e+ ]{0,12}") {
        let parsed = parse_user_decimal(&raw);
        if let Ok(d) = parsed {
            for lang in [Lang::Vi, Lang::En] {
                let shown = chamdiem_core::decimal::format_decimal(d, lang);
                prop_assert_eq!(parse_user_decimal(&shown), Ok(d), "{:?} shown as {:?}", raw, shown);
            }
        }
        prop_assert_eq!(parse_user_decimal(&raw.replacen(',', ".", 1)), parsed.clone());
        prop_assert_eq!(parse_user_decimal(&raw.replacen('.', ",", 1)), parsed);
    }

    /// A real ruleset with a random cut and a random insertion: no panic;
    /// when it loads, scoring its items with random text does not panic either.
    /// The worked-example dossier with a random cut and insertion: no panic,
    /// bounded time; read back, it is verified (and a change found) or refused.
    #[test]
    fn mutated_dossiers_never_panic(cut in any::<prop::sample::Index>(), len in 0usize..40, insert in prop::collection::vec(fragments(), 0..6)) {
        let base = read_repo("tests/dossiers/daklak-01-worked-example.dossier.json");
        let mut chars: Vec<char> = base.chars().collect();
        let at = cut.index(chars.len());
        let end = (at + len).min(chars.len());
        chars.splice(at..end, insert.concat().chars());
        let text: String = chars.into_iter().collect();
        let msgs = feed(&text);
        // Any change of meaning is found: in the chain, a stage's rules or the
        // results. (`app_version` and `$schema` are not sealed: informative.)
        if let (Ok(mut d), Ok(b)) = (parse_dossier(&text), parse_dossier(&base)) {
            d.app_version.clone_from(&b.app_version);
            d.schema.clone_from(&b.schema);
            if d != b {
                prop_assert!(!msgs.is_empty(), "an edit went unnoticed: {:?}", insert);
            }
        }
    }

    /// Any one text of any stage of the worked example changed (a value, a
    /// reason, a date, a hash, a name…): the file still reads, and the
    /// verification finds the change.
    #[test]
    fn every_edit_of_a_stage_is_found(pick in any::<prop::sample::Index>(), new in "[a-z0-9,.]{1,6}") {
        let base: serde_json::Value = serde_json::from_str(&read_repo("tests/dossiers/daklak-01-worked-example.dossier.json")).unwrap();
        fn leaves(v: &serde_json::Value, at: String, out: &mut Vec<String>) {
            match v {
                serde_json::Value::String(_) => out.push(at),
                serde_json::Value::Array(a) => a.iter().enumerate().for_each(|(i, x)| leaves(x, format!("{at}/{i}"), out)),
                serde_json::Value::Object(o) => o.iter().for_each(|(k, x)| leaves(x, format!("{at}/{}", k.replace('~', "~0").replace('/', "~1")), out)),
                _ => {}
            }
        }
        let mut paths = Vec::new();
        leaves(&base["stages"], "/stages".into(), &mut paths);
        let path = &paths[pick.index(paths.len())];
        let mut edited = base.clone();
        let leaf = edited.pointer_mut(path).unwrap();
        prop_assume!(leaf.as_str() != Some(new.as_str()));
        *leaf = serde_json::Value::String(new.clone());
        // A stage name or an enum value replaced by a random word is refused
        // on reading, with its place; everything else reads and is found.
        match parse_dossier(&edited.to_string()) {
            Err(p) => prop_assert!(p[0].path.starts_with("stages["), "{}: {:?}", path, p),
            Ok(d) => prop_assert!(!verify_daklak(&d).is_empty(), "{} = {:?} went unnoticed", path, new),
        }
    }

    #[test]
    fn mutated_rulesets_never_panic(cut in any::<prop::sample::Index>(), len in 0usize..40, insert in prop::collection::vec(fragments(), 0..6)) {
        let base = ruleset_text();
        let mut chars: Vec<char> = base.chars().collect();
        let at = cut.index(chars.len());
        let end = (at + len).min(chars.len());
        chars.splice(at..end, insert.concat().chars());
        let text: String = chars.into_iter().collect();
        feed(&text);
        if let Ok(rs) = load_ruleset(&text) {
            let rs = Arc::new(rs);
            let mut s = Scorer::new(rs.clone());
            for (i, &id) in rs.items.iter().enumerate() {
                s.set_pair(id, &insert.get(i % insert.len().max(1)).cloned().unwrap_or_default(), "7");
            }
            let sum = s.summary();
            prop_assert!(sum.points <= sum.max);
        }
    }
}

/// The committed corpus in tests/hostile/: each file is refused with a message
/// that names its place, or (HTML in text, a byte-order mark) loads with the
/// text kept exactly as written.
#[test]
fn the_hostile_corpus_is_refused_or_kept_as_text() {
    let dir = repo().join("tests/hostile");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let bytes = std::fs::read(&path).unwrap();
        seen += 1;
        // What a browser's File.text() or the CLI would hand over: UTF-8 or nothing.
        let Ok(text) = String::from_utf8(bytes) else {
            assert_eq!(name, "utf16le.json", "only the UTF-16 file is not UTF-8");
            continue;
        };
        let result = load_ruleset(&text);
        match name.as_str() {
            "html-in-text-fields.json" => {
                let rs = result.unwrap_or_else(|p| panic!("{name}: {p:?}"));
                assert!(rs.title.starts_with("<script>"), "kept as text, not stripped or run");
            }
            "bom-utf8.json" => assert!(result.is_ok(), "{name}: {result:?}"),
            _ => {
                let p = result.err().unwrap_or_else(|| panic!("{name} was accepted"));
                let msg = p[0].describe(Lang::Vi);
                assert!(!msg.is_empty() && (msg.contains("dòng") || msg.contains(':')), "{name}: {msg}");
            }
        }
    }
    assert!(seen >= 9);
}

/// The dossiers of the committed corpus (tests/hostile/dossier-*.json): each
/// refused with its place, or found unsound with the stage and the place; the
/// one with HTML in every text field is sound and keeps the text as written.
#[test]
fn hostile_dossiers_name_the_stage_and_the_place() {
    let dir = repo().join("tests/hostile");
    let expected = [
        ("stages-out-of-order", "stages[1].stage: giai đoạn \"giai_trinh\" không thể đứng sau \"tu_cham\""),
        ("unknown-stage", "stages[3].stage"),
        ("response-changes-score", "stages[2].entries.2.value: giai đoạn \"giai_trinh\" không có trường \"value\""),
        ("reason-missing", "stages[1].entries.2.reason: thiếu lý do cho \"2\""),
        ("edited-after-next", "stages[2].hash: mã băm không khớp nội dung"),
        ("other-ruleset", "Không kiểm tra được kết quả"),
        ("unknown-field", "stages[0].entries.1.diem"),
    ];
    for (name, want) in expected {
        let text = std::fs::read_to_string(dir.join(format!("dossier-{name}.json"))).unwrap();
        let msgs = match parse_dossier(&text) {
            Err(p) => p.iter().map(|p| p.describe(Lang::Vi)).collect(),
            Ok(d) => verify_daklak(&d),
        };
        assert!(msgs.iter().any(|m| m.contains(want)), "{name}: {msgs:#?}");
    }
    let text = std::fs::read_to_string(dir.join("dossier-html-everywhere.json")).unwrap();
    let d = parse_dossier(&text).unwrap();
    assert_eq!(verify_daklak(&d), Vec::<String>::new());
    assert!(d.stages[1].entries["2"].reason.starts_with("<img src=x onerror=alert(1)><script>"));
}

/// 10 MB and 10,000-deep dossiers: refused with the size or depth, at once.
#[test]
fn huge_and_deep_dossiers_are_refused() {
    let big = format!("{{\"format\": \"cham-diem/dossier\", \"x\": \"{}\"}}", "a".repeat(10 * 1024 * 1024));
    let p = parse_dossier(&big).unwrap_err();
    assert!(p[0].describe(Lang::En).contains("file too large"));
    let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    let p = parse_dossier(&deep).unwrap_err();
    assert!(p[0].describe(Lang::En).contains("nested too deeply"));
    // A sound dossier with one field 100 deep (within serde_json's own
    // limit, beyond ours): refused for the depth, as the office reads it too.
    let sound = read_repo("tests/dossiers/daklak-01-worked-example.dossier.json");
    let deep = sound.replacen('{', &format!("{{\"$schema\": {}{},", "[".repeat(100), "]".repeat(100)), 1);
    for p in [parse_dossier(&deep).unwrap_err(), parse_incoming(&deep).unwrap_err()] {
        assert!(p[0].describe(Lang::En).contains("nested too deeply"), "{p:?}");
    }
    assert!(parse_incoming(&sound).is_ok());
}
