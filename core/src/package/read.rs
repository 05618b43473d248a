//! Reading a package without holding it: the end record from the package's
//! tail, then the central directory, then for each entry read its local
//! header (30 bytes and the name) for where its data starts. Each step takes
//! a slice the caller cut (the browser by `Blob.slice`, the command line by
//! seeking in the file), so no step needs more than the directory in memory.
//!
//! Every structural fault refuses the package, naming the entry when there
//! is one; nothing is expanded here. Sizes are the directory's declarations:
//! whoever expands an entry stops past its declared size (`native`).

use super::name::{is_reserved, is_unsafe_char};
use std::collections::BTreeMap;
use super::{Fault, PackageProblem, BOMB_FLOOR, MAX_ENTRIES, MAX_ENTRY_NAME_BYTES, MAX_EXPANSION};

/// The end record's fixed part.
pub const END_LEN: usize = 22;
/// A local header's fixed part; slice this plus the name's length.
pub const LOCAL_HEADER_LEN: usize = 30;
/// How much of the package's end to give `locate`: the end record and the
/// longest comment it may carry.
pub const TAIL_LEN: u64 = END_LEN as u64 + 0xFFFF;
/// The most bytes a central directory may take (10,000 entries with names
/// of 400 bytes, and room).
pub const MAX_DIRECTORY_BYTES: u64 = 8 * 1024 * 1024;

const LOCAL_SIG: u32 = 0x0403_4b50;
const CENTRAL_SIG: u32 = 0x0201_4b50;
const END_SIG: u32 = 0x0605_4b50;
const FLAG_ENCRYPTED: u16 = 1;
const FLAG_DESCRIPTOR: u16 = 1 << 3;
const FLAG_STRONG_ENCRYPTION: u16 = 1 << 6;

/// How an entry's data is stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Stored,
    Deflated,
}

/// Where the central directory is, from the end record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Directory {
    pub offset: u64,
    pub size: u64,
    pub count: usize,
    pub package_len: u64,
}

/// One entry as the central directory declares it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    pub name: String,
    pub method: Method,
    /// Bytes of data in the package.
    pub compressed: u64,
    /// Bytes once expanded (the same when stored).
    pub size: u64,
    pub crc32: u32,
    /// Where its local header starts.
    pub offset: u64,
    /// Where the next entry (or the directory) starts: its data must end before.
    pub end: u64,
    flags: u16,
    /// The name's bytes in the local header are the directory's (false when
    /// the name came from a Unicode-path extra field).
    raw_name: bool,
}

impl Listed {
    /// A folder entry ("tai-lieu/2/"), which some tools add; it holds nothing.
    pub fn is_dir(&self) -> bool {
        self.name.ends_with('/')
    }
}

fn u16_at(b: &[u8], i: usize) -> u16 {
    u16::from_le_bytes([b[i], b[i + 1]])
}

fn u32_at(b: &[u8], i: usize) -> u32 {
    u32::from_le_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]])
}

fn whole(fault: Fault) -> PackageProblem {
    PackageProblem { entry: String::new(), fault }
}

/// The end record in `tail` (the package's last `min(len, TAIL_LEN)` bytes;
/// `head`, its first 4 bytes, tells a cut ZIP from something else).
pub fn locate(tail: &[u8], head: &[u8], package_len: u64) -> Result<Directory, PackageProblem> {
    let found = (0..=tail.len().saturating_sub(END_LEN))
        .rev()
        .take_while(|_| tail.len() >= END_LEN)
        .find(|&i| u32_at(tail, i) == END_SIG && usize::from(u16_at(tail, i + 20)) == tail.len() - i - END_LEN);
    let Some(i) = found else {
        return Err(whole(if head.starts_with(&LOCAL_SIG.to_le_bytes()) { Fault::Truncated } else { Fault::NotZip }));
    };
    let e = &tail[i..];
    let (disk, cd_disk, on_disk, count) = (u16_at(e, 4), u16_at(e, 6), u16_at(e, 8), u16_at(e, 10));
    let (size, offset) = (u64::from(u32_at(e, 12)), u64::from(u32_at(e, 16)));
    if count == 0xFFFF || size == 0xFFFF_FFFF || offset == 0xFFFF_FFFF {
        return Err(whole(Fault::Zip64));
    }
    if disk != 0 || cd_disk != 0 || on_disk != count {
        return Err(whole(Fault::SplitArchive));
    }
    if usize::from(count) > MAX_ENTRIES {
        return Err(whole(Fault::TooManyEntries { count: usize::from(count) }));
    }
    if size > MAX_DIRECTORY_BYTES {
        return Err(whole(Fault::DirectoryTooLarge { bytes: size }));
    }
    let Some(end_at) = package_len.checked_sub((tail.len() - i) as u64) else { return Err(whole(Fault::BadDirectory)) };
    match (offset + size).cmp(&end_at) {
        std::cmp::Ordering::Equal => Ok(Directory { offset, size, count: usize::from(count), package_len }),
        std::cmp::Ordering::Greater => Err(whole(Fault::Truncated)),
        std::cmp::Ordering::Less => Err(whole(Fault::BadDirectory)),
    }
}

