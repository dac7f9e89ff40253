//! Built-in modules.

pub mod asyncio_module;
pub mod mt_random;

/// Registers every native module with the VM (add one line per module).
pub fn register_all(vm: &mut crate::vm::Vm) {
    vm.register_module("asyncio", asyncio_module::init);
}
