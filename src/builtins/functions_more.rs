//! Builtin functions and argument checks layered over the VM's core set: `print`'s keyword
//! names, `list.sort`'s keyword-only signature, and `complex`, which percolate refuses.

use crate::vm::{Args, ObjRef, PyResult, Value, Vm};

/// Replaces builtin `name` by `check` followed by the original function.
fn wrap_builtin(
    vm: &mut Vm,
    name: &'static str,
    check: impl Fn(&mut Vm, &Args) -> PyResult<()> + 'static,
) {
    let builtins = vm.builtins_dict();
    let Some(original) = vm.dict_get_str(&builtins, name) else {
        return;
    };
    let wrapped = vm.new_native_fn(name, move |vm, args| {
        check(vm, &args)?;
        vm.call_args(&original, args)
    });
    vm.dict_set_str(&builtins, name, wrapped);
}

/// Replaces method `name` of `cls` by `check` followed by the original method.
fn wrap_method(
    vm: &mut Vm,
    cls: &ObjRef,
    name: &'static str,
    check: impl Fn(&mut Vm, &Args) -> PyResult<()> + 'static,
) {
    let Ok(original) = vm.get_attr(&Value::Obj(cls.clone()), name) else {
        return;
    };
    vm.add_method(cls, name, move |vm, args| {
        check(vm, &args)?;
        vm.call_args(&original, args)
    });
}

/// Registers the functions and checks of this file.
pub fn install(vm: &mut Vm) {
    wrap_builtin(vm, "print", |vm, args| {
        for (key, _) in &args.kwargs {
            if !matches!(&**key, "sep" | "end" | "file" | "flush") {
                return Err(vm.new_type_error(format!(
                    "'{key}' is an invalid keyword argument for print()"
                )));
            }
        }
        Ok(())
    });
    let list = vm.types.list.clone();
    wrap_method(vm, &list, "sort", |vm, args| {
        if args.positional.len() > 1 {
            return Err(vm.new_type_error("sort() takes no positional arguments"));
        }
        Ok(())
    });
    let complex = vm.new_native_fn("complex", |vm, _args| {
        Err(vm.new_not_implemented_error("percolate does not support complex numbers"))
    });
    let builtins = vm.builtins_dict();
    vm.dict_set_str(&builtins, "complex", complex);
}
