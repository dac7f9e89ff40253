//! The type attribute cache: what `Vm::lookup_in_mro` found for a (class, name) pair.
//!
//! Mirrors the method cache behind typeobject.c `_PyType_Lookup` (a direct-mapped table keyed
//! by class and name), but an entry is validated by the versions of the class dicts instead
//! of a type version tag: every `DictTable` mutation bumps its dict's version and versions
//! never go back, so the sum of the versions over a class's MRO changes exactly when some
//! dict on the MRO changed since the entry was made. That covers every way a class namespace
//! can change — `C.x = v`, `del C.x`, `setattr`, native code writing a class dict, or a write
//! through `C.__dict__` — without any of them having to invalidate the cache. The MRO itself
//! never changes after class creation (`__bases__` is read-only here), and an entry holds its
//! class alive, so a class's address cannot be reused by another class while cached.

use super::object::Obj;
use super::value::{ObjRef, Value};
use std::cell::RefCell;
use std::rc::Rc;

/// The attribute caches a VM keeps.
#[derive(Default)]
pub struct AttrCache {
    /// What `lookup_in_mro` found per (class, name).
    pub mro: MroCache,
    /// Shared key objects for attribute names.
    pub names: NameKeys,
}

/// Number of entries (a power of two); CPython's method cache has 4096.
const SLOTS: usize = 1024;

/// One cached look-up.
struct Entry {
    /// The class looked in (held so its address stays unique while the entry lives).
    cls: ObjRef,
    /// The attribute name's hash.
    hash: i64,
    /// The attribute name.
    name: Box<str>,
    /// The sum of the dict versions over the class's MRO when the entry was made.
    versions: u64,
    /// What the MRO held under the name (None: no class on the MRO defines it).
    value: Option<Value>,
}

/// A direct-mapped cache of MRO look-ups.
pub struct MroCache {
    /// The entries, indexed by `slot_of`.
    slots: RefCell<Box<[Option<Entry>]>>,
}

impl Default for MroCache {
    fn default() -> Self {
        MroCache::new()
    }
}

impl MroCache {
    /// An empty cache.
    pub fn new() -> MroCache {
        MroCache {
            slots: RefCell::new((0..SLOTS).map(|_| None).collect()),
        }
    }

    /// The cached result for `name` on `cls`, when still valid: `Some(found)` where `found`
    /// is what `lookup_in_mro` would return.
    pub fn get(&self, cls: &ObjRef, name: &str, hash: i64, versions: u64) -> Option<Option<Value>> {
        let slots = self.slots.borrow();
        let e = slots[slot_of(cls, hash)].as_ref()?;
        (Rc::ptr_eq(&e.cls, cls)
            && e.hash == hash
            && e.versions == versions
            && e.name.as_bytes() == name.as_bytes())
        .then(|| e.value.clone())
    }

    /// Records what the MRO of `cls` holds under `name` at dict versions `versions`.
    pub fn put(&self, cls: &ObjRef, name: &str, hash: i64, versions: u64, value: Option<Value>) {
        let mut slots = self.slots.borrow_mut();
        let slot = &mut slots[slot_of(cls, hash)];
        match slot {
            // Reuse the name allocation when the slot already caches this pair.
            Some(e) if Rc::ptr_eq(&e.cls, cls) && e.hash == hash && &*e.name == name => {
                e.versions = versions;
                e.value = value;
            }
            _ => {
                *slot = Some(Entry {
                    cls: cls.clone(),
                    hash,
                    name: Box::from(name),
                    versions,
                    value,
                })
            }
        }
    }

    /// Calls `visit` on every value the cache keeps alive (for the cycle collector).
    pub fn trace(&self, visit: &mut dyn FnMut(&Value)) {
        for e in self.slots.borrow().iter().flatten() {
            visit(&Value::Obj(e.cls.clone()));
            if let Some(v) = &e.value {
                visit(v);
            }
        }
    }
}

/// The slot for a (class, name hash) pair.
fn slot_of(cls: &ObjRef, hash: i64) -> usize {
    let addr = Rc::as_ptr(cls) as usize >> 4;
    (addr ^ (hash as usize) ^ (hash as usize >> 17)) & (SLOTS - 1)
}

/// The version of one class's own dict (0 when it has none).
fn dict_version(cls: &Obj) -> u64 {
    match cls.dict.as_ref().and_then(|d| d.as_dict()) {
        Some(t) => t.borrow().version,
        None => 0,
    }
}

/// The sum of the dict versions of `cls` and its MRO (see the module comment).
pub fn mro_versions(cls: &ObjRef, mro: &[ObjRef]) -> u64 {
    mro.iter().fold(dict_version(cls), |sum, c| {
        sum.wrapping_add(dict_version(c))
    })
}

/// Number of interned attribute-name strings (a power of two).
const NAME_SLOTS: usize = 512;

/// Shared `str` objects for attribute names stored into instance dicts, so that setting
/// `self.x` on a fresh instance reuses one key object instead of allocating a new `str`
/// (CPython interns identifiers and shares them as dict keys the same way).
pub struct NameKeys {
    /// Direct-mapped by name hash: the shared key.
    slots: RefCell<Box<[Option<Value>]>>,
}

impl Default for NameKeys {
    fn default() -> Self {
        NameKeys::new()
    }
}

impl NameKeys {
    /// An empty table.
    pub fn new() -> NameKeys {
        NameKeys {
            slots: RefCell::new((0..NAME_SLOTS).map(|_| None).collect()),
        }
    }

    /// The shared `str` object for `name` (whose hash is `hash`), made on first use.
    pub fn key(&self, name: &str, hash: i64) -> Value {
        let mut slots = self.slots.borrow_mut();
        let slot = &mut slots[(hash as usize) & (NAME_SLOTS - 1)];
        if let Some(v) = slot
            && v.as_str().is_some_and(|s| s.as_bytes() == name.as_bytes())
        {
            return v.clone();
        }
        let s = super::object::PyStr::new(name);
        let v = Value::Obj(Obj::new(super::object::Payload::Str(s)));
        *slot = Some(v.clone());
        v
    }
}
