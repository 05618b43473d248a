//! Calls what the app calls in the core, and nothing of a user interface: see
//! Cargo.toml. Results the app shows as text go out as JSON; the others are
//! kept by `black_box` (no Debug formatting, which the app does not carry), so
//! none of the work is optimised away and nothing is added to it.

use std::fmt::Write;
use std::hint::black_box;
use std::sync::Arc;

use chamdiem_core::record::{EntriesFile, Results};
use chamdiem_core::ruleset::index::RulesetIndex;
use chamdiem_core::json::parse_json;
use chamdiem_core::record::{checklist, outline, parse_incoming, ruleset_changes, sha256_hex, Dossier, Draft, Signer};
use chamdiem_core::score::explain;
use chamdiem_core::{decimal, load_ruleset, Lang};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
pub fn run(index: &str, ruleset: &str, draft: &str, submission: &str, edits: &str) -> String {
    let mut out = String::new();
    let lang = if edits.starts_with('e') { Lang::En } else { Lang::Vi };
    let describe = |out: &mut String, problems: &[chamdiem_core::Problem]| {
        for p in problems {
            let _ = writeln!(out, "{}", p.describe(lang));
        }
    };
    match parse_json::<RulesetIndex>(index) {
        Ok(ix) => out.push_str(&serde_json::to_string(&ix).unwrap_or_default()),
        Err(p) => describe(&mut out, &p),
    }
    let rs = match load_ruleset(ruleset) {
        Ok(rs) => Arc::new(rs),
        Err(p) => {
            describe(&mut out, &p);
            return out;
        }
    };
    let sha = sha256_hex(ruleset.as_bytes());
    let d: Draft = match parse_json(draft) {
        Ok(d) => d,
        Err(p) => {
            describe(&mut out, &p);
            Draft::default()
        }
    };
    let (mut s, problems) = d.scorer(rs.clone());
    describe(&mut out, &problems);
    let n = rs.nodes.len().max(1);
    for (i, line) in edits.lines().enumerate() {
        let id = i % n;
        match i % 4 {
            0 => drop(s.set_value(id, line)),
            1 => drop(s.set_pair(id, line, line)),
            2 => drop(s.set_not_applicable(id, line.is_empty())),
            _ => s.set_answer(i % rs.conditions.len().max(1), Some(line.is_empty())),
        }
        let _ = decimal::parse_user_decimal(line).map(|v| out.push_str(&decimal::format_decimal(v, lang)));
    }
    black_box(s.summary());
    out.push_str(&serde_json::to_string(&Results::of(&s, lang)).unwrap_or_default());
    out.push_str(&serde_json::to_string(&checklist(&d.entries, &s)).unwrap_or_default());
    // Export, as the app does it: a dossier at its first stage.
    match Dossier::from_draft(&d, &rs, "0", Signer::default(), "") {
        Ok(dossier) => out.push_str(&serde_json::to_string_pretty(&dossier).unwrap_or_default()),
        Err(p) => describe(&mut out, &p),
    }
    out.push_str(&serde_json::to_string(&d).unwrap_or_default());
    let entries = EntriesFile::from_scorer(&s);
    describe(&mut out, &entries.apply(&mut s));
    black_box(ruleset_changes(&outline(&rs), &rs, &d.entries));
    black_box((explain::breakdown(&s, None), explain::most_room(&s, 5)));
    for ci in 0..rs.classifications.len() {
        black_box(explain::next_level(&s, ci));
    }
    // Import, as the app does it: a v1 submission or a dossier.
    match parse_incoming(submission) {
        Ok(incoming) => {
            let (draft, verdict) = incoming.open("x".into(), rs.clone(), &sha, lang);
            black_box(verdict);
            out.push_str(&serde_json::to_string(&draft).unwrap_or_default());
        }
        Err(p) => describe(&mut out, &p),
    }
    out
}
