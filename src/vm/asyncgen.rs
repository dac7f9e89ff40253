//! Async generators: `__anext__`/`asend`/`athrow`/`aclose` awaitables.
//!
//! An async generator's frame yields for two reasons: an `await` inside it passing a value
//! through to the event loop (the frame is suspended inside a SEND loop, see
//! `Frame::delegate`), or a `yield` producing the next item. The awaitable returned by
//! `__anext__` forwards the first kind and turns the second into `StopIteration(item)`,
//! which is how CPython's async_gen_asend behaves.

use super::generator::{GenState, SendResult};
use super::object::{NativeObject, Payload};
use super::value::{ObjRef, Value};
use super::{Args, PyResult, Vm};
use crate::vm::value::WeakObj;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;

/// An async generator whose hooks were initialised (genobject.c async_gen_init_hooks).
struct HookedAsyncGen {
    /// The generator object (weak: the table must not keep it alive).
    agen: WeakObj,
    /// The finalizer current at its first iteration (None: no finalizer).
    finalizer: Value,
}

thread_local! {
    /// `sys.set_asyncgen_hooks` state: (firstiter, finalizer), None when unset.
    static ASYNCGEN_HOOKS: RefCell<(Value, Value)> = const { RefCell::new((Value::None, Value::None)) };
    /// Async generators already iterated, keyed by the address of their `Generator` payload
    /// (what `Drop for Generator` can see); entries leave when the generator is dropped.
    static HOOKED: RefCell<HashMap<usize, HookedAsyncGen>> = RefCell::new(HashMap::new());
}

/// The key of a generator payload in `HOOKED`.
fn hook_key(g: &super::generator::Generator) -> usize {
    g as *const super::generator::Generator as usize
}

/// The current (firstiter, finalizer) hooks (`sys.get_asyncgen_hooks`).
pub fn asyncgen_hooks() -> (Value, Value) {
    ASYNCGEN_HOOKS.with(|h| h.borrow().clone())
}

/// Replaces the (firstiter, finalizer) hooks; returns the previous pair.
pub fn replace_asyncgen_hooks(firstiter: Value, finalizer: Value) -> (Value, Value) {
    ASYNCGEN_HOOKS.with(|h| std::mem::replace(&mut *h.borrow_mut(), (firstiter, finalizer)))
}

/// Called by `Drop for Generator` for an async generator: the finalizer it was given at its
/// first iteration, if any (its entry is removed either way).
pub fn take_finalizer(g: &super::generator::Generator) -> Option<Value> {
    HOOKED
        .try_with(|t| {
            t.try_borrow_mut()
                .ok()
                .and_then(|mut t| t.remove(&hook_key(g)))
        })
        .ok()
        .flatten()
        .map(|h| h.finalizer)
        .filter(|f| !f.is_none())
}

/// Marks `agen` (a resurrected generator being finalized) as initialised without a finalizer.
pub fn mark_hooks_inited(agen: &ObjRef) {
    if let Payload::Generator(g) = &agen.payload {
        HOOKED.with(|t| {
            t.borrow_mut().insert(
                hook_key(g),
                HookedAsyncGen {
                    agen: ObjRef::downgrade(agen),
                    finalizer: Value::None,
                },
            )
        });
    }
}

/// The async generators still alive and not finished whose finalizer is `finalizer` (what
/// a loop's `shutdown_asyncgens` closes).
pub fn alive_asyncgens(finalizer: &Value) -> Vec<Value> {
    let Some(target) = finalizer.as_obj() else {
        return Vec::new();
    };
    HOOKED.with(|t| {
        t.borrow()
            .values()
            .filter(|h| {
                h.finalizer
                    .as_obj()
                    .is_some_and(|f| ObjRef::ptr_eq(f, target))
            })
            .filter_map(|h| h.agen.upgrade())
            .filter(|o| match &o.payload {
                Payload::Generator(g) => {
                    matches!(
                        &*g.state.borrow(),
                        GenState::Suspended(_) | GenState::Created(_)
                    )
                }
                _ => false,
            })
            .map(Value::Obj)
            .collect()
    })
}

/// Which operation an awaitable performs on its async generator.
pub enum AsyncGenOp {
    /// `__anext__()` / `asend(v)`.
    Send(Value),
    /// `athrow(exc)`.
    Throw(ObjRef),
    /// `aclose()`.
    Close,
}

/// Progress of one awaitable.
#[derive(Clone, Copy, PartialEq, Eq)]
enum OpState {
    /// Not started.
    Init,
    /// Started; waiting for the generator's next item.
    Iter,
    /// Finished (cannot be reused).
    Done,
}

