//! The built-in functions: print, len, isinstance, iter, next, min, max, sorted, ...

use crate::ast::{CmpOp, Operator};
use crate::vm::native::{FrameIntrinsic, NativeFunction, check_count};
use crate::vm::object::{IterState, Obj, Payload};
use crate::vm::seq::ItemSink;
use crate::vm::{Args, ObjRef, PyResult, Value, Vm};
use std::ops::ControlFlow;
use std::rc::Rc;

/// `builtins.name = v` at start-up, hashing the name without the name-hash memo: a memo
/// entry keyed by where this literal lives would never serve a program's look-up, and
/// would cost a copy of the name (~150 of them).
fn set_builtin(vm: &Vm, b: &ObjRef, name: &str, v: Value) {
    let hash = crate::vm::hashing::hash_str_uncached(name);
    vm.dict_set_str_hashed(b, name, hash, v);
}

fn set(vm: &mut Vm, name: &str, f: impl Fn(&mut Vm, Args) -> PyResult<Value> + 'static) {
    let v = vm.new_native_fn(name, f);
    let b = vm.builtins_dict();
    set_builtin(vm, &b, name, v);
}

fn set_intrinsic(
    vm: &mut Vm,
    name: &str,
    which: FrameIntrinsic,
    f: impl Fn(&mut Vm, Args) -> PyResult<Value> + 'static,
) {
    let v = Value::Obj(Obj::new(Payload::NativeFunction(NativeFunction {
        names: crate::vm::native::NativeNames::boxed(Rc::from(name), None),
        func: Rc::new(f),
        is_method: false,
        intrinsic: Some(which),
        fast: None,
    })));
    let b = vm.builtins_dict();
    set_builtin(vm, &b, name, v);
}

/// `round`'s ndigits as an i64, an int beyond its range clamped to it (as CPython's
/// `PyNumber_AsSsize_t(ndigits, NULL)` does).
fn ndigits_clamped(vm: &mut Vm, n: &Value) -> PyResult<i64> {
    if let Some(b) = n.as_bigint().filter(|_| n.as_i64().is_none()) {
        return Ok(if num_traits::Signed::is_negative(&b) {
            i64::MIN
        } else {
            i64::MAX
        });
    }
    to_int_arg(vm, n)
}

/// The name argument of getattr/setattr/delattr/hasattr, with CPython's TypeError for a
/// non-str.
fn attr_name(vm: &mut Vm, v: &Value) -> PyResult<String> {
    match v.as_str() {
        Some(name) => Ok(name.to_string()),
        None => Err(vm.new_type_error(format!(
            "attribute name must be string, not '{}'",
            vm.type_name(v)
        ))),
    }
}

/// Registers a builtin that takes positional arguments only: CALL runs it on the stack's
/// arguments (no `Args` vector); a call with keywords fails as `Args::check` says.
fn set_positional(
    vm: &mut Vm,
    name: &'static str,
    f: impl Fn(&mut Vm, &[Value]) -> PyResult<Value> + 'static,
) {
    let v = vm.new_native_fn_positional(name, f);
    let b = vm.builtins_dict();
    set_builtin(vm, &b, name, v);
}

/// `isinstance(v, spec)` with tuples and `__instancecheck__`.
pub fn isinstance(vm: &mut Vm, v: &Value, spec: &Value) -> PyResult<bool> {
    if let Some(items) = spec.as_tuple() {
        for s in items {
            if isinstance(vm, v, s)? {
                return Ok(true);
            }
        }
        return Ok(false);
    }
    match spec.as_obj() {
        Some(cls) if cls.as_type().is_some() => {
            if vm.is_instance(v, cls) {
                return Ok(true);
            }
            let meta = vm.type_of(spec);
            if meta.as_type().is_some_and(|t| t.is_heap)
                && let Some(f) = vm.lookup_in_mro(&meta, "__instancecheck__")
            {
                let r = vm.call(&f, vec![spec.clone(), v.clone()])?;
                return vm.truthy(&r);
            }
            Ok(false)
        }
        _ => {
            Err(vm
                .new_type_error("isinstance() arg 2 must be a type, a tuple of types, or a union"))
        }
    }
}

fn issubclass(vm: &mut Vm, c: &Value, spec: &Value) -> PyResult<bool> {
    let Some(cls) = c.as_obj().filter(|o| o.as_type().is_some()).cloned() else {
        return Err(vm.new_type_error("issubclass() arg 1 must be a class"));
    };
    if let Some(items) = spec.as_tuple() {
        for s in items {
            if issubclass(vm, c, s)? {
                return Ok(true);
            }
        }
        return Ok(false);
    }
    match spec.as_obj() {
        Some(sup) if sup.as_type().is_some() => {
            if vm.is_subclass(&cls, sup) {
                return Ok(true);
            }
            // A metaclass's __subclasscheck__ (abc.ABCMeta: registered virtual subclasses).
            let meta = vm.type_of(spec);
            if meta.as_type().is_some_and(|t| t.is_heap)
                && let Some(f) = vm.lookup_in_mro(&meta, "__subclasscheck__")
            {
                let r = vm.call(&f, vec![spec.clone(), c.clone()])?;
                return vm.truthy(&r);
            }
            Ok(false)
        }
        _ => Err(
            vm.new_type_error("issubclass() arg 2 must be a class, a tuple of classes, or a union")
        ),
    }
}

