//! The call half of the eval loop: how CALL, CALL_METHOD and `Class(...)` set up the callee's
//! frame (CPython's CALL_PY_EXACT_ARGS and friends), and the fused `await f(...)` of a
//! coroutine a call just made.

use super::eval::top;
use super::frame::Frame;
use super::native::Args;
use super::object::Payload;
use super::value::{ObjRef, Value};
use super::{PyResult, Vm};
use crate::bytecode::Instr;

/// What a call instruction decided.
pub(super) enum CallOutcome {
    /// The result is ready.
    Value(Value),
    /// A new Python frame must run.
    Frame(Box<Frame>),
}

impl Vm {
    /// Pushes a callee frame (checking the recursion limit).
    #[allow(clippy::vec_box)]
    #[inline(always)]
    pub(super) fn push_frame(
        &mut self,
        frame: &mut Box<Frame>,
        callers: &mut Vec<Box<Frame>>,
        callee: Box<Frame>,
    ) -> PyResult<()> {
        if super::interrupt::pending() || self.depth >= self.recursion_limit {
            self.call_depth_or_interrupt()?;
        }
        self.depth += 1;
        let caller = std::mem::replace(frame, callee);
        super::eval_support::push_inline(callers, caller);
        Ok(())
    }

    /// RETURN_VALUE / RETURN_CONST of `v` from `frame` (an `__init__` run by a construct call
    /// gives its instance): the caller's frame becomes `frame` with the value pushed, or
    /// handed to the SEND / FOR_ITER that ran `frame` as an inline generator. Ok(Some(v))
    /// when `frame` is the base frame (the eval loop returns `v`). An error is raised in
    /// whichever frame is `frame` at that point, as the eval loop's unwinding expects.
    #[allow(clippy::vec_box)]
    #[inline(always)]
    pub(super) fn return_from_frame(
        &mut self,
        frame: &mut Box<Frame>,
        callers: &mut Vec<Box<Frame>>,
        v: Value,
    ) -> PyResult<Option<Value>> {
        let v = match frame.take_constructing() {
            None => v,
            Some(instance) => {
                if !v.is_none() {
                    let msg = format!(
                        "__init__() should return None, not '{}'",
                        self.type_name(&v)
                    );
                    return Err(self.new_type_error(msg));
                }
                instance
            }
        };
        let Some(caller) = callers.pop() else {
            return Ok(Some(v));
        };
        self.depth -= 1;
        let mut finished = std::mem::replace(frame, caller);
        let inline_gen = finished.take_inline_gen();
        self.recycle_frame(finished);
        match inline_gen {
            None => super::eval_support::push_inline(&mut frame.stack, v),
            Some(g) => {
                if let Err(value) = self.inline_generator_returned(frame, g, v) {
                    return Err(self.new_stop_iteration(value));
                }
            }
        }
        self.safe_point(frame);
        Ok(None)
    }

    /// `push_frame`'s rare cases: a call is a Ctrl-C check point too (recursion without
    /// loops), and the recursion limit.
    #[cold]
    #[inline(never)]
    pub(super) fn call_depth_or_interrupt(&mut self) -> PyResult<()> {
        if super::interrupt::pending() {
            self.handle_interrupt()?;
        }
        if self.depth >= self.recursion_limit {
            let e = self.new_exception_msg(
                &self.exc.recursion_error.clone(),
                "maximum recursion depth exceeded",
            );
            return Err(e);
        }
        Ok(())
    }

    /// CALL of a plain Python function (not a generator, coroutine or async generator)
    /// given exactly its positional parameters, the commonest call: the frame to run, with
    /// the arguments moved off `stack` into its locals and the function popped. None (the
    /// stack untouched) for every other call.
    #[inline(always)]
    pub(super) fn plain_call_frame(
        &mut self,
        stack: &mut super::frame::Stack,
        n: usize,
    ) -> Option<Box<Frame>> {
        let base = stack.len() - n - 1;
        let Value::Obj(o) = &stack[base] else {
            return None;
        };
        let Payload::Function(f) = &o.payload else {
            return None;
        };
        // Not a generator-like function: `exact_arity` has its generator bit set then.
        if f.exact_arity as usize != n {
            return None;
        }
        // Moved out (no reference count traffic); its slot is cut off below.
        let callable = std::mem::replace(&mut stack[base], Value::None);
        let Value::Obj(o) = &callable else {
            unreachable!("checked to be a function above")
        };
        let Payload::Function(f) = &o.payload else {
            unreachable!("checked to be a function above")
        };
        let callee = self.exact_args_function_frame(f, None, stack, n);
        debug_assert_eq!(stack.len(), base + 1);
        // SAFETY: the arguments are gone and slot `base` (the last) holds the `Value::None`
        // put there above, which owns nothing: forgetting it drops nothing.
        unsafe { stack.set_len(base) };
        Some(callee)
    }

