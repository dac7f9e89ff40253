//! asyncio's native `Task`, mirroring CPython's `_asyncio` C module (Modules/_asynciomodule.c:
//! TaskObj, task_step_impl, task_step_handle_result_impl, task_wakeup, the current-task and
//! all-tasks registries) with tasks.py's Python-visible surface.

use super::future::{Asyncio, FutState, FutureObj, fut_of, method, state};
use super::slot::Slot;
use crate::vm::generator::SendResult;
use crate::vm::object::{NativeState, Obj, Payload};
use crate::vm::{Args, ObjRef, PyResult, Value, Vm};
use std::cell::RefCell;
use std::rc::Rc;

/// The Task part of a FutureObj; mirrors the task_* fields of TaskObj. (48 bytes: the name
/// a task is given and `_num_cancels_requested` are in the future's extras, the flag of a
/// queued step in the future.)
pub struct TaskFields {
    /// `_coro`, the coroutine the task drives, when it is an object (`FutureObj::coro`).
    pub coro: Slot<Option<ObjRef>>,
    /// The context callbacks run in, when it is an object (`FutureObj::context`; None: the
    /// current one).
    pub context: Slot<Option<ObjRef>>,
    /// `_fut_waiter`: the future the coroutine is blocked on (always an object: 8 bytes);
    /// once the task is done, the done callback its queued step stands for, if any (read it
    /// with `FutureObj::fut_waiter`, which knows).
    pub(super) fut_waiter: Slot<Option<ObjRef>>,
}

/// What a `Handle(task_step, (task,))` or `Handle(task_wakeup, (task, fut))` would hold besides
/// the task, for a task that stands in the ready queue for that handle itself: the common
/// task switch then allocates nothing. The queue entry is the task; `ready::run_ready` takes
/// this back out and runs it as the handle would have run (`Handle._run`). Kept in the task
/// (`FutureObj::record_queued_step`), at most one at a time.
#[derive(Clone)]
pub struct QueuedStep {
    /// The future whose completion wakes the task (`task_wakeup(task, fut)`), or None for a
    /// plain `task_step(task)` (a done callback that is not an object is never queued so).
    pub fut: Option<ObjRef>,
    /// The handle's `_context` (captured when queued, as `Handle.__init__` does): None or an
    /// object (any other context gets a real Handle).
    pub context: Value,
}

impl TaskFields {
    /// Fields of a task not yet initialised (`Task.__new__`).
    pub fn new() -> TaskFields {
        TaskFields {
            coro: Slot::new(None),
            context: Slot::new(None),
            fut_waiter: Slot::new(None),
        }
    }

    /// Moves out what the "exception was never retrieved" report shows (the coroutine; the
    /// number is the future's and a given name is in its extras, which the report takes along).
    pub fn take_for_report(&mut self) -> TaskFields {
        let fields = TaskFields::new();
        fields.coro.set(self.coro.get_mut().take());
        fields
    }

    /// Calls `visit` on every value the fields hold.
    pub fn trace(&self, visit: &mut dyn FnMut(&Value)) {
        for o in [self.coro.get(), self.context.get(), self.fut_waiter.get()]
            .into_iter()
            .flatten()
        {
            visit(&Value::Obj(o));
        }
    }
}

impl Default for TaskFields {
    fn default() -> Self {
        TaskFields::new()
    }
}

/// The task fields of a future known to be a task.
fn fields(st: &FutureObj) -> &TaskFields {
    match &st.task {
        Some(t) => t,
        None => unreachable!("only tasks reach task code"),
    }
}

/// The task behind `self` of a Task method.
fn task_me(vm: &mut Vm, args: &Args) -> PyResult<ObjRef> {
    match args.positional.first() {
        Some(Value::Obj(o)) if o.native::<FutureObj>().is_some_and(|s| s.task.is_some()) => {
            Ok(o.clone())
        }
        _ => Err(vm.new_type_error("a Task instance is required")),
    }
}

/// True when `o` is exactly a Future or a Task (not a Python subclass), so its methods can
/// be run natively (the Future_CheckExact / Task_CheckExact fast paths).
pub(super) fn is_exact(ctx: &Asyncio, o: &ObjRef) -> bool {
    o.class
        .as_ref()
        .is_some_and(|c| ObjRef::ptr_eq(c, &ctx.future_cls) || ObjRef::ptr_eq(c, &ctx.task_cls))
}

/// Mirrors task_call_step_soon: schedules the task's next step (with `exc` thrown in).
fn call_step_soon(vm: &mut Vm, ctx: &Asyncio, task: &ObjRef, exc: Option<ObjRef>) -> PyResult<()> {
    call_step_soon_in(vm, ctx, task, state(task), exc)
}

