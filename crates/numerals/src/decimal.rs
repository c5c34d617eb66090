//! Exact decimal numbers: the values that quantities carry.
//!
//! Report figures are money, counts and rates that are compared for equality
//! and summed, so they are kept as an integer mantissa and a power of ten,
//! never as binary floating point. Every operation is checked: an overflow
//! yields `None` rather than a wrong figure.

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

/// An exact decimal number: `mantissa × 10^-scale`.
///
/// The representation is kept normalised (no trailing zeros in the fraction,
/// zero has scale 0), so the derived `Eq` and `Hash` compare values:
/// `1.50 == 1.5`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Decimal {
    mantissa: i128,
    scale: u32,
}

impl Decimal {
    const ZERO: Decimal = Decimal {
        mantissa: 0,
        scale: 0,
    };

    pub fn from_int(v: i64) -> Decimal {
        Decimal {
            mantissa: i128::from(v),
            scale: 0,
        }
    }

    /// `mantissa × 10^-scale`, normalised.
    pub fn new(mantissa: i128, scale: u32) -> Decimal {
        if mantissa == 0 {
            return Decimal::ZERO;
        }
        let (mut mantissa, mut scale) = (mantissa, scale);
        while scale > 0 && mantissa % 10 == 0 {
            mantissa /= 10;
            scale -= 1;
        }
        Decimal { mantissa, scale }
    }

    pub fn is_integer(&self) -> bool {
        self.scale == 0
    }

    /// The value as an `i64`, when it is a whole number that fits.
    pub fn to_i64(&self) -> Option<i64> {
        if self.is_integer() {
            i64::try_from(self.mantissa).ok()
        } else {
            None
        }
    }

    /// The nearest `f64`. Only for display and serialisation boundaries:
    /// arithmetic on figures stays in `Decimal`.
    pub fn to_f64(&self) -> f64 {
        // Going through the canonical text gives the correctly rounded
        // result for every mantissa and scale, which dividing by a power of
        // ten in floating point does not.
        self.to_string().parse().unwrap_or(f64::NAN)
    }

    pub fn checked_add(self, o: Decimal) -> Option<Decimal> {
        let (a, b, scale) = self.aligned(o)?;
        Some(Decimal::new(a.checked_add(b)?, scale))
    }

    pub fn checked_sub(self, o: Decimal) -> Option<Decimal> {
        let (a, b, scale) = self.aligned(o)?;
        Some(Decimal::new(a.checked_sub(b)?, scale))
    }

    pub fn checked_mul(self, o: Decimal) -> Option<Decimal> {
        Some(Decimal::new(
            self.mantissa.checked_mul(o.mantissa)?,
            self.scale.checked_add(o.scale)?,
        ))
    }

    /// `self / o` rounded half away from zero to `scale` fraction digits;
    /// `None` when `o` is zero or the result does not fit.
    ///
    /// Rates are computed this way: `749 × 100 / 774` at scale 2 is `96.77`.
    pub fn checked_div(self, o: Decimal, scale: u32) -> Option<Decimal> {
        if o.mantissa == 0 {
            return None;
        }
        // self / o = (m₁·10^-s₁) / (m₂·10^-s₂); scaled by 10^scale that is
        // m₁·10^(s₂+scale) / (m₂·10^s₁), an integer division to round.
        let numerator = self
            .mantissa
            .checked_mul(pow10(o.scale.checked_add(scale)?)?)?;
        let denominator = o.mantissa.checked_mul(pow10(self.scale)?)?;
        let quotient = numerator.checked_div(denominator)?;
        let remainder = numerator.checked_rem(denominator)?.unsigned_abs();
        // |r| ≥ |d| - |r| is 2|r| ≥ |d| without the overflow of doubling.
        let rounds_away = remainder >= denominator.unsigned_abs() - remainder;
        let quotient = if !rounds_away {
            quotient
        } else if (numerator < 0) == (denominator < 0) {
            quotient.checked_add(1)?
        } else {
            quotient.checked_sub(1)?
        };
        Some(Decimal::new(quotient, scale))
    }

    /// The number of fraction digits (the value is normalised: `96.70` has 1).
    pub fn scale(&self) -> u32 {
        self.scale
    }

    /// The value cut (toward zero) to `scale` fraction digits: `96.77` → `96.7`.
    pub fn truncated(self, scale: u32) -> Decimal {
        if scale >= self.scale {
            return self;
        }
        let cut = pow10(self.scale - scale).unwrap_or(i128::MAX);
        Decimal::new(self.mantissa / cut, scale)
    }

