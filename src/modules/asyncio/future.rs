//! asyncio's native `Future` (and the `FutureIter` an `await` drives), mirroring CPython's
//! `_asyncio` C module (Modules/_asynciomodule.c: FutureObj, future_schedule_callbacks,
//! FutureIter_iternext) with futures.py's Python-visible surface.

use super::slot::{Slot, SlotValue};
use super::task::{QueuedStep, TaskFields};
use crate::vm::object::{NativeObject, NativeState, Obj, Payload, PropertyMore};
use crate::vm::value::WeakObj;
use crate::vm::{Args, ObjRef, PyResult, Value, Vm};
use std::cell::{Cell, RefCell};
use std::rc::Rc;

/// The three states of a future (futures.py `_PENDING`, `_CANCELLED`, `_FINISHED`).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum FutState {
    /// Not done yet.
    Pending,
    /// Cancelled (`cancel()` succeeded).
    Cancelled,
    /// Finished with a result or an exception.
    Finished,
}

impl FutState {
    /// The futures.py state string (`_state`).
    pub fn name(self) -> &'static str {
        match self {
            FutState::Pending => "PENDING",
            FutState::Cancelled => "CANCELLED",
            FutState::Finished => "FINISHED",
        }
    }
}

/// What a done callback calls.
#[derive(Clone)]
pub enum DoneFn {
    /// A callable, called with the future.
    Call(Value),
    /// A task's wake-up (`task_wakeup` bound to this task), kept without allocating the
    /// bound method CPython makes per await. (With `Call` it fits a `Value`'s 16 bytes.)
    WakeTask(ObjRef),
}

/// One done callback of a future (an entry of futures.py `_callbacks`).
#[derive(Clone)]
pub struct DoneCallback {
    /// What it calls.
    pub func: DoneFn,
    /// The context to run it in.
    pub context: Value,
}

/// Appends a done callback.
fn push_callback(callbacks: &Slot<Callbacks>, cb: DoneCallback) {
    let mut list = callbacks.take();
    list.push(cb);
    callbacks.put_back(list);
}

/// A future's done callbacks in registration order. Most futures get exactly one (a task's
/// awaiter, gather's bookkeeping), which CPython keeps inline as `fut_callback0`: so is it
/// here, in 8 bytes when it has no context (contextvars not in use) or runs in its task's
/// own. A done future has no callbacks left (they were scheduled) but may have a result:
/// that is kept in the same place. (16 bytes: the variants other than `Result` fit beside
/// the tag of its `Value`.)
#[derive(Clone, Default)]
pub enum Callbacks {
    /// No callback.
    #[default]
    Empty,
    /// Exactly one callback: the wake-up of this task, with no context.
    Wake(ObjRef),
    /// Exactly one callback: the wake-up of this task, in the task's own context object.
    WakeInTaskContext(ObjRef),
    /// Exactly one callback: this callable object, with no context.
    Call(ObjRef),
    /// Exactly one callback of another shape.
    One(Box<DoneCallback>),
    /// Two or more.
    Many(Box<Vec<DoneCallback>>),
    /// No callback, and the result of the finished future (`_result`), which is not None.
    Result(Value),
}

impl Callbacks {
    /// The compact form of a single callback.
    #[inline]
    fn single(cb: DoneCallback) -> Callbacks {
        match (cb.func, cb.context) {
            (DoneFn::WakeTask(t), Value::None) => Callbacks::Wake(t),
            (DoneFn::WakeTask(t), Value::Obj(c)) if task_context_is(&t, &c) => {
                Callbacks::WakeInTaskContext(t)
            }
            (DoneFn::Call(Value::Obj(f)), Value::None) => Callbacks::Call(f),
            (func, context) => Callbacks::One(Box::new(DoneCallback { func, context })),
        }
    }

    /// The single callback of a compact variant, in full, moved out (None for the others).
    #[inline]
    fn into_single(self) -> Option<DoneCallback> {
        Some(match self {
            Callbacks::Wake(t) => DoneCallback {
                func: DoneFn::WakeTask(t),
                context: Value::None,
            },
            Callbacks::WakeInTaskContext(t) => {
                let context = own_task_context(&t);
                DoneCallback {
                    func: DoneFn::WakeTask(t),
                    context,
                }
            }
            Callbacks::Call(f) => DoneCallback {
                func: DoneFn::Call(Value::Obj(f)),
                context: Value::None,
            },
            Callbacks::One(cb) => *cb,
            _ => return None,
        })
    }

    /// Appends `cb`.
    pub fn push(&mut self, cb: DoneCallback) {
        let new = match std::mem::take(self) {
            // Only pending futures get callbacks; a result is set once they are gone.
            Callbacks::Empty | Callbacks::Result(_) => Callbacks::single(cb),
            Callbacks::Many(mut all) => {
                all.push(cb);
                Callbacks::Many(all)
            }
            one => match one.into_single() {
                Some(first) => Callbacks::Many(Box::new(vec![first, cb])),
                None => unreachable!("every other variant holds one callback"),
            },
        };
        // What `take` left owns nothing: forgotten, not dropped.
        std::mem::forget(std::mem::replace(self, new));
    }

    /// The callbacks, in order (clones).
    pub fn to_vec(&self) -> Vec<DoneCallback> {
        match self {
            Callbacks::Many(all) => all.to_vec(),
            one => one.clone().into_single().into_iter().collect(),
        }
    }

    /// How many callbacks there are.
    pub fn len(&self) -> usize {
        match self {
            Callbacks::Empty | Callbacks::Result(_) => 0,
            Callbacks::Many(all) => all.len(),
            _ => 1,
        }
    }

    /// True when there is none.
    pub fn is_empty(&self) -> bool {
        matches!(self, Callbacks::Empty | Callbacks::Result(_))
    }

    /// Calls `visit` on every value the callbacks (and a result) hold.
    fn trace(&self, visit: &mut dyn FnMut(&Value)) {
        let one = |cb: &DoneCallback, visit: &mut dyn FnMut(&Value)| {
            match &cb.func {
                DoneFn::Call(f) => visit(f),
                DoneFn::WakeTask(t) => visit(&Value::Obj(t.clone())),
            }
            visit(&cb.context);
        };
        match self {
            Callbacks::Empty => {}
            Callbacks::Wake(o) | Callbacks::WakeInTaskContext(o) | Callbacks::Call(o) => {
                visit(&Value::Obj(o.clone()));
            }
            Callbacks::One(cb) => one(cb, visit),
            Callbacks::Many(all) => all.iter().for_each(|cb| one(cb, visit)),
            Callbacks::Result(v) => visit(v),
        }
    }
}

/// The task part of `task`, None for a plain future.
fn task_fields(task: &ObjRef) -> Option<&super::task::TaskFields> {
    task.native::<FutureObj>().and_then(|st| st.task.as_deref())
}

/// True when the task `task` runs in the context object `context` (its `_context`, which
/// a task keeps once set).
fn task_context_is(task: &ObjRef, context: &ObjRef) -> bool {
    task_fields(task).is_some_and(|t| {
        t.context
            .with(|c| c.as_ref().is_some_and(|c| ObjRef::ptr_eq(c, context)))
    })
}

/// The context object of the task `task` (see `Callbacks::WakeInTaskContext`).
fn own_task_context(task: &ObjRef) -> Value {
    task_fields(task)
        .and_then(|t| t.context.get())
        .map_or(Value::None, Value::Obj)
}

impl From<Vec<DoneCallback>> for Callbacks {
    fn from(mut all: Vec<DoneCallback>) -> Callbacks {
        match all.len() {
            0 => Callbacks::Empty,
            1 => Callbacks::single(all.remove(0)),
            _ => Callbacks::Many(Box::new(all)),
        }
    }
}

impl SlotValue for Callbacks {
    fn placeholder() -> Self {
        Callbacks::Empty
    }
}

/// The Rust state of a Future or Task instance; mirrors `_asynciomodule.c` FutureObj.
pub struct FutureObj {
    /// `_state`.
    pub state: Cell<FutState>,
    /// `_loop` when it is an object (None only between `__new__` and `__init__`, or for a
    /// loop that is not an object, kept in the extras).
    loop_obj: Slot<Option<ObjRef>>,
    /// `_callbacks`: the done callbacks in registration order.
    pub callbacks: Slot<Callbacks>,
    /// The future's yes/no fields, one bit each (`BLOCKING`, `LOG_TRACEBACK`, `MUST_CANCEL`,
    /// `STEP_QUEUED`): as four bools they left no room for `number`.
    flags: Cell<u8>,
    /// A task's number N when it is an unnamed "Task-N" (`get_name()`), else 0: kept here,
    /// in what would be padding, so that `TaskFields` fits mimalloc's 40-byte class.
    number: Cell<u32>,
    /// The Task part (`None` for a plain Future; boxed so plain futures stay small).
    pub task: Option<Box<TaskFields>>,
    /// The fields most futures never set, allocated by the first that is set.
    extras: Cell<Option<Box<FutureExtras>>>,
    /// Always `InPlace`: a byte of what would be padding whose other 255 values are free, so
    /// that `NativeState` keeps its own tag there and stays 48 bytes (a payload's limit).
    _niche: Niche,
}

