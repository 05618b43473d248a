//! The evidence package (docs/goi-ho-so.md): the dossier as `ho-so.json` and
//! each file under `tai-lieu/<item>/`, written as the browser assembles it,
//! read back by an independent reader (the zip crate) and by the core's; a
//! package re-zipped by another tool; and the hostile corpus, generated here
//! (no large binaries in git): each refused with a message naming the
//! entry, never a panic, never anything expanded past what it declares.

mod common;

use chamdiem_core::package::native::Package;
use chamdiem_core::package::read::{list_bytes, Method};
use chamdiem_core::package::{self, Fault, PackageProblem, DOSSIER_NAME};
use chamdiem_core::record::{parse_dossier, sha256_hex, verify_dossier, Dossier};
use chamdiem_core::Lang;
use common::*;
use proptest::prelude::*;
use std::collections::BTreeMap;
use std::io::{Cursor, Read, Write};
use std::time::{Duration, Instant};

/// What reading a package finds, the JSON's own verification aside (that
/// is `verify_dossier`'s, tested in dossier.rs): the `chamdiem verify` flow
/// on bytes. Every message is non-empty; nothing takes more than 5 s.
fn problems(bytes: &[u8]) -> Vec<PackageProblem> {
    let t = Instant::now();
    let out = match Package::open(Cursor::new(bytes)) {
        Err(p) => p,
        Ok(mut pkg) => match pkg.dossier() {
            Err(p) => vec![p],
            Ok((text, m)) => {
                let d = parse_dossier(&text).unwrap_or_else(|p| panic!("ho-so.json: {}", described(&p)));
                let (plan, mut p) = package::listed(d.stages.iter().flat_map(|s| &s.entries));
                p.extend(pkg.check_files(&plan, m));
                p
            }
        },
    };
    assert!(t.elapsed() < Duration::from_secs(5), "took {:?}", t.elapsed());
    for p in &out {
        assert!(!p.describe(Lang::Vi).trim().is_empty() && !p.describe(Lang::En).trim().is_empty());
    }
    out
}

/// The single problem of a package, asserted to be one.
fn only(bytes: &[u8]) -> PackageProblem {
    let mut p = problems(bytes);
    assert_eq!(p.len(), 1, "{p:?}");
    p.remove(0)
}

const DECISION: &str = "tai-lieu/1/1.1/Quyết định 215.pdf";

#[test]
fn each_file_is_under_its_item_with_a_safe_name_and_vietnamese_kept() {
    let (d, _) = evidence_dossier();
    let paths: Vec<(String, String)> = d.stages[0].entries.iter().flat_map(|(k, e)| e.evidence.iter().flat_map(|x| &x.files).map(move |f| (k.clone(), f.path.clone()))).collect();
    let want = [
        ("1/1.1", DECISION),
        ("1/1.1", "tai-lieu/1/1.1/Ảnh chụp hội nghị.png"),
        ("1/1.1", "tai-lieu/1/1.1/Báo cáo.pdf"),
        // Another content of the same name but for case: numbered, since
        // Windows and macOS would unpack one over the other.
        ("1/1.1", "tai-lieu/1/1.1/báo cáo (2).pdf"),
        ("2/2.1", "tai-lieu/2/2.1/_CON.pdf"),
        ("2/2.1", "tai-lieu/2/2.1/Kế hoạch_ ai_ làm gì.docx"),
        ("2/2.1", "tai-lieu/2/2.1/Quyết định 215.pdf"),
    ];
    assert_eq!(paths, want.map(|(k, p)| (k.to_string(), p.to_string())));
    // The paths are sealed in the stage: the dossier verifies as it is.
    let (rs, sha) = ruleset_and_hash(TRAINING);
    assert!(verify_dossier(&d, Some((rs, &sha)), Lang::Vi).is_sound());
}

