//! The evidence package (gói hồ sơ, docs/goi-ho-so.md): one ZIP with the
//! dossier as `ho-so.json` at its root and each evidence file under
//! `tai-lieu/<item key>/<name>`, stored (not compressed).
//!
//! Pure functions on metadata, so the browser can build a package from
//! `Blob` parts and read one by slicing its `Blob`, with none of the files
//! passing through wasm memory twice, and without the `zip` crate:
//! - `plan`: each file's path in the package, written into its `FileRef`;
//! - `write::layout`: the bytes around the files (headers, directory);
//! - `read`: the directory from the package's tail, each entry checked;
//! - `check`: what the JSON lists against what the package holds.
//!
//! `native` (feature `office-files`) reads a package from a file for the
//! command line, deflated entries too.

pub mod crc32;
pub mod name;
#[cfg(feature = "office-files")]
pub mod native;
pub mod read;
pub mod write;

use crate::record::entry::{Entry, FileRef};
use read::{path_fault, Listed};
use std::collections::BTreeMap;

/// The dossier's name in the package.
pub const DOSSIER_NAME: &str = "ho-so.json";
/// The folder of the evidence files.
pub const FILES_DIR: &str = "tai-lieu";
/// At most this many entries in a package.
pub const MAX_ENTRIES: usize = 10_000;
/// At most this many bytes in an entry's name (a path).
pub const MAX_ENTRY_NAME_BYTES: usize = 512;
/// No entry may declare more than this many times the package's size: more
/// is a ZIP bomb, refused, never expanded. (Evidence is mostly PDFs and
/// images, which deflate hardly shrinks; a dossier's JSON shrinks about 15
/// times.)
pub const MAX_EXPANSION: u64 = 32;
/// Below this, an entry's declared size is never taken for a ZIP bomb (a
/// small package whose `ho-so.json`, at most 5 MB, deflated very well).
pub const BOMB_FLOOR: u64 = 8 * 1024 * 1024;

/// What is wrong with a package, or with one of its entries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fault {
    /// No end record, and it does not begin as a ZIP.
    NotZip,
    /// It begins as a ZIP but ends early, or an entry runs past its end.
    Truncated,
    /// The central directory does not hold together.
    BadDirectory,
    /// Past 4 GB or 65,535 entries (ZIP64): not supported.
    Zip64,
    SplitArchive,
    TooManyEntries { count: usize },
    DirectoryTooLarge { bytes: u64 },
    NameTooLong { bytes: usize },
    NameNotUtf8,
    ParentPath,
    AbsolutePath,
    /// A part Windows would refuse or change (a device name, `<>:"|?*`,
    /// a control character, a trailing dot or space, a backslash, empty).
    UnsafeName,
    /// Another entry of the same name (any case), or a file named as a folder.
    Duplicate { other: String },
    Encrypted,
    UnknownMethod { method: u16 },
    Bomb { declared: u64, package: u64 },
    StoredSizesDiffer,
    /// Its data runs into another entry or the directory.
    Overlaps,
    BadLocalHeader,
    /// The local header says otherwise than the central directory.
    LocalDiffers,
    /// No `ho-so.json` at the root.
    NoDossier,
    /// `ho-so.json` is not UTF-8 text.
    NotUtf8,
    DossierTooLarge { bytes: u64 },
    /// A file the JSON lists is not in the package.
    Missing { item: String, name: String },
    /// A file the JSON lists has no path in the package.
    NoPath { item: String, name: String },
    /// A file the JSON lists at a path outside `tai-lieu/` or unsafe.
    BadPath { item: String, name: String },
    /// Two different files listed at one path.
    PathTwice { item: String, name: String },
    /// An entry the JSON does not list.
    Unlisted,
    SizeDiffers { expected: u64, found: u64 },
    HashDiffers { item: String, name: String },
    CrcError,
    /// Its data could not be expanded.
    Unreadable { detail: String },
    /// It expands to more than it declares.
    LongerThanDeclared,
}

/// A fault and the entry it is in ("" for the package as a whole); words
/// in `crate::text` (`describe`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackageProblem {
    pub entry: String,
    pub fault: Fault,
}