/// `call_step_soon` with the task's state at hand.
fn call_step_soon_in(
    vm: &mut Vm,
    ctx: &Asyncio,
    task: &ObjRef,
    st: &FutureObj,
    exc: Option<ObjRef>,
) -> PyResult<()> {
    let context = task_context(vm, st)?;
    // The common case (a bare `yield`, nothing queued yet, the loop's cached ready queue):
    // the task itself is appended, with no loop or handle looked at again.
    if exc.is_none() {
        let step = QueuedStep {
            fut: None,
            context: context.clone(),
        };
        if let Some(bits) = st.queued_step_bits(&step)
            && ctx.append_to_cached_ready(&st.get_loop(), task)
        {
            st.record_queued_step(step, bits);
            return Ok(());
        }
    }
    let loop_ = st.get_loop();
    // A plain step is queued as the task itself; otherwise the handle calls
    // `task_step(task, exc)` directly: no bound method per step. Exactly sized, so that the
    // handle's argument slice needs no reallocation.
    // The context is settled (a task without one has just captured it): no second capture.
    if exc.is_none() && ctx.queue_task_in(vm, &loop_, task, Value::None, context.clone())? {
        return Ok(());
    }
    let args = match exc {
        None => vec![Value::Obj(task.clone())],
        Some(e) => vec![Value::Obj(task.clone()), Value::Obj(e)],
    };
    let step = ctx.step_fn.borrow().clone();
    ctx.call_soon(vm, &loop_, step, args, &context)
}

/// The context the task's steps and wake-ups run in. A task made before `contextvars` was
/// imported has none; it takes a copy of the current context the first time one exists, so
/// from then on its variables are its own, as under CPython.
fn task_context(vm: &mut Vm, st: &FutureObj) -> PyResult<Value> {
    let context = st.context();
    if !context.is_none() {
        return Ok(context);
    }
    let captured = vm.capture_context()?;
    if !captured.is_none() {
        st.set_context(captured.clone());
    }
    Ok(captured)
}

/// Mirrors _asyncio_Task___init___impl.
fn task_init(vm: &mut Vm, ctx: &Asyncio, task: &ObjRef, mut args: Args) -> PyResult<()> {
    let loop_ = args.take_kwarg("loop").unwrap_or(Value::None);
    let name = args.take_kwarg("name").unwrap_or(Value::None);
    let context = args.take_kwarg("context").unwrap_or(Value::None);
    let _eager_start = args.take_kwarg("eager_start");
    let coro_kw = args.take_kwarg("coro");
    let coro = match (args.positional.get(1), coro_kw) {
        (Some(c), None) => c.clone(),
        (None, Some(c)) => c,
        _ => {
            return Err(
                vm.new_type_error("Task.__init__() missing required argument 'coro' (pos 1)")
            );
        }
    };
    if let Some((k, _)) = args.kwargs.first() {
        return Err(vm.new_type_error(format!(
            "Task.__init__() got an unexpected keyword argument '{k}'"
        )));
    }
    init_task(vm, ctx, task, coro, loop_, name, context)
}

/// The body of Task.__init__ once its arguments are known.
fn init_task(
    vm: &mut Vm,
    ctx: &Asyncio,
    task: &ObjRef,
    coro: Value,
    loop_: Value,
    name: Value,
    context: Value,
) -> PyResult<()> {
    let loop_ = super::future::resolve_loop(vm, ctx, loop_)?;
    let st = state(task);
    st.set_loop(loop_);
    if !is_coroutine(vm, ctx, &coro)? {
        let r = vm.repr(&coro)?;
        return Err(vm.new_type_error(format!("a coroutine was expected, got {r}")));
    }
    // tasks.py (3.11) draws a number for every task, named or not.
    let n = ctx.name_counter.get() + 1;
    ctx.name_counter.set(n);
    // Unnamed tasks keep their number; the "Task-N" string is made when asked for (as
    // CPython 3.13 defers it), which saves a string per task.
    let name = if name.is_none() || name.as_str().is_some() {
        name
    } else {
        Value::string(vm.str(&name)?)
    };
    st.set_task_name(name, n);
    st.set_coro(coro);
    // `self._context = contextvars.copy_context() if context is None else context`.
    let context = if context.is_none() {
        vm.capture_context()?
    } else {
        context
    };
    st.set_context(context);
    call_step_soon(vm, ctx, task, None)?;
    register_task(ctx, task);
    Ok(())
}

/// coroutines.py iscoroutine: native coroutines directly, anything else via the module's
/// Python `iscoroutine`.
fn is_coroutine(vm: &mut Vm, ctx: &Asyncio, v: &Value) -> PyResult<bool> {
    if let Some(Payload::Generator(g)) = v.payload() {
        return Ok(g.kind() == crate::vm::generator::GenKind::Coroutine);
    }
    let Some(f) = super::get_key(vm, &ctx.globals, key!("iscoroutine")) else {
        return Ok(false);
    };
    let r = vm.call(&f, vec![v.clone()])?;
    vm.truthy(&r)
}

/// Adds `task` to the all-tasks registry (a weak set, pruned as it grows).
fn register_task(ctx: &Asyncio, task: &ObjRef) {
    let mut reg = ctx.registry.borrow_mut();
    if reg.len() >= 2 * ctx.registry_live.get().max(64) {
        reg.retain(|w| {
            w.upgrade()
                .is_some_and(|t| t.native::<FutureObj>().is_some_and(|s| !s.done()))
        });
        ctx.registry_live.set(reg.len());
    }
    reg.push(ObjRef::downgrade(task));
}

