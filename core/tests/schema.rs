//! The JSON Schemas in docs/ are the ones the types generate, and the shipped
//! files validate against them.
//!
//! Compiled with the `schema` feature, which core/Cargo.toml turns on for
//! every test build (a dev-dependency of the crate on itself), so the plain
//! `cargo test --workspace` runs it.
//!
//! `UPDATE_SCHEMAS=1 cargo test -p chamdiem-core --test schema` rewrites
//! docs/*.schema.json after a change to the types.
#![cfg(feature = "schema")]

mod common;

use chamdiem_core::decimal::parse_file_decimal;
use chamdiem_core::schema::{
    draft_schema, entries_schema, ruleset_index_schema, ruleset_schema, submission_schema, ALL,
};
use chamdiem_core::record::{outline, parse_submission};
use common::{bundled_ruleset_files, json_files, read_json, read_repo, repo, ruleset, DAKLAK_01, DAKLAK_01_DOSSIER};
use jsonschema::Validator;
use serde_json::{json, Value};

const UPDATE_HINT: &str =
    "schema out of date: run `UPDATE_SCHEMAS=1 cargo test -p chamdiem-core --test schema`";

fn validator(schema: schemars::Schema) -> Validator {
    jsonschema::validator_for(schema.as_value()).expect("the generated schema compiles")
}

/// Every error as "instance path: message", empty when valid.
fn errors(v: &Validator, instance: &Value) -> Vec<String> {
    v.iter_errors(instance)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

#[test]
fn committed_schemas_are_up_to_date() {
    let update = std::env::var_os("UPDATE_SCHEMAS").is_some_and(|v| !v.is_empty() && v != "0");
    let mut stale = Vec::new();
    for f in ALL {
        let path = repo().join(f.path);
        let generated = (f.json)();
        let committed = std::fs::read_to_string(&path)
            .ok()
            .map(|s| s.replace("\r\n", "\n"));
        if committed.as_deref() == Some(generated.as_str()) {
            continue;
        }
        if update {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, &generated).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            eprintln!("rewrote {}", f.path);
        } else {
            stale.push(if committed.is_some() {
                f.path.to_string()
            } else {
                format!("{} (missing)", f.path)
            });
        }
    }
    assert!(
        stale.is_empty(),
        "{UPDATE_HINT}\n  differs from the Rust types: {}",
        stale.join(", ")
    );
}

#[test]
fn generated_schemas_are_valid_draft_2020_12() {
    for f in ALL {
        let schema: Value = serde_json::from_str(&(f.json)()).unwrap();
        assert_eq!(
            schema["$schema"], "https://json-schema.org/draft/2020-12/schema",
            "{}",
            f.path
        );
        if let Err(e) = jsonschema::meta::validate(&schema) {
            panic!("{} is not a valid JSON Schema: {e}", f.path);
        }
        assert!(
            schema["$id"]
                .as_str()
                .is_some_and(|s| s.starts_with("urn:cham-diem:schema:")),
            "{}",
            f.path
        );
        assert!(
            schema["title"].is_string() && schema["description"].is_string(),
            "{}",
            f.path
        );
    }
}

#[test]
fn every_shipped_ruleset_validates_against_the_ruleset_schema() {
    let v = validator(ruleset_schema());
    let mut failures = Vec::new();
    let files = bundled_ruleset_files();
    assert!(!files.is_empty());
    for path in &files {
        let errs = errors(&v, &read_json(path));
        if !errs.is_empty() {
            failures.push(format!("{}:\n    {}", path.display(), errs.join("\n    ")));
        }
    }
    assert!(
        failures.is_empty(),
        "rulesets that do not match docs/ruleset.schema.json:\n{}",
        failures.join("\n")
    );
}

#[test]
fn the_index_and_the_example_entries_validate() {
    let v = validator(ruleset_index_schema());
    let errs = errors(&v, &read_json("rulesets/index.json"));
    assert!(errs.is_empty(), "rulesets/index.json: {errs:#?}");

    let v = validator(entries_schema());
    let files = json_files(&repo().join("tests/entries"));
    assert!(!files.is_empty());
    for path in files {
        let errs = errors(&v, &read_json(&path));
        assert!(errs.is_empty(), "{}: {errs:#?}", path.display());
    }
}

