//! Insertion-ordered hash tables for `dict` and `set`, with keys hashed and compared through
//! the VM (user `__hash__`/`__eq__` may re-enter it, so no borrow is held across a compare).
//!
//! The layout mirrors CPython's compact dict (dictobject.c): a dense `entries` vector in
//! insertion order plus a sparse `indices` table probed with CPython's perturbation scheme.

use super::dict_keys::Keys;
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
///
/// Dict mode keeps entries in insertion order (compact dict). Set mode mirrors
/// setobject.c: `entries` is the open-addressed slot table itself (linear probing, then
/// perturbation), deleted slots hold a dummy entry with hash -1, and iteration is in slot
/// order, so sets print in CPython's order.
#[derive(Clone, Default)]
pub struct DictTable {
    /// Dict mode: the sparse index table (power-of-two size: entry index, `EMPTY` or
    /// `DUMMY`), then the entries in insertion order, deleted ones `None`. Set mode: no index
    /// table; the entries are the slot table. One allocation, so that a dict object fits
    /// mimalloc's 80-byte size class (see `dict_keys`).
    keys: Keys,
    /// Bit 31 (`SET_LAYOUT`): the set layout. Below it, set mode: where `pop()` starts
    /// searching (read masked by the table size, which is below 2^31: the index table's
    /// entries are i32). One field for both, and the set mode's fill count in `keys`, so
    /// that a table is 40 bytes and with its `RefCell` a dict object's payload 48.
    finger: u32,
    /// Number of live entries.
    used: u32,
    /// Bumped on every mutation (a value replaced included), to detect mutation during a
    /// re-entrant compare and to validate caches of what a namespace holds.
    pub version: super::dict_version::DictVersion,
}

/// Decides equality without the VM when possible: `Some(answer)` or `None` = ask the VM.
#[inline(always)]
fn fast_eq(a: &Value, b: &Value) -> Option<bool> {
    use super::object::Payload;
    if a.is(b) {
        return Some(true);
    }
    // Two exact strs first: the commonest keys after ints.
    if let (Value::Obj(x), Value::Obj(y)) = (a, b)
        && let (Payload::Str(s), Payload::Str(t)) = (&x.payload, &y.payload)
        && x.class.is_none()
        && y.class.is_none()
    {
        return Some(s.same_text_as(t));
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
        (Value::Obj(_), Value::Obj(_)) => None,
        (Value::Obj(o), _) | (_, Value::Obj(o)) => match &o.payload {
            Payload::Str(_) if o.class.is_none() => Some(false),
            _ => None,
        },
        _ => Some(false),
    }
}

/// The outcome of a fast probe: a match found after candidates that need `__eq__` is not
/// final, because the probe order decides (as in CPython, where those earlier `__eq__`
/// calls run first and may match); it becomes the last candidate, marked by `Value::None`
/// standing for "known equal".
fn settle(found: Option<usize>, slow: &mut Vec<(usize, Value)>) -> Option<usize> {
    match found {
        Some(ix) if !slow.is_empty() => {
            slow.push((ix, KNOWN_EQUAL));
            None
        }
        other => other,
    }
}

/// The stand-in key of a candidate `settle` already knows is equal.
const KNOWN_EQUAL: Value = Value::None;

/// The next slot of CPython's open-addressing probe (dictobject.c): shift the perturbation
/// in, then `i = 5*i + perturb + 1` within the table.
#[inline]
fn next_slot(i: usize, perturb: &mut u64, mask: usize) -> usize {
    *perturb >>= 5;
    (i.wrapping_mul(5)
        .wrapping_add(*perturb as usize)
        .wrapping_add(1))
        & mask
}

/// Dict mode: the entries a fresh table (16 index slots) has room for before it resizes:
/// one less than the 10 the usable fraction allows, so that the table's one allocation
/// (64 + 9 × 40 bytes) is in mimalloc's 448-byte class, not the 512-byte one (whose
/// allocations kept missing mimalloc's fast path in an instance-per-iteration loop).
const FRESH_ENTRIES: usize = 9;

