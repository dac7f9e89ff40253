//! CPython's float-to-text conversions: `repr(float)` and the `e`/`f`/`g`/`r` layouts used by
//! `format()`, `str.format` and `%`-formatting.
//!
//! Rust's `{:e}` gives the shortest round-tripping digits and `{:.Ne}`/`{:.N}` are correctly
//! rounded, so the digits come from the standard library; this module only lays them out the
//! way CPython's `format_float_short` (Python/pystrtod.c) does.

/// Which layout a float is formatted with, mirroring the format codes of `PyOS_double_to_string`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FloatStyle {
    /// `r`: shortest round-tripping digits, exponent form when the exponent is < -4 or >= 16.
    Repr,
    /// `f`: a fixed number of digits after the decimal point.
    Fixed,
    /// `e`: one digit before the point, `precision` after it, then the exponent.
    Exponent,
    /// `g`: `precision` significant digits, exponent form when it would be shorter.
    General,
}

/// How to format one float: the knobs of `PyOS_double_to_string`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FloatFormat {
    /// The layout.
    pub style: FloatStyle,
    /// Digits after the point (`f`, `e`) or significant digits (`g`); ignored by `Repr`.
    pub precision: usize,
    /// Upper-case `E`, `INF` and `NAN` (the `E`, `F`, `G` codes).
    pub upper: bool,
    /// `#`: keep the decimal point and, for `g`, trailing zeros.
    pub alternate: bool,
    /// Add `.0` to a positional result that has no fractional digits (`repr`, format type none).
    pub add_dot_0: bool,
}

/// `repr(x)` exactly as CPython prints it: `1e+16`, `1.5e-05`, `0.1`, `1.0`, `-0.0`, `inf`, `nan`.
pub fn float_repr(x: f64) -> String {
    format_float(
        x,
        FloatFormat {
            style: FloatStyle::Repr,
            precision: 0,
            upper: false,
            alternate: false,
            add_dot_0: true,
        },
    )
}

/// Formats `x` with a leading `-` when it is negative (NaN never gets one, as in CPython).
pub fn format_float(x: f64, spec: FloatFormat) -> String {
    let body = format_float_abs(x, spec);
    if is_negative(x) {
        format!("-{body}")
    } else {
        body
    }
}

/// Whether CPython prints a minus sign for `x`: negative numbers and `-0.0`, never NaN.
pub fn is_negative(x: f64) -> bool {
    !x.is_nan() && x.is_sign_negative()
}

/// Formats the magnitude of `x` (no sign), so callers can place the sign around padding.
/// Mirrors Python/pystrtod.c format_float_short.
pub fn format_float_abs(x: f64, spec: FloatFormat) -> String {
    let magnitude = x.abs();
    if magnitude.is_nan() || magnitude.is_infinite() {
        let word = if magnitude.is_nan() { "nan" } else { "inf" };
        return if spec.upper {
            word.to_ascii_uppercase()
        } else {
            word.to_string()
        };
    }
    match spec.style {
        FloatStyle::Fixed => {
            let mut text = format!("{magnitude:.prec$}", prec = spec.precision);
            if spec.alternate && spec.precision == 0 {
                text.push('.');
            }
            text
        }
        FloatStyle::Exponent => {
            let (digits, decpt) = rounded_digits(magnitude, spec.precision + 1);
            lay_out(&digits, decpt, true, spec.precision + 1, spec)
        }
        FloatStyle::General => {
            let precision = spec.precision.max(1);
            let (mut digits, decpt) = rounded_digits(magnitude, precision);
            trim_trailing_zeros(&mut digits);
            // With ADD_DOT_0 the positional form needs room for the extra ".0" digit.
            let limit = if spec.add_dot_0 {
                precision as i64 - 1
            } else {
                precision as i64
            };
            let use_exp = decpt <= -4 || decpt > limit;
            let min_digits = if spec.alternate { precision } else { 0 };
            lay_out(&digits, decpt, use_exp, min_digits, spec)
        }
        FloatStyle::Repr => {
            let (digits, decpt) = shortest_digits(magnitude);
            let use_exp = decpt <= -4 || decpt > 16;
            lay_out(&digits, decpt, use_exp, 0, spec)
        }
    }
}

