//! One item's typed value → its points, by the item's rule; never clamped
//! (a value out of bounds is invalid, with the reason).

use crate::decimal::{parse_user_decimal, percent_rounded_2dp, NumberError};
use crate::ruleset::file::Kind;
use crate::ruleset::model::{Node, Rule};
use rust_decimal::Decimal;

/// Why a typed value is not counted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ValueError {
    NotANumber,
    TooLong,
    Negative,
    /// Penalty points are typed as the deduction, without a minus sign.
    PenaltyTypedNegative,
    AboveMax { max: Decimal },
    NotMultiple { step: Decimal },
    /// Not one of the item's options (choice, survey, yes/no).
    NotAnOption,
    /// A count must be a whole number.
    NotACount,
    /// One of two numbers is missing.
    MissingSecond,
    ZeroDenominator,
    NumeratorAboveDenominator,
}

/// The state of one item's input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Blank,
    /// The points the input earns (a penalty's as the positive deduction).
    Valid(Decimal),
    Invalid(ValueError),
}

fn number(raw: &str, kind: Kind) -> Result<Decimal, ValueError> {
    let v = match parse_user_decimal(raw) {
        Ok(v) => v,
        Err(NumberError::NotANumber) => return Err(ValueError::NotANumber),
        Err(NumberError::TooLong) => return Err(ValueError::TooLong),
    };
    if v.is_sign_negative() && !v.is_zero() {
        return Err(if kind == Kind::Penalty { ValueError::PenaltyTypedNegative } else { ValueError::Negative });
    }
    Ok(v)
}

fn count(raw: &str) -> Result<Decimal, ValueError> {
    let v = number(raw, Kind::Normal).map_err(|e| if e == ValueError::TooLong { e } else { ValueError::NotACount })?;
    if !v.fract().is_zero() {
        return Err(ValueError::NotACount);
    }
    Ok(v)
}

/// The option `raw` names, compared without surrounding spaces or case.
fn option<'a>(options: &'a [(String, Decimal)], raw: &str) -> Result<&'a Decimal, ValueError> {
    let raw = raw.trim().to_lowercase();
    options.iter().find(|(l, _)| l.to_lowercase() == raw).map(|(_, v)| v).ok_or(ValueError::NotAnOption)
}

/// Checks what was typed into `node`'s field(s) and gives the points it earns.
/// Never adjusts a value: an out-of-range number is an error, not a clamp.
/// `second` is the second number of a two-number rule (ratio, proportional).
pub fn check_value(node: &Node, raw: &str, second: &str) -> Value {
    check_value_within(node, raw, second, Decimal::ZERO)
}

/// As [`check_value`], with `unassigned` points of the maximum declared not
/// assigned: a number may reach only what is left.
pub fn check_value_within(node: &Node, raw: &str, second: &str, unassigned: Decimal) -> Value {
    let blank = raw.trim().is_empty();
    let blank2 = second.trim().is_empty();
    if blank && (blank2 || !node.rule.is_pair()) {
        return Value::Blank;
    }
    match evaluate(node, node.max.map(|m| m - unassigned), raw, second, blank || blank2) {
        Ok(v) => Value::Valid(v),
        Err(e) => Value::Invalid(e),
    }
}

/// Checks the points an agency declares not assigned to it on a number
/// item: a number from 0 to the maximum, in the item's step.
pub fn check_unassigned(node: &Node, raw: &str) -> Value {
    if raw.trim().is_empty() {
        return Value::Blank;
    }
    let check = || {
        let v = number(raw, Kind::Normal)?;
        if let Some(max) = node.max.filter(|m| v > *m) {
            return Err(ValueError::AboveMax { max });
        }
        if !(v % node.step).is_zero() {
            return Err(ValueError::NotMultiple { step: node.step });
        }
        Ok(v)
    };
    match check() {
        Ok(v) => Value::Valid(v),
        Err(e) => Value::Invalid(e),
    }
}

fn evaluate(node: &Node, max: Option<Decimal>, raw: &str, second: &str, one_blank: bool) -> Result<Decimal, ValueError> {
    let capped = |v: Decimal| max.map_or(v, |m| v.min(m));
    match &node.rule {
        Rule::Number => {
            let v = number(raw, node.kind)?;
            if let Some(max) = max {
                if v > max {
                    return Err(ValueError::AboveMax { max });
                }
            }
            if !(v % node.step).is_zero() {
                return Err(ValueError::NotMultiple { step: node.step });
            }
            Ok(v)
        }
        Rule::YesNo => match raw.trim().to_lowercase().as_str() {
            "yes" | "có" | "co" => Ok(max.unwrap_or_default()),
            "no" | "không" | "khong" => Ok(Decimal::ZERO),
            _ => Err(ValueError::NotAnOption),
        },
        Rule::Choice(options) => option(options, raw).copied(),
        Rule::Survey(answers) => {
            let pct = option(answers, raw)?;
            Ok(max.unwrap_or_default() * pct / Decimal::ONE_HUNDRED)
        }
        Rule::RatioBands { bands, .. } => {
            if one_blank {
                return Err(ValueError::MissingSecond);
            }
            let (n, d) = (count(raw)?, count(second)?);
            if d.is_zero() {
                return Err(ValueError::ZeroDenominator);
            }
            if n > d {
                return Err(ValueError::NumeratorAboveDenominator);
            }
            // The highest band whose start the ratio reaches, compared exactly.
            Ok(bands.iter().rev().find(|(from, _)| n * Decimal::ONE_HUNDRED >= *from * d).map(|(_, p)| *p).unwrap_or_default())
        }
        Rule::Proportional { .. } => {
            if one_blank {
                return Err(ValueError::MissingSecond);
            }
            let (a, t) = (number(raw, Kind::Normal)?, number(second, Kind::Normal)?);
            if t.is_zero() {
                return Err(ValueError::ZeroDenominator);
            }
            let m = max.unwrap_or_default();
            // max × a / t rounded half-up to 0,01, exactly: percent_rounded_2dp
            // computes round(x × 100 / y), so pass (m × a, t × 100).
            let v = percent_rounded_2dp(m * a, t * Decimal::ONE_HUNDRED).unwrap_or_default();
            Ok(capped(v))
        }
        Rule::PerOccurrence { points_each } => Ok(capped(count(raw)? * points_each)),
        Rule::DeductPercentPerOccurrence { percent_each } => {
            let m = max.unwrap_or_default();
            let left = (Decimal::ONE_HUNDRED - count(raw)? * percent_each).max(Decimal::ZERO);
            Ok(m * left / Decimal::ONE_HUNDRED)
        }
    }
}