#[test]
fn the_plan_is_the_same_every_time_and_a_later_stage_keeps_the_earlier_paths() {
    let (d, _) = evidence_dossier();
    let mut again = d.stages[0].entries.clone();
    for f in again.values_mut().flat_map(|e| e.evidence.iter_mut().flat_map(|x| x.files.iter_mut())) {
        f.path.clear();
    }
    package::plan([], &mut again);
    assert_eq!(again, d.stages[0].entries, "the same paths from the same names");
    // The agency's response attaches a new "Quyết định 215.pdf" to 1/1.1 and
    // the old one again: the new content is numbered, the old one shares its path.
    let old = d.stages[0].entries["1/1.1"].evidence[0].files[0].clone();
    let new = file_bytes(9, 100);
    let mut response: BTreeMap<String, chamdiem_core::record::Entry> = BTreeMap::new();
    let e = response.entry("1/1.1".into()).or_default();
    e.evidence.push(chamdiem_core::record::Evidence { files: vec![file_ref("Quyết định 215.pdf", "application/pdf", &new), unplaced(&old)], ..Default::default() });
    let plan = package::plan(d.stages.iter().flat_map(|s| &s.entries), &mut response);
    let files = &response["1/1.1"].evidence[0].files;
    assert_eq!(files[0].path, "tai-lieu/1/1.1/Quyết định 215 (2).pdf");
    assert_eq!(files[1].path, DECISION);
    assert_eq!(plan.files.len(), 8, "the seven of the first stage and the new one");
}

/// A file reference as the page holds it before planning: no path.
fn unplaced(f: &chamdiem_core::record::FileRef) -> chamdiem_core::record::FileRef {
    chamdiem_core::record::FileRef { path: String::new(), ..f.clone() }
}

#[test]
fn the_agencys_response_attaches_files_beside_the_self_assessments() {
    use chamdiem_core::record::{Entry, Evidence, Signer, Stage, StageKind};
    let (mut d, mut contents) = evidence_dossier();
    let (rs, sha) = ruleset_and_hash(TRAINING);
    let mut a1 = Stage::new(StageKind::ThamDinh1, council(), "2025-12-20T10:00:00+07:00");
    a1.entries.insert("1/1.1".into(), appraised("không", "Quyết định chưa có chữ ký."));
    d.append(a1, &rs).unwrap_or_else(|p| panic!("{}", described(&p)));
    let signed = file_bytes(7, 1200);
    let mut r = Stage::new(StageKind::GiaiTrinh, Signer { unit: "Sở Tư pháp".into(), person: "Lê Thị Hoa".into() }, "2025-12-22T15:30:00+07:00");
    r.entries.insert(
        "1/1.1".into(),
        Entry {
            explanation: "Bổ sung quyết định đã ký.".into(),
            evidence: vec![Evidence { files: vec![file_ref("Quyết định 215.pdf", "application/pdf", &signed)], ..Evidence::default() }],
            ..Entry::default()
        },
    );
    d.append(r, &rs).unwrap_or_else(|p| panic!("{}", described(&p)));
    contents.insert(sha256_hex(&signed), signed);
    // Another content of the same name in the same folder: numbered; the first stage's paths unchanged.
    assert_eq!(d.stages[2].entries["1/1.1"].evidence[0].files[0].path, "tai-lieu/1/1.1/Quyết định 215 (2).pdf");
    assert_eq!(d.stages[0].entries["1/1.1"].evidence[0].files[0].path, DECISION);
    assert!(verify_dossier(&d, Some((rs, &sha)), Lang::Vi).is_sound());
    let bytes = package_of(&d, &contents);
    assert_eq!(list_bytes(&bytes).unwrap().len(), 9);
    assert_eq!(problems(&bytes), vec![]);
}

#[test]
fn another_reader_unpacks_the_same_names_and_contents() {
    let (bytes, d, contents) = evidence_package();
    // The UTF-8 flag (bit 11) and no compression, in the first local header.
    assert_eq!(u16::from_le_bytes([bytes[6], bytes[7]]), 0x0800);
    assert_eq!(u16::from_le_bytes([bytes[8], bytes[9]]), 0);
    let mut zip = zip::ZipArchive::new(Cursor::new(&bytes)).unwrap();
    let mut names = Vec::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let mut b = Vec::new();
        f.read_to_end(&mut b).unwrap();
        let name = f.name().unwrap().to_string();
        if name == DOSSIER_NAME {
            assert_eq!(parse_dossier(std::str::from_utf8(&b).unwrap()).unwrap(), d);
        } else {
            assert!(contents.contains_key(&sha256_hex(&b)), "{name}");
        }
        names.push(name);
    }
    assert_eq!(names.len(), 8);
    assert_eq!(names[0], DOSSIER_NAME);
    assert!(names.contains(&DECISION.to_string()) && names.contains(&"tai-lieu/1/1.1/báo cáo (2).pdf".to_string()), "{names:?}");
    // And the core's reader finds nothing wrong.
    assert_eq!(problems(&bytes), vec![]);
}

