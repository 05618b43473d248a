//! Exact decimals: parsing what people type, parsing what files say, and
//! showing numbers the Vietnamese way ("45,75", "−1,5", "85,50%").
//!
//! Nothing here goes through f64: every value is a `rust_decimal::Decimal`
//! built from its text.

use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// Digits allowed before the decimal mark. Scores are small; a longer number is
/// almost certainly a typo, and this keeps every product we compute far away
/// from `Decimal`'s 28-digit limit.
pub const MAX_INT_DIGITS: usize = 9;
/// Digits allowed after the decimal mark.
pub const MAX_FRAC_DIGITS: usize = 6;

/// Why a typed number was not accepted as a number at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NumberError {
    /// Not a plain decimal number ("abc", "1,2,3", "1e3", "½").
    NotANumber,
    /// More digits than a score can have.
    TooLong,
}

/// Parses what a user typed into a score field. Accepts "0,5" and "0.5",
/// surrounding spaces and a leading minus sign; nothing else (no thousands
/// separators, no exponent), so nothing is silently reinterpreted.
pub fn parse_user_decimal(raw: &str) -> Result<Decimal, NumberError> {
    let s = raw.trim();
    let (neg, body) = match s.strip_prefix('-').or_else(|| s.strip_prefix('\u{2212}')) {
        Some(rest) => (true, rest),
        None => (false, s),
    };
    let (int, frac) = match body.find([',', '.']) {
        Some(i) => (&body[..i], Some(&body[i + 1..])),
        None => (body, None),
    };
    let digits = |t: &str| t.bytes().all(|b| b.is_ascii_digit());
    if int.is_empty() || !digits(int) {
        return Err(NumberError::NotANumber);
    }
    if let Some(f) = frac {
        if f.is_empty() || !digits(f) {
            return Err(NumberError::NotANumber);
        }
    }
    let int_trim = int.trim_start_matches('0');
    if int_trim.len() > MAX_INT_DIGITS || frac.map_or(0, str::len) > MAX_FRAC_DIGITS {
        return Err(NumberError::TooLong);
    }
    // The digits as one integer and the count after the mark: what
    // `Decimal::from_str` makes of the same text (trailing zeros kept, no
    // sign on a zero), without writing the text first (a replay parses
    // every value of every stage). At most 15 significant digits: exact.
    let digits = int_trim.bytes().chain(frac.unwrap_or_default().bytes());
    let m = digits.fold(0i64, |m, b| m * 10 + i64::from(b - b'0'));
    let mut d = Decimal::new(m, frac.map_or(0, |f| f.len() as u32));
    d.set_sign_negative(neg && m != 0);
    Ok(d)
}

/// Parses a decimal written in a ruleset file: a JSON string in the canonical
/// form "12", "0.25", "-3" (point as the decimal mark, no spaces).
pub fn parse_file_decimal(s: &str) -> Option<Decimal> {
    let body = s.strip_prefix('-').unwrap_or(s);
    let (int, frac) = match body.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
    let ok = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    if !ok(int) || !frac.is_none_or(ok) {
        return None;
    }
    if int.trim_start_matches('0').len() > MAX_INT_DIGITS || frac.map_or(0, str::len) > MAX_FRAC_DIGITS {
        return None;
    }
    Decimal::from_str(s).ok()
}

/// A decimal that travels as a JSON string ("0.25"), never as a JSON number,
/// so no reader on the way can turn it into a binary float.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Dec(pub Decimal);

impl Serialize for Dec {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0.normalize().to_string())
    }
}

impl<'de> Deserialize<'de> for Dec {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Dec;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a decimal number written as a string, e.g. \"0.25\"")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Dec, E> {
                parse_file_decimal(v).map(Dec).ok_or_else(|| {
                    E::custom(format!(
                        "\"{v}\" is not a decimal of the form \"12\" or \"0.25\" (point as the mark, at most {MAX_INT_DIGITS} + {MAX_FRAC_DIGITS} digits)"
                    ))
                })
            }
        }
        d.deserialize_str(V)
    }
}

/// In the JSON Schemas `Dec` is a string with the pattern `parse_file_decimal`
/// accepts: optional "-", digits (at most `MAX_INT_DIGITS` once leading zeros
/// are dropped), optionally "." and 1 to `MAX_FRAC_DIGITS` digits.
#[cfg(feature = "schema")]
impl schemars::JsonSchema for Dec {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Decimal".into()
    }

    fn schema_id() -> std::borrow::Cow<'static, str> {
        concat!(module_path!(), "::Dec").into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": format!("^-?0*[0-9]{{1,{MAX_INT_DIGITS}}}(\\.[0-9]{{1,{MAX_FRAC_DIGITS}}})?$"),
            "description": format!(
                "A decimal number written as a JSON string, never a JSON number: \"12\", \"0.25\", \"-3\". \
                 A point as the decimal mark, at most {MAX_INT_DIGITS} digits before it (leading zeros aside) \
                 and {MAX_FRAC_DIGITS} after; no spaces, no \"+\", no exponent."
            ),
            "examples": ["12", "0.25", "-3"],
        })
    }
}

/// The decimal mark and minus sign to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Vi,
    En,
}

/// Shows a number without trailing zeros: 45.750 → "45,75" (vi), "45.75" (en).
/// Negative numbers use the true minus sign "−".
pub fn format_decimal(d: Decimal, lang: Lang) -> String {
    let s = d.normalize().to_string();
    localise(&s, lang)
}

