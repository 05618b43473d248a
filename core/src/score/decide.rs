//! Levels: the highest level the points reach whose conditions hold, then
//! lowered by any veto that applies; exact and rounded comparisons side by side.

use crate::ruleset::file::DecideOn;
use crate::ruleset::model::{Classification, Level};
use rust_decimal::Decimal;

/// A classification's outcome at the current scores.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClassResult {
    pub points: Decimal,
    pub max: Decimal,
    /// Percentage rounded half-up to two decimals; `None` when nothing
    /// applicable remains ("không xác định").
    pub percent: Option<Decimal>,
    /// `None` when the percentage is undetermined.
    pub outcome: Option<Outcome>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// The level reached, counting unanswered conditions as not met.
    pub level: usize,
    /// A higher level the points reach that waits on unanswered conditions:
    /// (level, indices into that level's `requires`).
    pub pending: Option<(usize, Vec<usize>)>,
    /// Levels the points reach but an answer rules out: (level, requirement).
    pub vetoed: Vec<(usize, usize)>,
    /// Vetoes (indices into the classification's `vetoes`) whose condition was
    /// answered so that they apply: the level is at most theirs.
    pub forced: Vec<usize>,
    /// Unanswered vetoes that would lower the level; `level` already assumes
    /// they apply, and `level_if_clear` is the level if none does.
    pub pending_vetoes: Vec<usize>,
    pub level_if_clear: usize,
    /// The level the points alone give on the exact percentage.
    pub by_exact: usize,
    /// The level the points alone give on the rounded percentage shown.
    pub by_rounded: usize,
}

impl Outcome {
    /// True when the rounded percentage on screen suggests another level
    /// than the one decided (e.g. 89,996% shows 90,00% but is below 90%).
    pub fn rounding_differs(&self) -> bool {
        self.by_exact != self.by_rounded
    }
}

fn highest_by_points(levels: &[Level], reaches: impl Fn(&Level) -> bool) -> usize {
    (1..levels.len()).rev().find(|&i| reaches(&levels[i])).unwrap_or(0)
}

/// Picks the level: the highest one the points reach whose conditions hold,
/// then lowered by any veto that applies. Unanswered conditions count as the
/// worse answer (the result is provisional until they are answered). The
/// lowest level holds whatever the percentage (even below 0%).
pub fn decide(
    c: &Classification,
    points: Decimal,
    max: Decimal,
    rounded: Decimal,
    decide_on: DecideOn,
    answers: &[Option<bool>],
) -> Outcome {
    let levels = &c.levels;
    let by_exact = highest_by_points(levels, |l| l.reached_by(points, max));
    let by_rounded = highest_by_points(levels, |l| rounded >= l.min_percent);
    let top = match decide_on {
        DecideOn::Exact => by_exact,
        DecideOn::Rounded => by_rounded,
    };
    let mut pending = None;
    let mut vetoed = Vec::new();
    let mut level = 0;
    for i in (1..=top).rev() {
        let mut failed = None;
        let mut unanswered = Vec::new();
        for (ri, r) in levels[i].requires.iter().enumerate() {
            match answers.get(r.condition).copied().flatten() {
                Some(a) if a == r.answer => {}
                Some(_) => failed = failed.or(Some(ri)),
                None => unanswered.push(ri),
            }
        }
        if let Some(ri) = failed {
            vetoed.push((i, ri));
        } else if !unanswered.is_empty() {
            pending.get_or_insert((i, unanswered));
        } else {
            level = i;
            break;
        }
    }
    let level_if_clear = level;
    let mut forced = Vec::new();
    let mut pending_vetoes = Vec::new();
    for (vi, v) in c.vetoes.iter().enumerate() {
        if v.level >= level_if_clear {
            continue;
        }
        match answers.get(v.condition).copied().flatten() {
            Some(a) if a == v.answer => forced.push(vi),
            Some(_) => {}
            None => pending_vetoes.push(vi),
        }
        if answers.get(v.condition).copied().flatten() != Some(!v.answer) {
            level = level.min(v.level);
        }
    }
    Outcome { level, pending, vetoed, forced, pending_vetoes, level_if_clear, by_exact, by_rounded }
}