#[test]
fn a_package_re_zipped_with_deflate_and_folders_still_opens() {
    let (bytes, _, _) = evidence_package();
    let mut zip = zip::ZipArchive::new(Cursor::new(&bytes)).unwrap();
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let deflate = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    out.add_directory("tai-lieu/", deflate).unwrap();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let mut b = Vec::new();
        f.read_to_end(&mut b).unwrap();
        let name = f.name().unwrap().to_string();
        out.start_file(name, deflate).unwrap();
        out.write_all(&b).unwrap();
    }
    let rezipped = out.finish().unwrap().into_inner();
    let listing = list_bytes(&rezipped).unwrap();
    assert!(listing.iter().any(|l| l.method == Method::Deflated));
    assert_eq!(problems(&rezipped), vec![]);
}

/// The package with the entry `name` given other bytes (its CRC right).
fn with_entry(name: &str, data: Option<&[u8]>, extra: &[(&str, &[u8])]) -> Vec<u8> {
    let (d, contents) = evidence_dossier();
    let json = serde_json::to_string(&d).unwrap();
    let (plan, _) = package::listed(d.stages.iter().flat_map(|s| &s.entries));
    let mut files: Vec<(&str, &[u8])> = vec![(DOSSIER_NAME, json.as_bytes())];
    for f in &plan.files {
        match (f.path == name, data) {
            (true, None) => {}
            (true, Some(b)) => files.push((f.path.as_str(), b)),
            (false, _) => files.push((f.path.as_str(), contents[&f.sha256].as_slice())),
        }
    }
    files.extend_from_slice(extra);
    package::write::assemble(&files, (0, 33)).unwrap()
}

/// Every occurrence of `from` in `bytes` replaced by `to`, of the same length.
fn replace_all(bytes: &mut [u8], from: &[u8], to: &[u8]) {
    assert_eq!(from.len(), to.len());
    let mut n = 0;
    let mut i = 0;
    while i + from.len() <= bytes.len() {
        if &bytes[i..i + from.len()] == from {
            bytes[i..i + from.len()].copy_from_slice(to);
            n += 1;
            i += from.len();
        } else {
            i += 1;
        }
    }
    assert!(n > 0, "nothing replaced");
}

#[test]
fn not_a_zip_and_truncated_are_told_apart() {
    assert_eq!(only(b"Quyet dinh 215, ban in"), PackageProblem { entry: String::new(), fault: Fault::NotZip });
    assert_eq!(only(b""), PackageProblem { entry: String::new(), fault: Fault::NotZip });
    let (bytes, _, _) = evidence_package();
    for cut in [bytes.len() - 1, bytes.len() - 30, bytes.len() / 2, 5] {
        assert_eq!(only(&bytes[..cut]).fault, Fault::Truncated, "cut at {cut}");
    }
    let m = only(&bytes[..bytes.len() / 2]).describe(Lang::Vi);
    assert!(m.starts_with("gói hồ sơ: tệp ZIP bị cắt cụt"), "{m}");
}

#[test]
fn a_crc_error_names_the_entry() {
    let (mut bytes, _, contents) = evidence_package();
    let sha = sha256_hex(&file_bytes(3, 40));
    let crc = package::crc32::crc32(&contents[&sha]);
    // The directory's and the local header's CRC both changed: the data is not what they say.
    replace_all(&mut bytes, &crc.to_le_bytes(), &(crc ^ 1).to_le_bytes());
    let p = only(&bytes);
    assert_eq!(p, PackageProblem { entry: "tai-lieu/1/1.1/Báo cáo.pdf".into(), fault: Fault::CrcError });
    assert!(p.describe(Lang::Vi).starts_with("tai-lieu/1/1.1/Báo cáo.pdf: lỗi CRC"));
    // Only in the directory: the local header disagrees with it.
    let (mut bytes, _, _) = evidence_package();
    let at = bytes.len() - 22;
    let cd = u32::from_le_bytes(bytes[at + 16..at + 20].try_into().unwrap()) as usize;
    let first_file_crc = cd + 46 + DOSSIER_NAME.len() + 16;
    bytes[first_file_crc] ^= 1;
    assert_eq!(only(&bytes), PackageProblem { entry: DECISION.into(), fault: Fault::LocalDiffers });
}

