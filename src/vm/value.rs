//! `Value`: the 16-byte handle every Python value is passed around as.

use super::obj_rc::{ObjRc, ObjWeak};
use super::object::{Obj, Payload};
use num_bigint::BigInt;

/// A shared pointer to a heap object (thin: `Obj` is sized), with 32-bit counts in one word
/// so that an object fits mimalloc's 80-byte size class (see `obj_rc`).
pub type ObjRef = ObjRc<Obj>;

/// A weak reference to a heap object.
pub type WeakObj = ObjWeak<Obj>;

/// A Python value: immediates inline, everything else one `ObjRef` pointer.
///
/// The tag is a whole word (`repr(u64)`), so every payload starts at byte 8: with a
/// one-byte tag, `Bool`'s byte sat at offset 1 and a copy of a non-heap value moved bytes
/// 1..8 as two overlapping 4-byte loads and stores through the stack, whose reload missed
/// store-to-load forwarding on every int or float copied out of a dict or the stack.
#[repr(u64)]
pub enum Value {
    /// `None`.
    None,
    /// `True` / `False`.
    Bool(bool),
    /// An `int` that fits in i64 (larger ones are `Payload::Int` objects).
    Int(i64),
    /// A `float`.
    Float(f64),
    /// Any heap object.
    Obj(ObjRef),
}

impl Clone for Value {
    /// A copy of the handle: one reference count increment for a heap object, a plain copy
    /// of the bits otherwise (the derived impl dispatched through a jump table on every
    /// variant, on one of the hottest paths of the interpreter).
    #[inline(always)]
    fn clone(&self) -> Value {
        match self {
            Value::Obj(o) => Value::Obj(ObjRef::clone(o)),
            // SAFETY: every other variant holds only `Copy` data (bool, i64, f64) and owns
            // nothing, so a bitwise copy is a valid, independent value with nothing to drop
            // twice.
            _ => unsafe { std::ptr::read(self) },
        }
    }
}

impl Value {
    /// True for `None`.
    pub fn is_none(&self) -> bool {
        matches!(self, Value::None)
    }

    /// The heap object, if this is not an immediate.
    pub fn as_obj(&self) -> Option<&ObjRef> {
        match self {
            Value::Obj(o) => Some(o),
            _ => None,
        }
    }

    /// The payload of a heap value.
    pub fn payload(&self) -> Option<&Payload> {
        self.as_obj().map(|o| &o.payload)
    }

    /// Python's `is`.
    #[inline]
    pub fn is(&self, other: &Value) -> bool {
        match (self, other) {
            (Value::None, Value::None) => true,
            (Value::Bool(a), Value::Bool(b)) => a == b,
            (Value::Int(a), Value::Int(b)) => a == b,
            (Value::Float(a), Value::Float(b)) => a.to_bits() == b.to_bits(),
            (Value::Obj(a), Value::Obj(b)) => ObjRef::ptr_eq(a, b),
            _ => false,
        }
    }

    /// A stable identity number (`id()`): the address for heap objects.
    pub fn id(&self) -> usize {
        match self {
            Value::None => 0x1000,
            Value::Bool(b) => 0x2000 + *b as usize,
            Value::Int(i) => (*i as usize).wrapping_mul(16).wrapping_add(0x3000),
            Value::Float(f) => f.to_bits() as usize,
            Value::Obj(o) => ObjRef::as_ptr(o) as usize,
        }
    }

    /// The text of a `str` (or str subclass) value.
    pub fn as_str(&self) -> Option<&str> {
        match self.payload() {
            Some(Payload::Str(s)) => Some(s.as_str()),
            _ => None,
        }
    }

    /// The value as i64 if it is an int (or bool) that fits.
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Value::Int(i) => Some(*i),
            Value::Bool(b) => Some(*b as i64),
            Value::Obj(o) => match &o.payload {
                Payload::Int(b) => i64::try_from(b).ok(),
                _ => None,
            },
            _ => None,
        }
    }

    /// The value as a BigInt if it is an int (or bool).
    pub fn as_bigint(&self) -> Option<BigInt> {
        match self {
            Value::Int(i) => Some(BigInt::from(*i)),
            Value::Bool(b) => Some(BigInt::from(*b as i64)),
            Value::Obj(o) => match &o.payload {
                Payload::Int(b) => Some(b.clone()),
                _ => None,
            },
            _ => None,
        }
    }

    /// The truth of a bool, int or float without a call (`bool(x)`), None for anything
    /// else: the conditional jumps' fast paths.
    #[inline(always)]
    pub fn number_truth(&self) -> Option<bool> {
        match *self {
            Value::Bool(b) => Some(b),
            Value::Int(i) => Some(i != 0),
            Value::Float(f) => Some(f != 0.0),
            _ => None,
        }
    }

    /// True if the value is an int (not bool) of any size, including int subclasses.
    pub fn is_int_like(&self) -> bool {
        matches!(self, Value::Int(_) | Value::Bool(_))
            || matches!(self.payload(), Some(Payload::Int(_)))
    }

    /// Builds a `str` value.
    pub fn str(s: &str) -> Value {
        Value::Obj(Obj::new(Payload::Str(super::object::PyStr::new(s))))
    }

    /// Builds a `str` value from an owned string.
    pub fn string(s: String) -> Value {
        Value::Obj(Obj::new(Payload::Str(super::object::PyStr::from_string(s))))
    }

    /// Builds an int value, demoting to i64 when it fits.
    pub fn bigint(b: BigInt) -> Value {
        match i64::try_from(&b) {
            Ok(i) => Value::Int(i),
            Err(_) => Value::Obj(Obj::new(Payload::Int(b))),
        }
    }

    /// Builds a tuple.
    pub fn tuple(items: Vec<Value>) -> Value {
        Value::Obj(Obj::new(Payload::Tuple(items.into_boxed_slice())))
    }

    /// Builds a list.
    pub fn list(items: Vec<Value>) -> Value {
        Value::Obj(Obj::new(Payload::List(std::cell::RefCell::new(items))))
    }

    /// Items of a tuple value (None if not a tuple).
    pub fn as_tuple(&self) -> Option<&[Value]> {
        match self.payload() {
            Some(Payload::Tuple(t)) => Some(t),
            _ => None,
        }
    }
}

impl From<i64> for Value {
    fn from(i: i64) -> Value {
        Value::Int(i)
    }
}
impl From<usize> for Value {
    fn from(i: usize) -> Value {
        Value::Int(i as i64)
    }
}
impl From<bool> for Value {
    fn from(b: bool) -> Value {
        Value::Bool(b)
    }
}
impl From<f64> for Value {
    fn from(f: f64) -> Value {
        Value::Float(f)
    }
}
impl From<ObjRef> for Value {
    fn from(o: ObjRef) -> Value {
        Value::Obj(o)
    }
}
impl From<&str> for Value {
    fn from(s: &str) -> Value {
        Value::str(s)
    }
}
impl From<String> for Value {
    fn from(s: String) -> Value {
        Value::string(s)
    }
}

impl std::fmt::Debug for Value {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Value::None => write!(f, "None"),
            Value::Bool(b) => write!(f, "{b}"),
            Value::Int(i) => write!(f, "{i}"),
            Value::Float(x) => write!(f, "{x}"),
            Value::Obj(o) => write!(f, "<obj {}>", o.payload.kind_name()),
        }
    }
}
