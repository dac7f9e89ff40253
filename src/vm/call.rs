//! Calling: argument binding for Python functions, dispatch over callable kinds, and class
//! instantiation (`__new__` then `__init__`).

use super::frame::Frame;
use super::generator::GenKind;
use super::localsplus::RawStack;
use super::native::Args;
use super::object::{Function, Layout, Obj, Payload};
use super::value::{ObjRef, Value};
use super::{PyResult, Vm};
use std::cell::RefCell;
use std::rc::Rc;

/// Formats `'a'`, `'a' and 'b'`, `'a', 'b', and 'c'` as CPython's missing-argument errors do.
fn name_list(names: &[Rc<str>]) -> String {
    match names.len() {
        0 => String::new(),
        1 => format!("'{}'", names[0]),
        2 => format!("'{}' and '{}'", names[0], names[1]),
        n => {
            let head: Vec<String> = names[..n - 1].iter().map(|s| format!("'{s}'")).collect();
            format!("{}, and '{}'", head.join(", "), names[n - 1])
        }
    }
}

impl Vm {
    /// Calls any callable with positional arguments.
    pub fn call(&mut self, f: &Value, args: Vec<Value>) -> PyResult<Value> {
        self.call_args(f, Args::new(args))
    }

    /// Calls `obj.name(*args)`.
    pub fn call_method(&mut self, obj: &Value, name: &str, args: Vec<Value>) -> PyResult<Value> {
        let m = self.get_attr(obj, name)?;
        self.call(&m, args)
    }

    /// Calls a special method looked up on the type (not the instance), or None if absent.
    pub fn call_dunder(
        &mut self,
        obj: &Value,
        name: &str,
        args: Vec<Value>,
    ) -> PyResult<Option<Value>> {
        let cls = self.type_of(obj);
        let Some(f) = self.lookup_in_mro(&cls, name) else {
            return Ok(None);
        };
        let mut full = Vec::with_capacity(args.len() + 1);
        full.push(obj.clone());
        full.extend(args);
        self.call_unbound(&f, obj, full).map(Some)
    }

    /// Calls a function found on a type with `self` already first in `args`, applying the
    /// descriptor protocol only when it is not a plain function.
    fn call_unbound(&mut self, f: &Value, obj: &Value, mut args: Vec<Value>) -> PyResult<Value> {
        match f.payload() {
            Some(Payload::Function(_)) | Some(Payload::NativeFunction(_)) => self.call(f, args),
            _ => {
                args.remove(0);
                let bound = self.bind_descriptor(f, obj)?;
                self.call(&bound, args)
            }
        }
    }

    /// Calls any callable with positional and keyword arguments.
    pub fn call_args(&mut self, f: &Value, args: Args) -> PyResult<Value> {
        let Value::Obj(obj) = f else {
            return Err(self.not_callable(f));
        };
        match &obj.payload {
            Payload::Function(func) => self.invoke_function(obj, func, args),
            Payload::NativeFunction(nf) => {
                let func = nf.func.clone();
                func(self, args)
            }
            Payload::BoundMethod { receiver, func } => {
                let args = args.prepended(receiver.clone());
                let func = func.clone();
                self.call_args(&func, args)
            }
            Payload::Type(_) => self.call_type(obj, args),
            Payload::StaticMethod(inner) => {
                let inner = inner.clone();
                self.call_args(&inner, args)
            }
            _ => {
                let cls = self.type_of(f);
                match self.lookup_in_mro(&cls, "__call__") {
                    Some(call) => {
                        let args = args.prepended(f.clone());
                        self.call_args(&call, args)
                    }
                    None => Err(self.not_callable(f)),
                }
            }
        }
    }

    fn not_callable(&self, f: &Value) -> ObjRef {
        self.new_type_error(format!("'{}' object is not callable", self.type_name(f)))
    }

    /// Binds arguments and runs (or wraps in a generator) a Python function.
    pub fn invoke_function(
        &mut self,
        obj: &ObjRef,
        func: &Function,
        args: Args,
    ) -> PyResult<Value> {
        let frame = self.bind_function_args(func, args)?;
        let flags = func.code.flags;
        if flags.generator || flags.coroutine || flags.async_generator {
            return Ok(self.make_generator_for(obj, func, frame));
        }
        self.run_plain_frame(frame)
    }

