//! Every agency's dossier with the office's stage, in one ZIP archive: to
//! notify each agency of its result in one go. An agency still missing a
//! part scored by others has no result yet, so no entry. One entry per dossier, at
//! the archive's root under the dossier's own file name (made unique),
//! names in UTF-8 (the ZIP's UTF-8 flag set by the writer).

use super::consolidate::{Consolidation, Row};
use std::io::{Cursor, Write};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

/// The archive, or the writer's error in words.
pub fn dossiers_zip(c: &Consolidation) -> Result<Vec<u8>, String> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    let mut names: Vec<String> = Vec::new();
    // One dossier made at a time (`Row::dossier`), written, then dropped.
    let consolidated = c.groups.iter().flat_map(|g| &g.rows).filter(|r| r.office.is_some()).filter_map(Row::dossier);
    for d in consolidated {
        let wanted = d.file_name();
        let (stem, ext) = wanted.rsplit_once('.').unwrap_or((wanted.as_str(), "json"));
        let mut name = wanted.clone();
        let mut n = 2;
        while names.contains(&name) {
            name = format!("{stem}-{n}.{ext}");
            n += 1;
        }
        let text = serde_json::to_string_pretty(&d).map_err(|e| e.to_string())? + "\n";
        zip.start_file(name.as_str(), options).map_err(|e| e.to_string())?;
        zip.write_all(text.as_bytes()).map_err(|e| e.to_string())?;
        names.push(name);
    }
    zip.finish().map(Cursor::into_inner).map_err(|e| e.to_string())
}