    /// The magnitude (`i128::MIN`'s saturates).
    pub fn abs(self) -> Decimal {
        Decimal::new(self.mantissa.saturating_abs(), self.scale)
    }

    /// Both mantissas at the finer of the two scales, and that scale.
    fn aligned(self, o: Decimal) -> Option<(i128, i128, u32)> {
        let scale = self.scale.max(o.scale);
        Some((self.mantissa_at(scale)?, o.mantissa_at(scale)?, scale))
    }

    /// The mantissa this value has when written with `scale` fraction
    /// digits (`scale` must not be below the current one).
    fn mantissa_at(self, scale: u32) -> Option<i128> {
        self.mantissa.checked_mul(pow10(scale - self.scale)?)
    }
}

fn pow10(exponent: u32) -> Option<i128> {
    10i128.checked_pow(exponent)
}

impl Ord for Decimal {
    fn cmp(&self, other: &Decimal) -> Ordering {
        let by_sign = self.mantissa.signum().cmp(&other.mantissa.signum());
        if by_sign != Ordering::Equal || self.mantissa == 0 {
            return by_sign;
        }
        // Same sign, both non-zero: bring the coarser one to the finer scale.
        // If that overflows, the coarser one is the larger in magnitude.
        let (coarse, fine, flipped) = if self.scale <= other.scale {
            (self, other, false)
        } else {
            (other, self, true)
        };
        let ordering = match coarse.mantissa_at(fine.scale) {
            Some(m) => m.cmp(&fine.mantissa),
            None if coarse.mantissa > 0 => Ordering::Greater,
            None => Ordering::Less,
        };
        if flipped {
            ordering.reverse()
        } else {
            ordering
        }
    }
}

impl PartialOrd for Decimal {
    fn partial_cmp(&self, other: &Decimal) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Canonical form: plain digits, a point only when there is a fraction, no
/// exponent: `1642200`, `96.7`, `-3.5`, `0.05`.
impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let digits = self.mantissa.unsigned_abs().to_string();
        let scale = self.scale as usize;
        let mut text = String::with_capacity(digits.len().max(scale) + 3);
        if self.mantissa < 0 {
            text.push('-');
        }
        if scale == 0 {
            text.push_str(&digits);
        } else if digits.len() > scale {
            let (integer, fraction) = digits.split_at(digits.len() - scale);
            text.push_str(integer);
            text.push('.');
            text.push_str(fraction);
        } else {
            text.push_str("0.");
            text.extend(std::iter::repeat_n('0', scale - digits.len()));
            text.push_str(&digits);
        }
        f.pad(&text)
    }
}

/// The error of parsing a [`Decimal`]: the text was empty, was not of the
/// form `[-+]digits[.digits]`, or had more digits than fit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ParseDecimalError {
    _private: (),
}

impl fmt::Display for ParseDecimalError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("invalid decimal number")
    }
}

impl std::error::Error for ParseDecimalError {}

impl FromStr for Decimal {
    type Err = ParseDecimalError;

