//! `Slot`: a value field of a native future or task in a `Cell` (16 bytes for a `Value`,
//! where a `RefCell<Value>` takes 24), so that a suspended task is smaller.

use crate::vm::{ObjRef, Value};
use std::cell::Cell;

/// What a `Slot` can hold: a clonable value with a cheap stand-in used while it is cloned.
pub trait SlotValue: Clone {
    /// The stand-in left in the slot for the instant its value is being cloned; it must own
    /// nothing (it is forgotten, not dropped, when the value is put back).
    fn placeholder() -> Self;
}

impl SlotValue for Value {
    fn placeholder() -> Self {
        Value::None
    }
}

impl SlotValue for Option<ObjRef> {
    fn placeholder() -> Self {
        None
    }
}

/// A field read by cloning and written by replacing, never borrowed (nothing can observe the
/// slot half-updated, and it needs no borrow flag).
pub struct Slot<T>(Cell<T>);

impl<T: SlotValue> Slot<T> {
    /// A slot holding `v`.
    pub fn new(v: T) -> Slot<T> {
        Slot(Cell::new(v))
    }

    /// A clone of the value.
    #[inline]
    pub fn get(&self) -> T {
        let v = self.0.replace(T::placeholder());
        let copy = v.clone();
        self.put_back(v);
        copy
    }

    /// Puts `v` back in place of the placeholder `take` left, which owns nothing: it is
    /// forgotten rather than dropped (no call of the type's drop glue on the hot path).
    #[inline(always)]
    pub fn put_back(&self, v: T) {
        std::mem::forget(self.0.replace(v));
    }

    /// Stores `v`, dropping the old value.
    #[inline]
    pub fn set(&self, v: T) {
        self.0.set(v);
    }

    /// Stores `v` and returns the old value.
    #[inline]
    pub fn replace(&self, v: T) -> T {
        self.0.replace(v)
    }

    /// Takes the value out, leaving the placeholder.
    #[inline]
    pub fn take(&self) -> T {
        self.0.replace(T::placeholder())
    }

    /// Runs `f` on the value in place (`f` must not reach this slot).
    #[inline]
    pub fn with<R>(&self, f: impl FnOnce(&T) -> R) -> R {
        let v = self.0.replace(T::placeholder());
        let r = f(&v);
        self.put_back(v);
        r
    }

    /// The value, through exclusive access.
    pub fn get_mut(&mut self) -> &mut T {
        self.0.get_mut()
    }
}

#[cfg(test)]
mod tests {
    use super::super::future::FutureObj;
    use super::super::task::TaskFields;

    /// A task is an object holding its `FutureObj`, and its boxed `TaskFields`: with the
    /// value fields in slots, the one callback compact and the rare fields boxed apart, each
    /// native part is small: the future's 48 bytes fit an object of mimalloc's 96-byte class,
    /// the task's 40 are that class of 40.
    #[test]
    fn a_task_state_stays_small() {
        assert!(
            std::mem::size_of::<FutureObj>() <= 48,
            "{}",
            std::mem::size_of::<FutureObj>()
        );
        assert!(
            std::mem::size_of::<TaskFields>() <= 40,
            "{}",
            std::mem::size_of::<TaskFields>()
        );
    }
}