/// min()/max() shared implementation.
fn min_max(vm: &mut Vm, mut args: Args, name: &str, op: CmpOp) -> PyResult<Value> {
    let key = args.take_kwarg("key").filter(|k| !k.is_none());
    let default = args.take_kwarg("default");
    args.no_kwargs(vm, name)?;
    // Mirrors min_max: the items are compared as they come (a key called per item between
    // the iterator's steps), not collected first.
    let mut extreme = Extreme {
        key,
        op,
        best: None,
    };
    match args.positional.len() {
        0 => return Err(vm.new_type_error(format!("{name} expected at least 1 argument, got 0"))),
        1 => {
            let it = vm.iter(&args.positional[0])?;
            vm.drain_into(&it, &mut extreme)?;
        }
        _ => {
            if default.is_some() {
                return Err(vm.new_type_error(format!(
                    "Cannot specify a default for {name}() with multiple positional arguments"
                )));
            }
            // `Extreme` never ends an iteration early.
            for it in std::mem::take(&mut args.positional) {
                let _never_breaks = extreme.take(vm, it)?;
            }
        }
    }
    match extreme.best {
        Some((_, v)) => Ok(v),
        None => match default {
            Some(d) => Ok(d),
            None => Err(vm.new_value_error(format!("{name}() arg is an empty sequence"))),
        },
    }
}

/// `min()` / `max()`'s running choice.
struct Extreme {
    /// The `key=` function, if any.
    key: Option<Value>,
    /// `<` for `min()`, `>` for `max()`: an item replaces the best when its key compares so.
    op: CmpOp,
    /// The best item so far, after its key.
    best: Option<(Value, Value)>,
}

impl ItemSink for Extreme {
    /// Small ints without a key compare without the VM.
    #[inline]
    fn take_plain(&mut self, item: Value) -> Result<ControlFlow<()>, Value> {
        let (None, Value::Int(i)) = (&self.key, &item) else {
            return Err(item);
        };
        let i = *i;
        let better = match (&self.best, self.op) {
            (None, _) => true,
            (Some((Value::Int(b), _)), CmpOp::Lt) => i < *b,
            (Some((Value::Int(b), _)), CmpOp::Gt) => i > *b,
            _ => return Err(item),
        };
        if better {
            self.best = Some((Value::Int(i), item));
        }
        Ok(ControlFlow::Continue(()))
    }

    fn take(&mut self, vm: &mut Vm, item: Value) -> PyResult<ControlFlow<()>> {
        let item = match self.take_plain(item) {
            Ok(flow) => return Ok(flow),
            Err(item) => item,
        };
        let k = match &self.key {
            Some(f) => vm.call(f, vec![item.clone()])?,
            None => item.clone(),
        };
        let better = match &self.best {
            None => true,
            Some((bk, _)) => {
                let r = vm.compare(&k, bk, self.op)?;
                vm.truthy(&r)?
            }
        };
        if better {
            self.best = Some((k, item));
        }
        Ok(ControlFlow::Continue(()))
    }
}

/// Sorts values in place with an optional key (stable merge sort, `<` via the VM).
pub fn sort_values(
    vm: &mut Vm,
    items: Vec<Value>,
    key: Option<&Value>,
    reverse: bool,
) -> PyResult<Vec<Value>> {
    let mut keyed: Vec<(Value, Value)> = Vec::with_capacity(items.len());
    for it in items {
        let k = match key {
            Some(f) => vm.call(f, vec![it.clone()])?,
            None => it.clone(),
        };
        keyed.push((k, it));
    }
    if reverse {
        keyed.reverse();
    }
    let sorted = merge_sort(vm, keyed)?;
    let mut out: Vec<Value> = sorted.into_iter().map(|(_, v)| v).collect();
    if reverse {
        out.reverse();
    }
    Ok(out)
}

fn less(vm: &mut Vm, a: &Value, b: &Value) -> PyResult<bool> {
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => Ok(x < y),
        (Value::Float(x), Value::Float(y)) => Ok(x < y),
        _ => {
            if let (Some(x), Some(y)) = (a.as_str(), b.as_str())
                && !vm.has_user_class(a)
                && !vm.has_user_class(b)
            {
                return Ok(x < y);
            }
            let r = vm.compare(a, b, CmpOp::Lt)?;
            vm.truthy(&r)
        }
    }
}

fn merge_sort(vm: &mut Vm, v: Vec<(Value, Value)>) -> PyResult<Vec<(Value, Value)>> {
    if v.len() <= 1 {
        return Ok(v);
    }
    if v.len() <= 8 {
        // Stable insertion sort for short runs.
        let mut out: Vec<(Value, Value)> = Vec::with_capacity(v.len());
        for item in v {
            let mut pos = out.len();
            while pos > 0 && less(vm, &item.0, &out[pos - 1].0)? {
                pos -= 1;
            }
            out.insert(pos, item);
        }
        return Ok(out);
    }
    let mut v = v;
    let right = v.split_off(v.len() / 2);
    let left = merge_sort(vm, v)?;
    let right = merge_sort(vm, right)?;
    let mut out = Vec::with_capacity(left.len() + right.len());
    let mut l = left.into_iter().peekable();
    let mut r = right.into_iter().peekable();
    loop {
        match (l.peek(), r.peek()) {
            (Some(a), Some(b)) => {
                if less(vm, &b.0, &a.0)? {
                    out.push(r.next().expect("peeked"));
                } else {
                    out.push(l.next().expect("peeked"));
                }
            }
            (Some(_), None) => out.push(l.next().expect("peeked")),
            (None, Some(_)) => out.push(r.next().expect("peeked")),
            (None, None) => break,
        }
    }
    Ok(out)
}

