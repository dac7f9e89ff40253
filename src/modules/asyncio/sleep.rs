//! The waiting half of `asyncio.sleep(delay)` (tasks.py sleep: a future, a `call_later`
//! timer that resolves it, `await future`, and `handle.cancel()` in a `finally`), done natively
//! so that a sleeping task holds just the future and its timer handle. The `finally` becomes
//! "cancelling the future cancels its timer" (a timer that already fired needs no cancel).

use super::future::{Asyncio, FutState, fut_of, state};
use super::handle::{HandleObj, new_handle};
use crate::vm::object::{Obj, Payload};
use crate::vm::{Args, PyResult, Value, Vm};
use std::rc::Rc;

/// Mirrors futures.py _set_result_unless_cancelled (the timer callback of sleep).
fn set_result_unless_cancelled(
    vm: &mut Vm,
    ctx: &Asyncio,
    fut: &Value,
    result: Value,
) -> PyResult<()> {
    if let Value::Obj(o) = fut
        && o.dict.is_none()
        && let Some(st) = fut_of(fut)
        && st.task.is_none()
    {
        if st.state.get() == FutState::Cancelled {
            return Ok(());
        }
        return ctx.future_set_result(vm, o, result);
    }
    let cancelled = vm.call_method(fut, "cancelled", vec![])?;
    if vm.truthy(&cancelled)? {
        return Ok(());
    }
    vm.call_method(fut, "set_result", vec![result])?;
    Ok(())
}

/// `loop.call_later(delay, callback, *args)`: natively for a plain _UnixSelectorEventLoop
/// (base_events.py call_at: `_check_closed`, a TimerHandle pushed on `_scheduled`).
fn call_later(
    vm: &mut Vm,
    ctx: &Asyncio,
    loop_: &Value,
    delay: f64,
    callback: Value,
    args: Vec<Value>,
) -> PyResult<Value> {
    if let Some(dict) = ctx.plain_loop_dict(vm, loop_)?
        && let Some(scheduled) = super::get_key(vm, &dict, key!("_scheduled"))
        && let Some(Value::Obj(timer_cls)) = super::get_key(vm, &ctx.globals, key!("TimerHandle"))
    {
        let when = crate::modules::time::monotonic() + delay;
        let timer = new_handle(
            &timer_cls,
            callback,
            args.into_boxed_slice(),
            loop_.clone(),
            Value::None,
            Some(when),
        );
        let timer = Value::Obj(timer);
        super::handle::heap_push(vm, &scheduled, timer.clone())?;
        if let Some(t) = timer
            .as_obj()
            .and_then(|o| o.native::<HandleObj>())
            .and_then(|h| h.timer.as_ref())
        {
            t.scheduled.set(true);
        }
        return Ok(timer);
    }
    let mut positional = vec![Value::Float(delay), callback];
    positional.extend(args);
    let f = vm.get_attr(loop_, "call_later")?;
    vm.call(&f, positional)
}

/// The module functions `_sleep_wait(delay, result)` (the future a timer resolves) and
/// `_set_result_unless_cancelled`.
pub fn sleep_functions(vm: &mut Vm, ctx: &Rc<Asyncio>) -> Vec<(&'static str, Value)> {
    let c = ctx.clone();
    let wait = vm.new_native_fn("_sleep_wait", move |vm, args: Args| {
        let a = args.check(vm, "_sleep_wait", 2, 2)?.to_vec();
        let delay = crate::builtins::numbers::to_float(vm, &a[0])?;
        let loop_ = c.running_loop(vm)?;
        let fut = if c.plain_loop_dict(vm, &loop_)?.is_some() {
            let fut = Obj::with_class(
                c.future_cls.clone(),
                None,
                Payload::Native(crate::vm::object::NativeState::Future(
                    super::future::FutureObj::new(None),
                )),
            );
            state(&fut).set_loop(loop_.clone());
            fut
        } else {
            match vm.call_method(&loop_, "create_future", vec![])? {
                Value::Obj(f) if f.native::<super::future::FutureObj>().is_some() => f,
                other => {
                    let msg = format!("create_future() returned {}", vm.type_name(&other));
                    return Err(vm.new_type_error(msg));
                }
            }
        };
        let Some(callback) = super::get_key(vm, &c.globals, key!("_set_result_unless_cancelled"))
        else {
            return Err(vm.new_runtime_error("asyncio is not initialised"));
        };
        let handle = call_later(
            vm,
            &c,
            &loop_,
            delay,
            callback,
            vec![Value::Obj(fut.clone()), a[1].clone()],
        )?;
        if let Value::Obj(timer) = handle {
            state(&fut).set_timer(Some(timer));
        }
        Ok(Value::Obj(fut))
    });
    let c = ctx.clone();
    let set_unless = vm.new_native_fn("_set_result_unless_cancelled", move |vm, args: Args| {
        let a = args
            .check(vm, "_set_result_unless_cancelled", 2, 2)?
            .to_vec();
        set_result_unless_cancelled(vm, &c, &a[0], a[1].clone())?;
        Ok(Value::None)
    });
    vec![
        ("_sleep_wait", wait),
        ("_set_result_unless_cancelled", set_unless),
    ]
}