/// A one-value byte: gives `FutureObj` a niche (its other fields are all `Cell`s, which
/// have none) for `NativeState`'s tag.
#[derive(Clone, Copy)]
#[repr(u8)]
enum Niche {
    /// The only value.
    InPlace = 0,
}

/// `_asyncio_future_blocking` (a bit of `FutureObj::flags`).
const BLOCKING: u8 = 1;
/// `_log_traceback`: the exception was set and never retrieved.
const LOG_TRACEBACK: u8 = 2;
/// A task's `_must_cancel`: cancel the coroutine at its next step.
const MUST_CANCEL: u8 = 4;
/// A task has a step queued in its loop's ready queue as the task itself (see `QueuedStep`);
/// at most one at a time. The step's parts are kept in fields the task has anyway, as the
/// next two bits say (neither set: a plain `task_step` with no context).
const STEP_QUEUED: u8 = 8;
/// The queued step runs in the task's own `_context` (`QueuedStep::context`).
const QUEUED_OWN_CONTEXT: u8 = 16;
/// The queued step's `QueuedStep::fut` is in `TaskFields::fut_waiter`: for a pending task
/// the future it waits on (`task_wakeup(task, fut)` is only ever queued for that one), for
/// a finished task, whose waiter is always None, the done callback the step stands for.
const QUEUED_FUT_IN_WAITER: u8 = 32;

/// The flag bits that record a queued step (`FutureObj::queued_step_bits`).
#[derive(Clone, Copy)]
pub struct QueuedBits(u8);

/// The rarely set fields of a future (an exception, a cancellation, a sleep's timer, a loop
/// that is not an object), kept apart so that a pending future or task is 48 bytes smaller.
#[derive(Default)]
struct FutureExtras {
    /// `_loop` when it is not an object (`Future(loop=...)` takes anything).
    odd_loop: Option<Value>,
    /// A task's `_coro` when it is not an object (a class registered as a Coroutine).
    odd_coro: Option<Value>,
    /// A task's `_context` when it is not an object (`create_task(..., context=...)` takes
    /// anything).
    odd_context: Option<Value>,
    /// `_exception` (set by `set_exception`).
    exception: Option<ObjRef>,
    /// `_cancel_message`.
    cancel_message: Option<Value>,
    /// `_cancelled_exc`: the CancelledError a task's coroutine raised, re-raised by `result()`.
    cancelled_exc: Option<ObjRef>,
    /// For the future of `asyncio.sleep`: the timer that resolves it, cancelled when the
    /// future is (the `finally: h.cancel()` of tasks.py sleep).
    timer: Option<ObjRef>,
    /// A task's name when it was given one (an unnamed task shows its number).
    name: Option<Value>,
    /// A task's `_num_cancels_requested` (`cancelling()`), set by its first `cancel()`.
    num_cancels_requested: u32,
}

// A future's state with its one inline callback takes 48 bytes, so that an object holding it
// fits mimalloc's 80-byte size class (with `FutureObj::_niche` holding `NativeState`'s tag;
// 96 bytes before the result and odd loops moved to the
// extras, 64 while a callback took 32 bytes inline).
const _: () = assert!(std::mem::size_of::<FutureObj>() <= 48);
const _: () = assert!(std::mem::size_of::<Callbacks>() <= 16);
const _: () = assert!(std::mem::size_of::<DoneCallback>() <= 32);

impl FutureObj {
    /// A pending future with no loop yet (`__new__`).
    pub fn new(task: Option<Box<TaskFields>>) -> FutureObj {
        FutureObj {
            state: Cell::new(FutState::Pending),
            loop_obj: Slot::new(None),
            callbacks: Slot::new(Callbacks::Empty),
            flags: Cell::new(0),
            number: Cell::new(0),
            task,
            extras: Cell::new(None),
            _niche: Niche::InPlace,
        }
    }

    /// Whether the flag `bit` of `flags` is set.
    #[inline]
    fn flag(&self, bit: u8) -> bool {
        self.flags.get() & bit != 0
    }

    /// Sets or clears the flag `bit`, returning its old state.
    #[inline]
    fn set_flag(&self, bit: u8, on: bool) -> bool {
        let old = self.flags.get();
        self.flags.set(if on { old | bit } else { old & !bit });
        old & bit != 0
    }

    /// `_asyncio_future_blocking`.
    #[inline]
    pub fn blocking(&self) -> bool {
        self.flag(BLOCKING)
    }

    /// Sets `_asyncio_future_blocking`.
    #[inline]
    pub fn set_blocking(&self, on: bool) {
        self.set_flag(BLOCKING, on);
    }

    /// `_log_traceback`: the exception was set and never retrieved.
    #[inline]
    pub fn log_traceback(&self) -> bool {
        self.flag(LOG_TRACEBACK)
    }

    /// Sets `_log_traceback`.
    #[inline]
    pub fn set_log_traceback(&self, on: bool) {
        self.set_flag(LOG_TRACEBACK, on);
    }

    /// A task's `_must_cancel`.
    #[inline]
    pub fn must_cancel(&self) -> bool {
        self.flag(MUST_CANCEL)
    }

    /// Sets a task's `_must_cancel`.
    #[inline]
    pub fn set_must_cancel(&self, on: bool) {
        self.set_flag(MUST_CANCEL, on);
    }

    /// Reads the rare fields (`None` when none was ever set).
    fn read_extras<R>(&self, read: impl FnOnce(Option<&FutureExtras>) -> R) -> R {
        let extras = self.extras.take();
        let out = read(extras.as_deref());
        self.extras.set(extras);
        out
    }

    /// Replaces one rare field through `swap`, allocating them only when a value is stored
    /// (storing the default in a future that has none stays free). The old value is dropped
    /// after the fields are back in place, so a `Drop` it runs sees them whole.
    fn swap_extra<T>(
        &self,
        new: Option<T>,
        field: impl FnOnce(&mut FutureExtras) -> &mut Option<T>,
    ) -> Option<T> {
        let mut extras = self.extras.take();
        let old = match (&mut extras, &new) {
            (None, None) => None,
            _ => std::mem::replace(field(extras.get_or_insert_default()), new),
        };
        self.extras.set(extras);
        old
    }

    /// `_exception`.
    pub fn exception(&self) -> Option<ObjRef> {
        self.read_extras(|e| e.and_then(|e| e.exception.clone()))
    }

    /// Sets `_exception`.
    pub fn set_exception(&self, exc: Option<ObjRef>) {
        drop(self.swap_extra(exc, |e| &mut e.exception));
    }

    /// `_cancel_message` (None unless one was given).
    pub fn cancel_message(&self) -> Value {
        self.read_extras(|e| e.and_then(|e| e.cancel_message.clone()))
            .unwrap_or(Value::None)
    }

    /// Sets `_cancel_message`.
    pub fn set_cancel_message(&self, msg: Value) {
        drop(self.swap_extra((!msg.is_none()).then_some(msg), |e| &mut e.cancel_message));
    }

    /// Takes `_cancelled_exc` (a task's CancelledError, re-raised once by `result()`).
    pub fn take_cancelled_exc(&self) -> Option<ObjRef> {
        self.swap_extra(None, |e| &mut e.cancelled_exc)
    }

    /// Sets `_cancelled_exc`.
    pub fn set_cancelled_exc(&self, exc: Option<ObjRef>) {
        drop(self.swap_extra(exc, |e| &mut e.cancelled_exc));
    }

    /// The timer of a sleep's future (see `FutureExtras::timer`).
    pub fn timer(&self) -> Option<ObjRef> {
        self.read_extras(|e| e.and_then(|e| e.timer.clone()))
    }

    /// Sets the timer of a sleep's future.
    pub fn set_timer(&self, timer: Option<ObjRef>) {
        drop(self.swap_extra(timer, |e| &mut e.timer));
    }

    /// Takes the timer of a sleep's future out.
    pub fn take_timer(&self) -> Option<ObjRef> {
        self.swap_extra(None, |e| &mut e.timer)
    }

