//! Insertion-ordered hash tables for `dict` and `set`, with keys hashed and compared through
//! the VM (user `__hash__`/`__eq__` may re-enter it, so no borrow is held across a compare).
//!
//! The layout mirrors CPython's compact dict (dictobject.c): a dense `entries` vector in
//! insertion order plus a sparse `indices` table probed with CPython's perturbation scheme.

use super::value::{ObjRef, Value};
use super::{PyResult, Vm};
use std::cell::RefCell;

/// One stored key/value pair with its hash.
#[derive(Clone)]
pub struct Entry {
    /// The key's hash.
    pub hash: i64,
    /// The key.
    pub key: Value,
    /// The value (None for sets).
    pub value: Value,
}

const EMPTY: i32 = -1;
const DUMMY: i32 = -2;

/// The table behind a dict or set.
#[derive(Clone, Default)]
pub struct DictTable {
    /// Entries in insertion order; deleted ones are `None`.
    entries: Vec<Option<Entry>>,
    /// Sparse index table (power-of-two size): entry index, `EMPTY` or `DUMMY`.
    indices: Vec<i32>,
    /// Number of live entries.
    used: usize,
    /// Bumped on every mutation, to detect mutation during a re-entrant compare.
    pub version: u64,
}

/// Decides equality without the VM when possible: `Some(answer)` or `None` = ask the VM.
fn fast_eq(a: &Value, b: &Value) -> Option<bool> {
    use super::object::Payload;
    if a.is(b) {
        return Some(true);
    }
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => Some(x == y),
        (Value::Int(x), Value::Bool(y)) | (Value::Bool(y), Value::Int(x)) => Some(*x == *y as i64),
        (Value::Bool(x), Value::Bool(y)) => Some(x == y),
        (Value::Float(x), Value::Float(y)) => Some(x == y),
        (Value::Int(x), Value::Float(y)) | (Value::Float(y), Value::Int(x)) => {
            Some(*x as f64 == *y && (*y as i64) == *x)
        }
        (Value::None, _) | (_, Value::None) => Some(false),
        (Value::Obj(x), Value::Obj(y)) => match (&x.payload, &y.payload) {
            (Payload::Str(s), Payload::Str(t)) if x.class.is_none() && y.class.is_none() => {
                Some(s.text == t.text)
            }
            _ => None,
        },
        (Value::Obj(o), _) | (_, Value::Obj(o)) => match &o.payload {
            Payload::Str(_) if o.class.is_none() => Some(false),
            _ => None,
        },
        _ => Some(false),
    }
}

impl DictTable {
    /// An empty table.
    pub fn new() -> DictTable {
        DictTable::default()
    }

