//! Everything the app keeps in one browser, as one file (format
//! `cham-diem/backup`): the drafts (localStorage) and the dossiers
//! (IndexedDB), to move to another computer or to keep before clearing the
//! browser. Restoring only adds: nothing already in the browser is replaced.

use super::dossier::Dossier;
use super::draft::Draft;
use crate::json::Problem;
use serde::{Deserialize, Serialize};

pub const BACKUP_FORMAT: &str = "cham-diem/backup";
pub const BACKUP_FORMAT_VERSION: u32 = 1;

/// A browser's records, whole.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Backup {
    /// Always "cham-diem/backup".
    #[cfg_attr(feature = "schema", schemars(extend("const" = BACKUP_FORMAT)))]
    pub format: String,
    #[cfg_attr(feature = "schema", schemars(extend("const" = BACKUP_FORMAT_VERSION)))]
    pub format_version: u32,
    pub app_version: String,
    /// When the backup was made (ISO 8601 with the offset).
    pub created_at: String,
    /// Every draft, as the browser stores it.
    #[serde(default)]
    pub drafts: Vec<Draft>,
    /// Every dossier kept, each whole (its stages and their hashes).
    #[serde(default)]
    pub dossiers: Vec<Dossier>,
}

/// Reads a backup file; anything else is refused with the place.
pub fn parse_backup(text: &str) -> Result<Backup, Vec<Problem>> {
    crate::json::parse_format(text, BACKUP_FORMAT, &[BACKUP_FORMAT_VERSION])
}

impl Backup {
    pub fn new(app_version: &str, created_at: &str, drafts: Vec<Draft>, dossiers: Vec<Dossier>) -> Self {
        Backup {
            format: BACKUP_FORMAT.into(),
            format_version: BACKUP_FORMAT_VERSION,
            app_version: app_version.into(),
            created_at: created_at.into(),
            drafts,
            dossiers,
        }
    }

    /// What restoring this backup into a browser holding `drafts` and the
    /// dossiers `has_dossier` knows adds. A draft already there unchanged is
    /// left; one whose id is taken by a different draft comes in beside it
    /// under a new id (`new_id`), so neither is lost; a dossier is known by
    /// the hash of its last stage, which seals all of it.
    pub fn restore_plan(&self, drafts: &[Draft], has_dossier: impl Fn(&str) -> bool, mut new_id: impl FnMut() -> String) -> RestorePlan {
        let mut plan = RestorePlan::default();
        for d in &self.drafts {
            match drafts.iter().find(|x| x.id == d.id) {
                Some(x) if x == d => plan.unchanged += 1,
                Some(_) => {
                    let mut copy = d.clone();
                    copy.id = new_id();
                    plan.drafts.push(copy);
                    plan.beside += 1;
                }
                None => plan.drafts.push(d.clone()),
            }
        }
        for d in &self.dossiers {
            if has_dossier(d.key()) || plan.dossiers.iter().any(|x: &Dossier| x.key() == d.key()) {
                plan.unchanged += 1;
            } else {
                plan.dossiers.push(d.clone());
            }
        }
        plan
    }
}

/// What a restore adds, and what it left as it was.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RestorePlan {
    pub drafts: Vec<Draft>,
    pub dossiers: Vec<Dossier>,
    /// Drafts and dossiers already in the browser as they are in the backup.
    pub unchanged: usize,
    /// Drafts added beside a different draft of the same id.
    pub beside: usize,
}