    /// Runs the frame of a plain (not generator) function to its return value.
    pub(super) fn run_plain_frame(&mut self, frame: Box<super::frame::Frame>) -> PyResult<Value> {
        match self.run_frame(frame, super::generator::Resume::Value(None))? {
            super::eval::FrameExit::Return(v) => Ok(v),
            super::eval::FrameExit::Yield(..) | super::eval::FrameExit::YieldChain(..) => {
                unreachable!("a plain function frame cannot yield")
            }
        }
    }

    /// Wraps a bound frame of a generator/coroutine function in its generator object.
    #[inline(always)]
    pub fn make_generator_for(
        &mut self,
        _obj: &ObjRef,
        func: &Function,
        frame: Box<Frame>,
    ) -> Value {
        let flags = func.code.flags;
        let kind = if flags.coroutine {
            GenKind::Coroutine
        } else if flags.async_generator {
            GenKind::AsyncGenerator
        } else {
            GenKind::Generator
        };
        self.new_generator(kind, frame, &func.name.borrow(), &func.qualname.borrow())
    }

    /// Builds the frame for calling `func` with `args` (CPython's argument binding and errors).
    pub fn bind_function_args(&mut self, func: &Function, args: Args) -> PyResult<Box<Frame>> {
        let code = func.code.clone();
        let mut frame = self.new_function_frame(func);
        // Exactly the positional parameters, nothing else to bind (the common call of a
        // generator or coroutine function): move them into place.
        if args.kwargs.is_empty()
            && args.positional.len() == code.argcount as usize
            && code.kwonlyargcount == 0
            && !code.flags.varargs
            && !code.flags.varkeywords
            && code.cellvars.is_empty()
        {
            for (slot, v) in frame.locals_mut().iter_mut().zip(args.positional) {
                *slot = Some(v);
            }
            frame.add_cells(&func.closure);
            return Ok(frame);
        }
        let argc = code.argcount as usize;
        let posonly = code.posonlyargcount as usize;
        let kwonly = code.kwonlyargcount as usize;
        let total = argc + kwonly;
        let qualname = func.qualname.borrow().clone();
        let Args {
            mut positional,
            kwargs,
        } = args;
        let given = positional.len();
        let extra = if given > argc && argc == 0 {
            // All of them (`def f(*args)`): moved whole (`split_off(0)` would allocate a
            // second buffer of the same capacity).
            std::mem::take(&mut positional)
        } else if given > argc {
            positional.split_off(argc)
        } else {
            Vec::new()
        };
        for (i, v) in positional.into_iter().enumerate() {
            *frame.local_mut(i) = Some(v);
        }
        let mut slot = total;
        if code.flags.varargs {
            *frame.local_mut(slot) = Some(Value::tuple(extra));
            slot += 1;
        } else if !extra.is_empty() {
            let ndef = func.defaults.borrow().len();
            let takes = if ndef > 0 {
                format!("from {} to {} positional arguments", argc - ndef, argc)
            } else {
                format!(
                    "{argc} positional argument{}",
                    if argc == 1 { "" } else { "s" }
                )
            };
            let were = if given == 1 { "was" } else { "were" };
            return Err(self.new_type_error(format!(
                "{qualname}() takes {takes} but {given} {were} given"
            )));
        }
        let kwdict = if code.flags.varkeywords {
            let d = self.new_dict();
            *frame.local_mut(slot) = Some(Value::Obj(d.clone()));
            Some(d)
        } else {
            None
        };
        let mut posonly_as_kw: Vec<Rc<str>> = Vec::new();
        for (k, v) in kwargs {
            if let Some(i) = code.varnames[posonly..total].iter().position(|n| **n == *k) {
                let i = i + posonly;
                if frame.local(i).is_some() {
                    return Err(self.new_type_error(format!(
                        "{qualname}() got multiple values for argument '{k}'"
                    )));
                }
                *frame.local_mut(i) = Some(v);
            } else if let Some(d) = &kwdict {
                self.dict_set(
                    d,
                    Value::Obj(Obj::new(Payload::Str(super::object::PyStr::from_rc(k)))),
                    v,
                )?;
            } else if code.varnames[..posonly].iter().any(|n| **n == *k) {
                posonly_as_kw.push(k);
            } else {
                return Err(self.new_type_error(format!(
                    "{qualname}() got an unexpected keyword argument '{k}'"
                )));
            }
        }
        if !posonly_as_kw.is_empty() {
            let names: Vec<String> = posonly_as_kw.iter().map(|s| s.to_string()).collect();
            return Err(self.new_type_error(format!(
                "{qualname}() got some positional-only arguments passed as keyword arguments: '{}'",
                names.join(", ")
            )));
        }
        {
            let defaults = func.defaults.borrow();
            let first_default = argc - defaults.len().min(argc);
            let mut missing = Vec::new();
            for i in 0..argc {
                if frame.local(i).is_none() {
                    if i >= first_default {
                        *frame.local_mut(i) = Some(defaults[i - first_default].clone());
                    } else {
                        missing.push(code.varnames[i].clone());
                    }
                }
            }
            if !missing.is_empty() {
                let n = missing.len();
                return Err(self.new_type_error(format!(
                    "{qualname}() missing {n} required positional argument{}: {}",
                    if n == 1 { "" } else { "s" },
                    name_list(&missing)
                )));
            }
        }
        let mut missing = Vec::new();
        for i in argc..total {
            if frame.local(i).is_none() {
                let name = code.varnames[i].clone();
                let kwd = func.kwdefaults.borrow().clone();
                match kwd.and_then(|d| self.dict_get_str(&d, &name)) {
                    Some(v) => *frame.local_mut(i) = Some(v),
                    None => missing.push(name),
                }
            }
        }
        if !missing.is_empty() {
            let n = missing.len();
            return Err(self.new_type_error(format!(
                "{qualname}() missing {n} required keyword-only argument{}: {}",
                if n == 1 { "" } else { "s" },
                name_list(&missing)
            )));
        }
        frame.add_cells(&func.closure);
        Ok(frame)
    }

