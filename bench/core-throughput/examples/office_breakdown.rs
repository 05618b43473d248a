//! Where the native consolidation's time goes, per phase, on N four-stage
//! dossiers of the generated ruleset (the files of examples/office_files.rs):
//! each public step the consolidation goes through timed alone over the N
//! files, then the whole `office::consolidate`. Each line gives the wall
//! time and this thread's CPU time per file (/proc/thread-self/schedstat):
//! on a shared machine the CPU time is the steadier figure of a step run on
//! one thread; `check_files` and `consolidate` verify on every core, so
//! their wall time is the one to read. A diagnostic for
//! ../office-results.md, not a benchmark with a target (criterion's group
//! "office" is).
//!
//!   cargo run --release --example office_breakdown -- --areas 2 --n 250
use chamdiem_core::json::peek_format;
use chamdiem_core::office::{check_file, check_files, consolidate_checked};
use chamdiem_core::record::dossier::replay;
use chamdiem_core::record::{parse_dossier, parse_incoming, seal, verify_dossier};
use chamdiem_core::Lang;
use chamdiem_core_throughput::{consolidate_given, generated, loaded, office_files, with_options};
use std::hint::black_box;
use std::time::Instant;

/// This thread's CPU time so far, in ns (Linux); 0 elsewhere.
fn cpu_ns() -> u64 {
    std::fs::read_to_string("/proc/thread-self/schedstat").ok().and_then(|s| s.split_whitespace().next().and_then(|n| n.parse().ok())).unwrap_or(0)
}

fn main() {
    let mut args = std::env::args().skip(1);
    let (mut areas, mut n) = (2usize, 250usize);
    // `--only WORD`: only the steps whose line holds WORD ("none": setup
    // only), e.g. to count instructions with `perf stat`, steadier than time
    // on a shared machine.
    let mut only: Option<String> = None;
    while let Some(a) = args.next() {
        if a == "--only" {
            only = args.next();
            continue;
        }
        let mut val = || args.next().unwrap_or_else(|| panic!("{a} needs a value")).parse::<usize>().expect("a number");
        match a.as_str() {
            "--areas" => areas = val(),
            "--n" => n = val(),
            _ => panic!("unknown argument {a}; usage: office_breakdown [--areas 2] [--n 250] [--only WORD]"),
        }
    }
    let text = generated(areas);
    let given = loaded(&text);
    let (rs, sha) = (&given.0, given.1.as_str());
    let files = office_files(&text, n);
    let dossiers: Vec<_> = files.iter().map(|(_, f)| parse_dossier(f).unwrap()).collect();
    let bytes: Vec<(String, Vec<u8>)> = files.iter().map(|(n, f)| (n.clone(), f.as_bytes().to_vec())).collect();
    let refs: Vec<(&str, &[u8])> = bytes.iter().map(|(n, b)| (n.as_str(), b.as_slice())).collect();
    let kb = files.iter().map(|(_, f)| f.len()).sum::<usize>() as f64 / n as f64 / 1000.0;
    println!("{n} dossiers, {} items, {kb:.0} KB each on average; ms per file (wall, this thread's CPU):", rs.items.len());
    let time = |what: &str, f: &mut dyn FnMut()| {
        if only.as_ref().is_some_and(|w| !what.contains(w.as_str())) {
            return;
        }
        let (t, c) = (Instant::now(), cpu_ns());
        f();
        let per = t.elapsed().as_secs_f64() * 1000.0 / n as f64;
        let cpu = (cpu_ns() - c) as f64 / 1e6 / n as f64;
        println!("{per:>9.3} {cpu:>7.3}  {what}");
    };
    time("peek_format (the whole file parsed to a serde_json::Value, to read \"format\")", &mut || {
        for (_, f) in &files {
            black_box(peek_format(f).unwrap());
        }
    });
    time("parse_incoming (a sound dossier: one typed pass)", &mut || {
        for (_, f) in &files {
            black_box(parse_incoming(f).unwrap());
        }
    });
    time("seal × 4 (each stage: to JSON text, back to a Value, canonical form, SHA-256)", &mut || {
        for d in &dossiers {
            let mut prev = d.ruleset.sha256.as_str();
            for st in &d.stages {
                assert_eq!(black_box(seal(prev, st)), st.hash);
                prev = &st.hash;
            }
        }
    });
    time("replay of the 4 stages (a state kept per stage, as the appraisal page needs)", &mut || {
        for d in &dossiers {
            black_box(replay(rs, &d.stages));
        }
    });
    time("verify_dossier (chain + replay + every computed part compared)", &mut || {
        for d in &dossiers {
            assert!(black_box(verify_dossier(d, Some((rs.clone(), sha)), Lang::Vi)).is_sound());
        }
    });
    time("check_file, one after the other (parse + verify, the state kept)", &mut || {
        for (_, b) in &bytes {
            assert!(black_box(check_file(b, &|s| (s == sha).then(|| given.clone()), "0.1.0", Lang::Vi)).is_ok());
        }
    });
    let checked = if only.as_ref().is_none_or(|w| "consolidate_checked".contains(w.as_str())) { with_options(&given, |o| check_files(&refs, o)) } else { Vec::new() };
    time("check_files (the same on every core)", &mut || {
        black_box(with_options(&given, |o| check_files(&refs, o)));
    });
    let names: Vec<String> = bytes.iter().map(|(n, _)| n.clone()).collect();
    let mut checked = Some(checked);
    time("consolidate_checked (the office's stage on each state, ranking, sealing)", &mut || {
        let c = checked.take().unwrap();
        black_box(with_options(&given, |o| consolidate_checked(names.iter().cloned().zip(c).collect(), o)));
    });
    time("office::consolidate, whole (ruleset given, no roster, no others)", &mut || {
        black_box(consolidate_given(&bytes, &given));
    });
}
