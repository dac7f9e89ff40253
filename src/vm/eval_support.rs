//! Helpers of the eval loop: frame intrinsics (`super()`, `globals()`, `eval`/`exec`), name
//! look-ups and their errors, unpacking, `raise`, `except` matching and awaitables.

use super::attr::instance_dict_get_at_site;
use super::eval::{FrameExit, pop};
use super::frame::Frame;
use super::generator::Resume;
use super::native::{Args, FrameIntrinsic};
use super::object::{Function, Obj, Payload};
use super::value::{ObjRef, Value};
use super::{PyResult, Vm};
use std::cell::RefCell;
use std::rc::Rc;

impl Vm {
    /// Natives that need the calling frame: zero-argument `super()`, `globals()`, `locals()`.
    pub(super) fn call_intrinsic(
        &mut self,
        frame: &Frame,
        callers: &[Box<Frame>],
        which: FrameIntrinsic,
        func: Value,
        args: Args,
    ) -> PyResult<Value> {
        match which {
            FrameIntrinsic::GetFrame => self.frame_snapshot(frame, callers, args),
            FrameIntrinsic::Super if args.is_empty() => {
                let Some(Value::Obj(cls)) = class_cell_value(frame) else {
                    return Err(self.new_runtime_error("super(): __class__ cell not found"));
                };
                if frame.code().argcount == 0 {
                    return Err(self.new_runtime_error("super(): no arguments"));
                }
                let Some(first) = first_arg_for_super(frame) else {
                    return Err(self.new_runtime_error("super(): arg[0] deleted"));
                };
                self.new_super(&cls, first)
            }
            FrameIntrinsic::Globals if args.is_empty() => Ok(Value::Obj(frame.globals.clone())),
            FrameIntrinsic::Eval | FrameIntrinsic::Exec => {
                let name = if which == FrameIntrinsic::Eval {
                    "eval"
                } else {
                    "exec"
                };
                let a = args.check(self, name, 1, 3)?.to_vec();
                let globals = match a.get(1) {
                    Some(Value::None) | None => frame.globals.clone(),
                    Some(g) => match g.as_obj().filter(|o| o.as_dict().is_some()) {
                        Some(d) => d.clone(),
                        None => {
                            return Err(self.new_type_error(format!(
                                "{name}() globals must be a dict, not {}",
                                self.type_name(g)
                            )));
                        }
                    },
                };
                let locals = match a.get(2) {
                    Some(l) if !l.is_none() => l.clone(),
                    _ if a.get(1).is_some_and(|g| !g.is_none()) => Value::Obj(globals.clone()),
                    _ => match frame.locals_map() {
                        Some(m) => m.clone(),
                        None => {
                            let d = self.new_dict();
                            for (i, n) in frame.code().varnames.iter().enumerate() {
                                if let Some(v) = frame.local(i) {
                                    self.dict_set_str(&d, n, v.clone());
                                }
                            }
                            Value::Obj(d)
                        }
                    },
                };
                self.eval_or_exec(which == FrameIntrinsic::Eval, &a[0], &globals, locals)
            }
            FrameIntrinsic::Locals if args.is_empty() => Ok(self.frame_locals(frame)),
            FrameIntrinsic::Dir if args.is_empty() => {
                let locals = self.frame_locals(frame);
                let mut names = self.collect(&locals)?;
                let mut keyed = Vec::with_capacity(names.len());
                for n in names.drain(..) {
                    keyed.push((n.as_str().map(String::from).unwrap_or_default(), n));
                }
                keyed.sort_by(|a, b| a.0.cmp(&b.0));
                Ok(Value::list(keyed.into_iter().map(|(_, n)| n).collect()))
            }
            _ => {
                let Some(Payload::NativeFunction(nf)) = func.payload() else {
                    unreachable!("intrinsic is native")
                };
                let f = nf.func.clone();
                f(self, args)
            }
        }
    }

