//! `ThinVec`: a growable array one pointer wide, for a frame's locals, cells and spilled
//! handler blocks.
//!
//! A `Vec` is three words (pointer, capacity, length) even when empty, and every suspended
//! coroutine keeps two of them (cells, blocks) that are almost always empty or hold one
//! item. A `ThinVec` keeps its length and capacity in front of its items, in the same
//! allocation, and an empty one points at a shared static header: no allocation, one word.

use std::alloc::{Layout, alloc, dealloc, handle_alloc_error, realloc};
use std::marker::PhantomData;
use std::ops::{Deref, DerefMut};
use std::ptr::NonNull;

/// The length and capacity at the start of a `ThinVec`'s allocation (the items follow).
#[repr(C, align(8))]
struct Header {
    /// Items initialised.
    len: u32,
    /// Items there is room for (0 only for `EMPTY`).
    cap: u32,
}

/// The header every empty `ThinVec` points at; never written (every write to a header is
/// behind `len > 0` or `len < cap`, and both are false here).
static EMPTY: Header = Header { len: 0, cap: 0 };

/// Bytes from the start of an allocation to its first item.
const DATA: usize = std::mem::size_of::<Header>();

/// A vector of `T` stored as one pointer; derefs to `[T]` like a `Vec`.
pub struct ThinVec<T> {
    /// `EMPTY`, or a live allocation of `layout(cap)` whose first `len` items are
    /// initialised.
    ptr: NonNull<Header>,
    /// The vector owns its items.
    _items: PhantomData<T>,
}

impl<T> ThinVec<T> {
    /// Items must fit the 8-byte alignment after the header (no item type here needs more).
    const ALIGN_OK: () = assert!(std::mem::align_of::<T>() <= DATA);

    /// An empty vector (no allocation).
    #[inline]
    pub fn new() -> Self {
        let () = Self::ALIGN_OK;
        ThinVec {
            ptr: NonNull::from(&EMPTY),
            _items: PhantomData,
        }
    }

    #[inline(always)]
    fn header(&self) -> &Header {
        // SAFETY: `ptr` is `EMPTY` or a live allocation starting with an initialised header.
        unsafe { self.ptr.as_ref() }
    }

    /// The first item's address (one past the header; never dereferenced when `cap == 0`).
    #[inline(always)]
    fn data(&self) -> *mut T {
        // SAFETY: `DATA` bytes past the header stay within (or one past the end of) the
        // header's object, `EMPTY` included.
        unsafe { self.ptr.as_ptr().cast::<u8>().add(DATA).cast::<T>() }
    }

    /// The number of items.
    #[inline(always)]
    pub fn len(&self) -> usize {
        self.header().len as usize
    }

    /// Whether there are no items.
    #[inline(always)]
    pub fn is_empty(&self) -> bool {
        self.header().len == 0
    }

    /// The number of items there is room for without reallocating.
    #[inline(always)]
    pub fn capacity(&self) -> usize {
        self.header().cap as usize
    }

    /// Appends `x`.
    #[inline(always)]
    pub fn push(&mut self, x: T) {
        let Header { len, cap } = *self.header();
        if len == cap {
            self.grow(1);
        }
        // SAFETY: `len < cap` now, so slot `len` is allocated (not `EMPTY`) and uninitialised;
        // it is written once, then counted.
        unsafe {
            self.data().add(len as usize).write(x);
            (*self.ptr.as_ptr()).len = len + 1;
        }
    }

    /// Removes and returns the last item.
    #[inline(always)]
    pub fn pop(&mut self) -> Option<T> {
        let len = self.header().len;
        if len == 0 {
            return None;
        }
        // SAFETY: `len > 0`, so this is a live allocation and item `len - 1` is initialised;
        // it is read out once and no longer counted.
        unsafe {
            (*self.ptr.as_ptr()).len = len - 1;
            Some(self.data().add(len as usize - 1).read())
        }
    }

