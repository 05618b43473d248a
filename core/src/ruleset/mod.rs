//! The ruleset: the file as written (`file`), its check (`check`) into the
//! flattened model the scorer uses (`model`), and the site's list of
//! rulesets (`index`).

pub mod check;
pub mod file;
pub mod index;
pub mod model;

pub use check::load_ruleset;