/// Mirrors _enter_task: records `task` as the one `loop_` is running.
fn enter_task(vm: &mut Vm, ctx: &Asyncio, loop_: &Value, task: &ObjRef) -> PyResult<()> {
    let current = {
        let mut current = ctx.current.borrow_mut();
        match current.iter().find(|(l, _)| l.is(loop_)) {
            Some((_, t)) => t.clone(),
            None => {
                current.push((loop_.clone(), Value::Obj(task.clone())));
                return Ok(());
            }
        }
    };
    let tr = vm.repr(&Value::Obj(task.clone()))?;
    let cr = vm.repr(&current)?;
    Err(vm.new_runtime_error(format!(
        "Cannot enter into task {tr} while another task {cr} is being executed."
    )))
}

/// Mirrors _leave_task.
fn leave_task(vm: &mut Vm, ctx: &Asyncio, loop_: &Value, task: &ObjRef) -> PyResult<()> {
    let cur = {
        let mut current = ctx.current.borrow_mut();
        let pos = current.iter().rposition(|(l, _)| l.is(loop_));
        match pos {
            Some(i) if matches!(&current[i].1, Value::Obj(t) if ObjRef::ptr_eq(t, task)) => {
                // Almost always the last (and only) entry: no shifting.
                let entry = current.swap_remove(i);
                drop(current);
                drop(entry);
                return Ok(());
            }
            Some(i) => current[i].1.clone(),
            None => Value::None,
        }
    };
    let tr = vm.repr(&Value::Obj(task.clone()))?;
    let cr = vm.repr(&cur)?;
    Err(vm.new_runtime_error(format!(
        "Leaving task {tr} does not match the current task {cr}."
    )))
}

/// Mirrors task_step: one resumption of the coroutine, between _enter_task and _leave_task.
pub fn task_step(
    vm: &mut Vm,
    ctx: &Asyncio,
    task: &ObjRef,
    exc: Option<ObjRef>,
) -> PyResult<Value> {
    task_step_in(vm, ctx, task, state(task), exc)
}

/// `task_step` with the task's state at hand.
pub(super) fn task_step_in(
    vm: &mut Vm,
    ctx: &Asyncio,
    task: &ObjRef,
    st: &FutureObj,
    exc: Option<ObjRef>,
) -> PyResult<Value> {
    let t = fields(st);
    if st.done() {
        let tr = vm.repr(&Value::Obj(task.clone()))?;
        let er = vm.repr(&exc.map_or(Value::None, Value::Obj))?;
        return Err(ctx.invalid_state(vm, &format!("_step(): already done: {tr}, {er}")));
    }
    let mut exc = exc;
    if st.must_cancel() {
        if !exc.as_ref().is_some_and(|e| ctx.is_cancelled_error(vm, e)) {
            exc = Some(ctx.make_cancelled_error(vm, st));
        }
        st.set_must_cancel(false);
    }
    t.fut_waiter.set(None);
    let loop_ = st.get_loop();
    enter_task(vm, ctx, &loop_, task)?;
    let result = step_run_and_handle_result(vm, ctx, task, st, exc);
    let left = leave_task(vm, ctx, &loop_, task);
    result?;
    left?;
    Ok(Value::None)
}

/// Resumes `coro` with None or by throwing `exc` into it.
fn resume(vm: &mut Vm, coro: &Value, exc: Option<ObjRef>) -> PyResult<SendResult> {
    if let Value::Obj(o) = coro
        && let Payload::Generator(_) = &o.payload
    {
        return match exc {
            None => vm.gen_send(o, Value::None),
            Some(e) => vm.gen_throw(o, e),
        };
    }
    match exc {
        None => vm.send_any(coro, Value::None),
        Some(e) => match vm.call_method(coro, "throw", vec![Value::Obj(e)]) {
            Ok(v) => Ok(SendResult::Yield(v)),
            Err(e) if vm.exc_matches(&e, &vm.exc.stop_iteration.clone()) => {
                Ok(SendResult::Return(vm.stop_iteration_value(&e)))
            }
            Err(e) => Err(e),
        },
    }
}

/// Mirrors task_step_impl: runs the coroutine one step and records what it did.
fn step_run_and_handle_result(
    vm: &mut Vm,
    ctx: &Asyncio,
    task: &ObjRef,
    st: &FutureObj,
    exc: Option<ObjRef>,
) -> PyResult<()> {
    let coro = st.coro();
    match resume(vm, &coro, exc) {
        Ok(SendResult::Return(value)) => {
            // The coroutine's frame (and whatever only it referenced) was released as it
            // returned: finalizers run now, before the task's own callbacks are scheduled,
            // as CPython's reference counting runs them (an async generator's aclose task
            // is created ahead of run_until_complete's stop).
            vm.run_pending_finalizers();
            if st.must_cancel() {
                st.set_must_cancel(false);
                let msg = st.cancel_message();
                ctx.future_cancel(vm, task, msg)?;
            } else {
                ctx.future_set_result(vm, task, value)?;
            }
            Ok(())
        }
        Err(e) if ctx.is_cancelled_error(vm, &e) => {
            st.set_cancelled_exc(Some(e));
            ctx.future_cancel(vm, task, Value::None)?;
            Ok(())
        }
        Err(e) => {
            let fatal = vm.exc_matches(&e, &vm.exc.keyboard_interrupt.clone())
                || vm.exc_matches(&e, &vm.exc.system_exit.clone());
            ctx.future_set_exception(vm, task, Value::Obj(e.clone()))?;
            if fatal { Err(e) } else { Ok(()) }
        }
        Ok(SendResult::Yield(result)) => handle_yield(vm, ctx, task, st, result),
    }
}

