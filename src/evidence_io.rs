//! Evidence files in the browser (issue 15): kept (`attach`: hashed, their
//! CRC-32 computed, stored in IndexedDB in one transaction), and packages
//! (docs/goi-ho-so.md) made (`make`) and read (`read`) with the core's
//! `package` module, the files' bytes staying in `Blob`s — a package is
//! assembled from the files' own `Blob`s and read by `Blob.slice`, never held
//! whole in wasm. Used by the file-opening worker (src/opener.rs) and the
//! appraisal page, which both have IndexedDB; never by the scoring page's wasm.

use crate::i18n;
use crate::idb;
use chamdiem_core::record::{parse_dossier, sha256_hex, FileRef};
use chamdiem_core::Lang;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// The package: each part laid out by the core (`package::write::layout`:
/// the headers, the directory), the files' own `Blob`s between them — no
/// file passes through wasm memory. The files are those the dossier lists
/// (`package::listed`, as a reader checks them). A file no longer kept stops
/// it, named.
pub async fn make(json: String, at: &str, l: Lang) -> Result<web_sys::Blob, Vec<String>> {
    use chamdiem_core::package::{crc32::crc32, listed, write, DOSSIER_NAME};
    let dossier = parse_dossier(&json).map_err(|p| p.iter().map(|p| p.describe(l)).collect::<Vec<_>>())?;
    let (plan, problems) = listed(dossier.stages.iter().flat_map(|s| s.entries.iter()));
    if !problems.is_empty() {
        return Err(problems.iter().map(|p| p.describe(l)).collect());
    }
    let mut members = vec![write::Member { name: DOSSIER_NAME.into(), size: json.len() as u64, crc32: crc32(json.as_bytes()) }];
    let mut blobs = Vec::new();
    let mut gone = Vec::new();
    for f in &plan.files {
        match idb::evidence(&f.sha256).await.map_err(|e| vec![e])? {
            Some(kept) => {
                members.push(write::Member { name: f.path.clone(), size: kept.blob.size() as u64, crc32: kept.crc32 });
                blobs.push(kept.blob);
            }
            None => gone.push(f.path.clone()),
        }
    }
    if !gone.is_empty() {
        return Err(vec![i18n::package_files_gone(&gone, l)]);
    }
    let layout = write::layout(&members, write::dos_time(at)).map_err(|p| vec![p.describe(l)])?;
    blob_of(&layout, &json, &blobs)
}

/// The package's `Blob`: the first member's text after the first header,
/// then each header and file's `Blob`, then the directory.
fn blob_of(layout: &chamdiem_core::package::write::Layout, first: &str, blobs: &[web_sys::Blob]) -> Result<web_sys::Blob, Vec<String>> {
    let parts = js_sys::Array::new();
    let mut headers = layout.headers.iter();
    if let Some(h) = headers.next() {
        parts.push(&js_sys::Uint8Array::from(h.as_slice()));
    }
    parts.push(&JsValue::from_str(first));
    for (h, b) in headers.zip(blobs) {
        parts.push(&js_sys::Uint8Array::from(h.as_slice()));
        parts.push(b);
    }
    parts.push(&js_sys::Uint8Array::from(layout.tail.as_slice()));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type("application/zip");
    web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &opts).map_err(|e| vec![format!("{e:?}")])
}

/// Bytes `from..to` of a file handed in, read through `Blob.slice`: a
/// package is never read whole into wasm.
async fn slice(file: &web_sys::Blob, from: u64, to: u64) -> Result<Vec<u8>, String> {
    let part = file.slice_with_f64_and_f64(from as f64, to as f64).map_err(|e| format!("{e:?}"))?;
    let buf = JsFuture::from(part.array_buffer()).await.map_err(|e| format!("{e:?}"))?;
    Ok(js_sys::Uint8Array::new(&buf).to_vec())
}

/// A package's entries, from its directory (read from its tail by
/// `Blob.slice`); what is wrong said with the file's name.
async fn directory(file: &web_sys::File, l: Lang) -> Result<Vec<chamdiem_core::package::read::Listed>, Vec<String>> {
    use chamdiem_core::package::read;
    let name = file.name();
    let said = |ps: Vec<chamdiem_core::package::PackageProblem>| ps.iter().map(|p| format!("{name} — {}", p.describe(l))).collect::<Vec<_>>();
    let io = |e: String| vec![format!("{name} — {e}")];
    let len = file.size() as u64;
    let head = slice(file, 0, 4).await.map_err(io)?;
    let tail = slice(file, len - len.min(read::TAIL_LEN), len).await.map_err(io)?;
    let dir = read::locate(&tail, &head, len).map_err(|p| said(vec![p]))?;
    let cd = slice(file, dir.offset, dir.offset + dir.size).await.map_err(io)?;
    read::list(&cd, &dir).map_err(said)
}

