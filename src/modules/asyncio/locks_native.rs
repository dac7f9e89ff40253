//! Native fast paths of asyncio's synchronization primitives (locks.py: Lock, Event,
//! Condition, Semaphore, BoundedSemaphore, written in Python in prelude.py). For an instance
//! of exactly the prelude's class, while neither the class nor the instance has had anything
//! replaced (the class namespaces' `mro_versions` as registered, the instance holding just
//! what `__init__` set), the synchronous methods run natively and the `async` methods get
//! their immediate outcome or their waiter future natively, doing locks.py's steps in the
//! same order: the waiter created on the bound loop and appended, cancelled or done waiters
//! skipped, the same wake-up rules (`_wake_up_first`, `_wake_up_next`, `notify(n)`). Any
//! other case (a subclass, a replaced method, a custom loop, a waiter that is not a plain
//! Future, an attribute of an unexpected type) steps aside before changing anything and runs
//! the Python code the prelude defined, so every message and every interleaving is locks.py's.
//! Condition's `wait` and `wait_for` are native awaitables of their own (condition_wait.rs).

use super::RegisteredClass;
use super::future::{Asyncio, FutState, fut_of};
use super::ready::{NativeCoroutine, ReadyQueue, coroutine_class, queue_of};
use crate::vm::generator::SendResult;
use crate::vm::native::{NativeFastPtr, NativeFnPtr, NativeFunction, check_count};
use crate::vm::object::{NativeObject, Obj, Payload};
use crate::vm::packed_value::PackedValue;
use crate::vm::value::WeakObj;
use crate::vm::{Args, ObjRef, PyResult, Value, Vm};
use condition_wait::CondWait;
use std::cell::RefCell;
use std::rc::Rc;

#[path = "condition_wait.rs"]
mod condition_wait;
#[path = "layout.rs"]
pub(super) mod layout;
use layout::Layout;

/// The prelude classes with fast paths.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// `Lock`.
    Lock,
    /// `Event`.
    Event,
    /// `Condition`.
    Condition,
    /// `Semaphore`.
    Semaphore,
    /// `BoundedSemaphore`.
    Bounded,
}

impl Kind {
    /// In registration order.
    const ALL: [Kind; 5] = [
        Kind::Lock,
        Kind::Event,
        Kind::Condition,
        Kind::Semaphore,
        Kind::Bounded,
    ];

    /// The attributes the class's `__init__` gives an instance, in the order it sets them
    /// (so their entry positions in a fresh instance's namespace): one more means something
    /// (a method such as `ev.set = f`) was set on the instance.
    fn attrs(self) -> &'static [&'static str] {
        match self {
            Kind::Lock => &["_waiters", "_locked", "_loop"],
            // Semaphore.__init__ sets the same names as Event.__init__, in the same order.
            Kind::Event | Kind::Semaphore => super::queue::EVENT_ATTRS,
            Kind::Bounded => &["_bound_value", "_waiters", "_value", "_loop"],
            Kind::Condition => &["_lock", "_loop", "locked", "acquire", "release", "_waiters"],
        }
    }

    /// The position of `_loop` in `attrs`.
    fn loop_at(self) -> usize {
        match self {
            Kind::Lock | Kind::Event | Kind::Semaphore => LOCK_LOOP,
            Kind::Bounded => 3,
            Kind::Condition => COND_LOOP,
        }
    }

    /// The position of `_waiters` in `attrs`.
    fn waiters_at(self) -> usize {
        match self {
            Kind::Lock | Kind::Event | Kind::Semaphore => 0,
            Kind::Bounded => 1,
            Kind::Condition => COND_WAITERS,
        }
    }

    /// The synchronous methods that get a native version on this class.
    fn native_methods(self) -> &'static [(&'static str, NativeMethod)] {
        match self {
            Kind::Lock => &[("locked", lock_locked), ("release", lock_release)],
            Kind::Event => &[
                ("is_set", event_is_set),
                ("set", event_set),
                ("clear", event_clear),
            ],
            Kind::Condition => &[("notify", cond_notify), ("notify_all", cond_notify_all)],
            Kind::Semaphore => &[("locked", sem_locked), ("release", sem_release)],
            Kind::Bounded => &[("release", bounded_release)],
        }
    }
}

/// Positions in `Kind::attrs(Kind::Lock)`.
const LOCK_LOCKED: usize = 1;
/// Positions in `Kind::attrs(Kind::Lock)`.
const LOCK_LOOP: usize = 2;
/// Positions in `Kind::attrs(Kind::Condition)`.
const COND_LOCK: usize = 0;
/// Positions in `Kind::attrs(Kind::Condition)`.
const COND_LOOP: usize = 1;
/// Positions in `Kind::attrs(Kind::Condition)`.
const COND_LOCKED: usize = 2;
/// Positions in `Kind::attrs(Kind::Condition)`.
const COND_ACQUIRE: usize = 3;
/// Positions in `Kind::attrs(Kind::Condition)`.
const COND_RELEASE: usize = 4;
/// Positions in `Kind::attrs(Kind::Condition)`.
const COND_WAITERS: usize = 5;

/// A native method: its result, or None when the Python method must run instead (nothing
/// has been changed then).
type NativeMethod = fn(&Primitives, &mut Vm, &[Value]) -> PyResult<Option<Value>>;

/// `Primitives::cond_memo`: a Condition's namespace, its version, its `_lock`.
type CondMemo = (WeakObj, u64, WeakObj);

