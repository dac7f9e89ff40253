//! Fast paths of asyncio's `Queue` (queues.py, written in Python in prelude.py) for an exact
//! `Queue` that need not wait: `get` of a non-empty queue and `put` into a queue with room do
//! queues.py's whole sequence of `empty()`/`full()`, `_get()`/`_put()`, the unfinished-task
//! count, `_finished.clear()` and `_wakeup_next(...)` natively, in the same order. Subclasses
//! (LifoQueue, PriorityQueue, user classes) may override any of those steps, so they always
//! take the Python path. A `get` that must wait on an exact Queue awaits a `_QueueGetting`,
//! which runs queues.py's wait loop natively (see there); a `put` that must wait is Python.

use super::RegisteredClass;
use super::future::{Asyncio, FutState, fut_of, state};
use super::locks_native::layout::Layout;
use super::locks_native::loop_future;
use super::ready::{ReadyQueue, queue_of};
use crate::vm::generator::SendResult;
use crate::vm::native::check_count;
use crate::vm::object::{NativeObject, Obj, Payload};
use crate::vm::{Args, ObjRef, PyResult, Value, Vm};
use std::cell::RefCell;
use std::rc::Rc;

/// The prelude's `Queue` and `Event` classes, registered by the prelude right after it
/// defines them (`_queue_classes`): the fast paths apply to instances of exactly these
/// classes, whatever the module's names are later rebound to, while neither class nor the
/// instance has had a method replaced (the fast paths stand for the prelude's own `_get`,
/// `_put`, `empty`, `full`, `_wakeup_next`, `Event.clear` ...).
struct QueueClasses {
    /// `Queue`.
    queue: Option<RegisteredClass>,
    /// `Event` (the class of `Queue._finished`).
    event: Option<RegisteredClass>,
    /// Where `Queue.__init__` puts an instance's attributes (`QUEUE_ATTRS`).
    queue_layout: Layout,
    /// Where `Event.__init__` puts an instance's attributes (`EVENT_ATTRS`).
    event_layout: Layout,
}

impl Default for QueueClasses {
    fn default() -> Self {
        QueueClasses {
            queue: None,
            event: None,
            queue_layout: Layout::new(QUEUE_ATTRS),
            event_layout: Layout::new(EVENT_ATTRS),
        }
    }
}

/// The attributes `Queue.__init__` gives an instance, in order.
const QUEUE_ATTRS: &[&str] = &[
    "_maxsize",
    "_loop",
    "_getters",
    "_putters",
    "_unfinished_tasks",
    "_finished",
    "_queue",
];
/// Positions in `QUEUE_ATTRS`.
const Q_MAXSIZE: usize = 0;
/// Positions in `QUEUE_ATTRS`.
const Q_LOOP: usize = 1;
/// Positions in `QUEUE_ATTRS`.
const Q_GETTERS: usize = 2;
/// Positions in `QUEUE_ATTRS`.
const Q_PUTTERS: usize = 3;
/// Positions in `QUEUE_ATTRS`.
const Q_UNFINISHED: usize = 4;
/// Positions in `QUEUE_ATTRS`.
const Q_FINISHED: usize = 5;
/// Positions in `QUEUE_ATTRS`.
const Q_QUEUE: usize = 6;

/// The attributes `Event.__init__` gives an instance, in order.
pub(super) const EVENT_ATTRS: &[&str] = &["_waiters", "_value", "_loop"];
/// Positions in `EVENT_ATTRS`.
const E_VALUE: usize = 1;

/// Shared between the queue fast-path functions.
type Classes = Rc<RefCell<QueueClasses>>;

/// Which registered class an instance must be exactly of.
#[derive(Clone, Copy)]
enum Exact {
    /// `Queue`.
    Queue,
    /// `Event`.
    Event,
}

/// The instance namespace of `q` when it is an exact, unmodified instance of the
/// registered class `which` (see `RegisteredClass::instance_dict`).
fn exact_instance_dict(classes: &Classes, q: &Value, which: Exact) -> Option<ObjRef> {
    let classes = classes.borrow();
    match which {
        Exact::Queue => classes.queue.as_ref()?.instance_dict(q),
        Exact::Event => classes.event.as_ref()?.instance_dict(q),
    }
}

