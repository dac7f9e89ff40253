//! Frames: the state of one running code object.

use super::global_cache::NameTable;
use super::localsplus::LocalsPlus;
use super::object::{Function, Obj, Payload};
use super::thin_vec::ThinVec;
use super::value::{ObjRef, Value};
use crate::bytecode::{Block, Code, Instr};
use std::ptr::NonNull;
use std::rc::Rc;

/// A stack of boxed frames: an eval loop's callers, or a parked await chain (outermost
/// first; see `GenState::SuspendedChain`). Boxed so that a chain moves into its generator
/// as one pointer, the buffer reused from the VM's pool.
#[allow(clippy::box_collection, clippy::vec_box)]
pub type FrameChain = Box<Vec<Box<Frame>>>;

/// A frame's operand stack (with the locals and cells below it in the same buffer).
pub type Stack = LocalsPlus;

/// One activation of a code object; owns its operand stack, locals, ip and block stack.
/// 56 bytes, a mimalloc size class (a suspended coroutine keeps its frame boxed; 64 was the
/// class above).
pub struct Frame {
    /// The code being run (`NameTable::code`, reached by `code()`), with its names' hashes
    /// and caches (LOAD_GLOBAL's, the attribute caches) and its constants as values
    /// (`consts()`): one pointer for all of them, as CPython 3.11's `f_code` (the hashes
    /// may be empty, `NameTable::empty`: then names are hashed when used).
    pub names: Rc<NameTable>,
    /// The operand stack, in one buffer after the fast locals (`Code::varnames`, None when
    /// unbound) and the cells (`Code::cellvars` then `Code::freevars`): CPython's
    /// `localsplus`. Its vector methods are the stack's; `local`, `locals` and `cell`
    /// below reach the rest.
    pub stack: Stack,
    /// The index of the next instruction (32 bits: it shares a word with the stack's
    /// counts).
    pub ip: u32,
    /// Active exception handlers (innermost last; one word, no allocation for one block).
    pub blocks: BlockStack,
    /// The module globals (a dict object).
    pub globals: ObjRef,
    /// What else the frame is run as (a module or class body, an `__init__` for a class
    /// call, a generator's frame running inline); one word since these never combine.
    role: FrameRole,
}

/// The one special role a frame may have, as one tagged pointer (three `Option`s would make
/// every frame, and so every suspended coroutine, 24 bytes larger; an enum 8):
/// - null: an ordinary function or generator frame;
/// - an `ObjRef` pointer (`ObjRef::into_raw`) with tag `INLINE_GEN`: the frame runs inline in
///   its awaiter's eval loop (a SEND or FOR_ITER into a suspended generator or coroutine, as CPython 3.12
///   does) for that generator, whose state is `Running` until the frame yields, returns or
///   raises back to the caller;
/// - an `ObjRef` pointer with tag `CONSTRUCTING`: the frame runs `__init__` for a class call
///   made by the eval loop, which returns that instance (the frame's own value must be None);
/// - a `Box<Value>` pointer with tag `LOCALS_MAP`: a module or class body (or `exec`/`eval`
///   code) with its locals mapping.
struct FrameRole {
    /// The tagged pointer (owning what it points to).
    word: *const u8,
}

/// The tag bits of `FrameRole::word` (every role but the plain one has a tag other than 0,
/// so that testing for one role is one mask and compare).
const ROLE_TAG: usize = 3;
/// `FrameRole`'s tag for a frame running inline for a generator.
const INLINE_GEN: usize = 1;
/// `FrameRole`'s tag for a constructing frame.
const CONSTRUCTING: usize = 2;
/// `FrameRole`'s tag for a frame with a locals mapping.
const LOCALS_MAP: usize = 3;
const _: () = assert!(std::mem::align_of::<Obj>() > ROLE_TAG);
const _: () = assert!(std::mem::align_of::<Value>() > ROLE_TAG);

