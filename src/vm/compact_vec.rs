//! `CompactVec`: a `Vec` with 32-bit length and capacity, two words wide instead of three,
//! for a frame's operand stack (every suspended coroutine keeps one).

use std::marker::PhantomData;
use std::mem::ManuallyDrop;
use std::ops::{Deref, DerefMut};
use std::ptr::NonNull;

/// A growable array of `T` whose buffer is a `Vec<T>`'s (growth and freeing go through
/// `Vec`), with the length and capacity stored as `u32`.
pub struct CompactVec<T> {
    /// The buffer: dangling when `cap == 0`, else a `Vec<T>` allocation of `cap` items
    /// whose first `len` are initialised.
    ptr: NonNull<T>,
    /// Items initialised.
    len: u32,
    /// Items there is room for.
    cap: u32,
    /// The vector owns its items.
    _items: PhantomData<T>,
}

impl<T> CompactVec<T> {
    /// Zero-sized items would make `Vec`'s capacity `usize::MAX` (none are stored here).
    const SIZED: () = assert!(std::mem::size_of::<T>() > 0);

    /// An empty vector (no allocation).
    #[inline]
    pub const fn new() -> Self {
        let () = Self::SIZED;
        CompactVec {
            ptr: NonNull::dangling(),
            len: 0,
            cap: 0,
            _items: PhantomData,
        }
    }

    /// Moves the buffer out as a `Vec`, leaving `self` empty (so a panic while the `Vec` is
    /// worked on frees it once and leaves `self` valid).
    fn take_vec(&mut self) -> Vec<T> {
        // SAFETY: `ptr`, `len` and `cap` describe a `Vec<T>` buffer (or a dangling pointer
        // with capacity 0, which is what `Vec::new` holds); `self` forgets it at once.
        let v =
            unsafe { Vec::from_raw_parts(self.ptr.as_ptr(), self.len as usize, self.cap as usize) };
        self.ptr = NonNull::dangling();
        self.len = 0;
        self.cap = 0;
        v
    }

    /// Takes over the buffer of `v` (`self` must be empty with no buffer).
    fn put_vec(&mut self, v: Vec<T>) {
        let cap = u32::try_from(v.capacity()).expect("CompactVec capacity overflow");
        let mut v = ManuallyDrop::new(v);
        self.len = v.len() as u32;
        self.cap = cap;
        // A `Vec`'s pointer is never null (dangling when it has no buffer).
        self.ptr = NonNull::new(v.as_mut_ptr()).unwrap_or(NonNull::dangling());
    }

    /// Runs `f` on the buffer as a `Vec` (for the rare operations that may reallocate).
    #[inline]
    fn with_vec<R>(&mut self, f: impl FnOnce(&mut Vec<T>) -> R) -> R {
        let mut v = self.take_vec();
        let r = f(&mut v);
        self.put_vec(v);
        r
    }

    /// The number of items.
    #[inline(always)]
    pub fn len(&self) -> usize {
        self.len as usize
    }

    /// Whether there are no items.
    #[inline(always)]
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The number of items there is room for without reallocating.
    #[inline(always)]
    pub fn capacity(&self) -> usize {
        self.cap as usize
    }

    /// The buffer's first item (dangling when there is no buffer).
    #[inline(always)]
    pub fn as_ptr(&self) -> *const T {
        self.ptr.as_ptr()
    }

    /// The buffer's first item, writable (dangling when there is no buffer).
    #[inline(always)]
    pub fn as_mut_ptr(&mut self) -> *mut T {
        self.ptr.as_ptr()
    }

    /// Sets the length without dropping or initialising anything.
    ///
    /// # Safety
    /// As `Vec::set_len`: `new_len <= capacity()` and items `0..new_len` are initialised.
    #[inline(always)]
    pub unsafe fn set_len(&mut self, new_len: usize) {
        debug_assert!(new_len <= self.cap as usize);
        self.len = new_len as u32;
    }

    /// Appends `x`.
    #[inline(always)]
    pub fn push(&mut self, x: T) {
        if self.len == self.cap {
            self.grow_one();
        }
        // SAFETY: `len < cap` now, so slot `len` is in the buffer and uninitialised; it is
        // written once, then counted.
        unsafe { self.ptr.as_ptr().add(self.len as usize).write(x) };
        self.len += 1;
    }

    /// Makes room for one more item (as `Vec::push` does when full: at least doubling).
    #[cold]
    #[inline(never)]
    fn grow_one(&mut self) {
        self.with_vec(|v| v.reserve(1));
    }

    /// Removes and returns the last item.
    #[inline(always)]
    pub fn pop(&mut self) -> Option<T> {
        if self.len == 0 {
            return None;
        }
        self.len -= 1;
        // SAFETY: item `len` (the old last) is initialised and no longer counted: it is
        // moved out exactly once.
        Some(unsafe { self.ptr.as_ptr().add(self.len as usize).read() })
    }

    /// Drops the items from index `n` on (nothing when `n >= len`).
    #[inline(always)]
    pub fn truncate(&mut self, n: usize) {
        let len = self.len as usize;
        if n >= len {
            return;
        }
        // SAFETY: items `n..len` are initialised; the length is lowered first, so a
        // panicking drop cannot drop one twice.
        unsafe {
            self.len = n as u32;
            std::ptr::drop_in_place(std::ptr::slice_from_raw_parts_mut(
                self.ptr.as_ptr().add(n),
                len - n,
            ));
        }
    }

    /// Drops every item, keeping the buffer.
    #[inline(always)]
    pub fn clear(&mut self) {
        self.truncate(0);
    }

