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
    let parts = js_sys::Array::new();
    let mut headers = layout.headers.iter();
    if let Some(h) = headers.next() {
        parts.push(&js_sys::Uint8Array::from(h.as_slice()));
    }
    parts.push(&JsValue::from_str(&json));
    for (h, b) in headers.zip(&blobs) {
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
pub async fn read(file: &web_sys::File, l: Lang) -> Result<String, Vec<String>> {
    use chamdiem_core::package::{self as pk, read, PackageProblem};
    let name = file.name();
    let said = |ps: Vec<PackageProblem>| Err(ps.iter().map(|p| format!("{name} — {}", p.describe(l))).collect());
    let len = file.size() as u64;
    let (head, tail) = match (slice(file, 0, 4).await, slice(file, len - len.min(read::TAIL_LEN), len).await) {
        (Ok(h), Ok(t)) => (h, t),
        (Err(e), _) | (_, Err(e)) => return Err(vec![format!("{name} — {e}")]),
    };
    let dir = match read::locate(&tail, &head, len) {
        Ok(d) => d,
        Err(p) => return said(vec![p]),
    };
    let listing = match slice(file, dir.offset, dir.offset + dir.size).await {
        Ok(cd) => match read::list(&cd, &dir) {
            Ok(l) => l,
            Err(ps) => return said(ps),
        },
        Err(e) => return Err(vec![format!("{name} — {e}")]),
    };
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
        if e.name == pk::DOSSIER_NAME {
            measured[i] = Some(dm.clone());
            continue;
        }
        let Some(f) = plan.files.iter().find(|f| f.path == e.name && f.size == e.size && !e.is_dir()) else { continue };
        match entry_data(file, e).await {
            Ok((bytes, m, start)) => {
                let blob: Result<web_sys::Blob, JsValue> = if e.method == read::Method::Stored {
                    file.slice_with_f64_and_f64(start as f64, (start + e.compressed) as f64)
                } else {
                    web_sys::Blob::new_with_u8_array_sequence(&js_sys::Array::of1(&js_sys::Uint8Array::from(bytes.as_slice())))
                };
                match blob {
                    Ok(blob) if m.sha256 == f.sha256 => kept.push((m.sha256.clone(), idb::EvidenceFile { blob, crc32: m.crc32 })),
                    Ok(_) => {}
                    Err(x) => return Err(vec![format!("{name} — {x:?}")]),
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
        let crc32 = crc32fast::hash(&bytes);
        refs.push(FileRef { name: file.name(), media_type: file.type_(), size: bytes.len() as u64, sha256: sha256.clone(), path: String::new() });
        kept.push((sha256, idb::EvidenceFile { blob: file.into(), crc32 }));
    }
    idb::keep_evidence(&kept).await.map_err(|e| vec![i18n::evidence_not_kept(&e, l)])?;
    Ok(refs)
}
