//! The done callback of `asyncio.gather` (tasks.py gather's `_done_callback` closure) as a
//! native callable: the per-child bookkeeping runs without a Python frame; so does the loop
//! that wraps coroutine arguments (`_gather_wrap`), and, when nothing in it can fail, the
//! whole of `gather` (`gather_in_place`). `_GatheringFuture` and every other shape of
//! arguments stay in prelude.py (`_gather_py`).

use super::future::{Asyncio, fut_of};
use crate::vm::object::{Obj, Payload};
use crate::vm::packed_value::PackedValue;
use crate::vm::{Args, ObjRef, PyResult, Value, Vm};
use std::cell::{Cell, RefCell};
use std::collections::{HashMap, VecDeque};
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

/// True when `v` is a coroutine object or an exact Future/Task: hashed and compared by
/// identity, so gather's `arg_to_fut` dict can be an address map.
fn identity_keyed(ctx: &Asyncio, v: &Value) -> bool {
    match v {
        Value::Obj(o) => match &o.payload {
            Payload::Generator(g) => g.kind() == crate::vm::generator::GenKind::Coroutine,
            _ => super::task::is_exact(ctx, o),
        },
        _ => false,
    }
}

/// The address of an argument `identity_keyed` accepted (its identity).
fn address(v: &Value) -> *const Obj {
    match v {
        Value::Obj(o) => ObjRef::as_ptr(o),
        _ => unreachable!("identity_keyed accepted only objects"),
    }
}

/// True when an argument (all accepted by `identity_keyed`) is given twice: sorted addresses
/// tell, a tenth of the memory of gather's `arg_to_fut` map for 100k distinct arguments.
fn has_repeats(items: &[Value]) -> bool {
    let mut addresses: Vec<*const Obj> = items.iter().map(address).collect();
    addresses.sort_unstable();
    addresses.windows(2).any(|w| w[0] == w[1])
}

/// `ensure_future(arg, loop=loop)`: natively when it can be, else the module's function.
fn ensure_future(vm: &mut Vm, ctx: &Asyncio, arg: &Value, loop_: &Value) -> PyResult<Value> {
    if let Some(fut) = super::task::ensure_future_fast(vm, ctx, arg, loop_.clone())? {
        return Ok(fut);
    }
    let Some(f) = super::get_key(vm, &ctx.globals, key!("ensure_future")) else {
        return Err(vm.new_name_error("name 'ensure_future' is not defined"));
    };
    let mut args = Args::new(vec![arg.clone()]);
    args.kwargs.push((Rc::from("loop"), loop_.clone()));
    vm.call_args(&f, args)
}

/// `fut.add_done_callback(callback)` (natively for an exact Future or Task).
fn add_done_callback(vm: &mut Vm, ctx: &Asyncio, fut: &Value, callback: &Value) -> PyResult<()> {
    if let Value::Obj(o) = fut
        && super::task::is_exact(ctx, o)
    {
        // future_add_done_callback: `context or contextvars.copy_context()`.
        let context = vm.capture_context()?;
        return ctx.add_done_callback(vm, o, callback.clone(), context);
    }
    vm.call_method(fut, "add_done_callback", vec![callback.clone()])?;
    Ok(())
}

/// `fut.get_loop()` (natively for a native future).
fn loop_of(vm: &mut Vm, fut: &Value) -> PyResult<Value> {
    match fut_of(fut) {
        Some(st) => Ok(st.get_loop()),
        None => vm.call_method(fut, "get_loop", vec![]),
    }
}

