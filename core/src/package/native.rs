//! A package read from a file by the command line: the directory through
//! `read`, then each entry's data streamed through SHA-256 and CRC-32
//! (inflated by flate2 when deflated: a package another tool re-zipped), so
//! memory holds the directory, the dossier and a buffer, whatever the
//! package's size. Never more than an entry declares is expanded.

use super::read::{data_start, list, locate, Listed, Method, LOCAL_HEADER_LEN, TAIL_LEN};
use super::{check, dossier_entry, Fault, Measured, PackageProblem, Plan, DOSSIER_NAME};
use std::collections::BTreeMap;
use sha2::{Digest, Sha256};
use std::io::{Read, Seek, SeekFrom};

/// A package open for reading: its source and its checked directory.
pub struct Package<R> {
    source: R,
    pub listing: Vec<Listed>,
}

fn io(entry: &str, e: std::io::Error) -> PackageProblem {
    let fault = if e.kind() == std::io::ErrorKind::UnexpectedEof { Fault::Truncated } else { Fault::Unreadable { detail: e.to_string() } };
    PackageProblem { entry: super::read::shown(entry), fault }
}

fn read_at<R: Read + Seek>(r: &mut R, at: u64, len: u64, entry: &str) -> Result<Vec<u8>, PackageProblem> {
    r.seek(SeekFrom::Start(at)).map_err(|e| io(entry, e))?;
    let mut buf = Vec::new();
    r.take(len).read_to_end(&mut buf).map_err(|e| io(entry, e))?;
    Ok(buf)
}

impl<R: Read + Seek> Package<R> {
    /// Reads and checks the directory; every fault found when refused.
    pub fn open(mut source: R) -> Result<Self, Vec<PackageProblem>> {
        let len = source.seek(SeekFrom::End(0)).map_err(|e| vec![io("", e)])?;
        let head = read_at(&mut source, 0, 4, "").map_err(|p| vec![p])?;
        let tail_len = len.min(TAIL_LEN);
        let tail = read_at(&mut source, len - tail_len, tail_len, "").map_err(|p| vec![p])?;
        let dir = locate(&tail, &head, len).map_err(|p| vec![p])?;
        let cd = read_at(&mut source, dir.offset, dir.size, "").map_err(|p| vec![p])?;
        let listing = list(&cd, &dir)?;
        Ok(Package { source, listing })
    }

    /// Streams `entry`'s data to `sink`, expanded, and measures it; stops
    /// with a fault past the declared size.
    fn stream(&mut self, entry: &Listed, sink: &mut dyn FnMut(&[u8])) -> Result<Measured, PackageProblem> {
        let header = read_at(&mut self.source, entry.offset, (LOCAL_HEADER_LEN + entry.name.len()) as u64, &entry.name)?;
        let start = data_start(&header, entry)?;
        self.source.seek(SeekFrom::Start(start)).map_err(|e| io(&entry.name, e))?;
        stream(entry, (&mut self.source).take(entry.compressed), sink)
    }

    /// `entry`'s size, SHA-256 and CRC-32, read through.
    pub fn measure(&mut self, entry: &Listed) -> Result<Measured, PackageProblem> {
        self.stream(entry, &mut |_| {})
    }

    /// `entry`'s bytes (the dossier: its size checked by the caller first),
    /// and what reading them found.
    pub fn read(&mut self, entry: &Listed) -> Result<(Vec<u8>, Measured), PackageProblem> {
        let mut out = Vec::with_capacity(usize::try_from(entry.size).unwrap_or(0).min(crate::json::MAX_FILE_BYTES));
        let m = self.stream(entry, &mut |b| out.extend_from_slice(b))?;
        Ok((out, m))
    }

    /// `ho-so.json`'s text and what reading it found.
    pub fn dossier(&mut self) -> Result<(String, Measured), PackageProblem> {
        let entry = dossier_entry(&self.listing)?.clone();
        let (bytes, m) = self.read(&entry)?;
        let text = String::from_utf8(bytes).map_err(|_| PackageProblem { entry: DOSSIER_NAME.into(), fault: Fault::NotUtf8 })?;
        Ok((text, m))
    }

    /// Each file of `plan` (what the JSON lists) read through, then
    /// `check`ed with the dossier's own reading: every problem of the files.
    /// A file missing or declared with another size is not read.
    pub fn check_files(&mut self, plan: &Plan, dossier: Measured) -> Vec<PackageProblem> {
        let listing = std::mem::take(&mut self.listing);
        let mut measured: Vec<Option<Measured>> = vec![None; listing.len()];
        let by_name: BTreeMap<&str, usize> = listing.iter().enumerate().map(|(i, l)| (l.name.as_str(), i)).collect();
        if let Some(&i) = by_name.get(DOSSIER_NAME) {
            measured[i] = Some(dossier);
        }
        let mut problems = Vec::new();
        for f in &plan.files {
            let Some(&i) = by_name.get(f.path.as_str()).filter(|&&i| !listing[i].is_dir() && listing[i].size == f.size) else { continue };
            match self.measure(&listing[i]) {
                Ok(m) => measured[i] = Some(m),
                Err(p) => problems.push(p),
            }
        }
        problems.extend(check(plan, &listing, &measured));
        self.listing = listing;
        problems
    }
}

/// `entry`'s data as the package holds it (`raw`, from its data start:
/// `compressed` bytes), expanded and measured: for a reader that slices the
/// package itself (the browser's worker, through `Blob.slice`).
pub fn expand(entry: &Listed, raw: &[u8]) -> Result<(Vec<u8>, Measured), PackageProblem> {
    let mut out = Vec::with_capacity(usize::try_from(entry.size).unwrap_or(0).min(64 * 1024 * 1024));
    let m = stream(entry, raw, &mut |b| out.extend_from_slice(b))?;
    Ok((out, m))
}

/// `raw` (an entry's data as stored) expanded to `sink` and measured; a
/// fault past the declared size, never more expanded.
fn stream(entry: &Listed, raw: impl Read, sink: &mut dyn FnMut(&[u8])) -> Result<Measured, PackageProblem> {
    let fault = |f: Fault| PackageProblem { entry: super::read::shown(&entry.name), fault: f };
    let mut reader: Box<dyn Read + '_> = match entry.method {
        Method::Stored => Box::new(raw),
        Method::Deflated => Box::new(flate2::read::DeflateDecoder::new(raw)),
    };
    let (mut sha, mut crc, mut size) = (Sha256::new(), super::crc32::Crc32::new(), 0u64);
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let n = match reader.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(fault(Fault::Unreadable { detail: e.to_string() })),
        };
        size += n as u64;
        if size > entry.size {
            return Err(fault(Fault::LongerThanDeclared));
        }
        sha.update(&buf[..n]);
        crc.update(&buf[..n]);
        sink(&buf[..n]);
    }
    if size != entry.size {
        return Err(fault(Fault::SizeDiffers { expected: entry.size, found: size }));
    }
    let sha256 = sha.finalize().iter().map(|b| format!("{b:02x}")).collect();
    Ok(Measured { size, sha256, crc32: crc.finish() })
}