/// Mirrors queues.py Queue._wakeup_next: the first waiter not yet done gets `None`.
fn wakeup_next(vm: &mut Vm, ctx: &Asyncio, waiters: &ReadyQueue) -> PyResult<()> {
    loop {
        let Some(waiter) = waiters.pop_front() else {
            return Ok(());
        };
        if let Value::Obj(o) = &waiter
            && o.class
                .as_ref()
                .is_some_and(|c| ObjRef::ptr_eq(c, &ctx.future_cls))
            && let Some(st) = fut_of(&waiter)
        {
            if st.state.get() == FutState::Pending {
                return ctx.future_set_result_in(vm, o, st, Value::None);
            }
            continue;
        }
        let done = vm.call_method(&waiter, "done", vec![])?;
        if !vm.truthy(&done)? {
            vm.call_method(&waiter, "set_result", vec![Value::None])?;
            return Ok(());
        }
    }
}

/// `get` without waiting: the item, or that the queue is empty; None when the Python path
/// must run (not an exact Queue, or its parts replaced).
fn try_get(vm: &mut Vm, ctx: &Asyncio, classes: &Classes, q: &Value) -> PyResult<Option<Got>> {
    let Some(dict) = exact_instance_dict(classes, q, Exact::Queue) else {
        return Ok(None);
    };
    let found = {
        let layout = &classes.borrow().queue_layout;
        (layout.get(&dict, Q_QUEUE), layout.get(&dict, Q_PUTTERS))
    };
    let (Some(items), Some(putters)) = found else {
        return Ok(None);
    };
    let (Some(queue), Some(putters)) = (queue_of(&items), queue_of(&putters)) else {
        return Ok(None);
    };
    let Some(item) = queue.pop_front() else {
        return Ok(Some(Got::Empty));
    };
    wakeup_next(vm, ctx, putters)?;
    Ok(Some(Got::Item(item)))
}

/// What `try_get` found in an exact Queue.
enum Got {
    /// The item taken.
    Item(Value),
    /// The queue is empty (so `empty()` is true: the caller must wait).
    Empty,
}

/// `put` without waiting: true when the item was put, false when the Python path must run.
fn try_put(
    vm: &mut Vm,
    ctx: &Asyncio,
    classes: &Classes,
    q: &Value,
    item: Value,
) -> PyResult<bool> {
    let Some(dict) = exact_instance_dict(classes, q, Exact::Queue) else {
        return Ok(false);
    };
    let cl = classes.borrow();
    let layout = &cl.queue_layout;
    let (
        Some(items),
        Some(getters),
        Some(Value::Int(maxsize)),
        Some(Value::Int(unfinished)),
        Some(finished),
    ) = (
        layout.get(&dict, Q_QUEUE),
        layout.get(&dict, Q_GETTERS),
        layout.get(&dict, Q_MAXSIZE),
        layout.get(&dict, Q_UNFINISHED),
        layout.get(&dict, Q_FINISHED),
    )
    else {
        return Ok(false);
    };
    drop(cl);
    let (Some(queue), Some(getters)) = (queue_of(&items), queue_of(&getters)) else {
        return Ok(false);
    };
    let Some(event) = exact_instance_dict(classes, &finished, Exact::Event) else {
        return Ok(false);
    };
    // full(): `maxsize > 0 and qsize() >= maxsize`.
    if maxsize > 0 && queue.items.borrow().len() as i64 >= maxsize {
        return Ok(false);
    }
    // Both attributes were just read where they are set (no Python code ran since).
    let cl = classes.borrow();
    if cl.event_layout.get(&event, E_VALUE).is_none() {
        return Ok(false);
    }
    queue.push_back(item);
    cl.queue_layout
        .set(&dict, Q_UNFINISHED, Value::Int(unfinished + 1));
    // Event.clear().
    cl.event_layout.set(&event, E_VALUE, Value::Bool(false));
    drop(cl);
    wakeup_next(vm, ctx, getters)?;
    Ok(true)
}

/// The waiter future a `get` (`putter` false) or `put` (true) of an exact Queue waits on:
/// mixins.py `_get_loop()` (binding the queue to the running loop), `loop.create_future()`
/// on a plain loop, appended to `_getters`/`_putters`. None: the Python path must do it
/// (another class or loop, no running loop, a queue bound elsewhere: it raises there).
fn new_waiter(
    vm: &mut Vm,
    ctx: &Asyncio,
    classes: &Classes,
    q: &Value,
    putter: bool,
) -> PyResult<Option<Value>> {
    let Some(dict) = exact_instance_dict(classes, q, Exact::Queue) else {
        return Ok(None);
    };
    let found = {
        let layout = &classes.borrow().queue_layout;
        let at = if putter { Q_PUTTERS } else { Q_GETTERS };
        (layout.get(&dict, at), layout.get(&dict, Q_LOOP))
    };
    let (Some(waiters), Some(bound)) = found else {
        return Ok(None);
    };
    let Some(waiters) = queue_of(&waiters) else {
        return Ok(None);
    };
    let bind = |_: &Vm, running| classes.borrow().queue_layout.set(&dict, Q_LOOP, running);
    let Some(fut) = loop_future(vm, ctx, &bound, bind) else {
        return Ok(None);
    };
    waiters.push_back(fut.clone());
    Ok(Some(fut))
}