/// Mirrors task_step_handle_result_impl: what to do with the value the coroutine yielded.
fn handle_yield(
    vm: &mut Vm,
    ctx: &Asyncio,
    task: &ObjRef,
    st: &FutureObj,
    result: Value,
) -> PyResult<()> {
    let t = fields(st);
    if let Value::Obj(r) = &result
        && is_exact(ctx, r)
        && let Some(rst) = fut_of(&result)
    {
        // (A task awaiting itself shares the slot: compared only with another future.)
        let same_loop = ObjRef::ptr_eq(r, task) || rst.same_loop(st);
        if !same_loop {
            return different_loop(vm, ctx, task, &result);
        }
        if !rst.blocking() {
            return yield_instead_of_yield_from(vm, ctx, task, &result);
        }
        if ObjRef::ptr_eq(r, task) {
            return await_itself(vm, ctx, task);
        }
        rst.set_blocking(false);
        let context = task_context(vm, st)?;
        ctx.add_wakeup_in(vm, r, rst, task, context)?;
        t.fut_waiter.set(result.as_obj().cloned());
        if st.must_cancel() {
            let msg = st.cancel_message();
            if cancel_any(vm, ctx, &result, msg)? {
                st.set_must_cancel(false);
            }
        }
        return Ok(());
    }
    if result.is_none() {
        return call_step_soon_in(vm, ctx, task, st, None);
    }
    if let Some(blocking) = vm.lookup_attr_opt(&result, "_asyncio_future_blocking")?
        && !blocking.is_none()
    {
        let rloop = vm.call_method(&result, "get_loop", vec![])?;
        if !rloop.is(&st.get_loop()) {
            return different_loop(vm, ctx, task, &result);
        }
        if !vm.truthy(&blocking)? {
            return yield_instead_of_yield_from(vm, ctx, task, &result);
        }
        if matches!(&result, Value::Obj(r) if ObjRef::ptr_eq(r, task)) {
            return await_itself(vm, ctx, task);
        }
        vm.set_attr(&result, "_asyncio_future_blocking", Value::Bool(false))?;
        let wakeup = wakeup_callback(ctx, task);
        let context = task_context(vm, st)?;
        let add = vm.get_attr(&result, "add_done_callback")?;
        vm.call_args(
            &add,
            Args {
                positional: vec![wakeup],
                kwargs: vec![(Rc::from("context"), context)],
            },
        )?;
        t.fut_waiter.set(result.as_obj().cloned());
        if st.must_cancel() {
            let msg = st.cancel_message();
            if cancel_any(vm, ctx, &result, msg)? {
                st.set_must_cancel(false);
            }
        }
        return Ok(());
    }
    let msg = if matches!(result.payload(), Some(Payload::Generator(g)) if g.kind() == crate::vm::generator::GenKind::Generator)
    {
        let tr = vm.repr(&Value::Obj(task.clone()))?;
        let rr = vm.repr(&result)?;
        format!("yield was used instead of yield from for generator in task {tr} with {rr}")
    } else {
        let rr = vm.repr(&result)?;
        format!("Task got bad yield: {rr}")
    };
    let e = vm.new_runtime_error(msg);
    call_step_soon(vm, ctx, task, Some(e))
}

/// The "attached to a different loop" error, thrown in at the next step.
fn different_loop(vm: &mut Vm, ctx: &Asyncio, task: &ObjRef, result: &Value) -> PyResult<()> {
    let tr = vm.repr(&Value::Obj(task.clone()))?;
    let rr = vm.repr(result)?;
    let e = vm.new_runtime_error(format!(
        "Task {tr} got Future {rr} attached to a different loop"
    ));
    call_step_soon(vm, ctx, task, Some(e))
}

/// The "yield was used instead of yield from" error, thrown in at the next step.
fn yield_instead_of_yield_from(
    vm: &mut Vm,
    ctx: &Asyncio,
    task: &ObjRef,
    result: &Value,
) -> PyResult<()> {
    let tr = vm.repr(&Value::Obj(task.clone()))?;
    let rr = vm.repr(result)?;
    let e = vm.new_runtime_error(format!(
        "yield was used instead of yield from in task {tr} with {rr}"
    ));
    call_step_soon(vm, ctx, task, Some(e))
}

