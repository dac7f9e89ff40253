//! `PackedValue`: a `Value` in one word, for long queues that hold mostly objects.
//!
//! A `Value` is 16 bytes (a tag and a word). asyncio's ready queue holds one entry per
//! runnable task: 100k of them in benches/tasks_spawn.py, 2 MB as Values. Packed, an entry
//! is 8 bytes, as CPython's deque holds one pointer per item; the queue's peak halves.

use super::value::{ObjRef, Value};
use std::marker::PhantomData;
use std::mem::ManuallyDrop;
use std::ops::Deref;

/// The low bits that say what a packed word holds.
const TAG_MASK: usize = 0b111;
/// Low bit 1: an integer of 63 bits, shifted left by one.
const INT_TAG: usize = 0b001;
/// A pointer to a boxed `f64`.
const FLOAT_TAG: usize = 0b010;
/// A pointer to a boxed `i64` that does not fit 63 bits.
const WIDE_INT_TAG: usize = 0b110;
/// None, False or True: the whole word tells which.
const CONST_TAG: usize = 0b100;
/// `None`.
const NONE_WORD: usize = 0b0_100;
/// `False`.
const FALSE_WORD: usize = 0b1_100;
/// `True`.
const TRUE_WORD: usize = 0b10_100;

// An object pointer's low three bits are 0 (tag 000): objects, and the boxes, are 8-aligned.
const _: () = assert!(std::mem::align_of::<super::object::Obj>() >= 8);
const _: () = assert!(std::mem::align_of::<f64>() == 8 && std::mem::align_of::<i64>() == 8);

/// A `Value` in one word, owning what the value owns (an object reference, or the box of a
/// float or of a wide integer).
pub struct PackedValue(usize);

impl PackedValue {
    /// Packs `v`.
    #[inline]
    pub fn new(v: Value) -> PackedValue {
        PackedValue(match v {
            Value::Obj(o) => ObjRef::into_raw(o) as usize,
            Value::Int(i) if (i << 1) >> 1 == i => ((i << 1) as usize) | INT_TAG,
            Value::Int(i) => Box::into_raw(Box::new(i)) as usize | WIDE_INT_TAG,
            Value::Float(f) => Box::into_raw(Box::new(f)) as usize | FLOAT_TAG,
            Value::None => NONE_WORD,
            Value::Bool(false) => FALSE_WORD,
            Value::Bool(true) => TRUE_WORD,
        })
    }

    /// The value, borrowed: a `Value` that shares this word's ownership and is never dropped.
    #[inline]
    pub fn view(&self) -> ValueRef<'_> {
        // SAFETY: the Value aliases what `self` owns; `ValueRef` never drops it and cannot
        // outlive `self`, so the object reference is released once, by `self`.
        ValueRef(ManuallyDrop::new(unsafe { self.alias() }), PhantomData)
    }

    /// Unpacks the value, ownership included.
    #[inline]
    pub fn into_value(self) -> Value {
        let word = ManuallyDrop::new(self);
        // SAFETY: `word` is never dropped, so what it owns is taken exactly once.
        unsafe { word.take() }
    }

    /// The value with what the word owns: the object reference moves into it, a box is
    /// read and freed.
    ///
    /// # Safety
    /// Called once per word, which must not be used afterwards.
    #[inline]
    unsafe fn take(&self) -> Value {
        // SAFETY: the boxes came from `Box::into_raw` in `new` and are freed only here; for
        // the rest, the caller's once-only promise makes the aliased reference the owner.
        unsafe {
            match self.0 & TAG_MASK {
                FLOAT_TAG => Value::Float(*Box::from_raw((self.0 & !TAG_MASK) as *mut f64)),
                WIDE_INT_TAG => Value::Int(*Box::from_raw((self.0 & !TAG_MASK) as *mut i64)),
                _ => self.alias(),
            }
        }
    }

    /// A `Value` read from the word without taking ownership: an object reference made from
    /// the stored pointer, a number copied out of its box.
    ///
    /// # Safety
    /// The caller must not drop an object reference it returns unless it has taken the
    /// word's ownership (and then must not drop the word).
    #[inline]
    unsafe fn alias(&self) -> Value {
        let w = self.0;
        match w & TAG_MASK {
            // SAFETY: tag 000 words come from `ObjRef::into_raw` (`new`).
            0 => Value::Obj(unsafe { ObjRef::from_raw(w as *const super::object::Obj) }),
            // SAFETY: the box lives as long as the word (freed by `drop`/`into_value`).
            FLOAT_TAG => Value::Float(unsafe { *((w & !TAG_MASK) as *const f64) }),
            // SAFETY: as for the float box.
            WIDE_INT_TAG => Value::Int(unsafe { *((w & !TAG_MASK) as *const i64) }),
            CONST_TAG => match w {
                NONE_WORD => Value::None,
                FALSE_WORD => Value::Bool(false),
                _ => Value::Bool(true),
            },
            _ => Value::Int((w as i64) >> 1),
        }
    }
}

impl Drop for PackedValue {
    #[inline]
    fn drop(&mut self) {
        // SAFETY: a word is dropped once and not used after.
        drop(unsafe { self.take() });
    }
}

impl Clone for PackedValue {
    fn clone(&self) -> PackedValue {
        PackedValue::new(Value::clone(&self.view()))
    }
}

/// A packed value seen as a `Value`, for as long as the packed word is borrowed.
pub struct ValueRef<'a>(ManuallyDrop<Value>, PhantomData<&'a PackedValue>);

impl Deref for ValueRef<'_> {
    type Target = Value;
    #[inline]
    fn deref(&self) -> &Value {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vm::object::{Obj, Payload};

    /// Every kind of value comes back as it went in, by view, clone and unpacking.
    #[test]
    fn values_round_trip() {
        let values = [
            Value::None,
            Value::Bool(false),
            Value::Bool(true),
            Value::Int(0),
            Value::Int(-1),
            Value::Int((1 << 62) - 1),
            Value::Int(-(1 << 62)),
            Value::Int(1 << 62),
            Value::Int(i64::MIN),
            Value::Int(i64::MAX),
            Value::Float(-0.0),
            Value::Float(f64::NAN),
            Value::Float(1.5),
        ];
        for v in values {
            let p = PackedValue::new(v.clone());
            assert!(p.view().is(&v), "{v:?}");
            assert!(p.clone().into_value().is(&v), "{v:?}");
            assert!(p.into_value().is(&v), "{v:?}");
        }
        assert_eq!(std::mem::size_of::<PackedValue>(), 8);
    }

    /// An object reference is held exactly once: views and drops leave the count right.
    #[test]
    fn objects_are_owned_once() {
        let o = Obj::new(Payload::Float(2.5));
        let p = PackedValue::new(Value::Obj(o.clone()));
        assert_eq!(ObjRef::strong_count(&o), 2);
        {
            let view = p.view();
            assert!(matches!(&*view, Value::Obj(x) if ObjRef::ptr_eq(x, &o)));
        }
        let q = p.clone();
        assert_eq!(ObjRef::strong_count(&o), 3);
        drop(p);
        assert_eq!(ObjRef::strong_count(&o), 2);
        let v = q.into_value();
        assert_eq!(ObjRef::strong_count(&o), 2);
        drop(v);
        assert_eq!(ObjRef::strong_count(&o), 1);
    }
}
