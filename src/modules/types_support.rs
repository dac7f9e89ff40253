//! Native support of the `types` module: `types.coroutine` on a generator function marks its
//! code CO_ITERABLE_COROUTINE (Lib/types.py coroutine), so `await` accepts its generators.

use crate::bytecode::{Code, CodeFlags};
use crate::vm::object::{Function, Obj, Payload};
use crate::vm::{Args, PyResult, Value, Vm};
use std::cell::RefCell;
use std::rc::Rc;

/// `_iterable_coroutine(func)`: a copy of generator function `func` whose code carries the
/// iterable-coroutine flag (CPython sets the flag on the function's own code object; code
/// objects are shared and immutable here, so the function is copied with its `__dict__`).
pub fn iterable_coroutine(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = args.check(vm, "_iterable_coroutine", 1, 1)?;
    let func = a[0].clone();
    let Some(Payload::Function(f)) = func.payload() else {
        return Err(vm.new_type_error("_iterable_coroutine() expects a Python function"));
    };
    if !f.code.flags.generator || f.code.flags.iterable_coroutine {
        return Ok(func);
    }
    let code = Rc::new(Code {
        flags: CodeFlags {
            iterable_coroutine: true,
            ..f.code.flags
        },
        ..(*f.code).clone()
    });
    // The copy's frames reach their code through the name table: it must be the new code's.
    let names = vm.name_table_of(&code);
    let copy = Function {
        exact_arity: Function::exact_arity_of(&code),
        code,
        globals: f.globals.clone(),
        defaults: RefCell::new(f.defaults.borrow().clone()),
        kwdefaults: RefCell::new(f.kwdefaults.borrow().clone()),
        closure: f.closure.clone(),
        name: RefCell::new(f.name.borrow().clone()),
        qualname: RefCell::new(f.qualname.borrow().clone()),
        consts: names.consts.clone(),
        names,
    };
    let dict = vm.new_dict();
    if let Some(old) = func.as_obj().and_then(|o| o.dict.clone()) {
        for (k, v) in vm.dict_items(&old) {
            vm.dict_set(&dict, k, v)?;
        }
    }
    let cls = vm.type_of(&func);
    Ok(Value::Obj(Obj::with_class(
        cls,
        Some(dict),
        Payload::Function(Box::new(copy)),
    )))
}
