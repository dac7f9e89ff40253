//! `GenStateCell`: a generator's kind and its `RefCell<GenState>`, packed into 24 bytes.
//!
//! `RefCell<GenState>` is 24 bytes (an 8-byte borrow flag and the 16-byte state) and the
//! kind a byte padded to 8 more, which made a `Generator` 56 bytes, over the 48 a payload
//! keeps to so that an object is 80 bytes (`obj_rc`). Here the kind and a 32-bit borrow
//! flag share the first word. The API is `RefCell`'s subset the interpreter uses, with its
//! meaning (any number of shared borrows or one exclusive one; a conflicting `borrow` or
//! `borrow_mut` panics, as `RefCell`'s do: it is a bug, never reachable from Python, since
//! `GenState::Running` already guards every re-entrant resumption).

use super::generator::{GenKind, GenState};
use std::cell::{Cell, UnsafeCell};
use std::ops::{Deref, DerefMut};

/// The borrow flag value while the state is mutably borrowed.
const WRITING: u32 = u32::MAX;

/// A generator's kind and state (see the module comment).
pub struct GenStateCell {
    /// Which kind of generator (set when made or recycled).
    kind: GenKind,
    /// True while the generator runs inline (`Vm::take_generator_frame`) with a slot of its
    /// own on `Vm::exc_info`: one is pushed only when it resumes with a saved handled
    /// exception or its frame handles one (PUSH_EXC_INFO), so the commonest switch of a
    /// generator frame pushes and pops none.
    exc_slot: Cell<bool>,
    /// 0: not borrowed; `WRITING`: mutably borrowed; else the number of shared borrows.
    flag: Cell<u32>,
    /// The state, reached only through the guards below (or `get_mut`).
    state: UnsafeCell<GenState>,
}

/// The state could not be borrowed (it is borrowed in a conflicting way).
#[derive(Debug)]
pub struct BorrowError;

/// Panics for a conflicting borrow, out of line (as `RefCell` does) so that the inlined
/// `borrow`/`borrow_mut` on every generator resumption stay a flag test.
#[cold]
#[inline(never)]
#[track_caller]
fn borrow_failed(message: &str) -> ! {
    panic!("{message}")
}

/// A shared borrow of the state (`std::cell::Ref`).
pub struct StateRef<'a> {
    /// The cell borrowed.
    cell: &'a GenStateCell,
}

/// An exclusive borrow of the state (`std::cell::RefMut`).
pub struct StateMut<'a> {
    /// The cell borrowed.
    cell: &'a GenStateCell,
}

impl GenStateCell {
    /// A cell holding `state` for a generator of `kind`.
    #[inline]
    pub fn new(kind: GenKind, state: GenState) -> GenStateCell {
        GenStateCell {
            kind,
            exc_slot: Cell::new(false),
            flag: Cell::new(0),
            state: UnsafeCell::new(state),
        }
    }

    /// The generator's kind.
    #[inline(always)]
    pub fn kind(&self) -> GenKind {
        self.kind
    }

    /// Whether the generator, running inline, has its own slot on `Vm::exc_info`.
    #[inline(always)]
    pub fn exc_slot(&self) -> bool {
        self.exc_slot.get()
    }

    /// Records whether the generator, running inline, has its own slot on `Vm::exc_info`.
    #[inline(always)]
    pub fn set_exc_slot(&self, pushed: bool) {
        self.exc_slot.set(pushed);
    }

    /// Changes the kind (a recycled generator object made into another kind's).
    #[inline]
    pub fn set_kind(&mut self, kind: GenKind) {
        self.kind = kind;
    }

    /// A shared borrow, or an error while the state is mutably borrowed.
    #[inline]
    pub fn try_borrow(&self) -> Result<StateRef<'_>, BorrowError> {
        let n = self.flag.get();
        if n >= WRITING - 1 {
            return Err(BorrowError);
        }
        self.flag.set(n + 1);
        Ok(StateRef { cell: self })
    }

    /// An exclusive borrow, or an error while the state is borrowed.
    #[inline]
    pub fn try_borrow_mut(&self) -> Result<StateMut<'_>, BorrowError> {
        if self.flag.get() != 0 {
            return Err(BorrowError);
        }
        self.flag.set(WRITING);
        Ok(StateMut { cell: self })
    }

    /// A shared borrow (panics while the state is mutably borrowed, as `RefCell::borrow`).
    #[inline]
    #[track_caller]
    pub fn borrow(&self) -> StateRef<'_> {
        match self.try_borrow() {
            Ok(r) => r,
            Err(_) => borrow_failed("generator state already mutably borrowed"),
        }
    }

    /// An exclusive borrow (panics while the state is borrowed, as `RefCell::borrow_mut`).
    #[inline]
    #[track_caller]
    pub fn borrow_mut(&self) -> StateMut<'_> {
        match self.try_borrow_mut() {
            Ok(r) => r,
            Err(_) => borrow_failed("generator state already borrowed"),
        }
    }

    /// The state, through exclusive access to the cell (no flag needed).
    #[inline]
    pub fn get_mut(&mut self) -> &mut GenState {
        self.state.get_mut()
    }
}

impl Deref for StateRef<'_> {
    type Target = GenState;
    #[inline(always)]
    fn deref(&self) -> &GenState {
        // SAFETY: while this guard lives the flag counts it as a shared borrow, so no
        // `StateMut` exists and none can be made: the state is not mutated.
        unsafe { &*self.cell.state.get() }
    }
}

impl Drop for StateRef<'_> {
    #[inline(always)]
    fn drop(&mut self) {
        self.cell.flag.set(self.cell.flag.get() - 1);
    }
}

impl Deref for StateMut<'_> {
    type Target = GenState;
    #[inline(always)]
    fn deref(&self) -> &GenState {
        // SAFETY: the flag is `WRITING` while this guard lives, so it is the only way to the
        // state; the shared reference is tied to a borrow of the guard.
        unsafe { &*self.cell.state.get() }
    }
}

impl DerefMut for StateMut<'_> {
    #[inline(always)]
    fn deref_mut(&mut self) -> &mut GenState {
        // SAFETY: as for `deref`; the guard is borrowed mutably, so this is the only
        // reference to the state while it lives.
        unsafe { &mut *self.cell.state.get() }
    }
}

impl Drop for StateMut<'_> {
    #[inline(always)]
    fn drop(&mut self) {
        self.cell.flag.set(0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn borrows_exclude_each_other() {
        let c = GenStateCell::new(GenKind::Coroutine, GenState::Closed);
        assert_eq!(std::mem::size_of::<GenStateCell>(), 24);
        assert_eq!(c.kind(), GenKind::Coroutine);
        {
            let a = c.borrow();
            let b = c.try_borrow().expect("shared twice");
            assert!(matches!(*a, GenState::Closed) && matches!(*b, GenState::Closed));
            assert!(c.try_borrow_mut().is_err());
        }
        {
            let mut m = c.borrow_mut();
            *m = GenState::Running;
            assert!(c.try_borrow().is_err());
            assert!(c.try_borrow_mut().is_err());
        }
        assert!(matches!(*c.borrow(), GenState::Running));
        assert!(c.try_borrow_mut().is_ok());
    }
}
