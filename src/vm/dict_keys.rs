//! `Keys`: the one allocation behind a `DictTable`, its index table followed by its entries
//! (as CPython's PyDictKeysObject holds dk_indices, then dk_entries).
//!
//! Two boxed slices or vectors are two words each plus a second allocation; one pointer and
//! three 32-bit counts (and the set layout's fill count in their padding) keep a dict object
//! (its `RefCell<DictTable>`) within 48 bytes, so every object fits mimalloc's 80-byte class
//! with its `ObjRc` counts.

use super::dict::Entry;
use std::alloc::{Layout, alloc, dealloc, handle_alloc_error, realloc};
use std::ptr::NonNull;

/// One entry slot (None: a deleted dict entry, or an empty set slot).
type Slot = Option<Entry>;

/// Bytes per index-table slot.
const INDEX: usize = std::mem::size_of::<i32>();

/// An index table of `i32` slots (all -1 when made) and a growable array of entry slots, in
/// one allocation; derefs to neither, but `split`/`split_mut` hand out both slices.
pub(super) struct Keys {
    /// The first entry slot: `ilen` index slots into the allocation of `layout(ilen, cap)`
    /// (a dangling, aligned pointer when that layout is empty). Pointing at the entries, not
    /// at the allocation, spares the hottest reads (an entry at a cached position) an add.
    slots: NonNull<Slot>,
    /// Index-table slots at the start of the allocation (0 or even, so the entries that
    /// follow stay 8-aligned).
    ilen: u32,
    /// Entry slots initialised (the first `len` after the index table).
    len: u32,
    /// Entry slots there is room for.
    cap: u32,
    /// Set layout: active plus dummy slots (`DictTable`'s count, never touched here but made
    /// 0 and copied by `clone`), kept in what would be this struct's padding so that a dict
    /// table is 40 bytes and a dict object fits mimalloc's 80-byte class.
    pub(super) fill: u32,
}

/// A count as the u32 `Keys` stores (dicts and sets count in u32 throughout).
fn count(n: usize) -> u32 {
    u32::try_from(n).expect("dict or set too large")
}

impl Keys {
    /// Nothing allocated: no index table, no entries.
    pub(super) const fn new() -> Keys {
        Keys {
            slots: NonNull::dangling(),
            ilen: 0,
            len: 0,
            cap: 0,
            fill: 0,
        }
    }

    /// The layout of an allocation with `ilen` index slots and room for `cap` entries.
    fn layout(ilen: usize, cap: usize) -> Layout {
        let bytes = ilen
            .checked_mul(INDEX)
            .and_then(|i| cap.checked_mul(std::mem::size_of::<Slot>())?.checked_add(i))
            .expect("dict or set too large");
        Layout::from_size_align(bytes, std::mem::align_of::<Slot>().max(INDEX))
            .expect("dict or set too large")
    }

    /// The layout of this table's allocation, without the overflow checks `layout` made
    /// when the allocation was made for the same counts.
    #[inline(always)]
    fn current_layout(&self) -> Layout {
        let bytes = self.ilen as usize * INDEX + self.cap as usize * std::mem::size_of::<Slot>();
        // SAFETY: `layout(ilen, cap)` accepted these counts (size and alignment) when the
        // allocation was made: `Keys::new` (zero size), `with_indices`, `empty_slots`, `grow`.
        unsafe { Layout::from_size_align_unchecked(bytes, std::mem::align_of::<Slot>().max(INDEX)) }
    }

    /// An allocation for `layout`, or a dangling pointer when it is empty.
    fn allocate(layout: Layout) -> NonNull<u8> {
        if layout.size() == 0 {
            return NonNull::<u64>::dangling().cast();
        }
        // SAFETY: the layout has a non-zero size.
        let p = unsafe { alloc(layout) };
        NonNull::new(p).unwrap_or_else(|| handle_alloc_error(layout))
    }

    /// An index table of `ilen` slots, all -1 (`EMPTY`), with room for `cap` entries.
    pub(super) fn with_indices(ilen: usize, cap: usize) -> Keys {
        assert!(ilen.is_multiple_of(2), "index tables have an even size");
        let base = Self::allocate(Self::layout(ilen, cap));
        // SAFETY: the allocation starts with `ilen` i32 slots, then the entry slots.
        let slots = unsafe {
            let indices = base.as_ptr().cast::<i32>();
            for i in 0..ilen {
                indices.add(i).write(-1);
            }
            base.add(ilen * INDEX).cast()
        };
        Keys {
            slots,
            ilen: count(ilen),
            len: 0,
            cap: count(cap),
            fill: 0,
        }
    }

