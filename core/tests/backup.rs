//! The backup file (`record::backup`): made from a browser's drafts and
//! dossiers, read back whole, refused with the place when it is not one, and
//! restored by adding only.

mod common;

use chamdiem_core::record::{parse_backup, parse_dossier, parse_draft, Backup, Draft};
use common::*;

fn draft(id: &str, agency: &str) -> Draft {
    let mut d = parse_draft(&read_repo("tests/drafts/daklak-01.v1.draft.json")).expect("the v1 draft fixture reads");
    d.id = id.into();
    d.agency.name = agency.into();
    d
}

fn dossier() -> chamdiem_core::record::Dossier {
    parse_dossier(&read_repo(DAKLAK_01_DOSSIER)).expect("the worked example reads")
}

#[test]
fn a_backup_reads_back_whole() {
    let b = Backup::new("0.1.0", "2026-12-03T09:00:00+07:00", vec![draft("a", "Sở A"), draft("b", "Sở B")], vec![dossier()]);
    let text = serde_json::to_string(&b).unwrap();
    let back = parse_backup(&text).expect("reads");
    assert_eq!(back, b);
    assert_eq!(back.dossiers[0].key(), dossier().stages.last().unwrap().hash, "a dossier is kept under its last stage's hash");
}

#[test]
fn restoring_only_adds() {
    let b = Backup::new("0.1.0", "2026-12-03T09:00:00+07:00", vec![draft("a", "Sở A"), draft("b", "Sở B"), draft("c", "Sở C")], vec![dossier()]);
    // In the browser: "a" as in the backup, "b" changed since, no "c", the dossier already kept.
    let here = vec![draft("a", "Sở A"), draft("b", "Sở B, sửa sau")];
    let kept = dossier().key().to_string();
    let mut n = 0;
    let plan = b.restore_plan(&here, |k| k == kept, || { n += 1; format!("moi{n}") });
    let added: Vec<(&str, &str)> = plan.drafts.iter().map(|d| (d.id.as_str(), d.agency.name.as_str())).collect();
    assert_eq!(added, [("moi1", "Sở B"), ("c", "Sở C")], "the changed draft comes in beside, under a new id; the new one as it is");
    assert_eq!((plan.unchanged, plan.beside), (2, 1));
    assert!(plan.dossiers.is_empty(), "a dossier already kept is not added again");
    let plan = b.restore_plan(&[], |_| false, || unreachable!("no id is taken"));
    assert_eq!((plan.drafts.len(), plan.dossiers.len(), plan.unchanged), (3, 1, 0));
}

#[test]
fn a_file_that_is_no_backup_is_refused_with_the_place() {
    let said = |text: &str| described(&parse_backup(text).unwrap_err());
    assert!(said(&read_repo(DAKLAK_01_DOSSIER)).contains("format"), "a dossier is not a backup");
    let b = Backup::new("0.1.0", "t", vec![draft("a", "Sở A")], vec![]);
    let mut v = serde_json::to_value(&b).unwrap();
    v["drafts"][0]["entries"]["1"]["value"] = serde_json::json!(12);
    let s = said(&v.to_string());
    assert!(s.starts_with("drafts[0].entries.1.value (dòng 1"), "the place, to the field: {s}");
    v = serde_json::to_value(&b).unwrap();
    v["extra"] = serde_json::json!(1);
    assert!(said(&v.to_string()).contains("extra"));
}
