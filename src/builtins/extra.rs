//! Small core-language additions found by running third-party test programs: the importable
//! `builtins` module, `NoneType()`, `types.ModuleType(name, doc)`.

use crate::vm::object::{Obj, Payload};
use crate::vm::{Args, PyResult, Value, Vm};
use std::rc::Rc;

/// Registers the additions; called from `builtins::init` after the native modules.
pub fn install(vm: &mut Vm) {
    // `import builtins` yields the very module name look-ups fall back to, so assigning
    // `builtins.abs = ...` overrides the builtin as in CPython.
    vm.register_module("builtins", |vm| Ok(vm.builtins.clone()));
    // Mirrors object.c none_new: calling `type(None)` returns the None singleton.
    let none_type = vm.types.none_type.clone();
    vm.add_static(&none_type, "__new__", |vm, args| {
        if args.positional.len() > 1 || !args.kwargs.is_empty() {
            return Err(vm.new_type_error("NoneType takes no arguments"));
        }
        Ok(Value::None)
    });
    let module_type = vm.types.module.clone();
    vm.add_static(&module_type, "__new__", module_new);
}

/// Mirrors moduleobject.c module___init__: `module(name, doc=None)` (also for subclasses)
/// with `__name__`, `__doc__`, `__package__`, `__loader__` and `__spec__` set.
fn module_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let Some(Value::Obj(cls)) = args.positional.first().cloned() else {
        return Err(vm.new_type_error("module.__new__(X): X is not a type object"));
    };
    // Argument Clinic's order of checks: the count, a name given twice, the missing name,
    // then unknown keywords.
    let given = args.positional.len() - 1 + args.kwargs.len();
    if given > 2 {
        return Err(vm.new_type_error(format!(
            "module() takes at most 2 arguments ({given} given)"
        )));
    }
    let mut name = args.positional.get(1).cloned();
    let mut doc = args.positional.get(2).cloned();
    let mut unknown = None;
    for (key, value) in &args.kwargs {
        let (slot, position) = match &**key {
            "name" => (&mut name, 1),
            "doc" => (&mut doc, 2),
            _ => {
                unknown.get_or_insert_with(|| key.clone());
                continue;
            }
        };
        if slot.is_some() {
            return Err(vm.new_type_error(format!(
                "argument for module() given by name ('{key}') and position ({position})"
            )));
        }
        *slot = Some(value.clone());
    }
    if name.is_some()
        && let Some(key) = unknown
    {
        return Err(vm.new_type_error(format!(
            "'{key}' is an invalid keyword argument for module()"
        )));
    }
    let Some(name) = name else {
        return Err(vm.new_type_error("module() missing required argument 'name' (pos 1)"));
    };
    let Some(name_text) = name.as_str().map(Rc::<str>::from) else {
        let got = vm.type_name(&name);
        return Err(vm.new_type_error(format!("module() argument 'name' must be str, not {got}")));
    };
    let dict = crate::vm::types::new_dict_obj();
    vm.dict_set_str(&dict, "__name__", name);
    vm.dict_set_str(&dict, "__doc__", doc.unwrap_or(Value::None));
    for attr in ["__package__", "__loader__", "__spec__"] {
        vm.dict_set_str(&dict, attr, Value::None);
    }
    let module = Obj::with_class(cls, Some(dict), Payload::Module { name: name_text });
    Ok(Value::Obj(module))
}
