//! `LocalsPlus`: a frame's fast locals, cells and operand stack in one buffer, as CPython's
//! `_PyInterpreterFrame.localsplus` holds them (locals, then cells and free variables, then
//! the stack).
//!
//! Every suspended coroutine keeps its frame, so the frame's buffers are what 100k tasks pay
//! for: one buffer sized exactly `nlocals + ncells + max stack depth` (16 bytes a slot) is
//! one allocation where a locals vector and a stack vector were two, each with its own
//! header or capacity slack. The handle is 20 bytes: a pointer to the stack's first slot and
//! 32-bit counts, so that the operand stack's push, pop and peek cost what a vector's do.

use super::value::{ObjRef, Value};
use std::alloc::{Layout, alloc, dealloc, handle_alloc_error, realloc};
use std::ops::{Deref, DerefMut};
use std::ptr::NonNull;

/// A frame's locals and cells (the prefix, each slot an `Option<Value>`: None is an unbound
/// local) followed by its operand stack (each slot a `Value`), in one allocation.
///
/// The handle points at the stack's first slot, so that the stack's operations are a
/// vector's; the prefix lies `base` slots below it. Packed to 4-byte alignment (20 bytes)
/// so that the frame's 32-bit instruction index fits the word the counts leave (a frame is
/// then 56 bytes, a mimalloc size class; 64 is the next). Fields are only ever
/// read and written by value (a packed field cannot be borrowed).
#[repr(C, packed(4))]
pub struct LocalsPlus {
    /// The stack's first slot, `base` slots into the buffer; dangling when there is no
    /// buffer (then `base` and `cap` are 0).
    stack: NonNull<Value>,
    /// Stack items initialised (from `stack` on).
    len: u32,
    /// Stack slots allocated (from `stack` on).
    cap: u32,
    /// Slots below the stack (the locals, then the cells), every one initialised.
    base: u32,
}

/// A stack slot and a prefix slot share one layout, so that one allocation holds both and
/// a slot moves from the stack's spare room to the prefix by moving `stack` past it.
const _: () = {
    assert!(std::mem::size_of::<Value>() == std::mem::size_of::<Option<Value>>());
    assert!(std::mem::align_of::<Value>() == std::mem::align_of::<Option<Value>>());
    assert!(std::mem::size_of::<Value>() > 0);
    assert!(std::mem::size_of::<LocalsPlus>() == 20);
};

/// The layout of a buffer of `slots` slots.
fn layout(slots: usize) -> Layout {
    Layout::array::<Value>(slots).expect("LocalsPlus capacity overflow")
}

/// `n` as a 32-bit count.
fn count(n: usize) -> u32 {
    u32::try_from(n).expect("LocalsPlus capacity overflow")
}

impl LocalsPlus {
    /// An empty buffer (no allocation).
    #[inline]
    pub const fn new() -> Self {
        LocalsPlus {
            stack: NonNull::dangling(),
            len: 0,
            cap: 0,
            base: 0,
        }
    }

    /// The buffer's first slot (the first local).
    #[inline(always)]
    fn start(&self) -> *mut Option<Value> {
        let (stack, base) = (self.stack, self.base as usize);
        // SAFETY: `stack` is `base` slots into the buffer (or dangling with `base == 0`:
        // then the pointer is unchanged).
        unsafe { stack.as_ptr().cast::<Option<Value>>().sub(base) }
    }

    /// The number of stack items.
    #[inline(always)]
    pub fn len(&self) -> usize {
        self.len as usize
    }

    /// Whether the stack is empty.
    #[inline(always)]
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The number of stack items there is room for without reallocating.
    #[inline(always)]
    pub fn capacity(&self) -> usize {
        self.cap as usize
    }

    /// The stack's first slot (dangling when there is no buffer).
    #[inline(always)]
    pub fn as_ptr(&self) -> *const Value {
        self.stack.as_ptr()
    }

    /// The stack's first slot, writable (dangling when there is no buffer).
    #[inline(always)]
    pub fn as_mut_ptr(&mut self) -> *mut Value {
        self.stack.as_ptr()
    }