/// `__build_class__(func, name, *bases, metaclass=..., **kwds)`.
fn build_class(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    if args.positional.len() < 2 {
        return Err(vm.new_type_error("__build_class__: not enough arguments"));
    }
    let func = args.positional.remove(0);
    let name = args.positional.remove(0);
    let name_s = name.as_str().unwrap_or("?").to_string();
    let mut bases = Vec::new();
    let orig_bases = args.positional.clone();
    for b in &orig_bases {
        if b.as_obj().is_some_and(|o| o.as_type().is_some()) {
            bases.push(b.as_obj().expect("checked").clone());
        } else if let Some(f) = vm.lookup_attr_opt(b, "__mro_entries__")? {
            let r = vm.call(&f, vec![Value::tuple(orig_bases.clone())])?;
            for x in vm.collect(&r)? {
                if let Some(o) = x.as_obj() {
                    bases.push(o.clone());
                }
            }
        } else {
            return Err(vm.new_type_error("bases must be types"));
        }
    }
    let explicit_meta = args.take_kwarg("metaclass");
    let mut meta = match &explicit_meta {
        Some(m) => m.clone(),
        None => match bases.first() {
            Some(b) => Value::Obj(vm.type_of(&Value::Obj(b.clone()))),
            None => Value::Obj(vm.types.type_.clone()),
        },
    };
    // The most derived metaclass among the bases wins.
    if let Some(m) = meta.as_obj().filter(|m| m.as_type().is_some()).cloned() {
        let mut winner = m;
        for b in &bases {
            let bm = vm.type_of(&Value::Obj(b.clone()));
            if vm.is_subclass(&bm, &winner) {
                winner = bm;
            } else if !vm.is_subclass(&winner, &bm) {
                return Err(vm.new_type_error(
                    "metaclass conflict: the metaclass of a derived class must be a (non-strict) subclass of the metaclasses of all its bases",
                ));
            }
        }
        meta = Value::Obj(winner);
    }
    let ns = match vm.lookup_attr_opt(&meta, "__prepare__")? {
        Some(p) if !matches!(p.payload(), Some(Payload::NativeFunction(_))) => {
            let mut pargs = Args::new(vec![
                name.clone(),
                Value::tuple(bases.iter().map(|b| Value::Obj(b.clone())).collect()),
            ]);
            pargs.kwargs = args.kwargs.clone();
            vm.call_args(&p, pargs)?
        }
        _ => Value::Obj(vm.new_dict()),
    };
    let Some(Payload::Function(f)) = func.payload() else {
        return Err(vm.new_type_error("__build_class__: func must be a function"));
    };
    let mut frame = vm.bind_function_args(f, Args::default())?;
    frame.set_locals_map(ns.clone());
    let cell_value = match vm.run_frame(frame, crate::vm::generator::Resume::Value(None))? {
        crate::vm::eval::FrameExit::Return(v) => v,
        crate::vm::eval::FrameExit::Yield(..) | crate::vm::eval::FrameExit::YieldChain(..) => {
            Value::None
        }
    };
    if (!orig_bases
        .iter()
        .zip(bases.iter())
        .all(|(a, b)| a.as_obj().is_some_and(|a| ObjRef::ptr_eq(a, b)))
        || orig_bases.len() != bases.len())
        && let Some(d) = ns.as_obj()
    {
        vm.dict_set_str(d, "__orig_bases__", Value::tuple(orig_bases.clone()));
    }
    let bases_val = Value::tuple(bases.iter().map(|b| Value::Obj(b.clone())).collect());
    let mut margs = Args::new(vec![name, bases_val, ns]);
    margs.kwargs = args.kwargs;
    let cls = vm.call_args(&meta, margs)?;
    if let Value::Obj(c) = &cell_value
        && let Payload::Cell(cell) = &c.payload
    {
        *cell.borrow_mut() = Some(cls.clone());
    }
    let _ = name_s;
    Ok(cls)
}

/// type(name, bases, ns, **kwds) as a metaclass: creates the class, sets `__set_name__`
/// and runs `__init_subclass__`.
pub fn type_new(
    vm: &mut Vm,
    meta: &ObjRef,
    name: &str,
    bases: Vec<ObjRef>,
    ns: &ObjRef,
    kwargs: Vec<(Rc<str>, Value)>,
) -> PyResult<Value> {
    if vm.dict_get_str(ns, "__eq__").is_some() && vm.dict_get_str(ns, "__hash__").is_none() {
        vm.dict_set_str(ns, "__hash__", Value::None);
    }
    let classcell = vm.dict_remove_str(ns, "__classcell__");
    let cls = vm.new_class(meta, name, bases.clone(), ns)?;
    let cls_v = Value::Obj(cls.clone());
    if let Some(Value::Obj(cell)) = &classcell
        && let Payload::Cell(c) = &cell.payload
    {
        *c.borrow_mut() = Some(cls_v.clone());
    }
    for (k, v) in vm.dict_items(ns) {
        if v.payload().is_some_and(|p| {
            matches!(
                p,
                Payload::Object | Payload::Native(_) | Payload::PropertySub(_)
            )
        }) {
            let t = vm.type_of(&v);
            if t.as_type().is_some_and(|t| t.is_heap)
                && let Some(f) = vm.lookup_in_mro(&t, "__set_name__")
            {
                vm.call(&f, vec![v.clone(), cls_v.clone(), k.clone()])?;
            }
        }
    }
    let sup = vm.new_super(&cls, cls_v.clone())?;
    let init_sub = vm.get_attr(&sup, "__init_subclass__")?;
    vm.call_args(
        &init_sub,
        Args {
            positional: vec![],
            kwargs,
        },
    )?;
    Ok(cls_v)
}

fn print(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let sep = args.take_kwarg("sep").filter(|v| !v.is_none());
    let end = args.take_kwarg("end").filter(|v| !v.is_none());
    let file = args.take_kwarg("file").filter(|v| !v.is_none());
    let flush = args.take_kwarg("flush");
    args.no_kwargs(vm, "print")?;
    let sep = match sep {
        Some(s) => match s.as_str() {
            Some(s) => s.to_string(),
            None => {
                return Err(vm.new_type_error(format!(
                    "sep must be None or a string, not {}",
                    vm.type_name(&s)
                )));
            }
        },
        None => " ".to_string(),
    };
    let end = match end {
        Some(s) => match s.as_str() {
            Some(s) => s.to_string(),
            None => {
                return Err(vm.new_type_error(format!(
                    "end must be None or a string, not {}",
                    vm.type_name(&s)
                )));
            }
        },
        None => "\n".to_string(),
    };
    let sink = match file {
        Some(f) => f,
        None => match super::sys::current_stream(vm, "stdout") {
            Some(f) if f.is_none() => return Ok(Value::None),
            Some(f) => f,
            None => {
                write_joined(vm, &args.positional, &sep, &end, false)?;
                return finish_print(vm, flush, None);
            }
        },
    };
    if let Some(is_err) = super::sys::native_stream_kind(&sink) {
        write_joined(vm, &args.positional, &sep, &end, is_err)?;
        return finish_print(vm, flush, Some(&sink));
    }
    // Mirrors bltinmodule.c builtin_print: one write() call per piece.
    for (i, a) in args.positional.iter().enumerate() {
        if i > 0 {
            vm.call_method(&sink, "write", vec![Value::string(sep.clone())])?;
        }
        let text = vm.str(a)?;
        vm.call_method(&sink, "write", vec![Value::string(text)])?;
    }
    vm.call_method(&sink, "write", vec![Value::string(end)])?;
    finish_print(vm, flush, Some(&sink))
}