    /// Number of live entries.
    pub fn len(&self) -> usize {
        self.used
    }

    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.used == 0
    }

    /// Live entries in insertion order.
    pub fn iter(&self) -> impl Iterator<Item = &Entry> {
        self.entries.iter().flatten()
    }

    /// The live entry at or after dense position `pos`, with its position (for iterators).
    pub fn entry_from(&self, pos: usize) -> Option<(usize, &Entry)> {
        self.entries
            .iter()
            .enumerate()
            .skip(pos)
            .find_map(|(i, e)| e.as_ref().map(|e| (i, e)))
    }

    /// Removes everything.
    pub fn clear(&mut self) {
        *self = DictTable {
            version: self.version + 1,
            ..DictTable::default()
        };
    }

    /// Calls `visit` on every key and value.
    pub fn trace(&self, visit: &mut dyn FnMut(&Value)) {
        for e in self.iter() {
            visit(&e.key);
            visit(&e.value);
        }
    }

    /// Probe sequence of CPython's dict lookup: yields slots until the caller stops.
    fn probe(&self, hash: i64, mut f: impl FnMut(usize, i32) -> bool) {
        let mask = self.indices.len() - 1;
        let mut perturb = hash as u64;
        let mut i = (hash as u64 as usize) & mask;
        loop {
            if !f(i, self.indices[i]) {
                return;
            }
            perturb >>= 5;
            i = (i
                .wrapping_mul(5)
                .wrapping_add(perturb as usize)
                .wrapping_add(1))
                & mask;
        }
    }

    /// Finds the entry index of a key by fast equality; candidates needing the VM are
    /// appended to `slow`.
    fn find_fast(&self, hash: i64, key: &Value, slow: &mut Vec<(usize, Value)>) -> Option<usize> {
        if self.indices.is_empty() {
            return None;
        }
        let mut found = None;
        self.probe(hash, |_, ix| {
            if ix == EMPTY {
                return false;
            }
            if ix >= 0 {
                let e = self.entries[ix as usize]
                    .as_ref()
                    .expect("index points at a live entry");
                if e.hash == hash {
                    match fast_eq(&e.key, key) {
                        Some(true) => {
                            found = Some(ix as usize);
                            return false;
                        }
                        Some(false) => {}
                        None => slow.push((ix as usize, e.key.clone())),
                    }
                }
            }
            true
        });
        found
    }

    /// Looks a str key up without the VM (str keys only compare equal to strs).
    pub fn get_str(&self, key: &str, hash: i64) -> Option<&Entry> {
        if self.indices.is_empty() {
            return None;
        }
        let mut found = None;
        self.probe(hash, |_, ix| {
            if ix == EMPTY {
                return false;
            }
            if ix >= 0 {
                let e = self.entries[ix as usize].as_ref().expect("live entry");
                if e.hash == hash && e.key.as_str() == Some(key) {
                    found = Some(ix as usize);
                    return false;
                }
            }
            true
        });
        found.and_then(|i| self.entries[i].as_ref())
    }

    fn resize(&mut self) {
        let live: Vec<Entry> = self.entries.drain(..).flatten().collect();
        let mut size = 8;
        while size * 2 < (live.len() + 1) * 3 {
            size *= 2;
        }
        self.indices = vec![EMPTY; size * 2];
        self.entries = Vec::with_capacity(live.len());
        for e in live {
            self.insert_new_unchecked(e);
        }
    }

    /// Appends an entry known to be absent.
    fn insert_new_unchecked(&mut self, e: Entry) {
        if self.indices.is_empty() || (self.entries.len() + 1) * 3 >= self.indices.len() * 2 {
            self.resize();
        }
        let ix = self.entries.len() as i32;
        let mut target = 0;
        self.probe(e.hash, |slot, cur| {
            if cur < 0 {
                target = slot;
                return false;
            }
            true
        });
        self.indices[target] = ix;
        self.entries.push(Some(e));
        self.used += 1;
        self.version += 1;
    }

    /// Removes the entry at dense index `ix`.
    fn remove_at(&mut self, ix: usize) -> Entry {
        let e = self.entries[ix].take().expect("removing a live entry");
        let mut target = None;
        self.probe(e.hash, |slot, cur| {
            if cur == ix as i32 {
                target = Some(slot);
                return false;
            }
            cur != EMPTY
        });
        if let Some(slot) = target {
            self.indices[slot] = DUMMY;
        }
        self.used -= 1;
        self.version += 1;
        e
    }

    /// Removes and returns the last entry (`dict.popitem`).
    pub fn pop_last(&mut self) -> Option<Entry> {
        let ix = self.entries.iter().rposition(|e| e.is_some())?;
        Some(self.remove_at(ix))
    }

    /// Removes and returns the first entry (`set.pop`).
    pub fn pop_first(&mut self) -> Option<Entry> {
        let ix = self.entries.iter().position(|e| e.is_some())?;
        Some(self.remove_at(ix))
    }

    /// Inserts or replaces a str key (no VM needed).
    pub fn set_str(&mut self, key: &str, hash: i64, keyval: Value, value: Value) {
        let mut slow = Vec::new();
        match self.find_fast(hash, &keyval, &mut slow) {
            Some(ix) => {
                if let Some(e) = self.entries[ix].as_mut() {
                    e.value = value;
                }
            }
            None => {
                let _ = key;
                self.insert_new_unchecked(Entry {
                    hash,
                    key: keyval,
                    value,
                })
            }
        }
    }

    /// Removes a str key (no VM needed).
    pub fn remove_str(&mut self, key: &str, hash: i64) -> Option<Entry> {
        let mut slow = Vec::new();
        let probe_key = Value::str(key);
        let ix = self.find_fast(hash, &probe_key, &mut slow)?;
        Some(self.remove_at(ix))
    }
}

