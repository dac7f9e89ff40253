//! `list[int]`, `dict[str, int]`, `tuple[int, ...]`: the built-in containers'
//! `__class_getitem__` returns a `types.GenericAlias` (defined in `py/types.py`, imported on
//! the first subscription so start-up pays nothing).

use crate::vm::{Args, Value, Vm};

/// Adds `__class_getitem__` returning a `types.GenericAlias` to the built-in container types.
pub fn install(vm: &mut Vm) {
    let origins = [
        vm.types.list.clone(),
        vm.types.dict.clone(),
        vm.types.tuple.clone(),
        vm.types.set.clone(),
        vm.types.frozenset.clone(),
        vm.types.type_.clone(),
    ];
    for origin in origins {
        vm.add_classmethod(&origin, "__class_getitem__", |vm, args: Args| {
            let [origin, params] = args.check(vm, "__class_getitem__", 2, 2)? else {
                unreachable!("check returned two arguments")
            };
            let (origin, params) = (origin.clone(), params.clone());
            let types = vm.import_module("types")?;
            let alias = vm.get_attr(&Value::Obj(types), "GenericAlias")?;
            vm.call(&alias, vec![origin, params])
        });
    }
}