#[test]
fn a_listed_file_missing_an_unlisted_entry_and_a_changed_file_are_named() {
    let p = only(&with_entry(DECISION, None, &[]));
    assert_eq!(p.entry, DECISION);
    assert_eq!(p.describe(Lang::Vi), format!("{DECISION}: thiếu tệp \"Quyết định 215.pdf\" của mục 1/1.1: hồ sơ liệt kê nhưng gói không có"));
    let p = only(&with_entry("", None, &[("tai-lieu/1/1.1/thêm.exe", b"MZ")]));
    assert_eq!(p, PackageProblem { entry: "tai-lieu/1/1.1/thêm.exe".into(), fault: Fault::Unlisted });
    let mut other = file_bytes(1, 3000);
    other[100] ^= 0xFF;
    let p = only(&with_entry(DECISION, Some(&other), &[]));
    assert_eq!(p.fault, Fault::HashDiffers { item: "1/1.1".into(), name: "Quyết định 215.pdf".into() });
    assert_eq!(p.entry, DECISION);
    let p = only(&with_entry(DECISION, Some(b"short"), &[]));
    assert_eq!(p.fault, Fault::SizeDiffers { expected: 3009, found: 5 });
}

#[test]
fn unsafe_paths_are_refused_by_name() {
    let cases: [(&str, &str, Fault); 5] = [
        ("aa/evil.txt", "../evil.txt", Fault::ParentPath),
        ("tai-lieu/aa/x", "tai-lieu/../x", Fault::ParentPath),
        ("zzzzzz.txt", "/tmp/x.txt", Fault::AbsolutePath),
        ("zz/win.ini", "C:/win.ini", Fault::AbsolutePath),
        ("zzzz.pdf", "CON .pdf", Fault::UnsafeName),
    ];
    for (safe, hostile, fault) in cases {
        let mut bytes = with_entry("", None, &[(safe, b"x")]);
        replace_all(&mut bytes, safe.as_bytes(), hostile.as_bytes());
        assert_eq!(only(&bytes), PackageProblem { entry: hostile.into(), fault }, "{hostile}");
    }
    // The writer refuses them in the first place.
    assert_eq!(package::write::assemble(&[("../x", b"")], (0, 33)).unwrap_err().fault, Fault::ParentPath);
}

#[test]
fn a_thousand_character_name_is_refused_and_shown_short() {
    let long = format!("tai-lieu/{}.pdf", "a".repeat(1000));
    let bytes = raw_zip(&[RawEntry::stored(DOSSIER_NAME, b"{}"), RawEntry::stored(&long, b"x")]);
    let p = only(&bytes);
    assert_eq!(p.fault, Fault::NameTooLong { bytes: 1013 });
    assert!(p.entry.chars().count() <= 61 && p.entry.starts_with("tai-lieu/aaa"), "{}", p.entry);
}

#[test]
fn a_zip_bomb_is_refused_without_being_expanded() {
    // 200 MB of zeros deflate to about 200 KB: far more than 32 times the package.
    let mut enc = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
    let zeros = vec![0u8; 1 << 20];
    for _ in 0..200 {
        enc.write_all(&zeros).unwrap();
    }
    let data = enc.finish().unwrap();
    let bomb = RawEntry { name: b"tai-lieu/1/bom.pdf".to_vec(), data, method: 8, flags: 0x800, crc32: 0, size: 200 << 20 };
    let t = Instant::now();
    let p = only(&raw_zip(&[RawEntry::stored(DOSSIER_NAME, b"{}"), bomb]));
    assert!(matches!(p.fault, Fault::Bomb { declared: 209_715_200, .. }), "{p:?}");
    assert_eq!(p.entry, "tai-lieu/1/bom.pdf");
    assert!(t.elapsed() < Duration::from_millis(500));
    // One that lies about its size stops at the size it declares.
    let mut liar = RawEntry::deflated(DOSSIER_NAME, &[b' '; 100_000]);
    liar.size = 10;
    let p = only(&raw_zip(&[liar]));
    assert_eq!(p, PackageProblem { entry: DOSSIER_NAME.into(), fault: Fault::LongerThanDeclared });
}

#[test]
fn ten_thousand_and_one_entries_are_refused_at_once() {
    let entries: Vec<RawEntry> = (0..10_001).map(|i| RawEntry::stored(&format!("tai-lieu/{i}.pdf"), b"")).collect();
    let t = Instant::now();
    let p = only(&raw_zip(&entries));
    assert_eq!(p, PackageProblem { entry: String::new(), fault: Fault::TooManyEntries { count: 10_001 } });
    assert!(t.elapsed() < Duration::from_secs(1));
    // Ten thousand are read, each named as not listed.
    let entries: Vec<RawEntry> = std::iter::once(RawEntry::stored(DOSSIER_NAME, evidence_package_json().as_bytes()))
        .chain((1..10_000).map(|i| RawEntry::stored(&format!("tai-lieu/{i}.pdf"), b"")))
        .collect();
    let p = problems(&raw_zip(&entries));
    assert_eq!(p.iter().filter(|p| p.fault == Fault::Unlisted).count(), 9_999);
    assert_eq!(p.iter().filter(|p| matches!(p.fault, Fault::Missing { .. })).count(), 7);
}

