//! Native `Condition.wait()` and `Condition.wait_for(predicate)` (locks.py) for an exact
//! Condition: both return a `_CondWait` that, once awaited, does locks.py's steps natively
//! while the Condition and its `_lock` qualify (exact and unmodified, see `Primitives`):
//! `wait` checks the lock is held ('cannot wait on un-acquired lock'), releases it, appends a
//! fresh waiter future to `_waiters` and awaits it; then, whatever happened to that await,
//! removes the waiter and re-acquires the lock in a loop that catches CancelledError (the
//! latest one is raised once the lock is held again), as locks.py's `finally` does.
//! `wait_for` calls the predicate, and while it is false awaits such a wait.
//!
//! Whatever does not qualify runs Python: the prelude's `wait` when the Condition or its lock
//! stopped qualifying before anything changed, `self.wait()` for a `wait_for` whose
//! Condition's `wait` may no longer be this one, `self.acquire()` for a re-acquire whose
//! Condition no longer holds its lock's `acquire`. Subclasses never get here: their `wait`
//! and `wait_for` calls go straight to the Python methods.

use super::{COND_WAITERS, Kind, LOCK_LOCKED, LockStep, Primitives, Stage, exception_of};
use crate::modules::asyncio_module::ready::{NativeCoroutine, queue_of};
use crate::vm::generator::SendResult;
use crate::vm::native::NativeFastPtr;
use crate::vm::object::{NativeObject, Obj, Payload};
use crate::vm::{ObjRef, PyResult, Value, Vm};
use std::cell::RefCell;
use std::rc::Rc;

/// Where a `_CondWait` is.
enum WaitStage {
    /// Not yet resumed.
    Start,
    /// `await fut` for the waiter future that `notify()` completes.
    Notified(ObjRef),
    /// The re-acquire loop: `await self.acquire()` in progress. `outcome` is the exception
    /// the wait itself raised (None: it returned True), `err` the latest CancelledError the
    /// loop caught.
    Reacquiring {
        /// The `acquire()` being awaited.
        acquire: Box<LockStep>,
        /// The exception the wait raised, re-raised once the lock is held.
        outcome: Option<ObjRef>,
        /// The latest CancelledError caught while re-acquiring, raised in its place.
        err: Option<ObjRef>,
    },
    /// The lock held again at once (no `acquire()` to await): what the wait raised and the
    /// latest CancelledError caught, as in `Reacquiring`.
    Held {
        /// The exception the wait raised.
        outcome: Option<ObjRef>,
        /// The latest CancelledError caught while re-acquiring.
        err: Option<ObjRef>,
    },
    /// A Python coroutine doing one wait: the prelude's `wait`, or `self.wait()`.
    Python(Value),
    /// Finished.
    Done,
}

/// What resumes a `_CondWait`.
enum Input {
    /// `send(value)`.
    Send(Value),
    /// `throw(exc)`.
    Throw(ObjRef),
}

/// The awaitable `wait()` (no predicate) or `wait_for(predicate)` of an exact Condition
/// returns.
pub(super) struct CondWait {
    /// The fast paths.
    prims: Rc<Primitives>,
    /// The Condition.
    cond: Value,
    /// `wait_for`'s predicate; None for `wait()`.
    predicate: Option<Value>,
    /// Progress.
    stage: RefCell<WaitStage>,
}

