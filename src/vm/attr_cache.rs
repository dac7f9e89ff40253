//! The type attribute cache: what `Vm::lookup_in_mro` found for a (class, name) pair.
//!
//! Mirrors the method cache behind typeobject.c `_PyType_Lookup` (a direct-mapped table keyed
//! by class and name; two-way set-associative here), but an entry is validated by the versions
//! of the class dicts instead of a type version tag: every `DictTable` mutation bumps its
//! dict's version and versions never go back, so the sum of the versions over a class's MRO
//! changes exactly when some dict on the MRO changed since the entry was made (the sum is
//! memoized per class epoch, see dict_version.rs). That covers every way a class namespace
//! can change — `C.x = v`, `del C.x`, `setattr`, native code writing a class dict, or a write
//! through `C.__dict__` — without any of them having to invalidate the cache. The MRO itself
//! never changes after class creation (`__bases__` is read-only here), and an entry holds its
//! class alive, so a class's address cannot be reused by another class while cached.

use super::object::Obj;
use super::value::{ObjRef, Value};
use std::cell::RefCell;

/// The attribute caches a VM keeps.
#[derive(Default)]
pub struct AttrCache {
    /// What `lookup_in_mro` found per (class, name).
    pub mro: MroCache,
    /// Shared key objects for attribute names.
    pub names: NameKeys,
    /// Which attribute hooks each class's MRO defines.
    pub hooks: HookBits,
}

/// Entries per set: a pair of hot look-ups that map to the same set does not evict each other.
const WAYS: usize = 2;
/// log2 of the number of entries.
const SLOT_BITS: u32 = 10;
/// Number of entries; CPython's method cache has 4096.
const SLOTS: usize = 1 << SLOT_BITS;

/// One cached look-up, or an empty slot (`cls` None). All zero bytes are an empty slot (see
/// `zeroed_table`).
struct Entry {
    /// The class looked in (held so its address stays unique while the entry lives); None
    /// in an empty slot.
    cls: Option<ObjRef>,
    /// The attribute name, a str object (`Value::None` in an empty slot: a `Box<str>` is a
    /// fat pointer, and Rust promises an all-zero `Option` of one to be None only for sized
    /// pointees).
    name: Value,
    /// The sum of the dict versions over the class's MRO when the entry was made.
    versions: u64,
    /// The class's `HOOK_*` bits at those versions.
    hooks: u8,
    /// False when no class on the MRO defines the name (`value` is then `Value::None`).
    found: bool,
    /// What the MRO held under the name, when `found`.
    value: Value,
}

// SAFETY: every field is valid as all zero bytes: `Option<ObjRef>` is None (the null-pointer
// optimisation Rust guarantees for `Option<NonNull<T>>` with `T: Sized`: `ObjRc` is a
// transparent `NonNull` to its sized block), the integers and the bool 0/false, and `Value`
// (`name`, `value`) is `#[repr(u64)]` with `Value::None` its first variant (tag 0, no payload).
unsafe impl ZeroedEmpty for Entry {}

/// A two-way set-associative cache of MRO look-ups.
pub struct MroCache {
    /// The entries, indexed by `slot_of`.
    slots: RefCell<Box<[Entry]>>,
}

/// Types whose all-zero bytes are a valid value (an empty slot of a cache table).
///
/// # Safety
/// All zero bytes must be a valid value of the type, safe to use and to drop.
pub(crate) unsafe trait ZeroedEmpty {}

// SAFETY: `Value` is `#[repr(u64)]` and `Value::None`, its first variant, has tag 0 and no
// payload.
unsafe impl ZeroedEmpty for Value {}