/// Writes the printed arguments to the process's own stdout or stderr in one piece.
fn write_joined(vm: &mut Vm, items: &[Value], sep: &str, end: &str, is_err: bool) -> PyResult<()> {
    let mut out = String::new();
    for (i, a) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(sep);
        }
        out.push_str(&vm.str(a)?);
    }
    out.push_str(end);
    if is_err {
        vm.write_stderr(&out);
    } else {
        vm.write_stdout(&out);
    }
    Ok(())
}

/// Honours print's `flush=True`: calls the sink's `flush()` (the process stdout when `sink` is None).
fn finish_print(vm: &mut Vm, flush: Option<Value>, sink: Option<&Value>) -> PyResult<Value> {
    if let Some(fl) = flush
        && vm.truthy(&fl)?
    {
        match sink {
            Some(f) => {
                vm.call_method(f, "flush", vec![])?;
            }
            None => vm.flush_stdout(),
        }
    }
    Ok(Value::None)
}

fn to_int_arg(vm: &mut Vm, v: &Value) -> PyResult<i64> {
    vm.index_value(v)
}

/// Registers the built-in functions.
pub fn init(vm: &mut Vm) {
    let b = vm.builtins_dict();
    let t = &vm.types;
    let type_entries: Vec<(&str, ObjRef)> = vec![
        ("object", t.object.clone()),
        ("type", t.type_.clone()),
        ("int", t.int.clone()),
        ("bool", t.bool_.clone()),
        ("float", t.float.clone()),
        ("str", t.str_.clone()),
        ("bytes", t.bytes.clone()),
        ("list", t.list.clone()),
        ("tuple", t.tuple.clone()),
        ("dict", t.dict.clone()),
        ("set", t.set.clone()),
        ("frozenset", t.frozenset.clone()),
        ("range", t.range.clone()),
        ("slice", t.slice.clone()),
        ("property", t.property.clone()),
        ("staticmethod", t.staticmethod.clone()),
        ("classmethod", t.classmethod.clone()),
        ("enumerate", t.enumerate.clone()),
        ("zip", t.zip.clone()),
        ("map", t.map.clone()),
        ("filter", t.filter.clone()),
        ("reversed", t.reversed.clone()),
    ];
    for (name, cls) in type_entries {
        set_builtin(vm, &b, name, Value::Obj(cls));
    }
    for (name, cls) in vm.exc.all.clone() {
        set_builtin(vm, &b, name, Value::Obj(cls));
    }
    let os_error = vm.exc.os_error.clone();
    set_builtin(vm, &b, "EnvironmentError", Value::Obj(os_error.clone()));
    set_builtin(vm, &b, "IOError", Value::Obj(os_error));
    set_builtin(vm, &b, "None", Value::None);
    set_builtin(vm, &b, "True", Value::Bool(true));
    set_builtin(vm, &b, "False", Value::Bool(false));
    let ni = vm.not_implemented.clone();
    set_builtin(vm, &b, "NotImplemented", ni);
    let el = vm.ellipsis.clone();
    set_builtin(vm, &b, "Ellipsis", el);
    set_builtin(vm, &b, "__name__", Value::str("builtins"));
    set_builtin(vm, &b, "__debug__", Value::Bool(true));

    set(vm, "print", print);
    set_positional(vm, "len", |vm, a| {
        // An exact built-in str, list, tuple or dict (no class of its own, so no `__len__`
        // override): its length at once.
        if let [Value::Obj(o)] = a
            && o.class.is_none()
        {
            let n = match &o.payload {
                Payload::Str(s) => Some(s.char_len()),
                Payload::List(l) => Some(l.borrow().len()),
                Payload::Tuple(t) => Some(t.len()),
                Payload::Dict(t) => Some(t.borrow().len()),
                _ => None,
            };
            if let Some(n) = n {
                return Ok(Value::Int(n as i64));
            }
        }
        check_count(vm, "len", a.len(), 1, 1)?;
        let a = a[0].clone();
        Ok(Value::Int(vm.len(&a)? as i64))
    });
    set_positional(vm, "repr", |vm, a| {
        check_count(vm, "repr", a.len(), 1, 1)?;
        let a = a[0].clone();
        Ok(Value::string(vm.repr(&a)?))
    });
    set(vm, "ascii", |vm, args| {
        let a = args.check(vm, "ascii", 1, 1)?[0].clone();
        let r = vm.repr(&a)?;
        Ok(Value::string(crate::vm::format::ascii_escape(&r)))
    });
    set_positional(vm, "isinstance", |vm, a| {
        check_count(vm, "isinstance", a.len(), 2, 2)?;
        Ok(Value::Bool(isinstance(vm, &a[0], &a[1])?))
    });
    set_positional(vm, "issubclass", |vm, a| {
        check_count(vm, "issubclass", a.len(), 2, 2)?;
        Ok(Value::Bool(issubclass(vm, &a[0], &a[1])?))
    });
    set(vm, "iter", |vm, args| {
        let a = args.check(vm, "iter", 1, 2)?.to_vec();
        if a.len() == 2 {
            return Ok(vm.new_iterator(IterState::Callable {
                func: a[0].clone(),
                sentinel: a[1].clone(),
            }));
        }
        vm.iter(&a[0])
    });
    set(vm, "next", |vm, args| {
        let a = args.check(vm, "next", 1, 2)?.to_vec();
        let it = &a[0];
        let is_iter = matches!(
            it.payload(),
            Some(Payload::Iterator(_)) | Some(Payload::Generator(_))
        ) || vm.lookup_in_mro(&vm.type_of(it), "__next__").is_some();
        if !is_iter {
            return Err(
                vm.new_type_error(format!("'{}' object is not an iterator", vm.type_name(it)))
            );
        }
        if let Some(Payload::Generator(_)) = it.payload() {
            let g = it.as_obj().expect("heap").clone();
            return match vm.gen_send(&g, Value::None)? {
                crate::vm::generator::SendResult::Yield(v) => Ok(v),
                crate::vm::generator::SendResult::Return(v) => match a.get(1) {
                    Some(d) => Ok(d.clone()),
                    None => Err(vm.new_stop_iteration(v)),
                },
            };
        }
        if !matches!(it.payload(), Some(Payload::Iterator(_))) {
            let cls = vm.type_of(it);
            let f = vm.lookup_in_mro(&cls, "__next__").expect("checked");
            return match vm.call_bound_dunder(&f, it, vec![]) {
                Err(e) if a.len() == 2 && vm.exc_matches(&e, &vm.exc.stop_iteration.clone()) => {
                    Ok(a[1].clone())
                }
                other => other,
            };
        }
        match vm.next(it)? {
            Some(v) => Ok(v),
            None => match a.get(1) {
                Some(d) => Ok(d.clone()),
                None => Err(vm.new_stop_iteration(Value::None)),
            },
        }
    });
    set(vm, "getattr", |vm, args| {
        let a = args.check(vm, "getattr", 2, 3)?.to_vec();
        let name = attr_name(vm, &a[1])?;
        match a.get(2) {
            Some(d) => Ok(vm
                .lookup_attr_opt(&a[0], &name)?
                .unwrap_or_else(|| d.clone())),
            None => vm.get_attr(&a[0], &name),
        }
    });
    set(vm, "setattr", |vm, args| {
        let a = args.check(vm, "setattr", 3, 3)?.to_vec();
        let name = attr_name(vm, &a[1])?;
        vm.set_attr(&a[0], &name, a[2].clone())?;
        Ok(Value::None)
    });
    set(vm, "delattr", |vm, args| {
        let a = args.check(vm, "delattr", 2, 2)?.to_vec();
        let name = attr_name(vm, &a[1])?;
        vm.del_attr(&a[0], &name)?;
        Ok(Value::None)
    });
    set(vm, "hasattr", |vm, args| {
        let a = args.check(vm, "hasattr", 2, 2)?.to_vec();
        let name = attr_name(vm, &a[1])?;
        Ok(Value::Bool(vm.lookup_attr_opt(&a[0], &name)?.is_some()))
    });
    set_positional(vm, "id", |vm, a| {
        check_count(vm, "id", a.len(), 1, 1)?;
        Ok(Value::Int(a[0].id() as i64))
    });
    set_positional(vm, "hash", |vm, a| {
        check_count(vm, "hash", a.len(), 1, 1)?;
        let a = a[0].clone();
        Ok(Value::Int(vm.hash(&a)?))
    });
    set_positional(vm, "abs", |vm, a| {
        check_count(vm, "abs", a.len(), 1, 1)?;
        let a = a[0].clone();
        match &a {
            Value::Int(i) => Ok(i.checked_abs().map(Value::Int).unwrap_or_else(|| {
                Value::bigint(num_bigint::BigInt::from(*i).magnitude().clone().into())
            })),
            Value::Float(f) => Ok(Value::Float(f.abs())),
            Value::Bool(b) => Ok(Value::Int(*b as i64)),
            _ => {
                if let Some(b) = a.as_bigint() {
                    return Ok(Value::bigint(num_traits::Signed::abs(&b)));
                }
                match vm.call_dunder(&a, "__abs__", vec![])? {
                    Some(v) => Ok(v),
                    None => Err(vm.new_type_error(format!(
                        "bad operand type for abs(): '{}'",
                        vm.type_name(&a)
                    ))),
                }
            }
        }
    });
    set(vm, "min", |vm, args| min_max(vm, args, "min", CmpOp::Lt));
    set(vm, "max", |vm, args| min_max(vm, args, "max", CmpOp::Gt));
    set(vm, "sum", |vm, mut args| {
        let start = args.take_kwarg("start");
        let a = args.check(vm, "sum", 1, 2)?.to_vec();
        let acc = start.or_else(|| a.get(1).cloned()).unwrap_or(Value::Int(0));
        if acc.as_str().is_some() {
            return Err(vm.new_type_error("sum() can't sum strings [use ''.join(seq) instead]"));
        }
        let it = vm.iter(&a[0])?;
        let mut total = SumTotal { acc, wide: None };
        vm.drain_into(&it, &mut total)?;
        Ok(total.into_value())
    });
    set(vm, "sorted", |vm, mut args| {
        let key = args.take_kwarg("key").filter(|k| !k.is_none());
        let reverse = args.take_kwarg("reverse");
        let a = args.check(vm, "sorted", 1, 1)?[0].clone();
        let items = vm.collect(&a)?;
        let rev = match reverse {
            Some(r) => vm.truthy(&r)?,
            None => false,
        };
        Ok(Value::list(sort_values(vm, items, key.as_ref(), rev)?))
    });
    set_positional(vm, "callable", |vm, a| {
        check_count(vm, "callable", a.len(), 1, 1)?;
        let a = a[0].clone();
        let r = match a.payload() {
            Some(
                Payload::Function(_)
                | Payload::NativeFunction(_)
                | Payload::BoundMethod { .. }
                | Payload::Type(_),
            ) => true,
            _ => vm.lookup_in_mro(&vm.type_of(&a), "__call__").is_some(),
        };
        Ok(Value::Bool(r))
    });
    set(vm, "__build_class__", build_class);
    set(vm, "__import__", |vm, args| {
        let a = args.check(vm, "__import__", 1, 5)?.to_vec();
        let name = a[0].as_str().unwrap_or("").to_string();
        let globals = vm.new_dict();
        let fromlist = a.get(3).cloned().unwrap_or(Value::None);
        let level = a.get(4).and_then(|l| l.as_i64()).unwrap_or(0);
        vm.import_name(&name, &fromlist, level, &globals)
    });
    set(vm, "any", |vm, args| {
        let a = args.check(vm, "any", 1, 1)?[0].clone();
        let it = vm.iter(&a)?;
        let mut search = TruthSearch {
            want: true,
            found: false,
        };
        vm.drain_into(&it, &mut search)?;
        Ok(Value::Bool(search.found))
    });
    set(vm, "all", |vm, args| {
        let a = args.check(vm, "all", 1, 1)?[0].clone();
        let it = vm.iter(&a)?;
        let mut search = TruthSearch {
            want: false,
            found: false,
        };
        vm.drain_into(&it, &mut search)?;
        Ok(Value::Bool(!search.found))
    });
    set(vm, "divmod", |vm, args| {
        let a = args.check(vm, "divmod", 2, 2)?.to_vec();
        let q = vm.binary_op(&a[0], &a[1], Operator::FloorDiv)?;
        let r = vm.binary_op(&a[0], &a[1], Operator::Mod)?;
        Ok(Value::tuple(vec![q, r]))
    });
    set(vm, "pow", |vm, args| {
        let a = args.check(vm, "pow", 2, 3)?.to_vec();
        if let Some(m) = a.get(2).filter(|m| !m.is_none()) {
            let (Some(b), Some(e), Some(m)) = (a[0].as_bigint(), a[1].as_bigint(), m.as_bigint())
            else {
                return Err(vm.new_type_error(
                    "pow() 3rd argument not allowed unless all arguments are integers",
                ));
            };
            if num_traits::Zero::is_zero(&m) {
                return Err(vm.new_value_error("pow() 3rd argument cannot be 0"));
            }
            if num_traits::Signed::is_negative(&e) {
                return Err(vm.new_value_error("base is not invertible for the given modulus"));
            }
            let r = b.modpow(&e, &m);
            let r = if num_traits::Signed::is_negative(&r) != num_traits::Signed::is_negative(&m)
                && !num_traits::Zero::is_zero(&r)
            {
                r + m
            } else {
                r
            };
            return Ok(Value::bigint(r));
        }
        vm.binary_op(&a[0], &a[1], Operator::Pow)
    });
    set(vm, "round", |vm, args| {
        let a = args.check(vm, "round", 1, 2)?.to_vec();
        if vm.has_user_class(&a[0])
            && let Some(v) = vm.call_dunder(&a[0], "__round__", a[1..].to_vec())?
        {
            return Ok(v);
        }
        let nd = a.get(1).filter(|n| !n.is_none());
        match &a[0] {
            Value::Float(x) => match nd {
                None => {
                    if !x.is_finite() {
                        return Err(if x.is_nan() {
                            vm.new_value_error("cannot convert float NaN to integer")
                        } else {
                            vm.new_overflow_error("cannot convert float infinity to integer")
                        });
                    }
                    let r = round_half_even(*x);
                    Ok(Value::bigint(num_bigint::BigInt::from(r as i128)))
                }
                Some(n) => {
                    let n = ndigits_clamped(vm, n)?;
                    let s = format!("{:.*}", n.clamp(0, 300) as usize, x);
                    if n >= 0 {
                        Ok(Value::Float(s.parse().unwrap_or(*x)))
                    } else if n < -308 {
                        // 10**-n overflows a float: every finite x rounds to a signed zero.
                        Ok(Value::Float(0.0f64.copysign(*x)))
                    } else {
                        let p = 10f64.powi((-n) as i32);
                        Ok(Value::Float(round_half_even(x / p) * p))
                    }
                }
            },
            v if v.is_int_like() => match nd {
                None => Ok(Value::bigint(v.as_bigint().unwrap_or_default())),
                Some(n) => {
                    let n = ndigits_clamped(vm, n)?;
                    if n >= 0 {
                        return Ok(Value::bigint(v.as_bigint().unwrap_or_default()));
                    }
                    let b = v.as_bigint().unwrap_or_default();
                    // Rounding to more digits than the number has gives 0 (and 10**-n could
                    // be too big to compute).
                    if n.unsigned_abs() > b.bits() / 3 + 2 {
                        return Ok(Value::Int(0));
                    }
                    let p =
                        num_traits::pow(num_bigint::BigInt::from(10), n.unsigned_abs() as usize);
                    let (q, r) = num_integer::Integer::div_mod_floor(&b, &p);
                    let twice = &r * 2;
                    let q = if twice > p || (twice == p && num_integer::Integer::is_odd(&q)) {
                        q + 1
                    } else {
                        q
                    };
                    Ok(Value::bigint(q * p))
                }
            },
            other => Err(vm.new_type_error(format!(
                "type {} doesn't define __round__ method",
                vm.type_name(other)
            ))),
        }
    });
    set_positional(vm, "chr", |vm, a| {
        check_count(vm, "chr", a.len(), 1, 1)?;
        let a = a[0].clone();
        let i = to_int_arg(vm, &a)?;
        match u32::try_from(i).ok().and_then(char::from_u32) {
            Some(c) => Ok(Value::string(c.to_string())),
            None => Err(vm.new_value_error("chr() arg not in range(0x110000)")),
        }
    });
    set_positional(vm, "ord", |vm, a| {
        check_count(vm, "ord", a.len(), 1, 1)?;
        let a = a[0].clone();
        match a.as_str() {
            Some(s) if s.chars().count() == 1 => {
                Ok(Value::Int(s.chars().next().expect("one char") as i64))
            }
            Some(s) => Err(vm.new_type_error(format!(
                "ord() expected a character, but string of length {} found",
                s.chars().count()
            ))),
            None => match a.payload() {
                Some(Payload::Bytes(b)) if b.len() == 1 => Ok(Value::Int(b[0] as i64)),
                Some(Payload::Bytes(b)) => Err(vm.new_type_error(format!(
                    "ord() expected a character, but string of length {} found",
                    b.len()
                ))),
                _ => Err(vm.new_type_error(format!(
                    "ord() expected string of length 1, but {} found",
                    vm.type_name(&a)
                ))),
            },
        }
    });
    for (name, spec) in [("hex", "#x"), ("oct", "#o"), ("bin", "#b")] {
        set(vm, name, move |vm, args| {
            let a = args.check(vm, name, 1, 1)?[0].clone();
            if !a.is_int_like() {
                let i = vm.index_value(&a)?;
                return Ok(Value::string(vm.format_value(&Value::Int(i), spec)?));
            }
            Ok(Value::string(vm.format_value(&a, spec)?))
        });
    }
    set(vm, "format", |vm, args| {
        let a = args.check(vm, "format", 1, 2)?.to_vec();
        let spec = match a.get(1) {
            None => String::new(),
            Some(s) => match s.as_str() {
                Some(s) => s.to_string(),
                None => {
                    let shown = crate::vm::method_sigs::clinic_type_name(vm, s);
                    let msg = format!("format() argument 2 must be str, not {shown}");
                    return Err(vm.new_type_error(msg));
                }
            },
        };
        Ok(Value::string(vm.format_value(&a[0], &spec)?))
    });
    // Called with arguments (or from native code), these come here instead of reading the
    // caller's frame.
    set_intrinsic(vm, "globals", FrameIntrinsic::Globals, |vm, args| {
        check_count(vm, "globals", args.positional.len(), 0, 0)?;
        Err(vm.new_runtime_error("globals(): no frame"))
    });
    set_intrinsic(vm, "locals", FrameIntrinsic::Locals, |vm, args| {
        check_count(vm, "locals", args.positional.len(), 0, 0)?;
        Err(vm.new_runtime_error("locals(): no frame"))
    });
    set_intrinsic(vm, "vars", FrameIntrinsic::Locals, |vm, args| {
        let a = args.check(vm, "vars", 1, 1)?[0].clone();
        match a.as_obj().and_then(|o| o.dict.clone()) {
            Some(d) => Ok(Value::Obj(d)),
            None => Err(vm.new_type_error("vars() argument must have __dict__ attribute")),
        }
    });
    set_intrinsic(vm, "eval", FrameIntrinsic::Eval, |vm, args| {
        let a = args.check(vm, "eval", 1, 3)?.to_vec();
        let globals = match a
            .get(1)
            .and_then(|g| g.as_obj())
            .filter(|o| o.as_dict().is_some())
        {
            Some(g) => g.clone(),
            None => vm.new_dict(),
        };
        let locals = a.get(2).cloned().unwrap_or(Value::Obj(globals.clone()));
        vm.eval_or_exec(true, &a[0], &globals, locals)
    });
    set_intrinsic(vm, "exec", FrameIntrinsic::Exec, |vm, args| {
        let a = args.check(vm, "exec", 1, 3)?.to_vec();
        let globals = match a
            .get(1)
            .and_then(|g| g.as_obj())
            .filter(|o| o.as_dict().is_some())
        {
            Some(g) => g.clone(),
            None => vm.new_dict(),
        };
        let locals = a.get(2).cloned().unwrap_or(Value::Obj(globals.clone()));
        vm.eval_or_exec(false, &a[0], &globals, locals)
    });
    set(vm, "compile", |vm, args| {
        let a = args.check(vm, "compile", 3, 5)?.to_vec();
        let Some(text) = a[0].as_str().map(str::to_string) else {
            return Err(vm.new_type_error("compile() arg 1 must be a string, bytes or AST object"));
        };
        let filename = vm.str(&a[1])?;
        let is_eval = match a[2].as_str() {
            Some("eval") => true,
            Some("exec") => false,
            Some("single") => {
                return Err(vm.new_exception_msg(
                    &vm.exc
                        .by_name("NotImplementedError")
                        .expect("NotImplementedError"),
                    "percolate's compile() supports the 'exec' and 'eval' modes, not 'single'",
                ));
            }
            _ => {
                return Err(vm.new_value_error("compile() mode must be 'exec', 'eval' or 'single'"));
            }
        };
        let code = vm.compile_source(&text, &filename, is_eval)?;
        Ok(Value::Obj(Obj::new(Payload::Code(code))))
    });
    for name in ["exit", "quit"] {
        set(vm, name, |vm, args| {
            let a = args.check(vm, "exit", 0, 1)?.to_vec();
            let cls = vm.exc.system_exit.clone();
            Err(vm.new_exception(&cls, a))
        });
    }
    set_intrinsic(vm, "dir", FrameIntrinsic::Dir, |vm, args| {
        let a = args.check(vm, "dir", 1, 1)?[0].clone();
        let mut names: Vec<String> = Vec::new();
        if let Some(d) = a.as_obj().and_then(|o| o.dict.clone()) {
            for (k, _) in vm.dict_items(&d) {
                if let Some(s) = k.as_str() {
                    names.push(s.to_string());
                }
            }
        }
        let cls = vm.type_of(&a);
        let classes = match a.as_obj().filter(|o| o.as_type().is_some()) {
            Some(c) => vm.mro_of(c),
            None => vm.mro_of(&cls),
        };
        for c in classes {
            if let Some(d) = &c.dict {
                for (k, _) in vm.dict_items(d) {
                    if let Some(s) = k.as_str() {
                        names.push(s.to_string());
                    }
                }
            }
        }
        // `object.__class__` is a native descriptor, absent from the type dicts walked above.
        if !matches!(a.payload(), Some(Payload::Module { .. })) {
            names.push("__class__".to_string());
        }
        names.sort();
        names.dedup();
        Ok(Value::list(names.into_iter().map(Value::string).collect()))
    });
    set(vm, "aiter", |vm, args| {
        let a = args.check(vm, "aiter", 1, 1)?[0].clone();
        match vm.call_dunder(&a, "__aiter__", vec![])? {
            Some(v) => Ok(v),
            None => Err(vm.new_type_error(format!(
                "'{}' object is not an async iterable",
                vm.type_name(&a)
            ))),
        }
    });
    set(vm, "input", |vm, args| {
        let a = args.check(vm, "input", 0, 1)?.to_vec();
        if let Some(p) = a.first() {
            let s = vm.str(p)?;
            vm.write_stdout(&s);
        }
        vm.flush_stdout();
        let mut line = String::new();
        match std::io::stdin().read_line(&mut line) {
            Ok(0) => Err(vm.new_exception_msg(
                &vm.exc.by_name("EOFError").expect("EOFError"),
                "EOF when reading a line",
            )),
            Ok(_) => Ok(Value::string(line.trim_end_matches('\n').to_string())),
            Err(e) => Err(vm.new_exception_msg(&vm.exc.os_error.clone(), e.to_string())),
        }
    });
}

