//! `chamdiem` — the scoring core on the command line, for the provincial
//! office and for CI. No web stack is compiled into it.
//!
//!   chamdiem validate RULESET...        exit 0 when every file is valid, 1 otherwise
//!   chamdiem score RULESET ENTRIES      prints the results as JSON
//!   chamdiem score RULESET SUBMISSION   the same for an exported submission, after
//!                                       checking its ruleset hash and stored results
//!   chamdiem score RULESET DOSSIER      {"stages": [{"stage", "results"}, …]}, after
//!                                       verifying the dossier
//!   chamdiem verify [RULESET] FILE      a submission or dossier: hash chain, each
//!                                       stage's rules, recomputed results and
//!                                       checklist; exit 0 when sound, otherwise 1
//!                                       and one line per problem. Without RULESET,
//!                                       the published version the file names
//!                                       (compiled in, current and archived)
//!   chamdiem verify [RULESET] PACKAGE.zip
//!                                       an evidence package (docs/goi-ho-so.md):
//!                                       its ho-so.json as above, each file it lists
//!                                       present with its size, SHA-256 and CRC, and
//!                                       nothing it does not list; one line per problem
//!
//!   chamdiem rank [RULESET] FILE... [--others OTHERS.csv|.xlsx] [--roster ROSTER.csv|.xlsx]
//!                [--csv OUT.csv] [--xlsx OUT.xlsx] [--dossiers OUT.zip]
//!                                       the office's consolidation: every file verified,
//!                                       the others' scores added, each group ranked by
//!                                       the ruleset's declaration; the table as CSV
//!                                       (UTF-8 with BOM) to OUT.csv or stdout, and as a
//!                                       workbook to OUT.xlsx; each dossier with the
//!                                       office's stage in OUT.zip. A file refused: one
//!                                       line on stderr, the rest ranked, exit 1
//!
//!   chamdiem from-xlsx BOOK.xlsx [--tree TREE.csv] [-o RULESET.json]
//!                                       a ruleset written in a workbook (docs/soan-bo-chi-so.md)
//!                                       read, checked and written as JSON to RULESET.json or
//!                                       stdout; the tree sheet may come from a CSV file. A
//!                                       problem: one line each (sheet, row, column), exit 1
//!   chamdiem to-xlsx RULESET.json [-o BOOK.xlsx]
//!                                       the ruleset as a workbook (default: RULESET.xlsx
//!                                       beside it), after the same check as `validate`
//!
//! `--lang en` gives English messages (Vietnamese by default).

use chamdiem_core::json::{parse_json, peek_format};
use chamdiem_core::record::{
    parse_dossier, parse_submission, sha256_hex, verify, verify_dossier, Dossier, DossierCheck, EntriesFile, ImportVerdict, Results,
    Submission, DOSSIER_FORMAT, SUBMISSION_FORMAT,
};
use chamdiem_core::{load_ruleset, Lang, Problem, Ruleset, Scorer};
use std::process::ExitCode;
use std::sync::Arc;

// See core/Cargo.toml: a file's dossier allocated and freed on every core.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const USAGE: &str = "usage:\n  chamdiem validate RULESET.json...\n  chamdiem score RULESET.json ENTRIES.json\n  chamdiem score RULESET.json SUBMISSION.json\n  chamdiem score RULESET.json DOSSIER.json\n  chamdiem verify [RULESET.json] FILE.json|PACKAGE.zip\n  chamdiem rank [RULESET.json] FILE.json... [--others OTHERS.csv] [--roster ROSTER.csv] [--csv OUT.csv] [--xlsx OUT.xlsx] [--dossiers OUT.zip]\n  chamdiem from-xlsx BOOK.xlsx [--tree TREE.csv] [-o RULESET.json]\n  chamdiem to-xlsx RULESET.json [-o BOOK.xlsx]\noptions: --lang vi|en";

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
        Some("verify") if args.len() == 2 => verify_file(None, &args[1], lang),
        Some("verify") if args.len() == 3 => verify_file(Some(&args[1]), &args[2], lang),
        Some("rank") if args.len() >= 2 => rank(&args[1..], lang),
        Some("from-xlsx") if args.len() >= 2 => from_xlsx(&args[1..], lang),
        Some("to-xlsx") if args.len() >= 2 => to_xlsx(&args[1..], lang),
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

/// A loaded ruleset and the SHA-256 of its file.
type Loaded = (Arc<Ruleset>, String);

