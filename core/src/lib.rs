//! Chấm điểm's scoring core: the ruleset format, loading with validation, and
//! exact decimal scoring. Plain Rust with no web types, so it is tested natively
//! and shared by the web app and the command-line tools.

pub mod decimal;
pub mod entries;
pub mod explain;
pub mod file;
pub mod index;
pub mod load;
pub mod model;
pub mod score;
pub mod submission;
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
pub use load::{load_ruleset, Problem, ProblemKind};
pub use model::{NodeId, Ruleset};
pub use score::{Scorer, Summary, Value, ValueError};
