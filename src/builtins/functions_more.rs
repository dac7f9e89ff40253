//! Builtin functions and argument checks layered over the VM's core set: CPython's messages
//! for `print`, `sorted`, `iter`, `sum`, `divmod`, `zip`, `str.join`, `bytes()` and
//! `list.sort`, and `complex`, which percolate refuses.

use super::object::add_new;
use crate::vm::object::{Payload, ViewKind};
use crate::vm::{Args, ObjRef, PyResult, Value, Vm};

/// Replaces builtin `name` by `f`, which receives the original function and the arguments.
fn wrap_builtin(
    vm: &mut Vm,
    name: &'static str,
    f: impl Fn(&mut Vm, &Value, Args) -> PyResult<Value> + 'static,
) {
    let builtins = vm.builtins_dict();
    let Some(original) = vm.dict_get_str(&builtins, name) else {
        return;
    };
    let wrapped = vm.new_native_fn(name, move |vm, args| f(vm, &original, args));
    vm.dict_set_str(&builtins, name, wrapped);
}

/// Replaces method `name` of `cls` by `f`, which receives the original method and the arguments.
fn wrap_method(
    vm: &mut Vm,
    cls: &ObjRef,
    name: &'static str,
    f: impl Fn(&mut Vm, &Value, Args) -> PyResult<Value> + 'static,
) {
    let Ok(original) = vm.get_attr(&Value::Obj(cls.clone()), name) else {
        return;
    };
    vm.add_method(cls, name, move |vm, args| f(vm, &original, args));
}

/// True for a zero int or float operand.
fn is_zero(v: &Value) -> bool {
    match v {
        Value::Int(0) | Value::Bool(false) => true,
        Value::Float(x) => *x == 0.0,
        _ => false,
    }
}

/// The keys, values or items of a dict or dict view, last first (a snapshot: dicts are
/// insertion-ordered, so reversal is the snapshot read backwards).
fn dict_reversed_items(vm: &mut Vm, target: &Value) -> Option<Vec<Value>> {
    let (dict, kind) = match target.payload()? {
        Payload::Dict(_) => (target.as_obj()?.clone(), ViewKind::Keys),
        Payload::DictView { dict, kind } => (dict.clone(), *kind),
        _ => return None,
    };
    let pairs = vm.dict_items(&dict);
    Some(
        pairs
            .into_iter()
            .rev()
            .map(|(k, v)| match kind {
                ViewKind::Keys => k,
                ViewKind::Values => v,
                ViewKind::Items => Value::tuple(vec![k, v]),
            })
            .collect(),
    )
}

/// Registers the functions and checks of this file.
pub fn install(vm: &mut Vm) {
    wrap_builtin(vm, "print", |vm, original, args| {
        for (key, _) in &args.kwargs {
            if !matches!(&**key, "sep" | "end" | "file" | "flush") {
                return Err(vm.new_type_error(format!(
                    "'{key}' is an invalid keyword argument for print()"
                )));
            }
        }
        vm.call_args(original, args)
    });
    wrap_builtin(vm, "sorted", |vm, original, args| {
        if args.positional.len() > 1 {
            return Err(vm.new_type_error(format!(
                "sorted expected 1 argument, got {}",
                args.positional.len()
            )));
        }
        vm.call_args(original, args)
    });
    let builtins = vm.builtins_dict();
    let callable = vm.dict_get_str(&builtins, "callable");
    wrap_builtin(vm, "iter", move |vm, original, args| {
        if args.positional.len() == 2
            && let Some(callable) = &callable
        {
            let ok = vm.call(callable, vec![args.positional[0].clone()])?;
            if !vm.truthy(&ok)? {
                return Err(vm.new_type_error("iter(v, w): v must be callable"));
            }
        }
        vm.call_args(original, args)
    });
    wrap_builtin(vm, "sum", |vm, original, mut args| {
        let start = match args.positional.get(1) {
            Some(v) => Some(v.clone()),
            None => {
                let start = args.take_kwarg("start");
                if let Some(v) = &start {
                    args.kwargs.push(("start".into(), v.clone()));
                }
                start
            }
        };
        if let Some(Payload::Bytes(_)) = start.as_ref().and_then(|v| v.payload()) {
            return Err(vm.new_type_error("sum() can't sum bytes [use b''.join(seq) instead]"));
        }
        vm.call_args(original, args)
    });
    wrap_builtin(vm, "divmod", |vm, original, args| {
        if let [a, b] = args.positional.as_slice() {
            let float_involved = matches!(a, Value::Float(_)) || matches!(b, Value::Float(_));
            let numbers = matches!(a, Value::Int(_) | Value::Float(_) | Value::Bool(_));
            if float_involved && numbers && is_zero(b) {
                return Err(vm.new_zero_division_error("float divmod()"));
            }
        }
        vm.call_args(original, args)
    });
    wrap_builtin(vm, "zip", |vm, original, mut args| {
        // CPython takes every iterator up front, so a non-iterable fails with iter()'s message.
        let mut iterators = Vec::with_capacity(args.positional.len());
        for v in &args.positional {
            iterators.push(vm.iter(v)?);
        }
        args.positional = iterators;
        vm.call_args(original, args)
    });
    let bytes = vm.types.bytes.clone();
    if let Ok(original_new) = vm.get_attr(&Value::Obj(bytes.clone()), "__new__") {
        add_new(vm, &bytes, move |vm, args| {
            let plain_source = args.positional.len() == 2 && args.kwargs.is_empty();
            if plain_source {
                match &args.positional[1] {
                    Value::Int(n) if *n < 0 => {
                        return Err(vm.new_value_error("negative count"));
                    }
                    v if v.as_str().is_some() => {
                        return Err(vm.new_type_error("string argument without an encoding"));
                    }
                    _ => {}
                }
            }
            vm.call_args(&original_new, args)
        });
    }
    wrap_builtin(vm, "reversed", |vm, original, args| {
        if let [target] = args.positional.as_slice()
            && args.kwargs.is_empty()
            && !vm.has_user_class(target)
            && let Some(items) = dict_reversed_items(vm, target)
        {
            return vm.iter(&Value::list(items));
        }
        vm.call_args(original, args)
    });
    let list = vm.types.list.clone();
    wrap_method(vm, &list, "sort", |vm, original, args| {
        if args.positional.len() > 1 {
            return Err(vm.new_type_error("sort() takes no positional arguments"));
        }
        vm.call_args(original, args)
    });
    let complex = vm.new_native_fn("complex", |vm, _args| {
        Err(vm.new_not_implemented_error("percolate does not support complex numbers"))
    });
    let builtins = vm.builtins_dict();
    vm.dict_set_str(&builtins, "complex", complex);
}
