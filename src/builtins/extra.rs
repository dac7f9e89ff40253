//! Small core-language additions found by running third-party test programs: the importable
//! `builtins` module.

use crate::vm::Vm;

/// Registers the additions; called from `builtins::init` after the native modules.
pub fn install(vm: &mut Vm) {
    // `import builtins` yields the very module name look-ups fall back to, so assigning
    // `builtins.abs = ...` overrides the builtin as in CPython.
    vm.register_module("builtins", |vm| Ok(vm.builtins.clone()));
}
