//! int and float arithmetic (i64 fast path, BigInt on overflow) and CPython's float repr.

use super::value::Value;
use super::{PyResult, Vm};
use crate::ast::Operator;
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{Signed, ToPrimitive, Zero};

/// A number unwrapped from a value: int (small or big) or float.
pub enum Num {
    /// An int that fits in i64 (bools included).
    Small(i64),
    /// A big int.
    Big(BigInt),
    /// A float.
    Float(f64),
}

impl Num {
    /// Unwraps int, bool, float and their subclasses.
    pub fn of(v: &Value) -> Option<Num> {
        use super::object::Payload;
        match v {
            Value::Int(i) => Some(Num::Small(*i)),
            Value::Bool(b) => Some(Num::Small(*b as i64)),
            Value::Float(f) => Some(Num::Float(*f)),
            Value::Obj(o) => match &o.payload {
                Payload::Int(b) => match b.to_i64() {
                    Some(i) => Some(Num::Small(i)),
                    None => Some(Num::Big(b.clone())),
                },
                Payload::Float(f) => Some(Num::Float(*f)),
                _ => None,
            },
            Value::None => None,
        }
    }

    fn big(&self) -> BigInt {
        match self {
            Num::Small(i) => BigInt::from(*i),
            Num::Big(b) => b.clone(),
            Num::Float(_) => BigInt::zero(),
        }
    }

    /// The value as f64 (ints may overflow to an OverflowError at the caller).
    pub fn to_f64(&self) -> Option<f64> {
        match self {
            Num::Small(i) => Some(*i as f64),
            Num::Big(b) => b.to_f64().filter(|f| f.is_finite()),
            Num::Float(f) => Some(*f),
        }
    }
}

/// Python's floor modulo for floats.
pub fn float_mod(a: f64, b: f64) -> f64 {
    let m = a % b;
    if m != 0.0 && ((m < 0.0) != (b < 0.0)) {
        m + b
    } else if m == 0.0 {
        0.0f64.copysign(b)
    } else {
        m
    }
}

/// Python's floor division for floats (mirrors float_divmod).
pub fn float_floordiv(a: f64, b: f64) -> f64 {
    let m = a % b;
    let mut div = (a - m) / b;
    if m != 0.0 && ((b < 0.0) != (m < 0.0)) {
        div -= 1.0;
    }
    if div != 0.0 {
        let f = div.floor();
        if div - f > 0.5 { f + 1.0 } else { f }
    } else {
        0.0f64.copysign(a / b)
    }
}

/// CPython's `repr(float)` (the algorithm lives in `builtins::float_repr`).
pub fn float_repr(x: f64) -> String {
    crate::builtins::float_repr::float_repr(x)
}

impl Vm {
    /// Arithmetic on two numbers; Ok(None) when the operands are not both numbers.
    pub fn number_binop(&mut self, a: &Value, b: &Value, op: Operator) -> PyResult<Option<Value>> {
        let (Some(x), Some(y)) = (Num::of(a), Num::of(b)) else {
            return Ok(None);
        };
        match (&x, &y) {
            (Num::Float(_), _) | (_, Num::Float(_)) => {
                if matches!(
                    op,
                    Operator::LShift
                        | Operator::RShift
                        | Operator::BitAnd
                        | Operator::BitOr
                        | Operator::BitXor
                        | Operator::MatMult
                ) {
                    return Ok(None);
                }
                let (Some(p), Some(q)) = (x.to_f64(), y.to_f64()) else {
                    return Err(self.new_overflow_error("int too large to convert to float"));
                };
                self.float_binop(p, q, op).map(Some)
            }
            (Num::Small(p), Num::Small(q)) => self.small_int_binop(*p, *q, op),
            _ => self.big_int_binop(x.big(), y.big(), op),
        }
    }

