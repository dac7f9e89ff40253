//! Generators, coroutines and async generators: one object kind with a flag, resumed by
//! running their single frame in the eval loop.

use super::eval_support::push_inline;
use super::frame::Frame;
use super::gen_cell::GenStateCell;
use super::object::{Obj, Payload};
use super::seq::ItemSink;
use super::value::{ObjRef, Value};
use super::{PyResult, Vm};
use crate::bytecode::Code;
use std::cell::{Cell, RefCell};
use std::ops::ControlFlow;
use std::rc::Rc;

/// Which kind of generator object.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GenKind {
    /// A `def` with `yield`.
    Generator,
    /// An `async def`.
    Coroutine,
    /// An `async def` with `yield`.
    AsyncGenerator,
}

impl GenKind {
    /// The word CPython uses in messages: generator / coroutine / async generator.
    pub fn noun(self) -> &'static str {
        match self {
            GenKind::Generator => "generator",
            GenKind::Coroutine => "coroutine",
            GenKind::AsyncGenerator => "async generator",
        }
    }
}

/// The life cycle of a generator's frame.
pub enum GenState {
    /// Created, not yet started.
    Created(Box<Frame>),
    /// Paused at a `yield`.
    Suspended(Box<Frame>),
    /// Its frame is executing.
    Running,
    /// Suspended at the `yield` of an await / `yield from` chain whose frames are all kept
    /// together by the chain's outermost generator (`SuspendedChain`, the pointer):
    /// observably suspended, and made plainly `Suspended` again (`Generator::settle`)
    /// before anything but the chain's own resumption looks at it.
    Parked(*const Obj),
    /// Paused at a `yield` that came up an await / `yield from` chain: the frames of the
    /// whole chain, this generator's first and the innermost last, each delegate `Parked`.
    /// A send resumes the innermost frame directly (`Vm::resume_parked_chain`).
    SuspendedChain(super::frame::FrameChain),
    /// Finished (returned, raised, or closed).
    Closed,
}

/// A generator's `__name__` and `__qualname__` when either differs from its code's (they
/// start as the function's, which are the code's unless reassigned): 8 bytes, where two
/// names would take 32, so that a generator object fits mimalloc's 80-byte class.
pub struct GenNames(Cell<Option<Box<[Rc<str>; 2]>>>);

impl GenNames {
    /// The names of a generator of `code` made from a function named `name`/`qualname`.
    #[inline]
    fn new(code: &Code, name: &Rc<str>, qualname: &Rc<str>) -> GenNames {
        if Rc::ptr_eq(name, &code.name) && Rc::ptr_eq(qualname, &code.qualname) {
            GenNames(Cell::new(None))
        } else {
            GenNames::unshared(code, name, qualname)
        }
    }

    /// `new` for names that are not the code's own `Rc`s (a renamed function, a resurrected
    /// generator): equal text still needs no box.
    #[cold]
    #[inline(never)]
    fn unshared(code: &Code, name: &Rc<str>, qualname: &Rc<str>) -> GenNames {
        if **name == *code.name && **qualname == *code.qualname {
            GenNames(Cell::new(None))
        } else {
            GenNames(Cell::new(Some(Box::new([name.clone(), qualname.clone()]))))
        }
    }

    /// Name `which` (0: `__name__`, 1: `__qualname__`), or None when it is the code's.
    fn get(&self, which: usize) -> Option<Rc<str>> {
        let names = self.0.take();
        let name = names.as_ref().map(|n| n[which].clone());
        self.0.set(names);
        name
    }
}

/// A generator, coroutine or async generator object.
pub struct Generator {
    /// Which kind, and the frame's state (`RefCell<GenState>`'s API), in 24 bytes.
    pub state: GenStateCell,
    /// `__name__` and `__qualname__` (see `Generator::name`).
    names: GenNames,
    /// The code object (`gi_code`).
    pub code: Rc<Code>,
    /// The exception being handled inside the generator while it is suspended (gi_exc_state).
    pub exc_state: Cell<Option<ObjRef>>,
}

/// The outcome of resuming a generator.
pub enum SendResult {
    /// It yielded a value and is suspended.
    Yield(Value),
    /// It returned a value and is closed.
    Return(Value),
}

/// How a frame is resumed.
pub enum Resume {
    /// Push this value (the result of the `yield`) and continue; `None` for a fresh start.
    Value(Option<Value>),
    /// Raise this exception at the current instruction.
    Throw(ObjRef),
}

impl Generator {
    /// Which kind of generator this is.
    #[inline(always)]
    pub fn kind(&self) -> GenKind {
        self.state.kind()
    }

