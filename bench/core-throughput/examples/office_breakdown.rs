//! Where the native consolidation's time goes, per phase, on N four-stage
//! dossiers of the generated ruleset (the files of examples/office_files.rs):
//! each public step the consolidation goes through timed alone over the N
//! files, then the whole `office::consolidate`. A diagnostic for
//! ../office-results.md, not a benchmark with a target (criterion's group
//! "office" is).
//!
//!   cargo run --release --example office_breakdown -- --areas 2 --n 250
use chamdiem_core::json::peek_format;
use chamdiem_core::record::dossier::replay;
use chamdiem_core::record::{parse_dossier, parse_incoming, seal, verify_dossier};
use chamdiem_core::Lang;
use chamdiem_core_throughput::{consolidate_given, generated, loaded, office_files};
use std::hint::black_box;
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let (mut areas, mut n) = (2usize, 250usize);
    while let Some(a) = args.next() {
        let mut val = || args.next().unwrap_or_else(|| panic!("{a} needs a value")).parse::<usize>().expect("a number");
        match a.as_str() {
            "--areas" => areas = val(),
            "--n" => n = val(),
            _ => panic!("unknown argument {a}; usage: office_breakdown [--areas 2] [--n 250]"),
        }
    }
    let text = generated(areas);
    let given = loaded(&text);
    let (rs, sha) = (&given.0, given.1.as_str());
    let files = office_files(&text, n);
    let dossiers: Vec<_> = files.iter().map(|(_, f)| parse_dossier(f).unwrap()).collect();
    let bytes: Vec<(String, Vec<u8>)> = files.iter().map(|(n, f)| (n.clone(), f.as_bytes().to_vec())).collect();
    let kb = files.iter().map(|(_, f)| f.len()).sum::<usize>() as f64 / n as f64 / 1000.0;
    println!("{n} dossiers, {} items, {kb:.0} KB each on average; ms per file:", rs.items.len());
    let time = |what: &str, f: &mut dyn FnMut()| {
        let t = Instant::now();
        f();
        let per = t.elapsed().as_secs_f64() * 1000.0 / n as f64;
        println!("{per:>9.3}  {what}");
        per
    };
    time("peek_format (the whole file parsed to a serde_json::Value, to read \"format\")", &mut || {
        for (_, f) in &files {
            black_box(peek_format(f).unwrap());
        }
    });
    time("parse_incoming (peek_format twice + the typed parse)", &mut || {
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
    time("replay of the 4 stages", &mut || {
        for d in &dossiers {
            black_box(replay(rs, &d.stages));
        }
    });
    time("verify_dossier (chain + replay + every computed part compared)", &mut || {
        for d in &dossiers {
            assert!(black_box(verify_dossier(d, Some((rs.clone(), sha)), Lang::Vi)).is_sound());
        }
    });
    time("Ruleset::find of every item's key, once (a linear scan of the nodes each)", &mut || {
        for _ in &dossiers {
            for &id in &rs.items {
                black_box(rs.find(&rs.node(id).key));
            }
        }
    });
    time("office::consolidate, whole (ruleset given, no roster, no others)", &mut || {
        black_box(consolidate_given(&bytes, &given));
    });
}
