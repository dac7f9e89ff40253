//! Frames: the state of one running code object.

use super::global_cache::NameTable;
use super::object::Function;
use super::thin_vec::ThinVec;
use super::value::{ObjRef, Value};
use crate::bytecode::{Block, Code};
use std::rc::Rc;

/// A stack of boxed frames: an eval loop's callers, or a parked await chain (outermost
/// first; see `GenState::SuspendedChain`). Boxed so that a chain moves into its generator
/// as one pointer, the buffer reused from the VM's pool.
#[allow(clippy::box_collection, clippy::vec_box)]
pub type FrameChain = Box<Vec<Box<Frame>>>;

/// One activation of a code object; owns its operand stack, locals, ip and block stack.
pub struct Frame {
    /// The code being run.
    pub code: Rc<Code>,
    /// The code's constants as values.
    pub consts: Rc<[Value]>,
    /// Hashes of `code.names` and LOAD_GLOBAL's cache (may be empty: then names are
    /// hashed when used).
    pub names: Rc<NameTable>,
    /// The index of the next instruction.
    pub ip: usize,
    /// The operand stack.
    pub stack: Vec<Value>,
    /// Fast locals (`Code::varnames`), None when unbound.
    pub locals: Vec<Option<Value>>,
    /// Cells: `Code::cellvars` then `Code::freevars` (one word: usually empty).
    pub cells: ThinVec<ObjRef>,
    /// Active exception handlers (innermost last; one word: usually none or one).
    pub blocks: ThinVec<Block>,
    /// The module globals (a dict object).
    pub globals: ObjRef,
    /// What else the frame is run as (a module or class body, an `__init__` for a class
    /// call, a generator's frame running inline); one field since these never combine.
    role: FrameRole,
}

/// The one special role a frame may have (three `Option`s would make every frame, and so
/// every suspended coroutine, 24 bytes larger).
enum FrameRole {
    /// An ordinary function or generator frame.
    Plain,
    /// A module or class body (or `exec`/`eval` code) with its locals mapping.
    LocalsMap(Value),
    /// A frame running `__init__` for a class call made by the eval loop: the instance the
    /// call returns (the frame's own return value must be None).
    Constructing(ObjRef),
    /// A frame running inline in its awaiter's eval loop (a SEND or FOR_ITER into a suspended
    /// generator or coroutine, as CPython 3.12 does): the generator it belongs to, whose
    /// state is `Running` until the frame yields, returns or raises back to the caller.
    InlineGen(ObjRef),
}

impl Frame {
    /// A frame for `code` with empty locals (cells are added by the caller).
    pub fn new(
        code: Rc<Code>,
        consts: Rc<[Value]>,
        globals: ObjRef,
        locals_map: Option<Value>,
    ) -> Frame {
        Frame::with_names(code, consts, globals, locals_map, NameTable::empty())
    }

    /// A frame for `code` with empty locals and the name table `names`.
    fn with_names(
        code: Rc<Code>,
        consts: Rc<[Value]>,
        globals: ObjRef,
        locals_map: Option<Value>,
        names: Rc<NameTable>,
    ) -> Frame {
        let nlocals = code.varnames.len();
        Frame {
            // Allocated by the first push: a coroutine or generator that has not started yet
            // (100k tasks created before any runs) owns no stack buffer; pooled frames keep
            // the capacity they grew to.
            stack: Vec::new(),
            locals: vec![None; nlocals],
            cells: ThinVec::new(),
            blocks: ThinVec::new(),
            ip: 0,
            code,
            consts,
            names,
            globals,
            role: match locals_map {
                Some(map) => FrameRole::LocalsMap(map),
                None => FrameRole::Plain,
            },
        }
    }

    /// The locals mapping of a module or class body (None for function frames).
    #[inline]
    pub fn locals_map(&self) -> Option<&Value> {
        match &self.role {
            FrameRole::LocalsMap(map) => Some(map),
            _ => None,
        }
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
        self.role = FrameRole::LocalsMap(map);
    }

    /// Marks the frame as running `__init__` for a class call that returns `instance`.
    #[inline]
    pub fn set_constructing(&mut self, instance: ObjRef) {
        self.role = FrameRole::Constructing(instance);
    }

    /// The instance of a class call whose `__init__` this frame ran (taken, once).
    #[inline]
    pub fn take_constructing(&mut self) -> Option<Value> {
        match self.take_role_if(|r| matches!(r, FrameRole::Constructing(_)))? {
            FrameRole::Constructing(instance) => Some(Value::Obj(instance)),
            _ => None,
        }
    }

    /// The role, leaving the frame plain, when `wanted` accepts it.
    #[inline(always)]
    fn take_role_if(&mut self, wanted: fn(&FrameRole) -> bool) -> Option<FrameRole> {
        wanted(&self.role).then(|| std::mem::replace(&mut self.role, FrameRole::Plain))
    }