/// What the fast paths share.
pub(super) struct Primitives {
    /// The asyncio module state.
    ctx: Rc<Asyncio>,
    /// The registered classes, by `Kind`.
    classes: RefCell<Vec<RegisteredClass>>,
    /// `Lock.locked`, `Lock.acquire` and `Lock.release` as registered: a Condition's bound
    /// `locked`/`acquire`/`release` must be these, bound to its `_lock`.
    lock_methods: RefCell<Vec<Value>>,
    /// The Python `Condition.wait` (prelude.py), which a `_CondWait` runs when the
    /// Condition or its lock does not qualify.
    condition_wait: RefCell<Value>,
    /// Per `Kind`, where `__init__` puts the attributes (`Kind::attrs`).
    layouts: [Layout; 5],
    /// The last Condition namespace `condition_lock` qualified, its version then, and its
    /// `_lock`: while that namespace is unchanged so is the answer, up to the lock's own
    /// check. Weak, so that nothing is kept alive by it (and, while it is remembered, the
    /// namespace's address is not reused).
    cond_memo: RefCell<Option<CondMemo>>,
}

impl Primitives {
    /// The instance namespace of `v` when it is exactly of the registered class `kind`,
    /// that class is as registered, and the instance holds just what `__init__` set.
    fn exact_dict(&self, v: &Value, kind: Kind) -> Option<ObjRef> {
        self.classes.borrow().get(kind as usize)?.instance_dict(v)
    }

    /// Attribute `i` of `kind` (`Kind::attrs`) in `dict`, an exact instance's namespace,
    /// read at the entry position `__init__` gave it; None when it is not there (deleted
    /// and set again: the caller steps aside).
    #[inline(always)]
    fn field(&self, dict: &ObjRef, kind: Kind, i: usize) -> Option<Value> {
        self.layouts[kind as usize].get(dict, i)
    }

    /// Sets attribute `i` of `kind` in `dict` where `field` finds it; false (nothing
    /// changed) when it is not there.
    fn set_field(&self, dict: &ObjRef, kind: Kind, i: usize, value: Value) -> bool {
        self.layouts[kind as usize].set(dict, i, value)
    }

    /// The namespace of an exact Semaphore or BoundedSemaphore, and which it is.
    fn semaphore_dict(&self, v: &Value) -> Option<(ObjRef, Kind)> {
        match self.exact_dict(v, Kind::Semaphore) {
            Some(d) => Some((d, Kind::Semaphore)),
            None => Some((self.exact_dict(v, Kind::Bounded)?, Kind::Bounded)),
        }
    }

    /// `loop_future` for `dict`, the namespace of an exact instance of `kind`, its `_loop`
    /// read and set at its position.
    fn new_future(&self, vm: &mut Vm, dict: &ObjRef, kind: Kind) -> Option<Value> {
        let at = kind.loop_at();
        let bound = self.field(dict, kind, at)?;
        loop_future(vm, &self.ctx, &bound, |_, running| {
            self.set_field(dict, kind, at, running)
        })
    }

    /// True when `v` is a plain `asyncio.Future` (whose methods run natively and run no
    /// Python code).
    fn is_plain_future(&self, v: &Value) -> bool {
        matches!(v, Value::Obj(o) if o.class.as_ref().is_some_and(|c| ObjRef::ptr_eq(c, &self.ctx.future_cls)))
            && fut_of(v).is_some()
    }

    /// `_waiters` of a namespace when it is None (`Some(None)`) or a `_Deque`; None
    /// otherwise. Each operation checks the waiters it looks at (see `pending_prefix`).
    fn waiters_of(&self, dict: &ObjRef, kind: Kind) -> Option<Option<Value>> {
        match self.field(dict, kind, kind.waiters_at())? {
            Value::None => Some(None),
            w => queue_of(&w).is_some().then_some(Some(w)),
        }
    }

    /// True when every waiter that the loops of Event.set, Condition.notify(n) and
    /// `_wake_up_next` would look at in `q` (`for fut in waiters: if not fut.done(): ...`,
    /// until `limit` are found not done) is a plain Future (another's `done()` could be
    /// anything).
    fn prefix_is_plain(&self, q: &ReadyQueue, limit: usize) -> bool {
        let mut pending = 0;
        for w in q.items.borrow().iter().map(PackedValue::view) {
            let w = &*w;
            if pending >= limit {
                break;
            }
            if !self.is_plain_future(w) {
                return false;
            }
            if fut_of(w).is_some_and(|s| s.state.get() == FutState::Pending) {
                pending += 1;
            }
        }
        true
    }

    /// Sets `result` on the first `limit` waiters of `q` not yet done, in order (after
    /// `prefix_is_plain`); how many. Raises deque's RuntimeError if scheduling a wake-up
    /// changed the deque before the loop was over (only a custom loop's Python `call_soon`
    /// could), as iterating it in Python would.
    fn wake(&self, vm: &mut Vm, q: &ReadyQueue, limit: usize, result: &Value) -> PyResult<usize> {
        let len = q.items.borrow().len();
        let mut woken = 0;
        for i in 0..len {
            if woken >= limit {
                break;
            }
            let fut = {
                let items = q.items.borrow();
                if items.len() != len {
                    return Err(vm.new_runtime_error("deque mutated during iteration"));
                }
                items.get(i).map(|p| Value::clone(&p.view()))
            };
            if let Some(Value::Obj(fut)) = fut
                && let Some(st) = fut.native::<super::future::FutureObj>()
                && st.state.get() == FutState::Pending
            {
                woken += 1;
                self.ctx
                    .future_set_result_in(vm, &fut, st, result.clone())?;
            }
        }
        Ok(woken)
    }

    /// True when `v` is the bound method `func` of `receiver`.
    fn is_bound(v: &Value, receiver: &Value, func: &Value) -> bool {
        matches!(v.payload(), Some(Payload::BoundMethod { receiver: r, func: f })
            if r.is(receiver) && f.is(func))
    }