    /// Makes room for `additional` more items (growing as `Vec::reserve` does).
    #[inline]
    pub fn reserve(&mut self, additional: usize) {
        if additional > (self.cap - self.len) as usize {
            self.with_vec(|v| v.reserve(additional));
        }
    }

    /// Makes room for exactly `additional` more items (when there is not already).
    #[inline]
    pub fn reserve_exact(&mut self, additional: usize) {
        if additional > (self.cap - self.len) as usize {
            self.with_vec(|v| v.reserve_exact(additional));
        }
    }

    /// The items from `at` on, moved out into a new `Vec` (panics when `at > len`).
    #[inline]
    pub fn split_off(&mut self, at: usize) -> Vec<T> {
        let len = self.len as usize;
        assert!(at <= len, "split_off index out of range");
        let n = len - at;
        let mut out = Vec::with_capacity(n);
        // SAFETY: items `at..len` are initialised; the length is lowered to `at` and each is
        // moved once into `out`, which has room for `n`.
        unsafe {
            self.len = at as u32;
            std::ptr::copy_nonoverlapping(self.ptr.as_ptr().add(at), out.as_mut_ptr(), n);
            out.set_len(n);
        }
        out
    }
}

impl<T: Clone> CompactVec<T> {
    /// Grows with clones of `value` or truncates to `new_len` items.
    pub fn resize(&mut self, new_len: usize, value: T) {
        if new_len <= self.len as usize {
            self.truncate(new_len);
        } else {
            self.with_vec(|v| v.resize(new_len, value));
        }
    }
}

impl<T> Drop for CompactVec<T> {
    fn drop(&mut self) {
        drop(self.take_vec());
    }
}

impl<T> Default for CompactVec<T> {
    fn default() -> Self {
        CompactVec::new()
    }
}

impl<T> Deref for CompactVec<T> {
    type Target = [T];

    #[inline(always)]
    fn deref(&self) -> &[T] {
        // SAFETY: the first `len` items are initialised; the pointer is non-null and aligned
        // (dangling only with `len == 0`).
        unsafe { std::slice::from_raw_parts(self.ptr.as_ptr(), self.len as usize) }
    }
}

impl<T> DerefMut for CompactVec<T> {
    #[inline(always)]
    fn deref_mut(&mut self) -> &mut [T] {
        // SAFETY: as in `deref`, and `&mut self` makes the borrow unique.
        unsafe { std::slice::from_raw_parts_mut(self.ptr.as_ptr(), self.len as usize) }
    }
}

impl<T> Extend<T> for CompactVec<T> {
    fn extend<I: IntoIterator<Item = T>>(&mut self, iter: I) {
        let iter = iter.into_iter();
        let (lower, _) = iter.size_hint();
        self.reserve(lower);
        iter.for_each(|x| self.push(x));
    }
}

/// The raw parts of a stack of values that arguments are moved out of (a frame's stack, or
/// a `Vec` of arguments).
#[allow(clippy::len_without_is_empty)]
pub trait RawStack<T> {
    /// The number of items.
    fn len(&self) -> usize;
    /// The first item.
    fn as_ptr(&self) -> *const T;
    /// Sets the length without dropping anything.
    ///
    /// # Safety
    /// As `Vec::set_len`.
    unsafe fn set_len(&mut self, new_len: usize);
}

impl<T> RawStack<T> for Vec<T> {
    #[inline(always)]
    fn len(&self) -> usize {
        Vec::len(self)
    }
    #[inline(always)]
    fn as_ptr(&self) -> *const T {
        Vec::as_ptr(self)
    }
    #[inline(always)]
    unsafe fn set_len(&mut self, new_len: usize) {
        // SAFETY: the caller upholds `Vec::set_len`'s contract.
        unsafe { Vec::set_len(self, new_len) }
    }
}

impl<T> RawStack<T> for CompactVec<T> {
    #[inline(always)]
    fn len(&self) -> usize {
        CompactVec::len(self)
    }
    #[inline(always)]
    fn as_ptr(&self) -> *const T {
        CompactVec::as_ptr(self)
    }
    #[inline(always)]
    unsafe fn set_len(&mut self, new_len: usize) {
        // SAFETY: the caller upholds `set_len`'s contract.
        unsafe { CompactVec::set_len(self, new_len) }
    }
}

#[cfg(test)]
mod tests {
    use super::CompactVec;
    use std::rc::Rc;

    #[test]
    fn push_pop_split_truncate_drop() {
        let marker = Rc::new(());
        let mut v: CompactVec<Rc<()>> = CompactVec::new();
        assert!(v.is_empty() && v.capacity() == 0 && v.pop().is_none());
        v.reserve_exact(2);
        assert_eq!(v.capacity(), 2);
        for _ in 0..10 {
            v.push(marker.clone());
        }
        assert_eq!((v.len(), Rc::strong_count(&marker)), (10, 11));
        let tail = v.split_off(7);
        assert_eq!((v.len(), tail.len(), Rc::strong_count(&marker)), (7, 3, 11));
        drop(tail);
        v.truncate(4);
        assert_eq!((v.len(), Rc::strong_count(&marker)), (4, 5));
        assert!(v.pop().is_some());
        v.extend(std::iter::repeat_n(marker.clone(), 3));
        v.resize(8, marker.clone());
        assert_eq!((v.iter().count(), Rc::strong_count(&marker)), (8, 9));
        v.swap(0, 7);
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
    fn two_words() {
        assert_eq!(
            std::mem::size_of::<CompactVec<crate::vm::value::Value>>(),
            16
        );
    }
}