impl CondWait {
    /// One resumption.
    fn resume(&self, vm: &mut Vm, mut input: Input) -> PyResult<SendResult> {
        loop {
            let stage = std::mem::replace(&mut *self.stage.borrow_mut(), WaitStage::Done);
            let next = match stage {
                WaitStage::Done => {
                    return Err(match input {
                        Input::Send(_) => {
                            vm.new_runtime_error("cannot reuse already awaited coroutine")
                        }
                        Input::Throw(e) => e,
                    });
                }
                WaitStage::Start => match input {
                    Input::Throw(e) => return Err(e),
                    Input::Send(v) if !v.is_none() => {
                        *self.stage.borrow_mut() = WaitStage::Start;
                        return Err(vm.new_type_error(
                            "can't send non-None value to a just-started coroutine",
                        ));
                    }
                    Input::Send(_) => match self.predicate_result(vm)? {
                        Some(result) => return Ok(SendResult::Return(result)),
                        None => self.begin_wait(vm)?,
                    },
                },
                WaitStage::Notified(fut) => {
                    let awaited = match input {
                        Input::Send(_) => match super::super::future::state(&fut).native_send(
                            vm,
                            &fut,
                            &Value::None,
                        ) {
                            Some(r) => r,
                            None => unreachable!("a Future answers its await natively"),
                        },
                        Input::Throw(e) => Err(e),
                    };
                    let outcome = match awaited {
                        Ok(SendResult::Yield(v)) => {
                            *self.stage.borrow_mut() = WaitStage::Notified(fut);
                            return Ok(SendResult::Yield(v));
                        }
                        Ok(SendResult::Return(_)) => None,
                        Err(e) => Some(e),
                    };
                    // `finally: self._waiters.remove(fut)`.
                    let outcome = match self.remove_waiter(vm, &fut) {
                        Ok(()) => outcome,
                        Err(e) => Some(e),
                    };
                    self.reacquire(vm, outcome, None)?
                }
                WaitStage::Reacquiring {
                    acquire,
                    outcome,
                    err,
                } => {
                    let stepped = match input {
                        Input::Send(v) => acquire.send(vm, v),
                        Input::Throw(e) => acquire.throw(vm, Value::Obj(e)),
                    };
                    match stepped {
                        Ok(SendResult::Yield(v)) => {
                            *self.stage.borrow_mut() = WaitStage::Reacquiring {
                                acquire,
                                outcome,
                                err,
                            };
                            return Ok(SendResult::Yield(v));
                        }
                        Ok(SendResult::Return(_)) => match self.held(vm, outcome, err)? {
                            Ok(result) => return Ok(SendResult::Return(result)),
                            Err(stage) => stage,
                        },
                        Err(e) if self.prims.ctx.is_cancelled_error(vm, &e) => {
                            self.reacquire(vm, outcome, Some(e))?
                        }
                        Err(e) => return Err(e),
                    }
                }
                WaitStage::Held { outcome, err } => match self.held(vm, outcome, err)? {
                    Ok(result) => return Ok(SendResult::Return(result)),
                    Err(stage) => stage,
                },
                WaitStage::Python(coro) => {
                    let stepped = match input {
                        Input::Send(v) => vm.send_any(&coro, v)?,
                        Input::Throw(e) => throw_to(vm, &coro, e)?,
                    };
                    match stepped {
                        SendResult::Yield(v) => {
                            *self.stage.borrow_mut() = WaitStage::Python(coro);
                            return Ok(SendResult::Yield(v));
                        }
                        SendResult::Return(v) => match self.after_wait(vm, v)? {
                            Ok(result) => return Ok(SendResult::Return(result)),
                            Err(stage) => stage,
                        },
                    }
                }
            };
            *self.stage.borrow_mut() = next;
            input = Input::Send(Value::None);
        }
    }

    /// The lock held again: `raise err`, or what the wait raised, or (the wait returned
    /// True) `after_wait`.
    fn held(
        &self,
        vm: &mut Vm,
        outcome: Option<ObjRef>,
        err: Option<ObjRef>,
    ) -> PyResult<Result<Value, WaitStage>> {
        if let Some(e) = err.or(outcome) {
            return Err(e);
        }
        self.after_wait(vm, Value::Bool(true))
    }

    /// After a wait returned `value`: `wait()` returns it; `wait_for` calls the predicate
    /// again and returns its result when true, else waits again (the stage to go on with).
    fn after_wait(&self, vm: &mut Vm, value: Value) -> PyResult<Result<Value, WaitStage>> {
        if self.predicate.is_none() {
            return Ok(Ok(value));
        }
        Ok(match self.predicate_result(vm)? {
            Some(result) => Ok(result),
            None => Err(self.begin_wait(vm)?),
        })
    }

    /// `wait_for`'s `result = predicate()`: Some(result) when it is true (or always for
    /// `wait()`, which has no predicate: None, so that it waits).
    fn predicate_result(&self, vm: &mut Vm) -> PyResult<Option<Value>> {
        let Some(predicate) = &self.predicate else {
            return Ok(None);
        };
        let result = vm.call_no_args(predicate)?;
        Ok(vm.truthy(&result)?.then_some(result))
    }

    /// Starts one wait (the body of `wait()` up to its `await fut`): natively when the
    /// Condition and its lock qualify, else by a Python coroutine.
    fn begin_wait(&self, vm: &mut Vm) -> PyResult<WaitStage> {
        if let Some(fut) = self.start_native_wait(vm)? {
            return Ok(WaitStage::Notified(fut));
        }
        let coro = match &self.predicate {
            // `await self.wait()`: whatever `wait` the Condition has now.
            Some(_) => vm.call_method(&self.cond, "wait", Vec::new())?,
            None => {
                let python = self.prims.condition_wait.borrow().clone();
                vm.call(&python, vec![self.cond.clone()])?
            }
        };
        Ok(WaitStage::Python(vm.get_awaitable(&coro, 0)?))
    }

