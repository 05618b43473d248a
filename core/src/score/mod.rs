//! Scoring: what was typed → checked values (`value`) → subtotals kept per
//! node (`scorer`) → levels (`decide`), all in exact decimals; and how a
//! number came about (`explain`).

pub mod decide;
pub mod explain;
pub mod scorer;
pub mod value;

pub use decide::{ClassResult, Outcome};
pub use scorer::{Agg, Scorer, Summary};
pub use value::{check_value, Value, ValueError};