    /// Reads `96.7`, `1642200`, `-0.5`: an optional sign, digits, and an
    /// optional point followed by digits.
    fn from_str(s: &str) -> Result<Decimal, ParseDecimalError> {
        let invalid = ParseDecimalError { _private: () };
        let (negative, unsigned) = match s.as_bytes().first() {
            Some(b'-') => (true, &s[1..]),
            Some(b'+') => (false, &s[1..]),
            _ => (false, s),
        };
        let (integer, fraction) = match unsigned.split_once('.') {
            Some((_, "")) => return Err(invalid),
            Some(parts) => parts,
            None => (unsigned, ""),
        };
        let well_formed = !integer.is_empty()
            && integer
                .bytes()
                .chain(fraction.bytes())
                .all(|b| b.is_ascii_digit());
        if !well_formed {
            return Err(invalid);
        }
        // Accumulating towards the sign reaches i128::MIN, which the
        // negation of a positive accumulator would not.
        let mut mantissa: i128 = 0;
        for b in integer.bytes().chain(fraction.bytes()) {
            let digit = i128::from(b - b'0');
            mantissa = mantissa
                .checked_mul(10)
                .and_then(|m| {
                    if negative {
                        m.checked_sub(digit)
                    } else {
                        m.checked_add(digit)
                    }
                })
                .ok_or(invalid)?;
        }
        let scale = u32::try_from(fraction.len()).map_err(|_| invalid)?;
        Ok(Decimal::new(mantissa, scale))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn display_round_trips() {
        for s in ["0", "1642200", "96.7", "-3.5", "0.05", "-0.001", "91.67"] {
            assert_eq!(d(s).to_string(), s);
        }
        for extreme in [i128::MIN, i128::MAX] {
            let value = Decimal::new(extreme, 7);
            assert_eq!(d(&value.to_string()), value);
        }
    }

    #[test]
    fn parsing_normalises() {
        assert_eq!(d("1.50"), d("1.5"));
        assert_eq!(d("-0.0"), Decimal::ZERO);
        assert_eq!(d("+7"), Decimal::from_int(7));
        assert_eq!(d("007.10").to_string(), "7.1");
        assert_eq!(Decimal::new(1500, 3), d("1.5"));
        assert_eq!(Decimal::new(0, u32::MAX), Decimal::ZERO);
    }

    #[test]
    fn truncation_cuts_toward_zero() {
        assert_eq!(d("96.77").truncated(1), d("96.7"));
        assert_eq!(d("-96.77").truncated(0), d("-96"));
        assert_eq!(d("96.7").truncated(3), d("96.7"));
        assert_eq!(d("96.7").scale(), 1);
        assert_eq!(d("-2.5").abs(), d("2.5"));
    }

    #[test]
    fn parsing_rejects_malformed_text() {
        for s in [
            "", "-", ".5", "5.", "1.2.3", "1,234", "1e5", "abc", "--1", "٣",
        ] {
            assert!(s.parse::<Decimal>().is_err(), "{s:?}");
        }
        assert!("1".repeat(40).parse::<Decimal>().is_err());
    }

    #[test]
    fn division_rounds_half_away_from_zero() {
        let rate = Decimal::from_int(749)
            .checked_mul(Decimal::from_int(100))
            .and_then(|n| n.checked_div(Decimal::from_int(774), 2));
        assert_eq!(rate, Some(d("96.77")));
        let div = |a: &str, b: &str, scale| d(a).checked_div(d(b), scale).unwrap().to_string();
        assert_eq!(div("1", "8", 2), "0.13");
        assert_eq!(div("-1", "8", 2), "-0.13");
        assert_eq!(div("1", "-8", 2), "-0.13");
        assert_eq!(div("2", "3", 0), "1");
        assert_eq!(div("1", "3", 0), "0");
        assert_eq!(div("10", "4", 1), "2.5");
        assert_eq!(div("0.3", "0.1", 0), "3");
        assert_eq!(d("1").checked_div(Decimal::ZERO, 2), None);
    }

    #[test]
    fn arithmetic_is_checked() {
        assert_eq!(d("164.22").checked_mul(d("10000")), Some(d("1642200")));
        assert_eq!(d("0.1").checked_add(d("0.2")), Some(d("0.3")));
        assert_eq!(d("1").checked_sub(d("1.5")), Some(d("-0.5")));
        let huge = Decimal::new(i128::MAX, 0);
        assert_eq!(huge.checked_add(Decimal::from_int(1)), None);
        assert_eq!(huge.checked_mul(Decimal::from_int(2)), None);
        let lowest = Decimal::new(i128::MIN, 0);
        assert_eq!(lowest.checked_sub(Decimal::from_int(1)), None);
        assert_eq!(Decimal::from_int(-1).checked_sub(lowest), Some(huge));
        assert_eq!(huge.checked_add(Decimal::new(1, 1)), None);
    }

    #[test]
    fn ordering_is_by_value() {
        assert!(d("96.7") < d("96.77"));
        assert!(d("-1") < d("-0.5"));
        assert!(d("-0.5") < Decimal::ZERO);
        assert!(d("10") > d("9.999"));
        assert_eq!(d("2.50").cmp(&d("2.5")), Ordering::Equal);
        // Scales too far apart to align still order correctly.
        let tiny = Decimal::new(1, 60);
        assert!(tiny > Decimal::ZERO && tiny < d("0.1"));
        assert!(Decimal::new(-1, 60) > d("-0.1"));
        assert!(Decimal::new(i128::MAX, 0) > Decimal::new(i128::MAX, 1));
    }

    #[test]
    fn conversions() {
        assert_eq!(d("1642200").to_i64(), Some(1_642_200));
        assert_eq!(d("96.7").to_i64(), None);
        assert_eq!(Decimal::new(i128::MAX, 0).to_i64(), None);
        assert_eq!(d("96.7").to_f64(), 96.7);
        assert_eq!(
            Decimal::new(5, 40).to_string(),
            format!("0.{}5", "0".repeat(39))
        );
        assert!(!d("0.05").is_integer() && d("3").is_integer());
    }
}