impl FrameRole {
    /// An ordinary frame.
    const PLAIN: FrameRole = FrameRole {
        word: std::ptr::null(),
    };

    /// The role of an object reference with `tag`.
    #[inline(always)]
    fn obj(o: ObjRef, tag: usize) -> FrameRole {
        let p = ObjRef::into_raw(o).cast::<u8>();
        FrameRole {
            word: p.map_addr(|a| a | tag),
        }
    }

    /// The role of a frame with locals mapping `map`.
    fn locals_map(map: Value) -> FrameRole {
        let p = Box::into_raw(Box::new(map)).cast::<u8>().cast_const();
        FrameRole {
            word: p.map_addr(|a| a | LOCALS_MAP),
        }
    }

    /// The tag (0 for the plain role).
    #[inline(always)]
    fn tag(&self) -> usize {
        self.word.addr() & ROLE_TAG
    }

    /// The pointer without its tag.
    #[inline(always)]
    fn untagged(&self) -> *const u8 {
        self.word.map_addr(|a| a & !ROLE_TAG)
    }

    /// Whether the role is the object role with `tag`.
    #[inline(always)]
    fn is_obj(&self, tag: usize) -> bool {
        self.tag() == tag
    }

    /// The object of the inline-generator or constructing role (`tag`).
    #[inline(always)]
    fn obj_ref(&self, tag: usize) -> Option<&Obj> {
        // SAFETY: a word with an object tag came from `ObjRef::into_raw` and still owns that
        // strong reference, so the object lives as long as `self` holds it.
        self.is_obj(tag)
            .then(|| unsafe { &*self.untagged().cast::<Obj>() })
    }

    /// The reference of an object role with `tag`, taken (the role becomes plain).
    #[inline(always)]
    fn take_obj(&mut self, tag: usize) -> Option<ObjRef> {
        if !self.is_obj(tag) {
            return None;
        }
        let p = self.untagged().cast::<Obj>();
        self.word = std::ptr::null();
        // SAFETY: the word came from `ObjRef::into_raw` and owned that reference, which moves
        // back into an `ObjRef` once (the word is cleared above).
        Some(unsafe { ObjRef::from_raw(p) })
    }

    /// The locals mapping, for a `LOCALS_MAP` role.
    #[inline]
    fn map(&self) -> Option<&Value> {
        // SAFETY: a `LOCALS_MAP` word came from `Box::into_raw` and still owns the box.
        (self.tag() == LOCALS_MAP).then(|| unsafe { &*self.untagged().cast::<Value>() })
    }

    /// Releases what a non-plain role owns.
    #[cold]
    #[inline(never)]
    fn release(&mut self) {
        let p = self.untagged();
        let tag = self.tag();
        self.word = std::ptr::null();
        // SAFETY: the word owned a box (`LOCALS_MAP`) or a strong reference (the others),
        // released once (the word is cleared above).
        unsafe {
            if tag == LOCALS_MAP {
                drop(Box::from_raw(p.cast::<Value>().cast_mut()));
            } else {
                drop(ObjRef::from_raw(p.cast::<Obj>()));
            }
        }
    }
}

impl Drop for FrameRole {
    #[inline(always)]
    fn drop(&mut self) {
        if !self.word.is_null() {
            self.release();
        }
    }
}

/// A stack of handler blocks one word wide: empty (null), one block held in the word itself
/// (low bit set: `handler << 1 | 1` in the low half, the stack depth in the high half), or a
/// `ThinVec<Block>` (`ThinVec::into_raw`, 8-aligned). A coroutine suspended in `await` has
/// exactly one block (the await's SETUP_FINALLY), so it needs no allocation for it.
pub struct BlockStack {
    /// The tagged word.
    word: *mut u8,
}

const _: () = assert!(std::mem::size_of::<usize>() == 8);

impl BlockStack {
    /// An empty stack.
    #[inline]
    pub const fn new() -> BlockStack {
        BlockStack {
            word: std::ptr::null_mut(),
        }
    }

