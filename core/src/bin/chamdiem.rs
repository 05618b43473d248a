//! `chamdiem` — the scoring core on the command line, for the provincial
//! office and for CI. No web stack is compiled into it.
//!
//!   chamdiem validate RULESET...        exit 0 when every file is valid, 1 otherwise
//!   chamdiem score RULESET ENTRIES      prints the results as JSON
//!   chamdiem score RULESET SUBMISSION   the same for an exported submission, after
//!                                       checking its ruleset hash and stored results
//!
//! `--lang en` gives English messages (Vietnamese by default).

use chamdiem_core::record::{EntriesFile, Results};
use chamdiem_core::record::{parse_submission, sha256_hex, verify, ImportVerdict, SUBMISSION_FORMAT};
use chamdiem_core::json::parse_json;
use chamdiem_core::{load_ruleset, Lang, Problem, Scorer};
use std::process::ExitCode;
use std::sync::Arc;

const USAGE: &str = "usage:\n  chamdiem validate RULESET.json...\n  chamdiem score RULESET.json ENTRIES.json\n  chamdiem score RULESET.json SUBMISSION.json\noptions: --lang vi|en";

fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut lang = Lang::Vi;
    if let Some(i) = args.iter().position(|a| a == "--lang") {
        lang = match args.get(i + 1).map(String::as_str) {
            Some("en") => Lang::En,
            Some("vi") => Lang::Vi,
            _ => return usage(),
        };
        args.drain(i..i + 2);
    }
    match args.first().map(String::as_str) {
        Some("validate") if args.len() >= 2 => validate(&args[1..], lang),
        Some("score") if args.len() == 3 => score(&args[1], &args[2], lang),
        _ => usage(),
    }
}

fn usage() -> ExitCode {
    eprintln!("{USAGE}");
    ExitCode::from(2)
}

fn read(path: &str) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))
}

fn report(path: &str, problems: &[Problem], lang: Lang) {
    for p in problems {
        eprintln!("{path}: {}", p.describe(lang));
    }
}

fn validate(paths: &[String], lang: Lang) -> ExitCode {
    let mut ok = true;
    for path in paths {
        match read(path).map(|t| load_ruleset(&t)) {
            Err(e) => {
                eprintln!("{e}");
                ok = false;
            }
            Ok(Err(problems)) => {
                report(path, &problems, lang);
                ok = false;
            }
            Ok(Ok(rs)) => println!("{path}: OK ({}, {} items)", rs.id, rs.items.len()),
        }
    }
    if ok { ExitCode::SUCCESS } else { ExitCode::from(1) }
}

fn score(ruleset: &str, entries: &str, lang: Lang) -> ExitCode {
    let text = match read(ruleset) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(1);
        }
    };
    let rs = match load_ruleset(&text) {
        Err(p) => {
            report(ruleset, &p, lang);
            return ExitCode::from(1);
        }
        Ok(rs) => Arc::new(rs),
    };
    let input = match read(entries) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(1);
        }
    };
    // A submission names its format; anything else is read as ENTRIES.
    // (parse_json, like the readers below, skips a byte-order mark.)
    let is_submission = parse_json::<serde_json::Value>(&input)
        .ok()
        .and_then(|v| v.get("format").and_then(|f| f.as_str()).map(|f| f == SUBMISSION_FORMAT))
        .unwrap_or(false);
    let (scorer, ok) = if is_submission {
        let sub = match parse_submission(&input) {
            Ok(s) => s,
            Err(p) => {
                report(entries, &p, lang);
                return ExitCode::from(1);
            }
        };
        let (scorer, verdict) = verify(&sub, rs, &sha256_hex(text.as_bytes()), lang);
        match verdict {
            ImportVerdict::Verified => (scorer, true),
            ImportVerdict::ReadOnly(reasons) => {
                for r in reasons {
                    eprintln!("{entries}: {r}");
                }
                (scorer, false)
            }
        }
    } else {
        let file: EntriesFile = match parse_json(&input) {
            Ok(f) => f,
            Err(p) => {
                report(entries, &p, lang);
                return ExitCode::from(1);
            }
        };
        let mut scorer = Scorer::new(rs);
        let problems = file.apply(&mut scorer);
        if !problems.is_empty() {
            report(entries, &problems, lang);
            return ExitCode::from(1);
        }
        (scorer, true)
    };
    match serde_json::to_string_pretty(&Results::of(&scorer, lang)) {
        Ok(json) => println!("{json}"),
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(1);
        }
    }
    if ok { ExitCode::SUCCESS } else { ExitCode::from(1) }
}
