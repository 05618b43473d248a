//! The ruleset: the file as written (`file`), its check (`check`) into the
//! flattened model the scorer uses (`model`), the site's list of rulesets
//! (`index`), and the rulesets compiled into the command line, current and
//! archived, found by hash (`catalog`, feature `bundled-rulesets`); a
//! ruleset written as a workbook and read back (`book`, feature `office-files`).

#[cfg(feature = "office-files")]
pub mod book;
#[cfg(feature = "bundled-rulesets")]
pub mod catalog;
pub mod check;
pub mod file;
pub mod index;
pub mod model;

pub use check::load_ruleset;
