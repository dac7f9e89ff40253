//! The `asyncio` module: the Python-level core (`asyncio/core.py`: Future, Task, the event
//! loop's `_run_once`) and the rest of the library (`asyncio/prelude.py`) compiled into the
//! binary, plus the native pieces they stand on: the loop clock and the wait on `mio::Poll`.

use crate::vm::{Args, ObjRef, PyResult, Value, Vm};
use std::cell::RefCell;
use std::time::Duration;

/// The Python source of the module: the core first, then the library built on it.
const SOURCE: &str = concat!(
    include_str!("asyncio/core.py"),
    "\n",
    include_str!("asyncio/prelude.py")
);

thread_local! {
    /// The poller the loop waits on; created on first wait (no cost for programs without asyncio).
    static POLL: RefCell<Option<mio::Poll>> = const { RefCell::new(None) };
}

/// Reads a number argument as seconds.
fn seconds(vm: &mut Vm, v: &Value) -> PyResult<Option<f64>> {
    match v {
        Value::None => Ok(None),
        Value::Int(i) => Ok(Some(*i as f64)),
        Value::Bool(b) => Ok(Some(f64::from(u8::from(*b)))),
        Value::Float(f) => Ok(Some(*f)),
        other => Err(vm.new_type_error(format!(
            "'{}' object cannot be interpreted as a number of seconds",
            vm.type_name(other)
        ))),
    }
}

/// Waits up to `timeout` seconds on the loop's poller (`None`: until an event arrives).
fn select(timeout: Option<f64>) {
    let duration = timeout.map(|t| Duration::from_secs_f64(t.clamp(0.0, 86_400.0)));
    POLL.with(|cell| {
        let mut slot = cell.borrow_mut();
        if slot.is_none() {
            *slot = mio::Poll::new().ok();
        }
        match slot.as_mut() {
            Some(poll) => {
                let mut events = mio::Events::with_capacity(8);
                // An interrupted wait simply ends early; the loop recomputes its timeout.
                let _ = poll.poll(&mut events, duration);
            }
            None => std::thread::sleep(duration.unwrap_or(Duration::from_secs(86_400))),
        }
    });
}

/// Builds the `asyncio` module on first import.
pub fn init(vm: &mut Vm) -> PyResult<ObjRef> {
    let monotonic = vm.new_native_fn("_monotonic", |_vm, _args: Args| {
        Ok(Value::Float(super::time::monotonic()))
    });
    let wait = vm.new_native_fn("_select", |vm, args: Args| {
        let timeout = match args.positional.first() {
            Some(v) => seconds(vm, v)?,
            None => None,
        };
        select(timeout);
        Ok(Value::None)
    });
    let print_exc = vm.new_native_fn("_print_exception", |vm, args: Args| {
        if let Some(Value::Obj(exc)) = args.positional.first() {
            let exc = exc.clone();
            vm.print_exception(&exc);
        }
        Ok(Value::None)
    });
    let write = vm.new_native_fn("_write_stderr", |vm, args: Args| {
        if let Some(text) = args
            .positional
            .first()
            .and_then(|v| v.as_str().map(String::from))
        {
            vm.write_stderr(&text);
        }
        Ok(Value::None)
    });
    super::python_module(
        vm,
        "asyncio",
        "<frozen asyncio>",
        SOURCE,
        vec![
            ("_monotonic", monotonic),
            ("_select", wait),
            ("_print_exception", print_exc),
            ("_write_stderr", write),
        ],
    )
}