    /// The block held in the word `a` (low bit set).
    #[inline(always)]
    fn decode(a: usize) -> Block {
        Block {
            handler: (a as u32) >> 1,
            stack_depth: (a >> 32) as u32,
        }
    }

    /// The spilled vector, for a word that holds one.
    #[inline(always)]
    fn heap(&self) -> Option<std::mem::ManuallyDrop<ThinVec<Block>>> {
        let a = self.word.addr();
        // SAFETY: a non-null word with the low bit clear came from `ThinVec::into_raw`; the
        // copy is never dropped, so the vector stays owned by `self`.
        (a != 0 && a & 1 == 0).then(|| unsafe {
            std::mem::ManuallyDrop::new(ThinVec::from_raw(NonNull::new_unchecked(self.word)))
        })
    }

    /// Pushes `b` (innermost).
    #[inline(always)]
    pub fn push(&mut self, b: Block) {
        if self.word.is_null() && b.handler < 1 << 31 {
            let a = ((b.stack_depth as usize) << 32) | ((b.handler as usize) << 1) | 1;
            self.word = std::ptr::without_provenance_mut(a);
        } else {
            self.push_spilled(b);
        }
    }

    /// `push` beyond one block (or of a handler too large to hold inline).
    #[cold]
    #[inline(never)]
    fn push_spilled(&mut self, b: Block) {
        let a = self.word.addr();
        let mut v = match self.heap() {
            Some(v) => std::mem::ManuallyDrop::into_inner(v),
            None => {
                let mut v = ThinVec::new();
                v.reserve_exact(4);
                if a & 1 == 1 {
                    v.push(Self::decode(a));
                }
                v
            }
        };
        // The word is cleared while `v` owns the buffer, so that an unwind out of `push`
        // cannot leave it pointing at a freed vector.
        self.word = std::ptr::null_mut();
        v.push(b);
        self.word = v.into_raw().as_ptr();
    }

    /// Removes and returns the innermost block.
    #[inline(always)]
    pub fn pop(&mut self) -> Option<Block> {
        let a = self.word.addr();
        if a & 1 == 1 {
            self.word = std::ptr::null_mut();
            return Some(Self::decode(a));
        }
        if a == 0 {
            return None;
        }
        self.pop_spilled()
    }

    /// `pop` from a spilled vector (which is kept, emptied or not).
    #[inline(never)]
    fn pop_spilled(&mut self) -> Option<Block> {
        let mut v = self.heap()?;
        v.pop()
    }

    /// Whether no block is active.
    #[inline]
    pub fn is_empty(&self) -> bool {
        match self.heap() {
            Some(v) => v.is_empty(),
            None => self.word.is_null(),
        }
    }

    /// Drops every block (a spilled vector keeps its allocation).
    #[inline(always)]
    pub fn clear(&mut self) {
        if !self.word.is_null() {
            match self.heap() {
                Some(mut v) => v.clear(),
                None => self.word = std::ptr::null_mut(),
            }
        }
    }
}

impl Default for BlockStack {
    fn default() -> Self {
        BlockStack::new()
    }
}

impl Drop for BlockStack {
    fn drop(&mut self) {
        if let Some(v) = self.heap() {
            drop(std::mem::ManuallyDrop::into_inner(v));
        }
    }
}

impl Frame {
    /// A frame for `names.code` with its locals unbound (cells are added by the caller).
    pub fn new(names: Rc<NameTable>, globals: ObjRef, locals_map: Option<Value>) -> Frame {
        let mut f = Frame::with_names(globals, locals_map, names);
        f.stack.add_unbound(f.code().varnames.len());
        f
    }

