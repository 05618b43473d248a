//! Writing a package without holding it: the bytes around the files. For
//! each entry its local header, then the central directory and the end
//! record; the caller puts each file's bytes after its header (the browser
//! as `Blob` parts, never copied through wasm memory). Entries are stored,
//! not compressed: PDFs and images already are.

use super::read::path_fault;
use super::{Fault, PackageProblem, MAX_ENTRIES, MAX_ENTRY_NAME_BYTES};

/// One entry to write: its name, size and CRC-32.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    pub name: String,
    pub size: u64,
    pub crc32: u32,
}

/// The bytes of a package but the files': `headers[i]` goes right before
/// member `i`'s bytes, `tail` after the last; `len` is the whole package's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    pub headers: Vec<Vec<u8>>,
    pub tail: Vec<u8>,
    pub len: u64,
}

/// ZIP 2.0: stored entries, UTF-8 names.
const VERSION: u16 = 20;
const FLAG_UTF8: u16 = 1 << 11;
/// The most a ZIP without ZIP64 addresses.
const LIMIT: u64 = 0xFFFF_FFFF;

/// An MS-DOS date and time (what a ZIP entry carries), from the start of
/// an ISO 8601 time ("2025-11-03T10:00:00+07:00", the local time as
/// written); 1980-01-01 00:00 when it cannot be read.
pub fn dos_time(iso: &str) -> (u16, u16) {
    let num = |a: usize, b: usize| iso.get(a..b).filter(|t| t.bytes().all(|c| c.is_ascii_digit())).and_then(|t| t.parse::<u16>().ok());
    let parts = (num(0, 4), num(5, 7), num(8, 10), num(11, 13), num(14, 16), num(17, 19));
    match parts {
        (Some(y), Some(mo), Some(d), Some(h), Some(mi), Some(s)) if (1980..=2107).contains(&y) && (1..=12).contains(&mo) && (1..=31).contains(&d) && h < 24 && mi < 60 && s < 60 => {
            ((h << 11) | (mi << 5) | (s / 2), ((y - 1980) << 9) | (mo << 5) | d)
        }
        _ => (0, (1 << 5) | 1),
    }
}

fn put16(out: &mut Vec<u8>, v: u16) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn put32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

/// The headers, directory and end record of a package of `members`, in
/// that order, dated `time` (`dos_time`). Refused, naming the entry: an
/// unsafe or too long name, a name twice, more than `MAX_ENTRIES` entries,
/// or 4 GB or more (ZIP64 is not written).
pub fn layout(members: &[Member], time: (u16, u16)) -> Result<Layout, PackageProblem> {
    let fault = |m: &Member, f: Fault| PackageProblem { entry: super::read::shown(&m.name), fault: f };
    if members.len() > MAX_ENTRIES {
        return Err(PackageProblem { entry: String::new(), fault: Fault::TooManyEntries { count: members.len() } });
    }
    let mut names: std::collections::BTreeMap<String, String> = std::collections::BTreeMap::new();
    let mut headers = Vec::with_capacity(members.len());
    let mut central = Vec::new();
    let mut offset: u64 = 0;
    for m in members {
        if m.name.len() > MAX_ENTRY_NAME_BYTES {
            return Err(fault(m, Fault::NameTooLong { bytes: m.name.len() }));
        }
        if let Some(f) = path_fault(&m.name) {
            return Err(fault(m, f));
        }
        if names.insert(m.name.to_lowercase(), String::new()).is_some() {
            return Err(fault(m, Fault::Duplicate { other: super::read::shown(&m.name) }));
        }
        if m.size >= LIMIT || offset >= LIMIT {
            return Err(fault(m, Fault::Zip64));
        }
        let (size, at, n) = (m.size as u32, offset as u32, m.name.len() as u16);
        let mut h = Vec::with_capacity(30 + m.name.len());
        put32(&mut h, 0x0403_4b50);
        for v in [VERSION, FLAG_UTF8, 0, time.0, time.1] {
            put16(&mut h, v);
        }
        for v in [m.crc32, size, size] {
            put32(&mut h, v);
        }
        put16(&mut h, n);
        put16(&mut h, 0);
        h.extend_from_slice(m.name.as_bytes());
        put32(&mut central, 0x0201_4b50);
        for v in [VERSION, VERSION, FLAG_UTF8, 0, time.0, time.1] {
            put16(&mut central, v);
        }
        for v in [m.crc32, size, size] {
            put32(&mut central, v);
        }
        for v in [n, 0, 0, 0, 0] {
            put16(&mut central, v);
        }
        put32(&mut central, 0);
        put32(&mut central, at);
        central.extend_from_slice(m.name.as_bytes());
        offset += h.len() as u64 + m.size;
        headers.push(h);
    }
    let cd_size = central.len() as u64;
    if offset >= LIMIT || offset + cd_size + 22 > LIMIT {
        return Err(PackageProblem { entry: String::new(), fault: Fault::Zip64 });
    }
    let mut tail = central;
    put32(&mut tail, 0x0605_4b50);
    let count = members.len() as u16;
    for v in [0, 0, count, count] {
        put16(&mut tail, v);
    }
    put32(&mut tail, cd_size as u32);
    put32(&mut tail, offset as u32);
    put16(&mut tail, 0);
    let len = offset + tail.len() as u64;
    Ok(Layout { headers, tail, len })
}

/// A whole package in memory from names and bytes (the command line, tests):
/// the same layout the browser assembles from `Blob`s.
pub fn assemble(files: &[(&str, &[u8])], time: (u16, u16)) -> Result<Vec<u8>, PackageProblem> {
    let members: Vec<Member> = files.iter().map(|(n, b)| Member { name: n.to_string(), size: b.len() as u64, crc32: super::crc32::crc32(b) }).collect();
    let l = layout(&members, time)?;
    let mut out = Vec::with_capacity(usize::try_from(l.len).unwrap_or(0));
    for (h, (_, b)) in l.headers.iter().zip(files) {
        out.extend_from_slice(h);
        out.extend_from_slice(b);
    }
    out.extend_from_slice(&l.tail);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dos_time_of_a_stage() {
        assert_eq!(dos_time("2025-11-03T10:20:31+07:00"), ((10 << 11) | (20 << 5) | 15, (45 << 9) | (11 << 5) | 3));
        assert_eq!(dos_time("hôm qua"), (0, 33));
        assert_eq!(dos_time("1970-01-01T00:00:00Z"), (0, 33));
    }
}