    /// No index table and `n` entry slots, all None (a set's slot table).
    pub(super) fn empty_slots(n: usize) -> Keys {
        let slots = Self::allocate(Self::layout(0, n)).cast::<Slot>();
        for i in 0..n {
            // SAFETY: the allocation has room for `n` slots.
            unsafe { slots.add(i).write(None) };
        }
        Keys {
            slots,
            ilen: 0,
            len: count(n),
            cap: count(n),
            fill: 0,
        }
    }

    /// Index-table slots.
    #[inline(always)]
    pub(super) fn ilen(&self) -> usize {
        self.ilen as usize
    }

    /// Entry slots in use.
    #[inline(always)]
    pub(super) fn len(&self) -> usize {
        self.len as usize
    }

    /// True when no entry slot is in use.
    #[inline(always)]
    pub(super) fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Entry slots there is room for before `push` reallocates.
    #[inline(always)]
    pub(super) fn capacity(&self) -> usize {
        self.cap as usize
    }

    /// The first entry slot's address.
    #[inline(always)]
    fn slots(&self) -> *mut Slot {
        self.slots.as_ptr()
    }

    /// The start of the allocation: the index table.
    #[inline(always)]
    fn base(&self) -> *mut u8 {
        // SAFETY: the index table's `ilen * INDEX` bytes precede the entries in the same
        // allocation (0 bytes for a dangling pointer).
        unsafe {
            self.slots
                .as_ptr()
                .cast::<u8>()
                .sub(self.ilen as usize * INDEX)
        }
    }

    /// The index table and the entry slots in use.
    #[inline(always)]
    pub(super) fn split(&self) -> (&[i32], &[Slot]) {
        // SAFETY: the allocation holds `ilen` initialised i32s, then `len` initialised slots
        // (a dangling, aligned pointer is valid for empty slices); `&self` keeps them alive
        // and unmodified.
        unsafe {
            (
                std::slice::from_raw_parts(self.base().cast::<i32>(), self.ilen as usize),
                std::slice::from_raw_parts(self.slots(), self.len as usize),
            )
        }
    }

    /// The index table and the entry slots in use, both writable.
    #[inline(always)]
    pub(super) fn split_mut(&mut self) -> (&mut [i32], &mut [Slot]) {
        // SAFETY: as in `split`; the two slices do not overlap and `&mut self` is unique.
        unsafe {
            (
                std::slice::from_raw_parts_mut(self.base().cast::<i32>(), self.ilen as usize),
                std::slice::from_raw_parts_mut(self.slots(), self.len as usize),
            )
        }
    }

    /// The index table.
    #[inline(always)]
    pub(super) fn indices(&self) -> &[i32] {
        self.split().0
    }

    /// The entry slots in use.
    #[inline(always)]
    pub(super) fn entries(&self) -> &[Slot] {
        self.split().1
    }

    /// The entry slots in use, writable.
    #[inline(always)]
    pub(super) fn entries_mut(&mut self) -> &mut [Slot] {
        self.split_mut().1
    }

    /// Appends an entry slot, making room when full (the dict's resize check keeps that from
    /// happening on the insert paths; it is the fallback, not the plan).
    #[inline]
    pub(super) fn push(&mut self, slot: Slot) {
        if self.len == self.cap {
            self.grow();
        }
        // SAFETY: `len < cap`, so the slot after the last initialised one is in the
        // allocation and uninitialised.
        unsafe { self.slots().add(self.len as usize).write(slot) };
        self.len += 1;
    }

    /// Doubles the room for entries, keeping the index table and the entries.
    #[cold]
    fn grow(&mut self) {
        let old = self.current_layout();
        let cap = (self.capacity() * 2).max(4);
        let new = Self::layout(self.ilen(), cap);
        let base = if old.size() == 0 {
            Self::allocate(new)
        } else {
            // SAFETY: the allocation was made with `old`; the new size is larger and
            // non-zero; realloc keeps the prefix (the index table and the initialised
            // entries).
            let p = unsafe { realloc(self.base(), old, new.size()) };
            NonNull::new(p).unwrap_or_else(|| handle_alloc_error(new))
        };
        // SAFETY: the entries follow the index table in the new allocation.
        self.slots = unsafe { base.add(self.ilen() * INDEX).cast() };
        self.cap = count(cap);
    }