/// The name a ZIP path gives, when it is not safe to unpack: absolute, with
/// `..`, or a part Windows would refuse or change.
pub fn path_fault(name: &str) -> Option<Fault> {
    let b = name.as_bytes();
    if name.is_empty() {
        return Some(Fault::UnsafeName);
    }
    if name.starts_with(['/', '\\']) || (b.len() >= 2 && b[0].is_ascii_alphabetic() && b[1] == b':') {
        return Some(Fault::AbsolutePath);
    }
    let body = name.strip_suffix('/').unwrap_or(name);
    if body.split(['/', '\\']).any(|p| p == "..") {
        return Some(Fault::ParentPath);
    }
    let bad_part = |p: &str| p.is_empty() || p.chars().any(is_unsafe_char) || p.ends_with(['.', ' ']) || p.starts_with(' ') || is_reserved(p);
    if body.split('/').any(bad_part) {
        return Some(Fault::UnsafeName);
    }
    None
}

/// The name of an entry from its bytes: UTF-8 (with or without the flag:
/// macOS's Archive Utility sets none), else Info-ZIP's Unicode path field.
fn entry_name(raw: &[u8], extra: &[u8]) -> Option<(String, bool)> {
    if let Ok(s) = std::str::from_utf8(raw) {
        return Some((s.to_string(), true));
    }
    let mut i = 0;
    while i + 4 <= extra.len() {
        let (id, len) = (u16_at(extra, i), usize::from(u16_at(extra, i + 2)));
        let body = extra.get(i + 4..i + 4 + len)?;
        if id == 0x7075 && len > 5 && body[0] == 1 && u32_at(body, 1) == super::crc32::crc32(raw) {
            return std::str::from_utf8(&body[5..]).ok().map(|s| (s.to_string(), false));
        }
        i += 4 + len;
    }
    None
}

/// A name as a message shows it: at most 80 characters.
pub fn shown(name: &str) -> String {
    if name.chars().count() <= 80 {
        return name.to_string();
    }
    let head: String = name.chars().take(60).collect();
    format!("{head}…")
}

/// Sorts pairs in place: a heap sort, a few hundred bytes of wasm where the
/// standard library's sorts are kilobytes each, and O(n log n) on any input.
fn heap_sort(v: &mut [(u64, usize)]) {
    fn sift(v: &mut [(u64, usize)], mut root: usize, end: usize) {
        loop {
            let mut child = 2 * root + 1;
            if child >= end {
                return;
            }
            if child + 1 < end && v[child + 1] > v[child] {
                child += 1;
            }
            if v[root] >= v[child] {
                return;
            }
            v.swap(root, child);
            root = child;
        }
    }
    let n = v.len();
    for start in (0..n / 2).rev() {
        sift(v, start, n);
    }
    for end in (1..n).rev() {
        v.swap(0, end);
        sift(v, 0, end);
    }
}

/// A name that is not UTF-8, as far as it is, for a message.
fn readable(raw: &[u8]) -> String {
    match std::str::from_utf8(raw) {
        Ok(s) => shown(s),
        Err(e) => format!("{}…", shown(std::str::from_utf8(&raw[..e.valid_up_to()]).unwrap_or(""))),
    }
}