    /// An exact Condition's `_lock` and its namespace, when it is an exact Lock and the
    /// condition's `locked`, `acquire` and `release` are still that lock's.
    fn condition_lock(&self, cond: &ObjRef) -> Option<(Value, ObjRef)> {
        let version = cond.as_dict()?.borrow().version.get();
        let remembered = match &*self.cond_memo.borrow() {
            Some((dict, v, lock)) if std::ptr::eq(dict.as_ptr(), ObjRef::as_ptr(cond)) => {
                (*v == version).then(|| lock.upgrade()).flatten()
            }
            _ => None,
        };
        if let Some(lock) = remembered {
            let lock = Value::Obj(lock);
            let lock_dict = self.exact_dict(&lock, Kind::Lock)?;
            return Some((lock, lock_dict));
        }
        let c = Kind::Condition;
        let lock = self.field(cond, c, COND_LOCK)?;
        let lock_dict = self.exact_dict(&lock, Kind::Lock)?;
        let methods = self.lock_methods.borrow();
        let [locked, acquire, release] = &methods[..] else {
            return None;
        };
        let ok = Self::is_bound(&self.field(cond, c, COND_LOCKED)?, &lock, locked)
            && Self::is_bound(&self.field(cond, c, COND_ACQUIRE)?, &lock, acquire)
            && Self::is_bound(&self.field(cond, c, COND_RELEASE)?, &lock, release);
        if !ok {
            return None;
        }
        if let Value::Obj(l) = &lock {
            *self.cond_memo.borrow_mut() =
                Some((ObjRef::downgrade(cond), version, ObjRef::downgrade(l)));
        }
        Some((lock, lock_dict))
    }

    /// Lock.acquire's immediate case for an exact lock's namespace: `not self._locked and
    /// (self._waiters is None or all(w.cancelled() for w in self._waiters))`. Some(true)
    /// when it took the lock, Some(false) when it must wait, None when unknown.
    fn lock_take(&self, dict: &ObjRef) -> Option<bool> {
        let Value::Bool(locked) = self.field(dict, Kind::Lock, LOCK_LOCKED)? else {
            return None;
        };
        let waiters = self.waiters_of(dict, Kind::Lock)?;
        if locked {
            return Some(false);
        }
        // `all(w.cancelled() for w in self._waiters)`, stopping where all() does.
        let mut all_cancelled = true;
        if let Some(q) = waiters.as_ref().and_then(queue_of) {
            for w in q.items.borrow().iter().map(PackedValue::view) {
                let w = &*w;
                if !self.is_plain_future(w) {
                    return None;
                }
                if fut_of(w).is_some_and(|s| s.state.get() != FutState::Cancelled) {
                    all_cancelled = false;
                    break;
                }
            }
        }
        if all_cancelled && !self.set_field(dict, Kind::Lock, LOCK_LOCKED, Value::Bool(true)) {
            return None;
        }
        Some(all_cancelled)
    }

    /// Semaphore.acquire's immediate case: `if not self.locked(): self._value -= 1`.
    /// Some(true) when taken, Some(false) when it must wait, None when unknown.
    fn semaphore_take(&self, vm: &Vm, dict: &ObjRef, kind: Kind) -> Option<bool> {
        let locked = semaphore_locked(self, vm, dict, kind)?;
        if !locked {
            let Some(Value::Int(v)) = super::get_key(vm, dict, key!("_value")) else {
                return None;
            };
            super::set_key(vm, dict, key!("_value"), Value::Int(v.checked_sub(1)?));
        }
        Some(!locked)
    }

    /// Lock.release on an exact lock's namespace whose `_locked` is true: `_locked = False`
    /// and `_wake_up_first()`. None (nothing done) when the waiters are not plain.
    fn lock_release_in(&self, vm: &mut Vm, dict: &ObjRef) -> PyResult<Option<()>> {
        let Some(waiters) = self.waiters_of(dict, Kind::Lock) else {
            return Ok(None);
        };
        // `_wake_up_first`: only the first waiter is looked at.
        let first = waiters.as_ref().and_then(queue_of).and_then(|q| q.get(0));
        if first.as_ref().is_some_and(|f| !self.is_plain_future(f)) {
            return Ok(None);
        }
        if !self.set_field(dict, Kind::Lock, LOCK_LOCKED, Value::Bool(false)) {
            return Ok(None);
        }
        if let Some(Value::Obj(fut)) = first
            && let Some(st) = fut.native::<super::future::FutureObj>()
            && st.state.get() == FutState::Pending
        {
            self.ctx
                .future_set_result_in(vm, &fut, st, Value::Bool(true))?;
        }
        Ok(Some(()))
    }
}

/// A new future on the running loop for a primitive or queue bound to `bound` (its
/// `_loop`): mixins.py `_get_loop()` then `loop.create_future()`, when the loop is the plain
/// one and the object is unbound (`bind` then sets its `_loop` to the running loop; false:
/// it could not) or bound to it; None otherwise (nothing changed).
pub(super) fn loop_future(
    vm: &mut Vm,
    ctx: &Asyncio,
    bound: &Value,
    bind: impl FnOnce(&Vm, Value) -> bool,
) -> Option<Value> {
    let running = match super::get_key(vm, &ctx.globals, key!("_running_loop")) {
        Some(l) if !l.is_none() => l,
        _ => return None,
    };
    if !bound.is_none() && !bound.is(&running) {
        return None;
    }
    if !matches!(ctx.plain_loop_dict(vm, &running), Ok(Some(_))) {
        return None;
    }
    if bound.is_none() && !bind(vm, running.clone()) {
        return None;
    }
    let st = super::future::FutureObj::new(None);
    st.set_loop(running);
    Some(Value::Obj(Obj::with_class(
        ctx.future_cls.clone(),
        None,
        Payload::Native(crate::vm::object::NativeState::Future(st)),
    )))
}

/// Semaphore.locked for an exact semaphore's namespace: `self._value == 0 or any(not
/// w.cancelled() for w in (self._waiters or ()))`; None when unknown.
fn semaphore_locked(p: &Primitives, vm: &Vm, dict: &ObjRef, kind: Kind) -> Option<bool> {
    let Value::Int(value) = super::get_key(vm, dict, key!("_value"))? else {
        return None;
    };
    let waiters = p.waiters_of(dict, kind)?;
    if value == 0 {
        return Some(true);
    }
    // `any(not w.cancelled() for w in self._waiters)`, stopping where any() does.
    if let Some(q) = waiters.as_ref().and_then(queue_of) {
        for w in q.items.borrow().iter().map(PackedValue::view) {
            let w = &*w;
            if !p.is_plain_future(w) {
                return None;
            }
            if fut_of(w).is_some_and(|s| s.state.get() != FutState::Cancelled) {
                return Some(true);
            }
        }
    }
    Some(false)
}

