//! The provincial office's work (issue 14): the roster of agencies
//! (`roster`), the scores given by others read from a spreadsheet
//! (`others`), both through one CSV reader (`csv`); the consolidation of
//! every agency's file with those scores into a `tong_hop` stage
//! (`consolidate`); ranking each group with ties and the quota (`rank`); the
//! published table as CSV (`export`). The same core for the command line
//! (`chamdiem rank`) and the office's page. Spreadsheets (`xlsx`): the
//! published workbook written, rosters and scores read from a first sheet.

pub mod consolidate;
pub mod csv;
pub mod export;
pub mod file;
pub mod others;
pub mod rank;
pub mod roster;
#[cfg(feature = "office-files")]
pub mod archive;
#[cfg(feature = "office-files")]
pub mod xlsx;

pub use consolidate::{check_file, check_files, consolidate, consolidate_checked, Checked, Consolidation, Group, Loaded, Note, Options, Refused, Row, Unverified, Verified};
pub use csv::{CsvProblem, CsvProblemKind};
pub use export::{to_csv, PartLoss};
pub use file::{parse_consolidation, ConsolidationFile, Input, InputRole, PublishedRow};
pub use others::{read_others, Others};
pub use roster::{read_roster, Roster, RosterEntry};