/// A table of `n` empty slots allocated zeroed. Fresh memory from the OS is zero already, so
/// the allocator need not write it and a big cache costs page faults only where entries are
/// written: filling it with `None` touched every page (the MRO cache's 14 at every start).
pub(crate) fn zeroed_table<T: ZeroedEmpty>(n: usize) -> Box<[T]> {
    let Ok(layout) = std::alloc::Layout::array::<T>(n) else {
        panic!("a cache table of {n} slots overflows");
    };
    if layout.size() == 0 {
        // No bytes to allocate: a dangling, aligned pointer is a valid empty slice.
        let ptr = std::ptr::NonNull::<T>::dangling().as_ptr();
        // SAFETY: zero-sized slices need no allocation; `ZeroedEmpty` vouches for T.
        return unsafe { Box::from_raw(std::ptr::slice_from_raw_parts_mut(ptr, n)) };
    }
    // SAFETY: the layout has a non-zero size; the zeroed block holds `n` valid `T`s
    // (`ZeroedEmpty`) and was allocated by the global allocator with the layout `Box<[T]>`
    // frees it with.
    unsafe {
        let p = std::alloc::alloc_zeroed(layout).cast::<T>();
        if p.is_null() {
            std::alloc::handle_alloc_error(layout);
        }
        Box::from_raw(std::ptr::slice_from_raw_parts_mut(p, n))
    }
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
            slots: RefCell::new(zeroed_table(SLOTS)),
        }
    }

    /// The cached result for `name` on `cls`, when still valid: `Some((hooks, found))` where
    /// `found` is what `lookup_in_mro` would return and `hooks` the class's `HOOK_*` bits.
    #[inline]
    pub fn get(&self, cls: &ObjRef, name: &str, versions: u64) -> Option<(u8, Option<Value>)> {
        let slots = self.slots.borrow();
        let set = set_of(cls, name);
        slots[set..set + WAYS]
            .iter()
            .find(|e| e.is_for(cls, name))
            .and_then(|e| (e.versions == versions).then(|| (e.hooks, e.found_value())))
    }

    /// Records what the MRO of `cls` holds under `name`, and its hook bits, at dict versions
    /// `versions`.
    pub fn put(&self, cls: &ObjRef, name: &str, versions: u64, hooks: u8, value: Option<Value>) {
        let mut slots = self.slots.borrow_mut();
        let set = set_of(cls, name);
        let ways = &mut slots[set..set + WAYS];
        // Refresh the entry in place when the pair is cached (keeps its name allocation).
        if let Some(e) = ways.iter_mut().find(|e| e.is_for(cls, name)) {
            e.versions = versions;
            e.hooks = hooks;
            e.found = value.is_some();
            e.value = value.unwrap_or(Value::None);
            return;
        }
        // Otherwise the newest entry goes first and the oldest of the set is dropped.
        ways.rotate_right(1);
        ways[0] = Entry {
            cls: Some(cls.clone()),
            name: Value::str(name),
            versions,
            hooks,
            found: value.is_some(),
            value: value.unwrap_or(Value::None),
        };
    }

    /// Calls `visit` on every value the cache keeps alive (for the cycle collector).
    pub fn trace(&self, visit: &mut dyn FnMut(&Value)) {
        for e in self.slots.borrow().iter() {
            if let Some(cls) = &e.cls {
                visit(&Value::Obj(cls.clone()));
                visit(&e.value);
            }
        }
    }
}

impl Entry {
    /// True when the entry caches `name` on `cls`.
    #[inline]
    fn is_for(&self, cls: &ObjRef, name: &str) -> bool {
        // (An empty slot's null class never equals `cls`.)
        self.cls.as_ref().is_some_and(|c| ObjRef::ptr_eq(c, cls))
            && self
                .name
                .as_str()
                .is_some_and(|n| same_text(n.as_bytes(), name.as_bytes()))
    }

    /// What the MRO held under the name (None: no class on it defines the name).
    #[inline]
    fn found_value(&self) -> Option<Value> {
        self.found.then(|| self.value.clone())
    }
}