    /// Sets the stack's length without dropping or initialising anything.
    ///
    /// # Safety
    /// As `Vec::set_len`: `new_len <= capacity()` and stack items `0..new_len` are
    /// initialised.
    #[inline(always)]
    pub unsafe fn set_len(&mut self, new_len: usize) {
        debug_assert!(new_len <= self.cap as usize);
        self.len = new_len as u32;
    }

    /// Pushes `x` onto the stack.
    #[inline(always)]
    pub fn push(&mut self, x: Value) {
        let len = self.len;
        if len == self.cap {
            self.grow(1, false);
        }
        // SAFETY: `len < cap` now, so stack slot `len` is in the buffer and holds nothing;
        // it is written once, then counted.
        unsafe { self.stack.as_ptr().add(len as usize).write(x) };
        self.len = len + 1;
    }

    /// Pops the stack's top item.
    #[inline(always)]
    pub fn pop(&mut self) -> Option<Value> {
        let len = self.len;
        if len == 0 {
            return None;
        }
        self.len = len - 1;
        // SAFETY: stack item `len - 1` is initialised and no longer counted: it is moved
        // out exactly once.
        Some(unsafe { self.stack.as_ptr().add(len as usize - 1).read() })
    }

    /// Drops the stack items from index `n` on (nothing when `n >= len`).
    #[inline(always)]
    pub fn truncate(&mut self, n: usize) {
        let len = self.len as usize;
        if n >= len {
            return;
        }
        // SAFETY: stack items `n..len` are initialised; the length is lowered first, so a
        // panicking drop cannot drop one twice.
        unsafe {
            self.len = n as u32;
            std::ptr::drop_in_place(std::ptr::slice_from_raw_parts_mut(
                self.stack.as_ptr().add(n),
                len - n,
            ));
        }
    }

    /// Drops every stack item (the locals and cells stay).
    #[inline(always)]
    pub fn clear(&mut self) {
        self.truncate(0);
    }

    /// Makes room for `additional` more stack items (at least doubling the stack's room).
    #[inline]
    pub fn reserve(&mut self, additional: usize) {
        if additional > (self.cap - self.len) as usize {
            self.grow(additional, false);
        }
    }

    /// Makes room for exactly `additional` more stack items (when there is not already).
    #[inline]
    pub fn reserve_exact(&mut self, additional: usize) {
        if additional > (self.cap - self.len) as usize {
            self.grow(additional, true);
        }
    }

    /// Reallocates the buffer with room for `additional` more stack items: exactly that
    /// many, or (`exact` false) at least twice the stack's room, as `Vec` grows.
    #[cold]
    #[inline(never)]
    fn grow(&mut self, additional: usize, exact: bool) {
        let (base, len, cap) = (self.base as usize, self.len as usize, self.cap as usize);
        let needed = len
            .checked_add(additional)
            .expect("LocalsPlus capacity overflow");
        let new_cap = if exact {
            needed
        } else {
            needed.max(cap * 2).max(4)
        };
        // The whole buffer, prefix included, must stay addressable with 32-bit counts.
        count(base + new_cap);
        let new_layout = layout(base + new_cap);
        // SAFETY: a buffer exists exactly when `base + cap > 0`, allocated with
        // `layout(base + cap)` at `start()`; `realloc` keeps its contents (every slot's
        // bytes move as they are, so initialised slots stay initialised and are neither
        // dropped nor duplicated). The new size is non-zero since `needed > len`.
        let p = unsafe {
            if base + cap == 0 {
                alloc(new_layout)
            } else {
                realloc(
                    self.start().cast::<u8>(),
                    layout(base + cap),
                    new_layout.size(),
                )
            }
        };
        let Some(p) = NonNull::new(p.cast::<Value>()) else {
            handle_alloc_error(new_layout)
        };
        // SAFETY: the new buffer has `base + new_cap` slots.
        self.stack = unsafe { p.add(base) };
        self.cap = new_cap as u32;
    }