    /// A frame for the code of the name table `names`, no locals yet and room for its
    /// locals, cells and stack in one buffer.
    fn with_names(globals: ObjRef, locals_map: Option<Value>, names: Rc<NameTable>) -> Frame {
        let mut stack = LocalsPlus::new();
        stack.reserve_exact(names.frame_slots.max(slots_for(names.code(), 0)) as usize);
        Frame {
            stack,
            blocks: BlockStack::new(),
            ip: 0,
            names,
            globals,
            role: match locals_map {
                Some(map) => FrameRole::locals_map(map),
                None => FrameRole::PLAIN,
            },
        }
    }

    /// The code being run.
    #[inline(always)]
    pub fn code(&self) -> &Rc<Code> {
        self.names.code()
    }

    /// The code's instructions (`NameTable::instructions`).
    #[inline(always)]
    pub fn instructions(&self) -> &[Instr] {
        self.names.instructions()
    }

    /// The code's constants as values.
    #[inline(always)]
    pub fn consts(&self) -> &[Value] {
        &self.names.consts
    }

    /// The locals mapping of a module or class body (None for function frames).
    #[inline]
    pub fn locals_map(&self) -> Option<&Value> {
        self.role.map()
    }

    /// The mapping DELETE_NAME, LOAD_LOCALS, SETUP_ANNOTATIONS and `import *` work on: the
    /// locals mapping, or the globals when the frame has none.
    pub fn names_mapping(&self) -> Value {
        self.locals_map()
            .cloned()
            .unwrap_or_else(|| Value::Obj(self.globals.clone()))
    }

    /// Makes the frame a class body (or module-like frame) whose names live in `map`.
    pub fn set_locals_map(&mut self, map: Value) {
        self.role = FrameRole::locals_map(map);
    }

    /// Marks the frame as running `__init__` for a class call that returns `instance`.
    #[inline]
    pub fn set_constructing(&mut self, instance: ObjRef) {
        self.role = FrameRole::obj(instance, CONSTRUCTING);
    }

    /// The instance of a class call whose `__init__` this frame ran (taken, once).
    #[inline]
    pub fn take_constructing(&mut self) -> Option<Value> {
        self.role.take_obj(CONSTRUCTING).map(Value::Obj)
    }

    /// Marks the frame as running inline for the generator `owner` (see `FrameRole`).
    #[inline(always)]
    pub fn set_inline_gen(&mut self, owner: ObjRef) {
        // A suspended generator's frame is plain: the old role's drop is a null test.
        self.role = FrameRole::obj(owner, INLINE_GEN);
    }

    /// The generator this frame runs inline for, if any.
    #[inline(always)]
    pub fn inline_gen(&self) -> Option<&Obj> {
        self.role.obj_ref(INLINE_GEN)
    }

    /// The generator this frame runs inline for, if any (taken, once).
    #[inline]
    pub fn take_inline_gen(&mut self) -> Option<ObjRef> {
        self.role.take_obj(INLINE_GEN)
    }

    /// Drops any role (a pooled frame starts plain).
    #[inline]
    pub fn clear_role(&mut self) {
        self.role = FrameRole::PLAIN;
    }

    /// A frame for calling `func`, with no locals yet (the caller adds them).
    pub fn for_function(func: &Function) -> Frame {
        Frame::with_names(func.globals.clone(), None, func.names.clone())
    }

    /// Local `i`: CPython's `GETLOCAL(i)`, `localsplus[i]` (bounds-checked against the
    /// locals and cells; the compiler only gives a local's index).
    #[inline(always)]
    pub fn local(&self, i: usize) -> &Option<Value> {
        &self.stack.prefix()[i]
    }

    /// Local `i`, writable (see `local`).
    #[inline(always)]
    pub fn local_mut(&mut self, i: usize) -> &mut Option<Value> {
        &mut self.stack.prefix_mut()[i]
    }

    /// The fast locals (`Code::varnames`), None when unbound.
    pub fn locals(&self) -> &[Option<Value>] {
        let prefix = self.stack.prefix();
        &prefix[..self.code().varnames.len().min(prefix.len())]
    }

