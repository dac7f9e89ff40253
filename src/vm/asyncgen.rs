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
use std::cell::{Cell, RefCell};

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