    /// A task's `_num_cancels_requested`.
    pub fn num_cancels_requested(&self) -> u32 {
        self.read_extras(|e| e.map_or(0, |e| e.num_cancels_requested))
    }

    /// Sets a task's `_num_cancels_requested` (the extras are made only for a count above 0).
    pub fn set_num_cancels_requested(&self, n: u32) {
        let mut extras = self.extras.take();
        if n > 0 || extras.is_some() {
            extras.get_or_insert_default().num_cancels_requested = n;
        }
        self.extras.set(extras);
    }

    /// A task's `get_name()`: the name it was given, else "Task-N" (None for a plain future).
    pub fn task_name(&self) -> Value {
        if self.task.is_none() {
            return Value::None;
        }
        match self.number.get() {
            0 => self
                .read_extras(|e| e.and_then(|e| e.name.clone()))
                .unwrap_or(Value::None),
            n => Value::string(format!("Task-{n}")),
        }
    }

    /// Names a task: `name` (a str), or its number `n` when `name` is None.
    pub fn set_task_name(&self, name: Value, n: u64) {
        if self.task.is_none() {
            return;
        }
        // Past u32's range (four billion tasks) the number is spelt out once, as a given name.
        let (number, name) = match (name, u32::try_from(n.max(1))) {
            (Value::None, Ok(number)) => (number, None),
            (Value::None, Err(_)) => (0, Some(Value::string(format!("Task-{n}")))),
            (name, _) => (0, Some(name)),
        };
        self.number.set(number);
        drop(self.swap_extra(name, |e| &mut e.name));
    }

    /// True when the task has a step queued as itself (see `QueuedStep`).
    #[inline]
    pub fn has_queued_step(&self) -> bool {
        self.flag(STEP_QUEUED)
    }

    /// How `record_queued_step` would keep `step`, or None when it cannot: something is
    /// queued already, or the step's parts are not ones the task keeps anyway (see
    /// `QUEUED_OWN_CONTEXT` and `QUEUED_FUT_IN_WAITER`); such a step gets a real Handle.
    /// Keeping them so is what makes `TaskFields` 24 bytes instead of 40 (1.6 MB for 100k
    /// suspended tasks).
    #[inline]
    pub fn queued_step_bits(&self, step: &QueuedStep) -> Option<QueuedBits> {
        let t = self.task.as_ref()?;
        if self.flag(STEP_QUEUED) {
            return None;
        }
        let context_bit = match &step.context {
            Value::None => 0,
            Value::Obj(c)
                if t.context
                    .with(|own| own.as_ref().is_some_and(|o| ObjRef::ptr_eq(o, c))) =>
            {
                QUEUED_OWN_CONTEXT
            }
            _ => return None,
        };
        let fut_bit = match &step.fut {
            None => 0,
            // A finished task's waiter is free to hold the done callback.
            Some(_) if self.done() && t.fut_waiter.with(|w| w.is_none()) => QUEUED_FUT_IN_WAITER,
            Some(f)
                if t.fut_waiter
                    .with(|w| w.as_ref().is_some_and(|w| ObjRef::ptr_eq(w, f))) =>
            {
                QUEUED_FUT_IN_WAITER
            }
            Some(_) => return None,
        };
        Some(QueuedBits(STEP_QUEUED | context_bit | fut_bit))
    }

    /// Records the step a task has queued as itself, as `queued_step_bits` said to (asked
    /// first, before the task goes into a queue, so a step that cannot be kept so never does).
    #[inline]
    pub fn record_queued_step(&self, step: QueuedStep, bits: QueuedBits) {
        if let (Some(t), true, Some(callback)) = (&self.task, self.done(), step.fut) {
            t.fut_waiter.set(Some(callback));
        }
        self.flags.set(self.flags.get() | bits.0);
    }

    /// Takes the step the task has queued as itself out.
    #[inline]
    pub fn take_queued_step(&self) -> Option<QueuedStep> {
        let t = self.task.as_ref()?;
        let flags = self.flags.get();
        if flags & STEP_QUEUED == 0 {
            return None;
        }
        self.flags
            .set(flags & !(STEP_QUEUED | QUEUED_OWN_CONTEXT | QUEUED_FUT_IN_WAITER));
        let fut = if flags & QUEUED_FUT_IN_WAITER == 0 {
            None
        } else if self.done() {
            t.fut_waiter.take()
        } else {
            t.fut_waiter.get()
        };
        let context = if flags & QUEUED_OWN_CONTEXT == 0 {
            Value::None
        } else {
            t.context.get().map_or(Value::None, Value::Obj)
        };
        Some(QueuedStep { fut, context })
    }

    /// A task's `_fut_waiter`: the future its coroutine is blocked on, None when it is not
    /// blocked (a finished task's waiter field may hold its queued done callback instead).
    pub fn fut_waiter(&self) -> Value {
        match &self.task {
            Some(t) if !self.done() => t.fut_waiter.get().map_or(Value::None, Value::Obj),
            _ => Value::None,
        }
    }

    /// True when not pending.
    pub fn done(&self) -> bool {
        self.state.get() != FutState::Pending
    }

    /// The value of a field kept as an object in `slot`, or (anything else but None, which
    /// no program passes) in the extras' `odd` field.
    #[inline]
    fn split_get(
        &self,
        slot: &Slot<Option<ObjRef>>,
        odd: impl FnOnce(&FutureExtras) -> &Option<Value>,
    ) -> Value {
        match slot.get() {
            Some(o) => Value::Obj(o),
            None => self.split_get_odd(odd),
        }
    }

    /// `split_get` of a field that is not an object.
    #[cold]
    fn split_get_odd(&self, odd: impl FnOnce(&FutureExtras) -> &Option<Value>) -> Value {
        self.read_extras(|e| e.and_then(|e| odd(e).clone()))
            .unwrap_or(Value::None)
    }

    /// Stores `v` in a field read by `split_get`.
    fn split_set(
        &self,
        slot: &Slot<Option<ObjRef>>,
        v: Value,
        odd: impl FnOnce(&mut FutureExtras) -> &mut Option<Value>,
    ) {
        match v {
            Value::Obj(o) => {
                drop(self.swap_extra(None, odd));
                slot.set(Some(o));
            }
            other => {
                slot.set(None);
                drop(self.swap_extra((!other.is_none()).then_some(other), odd));
            }
        }
    }

    /// The loop the future belongs to.
    #[inline]
    pub fn get_loop(&self) -> Value {
        self.split_get(&self.loop_obj, |e| &e.odd_loop)
    }

    /// Sets `_loop`.
    pub fn set_loop(&self, loop_: Value) {
        self.split_set(&self.loop_obj, loop_, |e| &mut e.odd_loop);
    }

    /// A task's `_coro` (None for a plain future).
    pub fn coro(&self) -> Value {
        match &self.task {
            Some(t) => self.split_get(&t.coro, |e| &e.odd_coro),
            None => Value::None,
        }
    }

    /// Sets a task's `_coro`.
    pub fn set_coro(&self, coro: Value) {
        if let Some(t) = &self.task {
            self.split_set(&t.coro, coro, |e| &mut e.odd_coro);
        }
    }

    /// A task's `_context` (None: the current one).
    pub fn context(&self) -> Value {
        match &self.task {
            Some(t) => self.split_get(&t.context, |e| &e.odd_context),
            None => Value::None,
        }
    }

    /// Sets a task's `_context`.
    pub fn set_context(&self, context: Value) {
        if let Some(t) = &self.task {
            self.split_set(&t.context, context, |e| &mut e.odd_context);
        }
    }

    /// True when both futures belong to the same loop.
    pub fn same_loop(&self, other: &FutureObj) -> bool {
        let mine = self.loop_obj.with(|l| l.as_ref().map(ObjRef::as_ptr));
        match mine {
            Some(p) => other.loop_obj.with(|l| l.as_ref().map(ObjRef::as_ptr)) == Some(p),
            None => self.get_loop().is(&other.get_loop()),
        }
    }

    /// `_result` (None until set).
    pub fn result(&self) -> Value {
        self.callbacks.with(|c| match c {
            Callbacks::Result(v) => v.clone(),
            _ => Value::None,
        })
    }

    /// Sets `_result` in place of the callbacks, which it returns (to be scheduled).
    fn set_result_taking_callbacks(&self, result: Value) -> Callbacks {
        self.callbacks.replace(if result.is_none() {
            Callbacks::Empty
        } else {
            Callbacks::Result(result)
        })
    }
}