fn evidence_package_json() -> String {
    serde_json::to_string(&evidence_dossier().0).unwrap()
}

#[test]
fn duplicates_encryption_unknown_methods_and_overlaps_are_named() {
    let dup = raw_zip(&[RawEntry::stored(DOSSIER_NAME, b"{}"), RawEntry::stored("tai-lieu/a.pdf", b"1"), RawEntry::stored("tai-lieu/A.pdf", b"2")]);
    assert_eq!(only(&dup), PackageProblem { entry: "tai-lieu/A.pdf".into(), fault: Fault::Duplicate { other: "tai-lieu/a.pdf".into() } });
    let folder = raw_zip(&[RawEntry::stored(DOSSIER_NAME, b"{}"), RawEntry::stored("tai-lieu/1", b"1"), RawEntry::stored("tai-lieu/1/a.pdf", b"2")]);
    assert_eq!(only(&folder).entry, "tai-lieu/1");
    let mut secret = RawEntry::stored("tai-lieu/mat.pdf", b"x");
    secret.flags |= 1;
    assert_eq!(only(&raw_zip(&[RawEntry::stored(DOSSIER_NAME, b"{}"), secret])).fault, Fault::Encrypted);
    let mut bzip = RawEntry::stored("tai-lieu/b.pdf", b"x");
    bzip.method = 12;
    let p = only(&raw_zip(&[RawEntry::stored(DOSSIER_NAME, b"{}"), bzip]));
    assert_eq!(p, PackageProblem { entry: "tai-lieu/b.pdf".into(), fault: Fault::UnknownMethod { method: 12 } });
    assert!(p.describe(Lang::En).contains("compression method 12"));
    // Two directory records pointing at the same data (the overlapping bomb).
    let mut bytes = raw_zip(&[RawEntry::stored(DOSSIER_NAME, b"{}"), RawEntry::stored("tai-lieu/x.pdf", b"abc")]);
    let at = bytes.len() - 22;
    let cd = u32::from_le_bytes(bytes[at + 16..at + 20].try_into().unwrap()) as usize;
    let second = cd + 46 + DOSSIER_NAME.len();
    bytes[second + 42..second + 46].copy_from_slice(&0u32.to_le_bytes());
    assert!(problems(&bytes).iter().any(|p| p.fault == Fault::Overlaps), "{:?}", problems(&bytes));
    // No ho-so.json.
    assert_eq!(only(&raw_zip(&[RawEntry::stored("tai-lieu/a.pdf", b"1")])).fault, Fault::NoDossier);
}