    /// A frame for `func`, reusing a recycled one when available (saves the allocations of
    /// a fresh frame on every Python call), with its locals unbound and room for its cells
    /// and stack.
    pub(super) fn new_function_frame(&mut self, func: &Function) -> Box<Frame> {
        let mut f = self.pooled_function_frame(func);
        f.stack.reserve_exact(func.names.frame_slots as usize);
        f.stack.add_unbound(func.code.varnames.len());
        f
    }

    /// A frame from the pool set up for `func`, with no locals yet (its buffer is reused
    /// when big enough: the caller reserves room). A pooled frame that last ran the
    /// same code (a recursive or repeated call) keeps its reference to the code's name table
    /// (its code and constants) instead of replacing it with an equal one.
    #[inline(always)]
    fn pooled_function_frame(&mut self, func: &Function) -> Box<Frame> {
        debug_assert!(Rc::ptr_eq(func.names.code(), &func.code));
        match self.frame_pool.pop() {
            Some(mut f) => {
                if !Rc::ptr_eq(&f.names, &func.names) {
                    f.names = func.names.clone();
                }
                if !ObjRef::ptr_eq(&f.globals, &func.globals) {
                    f.globals = func.globals.clone();
                }
                f
            }
            None => fresh_function_frame(func),
        }
    }