/// Mirrors setobject.c LINEAR_PROBES.
const LINEAR_PROBES: usize = 9;
/// Mirrors setobject.c PySet_MINSIZE.
const SET_MINSIZE: usize = 8;

/// True for a set-mode dummy slot.
fn is_dummy(e: &Entry) -> bool {
    e.hash == -1
}

/// `DictTable::finger`'s bit for the set layout.
const SET_LAYOUT: u32 = 1 << 31;

impl DictTable {
    /// An empty dict table.
    pub fn new() -> DictTable {
        DictTable::default()
    }

    /// An empty set table (CPython's set layout and iteration order).
    pub fn new_set() -> DictTable {
        DictTable {
            finger: SET_LAYOUT,
            ..DictTable::default()
        }
    }

    /// True for a set table.
    #[inline(always)]
    pub fn is_set(&self) -> bool {
        self.finger & SET_LAYOUT != 0
    }

    /// Set mode: the slot sequence probed for `hash` (CPython's set_add_entry order),
    /// calling `f(slot)` until it returns false.
    fn set_probe(&self, hash: i64, mut f: impl FnMut(usize) -> bool) {
        let mask = self.keys.len() - 1;
        let mut perturb = hash as u64;
        let mut i = (hash as u64 as usize) & mask;
        loop {
            let probes = if i + LINEAR_PROBES <= mask {
                LINEAR_PROBES
            } else {
                0
            };
            for j in 0..=probes {
                if !f(i + j) {
                    return;
                }
            }
            i = next_slot(i, &mut perturb, mask);
        }
    }

    /// Set mode: rebuilds the slot table for `minused` entries (mirrors set_table_resize).
    fn set_resize(&mut self, minused: usize) {
        let mut newsize = SET_MINSIZE;
        while newsize <= minused {
            newsize <<= 1;
        }
        let old = std::mem::replace(&mut self.keys, Keys::empty_slots(newsize));
        self.used = 0;
        old.into_each(|e| {
            if let Some(e) = e.filter(|e| !is_dummy(e)) {
                self.set_insert_clean(e);
            }
        });
        self.version += 1;
    }

    /// Set mode: inserts into a table without dummies (mirrors set_insert_clean).
    fn set_insert_clean(&mut self, e: Entry) {
        let mut target = 0;
        self.set_probe(e.hash, |slot| {
            if self.keys.entries()[slot].is_none() {
                target = slot;
                return false;
            }
            true
        });
        self.keys.entries_mut()[target] = Some(e);
        self.keys.fill += 1;
        self.used += 1;
    }

    /// Set mode: adds an entry known to be absent (the tail of set_add_entry).
    fn set_add_new(&mut self, e: Entry) {
        if self.keys.is_empty() {
            self.keys = Keys::empty_slots(SET_MINSIZE);
        }
        let mut freeslot = None;
        let mut empty = 0;
        self.set_probe(e.hash, |slot| match &self.keys.entries()[slot] {
            None => {
                empty = slot;
                false
            }
            Some(x) if is_dummy(x) => {
                freeslot.get_or_insert(slot);
                true
            }
            Some(_) => true,
        });
        self.version += 1;
        if let Some(slot) = freeslot {
            self.keys.entries_mut()[slot] = Some(e);
            self.used += 1;
            return;
        }
        self.keys.entries_mut()[empty] = Some(e);
        self.keys.fill += 1;
        self.used += 1;
        let mask = self.keys.len() - 1;
        let (fill, used) = (self.keys.fill as usize, self.used as usize);
        if fill * 5 >= mask * 3 {
            let minused = if used > 50000 { used * 2 } else { used * 4 };
            self.set_resize(minused);
        }
    }

