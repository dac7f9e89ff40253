//! Small core-language additions found by running third-party test programs: the importable
//! `builtins` module, `NoneType()`.

use crate::vm::{Value, Vm};

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
}