    /// The caller's locals as a mapping (`locals()`): the locals dict of a module or class
    /// body, or a fresh dict of a function's bound fast locals.
    fn frame_locals(&mut self, frame: &Frame) -> Value {
        match frame.locals_map() {
            Some(m) => m.clone(),
            None => {
                let d = self.new_dict();
                for (i, name) in frame.code().varnames.iter().enumerate() {
                    if let Some(v) = frame.local(i) {
                        self.dict_set_str(&d, name, v.clone());
                    }
                }
                Value::Obj(d)
            }
        }
    }

    /// Compiles (unless given a code object) and runs source for `eval`/`exec`.
    /// Compiles `text` as `compile(text, filename, "eval" | "exec")` does.
    pub fn compile_source(
        &mut self,
        text: &str,
        filename: &str,
        is_eval: bool,
    ) -> PyResult<std::rc::Rc<crate::bytecode::Code>> {
        let compiled = if is_eval {
            let trimmed = text.trim_start_matches([' ', '\t']);
            crate::parser::parse_expression(trimmed, filename)
                .and_then(|e| crate::codegen::compile_eval(&e, trimmed, filename))
        } else {
            crate::parser::parse_module(text, filename)
                .and_then(|m| crate::codegen::compile_module(&m, text, filename))
        };
        compiled.map_err(|err| self.syntax_error_to_exception(&err))
    }

    pub fn eval_or_exec(
        &mut self,
        is_eval: bool,
        source: &Value,
        globals: &ObjRef,
        locals: Value,
    ) -> PyResult<Value> {
        let code = match source.payload() {
            Some(Payload::Code(c)) => c.clone(),
            Some(Payload::Str(s)) => {
                let text = s.as_str().to_string();
                self.compile_source(&text, "<string>", is_eval)?
            }
            _ => {
                let what = if is_eval {
                    "eval() arg 1"
                } else {
                    "exec() arg 1"
                };
                return Err(
                    self.new_type_error(format!("{what} must be a string, bytes or code object"))
                );
            }
        };
        if self.dict_get_str(globals, "__builtins__").is_none() {
            self.dict_set_str(globals, "__builtins__", Value::Obj(self.builtins.clone()));
        }
        let consts = self.consts_of(&code);
        let names = super::global_cache::NameTable::empty(code, consts);
        let frame = Box::new(Frame::new(names, globals.clone(), Some(locals)));
        let r = match self.run_frame(frame, Resume::Value(None))? {
            FrameExit::Return(v) => v,
            FrameExit::Yield(..) | FrameExit::YieldChain(..) => Value::None,
        };
        Ok(if is_eval { r } else { Value::None })
    }

    /// Builds `super(cls, obj)`.
    pub fn new_super(&mut self, cls: &ObjRef, obj: Value) -> PyResult<Value> {
        let obj_type = match obj.payload() {
            Some(Payload::Type(_)) if self.is_subclass(obj.as_obj().expect("heap"), cls) => {
                obj.as_obj().expect("heap").clone()
            }
            _ => {
                let t = self.type_of(&obj);
                if !self.is_subclass(&t, cls) {
                    return Err(self.new_type_error(
                        "super(type, obj): obj must be an instance or subtype of type",
                    ));
                }
                t
            }
        };
        Ok(Value::Obj(Obj::new(Payload::Super {
            this_class: cls.clone(),
            obj,
            obj_type,
        })))
    }

    /// `UnboundLocalError` for a fast local read before assignment.
    pub(super) fn unbound_local(&self, name: &str) -> ObjRef {
        self.new_exception_msg(
            &self.exc.unbound_local_error,
            format!(
                "cannot access local variable '{name}' where it is not associated with a value"
            ),
        )
    }

    /// `NameError: name 'x' is not defined` (with `.name` set).
    pub(super) fn name_not_defined(&self, name: &str) -> ObjRef {
        let e = self.new_name_error(format!("name '{name}' is not defined"));
        if let Some(d) = &e.dict {
            self.dict_set_str(d, "name", Value::str(name));
        }
        e
    }

    /// The variable name of cell `i` (cellvars then freevars).
    pub(super) fn cell_name(&self, frame: &Frame, i: usize) -> Rc<str> {
        let ncell = frame.code().cellvars.len();
        if i < ncell {
            frame.code().cellvars[i].clone()
        } else {
            frame.code().freevars[i - ncell].clone()
        }
    }

