//! JSON Schemas of the file formats, generated from the serde types so they
//! cannot drift from what the loader accepts. Committed as
//! `docs/ruleset.schema.json`, `docs/entries.schema.json`,
//! `docs/ruleset-index.schema.json`, `docs/submission.schema.json`,
//! `docs/draft.schema.json`, `docs/dossier.schema.json`,
//! `docs/backup.schema.json` and `docs/consolidation.schema.json`; `tests/schema.rs` checks they are current
//! (`UPDATE_SCHEMAS=1 cargo test -p chamdiem-core --test schema` rewrites them).
//!
//! Only with the `schema` feature, so schemars stays out of the web build.

use crate::record::entries::EntriesFile;
use crate::ruleset::file::RulesetFile;
use crate::ruleset::index::RulesetIndex;
use crate::record::{Dossier, Draft, Submission};
use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde_json::Value;

/// One generated schema: where it is committed and how to produce it.
pub struct SchemaFile {
    /// Path relative to the repository root, e.g. "docs/ruleset.schema.json".
    pub path: &'static str,
    pub json: fn() -> String,
}

/// Every schema, with its committed path.
pub const ALL: [SchemaFile; 8] = [
    SchemaFile {
        path: "docs/ruleset.schema.json",
        json: ruleset_schema_json,
    },
    SchemaFile {
        path: "docs/entries.schema.json",
        json: entries_schema_json,
    },
    SchemaFile {
        path: "docs/ruleset-index.schema.json",
        json: ruleset_index_schema_json,
    },
    SchemaFile {
        path: "docs/submission.schema.json",
        json: submission_schema_json,
    },
    SchemaFile {
        path: "docs/draft.schema.json",
        json: draft_schema_json,
    },
    SchemaFile {
        path: "docs/dossier.schema.json",
        json: dossier_schema_json,
    },
    SchemaFile {
        path: "docs/backup.schema.json",
        json: backup_schema_json,
    },
    SchemaFile {
        path: "docs/consolidation.schema.json",
        json: consolidation_schema_json,
    },
];

/// Schema of a ruleset file (`rulesets/*.json` except `index.json`).
pub fn ruleset_schema() -> Schema {
    generate::<RulesetFile>(
        "urn:cham-diem:schema:ruleset:1",
        "Chấm điểm ruleset (cham-diem/ruleset, format version 1)",
        "A ruleset (bộ chỉ số) as written by a provincial office: its sections, \
         criteria and items with their maximum points and scoring rules, and the \
         classifications decided on the total.",
    )
}

/// Schema of ENTRIES: what an agency typed, read by the `score` command.
pub fn entries_schema() -> Schema {
    generate::<EntriesFile>(
        "urn:cham-diem:schema:entries:1",
        "Chấm điểm entries (cham-diem/entries, format version 1)",
        "What an agency typed for one ruleset, per item key, and its answers to the \
         ruleset's conditions: the part of a submission the scoring depends on.",
    )
}

/// Schema of `rulesets/index.json`, the list of bundled rulesets.
pub fn ruleset_index_schema() -> Schema {
    generate::<RulesetIndex>(
        "urn:cham-diem:schema:ruleset-index:1",
        "Chấm điểm ruleset index (cham-diem/ruleset-index)",
        "rulesets/index.json: the bundled rulesets the app offers and the one it opens first.",
    )
}

/// Schema of a submission file: what an agency exports and uploads.
pub fn submission_schema() -> Schema {
    generate::<Submission>(
        "urn:cham-diem:schema:submission:1",
        "Chấm điểm submission (cham-diem/submission, format version 1)",
        "A self-assessment as an agency exports it for the provincial office: the \
         ruleset it was made on (id, version, SHA-256 of the file), the agency, \
         each entry as typed with its points, evidence and explanation, the answers \
         to the conditions, the results computed at export and the checklist. An \
         import recomputes the results from the entries and compares. See \
         docs/submission.md.",
    )
}

/// Schema of a draft, as the browser keeps it in localStorage.
pub fn draft_schema() -> Schema {
    generate::<Draft>(
        "urn:cham-diem:schema:draft:1",
        "Chấm điểm draft (cham-diem/draft, format versions 1 and 2)",
        "A self-assessment in progress, as the web app keeps it in the browser's \
         storage (one per key): what was typed per item key, evidence, \
         explanations, condition answers, the agency, and the outline of the \
         ruleset it was last saved with. See docs/submission.md.",
    )
}

/// Schema of a dossier: one agency's file through the stages of the process.
pub fn dossier_schema() -> Schema {
    generate::<Dossier>(
        "urn:cham-diem:schema:dossier:2",
        "Chấm điểm dossier (cham-diem/dossier, format version 2)",
        "One agency's assessment on one ruleset, growing by one stage per step of \
         the process: self-assessment (tu_cham), appraisal 1 (tham_dinh_1), the \
         agency's response (giai_trinh), appraisal 2 (tham_dinh_2), consolidation \
         (tong_hop). Each stage is sealed by a SHA-256 chained from the ruleset \
         file's. See docs/dossier.md.",
    )
}

pub fn dossier_schema_json() -> String {
    pretty(&dossier_schema())
}

/// Schema of a backup: everything the app keeps in one browser.
pub fn backup_schema() -> Schema {
    generate::<crate::record::Backup>(
        "urn:cham-diem:schema:backup:1",
        "Chấm điểm backup (cham-diem/backup, format version 1)",
        "Everything the web app keeps in one browser, as one file: every draft \
         (as stored) and every dossier kept (whole). Restoring only adds. See \
         docs/dossier.md.",
    )
}

/// Schema of the office's consolidation file.
pub fn consolidation_schema() -> Schema {
    generate::<crate::office::ConsolidationFile>(
        "urn:cham-diem:schema:consolidation:1",
        "Chấm điểm consolidation (cham-diem/consolidation, format version 1)",
        "The provincial office's consolidation as one file: every input exactly as \
         given (agencies' files, roster, others' scores; each with its SHA-256) and \
         the published table when it was saved. See docs/office.md.",
    )
}

pub fn consolidation_schema_json() -> String {
    pretty(&consolidation_schema())
}

pub fn backup_schema_json() -> String {
    pretty(&backup_schema())
}

pub fn ruleset_schema_json() -> String {
    pretty(&ruleset_schema())
}

pub fn entries_schema_json() -> String {
    pretty(&entries_schema())
}

pub fn ruleset_index_schema_json() -> String {
    pretty(&ruleset_index_schema())
}

pub fn submission_schema_json() -> String {
    pretty(&submission_schema())
}

pub fn draft_schema_json() -> String {
    pretty(&draft_schema())
}

/// Draft 2020-12, describing what is read (serde's deserialize side). `$id` is
/// a URN, so the schema names itself without claiming a web address; editors
/// find it through the file's `"$schema"` path.
fn generate<T: JsonSchema>(id: &str, title: &str, description: &str) -> Schema {
    let mut schema = SchemaGenerator::default().into_root_schema_for::<T>();
    schema.insert("$id".into(), Value::String(id.into()));
    schema.insert("title".into(), Value::String(title.into()));
    schema.insert("description".into(), Value::String(description.into()));
    schema
}

/// Pretty JSON with a final newline, as committed.
fn pretty(schema: &Schema) -> String {
    let mut s = serde_json::to_string_pretty(schema).expect("a schema serializes");
    s.push('\n');
    s
}