    /// The fast locals, writable.
    pub fn locals_mut(&mut self) -> &mut [Option<Value>] {
        let n = self.code().varnames.len();
        let prefix = self.stack.prefix_mut();
        let n = n.min(prefix.len());
        &mut prefix[..n]
    }

    /// Cell `i` (`Code::cellvars` then `Code::freevars`); panics when there is none (the
    /// compiler only gives a cell's index).
    #[inline(always)]
    pub fn cell(&self, i: usize) -> &ObjRef {
        self.get_cell(i).expect("cell index out of range")
    }

    /// Cell `i` (`Code::cellvars` then `Code::freevars`), if there is one.
    #[inline(always)]
    pub fn get_cell(&self, i: usize) -> Option<&ObjRef> {
        let nlocals = self.code().varnames.len();
        match self.stack.prefix().get(nlocals + i)? {
            Some(Value::Obj(cell)) => Some(cell),
            _ => None,
        }
    }

    /// The cells, in order.
    pub fn cells(&self) -> impl Iterator<Item = &ObjRef> {
        let nlocals = self.code().varnames.len();
        self.stack
            .prefix()
            .iter()
            .skip(nlocals)
            .filter_map(|slot| match slot {
                Some(Value::Obj(cell)) => Some(cell),
                _ => None,
            })
    }

    /// The cell objects of `Code::cellvars`, made (each holding its parameter's value when
    /// the variable is also a parameter), then `closure` (the free variables' cells), after
    /// the locals.
    pub fn add_cells(&mut self, closure: &[ObjRef]) {
        if self.code().cellvars.is_empty() {
            self.stack.add_cells(closure);
            return;
        }
        let code = self.code().clone();
        for name in code.cellvars.iter() {
            let init = code
                .varnames
                .iter()
                .position(|n| n == name)
                .and_then(|i| self.local(i).clone());
            self.stack
                .add_cell(Obj::new(Payload::Cell(std::cell::RefCell::new(init))));
        }
        self.stack.add_cells(closure);
    }

    /// SETUP_FINALLY: pushes a handler block at the current stack depth (a first block, an
    /// `await`'s typically, is held in the block stack's word: no allocation).
    #[inline(always)]
    pub fn push_handler_block(&mut self, handler: u32) {
        let stack_depth = self.stack.len() as u32;
        self.blocks.push(Block {
            handler,
            stack_depth,
        });
    }

    /// The source line of the instruction that last ran.
    pub fn line(&self) -> u32 {
        let i = (self.ip as usize).saturating_sub(1);
        let code = self.code();
        code.lines.get(i).copied().unwrap_or(code.first_line)
    }

    /// The hash of `code.names[i]` (precomputed when available).
    #[inline]
    pub fn name_hash(&self, i: usize) -> i64 {
        match self.names.hashes.get(i) {
            Some(h) => *h,
            None => super::hashing::hash_str(&self.code().names[i]),
        }
    }

    /// Calls `visit` on every value the frame references.
    pub fn trace(&self, visit: &mut dyn FnMut(&Value)) {
        self.stack.iter().for_each(&mut *visit);
        // The locals, then the cells (each a `Value::Obj`).
        self.stack.prefix().iter().flatten().for_each(&mut *visit);
        self.consts().iter().for_each(&mut *visit);
        visit(&Value::Obj(self.globals.clone()));
        // A constructing role is only ever set on a running frame, which the cycle
        // collector does not trace.
        if let Some(map) = self.role.map() {
            visit(map);
        }
        if self.role.obj_ref(INLINE_GEN).is_some() {
            let p = self.role.untagged().cast::<Obj>();
            // SAFETY: the role owns a strong reference to this object; the clone made here
            // is a new strong reference, dropped after the visit.
            let g = unsafe {
                ObjRef::increment_strong_count(p);
                ObjRef::from_raw(p)
            };
            visit(&Value::Obj(g));
        }
    }