    /// A copy of a set the way `set(s)`/`s.copy()` makes one (mirrors set_merge into an
    /// empty set: one resize, then a slot-for-slot copy or clean insertions).
    pub fn set_copy(&self) -> DictTable {
        let mut out = DictTable::new_set();
        out.set_merge_clean(self);
        out
    }

    /// Set mode: merges `other` into this empty table (set_merge's fast paths).
    fn set_merge_clean(&mut self, other: &DictTable) {
        if other.used == 0 {
            return;
        }
        if self.keys.is_empty() {
            self.keys = Keys::empty_slots(SET_MINSIZE);
        }
        let mask = self.keys.len().max(1) - 1;
        if (self.keys.fill as usize + other.len()) * 5 >= mask * 3 || self.keys.is_empty() {
            self.set_resize((self.len() + other.len()) * 2);
        }
        let same_layout =
            other.is_set() && self.keys.len() == other.keys.len() && other.keys.fill == other.used;
        if same_layout {
            self.keys = other.keys.clone();
            self.used = other.used;
            return;
        }
        for e in other.iter() {
            self.set_insert_clean(e.clone());
        }
    }

    /// Set mode: the one-big-resize step set_merge/set_update do before inserting `extra`
    /// entries that may be duplicates.
    pub fn set_presize(&mut self, extra: usize) {
        if !self.is_set() {
            return;
        }
        if self.keys.is_empty() {
            self.keys = Keys::empty_slots(SET_MINSIZE);
        }
        let mask = self.keys.len().max(1) - 1;
        if self.keys.is_empty() || (self.keys.fill as usize + extra) * 5 >= mask * 3 {
            self.set_resize((self.len() + extra) * 2);
        }
    }

    /// Set mode: mirrors frozenset_hash over the stored hashes.
    pub fn frozenset_hash(&self) -> i64 {
        let shuffle = |h: u64| ((h ^ 89869747) ^ (h << 16)).wrapping_mul(3644798167);
        let mut hash: u64 = 0;
        for e in self.iter() {
            hash ^= shuffle(e.hash as u64);
        }
        // CPython also xors every empty and dummy slot, then cancels those pairs out again,
        // which nets to the active entries alone.
        hash ^= (self.used as u64 + 1).wrapping_mul(1927868237);
        hash ^= (hash >> 11) ^ (hash >> 25);
        hash = hash.wrapping_mul(69069).wrapping_add(907133923);
        if hash == u64::MAX {
            590923713
        } else {
            hash as i64
        }
    }