/// The "Task cannot await on itself" error, thrown in at the next step.
fn await_itself(vm: &mut Vm, ctx: &Asyncio, task: &ObjRef) -> PyResult<()> {
    let tr = vm.repr(&Value::Obj(task.clone()))?;
    let e = vm.new_runtime_error(format!("Task cannot await on itself: {tr}"));
    call_step_soon(vm, ctx, task, Some(e))
}

/// `fut.cancel(msg=msg)`: natively for exact futures and tasks, else via the method.
fn cancel_any(vm: &mut Vm, ctx: &Asyncio, fut: &Value, msg: Value) -> PyResult<bool> {
    if let Value::Obj(o) = fut
        && is_exact(ctx, o)
    {
        return if state(o).task.is_some() {
            task_cancel(vm, ctx, o, msg)
        } else {
            ctx.future_cancel(vm, o, msg)
        };
    }
    let cancel = vm.get_attr(fut, "cancel")?;
    let r = vm.call_args(
        &cancel,
        Args {
            positional: vec![],
            kwargs: vec![(Rc::from("msg"), msg)],
        },
    )?;
    vm.truthy(&r)
}

/// Mirrors _asyncio_Task_cancel_impl.
fn task_cancel(vm: &mut Vm, ctx: &Asyncio, task: &ObjRef, msg: Value) -> PyResult<bool> {
    let st = state(task);
    st.set_log_traceback(false);
    if st.done() {
        return Ok(false);
    }
    st.set_num_cancels_requested(st.num_cancels_requested().saturating_add(1));
    let waiter = st.fut_waiter();
    if !waiter.is_none() && cancel_any(vm, ctx, &waiter, msg.clone())? {
        return Ok(true);
    }
    st.set_must_cancel(true);
    st.set_cancel_message(msg);
    Ok(true)
}

/// `task_wakeup` bound to `task`, the done callback of the future it waits on.
fn wakeup_callback(ctx: &Asyncio, task: &ObjRef) -> Value {
    Value::Obj(Obj::new(Payload::BoundMethod {
        receiver: Value::Obj(task.clone()),
        func: ctx.wakeup_fn.borrow().clone(),
    }))
}

/// Mirrors task_wakeup: steps the task with the awaited future's outcome.
pub fn task_wakeup(vm: &mut Vm, ctx: &Asyncio, task: &ObjRef, fut: &Value) -> PyResult<Value> {
    task_wakeup_in(vm, ctx, task, state(task), fut)
}

/// `task_wakeup` with the task's state at hand.
pub(super) fn task_wakeup_in(
    vm: &mut Vm,
    ctx: &Asyncio,
    task: &ObjRef,
    st: &FutureObj,
    fut: &Value,
) -> PyResult<Value> {
    let outcome = match fut {
        Value::Obj(o) if is_exact(ctx, o) => ctx.future_result(vm, state(o)),
        _ => vm.call_method(fut, "result", vec![]),
    };
    match outcome {
        Ok(_) => task_step_in(vm, ctx, task, st, None),
        Err(e) => task_step_in(vm, ctx, task, st, Some(e)),
    }
}

/// base_tasks._task_repr_info: the future's info with name, coro and wait_for inserted.
pub fn task_repr_info(vm: &mut Vm, ctx: &Asyncio, task: &ObjRef) -> PyResult<Vec<String>> {
    let st = state(task);
    let mut info = ctx.future_repr_info(vm, st)?;
    if st.num_cancels_requested() > 0 && !st.done() {
        info[0] = "cancelling".to_string();
    }
    let name = st.task_name();
    let name_repr = vm.repr(&name)?;
    info.insert(1, format!("name={name_repr}"));
    let waiter = st.fut_waiter();
    if !waiter.is_none() {
        let wr = vm.repr(&waiter)?;
        info.insert(2, format!("wait_for={wr}"));
    }
    let coro = st.coro();
    if !coro.is_none() {
        let c = format_coroutine(vm, &coro)?;
        info.insert(2, format!("coro=<{c}>"));
    }
    Ok(info)
}

/// Mirrors coroutines._format_coroutine for the coroutine shown in a Task's repr.
fn format_coroutine(vm: &mut Vm, coro: &Value) -> PyResult<String> {
    use crate::vm::generator::GenState;
    let Some(Payload::Generator(g)) = coro.payload() else {
        let name = super::future::callback_name(vm, coro)?;
        return Ok(name);
    };
    let name = format!("{}()", g.qualname());
    let filename = g.code.filename.clone();
    g.settle();
    let line = match &*g.state.borrow() {
        GenState::Created(_) => Some(g.code.first_line),
        GenState::Suspended(f) => Some(f.line()),
        GenState::Running => Some(if vm.current_location.0 == filename {
            vm.current_location.1
        } else {
            g.code.first_line
        }),
        GenState::Closed | GenState::Parked(_) | GenState::SuspendedChain(_) => None,
    };
    Ok(match line {
        Some(l) => format!("{name} running at {filename}:{l}"),
        None => format!("{name} done, defined at {filename}:{}", g.code.first_line),
    })
}