/// One file in the package: where, and what the JSON says it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Planned {
    pub path: String,
    pub size: u64,
    pub sha256: String,
    /// The first item listing it, and its name there (for messages).
    pub item: String,
    pub name: String,
}

/// The files of a package, one per path, in the order of the JSON.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plan {
    pub files: Vec<Planned>,
}

/// The folder of an item's files: "tai-lieu/2/2.1" for the key "2/2.1".
pub fn folder_of(key: &str) -> String {
    let mut out = FILES_DIR.to_string();
    for part in key.split('/') {
        out.push('/');
        out.push_str(&name::safe_part(part, name::MAX_FOLDER_UNITS));
    }
    out
}

fn files_of(e: &Entry) -> impl Iterator<Item = &FileRef> {
    e.evidence.iter().flat_map(|x| &x.files)
}

/// Paths given so far, folded to lower case: a file's path, or "" for a
/// folder. (String to String: the map type drafts already bring into the
/// scoring page's wasm, where each other one is a B-tree's code again.)
#[derive(Default)]
struct Placer {
    taken: BTreeMap<String, String>,
    plan: Plan,
}

impl Placer {
    fn folders(&mut self, path: &str) {
        let folded = path.to_lowercase();
        let mut rest = folded.as_str();
        while let Some((parent, _)) = rest.rsplit_once('/') {
            self.taken.insert(parent.to_string(), String::new());
            rest = parent;
        }
    }

    fn add(&mut self, path: &str, item: &str, f: &FileRef) {
        self.folders(path);
        self.taken.insert(path.to_lowercase(), path.to_string());
        self.plan.files.push(Planned { path: path.into(), size: f.size, sha256: f.sha256.clone(), item: item.into(), name: f.name.clone() });
    }

    /// A path for `f` of item `key`: its safe name in the item's folder,
    /// numbered when another file has it; the same content under the same
    /// name shares the path.
    fn place(&mut self, key: &str, f: &FileRef) -> String {
        let folder = folder_of(key);
        let base = name::safe_part(&f.name, name::MAX_NAME_UNITS);
        let mut n = 0usize;
        loop {
            n += 1;
            let mut path = folder.clone();
            path.push('/');
            path.push_str(&if n == 1 { base.clone() } else { name::numbered(&base, n, name::MAX_NAME_UNITS) });
            let Some(existing) = self.taken.get(&path.to_lowercase()) else {
                self.add(&path, key, f);
                return path;
            };
            if let Some(p) = self.plan.files.iter().find(|p| p.path == *existing && !existing.is_empty()) {
                if p.sha256 == f.sha256 && p.size == f.size {
                    return p.path.clone();
                }
            }
        }
    }
}

/// Gives every file of `entries` (the stage being written) its path in the
/// package, and returns the package's files: those of `before` (the stages
/// already sealed, whose paths stay) and these. Deterministic: items in key
/// order, files in their order; a name taken in a folder (any case) by other
/// content becomes "name (2).pdf".
pub fn plan<'a>(before: impl IntoIterator<Item = (&'a String, &'a Entry)>, entries: &mut BTreeMap<String, Entry>) -> Plan {
    let mut p = Placer::default();
    for (key, e) in before {
        for f in files_of(e).filter(|f| !f.path.is_empty()) {
            if !p.taken.contains_key(&f.path.to_lowercase()) {
                p.add(&f.path, key, f);
            }
        }
    }
    // The folders first, so that no file takes the name of an item's folder.
    for key in entries.iter().filter(|(_, e)| files_of(e).next().is_some()).map(|(k, _)| k) {
        p.folders(&format!("{}/", folder_of(key)));
    }
    for (key, e) in entries.iter_mut() {
        for f in e.evidence.iter_mut().flat_map(|x| x.files.iter_mut()) {
            f.path = p.place(key, f);
        }
    }
    p.plan
}

