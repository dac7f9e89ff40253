//! asyncio's `Handle` and `TimerHandle` (events.py) as compact native objects without a
//! `__dict__` (CPython's have `__slots__`), plus the timer heap's `heappush`/`heappop`
//! (Lib/heapq.py `_siftdown`/`_siftup`, the order CPython's `_heapq` keeps).

use super::future::{PropertySetter, format_callback_source};
use crate::vm::object::{NativeObject, Obj, Payload, PropertyMore};
use crate::vm::{Args, ObjRef, PyResult, Value, Vm};
use std::cell::{Cell, RefCell};

/// The timer part of a TimerHandle.
pub struct TimerFields {
    /// `_when`: the loop time the callback is due.
    pub when: Cell<f64>,
    /// `_scheduled`: the handle is in the loop's heap.
    pub scheduled: Cell<bool>,
}

/// The Rust state of a Handle; mirrors events.py Handle's slots.
pub struct HandleObj {
    /// `_callback` (None once cancelled).
    pub callback: RefCell<Value>,
    /// `_args` (None once cancelled).
    pub args: RefCell<Option<Box<[Value]>>>,
    /// `_cancelled`.
    pub cancelled: Cell<bool>,
    /// `_loop`.
    pub loop_: RefCell<Value>,
    /// `_context`.
    pub context: RefCell<Value>,
    /// The TimerHandle part (`None` for a plain Handle).
    pub timer: Option<TimerFields>,
}

