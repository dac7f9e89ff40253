//! `coroutine.__await__()` returns a `coroutine_wrapper`: an iterator that delegates `send`,
//! `throw` and `close` to its coroutine (CPython's `_PyCoroWrapper_Type`). It is what a custom
//! `__await__` may return (`return self.snooze().__await__()`), where returning the coroutine
//! itself is a `TypeError`.

use crate::vm::object::NativeObject;
use crate::vm::{Args, PyResult, Value, Vm};
use std::any::Any;

/// The state of a wrapper: the coroutine it delegates to.
struct CoroutineWrapper {
    /// The wrapped coroutine.
    coro: Value,
}

impl NativeObject for CoroutineWrapper {
    fn trace(&self, visit: &mut dyn FnMut(&Value)) {
        visit(&self.coro);
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// The coroutine behind the wrapper passed as `self`.
fn wrapped(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let me = args.positional.first().and_then(|v| v.as_obj().cloned());
    match me.as_ref().and_then(|o| o.native::<CoroutineWrapper>()) {
        Some(state) => Ok(state.coro.clone()),
        None => Err(vm.new_type_error("descriptor requires a 'coroutine_wrapper' object")),
    }
}

/// Installs the wrapper class and `coroutine.__await__`.
pub fn init(vm: &mut Vm) {
    let cls = vm.new_native_class("coroutine_wrapper", &[], "builtins");
    vm.add_method(&cls, "__iter__", |_, args| Ok(args.positional[0].clone()));
    vm.add_method(&cls, "__next__", |vm, args| {
        let coro = wrapped(vm, &args)?;
        vm.call_method(&coro, "send", vec![Value::None])
    });
    vm.add_method(&cls, "send", |vm, args| {
        let coro = wrapped(vm, &args)?;
        let value = args.positional.get(1).cloned().unwrap_or(Value::None);
        vm.call_method(&coro, "send", vec![value])
    });
    vm.add_method(&cls, "throw", |vm, args| {
        let coro = wrapped(vm, &args)?;
        vm.call_method(&coro, "throw", args.positional[1..].to_vec())
    });
    vm.add_method(&cls, "close", |vm, args| {
        let coro = wrapped(vm, &args)?;
        vm.call_method(&coro, "close", Vec::new())
    });
    let coroutine = vm.types.coroutine.clone();
    vm.add_method(&coroutine, "__await__", move |vm, args| {
        let coro = args.positional[0].clone();
        Ok(Value::Obj(
            vm.new_native_object(&cls, CoroutineWrapper { coro }),
        ))
    });
}