/// The shortest round-tripping significant digits of a finite non-negative `x` and the
/// position of the decimal point (`x == 0.DIGITS * 10**decpt`).
fn shortest_digits(x: f64) -> (String, i64) {
    let (digits, decpt) = split_scientific(&format!("{x:e}"));
    // When `x` lies exactly halfway between two equally short candidates Rust may pick
    // either; CPython takes the even one, which is the correctly rounded value with that
    // many digits. Two candidates 10**j apart can both round-trip only if 10**j <= ulp(x)
    // <= x / 2**52, so the digit string is at least 16 long; shorter ones are unambiguous.
    if digits.len() >= 16 {
        rounded_digits(x, digits.len())
    } else {
        (digits, decpt)
    }
}

/// `count` correctly rounded significant digits of a finite non-negative `x` and the position
/// of the decimal point (`x ~= 0.DIGITS * 10**decpt`).
fn rounded_digits(x: f64, count: usize) -> (String, i64) {
    let after_point = count.saturating_sub(1);
    split_scientific(&format!("{x:.after_point$e}"))
}

/// Splits Rust's `D.DDDeN` rendering into its digits and CPython's `decpt`.
fn split_scientific(text: &str) -> (String, i64) {
    let (mantissa, exponent) = text
        .split_once('e')
        .unwrap_or_else(|| unreachable!("Rust's {{:e}} always writes an exponent"));
    let digits: String = mantissa.chars().filter(|c| c.is_ascii_digit()).collect();
    let exponent: i64 = exponent
        .parse()
        .unwrap_or_else(|_| unreachable!("Rust's {{:e}} writes a decimal exponent"));
    (digits, exponent + 1)
}

/// Drops trailing zeros but keeps at least one digit.
fn trim_trailing_zeros(digits: &mut String) {
    while digits.len() > 1 && digits.ends_with('0') {
        digits.pop();
    }
}

/// Places the decimal point and exponent around `digits`, padding with zeros up to
/// `min_digits` significant digits. Mirrors the tail of format_float_short.
fn lay_out(
    digits: &str,
    decpt: i64,
    use_exp: bool,
    min_digits: usize,
    spec: FloatFormat,
) -> String {
    let (point, exponent) = if use_exp { (1, decpt - 1) } else { (decpt, 0) };
    let mut digits = digits.to_string();
    while digits.len() < min_digits {
        digits.push('0');
    }
    let (integer, mut fraction) = if point <= 0 {
        let zeros = "0".repeat(point.unsigned_abs() as usize);
        ("0".to_string(), format!("{zeros}{digits}"))
    } else {
        let point = point as usize;
        while digits.len() < point {
            digits.push('0');
        }
        (digits[..point].to_string(), digits[point..].to_string())
    };
    if fraction.is_empty() && spec.add_dot_0 && !use_exp {
        fraction.push('0');
    }
    let mut out = integer;
    if !fraction.is_empty() || spec.alternate {
        out.push('.');
        out.push_str(&fraction);
    }
    if use_exp {
        let sign = if exponent < 0 { '-' } else { '+' };
        let e = if spec.upper { 'E' } else { 'e' };
        out.push_str(&format!("{e}{sign}{:02}", exponent.abs()));
    }
    out
}

/// `round(x, ndigits)` overflowed: `OverflowError: rounded value too large to represent`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RoundOverflow;

impl std::fmt::Display for RoundOverflow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("rounded value too large to represent")
    }
}

/// `round(x, ndigits)` for a float: the exact value of `x` correctly rounded to `ndigits`
/// decimal places (ties to even), so `round(2.675, 2) == 2.67`. Mirrors floatobject.c
/// float___round___impl and double_round.
pub fn round_float(x: f64, ndigits: i64) -> Result<f64, RoundOverflow> {
    // Beyond these bounds every float either keeps all its digits or rounds to zero.
    const NDIGITS_MAX: i64 = 323;
    const NDIGITS_MIN: i64 = -308;
    if !x.is_finite() || ndigits > NDIGITS_MAX {
        return Ok(x);
    }
    if ndigits < NDIGITS_MIN {
        return Ok(0.0 * x);
    }
    let magnitude = x.abs();
    let text = if ndigits >= 0 {
        format!("{magnitude:.prec$}", prec = ndigits as usize)
    } else {
        let places = ndigits.unsigned_abs() as u32;
        format!("{}e{places}", round_to_power_of_ten(magnitude, places))
    };
    let rounded: f64 = text
        .parse()
        .unwrap_or_else(|_| unreachable!("digits written above parse as a float"));
    if rounded.is_infinite() {
        return Err(RoundOverflow);
    }
    Ok(if x.is_sign_negative() {
        -rounded
    } else {
        rounded
    })
}