/// A native function named `Task.<name>` (as `_asyncio`'s task_step / task_wakeup show in
/// handle and callback reprs), bound to tasks by hand.
fn task_function(name: &str, f: impl Fn(&mut Vm, Args) -> PyResult<Value> + 'static) -> Value {
    Value::Obj(Obj::new(Payload::NativeFunction(
        crate::vm::native::NativeFunction {
            names: crate::vm::native::NativeNames::boxed(Rc::from(name), Some(Rc::from("Task"))),
            func: Rc::new(f),
            is_method: false,
            intrinsic: None,
            fast: None,
        },
    )))
}

/// Fills the Task class with tasks.py's methods and creates the step/wake-up callables.
pub fn init_task_class(vm: &mut Vm, ctx: &Rc<Asyncio>) {
    let cls = ctx.task_cls.clone();
    vm.add_static(&cls, "__new__", |vm, args: Args| {
        super::future::new_instance(vm, &args, true)
    });
    let c = ctx.clone();
    vm.add_method(&cls, "__init__", move |vm, args: Args| {
        let task = task_me(vm, &args)?;
        task_init(vm, &c, &task, args)?;
        Ok(Value::None)
    });
    let c = ctx.clone();
    *ctx.step_fn.borrow_mut() = task_function("task_step", move |vm, args: Args| {
        let task = task_me(vm, &args)?;
        let exc = match args.positional.get(1) {
            Some(Value::Obj(e)) => Some(e.clone()),
            _ => None,
        };
        task_step(vm, &c, &task, exc)
    });
    let c = ctx.clone();
    *ctx.wakeup_fn.borrow_mut() = task_function("task_wakeup", move |vm, args: Args| {
        let task = task_me(vm, &args)?;
        let fut = args.positional.get(1).cloned().unwrap_or(Value::None);
        task_wakeup(vm, &c, &task, &fut)
    });
    let task_method =
        |vm: &mut Vm,
         name: &'static str,
         f: fn(&mut Vm, &Asyncio, &ObjRef, Args) -> PyResult<Value>| {
            method(vm, &cls, ctx, name, move |vm, ctx, o, args| {
                if state(o).task.is_none() {
                    return Err(vm.new_type_error("a Task instance is required"));
                }
                f(vm, ctx, o, args)
            });
        };
    task_method(vm, "get_coro", |_, _, o, _| Ok(state(o).coro()));
    task_method(vm, "get_context", |vm, _, o, _| {
        let st = state(o);
        if st.context().is_none() {
            // Made before contextvars was imported: the context it runs in is a copy of
            // the current one from now on.
            vm.import_module("contextvars")?;
        }
        task_context(vm, st)
    });
    task_method(vm, "get_name", |_, _, o, _| Ok(state(o).task_name()));
    task_method(vm, "set_name", |vm, _, o, args| {
        let v = args.positional.get(1).cloned().unwrap_or(Value::None);
        let v = if v.as_str().is_some() {
            v
        } else {
            Value::string(vm.str(&v)?)
        };
        state(o).set_task_name(v, 0);
        Ok(Value::None)
    });
    // get_stack/print_stack (base_tasks.py) are Python helpers beside the frame class.
    task_method(vm, "get_stack", |vm, _, o, args| {
        crate::modules::frames::call_task_helper(vm, "_task_get_stack", o, args)
    });
    task_method(vm, "print_stack", |vm, _, o, args| {
        crate::modules::frames::call_task_helper(vm, "_task_print_stack", o, args)
    });
    task_method(vm, "cancel", |vm, ctx, o, mut args| {
        let msg = match args.take_kwarg("msg") {
            Some(m) => m,
            None => args.positional.get(1).cloned().unwrap_or(Value::None),
        };
        Ok(Value::Bool(task_cancel(vm, ctx, o, msg)?))
    });
    task_method(vm, "cancelling", |_, _, o, _| {
        Ok(Value::Int(i64::from(state(o).num_cancels_requested())))
    });
    task_method(vm, "uncancel", |_, _, o, _| {
        let st = state(o);
        let n = st.num_cancels_requested().saturating_sub(1);
        st.set_num_cancels_requested(n);
        Ok(Value::Int(i64::from(n)))
    });
    let getter = |vm: &mut Vm, name: &str, f: fn(&FutureObj, &TaskFields) -> Value| {
        super::future::add_property(
            vm,
            &cls,
            name,
            move |vm, o| match &state(o).task {
                Some(t) => Ok(f(state(o), t)),
                None => Err(vm.new_attribute_error(format!(
                    "'Future' object has no attribute '{}'",
                    "task field"
                ))),
            },
            None,
        );
    };
    getter(vm, "_coro", |st, _| st.coro());
    getter(vm, "_fut_waiter", |st, _| st.fut_waiter());
    getter(vm, "_must_cancel", |st, _| Value::Bool(st.must_cancel()));
    getter(vm, "_num_cancels_requested", |st, _| {
        Value::Int(i64::from(st.num_cancels_requested()))
    });
}