    /// LOAD_GLOBAL of `callable` run with the call it starts when that is `g(a)`, `g(k)` or
    /// `g(a <op> k)` of numbers (`fib(n - 1)`): `LOAD_FAST a` or `LOAD_CONST k` (then
    /// `LOAD_CONST k; BINARY_OP`) and `CALL 1` at `frame.ip`, with `callable` a plain Python
    /// function of exactly one parameter. The callee's frame, its argument computed in place
    /// and `frame.ip` past the CALL; None (nothing changed) for everything else, an unbound
    /// local or an operation `fast_numeric_binop` cannot decide included.
    #[inline(always)]
    pub(super) fn global_call_frame(
        &mut self,
        frame: &mut Frame,
        callable: &Value,
    ) -> Option<Box<Frame>> {
        let Value::Obj(o) = callable else {
            return None;
        };
        let Payload::Function(f) = &o.payload else {
            return None;
        };
        // Not a generator-like function: `exact_arity` has its generator bit set then.
        if f.exact_arity != 1 {
            return None;
        }
        let at = frame.ip as usize;
        let (arg, end) = match frame.instructions().get(at..at + 2)? {
            [Instr::LoadFast(a), Instr::Call(1)] => {
                (frame.local(*a as usize).as_ref()?.clone(), at + 2)
            }
            [Instr::LoadConst(k), Instr::Call(1)] => (frame.consts()[*k as usize].clone(), at + 2),
            [Instr::LoadFast(a), Instr::LoadConst(k)] => {
                let Some(&[Instr::BinaryOp { op, .. }, Instr::Call(1)]) =
                    frame.instructions().get(at + 2..at + 4)
                else {
                    return None;
                };
                let a = frame.local(*a as usize).as_ref()?;
                let r = super::ops::fast_numeric_binop(a, &frame.consts()[*k as usize], op)?;
                (r, at + 4)
            }
            _ => return None,
        };
        super::eval_support::push_inline(&mut frame.stack, arg);
        let callee = self.exact_args_function_frame(f, None, &mut frame.stack, 1);
        frame.ip = end as u32;
        Some(callee)
    }

    /// CALL's fast path, as CPython's specialised `CALL_PY_EXACT_ARGS`: a Python function
    /// (no `*args`/`**kwargs`, keyword-only parameters nor cell variables) given exactly its
    /// positional parameters gets a frame whose locals are moved straight off the caller's
    /// stack — no argument vector, no binding checks. The frame of a generator, coroutine or
    /// async generator function is wrapped in its object at once (the call's value).
    /// `receiver` is the `self` of a method call (it fills the first parameter). Takes the
    /// `n` arguments off `stack` only when it succeeds; None = take the general path.
    #[inline(always)]
    pub(super) fn exact_args_call(
        &mut self,
        callable: &Value,
        receiver: Option<Value>,
        stack: &mut super::frame::Stack,
        n: usize,
    ) -> Option<CallOutcome> {
        let Some(Payload::Function(f)) = callable.payload() else {
            return None;
        };
        let flags = f.code.flags;
        if f.exact_argcount() as usize != n + usize::from(receiver.is_some()) {
            return None;
        }
        let frame = self.exact_args_function_frame(f, receiver, stack, n);
        if flags.generator || flags.coroutine || flags.async_generator {
            let obj = callable.as_obj().expect("a function is a heap object");
            return Some(CallOutcome::Value(self.make_generator_for(obj, f, frame)));
        }
        Some(CallOutcome::Frame(frame))
    }

