//! `ObjRc`: the reference-counted pointer behind `ObjRef`, `std::rc::Rc` with 32-bit counts.
//!
//! `Rc<T>` keeps two `usize` counts (16 bytes) in front of the value; an object (`Obj`: class,
//! dict and a 56-byte payload, 72 bytes) then takes 88 bytes and lands in mimalloc's 96-byte
//! size class. Two `u32` counts in one 8-byte header make it 80, the 80-byte class: 100k
//! suspended tasks are 200k objects, 3.2 MB less. Counting to 2^32 - 1 is enough: each
//! reference is at least 8 bytes, so overflowing takes 32 GiB of references to one object,
//! and on overflow the process aborts, as `Rc` does.
//!
//! This route was chosen over keeping `Rc` and moving `Obj::dict` out of line because it
//! changes no access: a clone is still a load, an add, an overflow test and a store, a drop
//! a decrement and a test, and an instance attribute still reads the dict pointer straight
//! from the object (benches/oop.py does little else).
//!
//! The API is `Rc`'s subset the interpreter uses, with the same meanings: the weak count
//! holds one extra reference shared by all strong ones, released after the value is dropped.

use std::alloc::{Layout, alloc, dealloc, handle_alloc_error};
use std::cell::Cell;
use std::fmt;
use std::marker::PhantomData;
use std::mem::{ManuallyDrop, offset_of};
use std::ops::Deref;
use std::ptr::{self, NonNull};

/// The allocation: the two counts, then the value.
#[repr(C)]
struct Inner<T> {
    /// Strong references; the value is dropped when it reaches 0.
    strong: Cell<u32>,
    /// Weak references plus one while `strong > 0`; the memory is freed when it reaches 0.
    weak: Cell<u32>,
    /// The shared value.
    value: T,
}

/// Adds one strong reference to `strong` (aborting on overflow, as `Rc` does).
#[inline(always)]
fn inc_strong(strong: &Cell<u32>) {
    let old = strong.get();
    // SAFETY: only a live strong reference (or an upgrade that checked) gets here, so the
    // count is at least 1; telling the optimiser so (as `Rc` does) lets it fold a clone
    // followed by a drop.
    unsafe { std::hint::assert_unchecked(old != 0) };
    let n = old.wrapping_add(1);
    strong.set(n);
    if n == 0 {
        std::process::abort();
    }
}

/// Adds one weak reference to `weak` (aborting on overflow).
#[inline(always)]
fn inc_weak(weak: &Cell<u32>) {
    let n = weak.get().wrapping_add(1);
    weak.set(n);
    if n == 0 {
        std::process::abort();
    }
}

/// The strong and weak counts of the allocation at `ptr`, reached without a reference to
/// the whole `Inner`: a weak reference outlives the value, which may be being dropped
/// through a `&mut` while the weak is used (what `std::rc::Weak`'s `WeakInner` is for).
///
/// # Safety
/// The allocation is alive (some strong or weak reference to it exists).
#[inline(always)]
unsafe fn counts<'a, T>(ptr: NonNull<Inner<T>>) -> (&'a Cell<u32>, &'a Cell<u32>) {
    let p = ptr.as_ptr();
    // SAFETY: the caller's promise; each reference covers one count field only.
    unsafe { (&(*p).strong, &(*p).weak) }
}

/// A single-threaded reference-counted pointer (`Rc<T>` with 32-bit counts).
///
/// Transparent over its `NonNull`, so that `Option<ObjRc<T>>` is guaranteed to be a
/// nullable pointer with None all zero bytes (attr_cache.rs's zeroed tables rely on it).
#[repr(transparent)]
pub struct ObjRc<T> {
    /// The allocation, valid while this reference exists.
    ptr: NonNull<Inner<T>>,
    /// Owns a `T` for the drop checker (and makes the type `!Send + !Sync`, as `Rc`).
    _owns: PhantomData<Inner<T>>,
}

/// A weak reference to an `ObjRc` allocation (`std::rc::Weak`, always allocated).
pub struct ObjWeak<T> {
    /// The allocation, kept (not its value) while this reference exists.
    ptr: NonNull<Inner<T>>,
    /// As in `ObjRc`.
    _owns: PhantomData<Inner<T>>,
}