/// What every `_QueueGetting` shares: the module state and the `_QUEUE_MISS` sentinel.
struct GettingShared {
    /// The asyncio module state.
    ctx: Rc<Asyncio>,
    /// The registered Queue and Event classes.
    classes: Classes,
    /// `_QUEUE_MISS`: the Python loop of `get` must take over.
    miss: Value,
}

/// The awaitable a `get` of an exact, empty Queue awaits (`_queue_getting(q)`): the rest of
/// queues.py `get`'s loop (`while self.empty(): await getter`, then `get_nowait()`) run
/// natively. It awaits each waiter future through the future's own await protocol, so what
/// reaches the task and what is raised are the future's; it returns the item, or
/// `_QUEUE_MISS` when the Python loop must carry on (the queue stopped qualifying). It has
/// no `throw` or `close`: an exception thrown in is raised at the `await` in `get`, whose
/// `except` clause hands the pending waiter to `_queue_get_abort`, as queues.py's does.
struct QueueGetting {
    /// The shared state.
    shared: Rc<GettingShared>,
    /// The queue.
    queue: Value,
    /// The waiter being awaited; None once it has been awaited.
    getter: RefCell<Option<ObjRef>>,
}

impl QueueGetting {
    /// One resumption: `await getter` if one is pending, then the loop's next round.
    fn step(&self, vm: &mut Vm) -> PyResult<SendResult> {
        let shared = &*self.shared;
        loop {
            let pending = self.getter.borrow().clone();
            if let Some(getter) = pending {
                let st = state(&getter);
                match st.native_send(vm, &getter, &Value::None) {
                    Some(Ok(SendResult::Yield(v))) => return Ok(SendResult::Yield(v)),
                    Some(Ok(SendResult::Return(_))) => {}
                    Some(Err(e)) => return Err(e),
                    None => unreachable!("a Future answers its await natively"),
                }
                // Awaited: what follows in the loop is outside queues.py's `try`. (The
                // future is dropped after the cell is released.)
                let awaited = self.getter.borrow_mut().take();
                drop(awaited);
            }
            match try_get(vm, &shared.ctx, &shared.classes, &self.queue)? {
                Some(Got::Item(item)) => return Ok(SendResult::Return(item)),
                Some(Got::Empty) => {
                    match new_waiter(vm, &shared.ctx, &shared.classes, &self.queue, false)? {
                        Some(Value::Obj(fut)) => *self.getter.borrow_mut() = Some(fut),
                        _ => return Ok(SendResult::Return(shared.miss.clone())),
                    }
                }
                None => return Ok(SendResult::Return(shared.miss.clone())),
            }
        }
    }
}