    /// CALL's fast path for `Class(args)`, a plain class (no metaclass, `object.__new__`)
    /// whose `__init__` is a plain Python function taking exactly `self` and these `n`
    /// arguments: the instance is allocated and the `__init__` frame filled straight off the
    /// stack (the frame returns the instance, see `Frame::constructing`); with `object`'s
    /// `__init__` and no arguments the instance is the value. Ok(None): take the general
    /// path.
    pub(super) fn exact_args_construct(
        &mut self,
        callable: &Value,
        stack: &mut super::frame::Stack,
        n: usize,
    ) -> PyResult<Option<CallOutcome>> {
        let Some(cls) = callable.as_obj() else {
            return Ok(None);
        };
        let Payload::Type(t) = &cls.payload else {
            return Ok(None);
        };
        if !t.is_heap || cls.class.is_some() {
            return Ok(None);
        }
        let versions = super::dict_version::mro_versions(cls);
        let cached = match &*t.init_cache.borrow() {
            Some((at, init)) if *at == versions => Some(init.clone()),
            _ => None,
        };
        let init = match cached {
            Some(init) => init,
            None => {
                let new_is_object = match self.lookup_in_mro(cls, "__new__") {
                    Some(new) => matches!(new.payload(), Some(Payload::StaticMethod(f))
                        if matches!(f.payload(), Some(Payload::NativeFunction(nf)) if nf.owner() == Some("object"))),
                    None => false,
                };
                if !new_is_object {
                    return Ok(None);
                }
                let Some(init) = self.lookup_in_mro(cls, "__init__") else {
                    return Ok(None);
                };
                *t.init_cache.borrow_mut() = Some((versions, init.clone()));
                init
            }
        };
        // No `__init__` of its own and no arguments: the new instance is the value.
        if n == 0 && super::call::is_object_slot(&init) {
            return Ok(Some(CallOutcome::Value(Value::Obj(
                self.alloc_instance(cls)?,
            ))));
        }
        let Some(Payload::Function(f)) = init.payload() else {
            return Ok(None);
        };
        let flags = f.code.flags;
        if flags.generator
            || flags.coroutine
            || flags.async_generator
            || f.exact_arity as usize != n + 1
        {
            return Ok(None);
        }
        let instance = self.alloc_instance(cls)?;
        let mut frame =
            self.exact_args_function_frame(f, Some(Value::Obj(instance.clone())), stack, n);
        frame.set_constructing(instance);
        Ok(Some(CallOutcome::Frame(frame)))
    }

    /// Finishes an `exact_args_call` whose callable is already off `frame`'s stack: a frame
    /// is pushed to run next; a generator object is the call's value (and the place it was
    /// made is remembered for a "never awaited" warning, as `prepare_call` does).
    #[allow(clippy::vec_box)]
    #[inline(always)]
    pub(super) fn take_exact_call(
        &mut self,
        frame: &mut Box<Frame>,
        callers: &mut Vec<Box<Frame>>,
        outcome: CallOutcome,
    ) -> Result<(), (ObjRef, bool)> {
        match outcome {
            CallOutcome::Frame(f) => self.push_frame(frame, callers, f).map_err(|e| (e, true)),
            CallOutcome::Value(v) => {
                if let Some((handler, send_at)) = awaited_at_once(frame)
                    && matches!(v.payload(), Some(Payload::Generator(g)) if g.kind() == super::generator::GenKind::Coroutine)
                {
                    self.await_fresh_coroutine(frame, callers, v, handler, send_at);
                    return Ok(());
                }
                self.current_location = (frame.code().filename.clone(), frame.line());
                frame.stack.push(v);
                Ok(())
            }
        }
    }

    /// `await f(...)` where the call just made coroutine `coro`: runs the GET_AWAITABLE,
    /// SETUP_FINALLY, LOAD_CONST None and SEND that follow as one step (a coroutine not yet
    /// started is its own awaitable, and nothing can observe the steps in between), so the
    /// coroutine's frame starts at once, inline, as SEND would start it. When it cannot run
    /// inline (recursion limit, pending Ctrl-C) the SEND is left to run with its None, as
    /// the unfused sequence would have reached it.
    #[allow(clippy::vec_box)]
    #[inline(always)]
    pub(super) fn await_fresh_coroutine(
        &mut self,
        frame: &mut Box<Frame>,
        callers: &mut Vec<Box<Frame>>,
        coro: Value,
        handler: u32,
        send_at: usize,
    ) {
        super::eval_support::push_inline(&mut frame.stack, coro);
        frame.push_handler_block(handler);
        // A fresh coroutine starts (resumed is false): there is no yield to deliver a value to.
        if let Some((gen_frame, _)) = self.enter_generator_inline(top(frame), &Value::None) {
            frame.ip = (send_at + 1) as u32;
            let caller = std::mem::replace(frame, gen_frame);
            super::eval_support::push_inline(callers, caller);
            return;
        }
        frame.stack.push(Value::None);
        frame.ip = send_at as u32;
    }