impl<T> ObjRc<T> {
    /// A new allocation holding `value`, with one strong reference.
    #[inline]
    pub fn new(value: T) -> ObjRc<T> {
        let layout = Layout::new::<Inner<T>>();
        // SAFETY: `Inner<T>` holds two `u32`s, so its layout is never zero-sized.
        let raw = unsafe { alloc(layout) }.cast::<Inner<T>>();
        let Some(ptr) = NonNull::new(raw) else {
            handle_alloc_error(layout)
        };
        // SAFETY: `ptr` is a fresh allocation of `Inner<T>`'s layout, written once here.
        unsafe {
            ptr.as_ptr().write(Inner {
                strong: Cell::new(1),
                weak: Cell::new(1),
                value,
            })
        };
        ObjRc {
            ptr,
            _owns: PhantomData,
        }
    }

    /// The allocation's header and value.
    #[inline(always)]
    fn inner(&self) -> &Inner<T> {
        // SAFETY: a live `ObjRc` holds a strong reference, so the allocation and its value
        // are alive for at least as long as `self` is borrowed.
        unsafe { self.ptr.as_ref() }
    }

    /// True when both point to the same allocation (`Rc::ptr_eq`).
    #[inline(always)]
    pub fn ptr_eq(this: &ObjRc<T>, other: &ObjRc<T>) -> bool {
        this.ptr == other.ptr
    }

    /// A pointer to the value (`Rc::as_ptr`); the address identifies the object.
    #[inline(always)]
    pub fn as_ptr(this: &ObjRc<T>) -> *const T {
        // SAFETY: `ptr` points to a live `Inner<T>`; taking a field's address reads nothing.
        unsafe { &raw const (*this.ptr.as_ptr()).value }
    }

    /// The number of strong references (`Rc::strong_count`).
    #[inline(always)]
    pub fn strong_count(this: &ObjRc<T>) -> usize {
        this.inner().strong.get() as usize
    }

    /// The number of weak references (`Rc::weak_count`: the shared extra one not counted).
    #[inline(always)]
    pub fn weak_count(this: &ObjRc<T>) -> usize {
        this.inner().weak.get() as usize - 1
    }

    /// A weak reference to the same allocation (`Rc::downgrade`).
    #[inline]
    pub fn downgrade(this: &ObjRc<T>) -> ObjWeak<T> {
        inc_weak(&this.inner().weak);
        ObjWeak {
            ptr: this.ptr,
            _owns: PhantomData,
        }
    }

    /// The value, mutably, when this is the only reference, strong or weak (`Rc::get_mut`).
    #[inline]
    pub fn get_mut(this: &mut ObjRc<T>) -> Option<&mut T> {
        let inner = this.inner();
        if inner.strong.get() == 1 && inner.weak.get() == 1 {
            // SAFETY: no other `ObjRc` or `ObjWeak` exists, so nothing else can reach the
            // value while `this` is mutably borrowed.
            Some(unsafe { &mut (*this.ptr.as_ptr()).value })
        } else {
            None
        }
    }

    /// The value when this is the only strong reference, else `Err(this)` (`Rc::try_unwrap`).
    pub fn try_unwrap(this: ObjRc<T>) -> Result<T, ObjRc<T>> {
        if this.inner().strong.get() != 1 {
            return Err(this);
        }
        let this = ManuallyDrop::new(this);
        let inner = this.inner();
        inner.strong.set(0);
        // SAFETY: this was the only strong reference, so the value is read out exactly once
        // and never dropped in place (the strong count is now 0, so no upgrade can reach it).
        let value = unsafe { ptr::read(&inner.value) };
        // SAFETY: the strong references' shared weak reference is released here.
        unsafe { release_weak(this.ptr) };
        Ok(value)
    }

    /// Gives up the reference without dropping it: a pointer to the value (`Rc::into_raw`),
    /// to be returned with `from_raw` exactly once.
    #[inline(always)]
    pub fn into_raw(this: ObjRc<T>) -> *const T {
        let this = ManuallyDrop::new(this);
        ObjRc::as_ptr(&this)
    }

    /// Takes back a reference given up by `into_raw` (`Rc::from_raw`).
    ///
    /// # Safety
    /// `raw` must come from `ObjRc::<T>::into_raw`, and each such pointer is taken back once.
    #[inline(always)]
    pub unsafe fn from_raw(raw: *const T) -> ObjRc<T> {
        // SAFETY: `raw` points at the `value` field of a live `Inner<T>` (the caller's
        // contract), so stepping back by that field's offset stays inside the allocation.
        let inner = unsafe { raw.byte_sub(offset_of!(Inner<T>, value)) }.cast::<Inner<T>>();
        ObjRc {
            // SAFETY: derived from a non-null pointer into a live allocation.
            ptr: unsafe { NonNull::new_unchecked(inner.cast_mut()) },
            _owns: PhantomData,
        }
    }