#[test]
fn the_command_line_verifies_a_package_and_names_each_problem() {
    let dir = scratch("package-cli");
    let good = dir.join("goi.zip");
    std::fs::write(&good, evidence_package().0).unwrap();
    let out = run(&["verify", good.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), format!("{}: OK (7 tệp tài liệu kiểm chứng)\n", good.display()));
    let bad = dir.join("bad.zip");
    let mut other = file_bytes(1, 3000);
    other[0] = b'X';
    std::fs::write(&bad, with_entry(DECISION, Some(&other), &[("tai-lieu/thua.txt", b"?")])).unwrap();
    let out = run(&["verify", bad.to_str().unwrap(), "--lang", "en"]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    let lines: Vec<&str> = err.lines().collect();
    let p = bad.display().to_string();
    assert_eq!(lines.len(), 2, "{err}");
    assert!(lines[0].starts_with(&format!("{p}: {DECISION}: the content does not match the SHA-256")), "{err}");
    assert_eq!(lines[1], format!("{p}: tai-lieu/thua.txt: an entry the dossier does not list: the package holds something the dossier does not name"));
    // A tampered ho-so.json is told as `verify` tells a dossier, after the package's name.
    let tampered = dir.join("tampered.zip");
    let (d, contents) = evidence_dossier();
    let mut d2: Dossier = d.clone();
    d2.stages[0].results.points = "99".into();
    std::fs::write(&tampered, package_of(&d2, &contents)).unwrap();
    let out = run(&["verify", tampered.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).lines().all(|l| l.starts_with(&format!("{}: ho-so.json: ", tampered.display()))), "{}", text(&out.stderr));
    // A hostile entry: refused before anything is read, one line naming it.
    let evil = dir.join("evil.zip");
    let mut bytes = with_entry("", None, &[("aa/evil.txt", b"x")]);
    replace_all(&mut bytes, b"aa/evil.txt", b"../evil.txt");
    std::fs::write(&evil, bytes).unwrap();
    let out = run(&["verify", evil.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(text(&out.stderr), format!("{}: ../evil.txt: đường dẫn có \"..\" (trỏ ra ngoài thư mục giải nén): từ chối\n", evil.display()));
    // Not a ZIP, by name.
    let text_file = dir.join("khong-phai.zip");
    std::fs::write(&text_file, "xin chào").unwrap();
    let out = run(&["verify", text_file.to_str().unwrap()]);
    assert_eq!(text(&out.stderr), format!("{}: gói hồ sơ: không phải tệp ZIP (không có bản ghi kết thúc của ZIP)\n", text_file.display()));
}

/// A byte changed, bytes cut or inserted: what a damaged download looks like.
#[derive(Debug, Clone)]
enum Mutation {
    Flip(usize, u8),
    Cut(usize),
    Insert(usize, Vec<u8>),
    Remove(usize, usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        4 => (any::<usize>(), 1u8..=255).prop_map(|(i, x)| Mutation::Flip(i, x)),
        1 => any::<usize>().prop_map(Mutation::Cut),
        1 => (any::<usize>(), proptest::collection::vec(any::<u8>(), 1..40)).prop_map(|(i, b)| Mutation::Insert(i, b)),
        1 => (any::<usize>(), 1usize..40).prop_map(|(i, n)| Mutation::Remove(i, n)),
    ]
}

fn apply(bytes: &mut Vec<u8>, m: &Mutation) {
    let len = bytes.len().max(1);
    match m {
        Mutation::Flip(i, x) => {
            if let Some(b) = bytes.get_mut(i % len) {
                *b ^= x;
            }
        }
        Mutation::Cut(i) => bytes.truncate(i % len),
        Mutation::Insert(i, b) => {
            let at = i % len;
            bytes.splice(at..at, b.iter().copied());
        }
        Mutation::Remove(i, n) => {
            let at = i % len;
            let end = (at + n).min(bytes.len());
            bytes.drain(at..end);
        }
    }
}

/// A small package to mutate (the directory is most of it, where faults matter).
fn small_package() -> Vec<u8> {
    let json = br#"{"format":"cham-diem/dossier","format_version":2,"app_version":"0","ruleset":{"id":"x","version":"1","sha256":"0"},"stages":[]}"#;
    let mut deflated = RawEntry::deflated("tai-lieu/1/b.txt", &[b'b'; 300]);
    deflated.flags = 0x800;
    raw_zip(&[RawEntry::stored(DOSSIER_NAME, json), RawEntry::stored("tai-lieu/1/a.pdf", b"%PDF-1.7 a"), deflated])
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]
    /// Mutated packages never panic the reader: each is read or refused with
    /// named problems, quickly. Near the end (the directory) most often.
    #[test]
    fn mutated_packages_never_panic(ms in proptest::collection::vec(mutation(), 1..4), tail_bias in any::<bool>()) {
        for base in [small_package(), evidence_package().0] {
            let mut bytes = base.clone();
            for m in &ms {
                let m = match (m, tail_bias) {
                    (Mutation::Flip(i, x), true) => Mutation::Flip(bytes.len().saturating_sub(1 + i % 200.min(bytes.len().max(1))), *x),
                    _ => m.clone(),
                };
                apply(&mut bytes, &m);
            }
            let t = Instant::now();
            let _ = list_bytes(&bytes);
            if let Ok(mut pkg) = Package::open(Cursor::new(&bytes)) {
                let listing = pkg.listing.clone();
                for l in &listing {
                    let _ = pkg.measure(l);
                }
                if let Ok((text, m)) = pkg.dossier() {
                    if let Ok(d) = parse_dossier(&text) {
                        let (plan, _) = package::listed(d.stages.iter().flat_map(|s| &s.entries));
                        let _ = pkg.check_files(&plan, m);
                    }
                }
            }
            prop_assert!(t.elapsed() < Duration::from_secs(2));
        }
    }
}