    /// Marks the frame as running inline for the generator `owner` (see `FrameRole::InlineGen`).
    #[inline(always)]
    pub fn set_inline_gen(&mut self, owner: ObjRef) {
        let old = std::mem::replace(&mut self.role, FrameRole::InlineGen(owner));
        // A suspended generator's frame is plain: no out-of-line drop of the old role then.
        if matches!(old, FrameRole::Plain) {
            std::mem::forget(old);
        } else {
            drop(old);
        }
    }

    /// The generator this frame runs inline for, if any.
    #[inline(always)]
    pub fn inline_gen(&self) -> Option<&ObjRef> {
        match &self.role {
            FrameRole::InlineGen(owner) => Some(owner),
            _ => None,
        }
    }

    /// The generator this frame runs inline for, if any (taken, once).
    #[inline]
    pub fn take_inline_gen(&mut self) -> Option<ObjRef> {
        match self.take_role_if(|r| matches!(r, FrameRole::InlineGen(_)))? {
            FrameRole::InlineGen(owner) => Some(owner),
            _ => None,
        }
    }

    /// Drops any role (a pooled frame starts plain).
    #[inline]
    pub fn clear_role(&mut self) {
        if !matches!(self.role, FrameRole::Plain) {
            self.role = FrameRole::Plain;
        }
    }

    /// A frame for calling `func` (locals still to be bound).
    pub fn for_function(func: &Function) -> Frame {
        // With the function's name table directly: no empty table made and dropped.
        Frame::with_names(
            func.code.clone(),
            func.consts.clone(),
            func.globals.clone(),
            None,
            func.names.clone(),
        )
    }

    /// Gives a generator's frame, about to run for the first time, a stack buffer of exactly
    /// the code's maximum depth (when known and none was allocated yet): a coroutine then
    /// stays suspended in `await` with two slots, not the four a first push reserves.
    #[inline]
    pub fn size_stack_for_start(&mut self) {
        if self.stack.capacity() == 0 {
            self.stack.reserve_exact(self.names.stack_size as usize);
        }
    }

    /// SETUP_FINALLY: pushes a handler block at the current stack depth. A first block gets
    /// a buffer of one only (an `await`'s, typically, and most never nest), so a coroutine
    /// suspended in `await` keeps 16 bytes for it (header and block), not the 40 of a first
    /// `push`.
    #[inline(always)]
    pub fn push_handler_block(&mut self, handler: u32) {
        if self.blocks.capacity() == 0 {
            self.blocks.reserve_exact(1);
        }
        let stack_depth = self.stack.len() as u32;
        self.blocks.push(Block {
            handler,
            stack_depth,
        });
    }

    /// The source line of the instruction that last ran.
    pub fn line(&self) -> u32 {
        let i = self.ip.saturating_sub(1);
        self.code
            .lines
            .get(i)
            .copied()
            .unwrap_or(self.code.first_line)
    }

    /// The hash of `code.names[i]` (precomputed when available).
    #[inline]
    pub fn name_hash(&self, i: usize) -> i64 {
        match self.names.hashes.get(i) {
            Some(h) => *h,
            None => super::hashing::hash_str(&self.code.names[i]),
        }
    }

    /// Calls `visit` on every value the frame references.
    pub fn trace(&self, visit: &mut dyn FnMut(&Value)) {
        self.stack.iter().for_each(&mut *visit);
        self.locals.iter().flatten().for_each(&mut *visit);
        self.cells
            .iter()
            .for_each(|c| visit(&Value::Obj(c.clone())));
        self.consts.iter().for_each(&mut *visit);
        visit(&Value::Obj(self.globals.clone()));
        match &self.role {
            // Only ever set on a running frame, which the cycle collector does not trace.
            FrameRole::Plain | FrameRole::Constructing(_) => {}
            FrameRole::LocalsMap(v) => visit(v),
            FrameRole::InlineGen(g) => visit(&Value::Obj(g.clone())),
        }
    }

    /// If suspended inside a SEND loop (`YieldValue` followed by `Jump` back to a `Send`),
    /// the delegate on top of the stack.
    pub fn delegate(&self) -> Option<&Value> {
        use crate::bytecode::Instr;
        match self.code.instructions.get(self.ip) {
            Some(Instr::Jump(target)) => match self.code.instructions.get(*target as usize) {
                Some(Instr::Send(_)) => self.stack.last(),
                _ => None,
            },
            _ => None,
        }
    }
}

// A suspended coroutine keeps its frame boxed: 128 bytes is one mimalloc size class (the
// next is 160).
const _: () = assert!(std::mem::size_of::<Frame>() <= 128);