    /// Adds a strong reference through a pointer from `into_raw` (`Rc::increment_strong_count`).
    ///
    /// # Safety
    /// `raw` must come from `ObjRc::<T>::into_raw` and its reference must still be held.
    #[inline(always)]
    pub unsafe fn increment_strong_count(raw: *const T) {
        // SAFETY: the caller guarantees `raw` is an `into_raw` pointer still held, so this
        // temporary reference (never dropped) points to a live allocation.
        let this = ManuallyDrop::new(unsafe { ObjRc::from_raw(raw) });
        inc_strong(&this.inner().strong);
    }

    /// Drops the value and releases the strong references' weak one: the last strong
    /// reference is gone (kept out of line so that every drop site stays a decrement and a
    /// test).
    #[cold]
    #[inline(never)]
    fn drop_slow(&mut self) {
        // SAFETY: the strong count just reached 0, so nothing else uses the value and it is
        // dropped exactly once (no upgrade succeeds from now on).
        unsafe { ptr::drop_in_place(&raw mut (*self.ptr.as_ptr()).value) };
        // SAFETY: the strong references' shared weak reference is released once, here.
        unsafe { release_weak(self.ptr) };
    }
}

/// Releases one weak reference, freeing the allocation when it was the last.
///
/// # Safety
/// The caller holds a weak reference to `ptr` (or the strong references' shared one), and the
/// value has been dropped or moved out if this may be the last.
#[inline]
unsafe fn release_weak<T>(ptr: NonNull<Inner<T>>) {
    // SAFETY: the caller's reference keeps the allocation (the counts) alive until here.
    let (_, weak) = unsafe { counts(ptr) };
    let n = weak.get() - 1;
    weak.set(n);
    if n == 0 {
        // SAFETY: no reference of either kind remains; the allocation came from `alloc` with
        // this layout, and the value in it was already dropped or moved out.
        unsafe { dealloc(ptr.as_ptr().cast(), Layout::new::<Inner<T>>()) };
    }
}

impl<T> Clone for ObjRc<T> {
    /// Another strong reference.
    #[inline(always)]
    fn clone(&self) -> ObjRc<T> {
        inc_strong(&self.inner().strong);
        ObjRc {
            ptr: self.ptr,
            _owns: PhantomData,
        }
    }
}

impl<T> Drop for ObjRc<T> {
    #[inline(always)]
    fn drop(&mut self) {
        let strong = &self.inner().strong;
        let n = strong.get() - 1;
        strong.set(n);
        if n == 0 {
            self.drop_slow();
        }
    }
}

impl<T> Deref for ObjRc<T> {
    type Target = T;
    #[inline(always)]
    fn deref(&self) -> &T {
        &self.inner().value
    }
}

impl<T> AsRef<T> for ObjRc<T> {
    #[inline(always)]
    fn as_ref(&self) -> &T {
        self
    }
}

impl<T: fmt::Debug> fmt::Debug for ObjRc<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&**self, f)
    }
}

impl<T> ObjWeak<T> {
    /// A strong reference when the value is still alive (`Weak::upgrade`).
    #[inline]
    pub fn upgrade(&self) -> Option<ObjRc<T>> {
        // SAFETY: a weak reference keeps the allocation (not the value) alive.
        let (strong, _) = unsafe { counts(self.ptr) };
        if strong.get() == 0 {
            return None;
        }
        inc_strong(strong);
        Some(ObjRc {
            ptr: self.ptr,
            _owns: PhantomData,
        })
    }

    /// The number of strong references (`Weak::strong_count`): 0 once the value is dropped.
    #[inline]
    pub fn strong_count(&self) -> usize {
        // SAFETY: a weak reference keeps the allocation (the counts) alive.
        unsafe { counts(self.ptr) }.0.get() as usize
    }

    /// A pointer to the value, which may have been dropped (`Weak::as_ptr`): an address to
    /// compare, never to read through unless the value is known to be alive.
    #[inline(always)]
    pub fn as_ptr(&self) -> *const T {
        // SAFETY: the allocation is alive while this weak reference exists; taking a field's
        // address reads nothing.
        unsafe { &raw const (*self.ptr.as_ptr()).value }
    }
}