    /// The error for reading an empty cell.
    pub(super) fn unbound_deref(&self, frame: &Frame, i: usize) -> ObjRef {
        let name = self.cell_name(frame, i);
        if i < frame.code().cellvars.len() {
            self.unbound_local(&name)
        } else {
            self.new_name_error(format!(
                "cannot access free variable '{name}' where it is not associated with a value in enclosing scope"
            ))
        }
    }

    /// LOAD_NAME of name `i`: the locals mapping, then globals, then builtins. A plain
    /// dict mapping (module code, where it is the globals, and class bodies) is read at the
    /// entry position this name last had in it, as instance attributes are (see
    /// `instance_dict_get_at_site`); module code does not look in the same dict twice.
    pub(super) fn load_name(&mut self, frame: &Frame, i: usize) -> PyResult<Value> {
        let name = &*frame.code().names[i];
        let hash = frame.name_hash(i);
        let mut globals_searched = false;
        if let Some(m) = frame.locals_map() {
            match m.as_obj() {
                Some(d) if d.as_dict().is_some() && d.class.is_none() => {
                    if let Some(v) = instance_dict_get_at_site(&frame.names, i, d, name, hash) {
                        return Ok(v);
                    }
                    globals_searched = ObjRef::ptr_eq(d, &frame.globals);
                }
                _ => match self.get_item(m, &Value::str(name)) {
                    Ok(v) => return Ok(v),
                    Err(e) if self.exc_matches(&e, &self.exc.key_error.clone()) => {}
                    Err(e) => return Err(e),
                },
            }
        }
        if !globals_searched && let Some(v) = self.dict_get_str_hashed(&frame.globals, name, hash) {
            return Ok(v);
        }
        if let Some(v) = self.dict_get_str_hashed(&self.builtins_dict(), name, hash) {
            return Ok(v);
        }
        self.lazy_builtin_or_name_error(name)
    }

    /// A name found nowhere: a built-in defined on first use (`bytearray`), else NameError.
    pub(super) fn lazy_builtin_or_name_error(&mut self, name: &str) -> PyResult<Value> {
        crate::builtins::load_lazy_builtin(self, name).ok_or_else(|| self.name_not_defined(name))
    }

    /// STORE_NAME of name `i` into the locals mapping (globals for module code); a plain
    /// dict is written at the position the name last had, as STORE_ATTR does.
    pub(super) fn store_name(&mut self, frame: &Frame, i: usize, v: Value) -> PyResult<()> {
        let name = &*frame.code().names[i];
        let hash = frame.name_hash(i);
        let target = match frame.locals_map() {
            Some(m) => match m.as_obj() {
                Some(d) if d.as_dict().is_some() && d.class.is_none() => d,
                _ => return self.set_item(m, &Value::str(name), v),
            },
            None => &frame.globals,
        };
        let Some(table) = target.as_dict() else {
            return Ok(());
        };
        self.dict_store_at_site(&frame.names, i, table, name, hash, v)
    }

    /// `dict.update` / `**` merging for `DictUpdate`/`DictMerge`.
    pub(super) fn dict_update_from(
        &mut self,
        target: &Value,
        m: &Value,
        merge: bool,
        callee: Option<&Value>,
    ) -> PyResult<()> {
        let Some(d) = target.as_obj().cloned() else {
            return Ok(());
        };
        let pairs = match m.payload() {
            Some(Payload::Dict(_)) => self.dict_items(m.as_obj().expect("heap")),
            _ => {
                let keys = match self.lookup_attr_opt(m, "keys")? {
                    Some(k) => self.call(&k, vec![])?,
                    None => {
                        let what = if merge {
                            let fname = self.callee_str(callee)?;
                            format!(
                                "{fname} argument after ** must be a mapping, not {}",
                                self.type_name(m)
                            )
                        } else {
                            format!("'{}' object is not a mapping", self.type_name(m))
                        };
                        return Err(self.new_type_error(what));
                    }
                };
                let keys = self.collect(&keys)?;
                let mut pairs = Vec::new();
                for k in keys {
                    let v = self.get_item(m, &k)?;
                    pairs.push((k, v));
                }
                pairs
            }
        };
        for (k, v) in pairs {
            if merge && self.dict_get(&d, &k)?.is_some() {
                let fname = self.callee_str(callee)?;
                let ks = self.str(&k)?;
                return Err(self.new_type_error(format!(
                    "{fname} got multiple values for keyword argument '{ks}'"
                )));
            }
            self.dict_set(&d, k, v)?;
        }
        Ok(())
    }