    /// `wait()` up to its `await fut` for a Condition and lock that qualify: the lock
    /// released and the new waiter future appended (returned); None when they do not
    /// qualify (nothing changed then).
    fn start_native_wait(&self, vm: &mut Vm) -> PyResult<Option<ObjRef>> {
        let p = &*self.prims;
        let Some(dict) = p.exact_dict(&self.cond, Kind::Condition) else {
            return Ok(None);
        };
        let Some((_, lock)) = p.condition_lock(&dict) else {
            return Ok(None);
        };
        // Every key of the Condition's namespace is checked to be what `__init__` set (the
        // ones `condition_lock` read, `_waiters` here and `_loop` by `new_future`), so
        // with no more keys than that `self.wait` is this method.
        let Some(Value::Bool(locked)) = p.field(&lock, Kind::Lock, LOCK_LOCKED) else {
            return Ok(None);
        };
        if p.waiters_of(&lock, Kind::Lock).is_none() {
            return Ok(None);
        }
        let Some(Some(waiters)) = p.waiters_of(&dict, Kind::Condition) else {
            return Ok(None);
        };
        if !locked {
            return Err(vm.new_runtime_error("cannot wait on un-acquired lock"));
        }
        let Some(Value::Obj(fut)) = p.new_future(vm, &dict, Kind::Condition) else {
            return Ok(None);
        };
        if p.lock_release_in(vm, &lock)?.is_none() {
            return Ok(None);
        }
        if let Some(q) = queue_of(&waiters) {
            q.push_back(Value::Obj(fut.clone()));
        }
        Ok(Some(fut))
    }

    /// `self._waiters.remove(fut)` on the Condition.
    fn remove_waiter(&self, vm: &mut Vm, fut: &ObjRef) -> PyResult<()> {
        let waiters = match self.prims.exact_dict(&self.cond, Kind::Condition) {
            Some(d) => self.prims.field(&d, Kind::Condition, COND_WAITERS),
            None => None,
        };
        let waiters = match waiters {
            Some(w) => w,
            None => vm.get_attr(&self.cond, "_waiters")?,
        };
        let fut = Value::Obj(fut.clone());
        if queue_of(&waiters).is_some_and(|q| q.remove_item(&fut)) {
            return Ok(());
        }
        vm.call_method(&waiters, "remove", vec![fut])?;
        Ok(())
    }

    /// One round of the re-acquire loop: `await self.acquire()` started (the lock's own
    /// acquire run natively when the Condition still holds it). `outcome` and `err` as in
    /// `WaitStage::Reacquiring`; a CancelledError from calling `acquire` is caught as the
    /// loop catches it.
    fn reacquire(
        &self,
        vm: &mut Vm,
        outcome: Option<ObjRef>,
        mut err: Option<ObjRef>,
    ) -> PyResult<WaitStage> {
        loop {
            let stage = match self.acquire_step(vm) {
                Ok(Some(stage)) => stage,
                Ok(None) => return Ok(WaitStage::Held { outcome, err }),
                Err(e) if self.prims.ctx.is_cancelled_error(vm, &e) => {
                    err = Some(e);
                    continue;
                }
                Err(e) => return Err(e),
            };
            return Ok(WaitStage::Reacquiring {
                acquire: Box::new(LockStep {
                    prims: self.prims.clone(),
                    lock: stage.0,
                    exit: false,
                    stage: RefCell::new(stage.1),
                }),
                outcome,
                err,
            });
        }
    }

    /// `self.acquire()`: None when the Condition qualifies and its lock was free to take
    /// at once (Lock.acquire's immediate case), else the lock and the `_LockStep` stage that
    /// acquires it: the lock's native acquire when the Condition qualifies, else the
    /// coroutine `self.acquire()` returned.
    fn acquire_step(&self, vm: &mut Vm) -> PyResult<Option<(Value, Stage)>> {
        let p = &*self.prims;
        if let Some(dict) = p.exact_dict(&self.cond, Kind::Condition)
            && let Some((lock, lock_dict)) = p.condition_lock(&dict)
        {
            if p.lock_take(&lock_dict) == Some(true) {
                return Ok(None);
            }
            return Ok(Some((lock, Stage::Start)));
        }
        let coro = vm.call_method(&self.cond, "acquire", Vec::new())?;
        let coro = vm.get_awaitable(&coro, 0)?;
        Ok(Some((self.cond.clone(), Stage::Acquiring(coro))))
    }
}