impl NativeObject for HandleObj {
    fn trace(&self, visit: &mut dyn FnMut(&Value)) {
        visit(&self.callback.borrow());
        if let Some(args) = &*self.args.borrow() {
            args.iter().for_each(&mut *visit);
        }
        visit(&self.loop_.borrow());
        visit(&self.context.borrow());
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// The handle state of a Handle/TimerHandle value.
pub fn handle_of(v: &Value) -> Option<&HandleObj> {
    v.as_obj()?.native::<HandleObj>()
}

/// The handle behind `self` of a method call.
fn me(vm: &mut Vm, args: &Args) -> PyResult<ObjRef> {
    match args.positional.first() {
        Some(Value::Obj(o)) if o.native::<HandleObj>().is_some() => Ok(o.clone()),
        _ => Err(vm.new_type_error("a Handle instance is required")),
    }
}

/// The state of an object known to be a handle.
fn st(o: &ObjRef) -> &HandleObj {
    match o.native::<HandleObj>() {
        Some(s) => s,
        None => unreachable!("checked to be a handle by `me`"),
    }
}

/// A new handle of class `cls` (events.py Handle.__init__ / TimerHandle.__init__).
pub fn new_handle(
    cls: &ObjRef,
    callback: Value,
    args: Box<[Value]>,
    loop_: Value,
    context: Value,
    when: Option<f64>,
) -> ObjRef {
    let state = HandleObj {
        callback: RefCell::new(callback),
        args: RefCell::new(Some(args)),
        cancelled: Cell::new(false),
        loop_: RefCell::new(loop_),
        context: RefCell::new(context),
        timer: when.map(|w| TimerFields {
            when: Cell::new(w),
            scheduled: Cell::new(false),
        }),
    };
    Obj::with_class(
        cls.clone(),
        None,
        Payload::Native(crate::vm::object::NativeState::boxed(state)),
    )
}

/// Mirrors events.py Handle._run: calls the callback; errors go to the loop's handler.
pub fn run_handle(vm: &mut Vm, handle: &ObjRef) -> PyResult<()> {
    let h = st(handle);
    let callback = h.callback.borrow().clone();
    let args = h
        .args
        .borrow()
        .as_deref()
        .map(<[Value]>::to_vec)
        .unwrap_or_default();
    // `self._context.run(self._callback, *self._args)`; a None context (contextvars never
    // imported when the handle was made) runs in whatever context is current.
    let context = h.context.borrow().clone();
    let Err(exc) = vm.call_in_context(&context, &callback, args) else {
        return Ok(());
    };
    report_callback_error(vm, handle, exc)
}

/// The `except` of events.py Handle._run: SystemExit and KeyboardInterrupt propagate, any
/// other exception goes to the loop's `call_exception_handler` with the handle.
pub fn report_callback_error(vm: &mut Vm, handle: &ObjRef, exc: ObjRef) -> PyResult<()> {
    if vm.exc_matches(&exc, &vm.exc.system_exit.clone())
        || vm.exc_matches(&exc, &vm.exc.keyboard_interrupt.clone())
    {
        return Err(exc);
    }
    let h = st(handle);
    let callback = h.callback.borrow().clone();
    let shown_args = h
        .args
        .borrow()
        .as_deref()
        .map(<[Value]>::to_vec)
        .unwrap_or_default();
    let name = format_callback_source(vm, &callback, &shown_args)?;
    let context = vm.new_dict();
    vm.dict_set_str(
        &context,
        "message",
        Value::string(format!("Exception in callback {name}")),
    );
    vm.dict_set_str(&context, "exception", Value::Obj(exc));
    vm.dict_set_str(&context, "handle", Value::Obj(handle.clone()));
    let loop_ = h.loop_.borrow().clone();
    vm.call_method(&loop_, "call_exception_handler", vec![Value::Obj(context)])?;
    Ok(())
}

/// Mirrors Handle.cancel (the timer bookkeeping of TimerHandle.cancel included).
fn cancel_handle(vm: &mut Vm, handle: &ObjRef) -> PyResult<()> {
    let h = st(handle);
    if h.cancelled.get() {
        return Ok(());
    }
    if h.timer.is_some() {
        let loop_ = h.loop_.borrow().clone();
        vm.call_method(
            &loop_,
            "_timer_handle_cancelled",
            vec![Value::Obj(handle.clone())],
        )?;
    }
    h.cancelled.set(true);
    *h.callback.borrow_mut() = Value::None;
    *h.args.borrow_mut() = None;
    Ok(())
}

/// Mirrors Handle._repr_info / TimerHandle._repr_info.
fn handle_repr(vm: &mut Vm, handle: &ObjRef) -> PyResult<Value> {
    let cls = vm.type_of(&Value::Obj(handle.clone()));
    let mut info = vec![vm.class_name(&cls).to_string()];
    let h = st(handle);
    if h.cancelled.get() {
        info.push("cancelled".into());
    }
    if let Some(t) = &h.timer {
        let when = vm.str(&Value::Float(t.when.get()))?;
        let pos = if h.cancelled.get() { 2 } else { 1 };
        info.insert(pos, format!("when={when}"));
    }
    let callback = h.callback.borrow().clone();
    if !callback.is_none() {
        let args = h
            .args
            .borrow()
            .as_deref()
            .map(<[Value]>::to_vec)
            .unwrap_or_default();
        info.push(format_callback_source(vm, &callback, &args)?);
    }
    Ok(Value::string(format!("<{}>", info.join(" "))))
}

/// Reads `Handle(callback, args, loop, context=None)` (after `when` for TimerHandle).
fn init_args(vm: &mut Vm, mut args: Args, timer: bool) -> PyResult<(ObjRef, Vec<Value>)> {
    let o = me(vm, &args)?;
    args.positional.remove(0);
    let names: &[&str] = if timer {
        &["when", "callback", "args", "loop", "context"]
    } else {
        &["callback", "args", "loop", "context"]
    };
    let required = names.len() - 1;
    let fname = if timer { "TimerHandle" } else { "Handle" };
    let bound = args.bind(vm, fname, names, names.len(), required)?;
    Ok((
        o,
        bound
            .into_iter()
            .map(|v| v.unwrap_or(Value::None))
            .collect(),
    ))
}

/// The tuple of `args` as the handle keeps it.
fn args_slice(vm: &mut Vm, v: &Value) -> PyResult<Box<[Value]>> {
    Ok(vm.collect(v)?.into_boxed_slice())
}

/// `heap[a] < heap[b]`-style comparison: timer handles by `_when`, anything else by `<`.
fn less(vm: &mut Vm, a: &Value, b: &Value) -> PyResult<bool> {
    if let (Some(x), Some(y)) = (plain_when(a), plain_when(b)) {
        return Ok(x < y);
    }
    let r = vm.compare(a, b, crate::ast::CmpOp::Lt)?;
    vm.truthy(&r)
}

/// The list a heap function works on.
fn heap_list<'a>(vm: &mut Vm, v: &'a Value) -> PyResult<&'a RefCell<Vec<Value>>> {
    match v.payload() {
        Some(Payload::List(l)) => Ok(l),
        _ => Err(vm.new_type_error("heap argument must be a list")),
    }
}

/// `heap[i]`, or heapq's error when a comparison changed the list.
fn item(vm: &mut Vm, heap: &RefCell<Vec<Value>>, i: usize) -> PyResult<Value> {
    match heap.borrow().get(i) {
        Some(v) => Ok(v.clone()),
        None => Err(vm.new_runtime_error("list changed size during iteration")),
    }
}