/// The loop argument of current_task/all_tasks: given, or the running loop.
fn loop_arg(vm: &mut Vm, ctx: &Asyncio, args: &Args) -> PyResult<Value> {
    let given = args
        .positional
        .first()
        .cloned()
        .or_else(|| {
            args.kwargs
                .iter()
                .find(|(k, _)| &**k == "loop")
                .map(|(_, v)| v.clone())
        })
        .unwrap_or(Value::None);
    if !given.is_none() {
        return Ok(given);
    }
    ctx.running_loop(vm)
}

/// True when `loop_.create_task(coro)` makes a plain Task: the loop is the native plain loop,
/// open (a closed loop takes the Python path, which closes the coroutine before re-raising),
/// with no instance-level `create_task` and no task factory (`loop.set_task_factory`).
pub(super) fn creates_plain_tasks(vm: &mut Vm, ctx: &Asyncio, loop_: &Value) -> bool {
    let Ok(Some(dict)) = ctx.plain_loop_dict(vm, loop_) else {
        return false;
    };
    super::get_key(vm, &dict, key!("create_task")).is_none()
        && super::get_key(vm, &dict, key!("_task_factory")).is_none_or(|f| f.is_none())
}

/// tasks.py ensure_future's two common cases without Python calls: an exact Future/Task of
/// the right loop is returned as is, and a native coroutine gets `loop.create_task(coro)` on a
/// plain loop that is running or given (exactly what base_events.py create_task does). None:
/// anything else, which the Python ensure_future handles (errors, other awaitables, loops).
pub(super) fn ensure_future_fast(
    vm: &mut Vm,
    ctx: &Asyncio,
    arg: &Value,
    loop_: Value,
) -> PyResult<Option<Value>> {
    if let Value::Obj(o) = arg
        && is_exact(ctx, o)
    {
        let same_loop = loop_.is_none() || loop_.is(&state(o).get_loop());
        return Ok(same_loop.then(|| arg.clone()));
    }
    if !matches!(arg.payload(), Some(Payload::Generator(g)) if g.kind() == crate::vm::generator::GenKind::Coroutine)
    {
        return Ok(None);
    }
    // `get_event_loop()` is the running loop when there is one; otherwise let Python decide.
    let loop_ = if loop_.is_none() {
        match super::get_key(vm, &ctx.globals, key!("_running_loop")) {
            Some(l) if !l.is_none() => l,
            _ => return Ok(None),
        }
    } else {
        loop_
    };
    if !creates_plain_tasks(vm, ctx, &loop_) {
        return Ok(None);
    }
    // `Task(coro, loop=loop)`: Task.__new__ (an exact Task has no __dict__) then __init__.
    let task = Obj::with_class(
        ctx.task_cls.clone(),
        None,
        Payload::Native(NativeState::Future(FutureObj::new(Some(Box::new(
            TaskFields::new(),
        ))))),
    );
    init_task(vm, ctx, &task, arg.clone(), loop_, Value::None, Value::None)?;
    Ok(Some(Value::Obj(task)))
}

/// The result list of a finished gather (tasks.py gather's `_done_callback`): per child, a
/// CancelledError for a cancelled one, else its exception (now retrieved), else its result.
pub(super) fn gather_results(vm: &mut Vm, ctx: &Asyncio, children: &Value) -> PyResult<Value> {
    // `for fut in children:` walks gather's own list by index, as CPython's list iterator
    // does, rather than copying it first: the copy (1.6 MB for 100k children) was the last
    // allocation of a big gather and set its peak memory.
    // The native gather's children are a `_Deque`, `_gather_py`'s a list; anything else is
    // read once, as a copy.
    let queue = super::ready::queue_of(children);
    let copied;
    let list = match (queue, children.payload()) {
        (Some(_), _) => None,
        (None, Some(Payload::List(list))) => Some(list),
        (None, _) => {
            copied = RefCell::new(vm.collect(children)?);
            Some(&copied)
        }
    };
    let child_at = |index: usize| match list {
        Some(list) => list.borrow().get(index).cloned(),
        None => queue.and_then(|q| q.get(index)),
    };
    let len = match list {
        Some(list) => list.borrow().len(),
        None => queue.map_or(0, |q| q.items.borrow().len()),
    };
    let mut results = Vec::with_capacity(len);
    let mut index = 0;
    loop {
        let next = child_at(index);
        let Some(child) = next else { break };
        index += 1;
        let child = &child;
        let res = match child {
            Value::Obj(o) if is_exact(ctx, o) && state(o).state.get() != FutState::Pending => {
                let st = state(o);
                if st.state.get() == FutState::Cancelled {
                    let msg = st.cancel_message();
                    let msg = if msg.is_none() { Value::str("") } else { msg };
                    Value::Obj(vm.new_exception(&ctx.cancelled_error, vec![msg]))
                } else {
                    st.set_log_traceback(false);
                    match &st.exception() {
                        Some(e) => Value::Obj(e.clone()),
                        None => st.result(),
                    }
                }
            }
            _ => {
                let cancelled = vm.call_method(child, "cancelled", vec![])?;
                if vm.truthy(&cancelled)? {
                    let msg = vm.get_attr(child, "_cancel_message")?;
                    let msg = if msg.is_none() { Value::str("") } else { msg };
                    Value::Obj(vm.new_exception(&ctx.cancelled_error, vec![msg]))
                } else {
                    let exc = vm.call_method(child, "exception", vec![])?;
                    if exc.is_none() {
                        vm.call_method(child, "result", vec![])?
                    } else {
                        exc
                    }
                }
            }
        };
        results.push(res);
    }
    Ok(Value::list(results))
}