/// Rounds half to even (Python's `round`).
pub fn round_half_even(x: f64) -> f64 {
    let r = x.round();
    if (x - x.trunc()).abs() == 0.5 {
        2.0 * (x / 2.0).round()
    } else {
        r
    }
}

/// `any()` / `all()`: the search for the first item whose truth value is `want`.
struct TruthSearch {
    /// True for `any()`, false for `all()`.
    want: bool,
    /// Whether such an item came.
    found: bool,
}

impl TruthSearch {
    /// Records an item's truth value; Break once it is the one searched for.
    fn saw(&mut self, truth: bool) -> ControlFlow<()> {
        if truth == self.want {
            self.found = true;
            ControlFlow::Break(())
        } else {
            ControlFlow::Continue(())
        }
    }
}

impl ItemSink for TruthSearch {
    /// The values whose truth needs no `__bool__`/`__len__` lookup.
    #[inline]
    fn take_plain(&mut self, x: Value) -> Result<ControlFlow<()>, Value> {
        let truth = match x {
            Value::Bool(b) => b,
            Value::Int(i) => i != 0,
            Value::None => false,
            _ => return Err(x),
        };
        Ok(self.saw(truth))
    }

    fn take(&mut self, vm: &mut Vm, x: Value) -> PyResult<ControlFlow<()>> {
        let truth = vm.truthy(&x)?;
        Ok(self.saw(truth))
    }
}

