//! The hook asyncio uses to run callbacks and task steps in a `contextvars` context (CPython:
//! a Handle captures `contextvars.copy_context()` and runs its callback with `Context.run`; a
//! Task does the same for every step). See notes/CONTEXTVARS.md.

use crate::vm::{ObjRef, PyResult, Value, Vm};
use std::cell::Cell;

thread_local! {
    /// (sys.modules' address, its version) when it was last seen without `contextvars`.
    static ABSENT_AT: Cell<Option<(usize, Option<u64>)>> = const { Cell::new(None) };
}

impl Vm {
    /// The context a new Task or Handle should capture: `contextvars.copy_context()` once the
    /// `contextvars` module has been imported, else None (no context variable can exist yet, so
    /// running in whatever context is current is indistinguishable and costs nothing).
    #[inline]
    pub fn capture_context(&mut self) -> PyResult<Value> {
        // sys.modules unchanged since it last lacked contextvars: still no context variables.
        // (Inline: every task step asks; the answer is almost always this one.)
        let version = self.modules.as_dict().map(|d| d.borrow().version.get());
        let modules_id = ObjRef::as_ptr(&self.modules) as usize;
        if version.is_some() && ABSENT_AT.with(|a| a.get()) == Some((modules_id, version)) {
            return Ok(Value::None);
        }
        self.capture_context_slow(modules_id, version)
    }

    /// `capture_context` once sys.modules has changed: looks for `contextvars` again.
    #[inline(never)]
    fn capture_context_slow(&mut self, modules_id: usize, version: Option<u64>) -> PyResult<Value> {
        let modules = self.modules.clone();
        let Some(module) = self.dict_get_str(&modules, "contextvars") else {
            ABSENT_AT.with(|a| a.set(Some((modules_id, version))));
            return Ok(Value::None);
        };
        let copy = self.get_attr(&module, "copy_context")?;
        self.call(&copy, vec![])
    }

    /// Calls `callable(*args)` inside `context` (`Context.run`), or directly when `context`
    /// is None.
    pub fn call_in_context(
        &mut self,
        context: &Value,
        callable: &Value,
        args: Vec<Value>,
    ) -> PyResult<Value> {
        if context.is_none() {
            return self.call(callable, args);
        }
        let mut run_args = Vec::with_capacity(args.len() + 1);
        run_args.push(callable.clone());
        run_args.extend(args);
        self.call_method(context, "run", run_args)
    }
}

#[cfg(test)]
mod tests {
    use crate::vm::{Value, Vm};

    /// Runs `source` in a fresh `__main__` and returns its globals.
    fn run(vm: &mut Vm, source: &str) -> crate::vm::ObjRef {
        let main = vm.new_module("__main__");
        let globals = main.dict.clone().expect("a module dict");
        let code = crate::compile_source(source, "<test>").expect("compiles");
        vm.run_module_code(code, &globals).expect("runs");
        globals
    }

    #[test]
    fn no_context_before_contextvars_is_imported() {
        let captured = crate::with_big_stack(|| {
            let mut vm = Vm::new();
            vm.capture_context().expect("captures").is_none()
        });
        assert!(captured);
    }

    #[test]
    fn callables_run_in_the_captured_copy() {
        let seen = crate::with_big_stack(|| {
            let mut vm = Vm::new();
            let globals = run(
                &mut vm,
                "import contextvars\nv = contextvars.ContextVar('v', default=0)\nv.set(1)\n\
                 def step(n):\n    v.set(v.get() + n)\n    return v.get()\n",
            );
            let ctx = vm.capture_context().expect("captures");
            let step = vm.dict_get_str(&globals, "step").expect("step defined");
            let first = vm.call_in_context(&ctx, &step, vec![Value::Int(10)]);
            let second = vm.call_in_context(&ctx, &step, vec![Value::Int(100)]);
            let outside = vm.call(&step, vec![Value::Int(0)]);
            let as_int = |r: crate::vm::PyResult<Value>| r.ok().and_then(|v| v.as_i64());
            (as_int(first), as_int(second), as_int(outside))
        });
        assert_eq!(seen, (Some(11), Some(111), Some(1)));
    }
}