/// `heap[i] = v`, or heapq's error when a comparison changed the list.
fn put(vm: &mut Vm, heap: &RefCell<Vec<Value>>, i: usize, v: Value) -> PyResult<()> {
    match heap.borrow_mut().get_mut(i) {
        Some(slot) => {
            *slot = v;
            Ok(())
        }
        None => Err(vm.new_runtime_error("list changed size during iteration")),
    }
}

/// Mirrors heapq._siftdown.
fn sift_down(
    vm: &mut Vm,
    heap: &RefCell<Vec<Value>>,
    start: usize,
    mut pos: usize,
) -> PyResult<()> {
    let new_item = item(vm, heap, pos)?;
    while pos > start {
        let parent_pos = (pos - 1) >> 1;
        let parent = item(vm, heap, parent_pos)?;
        if less(vm, &new_item, &parent)? {
            put(vm, heap, pos, parent)?;
            pos = parent_pos;
            continue;
        }
        break;
    }
    put(vm, heap, pos, new_item)
}

/// Mirrors heapq._siftup.
fn sift_up(vm: &mut Vm, heap: &RefCell<Vec<Value>>, mut pos: usize) -> PyResult<()> {
    let end = heap.borrow().len();
    let start = pos;
    let new_item = item(vm, heap, pos)?;
    let mut child = 2 * pos + 1;
    while child < end {
        let right = child + 1;
        if right < end {
            let c = item(vm, heap, child)?;
            let r = item(vm, heap, right)?;
            if !less(vm, &c, &r)? {
                child = right;
            }
        }
        let c = item(vm, heap, child)?;
        put(vm, heap, pos, c)?;
        pos = child;
        child = 2 * pos + 1;
    }
    put(vm, heap, pos, new_item)?;
    sift_down(vm, heap, start, pos)
}

/// Mirrors heapq.heappush.
pub fn heap_push(vm: &mut Vm, heap: &Value, item: Value) -> PyResult<()> {
    let heap = heap_list(vm, heap)?;
    heap.borrow_mut().push(item);
    let last = heap.borrow().len() - 1;
    if plain_sift_down(&mut heap.borrow_mut(), 0, last) {
        return Ok(());
    }
    sift_down(vm, heap, 0, last)
}

/// The `_when` of a timer handle whose `<` is the native one (no instance dict, so no
/// subclass-defined ordering can be reached by `less`).
fn plain_when(v: &Value) -> Option<f64> {
    let o = v.as_obj()?;
    if o.dict.is_some() {
        return None;
    }
    Some(o.native::<HandleObj>()?.timer.as_ref()?.when.get())
}

/// `sift_down` for a heap of plain timer handles, ordered by `_when` with no Python code: it
/// first finds where the item settles and only then moves anything, so it returns false
/// (having changed nothing) when an item on the way is not a plain timer handle.
fn plain_sift_down(heap: &mut [Value], start: usize, pos: usize) -> bool {
    let Some(key) = heap.get(pos).and_then(plain_when) else {
        return false;
    };
    let mut settle = pos;
    while settle > start {
        let parent = (settle - 1) >> 1;
        match plain_when(&heap[parent]) {
            Some(parent_key) if key < parent_key => settle = parent,
            Some(_) => break,
            None => return false,
        }
    }
    // Rotating heap[settle..=pos] along the parent chain moves each parent down one step.
    let mut hole = pos;
    while hole > settle {
        let parent = (hole - 1) >> 1;
        heap.swap(hole, parent);
        hole = parent;
    }
    true
}

/// `sift_up` for a heap of plain timer handles; like `plain_sift_down`, it changes nothing
/// and returns false unless every handle it compares is a plain timer handle.
fn plain_sift_up(heap: &mut [Value], pos: usize) -> bool {
    let end = heap.len();
    if heap.get(pos).and_then(plain_when).is_none() {
        return false;
    }
    // heapq._siftup walks to a leaf along the smaller child, then sifts the item back up.
    let mut leaf = pos;
    let mut child = 2 * leaf + 1;
    while child < end {
        let right = child + 1;
        let Some(child_key) = plain_when(&heap[child]) else {
            return false;
        };
        if right < end {
            let Some(right_key) = plain_when(&heap[right]) else {
                return false;
            };
            // heapq's `not heap[child] < heap[right]`: a NaN `_when` compares false.
            if child_key.partial_cmp(&right_key) != Some(std::cmp::Ordering::Less) {
                child = right;
            }
        }
        leaf = child;
        child = 2 * leaf + 1;
    }
    // Every handle on the path from pos to leaf was checked above. Move each one up a level
    // (top-down swaps); in 1-based numbering, the ancestors of `leaf` are its right shifts.
    let leaf_number = leaf + 1;
    let mut hole = pos;
    while hole < leaf {
        let levels_below = leaf_number.ilog2() - (hole + 1).ilog2();
        let next = (leaf_number >> (levels_below - 1)) - 1;
        heap.swap(hole, next);
        hole = next;
    }
    plain_sift_down(heap, pos, leaf)
}