/// The Rust state of an `async_generator_asend`/`athrow` awaitable.
pub struct AsyncGenAwaitable {
    /// The async generator.
    agen: ObjRef,
    /// What to do on the first step.
    op: RefCell<AsyncGenOp>,
    /// Progress.
    state: Cell<OpState>,
}

impl NativeObject for AsyncGenAwaitable {
    fn trace(&self, visit: &mut dyn FnMut(&Value)) {
        visit(&Value::Obj(self.agen.clone()));
        match &*self.op.borrow() {
            AsyncGenOp::Send(v) => visit(v),
            AsyncGenOp::Throw(e) => visit(&Value::Obj(e.clone())),
            AsyncGenOp::Close => {}
        }
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

impl Vm {
    /// Mirrors genobject.c async_gen_init_hooks: on an async generator's first
    /// `__anext__`/`asend`/`athrow`/`aclose`, remembers the current finalizer hook for it and
    /// calls the firstiter hook.
    fn agen_init_hooks(&mut self, agen: &ObjRef) -> PyResult<()> {
        let Payload::Generator(g) = &agen.payload else {
            return Ok(());
        };
        let key = hook_key(g);
        if HOOKED.with(|t| t.borrow().contains_key(&key)) {
            return Ok(());
        }
        let (firstiter, finalizer) = ASYNCGEN_HOOKS.with(|h| h.borrow().clone());
        if firstiter.is_none() && finalizer.is_none() {
            return Ok(());
        }
        HOOKED.with(|t| {
            t.borrow_mut().insert(
                key,
                HookedAsyncGen {
                    agen: ObjRef::downgrade(agen),
                    finalizer,
                },
            )
        });
        if !firstiter.is_none() {
            self.call(&firstiter, vec![Value::Obj(agen.clone())])?;
        }
        Ok(())
    }

    /// True when the (suspended) generator's frame is inside a SEND loop.
    fn agen_delegating(&self, agen: &ObjRef) -> bool {
        match &agen.payload {
            Payload::Generator(g) => match &*g.state.borrow() {
                GenState::Suspended(f) => f.delegate().is_some(),
                _ => false,
            },
            _ => false,
        }
    }

    /// One step of an async generator awaitable: `sent` is the value sent in, `throw` an
    /// exception thrown in. Mirrors genobject.c async_gen_asend_send / async_gen_athrow_send.
    fn agen_step(
        &mut self,
        aw: &AsyncGenAwaitable,
        sent: Value,
        throw: Option<ObjRef>,
    ) -> PyResult<Value> {
        let is_close = matches!(&*aw.op.borrow(), AsyncGenOp::Close);
        let r = match aw.state.get() {
            OpState::Done => {
                let what = if is_close {
                    "aclose()"
                } else {
                    "__anext__()/asend()"
                };
                return Err(self.new_runtime_error(format!("cannot reuse already awaited {what}")));
            }
            // genobject.c async_gen_asend_throw / async_gen_athrow_throw: a throw() before
            // the first send goes straight into the generator and leaves the awaitable
            // unstarted (an aclose() then still throws GeneratorExit on its first send).
            OpState::Init if throw.is_some() => match throw {
                Some(e) => self.gen_throw(&aw.agen, e),
                None => unreachable!("guarded by throw.is_some()"),
            },
            OpState::Init => {
                aw.state.set(OpState::Iter);
                let op = std::mem::replace(&mut *aw.op.borrow_mut(), AsyncGenOp::Close);
                let closing = matches!(op, AsyncGenOp::Close);
                *aw.op.borrow_mut() = if closing {
                    AsyncGenOp::Close
                } else {
                    AsyncGenOp::Send(Value::None)
                };
                match (throw, op) {
                    (Some(e), _) => self.gen_throw(&aw.agen, e),
                    (None, AsyncGenOp::Send(v)) => {
                        self.gen_send(&aw.agen, if sent.is_none() { v } else { sent })
                    }
                    (None, AsyncGenOp::Throw(e)) => self.gen_throw(&aw.agen, e),
                    (None, AsyncGenOp::Close) => {
                        if let Payload::Generator(g) = &aw.agen.payload
                            && matches!(&*g.state.borrow(), GenState::Created(_) | GenState::Closed)
                        {
                            *g.state.borrow_mut() = GenState::Closed;
                            aw.state.set(OpState::Done);
                            return Err(self.new_stop_iteration(Value::None));
                        }
                        let exit = self.new_exception(&self.exc.generator_exit.clone(), vec![]);
                        self.gen_throw(&aw.agen, exit)
                    }
                }
            }
            OpState::Iter => match throw {
                Some(e) => self.gen_throw(&aw.agen, e),
                None => self.gen_send(&aw.agen, sent),
            },
        };
        match r {
            Ok(SendResult::Yield(x)) => {
                if self.agen_delegating(&aw.agen) {
                    return Ok(x);
                }
                aw.state.set(OpState::Done);
                if is_close {
                    return Err(self.new_runtime_error("async generator ignored GeneratorExit"));
                }
                Err(self.new_stop_iteration(x))
            }
            Ok(SendResult::Return(_)) => {
                aw.state.set(OpState::Done);
                if is_close {
                    return Err(self.new_stop_iteration(Value::None));
                }
                Err(self.new_exception(&self.exc.stop_async_iteration.clone(), vec![]))
            }
            Err(e) => {
                aw.state.set(OpState::Done);
                if is_close
                    && (self.exc_matches(&e, &self.exc.generator_exit.clone())
                        || self.exc_matches(&e, &self.exc.stop_async_iteration.clone()))
                {
                    return Err(self.new_stop_iteration(Value::None));
                }
                Err(e)
            }
        }
    }

    /// Registers the async generator methods and the awaitable class they return.
    pub fn init_async_generators(&mut self) {
        let aw_cls = self.new_native_class("async_generator_asend", &[], "builtins");
        fn me(vm: &mut Vm, args: &Args) -> PyResult<ObjRef> {
            match args.positional.first().and_then(|v| v.as_obj()) {
                Some(o) if o.native::<AsyncGenAwaitable>().is_some() => Ok(o.clone()),
                _ => Err(vm.new_type_error("expected an async_generator_asend object")),
            }
        }
        self.add_method(&aw_cls, "__await__", |_, args| {
            Ok(args.positional[0].clone())
        });
        self.add_method(
            &aw_cls,
            "__iter__",
            |_, args| Ok(args.positional[0].clone()),
        );
        self.add_method(&aw_cls, "__next__", |vm, args| {
            let o = me(vm, &args)?;
            let aw = o.native::<AsyncGenAwaitable>().expect("checked");
            vm.agen_step(aw, Value::None, None)
        });
        self.add_method(&aw_cls, "send", |vm, args| {
            let o = me(vm, &args)?;
            let v = args.positional.get(1).cloned().unwrap_or(Value::None);
            let aw = o.native::<AsyncGenAwaitable>().expect("checked");
            vm.agen_step(aw, v, None)
        });
        self.add_method(&aw_cls, "throw", |vm, args| {
            let o = me(vm, &args)?;
            let typ = args.positional.get(1).cloned().unwrap_or(Value::None);
            let exc = crate::builtins::generators::throw_args_to_exception(
                vm,
                &typ,
                args.positional.get(2),
            )?;
            let aw = o.native::<AsyncGenAwaitable>().expect("checked");
            vm.agen_step(aw, Value::None, Some(exc))
        });
        self.add_method(&aw_cls, "close", |vm, args| {
            let o = me(vm, &args)?;
            let aw = o.native::<AsyncGenAwaitable>().expect("checked");
            aw.state.set(OpState::Done);
            Ok(Value::None)
        });
        let agen = self.types.async_generator.clone();
        let make = move |vm: &mut Vm, args: &Args, op: AsyncGenOp| -> PyResult<Value> {
            let Some(g) = args
                .positional
                .first()
                .and_then(|v| v.as_obj())
                .filter(|o| matches!(o.payload, Payload::Generator(_)))
            else {
                return Err(vm.new_type_error("expected an async generator"));
            };
            vm.agen_init_hooks(g)?;
            let state = AsyncGenAwaitable {
                agen: g.clone(),
                op: RefCell::new(op),
                state: Cell::new(OpState::Init),
            };
            let cls = aw_cls.clone();
            Ok(Value::Obj(vm.new_native_object(&cls, state)))
        };
        let make = std::rc::Rc::new(make);
        let m = make.clone();
        self.add_method(&agen, "__anext__", move |vm, args| {
            m(vm, &args, AsyncGenOp::Send(Value::None))
        });
        let m = make.clone();
        self.add_method(&agen, "asend", move |vm, args| {
            let v = args.positional.get(1).cloned().unwrap_or(Value::None);
            m(vm, &args, AsyncGenOp::Send(v))
        });
        let m = make.clone();
        self.add_method(&agen, "athrow", move |vm, args| {
            let typ = args.positional.get(1).cloned().unwrap_or(Value::None);
            let exc = crate::builtins::generators::throw_args_to_exception(
                vm,
                &typ,
                args.positional.get(2),
            )?;
            m(vm, &args, AsyncGenOp::Throw(exc))
        });
        let m = make;
        self.add_method(&agen, "aclose", move |vm, args| {
            m(vm, &args, AsyncGenOp::Close)
        });
    }
}