/// How a gather child ended, as gather's `_done_callback` asks it (`fut.cancelled()`, then
/// `fut.exception()`): True when cancelled, else its exception (now retrieved) or None.
pub(super) fn gather_outcome(vm: &mut Vm, ctx: &Asyncio, fut: &Value) -> PyResult<Value> {
    if let Value::Obj(o) = fut
        && is_exact(ctx, o)
        && state(o).state.get() != FutState::Pending
    {
        let st = state(o);
        if st.state.get() == FutState::Cancelled {
            return Ok(Value::Bool(true));
        }
        st.set_log_traceback(false);
        return Ok(st.exception().map_or(Value::None, Value::Obj));
    }
    let cancelled = vm.call_method(fut, "cancelled", vec![])?;
    if vm.truthy(&cancelled)? {
        return Ok(Value::Bool(true));
    }
    vm.call_method(fut, "exception", vec![])
}

/// The module-level task functions: current_task, all_tasks and the registry hooks.
pub fn task_functions(vm: &mut Vm, ctx: &Rc<Asyncio>) -> Vec<(&'static str, Value)> {
    let c = ctx.clone();
    let current_task = vm.new_native_fn("current_task", move |vm, args: Args| {
        let loop_ = loop_arg(vm, &c, &args)?;
        Ok(c.current
            .borrow()
            .iter()
            .find(|(l, _)| l.is(&loop_))
            .map_or(Value::None, |(_, t)| t.clone()))
    });
    let c = ctx.clone();
    let all_tasks = vm.new_native_fn("all_tasks", move |vm, args: Args| {
        let loop_ = loop_arg(vm, &c, &args)?;
        let live: Vec<ObjRef> = c
            .registry
            .borrow()
            .iter()
            .filter_map(|w| w.upgrade())
            .collect();
        let table = RefCell::new(crate::vm::dict::DictTable::new_set());
        for t in live {
            if let Some(st) = t.native::<FutureObj>()
                && st.state.get() == FutState::Pending
                && st.get_loop().is(&loop_)
            {
                vm.table_set(&table, Value::Obj(t.clone()), Value::None)?;
            }
        }
        Ok(Value::Obj(Obj::new(Payload::Set(table))))
    });
    let c = ctx.clone();
    let register = vm.new_native_fn("_register_task", move |vm, args: Args| {
        let task = task_me(vm, &args)?;
        register_task(&c, &task);
        Ok(Value::None)
    });
    let c = ctx.clone();
    let enter = vm.new_native_fn("_enter_task", move |vm, args: Args| {
        let a = args.check(vm, "_enter_task", 2, 2)?.to_vec();
        let task = task_me(vm, &Args::new(vec![a[1].clone()]))?;
        enter_task(vm, &c, &a[0], &task)?;
        Ok(Value::None)
    });
    let c = ctx.clone();
    let leave = vm.new_native_fn("_leave_task", move |vm, args: Args| {
        let a = args.check(vm, "_leave_task", 2, 2)?.to_vec();
        let task = task_me(vm, &Args::new(vec![a[1].clone()]))?;
        leave_task(vm, &c, &a[0], &task)?;
        Ok(Value::None)
    });
    let c = ctx.clone();
    let ensure = vm.new_native_fn("_ensure_future_fast", move |vm, args: Args| {
        let a = args.check(vm, "_ensure_future_fast", 2, 2)?.to_vec();
        Ok(ensure_future_fast(vm, &c, &a[0], a[1].clone())?.unwrap_or(Value::None))
    });
    let c = ctx.clone();
    let results = vm.new_native_fn("_gather_results", move |vm, args: Args| {
        let a = args.check(vm, "_gather_results", 1, 1)?.to_vec();
        gather_results(vm, &c, &a[0])
    });
    let c = ctx.clone();
    let outcome = vm.new_native_fn("_gather_outcome", move |vm, args: Args| {
        let a = args.check(vm, "_gather_outcome", 1, 1)?.to_vec();
        gather_outcome(vm, &c, &a[0])
    });
    vec![
        ("_gather_outcome", outcome),
        ("_gather_results", results),
        ("_ensure_future_fast", ensure),
        ("current_task", current_task),
        ("all_tasks", all_tasks),
        ("_register_task", register),
        ("_enter_task", enter),
        ("_leave_task", leave),
    ]
}

// A task's fields are boxed apart from its future state: 24 bytes is one mimalloc size class
// (40 before the queued step's future and context moved into fields the task has anyway, see
// `FutureObj::queued_step_bits`; 80 before the coroutine and context took 8 bytes each, as
// objects; 64 before a given name and the cancel count moved to the extras and the queued
// step's context became an object; 48 before the number moved into the future's padding).
const _: () = assert!(std::mem::size_of::<TaskFields>() <= 24);