    /// A callable as the errors of `*`/`**` call arguments name it: mirrors
    /// `_PyObject_FunctionStr` (`__main__.C.m()`, `list.append()`, `print()`: the module is left
    /// out when it is None or `builtins`; `str(callable)` when it has no `__qualname__`).
    pub(super) fn function_str(&mut self, callable: &Value) -> PyResult<String> {
        let qualname = match self.lookup_attr_opt(callable, "__qualname__")? {
            Some(q) if q.as_str().is_some() => q,
            _ => return self.str(callable),
        };
        let qualname = qualname.as_str().unwrap_or_default().to_owned();
        match self.lookup_attr_opt(callable, "__module__")? {
            Some(m) if !matches!(m, Value::None) && m.as_str() != Some("builtins") => {
                Ok(format!("{}.{qualname}()", self.str(&m)?))
            }
            _ => Ok(format!("{qualname}()")),
        }
    }

    /// The items of a `*iterable` argument or display item; when it is no iterable, the
    /// TypeError names it as CPython does: `Value after * ...` from LIST_EXTEND, or
    /// `__main__.f() argument after * ...` (check_args_iterable) for a call's lone `*x`.
    pub(super) fn collect_star_arg(
        &mut self,
        iterable: &Value,
        callee: Option<&Value>,
    ) -> PyResult<Vec<Value>> {
        let e = match self.collect(iterable) {
            Ok(items) => return Ok(items),
            Err(e) => e,
        };
        // check_args_iterable's test is of the type (tp_iter or the sequence protocol), so a
        // user class's `__iter__` is not called a second time to find out.
        let iterable_type = if self.has_user_class(iterable) {
            let cls = self.type_of(iterable);
            self.lookup_in_mro(&cls, "__iter__").is_some()
                || self.lookup_in_mro(&cls, "__getitem__").is_some()
        } else {
            self.iter(iterable).is_ok()
        };
        if iterable_type || !self.exc_matches(&e, &self.exc.type_error.clone()) {
            return Err(e);
        }
        let what = match callee {
            Some(c) => format!("{} argument", self.function_str(c)?),
            None => "Value".to_owned(),
        };
        Err(self.new_type_error(format!(
            "{what} after * must be an iterable, not {}",
            self.type_name(iterable)
        )))
    }

    /// `function_str` of the callee a DICT_MERGE merges into, when it knows it.
    fn callee_str(&mut self, callee: Option<&Value>) -> PyResult<String> {
        match callee {
            Some(c) => self.function_str(c),
            None => Ok("function".into()),
        }
    }

    /// Unpacks `seq` into exactly `before` items, or `before` + list + `after` with a star.
    pub(super) fn unpack(
        &mut self,
        seq: &Value,
        before: usize,
        after: Option<usize>,
    ) -> PyResult<Vec<Value>> {
        let items = match self.collect(seq) {
            Ok(items) => items,
            Err(e) => {
                if self.exc_matches(&e, &self.exc.type_error.clone()) && self.iter(seq).is_err() {
                    return Err(self.new_type_error(format!(
                        "cannot unpack non-iterable {} object",
                        self.type_name(seq)
                    )));
                }
                return Err(e);
            }
        };
        match after {
            None => {
                if items.len() < before {
                    return Err(self.new_value_error(format!(
                        "not enough values to unpack (expected {before}, got {})",
                        items.len()
                    )));
                }
                if items.len() > before {
                    return Err(self.new_value_error(format!(
                        "too many values to unpack (expected {before})"
                    )));
                }
                Ok(items)
            }
            Some(after) => {
                if items.len() < before + after {
                    return Err(self.new_value_error(format!(
                        "not enough values to unpack (expected at least {}, got {})",
                        before + after,
                        items.len()
                    )));
                }
                let mut items = items;
                let tail = items.split_off(items.len() - after);
                let middle = items.split_off(before);
                items.push(Value::list(middle));
                items.extend(tail);
                Ok(items)
            }
        }
    }