    /// Drops the items from index `n` on (nothing when `n >= len`).
    #[inline(always)]
    pub fn truncate(&mut self, n: usize) {
        let len = self.len();
        if n >= len {
            return;
        }
        // SAFETY: `n < len`, so this is a live allocation and items `n..len` are initialised;
        // the length is lowered first, so a panicking drop cannot drop one twice.
        unsafe {
            (*self.ptr.as_ptr()).len = n as u32;
            std::ptr::drop_in_place(std::ptr::slice_from_raw_parts_mut(
                self.data().add(n),
                len - n,
            ));
        }
    }

    /// Drops every item, keeping the capacity.
    #[inline(always)]
    pub fn clear(&mut self) {
        self.truncate(0);
    }

    /// The first item's address, writable (dangling past the shared header when there is
    /// no allocation: nothing may be written there then).
    #[inline(always)]
    pub fn as_mut_ptr(&mut self) -> *mut T {
        self.data()
    }

    /// Sets the length without dropping or initialising anything.
    ///
    /// # Safety
    /// As `Vec::set_len`: `new_len <= capacity()` and items `0..new_len` are initialised
    /// (so with no allocation, only 0 may be set, and `EMPTY` is never written).
    #[inline(always)]
    pub unsafe fn set_len(&mut self, new_len: usize) {
        debug_assert!(new_len <= self.capacity());
        if new_len != self.len() {
            // SAFETY: the lengths differ, so the capacity is above 0: a live allocation.
            unsafe { (*self.ptr.as_ptr()).len = new_len as u32 };
        }
    }

    /// Makes room for `additional` more items (at least doubling when it must grow).
    #[inline(always)]
    pub fn reserve(&mut self, additional: usize) {
        let Header { len, cap } = *self.header();
        if additional > (cap - len) as usize {
            self.grow(additional);
        }
    }

    /// The vector as one non-null, 8-aligned pointer (rebuilt by `from_raw`).
    #[inline(always)]
    pub fn into_raw(self) -> NonNull<u8> {
        let p = self.ptr.cast();
        std::mem::forget(self);
        p
    }

    /// Rebuilds a vector from `into_raw`'s pointer.
    ///
    /// # Safety
    /// `p` came from `ThinVec::<T>::into_raw` and no other vector was rebuilt from it since.
    #[inline(always)]
    pub unsafe fn from_raw(p: NonNull<u8>) -> Self {
        ThinVec {
            ptr: p.cast(),
            _items: PhantomData,
        }
    }

    /// Makes room for exactly `additional` more items (when there is not already).
    pub fn reserve_exact(&mut self, additional: usize) {
        let Header { len, cap } = *self.header();
        let need = (len as usize).saturating_add(additional);
        if need > cap as usize {
            self.set_capacity(need);
        }
    }

    /// Makes room for `additional` more items, at least doubling the capacity.
    #[cold]
    #[inline(never)]
    fn grow(&mut self, additional: usize) {
        let Header { len, cap } = *self.header();
        let need = (len as usize).saturating_add(additional);
        if need > cap as usize {
            self.set_capacity(need.max(2 * cap as usize).max(4));
        }
    }

    /// The layout of an allocation with room for `cap` items.
    fn layout(cap: usize) -> Layout {
        std::mem::size_of::<T>()
            .checked_mul(cap)
            .and_then(|bytes| bytes.checked_add(DATA))
            .and_then(|size| Layout::from_size_align(size, DATA).ok())
            .expect("ThinVec capacity overflow")
    }

    /// Reallocates to room for `new_cap` (> len) items.
    fn set_capacity(&mut self, new_cap: usize) {
        let Header { len, cap } = *self.header();
        let new_cap32 = u32::try_from(new_cap).expect("ThinVec capacity overflow");
        let new_layout = Self::layout(new_cap);
        // SAFETY: a header-and-items layout is never zero-sized; an old allocation (cap > 0)
        // was made with `layout(cap)`; the header is written before anything reads it.
        unsafe {
            let p = if cap == 0 {
                alloc(new_layout)
            } else {
                realloc(
                    self.ptr.as_ptr().cast(),
                    Self::layout(cap as usize),
                    new_layout.size(),
                )
            };
            let Some(p) = NonNull::new(p.cast::<Header>()) else {
                handle_alloc_error(new_layout)
            };
            p.as_ptr().write(Header {
                len,
                cap: new_cap32,
            });
            self.ptr = p;
        }
    }
}