    /// Number of live entries.
    pub fn len(&self) -> usize {
        self.used as usize
    }

    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.used == 0
    }

    /// Live entries in iteration order (insertion order; slot order for sets).
    pub fn iter(&self) -> impl Iterator<Item = &Entry> {
        self.keys
            .entries()
            .iter()
            .flatten()
            .filter(|e| !is_dummy(e))
    }

    /// The live entry at or after position `pos`, with its position (for iterators).
    pub fn entry_from(&self, pos: usize) -> Option<(usize, &Entry)> {
        self.keys
            .entries()
            .iter()
            .enumerate()
            .skip(pos)
            .find_map(|(i, e)| e.as_ref().filter(|e| !is_dummy(e)).map(|e| (i, e)))
    }

    /// Removes everything (a set stays a set).
    pub fn clear(&mut self) {
        drop(self.take_all());
    }

    /// Empties the table, handing back the old contents (for the caller to drop outside its
    /// borrow); a mutation like any other.
    pub fn take_all(&mut self) -> DictTable {
        let fresh = DictTable {
            version: self.version + 1,
            finger: self.finger & SET_LAYOUT,
            ..DictTable::default()
        };
        std::mem::replace(self, fresh)
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
        let indices = self.keys.indices();
        let mask = indices.len() - 1;
        let mut perturb = hash as u64;
        let mut i = (hash as u64 as usize) & mask;
        loop {
            if !f(i, indices[i]) {
                return;
            }
            i = next_slot(i, &mut perturb, mask);
        }
    }

    /// Dict mode's probe over the live entries whose hash is `hash`, in probe order: the
    /// first answer `decide` gives (it gets the entry index and the entry; None goes on),
    /// or None at the first empty slot. Needs a non-empty index table.
    #[inline(always)]
    fn probe_live<R>(
        &self,
        hash: i64,
        mut decide: impl FnMut(usize, &Entry) -> Option<R>,
    ) -> Option<R> {
        let (indices, entries) = self.keys.split();
        let mask = indices.len() - 1;
        let mut perturb = hash as u64;
        let mut i = (hash as u64 as usize) & mask;
        loop {
            let ix = indices[i];
            if ix == EMPTY {
                return None;
            }
            if ix >= 0
                && let Some(e) = &entries[ix as usize]
                && e.hash == hash
                && let Some(r) = decide(ix as usize, e)
            {
                return Some(r);
            }
            i = next_slot(i, &mut perturb, mask);
        }
    }

    /// Finds the entry index of a key by fast equality; candidates needing the VM are
    /// appended to `slow`.
    fn find_fast(&self, hash: i64, key: &Value, slow: &mut Vec<(usize, Value)>) -> Option<usize> {
        if self.is_set() {
            if self.keys.is_empty() {
                return None;
            }
            let mut found = None;
            self.set_probe(hash, |slot| match &self.keys.entries()[slot] {
                None => false,
                Some(e) if e.hash == hash => match fast_eq(&e.key, key) {
                    Some(true) => {
                        found = Some(slot);
                        false
                    }
                    Some(false) => true,
                    None => {
                        slow.push((slot, e.key.clone()));
                        true
                    }
                },
                Some(_) => true,
            });
            return settle(found, slow);
        }
        if self.keys.ilen() == 0 {
            return None;
        }
        let mut found = None;
        self.probe(hash, |_, ix| {
            if ix == EMPTY {
                return false;
            }
            if ix >= 0 {
                let e = self.keys.entries()[ix as usize]
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
        settle(found, slow)
    }

    /// Dict mode: the entry index of `key` (None when absent) in one probe when every
    /// candidate compares without the VM; `Err` when one needs `__eq__`, or in set mode.
    #[inline]
    fn find_direct(&self, hash: i64, key: &Value) -> Result<Option<usize>, ()> {
        if self.is_set() {
            return Err(());
        }
        if self.keys.ilen() == 0 {
            return Ok(None);
        }
        self.probe_live(hash, |ix, e| match fast_eq(&e.key, key) {
            Some(true) => Some(Ok(ix)),
            Some(false) => None,
            None => Some(Err(())),
        })
        .transpose()
    }

    /// The entry index of `key` by fast equality alone (candidates that would need `__eq__`
    /// count as different), for callers that cannot re-enter the VM.
    fn find_without_vm(&self, hash: i64, key: &Value) -> Option<usize> {
        let mut slow = Vec::new();
        self.find_fast(hash, key, &mut slow)
            .or_else(|| slow.last().filter(|(_, k)| k.is_none()).map(|(ix, _)| *ix))
    }

    /// Looks a str key up without the VM (str keys only compare equal to strs).
    pub fn get_str(&self, key: &str, hash: i64) -> Option<&Entry> {
        let ix = self.str_index(key, hash)?;
        self.keys.entries()[ix].as_ref()
    }

    /// The position of a str key's entry, for caches that re-read it with `entry_at` while
    /// `version` is unchanged (LOAD_GLOBAL's, in global_cache.rs).
    pub fn str_position(&self, key: &str, hash: i64) -> Option<usize> {
        self.str_index(key, hash)
    }

    /// The live entry at position `pos` (a position `str_position` gave).
    #[inline]
    pub fn entry_at(&self, pos: usize) -> Option<&Entry> {
        self.keys.entries().get(pos)?.as_ref()
    }

    /// `table[name] = value` for a str `key` whose text is `name` and hash `hash` (an attribute
    /// store into an instance dict), comparing keys as text like `get_str`: first at position
    /// `hint` (where the name was last seen), then by probing. Returns the entry's position,
    /// or hands the pair back in set mode.
    pub fn set_str_at(
        &mut self,
        name: &str,
        hash: i64,
        key: Value,
        value: Value,
        hint: usize,
    ) -> Result<usize, (Value, Value)> {
        if self.is_set() {
            return Err((key, value));
        }
        // The same key object (the interned names STORE_ATTR uses) needs no text comparison.
        let same = |e: &Entry| {
            e.key.is(&key)
                || e.hash == hash
                    && e.key.as_str().is_some_and(|k| {
                        super::attr_cache::same_text(k.as_bytes(), name.as_bytes())
                    })
        };
        if let Some(Some(e)) = self.keys.entries_mut().get_mut(hint)
            && same(e)
        {
            e.value = value;
            self.version += 1;
            return Ok(hint);
        }
        // Room first, as `insert_new_unchecked` would make it (a resize only compacts and
        // re-indexes), then one probe finds the name's entry or the slot a new entry takes:
        // the first free one on the probe sequence.
        if self.keys.len() >= self.keys.capacity() {
            self.resize();
        }
        let new_ix = self.keys.len();
        let (indices, entries) = self.keys.split_mut();
        let mask = indices.len() - 1;
        let mut perturb = hash as u64;
        let mut i = (hash as u64 as usize) & mask;
        let mut first_dummy = None;
        loop {
            let ix = indices[i];
            if ix == EMPTY {
                break;
            }
            if ix == DUMMY {
                first_dummy.get_or_insert(i);
            } else if let Some(e) = entries[ix as usize].as_mut()
                && same(e)
            {
                e.value = value;
                self.version += 1;
                return Ok(ix as usize);
            }
            i = next_slot(i, &mut perturb, mask);
        }
        indices[first_dummy.unwrap_or(i)] = new_ix as i32;
        self.keys.push(Some(Entry { hash, key, value }));
        self.used += 1;
        self.version += 1;
        Ok(new_ix)
    }

    /// Replaces the value of the live entry at `pos` (a position `str_position` gave): the
    /// old value, or `Err(value)` back when no entry lives there.
    #[inline]
    pub fn replace_value_at(&mut self, pos: usize, value: Value) -> Result<Value, Value> {
        match self
            .keys
            .entries_mut()
            .get_mut(pos)
            .and_then(Option::as_mut)
        {
            Some(e) => {
                self.version += 1;
                Ok(std::mem::replace(&mut e.value, value))
            }
            None => Err(value),
        }
    }

    /// The entry index of a str key, compared as text (no VM, no allocation in dict mode).
    fn str_index(&self, key: &str, hash: i64) -> Option<usize> {
        if self.is_set() {
            return self.find_without_vm(hash, &Value::str(key));
        }
        if self.keys.ilen() == 0 {
            return None;
        }
        self.probe_live(hash, |ix, e| {
            let text = e.key.as_str()?;
            (std::ptr::eq(text, key) || text == key).then_some(ix)
        })
    }

    /// Dict mode: inserts or replaces `key` in one probe when every candidate compares
    /// without the VM; hands the pair back when a compare needs `__eq__` (or in set mode).
    fn set_fast(&mut self, hash: i64, key: Value, value: Value) -> Result<(), (Value, Value)> {
        if self.is_set() {
            return Err((key, value));
        }
        if self.keys.ilen() != 0 {
            let (indices, entries) = self.keys.split_mut();
            let mask = indices.len() - 1;
            let mut perturb = hash as u64;
            let mut i = (hash as u64 as usize) & mask;
            loop {
                let ix = indices[i];
                if ix == EMPTY {
                    break;
                }
                if ix >= 0
                    && let Some(e) = &mut entries[ix as usize]
                    && e.hash == hash
                {
                    match fast_eq(&e.key, &key) {
                        Some(true) => {
                            e.value = value;
                            self.version += 1;
                            return Ok(());
                        }
                        Some(false) => {}
                        None => return Err((key, value)),
                    }
                }
                i = next_slot(i, &mut perturb, mask);
            }
        }
        self.insert_new_unchecked(Entry { hash, key, value });
        Ok(())
    }

    /// Dict mode: rebuilds the index table for the live entries, compacted in place, with
    /// room for every entry the new size accepts before the next resize (CPython's
    /// USABLE_FRACTION), so appends in between never reallocate (mirrors dictresize).
    fn resize(&mut self) {
        if self.keys.is_empty() {
            // A fresh table (an instance's first attribute, a new dict's first key): what the
            // general path below makes for no live entries, without its compaction, its
            // re-indexing loop or a reallocation through the growth path.
            if self.keys.ilen() != 16 || self.keys.capacity() != FRESH_ENTRIES {
                self.keys = Keys::with_indices(16, FRESH_ENTRIES);
            } else {
                self.keys.split_mut().0.fill(EMPTY);
            }
            self.version += 1;
            return;
        }
        let live = self.used as usize;
        let mut size = 8;
        while size * 2 < (live + 1) * 3 {
            size *= 2;
        }
        let slots = size * 2;
        // Compacted into a fresh allocation with room for every entry the new size accepts.
        let old = std::mem::take(&mut self.keys);
        self.keys = old.compacted(slots, slots * 2 / 3);
        let mask = slots - 1;
        let (indices, entries) = self.keys.split_mut();
        for (ix, e) in entries.iter().enumerate() {
            let hash = e.as_ref().map_or(0, |e| e.hash);
            let mut perturb = hash as u64;
            let mut i = (hash as u64 as usize) & mask;
            while indices[i] != EMPTY {
                i = next_slot(i, &mut perturb, mask);
            }
            indices[i] = ix as i32;
        }
        self.version += 1;
    }

    /// Appends an entry known to be absent.
    fn insert_new_unchecked(&mut self, e: Entry) {
        if self.is_set() {
            self.set_add_new(e);
            return;
        }
        // A dict table's room for entries is at most CPython's USABLE_FRACTION of its index
        // table (`resize` makes it exactly that), so a full table is one due to grow.
        if self.keys.len() >= self.keys.capacity() {
            self.resize();
        }
        let ix = self.keys.len() as i32;
        let mut target = 0;
        self.probe(e.hash, |slot, cur| {
            if cur < 0 {
                target = slot;
                return false;
            }
            true
        });
        self.keys.split_mut().0[target] = ix;
        self.keys.push(Some(e));
        self.used += 1;
        self.version += 1;
    }

    /// Removes the entry at dense index `ix`.
    fn remove_at(&mut self, ix: usize) -> Entry {
        if self.is_set() {
            let dummy = Entry {
                hash: -1,
                key: Value::None,
                value: Value::None,
            };
            let e = self.keys.entries_mut()[ix]
                .replace(dummy)
                .expect("removing a live entry");
            self.used -= 1;
            self.version += 1;
            return e;
        }
        let e = self.keys.entries_mut()[ix]
            .take()
            .expect("removing a live entry");
        let mut target = None;
        self.probe(e.hash, |slot, cur| {
            if cur == ix as i32 {
                target = Some(slot);
                return false;
            }
            cur != EMPTY
        });
        if let Some(slot) = target {
            self.keys.split_mut().0[slot] = DUMMY;
        }
        self.used -= 1;
        self.version += 1;
        e
    }

    /// Removes and returns the last entry (`dict.popitem`).
    pub fn pop_last(&mut self) -> Option<Entry> {
        let ix = self.keys.entries().iter().rposition(|e| e.is_some())?;
        Some(self.remove_at(ix))
    }

    /// Removes and returns the first entry (`set.pop`, which mirrors set_pop's finger).
    pub fn pop_first(&mut self) -> Option<Entry> {
        if self.is_set() {
            if self.used == 0 {
                return None;
            }
            let mask = self.keys.len() - 1;
            let mut i = self.finger as usize & mask;
            while !matches!(&self.keys.entries()[i], Some(e) if !is_dummy(e)) {
                i = (i + 1) & mask;
            }
            self.finger = (i + 1) as u32 | SET_LAYOUT;
            return Some(self.remove_at(i));
        }
        let ix = self.keys.entries().iter().position(|e| e.is_some())?;
        Some(self.remove_at(ix))
    }

    /// Inserts or replaces a str key (no VM needed).
    pub fn set_str(&mut self, key: &str, hash: i64, value: Value) {
        match self.str_index(key, hash) {
            Some(ix) => {
                if let Some(e) = self.keys.entries_mut()[ix].as_mut() {
                    e.value = value;
                }
                self.version += 1;
            }
            None => self.insert_new_unchecked(Entry {
                hash,
                key: Value::str(key),
                value,
            }),
        }
    }

    /// `set_str` with the key object to store when `key` is absent (a `str` object whose
    /// text is `key`, shared with other dicts).
    pub fn set_str_with_key(&mut self, key: &str, hash: i64, key_obj: Value, value: Value) {
        match self.str_index(key, hash) {
            Some(_) => self.set_str(key, hash, value),
            None => self.insert_new_unchecked(Entry {
                hash,
                key: key_obj,
                value,
            }),
        }
    }

    /// Removes a str key (no VM needed).
    pub fn remove_str(&mut self, key: &str, hash: i64) -> Option<Entry> {
        let ix = self.find_without_vm(hash, &Value::str(key))?;
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
        if let Ok(found) = table.borrow().find_direct(hash, key) {
            return Ok(found);
        }
        self.table_find_slow(table, key, hash)
    }

    /// `table_find` once a direct probe has failed: some candidate's equality needs
    /// `__eq__` (or the table is a set).
    fn table_find_slow(
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
                // A None candidate is never deferred (fast_eq decides None), so it can
                // only be settle's "known equal" marker.
                if candidate.is_none() {
                    return Ok(Some(ix));
                }
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
        {
            let t = table.borrow();
            if let Ok(found) = t.find_direct(hash, key) {
                return Ok(
                    found.and_then(|ix| t.keys.entries()[ix].as_ref().map(|e| e.value.clone()))
                );
            }
        }
        Ok(self.table_find_slow(table, key, hash)?.and_then(|ix| {
            table.borrow().keys.entries()[ix]
                .as_ref()
                .map(|e| e.value.clone())
        }))
    }

    /// `table[key] = value`.
    pub fn table_set(
        &mut self,
        table: &RefCell<DictTable>,
        key: Value,
        value: Value,
    ) -> PyResult<()> {
        let hash = self.hash(&key)?;
        let (key, value) = match table.borrow_mut().set_fast(hash, key, value) {
            Ok(()) => return Ok(()),
            Err(pair) => pair,
        };
        // set_fast probed directly already: only a compare through `__eq__` is left.
        match self.table_find_slow(table, &key, hash)? {
            Some(ix) => {
                let mut t = table.borrow_mut();
                if let Some(e) = t.keys.entries_mut()[ix].as_mut() {
                    e.value = value;
                }
                t.version += 1;
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

    /// `d.get(key[, default])` on an exact dict from CALL_METHOD's stack slice `[d, key,
    /// default?]`, without the method look-up; None when the call is not of that shape.
    #[inline(always)]
    pub fn dict_get_call(&mut self, name: &str, args: &[Value]) -> Option<PyResult<Value>> {
        let [Value::Obj(o), key, rest @ ..] = args else {
            return None;
        };
        let super::object::Payload::Dict(table) = &o.payload else {
            return None;
        };
        if o.class.is_some() || rest.len() > 1 || name != "get" {
            return None;
        }
        Some(
            self.table_get(table, key)
                .map(|v| v.unwrap_or_else(|| rest.first().cloned().unwrap_or(Value::None))),
        )
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

    /// `d[name]` for a str key whose hash is known.
    pub fn dict_get_str_hashed(&self, dict: &ObjRef, name: &str, hash: i64) -> Option<Value> {
        let table = dict.as_dict()?;
        table.borrow().get_str(name, hash).map(|e| e.value.clone())
    }

    /// `d[name] = value` for a str key whose hash is known.
    pub fn dict_set_str_hashed(&self, dict: &ObjRef, name: &str, hash: i64, value: Value) {
        if let Some(table) = dict.as_dict() {
            table.borrow_mut().set_str(name, hash, value);
        }
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
            table.borrow_mut().set_str(name, hash, value);
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

#[cfg(test)]
mod tests {
    use super::*;

    fn set_of(vm: &mut Vm, items: &[i64]) -> RefCell<DictTable> {
        let t = RefCell::new(DictTable::new_set());
        for i in items {
            vm.table_set(&t, Value::Int(*i), Value::None)
                .expect("int keys hash");
        }
        t
    }

    fn order(t: &RefCell<DictTable>) -> Vec<i64> {
        t.borrow().iter().filter_map(|e| e.key.as_i64()).collect()
    }

    #[test]
    fn sets_iterate_in_cpython_order() {
        let mut vm = Vm::new();
        assert_eq!(order(&set_of(&mut vm, &[3, 1, 2])), vec![1, 2, 3]);
        assert_eq!(
            order(&set_of(&mut vm, &[100, 5, 37, 8, 64])),
            vec![64, 100, 37, 5, 8]
        );
        let range: Vec<i64> = (1..=20).rev().step_by(3).collect();
        assert_eq!(
            order(&set_of(&mut vm, &range)),
            vec![2, 5, 8, 11, 14, 17, 20]
        );
        assert_eq!(
            order(&set_of(&mut vm, &[-1, -2, 7, 1000000])),
            vec![1000000, 7, -1, -2]
        );
        let s = set_of(&mut vm, &(0..10).collect::<Vec<_>>());
        vm.table_remove(&s, &Value::Int(3)).expect("remove");
        vm.table_set(&s, Value::Int(19), Value::None).expect("add");
        assert_eq!(order(&s), vec![0, 1, 2, 4, 5, 6, 7, 8, 9, 19]);
        let popped: Vec<i64> = (0..2)
            .filter_map(|_| s.borrow_mut().pop_first())
            .filter_map(|e| e.key.as_i64())
            .collect();
        assert_eq!(popped, vec![0, 1]);
    }

    #[test]
    fn dict_len_survives_resizes() {
        let mut vm = Vm::new();
        let t = RefCell::new(DictTable::new());
        for i in 0..1000 {
            vm.table_set(&t, Value::string(i.to_string()), Value::Int(i))
                .expect("str keys");
        }
        vm.table_set(&t, Value::str("7"), Value::Int(-7))
            .expect("replace");
        assert_eq!(t.borrow().len(), 1000);
        assert_eq!(t.borrow().iter().count(), 1000);
        assert!(matches!(
            vm.table_get(&t, &Value::str("7")),
            Ok(Some(Value::Int(-7)))
        ));
    }

    #[test]
    fn frozenset_hash_matches_cpython() {
        let mut vm = Vm::new();
        assert_eq!(
            set_of(&mut vm, &[1, 2, 3]).borrow().frozenset_hash(),
            -272375401224217160
        );
        assert_eq!(DictTable::new_set().frozenset_hash(), 133146708735736);
    }
}
