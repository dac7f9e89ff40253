//! The `asyncio` module: the Python-level core (`asyncio/core.py`: Future, Task, the event
//! loop's `_run_once`) and the rest of the library (`asyncio/prelude.py`) compiled into the
//! binary, plus the native pieces they stand on: the loop clock, and the selector and sockets
//! (`asyncio/sockets.rs`) behind the transports and streams (`asyncio/selector_events.py`,
//! `asyncio/streams.py`).

use crate::vm::{Args, ObjRef, PyResult, Value, Vm};

/// The Python source of the module: the core first, then the library built on it.
const SOURCE: &str = concat!(
    include_str!("asyncio/core.py"),
    "\n",
    include_str!("asyncio/prelude.py"),
    "\n",
    include_str!("asyncio/selector_events.py"),
    "\n",
    include_str!("asyncio/streams.py")
);

#[path = "asyncio/sockets.rs"]
mod sockets;

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
        let events = sockets::select(timeout)
            .into_iter()
            .map(|(fd, mask)| {
                Value::tuple(vec![Value::Int(i64::from(fd)), Value::Int(i64::from(mask))])
            })
            .collect();
        Ok(Value::list(events))
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
    let mut natives = vec![
        ("_monotonic", monotonic),
        ("_select", wait),
        ("_print_exception", print_exc),
        ("_write_stderr", write),
    ];
    natives.extend(sockets::natives(vm)?);
    super::python_module(vm, "asyncio", "<frozen asyncio>", SOURCE, natives)
}

/// Builds the `socket` module (`asyncio/socket.py`) on first import; it shares the resolver and
/// `gaierror` with asyncio.
pub fn init_socket(vm: &mut Vm) -> PyResult<ObjRef> {
    let natives = sockets::natives(vm)?
        .into_iter()
        .filter(|(name, _)| matches!(*name, "_getaddrinfo" | "_gaierror" | "_socket"))
        .collect();
    super::python_module(
        vm,
        "socket",
        "<frozen socket>",
        include_str!("asyncio/socket.py"),
        natives,
    )
}