/// Byte equality without a `bcmp` call for names up to 16 bytes (almost every attribute
/// name): overlapping loads of the first and last bytes cover the whole text.
#[inline]
pub(crate) fn same_text(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    if n != b.len() {
        return false;
    }
    match n {
        0 => true,
        1..=3 => a[0] == b[0] && a[n / 2] == b[n / 2] && a[n - 1] == b[n - 1],
        4..=7 => u32_at(a, 0) == u32_at(b, 0) && u32_at(a, n - 4) == u32_at(b, n - 4),
        8..=16 => u64_at(a, 0) == u64_at(b, 0) && u64_at(a, n - 8) == u64_at(b, n - 8),
        _ => a == b,
    }
}

/// The four bytes of `s` at `i`, as one load.
#[inline(always)]
fn u32_at(s: &[u8], i: usize) -> u32 {
    let mut w = [0u8; 4];
    w.copy_from_slice(&s[i..i + 4]);
    u32::from_le_bytes(w)
}

/// The eight bytes of `s` at `i`, as one load.
#[inline(always)]
fn u64_at(s: &[u8], i: usize) -> u64 {
    let mut w = [0u8; 8];
    w.copy_from_slice(&s[i..i + 8]);
    u64::from_le_bytes(w)
}

/// The first slot of the set for a (class, name) pair. The name's bits come from its length
/// and its first and last bytes rather than its full hash, so callers that do not have the hash
/// at hand (`lookup_in_mro("__init__")`) need not compute it to hit.
#[inline]
fn set_of(cls: &ObjRef, name: &str) -> usize {
    let b = name.as_bytes();
    let n = b.len();
    let bits = match n {
        0..=3 => b.iter().fold(0u64, |w, &c| (w << 8) | c as u64),
        4..=7 => (u32_at(b, 0) as u64) ^ ((u32_at(b, n - 4) as u64) << 29),
        _ => u64_at(b, 0) ^ u64_at(b, n - 8).rotate_left(29),
    };
    let addr = (ObjRef::as_ptr(cls) as u64) >> 4;
    let mixed = (addr ^ bits ^ ((n as u64) << 40)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    ((mixed >> (64 - SLOT_BITS)) as usize) & !(WAYS - 1)
}

/// Number of classes whose hook bits are kept (a power of two).
const HOOK_SLOTS: usize = 256;

/// Per class, the `HOOK_*` bits (which of `__getattribute__`, `__setattr__`, `__delattr__`
/// Python code defines on its MRO), validated by the MRO's dict versions like `MroCache`, so
/// a hook added to or deleted from any class of the MRO, at any time, is seen.
pub struct HookBits {
    /// Direct-mapped by class address.
    slots: RefCell<Box<[HookEntry]>>,
}

/// One class's hook bits: (class, MRO dict versions, bits); the class is None in an empty
/// slot.
struct HookEntry(Option<ObjRef>, u64, u8);

// SAFETY: all zero bytes are a None class (`ObjRc` is a transparent `NonNull`) and zeros.
unsafe impl ZeroedEmpty for HookEntry {}

impl Default for HookBits {
    fn default() -> Self {
        HookBits {
            slots: RefCell::new(zeroed_table(HOOK_SLOTS)),
        }
    }
}

impl HookBits {
    /// The slot of a class.
    fn slot_of(cls: &ObjRef) -> usize {
        (ObjRef::as_ptr(cls) as usize >> 4) & (HOOK_SLOTS - 1)
    }

    /// The bits recorded for `cls` at dict versions `versions`, if any.
    #[inline]
    pub fn get(&self, cls: &ObjRef, versions: u64) -> Option<u8> {
        match &self.slots.borrow()[Self::slot_of(cls)] {
            HookEntry(Some(c), v, bits) if ObjRef::ptr_eq(c, cls) && *v == versions => Some(*bits),
            _ => None,
        }
    }

    /// Records the bits of `cls` at dict versions `versions`.
    pub fn put(&self, cls: &ObjRef, versions: u64, bits: u8) {
        self.slots.borrow_mut()[Self::slot_of(cls)] = HookEntry(Some(cls.clone()), versions, bits);
    }
}

/// Number of interned attribute-name strings (a power of two).
const NAME_SLOTS: usize = 512;

/// Shared `str` objects for attribute names stored into instance dicts, so that setting
/// `self.x` on a fresh instance reuses one key object instead of allocating a new `str`
/// (CPython interns identifiers and shares them as dict keys the same way).
pub struct NameKeys {
    /// Direct-mapped by name hash: the shared key (`Value::None` in an empty slot).
    slots: RefCell<Box<[Value]>>,
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
            slots: RefCell::new(zeroed_table(NAME_SLOTS)),
        }
    }

    /// The shared `str` object for `name` (whose hash is `hash`), made on first use.
    pub fn key(&self, name: &str, hash: i64) -> Value {
        let mut slots = self.slots.borrow_mut();
        let slot = &mut slots[(hash as usize) & (NAME_SLOTS - 1)];
        if slot
            .as_str()
            .is_some_and(|s| s.as_bytes() == name.as_bytes())
        {
            return slot.clone();
        }
        let s = super::object::PyStr::new(name);
        let v = Value::Obj(Obj::new(super::object::Payload::Str(s)));
        *slot = v.clone();
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vm::object::Payload;

    /// A zeroed table is all empty slots: the MRO cache misses, then holds what was put
    /// (a found value and a recorded absence), and keeps both alive for the collector.
    #[test]
    fn zeroed_caches_start_empty_and_hold_entries() {
        let cache = MroCache::new();
        let cls = Obj::new(Payload::NotImplemented);
        assert!(cache.get(&cls, "x", 0).is_none());
        cache.put(&cls, "x", 7, 3, Some(Value::Int(5)));
        cache.put(&cls, "missing", 7, 1, None);
        assert!(matches!(
            cache.get(&cls, "x", 7),
            Some((3, Some(Value::Int(5))))
        ));
        assert!(matches!(cache.get(&cls, "missing", 7), Some((1, None))));
        // A stale version misses; a refresh in place replaces the value.
        assert!(cache.get(&cls, "x", 8).is_none());
        cache.put(&cls, "x", 8, 0, None);
        assert!(matches!(cache.get(&cls, "x", 8), Some((0, None))));
        let mut seen = 0;
        cache.trace(&mut |_| seen += 1);
        // Two entries, each its class and its value (`Value::None` when absent).
        assert_eq!(seen, 4);

        let hooks = HookBits::default();
        assert_eq!(hooks.get(&cls, 0), None);
        hooks.put(&cls, 2, 9);
        assert_eq!(hooks.get(&cls, 2), Some(9));
        assert_eq!(hooks.get(&cls, 3), None);

        let names = NameKeys::new();
        let a = names.key("spam", 12345);
        let b = names.key("spam", 12345);
        assert!(matches!((&a, &b), (Value::Obj(x), Value::Obj(y)) if ObjRef::ptr_eq(x, y)));
        assert_eq!(a.as_str(), Some("spam"));
        let table: Box<[Value]> = zeroed_table(3);
        assert!(table.iter().all(|v| matches!(v, Value::None)));
    }

    /// The overlapping-load comparison agrees with plain equality at every length and at
    /// every differing position.
    #[test]
    fn same_text_matches_equality() {
        let base: Vec<u8> = (0..24u8).map(|i| b'a' + i).collect();
        for n in 0..=base.len() {
            let a = &base[..n];
            assert!(same_text(a, a));
            for i in 0..n {
                let mut b = a.to_vec();
                b[i] = b'_';
                assert!(!same_text(a, &b), "len {n}, differing at {i}");
            }
            if n > 0 {
                assert!(!same_text(a, &base[..n - 1]));
            }
        }
    }
}