/// The entries of the central directory `cd` (the bytes `dir` says), each
/// checked; every fault found, by entry, when any.
pub fn list(cd: &[u8], dir: &Directory) -> Result<Vec<Listed>, Vec<PackageProblem>> {
    if cd.len() as u64 != dir.size {
        return Err(vec![whole(Fault::Truncated)]);
    }
    let mut out: Vec<Listed> = Vec::with_capacity(dir.count);
    let mut problems = Vec::new();
    let mut at = 0usize;
    for n in 0..dir.count {
        let numbered = || format!("#{}", n + 1);
        let Some(h) = cd.get(at..at + 46).filter(|h| u32_at(h, 0) == CENTRAL_SIG) else {
            problems.push(PackageProblem { entry: numbered(), fault: Fault::BadDirectory });
            return Err(problems);
        };
        let (flags, method, crc32) = (u16_at(h, 8), u16_at(h, 10), u32_at(h, 16));
        let (compressed, size) = (u64::from(u32_at(h, 20)), u64::from(u32_at(h, 24)));
        let (n_len, m_len, k_len) = (usize::from(u16_at(h, 28)), usize::from(u16_at(h, 30)), usize::from(u16_at(h, 32)));
        let (disk, offset) = (u16_at(h, 34), u64::from(u32_at(h, 42)));
        let Some(raw) = cd.get(at + 46..at + 46 + n_len) else {
            problems.push(PackageProblem { entry: numbered(), fault: Fault::BadDirectory });
            return Err(problems);
        };
        let Some(extra) = cd.get(at + 46 + n_len..at + 46 + n_len + m_len) else {
            problems.push(PackageProblem { entry: numbered(), fault: Fault::BadDirectory });
            return Err(problems);
        };
        at += 46 + n_len + m_len + k_len;
        if n_len > MAX_ENTRY_NAME_BYTES {
            let entry = readable(raw);
            problems.push(PackageProblem { entry, fault: Fault::NameTooLong { bytes: n_len } });
            continue;
        }
        let Some((name, raw_name)) = entry_name(raw, extra) else {
            problems.push(PackageProblem { entry: readable(raw), fault: Fault::NameNotUtf8 });
            continue;
        };
        let mut fault = |f: Fault| problems.push(PackageProblem { entry: shown(&name), fault: f });
        let method = match method {
            0 => Some(Method::Stored),
            8 => Some(Method::Deflated),
            m => {
                fault(Fault::UnknownMethod { method: m });
                None
            }
        };
        if compressed == 0xFFFF_FFFF || size == 0xFFFF_FFFF || offset == 0xFFFF_FFFF || disk == 0xFFFF {
            fault(Fault::Zip64);
            continue;
        }
        if disk != 0 {
            fault(Fault::SplitArchive);
        }
        if flags & (FLAG_ENCRYPTED | FLAG_STRONG_ENCRYPTION) != 0 {
            fault(Fault::Encrypted);
        }
        if let Some(f) = path_fault(&name) {
            fault(f);
        }
        if name.ends_with('/') && size != 0 {
            fault(Fault::BadDirectory);
        }
        if method == Some(Method::Stored) && compressed != size {
            fault(Fault::StoredSizesDiffer);
        }
        // A ZIP bomb declares far more than the package could give: never expanded.
        if size > dir.package_len.saturating_mul(MAX_EXPANSION).max(BOMB_FLOOR) {
            fault(Fault::Bomb { declared: size, package: dir.package_len });
        }
        if offset + (LOCAL_HEADER_LEN + n_len) as u64 + compressed > dir.offset {
            fault(Fault::Overlaps);
        }
        if let Some(method) = method {
            out.push(Listed { name, method, compressed, size, crc32, offset, end: dir.offset, flags, raw_name });
        }
    }
    if at != cd.len() {
        problems.push(whole(Fault::BadDirectory));
    }
    // Two entries of one name, or a file and a folder of one name, in any
    // case (Windows and macOS would unpack one over the other). (One map
    // type for every map of the package's code: each other one is its own
    // copy of the B-tree in the browser's wasm.)
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    let mut folders: BTreeMap<String, usize> = BTreeMap::new();
    for (i, l) in out.iter().enumerate() {
        let folded = l.name.trim_end_matches('/').to_lowercase();
        let mut rest = folded.as_str();
        while let Some((parent, _)) = rest.rsplit_once('/') {
            folders.entry(parent.to_string()).or_insert(i);
            rest = parent;
        }
        match seen.get(&folded) {
            Some(&first) if !(l.is_dir() && out[first].is_dir()) => {
                problems.push(PackageProblem { entry: shown(&l.name), fault: Fault::Duplicate { other: shown(&out[first].name) } });
            }
            Some(_) => {}
            None => {
                seen.insert(folded, i);
            }
        }
    }
    for l in out.iter().filter(|l| !l.is_dir()) {
        if let Some(&inside) = folders.get(&l.name.to_lowercase()) {
            problems.push(PackageProblem { entry: shown(&l.name), fault: Fault::Duplicate { other: shown(&out[inside].name) } });
        }
    }
    // Data must not overlap: entries sharing bytes are the other ZIP bomb.
    let mut by_offset: Vec<(u64, usize)> = out.iter().enumerate().map(|(i, l)| (l.offset, i)).collect();
    heap_sort(&mut by_offset);
    for w in by_offset.windows(2) {
        let next = w[1].0;
        let l = &mut out[w[0].1];
        l.end = next;
        if l.offset + (LOCAL_HEADER_LEN + l.name.len()) as u64 + l.compressed > next {
            problems.push(PackageProblem { entry: shown(&l.name), fault: Fault::Overlaps });
        }
    }
    if problems.is_empty() { Ok(out) } else { Err(problems) }
}