/// Mirrors heapq.heappop.
pub fn heap_pop(vm: &mut Vm, heap: &Value) -> PyResult<Value> {
    let heap = heap_list(vm, heap)?;
    let Some(last) = heap.borrow_mut().pop() else {
        return Err(vm.new_index_error("index out of range"));
    };
    if heap.borrow().is_empty() {
        return Ok(last);
    }
    let top = std::mem::replace(&mut heap.borrow_mut()[0], last);
    if !plain_sift_up(&mut heap.borrow_mut(), 0) {
        sift_up(vm, heap, 0)?;
    }
    Ok(top)
}

/// Adds a property backed by native functions on a handle class.
fn property(
    vm: &mut Vm,
    cls: &ObjRef,
    name: &str,
    get: fn(&HandleObj) -> Value,
    set: Option<PropertySetter>,
) {
    let fget = vm.new_native_fn(name, move |vm, args: Args| {
        let o = me(vm, &args)?;
        Ok(get(st(&o)))
    });
    let fset = match set {
        Some(set) => vm.new_native_fn(name, move |vm, args: Args| {
            let o = me(vm, &args)?;
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

/// Creates Handle and TimerHandle and the native heap functions; returns the module names.
pub fn handle_classes(vm: &mut Vm) -> Vec<(&'static str, Value)> {
    let handle_cls = vm.new_native_class("Handle", &[], "asyncio.events");
    let timer_cls = vm.new_native_class(
        "TimerHandle",
        std::slice::from_ref(&handle_cls),
        "asyncio.events",
    );
    for (cls, timer) in [(&handle_cls, false), (&timer_cls, true)] {
        vm.add_static(cls, "__new__", move |vm, args: Args| {
            let Some(Value::Obj(cls)) = args.positional.first().cloned() else {
                return Err(vm.new_type_error("Handle.__new__(X): X is not a type object"));
            };
            let o = new_handle(
                &cls,
                Value::None,
                Box::new([]),
                Value::None,
                Value::None,
                timer.then_some(0.0),
            );
            Ok(Value::Obj(o))
        });
    }
    vm.add_method(&handle_cls, "__init__", |vm, args: Args| {
        let timer = args
            .positional
            .first()
            .and_then(handle_of)
            .is_some_and(|h| h.timer.is_some());
        let (o, a) = init_args(vm, args, timer)?;
        let h = st(&o);
        let rest = if timer {
            let when = crate::builtins::numbers::to_float(vm, &a[0])?;
            if let Some(t) = &h.timer {
                t.when.set(when);
            }
            &a[1..]
        } else {
            &a[..]
        };
        *h.callback.borrow_mut() = rest[0].clone();
        *h.args.borrow_mut() = Some(args_slice(vm, &rest[1])?);
        *h.loop_.borrow_mut() = rest[2].clone();
        // events.py Handle.__init__: `if context is None: context = contextvars.copy_context()`.
        let context = if rest[3].is_none() {
            vm.capture_context()?
        } else {
            rest[3].clone()
        };
        *h.context.borrow_mut() = context;
        Ok(Value::None)
    });
    vm.add_method(&handle_cls, "__repr__", |vm, args: Args| {
        let o = me(vm, &args)?;
        handle_repr(vm, &o)
    });
    vm.add_method(&handle_cls, "get_context", |vm, args: Args| {
        let o = me(vm, &args)?;
        let h = st(&o);
        if h.context.borrow().is_none() {
            // Made before contextvars was imported: it runs in the current context, which
            // from now on is a copy of the current one.
            vm.import_module("contextvars")?;
            *h.context.borrow_mut() = vm.capture_context()?;
        }
        Ok(h.context.borrow().clone())
    });
    vm.add_method(&handle_cls, "cancel", |vm, args: Args| {
        let o = me(vm, &args)?;
        cancel_handle(vm, &o)?;
        Ok(Value::None)
    });
    vm.add_method(&handle_cls, "cancelled", |vm, args: Args| {
        let o = me(vm, &args)?;
        Ok(Value::Bool(st(&o).cancelled.get()))
    });
    vm.add_method(&handle_cls, "_run", |vm, args: Args| {
        let o = me(vm, &args)?;
        run_handle(vm, &o)?;
        Ok(Value::None)
    });
    property(
        vm,
        &handle_cls,
        "_callback",
        |h| h.callback.borrow().clone(),
        None,
    );
    property(
        vm,
        &handle_cls,
        "_args",
        |h| match &*h.args.borrow() {
            Some(a) => Value::tuple(a.to_vec()),
            None => Value::None,
        },
        None,
    );
    property(
        vm,
        &handle_cls,
        "_cancelled",
        |h| Value::Bool(h.cancelled.get()),
        None,
    );
    property(vm, &handle_cls, "_loop", |h| h.loop_.borrow().clone(), None);
    property(
        vm,
        &handle_cls,
        "_context",
        |h| h.context.borrow().clone(),
        None,
    );
    let when = |h: &HandleObj| {
        h.timer
            .as_ref()
            .map_or(Value::None, |t| Value::Float(t.when.get()))
    };
    property(vm, &timer_cls, "_when", when, None);
    vm.add_method(&timer_cls, "when", move |vm, args: Args| {
        let o = me(vm, &args)?;
        Ok(when(st(&o)))
    });
    property(
        vm,
        &timer_cls,
        "_scheduled",
        |h| Value::Bool(h.timer.as_ref().is_some_and(|t| t.scheduled.get())),
        Some(Box::new(|vm, o, v| {
            let b = vm.truthy(&v)?;
            if let Some(t) = &st(o).timer {
                t.scheduled.set(b);
            }
            Ok(())
        })),
    );
    for (name, op) in [
        ("__lt__", crate::ast::CmpOp::Lt),
        ("__le__", crate::ast::CmpOp::LtE),
        ("__gt__", crate::ast::CmpOp::Gt),
        ("__ge__", crate::ast::CmpOp::GtE),
    ] {
        vm.add_method(&timer_cls, name, move |vm, args: Args| {
            let o = me(vm, &args)?;
            let other = args.positional.get(1).cloned().unwrap_or(Value::None);
            let (Some(a), Some(b)) = (
                st(&o).timer.as_ref().map(|t| t.when.get()),
                handle_of(&other)
                    .and_then(|h| h.timer.as_ref())
                    .map(|t| t.when.get()),
            ) else {
                return Ok(vm.not_implemented.clone());
            };
            use crate::ast::CmpOp;
            Ok(Value::Bool(match op {
                CmpOp::Lt => a < b,
                CmpOp::LtE => a <= b,
                CmpOp::Gt => a > b,
                _ => a >= b,
            }))
        });
    }
    vm.add_method(&timer_cls, "__eq__", |vm, args: Args| {
        let o = me(vm, &args)?;
        let other = args.positional.get(1).cloned().unwrap_or(Value::None);
        let (Some(a), Some(b)) = (Some(st(&o)), handle_of(&other)) else {
            return Ok(vm.not_implemented.clone());
        };
        let (Some(ta), Some(tb)) = (&a.timer, &b.timer) else {
            return Ok(vm.not_implemented.clone());
        };
        if ta.when.get() != tb.when.get() || a.cancelled.get() != b.cancelled.get() {
            return Ok(Value::Bool(false));
        }
        let (ca, cb) = (a.callback.borrow().clone(), b.callback.borrow().clone());
        let aa = a.args.borrow().as_deref().map(|x| Value::tuple(x.to_vec()));
        let ab = b.args.borrow().as_deref().map(|x| Value::tuple(x.to_vec()));
        let same_args = vm.eq(&aa.unwrap_or(Value::None), &ab.unwrap_or(Value::None))?;
        Ok(Value::Bool(same_args && vm.eq(&ca, &cb)?))
    });
    let heappush = vm.new_native_fn("_heappush", |vm, args: Args| {
        let a = args.check(vm, "_heappush", 2, 2)?.to_vec();
        heap_push(vm, &a[0], a[1].clone())?;
        Ok(Value::None)
    });
    let heappop = vm.new_native_fn("_heappop", |vm, args: Args| {
        let a = args.check(vm, "_heappop", 1, 1)?.to_vec();
        heap_pop(vm, &a[0])
    });
    vec![
        ("Handle", Value::Obj(handle_cls)),
        ("TimerHandle", Value::Obj(timer_cls)),
        ("_heappush", heappush),
        ("_heappop", heappop),
    ]
}
