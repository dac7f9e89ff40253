//! `_Deque`: the loop's ready queue (base_events.py uses `collections.deque`), a native
//! `VecDeque` so that `call_soon` and `_run_once` move plain handles without Python calls.

use crate::vm::generator::SendResult;
use crate::vm::native::check_count;
use crate::vm::object::{NativeObject, Obj, Payload};
use crate::vm::packed_value::PackedValue;
use crate::vm::{Args, ObjRef, PyResult, Value, Vm};
use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;

use super::future::{Asyncio, FutureObj};
use super::task::QueuedStep;

/// The Rust state of a `_Deque`.
pub struct ReadyQueue {
    /// The queued items, oldest first, a word each (`PackedValue`: the ready queue of 100k
    /// runnable tasks is 1 MB instead of 2).
    pub items: RefCell<VecDeque<PackedValue>>,
}

impl ReadyQueue {
    /// Appends `item` at the end.
    #[inline]
    pub fn push_back(&self, item: Value) {
        let mut items = self.items.borrow_mut();
        if items.len() == items.capacity() {
            grow(&mut items);
        }
        items.push_back(PackedValue::new(item));
    }

    /// Removes and returns the first item.
    #[inline]
    pub fn pop_front(&self) -> Option<Value> {
        let item = self.items.borrow_mut().pop_front();
        item.map(PackedValue::into_value)
    }

    /// The item at `index`, if any.
    pub fn get(&self, index: usize) -> Option<Value> {
        self.items
            .borrow()
            .get(index)
            .map(|p| Value::clone(&p.view()))
    }

    /// Replaces the item at `index` (which exists) with `item`, dropping the old one after
    /// the queue is released.
    pub fn replace(&self, index: usize, item: Value) {
        let old = std::mem::replace(&mut self.items.borrow_mut()[index], PackedValue::new(item));
        drop(old);
    }

    /// Removes the first item that is `item` (identity, the only equality the loop's
    /// futures and handles have); false when there is none. The removed item is dropped
    /// after the queue is released (its finalizer may reach the queue).
    pub fn remove_item(&self, item: &Value) -> bool {
        let removed = {
            let mut items = self.items.borrow_mut();
            let at = items.iter().position(|x| x.view().is(item));
            at.and_then(|i| items.remove(i))
        };
        removed.is_some()
    }
}

/// The length from which a full queue grows by a quarter instead of doubling: 32K entries,
/// 256 KiB, where the allocator maps buffers directly, so growing is an `mremap` rather than
/// a copy, and where doubling would leave up to half the buffer unused. The ready queue is a
/// ring whose head moves through all of its buffer, so every page of it becomes resident: for
/// 100k runnable tasks 0.8 MB instead of 1 MB.
const GENTLE_GROWTH_FROM: usize = 32 * 1024;

/// Makes room in the full `items` (doubling below `GENTLE_GROWTH_FROM`, as `VecDeque` does).
#[cold]
fn grow(items: &mut VecDeque<PackedValue>) {
    let len = items.len();
    let more = if len < GENTLE_GROWTH_FROM {
        len.max(4)
    } else {
        len / 4
    };
    items.reserve_exact(more);
}

