//! The ruleset a file handed in names, fetched from the site: the current
//! copy listed in `rulesets/index.json`, or the earlier copy the site keeps
//! (`rulesets/archive/<sha256>.json`) when the file was made on it. Shared by
//! the worker that opens files (src/opener.rs) and the appraisal page
//! (src/appraise.rs), each with the path from where it runs to `rulesets/`.

use crate::fetch::fetch_text;
use crate::i18n;
use chamdiem_core::json::parse_json;
use chamdiem_core::record::{sha256_hex, RulesetStamp};
use chamdiem_core::ruleset::index::{ArchivedVersion, RulesetIndex};
use chamdiem_core::{load_ruleset, Lang, Ruleset};
use std::sync::Arc;

/// The ruleset found for a file.
pub struct Found {
    /// The index's id for it.
    pub id: String,
    pub rs: Arc<Ruleset>,
    /// SHA-256 of the ruleset file fetched.
    pub sha256: String,
    /// The earlier copy used, when the file was made on one.
    pub archived: Option<ArchivedVersion>,
    /// What to say first if the file turns out read-only (the archived copy
    /// used, or why it could not be had).
    pub said: Vec<String>,
}

/// The ruleset `stamp` names, from `root` (`""` beside `rulesets/`, `"../"`
/// one folder down); else why not, each line naming the file.
pub async fn for_file(root: &str, stamp: &RulesetStamp, file_name: &str, l: Lang) -> Result<Found, Vec<String>> {
    let index = match fetch_text(&format!("{root}rulesets/index.json")).await {
        Ok(t) => parse_json::<RulesetIndex>(&t).map_err(|p| p.iter().map(|p| format!("index.json — {}", p.describe(l))).collect::<Vec<_>>())?,
        Err(e) => return Err(vec![e]),
    };
    let Some(entry) = index.rulesets.iter().find(|e| e.id == stamp.id) else {
        return Err(vec![format!("{file_name} — {}", i18n::unknown_ruleset(&stamp.id, l))]);
    };
    let mut said = Vec::new();
    if let Some(a) = entry.archived(&stamp.sha256) {
        match archived_ruleset(root, a, l).await {
            Ok(rs) => {
                said.push(i18n::archived_copy(&a.version, &a.sha256, false, l));
                return Ok(Found { id: entry.id.clone(), rs, sha256: a.sha256.clone(), archived: Some(a.clone()), said });
            }
            Err(e) => said.push(i18n::archive_unavailable(&e, l)),
        }
    }
    let text = fetch_text(&format!("{root}rulesets/{}", entry.file)).await.map_err(|e| vec![e])?;
    let rs = load_ruleset(&text).map_err(|p| p.iter().map(|p| p.describe(l)).collect::<Vec<_>>())?;
    Ok(Found { id: entry.id.clone(), rs: Arc::new(rs), sha256: sha256_hex(text.as_bytes()), archived: None, said })
}

/// The earlier copy `a` of a ruleset, checked against its SHA-256; else why not.
async fn archived_ruleset(root: &str, a: &ArchivedVersion, l: Lang) -> Result<Arc<Ruleset>, String> {
    let path = format!("rulesets/{}", a.file);
    let text = fetch_text(&format!("{root}{path}")).await?;
    let sha = sha256_hex(text.as_bytes());
    if sha != a.sha256 {
        return Err(format!("{path}: SHA-256 {sha}"));
    }
    load_ruleset(&text).map(Arc::new).map_err(|p| p.iter().map(|p| format!("{path} — {}", p.describe(l))).collect::<Vec<_>>().join("; "))
}

/// Every ruleset the site offers, current and archived, fetched at once: for
/// the office's page, which checks many files made on any of them.
pub struct Catalog {
    /// The index's default ruleset id.
    pub default: String,
    /// Each current ruleset: its id, its title in the index, the ruleset and its file's SHA-256.
    pub current: Vec<(String, String, Arc<Ruleset>, String)>,
    /// Every file by SHA-256, archived copies included.
    pub by_sha256: Vec<(String, Arc<Ruleset>)>,
    /// The roster bundled with an index: (ruleset id, path under rulesets/).
    pub rosters: Vec<(String, String)>,
}

impl Catalog {
    pub fn find_sha(&self, sha: &str) -> Option<(Arc<Ruleset>, String)> {
        self.by_sha256.iter().find(|(s, _)| s == sha).map(|(s, rs)| (rs.clone(), s.clone()))
    }

    /// The path (under rulesets/) of the roster bundled with index `id`.
    pub fn roster_of(&self, id: &str) -> Option<&str> {
        self.rosters.iter().find(|r| r.0 == id).map(|r| r.1.as_str())
    }

    pub fn current_of(&self, id: &str) -> Option<Arc<Ruleset>> {
        self.current.iter().find(|c| c.0 == id).map(|c| c.2.clone())
    }
}

/// The whole catalog from `root`; a file that cannot be had is said and left out.
pub async fn catalog(root: &str, l: Lang) -> (Catalog, Vec<String>) {
    let mut said = Vec::new();
    let mut c = Catalog { default: String::new(), current: Vec::new(), by_sha256: Vec::new(), rosters: Vec::new() };
    let index = match fetch_text(&format!("{root}rulesets/index.json")).await {
        Ok(t) => match parse_json::<RulesetIndex>(&t) {
            Ok(ix) => ix,
            Err(p) => return (c, p.iter().map(|p| format!("index.json — {}", p.describe(l))).collect()),
        },
        Err(e) => return (c, vec![e]),
    };
    c.default = index.default.clone();
    for entry in &index.rulesets {
        c.rosters.extend(entry.roster.as_ref().map(|r| (entry.id.clone(), r.clone())));
        match fetch_text(&format!("{root}rulesets/{}", entry.file)).await {
            Ok(text) => match load_ruleset(&text) {
                Ok(rs) => {
                    let (rs, sha) = (Arc::new(rs), sha256_hex(text.as_bytes()));
                    c.by_sha256.push((sha.clone(), rs.clone()));
                    c.current.push((entry.id.clone(), entry.title.clone(), rs, sha));
                }
                Err(p) => said.extend(p.iter().map(|p| format!("{} — {}", entry.file, p.describe(l)))),
            },
            Err(e) => said.push(e),
        }
        for a in &entry.archive {
            match archived_ruleset(root, a, l).await {
                Ok(rs) => c.by_sha256.push((a.sha256.clone(), rs)),
                Err(e) => said.push(e),
            }
        }
    }
    (c, said)
}
