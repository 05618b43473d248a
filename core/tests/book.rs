//! A ruleset as a workbook (issue 16): every bundled ruleset goes JSON →
//! XLSX → JSON unchanged; broken books are refused at their cells; the
//! template in docs/ is the converter's own output.

mod common;

use chamdiem_core::office::{CsvProblem, CsvProblemKind};
use chamdiem_core::ruleset::book::{from_book, from_xlsx, to_xlsx};
use chamdiem_core::ruleset::file::{write_ruleset, RulesetFile};
use chamdiem_core::json::parse_json;
use chamdiem_core::Lang;
use common::*;
use serde_json::Value;

fn parse(text: &str) -> RulesetFile {
    parse_json(text).unwrap()
}

fn every_bundled_file() -> Vec<std::path::PathBuf> {
    let mut v = bundled_ruleset_files();
    v.extend(json_files(&repo().join("rulesets/archive")));
    v
}

/// `have` holds everything `want` holds; what it adds are the values the
/// types write when a file leaves them out (false, "exact", …).
fn holds(want: &Value, have: &Value, at: &str) {
    match (want, have) {
        (Value::Object(w), Value::Object(h)) => {
            for (k, v) in w {
                holds(v, h.get(k).unwrap_or_else(|| panic!("{at}.{k} lost")), &format!("{at}.{k}"));
            }
            for (k, v) in h {
                if !w.contains_key(k) {
                    let default = matches!(v, Value::Bool(false)) || ["exact", "points", "ruleset", "down"].contains(&v.as_str().unwrap_or("-"));
                    assert!(default, "{at}.{k} added: {v}");
                }
            }
        }
        (Value::Array(w), Value::Array(h)) => {
            assert_eq!(w.len(), h.len(), "{at}: length");
            for (i, (a, b)) in w.iter().zip(h).enumerate() {
                holds(a, b, &format!("{at}[{i}]"));
            }
        }
        _ => assert_eq!(want, have, "{at}"),
    }
}

#[test]
fn every_bundled_ruleset_comes_back_from_its_workbook_unchanged() {
    let files = every_bundled_file();
    assert!(files.len() > 20, "the current and archived rulesets");
    for path in files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&path).unwrap();
        let file = parse(&text);
        let book = to_xlsx(&file).unwrap();
        let back = from_xlsx(&name, &book).unwrap_or_else(|p| panic!("{name}: {}", p.iter().map(|p| p.describe(Lang::Vi)).collect::<Vec<_>>().join("\n")));
        // Byte for byte through the app's writer, and equal as values.
        assert_eq!(write_ruleset(&back.file), write_ruleset(&file), "{name}");
        assert_eq!(serde_json::to_value(&back.file).unwrap(), serde_json::to_value(&file).unwrap(), "{name}");
        // Nothing the file says is lost (the writer adds only defaults the
        // types always write).
        holds(&serde_json::from_str(&text).unwrap(), &serde_json::to_value(&back.file).unwrap(), &name);
        // The same ruleset gives the same book.
        assert!(to_xlsx(&back.file).unwrap() == book, "{name}: the book is not reproducible");
    }
}