    /// Calls `visit` on every value the generator references.
    pub fn trace(&self, visit: &mut dyn FnMut(&Value)) {
        if let Ok(state) = self.state.try_borrow() {
            match &*state {
                GenState::Created(f) | GenState::Suspended(f) => f.trace(visit),
                // The parked delegates' frames are owned here.
                GenState::SuspendedChain(chain) => chain.iter().for_each(|f| f.trace(visit)),
                _ => {}
            }
        }
        let exc_state = self.exc_state.take();
        if let Some(e) = &exc_state {
            visit(&Value::Obj(e.clone()));
        }
        self.exc_state.set(exc_state);
    }

    /// True when the generator saved no handled exception.
    pub fn exc_state_is_none(&self) -> bool {
        let exc_state = self.exc_state.take();
        let none = exc_state.is_none();
        self.exc_state.set(exc_state);
        none
    }

    /// Replaces a state that owns nothing (`Running`, or `Parked`) by `new`: assigning
    /// would call the state's out-of-line drop on every switch of a generator frame.
    #[inline(always)]
    pub(super) fn leave_running(&self, new: GenState) {
        let old = std::mem::replace(&mut *self.state.borrow_mut(), new);
        debug_assert!(matches!(old, GenState::Running | GenState::Parked(_)));
        std::mem::forget(old);
    }

    /// Settles a parked chain this generator belongs to and takes its frame to run it
    /// (now `Running`); None if it is not plainly suspended even then.
    #[cold]
    #[inline(never)]
    fn settle_and_take(&self) -> Option<Box<Frame>> {
        self.settle();
        let mut state = self.state.borrow_mut();
        match std::mem::replace(&mut *state, GenState::Running) {
            GenState::Suspended(f) => Some(f),
            other => {
                *state = other;
                None
            }
        }
    }

    /// `__name__`.
    pub fn name(&self) -> Rc<str> {
        self.names.get(0).unwrap_or_else(|| self.code.name.clone())
    }

    /// `__qualname__`.
    pub fn qualname(&self) -> Rc<str> {
        self.names
            .get(1)
            .unwrap_or_else(|| self.code.qualname.clone())
    }

    /// Sets `__name__`.
    pub fn set_name(&self, name: Rc<str>) {
        let qualname = self.qualname();
        self.names.0.set(Some(Box::new([name, qualname])));
    }

    /// Sets `__qualname__`.
    pub fn set_qualname(&self, qualname: Rc<str>) {
        let name = self.name();
        self.names.0.set(Some(Box::new([name, qualname])));
    }
}

/// A suspended generator that was dropped while inside `try`/`with` blocks: its frame is
/// closed by the VM at the next safe point (CPython runs `close()` when the last reference
/// goes away, so `finally` blocks run).
pub struct DroppedGenerator {
    /// Which kind of generator it was.
    kind: GenKind,
    /// `__name__`.
    name: Rc<str>,
    /// `__qualname__`.
    qualname: Rc<str>,
    /// The code object.
    code: Rc<Code>,
    /// The suspended frame.
    frame: Box<Frame>,
    /// The saved handled exception.
    exc_state: Option<ObjRef>,
}

impl DroppedGenerator {
    /// The generator object again, suspended where it was dropped (for its finalization).
    fn resurrect(self) -> ObjRef {
        Obj::new(Payload::Generator(Generator {
            state: GenStateCell::new(self.kind, GenState::Suspended(self.frame)),
            names: GenNames::new(&self.code, &self.name, &self.qualname),
            code: self.code,
            exc_state: Cell::new(self.exc_state),
        }))
    }
}

/// A report a native object's `Drop` leaves for the VM.
pub type DeferredReport = Box<dyn FnOnce(&mut Vm)>;

/// Work left by `Drop` implementations for the VM (which `Drop` cannot reach).
#[derive(Default)]
pub struct PendingFinalizers {
    /// Qualified names of coroutines dropped without ever being started.
    pub never_awaited: Vec<Rc<str>>,
    /// Suspended generators to close.
    pub dropped: Vec<DroppedGenerator>,
    /// Unfinished async generators to hand (resurrected) to their finalizer hook.
    pub finalize_asyncgens: Vec<(DroppedGenerator, Value)>,
    /// Reports native objects' `Drop` left for the VM (e.g. asyncio's "exception was never
    /// retrieved"), run in order at the next safe point.
    pub deferred: Vec<DeferredReport>,
}

/// Queues `report` to run with the VM at the next safe point (callable from `Drop`; does
/// nothing while the thread is shutting down).
pub fn defer(report: DeferredReport) {
    let queued = PENDING.try_with(|p| match p.try_borrow_mut() {
        Ok(mut p) => {
            p.deferred.push(report);
            true
        }
        Err(_) => false,
    });
    if queued == Ok(true) {
        let _ = HAS_PENDING.try_with(|h| h.set(true));
    }
}