    /// `except T:` matching, validating T like CPython.
    pub fn exception_matches_spec(&mut self, exc: &Value, spec: &Value) -> PyResult<bool> {
        let classes: Vec<Value> = match spec.as_tuple() {
            Some(t) => t.to_vec(),
            None => vec![spec.clone()],
        };
        let base = self.exc.base_exception.clone();
        let exc_type = self.type_of(exc);
        let mut matched = false;
        for c in &classes {
            match c.as_obj() {
                Some(cls) if cls.as_type().is_some() && self.is_subclass(cls, &base) => {
                    if self.is_subclass(&exc_type, cls) {
                        matched = true;
                    }
                }
                _ => {
                    return Err(self.new_type_error(
                        "catching classes that do not inherit from BaseException is not allowed",
                    ));
                }
            }
        }
        Ok(matched)
    }

    /// Turns the operand of `raise` into an exception instance.
    pub fn make_exception(&mut self, v: &Value) -> PyResult<ObjRef> {
        let base = self.exc.base_exception.clone();
        match v {
            Value::Obj(o) if matches!(o.payload, Payload::Type(_)) => {
                if !self.is_subclass(o, &base) {
                    return Err(self.new_type_error("exceptions must derive from BaseException"));
                }
                let inst = self.call(v, vec![])?;
                match inst {
                    Value::Obj(i) if self.exc_data(&i).is_some() => Ok(i),
                    other => {
                        let r = self.repr(v)?;
                        Err(self.new_type_error(format!(
                            "calling {r} should have returned an instance of BaseException, not {}",
                            self.type_name(&other)
                        )))
                    }
                }
            }
            Value::Obj(o) if self.exc_data(o).is_some() => Ok(o.clone()),
            _ => Err(self.new_type_error("exceptions must derive from BaseException")),
        }
    }

    /// `raise`, `raise exc`, `raise exc from cause`: the exception and whether it gets a
    /// traceback entry (a bare re-raise does not).
    pub(super) fn do_raise(&mut self, frame: &mut Frame, n: u32) -> PyResult<(ObjRef, bool)> {
        match n {
            0 => match self.handled_exception() {
                Some(e) => Ok((e, false)),
                None => Err(self.new_runtime_error("No active exception to reraise")),
            },
            1 => {
                let v = pop(frame);
                Ok((self.make_exception(&v)?, true))
            }
            _ => {
                let cause = pop(frame);
                let v = pop(frame);
                let exc = self.make_exception(&v)?;
                let cause = match &cause {
                    Value::None => Value::None,
                    c => match self.make_exception(c) {
                        Ok(c) => Value::Obj(c),
                        Err(_) => {
                            return Err(self.new_type_error(
                                "exception causes must derive from BaseException",
                            ));
                        }
                    },
                };
                if let Some(d) = self.exc_data(&exc) {
                    let mut d = d.borrow_mut();
                    d.cause = cause;
                    d.suppress_context = true;
                }
                Ok((exc, true))
            }
        }
    }