/// `coro.throw(exc)` for a delegate coroutine: generators directly, others by their
/// `throw` method.
fn throw_to(vm: &mut Vm, coro: &Value, exc: ObjRef) -> PyResult<SendResult> {
    if let Value::Obj(o) = coro
        && let Payload::Generator(_) = &o.payload
    {
        return vm.gen_throw(o, exc);
    }
    match vm.call_method(coro, "throw", vec![Value::Obj(exc)]) {
        Ok(v) => Ok(SendResult::Yield(v)),
        Err(e) if vm.exc_matches(&e, &vm.exc.stop_iteration.clone()) => {
            Ok(SendResult::Return(vm.stop_iteration_value(&e)))
        }
        Err(e) => Err(e),
    }
}

impl NativeCoroutine for CondWait {
    fn throw(&self, vm: &mut Vm, exc: Value) -> PyResult<SendResult> {
        let exc = exception_of(vm, exc)?;
        self.resume(vm, Input::Throw(exc))
    }

    fn close(&self, vm: &mut Vm) -> PyResult<()> {
        if matches!(&*self.stage.borrow(), WaitStage::Start | WaitStage::Done) {
            *self.stage.borrow_mut() = WaitStage::Done;
            return Ok(());
        }
        let exit = vm.new_exception(&vm.exc.generator_exit.clone(), Vec::new());
        match self.resume(vm, Input::Throw(exit)) {
            Ok(SendResult::Yield(_)) => {
                Err(vm.new_runtime_error("coroutine ignored GeneratorExit"))
            }
            Ok(SendResult::Return(_)) => Ok(()),
            Err(e) if vm.exc_matches(&e, &vm.exc.generator_exit.clone()) => Ok(()),
            Err(e) => Err(e),
        }
    }
}

impl NativeObject for CondWait {
    fn trace(&self, visit: &mut dyn FnMut(&Value)) {
        visit(&self.cond);
        if let Some(p) = &self.predicate {
            visit(p);
        }
        match &*self.stage.borrow() {
            WaitStage::Notified(f) => visit(&Value::Obj(f.clone())),
            WaitStage::Reacquiring {
                acquire,
                outcome,
                err,
            } => {
                acquire.trace(visit);
                for e in [outcome, err].into_iter().flatten() {
                    visit(&Value::Obj(e.clone()));
                }
            }
            WaitStage::Python(c) => visit(c),
            // `Held` is gone before the resumption that made it returns.
            WaitStage::Held { .. } | WaitStage::Start | WaitStage::Done => {}
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
        Some(self.resume(vm, Input::Send(value.clone())))
    }
}

/// Installs native `wait` and `wait_for` on the Condition class `cls`: for an exact
/// Condition called positionally they return a `_CondWait` (of class `wait_cls`), for
/// anything else they call the Python methods they replace. Remembers the Python `wait`
/// for the `_CondWait`s that must fall back on it.
pub(super) fn install(vm: &mut Vm, p: &Rc<Primitives>, cls: &ObjRef, wait_cls: &ObjRef) {
    for (name, arity) in [("wait", 1), ("wait_for", 2)] {
        let Some(python) = cls.dict.as_ref().and_then(|d| vm.dict_get_str(d, name)) else {
            continue;
        };
        if name == "wait" {
            *p.condition_wait.borrow_mut() = python.clone();
        }
        let prims = p.clone();
        let wait_cls = wait_cls.clone();
        let fallback = python.clone();
        let fast: NativeFastPtr = Rc::new(move |vm: &mut Vm, a: &[Value]| {
            if a.len() != arity || prims.exact_dict(&a[0], Kind::Condition).is_none() {
                return vm.call(&fallback, a.to_vec());
            }
            let wait = CondWait {
                prims: prims.clone(),
                cond: a[0].clone(),
                predicate: a.get(1).cloned(),
                stage: RefCell::new(WaitStage::Start),
            };
            Ok(Value::Obj(Obj::with_class(
                wait_cls.clone(),
                None,
                Payload::Native(crate::vm::object::NativeState::boxed(wait)),
            )))
        });
        super::set_native_method(vm, cls, name, fast, python);
    }
}