impl NativeObject for FutureObj {
    fn trace(&self, visit: &mut dyn FnMut(&Value)) {
        if let Some(l) = self.loop_obj.get() {
            visit(&Value::Obj(l));
        }
        self.callbacks.with(|callbacks| callbacks.trace(visit));
        if let Some(t) = &self.task {
            t.trace(visit);
        }
        self.read_extras(|extras| {
            let Some(x) = extras else {
                return;
            };
            for o in [&x.exception, &x.cancelled_exc, &x.timer]
                .into_iter()
                .flatten()
            {
                visit(&Value::Obj(o.clone()));
            }
            for v in [&x.cancel_message, &x.odd_loop, &x.odd_coro, &x.odd_context]
                .into_iter()
                .flatten()
            {
                visit(v);
            }
        });
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    /// `await fut` drives the future itself (no FutureIter allocated): FutureIter_iternext
    /// on the future, which is stateless apart from the future.
    fn awaits_itself(&self) -> bool {
        true
    }
    fn native_send(
        &self,
        vm: &mut Vm,
        me: &ObjRef,
        _value: &Value,
    ) -> Option<PyResult<crate::vm::generator::SendResult>> {
        use crate::vm::generator::SendResult;
        if self.state.get() == FutState::Pending {
            if !self.blocking() {
                self.set_blocking(true);
                return Some(Ok(SendResult::Yield(Value::Obj(me.clone()))));
            }
            return Some(Err(vm.new_runtime_error("await wasn't used with future")));
        }
        Some(future_result_of(vm, self).map(SendResult::Return))
    }
}

/// `fut.result()` for the await protocol (the module's exception classes come from the
/// asyncio module; futures only exist once it is imported).
pub fn future_result_of(vm: &mut Vm, st: &FutureObj) -> PyResult<Value> {
    match st.state.get() {
        FutState::Finished => {
            st.set_log_traceback(false);
            if let Some(e) = &st.exception() {
                return Err(e.clone());
            }
            Ok(st.result())
        }
        FutState::Cancelled => {
            if let Some(exc) = st.take_cancelled_exc() {
                return Err(exc);
            }
            let module = vm.import_module("asyncio")?;
            let cls = match module.dict.as_ref() {
                Some(d) => super::get_key(vm, d, key!("CancelledError")),
                None => None,
            };
            let Some(Value::Obj(cls)) = cls else {
                return Err(vm.new_runtime_error("asyncio.CancelledError is missing"));
            };
            let msg = st.cancel_message();
            let args = if msg.is_none() { vec![] } else { vec![msg] };
            Err(vm.new_exception(&cls, args))
        }
        FutState::Pending => Err(vm.new_runtime_error("await wasn't used with future")),
    }
}

impl Drop for FutureObj {
    /// Mirrors FutureObj_finalize / TaskObj_finalize: an exception nobody retrieved is
    /// reported through the loop's exception handler, later, at a VM safe point.
    fn drop(&mut self) {
        let exception = self
            .extras
            .get_mut()
            .as_mut()
            .and_then(|x| x.exception.take());
        if !self.log_traceback() || exception.is_none() {
            return;
        }
        self.set_log_traceback(false);
        let resurrected = FutureObj {
            state: Cell::new(self.state.get()),
            loop_obj: Slot::new(self.loop_obj.get_mut().take()),
            callbacks: Slot::new(Callbacks::Empty),
            flags: Cell::new(0),
            number: Cell::new(self.number.get()),
            task: self.task.as_mut().map(|t| Box::new(t.take_for_report())),
            extras: Cell::new(Some(Box::new(FutureExtras {
                exception,
                odd_loop: self
                    .extras
                    .get_mut()
                    .as_mut()
                    .and_then(|x| x.odd_loop.take()),
                odd_coro: self
                    .extras
                    .get_mut()
                    .as_mut()
                    .and_then(|x| x.odd_coro.take()),
                name: self.extras.get_mut().as_mut().and_then(|x| x.name.take()),
                ..FutureExtras::default()
            }))),
            _niche: Niche::InPlace,
        };
        crate::vm::generator::defer(Box::new(move |vm: &mut Vm| {
            report_never_retrieved(vm, resurrected);
        }));
    }
}

/// Calls the loop's exception handler for a dropped future whose exception was never
/// retrieved (the message and context keys of FutureObj_finalize).
fn report_never_retrieved(vm: &mut Vm, state: FutureObj) {
    let is_task = state.task.is_some();
    let Some(exc) = state.exception() else {
        return;
    };
    let loop_ = state.get_loop();
    let Ok(module) = vm.import_module("asyncio") else {
        return;
    };
    let Some(globals) = module.dict.clone() else {
        return;
    };
    let class_name = if is_task { "Task" } else { "Future" };
    let Some(Value::Obj(cls)) = vm.dict_get_str(&globals, class_name) else {
        return;
    };
    let obj = Obj::with_class(
        cls,
        None,
        Payload::Native(crate::vm::object::NativeState::Future(state)),
    );
    let context = vm.new_dict();
    let message = format!("{class_name} exception was never retrieved");
    super::set_key(vm, &context, key!("message"), Value::string(message));
    super::set_key(vm, &context, key!("exception"), Value::Obj(exc));
    super::set_key(vm, &context, key!("future"), Value::Obj(obj));
    if let Err(e) = vm.call_method(&loop_, "call_exception_handler", vec![Value::Obj(context)]) {
        vm.print_exception(&e);
    }
}

/// A plain loop (exactly `_UnixSelectorEventLoop`) the native fast paths have checked (exact class, not closed).
#[derive(Clone)]
pub struct PlainLoop {
    /// The loop.
    pub loop_: ObjRef,
    /// Its namespace.
    pub dict: ObjRef,
    /// The namespace's version when checked: any assignment (`_closed`, `_ready`, ...)
    /// invalidates the entry.
    pub version: u64,
    /// Its `_ready` queue, when that is a `_Deque`.
    pub ready: Option<Value>,
}

/// What the native asyncio code needs from its module: classes and shared state.
pub struct Asyncio {
    /// The module namespace (a dict object), for functions still written in Python.
    pub globals: ObjRef,
    /// `asyncio.Future`.
    pub future_cls: ObjRef,
    /// `asyncio.Task`.
    pub task_cls: ObjRef,
    /// `asyncio.Handle`, for handles `call_soon` makes natively.
    pub handle_cls: ObjRef,
    /// `_UnixSelectorEventLoop` (the default loop class) once looked up: loops of exactly this class get the native
    /// `call_soon` (same effects as its Python method, without the call).
    pub loop_cls: RefCell<Option<ObjRef>>,
    /// The last plain loop `plain_loop_dict` accepted: (loop, its namespace, the namespace's
    /// version then, its `_ready`); valid while the namespace is unchanged.
    pub plain_loop_cache: RefCell<Option<PlainLoop>>,
    /// The `FutureIter` class of `Future.__await__` results.
    pub iter_cls: ObjRef,
    /// `asyncio.CancelledError`.
    pub cancelled_error: ObjRef,
    /// `asyncio.InvalidStateError`.
    pub invalid_state_error: ObjRef,
    /// The native `task_step(task, exc=None)` function bound to tasks for `call_soon`.
    pub step_fn: RefCell<Value>,
    /// The native `task_wakeup(task, future)` function bound to tasks as a done callback.
    pub wakeup_fn: RefCell<Value>,
    /// The task each running loop is executing (tasks.py `_current_tasks`).
    pub current: RefCell<Vec<(Value, Value)>>,
    /// Every task not yet collected (tasks.py `_scheduled_tasks`, a WeakSet).
    pub registry: RefCell<Vec<WeakObj>>,
    /// Registry length after the last pruning of dead entries.
    pub registry_live: Cell<usize>,
    /// `_task_name_counter`.
    pub name_counter: Cell<u64>,
}

/// The native state of a future-like value (Future, Task or a Python subclass).
pub fn fut_of(v: &Value) -> Option<&FutureObj> {
    v.as_obj()?.native::<FutureObj>()
}

/// The future behind `self` of a method call (the method descriptor checked the class).
fn me(vm: &mut Vm, args: &Args) -> PyResult<(Value, ObjRef)> {
    match args.positional.first() {
        Some(v @ Value::Obj(o)) if o.native::<FutureObj>().is_some() => Ok((v.clone(), o.clone())),
        _ => Err(vm.new_type_error("a Future instance is required")),
    }
}

/// The state of an object known to carry one.
pub fn state(o: &ObjRef) -> &FutureObj {
    match o.native::<FutureObj>() {
        Some(s) => s,
        None => unreachable!("checked to be a future by `me`"),
    }
}

impl Asyncio {
    /// Mirrors events.py get_running_loop (core.py's `_running_loop`, read natively).
    pub fn running_loop(&self, vm: &mut Vm) -> PyResult<Value> {
        match super::get_key(vm, &self.globals, key!("_running_loop")) {
            Some(l) if !l.is_none() => Ok(l),
            _ => Err(vm.new_runtime_error("no running event loop")),
        }
    }