    fn float_binop(&mut self, a: f64, b: f64, op: Operator) -> PyResult<Value> {
        Ok(Value::Float(match op {
            Operator::Add => a + b,
            Operator::Sub => a - b,
            Operator::Mult => a * b,
            Operator::Div => {
                if b == 0.0 {
                    return Err(self.new_zero_division_error("float division by zero"));
                }
                a / b
            }
            Operator::FloorDiv => {
                if b == 0.0 {
                    return Err(self.new_zero_division_error("float floor division by zero"));
                }
                float_floordiv(a, b)
            }
            Operator::Mod => {
                if b == 0.0 {
                    return Err(self.new_zero_division_error("float modulo"));
                }
                float_mod(a, b)
            }
            Operator::Pow => {
                if a == 0.0 && b < 0.0 {
                    return Err(
                        self.new_zero_division_error("0.0 cannot be raised to a negative power")
                    );
                }
                if a < 0.0 && b.fract() != 0.0 {
                    return Err(self.new_value_error("complex numbers are not supported"));
                }
                let r = a.powf(b);
                if r.is_infinite() && a.is_finite() && b.is_finite() {
                    return Err(self.new_overflow_error("(34, 'Numerical result out of range')"));
                }
                r
            }
            _ => unreachable!("bitwise operators are rejected before float_binop"),
        }))
    }

    fn small_int_binop(&mut self, a: i64, b: i64, op: Operator) -> PyResult<Option<Value>> {
        let r = match op {
            Operator::Add => a.checked_add(b),
            Operator::Sub => a.checked_sub(b),
            Operator::Mult => a.checked_mul(b),
            Operator::Div => {
                if b == 0 {
                    return Err(self.new_zero_division_error("division by zero"));
                }
                let q = int_true_div(&BigInt::from(a), &BigInt::from(b));
                return Ok(Some(Value::Float(q.unwrap_or_else(|| {
                    unreachable!("an i64 quotient fits in a float")
                }))));
            }
            Operator::FloorDiv => {
                if b == 0 {
                    return Err(self.new_zero_division_error("integer division or modulo by zero"));
                }
                a.checked_div_euclid(b)
                    .map(|_| num_integer::Integer::div_floor(&a, &b))
            }
            Operator::Mod => {
                if b == 0 {
                    return Err(self.new_zero_division_error("integer modulo by zero"));
                }
                a.checked_rem(b)
                    .map(|_| num_integer::Integer::mod_floor(&a, &b))
            }
            Operator::Pow => {
                if b < 0 {
                    if a == 0 {
                        return Err(self
                            .new_zero_division_error("0.0 cannot be raised to a negative power"));
                    }
                    return Ok(Some(Value::Float((a as f64).powf(b as f64))));
                }
                match u32::try_from(b) {
                    Ok(e) => a.checked_pow(e),
                    Err(_) => None,
                }
            }
            Operator::LShift => {
                if b < 0 {
                    return Err(self.new_value_error("negative shift count"));
                }
                if b < 63 && (a.abs() < (1i64 << (62 - b))) {
                    Some(a << b)
                } else {
                    None
                }
            }
            Operator::RShift => {
                if b < 0 {
                    return Err(self.new_value_error("negative shift count"));
                }
                Some(if b >= 64 {
                    if a < 0 { -1 } else { 0 }
                } else {
                    a >> b
                })
            }
            Operator::BitAnd => Some(a & b),
            Operator::BitOr => Some(a | b),
            Operator::BitXor => Some(a ^ b),
            Operator::MatMult => return Ok(None),
        };
        match r {
            Some(v) => Ok(Some(Value::Int(v))),
            None => self.big_int_binop(BigInt::from(a), BigInt::from(b), op),
        }
    }

    fn big_int_binop(&mut self, a: BigInt, b: BigInt, op: Operator) -> PyResult<Option<Value>> {
        let r = match op {
            Operator::Add => a + b,
            Operator::Sub => a - b,
            Operator::Mult => a * b,
            Operator::Div => {
                if b.is_zero() {
                    return Err(self.new_zero_division_error("division by zero"));
                }
                return match int_true_div(&a, &b) {
                    Some(q) => Ok(Some(Value::Float(q))),
                    None => Err(self.new_exception_msg(
                        &self.exc.overflow_error.clone(),
                        "integer division result too large for a float",
                    )),
                };
            }
            Operator::FloorDiv => {
                if b.is_zero() {
                    return Err(self.new_zero_division_error("integer division or modulo by zero"));
                }
                a.div_floor(&b)
            }
            Operator::Mod => {
                if b.is_zero() {
                    return Err(self.new_zero_division_error("integer modulo by zero"));
                }
                a.mod_floor(&b)
            }
            Operator::Pow => {
                if b.is_negative() {
                    let (Some(x), Some(y)) = (a.to_f64(), b.to_f64()) else {
                        return Err(self.new_overflow_error("int too large to convert to float"));
                    };
                    if x == 0.0 {
                        return Err(self
                            .new_zero_division_error("0.0 cannot be raised to a negative power"));
                    }
                    return Ok(Some(Value::Float(x.powf(y))));
                }
                let Some(e) = b.to_u32() else {
                    return Err(self.new_overflow_error("exponent too large"));
                };
                num_traits::pow(a, e as usize)
            }
            Operator::LShift => {
                if b.is_negative() {
                    return Err(self.new_value_error("negative shift count"));
                }
                let Some(s) = b.to_usize() else {
                    return Err(self.new_overflow_error("too many digits in integer"));
                };
                a << s
            }
            Operator::RShift => {
                if b.is_negative() {
                    return Err(self.new_value_error("negative shift count"));
                }
                let s = b.to_usize().unwrap_or(usize::MAX / 2);
                a >> s
            }
            Operator::BitAnd => a & b,
            Operator::BitOr => a | b,
            Operator::BitXor => a ^ b,
            Operator::MatMult => return Ok(None),
        };
        Ok(Some(Value::bigint(r)))
    }
}