impl Vm {
    /// Finds the dense index of `key` in a table, calling `__eq__` through the VM if needed.
    fn table_find(
        &mut self,
        table: &RefCell<DictTable>,
        key: &Value,
        hash: i64,
    ) -> PyResult<Option<usize>> {
        'restart: loop {
            let mut slow = Vec::new();
            let version = {
                let t = table.borrow();
                if let Some(ix) = t.find_fast(hash, key, &mut slow) {
                    return Ok(Some(ix));
                }
                t.version
            };
            for (ix, candidate) in slow {
                let equal = self.eq(&candidate, key)?;
                if table.borrow().version != version {
                    continue 'restart;
                }
                if equal {
                    return Ok(Some(ix));
                }
            }
            return Ok(None);
        }
    }

    /// `table[key]`, or None when absent.
    pub fn table_get(
        &mut self,
        table: &RefCell<DictTable>,
        key: &Value,
    ) -> PyResult<Option<Value>> {
        let hash = self.hash(key)?;
        Ok(self
            .table_find(table, key, hash)?
            .and_then(|ix| table.borrow().entries[ix].as_ref().map(|e| e.value.clone())))
    }

    /// `table[key] = value`.
    pub fn table_set(
        &mut self,
        table: &RefCell<DictTable>,
        key: Value,
        value: Value,
    ) -> PyResult<()> {
        let hash = self.hash(&key)?;
        match self.table_find(table, &key, hash)? {
            Some(ix) => {
                if let Some(e) = table.borrow_mut().entries[ix].as_mut() {
                    e.value = value;
                }
            }
            None => table
                .borrow_mut()
                .insert_new_unchecked(Entry { hash, key, value }),
        }
        Ok(())
    }

    /// Removes `key`, returning its entry if it was present.
    pub fn table_remove(
        &mut self,
        table: &RefCell<DictTable>,
        key: &Value,
    ) -> PyResult<Option<Entry>> {
        let hash = self.hash(key)?;
        Ok(self
            .table_find(table, key, hash)?
            .map(|ix| table.borrow_mut().remove_at(ix)))
    }

    /// True if `key` is present.
    pub fn table_contains(&mut self, table: &RefCell<DictTable>, key: &Value) -> PyResult<bool> {
        let hash = self.hash(key)?;
        Ok(self.table_find(table, key, hash)?.is_some())
    }

    /// `d[key]` for a dict object (None when absent; no `__missing__`).
    pub fn dict_get(&mut self, dict: &ObjRef, key: &Value) -> PyResult<Option<Value>> {
        let table = dict.as_dict().expect("dict_get on a dict");
        self.table_get(table, key)
    }

    /// `d[key] = value` for a dict object.
    pub fn dict_set(&mut self, dict: &ObjRef, key: Value, value: Value) -> PyResult<()> {
        let table = dict.as_dict().expect("dict_set on a dict");
        self.table_set(table, key, value)
    }

    /// `del d[key]`; returns the removed value or None when absent.
    pub fn dict_remove(&mut self, dict: &ObjRef, key: &Value) -> PyResult<Option<Value>> {
        let table = dict.as_dict().expect("dict_remove on a dict");
        Ok(self.table_remove(table, key)?.map(|e| e.value))
    }

    /// `d[name]` for a str key, without the VM.
    pub fn dict_get_str(&self, dict: &ObjRef, name: &str) -> Option<Value> {
        let table = dict.as_dict()?;
        let hash = super::hashing::hash_str(name);
        table.borrow().get_str(name, hash).map(|e| e.value.clone())
    }

    /// `d[name] = value` for a str key, without the VM.
    pub fn dict_set_str(&self, dict: &ObjRef, name: &str, value: Value) {
        if let Some(table) = dict.as_dict() {
            let hash = super::hashing::hash_str(name);
            table
                .borrow_mut()
                .set_str(name, hash, Value::str(name), value);
        }
    }

    /// Removes a str key, returning its value.
    pub fn dict_remove_str(&self, dict: &ObjRef, name: &str) -> Option<Value> {
        let table = dict.as_dict()?;
        let hash = super::hashing::hash_str(name);
        table.borrow_mut().remove_str(name, hash).map(|e| e.value)
    }

    /// A snapshot of a dict's (key, value) pairs in order.
    pub fn dict_items(&self, dict: &ObjRef) -> Vec<(Value, Value)> {
        match &dict.payload {
            super::object::Payload::Dict(t)
            | super::object::Payload::Set(t)
            | super::object::Payload::FrozenSet(t) => t
                .borrow()
                .iter()
                .map(|e| (e.key.clone(), e.value.clone()))
                .collect(),
            _ => Vec::new(),
        }
    }
}