    /// The stack items from `at` on, moved out into a new `Vec` (panics when `at > len`).
    #[inline]
    pub fn split_off(&mut self, at: usize) -> Vec<Value> {
        let len = self.len as usize;
        assert!(at <= len, "split_off index out of range");
        let n = len - at;
        let mut out = Vec::with_capacity(n);
        // SAFETY: stack items `at..len` are initialised; the length is lowered to `at` and
        // each is moved once into `out`, which has room for `n`.
        unsafe {
            self.len = at as u32;
            std::ptr::copy_nonoverlapping(self.stack.as_ptr().add(at), out.as_mut_ptr(), n);
            out.set_len(n);
        }
        out
    }

    /// The locals, then the cells (every slot below the stack). CPython's LOAD_FAST reads
    /// `localsplus[i]`: an index the compiler gives a local is below `nlocals`.
    #[inline(always)]
    pub fn prefix(&self) -> &[Option<Value>] {
        // SAFETY: the `base` slots from `start()` are initialised `Option<Value>`s (with
        // `base == 0` the dangling pointer is aligned and the slice empty).
        unsafe { std::slice::from_raw_parts(self.start(), self.base as usize) }
    }

    /// The locals, then the cells, writable.
    #[inline(always)]
    pub fn prefix_mut(&mut self) -> &mut [Option<Value>] {
        // SAFETY: as in `prefix`, and `&mut self` makes the borrow unique.
        unsafe { std::slice::from_raw_parts_mut(self.start(), self.base as usize) }
    }

    /// Moves the first `n` stack slots into the prefix, after the slots already there.
    ///
    /// # Safety
    /// The stack is empty, `n <= capacity()`, and stack slots `0..n` have been written as
    /// initialised `Option<Value>`s.
    #[inline(always)]
    pub unsafe fn extend_prefix(&mut self, n: usize) {
        debug_assert!(self.len == 0 && n <= self.cap as usize);
        // SAFETY: the caller guarantees slots `0..n` from `stack` are in the buffer.
        self.stack = unsafe { self.stack.add(n) };
        self.cap -= n as u32;
        self.base += n as u32;
    }

    /// Appends `n` unbound locals to the prefix (the stack must be empty).
    #[inline]
    pub fn add_unbound(&mut self, n: usize) {
        assert!(self.len == 0, "locals added above a non-empty stack");
        self.reserve_exact(n);
        let p = self.stack.as_ptr().cast::<Option<Value>>();
        for i in 0..n {
            // SAFETY: `reserve_exact` made room for `n` stack slots, which hold nothing.
            unsafe { p.add(i).write(None) };
        }
        // SAFETY: the stack is empty and its slots `0..n` were just written.
        unsafe { self.extend_prefix(n) };
    }

    /// Appends the cell `cell` to the prefix (the stack must be empty).
    #[inline]
    pub fn add_cell(&mut self, cell: ObjRef) {
        assert!(self.len == 0, "a cell added above a non-empty stack");
        self.reserve_exact(1);
        // SAFETY: there is room for a stack slot, which holds nothing; it is written, then
        // moved into the prefix.
        unsafe {
            self.stack
                .as_ptr()
                .cast::<Option<Value>>()
                .write(Some(Value::Obj(cell)));
            self.extend_prefix(1);
        }
    }

    /// Whether there are no locals, cells or stack items (a new or `reset` buffer).
    #[inline(always)]
    pub fn is_reset(&self) -> bool {
        (self.base | self.len) == 0
    }

    /// Appends clones of `cells` (a closure's) to the prefix (the stack must be empty).
    #[inline]
    pub fn add_cells(&mut self, cells: &[ObjRef]) {
        assert!(self.len == 0, "cells added above a non-empty stack");
        self.reserve_exact(cells.len());
        let p = self.stack.as_ptr().cast::<Option<Value>>();
        for (i, cell) in cells.iter().enumerate() {
            // SAFETY: `reserve_exact` made room for `cells.len()` stack slots, which hold
            // nothing; each is written once (a panic leaves them uncounted: leaked).
            unsafe { p.add(i).write(Some(Value::Obj(cell.clone()))) };
        }
        // SAFETY: the stack is empty and its slots `0..cells.len()` were just written.
        unsafe { self.extend_prefix(cells.len()) };
    }

