//! For trainers and for anyone asking "Vì sao?": how a number came about, and
//! how far the next level is. Plain data; the view puts it into words.

use crate::ruleset::file::{AssessedBy, Kind};
use crate::ruleset::model::NodeId;
use crate::score::{Scorer, Value};
use rust_decimal::Decimal;

/// How one part counts in its group's subtotal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PartState {
    /// Counted: points of max.
    Counted,
    NotApplicable,
    /// Nothing typed yet (counts 0, stays in the maximum).
    Unscored,
    /// Scored by others, not known yet (left out of the maximum).
    Awaiting,
    /// Typed but invalid (counts 0, stays in the maximum).
    Invalid,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    pub node: NodeId,
    pub points: Decimal,
    pub max: Decimal,
    pub state: PartState,
}

/// A group's (or the whole index's) subtotal, part by part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Breakdown {
    pub parts: Vec<Part>,
    pub points: Decimal,
    pub max: Decimal,
    /// Bonus cap applied: (sum of the parts, cap).
    pub capped: Option<(Decimal, Decimal)>,
}

fn part(s: &Scorer, id: NodeId) -> Part {
    let a = s.agg(id);
    let n = s.ruleset().node(id);
    let state = if a.not_applicable {
        PartState::NotApplicable
    } else if n.is_item() {
        match s.value(id) {
            Value::Invalid(_) => PartState::Invalid,
            Value::Blank if a.awaiting > 0 => PartState::Awaiting,
            Value::Blank if a.unscored > 0 => PartState::Unscored,
            _ => PartState::Counted,
        }
    } else if a.awaiting > 0 && a.max.is_zero() {
        // A group made only of parts scored by others, none known yet.
        PartState::Awaiting
    } else {
        PartState::Counted
    };
    Part { node: id, points: a.points, max: a.max, state }
}

/// The parts of group `id` (or of the whole index, for `None`).
pub fn breakdown(s: &Scorer, id: Option<NodeId>) -> Breakdown {
    let rs = s.ruleset();
    let children: &[NodeId] = match id {
        Some(g) => &rs.node(g).children,
        None => &rs.roots,
    };
    let parts: Vec<Part> = children.iter().map(|&c| part(s, c)).collect();
    let (points, max, capped) = match id {
        Some(g) => {
            let a = s.agg(g);
            (a.points, a.max, a.capped.then(|| (a.uncapped, rs.node(g).cap.unwrap_or_default())))
        }
        None => {
            let (p, m) = s.over(&rs.roots);
            (p, m, None)
        }
    };
    Breakdown { parts, points, max, capped }
}

/// The next level of classification `ci` and the points it still needs,
/// with the applicable maximum as it stands (entering the missing points on
/// unscored items is how to get there).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NextLevel {
    pub level: usize,
    /// Points still needed: threshold × maximum / 100 − points (exact).
    pub needed: Decimal,
}

pub fn next_level(s: &Scorer, ci: usize) -> Option<NextLevel> {
    let c = s.ruleset().classifications.get(ci)?;
    let (points, max) = s.over(&c.sections);
    if max <= Decimal::ZERO {
        return None;
    }
    // The first level above the one the points reach.
    let reached = (1..c.levels.len()).rev().find(|&i| c.levels[i].reached_by(points, max)).unwrap_or(0);
    let level = reached + 1;
    let l = c.levels.get(level)?;
    let needed = l.threshold(max) - points;
    Some(NextLevel { level, needed })
}

/// Items with the most room left (maximum − points), largest first: where
/// the agency can still gain. Self-scored ordinary items only.
pub fn most_room(s: &Scorer, limit: usize) -> Vec<(NodeId, Decimal)> {
    let rs = s.ruleset();
    let mut v: Vec<(NodeId, Decimal)> = rs
        .items
        .iter()
        .copied()
        .filter(|&i| {
            let n = rs.node(i);
            n.kind == Kind::Normal && n.assessed_by == AssessedBy::SelfScored && !s.agg(i).not_applicable
        })
        .map(|i| (i, s.agg(i).max - s.agg(i).points))
        .filter(|(_, r)| *r > Decimal::ZERO)
        .collect();
    // Stable: equal room keeps document order.
    v.sort_by_key(|a| std::cmp::Reverse(a.1));
    v.truncate(limit);
    v
}