    /// `InvalidStateError(msg)`.
    pub fn invalid_state(&self, vm: &mut Vm, msg: &str) -> ObjRef {
        vm.new_exception_msg(&self.invalid_state_error, msg)
    }

    /// True for an instance of CancelledError.
    pub fn is_cancelled_error(&self, vm: &Vm, exc: &ObjRef) -> bool {
        vm.exc_matches(exc, &self.cancelled_error)
    }

    /// `loop.call_soon(callback, *args, context=context)`; done natively for a plain
    /// _UnixSelectorEventLoop (base_events.py call_soon: `_check_closed`, a Handle, `_ready.append`).
    pub fn call_soon(
        &self,
        vm: &mut Vm,
        loop_: &Value,
        callback: Value,
        args: Vec<Value>,
        context: &Value,
    ) -> PyResult<()> {
        if let Some(ready) = self.native_ready_queue(vm, loop_)? {
            // Handle.__init__ copies the current context when none is given.
            let context = if context.is_none() {
                vm.capture_context()?
            } else {
                context.clone()
            };
            let handle = super::handle::new_handle(
                &self.handle_cls,
                callback,
                args.into_boxed_slice(),
                loop_.clone(),
                context,
                None,
            );
            if let Some(q) = super::ready::queue_of(&ready) {
                q.push_back(Value::Obj(handle));
            }
            return Ok(());
        }
        let f = vm.get_attr(loop_, "call_soon")?;
        let mut positional = Vec::with_capacity(args.len() + 1);
        positional.push(callback);
        positional.extend(args);
        let kwargs = if context.is_none() {
            Vec::new()
        } else {
            vec![(Rc::from("context"), context.clone())]
        };
        vm.call_args(&f, Args { positional, kwargs })?;
        Ok(())
    }

    /// The ready queue of `loop_` when it is exactly a _UnixSelectorEventLoop that is not closed
    /// (`Event loop is closed` otherwise, as `_check_closed`); None for other loops.
    fn native_ready_queue(&self, vm: &mut Vm, loop_: &Value) -> PyResult<Option<Value>> {
        if let Some(ready) = self
            .with_cached_plain_loop(loop_, |c| c.ready.clone())
            .flatten()
        {
            return Ok(Some(ready));
        }
        let Some(dict) = self.plain_loop_dict(vm, loop_)? else {
            return Ok(None);
        };
        Ok(self
            .with_cached_plain_loop(loop_, |c| c.ready.clone())
            .flatten()
            .or_else(|| {
                super::get_key(vm, &dict, key!("_ready"))
                    .filter(|r| super::ready::queue_of(r).is_some())
            }))
    }

    /// `f` of the cache entry for `loop_` if its namespace has not changed since it was made
    /// (without cloning the whole entry).
    #[inline]
    pub(super) fn with_cached_plain_loop<T>(
        &self,
        loop_: &Value,
        f: impl FnOnce(&PlainLoop) -> T,
    ) -> Option<T> {
        let lo = loop_.as_obj()?;
        let cache = self.plain_loop_cache.borrow();
        let c = cache.as_ref()?;
        let current = c.dict.as_dict()?.borrow().version;
        (ObjRef::ptr_eq(&c.loop_, lo) && current == c.version).then(|| f(c))
    }

    /// Appends `task` (standing for its queued step) to the ready queue of `loop_` when that
    /// loop is the cached plain loop, whose ready queue is native: false (nothing done)
    /// otherwise.
    #[inline]
    pub(super) fn append_to_cached_ready(&self, loop_: &Value, task: &ObjRef) -> bool {
        self.with_cached_plain_loop(loop_, |c| {
            match c.ready.as_ref().and_then(super::ready::queue_of) {
                Some(q) => {
                    q.push_back(Value::Obj(task.clone()));
                    true
                }
                None => false,
            }
        }) == Some(true)
    }

    /// The namespace of `loop_` when it is exactly the default loop class, _UnixSelectorEventLoop
    /// (whose `call_soon` and
    /// `call_at` the native fast paths reproduce) and not closed; `Event loop is closed`
    /// when closed; None for any other loop.
    pub fn plain_loop_dict(&self, vm: &mut Vm, loop_: &Value) -> PyResult<Option<ObjRef>> {
        if let Some(dict) = self.with_cached_plain_loop(loop_, |c| c.dict.clone()) {
            return Ok(Some(dict));
        }
        let Some(lo) = loop_.as_obj() else {
            return Ok(None);
        };
        if self.loop_cls.borrow().is_none()
            && let Some(Value::Obj(c)) =
                super::get_key(vm, &self.globals, key!("_UnixSelectorEventLoop"))
        {
            *self.loop_cls.borrow_mut() = Some(c);
        }
        let exact = match (&*self.loop_cls.borrow(), &lo.class) {
            (Some(a), Some(b)) => ObjRef::ptr_eq(a, b),
            _ => false,
        };
        let Some(dict) = lo.dict.as_ref().filter(|_| exact) else {
            return Ok(None);
        };
        match super::get_key(vm, dict, key!("_closed")) {
            Some(Value::Bool(false)) => {
                let ready = super::get_key(vm, dict, key!("_ready"))
                    .filter(|r| super::ready::queue_of(r).is_some());
                let version = dict.as_dict().map_or(0, |d| d.borrow().version.get());
                *self.plain_loop_cache.borrow_mut() = Some(PlainLoop {
                    loop_: lo.clone(),
                    dict: dict.clone(),
                    version,
                    ready,
                });
                Ok(Some(dict.clone()))
            }
            Some(Value::Bool(true)) => Err(vm.new_runtime_error("Event loop is closed")),
            _ => Ok(None),
        }
    }

    /// `call_soon(task_step, task)` (when `fut` is None) or `call_soon(task_wakeup, task, fut)`
    /// without a Handle: on a plain loop, a task with nothing queued yet is appended to the
    /// ready queue itself, with the rest of the handle kept in the task (`QueuedStep`). False
    /// when the caller must make the Handle after all.
    pub fn queue_task(
        &self,
        vm: &mut Vm,
        loop_: &Value,
        task: &ObjRef,
        fut: Value,
        context: &Value,
    ) -> PyResult<bool> {
        // Handle.__init__ copies the current context when none is given.
        let context = if context.is_none() {
            vm.capture_context()?
        } else {
            context.clone()
        };
        self.queue_task_in(vm, loop_, task, fut, context)
    }

    /// `queue_task` with the handle's context already settled (captured if it was None).
    pub fn queue_task_in(
        &self,
        vm: &mut Vm,
        loop_: &Value,
        task: &ObjRef,
        fut: Value,
        context: Value,
    ) -> PyResult<bool> {
        let st = state(task);
        // A done callback that is not an object (it fails when called) gets its Handle.
        let fut = match fut {
            Value::None => None,
            Value::Obj(f) => Some(f),
            _ => return Ok(false),
        };
        let step = QueuedStep { fut, context };
        let Some(bits) = st.queued_step_bits(&step) else {
            return Ok(false);
        };
        // The common case: the loop's cached ready queue, appended to in place.
        if self.append_to_cached_ready(loop_, task) {
            st.record_queued_step(step, bits);
            return Ok(true);
        }
        let Some(ready) = self.native_ready_queue(vm, loop_)? else {
            return Ok(false);
        };
        let Some(q) = super::ready::queue_of(&ready) else {
            return Ok(false);
        };
        st.record_queued_step(step, bits);
        q.push_back(Value::Obj(task.clone()));
        Ok(true)
    }

    /// Mirrors future_schedule_callbacks: each callback is `call_soon`ed with the future.
    pub fn schedule_callbacks(&self, vm: &mut Vm, fut: &ObjRef) -> PyResult<()> {
        self.schedule_callbacks_in(vm, fut, state(fut))
    }

    /// `schedule_callbacks` with the future's state at hand.
    fn schedule_callbacks_in(&self, vm: &mut Vm, fut: &ObjRef, st: &FutureObj) -> PyResult<()> {
        let callbacks = st.callbacks.take();
        self.schedule_these(vm, fut, st, callbacks)
    }