/// One entry of a package: its data expanded and measured, and where its
/// data starts (a stored entry is kept as a slice of the package's `Blob`).
async fn entry_data(file: &web_sys::Blob, e: &chamdiem_core::package::read::Listed) -> Result<(Vec<u8>, chamdiem_core::package::Measured, u64), Vec<String>> {
    use chamdiem_core::package::{native, read};
    let header = slice(file, e.offset, e.offset + (read::LOCAL_HEADER_LEN + e.name.len()) as u64).await.map_err(|x| vec![x])?;
    let start = read::data_start(&header, e).map_err(|p| vec![p.describe(Lang::Vi)])?;
    let raw = slice(file, start, start + e.compressed).await.map_err(|x| vec![x])?;
    let (bytes, m) = native::expand(e, &raw).map_err(|p| vec![p.describe(Lang::Vi)])?;
    Ok((bytes, m, start))
}

/// Opens a package (docs/goi-ho-so.md): its directory from the tail, its
/// `ho-so.json`, then each file the JSON lists read once (hashed, its CRC
/// checked) — every problem named by its entry, and nothing kept unless
/// all is sound; then the files are kept and `ho-so.json`'s text returned.
/// A stored file is kept as a slice of the package's `Blob`.
pub async fn read(file: &web_sys::File, l: Lang, progress: &dyn Fn(usize, usize)) -> Result<String, Vec<String>> {
    use chamdiem_core::package::{self as pk, PackageProblem};
    let name = file.name();
    let said = |ps: Vec<PackageProblem>| Err(ps.iter().map(|p| format!("{name} — {}", p.describe(l))).collect());
    let listing = directory(file, l).await?;
    let entry = match pk::dossier_entry(&listing) {
        Ok(e) => e.clone(),
        Err(p) => return said(vec![p]),
    };
    let (bytes, dm, _) = match entry_data(file, &entry).await {
        Ok(x) => x,
        Err(e) => return Err(e.into_iter().map(|e| format!("{name} — {e}")).collect()),
    };
    let Ok(text) = String::from_utf8(bytes) else { return said(vec![PackageProblem { entry: pk::DOSSIER_NAME.into(), fault: pk::Fault::NotUtf8 }]) };
    let dossier = match parse_dossier(&text) {
        Ok(d) => d,
        Err(p) => return Err(p.iter().map(|p| format!("{name} — {}: {}", pk::DOSSIER_NAME, p.describe(l))).collect()),
    };
    let (plan, mut problems) = pk::listed(dossier.stages.iter().flat_map(|s| s.entries.iter()));
    let mut measured = vec![None; listing.len()];
    let mut kept = Vec::new();
    for (i, e) in listing.iter().enumerate() {
        progress(i, listing.len());
        if e.name == pk::DOSSIER_NAME {
            measured[i] = Some(dm.clone());
            continue;
        }
        let Some(f) = plan.files.iter().find(|f| f.path == e.name && f.size == e.size && !e.is_dir()) else { continue };
        match entry_data(file, e).await {
            Ok((bytes, m, start)) => {
                if m.sha256 == f.sha256 {
                    kept.push((m.sha256.clone(), idb::EvidenceFile { blob: stored_or_copied(file, e, start, &bytes)?, crc32: m.crc32 }));
                }
                measured[i] = Some(m);
            }
            Err(e) => return Err(e.into_iter().map(|e| format!("{name} — {e}")).collect()),
        }
    }
    problems.extend(pk::check(&plan, &listing, &measured));
    if !problems.is_empty() {
        return said(problems);
    }
    idb::keep_evidence(&kept).await.map_err(|e| vec![i18n::evidence_not_kept(&e, l)])?;
    Ok(text)
}

/// Keeps the evidence files handed in: each read once, hashed (SHA-256, the
/// name it is kept by) and its ZIP CRC-32 computed, then all of them stored
/// in one transaction — a storage that fills up keeps none, and says so.
/// A file over `crate::opener::MAX_EVIDENCE_BYTES` is refused by name (the page says so
/// before asking; this holds for any other caller).
pub async fn attach(files: &[JsValue], l: Lang) -> Result<Vec<FileRef>, Vec<String>> {
    let mut kept = Vec::new();
    let mut refs = Vec::new();
    for f in files {
        let Ok(file) = f.clone().dyn_into::<web_sys::File>() else { continue };
        if file.size() > crate::opener::MAX_EVIDENCE_BYTES as f64 {
            return Err(vec![i18n::evidence_too_large(&file.name(), file.size(), l)]);
        }
        let buf = match JsFuture::from(file.array_buffer()).await {
            Ok(b) => b,
            Err(e) => return Err(vec![format!("{} — {e:?}", file.name())]),
        };
        let bytes = js_sys::Uint8Array::new(&buf).to_vec();
        let sha256 = sha256_hex(&bytes);
        let crc32 = chamdiem_core::package::crc32::crc32(&bytes);
        refs.push(FileRef { name: file.name(), media_type: file.type_(), size: bytes.len() as u64, sha256: sha256.clone(), path: String::new() });
        kept.push((sha256, idb::EvidenceFile { blob: file.into(), crc32 }));
    }
    idb::keep_evidence(&kept).await.map_err(|e| vec![i18n::evidence_not_kept(&e, l)])?;
    Ok(refs)
}

