//! Where a prelude class's `__init__` puts an exact instance's attributes. An instance the
//! fast paths accept holds just what `__init__` set (`RegisteredClass::instance_dict`), so
//! unless one was deleted and set again each attribute sits at the entry position given by
//! the order `__init__` set them in: it is read and written there without hashing, its key
//! recognised by identity with the first instance's key object (instances made by the same
//! `__init__` share their keys), else by its text.

use crate::vm::{ObjRef, Value};
use std::cell::OnceCell;

/// The attribute order of one class (see the module comment).
pub(crate) struct Layout {
    /// The attributes, in the order `__init__` sets them.
    names: &'static [&'static str],
    /// The key objects of the first namespace found in that order.
    keys: OnceCell<Box<[ObjRef]>>,
}

impl Layout {
    /// The layout of a class whose `__init__` sets `names` in this order.
    pub(crate) fn new(names: &'static [&'static str]) -> Layout {
        Layout {
            names,
            keys: OnceCell::new(),
        }
    }

    /// True when `key` is attribute `i`.
    #[inline]
    fn is_key(&self, i: usize, key: &Value) -> bool {
        let Value::Obj(k) = key else {
            return false;
        };
        match self.keys.get() {
            Some(keys) if keys.get(i).is_some_and(|c| ObjRef::ptr_eq(c, k)) => true,
            _ => key.as_str().is_some() && key.as_str() == self.names.get(i).copied(),
        }
    }

    /// Remembers the keys of `dict` when they are the attributes in order.
    #[cold]
    fn learn(&self, dict: &ObjRef) {
        let Some(table) = dict.as_dict() else {
            return;
        };
        let table = table.borrow();
        let mut keys = Vec::with_capacity(self.names.len());
        for (i, name) in self.names.iter().enumerate() {
            match table.entry_at(i).map(|e| &e.key) {
                Some(Value::Obj(k)) if Value::Obj(k.clone()).as_str() == Some(name) => {
                    keys.push(k.clone());
                }
                _ => return,
            }
        }
        let _ = self.keys.set(keys.into_boxed_slice());
    }

    /// Attribute `i` in `dict`, an exact instance's namespace; None when it is not at its
    /// position (the caller steps aside).
    #[inline]
    pub(crate) fn get(&self, dict: &ObjRef, i: usize) -> Option<Value> {
        if self.keys.get().is_none() {
            self.learn(dict);
        }
        let table = dict.as_dict()?.borrow();
        let e = table.entry_at(i)?;
        self.is_key(i, &e.key).then(|| e.value.clone())
    }

    /// Sets attribute `i` in `dict` where `get` finds it; false (nothing changed) when it
    /// is not there. The old value is dropped after the dict is released (its finalizer
    /// may reach the dict).
    pub(crate) fn set(&self, dict: &ObjRef, i: usize, value: Value) -> bool {
        let Some(table) = dict.as_dict() else {
            return false;
        };
        let old = {
            let mut table = table.borrow_mut();
            match table.entry_at(i) {
                Some(e) if self.is_key(i, &e.key) => table.replace_value_at(i, value),
                _ => return false,
            }
        };
        drop(old);
        true
    }
}