fn load(path: &str, lang: Lang) -> Result<Loaded, ExitCode> {
    let text = read(path).map_err(|e| {
        eprintln!("{e}");
        ExitCode::from(1)
    })?;
    match load_ruleset(&text) {
        Err(p) => {
            report(path, &p, lang);
            Err(ExitCode::from(1))
        }
        Ok(rs) => Ok((Arc::new(rs), sha256_hex(text.as_bytes()))),
    }
}

/// A file someone hands in, by the format it names; anything else is ENTRIES.
/// (One per run: the size of its variants does not matter.)
#[allow(clippy::large_enum_variant)]
enum Record {
    Entries(EntriesFile),
    Submission(Submission),
    Dossier(Dossier),
}

fn read_record(path: &str, lang: Lang) -> Result<Record, ExitCode> {
    let input = read(path).map_err(|e| {
        eprintln!("{e}");
        ExitCode::from(1)
    })?;
    parse_record(path, &input, lang)
}

/// A record from its text; `label` names it in messages.
fn parse_record(label: &str, input: &str, lang: Lang) -> Result<Record, ExitCode> {
    let fail = |p: Vec<Problem>| {
        report(label, &p, lang);
        ExitCode::from(1)
    };
    // (parse_json, under every reader here, skips a byte-order mark.)
    let format = peek_format(input).map(|(f, _)| f).unwrap_or_default();
    match format.as_str() {
        SUBMISSION_FORMAT => parse_submission(input).map(Record::Submission).map_err(fail),
        DOSSIER_FORMAT => parse_dossier(input).map(Record::Dossier).map_err(fail),
        _ => parse_json::<EntriesFile>(input).map(Record::Entries).map_err(fail),
    }
}

/// One line per finding of a dossier, naming the stage.
fn report_dossier(path: &str, check: &DossierCheck) {
    for f in &check.findings {
        match f.stage {
            Some((i, kind)) if !f.text.starts_with("stages[") => eprintln!("{path}: stages[{i}] ({}): {}", kind.code(), f.text),
            Some((_, kind)) => eprintln!("{path}: ({}) {}", kind.code(), f.text),
            None => eprintln!("{path}: {}", f.text),
        }
    }
}

fn print_json<T: serde::Serialize>(value: &T) -> bool {
    match serde_json::to_string_pretty(value) {
        Ok(json) => {
            println!("{json}");
            true
        }
        Err(e) => {
            eprintln!("{e}");
            false
        }
    }
}

fn score(ruleset: &str, file: &str, lang: Lang) -> ExitCode {
    let (rs, sha) = match load(ruleset, lang) {
        Ok(x) => x,
        Err(code) => return code,
    };
    let record = match read_record(file, lang) {
        Ok(r) => r,
        Err(code) => return code,
    };
    let (scorer, ok) = match record {
        Record::Submission(sub) => {
            let (scorer, verdict) = verify(&sub, rs, &sha, lang);
            match verdict {
                ImportVerdict::Verified => (scorer, true),
                ImportVerdict::ReadOnly(reasons) => {
                    for r in reasons {
                        eprintln!("{file}: {r}");
                    }
                    (scorer, false)
                }
            }
        }
        Record::Entries(entries) => {
            let mut scorer = Scorer::new(rs);
            let problems = entries.apply(&mut scorer);
            if !problems.is_empty() {
                report(file, &problems, lang);
                return ExitCode::from(1);
            }
            (scorer, true)
        }
        Record::Dossier(d) => {
            let rs_of_score = rs.clone();
            let check = verify_dossier(&d, Some((rs, &sha)), lang);
            report_dossier(file, &check);
            #[derive(serde::Serialize)]
            struct StageResults {
                stage: &'static str,
                results: Results,
            }
            #[derive(serde::Serialize)]
            struct Stages {
                stages: Vec<StageResults>,
            }
            // Each stage's state again, for its results in `lang` (the
            // verification keeps only the last state).
            let states = if check.results_checked { chamdiem_core::record::dossier::replay(&rs_of_score, &d.stages).0 } else { Vec::new() };
            let stages = check
                .stages
                .iter()
                .zip(&states)
                .map(|(s, r)| StageResults { stage: s.kind.code(), results: Results::of_stage(&r.scorer, lang, s.results.estimates.clone()) })
                .collect();
            let printed = check.results_checked && print_json(&Stages { stages });
            return if printed && check.is_sound() { ExitCode::SUCCESS } else { ExitCode::from(1) };
        }
    };
    let printed = print_json(&Results::of(&scorer, lang));
    if ok && printed { ExitCode::SUCCESS } else { ExitCode::from(1) }
}