    /// A frame for `func` whose first locals are `receiver` (if any) then the last `n`
    /// values of `stack`, moved; the remaining locals start unbound. The caller has checked
    /// that these are exactly the function's positional parameters.
    #[inline(always)]
    pub(super) fn exact_args_function_frame(
        &mut self,
        func: &Function,
        receiver: Option<Value>,
        stack: &mut impl RawStack<Value>,
        n: usize,
    ) -> Box<Frame> {
        let mut f = self.pooled_function_frame(func);
        let nlocals = func.code.varnames.len();
        let first = usize::from(receiver.is_some());
        // Parameters are the first locals (a compiler invariant); checked because the
        // writes below rely on it, as on the frame's buffer being empty with room for them.
        assert!(first + n <= nlocals && n <= stack.len() && f.stack.is_reset());
        // `frame_slots` counts the locals (unless the name table were another code's).
        f.stack
            .reserve_exact((func.names.frame_slots as usize).max(nlocals));
        let base = stack.len() - n;
        // SAFETY: `f.stack` is empty with no prefix and room for `nlocals` slots, and slots
        // 0..nlocals are each written exactly once below before `extend_prefix(nlocals)`
        // makes them the locals. The arguments `stack[base..]` are initialised values;
        // `set_len(base)` first makes the stack forget them and each is then read exactly
        // once, so every value is moved into a local, never duplicated or dropped twice.
        // Nothing touches `stack` between `set_len` and the reads.
        unsafe {
            let dst = f.stack.as_mut_ptr().cast::<Option<Value>>();
            let src = stack.as_ptr().add(base);
            stack.set_len(base);
            if let Some(r) = receiver {
                dst.write(Some(r));
            }
            // One or two arguments and no other locals are the common calls: straight-line
            // moves instead of loops the optimiser unrolls with set-up costs of their own.
            match n {
                0 => {}
                1 => dst.add(first).write(Some(src.read())),
                2 => {
                    dst.add(first).write(Some(src.read()));
                    dst.add(first + 1).write(Some(src.add(1).read()));
                }
                _ => {
                    for i in 0..n {
                        dst.add(first + i).write(Some(src.add(i).read()));
                    }
                }
            }
            // One unbound local beyond the parameters is common too (`i = self.i`).
            let mut i = first + n;
            if i + 1 == nlocals {
                dst.add(i).write(None);
            } else {
                while i < nlocals {
                    dst.add(i).write(None);
                    i += 1;
                }
            }
            f.stack.extend_prefix(nlocals);
        }
        if !func.closure.is_empty() {
            f.stack.add_cells(&func.closure);
        }
        f
    }

    /// Returns a finished frame to the pool (its values are dropped now; its buffer stays).
    #[inline(always)]
    pub fn recycle_frame(&mut self, mut f: Box<Frame>) {
        if self.frame_pool.len() >= 64 {
            return;
        }
        f.stack.reset();
        f.blocks.clear();
        f.ip = 0;
        f.clear_role();
        self.frame_pool.push(f);
    }

    /// Calls a class: `type(x)`, a metaclass `__call__`, or `__new__` + `__init__`.
    pub fn call_type(&mut self, cls: &ObjRef, args: Args) -> PyResult<Value> {
        if args.kwargs.is_empty()
            && let Some(r) = self.convert_call_fast(cls, &args.positional)
        {
            return r;
        }
        let meta = self.type_of(&Value::Obj(cls.clone()));
        if !ObjRef::ptr_eq(&meta, &self.types.type_)
            && let Some(call) = self.lookup_in_mro(&meta, "__call__")
        {
            let is_type_call = matches!(call.payload(), Some(Payload::NativeFunction(nf)) if nf.owner() == Some("type"));
            if !is_type_call {
                let args = args.prepended(Value::Obj(cls.clone()));
                return self.call_args(&call, args);
            }
        }
        if ObjRef::ptr_eq(cls, &self.types.type_)
            && args.positional.len() == 1
            && args.kwargs.is_empty()
        {
            return Ok(Value::Obj(self.type_of(&args.positional[0])));
        }
        self.construct(cls, args)
    }

    /// The native `__new__` that alone makes an instance of built-in class `cls` (range,
    /// int, tuple, ...): `cls` is a built-in type of metaclass `type` with its own
    /// `__new__` and `object`'s `__init__`, which ignores its arguments when `__new__` is
    /// overridden (typeobject.c object_init), so no `__init__` call and no argument copy is
    /// needed. (A native `__new__` only makes instances of the class it is given.) Mirrors
    /// the effect of CPython's CALL_BUILTIN_CLASS specialisation.
    pub fn builtin_class_new(&self, cls: &ObjRef) -> Option<Value> {
        if cls.as_type().is_none_or(|t| t.is_heap) || cls.class.is_some() {
            return None;
        }
        let new = match self.lookup_in_mro(cls, "__new__")? {
            Value::Obj(o) => match &o.payload {
                Payload::StaticMethod(f) => f.clone(),
                _ => Value::Obj(o),
            },
            other => other,
        };
        let init = self.lookup_in_mro(cls, "__init__")?;
        (!is_object_slot(&new) && is_object_slot(&init)).then_some(new)
    }