    /// Schedules `callbacks`, taken from the finished `fut`.
    fn schedule_these(
        &self,
        vm: &mut Vm,
        fut: &ObjRef,
        st: &FutureObj,
        callbacks: Callbacks,
    ) -> PyResult<()> {
        match callbacks {
            Callbacks::Empty => Ok(()),
            // Not a callback: put back (a finished future is never scheduled again).
            Callbacks::Result(v) => {
                st.callbacks.set(Callbacks::Result(v));
                Ok(())
            }
            Callbacks::Many(all) => {
                let loop_ = st.get_loop();
                for cb in *all {
                    self.schedule_callback(vm, fut, &loop_, cb)?;
                }
                Ok(())
            }
            one => match one.into_single() {
                Some(cb) => self.schedule_callback(vm, fut, &st.get_loop(), cb),
                None => Ok(()),
            },
        }
    }

    /// Schedules one done callback of the finished `fut` on `loop_`.
    fn schedule_callback(
        &self,
        vm: &mut Vm,
        fut: &ObjRef,
        loop_: &Value,
        cb: DoneCallback,
    ) -> PyResult<()> {
        match cb.func {
            DoneFn::WakeTask(task) => {
                if self.queue_task(vm, loop_, &task, Value::Obj(fut.clone()), &cb.context)? {
                    return Ok(());
                }
                let wakeup = self.wakeup_fn.borrow().clone();
                let args = vec![Value::Obj(task), Value::Obj(fut.clone())];
                self.call_soon(vm, loop_, wakeup, args, &cb.context)
            }
            DoneFn::Call(func) => {
                // A finished task stands in the ready queue for the Handle of one done
                // callback (the queued step of a task that will never step again).
                if state(fut).task.is_some()
                    && self.queue_task(vm, loop_, fut, func.clone(), &cb.context)?
                {
                    return Ok(());
                }
                let args = vec![Value::Obj(fut.clone())];
                self.call_soon(vm, loop_, func, args, &cb.context)
            }
        }
    }

    /// Mirrors _asyncio_Future__make_cancelled_error_impl.
    pub fn make_cancelled_error(&self, vm: &mut Vm, st: &FutureObj) -> ObjRef {
        if let Some(exc) = st.take_cancelled_exc() {
            return exc;
        }
        let msg = st.cancel_message();
        if msg.is_none() {
            vm.new_exception(&self.cancelled_error, vec![])
        } else {
            vm.new_exception(&self.cancelled_error, vec![msg])
        }
    }

    /// Mirrors future_cancel.
    pub fn future_cancel(&self, vm: &mut Vm, fut: &ObjRef, msg: Value) -> PyResult<bool> {
        let st = state(fut);
        st.set_log_traceback(false);
        if st.state.get() != FutState::Pending {
            return Ok(false);
        }
        st.state.set(FutState::Cancelled);
        st.set_cancel_message(msg);
        let timer = st.take_timer();
        if let Some(timer) = timer {
            vm.call_method(&Value::Obj(timer), "cancel", vec![])?;
        }
        self.schedule_callbacks(vm, fut)?;
        Ok(true)
    }

    /// Mirrors future_set_result.
    pub fn future_set_result(&self, vm: &mut Vm, fut: &ObjRef, result: Value) -> PyResult<()> {
        self.future_set_result_in(vm, fut, state(fut), result)
    }

    /// `future_set_result` with the future's state at hand.
    pub(super) fn future_set_result_in(
        &self,
        vm: &mut Vm,
        fut: &ObjRef,
        st: &FutureObj,
        result: Value,
    ) -> PyResult<()> {
        if st.state.get() != FutState::Pending {
            return Err(self.invalid_state(vm, "invalid state"));
        }
        let callbacks = st.set_result_taking_callbacks(result);
        st.state.set(FutState::Finished);
        // The timer (if any) has fired; dropping the link breaks the future <-> handle cycle.
        drop(st.take_timer());
        self.schedule_these(vm, fut, st, callbacks)
    }

    /// Mirrors future_set_exception (classes are instantiated; StopIteration is refused).
    pub fn future_set_exception(&self, vm: &mut Vm, fut: &ObjRef, exc: Value) -> PyResult<()> {
        let st = state(fut);
        if st.state.get() != FutState::Pending {
            return Err(self.invalid_state(vm, "invalid state"));
        }
        let exc = match &exc {
            Value::Obj(o) if o.as_type().is_some() => vm.call(&exc, vec![])?,
            _ => exc,
        };
        let exc_obj = match &exc {
            Value::Obj(o) if matches!(o.payload, Payload::Exception(_)) => o.clone(),
            _ => {
                return Err(vm.new_type_error("invalid exception object"));
            }
        };
        let stop = vm.exc.stop_iteration.clone();
        let exc_obj = if ObjRef::ptr_eq(&vm.type_of(&exc), &stop) {
            let new_exc = vm.new_runtime_error(
                "StopIteration interacts badly with generators and cannot be raised into a Future",
            );
            if let Payload::Exception(d) = &new_exc.payload {
                let mut d = d.borrow_mut();
                d.cause = exc.clone();
                d.context = exc.clone();
            }
            new_exc
        } else {
            exc_obj
        };
        st.set_exception(Some(exc_obj));
        st.state.set(FutState::Finished);
        drop(st.take_timer());
        self.schedule_callbacks(vm, fut)?;
        st.set_log_traceback(true);
        Ok(())
    }

    /// Mirrors future_get_result: the result, or the exception to raise.
    pub fn future_result(&self, vm: &mut Vm, st: &FutureObj) -> PyResult<Value> {
        match st.state.get() {
            FutState::Cancelled => Err(self.make_cancelled_error(vm, st)),
            FutState::Pending => Err(self.invalid_state(vm, "Result is not set.")),
            FutState::Finished => {
                st.set_log_traceback(false);
                if let Some(e) = &st.exception() {
                    return Err(e.clone());
                }
                Ok(st.result())
            }
        }
    }

    /// Mirrors future_add_done_callback.
    pub fn add_done_callback(
        &self,
        vm: &mut Vm,
        fut: &ObjRef,
        callback: Value,
        context: Value,
    ) -> PyResult<()> {
        let st = state(fut);
        if st.state.get() != FutState::Pending {
            let loop_ = st.get_loop();
            self.call_soon(
                vm,
                &loop_,
                callback,
                vec![Value::Obj(fut.clone())],
                &context,
            )
        } else {
            push_callback(
                &st.callbacks,
                DoneCallback {
                    func: DoneFn::Call(callback),
                    context,
                },
            );
            Ok(())
        }
    }

    /// Adds `task`'s wake-up as a done callback of `fut` (task_step_handle_result_impl's
    /// `add_done_callback(task_wakeup)`), run at once (via call_soon) if `fut` is done.
    pub fn add_wakeup(
        &self,
        vm: &mut Vm,
        fut: &ObjRef,
        task: &ObjRef,
        context: Value,
    ) -> PyResult<()> {
        self.add_wakeup_in(vm, fut, state(fut), task, context)
    }

    /// `add_wakeup` with the future's state at hand.
    pub(super) fn add_wakeup_in(
        &self,
        vm: &mut Vm,
        fut: &ObjRef,
        st: &FutureObj,
        task: &ObjRef,
        context: Value,
    ) -> PyResult<()> {
        let func = DoneFn::WakeTask(task.clone());
        if st.state.get() != FutState::Pending {
            // Already done: the wake-up is scheduled at once, as a done callback would be.
            self.schedule_callback(vm, fut, &st.get_loop(), DoneCallback { func, context })
        } else {
            push_callback(&st.callbacks, DoneCallback { func, context });
            Ok(())
        }
    }

    /// The callable a done callback stands for (a task's wake-up as a bound method).
    pub fn callback_value(&self, cb: &DoneCallback) -> Value {
        match &cb.func {
            DoneFn::WakeTask(task) => Value::Obj(Obj::new(Payload::BoundMethod {
                receiver: Value::Obj(task.clone()),
                func: self.wakeup_fn.borrow().clone(),
            })),
            DoneFn::Call(f) => f.clone(),
        }
    }