    /// GET_AWAITABLE: a coroutine, or the iterator returned by `__await__`.
    pub fn get_awaitable(&mut self, v: &Value, place: u32) -> PyResult<Value> {
        // A generator from a `types.coroutine` function is awaited as it is (genobject.c
        // _PyCoro_GetAwaitableIter accepts CO_ITERABLE_COROUTINE generators).
        if let Some(Payload::Generator(g)) = v.payload()
            && g.code.flags.iterable_coroutine
        {
            return Ok(v.clone());
        }
        if let Some(Payload::Generator(g)) = v.payload()
            && g.kind() == super::generator::GenKind::Coroutine
        {
            g.settle();
            if place == 0
                && let Some(stand_in) = self.sleep_zero_awaitable(v)
            {
                return Ok(stand_in);
            }
            if let super::generator::GenState::Suspended(f) = &*g.state.borrow()
                && f.delegate().is_some()
            {
                return Err(self.new_runtime_error("coroutine is being awaited already"));
            }
            return Ok(v.clone());
        }
        if let Some(Payload::Native(n)) = v.payload()
            && n.awaits_itself()
        {
            return Ok(v.clone());
        }
        let cls = self.type_of(v);
        let Some(f) = self.await_method(&cls) else {
            let tn = self.type_name(v);
            let msg = match place {
                1 => format!(
                    "'async with' received an object from __aenter__ that does not implement __await__: {tn}"
                ),
                2 => format!(
                    "'async with' received an object from __aexit__ that does not implement __await__: {tn}"
                ),
                _ => format!("object {tn} can't be used in 'await' expression"),
            };
            return Err(self.new_type_error(msg));
        };
        // The usual `def __await__(self): ... yield ...`: its generator is made directly
        // (the exact-arguments call path, no argument vector).
        if let Some(Payload::Function(func)) = f.payload()
            && func.code.flags.generator
            && func.exact_argcount() == 1
        {
            let frame = self.exact_args_function_frame(func, Some(v.clone()), &mut Vec::new(), 0);
            let obj = f.as_obj().expect("a function is a heap object");
            return Ok(self.make_generator_for(obj, func, frame));
        }
        let it = self.call_bound_dunder(&f, v, vec![])?;
        match it.payload() {
            Some(Payload::Generator(g)) if g.kind() == super::generator::GenKind::Coroutine => {
                return Err(self.new_type_error("__await__() returned a coroutine"));
            }
            Some(Payload::Generator(_)) | Some(Payload::Iterator(_)) => return Ok(it),
            _ => {}
        }
        let it_cls = self.type_of(&it);
        if self.lookup_in_mro(&it_cls, "__next__").is_none() {
            return Err(self.new_type_error(format!(
                "__await__() returned non-iterator of type '{}'",
                self.type_name(&it)
            )));
        }
        Ok(it)
    }

    /// `__await__` on the MRO of `cls`; for a Python class, remembered in the class until one
    /// of its MRO's dicts changes (a custom awaitable is awaited once per `await`).
    fn await_method(&self, cls: &ObjRef) -> Option<Value> {
        self.cached_dunder(cls, "__await__", |t| &t.await_cache)
    }

    /// GET_AITER: `__aiter__` with CPython's errors.
    pub(super) fn get_aiter(&mut self, v: &Value) -> PyResult<Value> {
        let cls = self.type_of(v);
        let Some(f) = self.lookup_in_mro(&cls, "__aiter__") else {
            return Err(self.new_type_error(format!(
                "'async for' requires an object with __aiter__ method, got {}",
                self.type_name(v)
            )));
        };
        let it = self.call_bound_dunder(&f, v, vec![])?;
        let it_cls = self.type_of(&it);
        if self.lookup_in_mro(&it_cls, "__anext__").is_none() {
            return Err(self.new_type_error(format!(
                "'async for' received an object from __aiter__ that does not implement __anext__: {}",
                self.type_name(&it)
            )));
        }
        Ok(it)
    }

    /// GET_ANEXT: the awaitable of `__anext__()` with CPython's errors.
    pub(super) fn get_anext(&mut self, aiter: &Value) -> PyResult<Value> {
        let cls = self.type_of(aiter);
        let Some(f) = self.lookup_in_mro(&cls, "__anext__") else {
            return Err(self.new_type_error(format!(
                "'async for' requires an iterator with __anext__ method, got {}",
                self.type_name(aiter)
            )));
        };
        let aw = self.call_bound_dunder(&f, aiter, vec![])?;
        match self.get_awaitable(&aw, 0) {
            Ok(it) => Ok(it),
            Err(e) if self.exc_matches(&e, &self.exc.type_error.clone()) => Err(self
                .new_type_error(format!(
                    "'async for' received an invalid object from __anext__: {}",
                    self.type_name(&aw)
                ))),
            Err(e) => Err(e),
        }
    }