    /// `type.__call__(cls, *args)`: `__new__` then `__init__` when the result is an instance.
    pub fn construct(&mut self, cls: &ObjRef, args: Args) -> PyResult<Value> {
        if let Some(new) = self.builtin_class_new(cls) {
            return self.call_args(&new, args.prepended(Value::Obj(cls.clone())));
        }
        let instance = match self.lookup_in_mro(cls, "__new__") {
            Some(new) => {
                let new = match new.payload() {
                    Some(Payload::StaticMethod(f)) => f.clone(),
                    _ => new,
                };
                let new_args = args.cloned_with_first(Value::Obj(cls.clone()));
                self.call_args(&new, new_args)?
            }
            None => Value::Obj(self.alloc_instance(cls)?),
        };
        if !self.is_instance(&instance, cls) {
            return Ok(instance);
        }
        let inst_type = self.type_of(&instance);
        if let Some(init) = self.lookup_in_mro(&inst_type, "__init__") {
            // object.__init__ does nothing unless it must reject arguments (which it does
            // only when __new__ is object's too): skip the call, as type_call's tp_init
            // slot would find nothing to do (range(), list(), ... take this path).
            let object = self.types.object.clone();
            let is_object_slot = |vm: &Vm, found: Option<Value>, name: &str| match (
                found,
                vm.lookup_in_mro(&object, name),
            ) {
                (Some(found), Some(own)) => found.is(&own),
                _ => false,
            };
            let no_excess = args.positional.is_empty() && args.kwargs.is_empty();
            if is_object_slot(self, Some(init.clone()), "__init__")
                && (no_excess || {
                    let new = self.lookup_in_mro(&inst_type, "__new__");
                    !is_object_slot(self, new, "__new__")
                })
            {
                return Ok(instance);
            }
            let init_args = args.prepended(instance.clone());
            let r = self.call_args(&init, init_args)?;
            if !r.is_none() {
                return Err(self.new_type_error(format!(
                    "__init__() should return None, not '{}'",
                    self.type_name(&r)
                )));
            }
        }
        Ok(instance)
    }

    /// `object.__new__(cls)`: an empty instance with the payload its layout needs.
    pub fn alloc_instance(&mut self, cls: &ObjRef) -> PyResult<ObjRef> {
        let Some(t) = cls.as_type() else {
            return Err(self.new_type_error("object.__new__(X): X is not a type object"));
        };
        let payload = match t.layout {
            Layout::Object => Payload::Object,
            Layout::Int => Payload::Int(Default::default()),
            Layout::Float => Payload::Float(0.0),
            Layout::Str => Payload::Str(super::object::PyStr::new("")),
            Layout::Bytes => Payload::Bytes(Box::new([])),
            Layout::Tuple => Payload::Tuple(Box::new([])),
            Layout::List => Payload::List(RefCell::new(Vec::new())),
            Layout::Dict => Payload::Dict(RefCell::new(Default::default())),
            Layout::Set => Payload::Set(RefCell::new(super::dict::DictTable::new_set())),
            Layout::FrozenSet => {
                Payload::FrozenSet(RefCell::new(super::dict::DictTable::new_set()))
            }
            Layout::Property => {
                Payload::PropertySub(Box::new(RefCell::new(std::array::from_fn(|_| Value::None))))
            }
            Layout::Exception => {
                return Ok(self.new_exception(cls, vec![]));
            }
            Layout::Type | Layout::Native | Layout::Opaque => {
                let n = self.class_name(cls);
                return Err(self.new_type_error(format!("cannot create '{n}' instances")));
            }
        };
        let dict = if t.is_heap {
            Some(self.new_dict())
        } else {
            None
        };
        Ok(Obj::with_class(cls.clone(), dict, payload))
    }
}

/// A newly allocated frame for `func` with no locals and room for all its slots (the pool
/// was empty).
#[cold]
fn fresh_function_frame(func: &Function) -> Box<Frame> {
    Box::new(Frame::for_function(func))
}

/// True for a slot inherited from `object` (its native `__new__` or `__init__`).
pub(super) fn is_object_slot(f: &Value) -> bool {
    let f = match f.payload() {
        Some(Payload::StaticMethod(inner)) => inner,
        _ => f,
    };
    matches!(f.payload(), Some(Payload::NativeFunction(nf)) if nf.owner() == Some("object"))
}