impl NativeObject for ReadyQueue {
    fn trace(&self, visit: &mut dyn FnMut(&Value)) {
        self.items.borrow().iter().for_each(|p| visit(&p.view()));
    }
    fn native_bool(&self) -> Option<bool> {
        // What `_Deque.__bool__` returns.
        Some(!self.items.borrow().is_empty())
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// The queue behind `self` of a method call.
fn me(vm: &mut Vm, args: &Args) -> PyResult<ObjRef> {
    match args.positional.first() {
        Some(Value::Obj(o)) if o.native::<ReadyQueue>().is_some() => Ok(o.clone()),
        _ => Err(vm.new_type_error("a _Deque instance is required")),
    }
}

/// The queue state of `v`, if it is a `_Deque`.
#[inline]
pub fn queue_of(v: &Value) -> Option<&ReadyQueue> {
    v.as_obj()?.native::<ReadyQueue>()
}

/// The state of an object known to be a queue.
fn st(o: &ObjRef) -> &ReadyQueue {
    match o.native::<ReadyQueue>() {
        Some(q) => q,
        None => unreachable!("checked to be a _Deque by `me`"),
    }
}

/// A `_Deque` of class `cls` holding `items`.
pub fn new_deque(cls: ObjRef, items: VecDeque<PackedValue>) -> Value {
    let state = ReadyQueue {
        items: RefCell::new(items),
    };
    Value::Obj(Obj::with_class(
        cls,
        None,
        Payload::Native(crate::vm::object::NativeState::boxed(state)),
    ))
}

/// Creates the `_Deque` class (append, popleft, remove, clear, len, bool, iteration).
pub fn deque_class(vm: &mut Vm) -> Value {
    let cls = vm.new_native_class("_Deque", &[], "asyncio");
    vm.add_static(&cls, "__new__", |vm, args: Args| {
        let Some(Value::Obj(cls)) = args.positional.first().cloned() else {
            return Err(vm.new_type_error("_Deque.__new__(X): X is not a type object"));
        };
        Ok(new_deque(cls, VecDeque::new()))
    });
    vm.add_method(&cls, "__init__", |_, _| Ok(Value::None));
    vm.add_method(&cls, "append", |vm, args: Args| {
        let o = me(vm, &args)?;
        let item = args.positional.get(1).cloned().unwrap_or(Value::None);
        st(&o).push_back(item);
        Ok(Value::None)
    });
    vm.add_method(&cls, "popleft", |vm, args: Args| {
        let o = me(vm, &args)?;
        let item = st(&o).pop_front();
        item.ok_or_else(|| vm.new_index_error("pop from an empty deque"))
    });
    vm.add_method(&cls, "remove", |vm, args: Args| {
        let o = me(vm, &args)?;
        let item = args.positional.get(1).cloned().unwrap_or(Value::None);
        if st(&o).remove_item(&item) {
            Ok(Value::None)
        } else {
            Err(vm.new_value_error("deque.remove(x): x not in deque"))
        }
    });
    vm.add_method(&cls, "clear", |vm, args: Args| {
        let o = me(vm, &args)?;
        let old = std::mem::take(&mut *st(&o).items.borrow_mut());
        drop(old);
        Ok(Value::None)
    });
    vm.add_method(&cls, "__len__", |vm, args: Args| {
        let o = me(vm, &args)?;
        Ok(Value::Int(st(&o).items.borrow().len() as i64))
    });
    vm.add_method(&cls, "__bool__", |vm, args: Args| {
        let o = me(vm, &args)?;
        Ok(Value::Bool(!st(&o).items.borrow().is_empty()))
    });
    vm.add_method(&cls, "__iter__", |vm, args: Args| {
        let o = me(vm, &args)?;
        let snapshot: Vec<Value> = st(&o)
            .items
            .borrow()
            .iter()
            .map(|p| Value::clone(&p.view()))
            .collect();
        vm.iter(&Value::list(snapshot))
    });
    Value::Obj(cls)
}

/// The awaitable `_sleep0()` returns: tasks.py `__sleep0`, a bare `yield` (the task is
/// rescheduled with call_soon), then done.
///
/// There are exactly two, both immortal: the fresh one `_sleep0()` returns, and the spent one
/// a SEND swaps in for it once it has yielded (`send_successor`). A task suspended in
/// `sleep(0)` thus owns no awaitable of its own.
pub struct Sleep0 {
    /// The spent `_Sleep0` that replaces this one after its yield; `None` for the spent one.
    successor: Option<ObjRef>,
}

impl NativeObject for Sleep0 {
    fn trace(&self, visit: &mut dyn FnMut(&Value)) {
        if let Some(o) = &self.successor {
            visit(&Value::Obj(o.clone()));
        }
    }
    fn awaits_itself(&self) -> bool {
        true
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn native_send(
        &self,
        _vm: &mut Vm,
        _me: &ObjRef,
        _value: &Value,
    ) -> Option<PyResult<SendResult>> {
        Some(Ok(if self.successor.is_some() {
            SendResult::Yield(Value::None)
        } else {
            SendResult::Return(Value::None)
        }))
    }
    fn send_successor(&self) -> Option<Value> {
        self.successor.clone().map(Value::Obj)
    }
}

/// Creates the class of a native awaitable that is its own iterator (`_Sleep0`,
/// `_QueueGetting`, `_LockStep`, `_CondWait`): `__await__` and `__iter__` return the object,
/// `__next__` and `send(value)` resume it through its `NativeObject::native_send` (which
/// such an object always answers).
pub fn awaitable_class(vm: &mut Vm, name: &'static str) -> ObjRef {
    let cls = vm.new_native_class(name, &[], "asyncio");
    for method in ["__await__", "__iter__"] {
        vm.add_method_positional(&cls, method, |vm, a: &[Value]| {
            check_count(vm, method, a.len(), 1, 1)?;
            Ok(a[0].clone())
        });
    }
    vm.add_method_positional(&cls, "__next__", move |vm, a: &[Value]| {
        check_count(vm, "__next__", a.len(), 1, 1)?;
        resume_awaitable(vm, name, &a[0], &Value::None)
    });
    vm.add_method_positional(&cls, "send", move |vm, a: &[Value]| {
        check_count(vm, "send", a.len(), 2, 2)?;
        resume_awaitable(vm, name, &a[0], &a[1])
    });
    cls
}

/// `__next__`/`send` of an `awaitable_class` instance `me` (of class `name`).
fn resume_awaitable(vm: &mut Vm, name: &str, me: &Value, value: &Value) -> PyResult<Value> {
    let outcome = match me {
        Value::Obj(o) => match &o.payload {
            Payload::Native(n) => n.native_send(vm, o, value),
            _ => None,
        },
        _ => None,
    };
    match outcome {
        Some(r) => vm.send_result_to_py(r?),
        None => Err(vm.new_type_error(format!("a {name} is required"))),
    }
}

/// A native awaitable that can also be thrown into and closed, as a coroutine can.
pub trait NativeCoroutine: NativeObject {
    /// `throw(exc)`: the exception raised where the awaitable is suspended.
    fn throw(&self, vm: &mut Vm, exc: Value) -> PyResult<SendResult>;
    /// `close()`: GeneratorExit raised where the awaitable is suspended.
    fn close(&self, vm: &mut Vm) -> PyResult<()>;
}

/// `awaitable_class` with `throw` and `close` for a `NativeCoroutine` of type `T`.
pub fn coroutine_class<T: NativeCoroutine>(vm: &mut Vm, name: &'static str) -> ObjRef {
    let cls = awaitable_class(vm, name);
    vm.add_method_positional(&cls, "throw", move |vm, a: &[Value]| {
        check_count(vm, "throw", a.len(), 2, 4)?;
        let r = coroutine_of::<T>(vm, name, &a[0])?.throw(vm, a[1].clone())?;
        vm.send_result_to_py(r)
    });
    vm.add_method_positional(&cls, "close", move |vm, a: &[Value]| {
        check_count(vm, "close", a.len(), 1, 1)?;
        coroutine_of::<T>(vm, name, &a[0])?.close(vm)?;
        Ok(Value::None)
    });
    cls
}

/// The `T` behind `me`, an instance of the `coroutine_class` named `name`.
fn coroutine_of<'a, T: NativeCoroutine>(vm: &Vm, name: &str, me: &'a Value) -> PyResult<&'a T> {
    me.as_obj()
        .and_then(|o| o.native::<T>())
        .ok_or_else(|| vm.new_type_error(format!("a {name} is required")))
}

/// Installs the VM's `await asyncio.sleep(0)` fast path (src/vm/sleep_zero.rs) for the
/// module namespace `globals` whose `sleep` and `_sleep0` prelude.py defined, with two more
/// `_Sleep0`s that stand for a `sleep(0)` coroutine: a fresh one and the spent one it swaps in.
pub fn install_sleep_zero(vm: &mut Vm, globals: &ObjRef) {
    let (Some(Value::Obj(sleep)), Some(sleep0)) = (
        vm.dict_get_str(globals, "sleep"),
        vm.dict_get_str(globals, "_sleep0"),
    ) else {
        return;
    };
    let Ok(Value::Obj(fresh)) = vm.call(&sleep0, vec![]) else {
        return;
    };
    let Some(spent) = fresh.native::<Sleep0>().and_then(|s| s.successor.clone()) else {
        return;
    };
    let Some(cls) = spent.class.clone() else {
        return;
    };
    let marker = Obj::with_class(
        cls.clone(),
        None,
        Payload::Native(crate::vm::object::NativeState::boxed(Sleep0 {
            successor: None,
        })),
    );
    let stand_in = Obj::with_class(
        cls,
        None,
        Payload::Native(crate::vm::object::NativeState::boxed(Sleep0 {
            successor: Some(marker.clone()),
        })),
    );
    if let Some(sz) = crate::vm::sleep_zero::SleepZero::new(
        &sleep,
        Value::Obj(spent),
        Value::Obj(stand_in),
        Value::Obj(marker),
    ) {
        vm.set_sleep_zero(sz);
    }
}

/// Runs the handles that were ready when the loop iteration began; mirrors the end of
/// base_events.py `_run_once` (cancelled handles are skipped).
pub fn run_ready(vm: &mut Vm, ctx: &Asyncio, ready: &Value, ntodo: usize) -> PyResult<()> {
    let Some(queue) = queue_of(ready) else {
        return Err(vm.new_type_error("_run_ready() needs the loop's _Deque"));
    };
    for _ in 0..ntodo {
        let Some(handle) = queue.pop_front() else {
            break;
        };
        // Most entries are tasks queued in place of their step's Handle: an exact Task is
        // told apart by its class alone.
        if let Some(task) = handle.as_obj()
            && let Some(st) = task.native::<FutureObj>()
            && let Some(queued) = st.take_queued_step()
        {
            run_queued_step(vm, ctx, task, st, queued)?;
            if crate::vm::generator::HAS_PENDING.with(|p| p.get()) {
                vm.run_pending_finalizers();
            }
            continue;
        }
        if let Some(h) = handle
            .as_obj()
            .filter(|h| h.native::<super::handle::HandleObj>().is_some())
        {
            let cancelled = h
                .native::<super::handle::HandleObj>()
                .is_some_and(|s| s.cancelled.get());
            if !cancelled {
                super::handle::run_handle(vm, h)?;
            }
            // What the handle dropped is finalized now, as CPython's refcounting does at
            // once (a dropped async generator's aclose() task, "never awaited" warnings);
            // the native loop reaches no eval-loop safe point between handles.
            if crate::vm::generator::HAS_PENDING.with(|p| p.get()) {
                vm.run_pending_finalizers();
            }
            continue;
        }
        let cancelled = vm.get_attr(&handle, "_cancelled")?;
        if !vm.truthy(&cancelled)? {
            vm.call_method(&handle, "_run", vec![])?;
        }
    }
    Ok(())
}

/// Runs a task's queued step as `Handle._run` would run `Handle(task_step, (task,))` or
/// `Handle(task_wakeup, (task, fut))`: in the handle's context, with an error reported with
/// that handle (made only then). A finished task never steps again: what it queued is its
/// first done callback, `fut` standing for the callback (`Handle(callback, (task,))` of
/// future_schedule_callbacks).
fn run_queued_step(
    vm: &mut Vm,
    ctx: &Asyncio,
    task: &ObjRef,
    st: &FutureObj,
    queued: QueuedStep,
) -> PyResult<()> {
    let QueuedStep { fut, context } = queued;
    let fut = fut.map_or(Value::None, Value::Obj);
    let done_callback = st.done();
    let outcome = if done_callback {
        vm.call_in_context(&context, &fut, vec![Value::Obj(task.clone())])
    } else if context.is_none() {
        if fut.is_none() {
            super::task::task_step_in(vm, ctx, task, st, None)
        } else {
            super::task::task_wakeup_in(vm, ctx, task, st, &fut)
        }
    } else {
        let (callback, args) = step_callback(ctx, task, &fut);
        vm.call_in_context(&context, &callback, args)
    };
    let Err(exc) = outcome else {
        return Ok(());
    };
    let (callback, args) = if done_callback {
        (fut, vec![Value::Obj(task.clone())])
    } else {
        step_callback(ctx, task, &fut)
    };
    let loop_ = st.get_loop();
    let handle = super::handle::new_handle(
        &ctx.handle_cls,
        callback,
        args.into_boxed_slice(),
        loop_,
        context,
        None,
    );
    super::handle::report_callback_error(vm, &handle, exc)
}

/// The callback and arguments of the Handle a queued step stands for.
fn step_callback(ctx: &Asyncio, task: &ObjRef, fut: &Value) -> (Value, Vec<Value>) {
    if fut.is_none() {
        (ctx.step_fn.borrow().clone(), vec![Value::Obj(task.clone())])
    } else {
        (
            ctx.wakeup_fn.borrow().clone(),
            vec![Value::Obj(task.clone()), fut.clone()],
        )
    }
}

/// The loop helpers `_sleep0`, `_run_ready` and `_capture_context` (`contextvars.copy_context()`
/// once contextvars is imported, else None).
pub fn loop_functions(vm: &mut Vm, ctx: &Rc<Asyncio>) -> Vec<(&'static str, Value)> {
    let sleep0_cls = awaitable_class(vm, "_Sleep0");
    let spent = Obj::with_class(
        sleep0_cls.clone(),
        None,
        Payload::Native(crate::vm::object::NativeState::boxed(Sleep0 {
            successor: None,
        })),
    );
    let fresh = Value::Obj(Obj::with_class(
        sleep0_cls.clone(),
        None,
        Payload::Native(crate::vm::object::NativeState::boxed(Sleep0 {
            successor: Some(spent),
        })),
    ));
    let sleep0 = vm.new_native_fn("_sleep0", move |_, _| Ok(fresh.clone()));
    let c = ctx.clone();
    let run = vm.new_native_fn("_run_ready", move |vm, args: Args| {
        let a = args.check(vm, "_run_ready", 2, 2)?.to_vec();
        let n = vm.index_value(&a[1])?.max(0) as usize;
        run_ready(vm, &c, &a[0], n)?;
        Ok(Value::None)
    });
    let capture = vm.new_native_fn("_capture_context", |vm, _| vm.capture_context());
    vec![
        ("_sleep0", sleep0),
        ("_run_ready", run),
        ("_capture_context", capture),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_queue_grows_by_a_quarter() {
        let queue = ReadyQueue {
            items: RefCell::new(VecDeque::new()),
        };
        for i in 0..100_000 {
            queue.push_back(Value::Int(i));
        }
        // Doubling would have left 131,072 slots; a quarter at a time from 32K leaves 100,000.
        assert!(queue.items.borrow().capacity() <= 110_000);
        assert_eq!(
            queue.get(99_999).map(|v| matches!(v, Value::Int(99_999))),
            Some(true)
        );
        assert_eq!(
            queue.pop_front().map(|v| matches!(v, Value::Int(0))),
            Some(true)
        );
    }
}