/// `mantissa * 2**exponent` for an integer mantissa below 2**53 that makes the product exact.
fn scale_exact(mantissa: u64, exponent: i64) -> f64 {
    let power = |e: i64| f64::from_bits(((e + 1023) as u64) << 52);
    if exponent >= -1022 {
        (mantissa as f64) * power(exponent)
    } else {
        (mantissa as f64) * power(-1022) * power(exponent + 1022)
    }
}

/// Mirrors longobject.c `long_true_divide`: `a / b` (b non-zero) correctly rounded, half to
/// even, for operands of any size and subnormal results, with the sign of a zero quotient
/// kept. None: the quotient is too large for a float.
fn int_true_div(a: &BigInt, b: &BigInt) -> Option<f64> {
    use num_traits::{Signed, Zero};
    let negative = a.is_negative() != b.is_negative();
    let signed = |x: f64| if negative { -x } else { x };
    const EXACT: u64 = 1 << 53;
    // Both exactly representable: one IEEE division is correctly rounded.
    if let (Some(x), Some(y)) = (a.to_i64(), b.to_i64())
        && x.unsigned_abs() <= EXACT
        && y.unsigned_abs() <= EXACT
    {
        return Some(x as f64 / y as f64);
    }
    if a.is_zero() {
        return Some(signed(0.0));
    }
    // A 55- or 56-bit quotient (a sticky bit records a non-zero remainder), then rounded
    // once to the 53 bits (or fewer, for a subnormal) the result has.
    let (n, d) = (a.magnitude(), b.magnitude());
    let shift = n.bits() as i64 - d.bits() as i64 - 55;
    let (quotient, remainder) = if shift >= 0 {
        n.div_rem(&(d << shift as u64))
    } else {
        (n << (-shift) as u64).div_rem(d)
    };
    let mut q = quotient.to_u64()?;
    if !remainder.is_zero() {
        q |= 1;
    }
    let top_exponent = 63 - q.leading_zeros() as i64 + shift;
    if top_exponent > 1023 {
        return None;
    }
    let ulp_exponent = (top_exponent - 52).max(-1074);
    let extra = (ulp_exponent - shift) as u32;
    if extra > 60 {
        // Below half the smallest subnormal: the quotient rounds to zero.
        return Some(signed(0.0));
    }
    let half = 1u64 << (extra - 1);
    let low = q & ((1u64 << extra) - 1);
    let mut mantissa = q >> extra;
    if low > half || (low == half && mantissa & 1 == 1) {
        mantissa += 1;
    }
    if mantissa == EXACT && ulp_exponent + 53 > 1023 {
        return None;
    }
    Some(signed(scale_exact(mantissa, ulp_exponent)))
}

#[cfg(test)]
mod tests {
    use super::float_repr;

    #[test]
    fn float_repr_matches_cpython() {
        assert_eq!(float_repr(1e16), "1e+16");
        assert_eq!(float_repr(0.1), "0.1");
        assert_eq!(float_repr(1.0), "1.0");
        assert_eq!(float_repr(1e-5), "1e-05");
        assert_eq!(float_repr(123456789012345678.0), "1.2345678901234568e+17");
        assert_eq!(float_repr(0.30000000000000004), "0.30000000000000004");
        assert_eq!(float_repr(1e15), "1000000000000000.0");
        assert_eq!(float_repr(0.0001), "0.0001");
        assert_eq!(float_repr(-2.5), "-2.5");
    }
}