/// The files a sealed JSON lists, one per path; problems where a file has
/// no path, an unsafe one, or shares it with another content.
pub fn listed<'a>(entries: impl IntoIterator<Item = (&'a String, &'a Entry)>) -> (Plan, Vec<PackageProblem>) {
    let mut plan = Plan::default();
    let mut problems = Vec::new();
    let mut at: BTreeMap<String, usize> = BTreeMap::new();
    for (key, e) in entries {
        for f in files_of(e) {
            let (item, name) = (key.clone(), f.name.clone());
            let entry = read::shown(&f.path);
            if f.path.is_empty() {
                problems.push(PackageProblem { entry, fault: Fault::NoPath { item, name } });
                continue;
            }
            let inside = f.path.strip_prefix(FILES_DIR).is_some_and(|r| r.starts_with('/'));
            if !inside || f.path.ends_with('/') || f.path.len() > MAX_ENTRY_NAME_BYTES || path_fault(&f.path).is_some() {
                problems.push(PackageProblem { entry, fault: Fault::BadPath { item, name } });
                continue;
            }
            match at.get(&f.path.to_lowercase()) {
                Some(&i) => {
                    let first = &plan.files[i];
                    if first.sha256 != f.sha256 || first.size != f.size || first.path != f.path {
                        problems.push(PackageProblem { entry, fault: Fault::PathTwice { item, name } });
                    }
                }
                None => {
                    at.insert(f.path.to_lowercase(), plan.files.len());
                    plan.files.push(Planned { path: f.path.clone(), size: f.size, sha256: f.sha256.clone(), item, name });
                }
            }
        }
    }
    (plan, problems)
}

/// What reading an entry's data found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Measured {
    pub size: u64,
    /// SHA-256, lowercase hex.
    pub sha256: String,
    pub crc32: u32,
}

/// The dossier's entry, when it is there and not too large to read.
pub fn dossier_entry(listing: &[Listed]) -> Result<&Listed, PackageProblem> {
    let d = listing.iter().find(|l| l.name == DOSSIER_NAME).ok_or(PackageProblem { entry: DOSSIER_NAME.into(), fault: Fault::NoDossier })?;
    if d.size > crate::json::MAX_FILE_BYTES as u64 {
        return Err(PackageProblem { entry: DOSSIER_NAME.into(), fault: Fault::DossierTooLarge { bytes: d.size } });
    }
    Ok(d)
}

/// The package's entries (`listing`) and what reading them found
/// (`measured[i]` for `listing[i]`, `None` when not read) against the files
/// the JSON lists (`plan`): each listed file present with its size and
/// SHA-256, each entry read matching its CRC-32, and nothing the JSON does
/// not list but `ho-so.json` and folders. An entry not read is not judged
/// on its content (whoever read the package says why it could not).
pub fn check(plan: &Plan, listing: &[Listed], measured: &[Option<Measured>]) -> Vec<PackageProblem> {
    let mut problems = Vec::new();
    let mut by_name: BTreeMap<String, usize> = BTreeMap::new();
    for (i, l) in listing.iter().enumerate() {
        by_name.insert(l.name.clone(), i);
    }
    let mut wanted: BTreeMap<String, usize> = BTreeMap::new();
    for f in &plan.files {
        wanted.insert(f.path.clone(), 0);
        let entry = read::shown(&f.path);
        let (item, name) = (f.item.clone(), f.name.clone());
        let Some(&i) = by_name.get(&f.path).filter(|&&i| !listing[i].is_dir()) else {
            problems.push(PackageProblem { entry, fault: Fault::Missing { item, name } });
            continue;
        };
        if listing[i].size != f.size {
            problems.push(PackageProblem { entry, fault: Fault::SizeDiffers { expected: f.size, found: listing[i].size } });
            continue;
        }
        if let Some(Some(m)) = measured.get(i) {
            if m.size != f.size {
                problems.push(PackageProblem { entry, fault: Fault::SizeDiffers { expected: f.size, found: m.size } });
            } else if m.sha256 != f.sha256 {
                problems.push(PackageProblem { entry, fault: Fault::HashDiffers { item, name } });
            }
        }
    }
    for (i, l) in listing.iter().enumerate() {
        if let Some(Some(m)) = measured.get(i) {
            if m.crc32 != l.crc32 {
                problems.push(PackageProblem { entry: read::shown(&l.name), fault: Fault::CrcError });
            }
        }
        if !l.is_dir() && l.name != DOSSIER_NAME && !wanted.contains_key(&l.name) {
            problems.push(PackageProblem { entry: read::shown(&l.name), fault: Fault::Unlisted });
        }
    }
    problems
}