/// `sum()`'s running total. A total of small ints that left the i64 range is carried in
/// an i128 (`wide`) while small ints keep coming, and becomes an `int` again when anything
/// else arrives or the loop ends: no big-int arithmetic per item.
struct SumTotal {
    /// The total (the start value at first); stale while `wide` holds it.
    acc: Value,
    /// The total, when it is a sum of small ints past the i64 range.
    wide: Option<i128>,
}

impl SumTotal {
    /// The total as a value.
    fn into_value(self) -> Value {
        match self.wide {
            Some(w) => Value::bigint(num_bigint::BigInt::from(w)),
            None => self.acc,
        }
    }
}

impl ItemSink for SumTotal {
    /// Small ints add in place (bltinmodule.c sum's int fast path).
    #[inline]
    fn take_plain(&mut self, x: Value) -> Result<ControlFlow<()>, Value> {
        let Value::Int(b) = x else {
            return Err(x);
        };
        if let Some(w) = &mut self.wide
            && let Some(total) = w.checked_add(i128::from(b))
        {
            *w = total;
            return Ok(ControlFlow::Continue(()));
        }
        if let Value::Int(a) = self.acc
            && self.wide.is_none()
        {
            match a.checked_add(b) {
                Some(total) => self.acc = Value::Int(total),
                None => self.wide = Some(i128::from(a) + i128::from(b)),
            }
            return Ok(ControlFlow::Continue(()));
        }
        Err(x)
    }