impl<T: Clone> ThinVec<T> {
    /// Grows with clones of `value` or truncates to `new_len` items.
    pub fn resize(&mut self, new_len: usize, value: T) {
        let len = self.len();
        if new_len <= len {
            self.truncate(new_len);
        } else {
            self.reserve_exact(new_len - len);
            (len..new_len).for_each(|_| self.push(value.clone()));
        }
    }
}

impl<T> Drop for ThinVec<T> {
    fn drop(&mut self) {
        let cap = self.capacity();
        if cap == 0 {
            return;
        }
        // SAFETY: `cap > 0`: a live allocation of `layout(cap)` whose first `len` items are
        // initialised; each is dropped once, then the block is freed.
        unsafe {
            std::ptr::drop_in_place(std::ptr::slice_from_raw_parts_mut(self.data(), self.len()));
            dealloc(self.ptr.as_ptr().cast(), Self::layout(cap));
        }
    }
}

impl<T> Default for ThinVec<T> {
    fn default() -> Self {
        ThinVec::new()
    }
}

impl<T> Deref for ThinVec<T> {
    type Target = [T];

    #[inline(always)]
    fn deref(&self) -> &[T] {
        // SAFETY: the first `len` items are initialised; `data()` is non-null and 8-aligned
        // (`ALIGN_OK`), also for `EMPTY` with `len == 0`.
        unsafe { std::slice::from_raw_parts(self.data(), self.len()) }
    }
}

impl<T> DerefMut for ThinVec<T> {
    #[inline(always)]
    fn deref_mut(&mut self) -> &mut [T] {
        // SAFETY: as in `deref`, and `&mut self` makes the borrow unique (a zero-length slice
        // of `EMPTY` touches no byte of it).
        unsafe { std::slice::from_raw_parts_mut(self.data(), self.len()) }
    }
}

impl<T> Extend<T> for ThinVec<T> {
    fn extend<I: IntoIterator<Item = T>>(&mut self, iter: I) {
        let iter = iter.into_iter();
        let (lower, _) = iter.size_hint();
        if lower > self.capacity() - self.len() {
            self.grow(lower);
        }
        iter.for_each(|x| self.push(x));
    }
}

#[cfg(test)]
mod tests {
    use super::ThinVec;
    use std::rc::Rc;

    #[test]
    fn push_pop_truncate_extend_drop() {
        let marker = Rc::new(());
        let mut v: ThinVec<Rc<()>> = ThinVec::new();
        assert!(v.is_empty() && v.capacity() == 0 && v.pop().is_none());
        v.truncate(0);
        v.clear();
        v.reserve_exact(1);
        assert_eq!(v.capacity(), 1);
        for _ in 0..10 {
            v.push(marker.clone());
        }
        assert_eq!((v.len(), Rc::strong_count(&marker)), (10, 11));
        v.truncate(4);
        assert_eq!((v.len(), Rc::strong_count(&marker)), (4, 5));
        assert!(v.pop().is_some());
        v.extend(std::iter::repeat_n(marker.clone(), 3));
        assert_eq!((v.iter().count(), Rc::strong_count(&marker)), (6, 7));
        let cap = v.capacity();
        v.clear();
        assert_eq!(
            (v.len(), v.capacity(), Rc::strong_count(&marker)),
            (0, cap, 1)
        );
        v.push(marker.clone());
        drop(v);
        assert_eq!(Rc::strong_count(&marker), 1);
    }

    #[test]
    fn index_and_last() {
        let mut v: ThinVec<(u32, u32)> = ThinVec::default();
        assert_eq!(v.last(), None);
        v.push((1, 2));
        v.push((3, 4));
        v[0].1 = 9;
        assert_eq!(
            (v[0], v.last().copied(), v.get(2)),
            ((1, 9), Some((3, 4)), None)
        );
    }
}