/// The example submissions in tests/submissions validate, and the schema
/// refuses what `parse_submission` refuses on the file's shape alone.
#[test]
fn the_example_submissions_validate_and_broken_ones_do_not() {
    let v = validator(submission_schema());
    let files = json_files(&repo().join("tests/submissions"));
    assert!(!files.is_empty());
    for path in &files {
        let errs = errors(&v, &read_json(path));
        assert!(errs.is_empty(), "{}: {errs:#?}", path.display());
        let text = read_repo(path);
        assert!(parse_submission(&text).is_ok(), "{}", path.display());
    }

    let base = read_json(&files[0]);
    let with = |f: &dyn Fn(&mut Value)| {
        let mut x = base.clone();
        f(&mut x);
        x
    };
    let cases: [(&str, Value); 8] = [
        (
            "points as a JSON number",
            with(&|x| x["entries"]["2"]["points"] = json!(31.5)),
        ),
        (
            "unknown field in an entry",
            with(&|x| x["entries"]["2"]["diem"] = json!("31.5")),
        ),
        (
            "unknown field in the results",
            with(&|x| x["results"]["xep_hang"] = json!("1")),
        ),
        (
            "unknown field in the checklist",
            with(&|x| x["checklist"]["da_duyet"] = json!(true)),
        ),
        (
            "unknown scorer",
            with(&|x| x["entries"]["2"]["scored_by"] = json!("province")),
        ),
        (
            "an ENTRIES format",
            with(&|x| x["format"] = json!("cham-diem/entries")),
        ),
        (
            "a future format version",
            with(&|x| x["format_version"] = json!(2)),
        ),
        (
            "no results",
            with(&|x| drop(x.as_object_mut().unwrap().remove("results"))),
        ),
    ];
    for (what, x) in &cases {
        assert!(!errors(&v, x).is_empty(), "{what}: passes the schema");
        assert!(
            parse_submission(&x.to_string()).is_err(),
            "{what}: parse_submission accepts it"
        );
    }
    let x = with(&|x| x["$schema"] = json!("../docs/submission.schema.json"));
    assert!(errors(&v, &x).is_empty(), "a \"$schema\" path is allowed");
    assert!(parse_submission(&x.to_string()).is_ok());
}

/// A draft as the app saves it (continued from the example submission, with
/// the ruleset's outline) validates against docs/draft.schema.json.
#[test]
fn a_draft_as_the_app_saves_it_validates() {
    let v = validator(draft_schema());
    let files = json_files(&repo().join("tests/submissions"));
    let sub = parse_submission(&read_repo(&files[0])).unwrap();
    let rs = ruleset(&format!("{}.json", sub.ruleset.id));
    let mut draft = sub.to_draft("9f1c2d".into());
    draft.name = "Tự đánh giá 2025".into();
    draft.outline = outline(&rs);
    let x = serde_json::to_value(&draft).unwrap();
    let errs = errors(&v, &x);
    assert!(errs.is_empty(), "{errs:#?}");
    assert_eq!(x["format"], "cham-diem/draft");

    let mut y = x.clone();
    y["format_version"] = json!(1);
    assert!(errors(&v, &y).is_empty(), "a version-1 draft (stored before the dossier) is still read");
    y["format_version"] = json!(3);
    assert!(!errors(&v, &y).is_empty(), "another draft version passes");
    let mut y = x.clone();
    y["entries"]["1"]["diem"] = json!("42");
    assert!(!errors(&v, &y).is_empty(), "an unknown field in a draft entry passes");
    assert!(serde_json::from_value::<chamdiem_core::record::Draft>(y).is_err());
}

