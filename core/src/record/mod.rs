//! What people put on a ruleset, and the files that carry it: the one entry
//! type (`entry`), ENTRIES (`entries`), drafts (`draft`), v1 submissions
//! (`submission`), dossiers of stages (`dossier`) and the appraisal rounds
//! written on them (`appraisal`), their results, checklist
//! and verification, the changes a newer ruleset brings, and file names.

pub mod appraisal;
pub mod backup;
pub mod changes;
pub mod checklist;
pub mod dossier;
pub mod draft;
pub mod entries;
pub mod entry;
pub mod hash;
pub mod incoming;
pub mod names;
pub mod results;
pub mod submission;
pub mod verify;

pub use appraisal::{history, merge, points_of, preview, remaining, Conflict, Line, MergeError, Next, Preview, Todo, Work, WORK_FORMAT, WORK_FORMAT_VERSION};
pub use backup::{parse_backup, Backup, RestorePlan, BACKUP_FORMAT, BACKUP_FORMAT_VERSION};
pub use changes::{outline, ruleset_changes, RulesetChanges};
pub use checklist::{checklist, missing_evidence, Checklist};
pub use dossier::{parse_dossier, seal, verify_dossier, Dossier, DossierCheck, Finding, Rank, Replayed, Replayer, Stage, StageParts, StageKind, DOSSIER_FORMAT, DOSSIER_FORMAT_VERSION};
pub use draft::{parse_draft, Draft, DRAFT_FORMAT, DRAFT_FORMAT_VERSION, DRAFT_FORMAT_VERSIONS};
pub use entries::{EntriesFile, ENTRIES_FORMAT, ENTRIES_FORMAT_VERSION};
pub use entry::*;
pub use hash::sha256_hex;
pub use incoming::{parse_incoming, Incoming};
pub use names::slug;
pub use results::{ClassificationResult, GroupResult, InvalidEntry, Results};
pub use submission::{parse_submission, Submission, SUBMISSION_FORMAT, SUBMISSION_FORMAT_VERSION};
pub use verify::{verify, ImportVerdict};