/// The backup's own file in a backup package.
pub const BACKUP_NAME: &str = "sao-luu.json";

/// A backup with its evidence files (`sao-luu.json` and each file kept as
/// `tai-lieu/<sha256>`), from the files this browser keeps; `None` when the
/// backup names none that are kept (it is then the JSON alone).
pub async fn make_backup(json: &str, shas: &[String], at: &str, l: Lang) -> Result<Option<web_sys::Blob>, Vec<String>> {
    use chamdiem_core::package::{crc32::crc32, write};
    let mut members = vec![write::Member { name: BACKUP_NAME.into(), size: json.len() as u64, crc32: crc32(json.as_bytes()) }];
    let mut blobs = Vec::new();
    for sha in shas {
        if let Some(kept) = idb::evidence(sha).await.map_err(|e| vec![e])? {
            members.push(write::Member { name: format!("{}/{sha}", chamdiem_core::package::FILES_DIR), size: kept.blob.size() as u64, crc32: kept.crc32 });
            blobs.push(kept.blob);
        }
    }
    if blobs.is_empty() {
        return Ok(None);
    }
    let layout = write::layout(&members, write::dos_time(at)).map_err(|p| vec![p.describe(l)])?;
    blob_of(&layout, json, &blobs).map(Some)
}

/// A backup package read: each file checked against the SHA-256 it is named
/// by, all kept only when all are sound; the backup's text returned.
pub async fn read_backup(file: &web_sys::File, l: Lang, progress: &dyn Fn(usize, usize)) -> Result<String, Vec<String>> {
    use chamdiem_core::package::{read, Fault, PackageProblem};
    let name = file.name();
    let said = |ps: Vec<PackageProblem>| ps.iter().map(|p| format!("{name} — {}", p.describe(l))).collect::<Vec<_>>();
    let listing = directory(file, l).await?;
    let mut text = None;
    let mut kept = Vec::new();
    let mut problems = Vec::new();
    for (i, e) in listing.iter().enumerate().filter(|(_, e)| !e.is_dir()) {
        progress(i, listing.len());
        let sha = e.name.strip_prefix("tai-lieu/").filter(|s| s.len() == 64 && s.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)));
        if e.name != BACKUP_NAME && sha.is_none() {
            problems.push(PackageProblem { entry: read::shown(&e.name), fault: Fault::Unlisted });
            continue;
        }
        let (bytes, m, start) = entry_data(file, e).await?;
        if m.crc32 != e.crc32 {
            problems.push(PackageProblem { entry: read::shown(&e.name), fault: Fault::CrcError });
            continue;
        }
        match sha {
            None => text = Some(String::from_utf8(bytes).map_err(|_| said(vec![PackageProblem { entry: BACKUP_NAME.into(), fault: Fault::NotUtf8 }]))?),
            Some(sha) if m.sha256 != sha => problems.push(PackageProblem { entry: read::shown(&e.name), fault: Fault::HashDiffers { item: String::new(), name: sha.to_string() } }),
            Some(_) => kept.push((m.sha256.clone(), idb::EvidenceFile { blob: stored_or_copied(file, e, start, &bytes)?, crc32: m.crc32 })),
        }
    }
    if !problems.is_empty() {
        return Err(said(problems));
    }
    let text = text.ok_or_else(|| said(vec![PackageProblem { entry: BACKUP_NAME.into(), fault: Fault::NoDossier }]))?;
    idb::keep_evidence(&kept).await.map_err(|e| vec![i18n::evidence_not_kept(&e, l)])?;
    Ok(text)
}

/// An entry's content as a `Blob`: a slice of the package when stored, its
/// expanded bytes otherwise.
fn stored_or_copied(file: &web_sys::Blob, e: &chamdiem_core::package::read::Listed, start: u64, bytes: &[u8]) -> Result<web_sys::Blob, Vec<String>> {
    let blob = if e.method == chamdiem_core::package::read::Method::Stored {
        file.slice_with_f64_and_f64(start as f64, (start + e.compressed) as f64)
    } else {
        web_sys::Blob::new_with_u8_array_sequence(&js_sys::Array::of1(&js_sys::Uint8Array::from(bytes)))
    };
    blob.map_err(|x| vec![format!("{x:?}")])
}