/// Mirrors Lock.locked.
fn lock_locked(p: &Primitives, _vm: &mut Vm, a: &[Value]) -> PyResult<Option<Value>> {
    let [me] = a else { return Ok(None) };
    Ok(p.exact_dict(me, Kind::Lock)
        .and_then(|d| p.field(&d, Kind::Lock, LOCK_LOCKED)))
}

/// Mirrors Lock.release.
fn lock_release(p: &Primitives, vm: &mut Vm, a: &[Value]) -> PyResult<Option<Value>> {
    let [me] = a else { return Ok(None) };
    let Some(dict) = p.exact_dict(me, Kind::Lock) else {
        return Ok(None);
    };
    match p.field(&dict, Kind::Lock, LOCK_LOCKED) {
        Some(Value::Bool(true)) => Ok(p.lock_release_in(vm, &dict)?.map(|()| Value::None)),
        Some(Value::Bool(false)) => Err(vm.new_runtime_error("Lock is not acquired.")),
        _ => Ok(None),
    }
}

/// Mirrors Event.is_set.
fn event_is_set(p: &Primitives, vm: &mut Vm, a: &[Value]) -> PyResult<Option<Value>> {
    let [me] = a else { return Ok(None) };
    Ok(p.exact_dict(me, Kind::Event)
        .and_then(|d| super::get_key(vm, &d, key!("_value"))))
}

/// Mirrors Event.clear.
fn event_clear(p: &Primitives, vm: &mut Vm, a: &[Value]) -> PyResult<Option<Value>> {
    let [me] = a else { return Ok(None) };
    let Some(dict) = p.exact_dict(me, Kind::Event) else {
        return Ok(None);
    };
    super::set_key(vm, &dict, key!("_value"), Value::Bool(false));
    Ok(Some(Value::None))
}

/// Mirrors Event.set: every waiter not yet done gets True.
fn event_set(p: &Primitives, vm: &mut Vm, a: &[Value]) -> PyResult<Option<Value>> {
    let [me] = a else { return Ok(None) };
    let Some(dict) = p.exact_dict(me, Kind::Event) else {
        return Ok(None);
    };
    match super::get_key(vm, &dict, key!("_value")) {
        Some(Value::Bool(true)) => return Ok(Some(Value::None)),
        Some(Value::Bool(false)) => {}
        _ => return Ok(None),
    }
    let Some(Some(waiters)) = p.waiters_of(&dict, Kind::Event) else {
        return Ok(None);
    };
    let Some(q) = queue_of(&waiters) else {
        return Ok(None);
    };
    if !p.prefix_is_plain(q, usize::MAX) {
        return Ok(None);
    }
    super::set_key(vm, &dict, key!("_value"), Value::Bool(true));
    p.wake(vm, q, usize::MAX, &Value::Bool(true))?;
    Ok(Some(Value::None))
}

/// Mirrors Condition.notify(n=1): the first `n` waiters not yet done get False.
fn cond_notify(p: &Primitives, vm: &mut Vm, a: &[Value]) -> PyResult<Option<Value>> {
    let n = match a {
        [_] => 1,
        [_, Value::Int(n)] => *n,
        _ => return Ok(None),
    };
    notify(p, vm, &a[0], Some(n))
}

/// Mirrors Condition.notify_all: `self.notify(len(self._waiters))`.
fn cond_notify_all(p: &Primitives, vm: &mut Vm, a: &[Value]) -> PyResult<Option<Value>> {
    let [me] = a else { return Ok(None) };
    notify(p, vm, me, None)
}

/// Condition.notify with `n` (None: as many as there are waiters).
fn notify(p: &Primitives, vm: &mut Vm, me: &Value, n: Option<i64>) -> PyResult<Option<Value>> {
    let Some(dict) = p.exact_dict(me, Kind::Condition) else {
        return Ok(None);
    };
    let Some((_, lock)) = p.condition_lock(&dict) else {
        return Ok(None);
    };
    let (Some(Value::Bool(locked)), Some(Some(waiters))) = (
        p.field(&lock, Kind::Lock, LOCK_LOCKED),
        p.waiters_of(&dict, Kind::Condition),
    ) else {
        return Ok(None);
    };
    if !locked {
        return Err(vm.new_runtime_error("cannot notify on un-acquired lock"));
    }
    let Some(q) = queue_of(&waiters) else {
        return Ok(None);
    };
    let limit = match n {
        Some(n) => usize::try_from(n).unwrap_or(0),
        None => q.items.borrow().len(),
    };
    if !p.prefix_is_plain(q, limit) {
        return Ok(None);
    }
    p.wake(vm, q, limit, &Value::Bool(false))?;
    Ok(Some(Value::None))
}

/// Mirrors Semaphore.locked.
fn sem_locked(p: &Primitives, vm: &mut Vm, a: &[Value]) -> PyResult<Option<Value>> {
    let [me] = a else { return Ok(None) };
    Ok(p.semaphore_dict(me)
        .and_then(|(d, kind)| semaphore_locked(p, vm, &d, kind))
        .map(Value::Bool))
}

/// Mirrors Semaphore.release: `_value += 1` and `_wake_up_next()`.
fn sem_release(p: &Primitives, vm: &mut Vm, a: &[Value]) -> PyResult<Option<Value>> {
    let [me] = a else { return Ok(None) };
    match p.exact_dict(me, Kind::Semaphore) {
        Some(dict) => semaphore_release_in(p, vm, &dict, Kind::Semaphore),
        None => Ok(None),
    }
}