/// `magnitude / 10**places` rounded to an integer, ties to even, computed exactly.
fn round_to_power_of_ten(magnitude: f64, places: u32) -> num_bigint::BigUint {
    use num_bigint::BigUint;
    let bits = magnitude.to_bits();
    let exponent_field = ((bits >> 52) & 0x7ff) as i64;
    let fraction = bits & ((1u64 << 52) - 1);
    let (mantissa, exponent) = if exponent_field == 0 {
        (fraction, -1074)
    } else {
        (fraction | (1u64 << 52), exponent_field - 1075)
    };
    let mut numerator = BigUint::from(mantissa);
    let mut denominator = BigUint::from(10u32).pow(places);
    if exponent >= 0 {
        numerator <<= exponent as usize;
    } else {
        denominator <<= exponent.unsigned_abs() as usize;
    }
    let quotient = &numerator / &denominator;
    let twice_remainder = (numerator - &quotient * &denominator) * 2u32;
    let round_up =
        twice_remainder > denominator || (twice_remainder == denominator && quotient.bit(0));
    if round_up { quotient + 1u32 } else { quotient }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(style: FloatStyle, precision: usize, alternate: bool, add_dot_0: bool) -> FloatFormat {
        FloatFormat {
            style,
            precision,
            upper: false,
            alternate,
            add_dot_0,
        }
    }

    #[test]
    fn repr_matches_cpython() {
        let cases: &[(f64, &str)] = &[
            (1e16, "1e+16"),
            (1.5e-5, "1.5e-05"),
            (1e-5, "1e-05"),
            (1.0, "1.0"),
            (0.1, "0.1"),
            (123456789012345.0, "123456789012345.0"),
            (1234567890123456.0, "1234567890123456.0"),
            (1e22, "1e+22"),
            (-0.0, "-0.0"),
            (0.0, "0.0"),
            (0.0001, "0.0001"),
            (5e-324, "5e-324"),
            (1.7976931348623157e308, "1.7976931348623157e+308"),
            (1e100, "1e+100"),
            (0.1 + 0.2, "0.30000000000000004"),
            (f64::from_bits(0x42de_a3f4_2bdb_dc08), "134758100070256.12"),
            (-2.5, "-2.5"),
            (f64::INFINITY, "inf"),
            (f64::NEG_INFINITY, "-inf"),
            (f64::NAN, "nan"),
            (-f64::NAN, "nan"),
        ];
        for &(value, expected) in cases {
            assert_eq!(float_repr(value), expected, "repr({value:?})");
        }
    }

    #[test]
    fn general_percent_g() {
        let g = spec(FloatStyle::General, 6, false, false);
        let alt = spec(FloatStyle::General, 6, true, false);
        let cases: &[(f64, &str, &str)] = &[
            (1e16, "1e+16", "1.00000e+16"),
            (1.5e-5, "1.5e-05", "1.50000e-05"),
            (1.0, "1", "1.00000"),
            (0.1, "0.1", "0.100000"),
            (123456789012345.0, "1.23457e+14", "1.23457e+14"),
            (-0.0, "-0", "-0.00000"),
            (0.0001, "0.0001", "0.000100000"),
            (5e-324, "4.94066e-324", "4.94066e-324"),
        ];
        for &(value, plain, alternate) in cases {
            assert_eq!(format_float(value, g), plain, "%g of {value:?}");
            assert_eq!(format_float(value, alt), alternate, "%#g of {value:?}");
        }
        assert_eq!(
            format_float(9.9999, spec(FloatStyle::General, 2, false, false)),
            "10"
        );
        assert_eq!(
            format_float(0.5, spec(FloatStyle::General, 0, false, false)),
            "0.5"
        );
    }

    #[test]
    fn general_with_dot_0_is_format_type_none() {
        let none = |p| spec(FloatStyle::General, p, false, true);
        assert_eq!(format_float(1.0, none(3)), "1.0");
        assert_eq!(format_float(1.0, none(0)), "1e+00");
        assert_eq!(format_float(1234.5, none(2)), "1.2e+03");
        assert_eq!(format_float(100.0, none(3)), "1e+02");
        assert_eq!(format_float(12345.0, none(5)), "1.2345e+04");
        assert_eq!(format_float(12345.0, none(4)), "1.234e+04");
        assert_eq!(format_float(123456789012345.0, none(3)), "1.23e+14");
        assert_eq!(format_float(5e-324, none(3)), "4.94e-324");
        let alt = spec(FloatStyle::General, 3, true, true);
        assert_eq!(format_float(1.0, alt), "1.00");
        assert_eq!(format_float(0.1, alt), "0.100");
    }

    #[test]
    fn exponent_and_fixed() {
        let e0 = spec(FloatStyle::Exponent, 0, false, false);
        let e0_alt = spec(FloatStyle::Exponent, 0, true, false);
        assert_eq!(format_float(1.5e-5, e0), "2e-05");
        assert_eq!(format_float(2.5, e0), "2e+00");
        assert_eq!(format_float(0.3, e0_alt), "3.e-01");
        assert_eq!(format_float(-0.0, e0), "-0e+00");
        assert_eq!(format_float(1e100, e0), "1e+100");
        let e2 = FloatFormat {
            upper: true,
            ..spec(FloatStyle::Exponent, 2, false, false)
        };
        assert_eq!(format_float(1500.0, e2), "1.50E+03");
        assert_eq!(
            format_float(0.0, spec(FloatStyle::Exponent, 6, false, false)),
            "0.000000e+00"
        );
        let f0_alt = spec(FloatStyle::Fixed, 0, true, false);
        assert_eq!(format_float(1e16, f0_alt), "10000000000000000.");
        assert_eq!(format_float(-0.0, f0_alt), "-0.");
        assert_eq!(
            format_float(2.675, spec(FloatStyle::Fixed, 2, false, false)),
            "2.67"
        );
        assert_eq!(
            format_float(0.125, spec(FloatStyle::Fixed, 2, false, false)),
            "0.12"
        );
        assert_eq!(
            format_float(1e22, spec(FloatStyle::Fixed, 0, false, false)),
            "10000000000000000000000"
        );
    }

    #[test]
    fn non_finite_spellings() {
        let upper = FloatFormat {
            upper: true,
            ..spec(FloatStyle::Fixed, 6, false, false)
        };
        assert_eq!(format_float(f64::INFINITY, upper), "INF");
        assert_eq!(format_float(f64::NEG_INFINITY, upper), "-INF");
        assert_eq!(format_float(-f64::NAN, upper), "NAN");
        assert_eq!(
            format_float(f64::NAN, spec(FloatStyle::General, 6, true, false)),
            "nan"
        );
    }

    #[test]
    fn round_float_is_correctly_rounded() {
        let cases: &[(f64, i64, f64)] = &[
            (2.675, 2, 2.67),
            (0.285, 2, 0.28),
            (1.005, 2, 1.0),
            (0.125, 2, 0.12),
            (0.375, 2, 0.38),
            (2.5, 0, 2.0),
            (125.0, -1, 120.0),
            (135.0, -1, 140.0),
            (125.4999, -1, 130.0),
            (-125.0, -1, -120.0),
            (1e300, -299, 1e300),
            (5e-324, 323, 0.0),
            (0.5, 400, 0.5),
            (123.456, -400, 0.0),
            (1234.5678, -2, 1200.0),
            (0.0000123456, 7, 1.23e-05),
            (9.5e307, -308, 1e308),
            (f64::INFINITY, 2, f64::INFINITY),
        ];
        for &(x, ndigits, expected) in cases {
            assert_eq!(
                round_float(x, ndigits),
                Ok(expected),
                "round({x:?}, {ndigits})"
            );
        }
        for (x, ndigits) in [(-0.4, 0), (-123.456, -400), (-0.0, 1)] {
            let rounded = round_float(x, ndigits).unwrap();
            assert!(
                rounded == 0.0 && rounded.is_sign_negative(),
                "round({x:?}, {ndigits})"
            );
        }
        assert_eq!(round_float(1.5e308, -308), Err(RoundOverflow));
        assert_eq!(round_float(f64::MAX, -307), Err(RoundOverflow));
        assert_eq!(
            RoundOverflow.to_string(),
            "rounded value too large to represent"
        );
    }
}