    /// If suspended inside a SEND loop (`YieldValue` followed by `Jump` back to a `Send`),
    /// the delegate on top of the stack.
    pub fn delegate(&self) -> Option<&Value> {
        match self.instructions().get(self.ip as usize) {
            Some(Instr::Jump(target)) => match self.instructions().get(*target as usize) {
                Some(Instr::Send(_)) => self.stack.last(),
                _ => None,
            },
            _ => None,
        }
    }
}

/// The slots a frame for `code` needs (`NameTable::frame_slots`): its locals, its cells and
/// its stack at the deepest, `stack_size` (when that is wrong, the stack grows as it is
/// used).
pub fn slots_for(code: &Code, stack_size: u32) -> u32 {
    let n = code.varnames.len() + code.cellvars.len() + code.freevars.len();
    u32::try_from(n)
        .ok()
        .and_then(|n| n.checked_add(stack_size))
        .unwrap_or(u32::MAX)
}

// A suspended coroutine keeps its frame boxed: 56 bytes is one mimalloc size class (with
// the 8-byte minimal alignment .cargo/config.toml builds it with; the next class is 64, so
// 100k suspended tasks hold 0.8 MB less than with a 64-byte frame).
const _: () = assert!(std::mem::size_of::<Frame>() == 56);
// The stack's pointer in the packed `LocalsPlus` still lands on an 8-byte boundary (loads of
// it are then aligned in fact, if not in type).
const _: () = assert!(std::mem::offset_of!(Frame, stack) % 8 == 0);
const _: () = assert!(std::mem::size_of::<BlockStack>() == 8);

#[cfg(test)]
mod tests {
    use super::{BlockStack, Frame};
    use crate::bytecode::Block;

    unsafe extern "C" {
        /// The block size mimalloc serves a request of `size` bytes with.
        fn mi_good_size(size: usize) -> usize;
    }

    #[test]
    fn a_frame_is_56_bytes_and_so_is_its_mimalloc_block() {
        let size = std::mem::size_of::<Frame>();
        assert_eq!(size, 56);
        // SAFETY: `mi_good_size` only computes a size. A 64 here means mimalloc was built
        // with its default 16-byte minimal alignment (see .cargo/config.toml).
        assert_eq!(unsafe { mi_good_size(size) }, 56);
        assert_eq!(unsafe { mi_good_size(40) }, 40);
    }

    fn block(handler: u32, stack_depth: u32) -> Block {
        Block {
            handler,
            stack_depth,
        }
    }

    fn pair(b: Option<Block>) -> Option<(u32, u32)> {
        b.map(|b| (b.handler, b.stack_depth))
    }

    #[test]
    fn one_block_inline_then_spilled_in_order() {
        let mut s = BlockStack::new();
        assert!(s.is_empty() && s.pop().is_none());
        s.push(block(7, u32::MAX));
        assert!(!s.is_empty() && s.heap().is_none());
        assert_eq!(pair(s.pop()), Some((7, u32::MAX)));
        assert!(s.is_empty());
        s.push(block(1, 0));
        s.push(block(2, 3));
        s.push(block(1 << 31, 4));
        assert!(s.heap().is_some());
        assert_eq!(pair(s.pop()), Some((1 << 31, 4)));
        assert_eq!(pair(s.pop()), Some((2, 3)));
        assert_eq!(pair(s.pop()), Some((1, 0)));
        assert!(s.is_empty() && s.pop().is_none());
        s.push(block(5, 6));
        s.push(block(8, 9));
        s.clear();
        assert!(s.is_empty());
        s.push(block(10, 11));
        drop(s);
    }

    #[test]
    fn a_handler_too_large_to_hold_inline_spills() {
        let mut s = BlockStack::new();
        s.push(block(u32::MAX, 1));
        assert!(s.heap().is_some());
        assert_eq!(pair(s.pop()), Some((u32::MAX, 1)));
        s.clear();
        assert!(s.is_empty());
    }
}
