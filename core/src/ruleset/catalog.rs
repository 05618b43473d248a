//! The bundled rulesets, current and archived, compiled into the program that
//! uses them (the command line), so that a record naming its ruleset by
//! SHA-256 can be checked without the files at hand: the current file of
//! each ruleset (`rulesets/<id>.json`) and every earlier version the site
//! keeps (`rulesets/archive/<sha256>.json`).
//!
//! Only with the `bundled-rulesets` feature, a default one that the web crate
//! turns off: the browser fetches the files it needs, and its wasm never
//! carries them. The list is written by `core/build.rs`.

use crate::record::sha256_hex;

/// One bundled ruleset file.
#[derive(Debug)]
pub struct BundledFile {
    /// Path relative to `rulesets/`: `<id>.json` (current) or
    /// `archive/<sha256>.json` (an earlier version).
    pub path: &'static str,
    /// The file, byte for byte.
    pub text: &'static str,
}

impl BundledFile {
    pub fn is_archived(&self) -> bool {
        self.path.starts_with("archive/")
    }

    /// SHA-256 of the file, lowercase hex (computed: the files are small).
    pub fn sha256(&self) -> String {
        sha256_hex(self.text.as_bytes())
    }
}

include!(concat!(env!("OUT_DIR"), "/bundled_rulesets.rs"));

/// Every bundled file, current and archived, sorted by path.
pub fn files() -> &'static [BundledFile] {
    FILES
}

/// The text of the bundled or archived ruleset file whose SHA-256 is
/// `sha256` (hex, either case), if this program carries it.
pub fn by_sha256(sha256: &str) -> Option<&'static str> {
    let sha256 = sha256.to_ascii_lowercase();
    FILES.iter().find(|f| f.sha256() == sha256).map(|f| f.text)
}

/// The text of the current file of ruleset `id` (bundled files are named
/// after their ids, `core/tests/rulesets.rs`).
pub fn current(id: &str) -> Option<&'static str> {
    FILES.iter().find(|f| !f.is_archived() && f.path.strip_suffix(".json") == Some(id)).map(|f| f.text)
}