/// Shows a number with exactly two decimals (for percentages): "85,50".
pub fn format_fixed2(d: Decimal, lang: Lang) -> String {
    let mut r = d;
    r.rescale(2);
    localise(&r.to_string(), lang)
}

fn localise(s: &str, lang: Lang) -> String {
    let s = s.replacen('-', "\u{2212}", 1);
    match lang {
        Lang::Vi => s.replace('.', ","),
        Lang::En => s,
    }
}

/// Rounds half away from zero to two decimals, exactly: the caller gives a
/// fraction (numerator, denominator), not a pre-divided value, so no
/// 28-digit truncation can turn 89.99499… into 89.995.
pub fn percent_rounded_2dp(points: Decimal, max: Decimal) -> Option<Decimal> {
    if max <= Decimal::ZERO {
        return None;
    }
    // Percentage in hundredths: points × 100 × 100 / max.
    let n = points.checked_mul(Decimal::from(10_000))?;
    let neg = n.is_sign_negative();
    let n = n.abs();
    let q = (n / max).trunc();
    // Division may have rounded at the 28th digit; correct q so that
    // q × max ≤ n < (q + 1) × max holds exactly.
    let mut q = q;
    while q * max > n {
        q -= Decimal::ONE;
    }
    while (q + Decimal::ONE) * max <= n {
        q += Decimal::ONE;
    }
    let rem = n - q * max;
    if rem * Decimal::TWO >= max {
        q += Decimal::ONE;
    }
    let mut v = q / Decimal::ONE_HUNDRED;
    if neg {
        v = -v;
    }
    v.rescale(2);
    Some(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn typed_numbers_read_exactly_as_their_text() {
        // The same value, scale and sign, bit for bit, as the text read by
        // `Decimal::from_str` (how they were read before).
        for t in ["0", "-0", "0,0", "-0,000", "00012,50", "0.5", "-1,5", "999999999,999999", "-999999999.000001", "1,000000", "0000000000000000000000007"] {
            let text = t.replace(',', ".");
            assert_eq!(parse_user_decimal(t).unwrap().serialize(), d(&text).serialize(), "{t}");
        }
    }

    #[test]
    fn comma_and_point_both_accepted() {
        assert_eq!(parse_user_decimal("0,5"), Ok(d("0.5")));
        assert_eq!(parse_user_decimal("0.5"), Ok(d("0.5")));
        assert_eq!(parse_user_decimal(" 12 "), Ok(d("12")));
        assert_eq!(parse_user_decimal("-1,5"), Ok(d("-1.5")));
    }

    #[test]
    fn malformed_numbers_are_refused_not_reinterpreted() {
        for bad in ["", "abc", "1,2,3", "1.2.3", "1e3", ",5", "5,", "1 000", "+1", "0x10", "NaN", "∞"] {
            assert_eq!(parse_user_decimal(bad), Err(NumberError::NotANumber), "{bad:?}");
        }
        assert_eq!(parse_user_decimal("12345678901"), Err(NumberError::TooLong));
        assert_eq!(parse_user_decimal("1,1234567"), Err(NumberError::TooLong));
    }

    #[test]
    fn vietnamese_display_uses_decimal_comma_and_true_minus() {
        assert_eq!(format_decimal(d("45.750"), Lang::Vi), "45,75");
        assert_eq!(format_decimal(d("-1.5"), Lang::Vi), "−1,5");
        assert_eq!(format_decimal(d("45.75"), Lang::En), "45.75");
        assert_eq!(format_decimal(d("100"), Lang::Vi), "100");
        assert_eq!(format_fixed2(d("85.5"), Lang::Vi), "85,50");
    }

    #[test]
    fn percent_rounds_half_up_exactly() {
        // 43.5 / 55 = 79.0909…% → 79.09
        assert_eq!(percent_rounded_2dp(d("43.5"), d("55")), Some(d("79.09")));
        // 89.996% shows as 90.00
        assert_eq!(percent_rounded_2dp(d("89.996"), d("100")), Some(d("90.00")));
        // exact midpoint 0.125% → 0.13
        assert_eq!(percent_rounded_2dp(d("1"), d("800")), Some(d("0.13")));
        // 2/3 = 66.666…% → 66.67
        assert_eq!(percent_rounded_2dp(d("2"), d("3")), Some(d("66.67")));
        assert_eq!(percent_rounded_2dp(d("-2"), d("3")), Some(d("-66.67")));
        assert_eq!(percent_rounded_2dp(d("1"), d("0")), None);
    }

    #[test]
    fn file_decimals_are_canonical_strings() {
        assert_eq!(parse_file_decimal("0.25"), Some(d("0.25")));
        assert_eq!(parse_file_decimal("45"), Some(d("45")));
        assert_eq!(parse_file_decimal("0,25"), None);
        assert_eq!(parse_file_decimal(" 1"), None);
        assert_eq!(parse_file_decimal("1e2"), None);
        let v: Result<Dec, _> = serde_json::from_str("0.25");
        assert!(v.is_err(), "a JSON number is refused: decimals travel as strings");
        let v: Dec = serde_json::from_str("\"0.25\"").unwrap();
        assert_eq!(v.0, d("0.25"));
    }
}