    /// The `[state, result=/exception=, cb=[...]]` list of base_futures._future_repr_info.
    pub fn future_repr_info(&self, vm: &mut Vm, st: &FutureObj) -> PyResult<Vec<String>> {
        let mut info = vec![st.state.get().name().to_lowercase()];
        if st.state.get() == FutState::Finished {
            let exc = st.exception();
            if let Some(e) = exc {
                let r = vm.repr(&Value::Obj(e))?;
                info.push(format!("exception={r}"));
            } else {
                let result = st.result();
                let r = super::reprlib::short_repr(vm, &result)?;
                info.push(format!("result={r}"));
            }
        }
        let callbacks: Vec<Value> = st
            .callbacks
            .with(Callbacks::to_vec)
            .iter()
            .map(|cb| self.callback_value(cb))
            .collect();
        if !callbacks.is_empty() {
            info.push(self.format_callbacks(vm, &callbacks)?);
        }
        Ok(info)
    }

    /// Mirrors base_futures._format_callbacks.
    fn format_callbacks(&self, vm: &mut Vm, cb: &[Value]) -> PyResult<String> {
        let text = match cb {
            [] => String::new(),
            [one] => callback_name(vm, one)?,
            [a, b] => format!("{}, {}", callback_name(vm, a)?, callback_name(vm, b)?),
            [first, .., last] => format!(
                "{}, <{} more>, {}",
                callback_name(vm, first)?,
                cb.len() - 2,
                callback_name(vm, last)?
            ),
        };
        Ok(format!("cb=[{text}]"))
    }
}

/// A callback's name as format_helpers._format_callback shows it (`name()`).
pub fn callback_name(vm: &mut Vm, cb: &Value) -> PyResult<String> {
    format_callback_source(vm, cb, &[])
}

/// Mirrors format_helpers._format_callback_source: `name(args) at file:line`, the source
/// only for Python functions.
pub fn format_callback_source(vm: &mut Vm, cb: &Value, args: &[Value]) -> PyResult<String> {
    let mut text = None;
    for attr in ["__qualname__", "__name__"] {
        if let Some(v) = vm.lookup_attr_opt(cb, attr)?
            && let Some(s) = v.as_str()
            && !s.is_empty()
        {
            text = Some(s.to_string());
            break;
        }
    }
    let mut text = match text {
        Some(t) => t,
        None => vm.repr(cb)?,
    };
    let mut parts = Vec::with_capacity(args.len());
    for a in args {
        parts.push(super::reprlib::short_repr(vm, a)?);
    }
    text.push_str(&format!("({})", parts.join(", ")));
    if let Some(Payload::Function(f)) = cb.payload() {
        text.push_str(&format!(" at {}:{}", f.code.filename, f.code.first_line));
    }
    Ok(text)
}

/// The iterator `Future.__await__` returns; mirrors `_asynciomodule.c` futureiterobject.
pub struct FutureIter {
    /// The awaited future; None once its result was delivered.
    pub fut: RefCell<Option<ObjRef>>,
    /// The module state (for the result's errors).
    pub ctx: Rc<Asyncio>,
}

impl FutureIter {
    /// Mirrors FutureIter_iternext: yields the pending future once (marking it blocking),
    /// then returns its result.
    fn next(&self, vm: &mut Vm) -> PyResult<crate::vm::generator::SendResult> {
        use crate::vm::generator::SendResult;
        let Some(fut) = self.fut.borrow().clone() else {
            return Ok(SendResult::Return(Value::None));
        };
        let st = state(&fut);
        if st.state.get() == FutState::Pending {
            if !st.blocking() {
                st.set_blocking(true);
                return Ok(SendResult::Yield(Value::Obj(fut)));
            }
            return Err(vm.new_runtime_error("await wasn't used with future"));
        }
        *self.fut.borrow_mut() = None;
        self.ctx.future_result(vm, st).map(SendResult::Return)
    }
}

impl NativeObject for FutureIter {
    fn trace(&self, visit: &mut dyn FnMut(&Value)) {
        if let Some(f) = &*self.fut.borrow() {
            visit(&Value::Obj(f.clone()));
        }
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn native_send(
        &self,
        vm: &mut Vm,
        _me: &ObjRef,
        _value: &Value,
    ) -> Option<PyResult<crate::vm::generator::SendResult>> {
        Some(self.next(vm))
    }
}

/// Reads an optional keyword-only argument of a method.
fn kwarg(args: &mut Args, name: &str) -> Value {
    args.take_kwarg(name).unwrap_or(Value::None)
}

/// Rejects keyword arguments other than those already taken.
fn no_more_kwargs(vm: &mut Vm, args: &Args, fname: &str) -> PyResult<()> {
    if let Some((k, _)) = args.kwargs.first() {
        return Err(vm.new_type_error(format!(
            "{fname}() got an unexpected keyword argument '{k}'"
        )));
    }
    Ok(())
}

/// `Future.__new__` / `Task.__new__`: a pending instance of `cls` (a `__dict__` only for
/// Python subclasses, which may set attributes).
pub fn new_instance(vm: &mut Vm, args: &Args, task: bool) -> PyResult<Value> {
    let Some(Value::Obj(cls)) = args.positional.first().cloned() else {
        return Err(vm.new_type_error("Future.__new__(X): X is not a type object"));
    };
    let is_heap = cls.as_type().is_some_and(|t| t.is_heap);
    let dict = if is_heap { Some(vm.new_dict()) } else { None };
    let fields = if task {
        Some(Box::new(TaskFields::new()))
    } else {
        None
    };
    Ok(Value::Obj(Obj::with_class(
        cls,
        dict,
        Payload::Native(NativeState::Future(FutureObj::new(fields))),
    )))
}

/// `loop` or `get_event_loop()` (future_init).
pub fn resolve_loop(vm: &mut Vm, ctx: &Asyncio, loop_: Value) -> PyResult<Value> {
    if !loop_.is_none() {
        return Ok(loop_);
    }
    let Some(f) = super::get_key(vm, &ctx.globals, key!("get_event_loop")) else {
        return Err(vm.new_runtime_error("no event loop"));
    };
    vm.call(&f, vec![])
}

/// The setter half of a native property.
pub type PropertySetter = Box<dyn Fn(&mut Vm, &ObjRef, Value) -> PyResult<()>>;

/// Adds a read-write property backed by native functions.
pub fn add_property(
    vm: &mut Vm,
    cls: &ObjRef,
    name: &str,
    get: impl Fn(&mut Vm, &ObjRef) -> PyResult<Value> + 'static,
    set: Option<PropertySetter>,
) {
    let fget = vm.new_native_fn(name, move |vm, args: Args| {
        let (_, o) = me(vm, &args)?;
        get(vm, &o)
    });
    let fset = match set {
        Some(set) => vm.new_native_fn(name, move |vm, args: Args| {
            let (_, o) = me(vm, &args)?;
            let v = args.positional.get(1).cloned().unwrap_or(Value::None);
            set(vm, &o, v)?;
            Ok(Value::None)
        }),
        None => Value::None,
    };
    let prop = Payload::Property {
        fget,
        fset,
        more: PropertyMore::default(),
    };
    vm.set_class_attr(cls, name, Value::Obj(Obj::new(prop)));
}

/// Adds a method whose receiver is a future (any Future/Task instance).
pub fn method(
    vm: &mut Vm,
    cls: &ObjRef,
    ctx: &Rc<Asyncio>,
    name: &'static str,
    f: impl Fn(&mut Vm, &Rc<Asyncio>, &ObjRef, Args) -> PyResult<Value> + 'static,
) {
    let ctx = ctx.clone();
    vm.add_method(cls, name, move |vm, args: Args| {
        let (_, o) = me(vm, &args)?;
        f(vm, &ctx, &o, args)
    });
}

/// `Future.__repr__`: `<ClassName state ...>` (futures.py Future.__repr__).
pub fn future_repr(vm: &mut Vm, ctx: &Asyncio, o: &ObjRef) -> PyResult<Value> {
    let info = if state(o).task.is_some() {
        super::task::task_repr_info(vm, ctx, o)?
    } else {
        ctx.future_repr_info(vm, state(o))?
    };
    let cls = vm.type_of(&Value::Obj(o.clone()));
    let name = vm.class_name(&cls);
    Ok(Value::string(format!("<{name} {}>", info.join(" "))))
}

/// `Future[T]` / `Task[T]`: `__class_getitem__` returning a `types.GenericAlias`, as
/// `_asyncio` defines it.
fn add_class_getitem(vm: &mut Vm, cls: &ObjRef) {
    vm.add_classmethod(cls, "__class_getitem__", |vm, args: Args| {
        let [origin, params] = args.check(vm, "__class_getitem__", 2, 2)? else {
            unreachable!("check returned two arguments")
        };
        let (origin, params) = (origin.clone(), params.clone());
        let types = vm.import_module("types")?;
        let alias = vm.get_attr(&Value::Obj(types), "GenericAlias")?;
        vm.call(&alias, vec![origin, params])
    });
}

/// Fills the Future class with futures.py's methods and properties.
pub fn init_future_class(vm: &mut Vm, ctx: &Rc<Asyncio>) {
    let cls = ctx.future_cls.clone();
    add_class_getitem(vm, &cls);
    vm.add_static(&cls, "__new__", |vm, args: Args| {
        new_instance(vm, &args, false)
    });
    method(vm, &cls, ctx, "__init__", |vm, ctx, o, mut args| {
        let loop_ = kwarg(&mut args, "loop");
        no_more_kwargs(vm, &args, "Future")?;
        if args.positional.len() > 1 {
            return Err(vm.new_type_error(format!(
                "Future() takes no positional arguments ({} given)",
                args.positional.len() - 1
            )));
        }
        let loop_ = resolve_loop(vm, ctx, loop_)?;
        state(o).set_loop(loop_);
        Ok(Value::None)
    });
    method(vm, &cls, ctx, "__repr__", |vm, ctx, o, _| {
        future_repr(vm, ctx, o)
    });
    method(vm, &cls, ctx, "get_loop", |_, _, o, _| {
        Ok(state(o).get_loop())
    });
    method(vm, &cls, ctx, "_make_cancelled_error", |vm, ctx, o, _| {
        Ok(Value::Obj(ctx.make_cancelled_error(vm, state(o))))
    });
    method(vm, &cls, ctx, "cancel", |vm, ctx, o, mut args| {
        let msg = match args.take_kwarg("msg") {
            Some(m) => m,
            None => args.positional.get(1).cloned().unwrap_or(Value::None),
        };
        Ok(Value::Bool(ctx.future_cancel(vm, o, msg)?))
    });
    method(vm, &cls, ctx, "cancelled", |_, _, o, _| {
        Ok(Value::Bool(state(o).state.get() == FutState::Cancelled))
    });
    method(vm, &cls, ctx, "done", |_, _, o, _| {
        Ok(Value::Bool(state(o).done()))
    });
    method(vm, &cls, ctx, "result", |vm, ctx, o, _| {
        ctx.future_result(vm, state(o))
    });
    method(vm, &cls, ctx, "exception", |vm, ctx, o, _| {
        let st = state(o);
        match st.state.get() {
            FutState::Cancelled => Err(ctx.make_cancelled_error(vm, st)),
            FutState::Pending => Err(ctx.invalid_state(vm, "Exception is not set.")),
            FutState::Finished => {
                st.set_log_traceback(false);
                Ok(st.exception().map_or(Value::None, Value::Obj))
            }
        }
    });
    method(
        vm,
        &cls,
        ctx,
        "add_done_callback",
        |vm, ctx, o, mut args| {
            let context = kwarg(&mut args, "context");
            no_more_kwargs(vm, &args, "add_done_callback")?;
            // future_add_done_callback: `context or contextvars.copy_context()`.
            let context = if context.is_none() {
                vm.capture_context()?
            } else {
                context
            };
            let Some(fn_) = args.positional.get(1).cloned() else {
                return Err(
                    vm.new_type_error("add_done_callback() missing required argument 'fn' (pos 1)")
                );
            };
            ctx.add_done_callback(vm, o, fn_, context)?;
            Ok(Value::None)
        },
    );
    method(vm, &cls, ctx, "remove_done_callback", |vm, ctx, o, args| {
        let Some(fn_) = args.positional.get(1).cloned() else {
            return Err(vm.new_type_error(
                "Future.remove_done_callback() takes exactly one argument (0 given)",
            ));
        };
        let callbacks = state(o).callbacks.with(Callbacks::to_vec);
        let mut kept = Vec::with_capacity(callbacks.len());
        for cb in &callbacks {
            let f = ctx.callback_value(cb);
            if !vm.eq(&f, &fn_)? {
                kept.push(cb.clone());
            }
        }
        let st = state(o);
        let removed = st.callbacks.with(|v| v.len()) - kept.len();
        if removed > 0 {
            st.callbacks.set(kept.into());
        }
        Ok(Value::Int(removed as i64))
    });
    method(vm, &cls, ctx, "set_result", |vm, ctx, o, args| {
        if state(o).task.is_some() {
            return Err(vm.new_runtime_error("Task does not support set_result operation"));
        }
        let v = args.positional.get(1).cloned().unwrap_or(Value::None);
        ctx.future_set_result(vm, o, v)?;
        Ok(Value::None)
    });
    method(vm, &cls, ctx, "set_exception", |vm, ctx, o, args| {
        if state(o).task.is_some() {
            return Err(vm.new_runtime_error("Task does not support set_exception operation"));
        }
        let v = args.positional.get(1).cloned().unwrap_or(Value::None);
        ctx.future_set_exception(vm, o, v)?;
        Ok(Value::None)
    });
    for name in ["__await__", "__iter__"] {
        method(vm, &cls, ctx, name, |_, ctx, o, _| {
            let it = FutureIter {
                fut: RefCell::new(Some(o.clone())),
                ctx: ctx.clone(),
            };
            Ok(Value::Obj(Obj::with_class(
                ctx.iter_cls.clone(),
                None,
                Payload::Native(crate::vm::object::NativeState::boxed(it)),
            )))
        });
    }
    add_property(
        vm,
        &cls,
        "_asyncio_future_blocking",
        |_, o| Ok(Value::Bool(state(o).blocking())),
        Some(Box::new(|vm, o, v| {
            let b = vm.truthy(&v)?;
            state(o).set_blocking(b);
            Ok(())
        })),
    );
    add_property(
        vm,
        &cls,
        "_log_traceback",
        |_, o| Ok(Value::Bool(state(o).log_traceback())),
        Some(Box::new(|vm, o, v| {
            if vm.truthy(&v)? {
                return Err(vm.new_value_error("_log_traceback can only be set to False"));
            }
            state(o).set_log_traceback(false);
            Ok(())
        })),
    );
    add_property(
        vm,
        &cls,
        "_cancel_message",
        |_, o| Ok(state(o).cancel_message()),
        Some(Box::new(|_, o, v| {
            state(o).set_cancel_message(v);
            Ok(())
        })),
    );
    add_property(
        vm,
        &cls,
        "_state",
        |_, o| Ok(Value::str(state(o).state.get().name())),
        None,
    );
    add_property(vm, &cls, "_loop", |_, o| Ok(state(o).get_loop()), None);
    add_property(vm, &cls, "_result", |_, o| Ok(state(o).result()), None);
    add_property(
        vm,
        &cls,
        "_exception",
        |_, o| Ok(state(o).exception().map_or(Value::None, Value::Obj)),
        None,
    );
    add_property(vm, &cls, "_source_traceback", |_, _| Ok(Value::None), None);
    let c = ctx.clone();
    add_property(
        vm,
        &cls,
        "_callbacks",
        move |_, o| {
            let cbs = state(o).callbacks.with(Callbacks::to_vec);
            // FutureObj_get_callbacks: None when there is none.
            if cbs.is_empty() {
                return Ok(Value::None);
            }
            Ok(Value::list(
                cbs.iter()
                    .map(|cb| Value::tuple(vec![c.callback_value(cb), cb.context.clone()]))
                    .collect(),
            ))
        },
        None,
    );
    let iter_cls = ctx.iter_cls.clone();
    vm.add_method(&iter_cls, "__iter__", |_, args: Args| {
        Ok(args.positional.first().cloned().unwrap_or(Value::None))
    });
    for name in ["__next__", "send"] {
        vm.add_method(&iter_cls, name, |vm, args: Args| {
            let Some(it) = args
                .positional
                .first()
                .and_then(|v| v.as_obj()?.native::<FutureIter>())
            else {
                return Err(vm.new_type_error("a FutureIter is required"));
            };
            let r = it.next(vm)?;
            vm.send_result_to_py(r)
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An unnamed task keeps its number in 32 bits; past them its name is spelt out once.
    #[test]
    fn task_numbers_past_u32_are_names() {
        let fut = FutureObj::new(Some(Box::default()));
        fut.set_task_name(Value::None, 7);
        assert_eq!(fut.task_name().as_str(), Some("Task-7"));
        fut.set_task_name(Value::None, u64::from(u32::MAX) + 1);
        assert_eq!(fut.task_name().as_str(), Some("Task-4294967296"));
        fut.set_task_name(Value::str("mine"), 9);
        assert_eq!(fut.task_name().as_str(), Some("mine"));
        fut.set_task_name(Value::None, 10);
        assert_eq!(fut.task_name().as_str(), Some("Task-10"));
    }
}