/// Mirrors BoundedSemaphore.release: the bound check, then Semaphore.release.
fn bounded_release(p: &Primitives, vm: &mut Vm, a: &[Value]) -> PyResult<Option<Value>> {
    let [me] = a else { return Ok(None) };
    let Some(dict) = p.exact_dict(me, Kind::Bounded) else {
        return Ok(None);
    };
    let (Some(Value::Int(value)), Some(Value::Int(bound))) = (
        super::get_key(vm, &dict, key!("_value")),
        super::get_key(vm, &dict, key!("_bound_value")),
    ) else {
        return Ok(None);
    };
    if value >= bound {
        return Err(vm.new_value_error("BoundedSemaphore released too many times"));
    }
    semaphore_release_in(p, vm, &dict, Kind::Bounded)
}

/// Semaphore.release on an exact semaphore's namespace.
fn semaphore_release_in(
    p: &Primitives,
    vm: &mut Vm,
    dict: &ObjRef,
    kind: Kind,
) -> PyResult<Option<Value>> {
    let (Some(Value::Int(value)), Some(waiters)) = (
        super::get_key(vm, dict, key!("_value")),
        p.waiters_of(dict, kind),
    ) else {
        return Ok(None);
    };
    let Some(value) = value.checked_add(1) else {
        return Ok(None);
    };
    let q = waiters.as_ref().and_then(queue_of);
    if q.is_some_and(|q| !p.prefix_is_plain(q, 1)) {
        return Ok(None);
    }
    super::set_key(vm, dict, key!("_value"), Value::Int(value));
    // `_wake_up_next`: the first waiter not yet done gets True and takes the unit (after
    // it is woken here; its callbacks run later, so the order is not observable).
    if let Some(q) = q
        && p.wake(vm, q, 1, &Value::Bool(true))? == 1
    {
        super::set_key(vm, dict, key!("_value"), Value::Int(value - 1));
    }
    Ok(Some(Value::None))
}

/// Installs the native version of method `name` of `cls`, which runs the Python method
/// (read from the class now) whenever the native one steps aside.
fn install(vm: &mut Vm, p: &Rc<Primitives>, cls: &ObjRef, name: &str, native: NativeMethod) {
    let Some(python) = cls.dict.as_ref().and_then(|d| vm.dict_get_str(d, name)) else {
        return;
    };
    let prims = p.clone();
    let fallback = python.clone();
    let fast: NativeFastPtr =
        Rc::new(
            move |vm: &mut Vm, a: &[Value]| match native(&prims, vm, a)? {
                Some(v) => Ok(v),
                None => vm.call(&fallback, a.to_vec()),
            },
        );
    set_native_method(vm, cls, name, fast, python);
}

/// Sets method `name` of `cls` to a native function running `fast` for positional calls;
/// a call with keyword arguments goes to `python`, the method it stands in for.
fn set_native_method(vm: &mut Vm, cls: &ObjRef, name: &str, fast: NativeFastPtr, python: Value) {
    let positional = fast.clone();
    let func: NativeFnPtr = Rc::new(move |vm: &mut Vm, args: Args| {
        if args.kwargs.is_empty() {
            positional(vm, &args.positional)
        } else {
            vm.call_args(&python, args)
        }
    });
    let owner = cls.as_type().map(|t| t.name.borrow().clone());
    let method = Value::Obj(Obj::new(Payload::NativeFunction(NativeFunction {
        names: crate::vm::native::NativeNames::boxed(Rc::from(name), owner),
        func,
        is_method: true,
        intrinsic: None,
        fast: Some(fast),
    })));
    vm.set_class_attr(cls, name, method);
}

