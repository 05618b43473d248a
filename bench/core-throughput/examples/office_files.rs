//! Writes the office benchmark's input (bench/office.mjs runs it):
//! the generated ruleset `DIR/sinh-tu-dong-<items>.json` and N distinct
//! four-stage dossiers made on that exact file, in `DIR/sinh-tu-dong-<items>/`
//! (emptied first). Every dossier is verified against the ruleset, and the N
//! consolidated natively (all taken, all ranked) before anything is written.
//!
//!   cargo run --release --example office_files -- --areas 2 --n 250 --out DIR
//!
//! --areas A   A × 10 criteria × 10 sub-criteria: 2 = 200 items, 20 = 2,000
//! --n N       dossiers (default 250)
//! --out DIR   where to write (default ../build/office, i.e. bench/build/office)
//!
//! Prints one JSON line: the ruleset's id, path, SHA-256 and item count, the
//! folder of the dossiers, their count and total bytes, and the native
//! consolidation's time (one run, for information; criterion measures it).
use chamdiem_core_throughput::{assert_all_ranked, consolidate_given, generated, loaded, office_files};
use std::path::PathBuf;
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let (mut areas, mut n, mut out) = (2usize, 250usize, PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../build/office")));
    while let Some(a) = args.next() {
        let mut val = || args.next().unwrap_or_else(|| panic!("{a} needs a value"));
        match a.as_str() {
            "--areas" => areas = val().parse().expect("--areas: a number"),
            "--n" => n = val().parse().expect("--n: a number"),
            "--out" => out = PathBuf::from(val()),
            _ => panic!("unknown argument {a}; usage: office_files [--areas 2] [--n 250] [--out DIR]"),
        }
    }
    let text = generated(areas);
    let given = loaded(&text);
    let id = given.0.id.clone();
    let items = given.0.items.len();
    let t = Instant::now();
    let files = office_files(&text, n);
    let made_s = t.elapsed().as_secs_f64();
    let bytes: Vec<(String, Vec<u8>)> = files.iter().map(|(name, f)| (name.clone(), f.as_bytes().to_vec())).collect();
    let t = Instant::now();
    let c = consolidate_given(&bytes, &given);
    let consolidate_s = t.elapsed().as_secs_f64();
    assert_all_ranked(&c, n);

    std::fs::create_dir_all(&out).unwrap();
    let ruleset_path = out.join(format!("{id}.json"));
    std::fs::write(&ruleset_path, &text).unwrap();
    let dir = out.join(&id);
    if dir.exists() {
        std::fs::remove_dir_all(&dir).unwrap();
    }
    std::fs::create_dir_all(&dir).unwrap();
    for (name, f) in &files {
        std::fs::write(dir.join(name), f).unwrap();
    }
    let total: usize = files.iter().map(|(_, f)| f.len()).sum();
    let line = serde_json::json!({
        "id": id, "items": items, "ruleset": ruleset_path, "sha256": given.1,
        "dir": dir, "files": n, "bytes": total,
        "made_s": made_s, "native_consolidate_s": consolidate_s,
    });
    println!("{line}");
}
