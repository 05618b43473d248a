//! Ranking one group, on exact decimals: highest first by points or by
//! percentage (compared by cross-multiplying, never on a rounded figure),
//! ties broken by the declared parts, agencies still equal sharing a rank
//! as in competitions (1, 2, 2, 4); then the quota on a level.

use crate::ruleset::file::{QuotaBase, QuotaRounding, RankBy};
use crate::ruleset::model::Quota;
use rust_decimal::{Decimal, RoundingStrategy};
use std::cmp::Ordering;

/// What one agency is ranked on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contender {
    /// Points and applicable maximum of what is ranked.
    pub points: Decimal,
    pub max: Decimal,
    /// Points of the tie-break parts, in their order.
    pub ties: Vec<Decimal>,
    /// The level of the quota's classification before the quota (`None`
    /// when undetermined or when there is no quota).
    pub level: Option<usize>,
}

/// What the quota did to one agency.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuotaOutcome {
    /// Not a candidate, or within the quota.
    Kept,
    /// Beyond the quota: given the level below.
    Cut,
    /// Tied with others across the boundary: kept, the leaders decide.
    TiedAtBoundary,
}

/// Where one agency stands in its group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placed {
    /// 1 for the first; equal agencies share a rank.
    pub rank: u32,
    /// Equal to at least one other on everything compared.
    pub tied: bool,
    pub quota: QuotaOutcome,
}

/// `a` against `b`: `Greater` when `a` ranks higher.
fn compare(by: RankBy, a: &Contender, b: &Contender) -> Ordering {
    let main = match by {
        RankBy::Points => a.points.cmp(&b.points),
        // a.points / a.max against b.points / b.max, without dividing.
        RankBy::Percent => (a.points * b.max).cmp(&(b.points * a.max)),
    };
    main.then_with(|| a.ties.cmp(&b.ties))
}

/// How many may hold the level: `percent`% of `base`, rounded as declared.
fn allowed(q: &Quota, base: usize) -> usize {
    let exact = q.percent * Decimal::from(base) / Decimal::ONE_HUNDRED;
    let strategy = match q.rounding {
        QuotaRounding::Down => RoundingStrategy::ToZero,
        QuotaRounding::Up => RoundingStrategy::AwayFromZero,
        QuotaRounding::HalfUp => RoundingStrategy::MidpointAwayFromZero,
    };
    usize::try_from(exact.round_dp_with_strategy(0, strategy).mantissa()).unwrap_or(0)
}

/// Ranks a group. Contenders with a zero maximum under `RankBy::Percent`
/// have no percentage: the caller leaves them out.
pub fn rank(by: RankBy, contenders: &[Contender], quota: Option<&Quota>) -> Vec<Placed> {
    let n = contenders.len();
    let mut placed: Vec<Placed> = (0..n)
        .map(|i| {
            let c = &contenders[i];
            let better = contenders.iter().filter(|o| compare(by, o, c) == Ordering::Greater).count();
            let tied = contenders.iter().enumerate().any(|(j, o)| j != i && compare(by, o, c) == Ordering::Equal);
            Placed { rank: better as u32 + 1, tied, quota: QuotaOutcome::Kept }
        })
        .collect();
    let Some(q) = quota else { return placed };
    // Candidates for the capped level, best first.
    let mut candidates: Vec<usize> = (0..n).filter(|&i| contenders[i].level.is_some_and(|l| l >= q.level)).collect();
    candidates.sort_by_key(|&i| placed[i].rank);
    let below = |i: &usize| contenders[*i].level == Some(q.level - 1);
    let at_or_above = (0..n).filter(|&i| contenders[i].level.is_some_and(|l| l >= q.level - 1)).count();
    let just_below = (0..n).filter(below).count();
    let c = candidates.len();
    let limit = match q.base {
        QuotaBase::AtOrAboveLevelBelow => allowed(q, at_or_above),
        QuotaBase::LevelBelowBeforeCut => allowed(q, just_below),
        // The largest k that fits once the c − k cut join the level below.
        QuotaBase::LevelBelowAfterCut => (0..=c).rev().find(|&k| k <= allowed(q, just_below + c - k)).unwrap_or(0),
    };
    if c <= limit {
        return placed;
    }
    // Candidates tied across the boundary are not cut: the leaders decide.
    let boundary_rank = (limit > 0 && placed[candidates[limit]].rank == placed[candidates[limit - 1]].rank).then(|| placed[candidates[limit - 1]].rank);
    for &i in &candidates[limit..] {
        placed[i].quota = if Some(placed[i].rank) == boundary_rank { QuotaOutcome::TiedAtBoundary } else { QuotaOutcome::Cut };
    }
    if let Some(r) = boundary_rank {
        for &i in &candidates[..limit] {
            if placed[i].rank == r {
                placed[i].quota = QuotaOutcome::TiedAtBoundary;
            }
        }
    }
    placed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quota(base: QuotaBase, rounding: QuotaRounding) -> Quota {
        Quota { classification: 0, level: 3, percent: Decimal::from(20), rounding, base, not_verified: None }
    }

    fn c(points: i64, level: usize) -> Contender {
        Contender { points: Decimal::from(points), max: Decimal::ONE_HUNDRED, ties: vec![], level: Some(level) }
    }

    #[test]
    fn the_three_bases_and_the_roundings() {
        // 3 candidates (level 3), 7 at level 2: 10 at or above level 2.
        let group: Vec<Contender> = (0..10).map(|i| c(100 - i, if i < 3 { 3 } else { 2 })).collect();
        let cut = |q: Quota| rank(RankBy::Points, &group, Some(&q)).iter().filter(|p| p.quota == QuotaOutcome::Cut).count();
        // 20 % of 10 = 2 kept.
        assert_eq!(cut(quota(QuotaBase::AtOrAboveLevelBelow, QuotaRounding::Down)), 1);
        // 20 % of 7 = 1,4: down 1, up 2, half up 1.
        assert_eq!(cut(quota(QuotaBase::LevelBelowBeforeCut, QuotaRounding::Down)), 2);
        assert_eq!(cut(quota(QuotaBase::LevelBelowBeforeCut, QuotaRounding::Up)), 1);
        assert_eq!(cut(quota(QuotaBase::LevelBelowBeforeCut, QuotaRounding::HalfUp)), 2);
        // After the cut: k = 1 gives 9 below → 1,8 → 1: fits; k = 2 gives 8 → 1,6 → 1: does not.
        assert_eq!(cut(quota(QuotaBase::LevelBelowAfterCut, QuotaRounding::Down)), 2);
    }
}