    /// A table with `ilen` fresh index slots (all -1) and room for `cap` entries, holding
    /// this one's live (Some) entries in order, moved run by run (the None slots between
    /// them own nothing and are dropped as they are). Panics if they do not fit.
    pub(super) fn compacted(mut self, ilen: usize, cap: usize) -> Keys {
        let mut out = Keys::with_indices(ilen, cap);
        let (n, src, dst) = (self.len(), self.slots(), out.slots());
        // From here on the slots are `out`'s or forgotten: a panic leaks, never frees twice.
        self.len = 0;
        let (mut i, mut j) = (0, 0);
        // SAFETY: slots `i < n` of `self` are initialised and each is read (moved) at most
        // once; `j + run <= cap` slots of `out` are written, each once, before `len` covers
        // them.
        unsafe {
            while i < n {
                if (*src.add(i)).is_none() {
                    i += 1;
                    continue;
                }
                let start = i;
                while i < n && (*src.add(i)).is_some() {
                    i += 1;
                }
                let run = i - start;
                assert!(j + run <= cap, "compacted entries fit");
                std::ptr::copy_nonoverlapping(src.add(start), dst.add(j), run);
                j += run;
            }
        }
        out.len = count(j);
        out
    }

    /// Hands every entry slot, in order, to `f`, consuming the table (the allocation is freed
    /// afterwards; should `f` panic, the slots not yet handed over leak, nothing is freed
    /// twice).
    pub(super) fn into_each(mut self, mut f: impl FnMut(Slot)) {
        let n = self.len as usize;
        let slots = self.slots();
        self.len = 0;
        for i in 0..n {
            // SAFETY: slot `i < n` was initialised and, with `len` now 0, is read only here.
            f(unsafe { slots.add(i).read() });
        }
    }
}

impl Default for Keys {
    fn default() -> Keys {
        Keys::new()
    }
}

impl Clone for Keys {
    fn clone(&self) -> Keys {
        let base = Self::allocate(Self::layout(self.ilen(), self.capacity()));
        let mut out = Keys {
            // SAFETY: the entries follow the index table in the allocation.
            slots: unsafe { base.add(self.ilen() * INDEX).cast() },
            ilen: self.ilen,
            len: 0,
            cap: self.cap,
            fill: self.fill,
        };
        let (indices, entries) = self.split();
        // SAFETY: both allocations start with `ilen` index slots.
        unsafe {
            std::ptr::copy_nonoverlapping(
                indices.as_ptr(),
                base.as_ptr().cast::<i32>(),
                indices.len(),
            )
        };
        for e in entries {
            out.push(e.clone());
        }
        out
    }
}

impl Drop for Keys {
    // Kept out of line: inlined, it made every object's drop glue bigger (more registers
    // saved and restored for every object freed, dicts or not).
    #[inline(never)]
    fn drop(&mut self) {
        // SAFETY: the first `len` slots are initialised and dropped once; then the
        // allocation (if any) is freed with the layout it was made with.
        unsafe {
            std::ptr::drop_in_place(std::ptr::slice_from_raw_parts_mut(
                self.slots(),
                self.len as usize,
            ));
            let layout = self.current_layout();
            if layout.size() != 0 {
                dealloc(self.base(), layout);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vm::value::Value;

    fn entry(i: i64) -> Slot {
        Some(Entry {
            hash: i,
            key: Value::str(&format!("key{i}")),
            value: Value::Int(i),
        })
    }

    #[test]
    fn keys_hold_indices_and_entries_apart() {
        let mut k = Keys::with_indices(16, 2);
        assert!(k.indices().iter().all(|&i| i == -1));
        for i in 0..20 {
            k.push(entry(i));
        }
        k.split_mut().0[3] = 7;
        let c = k.clone();
        drop(k);
        assert_eq!(c.indices()[3], 7);
        assert_eq!(c.len(), 20);
        assert_eq!(c.entries()[19].as_ref().map(|e| e.hash), Some(19));
        let mut seen = Vec::new();
        c.into_each(|e| seen.push(e.map(|e| e.hash)));
        assert_eq!(seen.len(), 20);
        let s = Keys::empty_slots(8);
        assert!(s.entries().iter().all(Option::is_none));
        assert_eq!(std::mem::size_of::<Keys>(), 24);
    }
}