impl NativeObject for QueueGetting {
    fn trace(&self, visit: &mut dyn FnMut(&Value)) {
        visit(&self.queue);
        if let Some(g) = &*self.getter.borrow() {
            visit(&Value::Obj(g.clone()));
        }
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn awaits_itself(&self) -> bool {
        true
    }
    fn native_send(
        &self,
        vm: &mut Vm,
        _me: &ObjRef,
        _value: &Value,
    ) -> Option<PyResult<SendResult>> {
        Some(self.step(vm))
    }
}

/// Mirrors the `except:` clause of queues.py `get` for the waiter `getting` was awaiting
/// when the exception arrived (nothing when none was pending): `getter.cancel()`, its
/// removal from `_getters` (if still there), and the next getter woken when the queue is not
/// empty and this one was not cancelled.
fn abort_getting(vm: &mut Vm, ctx: &Asyncio, getting: &QueueGetting) -> PyResult<()> {
    let Some(getter) = getting.getter.borrow_mut().take() else {
        return Ok(());
    };
    ctx.future_cancel(vm, &getter, Value::None)?;
    let getter_v = Value::Obj(getter.clone());
    let getters = vm.get_attr(&getting.queue, "_getters")?;
    if let Some(waiters) = queue_of(&getters) {
        waiters.remove_item(&getter_v);
    } else if let Err(e) = vm.call_method(&getters, "remove", vec![getter_v.clone()])
        && !vm.exc_matches(&e, &vm.exc.value_error.clone())
    {
        return Err(e);
    }
    let empty = vm.call_method(&getting.queue, "empty", vec![])?;
    if !vm.truthy(&empty)? && state(&getter).state.get() != FutState::Cancelled {
        vm.call_method(&getting.queue, "_wakeup_next", vec![getters])?;
    }
    Ok(())
}

/// The module names `_queue_get_fast(q, report_empty=False)` (the item; `_QUEUE_EMPTY` when
/// asked to report that an exact Queue is empty, so `get` need not call `empty()`; else
/// `_QUEUE_MISS`), `_queue_put_fast(q, item)` (True when put), `_queue_new_waiter(q,
/// putter)` (a future, or None) and the `_QUEUE_MISS` and `_QUEUE_EMPTY` sentinels.
pub fn queue_functions(vm: &mut Vm, ctx: &Rc<Asyncio>) -> Vec<(&'static str, Value)> {
    let object_cls = vm.types.object.clone();
    let miss = vm
        .call(&Value::Obj(object_cls.clone()), vec![])
        .unwrap_or(Value::None);
    let empty = vm
        .call(&Value::Obj(object_cls), vec![])
        .unwrap_or(Value::None);
    let classes: Classes = Rc::default();
    let cl = classes.clone();
    let register = vm.new_native_fn("_queue_classes", move |vm, args: Args| {
        let a = args.check(vm, "_queue_classes", 2, 2)?;
        let mut cl = cl.borrow_mut();
        cl.queue = a[0]
            .as_obj()
            .map(|c| RegisteredClass::new(c.clone(), QUEUE_ATTRS.len()));
        cl.event = a[1]
            .as_obj()
            .map(|c| RegisteredClass::new(c.clone(), EVENT_ATTRS.len()));
        Ok(Value::None)
    });
    let c = ctx.clone();
    let cl = classes.clone();
    let m = miss.clone();
    let e = empty.clone();
    let get = vm.new_native_fn_positional("_queue_get_fast", move |vm, a: &[Value]| {
        check_count(vm, "_queue_get_fast", a.len(), 1, 2)?;
        let q = &a[0];
        let report_empty = matches!(a.get(1), Some(Value::Bool(true)));
        Ok(match try_get(vm, &c, &cl, q)? {
            Some(Got::Item(item)) => item,
            Some(Got::Empty) if report_empty => e.clone(),
            _ => m.clone(),
        })
    });
    let c = ctx.clone();
    let cl = classes.clone();
    let put = vm.new_native_fn_positional("_queue_put_fast", move |vm, a: &[Value]| {
        check_count(vm, "_queue_put_fast", a.len(), 2, 2)?;
        Ok(Value::Bool(try_put(vm, &c, &cl, &a[0], a[1].clone())?))
    });
    let getting_cls = super::ready::awaitable_class(vm, "_QueueGetting");
    let shared = Rc::new(GettingShared {
        ctx: ctx.clone(),
        classes: classes.clone(),
        miss: miss.clone(),
    });
    let getting = vm.new_native_fn_positional("_queue_getting", move |vm, a: &[Value]| {
        check_count(vm, "_queue_getting", a.len(), 1, 1)?;
        let Some(Value::Obj(fut)) = new_waiter(vm, &shared.ctx, &shared.classes, &a[0], false)?
        else {
            return Ok(Value::None);
        };
        let state = QueueGetting {
            shared: shared.clone(),
            queue: a[0].clone(),
            getter: RefCell::new(Some(fut)),
        };
        Ok(Value::Obj(Obj::with_class(
            getting_cls.clone(),
            None,
            Payload::Native(crate::vm::object::NativeState::boxed(state)),
        )))
    });
    let c = ctx.clone();
    let abort = vm.new_native_fn_positional("_queue_get_abort", move |vm, a: &[Value]| {
        check_count(vm, "_queue_get_abort", a.len(), 1, 1)?;
        if let Some(g) = a[0].as_obj().and_then(|o| o.native::<QueueGetting>()) {
            abort_getting(vm, &c, g)?;
        }
        Ok(Value::None)
    });
    let c = ctx.clone();
    let cl = classes;
    let waiter = vm.new_native_fn_positional("_queue_new_waiter", move |vm, a: &[Value]| {
        check_count(vm, "_queue_new_waiter", a.len(), 2, 2)?;
        let putter = vm.truthy(&a[1])?;
        Ok(new_waiter(vm, &c, &cl, &a[0], putter)?.unwrap_or(Value::None))
    });
    vec![
        ("_queue_classes", register),
        ("_queue_new_waiter", waiter),
        ("_queue_getting", getting),
        ("_queue_get_abort", abort),
        ("_queue_get_fast", get),
        ("_queue_put_fast", put),
        ("_QUEUE_MISS", miss),
        ("_QUEUE_EMPTY", empty),
    ]
}
