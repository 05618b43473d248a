//! Chấm điểm's scoring core: the ruleset format, loading with validation,
//! exact decimal scoring, and the records people make on a ruleset. Plain
//! Rust with no web types, so it is tested natively and shared by the web
//! app and the command-line program.
//!
//! - `json`: reading any file, with limits and JSON paths of problems
//! - `ruleset`: the ruleset file, its check, the model, the site's index
//! - `score`: values, the incremental scorer, levels, explanations
//! - `record`: entries, drafts, submissions, dossiers; verification
//! - `office`: the provincial office's consolidation and ranking
//! - `package`: the evidence package (the dossier and its files in one ZIP)
//! - `text`: every message of the core, Vietnamese and English

pub mod decimal;
pub mod json;
pub mod office;
pub mod package;
pub mod record;
pub mod ruleset;
pub mod score;
pub mod text;
#[cfg(feature = "schema")]
pub mod schema;

pub use decimal::Lang;

/// A map built by inserting one pair after another. `collect()` into a
/// `BTreeMap` sorts the pairs first, and each sort is its own ~3 KB copy in
/// the browser's wasm for every pair type; the maps here are small.
pub fn map_of<K: Ord, V>(pairs: impl IntoIterator<Item = (K, V)>) -> std::collections::BTreeMap<K, V> {
    let mut m = std::collections::BTreeMap::new();
    m.extend(pairs);
    m
}
pub use json::{Problem, ProblemKind};
pub use ruleset::load_ruleset;
pub use ruleset::model::{NodeId, Ruleset};
pub use score::{Scorer, Summary, Value, ValueError};
