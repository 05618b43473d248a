//! Hostile and broken input: every loader refuses or handles it with a
//! message, never a panic, and within bounds. Generated here rather than
//! committed where the files would be large (10 MB, 10,000-deep nesting).
//! Property-based fuzzing (proptest) of the same entry points follows.

use chamdiem_core::decimal::parse_user_decimal;
use chamdiem_core::entries::EntriesFile;
use chamdiem_core::load::parse_json;
use chamdiem_core::submission::parse_submission;
use chamdiem_core::{load_ruleset, Lang, Scorer};
use proptest::prelude::*;
use std::sync::Arc;
use std::time::{Duration, Instant};

fn ruleset_text() -> String {
    std::fs::read_to_string(format!("{}/../rulesets/tap-huan-mau.json", env!("CARGO_MANIFEST_DIR"))).unwrap()
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
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/hostile");
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