    /// A total that is a small int (not yet widened).
    #[inline]
    fn int_total(&self) -> Option<i64> {
        match (&self.acc, self.wide) {
            (Value::Int(a), None) => Some(*a),
            _ => None,
        }
    }

    #[inline]
    fn set_int_total(&mut self, total: i64) {
        self.acc = Value::Int(total);
    }

    fn take(&mut self, vm: &mut Vm, x: Value) -> PyResult<ControlFlow<()>> {
        let x = match self.take_plain(x) {
            Ok(flow) => return Ok(flow),
            Err(x) => x,
        };
        if let Some(w) = self.wide.take() {
            self.acc = Value::bigint(num_bigint::BigInt::from(w));
        }
        if !add_to_owned_big_int(&mut self.acc, &x) {
            self.acc = vm.binary_op(&self.acc, &x, Operator::Add)?;
        }
        Ok(ControlFlow::Continue(()))
    }
}

/// `acc += x` in place when `acc` is a plain big `int` that only `sum()` holds and `x` is a
/// plain `int`: a sum past the i64 range adds into its own digits instead of building a new
/// object per item through the generic `+` (the result is demoted to a small int when it
/// fits again, as every int result is). False: nothing was done.
fn add_to_owned_big_int(acc: &mut Value, x: &Value) -> bool {
    let Value::Obj(o) = acc else {
        return false;
    };
    let Some(obj) = ObjRef::get_mut(o) else {
        return false;
    };
    if obj.class.is_some() {
        return false;
    }
    let Payload::Int(big) = &mut obj.payload else {
        return false;
    };
    match x {
        Value::Int(i) => *big += *i,
        Value::Obj(xo) if xo.class.is_none() => match &xo.payload {
            Payload::Int(xb) => *big += xb,
            _ => return false,
        },
        _ => return false,
    }
    if let Ok(small) = i64::try_from(&*big) {
        *acc = Value::Int(small);
    }
    true
}