/// Mirrors the loop of tasks.py gather that wraps each distinct argument with
/// `ensure_future`, takes the loop from the first, adds `_done_callback` and appends every
/// argument's future to `children`; returns `(loop, nfuts)`. Only for arguments that are all
/// coroutines or exact futures (compared by identity, as the `arg_to_fut` dict does for
/// them); otherwise None, before doing anything, and prelude.py runs the loop itself.
fn gather_wrap(
    vm: &mut Vm,
    ctx: &Asyncio,
    coros_or_futures: &Value,
    children: &ObjRef,
    callback: &Value,
) -> PyResult<Value> {
    let Some(Payload::Tuple(items)) = coros_or_futures.payload() else {
        return Ok(Value::None);
    };
    if !items.iter().all(|v| identity_keyed(ctx, v))
        || !matches!(children.payload, Payload::List(_))
    {
        return Ok(Value::None);
    }
    // The `arg_to_fut` dict is needed only when an argument repeats.
    let repeats = has_repeats(items);
    let mut arg_to_fut: HashMap<*const Obj, Value> =
        HashMap::with_capacity(if repeats { items.len() } else { 0 });
    // One future per argument: `children` grows to exactly that (doubling as it was appended
    // to, 100k children kept room for 131,072).
    if let Payload::List(l) = &children.payload {
        l.borrow_mut().reserve_exact(items.len());
    }
    let mut loop_ = Value::None;
    let mut nfuts = 0usize;
    for arg in items.iter() {
        let key = address(arg);
        let fut = match arg_to_fut.get(&key) {
            Some(fut) => fut.clone(),
            None => {
                let fut = ensure_future(vm, ctx, arg, &loop_)?;
                if loop_.is_none() {
                    loop_ = loop_of(vm, &fut)?;
                }
                nfuts += 1;
                if repeats {
                    arg_to_fut.insert(key, fut.clone());
                }
                add_done_callback(vm, ctx, &fut, callback)?;
                fut
            }
        };
        if let Payload::List(l) = &children.payload {
            l.borrow_mut().push(fut);
        }
    }
    Ok(Value::tuple(vec![loop_, Value::Int(nfuts as i64)]))
}

/// The loop gather wraps `items` for, when wrapping each with `ensure_future` and adding the
/// done callback cannot fail or run Python code: every item is a distinct coroutine or exact
/// future, the futures all belong to the loop the first item gives (its own, or the running
/// loop for a coroutine), and coroutines get plain Tasks on it (`creates_plain_tasks`).
fn fast_gather_loop(vm: &mut Vm, ctx: &Asyncio, items: &[Value]) -> Option<Value> {
    if items.is_empty() || !items.iter().all(|v| identity_keyed(ctx, v)) {
        return None;
    }
    if has_repeats(items) {
        return None;
    }
    let loop_ = match fut_of(&items[0]) {
        Some(st) => st.get_loop(),
        None => super::get_key(vm, &ctx.globals, key!("_running_loop"))?,
    };
    if loop_.is_none() {
        return None;
    }
    let mut coroutines = false;
    for item in items {
        match fut_of(item) {
            Some(st) if !st.get_loop().is(&loop_) => return None,
            Some(_) => {}
            None => coroutines = true,
        }
    }
    (!coroutines || super::task::creates_plain_tasks(vm, ctx, &loop_)).then_some(loop_)
}

