//! The done callback of `asyncio.gather` (tasks.py gather's `_done_callback` closure) as a
//! native callable: the per-child bookkeeping runs without a Python frame. The rest of gather
//! (wrapping the awaitables, `_GatheringFuture`) stays in prelude.py.

use super::future::{Asyncio, fut_of};
use crate::vm::{Args, PyResult, Value, Vm};
use std::cell::{Cell, RefCell};
use std::rc::Rc;

/// The variables tasks.py's `_done_callback` closes over.
struct GatherState {
    /// `nfinished`: children done so far.
    nfinished: Cell<usize>,
    /// `nfuts`: distinct children (set once gather has wrapped them all).
    nfuts: Cell<usize>,
    /// `outer`: the `_GatheringFuture` (None until gather made it).
    outer: RefCell<Value>,
    /// `children`: the list of child futures, in argument order.
    children: Value,
    /// `return_exceptions`.
    return_exceptions: bool,
}

/// `outer.done()`.
fn is_done(vm: &mut Vm, outer: &Value) -> PyResult<bool> {
    if let Some(st) = fut_of(outer) {
        return Ok(st.done());
    }
    let done = vm.call_method(outer, "done", vec![])?;
    vm.truthy(&done)
}

/// `outer.set_exception(fut._make_cancelled_error())`.
fn set_cancelled(vm: &mut Vm, outer: &Value, fut: &Value) -> PyResult<()> {
    let exc = vm.call_method(fut, "_make_cancelled_error", vec![])?;
    vm.call_method(outer, "set_exception", vec![exc])?;
    Ok(())
}

/// Mirrors tasks.py gather `_done_callback(fut)`.
fn done_callback(vm: &mut Vm, ctx: &Asyncio, state: &GatherState, fut: &Value) -> PyResult<()> {
    state.nfinished.set(state.nfinished.get() + 1);
    let outer = state.outer.borrow().clone();
    if outer.is_none() || is_done(vm, &outer)? {
        // `if not fut.cancelled(): fut.exception()` (marks the exception retrieved).
        super::task::gather_outcome(vm, ctx, fut)?;
        return Ok(());
    }
    if !state.return_exceptions {
        // `fut.cancelled()`, then `fut.exception()`.
        let outcome = super::task::gather_outcome(vm, ctx, fut)?;
        if matches!(outcome, Value::Bool(true)) {
            return set_cancelled(vm, &outer, fut);
        }
        if !outcome.is_none() {
            vm.call_method(&outer, "set_exception", vec![outcome])?;
            return Ok(());
        }
    }
    if state.nfinished.get() == state.nfuts.get() {
        let results = super::task::gather_results(vm, ctx, &state.children)?;
        let cancel_requested = vm.get_attr(&outer, "_cancel_requested")?;
        if vm.truthy(&cancel_requested)? {
            return set_cancelled(vm, &outer, fut);
        }
        vm.call_method(&outer, "set_result", vec![results])?;
    }
    Ok(())
}

/// `_gather_callback(children, return_exceptions)`: gather's `_done_callback` and the
/// `_set_outer(outer, nfuts)` that completes its closure once the children are wrapped.
pub fn gather_functions(vm: &mut Vm, ctx: &Rc<Asyncio>) -> Vec<(&'static str, Value)> {
    let c = ctx.clone();
    let make = vm.new_native_fn("_gather_callback", move |vm, args: Args| {
        let a = args.check(vm, "_gather_callback", 2, 2)?.to_vec();
        let return_exceptions = vm.truthy(&a[1])?;
        let state = Rc::new(GatherState {
            nfinished: Cell::new(0),
            nfuts: Cell::new(0),
            outer: RefCell::new(Value::None),
            children: a[0].clone(),
            return_exceptions,
        });
        let (c, s) = (c.clone(), state.clone());
        let callback = vm.new_native_fn("_done_callback", move |vm, args: Args| {
            let a = args.check(vm, "_done_callback", 1, 1)?;
            done_callback(vm, &c, &s, &a[0])?;
            Ok(Value::None)
        });
        let set_outer = vm.new_native_fn("_set_outer", move |vm, args: Args| {
            let a = args.check(vm, "_set_outer", 2, 2)?.to_vec();
            *state.outer.borrow_mut() = a[0].clone();
            state.nfuts.set(vm.index_value(&a[1])?.max(0) as usize);
            Ok(Value::None)
        });
        Ok(Value::tuple(vec![callback, set_outer]))
    });
    vec![("_gather_callback", make)]
}