    /// Drops every item, local and cell, keeping the buffer (all of it stack room again).
    #[inline(always)]
    pub fn reset(&mut self) {
        self.clear();
        let base = self.base as usize;
        if base == 0 {
            return;
        }
        let start = self.start();
        // The buffer is made all stack first, so that a panicking drop leaves no slot
        // counted twice or dropped twice.
        // SAFETY: `start()` is the buffer's first slot; `base + cap` slots were allocated.
        self.stack = unsafe { NonNull::new_unchecked(start.cast::<Value>()) };
        self.cap += base as u32;
        self.base = 0;
        // Only an object owns anything: the test inline is cheaper than the generic slice
        // drop's call for a frame's few locals, mostly numbers.
        for i in 0..base {
            // SAFETY: the old prefix, `base` initialised slots from `start`, is no longer
            // counted: each slot holding an object is dropped exactly once.
            unsafe {
                let slot = start.add(i);
                if let Some(Value::Obj(_)) = &*slot {
                    std::ptr::drop_in_place(slot);
                }
            }
        }
    }
}

impl Drop for LocalsPlus {
    fn drop(&mut self) {
        self.reset();
        let cap = self.cap as usize;
        if cap > 0 {
            // SAFETY: after `reset` the buffer is `cap` slots from `stack`, allocated with
            // `layout(cap)`, and holds nothing initialised.
            unsafe { dealloc(self.stack.as_ptr().cast::<u8>(), layout(cap)) };
        }
    }
}

impl Default for LocalsPlus {
    fn default() -> Self {
        LocalsPlus::new()
    }
}

impl Deref for LocalsPlus {
    type Target = [Value];

    /// The operand stack's items (bottom first).
    #[inline(always)]
    fn deref(&self) -> &[Value] {
        // SAFETY: the first `len` stack slots are initialised; the pointer is non-null and
        // aligned (dangling only with `len == 0`).
        unsafe { std::slice::from_raw_parts(self.stack.as_ptr(), self.len as usize) }
    }
}

impl DerefMut for LocalsPlus {
    #[inline(always)]
    fn deref_mut(&mut self) -> &mut [Value] {
        // SAFETY: as in `deref`, and `&mut self` makes the borrow unique.
        unsafe { std::slice::from_raw_parts_mut(self.stack.as_ptr(), self.len as usize) }
    }
}