/// The module names: `_locks_register(Lock, Event, Condition, Semaphore,
/// BoundedSemaphore)` (installs the native methods), and for the `async` methods
/// `_lock_waiter(lock)`, `_semaphore_waiter(sem)`, `_event_waiter(ev)` (True when done at
/// once, a waiter future already appended to `_waiters`, or None: run the Python code),
/// and `_acquire_now(x)` (True when a Lock, Semaphore or Condition was acquired at once,
/// False when `await x.acquire()` must run). Condition's `wait` and `wait_for` are native
/// (condition_wait.rs).
pub fn locks_functions(vm: &mut Vm, ctx: &Rc<Asyncio>) -> Vec<(&'static str, Value)> {
    let p = Rc::new(Primitives {
        ctx: ctx.clone(),
        classes: RefCell::new(Vec::new()),
        lock_methods: RefCell::new(Vec::new()),
        condition_wait: RefCell::new(Value::None),
        layouts: Kind::ALL.map(|k| Layout::new(k.attrs())),
        cond_memo: RefCell::new(None),
    });
    let step_cls = coroutine_class::<LockStep>(vm, "_LockStep");
    let wait_cls = coroutine_class::<CondWait>(vm, "_CondWait");
    let pr = p.clone();
    let register = vm.new_native_fn_positional("_locks_register", move |vm, a: &[Value]| {
        check_count(vm, "_locks_register", a.len(), 5, 5)?;
        let classes: Vec<ObjRef> = a.iter().filter_map(|c| c.as_obj().cloned()).collect();
        if classes.len() != 5 {
            return Err(vm.new_type_error("_locks_register expects five classes"));
        }
        // Lock and Condition get native `async with` methods of their own (Semaphore keeps
        // the mixin's).
        install_lock_context(vm, &pr, &classes[Kind::Lock as usize], &step_cls);
        install_lock_context(vm, &pr, &classes[Kind::Condition as usize], &step_cls);
        condition_wait::install(vm, &pr, &classes[Kind::Condition as usize], &wait_cls);
        for (kind, cls) in Kind::ALL.iter().zip(&classes) {
            for (name, native) in kind.native_methods() {
                install(vm, &pr, cls, name, *native);
            }
        }
        let lock_methods: Vec<Value> = ["locked", "acquire", "release"]
            .iter()
            .filter_map(|n| classes[0].dict.as_ref().and_then(|d| vm.dict_get_str(d, n)))
            .collect();
        *pr.lock_methods.borrow_mut() = lock_methods;
        install_async_with(vm, &pr, &classes, &step_cls);
        *pr.classes.borrow_mut() = classes
            .into_iter()
            .zip(Kind::ALL)
            .map(|(cls, kind)| RegisteredClass::new(cls, kind.attrs().len()))
            .collect();
        Ok(Value::None)
    });
    let pr = p.clone();
    let lock_waiter = vm.new_native_fn_positional("_lock_waiter", move |vm, a: &[Value]| {
        check_count(vm, "_lock_waiter", a.len(), 1, 1)?;
        let Some(dict) = pr.exact_dict(&a[0], Kind::Lock) else {
            return Ok(Value::None);
        };
        Ok(match pr.lock_take(&dict) {
            Some(true) => Value::Bool(true),
            Some(false) => append_waiter(&pr, vm, &dict, Kind::Lock).unwrap_or(Value::None),
            None => Value::None,
        })
    });
    let pr = p.clone();
    let sem_waiter = vm.new_native_fn_positional("_semaphore_waiter", move |vm, a: &[Value]| {
        check_count(vm, "_semaphore_waiter", a.len(), 1, 1)?;
        let Some((dict, kind)) = pr.semaphore_dict(&a[0]) else {
            return Ok(Value::None);
        };
        Ok(match pr.semaphore_take(vm, &dict, kind) {
            Some(true) => Value::Bool(true),
            Some(false) => append_waiter(&pr, vm, &dict, kind).unwrap_or(Value::None),
            None => Value::None,
        })
    });
    let pr = p.clone();
    let event_waiter = vm.new_native_fn_positional("_event_waiter", move |vm, a: &[Value]| {
        check_count(vm, "_event_waiter", a.len(), 1, 1)?;
        let Some(dict) = pr.exact_dict(&a[0], Kind::Event) else {
            return Ok(Value::None);
        };
        Ok(match super::get_key(vm, &dict, key!("_value")) {
            Some(Value::Bool(true)) => Value::Bool(true),
            Some(Value::Bool(false)) => {
                append_waiter(&pr, vm, &dict, Kind::Event).unwrap_or(Value::None)
            }
            _ => Value::None,
        })
    });
    let pr = p;
    let acquire_now = vm.new_native_fn_positional("_acquire_now", move |vm, a: &[Value]| {
        check_count(vm, "_acquire_now", a.len(), 1, 1)?;
        let me = &a[0];
        let taken = if let Some(dict) = pr.exact_dict(me, Kind::Lock) {
            pr.lock_take(&dict)
        } else if let Some((dict, kind)) = pr.semaphore_dict(me) {
            pr.semaphore_take(vm, &dict, kind)
        } else if let Some(dict) = pr.exact_dict(me, Kind::Condition)
            && let Some((_, lock)) = pr.condition_lock(&dict)
        {
            pr.lock_take(&lock)
        } else {
            None
        };
        Ok(Value::Bool(taken == Some(true)))
    });
    vec![
        ("_locks_register", register),
        ("_lock_waiter", lock_waiter),
        ("_semaphore_waiter", sem_waiter),
        ("_event_waiter", event_waiter),
        ("_acquire_now", acquire_now),
    ]
}

/// A new waiter future appended to the `_waiters` deque of the primitive with namespace
/// `dict` (of `kind`); None (nothing changed) when `_waiters` is not a deque yet or the loop is not
/// the plain one.
fn append_waiter(p: &Primitives, vm: &mut Vm, dict: &ObjRef, kind: Kind) -> Option<Value> {
    let waiters = p.field(dict, kind, kind.waiters_at())?;
    let q = queue_of(&waiters)?;
    let fut = p.new_future(vm, dict, kind)?;
    q.push_back(fut.clone());
    Some(fut)
}

/// The lock an exact Lock's or Condition's `async with` takes: the Lock itself, or the
/// Condition's `_lock` when it is an exact Lock whose bound methods the Condition holds.
fn context_lock(p: &Primitives, v: &Value) -> Option<Value> {
    if p.exact_dict(v, Kind::Lock).is_some() {
        return Some(v.clone());
    }
    let dict = p.exact_dict(v, Kind::Condition)?;
    p.condition_lock(&dict).map(|(lock, _)| lock)
}

/// Installs native `__aenter__` and `__aexit__` on `cls` (Lock or Condition), in place of
/// the ones inherited from `_ContextManagerMixin`: for an exact instance they return a
/// `_LockStep` doing, once awaited, what the mixin's coroutine does (`await
/// self.acquire()`, `self.release()`: the lock's, for a Condition); for anything else (a
/// subclass) they call the mixin's Python methods.
fn install_lock_context(vm: &mut Vm, p: &Rc<Primitives>, cls: &ObjRef, step_cls: &ObjRef) {
    for (name, exit, arity) in [("__aenter__", false, 1), ("__aexit__", true, 4)] {
        let Some(python) = vm.lookup_in_mro(cls, name) else {
            continue;
        };
        let prims = p.clone();
        let step_class = step_cls.clone();
        let fallback = python.clone();
        let fast: NativeFastPtr = Rc::new(move |vm: &mut Vm, a: &[Value]| {
            let lock = match a.len() == arity {
                true => context_lock(&prims, &a[0]),
                false => None,
            };
            let Some(lock) = lock else {
                return vm.call(&fallback, a.to_vec());
            };
            let step = LockStep::object(&step_class, &prims, lock, exit, Stage::Start);
            Ok(Value::Obj(step))
        });
        set_native_method(vm, cls, name, fast, python);
    }
}