/// Where `entry`'s data starts, from its local header (`header`: at least
/// `LOCAL_HEADER_LEN` bytes from `entry.offset`, better with the name too),
/// checked against the directory.
pub fn data_start(header: &[u8], entry: &Listed) -> Result<u64, PackageProblem> {
    let fault = |f: Fault| PackageProblem { entry: shown(&entry.name), fault: f };
    let Some(h) = header.get(..LOCAL_HEADER_LEN) else { return Err(fault(Fault::Truncated)) };
    if u32_at(h, 0) != LOCAL_SIG {
        return Err(fault(Fault::BadLocalHeader));
    }
    let (flags, method) = (u16_at(h, 6), u16_at(h, 8));
    let (n_len, m_len) = (u64::from(u16_at(h, 26)), u64::from(u16_at(h, 28)));
    let wanted = if entry.method == Method::Stored { 0 } else { 8 };
    if flags & (FLAG_ENCRYPTED | FLAG_STRONG_ENCRYPTION) != 0 || method != wanted {
        return Err(fault(Fault::LocalDiffers));
    }
    if entry.raw_name {
        let name = header.get(LOCAL_HEADER_LEN..LOCAL_HEADER_LEN + n_len as usize);
        if n_len != entry.name.len() as u64 || name.is_some_and(|n| n != entry.name.as_bytes()) {
            return Err(fault(Fault::LocalDiffers));
        }
    }
    // Without a data descriptor the local header repeats the directory's figures.
    if flags & FLAG_DESCRIPTOR == 0 && entry.flags & FLAG_DESCRIPTOR == 0 && (u32_at(h, 14) != entry.crc32 || u64::from(u32_at(h, 18)) != entry.compressed || u64::from(u32_at(h, 22)) != entry.size) {
        return Err(fault(Fault::LocalDiffers));
    }
    let start = entry.offset + LOCAL_HEADER_LEN as u64 + n_len + m_len;
    if start + entry.compressed > entry.end {
        return Err(fault(Fault::Overlaps));
    }
    Ok(start)
}

/// The directory of a package held whole (tests, small packages).
pub fn list_bytes(package: &[u8]) -> Result<Vec<Listed>, Vec<PackageProblem>> {
    let len = package.len() as u64;
    let tail = &package[package.len().saturating_sub(TAIL_LEN as usize)..];
    let dir = locate(tail, package.get(..4).unwrap_or(package), len).map_err(|p| vec![p])?;
    let cd = &package[dir.offset as usize..(dir.offset + dir.size) as usize];
    list(cd, &dir)
}

#[cfg(test)]
mod tests {
    #[test]
    fn heap_sort_sorts() {
        let mut v: Vec<(u64, usize)> = [5u64, 1, 4, 1, 9, 0, 3].iter().enumerate().map(|(i, &o)| (o, i)).collect();
        super::heap_sort(&mut v);
        assert_eq!(v.iter().map(|p| p.0).collect::<Vec<_>>(), [0, 1, 1, 3, 4, 5, 9]);
    }
}