    /// A plain Python function found on the type for `obj.name(...)` (not shadowed by the
    /// instance dict), to call without creating a bound method.
    /// `names` and `i` are the running code's name table and the name's index in it (the
    /// look-up goes through that name's inline cache).
    pub(super) fn plain_method(
        &self,
        names: &super::global_cache::NameTable,
        i: usize,
        obj: &Value,
        name: &str,
        hash: i64,
    ) -> Option<Value> {
        let cls = self.type_of(obj);
        if matches!(
            obj.payload(),
            Some(Payload::Type(_)) | Some(Payload::Module { .. }) | Some(Payload::Super { .. })
        ) {
            return None;
        }
        let (hooks, f) = self.class_attr_at_site(names, i, &cls, name, hash);
        let f = f?;
        let plain = match f.payload() {
            Some(Payload::Function(_)) => true,
            Some(Payload::NativeFunction(nf)) => nf.is_method,
            _ => false,
        };
        if !plain {
            return None;
        }
        if let Some(Value::Obj(o)) = Some(obj)
            && let Some(d) = &o.dict
            && d.as_dict()
                .is_some_and(|t| t.borrow().str_position(name, hash).is_some())
        {
            return None;
        }
        if hooks & super::object::HOOK_GETATTRIBUTE != 0
            && let Some(ga) = self.lookup_in_mro(&cls, "__getattribute__")
            && matches!(ga.payload(), Some(Payload::Function(_)))
        {
            return None;
        }
        Some(f)
    }

    /// Decides how to call `callable`: a Python function gets a frame to push (unless it is a
    /// generator/coroutine function), everything else is called now.
    pub(super) fn prepare_call(
        &mut self,
        frame: &Frame,
        callers: &[Box<Frame>],
        callable: Value,
        args: Args,
    ) -> PyResult<CallOutcome> {
        let (func_val, args) = match callable.payload() {
            Some(Payload::BoundMethod { receiver, func })
                if matches!(func.payload(), Some(Payload::Function(_))) =>
            {
                let args = args.prepended(receiver.clone());
                (func.clone(), args)
            }
            _ => (callable, args),
        };
        if let Value::Obj(o) = &func_val {
            match &o.payload {
                Payload::Function(f) => {
                    let flags = f.code.flags;
                    let new_frame = self.bind_function_args(f, args)?;
                    if flags.generator || flags.coroutine || flags.async_generator {
                        self.current_location = (frame.code().filename.clone(), frame.line());
                        return Ok(CallOutcome::Value(self.make_generator_for(o, f, new_frame)));
                    }
                    return Ok(CallOutcome::Frame(new_frame));
                }
                Payload::Type(t) if t.is_heap && o.class.is_none() => {
                    if let Some(frame) = self.inline_construct(o, &args)? {
                        return Ok(CallOutcome::Frame(frame));
                    }
                }
                Payload::NativeFunction(nf) if nf.intrinsic.is_some() => {
                    let intrinsic = nf.intrinsic.expect("checked");
                    return self
                        .call_intrinsic(frame, callers, intrinsic, func_val.clone(), args)
                        .map(CallOutcome::Value);
                }
                _ => {}
            }
        }
        self.call_args(&func_val, args).map(CallOutcome::Value)
    }

    /// For `C(...)` where `C` (metaclass `type`) inherits `object.__new__` and defines
    /// `__init__` in Python: allocates the instance and returns the `__init__` frame to run
    /// inline (its return is replaced by the instance). None = take the general path.
    pub(super) fn inline_construct(
        &mut self,
        cls: &ObjRef,
        args: &Args,
    ) -> PyResult<Option<Box<Frame>>> {
        let Some(new) = self.lookup_in_mro(cls, "__new__") else {
            return Ok(None);
        };
        let new_is_object = match new.payload() {
            Some(Payload::StaticMethod(f)) => {
                matches!(f.payload(), Some(Payload::NativeFunction(nf)) if nf.owner() == Some("object"))
            }
            _ => false,
        };
        if !new_is_object {
            return Ok(None);
        }
        let Some(init) = self.lookup_in_mro(cls, "__init__") else {
            return Ok(None);
        };
        let Some(Payload::Function(f)) = init.payload() else {
            return Ok(None);
        };
        let flags = f.code.flags;
        if flags.generator || flags.coroutine || flags.async_generator {
            return Ok(None);
        }
        let instance = self.alloc_instance(cls)?;
        let init_args = args.cloned_with_first(Value::Obj(instance.clone()));
        let mut frame = self.bind_function_args(f, init_args)?;
        frame.set_constructing(instance);
        Ok(Some(frame))
    }
}

/// When the next instructions of `frame` are the `await` of the value a call just made —
/// GET_AWAITABLE 0, SETUP_FINALLY h, LOAD_CONST None, SEND — the handler `h` and the index
/// of the SEND.
#[inline(always)]
pub(super) fn awaited_at_once(frame: &Frame) -> Option<(u32, usize)> {
    let ip = frame.ip as usize;
    match frame.instructions().get(ip..ip + 4)? {
        [
            Instr::GetAwaitable(0),
            Instr::SetupFinally(handler),
            Instr::LoadConst(c),
            Instr::Send(_),
        ] if frame.consts().get(*c as usize).is_some_and(Value::is_none) => {
            Some((*handler, ip + 3))
        }
        _ => None,
    }
}