/// The VM's `async with` fast path (src/vm/async_with.rs) for an exact Lock, or a Condition
/// whose lock qualifies (`context_lock`): when `lock_take` takes the lock at once, as the
/// mixin's `__aenter__` would when awaited, the `__aexit__` pushed is a native one bound to
/// the manager that releases as `_LockStep` would (it is called and awaited at once, by
/// the code `async with` compiles to) and gives the `Released` step; when the manager stops
/// qualifying before it is called, it calls the class's `__aexit__` as installed, which is
/// what the full protocol bound.
fn install_async_with(vm: &mut Vm, p: &Rc<Primitives>, classes: &[ObjRef], step_cls: &ObjRef) {
    let released = LockStep::object(step_cls, p, Value::None, true, Stage::Released);
    let released = Value::Obj(released);
    let mut exits = Vec::new();
    for kind in [Kind::Lock, Kind::Condition] {
        let class_exit = classes
            .get(kind as usize)
            .and_then(|c| c.dict.as_ref())
            .and_then(|d| vm.dict_get_str(d, "__aexit__"));
        let Some(class_exit) = class_exit else {
            return;
        };
        let prims = p.clone();
        let released = released.clone();
        exits.push(
            vm.new_native_fn_positional("__aexit__", move |vm, a: &[Value]| {
                if let [me, _, _, _] = a
                    && let Some(lock) = context_lock(&prims, me)
                {
                    if lock_release(&prims, vm, std::slice::from_ref(&lock))?.is_none() {
                        vm.call_method(&lock, "release", vec![])?;
                    }
                    return Ok(released.clone());
                }
                vm.call(&class_exit, a.to_vec())
            }),
        );
    }
    let Ok([lock_exit, cond_exit]) = <[Value; 2]>::try_from(exits) else {
        return;
    };
    let prims = p.clone();
    let step_cls = step_cls.clone();
    vm.set_async_with_lock(Rc::new(move |mgr: &Value, at_once: bool| {
        let (exit, lock, dict) = match prims.exact_dict(mgr, Kind::Lock) {
            Some(dict) => (&lock_exit, mgr.clone(), dict),
            None => {
                let cond = prims.exact_dict(mgr, Kind::Condition)?;
                let (lock, dict) = prims.condition_lock(&cond)?;
                (&cond_exit, lock, dict)
            }
        };
        let exit = Value::Obj(Obj::new(Payload::BoundMethod {
            receiver: mgr.clone(),
            func: exit.clone(),
        }));
        if at_once && prims.lock_take(&dict) == Some(true) {
            return Some((exit, None));
        }
        // What the installed `__aenter__` gives for it.
        let step = LockStep::object(&step_cls, &prims, lock, false, Stage::Start);
        Some((exit, Some(Value::Obj(step))))
    }));
}

/// Where a `_LockStep` is.
enum Stage {
    /// Not yet resumed.
    Start,
    /// Lock.acquire awaiting its waiter future (appended to `_waiters`).
    Waiting(ObjRef),
    /// Awaiting the lock's `acquire()` coroutine (the lock stopped qualifying).
    Acquiring(Value),
    /// Finished.
    Done,
    /// What the `async with` fast path's `__aexit__` gives, the lock already released: every
    /// SEND returns None (one object serves every such exit: it is only ever on the stack
    /// of the frame awaiting it).
    Released,
}

/// What `__aenter__`/`__aexit__` return for an exact Lock (or Condition: its lock): the mixin's
/// coroutine with Lock.acquire inlined, run natively when awaited. `__aenter__` takes a free
/// lock, or appends a waiter future and awaits it; when it is done (or an exception comes in
/// by the future or by `throw`), the waiter is removed from `_waiters`, and then the lock is
/// taken, or on CancelledError the first waiter is woken if the lock is free, exactly as
/// Lock.acquire's `try`/`finally`/`except` do. `__aexit__`: `self.release()`.
struct LockStep {
    /// The fast paths.
    prims: Rc<Primitives>,
    /// The lock.
    lock: Value,
    /// `__aexit__` rather than `__aenter__`.
    exit: bool,
    /// Progress.
    stage: RefCell<Stage>,
}

impl LockStep {
    /// A `_LockStep` object (of class `cls`) for `lock` at `stage`.
    fn object(
        cls: &ObjRef,
        prims: &Rc<Primitives>,
        lock: Value,
        exit: bool,
        stage: Stage,
    ) -> ObjRef {
        let step = LockStep {
            prims: prims.clone(),
            lock,
            exit,
            stage: RefCell::new(stage),
        };
        Obj::with_class(
            cls.clone(),
            None,
            Payload::Native(crate::vm::object::NativeState::boxed(step)),
        )
    }

    /// One resumption with `value` sent in.
    fn send(&self, vm: &mut Vm, value: Value) -> PyResult<SendResult> {
        let stage = std::mem::replace(&mut *self.stage.borrow_mut(), Stage::Done);
        match stage {
            Stage::Released => {
                *self.stage.borrow_mut() = Stage::Released;
                Ok(SendResult::Return(Value::None))
            }
            Stage::Done => Err(vm.new_runtime_error("cannot reuse already awaited coroutine")),
            Stage::Start if !value.is_none() => {
                *self.stage.borrow_mut() = Stage::Start;
                Err(vm.new_type_error("can't send non-None value to a just-started coroutine"))
            }
            Stage::Start if self.exit => {
                let me = std::slice::from_ref(&self.lock);
                if lock_release(&self.prims, vm, me)?.is_none() {
                    vm.call_method(&self.lock, "release", vec![])?;
                }
                Ok(SendResult::Return(Value::None))
            }
            Stage::Start => {
                let p = &*self.prims;
                if let Some(dict) = p.exact_dict(&self.lock, Kind::Lock) {
                    match p.lock_take(&dict) {
                        Some(true) => return Ok(SendResult::Return(Value::None)),
                        Some(false) => {
                            if let Some(Value::Obj(fut)) = append_waiter(p, vm, &dict, Kind::Lock) {
                                return self.await_waiter(vm, fut);
                            }
                        }
                        None => {}
                    }
                }
                let coro = vm.call_method(&self.lock, "acquire", vec![])?;
                let coro = vm.get_awaitable(&coro, 0)?;
                self.forward(vm, coro, Value::None)
            }
            Stage::Waiting(fut) => self.await_waiter(vm, fut),
            Stage::Acquiring(coro) => self.forward(vm, coro, value),
        }
    }