    /// BUILD_SET. CPython compiles a display of three or more constants to a frozenset
    /// constant (built from the items, then rebuilt from its own iteration order by the
    /// constant merger) and `SET_UPDATE`s it into a new set; the slot layout, hence the
    /// printed order, depends on that, so constant-looking items take the same route.
    pub(super) fn build_set(&mut self, items: Vec<Value>) -> PyResult<ObjRef> {
        use super::dict::DictTable;
        let is_const = |v: &Value| match v {
            Value::Obj(o) => {
                o.class.is_none()
                    && matches!(
                        o.payload,
                        Payload::Str(_) | Payload::Int(_) | Payload::Bytes(_) | Payload::Tuple(_)
                    )
            }
            _ => true,
        };
        let set = Obj::new(Payload::Set(RefCell::new(DictTable::new_set())));
        let Payload::Set(t) = &set.payload else {
            unreachable!("just built a set")
        };
        if items.len() >= 3 && items.iter().all(is_const) {
            let first = RefCell::new(DictTable::new_set());
            for it in items {
                self.table_set(&first, it, Value::None)?;
            }
            let rebuilt = RefCell::new(DictTable::new_set());
            let order: Vec<Value> = first.borrow().iter().map(|e| e.key.clone()).collect();
            for it in order {
                self.table_set(&rebuilt, it, Value::None)?;
            }
            let constant = Value::Obj(Obj::new(Payload::FrozenSet(rebuilt)));
            self.set_update(t, &constant)?;
        } else {
            for it in items {
                self.table_set(t, it, Value::None)?;
            }
        }
        Ok(set)
    }
}

/// `v.push(x)` with the common case (spare capacity) inlined at the call site: inside the
/// large eval loop the optimiser leaves `Vec::push` as an out-of-line call (a frame's stack
/// and the callers' list have their room reserved, so the fallback is rare).
#[inline(always)]
pub(super) fn push_inline<T>(v: &mut impl PushInline<T>, x: T) {
    v.push_inline(x);
}

/// A vector whose push `push_inline` inlines.
pub(super) trait PushInline<T> {
    /// Appends `x`, the spare-capacity case inlined.
    fn push_inline(&mut self, x: T);
}

impl<T> PushInline<T> for Vec<T> {
    #[inline(always)]
    fn push_inline(&mut self, x: T) {
        let len = self.len();
        if len < self.capacity() {
            // SAFETY: `len < capacity`, so slot `len` is allocated and holds no value; it is
            // written exactly once, then counted by `set_len`.
            unsafe {
                self.as_mut_ptr().add(len).write(x);
                self.set_len(len + 1);
            }
        } else {
            self.push(x);
        }
    }
}

impl PushInline<Value> for super::localsplus::LocalsPlus {
    #[inline(always)]
    fn push_inline(&mut self, x: Value) {
        // Already inlined with its growth out of line.
        self.push(x);
    }
}

/// Does what UNPACK_SEQUENCE 2 at `frame.ip` does to the pair `(key, value)`, and the two
/// STORE_FASTs after it when they follow (`for k, v in ...`): stores both (true) or pushes
/// them for the instructions after the unpack (false); skips what it did.
#[inline]
pub(super) fn unpack_pair_in_place(frame: &mut Frame, key: Value, value: Value) -> bool {
    use crate::bytecode::Instr;
    if let Some(&[_, Instr::StoreFast(a), Instr::StoreFast(b)]) = frame
        .instructions()
        .get(frame.ip as usize..frame.ip as usize + 3)
    {
        frame.ip += 3;
        *frame.local_mut(a as usize) = Some(key);
        *frame.local_mut(b as usize) = Some(value);
        return true;
    }
    frame.ip += 1;
    frame.stack.push(value);
    frame.stack.push(key);
    false
}

/// The value in `frame`'s `__class__` cell: zero-argument `super()`'s class.
pub(super) fn class_cell_value(frame: &Frame) -> Option<Value> {
    let at = frame
        .code()
        .freevars
        .iter()
        .position(|n| super::attr_cache::same_text(n.as_bytes(), b"__class__"))?;
    cell_value(frame, frame.code().cellvars.len() + at)
}