/// The bundled or archived ruleset file with this SHA-256, loaded
/// (`ruleset::catalog`: every published version is compiled in).
fn bundled(sha256: &str) -> Option<Loaded> {
    let text = chamdiem_core::ruleset::catalog::by_sha256(sha256)?;
    load_ruleset(text).ok().map(|rs| (Arc::new(rs), sha256_hex(text.as_bytes())))
}

/// `verify [RULESET] FILE`: without a ruleset, the one the file names is
/// found by its hash among the published versions this program carries;
/// when none matches, only a dossier's order and chain can be checked and
/// the results are said to be unverifiable.
fn verify_file(ruleset: Option<&str>, file: &str, lang: Lang) -> ExitCode {
    let given = match ruleset.map(|r| load(r, lang)).transpose() {
        Ok(x) => x,
        Err(code) => return code,
    };
    if is_package(file) {
        return verify_package(given, file, lang);
    }
    let record = match read_record(file, lang) {
        Ok(r) => r,
        Err(code) => return code,
    };
    if verify_record(given, &record, file, lang) {
        println!("{file}: OK");
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// Checks a record against `given`, or the published ruleset it names; one
/// line per problem, each after `label`. Whether it is sound.
fn verify_record(given: Option<Loaded>, record: &Record, label: &str, lang: Lang) -> bool {
    let named = match record {
        Record::Dossier(d) => Some(d.ruleset.sha256.as_str()),
        Record::Submission(s) => Some(s.ruleset.sha256.as_str()),
        Record::Entries(_) => None,
    };
    let loaded = given.or_else(|| named.and_then(bundled));
    match record {
        Record::Dossier(d) => {
            let check = verify_dossier(d, loaded.as_ref().map(|(rs, sha)| (rs.clone(), sha.as_str())), lang);
            report_dossier(label, &check);
            check.is_sound()
        }
        Record::Submission(sub) => match loaded {
            None => {
                eprintln!("{label}: {}", chamdiem_core::text::results_unverifiable(&sub.ruleset.id, &sub.ruleset.version, lang));
                false
            }
            Some((rs, sha)) => match verify(sub, rs, &sha, lang).1 {
                ImportVerdict::Verified => true,
                ImportVerdict::ReadOnly(reasons) => {
                    for r in reasons {
                        eprintln!("{label}: {r}");
                    }
                    false
                }
            },
        },
        Record::Entries(_) => {
            eprintln!("{label}: {}", chamdiem_core::text::nothing_to_verify(lang));
            false
        }
    }
}

/// A ZIP by its name or its first bytes: an evidence package.
fn is_package(file: &str) -> bool {
    use std::io::Read;
    let mut head = [0u8; 2];
    file.to_ascii_lowercase().ends_with(".zip") || std::fs::File::open(file).and_then(|mut f| f.read_exact(&mut head)).is_ok_and(|()| &head == b"PK")
}

/// `verify [RULESET] PACKAGE.zip`: the package's directory, its `ho-so.json`
/// as `verify` checks a file, and every file the JSON lists (present, size,
/// SHA-256, CRC), and nothing the JSON does not list.
fn verify_package(given: Option<Loaded>, file: &str, lang: Lang) -> ExitCode {
    use chamdiem_core::package::{self, native::Package, DOSSIER_NAME};
    let fail = |problems: &[package::PackageProblem]| {
        for p in problems {
            eprintln!("{file}: {}", p.describe(lang));
        }
        ExitCode::from(1)
    };
    let source = match std::fs::File::open(file) {
        Ok(f) => std::io::BufReader::new(f),
        Err(e) => {
            eprintln!("{file}: {e}");
            return ExitCode::from(1);
        }
    };
    let mut pkg = match Package::open(source) {
        Ok(p) => p,
        Err(problems) => return fail(&problems),
    };
    let (text, measured) = match pkg.dossier() {
        Ok(x) => x,
        Err(p) => return fail(&[p]),
    };
    let label = format!("{file}: {DOSSIER_NAME}");
    let record = match parse_record(&label, &text, lang) {
        Ok(r) => r,
        Err(code) => return code,
    };
    let mut sound = verify_record(given, &record, &label, lang);
    let (plan, mut problems) = match &record {
        Record::Dossier(d) => package::listed(d.stages.iter().flat_map(|s| &s.entries)),
        Record::Submission(s) => package::listed(&s.entries),
        Record::Entries(e) => package::listed(&e.entries),
    };
    problems.extend(pkg.check_files(&plan, measured));
    for p in &problems {
        eprintln!("{file}: {}", p.describe(lang));
    }
    sound &= problems.is_empty();
    if sound {
        println!("{file}: {}", chamdiem_core::text::package_sound(plan.files.len(), lang));
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// Takes `--name VALUE` out of `args`.
fn option(args: &mut Vec<String>, name: &str) -> Result<Option<String>, ()> {
    let Some(i) = args.iter().position(|a| a == name) else { return Ok(None) };
    if i + 1 >= args.len() {
        return Err(());
    }
    let v = args.remove(i + 1);
    args.remove(i);
    Ok(Some(v))
}

/// Now, in UTC, as ISO 8601 (the `tong_hop` stage's time).
fn now_utc() -> String {
    iso_utc(std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs()))
}

/// Seconds since 1970 as ISO 8601 in UTC (no date crate for one line).
fn iso_utc(secs: u64) -> String {
    let (days, rem) = ((secs / 86_400) as i64, secs % 86_400);
    // Civil date from days since 1970-01-01 (H. Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}+00:00", rem / 3_600, rem % 3_600 / 60, rem % 60)
}

/// `rank [RULESET] FILE... [--others CSV] [--roster CSV] [--csv OUT]`: the
/// consolidation is the library's (`office`); this reads the files, prints
/// what was refused and writes the table.
fn rank(args: &[String], lang: Lang) -> ExitCode {
    use chamdiem_core::office::{consolidate, read_others, read_roster, to_csv, xlsx::to_xlsx, Options};
    let mut args = args.to_vec();
    let (Ok(others_path), Ok(roster_path), Ok(csv_path), Ok(xlsx_path), Ok(zip_path)) =
        (option(&mut args, "--others"), option(&mut args, "--roster"), option(&mut args, "--csv"), option(&mut args, "--xlsx"), option(&mut args, "--dossiers"))
    else {
        return usage();
    };
    let mut ok = true;
    // The first argument is the ruleset when it is a ruleset file.
    let first_is_ruleset = args.first().and_then(|p| std::fs::read_to_string(p).ok()).is_some_and(|t| {
        peek_format(&t).is_ok_and(|(f, _)| f == chamdiem_core::ruleset::file::RULESET_FORMAT)
    });
    let given = if first_is_ruleset {
        match load(&args.remove(0), lang) {
            Ok(x) => Some(x),
            Err(code) => return code,
        }
    } else {
        None
    };
    if args.is_empty() {
        return usage();
    }
    let read_bytes = |path: &str| std::fs::read(path).map_err(|e| eprintln!("{path}: {e}"));
    let roster = match roster_path.as_deref().map(|p| read_bytes(p).map(|b| read_roster(p, &b))).transpose() {
        Ok(r) => r,
        Err(()) => return ExitCode::from(1),
    };
    let others = match others_path.as_deref().map(|p| read_bytes(p).map(|b| read_others(p, &b))).transpose() {
        Ok(o) => o,
        Err(()) => return ExitCode::from(1),
    };
    for p in roster.iter().flat_map(|r| &r.1).chain(others.iter().flat_map(|o| &o.1)) {
        eprintln!("{}", p.describe(lang));
        ok = false;
    }
    let mut files = Vec::new();
    for path in &args {
        match std::fs::read(path) {
            Ok(b) => files.push((path.clone(), b)),
            Err(e) => {
                eprintln!("{path}: {e}");
                ok = false;
            }
        }
    }
    let current = |id: &str| chamdiem_core::ruleset::catalog::current(id).and_then(|t| load_ruleset(t).ok()).map(Arc::new);
    let options = Options {
        given,
        by_sha256: &bundled,
        current: &current,
        roster: roster.as_ref().map(|r| &r.0),
        others: others.as_ref().map(|o| &o.0),
        by: chamdiem_core::record::Signer::default(),
        at: now_utc(),
        app_version: env!("CARGO_PKG_VERSION").into(),
        lang,
    };
    let result = consolidate(&files, &options);
    for r in &result.refused {
        eprintln!("{}: {}", r.file, r.reasons.join("; "));
        ok = false;
    }
    for p in &result.problems {
        eprintln!("{}", p.describe(lang));
        ok = false;
    }
    type Writer = fn(&chamdiem_core::office::Consolidation, Lang) -> Result<Vec<u8>, String>;
    let outputs: [(Option<String>, Writer); 2] = [(xlsx_path, to_xlsx), (zip_path, |c, _| chamdiem_core::office::archive::dossiers_zip(c))];
    for (path, write) in outputs {
        let Some(path) = path else { continue };
        if let Err(e) = write(&result, lang).and_then(|b| std::fs::write(&path, b).map_err(|e| e.to_string())) {
            eprintln!("{path}: {e}");
            return ExitCode::from(1);
        }
    }
    let table = to_csv(&result, lang);
    match csv_path {
        Some(path) => {
            if let Err(e) = std::fs::write(&path, table) {
                eprintln!("{path}: {e}");
                return ExitCode::from(1);
            }
        }
        None => print!("{}", table.trim_start_matches('\u{feff}')),
    }
    // The process ends now: freeing every dossier one by one, on one core,
    // was a twentieth of the command's work.
    std::mem::forget((result, files));
    if ok { ExitCode::SUCCESS } else { ExitCode::from(1) }
}

/// `from-xlsx BOOK.xlsx [--tree TREE.csv] [-o RULESET.json]`.
fn from_xlsx(args: &[String], lang: Lang) -> ExitCode {
    use chamdiem_core::ruleset::book;
    let mut args = args.to_vec();
    let (Ok(out), Ok(tree)) = (option(&mut args, "-o"), option(&mut args, "--tree")) else { return usage() };
    let [path] = &args[..] else { return usage() };
    let bytes = |p: &str| std::fs::read(p).map_err(|e| eprintln!("{p}: {e}"));
    let Ok(book_bytes) = bytes(path) else { return ExitCode::from(1) };
    let tree_bytes = match &tree {
        Some(t) => match bytes(t) {
            Ok(b) => Some(b),
            Err(()) => return ExitCode::from(1),
        },
        None => None,
    };
    let read = book::from_book(path, &book_bytes, tree.as_deref().zip(tree_bytes.as_deref()));
    let read = match read {
        Ok(r) => r,
        Err(problems) => {
            for p in problems {
                eprintln!("{}", p.describe(lang));
            }
            return ExitCode::from(1);
        }
    };
    let json = read.json();
    match out {
        Some(o) => {
            if let Err(e) = std::fs::write(&o, &json) {
                eprintln!("{o}: {e}");
                return ExitCode::from(1);
            }
            eprintln!("{o}: OK ({}, {} items, sha256 {})", read.ruleset.id, read.ruleset.items.len(), sha256_hex(json.as_bytes()));
            // Its line for rulesets/index.json, to paste.
            if let Ok(line) = serde_json::to_string(&read.index_entry()) {
                eprintln!("index.json: {line}");
            }
        }
        None => print!("{json}"),
    }
    ExitCode::SUCCESS
}

/// `to-xlsx RULESET.json [-o BOOK.xlsx]`.
fn to_xlsx(args: &[String], lang: Lang) -> ExitCode {
    use chamdiem_core::ruleset::file::RulesetFile;
    let mut args = args.to_vec();
    let Ok(out) = option(&mut args, "-o") else { return usage() };
    let [path] = &args[..] else { return usage() };
    // Only a ruleset that passes `validate` is written out.
    if let Err(code) = load(path, lang) {
        return code;
    }
    let file: RulesetFile = match read(path).map(|t| parse_json(&t)) {
        Ok(Ok(f)) => f,
        Ok(Err(p)) => {
            report(path, &p, lang);
            return ExitCode::from(1);
        }
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(1);
        }
    };
    let out = out.unwrap_or_else(|| std::path::Path::new(path).with_extension("xlsx").to_string_lossy().into_owned());
    match chamdiem_core::ruleset::book::to_xlsx(&file).and_then(|b| std::fs::write(&out, b).map_err(|e| e.to_string())) {
        Ok(()) => {
            eprintln!("{out}: OK");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{out}: {e}");
            ExitCode::from(1)
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn iso_utc_gives_the_calendar_date() {
        assert_eq!(super::iso_utc(0), "1970-01-01T00:00:00+00:00");
        assert_eq!(super::iso_utc(951_782_400), "2000-02-29T00:00:00+00:00");
        assert_eq!(super::iso_utc(1_764_745_200), "2025-12-03T07:00:00+00:00");
        assert_eq!(super::iso_utc(4_107_542_399), "2100-02-28T23:59:59+00:00");
    }
}