thread_local! {
    /// Finalization work queued by `Drop`, handled by `Vm::run_pending_finalizers`.
    pub static PENDING: RefCell<PendingFinalizers> = RefCell::new(PendingFinalizers::default());
    /// True when `PENDING` may be non-empty (checked cheaply by the eval loop).
    pub static HAS_PENDING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

impl Generator {
    /// What finalization needs of a generator being dropped while suspended at `frame`.
    fn dropped_with(&mut self, frame: Box<Frame>) -> DroppedGenerator {
        DroppedGenerator {
            kind: self.kind(),
            name: self.name(),
            qualname: self.qualname(),
            code: self.code.clone(),
            frame,
            exc_state: self.exc_state.get_mut().take(),
        }
    }
}

impl Drop for Generator {
    fn drop(&mut self) {
        self.settle();
        let state = std::mem::replace(self.state.get_mut(), GenState::Closed);
        match state {
            GenState::Created(_) if self.kind() == GenKind::Coroutine => {
                let q = self.qualname();
                PENDING.with(|p| p.borrow_mut().never_awaited.push(q));
                HAS_PENDING.with(|h| h.set(true));
            }
            GenState::Suspended(frame) if self.kind() == GenKind::AsyncGenerator => {
                // An unfinished async generator goes to the finalizer hook it was given at
                // its first iteration (asyncio's schedules `aclose()`), as in _PyGen_Finalize.
                if let Some(finalizer) = super::asyncgen::take_finalizer(self) {
                    let dropped = self.dropped_with(frame);
                    let _ = PENDING.try_with(|p| {
                        if let Ok(mut p) = p.try_borrow_mut() {
                            p.finalize_asyncgens.push((dropped, finalizer));
                        }
                    });
                    let _ = HAS_PENDING.try_with(|h| h.set(true));
                }
            }
            GenState::Suspended(frame)
                if !frame.blocks.is_empty() && self.kind() != GenKind::AsyncGenerator =>
            {
                let dropped = self.dropped_with(frame);
                PENDING.with(|p| p.borrow_mut().dropped.push(dropped));
                HAS_PENDING.with(|h| h.set(true));
            }
            _ if self.kind() == GenKind::AsyncGenerator => {
                super::asyncgen::take_finalizer(self);
            }
            _ => {}
        }
    }
}

impl Vm {
    /// Wraps a ready frame as a generator object of `kind` named `name` / `qualname`.
    #[inline(always)]
    pub fn new_generator(
        &mut self,
        kind: GenKind,
        frame: Box<Frame>,
        name: &Rc<str>,
        qualname: &Rc<str>,
    ) -> Value {
        if let Some(mut obj) = self.generator_pool.pop()
            && let Some(o) = ObjRef::get_mut(&mut obj)
            && let Payload::Generator(old) = &mut o.payload
        {
            // A pooled generator is closed with no exception state, class, dict or weak
            // reference (see `recycle_generator`): only its fields change.
            if !Rc::ptr_eq(&old.code, frame.code()) {
                old.code = frame.code().clone();
            }
            old.state.set_kind(kind);
            // (Replaced, not assigned: the old names are nearly always None, and assigning
            // would call their out-of-line drop.)
            if let Some(renamed) = old
                .names
                .0
                .replace(GenNames::new(&old.code, name, qualname).0.into_inner())
            {
                drop(renamed);
            }
            *old.state.get_mut() = GenState::Created(frame);
            return Value::Obj(obj);
        }
        let code = frame.code().clone();
        Value::Obj(Obj::new(Payload::Generator(Generator {
            state: GenStateCell::new(kind, GenState::Created(frame)),
            names: GenNames::new(&code, name, qualname),
            code,
            exc_state: Cell::new(None),
        })))
    }

    /// Drops `v`, keeping its allocation for `new_generator` when it is a finished
    /// generator or coroutine that nothing else references (no strong or weak reference,
    /// no class or dict of its own): what an `await` or `yield from` drops at END_SEND.
    #[inline(always)]
    pub(super) fn recycle_generator(&mut self, v: Value) {
        if let Value::Obj(o) = &v
            && let Payload::Generator(g) = &o.payload
            && g.kind() != GenKind::AsyncGenerator
            && self.generator_pool.len() < 64
            && ObjRef::strong_count(o) == 1
            && ObjRef::weak_count(o) == 0
            && o.class.is_none()
            && o.dict.is_none()
            && matches!(g.state.try_borrow().as_deref(), Ok(GenState::Closed))
            && g.exc_state_is_none()
        {
            let Value::Obj(o) = v else {
                unreachable!("matched a heap object above")
            };
            push_inline(&mut self.generator_pool, o);
        }
    }

    /// Runs finalization work queued by `Drop` (dropped generators, unawaited coroutines),
    /// reporting at `frame`'s current line. The check is inlined at every instruction that
    /// makes a safe point; the work itself is out of line.
    #[inline(always)]
    pub(super) fn safe_point(&mut self, frame: &Frame) {
        if HAS_PENDING.with(|h| h.get()) {
            self.run_pending_finalizers_at(frame);
        }
    }

    /// `safe_point`'s slow path.
    #[cold]
    #[inline(never)]
    fn run_pending_finalizers_at(&mut self, frame: &Frame) {
        self.current_location = (frame.code().filename.clone(), frame.line());
        self.run_pending_finalizers();
    }

    /// Handles work queued by `Drop`: closes dropped suspended generators (reporting errors
    /// as "Exception ignored in") and prints "coroutine ... was never awaited" warnings.
    pub fn run_pending_finalizers(&mut self) {
        if !HAS_PENDING.with(|h| h.replace(false)) {
            return;
        }
        let pending = PENDING.with(|p| std::mem::take(&mut *p.borrow_mut()));
        for d in pending.dropped {
            let qualname = d.qualname.clone();
            let kind = d.kind;
            let obj = d.resurrect();
            if let Err(e) = self.gen_close(&obj) {
                let header = format!(
                    "Exception ignored in: <{} object {} at {:#x}>\n",
                    kind.noun().replace(' ', "_"),
                    qualname,
                    ObjRef::as_ptr(&obj) as usize
                );
                let body = self.format_exception(&e);
                self.write_stderr(&format!("{header}{body}"));
            }
        }
        for (d, finalizer) in pending.finalize_asyncgens {
            let obj = d.resurrect();
            super::asyncgen::mark_hooks_inited(&obj);
            if let Err(e) = self.call(&finalizer, vec![Value::Obj(obj)]) {
                let body = self.format_exception(&e);
                self.write_stderr(&format!(
                    "Exception ignored in async generator finalizer\n{body}"
                ));
            }
        }
        for report in pending.deferred {
            report(self);
        }
        let (file, line) = self.current_location.clone();
        for name in pending.never_awaited {
            let mut text =
                format!("{file}:{line}: RuntimeWarning: coroutine '{name}' was never awaited\n");
            if let Some(src) = self.sources.get(&file).filter(|_| &*file != "sys")
                && let Some(l) = src.lines().nth(line.saturating_sub(1) as usize)
            {
                text.push_str(&format!("  {}\n", l.trim()));
            }
            text.push_str(
                "RuntimeWarning: Enable tracemalloc to get the object allocation traceback\n",
            );
            self.write_stderr(&text);
        }
    }

    fn gen_of<'a>(&self, obj: &'a ObjRef) -> &'a Generator {
        match &obj.payload {
            Payload::Generator(g) => g,
            _ => unreachable!("gen_* called on a generator object"),
        }
    }

    /// Runs the generator's frame with `resume`, handling state and exc_info.
    fn gen_resume(
        &mut self,
        obj: &ObjRef,
        frame: Box<Frame>,
        resume: Resume,
    ) -> PyResult<SendResult> {
        let g = self.gen_of(obj);
        let saved = g.exc_state.take();
        push_inline(&mut self.exc_info, saved);
        let may_park = std::mem::replace(&mut self.chains_may_park, true);
        let result = self.run_frame(frame, resume);
        self.chains_may_park = may_park;
        self.gen_resumed(obj, result)
    }

    /// `gen_resume`'s end: the generator's frame ran (its exception state on top of
    /// `exc_info`) and stopped with `result`.
    pub(super) fn gen_resumed(
        &mut self,
        obj: &ObjRef,
        result: PyResult<super::eval::FrameExit>,
    ) -> PyResult<SendResult> {
        let exc_state = self.exc_info.pop().flatten();
        let g = self.gen_of(obj);
        match result {
            Ok(super::eval::FrameExit::Yield(frame, v)) => {
                g.exc_state.set(exc_state);
                g.leave_running(GenState::Suspended(frame));
                Ok(SendResult::Yield(v))
            }
            Ok(super::eval::FrameExit::YieldChain(chain, v)) => {
                g.exc_state.set(exc_state);
                self.park_chain(obj, chain);
                Ok(SendResult::Yield(v))
            }
            Ok(super::eval::FrameExit::Return(v)) => {
                g.leave_running(GenState::Closed);
                Ok(SendResult::Return(v))
            }
            Err(e) => {
                *g.state.borrow_mut() = GenState::Closed;
                let kind = g.kind();
                Err(self.escaping_generator_error(kind, e))
            }
        }
    }

    /// PEP 479: a StopIteration (or an async generator's StopAsyncIteration) escaping the
    /// body becomes `RuntimeError: ... raised StopIteration`; anything else passes unchanged.
    fn escaping_generator_error(&mut self, kind: GenKind, e: ObjRef) -> ObjRef {
        let stop = self.exc.stop_iteration.clone();
        let stop_async = self.exc.stop_async_iteration.clone();
        let bad = if self.exc_matches(&e, &stop) {
            Some("StopIteration")
        } else if kind == GenKind::AsyncGenerator && self.exc_matches(&e, &stop_async) {
            Some("StopAsyncIteration")
        } else {
            None
        };
        let Some(what) = bad else {
            return e;
        };
        let err = self.new_runtime_error(format!("{} raised {what}", kind.noun()));
        if let Some(d) = self.exc_data(&err) {
            let mut d = d.borrow_mut();
            d.cause = Value::Obj(e.clone());
            d.context = Value::Obj(e);
            d.suppress_context = true;
        }
        err
    }

    /// For SEND / FOR_ITER into a Python generator or coroutine that can simply be resumed
    /// (suspended, or just created and sent None; no Ctrl-C pending; recursion room left):
    /// marks it running, gives a saved handled exception its slot on `exc_info` (as
    /// `gen_resume` does; without one the frame runs on its resumer's slot, see
    /// `give_inline_generator_exc_slot`), and hands its frame to the caller's eval loop to
    /// run inline, with true when it was suspended (the
    /// caller then delivers `value` as the result of its `yield`, see `eval_resume::deliver`).
    /// None: take the general `send` path. (Inlined in optimised builds only, as are the
    /// other helpers the eval loop runs on a generator switch: in a debug build every inlined
    /// copy adds its locals to the loop's frame, and recursion through Rust re-entries of the
    /// loop stacks those frames up.)
    #[cfg_attr(not(debug_assertions), inline(always))]
    #[cfg_attr(debug_assertions, inline(never))]
    pub(super) fn enter_generator_inline(
        &mut self,
        receiver: &Value,
        value: &Value,
    ) -> Option<(Box<Frame>, bool)> {
        let Value::Obj(obj) = receiver else {
            return None;
        };
        let (mut frame, resumed) = self.take_generator_frame(obj, value)?;
        frame.set_inline_gen(obj.clone());
        Some((frame, resumed))
    }

    /// `enter_generator_inline` but for marking the frame as the generator's (the caller
    /// does it with `Frame::set_inline_gen`, handing over a reference it owns or a clone).
    #[cfg_attr(not(debug_assertions), inline(always))]
    #[cfg_attr(debug_assertions, inline(never))]
    pub(super) fn take_generator_frame(
        &mut self,
        obj: &ObjRef,
        value: &Value,
    ) -> Option<(Box<Frame>, bool)> {
        let Payload::Generator(g) = &obj.payload else {
            return None;
        };
        if g.kind() == GenKind::AsyncGenerator
            || self.depth >= self.recursion_limit
            || super::interrupt::pending()
        {
            return None;
        }
        let (frame, resumed) = {
            let mut state = g.state.borrow_mut();
            match std::mem::replace(&mut *state, GenState::Running) {
                GenState::Suspended(f) => (f, true),
                GenState::Created(f) if value.is_none() => (f, false),
                // A chain parked by a resumption from Rust, now sent into by a frame of
                // this loop: it runs inline here level by level, as it was before parking.
                parked @ (GenState::SuspendedChain(_) | GenState::Parked(_)) => {
                    *state = parked;
                    drop(state);
                    (g.settle_and_take()?, true)
                }
                other => {
                    *state = other;
                    return None;
                }
            }
        };
        // A saved handled exception gets its slot on `exc_info` back. Without one the frame
        // runs on its resumer's slot (`GenStateCell::exc_slot`), as CPython's topmost
        // exception is found past an empty `gi_exc_state`: what `sys.exc_info()` sees is
        // the same, and a handler in the frame pushes the slot then (PUSH_EXC_INFO).
        if let Some(saved) = g.exc_state.take() {
            push_inline(&mut self.exc_info, Some(saved));
            g.state.set_exc_slot(true);
            self.inline_exc_slots += 1;
        }
        self.depth += 1;
        Some((frame, resumed))
    }

    /// PUSH_EXC_INFO in `frame`: an inline generator frame running without a slot of its own
    /// on `exc_info` (see `take_generator_frame`) gets one now, so that the exception it
    /// handles is saved with it at a `yield` and never seen by its resumer.
    #[inline(always)]
    pub(super) fn give_inline_generator_exc_slot(&mut self, frame: &Frame) {
        if let Some(obj) = frame.inline_gen()
            && let Payload::Generator(g) = &obj.payload
            && !g.state.exc_slot()
        {
            push_inline(&mut self.exc_info, None);
            g.state.set_exc_slot(true);
            self.inline_exc_slots += 1;
        }
    }

    /// The handled exception an inline generator leaves with (its slot on `exc_info`
    /// popped, if it had one).
    #[inline(always)]
    fn take_inline_exc_slot(&mut self, g: &Generator) -> Option<ObjRef> {
        if g.state.exc_slot() {
            g.state.set_exc_slot(false);
            self.inline_exc_slots -= 1;
            return self.exc_info.pop().flatten();
        }
        None
    }

    /// An inline generator frame yielded: it is suspended again with its exception state.
    pub(super) fn suspend_inline_generator(&mut self, obj: &ObjRef, frame: Box<Frame>) {
        self.depth -= 1;
        let g = self.gen_of(obj);
        // Its state is None while it runs (taken at the resumption): set only when a
        // handled exception is saved.
        if let Some(exc_state) = self.take_inline_exc_slot(g) {
            g.exc_state.set(Some(exc_state));
        }
        g.leave_running(GenState::Suspended(frame));
    }

    /// An inline generator frame returned (the eval loop has popped it): the generator is
    /// closed.
    #[inline(always)]
    pub(super) fn finish_inline_generator(&mut self, obj: &ObjRef) {
        let g = self.gen_of(obj);
        drop(self.take_inline_exc_slot(g));
        g.leave_running(GenState::Closed);
    }

    /// An exception escaped an inline generator frame (the eval loop has popped it): the
    /// generator is closed and the exception is what its awaiter sees (PEP 479 applied, chained as a failed send is).
    pub(super) fn fail_inline_generator(&mut self, obj: &ObjRef, e: ObjRef) -> ObjRef {
        let g = self.gen_of(obj);
        drop(self.take_inline_exc_slot(g));
        *g.state.borrow_mut() = GenState::Closed;
        let kind = g.kind();
        let e = self.escaping_generator_error(kind, e);
        self.chain_context(&e, false);
        e
    }

    /// `gen.send(value)` with the outcome as an enum (StopIteration not materialised).
    pub fn gen_send(&mut self, obj: &ObjRef, value: Value) -> PyResult<SendResult> {
        let g = self.gen_of(obj);
        let kind = g.kind();
        let state = std::mem::replace(&mut *g.state.borrow_mut(), GenState::Running);
        match state {
            GenState::Running => {
                Err(self.new_value_error(format!("{} already executing", kind.noun())))
            }
            GenState::Closed => {
                *g.state.borrow_mut() = GenState::Closed;
                if kind == GenKind::Coroutine {
                    Err(self.new_runtime_error("cannot reuse already awaited coroutine"))
                } else {
                    Ok(SendResult::Return(Value::None))
                }
            }
            GenState::Created(frame) => {
                if !value.is_none() {
                    *g.state.borrow_mut() = GenState::Created(frame);
                    return Err(self.new_type_error(format!(
                        "can't send non-None value to a just-started {}",
                        kind.noun()
                    )));
                }
                self.gen_resume(obj, frame, Resume::Value(None))
            }
            GenState::Suspended(frame) => self.gen_resume(obj, frame, Resume::Value(Some(value))),
            GenState::SuspendedChain(chain) => match self.resume_parked_chain(obj, chain, value) {
                Ok(r) => r,
                Err(value) => self.gen_send(obj, value),
            },
            parked @ GenState::Parked(_) => {
                *g.state.borrow_mut() = parked;
                g.settle();
                self.gen_send(obj, value)
            }
        }
    }

    /// Drives the generator `obj` as `for v in obj` does, from Rust (`sum()`, `list()`, ...):
    /// each yielded value goes to `sink`, until the generator returns (Ok) or raises (its
    /// error, PEP 479 applied). Between items the generator is suspended exactly as after a
    /// `next()` (`ItemSink::take` may itself resume or close it); what a `next()` per item
    /// would repeat — the send checks, taking a caller stack from the pool, the layers of
    /// `gen_resume` and `run_frame` — is done once per item in one loop. An item that
    /// `ItemSink::take_plain` accepts runs no Python code, so for it the generator is
    /// resumed at once, without being suspended and taken up again.
    pub fn gen_for_each(&mut self, obj: &ObjRef, sink: &mut impl ItemSink) -> PyResult<()> {
        let mut callers = self.caller_stacks.pop().unwrap_or_default();
        let r = self.gen_for_each_with(obj, sink, &mut callers);
        self.return_caller_stack(callers);
        r
    }

    /// `gen_for_each` with a caller stack for the generator's frame.
    #[allow(clippy::vec_box)]
    fn gen_for_each_with(
        &mut self,
        obj: &ObjRef,
        sink: &mut impl ItemSink,
        callers: &mut super::frame::FrameChain,
    ) -> PyResult<()> {
        loop {
            let g = self.gen_of(obj);
            let frame = {
                let mut state = g.state.borrow_mut();
                if matches!(&*state, GenState::Suspended(_)) && self.depth < self.recursion_limit {
                    match std::mem::replace(&mut *state, GenState::Running) {
                        GenState::Suspended(f) => Some(f),
                        _ => unreachable!("checked to be suspended above"),
                    }
                } else {
                    None
                }
            };
            let Some(frame) = frame else {
                // Not started, running, finished, or no recursion room: `next()`'s own path
                // (which starts it, or raises what it raises).
                match self.gen_send(obj, Value::None)? {
                    SendResult::Yield(v) => {
                        if sink.take(self, v)?.is_break() {
                            return Ok(());
                        }
                        continue;
                    }
                    SendResult::Return(_) => return Ok(()),
                }
            };
            let saved = g.exc_state.take();
            push_inline(&mut self.exc_info, saved);
            let depth = self.depth;
            self.depth += 1;
            let mut r = self.resume_for_sink(frame, sink, callers);
            // Items taken without Python code: the generator stays running (its exception
            // state on the stack) and is resumed again at once.
            let mut stopped = false;
            let r = loop {
                match r {
                    Ok(super::eval::FrameExit::Yield(frame, v)) => match sink.take_plain(v) {
                        Ok(ControlFlow::Continue(())) => {
                            r = self.resume_for_sink(frame, sink, callers);
                        }
                        Ok(ControlFlow::Break(())) => {
                            stopped = true;
                            break Ok(super::eval::FrameExit::Yield(frame, Value::None));
                        }
                        Err(v) => break Ok(super::eval::FrameExit::Yield(frame, v)),
                    },
                    other => break other,
                }
            };
            self.depth = depth;
            let exc_state = self.exc_info.pop().flatten();
            let g = self.gen_of(obj);
            match r {
                Ok(super::eval::FrameExit::Yield(frame, v)) => {
                    g.exc_state.set(exc_state);
                    g.leave_running(GenState::Suspended(frame));
                    if stopped || sink.take(self, v)?.is_break() {
                        return Ok(());
                    }
                }
                Ok(super::eval::FrameExit::YieldChain(chain, v)) => {
                    g.exc_state.set(exc_state);
                    self.park_chain(obj, chain);
                    if sink.take(self, v)?.is_break() {
                        return Ok(());
                    }
                }
                Ok(super::eval::FrameExit::Return(_)) => {
                    *g.state.borrow_mut() = GenState::Closed;
                    return Ok(());
                }
                Err(e) => {
                    *g.state.borrow_mut() = GenState::Closed;
                    let kind = g.kind();
                    return Err(self.escaping_generator_error(kind, e));
                }
            }
        }
    }

    /// `gen.throw(exc)`: forwards to the delegate of a SEND loop first.
    pub fn gen_throw(&mut self, obj: &ObjRef, exc: ObjRef) -> PyResult<SendResult> {
        let g = self.gen_of(obj);
        g.settle();
        let kind = g.kind();
        let state = std::mem::replace(&mut *g.state.borrow_mut(), GenState::Running);
        match state {
            GenState::Running => {
                *g.state.borrow_mut() = GenState::Running;
                Err(self.new_value_error(format!("{} already executing", kind.noun())))
            }
            GenState::Closed => {
                *g.state.borrow_mut() = GenState::Closed;
                Err(exc)
            }
            GenState::Created(frame) => {
                // The exception is raised at the frame's start and escapes its body, so PEP
                // 479 applies as to a started one: `g().throw(StopIteration)` is a
                // RuntimeError.
                *g.state.borrow_mut() = GenState::Closed;
                self.add_traceback(&exc, frame.code(), frame.code().first_line);
                Err(self.escaping_generator_error(kind, exc))
            }
            GenState::Parked(_) | GenState::SuspendedChain(_) => {
                unreachable!("settled at the start of gen_throw")
            }
            GenState::Suspended(mut frame) => {
                self.materialize_sleep_zero(&mut frame);
                let Some(delegate) = frame.delegate().cloned() else {
                    return self.gen_resume(obj, frame, Resume::Throw(exc));
                };
                // Put the frame back while the delegate runs (we are "running" meanwhile).
                let is_exit = self.exc_matches(&exc, &self.exc.generator_exit.clone());
                let outcome = if is_exit {
                    self.close_iter(&delegate).map(|_| None)
                } else {
                    self.throw_into(&delegate, exc.clone())
                };
                match outcome {
                    Ok(Some(SendResult::Yield(v))) => {
                        let g = self.gen_of(obj);
                        *g.state.borrow_mut() = GenState::Suspended(frame);
                        Ok(SendResult::Yield(v))
                    }
                    Ok(Some(SendResult::Return(v))) => {
                        let stop = self.new_stop_iteration(v);
                        self.gen_resume(obj, frame, Resume::Throw(stop))
                    }
                    Ok(None) => self.gen_resume(obj, frame, Resume::Throw(exc)),
                    Err(e) => self.gen_resume(obj, frame, Resume::Throw(e)),
                }
            }
        }
    }

    /// Throws into any iterator: generators directly, others via their `throw` method
    /// (None = it has no `throw`, so the exception is raised in the caller).
    fn throw_into(&mut self, it: &Value, exc: ObjRef) -> PyResult<Option<SendResult>> {
        if let Value::Obj(o) = it
            && let Payload::Generator(_) = &o.payload
        {
            return self.gen_throw(o, exc).map(Some);
        }
        let Some(throw) = self.lookup_attr_opt(it, "throw")? else {
            return Ok(None);
        };
        match self.call(&throw, vec![Value::Obj(exc)]) {
            Ok(v) => Ok(Some(SendResult::Yield(v))),
            Err(e) => {
                if self.exc_matches(&e, &self.exc.stop_iteration.clone()) {
                    let v = self.stop_iteration_value(&e);
                    Ok(Some(SendResult::Return(v)))
                } else {
                    Err(e)
                }
            }
        }
    }

    /// Closes any iterator: generators directly, others via their `close` method if any.
    fn close_iter(&mut self, it: &Value) -> PyResult<()> {
        if let Value::Obj(o) = it
            && let Payload::Generator(_) = &o.payload
        {
            return self.gen_close(o);
        }
        if let Some(close) = self.lookup_attr_opt(it, "close")? {
            self.call(&close, vec![])?;
        }
        Ok(())
    }

    /// `gen.close()`.
    pub fn gen_close(&mut self, obj: &ObjRef) -> PyResult<()> {
        let g = self.gen_of(obj);
        let kind = g.kind();
        {
            let mut st = g.state.borrow_mut();
            match &*st {
                GenState::Created(_) => {
                    *st = GenState::Closed;
                    return Ok(());
                }
                GenState::Closed => return Ok(()),
                _ => {}
            }
        }
        let exit = self.new_exception(&self.exc.generator_exit.clone(), vec![]);
        match self.gen_throw(obj, exit) {
            Ok(SendResult::Yield(_)) => {
                Err(self.new_runtime_error(format!("{} ignored GeneratorExit", kind.noun())))
            }
            Ok(SendResult::Return(_)) => Ok(()),
            Err(e) => {
                if self.exc_matches(&e, &self.exc.generator_exit.clone())
                    || self.exc_matches(&e, &self.exc.stop_iteration.clone())
                {
                    Ok(())
                } else {
                    Err(e)
                }
            }
        }
    }

    /// The `value` of a StopIteration instance.
    pub fn stop_iteration_value(&self, exc: &ObjRef) -> Value {
        exc.dict
            .as_ref()
            .and_then(|d| self.dict_get_str(d, "value"))
            .unwrap_or(Value::None)
    }

    /// Turns a send outcome into Python's view: the yielded value, or StopIteration(value).
    pub fn send_result_to_py(&self, r: SendResult) -> PyResult<Value> {
        match r {
            SendResult::Yield(v) => Ok(v),
            SendResult::Return(v) => Err(self.new_stop_iteration(v)),
        }
    }

    /// Sends into any iterator for a SEND instruction: generators directly, `None` as
    /// `__next__`, others via `send`.
    pub fn send_any(&mut self, receiver: &Value, value: Value) -> PyResult<SendResult> {
        if let Value::Obj(o) = receiver
            && let Payload::Generator(_) = &o.payload
        {
            return self.gen_send(o, value);
        }
        if let Value::Obj(o) = receiver
            && let Payload::Native(n) = &o.payload
            && let Some(r) = n.native_send(self, o, &value)
        {
            return r;
        }
        let r = if value.is_none() {
            self.call_method(receiver, "__next__", vec![])
        } else {
            self.call_method(receiver, "send", vec![value])
        };
        match r {
            Ok(v) => Ok(SendResult::Yield(v)),
            Err(e) => {
                if self.exc_matches(&e, &self.exc.stop_iteration.clone()) {
                    Ok(SendResult::Return(self.stop_iteration_value(&e)))
                } else {
                    Err(e)
                }
            }
        }
    }
}