/// Zero-argument `super()`'s object, as super_init_without_args takes it: the frame's first
/// parameter, read from its cell when a closure captured it (the cell, not the stale
/// argument slot, holds what the function last assigned).
pub(super) fn first_arg_for_super(frame: &Frame) -> Option<Value> {
    let name = frame.code().varnames.first()?;
    match frame.code().cellvars.iter().position(|n| n == name) {
        Some(i) => cell_value(frame, i),
        None => frame.locals().first().cloned().flatten(),
    }
}

/// The contents of the frame's cell `i` (cell variables, then free variables).
#[inline(always)]
pub(super) fn cell_value(frame: &Frame, i: usize) -> Option<Value> {
    match &frame.get_cell(i)?.payload {
        Payload::Cell(v) => v.borrow().clone(),
        _ => None,
    }
}

impl Vm {
    /// MAKE_FUNCTION with `flags`: the function object for the code object on top of the
    /// stack and, below it, what `flags` says was pushed (closure cells, annotations,
    /// keyword-only and positional defaults, in that order from the top).
    pub(super) fn make_function(&mut self, frame: &mut Frame, flags: u32) -> ObjRef {
        let code = pop(frame);
        let mut pop_if = |bit: u32| (flags & bit != 0).then(|| pop(frame));
        let closure = pop_if(0x08);
        let annotations = pop_if(0x04);
        let kwdefaults = pop_if(0x02);
        let defaults = pop_if(0x01);
        let Some(Payload::Code(code)) = code.payload() else {
            unreachable!("MakeFunction expects a code constant")
        };
        let code = code.clone();
        let names = self.name_table_of(&code);
        let consts = names.consts.clone();
        let cells: Vec<ObjRef> = closure
            .and_then(|c| {
                c.as_tuple()
                    .map(|t| t.iter().filter_map(|v| v.as_obj().cloned()).collect())
            })
            .unwrap_or_default();
        let func = Function {
            name: RefCell::new(code.name.clone()),
            qualname: RefCell::new(code.qualname.clone()),
            defaults: RefCell::new(
                defaults
                    .and_then(|d| d.as_tuple().map(|t| t.to_vec()))
                    .unwrap_or_default(),
            ),
            kwdefaults: RefCell::new(kwdefaults.and_then(|d| d.as_obj().cloned())),
            closure: cells,
            globals: frame.globals.clone(),
            consts,
            names,
            exact_arity: Function::exact_arity_of(&code),
            code,
        };
        let fdict = self.new_dict();
        if let Some(a) = annotations {
            self.dict_set_str(&fdict, "__annotations__", a);
        }
        Obj::with_class(
            self.types.function.clone(),
            Some(fdict),
            Payload::Function(Box::new(func)),
        )
    }
}

impl Vm {
    /// BEFORE_WITH (or BEFORE_ASYNC_WITH when `is_async`): replaces the context manager on
    /// top of the stack with its bound `__exit__` (`__aexit__`) and what `__enter__`
    /// (`__aenter__`) returned. Out of line: the eval loop's registers are laid out better
    /// without it (measured).
    #[inline(never)]
    pub(super) fn before_with(
        &mut self,
        frame: &mut Frame,
        mgr: Value,
        is_async: bool,
    ) -> PyResult<()> {
        let (enter_name, exit_name, protocol) = if is_async {
            ("__aenter__", "__aexit__", "asynchronous context manager")
        } else {
            ("__enter__", "__exit__", "context manager")
        };
        let cls = self.type_of(&mgr);
        let (Some(enter), Some(exit)) = (
            self.lookup_in_mro(&cls, enter_name),
            self.lookup_in_mro(&cls, exit_name),
        ) else {
            let msg = format!(
                "'{}' object does not support the {protocol} protocol",
                self.type_name(&mgr)
            );
            return Err(self.new_type_error(msg));
        };
        let exit_bound = self.bind_descriptor(&exit, &mgr)?;
        frame.stack.push(exit_bound);
        let r = self.call_bound_dunder(&enter, &mgr, vec![])?;
        frame.stack.push(r);
        Ok(())
    }
}