impl<T> Clone for ObjWeak<T> {
    #[inline]
    fn clone(&self) -> ObjWeak<T> {
        // SAFETY: a weak reference keeps the allocation, so the counts, alive.
        inc_weak(unsafe { counts(self.ptr) }.1);
        ObjWeak {
            ptr: self.ptr,
            _owns: PhantomData,
        }
    }
}

impl<T> Drop for ObjWeak<T> {
    #[inline]
    fn drop(&mut self) {
        // SAFETY: this weak reference is released exactly once; if it was the last of all,
        // the strong count is already 0, so the value was dropped or moved out.
        unsafe { release_weak(self.ptr) };
    }
}

impl<T> fmt::Debug for ObjWeak<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "(Weak)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::rc::Rc;

    /// Counts its drops in a shared cell.
    struct Probe(Rc<Cell<u32>>);

    impl Drop for Probe {
        fn drop(&mut self) {
            self.0.set(self.0.get() + 1);
        }
    }

    fn probe() -> (ObjRc<Probe>, Rc<Cell<u32>>) {
        let drops = Rc::new(Cell::new(0));
        (ObjRc::new(Probe(drops.clone())), drops)
    }

    #[test]
    fn header_is_one_word() {
        assert_eq!(std::mem::size_of::<Inner<u64>>(), 16);
        assert_eq!(std::mem::size_of::<ObjRc<u64>>(), 8);
        assert_eq!(std::mem::size_of::<Option<ObjRc<u64>>>(), 8);
    }

    #[test]
    fn clone_and_drop_count_and_drop_once() {
        let (a, drops) = probe();
        assert_eq!(ObjRc::strong_count(&a), 1);
        let b = a.clone();
        let c = b.clone();
        assert_eq!(ObjRc::strong_count(&a), 3);
        assert!(ObjRc::ptr_eq(&a, &c));
        drop(b);
        assert_eq!(ObjRc::strong_count(&a), 2);
        drop(a);
        assert_eq!(drops.get(), 0);
        drop(c);
        assert_eq!(drops.get(), 1);
    }

    #[test]
    fn weak_upgrade_fails_after_last_strong_drop() {
        let (a, drops) = probe();
        let w = ObjRc::downgrade(&a);
        let w2 = w.clone();
        assert_eq!(ObjRc::weak_count(&a), 2);
        let up = w.upgrade().expect("alive");
        assert_eq!(ObjRc::strong_count(&a), 2);
        assert_eq!(w.as_ptr(), ObjRc::as_ptr(&a));
        drop(up);
        drop(a);
        assert_eq!(drops.get(), 1);
        assert!(w.upgrade().is_none());
        drop(w);
        assert!(w2.upgrade().is_none());
        drop(w2);
        assert_eq!(drops.get(), 1);
    }

    #[test]
    fn get_mut_only_when_unique() {
        let mut a = ObjRc::new(5u32);
        *ObjRc::get_mut(&mut a).expect("unique") = 6;
        let w = ObjRc::downgrade(&a);
        assert!(ObjRc::get_mut(&mut a).is_none());
        drop(w);
        let b = a.clone();
        assert!(ObjRc::get_mut(&mut a).is_none());
        drop(b);
        assert_eq!(*a, 6);
    }

    #[test]
    fn try_unwrap_moves_the_value_out_once() {
        let (a, drops) = probe();
        let b = a.clone();
        let a = ObjRc::try_unwrap(a).err().expect("shared");
        drop(b);
        let w = ObjRc::downgrade(&a);
        let value = ObjRc::try_unwrap(a).ok().expect("unique");
        assert_eq!(drops.get(), 0);
        assert!(w.upgrade().is_none());
        drop(value);
        drop(w);
        assert_eq!(drops.get(), 1);
    }

    #[test]
    fn into_raw_from_raw_round_trip() {
        let (a, drops) = probe();
        let addr = ObjRc::as_ptr(&a);
        let raw = ObjRc::into_raw(a);
        assert_eq!(raw, addr);
        // SAFETY: `raw` came from `into_raw` and its reference is still held.
        unsafe { ObjRc::increment_strong_count(raw) };
        // SAFETY: two references were given up through `raw`; each is taken back once.
        let (a, b) = unsafe { (ObjRc::from_raw(raw), ObjRc::from_raw(raw)) };
        assert_eq!(ObjRc::strong_count(&a), 2);
        drop(a);
        assert_eq!(drops.get(), 0);
        drop(b);
        assert_eq!(drops.get(), 1);
    }
}