/// `asyncio.gather(*coros_or_futures, return_exceptions=False)` (tasks.py gather). When
/// `fast_gather_loop` vouches for the arguments, they become `children` in their order, each
/// argument replaced in place by its future: 100k coroutines are never held twice, as the
/// `*args` tuple and the list. `children` is a `_Deque` (a word per child, 0.8 MB for 100k
/// children where a list takes 1.6), which is also what `_GatheringFuture._children` holds
/// then, where CPython has a list. Any other call runs prelude.py's `_gather_py`, the same
/// code in Python.
fn gather_in_place(vm: &mut Vm, ctx: &Rc<Asyncio>, mut args: Args) -> PyResult<Value> {
    if let Some((k, _)) = args
        .kwargs
        .iter()
        .find(|(k, _)| &**k != "return_exceptions")
    {
        let msg = format!("gather() got an unexpected keyword argument '{k}'");
        return Err(vm.new_type_error(msg));
    }
    let Some(loop_) = fast_gather_loop(vm, ctx, &args.positional) else {
        let Some(f) = super::get_key(vm, &ctx.globals, key!("_gather_py")) else {
            return Err(vm.new_name_error("name '_gather_py' is not defined"));
        };
        return vm.call_args(&f, args);
    };
    let return_exceptions = match args.kwargs.pop() {
        Some((_, v)) => vm.truthy(&v)?,
        None => false,
    };
    let nfuts = args.positional.len();
    let Some(Value::Obj(deque_cls)) = super::get_key(vm, &ctx.globals, key!("_Deque")) else {
        return Err(vm.new_name_error("name '_Deque' is not defined"));
    };
    // Collected in place into the arguments' own buffer (a word per child where an argument
    // took two), then returned down to its length: the half left over is given back.
    let mut arguments: VecDeque<PackedValue> = std::mem::take(&mut args.positional)
        .into_iter()
        .map(PackedValue::new)
        .collect();
    arguments.shrink_to_fit();
    let children = super::ready::new_deque(deque_cls, arguments);
    let (state, callback) = new_gather_state(vm, ctx, children.clone(), return_exceptions);
    let Some(list) = super::ready::queue_of(&children) else {
        unreachable!("new_deque makes a _Deque")
    };
    // Nothing else holds the children yet (the callbacks fire from the loop, later): each
    // slot still holds its argument when it is reached.
    for i in 0..nfuts {
        let Some(arg) = list.get(i) else {
            unreachable!("the children keep their length")
        };
        let fut = ensure_future(vm, ctx, &arg, &loop_)?;
        add_done_callback(vm, ctx, &fut, &callback)?;
        list.replace(i, fut);
    }
    let Some(cls) = super::get_key(vm, &ctx.globals, key!("_GatheringFuture")) else {
        return Err(vm.new_name_error("name '_GatheringFuture' is not defined"));
    };
    let mut make = Args::new(vec![children]);
    make.kwargs.push((Rc::from("loop"), loop_));
    let outer = vm.call_args(&cls, make)?;
    *state.outer.borrow_mut() = outer.clone();
    state.nfuts.set(nfuts);
    Ok(outer)
}

/// A gather's `_done_callback` closure state over `children`, and the callback itself.
fn new_gather_state(
    vm: &Vm,
    ctx: &Rc<Asyncio>,
    children: Value,
    return_exceptions: bool,
) -> (Rc<GatherState>, Value) {
    let state = Rc::new(GatherState {
        nfinished: Cell::new(0),
        nfuts: Cell::new(0),
        outer: RefCell::new(Value::None),
        children,
        return_exceptions,
    });
    let (c, s) = (ctx.clone(), state.clone());
    let callback = vm.new_native_fn("_done_callback", move |vm, args: Args| {
        let a = args.check(vm, "_done_callback", 1, 1)?;
        done_callback(vm, &c, &s, &a[0])?;
        Ok(Value::None)
    });
    (state, callback)
}

/// `_gather_callback(children, return_exceptions)`: gather's `_done_callback` and the
/// `_set_outer(outer, nfuts)` that completes its closure once the children are wrapped.
pub fn gather_functions(vm: &mut Vm, ctx: &Rc<Asyncio>) -> Vec<(&'static str, Value)> {
    let c = ctx.clone();
    let make = vm.new_native_fn("_gather_callback", move |vm, args: Args| {
        let a = args.check(vm, "_gather_callback", 2, 2)?.to_vec();
        let return_exceptions = vm.truthy(&a[1])?;
        let (state, callback) = new_gather_state(vm, &c, a[0].clone(), return_exceptions);
        let set_outer = vm.new_native_fn("_set_outer", move |vm, args: Args| {
            let a = args.check(vm, "_set_outer", 2, 2)?.to_vec();
            *state.outer.borrow_mut() = a[0].clone();
            state.nfuts.set(vm.index_value(&a[1])?.max(0) as usize);
            Ok(Value::None)
        });
        Ok(Value::tuple(vec![callback, set_outer]))
    });
    let c = ctx.clone();
    let wrap = vm.new_native_fn("_gather_wrap", move |vm, args: Args| {
        let a = args.check(vm, "_gather_wrap", 3, 3)?.to_vec();
        let Value::Obj(children) = &a[1] else {
            return Err(vm.new_type_error("_gather_wrap() needs the children list"));
        };
        gather_wrap(vm, &c, &a[0], children, &a[2])
    });
    let c = ctx.clone();
    let gather = vm.new_native_fn("gather", move |vm, args: Args| {
        gather_in_place(vm, &c, args)
    });
    vec![
        ("_gather_callback", make),
        ("_gather_wrap", wrap),
        ("gather", gather),
    ]
}