impl Extend<Value> for LocalsPlus {
    fn extend<I: IntoIterator<Item = Value>>(&mut self, iter: I) {
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

impl RawStack<Value> for LocalsPlus {
    #[inline(always)]
    fn len(&self) -> usize {
        LocalsPlus::len(self)
    }
    #[inline(always)]
    fn as_ptr(&self) -> *const Value {
        LocalsPlus::as_ptr(self)
    }
    #[inline(always)]
    unsafe fn set_len(&mut self, new_len: usize) {
        // SAFETY: the caller upholds `set_len`'s contract.
        unsafe { LocalsPlus::set_len(self, new_len) }
    }
}

#[cfg(test)]
mod tests {
    use super::LocalsPlus;
    use crate::vm::object::{Obj, Payload};
    use crate::vm::value::{ObjRef, Value};

    /// A fresh object and a value referring to it, to count references with.
    fn marker() -> (ObjRef, Value) {
        let o = Obj::new(Payload::Object);
        (o.clone(), Value::Obj(o))
    }

    #[test]
    fn stack_push_pop_split_truncate_drop() {
        let (o, v) = marker();
        let mut s = LocalsPlus::new();
        assert!(s.is_empty() && s.capacity() == 0 && s.pop().is_none());
        s.reserve_exact(2);
        assert_eq!(s.capacity(), 2);
        for _ in 0..10 {
            s.push(v.clone());
        }
        assert_eq!((s.len(), ObjRef::strong_count(&o)), (10, 12));
        let tail = s.split_off(7);
        assert_eq!((s.len(), tail.len(), ObjRef::strong_count(&o)), (7, 3, 12));
        drop(tail);
        s.truncate(4);
        assert_eq!((s.len(), ObjRef::strong_count(&o)), (4, 6));
        assert!(s.pop().is_some());
        s.extend(std::iter::repeat_n(v.clone(), 3));
        assert_eq!((s.iter().count(), ObjRef::strong_count(&o)), (6, 8));
        s.swap(0, 5);
        let cap = s.capacity();
        s.clear();
        assert_eq!(
            (s.len(), s.capacity(), ObjRef::strong_count(&o)),
            (0, cap, 2)
        );
        s.push(v.clone());
        drop(s);
        assert_eq!(ObjRef::strong_count(&o), 2);
    }

    #[test]
    fn locals_cells_then_stack_in_one_buffer() {
        let (o, v) = marker();
        let (cell, _) = marker();
        let mut s = LocalsPlus::new();
        s.reserve_exact(2 + 1 + 2);
        let cap = s.capacity();
        s.add_unbound(2);
        s.add_cell(cell.clone());
        // Exactly sized: the prefix took three of the five slots, the stack has the rest.
        assert_eq!((s.prefix().len(), s.capacity(), cap), (3, 2, 5));
        s.prefix_mut()[1] = Some(v.clone());
        assert!(s.prefix()[0].is_none() && s.prefix()[1].is_some());
        assert!(matches!(&s.prefix()[2], Some(Value::Obj(c)) if ObjRef::ptr_eq(c, &cell)));
        s.push(v.clone());
        s.push(v.clone());
        assert_eq!(ObjRef::strong_count(&o), 5);
        // Growth moves the prefix with the stack.
        s.push(v.clone());
        assert!(s.capacity() >= 3 && s.prefix()[1].is_some());
        assert_eq!(
            (
                s.len(),
                ObjRef::strong_count(&o),
                ObjRef::strong_count(&cell)
            ),
            (3, 6, 2)
        );
        // A reset drops everything and keeps the whole buffer as stack room.
        s.reset();
        assert!(s.prefix().is_empty() && s.is_empty() && s.capacity() >= 6);
        assert_eq!(
            (ObjRef::strong_count(&o), ObjRef::strong_count(&cell)),
            (2, 1)
        );
        s.add_unbound(1);
        s.prefix_mut()[0] = Some(v.clone());
        s.push(v.clone());
        drop(s);
        assert_eq!(ObjRef::strong_count(&o), 2);
    }

    #[test]
    fn prefix_written_in_place() {
        let (o, v) = marker();
        let mut s = LocalsPlus::new();
        s.reserve_exact(3);
        let p = s.as_mut_ptr().cast::<Option<Value>>();
        // SAFETY: three stack slots of room, each written once before `extend_prefix`.
        unsafe {
            p.write(Some(v.clone()));
            p.add(1).write(None);
            p.add(2).write(Some(v.clone()));
            s.extend_prefix(3);
        }
        assert_eq!((s.prefix().len(), s.capacity()), (3, 0));
        // No room left: the first push grows the buffer.
        s.push(v.clone());
        assert_eq!((s.len(), ObjRef::strong_count(&o)), (1, 5));
        drop(s);
        assert_eq!(ObjRef::strong_count(&o), 2);
    }

    #[test]
    fn closure_cells_cloned_into_the_prefix() {
        let (cell, _) = marker();
        let mut s = LocalsPlus::new();
        s.add_unbound(1);
        s.add_cells(&[cell.clone(), cell.clone()]);
        assert_eq!((s.prefix().len(), ObjRef::strong_count(&cell)), (3, 3));
        s.push(Value::None);
        drop(s);
        assert_eq!(ObjRef::strong_count(&cell), 1);
    }

    #[test]
    #[should_panic(expected = "non-empty stack")]
    fn no_locals_above_a_stack_item() {
        let mut s = LocalsPlus::new();
        s.push(Value::None);
        s.add_unbound(1);
    }
}