/// The schema refuses what the loader refuses on the file's shape alone:
/// unknown fields, decimals as JSON numbers, missing fields, another format
/// or format version.
#[test]
fn structurally_broken_rulesets_are_refused_by_the_schema_too() {
    let v = validator(ruleset_schema());
    let dir = repo().join("tests/rulesets/broken");
    for name in [
        "unknown-field",
        "decimal-as-number",
        "missing-sections",
        "future-version",
    ] {
        let path = dir.join(format!("{name}.json"));
        assert!(
            !errors(&v, &read_json(&path)).is_empty(),
            "{} passes the schema",
            path.display()
        );
    }

    let base = read_json(format!("rulesets/{DAKLAK_01}"));
    assert!(errors(&v, &base).is_empty());
    let with = |f: &dyn Fn(&mut Value)| {
        let mut x = base.clone();
        f(&mut x);
        x
    };
    let cases: [(&str, Value); 7] = [
        (
            "misspelt field",
            with(&|x| x["sections"][0]["maks"] = json!("1")),
        ),
        (
            "unknown rule type",
            with(&|x| x["sections"][0]["rule"] = json!({"type": "guess"})),
        ),
        (
            "rule with a field of another type",
            with(&|x| {
                x["sections"][0]["rule"] =
                    json!({"type": "per_occurrence", "points_each": "1", "options": []})
            }),
        ),
        (
            "unknown kind",
            with(&|x| x["sections"][0]["kind"] = json!("extra")),
        ),
        (
            "decimal with a comma",
            with(&|x| x["max_total"] = json!("100,5")),
        ),
        (
            "another format",
            with(&|x| x["format"] = json!("cham-diem/entries")),
        ),
        (
            "$schema that is not a string",
            with(&|x| x["$schema"] = json!(1)),
        ),
    ];
    for (what, x) in &cases {
        assert!(!errors(&v, x).is_empty(), "{what}: passes the schema");
        assert!(
            chamdiem_core::load_ruleset(&x.to_string()).is_err(),
            "{what}: the loader accepts it"
        );
    }
    // Stricter than serde here: serde ignores extra fields next to the tag of
    // a unit variant ("number", "yes_no") despite deny_unknown_fields.
    let x = with(&|x| x["sections"][0]["rule"] = json!({"type": "yes_no", "options": []}));
    assert!(
        !errors(&v, &x).is_empty(),
        "extra fields in a yes_no rule pass the schema"
    );

    let x = with(&|x| x["$schema"] = json!("../docs/ruleset.schema.json"));
    assert!(errors(&v, &x).is_empty(), "a \"$schema\" path is allowed");
    assert!(chamdiem_core::load_ruleset(&x.to_string()).is_ok());
}

/// The `Decimal` pattern accepts exactly what `parse_file_decimal` accepts.
#[test]
fn the_decimal_pattern_matches_parse_file_decimal() {
    let schema = ruleset_schema();
    let dec = &schema.as_value()["$defs"]["Decimal"];
    assert_eq!(dec["type"], "string");
    let v = jsonschema::validator_for(dec).unwrap();
    let long_zeros = format!("{}1.5", "0".repeat(40));
    let samples = [
        "0",
        "12",
        "0.25",
        "-3",
        "-0",
        "-0.5",
        "123456789",
        "123456789.123456",
        "-999999999.999999",
        "007",
        "0000000000",
        "0001234567890",
        "00123456789",
        "1234567890",
        "1.1234567",
        "1.",
        ".5",
        "-",
        "--1",
        "+1",
        "1e2",
        "1E2",
        " 1",
        "1 ",
        "0,25",
        "\u{2212}1",
        "",
        "1.2.3",
        "0x10",
        "NaN",
        "\u{0661}",
        "12\n",
        &long_zeros,
    ];
    for s in samples {
        let by_parser = parse_file_decimal(s).is_some();
        let by_schema = v.is_valid(&json!(s));
        assert_eq!(
            by_schema, by_parser,
            "{s:?}: schema says {by_schema}, parse_file_decimal says {by_parser}"
        );
    }
    assert!(!v.is_valid(&json!(0.25)), "a JSON number is refused");
}

/// The dossier's worked example validates against docs/dossier.schema.json;
/// a stage name the format does not have does not.
#[test]
fn the_worked_example_dossier_validates() {
    let v = validator(chamdiem_core::schema::dossier_schema());
    let x = read_json(DAKLAK_01_DOSSIER);
    let errs = errors(&v, &x);
    assert!(errs.is_empty(), "{errs:#?}");
    let mut y = x.clone();
    y["stages"][1]["stage"] = json!("tham_dinh_3");
    assert!(!errors(&v, &y).is_empty(), "an unknown stage passes");
}