    /// `await fut` in Lock.acquire, then what follows it.
    fn await_waiter(&self, vm: &mut Vm, fut: ObjRef) -> PyResult<SendResult> {
        let st = super::future::state(&fut);
        match st.native_send(vm, &fut, &Value::None) {
            Some(Ok(SendResult::Yield(v))) => {
                *self.stage.borrow_mut() = Stage::Waiting(fut);
                Ok(SendResult::Yield(v))
            }
            Some(Ok(SendResult::Return(_))) => {
                self.remove_waiter(vm, &fut)?;
                // `self._locked = True`.
                let p = &self.prims;
                let set = p
                    .exact_dict(&self.lock, Kind::Lock)
                    .is_some_and(|d| p.set_field(&d, Kind::Lock, LOCK_LOCKED, Value::Bool(true)));
                if !set {
                    vm.set_attr(&self.lock, "_locked", Value::Bool(true))?;
                }
                Ok(SendResult::Return(Value::None))
            }
            Some(Err(e)) => Err(self.waiter_failed(vm, &fut, e)),
            None => unreachable!("a Future answers its await natively"),
        }
    }

    /// Lock.acquire's `finally` and `except CancelledError` for `exc` raised at `await fut`:
    /// the exception to raise.
    fn waiter_failed(&self, vm: &mut Vm, fut: &ObjRef, exc: ObjRef) -> ObjRef {
        if let Err(e) = self.remove_waiter(vm, fut) {
            return e;
        }
        if self.prims.ctx.is_cancelled_error(vm, &exc) {
            let locked = match vm.get_attr(&self.lock, "_locked") {
                Ok(v) => vm.truthy(&v),
                Err(e) => return e,
            };
            match locked {
                Ok(false) => {
                    if let Err(e) = vm.call_method(&self.lock, "_wake_up_first", vec![]) {
                        return e;
                    }
                }
                Ok(true) => {}
                Err(e) => return e,
            }
        }
        exc
    }

    /// `self._waiters.remove(fut)`.
    fn remove_waiter(&self, vm: &mut Vm, fut: &ObjRef) -> PyResult<()> {
        let p = &self.prims;
        let waiters = p
            .exact_dict(&self.lock, Kind::Lock)
            .and_then(|d| p.field(&d, Kind::Lock, Kind::Lock.waiters_at()));
        let waiters = match waiters {
            Some(w) => w,
            None => vm.get_attr(&self.lock, "_waiters")?,
        };
        let fut_v = Value::Obj(fut.clone());
        if queue_of(&waiters).is_some_and(|q| q.remove_item(&fut_v)) {
            return Ok(());
        }
        vm.call_method(&waiters, "remove", vec![fut_v])?;
        Ok(())
    }

    /// Sends `value` into the `acquire()` coroutine.
    fn forward(&self, vm: &mut Vm, coro: Value, value: Value) -> PyResult<SendResult> {
        match vm.send_any(&coro, value)? {
            SendResult::Yield(v) => {
                *self.stage.borrow_mut() = Stage::Acquiring(coro);
                Ok(SendResult::Yield(v))
            }
            SendResult::Return(_) => Ok(SendResult::Return(Value::None)),
        }
    }
}

impl NativeCoroutine for LockStep {
    /// `throw(exc)`: raised at the `await` in progress (the waiter's, or inside the
    /// `acquire()` coroutine), else here (not started, or finished).
    fn throw(&self, vm: &mut Vm, exc: Value) -> PyResult<SendResult> {
        let stage = std::mem::replace(&mut *self.stage.borrow_mut(), Stage::Done);
        match stage {
            Stage::Acquiring(coro) => match vm.call_method(&coro, "throw", vec![exc]) {
                Ok(v) => {
                    *self.stage.borrow_mut() = Stage::Acquiring(coro);
                    Ok(SendResult::Yield(v))
                }
                Err(e) if vm.exc_matches(&e, &vm.exc.stop_iteration.clone()) => {
                    Ok(SendResult::Return(Value::None))
                }
                Err(e) => Err(e),
            },
            Stage::Waiting(fut) => {
                let e = exception_of(vm, exc)?;
                Err(self.waiter_failed(vm, &fut, e))
            }
            Stage::Released => {
                *self.stage.borrow_mut() = Stage::Released;
                Err(exception_of(vm, exc)?)
            }
            Stage::Start | Stage::Done => Err(exception_of(vm, exc)?),
        }
    }

    /// `close()`: GeneratorExit at the `await` in progress (Lock.acquire's `finally` runs).
    fn close(&self, vm: &mut Vm) -> PyResult<()> {
        let stage = std::mem::replace(&mut *self.stage.borrow_mut(), Stage::Done);
        match stage {
            Stage::Acquiring(coro) => {
                vm.call_method(&coro, "close", vec![])?;
            }
            Stage::Waiting(fut) => self.remove_waiter(vm, &fut)?,
            Stage::Released => *self.stage.borrow_mut() = Stage::Released,
            Stage::Start | Stage::Done => {}
        }
        Ok(())
    }
}

/// The exception `throw(exc)` raises: an instance as is, a class instantiated.
fn exception_of(vm: &mut Vm, exc: Value) -> PyResult<ObjRef> {
    match exc {
        Value::Obj(o) if o.as_type().is_none() => Ok(o),
        other => match vm.call(&other, vec![])? {
            Value::Obj(o) => Ok(o),
            _ => Err(vm.new_type_error("exceptions must derive from BaseException")),
        },
    }
}

impl NativeObject for LockStep {
    fn trace(&self, visit: &mut dyn FnMut(&Value)) {
        visit(&self.lock);
        match &*self.stage.borrow() {
            Stage::Waiting(f) => visit(&Value::Obj(f.clone())),
            Stage::Acquiring(c) => visit(c),
            Stage::Start | Stage::Done | Stage::Released => {}
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
        value: &Value,
    ) -> Option<PyResult<SendResult>> {
        Some(self.send(vm, value.clone()))
    }
}
